"""Evaluation metrics: a gazetteer (``data/metrics.jsonl``) matched by one compiled regex, plus context rules.

Each gazetteer entry has a canonical ``name``, ``aliases`` and an optional ``context`` that a mention must
satisfy, because several metric names are also ordinary words or other acronyms:

- ``number``: a number close by ("latency of 12 ms", "5x lower latency"), a measuring verb ("reduces the
  latency"), or another metric listed right next to it ("precision, recall and F1"); "8-bit precision"
  and "we recall" are not metrics;
- ``acronym``: the acronym counts only when its long form also occurs ("Chamfer distance ... CD");
- ``accuracy``: bare "accuracy" is the metric when nothing narrower is around: after a task word that is not
  a metric of its own ("reconstruction accuracy") it is skipped, and when the paper also names a specific
  accuracy ("top-1 accuracy") the bare word becomes one more surface form of that one.

Any acronym the paper itself defines as something else ("CER" = "Consistency-aware Entropy Reweighting")
is not a metric there; a pair the paper defines next to the word "metric" is one (rule ``metric_defined``).

Metrics the gazetteer cannot know are read from how the text uses them (word lists in
``data/metric_words.txt``):

- ``metric_compound``: a narrower accuracy in a sentence that reports an evaluation ("experiments show higher
  question answering accuracy"), an error with its value ("a mean translation error of 0.9 cm"), a time or
  speed of a named step ("inference time", "training speed") outside a sentence of motivation ("can limit its
  inference throughput");
- ``metric_listed``: the items of a list after "metrics such as" / "two metrics:";
- ``metric_named``: a capitalised name built on Score / Index / Rate ("AuraScore", "H-Rate", "Consistency Index");
- ``metric_valued``: the noun phrase of "achieves a spatial score of 0.21" / "showed a measurement deviation of 4%".

>>> nlp = spacy.blank("en"); _ = nlp.add_pipe("paperkg_metrics")
>>> doc = nlp("QuuxNet reaches 81.2% top-1 accuracy and 31.5 PSNR, with lower latency than ViT.")
>>> [(s.text, s._.canonical) for s in doc.spans["metric"]]
[('top-1 accuracy', 'top-1 accuracy'), ('PSNR', 'PSNR')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy  # noqa: F401  (the doctest above builds a pipeline)
from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import read_sections
from .lexicon import compound_adjective
from .scan import ScanPattern
from .extensions import DATA, METRIC, TASK, add_span, doc_text, doc_value, span_chars, span_text

METRICS_FILE = Path(__file__).parent / "data" / "metrics.jsonl"



WORDS = read_sections(Path(__file__).parent / "data" / "metric_words.txt")
ENTITY_WORDS = read_sections(Path(__file__).parent / "data" / "metric_entity_words.txt")
# "<word> accuracy" where the word narrows accuracy to something that is not a metric of its own
_ACCURACY_FREE = WORDS["accuracy_free"] | ENTITY_WORDS["not_narrowing"]
_AFTER_NOT_METRIC = re.compile(r"[\s-]*(?:based\s+)?(?:loss|losses|regulari[sz]\w*|objective|penalty|term|"
                               r"trade[\s-]?offs?)\b", re.I)  # "an efficiency accuracy trade off": no measure
_NOT_PRECISION = re.compile(r"(?:mixed|half|full|single|double|numerical|arithmetic|floating[\s-]point|low|"
                            r"high|reduced|lower|higher|\d+[\s-]*bits?|bit|fp\d+|bf16|int\d+)[\s-]+$", re.I)
# a number written next to the word: "5.18× latency", "12 ms latency", "latency of 12 ms", "recall 0.84"
_NUMBER_LEFT = re.compile(r"\d[\d.,]*\s*(?:%|×|x|[A-Za-z]{1,3})?\s*(?:[\w-]+\s+)?$")
_NUMBER_RIGHT = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:of|is|was|to|at|=|:|\()?\s*(?:only|just|about|around|~|≈)?\s*\d")
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\n")
_METRIC_CUE_AFTER = re.compile(r"^\W{0,3},\s*(?:which\s+is\s+)?(?:a|an|the|our)\s+"
                               r"(?:[\w-]+\s+){0,3}(?:metric|measure|score)\b", re.I)
_MEASURING_VERB = re.compile(r"\b(?:reduc|cuts?\b|improv|increas|maximi[sz]|minimi[sz]|boost|decreas)\w*\s+"
                             r"(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?$", re.I)
# "the metric X (Y)", "metrics called X (Y)"; a plural with no cue word is a verb ("it scores X (Y) layers")
_CUE_WORD = r"(?:,|:|called|named|termed|dubbed|of)"
_METRIC_CUE_BEFORE = re.compile(rf"\b(?:metric|measure|score)(?:\s*{_CUE_WORD})?\s*(?:the\s+)?$|"
                                rf"\b(?:metric|measure|score)s\s*{_CUE_WORD}\s*(?:the\s+)?$", re.I)


@dataclass
class Metric:
    id: str
    name: str
    aliases: list = field(default_factory=list)
    context: str | None = None


def _is_acronym(text: str) -> bool:
    return " " not in text and not any(c.islower() for c in text.replace("s", ""))


def _parts(alias: str) -> list[str]:
    return [p for p in re.split(r"[\s-]+", alias) if p]


def _trie_pattern(aliases) -> str:
    """One regex for many aliases, as a prefix tree of their words (Python's ``re`` tries alternatives one
    by one, so sharing prefixes makes the scan several times faster). Words are separated by a space, a
    hyphen or nothing; an alias ending in a lower-case letter also matches with a plural ``s`` (``-ies`` for a
    final consonant + ``y``: "accuracies")."""
    trie: dict = {}
    for alias in aliases:
        node = trie
        for part in _parts(alias):
            node = node.setdefault(part, {})
        node[""] = alias[-1].islower()               # end marker: plural allowed?

    def build(node: dict) -> str:
        by_first: dict[str, list[str]] = {}          # longer words first, grouped by their first character
        for part in sorted((k for k in node if k), key=len, reverse=True):
            child = node[part]
            rest = [build(child)] if any(k for k in child) else []
            if child.get("") is True:
                rest.append("s")
            body = re.escape(part[1:])
            if rest:
                sub = "|".join(rest)
                inner = f"(?:{sub})"
                body += inner + "?" if "" in child else inner
            by_first.setdefault(part[0], []).append(body)
            if child.get("") is True and len(part) > 2 and part.endswith("y") and part[-2] not in "aeiou":
                by_first[part[0]].append(re.escape(part[1:-1]) + "ies")   # "accuracies"
        # one branch per first character: ``re`` then compares one character per branch, not every word
        group = "|".join(re.escape(first) + (bodies[0] if len(bodies) == 1 else "(?:%s)" % "|".join(bodies))
                         for first, bodies in by_first.items())
        return rf"[\s-]?(?:{group})"

    top = build(trie)[len(r"[\s-]?"):]
    return top


@lru_cache(maxsize=4)
def load_metrics(path: str = str(METRICS_FILE)) -> tuple[dict, ScanPattern, ScanPattern, dict, dict]:
    """(metrics by id, pattern for the lower-cased text, pattern for the text, exact alias -> id,
    normalised alias -> id).

    Aliases with an inner capital ("mIoU") or short all-capital ones ("FID") match with their exact case; the
    others match the lower-cased text (much faster than ``re.IGNORECASE``)."""
    metrics, exact, folded = {}, {}, {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            m = Metric(row["id"], row["name"], row.get("aliases", []), row.get("context"))
            metrics[m.id] = m
            for alias in [m.name, *m.aliases]:
                sensitive = any(c.isupper() for c in alias[1:]) or (len(alias) <= 4 and alias.isupper())
                (exact if sensitive else folded).setdefault(alias if sensitive else alias.lower(), m.id)
    def compile_(aliases, flags):
        firsts = "".join(sorted({re.escape(a[0]) for a in aliases}))
        return ScanPattern(r"(?<![\w@])(?=[%s])%s(?![\w@])" % (firsts, _trie_pattern(aliases)), flags)
    table = {_key(a): mid for a, mid in folded.items()}
    for a, mid in exact.items():
        table.setdefault(_key(a), mid)
    return metrics, compile_(folded, 0), compile_(exact, 0), exact, table


def _key(surface: str) -> str:
    return re.sub(r"[\s-]+", "", surface.lower())


def _lookup(surface: str, exact: dict, table: dict) -> str | None:
    """The metric id of a matched surface form (exact case first, then ignoring case, separators, plural s)."""
    if surface in exact:
        return exact[surface]
    key = _key(surface)
    if key.endswith("ies") and key[:-3] + "y" in table:
        return table[key[:-3] + "y"]         # "top-1 accuracies"
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)


def listed_metric(surface: str) -> str | None:
    """The id of the gazetteer metric ``surface`` is a form of ("Top-1 Acc." -> ``top-1-accuracy``), if any."""
    _metrics, _folded, _exact, exact, table = load_metrics()
    return _lookup(surface.rstrip("."), exact, table) or _lookup(surface, exact, table)


def _narrows(long: str, metric: Metric) -> bool:
    """Whether ``long`` holds every word of one of the metric's long forms ("area under the ROC curve" and "area
    under the curve"): a more precise name for it, not another metric sharing its acronym (R2 for ROUGE-2)."""
    words = set(re.findall(r"\w+", long.lower()))
    return any(set(re.findall(r"\w+", form.lower())) <= words
               for form in (metric.name, *metric.aliases) if not _is_acronym(form))


_CAMEL = re.compile(r"[a-z][A-Z]")


def _written_otherwise(surface: str, exact: dict) -> bool:
    """A case-significant surface ("DiCE", a method's acronym) that only matched an alias written in plain
    case ("Dice"): another name, not the metric."""
    return surface not in exact and bool(_CAMEL.search(surface))


def _clause(text: str, start: int, end: int, reach: int = 60) -> tuple[str, str]:
    """Text before and after a match, within ``reach`` characters and the same clause."""
    left = text[max(0, start - reach):start]
    cut = list(_CLAUSE_END.finditer(left))
    if cut:
        left = left[cut[-1].end():]
    right = text[end:end + reach]
    cut = _CLAUSE_END.search(right)
    if cut:
        right = right[:cut.start()]
    return left, right


def find_metrics(text: str, defined: dict[str, str] | None = None, path: str = str(METRICS_FILE)) -> list[dict]:
    """Metric mentions in ``text``: ``{"start", "end", "text", "id", "canonical", "rule"}``.

    ``defined`` maps short forms the text defines to their long forms (from the abbreviation detector).
    """
    metrics, folded_re, exact_re, exact, table = load_metrics(path)
    defined = defined or {}
    lowered = text.lower()
    if len(lowered) != len(text):            # a few characters change length when lower-cased
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    spans = [m.span() for m in exact_re.finditer(text)] + [m.span() for m in folded_re.finditer(lowered)]
    spans.sort(key=lambda se: (se[0], -se[1]))
    kept, last_end = [], -1
    for s, e in spans:                       # leftmost-longest, no overlaps
        if s >= last_end:
            kept.append((s, e))
            last_end = e
    found = []
    for s, e in kept:
        surface = text[s:e]
        mid = _lookup(surface, exact, table)
        if mid is None or _written_otherwise(surface, exact):
            continue
        narrower = _lookup(defined[surface], exact, table) if _is_acronym(surface) and surface in defined else mid
        if narrower != mid:
            if narrower is None or not _narrows(defined[surface], metrics[mid]):
                continue                     # the paper's own acronym for something else
            mid = narrower                   # "AUC (area under the ROC curve)": the paper says which AUC, AUROC
        metric = metrics[mid]
        if _AFTER_NOT_METRIC.match(text, e):
            continue
        left, right = _clause(text, s, e)
        if metric.context == "acronym" and _is_acronym(surface):
            longs = [a for a in [metric.name, *metric.aliases] if not _is_acronym(a)]
            if not any(a.lower() in lowered for a in longs):
                continue
        found.append({"start": s, "end": e, "text": surface, "id": mid, "canonical": metric.name,
                      "rule": "metric_gazetteer", "context": metric.context, "left": left, "right": right})
    return _merge_phrases(text, _fold_bare(_apply_context(text, found)), phrase_metrics(text))


#: A bare metric and its averaged kinds: a paper that names one kind means it by the bare word too
#: ("macro F1 ... the F1 of the baseline"); with both kinds named, the bare word stays the bare metric.
_KINDS_OF = {"f1": ("macro-f1", "micro-f1")}


def _fold_bare(found: list[dict]) -> list[dict]:
    """Bare "F1" becomes the one averaged F1 the paper names (as bare "accuracy" becomes a named accuracy)."""
    named = {f["id"] for f in found}
    for bare, kinds in _KINDS_OF.items():
        present = [k for k in kinds if k in named]
        if len(present) == 1:
            canonical = next(f["canonical"] for f in found if f["id"] == present[0])
            for f in found:
                if f["id"] == bare:
                    f["id"], f["canonical"], f["folded"] = present[0], canonical, True
    return found


_LIST_GAP = re.compile(r"\s*(?:,|/|and|or|,\s*and|,\s*or)\s*")


def _listed_with(text: str, f: dict, others: list[dict]) -> bool:
    """Is ``f`` written in a list with one of ``others`` ("precision, recall and F1")?"""
    return any(_LIST_GAP.fullmatch(text[f["end"]:p["start"]]) or _LIST_GAP.fullmatch(text[p["end"]:f["start"]])
               for p in others if p is not f)


def _apply_context(text: str, found: list[dict]) -> list[dict]:
    """Keep the mentions whose context rule holds; bare "accuracy" is folded into a specific accuracy."""
    kept = [f for f in found if f["context"] not in ("number", "accuracy")]
    pending = []
    for f in found:
        ctx, left, right = f["context"], f["left"], f["right"]
        if ctx == "number":
            if (f["id"] == "precision" and _NOT_PRECISION.search(left)) or re.match(r"-[a-z]", text[f["end"]:]):
                continue                      # "8-bit precision", "latency-aware", "precision-preserving"
            f["rule"] = "metric_context"
            if _NUMBER_LEFT.search(left) or _NUMBER_RIGHT.match(right) or _MEASURING_VERB.search(left):
                kept.append(f)
            else:
                pending.append(f)
        elif ctx == "accuracy":
            if re.match(r"-[a-z]", text[f["end"]:]):
                continue                      # "accuracy-aware", "accuracy-centric": a modifier, not the metric
            f["rule"] = "metric_accuracy"
            start = _modifiers_start(text, f["start"], _ACCURACY_FREE)
            if start < f["start"]:            # "reconstruction accuracy": a kind of accuracy ...
                if _reports_evaluation(text, f["start"]):
                    kept.extend(_compound(text, start, f["end"], _ACCURACY_FREE))   # ... reported: a metric
                    continue
                f["narrowed"] = True          # ... only talked about: not the metric
            f["quality"] = _quality_word(text, f, left, right)
            kept.append(f)
    while pending:                            # "precision, recall and F1": listed with an accepted metric
        listed = [f for f in pending if _listed_with(text, f, kept)]
        if not listed:
            break
        kept += listed
        pending = [f for f in pending if f not in listed]
    kept.sort(key=lambda f: f["start"])
    specific = [f for f in kept if f["id"] != "accuracy" and "accuracy" in f["canonical"]]
    narrowed = any(f.get("narrowed") for f in kept)
    bare = [f for f in kept if f["id"] == "accuracy" and not f.get("narrowed")]
    quality = bool(bare) and all(f["quality"] for f in bare)    # "the efficiency and accuracy of our method"
    result = []
    for f in kept:
        for key in ("context", "left", "right"):
            f.pop(key, None)
        if f["id"] == "accuracy":
            narrowed_here, quality_here = f.pop("narrowed", False), f.pop("quality", False)
            if narrowed_here or quality and quality_here:
                continue
            if specific:                      # the same accuracy the paper names more precisely
                f["id"], f["canonical"], f["folded"] = specific[0]["id"], specific[0]["canonical"], True
            elif narrowed:
                continue
        result.append(f)
    return result


_QUALITY_NOUN = r"(?:%s)" % "|".join(sorted(WORDS["quality_noun"]))
_QUALITY_BEFORE = re.compile(rf"\b{_QUALITY_NOUN},?\s+(?:and\s+)?$", re.I)
_QUALITY_AFTER = re.compile(rf"^,?\s+(?:and\s+)?{_QUALITY_NOUN}\b|^\s+(?:%s)\b" % "|".join(
    sorted(WORDS["accuracy_state"])), re.I)


def _quality_word(text: str, f: dict, left: str, right: str) -> bool:
    """Is bare "accuracy" one quality among others, not a measure reported ("versatility and accuracy",
    "the accuracy and quality of X", "accuracy stagnation")?"""
    if _NUMBER_LEFT.search(left) or _NUMBER_RIGHT.match(right):
        return False
    return bool(_QUALITY_BEFORE.search(left) or _QUALITY_AFTER.match(right))


# --- metrics read from how the text uses them ------------------------------------------------------------

_MODIFIER = re.compile(r"(?<![\w-])([a-z][a-z-]*[a-z])\s+\Z")
_COORDINATED = re.compile(r"(?<![\w-])([a-z][a-z-]*[a-z])\s+(?:and|or)\s+\Z")
_ADJECTIVE_BEFORE = re.compile(r"(?<![\w-])[a-z]+(?:al|ic|ive|ous)\s+\Z")
_ADJECTIVE = re.compile(r"[a-z]+(?:al|ic|ive|ous)")
# a quality ("factuality") coordinated with an adjective ("diagnostic accuracy") heads its own phrase, and so does
# a noun of action ("localization") coordinated with an adjective that is no noun ("structural"; "retrieval" is one)
_QUALITY_SUFFIX = re.compile(r"(?:ity|ness)$")
_ACTION_SUFFIX = re.compile(r"(?:tion|sion|ment|ance|ence)$")
_NO_NOUN_ADJECTIVE = re.compile(r"[a-z]+(?:ic|ive|ous|[^v]al)")
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")
_EVALUATION = re.compile(r"\b(?:%s)" % "|".join(sorted(map(re.escape, WORDS["evaluation_cue"]))), re.I)
_BACKGROUND = re.compile(r"\b(?:%s)" % "|".join(sorted(map(re.escape, WORDS["background_cue"]))), re.I)
_ERROR = ScanPattern(r"\berrors?\b(?![\w-])")
_ERROR_AFTER = re.compile(r"\s*(?:[,.;:)]|of\b|is\b|was\b|are\b|were\b|around\b|about\b|below\b|under\b|"
                          r"across\b|by\b|on\b|in\b|and\b|with\b|=|\(|$)")
_SPEED = ScanPattern(r"\b(?:%s)\s+(?:%s)\b(?![\w-])" % (
    "|".join(sorted(map(re.escape, WORDS["speed_modifier"]), key=len, reverse=True)),
    "|".join(sorted(map(re.escape, WORDS["speed_head"]), key=len, reverse=True))))
_SPEED_LEAD = frozenset(("slow", "fast", "constant", "total", "overall", "the"))
_SPEED_FREE = _ACCURACY_FREE | _SPEED_LEAD
_ERROR_FREE = _ACCURACY_FREE - WORDS["error_lead"]   # "mean", "median" lead an error's name
_AT_TIME = re.compile(r"\b(?:at|during|in|per)\s+\Z", re.I)
# 'measures such as' lists steps taken as often as quantities ('copyright protection measures such as watermarks')
_LIST_START = ScanPattern(r"\b(?:metrics|metric)\s*(?:,\s*)?(?:such\s+as|including|like|namely|:)\s*")
_LIST_ITEM = re.compile(r"((?:[^\s,;:()]*[^\s,;:().])(?:\s+[^\s,;:()]*[^\s,;:().]){0,3}?)(\s*\([^()]{0,80}\))?"
                        r"(?=\s*(?:[,;.:)]|\band\b|\bor\b|$)|\s+(?:%s)\b)" % "|".join(sorted(WORDS["list_stop"])))
# a determiner after a list item: the item is a verb ('oversimplify this disagreement'), not a metric
_CLAUSE_AFTER = re.compile(r"\s+(?:the|this|these|those|its|their|our|a|an)\s", re.I)
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
_NAMED = ScanPattern(r"(?<![\w-])((?:(?:[A-Z][a-z]+|[A-Z]{2,4})(?:-[A-Z][a-z]+)*\s+){1,3}(?:Score|Index)|[A-Z][A-Za-z]*[a-z](?:Score|Index)|"
                     r"[A-Z][A-Za-z0-9]{0,5}-(?:Score|Rate|Index))(?![\w-])")
_VALUED = ScanPattern(r"\b(?:achiev|attain|reach|obtain|yield|show|report|record|deliver|maintain)\w*\s+"
                      r"(?:an?\s+|the\s+)?((?:[a-z][\w@-]*\s+){0,2}[A-Za-z][\w@-]*)"
                      r"(?:\s+values?)?\s+of\s+(?:only\s+|about\s+|around\s+|~|≈)?(?!\d+D\b)\d")  # not 'of 3D content'


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    hi = _SENTENCE_END.search(text, end)
    return lo, hi.start() if hi else len(text)


def _reports_evaluation(text: str, pos: int) -> bool:
    """Does the sentence around ``pos`` report an evaluation, not motivate the work?"""
    lo, hi = _sentence(text, pos, pos)
    return bool(_EVALUATION.search(text, lo, hi)) and not _BACKGROUND.search(text, lo, hi)


def _background(text: str, pos: int) -> bool:
    """Is the sentence around ``pos`` motivation or background ("its complexity can limit its inference
    throughput"), where a speed is talked about, not measured?"""
    return bool(_BACKGROUND.search(text, *_sentence(text, pos, pos)))


def _modifier_ok(word: str, free: frozenset[str], outer: bool = False) -> bool:
    """A lower-case noun that narrows a metric head ("segmentation", "pose"): not a unit ("mm"), verb, adverb,
    adjective ("commendable", "given") or word of the ``free`` list; a word further out is not an -ing, -er,
    -ize word either ("faster decoding speed", "maximize inference throughput")."""
    if len(word) < 3 or word in free or word.endswith(("ly", "ed", "ful", "ous", "ive")) or len(word) > 6 and \
            word.endswith(("able", "ible")) or word.endswith("s") and not word.endswith(("ss", "sis")) or \
            "-" in word and _COMPOUND_ADJECTIVE.search(word):
        return False
    return not (outer and _NOT_NOUN.search(word))


_NOT_NOUN = re.compile(r"(?:ing|ize|ise|er|est|ant|ive|ous|ful|ow)$")
_COMPOUND_ADJECTIVE = compound_adjective()  # "regime-dependent accuracy"


def _modifiers_start(text: str, head: int, free: frozenset[str], most: int = 2, outer: bool = False) -> int:
    """Where the lower-case nouns narrowing the head at ``head`` start (``head`` when there are none);
    ``outer``: the head already holds its first noun ("inference time")."""
    start = head
    for i in range(most):
        m = _MODIFIER.search(text, max(0, start - 40), start)
        if not m or not _modifier_ok(m.group(1), free, outer=outer or i > 0):
            break
        start = m.start(1)
    return start


def _compound(text: str, start: int, end: int, free: frozenset[str], twins=None) -> list[dict]:
    """The compound metric ``text[start:end]``, and its coordinated twin ("omission and commission errors";
    the twin's word one of ``twins`` when given)."""
    if _NAME_WORD_BEFORE.search(text, max(0, start - 40), start):
        return []                             # "Betti number errors": the name is longer than the words read
    head = text[start:end].split()[-1]
    out = [_mention(start, end, text[start:end], "metric_compound")]
    twin = _COORDINATED.search(text, max(0, start - 40), start)
    if twin and _modifier_ok(twin.group(1), free) and (twins is None or twin.group(1) in twins) \
            and not _heads_own_compound(text, twin.start(1), free) \
            and twin.group(1) not in WORDS["quality_noun"] | WORDS["measure_head"] \
            and not _ADJECTIVE_BEFORE.search(text, max(0, twin.start(1) - 40), twin.start(1)) \
            and not _coordinates_noun_with_adjective(twin.group(1), text[start:end].split()[0]):
        # not "image quality and reconstruction accuracy", "agreement rate and estimation accuracy", "perceptual
        # detail and structural accuracy", "factuality and diagnostic accuracy", "rasterization and physical
        # accuracy": the twin heads a phrase of its own
        out.append(_mention(twin.start(1), twin.end(1), f"{twin.group(1)} {head}", "metric_compound"))
    return out


_AND_OR = re.compile(r"\b(?:and|or)\b")


def _coordinates_noun_with_adjective(twin: str, first: str) -> bool:
    """Is ``twin`` a noun coordinated with the adjective ``first`` of the next phrase, so that they share no head?"""
    return bool(_QUALITY_SUFFIX.search(twin) and _ADJECTIVE.fullmatch(first)
                or _ACTION_SUFFIX.search(twin) and _NO_NOUN_ADJECTIVE.fullmatch(first))


def _shares_next_head(text: str, item: str, sep: re.Match | None) -> bool:
    """Is a one-word list item that names no metric of its own coordinated with the compound after it, sharing
    its head ("population and traffic impact", "hierarchy, and structural coverage"; not "latency and cost per
    call")?"""
    if not sep or " " in item or not item.islower() or not _AND_OR.search(sep.group(0)) or listed_metric(item):
        return False
    following = _LIST_ITEM.match(text, sep.end(), min(len(text), sep.end() + 200))
    return bool(following) and " " in following.group(1) and following.group(1).islower()


_NAME_WORD_BEFORE = re.compile(r"(?<=[\w,;)] )[A-Z][a-z]+ \Z")  # a capitalised word inside a sentence


def _heads_own_compound(text: str, start: int, free: frozenset[str]) -> bool:
    """Does a noun narrow the word at ``start``? Then that word heads a compound of its own and shares no head
    with the next phrase ("pilot overhead and channel reconstruction accuracy")."""
    before = _MODIFIER.search(text, max(0, start - 40), start)
    return bool(before) and _modifier_ok(before.group(1), free, outer=True)


def _mention(start: int, end: int, canonical: str, rule: str) -> dict:
    return {"start": start, "end": end, "id": None, "canonical": canonical, "rule": rule}


def phrase_metrics(text: str) -> list[dict]:
    """Metrics read from how the text uses them (rules ``metric_compound``, ``metric_listed``,
    ``metric_named``, ``metric_valued``; see the module's docstring)."""
    found = []
    lower = text.lower()                                 # each rule runs only where its words occur at all
    for m in _ERROR.finditer(text) if "error" in lower else ():    # "a mean translation error of 0.87 cm"
        start = _modifiers_start(text, m.start(), _ERROR_FREE, most=3)
        left, right = _clause(text, start, m.end())
        if start < m.start() and _ERROR_AFTER.match(text, m.end()) and (
                _NUMBER_LEFT.search(left) or _NUMBER_RIGHT.match(right)):
            found.extend(_compound(text, start, m.end(), _ERROR_FREE))
    for m in _SPEED.finditer(text):                      # "inference time", "feature extraction time"
        start = _modifiers_start(text, m.start(), _SPEED_FREE, most=1, outer=True)
        if not _AT_TIME.search(text, max(0, start - 10), start) and not _background(text, m.start()):
            found.extend(_compound(text, start, m.end(), _ACCURACY_FREE, WORDS["speed_modifier"]))
    for m in _LIST_START.finditer(text) if "metric" in lower or "measures" in lower else ():
        # "metrics such as uptime, latency and throughput"
        pos, last = m.end(), False
        for _ in range(8):
            item = _LIST_ITEM.match(text, pos, min(len(text), pos + 200))
            if not item or not _list_item_ok(item.group(1)):
                break
            if _CLAUSE_AFTER.match(text, item.end()):
                break                                    # 'metrics, such as Cohen's κ, oversimplify this ...'
            sep = _LIST_SEP.match(text, item.end())
            if not _shares_next_head(text, item.group(1), sep):
                found.append(_mention(item.start(1), item.end(1), item.group(1), "metric_listed"))
            if last or not sep:
                break                                    # "A, B and C": C ends the list
            pos, last = sep.end(), bool(_AND_OR.search(sep.group(0)))
    if "Score" in text or "Index" in text or "-Rate" in text:   # most abstracts have none: skip the scan
        for m in _NAMED.finditer(text):                  # "AuraScore", "H-Rate", "Reflectance Consistency Index"
            start = _named_start(text, m.start(1), m.end(1))
            if start is not None and not _NAMED_PART.match(text, m.end(1)):
                found.append(_mention(start, m.end(1), text[start:m.end(1)], "metric_named"))
    for m in _VALUED.finditer(text) if " of " in lower else ():   # "achieves a spatial score of 0.21"
        words = m.group(1).split()
        if m.group(1).lower() in ENTITY_WORDS["not_metric"] or words[-1].lower() in ENTITY_WORDS["not_metric"]:
            continue                                     # "showed performance drops of 41%"
        if words[-1].lower() not in WORDS["valued_not_metric"] or len(words) > 1 and words[-1] in ("score", "rate"):
            if not any(w in _ERROR_FREE for w in words) and not _counted_things(words[-1]):
                found.append(_mention(m.start(1), m.end(1), m.group(1), "metric_valued"))
    return found


_NAMED_DETERMINER = re.compile(r"(?:The|A|An|Our|This|These|Its|Their)\s+(?=[A-Z])")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w-]*\s+\Z")


def _named_start(text: str, start: int, end: int) -> int | None:
    """Where a capitalised metric name starts, without a determiner ("The Aerosol Index" -> "Aerosol Index");
    None when a capitalised word stands right before it: the name is longer than the words read ("Absolutely
    Fair Gender Bias Score")."""
    lead = _NAMED_DETERMINER.match(text, start, end)
    if lead:
        return lead.end()
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
    if before and not _NAMED_DETERMINER.match(text, before.start()):
        return None
    return start


_NAMED_PART = re.compile(r"\s+(?:[A-Z][a-z]|(?:%s)\b)" % "|".join(sorted(ENTITY_WORDS["named_followers"])))


_KINDS_OF_METRICS = frozenset(("metrics", "measures", "metric", "measure", "scores"))


_MEASURE_PLURALS = WORDS["measure_head"] | WORDS["speed_head"] | WORDS["measure_plural"]
_PLURAL_WORD = re.compile(r"[a-z-]{3,}s")
_SINGULAR_ENDINGS = ("ss", "us", "is", "ias", "ics")  # "loss", "corpus", "analysis", "bias", "statistics"


def _counted_things(word: str) -> bool:
    """Is ``word`` a lower-case plural of no measure ("interactions", "harmonic means", "average gaps")? Such a
    phrase names things observed or counted, not a metric ("error rates", "p-values" are measures)."""
    return bool(_PLURAL_WORD.fullmatch(word)) and not word.endswith(_SINGULAR_ENDINGS) and \
        word not in _MEASURE_PLURALS and word.rsplit("-", 1)[-1] not in _MEASURE_PLURALS


def _list_item_ok(item: str) -> bool:
    """An item of a metric list names a measure: no sentence words, verbs or bare adjectives ("phonetic")."""
    if item.lower() in ENTITY_WORDS["not_metric"]:
        return False                                     # "confusion matrix", "ours"
    words = item.split()
    if any(w.lower() in WORDS["list_stop"] for w in words) or words[0].lower().endswith(("ing", "ed")):
        return False
    if len(words) > 1 and words[-1].islower() and (words[-1].endswith("ed") or words[-1] in _KINDS_OF_METRICS):
        return False                                     # a clause ("audio signal recorded"), a kind ("lane-level metrics")
    if _counted_things(words[-1]):
        return False                                     # "time budgets, social interactions"
    return not (len(words) == 1 and item.islower() and item.endswith(("ic", "al")))


def _merge_phrases(text: str, gazetteer: list[dict], phrases: list[dict]) -> list[dict]:
    """Gazetteer mentions, plus the phrase mentions that overlap none of them (or widen a bare head such as
    "latency" into "inference latency": then the phrase replaces it)."""
    out = list(gazetteer)
    for p in sorted(phrases, key=lambda p: (p["start"], p["start"] - p["end"])):
        overlapping = [f for f in out if f["start"] < p["end"] and p["start"] < f["end"]]
        if any(f["start"] < p["start"] or f["end"] > p["end"] or f.get("id") not in _WIDENED for f in overlapping):
            continue
        out = [f for f in out if f not in overlapping] + [{**p, "text": text[p["start"]:p["end"]]}]
    return sorted(out, key=lambda f: f["start"])


_WIDENED = {None, "latency", "throughput", "error-rate", "accuracy"}


def defined_metrics(text: str, pairs: list[tuple[tuple[int, int], tuple[int, int], str]]) -> list[dict]:
    """Metrics the paper defines: an abbreviation pair right next to the word "metric" (rule ``metric_defined``)."""
    found = []
    for (ls, le), (ss, se), _rule in pairs:
        start, end = min(ls, ss), max(le, se)
        after = text[end:end + 60].lstrip(")")
        before = text[max(0, start - 40):start]
        if _METRIC_CUE_AFTER.match(after) or _METRIC_CUE_BEFORE.search(before):
            found.append({"start": ls, "end": le, "text": text[ls:le], "id": None,
                          "canonical": text[ls:le], "rule": "metric_defined"})
            found.append({"start": ss, "end": se, "text": text[ss:se], "id": None,
                          "canonical": text[ls:le], "rule": "metric_defined"})
    return found


@Language.factory("paperkg_metrics", requires=["doc._.abbreviations"], assigns=["doc.spans"])
def make_metrics(nlp: Language, name: str):
    """Write metric mentions to ``doc.spans["metric"]`` (``span._.canonical``, ``._.gazetteer``, ``._.rule``;
    exact offsets in ``._.chars``). Words the data or task group already holds are left to it; a method span
    over the same words stays (assemble decides: a gazetteer or defined metric is a metric)."""
    def metrics(doc: Doc) -> Doc:
        text = doc_text(doc)
        pairs = doc_value(doc, "abbreviations") or []
        defined = {span_text(short): span_text(long) for long, short in pairs}
        raw = [(span_chars(long), span_chars(short), "") for long, short in pairs]
        taken = {span_chars(s) for key in (DATA, TASK) if key in doc.spans for s in doc.spans[key]}
        doc.spans[METRIC] = []
        for f in sorted(find_metrics(text, defined) + defined_metrics(text, raw), key=lambda f: f["start"]):
            if (f["start"], f["end"]) in taken:
                continue
            taken.add((f["start"], f["end"]))
            add_span(doc, METRIC, f["start"], f["end"], "metric", f["rule"],
                     canonical=f["canonical"], gazetteer=f["id"], folded=f.get("folded", False))
        return doc
    return metrics
