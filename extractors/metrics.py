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

from .scan import ScanPattern
from .extensions import DATA, METRIC, TASK, add_span, doc_text, doc_value, span_chars, span_text

METRICS_FILE = Path(__file__).parent / "data" / "metrics.jsonl"

# "<word> accuracy" where the word narrows accuracy to something that is not a metric of its own
_ACCURACY_FREE = frozenset("""the a an its their our his her this that these and or of in on with at to for by as
    high higher highest better best good great low lower lowest comparable competitive strong stronger
    superior similar same overall average mean model absolute relative improved record new final
    maintain maintains maintaining maintained improve improves improving enhance enhances enhancing boost
    boosts boosting achieve achieves achieving achieved reach reaches reaching obtain obtains gains gain
    sacrificing sacrifice between versus vs state-of-the-art sota leading top peak raw remarkable
    considerable significant substantial impressive excellent promising satisfactory reasonable decent
    predictive nominal clean robust preserving preserve preserves retaining retain retains keeping keep
    losing lose sacrificing compromising hurting degrading degrade degrades increasing increase increases
    yielding yield delivering deliver attaining attain matching sustaining reducing trading balancing
    affecting affect harming harm""".split())
_AFTER_NOT_METRIC = re.compile(r"[\s-]*(?:based\s+)?(?:loss|losses|regulari[sz]\w*|objective|penalty|term)\b", re.I)
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
_METRIC_CUE_BEFORE = re.compile(r"\b(?:metric|measure|score)s?\s*(?:,|:|called|named|termed|dubbed)?\s*"
                                r"(?:the\s+)?$", re.I)


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
    hyphen or nothing; an alias ending in a lower-case letter also matches with a plural ``s``."""
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
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)


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
        if mid is None:
            continue
        metric = metrics[mid]
        if _AFTER_NOT_METRIC.match(text, e):
            continue
        if _is_acronym(surface) and surface in defined and _lookup(defined[surface], exact, table) != mid:
            continue                         # the paper's own acronym for something else
        left, right = _clause(text, s, e)
        if metric.context == "acronym" and _is_acronym(surface):
            longs = [a for a in [metric.name, *metric.aliases] if not _is_acronym(a)]
            if not any(a.lower() in lowered for a in longs):
                continue
        found.append({"start": s, "end": e, "text": surface, "id": mid, "canonical": metric.name,
                      "rule": "metric_gazetteer", "context": metric.context, "left": left, "right": right})
    return _apply_context(text, found)


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
            before = re.search(r"([\w-]+)\W*$", left)
            word = before.group(1) if before else ""
            if word and word[0].islower() and not any(c.isdigit() for c in word) \
                    and word.lower() not in _ACCURACY_FREE:
                f["narrowed"] = True          # "reconstruction accuracy": a kind of accuracy, not the metric
            f["rule"] = "metric_accuracy"
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
    result = []
    for f in kept:
        for key in ("context", "left", "right"):
            f.pop(key, None)
        if f["id"] == "accuracy":
            if f.pop("narrowed", False):
                continue
            if specific:                      # the same accuracy the paper names more precisely
                f["id"], f["canonical"] = specific[0]["id"], specific[0]["canonical"]
            elif narrowed:
                continue
        result.append(f)
    return result


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
                     canonical=f["canonical"], gazetteer=f["id"])
        return doc
    return metrics
