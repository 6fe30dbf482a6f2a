"""Reported results: absolute scores the abstract ties to a method ("QuuxNet reaches 84.1% top-1 on X").

For each number in a sentence (a percentage, a value with a unit such as ``46 FPS`` or ``1.3G FLOPs``, a
decimal next to a metric, a score like ``7/7`` after "achieves"), paperkg keeps it when it is an absolute
score and drops relative ones: gains and reductions ("by 5.6%", "a 22% improvement", "+0.4"), speed-ups
("x21 faster", "3.4×"), the "from" value of "from 77.98% to 79.70%", shares ("31% of the heads") and counts
("6 datasets", "7B"). The method is the nearest method mention before the value in its sentence (read from
``doc.spans["method"]``), or the paper's proposed method when the sentence speaks of "our model", "it",
"the technique", ...; the metric and dataset are the nearest ``metric`` / ``data`` spans in the same clause.

>>> # needs the method spans: see tests/test_extract_results.py
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import DATA, METHOD, METRIC, doc_text, sentence_ranges, span_chars, span_text

_UNIT = (r"%|percent\b|[KMGT]\s?(?:FLOPs|FLOPS|MACs)|(?:FLOPs|FLOPS|MACs|FPS|fps|frames\s+per\s+second|frames/s|ms|dB)"
         r"(?![\w])")
_VALUE = re.compile(
    rf"(?<![\w.\-/^+±~@#])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<unit>{_UNIT}))?"
    rf"(?P<frac>/\d+)?(?![\w^]|\.\d)")
# Relative values: what comes right before ...
_REL_BEFORE = re.compile(
    r"(?:\bby|\bfrom|\bmargin\s+of|\b(?:improvement|gain|increase|decrease|reduction|drop|decline|boost|"
    r"speed-?up|advantage|lead|difference|degradation)s?\s+of|[+±×<>≤≥]|\bvs\.?|\bversus|\bthan|"
    r"(?<![A-Za-z])x|\bwithin|\bbelow|\babove|\bunder|\bbeyond|\bat\s+(?:least|most)|\bless\s+than|\bmore\s+than"
    r"|\b(?:drop|gain|improvement|increase|decrease|reduction|degradation|loss)\s+(?:is|was|of)?)"
    r"\s*(?:up\s+to|about|around|over|more\s+than|nearly|almost|approximately|roughly|only|just|~|≈)?\s*$",
    re.I)
# A change verb shortly before a value makes it a change, unless the value is where it changed "to".
_CHANGE_VERB = re.compile(r"\b(?:improv|increas|boost|outperform|surpass|exceed|reduc|remov|prun|sav|cut|lower|"
                          r"decreas|accelerat|enhanc|gain|rais|lift|shrink|compress)\w*\b", re.I)
# ... and right after.
_REL_AFTER = re.compile(
    r"^[\s$)\]]*(?:[x×]|times\b|-?fold\b|(?:\w+\s+)?(?:faster|slower|fewer|less|more|higher|lower|better|worse|"
    r"cheaper|smaller|larger|improvements?|gains?|increases?|decreases?|reductions?|speed-?ups?|boosts?|"
    r"drops?|declines?|differences?|savings?|relative|points?\b|pp\b|p\.p\.)|absolute\s+(?:improvement|gain)|of\b|over\b|"
    r"margin|lead|[-–]\s*\d|to\s+~?\d)", re.I)
_FRACTION_VERB = re.compile(r"\b(?:achiev|succeed|solv|scor|pass|get|gets|got|complet)\w*\b[^.;]{0,30}$", re.I)
_METRIC_THEN_VALUE = re.compile(r"^\s*(?:of|is|was|=|:|at|reaching|reaches|reached|\(|score\s+of|scores\s+of)?\s*$",
                                re.I)
_FROM_TO = re.compile(r"(?:\bfrom\s+|[(:]\s*|^|\s)~?\d+(?:\.\d+)?\s?%?\s+to\s*$", re.I)
_VALUE_THEN_METRIC = re.compile(r"^\s*(?:[\w.-]+\s+)?$")
_ACHIEVE = re.compile(
    r"\b(?:achiev\w*|averag\w*|reach\w*|attain\w*|record\w*|obtain\w*|scor\w*|yield\w*|get|gets|hit\w*|deliver\w*|"
    r"sustain\w*|succeed\w*|recover\w*|solv\w*|run\w*|rendering|operat\w*|establish\w*|set\w*)\b", re.I)
# the paper's own model spoken of without its name
_OURS = re.compile(r"\b(?:our|ours|we|it|its|the\s+(?:proposed|technique|method|model|framework|approach|system|"
                   r"network|architecture)|this\s+(?:model|method|approach|framework|system))\b", re.I)
# the method right after these is a baseline the paper compares with
_COMPARED = re.compile(r"\b(?:outperform\w*|surpass\w*|beat\w*|than|over|exceed\w*|compared\s+(?:to|with)|"
                       r"relative\s+to|vs\.?|versus)\s+(?:the\s+|stock\s+|strong\s+|vanilla\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r"[;]|,\s*(?:while|whereas|and\s+for|but)\b|\bwhile\b|\bwhereas\b", re.I)


class Mention(NamedTuple):
    """A span of a group with its exact character offsets."""
    start: int
    end: int
    span: Span


def _group(doc: Doc, key: str) -> list[Mention]:
    spans = doc.spans[key] if key in doc.spans else []
    return sorted(Mention(*span_chars(s), s) for s in spans)


def _name(mention: Mention) -> str:
    """A mention's name as written (an alias of its entity)."""
    return span_text(mention.span)


def _proposed(methods: list[Mention]) -> Mention | None:
    proposed = [m for m in methods if m.span._.proposed]
    if not proposed:
        return None
    title_colon = [m for m in proposed if m.span._.rule == "title_colon"]
    return (title_colon or proposed)[0]


def _is_relative(text: str, start: int, end: int, unit: str | None, list_start: int) -> bool:
    before = text[max(list_start, start - 40):start]
    if _REL_BEFORE.search(before):
        return True
    if unit in (None, "%", "percent") and not (re.search(r"\bto\s*$", before) and not re.search(r"\bup\s+to\s*$", before)):
        window = text[max(list_start, start - 50):start]
        change = list(_CHANGE_VERB.finditer(window))
        if change:
            rest = window[change[-1].end():]           # nothing in between that starts a new claim
            if "," not in rest and not _ACHIEVE.search(rest):
                return True
    after = text[end:end + 60]
    more = _MORE_VALUES.match(after)                     # "12.4% and 8.4% gains": the whole list is relative
    if unit in (None, "%", "percent") and _REL_AFTER.match(after[more.end() if more else 0:]):
        return True
    return False


def _nearest(spans: list[Mention], start: int, end: int, lo: int, hi: int, reach: int = 50) -> Mention | None:
    """The span closest to [start, end) within [lo, hi) and ``reach`` characters."""
    best, dist = None, reach + 1
    for s in spans:
        if s.start < lo or s.end > hi:
            continue
        d = start - s.end if s.end <= start else s.start - end if s.start >= end else 0
        if 0 <= d < dist:
            best, dist = s, d
    return best


def find_results(doc: Doc) -> list[dict]:
    """The doc's results, ``{"method", "dataset", "metric", "value", "start", "end", "rule"}`` each."""
    text = doc_text(doc)
    metrics = _group(doc, METRIC)
    metric_chars = {(m.start, m.end) for m in metrics}
    methods = [m for m in _group(doc, METHOD) if (m.start, m.end) not in metric_chars]
    data = _group(doc, DATA)
    proposed = _proposed(methods)
    data_names = {_name(d) for d in data}
    results = []
    for s0, s1 in sentence_ranges(doc):
        if not _DIGIT.search(text, s0, s1):
            continue
        skip_list_until = -1
        for m in _VALUE.finditer(text, s0, s1):
            start, end, unit, frac = m.start(), m.end(), m.group("unit"), m.group("frac")
            if frac and unit or (not unit and _YEAR.fullmatch(m.group("num"))):
                continue
            if _NOT_SCORE_AFTER.match(text, end):
                continue                                  # "95% confidence intervals", "39% hard cases"
            if start < skip_list_until:
                skip_list_until = _list_end(text, end, s1)
                continue
            if _is_relative(text, start, end, unit, s0):
                skip_list_until = _list_end(text, end, s1)   # "by 5.6%, 4.5% and 3.0%": all relative
                continue
            clause0, clause1 = _clause(text, start, end, s0, s1)
            metric = _nearest(metrics, start, end, clause0, clause1, reach=25)
            if metric is not None and not _tied(text, metric, start, end):
                metric = None
            dataset = _dataset(text, data, start, end, clause0, clause1)
            before = text[max(s0, start - 40):start]
            if _FROM_TO.search(before):
                rule = "result_to"
                metric = metric or _nearest(metrics, start, end, s0, clause1, reach=80)
            elif frac:
                if not _FRACTION_VERB.search(before):
                    continue
                rule = "result_score"
            elif unit and unit not in ("%", "percent"):
                rule = "result_unit"
            elif metric is not None:
                rule = "result_metric"
            elif unit in ("%", "percent") and (dataset is not None or _ACHIEVE.search(before)):
                rule = "result_on" if dataset is not None else "result_verb"
            else:
                continue
            if metric is None and unit in ("%", "percent") and (
                    re.match(r"\s*of\s", text[end:end + 5]) or re.search(r"[a-z]\s*\(\s*$", before)):
                continue                                  # "31% of the heads", "injection rate (1% ...)"
            method = _attribute(text, methods, proposed, start, s0)
            named = _BRACKET_AFTER_NAME.search(text, max(s0, start - 60), start)
            if named:                                      # "DCLM (31.98%)": that name's value
                owner = [x for x in methods if x.end <= start and x.end >= named.start(1)]
                method = owner[-1] if owner else None
            elif method is proposed and method is not None and (
                    _UNNAMED_SUBJECT.search(text, s0, start) or _name(method) in data_names):
                method = None                              # "the best model reaches 46.8%" in a benchmark paper
            if method is None:
                continue
            results.append({"method": _name(method), "dataset": _name(dataset) if dataset is not None else None,
                            "metric": _name(metric) if metric is not None else None,
                            "value": _value_text(text, m), "start": start, "end": end, "rule": rule})
    return results


_MORE_VALUES = re.compile(r"(?:\s*(?:,|and|,\s*and|or)\s*[+~]?\d+(?:\.\d+)?\s?%?)+")
_LIST_MORE = re.compile(r"(?:(?:\s+[A-Za-z][\w@.\-]*)?(?:\s+(?:on|in|for)\s+(?:the\s+)?[\w\-.]+(?:\s+(?:dataset|benchmark|set|split))?)?"
                        r"\s*(?:,|and|,\s*and|or)\s*[+~]?\d+(?:\.\d+)?\s?%?)+")


_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_SCORE_AFTER = re.compile(r"\s*(?:confidence|CI\b|credible|significance|quantile|percentile|of\s+the\b)", re.I)
# "... baseline DCLM (31.98%)": a value in brackets right after a name belongs to that name
_BRACKET_AFTER_NAME = re.compile(r"([A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*){0,2})\s*\((?:[^()]{0,25}?[=:]\s*)?$")
# "the best model achieves only 37.4%": a value of a model the text does not name
_UNNAMED_SUBJECT = re.compile(r"\b(?:best|top|strongest|leading|frontier|state-of-the-art|existing|current|"
                              r"open-source|closed-source|proprietary|baseline)[\w\s-]{0,30}?\b(?:model|models|"
                              r"system|systems|agent|agents|LLMs?|VLMs?|MLLMs?|methods?)\b", re.I)


def _list_end(text: str, end: int, limit: int) -> int:
    """End of the list of values that continues after a value ("5.6%, 4.5%, 3.0% and 3.5%",
    "8.0% on CIFAR-100 and 0.7% on ImageNet")."""
    m = _LIST_MORE.match(text, end, limit)
    return m.end() + 1 if m else -1


def _tied(text: str, metric: Mention, start: int, end: int) -> bool:
    """Is the metric written as this value's metric ("accuracy of 91.2%", "86.4% top-1 accuracy")?"""
    if metric.end <= start:
        return bool(_METRIC_THEN_VALUE.match(text[metric.end:start]))
    return bool(_VALUE_THEN_METRIC.match(text[end:metric.start]))


def _dataset(text: str, data: list[Mention], start: int, end: int, lo: int, hi: int) -> Mention | None:
    """The dataset of a value: "... on X" right after it, else the nearest one before it in the same
    comma-separated part ("an ImageNet accuracy of 88.0%"), else the nearest after it."""
    on = re.match(r"(?:\s+[\w.-]+){0,3}?\s+(?:on|in)\s+(?:the\s+)?", text[end:hi])
    if on:
        at = end + on.end()
        for d in data:
            if d.start == at:
                return d
    part = text.rfind(",", lo, start) + 1 or lo
    before = [d for d in data if d.start >= part and d.end <= start]
    if before:
        return before[-1]
    stop = text.find(",", end, hi)
    return _nearest(data, start, end, end, stop if stop >= 0 else hi, reach=40)


def _clause(text: str, start: int, end: int, s0: int, s1: int) -> tuple[int, int]:
    lo = max([b.end() + s0 for b in _CLAUSE_BREAK.finditer(text[s0:start])], default=s0)
    after = _CLAUSE_BREAK.search(text, end, s1)
    return lo, after.start() if after else s1


def _attribute(text: str, methods: list[Mention], proposed: Mention | None, start: int, s0: int) -> Mention | None:
    """The method a value belongs to: the nearest method mentioned before it in the sentence, unless the
    sentence turns to the paper's own model in between ("... BLOOM, the technique recovers 98.7%")."""
    before = [m for m in methods if s0 <= m.start and m.end <= start]
    if not before:
        return proposed
    nearest = before[-1]
    if nearest.span._.proposed:
        return nearest
    lead = text[max(s0, nearest.start - 30):nearest.start]
    if re.search(r"\b(?:for|with)\s+$", lead[-5:], re.I):
        return nearest                                   # "For Swin-T, it improves from 81.5% to 83.4%"
    between = text[nearest.end:start]
    ours = _OURS.search(between) and not re.match(r"\s*(?:with|at|of)\b", between)
    if ours or _COMPARED.search(lead):                   # "... BLOOM, the technique recovers 98.7%",
        return proposed                                  # "outperforms BLOOM (12.70 vs. 16.99)"
    return nearest


_UNIT_SPACE = re.compile(r"\s+")


def _value_text(text: str, m: re.Match) -> str:
    """The value as written: the number with its %, or with its unit ("46 FPS", "1.3G FLOPs")."""
    value = m.group(0)
    return _UNIT_SPACE.sub(" ", value)


@Language.factory("paperkg_results")
def make_results(nlp: Language, name: str):
    """Set ``doc._.results`` from the numbers tied to the doc's method, metric and data spans."""
    def results(doc: Doc) -> Doc:
        doc._.results = find_results(doc)
        return doc
    return results
