"""Reported results: absolute scores the abstract ties to a method ("QuuxNet reaches 84.1% top-1 on X").

Every number of a sentence is a candidate: a percentage, a value with a unit (``46 FPS``, ``1.3G FLOPs``,
``28.5 dB``), a decimal written with its metric ("mIoU of 47.1", "51.2 box AP"), a score like ``7/7`` after
"achieves". paperkg keeps the absolute scores and drops

- relative values: gains and reductions ("by 5.6%", "a 22% improvement", "+0.4", "we remove 52% FLOPs"),
  speed-ups ("x21 faster", "3.4×"), bounds ("above 90%", "< 0.1%"), the start of "from 77.98% to 79.70%";
- values that are not scores: years, counts ("6 datasets", "7B"), shares ("31% of the heads"), confidence
  levels ("95% confidence intervals"), a percentage in brackets after an ordinary noun.

The method is the nearest method mention before the value in its sentence (``doc.spans["method"]``, plus
size variants of those written in the text, "QuuxNet-B6"), or the paper's proposed method when there is none or
the sentence turns to "our model", "it", "the technique"; a value in brackets right after a name ("DCLM
(31.98%)") is that name's; a baseline compared with ("surpasses Swin-T") or a tool ("with the Mask R-CNN
framework") does not own the value, its subject does, except the second of a pair "(50.1 vs. 46.1)"; a value
of a model the text leaves unnamed ("the best closed-source model achieves 64.2%") is dropped. Slash runs
("49.7/53.5/55.4 AP") are one value per number. Metric and dataset come from the
``metric`` and ``data`` spans written with the value ("86.4% top-1 accuracy on ImageNet-1K").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import (DATA, METHOD, METRIC, doc_text, make_span, sentence_ranges, set_doc_value, span_chars,
                         span_text, span_value)

# --- candidate values ----------------------------------------------------------------------------------
_UNIT = (r"%|percent\b|[KMGT]\s?(?:FLOPs|FLOPS|MACs)|(?:FLOPs|FLOPS|MACs|FPS|fps|frames\s+per\s+second|"
         r"frames/s|ms|dB|cm|mm|km|[µμ]m)(?![\w])|°")
_VALUE = re.compile(
    rf"(?<![\w.\-/^+±~@#])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<unit>{_UNIT}))?"
    rf"(?P<frac>/\d+)?(?![\w^]|\.\d)")
_PERCENT = ("%", "percent")
_SLASH_VALUES = re.compile(rf"(?<![\w.\-/])(?P<num>(?P<nums>\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?){{2,}}))"
                           rf"(?:\s?(?P<unit>{_UNIT}))?(?![\w/])")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_SCORE_AFTER = re.compile(r"\s*(?:confidence|CI\b|credible|significance|quantile|percentile|of\s+the\b|"
                              r"(?:of\s+)?(?:the\s+)?(?:labell?ed|unlabell?ed|training|annotated)\s+"
                              r"(?:data|samples|examples|images|labels))", re.I)

# --- relative values -----------------------------------------------------------------------------------
_REL_BEFORE = re.compile(  # one \b before the words: a branch led by \b is entered at every position
    r"(?:\b(?:by|by\s+an?\s+(?:average|mean)\s+of|from|margin\s+of|(?:improvement|gain|increase|decrease|reduction|drop|decline|boost|"
    r"speed-?up|advantage|lead|difference|degradation)s?\s+of|vs\.?|versus|than|within|below|above|under|beyond|"
    r"at\s+(?:least|most)|less\s+than|more\s+than|(?:drop|gain|improvement|increase|decrease|reduction|degradation|"
    r"loss)\s+(?:is|was|of)?)|[+±×<>≤≥]|(?<![A-Za-z])x)"
    r"\s*(?:up\s+to|about|around|over|more\s+than|nearly|almost|approximately|roughly|only|just|~|≈)?\s*$"
    r"|\b(?:over|exceeding)\s*$",
    re.I)
_REL_AFTER = re.compile(
    r"^[\s$)\]]*(?:[x×]|times\b|-?fold\b|(?:[\w-]+\s+){0,2}?(?:faster|slower|fewer|less|more|higher|lower|better|"
    r"worse|cheaper|smaller|larger|improvements?|gains?|increases?|decreases?|reductions?|speed-?ups?|"
    r"boosts?|drops?|declines?|differences?|savings?|relative|points?\b|pp\b|p\.p\.)|"
    r"absolute\s+(?:improvement|gain)|of\b|over\b|margin|lead|[-–]\s*\d|to\s+~?\d)", re.I)
# a change verb shortly before a value makes it a change ("improves accuracy up to 15%") ...
_CHANGE_VERB = re.compile(r"\b(?:improv|increas|boost|outperform|surpass|exceed|reduc|remov|prun|sav|cut|"
                          r"lower|decreas|accelerat|enhanc|gain|rais|lift|shrink|compress)\w*\b", re.I)
# ... unless the value is where it changed to: "from 77.98% to 79.70%", "(20.9% to 43.1%)"
_CHANGED_TO = re.compile(r"(?:\bfrom\s+|[(:]\s*|^|\s)~?\d+(?:\.\d+)?\s?%?\s+to\s*$", re.I)
_GAIN_AFTER = re.compile(r"\s*(?:gains?|improvements?|increases?|reductions?|drops?|higher|lower|better|"
                         r"faster|slower|fewer|less|more)\b", re.I)
# a model's cost written as its budget ("with only 26M parameters and 1.0G FLOPs") is a condition, not a result
_COST_UNITS = ("FLOPs", "FLOPS", "MACs")
_BUDGET_BEFORE = re.compile(r"\b(?:only|just|merely)\s+(?:(?:[\w.]+\s+){1,2}(?:and\s+|,\s*))?\S*$", re.I)
_MORE_VALUES = re.compile(r"(?:\s*(?:,|and|,\s*and|or)\s*[+~]?\d+(?:\.\d+)?\s?%?)+")
# the rest of a list that started with a relative value: "by 5.6%, 4.5% and 3.0%", "8.0% on X and 0.7% on Y"
_LIST_MORE = re.compile(
    r"(?:(?:\s+[A-Za-z][\w@.\-]*)?(?:\s+(?:on|in|for)\s+(?:the\s+)?[\w\-.]+(?:\s+(?:dataset|benchmark|set|split))?)?"
    r"\s*(?:,|and|,\s*and|or)\s*[+~]?\d+(?:\.\d+)?\s?%?)+")

# --- what ties a value to a claim ----------------------------------------------------------------------
_ACHIEVE = re.compile(
    r"\b(?:achiev\w*|averag\w*|reach\w*|attain\w*|record\w*|obtain\w*|scor\w*|yield\w*|get|gets|hit\w*|"
    r"deliver\w*|sustain\w*|succeed\w*|recover\w*|solv\w*|run\w*|rendering|operat\w*|establish\w*|set\w*)\b",
    re.I)
_FRACTION_VERB = re.compile(r"\b(?:achiev|succeed|solv|scor|pass|get|gets|got|complet)\w*\b[^.;]{0,30}$", re.I)
_METRIC_THEN_VALUE = re.compile(
    r"^\s*(?:of|is|was|=|:|at|reaching|reaches|reached|\(|score\s+of|scores\s+of)?\s*$", re.I)
_VALUE_THEN_METRIC = re.compile(r"^\s*(?:[\w.-]+\s+)?$")
_VALUES_ON_METRIC = re.compile(r"^(?:\s*(?:,|and|,\s*and)\s*\d+(?:\.\d+)?\s?%?)+\s+(?:on|in)\s+(?:terms\s+of\s+)?$")
_NOUN_BRACKET = re.compile(r"(?<![\w-])[a-z]+\s*\(\s*$")
_CLAUSE_BREAK = re.compile(r"[;]|,\s*(?:while|whereas|and\s+for|but)\b|\bwhile\b|\bwhereas\b", re.I)

# --- whose value it is ---------------------------------------------------------------------------------
_OURS = re.compile(r"\b(?:our|ours|we|it|its|the\s+(?:proposed|technique|method|model|framework|approach|system|"
                   r"network|architecture)|this\s+(?:model|method|approach|framework|system))\b", re.I)
# the method right after these is a baseline the paper compares with
_COMPARED = re.compile(r"\b(?:outperform\w*|surpass\w*|beat\w*|than|over|exceed\w*|compared\s+(?:to|with)|"
                       r"relative\s+to|vs\.?|versus|against)\s+"
                       r"(?:the\s+|stock\s+|strong\s+|vanilla\s+|other\s+|all\s+|existing\s+|prior\s+)*$", re.I)
_TOOL_BEFORE = re.compile(r"\b(?:with|using|under)\s+(?:the\s+|a\s+)?$", re.I)
_TOOL_AFTER = re.compile(r"\s+(?:framework|backbone|detector|head|pipeline|decoder|encoder|setting|protocol)s?\b", re.I)
_VERSUS_SECOND = re.compile(r"\d\s*(?:vs\.?|versus)\s*$")
_VS_FIRST = re.compile(r"\s*(?:vs\.?|versus)\s*\d")
_MARGIN_OF_PAIR = re.compile(r"\s*(?:[\w@.-]+\s+){0,2}?\(\s*\d+(?:\.\d+)?\s?%?\s*(?:vs\.?|versus)\s*\d")
_PAIRED_VS = re.compile(r"\(\s*\d+(?:\.\d+)?\s?%?\s*(?:vs\.?|versus)\s*$")
_SIZE_SUFFIX = re.compile(r"(?:[A-Z]{1,2}\d{0,2}|\d+[A-Za-z]?|Tiny|Small|Base|Large|Huge|Ti)(?![\w-])")
_BRACKET_AFTER_NAME = re.compile(r"(?<![\w-])([A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*){0,2})\s*\((?:[^()]{0,25}?[=:]\s*)?$")
_UNNAMED_SUBJECT = re.compile(r"\b(?:best|top|strongest|leading|frontier|state-of-the-art|existing|current|"
                              r"open-source|closed-source|proprietary|baseline)[\w\s-]{0,30}?\b(?:model|models|"
                              r"system|systems|agent|agents|LLMs?|VLMs?|MLLMs?|methods?)\b", re.I)


class Mention(NamedTuple):
    """A span of a group with its exact character offsets."""
    start: int
    end: int
    span: Span


def _group(doc: Doc, key: str) -> list[Mention]:
    spans = doc.spans[key] if key in doc.spans else []
    return sorted(Mention(*span_chars(s), s) for s in spans)


def _name(mention: Mention | None) -> str | None:
    """A mention's name as written (an alias of its entity)."""
    return span_text(mention.span) if mention is not None else None


def _proposed(methods: list[Mention]) -> Mention | None:
    proposed = [m for m in methods if span_value(m.span, "proposed")]
    title_colon = [m for m in proposed if span_value(m.span, "rule") == "title_colon"]
    return (title_colon or proposed or [None])[0]


def _mentions(doc: Doc, text: str):
    """(metrics, methods with their size variants, data, the proposed method, the data names) of a doc."""
    metrics = _group(doc, METRIC)
    metric_chars = {(m.start, m.end) for m in metrics}
    methods = [m for m in _group(doc, METHOD) if (m.start, m.end) not in metric_chars]
    methods = sorted(methods + _variants(doc, text, methods))
    data = _group(doc, DATA)
    return metrics, methods, data, _proposed(methods), {_name(d) for d in data}


def find_results(doc: Doc) -> list[dict]:
    """The doc's results, ``{"method", "dataset", "metric", "value", "start", "end", "rule"}`` each."""
    text = doc_text(doc)
    groups = None  # the doc's mentions, read at its first candidate value (many abstracts have none)
    results, last = [], (-1, None)   # last: (end, metric) of the previous candidate value
    for s0, s1 in sentence_ranges(doc):
        if not _DIGIT.search(text, s0, s1):
            continue
        skip_until = -1
        for m, members in _values(text, s0, s1):
            start, end, unit = m.start(), m.end(), m.group("unit")
            if (m.group("frac") and unit) or (not unit and _YEAR.fullmatch(m.group("num"))) \
                    or _NOT_SCORE_AFTER.match(text, end):
                continue
            if start < skip_until or _is_relative(text, start, end, unit, s0):
                skip_until = _list_end(text, end, s1)       # "by 5.6%, 4.5% and 3.0%": all relative
                continue
            clause = _clause(text, start, end, s0, s1)
            if groups is None:
                groups = _mentions(doc, text)
            metrics, methods, data, proposed, data_names = groups
            metric = _tied_metric(text, metrics, start, end, clause)
            if metric is None and last[0] >= start - 12 and _PAIRED_VS.search(text, max(s0, start - 20), start):
                metric = last[1]                            # "(12.7 vs. 17.0)": the first value's metric
            last = (end, metric)
            rule, metric = _kind(text, m, s0, metric, metrics, clause, data)
            if rule is None:
                continue
            method = _owner(text, methods, proposed, start, s0, data_names)
            if method is None:
                continue
            dataset = _name(_dataset(text, data, start, end, *clause))
            for value, (v0, v1) in members:
                results.append({"method": _name(method), "dataset": dataset, "metric": _name(metric),
                                "value": value, "start": v0, "end": v1, "rule": rule})
    return results


class _ValueList:
    """A run of values written with slashes, "49.7/53.5/55.4 AP" or "273/169/124 FPS", read as one value: the
    unit and the claim belong to every member."""

    def __init__(self, m: re.Match):
        self.match = m

    def start(self) -> int:
        return self.match.start()

    def end(self) -> int:
        return self.match.end()

    def group(self, name=0):
        if name == "frac":
            return None
        return self.match.group(0) if name == 0 else self.match.group(name)


def _values(text: str, s0: int, s1: int):
    """Candidate values of a sentence: ``(match, [(value as written, (start, end)), ...])``; a slash run of
    three or more numbers gives one candidate with one member per number."""
    lists = [m for m in _SLASH_VALUES.finditer(text, s0, s1)] if "/" in text[s0:s1] else []
    for m in lists:
        unit = m.group("unit")
        members = [(n.group(0) + (f" {unit}" if unit and unit not in _PERCENT else unit or ""),
                    (m.start() + n.start(), m.start() + n.end()))
                   for n in re.finditer(r"\d+(?:\.\d+)?", m.group("nums"))]
        yield _ValueList(m), members
    for m in _VALUE.finditer(text, s0, s1):
        if not any(l.start() <= m.start() < l.end() for l in lists):
            yield m, [(re.sub(r"\s+", " ", m.group(0)), (m.start(), m.end()))]


def _kind(text: str, m: re.Match, s0: int, metric: Mention | None, metrics: list[Mention],
          clause: tuple[int, int], data: list[Mention]) -> tuple[str | None, Mention | None]:
    """(rule, metric) for an absolute value that is a reported score, (None, None) otherwise."""
    start, end, unit = m.start(), m.end(), m.group("unit")
    before = text[max(s0, start - 40):start]
    if _CHANGED_TO.search(before):
        return "result_to", metric or _nearest(metrics, start, end, s0, clause[1], reach=80)
    if m.group("frac"):
        return ("result_score", metric) if _FRACTION_VERB.search(before) else (None, None)
    if unit and unit not in _PERCENT:
        return "result_unit", metric
    if metric is not None:
        return "result_metric", metric
    if unit not in _PERCENT or re.match(r"\s*of\s", text[end:end + 5]) or _NOUN_BRACKET.search(before):
        return None, None                                  # "31% of the heads", "injection rate (1% ...)"
    if _dataset(text, data, start, end, *clause) is not None:
        return "result_on", None
    return ("result_verb", None) if _ACHIEVE.search(before) else (None, None)


def _is_relative(text: str, start: int, end: int, unit: str | None, s0: int) -> bool:
    before = text[max(s0, start - 40):start]
    after = text[end:end + 60]
    if _PAIRED_VS.search(before) or _VS_FIRST.match(after):
        return False                                         # "(12.7 vs. 17.0)": both absolute values
    if _MARGIN_OF_PAIR.match(after):
        return True                                          # "4% mIoU (50.1 vs. 46.1)": the difference
    if _REL_BEFORE.search(before):
        return True
    if unit not in (None, *_PERCENT):                        # "0.39 dB gains", "with only 1.0G FLOPs"
        return bool(_GAIN_AFTER.match(text, end) or unit.endswith(_COST_UNITS) and _BUDGET_BEFORE.search(before))
    changed_to = re.search(r"\bto\s*$", before) and not re.search(r"\bup\s+to\s*$", before)
    if not changed_to:
        window = text[max(s0, start - 50):start]
        change = list(_CHANGE_VERB.finditer(window))
        if change:
            rest = window[change[-1].end():]                 # nothing in between starts a new claim
            if "," not in rest and not _ACHIEVE.search(rest):
                return True
    after = text[end:end + 60]
    more = _MORE_VALUES.match(after)                         # "12.4% and 8.4% gains": all relative
    return bool(_REL_AFTER.match(after[more.end() if more else 0:]))


def _list_end(text: str, end: int, limit: int) -> int:
    m = _LIST_MORE.match(text, end, limit)
    return m.end() + 1 if m else -1


def _nearest(spans: list[Mention], start: int, end: int, lo: int, hi: int, reach: int = 50) -> Mention | None:
    """The mention closest to [start, end) inside [lo, hi) and within ``reach`` characters."""
    best, dist = None, reach + 1
    for s in spans:
        if s.start < lo or s.end > hi:
            continue
        d = start - s.end if s.end <= start else s.start - end if s.start >= end else 0
        if 0 <= d < dist:
            best, dist = s, d
    return best


def _tied(text: str, metric: Mention, start: int, end: int) -> bool:
    """Is the metric written as this value's metric ("accuracy of 91.2%", "86.4% top-1 accuracy", "scores of
    17.2 and 12.9 on BLEU")?"""
    if metric.end <= start:
        return bool(_METRIC_THEN_VALUE.match(text[metric.end:start]))
    return bool(_VALUE_THEN_METRIC.match(text[end:metric.start]) or _VALUES_ON_METRIC.match(text[end:metric.start]))


def _tied_metric(text: str, metrics: list[Mention], start: int, end: int, clause: tuple[int, int],
                 reach: int = 25) -> Mention | None:
    """The closest metric within ``reach`` characters written as this value's metric: in "46.9% box AP, and
    42.2% mask AP" the second value's metric is "mask AP", though "box AP" is closer."""
    near = []
    for m in metrics:
        if m.start < clause[0] or m.end > clause[1]:
            continue
        gap = start - m.end if m.end <= start else m.start - end if m.start >= end else -1
        if 0 <= gap <= reach or m.start >= end and gap <= reach + 25 and _VALUES_ON_METRIC.match(text[end:m.start]):
            near.append((gap, m.start, m))
    return next((m for _gap, _s, m in sorted(near, key=lambda x: x[:2]) if _tied(text, m, start, end)), None)


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
    lo = max((b.end() for b in _CLAUSE_BREAK.finditer(text, s0, start)), default=s0)
    after = _CLAUSE_BREAK.search(text, end, s1)
    return lo, after.start() if after else s1


def _owner(text: str, methods: list[Mention], proposed: Mention | None, start: int, s0: int,
           data_names: set[str]) -> Mention | None:
    """The method a value at ``start`` belongs to, or None (see the module's docstring)."""
    named = _BRACKET_AFTER_NAME.search(text, max(s0, start - 60), start)
    if named:                                                # "DCLM (31.98%)": that name's value
        owner = [x for x in methods if named.start(1) <= x.end <= start]
        return owner[-1] if owner else None
    method = _attribute(text, methods, proposed, start, s0)
    if method is not None and span_value(method.span, "proposed"):
        since = method.end if method.end <= start else s0
        unnamed = _UNNAMED_SUBJECT.search(text, max(s0, since), start)
        if unnamed and _COMPARED.search(text, max(s0, unnamed.start() - 30), unnamed.start()):
            unnamed = None                                   # "... over state-of-the-art methods, achieving 39.5 dB"
        if unnamed or _name(method) in data_names:
            return None                                      # "the best model reaches 46.8%" (a benchmark paper)
    return method


def _attribute(text: str, methods: list[Mention], proposed: Mention | None, start: int, s0: int) -> Mention | None:
    """The nearest method mentioned before the value in the sentence, unless the sentence turns to the
    paper's own model in between ("... BLOOM, the technique recovers 98.7%"), the method is a tool the
    subject runs with ("with the Mask R-CNN framework"), or a baseline the subject is compared with (then the
    subject owns the value: "ZapNet-B surpasses Swin-T 4% mIoU (50.1 ...)")."""
    before = [m for m in methods if s0 <= m.start and m.end <= start and not _tool(text, m)]
    if not before:
        return proposed
    nearest = before[-1]
    compared = _COMPARED.search(text, max(s0, nearest.start - 30), nearest.start)
    if compared and _VERSUS_SECOND.search(text, max(s0, start - 12), start):
        return nearest                                       # "(50.1 vs. 46.1)": the second is the baseline's
    if compared:
        subject = [m for m in before if m.end <= compared.start()]
        if subject and not _OURS.search(text, subject[-1].end, compared.start()):
            return subject[-1]
    if span_value(nearest.span, "proposed"):
        return nearest
    lead = text[max(s0, nearest.start - 30):nearest.start]
    if re.search(r"\b(?:for|with)\s+$", lead[-5:], re.I):
        return nearest                                       # "For Swin-T, it improves from 81.5% to 83.4%"
    between = text[nearest.end:start]
    ours = _OURS.search(between) and not re.match(r"\s*(?:with|at|of)\b", between)
    if ours or _COMPARED.search(lead):                       # "outperforms BLOOM (12.70 vs. 16.99)"
        return proposed
    return nearest


def _tool(text: str, method: Mention) -> bool:
    """Is this method a tool a value was obtained with ("with the Mask R-CNN framework")?"""
    return bool(_TOOL_BEFORE.search(text, max(0, method.start - 12), method.start) and _TOOL_AFTER.match(text, method.end))


def _variants(doc: Doc, text: str, methods: list[Mention]) -> list[Mention]:
    """Size variants of the doc's methods written in the text but not found as mentions ("ZapNet-B2" of
    ZapNet): they own the values written with them, the paper's own model's variants as its own."""
    taken = [(m.start, m.end) for m in methods]
    found, seen = [], set()
    for m in methods:
        name = _name(m)
        if name in seen or len(name) < 3:
            continue
        seen.add(name)
        at = text.find(name + "-")                   # str.find, then one compiled pattern: no regex per name
        while at >= 0:
            suffix = _SIZE_SUFFIX.match(text, at + len(name) + 1)
            if suffix and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "-_")) and \
                    not any(s < suffix.end() and at < e for s, e in taken):
                span = make_span(doc, at, suffix.end(), "method", "result_variant",
                                 proposed=bool(span_value(m.span, "proposed")))
                if span is not None:
                    found.append(Mention(at, suffix.end(), span))
                    taken.append((at, suffix.end()))
            at = text.find(name + "-", at + 1)
    return found


@Language.factory("paperkg_results", requires=["doc.spans"], assigns=["doc._.results"])
def make_results(nlp: Language, name: str):
    """Set ``doc._.results`` from the numbers tied to the doc's method, metric and data spans."""
    def results(doc: Doc) -> Doc:
        set_doc_value(doc, "results", find_results(doc))
        return doc
    return results
