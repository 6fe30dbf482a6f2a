"""Whole-text scans (issue 8) run in ASCII mode on plain text and only where a word with one of their heads starts:
they must find exactly what the plain Unicode regex finds, everywhere."""

import json
import re
from pathlib import Path

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from paperkg.extractors import datasets, methods, metrics, tasks
from paperkg.extractors.extensions import sentence_ranges
from paperkg.extractors.pipeline import RegexTokenizer, load
from paperkg.extractors.gazetteer import cached_gazetteer
from paperkg.extractors.gazetteer import Entry, Gazetteer
from paperkg.extractors.scan import ScanPattern, literal_heads, literal_prefixes, plain, word_heads, word_index

# every scan tried at word starts only, and the tokenizer (which scans everything)
WORD_SCANS = {
    "methods cue": methods._CUE,
    "methods compare": methods._COMPARE,
    "methods participle": methods._PARTICIPLE,
    "methods module noun": methods._MODULE_NOUN,
    "datasets anchor": datasets._ANCHOR,
    "datasets on": datasets._ON,
    "tasks anchor": tasks._ANCHOR,
    "metrics folded": metrics.load_metrics()[1],
    "metrics exact": metrics.load_metrics()[2],
    "gazetteer": cached_gazetteer([]).regex,
}
# scans tried only where one of their literal starts is (str.find)
LITERAL_SCANS = {"tasks list start": tasks._LIST_START}
SCANS = {**WORD_SCANS, **LITERAL_SCANS, "tokenizer": RegexTokenizer._TOKEN,
         "methods family token": methods._FAMILY_TOKEN, "datasets shared task hint": datasets._SHARED_HINT}

# words the scans look for, glued by ASCII, Unicode and the separators only Unicode \s knows (\x1c-\x1f)
PIECES = ["we propose ", "outperforms ", "dataset", "benchmark ", "segmentation", "detection ", "top-1 accuracy",
          "mIoU", "FID ", "PSNR", "é", "ü", "×", "\u00a0", "\x1c", "\x1f", " ", "\n", "-", "_", "(", ") ", ". ",
          "Net", "x", "1", "ß", "K", "\u212a", "The present paper ", "also introduce ", "than", "thanks ", "e.g., ",
          "models such as ", "across the ", "on ", "module", "s ", "3D", "(IA)3", "ResNet50", "BERT", "ImageNet-1K",
          "proposed", "is proposed", "sub", "@", "/", ".", "GPT-4 ", "T5 ", "vs. ", "F1 ", "3DPW ", "3D Gaussian",
          "unlike ", ": ", "LLMs ", "SemEval-2024 ", "ranging from ", "including ", "SegFormer"]
TEXT = st.one_of(st.lists(st.sampled_from([p for p in PIECES if p.isascii()]), max_size=80),
                 st.lists(st.sampled_from(PIECES), max_size=80)).map("".join)


def spans(pattern, text):
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 60), st.integers(0, 400))
def test_every_scan_finds_what_the_unicode_regex_finds(text, pos, endpos):
    padded = text + " " * 201  # long enough for the ASCII path to be taken when the text allows it
    for name, scan in SCANS.items():
        reference = re.compile(scan.pattern, scan.unicode.flags)
        for subject in (padded, padded.lower()):
            assert spans(scan, subject) == spans(reference, subject), name
            found, expected = scan.search(subject, pos, endpos), reference.search(subject, pos, endpos)
            assert (found and found.span()) == (expected and expected.span()), name
            assert [m.span() for m in scan.finditer(subject, pos, endpos)] == \
                [m.span() for m in reference.finditer(subject, pos, endpos)], name


def test_the_word_scans_are_tried_at_word_starts_only():
    """Not vacuous: each of them has heads (or literal starts), so plain text takes the shorter path."""
    for name, scan in WORD_SCANS.items():
        assert scan.heads, name
    for name, scan in LITERAL_SCANS.items():
        assert scan.heads is None and scan.literals, name


def abstracts() -> list[str]:
    """Real abstracts: the project's examples (every input format), and the dev set when ../shared is there."""
    from collections import Counter

    from paperkg.extractors import analysed_text
    from paperkg.readers import read_inputs

    root = Path(__file__).resolve().parents[1]
    rows = [{"title": r.title, "abstract": r.abstract} for r in read_inputs([str(root / "examples")], counts=Counter())]
    dev = root.parent / "shared" / "eval" / "dev.jsonl"
    if dev.exists():
        rows += [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [analysed_text(r.get("title", ""), r.get("abstract", "")) for r in rows]


def test_on_real_abstracts_the_word_scans_find_what_the_regex_finds():
    texts = abstracts()
    assert len(texts) >= 5
    for text in texts:
        for subject in (text, text.lower()):
            for name, scan in {**WORD_SCANS, **LITERAL_SCANS}.items():
                reference = re.compile(scan.pattern, scan.unicode.flags)
                assert spans(scan, subject) == spans(reference, subject), (name, subject[:60])


@pytest.mark.parametrize("pattern, heads", [
    (r"\bwe\s+propose", {"we"}),
    (r"\b(?:outperform\w*|than|baselines?)\s+", {"outper", "than", "baseli"}),  # a head is a word's first 6 letters
    (r"(?<![\w-])(?:image\s+classification|3d\s+detection)(?![\w-])", {"image", "3"}),  # digits: the digit alone
    (r"(?<![\w@/.-])(?:\(ia\)3|bert)(?![^\W\d_])", {"(", "bert"}),  # signs after a lookbehind: the sign
    (r"\b(?:ROUGE(?:-?[L12])?)\b", {"rouge", "rougel"}),  # case-blind heads, one way per class member
    (r"\b(?:caf\u00e9|data)s?\b", {"data", "datas"}),  # a non-ASCII way never matches plain text
])
def test_word_heads_are_read_off_the_pattern(pattern, heads):
    assert word_heads(pattern) == heads


def test_a_gazetteer_gives_its_heads_as_word_heads_reads_them_off_its_trie():
    """The gazetteer's heads come from its names (parsing a trie of thousands costs most of start-up)."""
    names = ["ImageNet-1K", "COCO", "3DMatch", "(IA)3", "Caf\u00e9 Bench", "GLUE", "Open X", "ab", "SQuAD 2.0"]
    small = Gazetteer([Entry(name.lower(), "dataset", name, [name]) for name in names])
    assert small.regex.heads == word_heads(small.regex.pattern) == literal_heads(n.lower() for n in names)
    assert small.regex.heads == {"imagen", "coco", "3", "(", "glue", "open", "ab", "squad"}
    full = cached_gazetteer([]).regex
    assert full.heads == word_heads(full.pattern) and len(full.heads) > 1000


@pytest.mark.parametrize("pattern", [
    r"\bthan",            # may end inside a word: 'thanks'
    r"like\s+",          # may start inside a word: 'unlike'
    r"\b\(",             # \b before a sign: a word character comes before
    r"\b[a-z]+ing\b",   # the first letters are not spelled out
    r"(?:such\s+as|:)",  # may start with a sign that no lookbehind separates from a word
])
def test_patterns_without_a_known_first_word_are_scanned_everywhere(pattern):
    assert word_heads(pattern) is None
    text = "unlike thanks (x) " * 20
    assert [m.span() for m in ScanPattern(pattern).finditer(text)] == [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("pattern, literals", [
    (r"(?:such\s+as|including|e\.g\.,?|:)\s+", {"such", "includin", "e.g.", ":"}),  # up to 8 characters
    (r"\b(?:GPT|Net)(?:-\d)?", {"GPT", "Net"}),  # a match may start inside a word: 'ResNet'
])
def test_literal_starts_are_read_off_the_pattern(pattern, literals):
    assert word_heads(pattern) is None and literal_prefixes(pattern) == literals


def test_a_pattern_with_many_literal_starts_is_scanned_as_usual():
    assert methods._FAMILY_TOKEN.literals is None  # 36 model families: 36 str.find calls cost more than one scan


def test_case_blind_patterns_have_no_literal_starts():
    assert literal_prefixes(r"such\s+as", re.IGNORECASE) is None and literal_prefixes(r"(?i:such)") is None


def test_the_word_index_maps_heads_to_where_their_words_start():
    ScanPattern(r"\b(?:dataset|benchmark)s?\b")
    text = "Two Datasets, one benchmark; no subdataset. " * 5
    index = word_index(text)
    assert index["datase"][:1] == [4] and index["benchm"][:1] == [18]
    assert word_index(text.lower()) is index  # a text and its lower-cased copy share one index


def test_plain_means_ascii_without_unicode_only_separators():
    assert plain("We propose FooNet. " * 20)
    assert not plain("Café " * 50)
    assert not plain("a\x1cb " * 60)  # \s in Unicode mode only


def test_an_abstract_with_accents_is_scanned_in_unicode_mode():
    scan = ScanPattern(r"\b\w+Net\b")
    text = "Résumé of ÉlanNet and FooNet. " * 10
    assert [m.group(0) for m in scan.finditer(text)] == ["ÉlanNet", "FooNet"] * 10


def test_doc_sents_follow_the_sentence_ranges():
    nlp = load()
    doc = nlp("FooNet: A Title\nWe propose FooNet (Fn). It reaches 81.2% top-1 on ImageNet, e.g. in Fig. 3 it wins.")
    text = doc.text
    sentences = [s.text.strip() for s in doc.sents]  # the title's sentence keeps the newline token
    assert sentences == [text[a:b].strip() for a, b in sentence_ranges(doc)]
    assert sentences == ["FooNet: A Title", "We propose FooNet (Fn).",
                                           "It reaches 81.2% top-1 on ImageNet, e.g. in Fig. 3 it wins."]
    assert [s.text for s in nlp("We propose FooNet for detection.").sents] == ["We propose FooNet for detection."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?\n \"')](['A1a\t", max_size=14))
def test_the_sentence_break_scan_led_by_a_character_set_finds_what_two_branches_find(text):
    from paperkg.extractors.extensions import _SENT_END

    branches = re.compile(r"\n|[.!?](?!\n)([\"')\]]*\s+)(?=[\"'(\[]?[A-Z0-9])")
    found = [(m.span(), m.lastindex, m.lastindex and m.span(1)) for m in _SENT_END.finditer(text)]
    assert found == [(m.span(), m.lastindex, m.lastindex and m.span(1)) for m in branches.finditer(text)]


def test_the_examples_in_the_scan_module_hold():
    import doctest

    from paperkg.extractors import scan

    assert doctest.testmod(scan).failed == 0


def test_a_window_that_cuts_a_word_finds_what_the_regex_finds_there():
    """'mIoUwe' is one word (head 'miouwe'), but a window ending after 'mIoU' makes it the metric's word."""
    exact = metrics.load_metrics()[2]
    text = "mIoUwe propose " + " " * 201
    reference = re.compile(exact.pattern)
    assert exact.search(text, 0, 4).span() == reference.search(text, 0, 4).span() == (0, 4)
    assert [m.span() for m in exact.finditer(text, 0, 4)] == [(0, 4)]
