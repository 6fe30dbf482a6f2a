"""Whole-text scans run in ASCII mode on plain text (issue 8): they must find exactly what the Unicode regex finds."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from paperkg.extractors import datasets, methods, metrics, tasks
from paperkg.extractors.extensions import sentence_ranges
from paperkg.extractors.pipeline import RegexTokenizer, load
from paperkg.extractors.scan import ScanPattern, plain

SCANS = {
    "methods cue": methods._CUE,
    "methods compare": methods._COMPARE,
    "datasets anchor": datasets._ANCHOR,
    "tasks anchor": tasks._ANCHOR,
    "metrics folded": metrics.load_metrics()[1],
    "metrics exact": metrics.load_metrics()[2],
    "tokenizer": RegexTokenizer._TOKEN,
}

# words the scans look for, glued by ASCII, Unicode and the separators only Unicode \s knows (\x1c-\x1f)
PIECES = ["we propose ", "outperforms ", "dataset", "benchmark ", "segmentation", "detection ", "top-1 accuracy",
          "mIoU", "FID ", "PSNR", "é", "ü", "×", "\u00a0", "\x1c", "\x1f", " ", "\n", "-", "_", "(", ") ", ". ",
          "Net", "x", "1", "ß", "K", "\u212a"]
TEXT = st.one_of(st.lists(st.sampled_from([p for p in PIECES if p.isascii()]), max_size=80),
                 st.lists(st.sampled_from(PIECES), max_size=80)).map("".join)


def spans(pattern, text):
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_every_scan_finds_what_the_unicode_regex_finds(text):
    padded = text + " " * 201  # long enough for the ASCII path to be taken when the text allows it
    for name, scan in SCANS.items():
        reference = re.compile(scan.pattern, scan.unicode.flags)
        for subject in (padded, padded.lower()):
            assert spans(scan, subject) == spans(reference, subject), name


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
