"""``paperkg_datasets``: datasets and benchmarks into ``doc.spans["data"]`` (label ``dataset``/``benchmark``).

Rules (each mention's ``rule``):
- ``gazetteer``: a curated name (a common word needs context: "the Replica dataset", "on Places");
- ``data_noun``: a name before dataset/benchmark/corpus ("the MSMT17 dataset", "LRA benchmark"; without a language
  word: "the Chinese DuReader dataset"; the whole long form of its acronym: "Denver Intensity of ... (DISFA)
  database"; across a task in lower case: "the IJB-A face recognition data set"; across a citation: "the Kitti
  (Geiger et al 2013) dataset"), or quoted after it ('a large-scale dataset, "CompCars"');
- ``appositive``: "EduMath, a dataset of ...", "HR-VVT, a high-resolution benchmark";
- ``data_list``: names listed with the noun ("datasets such as A, B and C", "on A, B and C datasets", "two public
  databases, A [1] and B [2]");
- ``evaluated_on``: named words after "on" in an evaluation sentence ("Experiments on L3D and P2ILF", "on CTW1500,
  Total-Text, ICDAR 2015");
- ``coordinated``: "CIFAR-10/100-LT" -> CIFAR-10-LT and CIFAR-100-LT;
- ``title_data``: "RAM-H1200: A Unified Evaluation and Dataset ..."; ``shared_task``: "SemEval-2026 Task 3";
- ``data_shape``: a name shaped like a benchmark or a sized collection wherever it occurs ("MedQuuxBench",
  "Quux-Bench", "QuuxArena"; "QuuxMath-14K"), taken whole ("VL Quux-Bench", "VL-QuuxBench", "Dr.Quux-Bench");
- ``data_called``: a name after its noun and a naming verb ("a new dataset called MINERVA"), even a listed method's.
Not data, whatever the pattern (word lists in ``data/not_data.txt``): a model trained on or sized like one
("Places-CNN", "Qwen3-VL-4B", "LLaMA-3.2-3b", "MedGemma"), a simulator or topic ("CARLA", "Time Series"), the
acronym of a task the text writes in lower case ("image copy detection (ICD)"), a title phrase of plain words
the abstract never uses again.
A name the text calls a benchmark gets label ``benchmark``; data the paper makes is ``introduced`` (not the
existing data it is built from: gazetteer names, or data after "built from", "based on"); ``evaluated`` says
whether the sentence is one where the paper evaluates on it (not "as shown on many datasets, such as MNIST").
Cheap by design: patterns are tried only around anchor words (dataset, benchmark, on, such as).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language

from .extensions import DATA, add_span, doc_lower, doc_text, doc_value, sentence_ranges
from .scan import ScanPattern
from .gazetteer import DATA as DATA_DIR
from .gazetteer import (PLURAL_ACRONYM, WORD, cached_gazetteer, doc_matches, looks_named, norm, read_sections,
                        used_as_name, word_occurrences)
from .methods import task_like
from .metrics import listed_metric

_BENCH = r"(?:benchmarks?|leaderboards?|challenges?|suites?|arenas?)"
_DATA = r"(?:datasets?|data\s?sets?|corpus|corpora|databases?|environments?|testbeds?|collections?)"
_NOUN = rf"(?:{_DATA}|{_BENCH})"
_ANCHOR = ScanPattern(rf"\b{_NOUN}\b")  # run on the lower-cased text
_IS_BENCH = re.compile(_BENCH, re.IGNORECASE)
_NAME_WORD = re.compile(rf"{WORD}\Z")
# "EduMath, a dataset of", "HR-VVT, a high-resolution benchmark" (window before the noun)
_APPOSITIVE = re.compile(rf"(?<![\w-])({WORD})\s*(?:,|:|\(|--|—|–)\s*(?:which\s+is\s+)?(?:a|an|the|our)\s+"
                         r"((?:[\w-]+\s+){0,5}?)\Z")
# the task a named challenge is on, on its line: its capitalised words, small words between them ("NTIRE 2025
# Challenge on Day and Night Raindrop Removal for Dual-Focused Images"), a setting in brackets ("... on Image
# Super-Resolution (x4)"; not an acronym of the words before), else up to seven words before the clause goes on
# ("... Challenge on light field image super-resolution, we ...")
_SETTING = r"\([^()\s]*\d[^()\s]*\)"
_CHALLENGE_ON = re.compile(
    rf"[ \t]+on[ \t]+(?:(?:[A-Z0-9][\w-]*|{_SETTING})(?:[ \t]+(?:(?:and|for|of|in|with|from|the|to|&)[ \t]+)?"
    rf"(?:[A-Z0-9][\w-]*|{_SETTING}))*(?![\w-])"
    rf"|(?:[\w-]+[ \t]+){{0,6}}?[\w-]+(?:[ \t]*{_SETTING})?"
    r"(?=\s*(?:[,.;:)]|\(|$|\s(?:and|with|that|which|where|we|our|in|at|by|for|to|is|was|has|have|using|via|"
    r"through|from|as)\b)))")
_PAREN_BEFORE = re.compile(rf"\(\s*{WORD}\s*\)\s*\Z")
_PREP_END = re.compile(r"(?i)\b(?:of|on|from|in|with)\s*\Z")
_SEP_BEFORE = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)\Z")
_CALLED_BENCH = re.compile(rf"\s*(?:-\s*)?{_BENCH}\b")  # on the lower-cased text
_LIST_AFTER = re.compile(r"\s*,?\s*(?:such\s+as|including|like|e\.g\.,?|i\.e\.,?|namely|:|\()\s*")
# "two public datasets, A and B": a counted plural data noun, then a comma and the list (lower-cased text)
_COUNTED_NOUN = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,4}?\Z")
_COMMA_LIST = re.compile(r"\s*,\s*(?:the\s+)?(?=[A-Z0-9])")
# a citation marker after a list item: "DAQUAR [1]", "Kitti (Geiger et al 2013)"
_CITATION = re.compile(r"\s*(?:\[\d+(?:\s*[,-]\s*\d+)*\]|\([A-Z][^()]{0,40}?(?:19|20)\d\d[a-z]?\))")
# a data name quoted right after its noun: 'a large-scale dataset, "CompCars", that covers'
# a data name after its noun and a naming verb: "a new video reasoning dataset called MINERVA"
_CALLED_AFTER = re.compile(rf"\s*,?\s*(?:called|named|dubbed|termed)\s+({WORD})(?![\w-])")
_QUOTED_AFTER = re.compile(r"\s*,?\s*[\"\u201c]([^\"\u201d\n]{2,60})[\"\u201d]")
# an item ends before a separator, never inside a version number ("GAF-3.0", not "GAF-3")
_LIST_ITEM = re.compile(rf"({WORD}(?:\s+{WORD}){{0,4}}?)(?=\s*(?:,|;|\)|\.(?![A-Za-z0-9])|\s+(?:and|or|&)\s|\s*$))")
_CITED_ITEM = re.compile(rf"({WORD}(?:\s+{WORD}){{0,3}}?)(?=\s*(?:\[\d|\([A-Z]))")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")
_COORD = re.compile(r"(?<![\w-])([A-Z][A-Za-z]*-?)(\d+[A-Za-z]?)((?:/\d+[A-Za-z]?)+)(-[A-Za-z]+)?(?![\w/])")
_SUFFIX = re.compile(r"(?:-(?:[A-Z]{1,4}|Sketch|v\d+|V\d+|\d+[kKM]?)(?![\w])|[ -]?20[0-3]\d(?![\w])|"
                     r" [vV]\d+(?:\.\d+)?(?![\w.]))+")
WORDS = read_sections(DATA_DIR / "not_data.txt")
_NOT_DATA = frozenset(w.lower() for w in WORDS["not_data"])
_MODEL_AFTER = re.compile(r"-(?:%s)(?![\w-])" % "|".join(sorted(map(re.escape, WORDS["model_suffix"]))))
_METHOD_NOUN = re.compile(r"\b(?:%s)\b" % "|".join(sorted(WORDS["method_noun"])), re.IGNORECASE)
_PLURAL_NOUN = frozenset(WORDS["plural_category"])
_NOUN_IN = re.compile(rf"\b{_NOUN}\b", re.IGNORECASE)
_METHOD_AFTER = re.compile(r"\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,4}?(?:%s)\b" % "|".join(
    sorted(WORDS["method_noun"] | WORDS["method_apposition"])), re.IGNORECASE)
_KIND_CUE = re.compile(r"(?:^|\s)(?:%s)\s*\Z" % "|".join(sorted(map(re.escape, WORDS["kind_cue"]))), re.IGNORECASE)
# a description of new data, adjectives and all: "a new MEF dataset", "the first large-scale, temporally grounded
# VCoT dataset", "the first public medical American Sign Language dataset"
_DESCRIBED_CUE = re.compile(r"(?:^|\s)(?:%s)(?:[\s,]+(?!(?:%s)\b)[a-z][\w-]*){0,3}[\s,]*\Z" % (
    "|".join(sorted(map(re.escape, WORDS["kind_cue"] | WORDS["new_kind_cue"]))),
    "|".join(sorted(map(re.escape, WORDS["name_cue"])))), re.IGNORECASE)
# a coined name, not a description: "a novel WhereToChange benchmark", "an extended SceneFun3D dataset" (short
# acronyms such as "SfP", "VCoT" stand for a kind)
_COINED = re.compile(r"\d|^(?=.{6})\w*[a-z][A-Z]")
_SEQUENCE_WORD = frozenset(WORDS["sequence_word"])
_LANGUAGE_WORD = frozenset(WORDS["language_word"])
_LONG_FORM_JOINER = frozenset(WORDS["long_form_joiner"])
_YEAR = re.compile(r"(?:19|20)\d\d")
_CITATION_BEFORE = re.compile(r"\s*(?:\[\d+(?:\s*[,-]\s*\d+)*\]|\([A-Z][^()]{0,40}?(?:19|20)\d\d[a-z]?\))\s*\Z")
_THE_END = re.compile(r"(?<![\w-])the\s+\Z")
# "Total-Text" after a named item of an evaluation list ("on CTW1500, Total-Text, ICDAR 2015"): capitalised parts
_CAPITAL_COMPOUND = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")
_TASK_WORDS = re.compile(r"(?<=\S )((?:[a-z][a-z-]+ ){0,2}[a-z][a-z-]+)\Z")  # lower-case words before a data noun
_THE_CUE = frozenset(WORDS["definite_kind_cue"])
_THE_BEFORE = re.compile(r"(?i)(?:^|\s)the\s*\Z")
_NAME_CUE = frozenset(WORDS["name_cue"])
_WORD_BEFORE = re.compile(r"(?:(?<![\w-])([A-Za-z][\w-]*)[ \t]*|^\s*|[.!?:;\n]\s*)\Z")  # the word before, or a sentence's start
_ORGANISATION_HEAD = frozenset(WORDS["organisation_head"])
_CAPS_BEFORE = re.compile(r"(?<![\w-])((?:[A-Z][A-Z0-9-]+ ){1,2})\Z")
# "Unreal Engine-rendered dataset", "GPT-4o-generated benchmark", "an ImageNet-based benchmark": a participle or
# "-based" after a hyphen says how the data was made, from what; the name is not there
_MADE_WITH = re.compile(r"(?<=[\w)])-(?:[a-z]+ed|[Bb]ased|like|style|[Oo]nly|[Ff]ree)\Z")
_MADE_BY = re.compile(r"(?<=[\w)])-(?!based\b)[a-z]+ed\Z")  # "LLM-generated MIDI"; "Event-based X" is a name
_SETTING = re.compile(r"(?:domains?|settings?|conditions?|modes?|regimes?|scenarios?)")  # "across RW and CP domains"
_DIMENSION_OR_VERSION = re.compile(r"\d+(?:\.\d+)?-?D|[Vv]ersion\s+\d[\d.]*")  # "on 3-D and 2.5-D data", "Version 1.0"
_MODEL_SIZE = re.compile(r"-\d+(?:\.\d+)?[mb]\Z")  # parameters, not samples: "DeltaNet-1.3B", not "LeX-10K"
# a plural noun after a hyphenated data noun ("LLM-dataset pairs"), not a verb ("our QA-dataset contains")
_NOUN_AFTER = re.compile(r"\s+(?!(?:%s)\b)[a-z]{3,}s\b" % "|".join(sorted(WORDS["verb_in_s"])))
_COUNT_PREFIX = re.compile(r"\d+-[a-z]+\Z")  # '28-emotion GoEmotions', '10-class CIFAR': a count, then the name
_VARIANT = re.compile(r"(?:-| )(?:%s)(?![\w-])|\+\+?(?![\w+])" % "|".join(
    sorted(map(re.escape, WORDS["variant_word"]), key=len, reverse=True)))
_TITLE_NEXT = re.compile(r"\s*(?:$|[,:;(]|(?:%s|%s)\b)" % (
    "|".join(map(re.escape, WORDS["title_data_next"])), _NOUN), re.IGNORECASE)
_TITLE_PREP = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, WORDS["title_data_prep"])), re.IGNORECASE)
_SOURCE_CUE = re.compile(r"\b(?:%s)\s+(?:the\s+|existing\s+|public\s+)*$" % "|".join(
    sorted((re.escape(w) for w in WORDS["source_cue"]), key=len, reverse=True)), re.IGNORECASE)
_EXISTING_DATA = re.compile(r"\b(?:%s)\b" % "|".join(sorted(map(re.escape, WORDS["existing_data"]))),
                            re.IGNORECASE)
# a name listed in brackets after data the text calls existing: "five established benchmarks (Ego4D, EgoExo4D, ...)"
_EXISTING_LIST = re.compile(r"%s\s+(?:[\w-]+\s+){0,3}?%s\s*\(\s*(?:[^()]*(?:,|\band|\bor)\s*)?\Z" % (
    _EXISTING_DATA.pattern, rf"\b{_NOUN}"), re.IGNORECASE)
_CUE_OBJECT_WORDS = WORDS["cue_object_word"]
_BACKGROUND = re.compile(r"\b(?:%s)\b" % "|".join(sorted(map(re.escape, WORDS["background_cue"]))), re.IGNORECASE)
_OURS = re.compile(r"\b(?:we|our|this\s+(?:paper|work)|proposed|experiments?|experimental|evaluations?|results?)\b", re.IGNORECASE)
# the paper's own use of data in a sentence with a weak background cue ("test it on three popular benchmarks")
_USE = re.compile(r"\b(?:test(?:s|ed|ing)?|validat\w*|train\w*|fine-tun\w*|benchmark(?:s|ed)?\s+on)\b")
_BACKGROUND_HINT = re.compile(r"\b(?:%s)\b" % "|".join(sorted(map(re.escape, WORDS["background_hint"]))),
                              re.IGNORECASE)
# a parameter count ends a model's name, not a dataset's: "Qwen3-VL-4B", "LLaMA-3.2-3b", or comes before its
# release's variant word: "Qwen3.5-9B-Base", "EuroLLM-22B-Instruct"
_PARAMS = re.compile(r"[-_ ]\d+(?:\.\d+)?[bB](?:-[A-Za-z]+)?$")
# shapes that name data wherever they occur: "MedAgentsBench", "AvED-Bench", "TextArena"; "ResearchMath-14K"
# taken whole, with the name's own leading parts: an acronym word ("VL RewardBench"), hyphened words
# ("VL-RewardBench"); never the tail of a word glued by a dot ("V-Bench" of "Dr.V-Bench")
_BENCH_NAME = ScanPattern(r"(?<![\w.-])((?:[A-Z]{2,4} )?(?:[A-Z][A-Za-z0-9]*-)*[A-Z][A-Za-z0-9]*?"
                          r"(?:[a-z0-9]Bench|-Bench|-bench|[a-z]Arena))(?![\w-])")
_BENCH_HINT = re.compile(r"Bench|-bench|Arena")
_SIZE_HINT = re.compile(r"-\d+(?:\.\d+)?[kK]\b")
_SIZE_NAME = ScanPattern(r"(?<![\w-])([A-Z][A-Za-z]+(?:-[A-Za-z]+)*-\d+(?:\.\d+)?[kK])(?![\w-])")
_TITLE_DATA = re.compile(rf"\s*({WORD}(?:\s+{WORD})?)\s*:\s[^\n]*?\b(Dataset|Benchmark|Corpus|Evaluation|Suite|"
                         r"Testbed|Arena|Database)s?\b", re.IGNORECASE)
_SHARED_HINT = ScanPattern(r"SemEval|CLEF|TREC|WMT|NTIRE|ICDAR|BioCreative|CASP|KDD Cup|DSTC|IWSLT|CoNLL|MediaEval|"
                           r"CheckThat|FEVER|BEA")
_SHARED_TASK = re.compile(
    r"(?<![\w-])((?:(?:19|20)\d\d\s+)?(?:SemEval|CLEF|TREC|WMT|NTIRE|ICDAR|BioCreative|CASP|KDD\s+Cup|DSTC|IWSLT|"
    r"CoNLL|MediaEval|ImageCLEF|CheckThat!?|FEVER|BEA)(?:[- ]?(?:19|20)?\d\d)?"
    r"(?:\s+[\w-]+){0,5}?\s+(?:Task|Track|Challenge|Shared\s+Task)\s*\d+[A-Za-z]?)")
_EVAL_SENT = re.compile(r"\b(?:experiment\w*|evaluat\w*|results?|outperform\w*|achiev\w*|state-of-the-art|"
                        r"tested|trained|accuracy|performance|surpass\w*|sota)\b")
_ON = ScanPattern(r"\b(?:on|across)\s+(?:the\s+)?(?:(?:public|popular|standard|challenging|widely[- ]used|real-world|"
                 r"large-scale|sampled|multiple|several|three|four|five|two|six)\s+)*")
_CONTEXT_BEFORE = re.compile(rf"\b(?:on|from|using|{_NOUN})\s+(?:the\s+)?\Z", re.IGNORECASE)
_CONTEXT_AFTER = re.compile(rf"\s*(?:-\s*)?(?:{_NOUN}|test\s+set|split)\b", re.IGNORECASE)
_INTRO_CUE = re.compile(
    r"\b(?:we|this\s+(?:paper|work|study|article|report))\s+(?:\w+\s+){0,3}?(?:introduce|present|propose|"
    r"construct|collect|build|release|curate|create|contribute|develop|establish|design|publish|compile|"
    r"assemble)s?d?\b")  # on the lower-cased text
# the data noun of a sentence making data: "a new benchmark", or the name's own noun ("STEP, a dataset of",
# "the Slides-Align1.5k dataset"); names after a source cue (based on, on, from) stay sources
_INTRO_NOUN = re.compile(rf"\b(?:new|novel|first|our|large-scale)\b[^.;]{{0,60}}\b{_NOUN}\b|"
                         rf"(?:,\s*(?:a|an)|\bthe\s+\S+)\s+(?:[\w-]+\s+){{0,3}}?{_NOUN}\b", re.IGNORECASE)

# Words that start or make up a phrase before "dataset" without naming one.
STOP = {
    "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her", "we", "in", "on",
    "of", "for", "to", "and", "or", "with", "by", "from", "at", "as", "is", "are", "new", "novel", "existing",
    "public", "publicly", "large", "small", "multiple", "several", "three", "two", "four", "five", "six", "many",
    "various", "standard", "popular", "real", "real-world", "synthetic", "benchmark", "benchmarks", "dataset",
    "datasets", "each", "both", "all", "other", "such", "different", "diverse", "challenging", "extensive",
    "experiments", "results", "evaluation", "evaluations", "comprehensive", "widely", "used", "common", "commonly",
    "large-scale", "open", "source", "open-source", "training", "test", "testing", "validation", "image", "video",
    "text", "audio", "medical", "clinical", "downstream", "classification", "detection", "segmentation", "extensive",
    "experimental", "empirical", "benchmarking", "based", "several", "including", "like", "e.g.", "i.e.",
    "across", "over", "under", "among", "within", "without", "via", "through", "into", "onto", "upon", "after",
    "before", "during", "between", "about", "per", "against", "toward", "towards",
    "most", "some", "few", "every", "any", "recent", "previous", "prior",   # "Most Sign Language Translation corpora"
    "using", "leveraging", "utilizing", "employing", "applying",   # "Using X-Corpus, we ...": the verb, then the name
}
MAX_WORDS = 6


def _name_ok(words: list[str]) -> bool:
    """Is this run of words a dataset name (not "three public datasets")?"""
    if not words or words[0].lower() in STOP:
        return False
    if len(words) == 1:
        return looks_named(words[0])
    if any(w.lower() in ("and", "or", "the", "on", "in") for w in words):
        return False
    return all(w[0].isupper() or w[0].isdigit() or looks_named(w) for w in words) and \
        any(w.lower() not in STOP for w in words)


def _run_before(text: str, pos: int) -> tuple[int, list[str]]:
    """The capitalised/named words right before ``pos`` (at most MAX_WORDS): (start, words)."""
    words: list[str] = []
    start = pos
    window = text[max(0, pos - 90):pos]
    offset = pos - len(window)
    # the last MAX_WORDS whitespace-separated words, last first, with their offsets (str methods: no regex)
    runs = window.rsplit(None, MAX_WORDS)
    end = len(window)
    for word in reversed(runs[-MAX_WORDS:]):
        word_start = window.rfind(word, 0, end)
        if words and (word_start + len(word) + offset != start - 1 or text[start - 1] != " "):
            break  # more than one space, or a line break, between words
        end = word_start
        if not _NAME_WORD.match(word) or len(words) >= MAX_WORDS or word.lower() in STOP and words == []:
            break
        if not (word[0].isupper() or word[0].isdigit() or looks_named(word)):
            break
        words.insert(0, word)
        start = word_start + offset
    while words and words[0].lower() in STOP:
        start += len(words[0]) + 1
        words = words[1:]
    return start, words


@Language.factory("paperkg_datasets", default_config={"gazetteer": []}, requires=["doc._.links"],
                  assigns=["doc.spans"])
def make_datasets(nlp: Language, name: str, gazetteer: list[str]):
    return DatasetFinder(gazetteer)


def _cue_object(lower: str, sentence_start: int, sentence_end: int, start: int):
    """(cue start, sentence end) when the name at ``start`` is what its sentence's making cue makes, only
    ``cue_object_word`` words after it ("we construct PMC-MI-Bench", "we build a large dataset named RMR-75K")."""
    for cue in _INTRO_CUE.finditer(lower, sentence_start, start):
        if all(word in _CUE_OBJECT_WORDS for word in lower[cue.end():start].replace(",", " ").split()):
            return cue.start(), sentence_end
    return None


class DatasetFinder:
    def __init__(self, gazetteer: list[str]):
        self.gazetteer = cached_gazetteer(gazetteer)

    def __call__(self, doc):
        text = doc_text(doc)
        lower = doc_lower(doc)
        title_end = text.find("\n") if "\n" in text else len(text)
        taken: list[tuple[int, int]] = [(link["start"], link["end"]) for link in doc_value(doc, "links") or []]
        found: dict[tuple, dict] = {}
        introduced_names: set[str] = set()

        def add(start, end, rule, name=None, gaz=None, kind="dataset"):
            if end > start and not any(s < end and start < e for s, e in taken):
                found.setdefault((start, end), dict(rule=rule, name=name, gaz=gaz, kind=kind))

        # coordinated names first: "CIFAR-10/100-LT" -> CIFAR-10-LT, CIFAR-100-LT
        if "/" in text:
            for m in _COORD.finditer(text):
                self._coordinated(m, found, taken)

        for match in doc_matches(doc, self.gazetteer):
            if match.entry.kind not in ("dataset", "benchmark"):
                continue
            start, end = match.start, match.end
            name, gaz = match.entry.canonical, match.entry.id
            if _MODEL_AFTER.match(text, end):
                continue                      # "Places-CNN": a model trained on the data
            suffix = _SUFFIX.match(text, end) or _VARIANT.match(text, end)
            if suffix and self._method(text[suffix.start() + 1:suffix.end()]):
                continue                      # "M4-SAM": a model named after the data, not a variant of it
            if suffix:                        # "ImageNet-C", "COCO 2017"; variants: "BrowseComp-Plus", "SWE-bench Lite"
                end = suffix.end()
                entry = self._known(text[start:end])
                name, gaz = (entry.canonical, entry.id) if entry else (text[start:end], None)
            if match.needs_context and not self._context(text, start, end):
                continue
            add(start, end, "gazetteer", name, gaz, match.entry.kind)
        taken.extend(k[:2] for k in found)

        title_data = _TITLE_DATA.match(text, 0, title_end)
        if title_data and (_METHOD_NOUN.search(text, title_data.end(1), title_data.start(2))
                           or not _announces_data(text, title_data, title_end)):
            title_data = None                 # "X: A Lightweight ... Framework with a Benchmark Dataset": X is the framework
        if title_data and _title_data_name(title_data.group(1), text[title_end:]):
            kind = "dataset" if title_data.group(2).lower() in ("dataset", "corpus", "database") else "benchmark"
            add(*title_data.span(1), "title_data", kind=kind)
            introduced_names.add(norm(title_data.group(1)))
        shapes = [(p, kind) for p, kind, hint in ((_BENCH_NAME, "benchmark", _BENCH_HINT), (_SIZE_NAME, "dataset",
                                                                                    _SIZE_HINT)) if hint.search(text)]
        for pattern, kind in shapes:       # the hints are cheap: most abstracts have neither shape
            for m in pattern.finditer(text):
                if not self._method(m.group(1)):
                    variant = _VARIANT.match(text, m.end(1))   # "MLE-bench-lite", "SWE-bench Lite"
                    add(m.start(1), variant.end() if variant else m.end(1), "data_shape", kind=kind)
        if _SHARED_HINT.search(text):
            for m in _SHARED_TASK.finditer(text):
                add(m.start(1), m.end(1), "shared_task", kind="benchmark")

        anchors = []
        long_at = {text[ss:se]: (ls, text[ls:le]) for (ls, le), (ss, se) in _pairs(doc)}  # acronym -> long form
        for anchor in _ANCHOR.finditer(lower):
            anchors.append(anchor.start())
            noun = text[anchor.start():anchor.end()]
            kind = "benchmark" if _IS_BENCH.match(noun) else "dataset"
            self._before_noun(text, anchor, kind, add, introduced_names, long_at)
            after = _LIST_AFTER.match(text, anchor.end())
            if after:
                self._list(text, after.end(), kind, add, "data_list")
            elif _counted_plural(lower, anchor):
                self._counted_list(text, anchor.end(), kind, add)
            self._quoted_after(text, anchor.end(), kind, add)
            self._called_after(text, anchor.end(), kind, add)

        sentences = sentence_ranges(doc)
        starts = [start for start, _end in sentences]
        evaluating: dict[int, bool] = {}
        for m in _ON.finditer(lower):  # "on"/"across" first (cheap), then: is it an evaluation sentence?
            index = bisect_right(starts, m.start()) - 1
            if index not in evaluating:
                evaluating[index] = bool(_EVAL_SENT.search(lower, *sentences[index]))
            if evaluating[index]:
                self._list(text, m.end(), "dataset", add, "evaluated_on", strict=True, limit=sentences[index][1])

        # sentences where the paper says it makes data: a cue and a data noun ("we release a new benchmark")
        intro = []
        for index in sorted({bisect_right(starts, a) - 1 for a in anchors}):
            start, end = sentences[index]
            cue = _INTRO_CUE.search(lower, start, end)
            if cue and _INTRO_NOUN.search(text, cue.start(), end):
                intro.append((cue.start(), end))
        long_of = {text[ss:se]: text[ls:le] for (ls, le), (ss, se) in _pairs(doc)}
        evaluated: dict[int, bool] = {}   # sentence index -> does the paper evaluate on the data it names
        for key, info in sorted(found.items(), key=lambda kv: kv[0][:2]):
            start, end = key[0], key[1]
            surface = text[start:end]
            if surface.lower() in _NOT_DATA or _DIMENSION_OR_VERSION.fullmatch(surface) or info["rule"] not in (
                    "gazetteer", "coordinated", "data_called") and (
                    self._not_data(text, surface, long_of.get(surface)) or _title_words(text, start, end, title_end)):
                continue
            if not info["gaz"] and (_PARAMS.search(info["name"] or surface) or listed_metric(surface)
                                    or PLURAL_ACRONYM.fullmatch(surface)
                                    and not _NOUN_IN.search(long_of.get(surface) or "")):
                continue                      # models ("EuroLLM-22B/9B-Instruct", "five LCLMs"), metrics ("across
                                              # PSNR, SSIM"); "Concept Modality Specific Datasets (CMSDs)" is data
            if _task_acronym(long_of.get(surface)):
                continue                      # "Video Super-Resolution (VSR)": not the VSR benchmark here
            called_bench = bool(_CALLED_BENCH.match(lower, end))
            kind = "benchmark" if called_bench or info["kind"] == "benchmark" else "dataset"
            if info["name"] is None:
                entry = self._known(surface)
                if entry:
                    info["name"], info["gaz"] = entry.canonical, entry.id
                    kind = "benchmark" if entry.kind == "benchmark" else kind
            index = bisect_right(starts, start) - 1
            in_intro = next(((s, e) for s, e in intro if s <= start < e), None)
            if in_intro is None and sentences and not info["gaz"] and not _SHARED_HINT.search(surface):
                in_intro = _cue_object(lower, *sentences[index], start)
            introduced = norm(surface) in introduced_names or in_intro is not None and not info["gaz"] and \
                not _SOURCE_CUE.search(text, max(in_intro[0], start - 40), start) and \
                not _EXISTING_LIST.search(text, max(in_intro[0], start - 200), start)
            if index not in evaluated:
                evaluated[index] = _evaluation_sentence(text, lower, *(sentences[index] if sentences else (0, len(text))))
            add_span(doc, DATA, start, end, kind, info["rule"], canonical=info["name"] or surface,
                     gazetteer=info["gaz"], introduced=introduced, evaluated=not introduced and evaluated[index])
        if DATA not in doc.spans:
            doc.spans[DATA] = []
        return doc

    # --- rules around one anchor noun --------------------------------------------------------------

    def _before_noun(self, text, anchor, kind, add, introduced_names, long_at=None) -> None:
        noun = text[anchor.start():anchor.end()]   # as written: the anchor matched the lower-cased text
        if text[anchor.start() - 1:anchor.start()] == "-" and noun.islower() and _NOUN_AFTER.match(text, anchor.end()):
            return                                 # "across 6 LLM-dataset combinations": it modifies a noun
        # "the MSMT17 dataset", "Social-Moral Image Database", "the X (ABC) benchmark"
        pos = anchor.start() - 1
        paren = _PAREN_BEFORE.search(text[max(0, pos - 30):pos])
        if paren:
            pos -= len(paren.group(0))
        else:
            pos = _before_citation(text, pos)
        start, words = _run_before(text, pos)
        if words and words[0].isdigit() and noun.lower() in _PLURAL_NOUN and not paren:
            return                            # "13 English datasets", "27 NLP datasets": a count and a kind
        while words and _COUNT_PREFIX.match(words[0]):
            start += len(words[0]) + 1
            words = words[1:]
        start, words = _without_language(start, words)
        if len(words) == 1 and not paren and _task_acronym((long_at or {}).get(words[0], (0, None))[1]):
            words = []                        # "WikiMovies, a QA dataset": QA is the task's acronym, not a name
        if not words and not paren and noun.lower() not in _PLURAL_NOUN:
            start, words = _before_task_words(text, pos)
        whole = False
        if paren and words:
            start, words, whole = _whole_long_form(text, start, words, paren.group(0), long_at or {})
        if words and _kind_not_name(text, start, noun, words, bool(paren)):
            words = []  # a kind of data; a name may stand before it ("DischargeQA, a clinical QA dataset")
        if words and (whole or _name_ok(words)) and (paren or not _MADE_WITH.search(words[-1])
                                                      and not any(_MADE_BY.search(w) for w in words[:-1])) \
                and not self._method(" ".join(words)):
            if noun.lower().startswith("environment") and not looks_named(words[-1]):
                return
            end = start + len(" ".join(words))
            if noun[0].isupper() and len(words) > 1 and not paren:
                end = anchor.end()  # the capitalised noun is part of the name
                track = _CHALLENGE_ON.match(text, end) if noun.lower() == "challenge" else None
                if track:
                    end = track.end()  # "NTIRE 2025 Challenge on Image Denoising": one challenge of a series
            add(start, end, "data_noun", kind=kind)
            # "on A, B, and C datasets"
            self._list_backwards(text, start, kind, add)
            return
        window = text[max(0, anchor.start() - 80):anchor.start()]
        appositive = _APPOSITIVE.search(window)
        if appositive and looks_named(appositive.group(1)) and not self._method(appositive.group(1)):
            if _PREP_END.search(appositive.group(2)):
                return
            offset = anchor.start() - len(window)
            first = offset + appositive.start(1)
            lead = _CAPS_BEFORE.search(text, max(0, first - 40), first)
            if lead and appositive.group(1).isupper():
                first = lead.start(1)             # "PHANTOM RECALL, a benchmark"
            add(first, offset + appositive.end(1), "appositive",
                kind="benchmark" if "benchmark" in appositive.group(2).lower() else kind)
            if not _EXISTING_DATA.search(appositive.group(2)):  # "EDAIC, a standard clinical dataset" is not made here
                introduced_names.add(norm(appositive.group(1)))

    def _list_backwards(self, text, start, kind, add) -> None:
        """Items before "A, B, and C datasets" (C already found)."""
        pos = start
        for _ in range(10):
            the = _THE_END.search(text, max(0, pos - 5), pos)
            if the:
                pos = the.start()
            sep = _SEP_BEFORE.search(text[max(0, pos - 8):pos])
            if not sep:
                return
            pos = _before_citation(text, pos - len(sep.group(0)))
            item_start, words = _run_before(text, pos)
            if not words or not _name_ok(words) or self._method(" ".join(words)):
                return
            add(item_start, pos, "data_list", kind=kind)
            pos = item_start

    def _list(self, text, pos, kind, add, rule, strict=False, limit=None) -> None:
        """Items of a list starting at ``pos``: "A, B and C"; ``strict``: single named words up to a known method,
        none when the list holds a sized model ("on LaCT-760M and DeltaNet-1.3B") or ends in a kind of setting
        ("across RW and CP domains")."""
        limit = limit or min(len(text), pos + 300)
        items = []
        for _ in range(12):
            first = _first_word(text, pos, limit) if strict else ""
            if first and self._method(first):
                if _MODEL_SIZE.search(first.lower()):
                    return                    # a list holding a sized model names models
                break
            item = _LIST_ITEM.match(text, pos, limit)
            if not item:
                break
            words = item.group(1).split()
            end = item.end(1)
            if strict and len(words) > 1 and _language_pair(words[-1]):
                words = words[:-1]            # "on WMT 2016 English-Romanian": the data, then its language pair
                end = item.start(1) + len(" ".join(words))
            if strict:
                if not _dated_name(words) and not (len(words) == 1 and (looks_named(words[0]) or
                                                                         items and _CAPITAL_COMPOUND.fullmatch(words[0]))):
                    if len(words) > 1 and _SETTING.fullmatch(words[-1]):
                        return                # the names before were kinds of setting too
                    break
                if _METHOD_AFTER.match(text, item.end(1)):
                    break                     # "On GenImage, LATTE, a recent detector, remains stronger"
            elif not (_name_ok(words) or len(words) == 1 and words[0][0].isupper() and words[0].lower() not in STOP) \
                    or self._method(item.group(1)) or _MADE_WITH.search(words[-1]):
                break                         # "three environments: TEE-based, CPU-only, ..."
            items.append((item.start(1), end))
            sep = _LIST_SEP.match(text, item.end(1), limit)
            if not sep:
                break
            pos = sep.end()
        for start, end in items:
            add(start, end, rule, kind=kind)

    def _counted_list(self, text, pos, kind, add) -> None:
        """Rule ``data_list``: "two public databases, VIPeR and QMUL GRID", "two datasets, DAQUAR [1] and VQA
        [2]": a counted plural data noun, a comma, then named items (a citation marker after an item is skipped)."""
        comma = _COMMA_LIST.match(text, pos)
        if not comma:
            return
        pos = comma.end()
        for _ in range(12):
            item = _LIST_ITEM.match(text, pos, min(len(text), pos + 200)) or _CITED_ITEM.match(text, pos)
            if not item:
                return
            words = item.group(1).split()
            if not _name_ok(words) or not any(looks_named(w) for w in words) or self._method(item.group(1)):
                return
            add(item.start(1), item.end(1), "data_list", kind=kind)
            end = item.end(1)
            cite = _CITATION.match(text, end)
            if cite:
                end = cite.end()
            sep = _LIST_SEP.match(text, end)
            if not sep:
                return
            pos = sep.end()
            if text.startswith("the ", pos):
                pos += 4

    def _quoted_after(self, text, pos, kind, add) -> None:
        """Rule ``data_noun``: a name quoted right after its data noun ('a large-scale dataset, "CompCars", that
        covers'); the quoted words must read as a name."""
        quoted = _QUOTED_AFTER.match(text, pos)
        if quoted:
            start, end = quoted.span(1)
            acronym = _PAREN_BEFORE.search(text, start, end)   # '"Multi-Human Parsing (MHP)"': the name, then its acronym
            if acronym:
                end = len(text[:acronym.start()].rstrip())
            words = text[start:end].split()
            if _name_ok(words) and not self._method(text[start:end]):
                add(start, end, "data_noun", kind=kind)

    @staticmethod
    def _called_after(text, pos, kind, add) -> None:
        """Rule ``data_called``: "a new video reasoning dataset called MINERVA", "a benchmark dubbed QuokkaQA": the
        text names the data itself, so a listed method of the same name (Minerva) does not stop it."""
        called = _CALLED_AFTER.match(text, pos)
        if called and looks_named(called.group(1)):
            add(*called.span(1), "data_called", kind=kind)

    # --- helpers ---------------------------------------------------------------------------------

    def _coordinated(self, m, found, taken) -> None:
        prefix, first, rest, suffix = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        names = [prefix + first + suffix] + [prefix + n + suffix for n in rest.split("/")[1:]]
        known = [self._known(n) for n in names]
        if not any(known) and not suffix:
            return
        # each part gets its own offsets: 'CIFAR-10' for the first, '100-LT' for the second
        pos = m.start(2)
        parts = [first] + rest.split("/")[1:]
        for i, (n, entry) in enumerate(zip(names, known)):
            part_start = m.string.index(parts[i], pos)
            part_end = part_start + len(parts[i]) + (len(suffix) if i == len(parts) - 1 else 0)
            pos = part_start + len(parts[i])
            found[(m.start() if i == 0 else part_start, part_end)] = dict(
                rule="coordinated", name=entry.canonical if entry else n, gaz=entry.id if entry else None,
                kind=entry.kind if entry else "dataset")
        taken.append((m.start(), m.end()))

    def _known(self, name: str):
        """The gazetteer's dataset/benchmark entry of this exact form, if any."""
        entries = self.gazetteer.by_form.get(name.lower(), ())
        return next((e for e in entries if e.kind in ("dataset", "benchmark")), None)

    def _not_data(self, text: str, surface: str, long_form: str | None) -> bool:
        """A model or a task, not data: "LLaMA-3.2-3b", "SD-v1.5", "MedGemma", "Image Copy Detection (ICD)" when
        the text also writes "image copy detection" as a task."""
        if any(form and task_like(form) and _written_lower(text, form) for form in (surface, long_form)):
            return True
        if _task_acronym(long_form):
            return True                       # "Knowledge Graph Question Answering (KGQA) benchmarks": a task
        if _PARAMS.search(surface):
            return True
        head = re.split(r"[-\s]", surface, 1)[0]
        if (head != surface and self._method(head) or self._method(re.sub(r"-[vV](?=\d)", "", surface))) \
                and not _IS_BENCH.search(surface):
            return True                       # a variant of a known model: "LLaMA-3.2-3b", "SD-v1.5"
        camel = re.fullmatch(r"[A-Z][a-z]+([A-Z][A-Za-z0-9]+)", surface)
        return bool(camel and self._method(camel.group(1)))   # "MedGemma": a model built on Gemma

    def _method(self, name: str) -> bool:
        """Does the gazetteer list ``name``, or the model it is a size of ("DeltaNet-1.3B"), as a method or task?"""
        for form in {name.lower(), _MODEL_SIZE.sub("", name.lower())}:
            if any(e.kind in ("method", "task") for e in self.gazetteer.by_form.get(form, ())):
                return True
        return False

    @staticmethod
    def _context(text: str, start: int, end: int) -> bool:
        """A common-word name counts only as "the X dataset", "on X", "datasets: X"."""
        return bool(_CONTEXT_AFTER.match(text, end) or _CONTEXT_BEFORE.search(text[max(0, start - 20):start]))


def _first_word(text: str, pos: int, end: int) -> str:
    """The word at ``pos`` (before ``end``), without the punctuation after it."""
    words = text[pos:end].split(maxsplit=1)
    return words[0].rstrip(",;.") if words else ""


def _without_language(start: int, words: list[str]) -> tuple[int, list[str]]:
    """Drop a language word before a named dataset ("the Chinese DuReader dataset" -> DuReader): it says which
    language the data is in; before a plain word ("English Gigaword") it stays part of the name."""
    if len(words) > 1 and words[0] in _LANGUAGE_WORD and looks_named(words[1]):
        return start + len(words[0]) + 1, words[1:]
    return start, words


def _whole_long_form(text: str, start: int, words: list[str], paren: str, long_at: dict) -> tuple[int, list[str], bool]:
    """Rule ``data_noun``: "the Denver Intensity of Spontaneous Facial Action (DISFA) database" names the whole long
    form of the acronym, function words included, not only its capitalised end ("Spontaneous Facial Action")."""
    long_start = long_at.get(paren.strip(" ()"), (None,))[0]
    if long_start is None or not 0 < start - long_start <= 60:
        return start, words, False
    extra = text[long_start:start].split()
    if extra and extra[0][0].isupper() and all(w[0].isupper() or w in _LONG_FORM_JOINER for w in extra):
        return long_start, extra + words, True
    return start, words, False


def _before_task_words(text: str, pos: int) -> tuple[int, list[str]]:
    """Rule ``data_noun``: "the IJB-A face recognition data set", "the KITTI object detection benchmark": a named
    word, then the task the data is for in lower case, then a singular data noun (before a plural one the words
    may be a list of kinds: "CI, CD, and CR concept segmentation benchmarks")."""
    task = _TASK_WORDS.search(text, max(0, pos - 50), pos)
    if not task or not task_like(task.group(1)):
        return pos, []
    start, words = _run_before(text, task.start(1) - 1)
    if not words or not any(looks_named(w) for w in words):
        return pos, []
    return start, words


def _before_citation(text: str, pos: int) -> int:
    """Rules ``data_noun``, ``data_list``: where a name ends before a citation marker ("the Kitti (Geiger et al
    2013) datasets", "the MPI-Sintel (Butler et al 2012) and the Kitti ..."); ``pos`` when there is none."""
    cite = _CITATION_BEFORE.search(text, max(0, pos - 50), pos)
    return cite.start() if cite else pos


def _language_pair(word: str) -> bool:
    """Rule ``evaluated_on``: "English-Romanian", "German-English" after data name the direction of translation."""
    parts = word.split("-")
    return len(parts) == 2 and all(p in _LANGUAGE_WORD for p in parts)


def _dated_name(words: list[str]) -> bool:
    """Rule ``evaluated_on``: a named word and a year ("experiments on CTW1500, ICDAR 2015 and ...") is one
    edition of the data, an item of the list like a single named word."""
    return len(words) == 2 and looks_named(words[0]) and bool(_YEAR.fullmatch(words[1]))


def _counted_plural(lower: str, anchor) -> bool:
    """Is the anchor a plural data noun after a count ("two challenging public databases")?"""
    return anchor.group(0) in _PLURAL_NOUN and bool(_COUNTED_NOUN.search(lower, max(0, anchor.start() - 80),
                                                                          anchor.start()))


def _task_acronym(long_form: str | None) -> bool:
    """Is the long form the text gives an acronym a task's name ("Video Super-Resolution (VSR)"), not data's
    ("Abstraction and Reasoning Corpus (ARC)")?"""
    return bool(long_form and task_like(long_form) and not _NOUN_IN.search(long_form))


def _kind_not_name(text: str, start: int, noun: str, words: list[str], paren: bool) -> bool:
    """Do the words before a data noun describe a kind of data, or number a part, rather than name data?
    "standard KGQA benchmarks" (one name before a plural noun, not a list "A and B datasets"), "a Motion
    Capture dataset", "an existing mmWave dataset", "a new MEF dataset", "the Version 2 dataset", "US Federal
    Aviation Administration dataset"."""
    if words[0] in _SEQUENCE_WORD or words[-1] in _ORGANISATION_HEAD:
        return True
    if paren:
        return False  # "the Long Range Arena (LRA) benchmark": a name with its acronym
    before = text[max(0, start - 50):start]
    if noun.lower() in _PLURAL_NOUN and not _SEP_BEFORE.search(before):
        # "three VideoQA benchmarks", "standard KGQA benchmarks", "Current AI benchmarks ..." (a sentence's
        # start); not "on RadImageNet datasets", "the ETT datasets"
        word = _WORD_BEFORE.search(before)
        if word is None or word.group(1) is None or word.group(1).islower() and word.group(1) not in _NAME_CUE:
            return True
    cue = _KIND_CUE.search(before)
    if cue:
        return not _named_after_the(before, cue, words)
    return noun.islower() and not any(_COINED.search(w) for w in words) and bool(_DESCRIBED_CUE.search(before))


def _named_after_the(before: str, cue, words: list[str]) -> bool:
    """Rule ``data_noun``: "the existing WikiQA benchmark" names one (the definite article picks it out); "an
    existing mmWave dataset" describes a kind."""
    return cue.group(0).strip().lower() in _THE_CUE and bool(_THE_BEFORE.search(before, 0, cue.start() + 1)) and \
        looks_named(words[0])


def _announces_data(text: str, title_data, title_end: int) -> bool:
    """Does the title's data noun head what the title announces ("X: A Benchmark for Y", "X: A Dataset and
    Benchmark")? Not "Dataset-Agnostic Augmentation", "Dataset Distillation", "De-anonymizing LM Arena via ...",
    "A Verifier for LLMs Evaluation"."""
    if _TITLE_PREP.search(text, title_data.end(1), title_data.start(2)):
        return False
    after = title_data.end(2)
    if text[after:after + 1] == "s":
        after += 1
    return bool(_TITLE_NEXT.match(text, after, title_end))


def _pairs(doc) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The doc's abbreviation pairs as ((long start, end), (short start, end))."""
    from .extensions import span_chars

    return [(span_chars(long), span_chars(short)) for long, short in doc_value(doc, "abbreviations") or []]


def _written_lower(text: str, phrase: str) -> bool:
    """Does the text write ``phrase`` in lower case, but for a sentence's first letter ("Image copy detection
    (ICD) aims ...", "for image copy detection")? Then it is the name of a task, not of data."""
    key = phrase.lower()
    return any(text[at + 1:at + len(key)] == key[1:] for at in word_occurrences(text.lower(), key))


def _title_words(text: str, start: int, end: int, title_end: int) -> bool:
    """A title phrase of plain words ("A Dyadic Multimodal Corpus", "Social Media") the abstract never uses
    again as written: a topic of the title, not the name of data."""
    if start >= title_end or any(looks_named(w) for w in text[start:end].split()):
        return False
    return next(word_occurrences(text[title_end:], text[start:end]), None) is None


def _evaluation_sentence(text: str, lower: str, start: int, end: int) -> bool:
    """Does the paper evaluate on (use) the data this sentence names? Not when the sentence speaks of other
    work ("as shown on many datasets, such as X", "existing benchmarks like Y") without the paper's own
    evaluation in it ("we evaluate on widely used benchmarks such as Z" is the paper's)."""
    evaluation = _EVAL_SENT.search(lower, start, end)
    if _BACKGROUND.search(text, start, end):
        return bool(evaluation and _OURS.search(text, start, end))
    return bool(evaluation or _USE.search(lower, start, end) or not _BACKGROUND_HINT.search(text, start, end))


def _title_data_name(head: str, abstract: str) -> bool:
    """Does the part before the colon of a title announcing data name it? A name-like first word
    ('MicroVQA: A ... Benchmark'), or one plain word the abstract uses again as written ('Video-Bench')."""
    words = head.split()
    if looks_named(words[0]):
        return True
    return len(words) == 1 and used_as_name(words[0], abstract)
