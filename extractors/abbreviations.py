"""Abbreviation definitions in the Schwartz-Hearst style: "long form (SF)" and "SF (long form)".

Schwartz & Hearst (PSB 2003): a short form is a parenthesised word with a capital letter; its long form is
the shortest run of words just before the bracket in which the short form's characters appear in order,
the first one starting a word. paperkg first tries a stricter match (every capital of the short form starts
a word of the long form, so "FedLoGe" -> "Federated Local and Generic"), then the original one.
Plural short forms ("LLMs") also match without their ``s``.

>>> nlp = spacy.blank("en"); _ = nlp.add_pipe("paperkg_abbreviations")
>>> doc = nlp("We propose Quantised Visual Routing (QVR). QVR beats CNNs (see Table 2).")
>>> [(long.text, short.text) for long, short in doc._.abbreviations]
[('Quantised Visual Routing', 'QVR')]
"""

from __future__ import annotations

import re

import spacy  # noqa: F401  (the doctest above builds a pipeline)
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import doc_text, make_span, set_doc_value

_PAREN = re.compile(r"\(\s*([^()\n]{1,120}?)\s*\)")
# a long form never reaches back over these (sentence ends, other brackets, clause punctuation)
_BARRIER = re.compile(r"[.!?](?=\s+[A-Z0-9])|[;:()\[\]{}\n]|\s[-–—]\s")
_SHORT = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-+/.&'’]{0,11}")
_WORD_START = re.compile(r"(?:^|(?<=[\s\-/]))[A-Za-z0-9]")
_WORDS = re.compile(r"\S+")
# parentheticals that are never short forms
_NOT_SHORT = frozenset("""e.g eg i.e ie see cf etc resp fig figs figure table tab sec section eq eqs equation
    appendix app alg algorithm ours left right top bottom note and or vs via ref refs c.f a.k.a aka""".split())
_QUOTES = "\"'`“”‘’«»"
_GENERIC = frozenset("""method methods model models framework frameworks approach approaches module modules
    technique techniques algorithm algorithms scheme strategy mechanism system systems architecture
    pipeline paradigm""".split())
_STOP = frozenset("of and or for the to in on with a an by from via at as its their our".split())


def is_short_form(text: str) -> bool:
    """A plausible acronym: 2-12 characters, one word, a capital letter, not a year, reference or figure."""
    if not _SHORT.fullmatch(text) or len(text) < 2:
        return False
    if text.lower().rstrip(".") in _NOT_SHORT and not (text.isupper() and text.isalpha()):
        return False  # "(see Table 2)", "(Fig. 3)"; written in capitals, "(SEE)" is an acronym
    if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
        return False
    if text.isalpha() and text[0].isupper() and text[1:].islower() and len(text) > 3:
        return False  # an ordinary capitalised word ("(Figure)", "(Optional)")
    return True


def _match(short: str, long: str, strict: bool) -> tuple[int, int] | None:
    """(start index in ``long`` of the long form of ``short``, index of its last matched character), or None
    (Schwartz-Hearst, right to left)."""
    s, l = len(short) - 1, len(long) - 1
    last = None
    # ASCII lower-cases character by character, so str.rfind over the lower-cased text finds each letter in C
    lower = long.lower() if long.isascii() else None
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        must_start = s == 0 or (strict and short[s].isupper())
        if lower is not None:
            l = lower.rfind(c, 0, l + 1)
            while must_start and l > 0 and long[l - 1].isalnum():
                l = lower.rfind(c, 0, l)
        else:
            while l >= 0 and (long[l].lower() != c or (must_start and l > 0 and long[l - 1].isalnum())):
                l -= 1
        if l < 0:
            return None
        if last is None:
            last = l
        l -= 1
        s -= 1
    start = l + 1
    while start > 0 and not long[start - 1].isspace():
        start -= 1
    return start, last


def long_form(short: str, window: str) -> tuple[int, int] | None:
    """(start, end) in ``window`` of the long form of ``short`` (it ends at the window's end, less trailing
    quotes and generic words such as "method" that none of the short form's letters came from), or None.

    >>> window = "results of Fast Quantised Visual Routing method"
    >>> start, end = long_form("QVR", window); window[start:end]
    'Quantised Visual Routing'
    """
    candidates = [short]
    if len(short) > 2 and short.endswith("s") and short[-2].isupper():
        candidates.append(short[:-1])                        # "LLMs" -> "LLM"
    letters = sum(c.isalnum() for c in short)
    core = window[:_trim_end(window, -1)]                    # first without trailing "method", "model"...
    for strict in (True, False):
        for sf, text in [(sf, text) for text in dict.fromkeys((core, window)) for sf in candidates]:
            found = _match(sf, text, strict)
            if found is None:
                continue
            start, last = found
            end = _trim_end(text, last)
            while start < end and window[start] in _QUOTES:
                start += 1
            words = window[start:end].split()
            if not words or len(words) > min(letters + 5, 2 * letters):
                continue
            if words[0].lower() in _STOP or window[start:end].strip().lower() == short.lower():
                continue
            if not strict and words[0][0].islower() and any(c.isupper() for w in words[1:] for c in w):
                continue                                     # "substitute the Selective-Scan (SS2D)"
            if short.lower() in (w.lower().strip(",.") for w in words):
                continue                                     # "the QVR model (QVR)"
            return start, end
    return None


def _trim_end(window: str, last: int) -> int:
    """End of the long form: the window's end, less closing quotes and trailing generic words after the
    word holding the last matched character ("... Pruning method (DIMAP)" -> "... Pruning")."""
    end = len(window.rstrip())
    while end > 0 and window[end - 1] in _QUOTES:
        end -= 1
    while True:
        m = _last_word(window, end)
        if not m or m.start(1) <= last or m.group(1).lower() not in _GENERIC:
            return end
        end = m.start()


_LAST_WORD = re.compile(r"\s+(\S+)$")


def _last_word(window: str, end: int):
    """``re.search(r"\\s+(\\S+)$", window[:end])``, trying the last 100 characters first (the full search
    scans every position of a window that can be the whole text before the bracket)."""
    lo = max(0, end - 100)
    m = _LAST_WORD.search(window, lo, end)
    if lo and (m is None or m.start() == lo):
        m = _LAST_WORD.search(window, 0, end)  # the match may begin further left
    return m


def find_abbreviations(text: str) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """``((long start, long end), (short start, short end), rule)`` for each definition in ``text``.

    Rules: ``abbrev_long_short`` for "long form (SF)", ``abbrev_short_long`` for "SF (long form)".
    """
    found = []
    for m in _PAREN.finditer(text):
        inner, start = m.group(1), m.start()
        first = re.split(r"\s*[,;]\s*", inner, maxsplit=1)[0]  # "(LRA, 2021)" -> "LRA"
        if is_short_form(first):
            left = text[:start].rstrip()
            barrier = max((b.end() for b in _BARRIER.finditer(left, max(0, len(left) - 300))), default=0)
            window = left[barrier:]
            span = long_form(first, window)
            if span is not None:
                s_start = m.start(1)
                found.append(((barrier + span[0], barrier + span[1]), (s_start, s_start + len(first)),
                              "abbrev_long_short"))
            continue
        # "SF (long form)": the word right before the bracket is the short form
        words = inner.split()
        if not 2 <= len(words) <= 10:
            continue
        before = _word_before(text, start)
        if before is None or not is_short_form(text[before[0]:before[1]]):
            continue
        sf = text[before[0]:before[1]]
        span = long_form(sf, inner)
        if span is not None and not inner[:span[0]].strip(_QUOTES + " "):
            found.append(((m.start(1) + span[0], m.start(1) + span[1]), before, "abbrev_short_long"))
    return found


_WORD_CHARS = set("-+/.&'")


def _word_before(text: str, end: int) -> tuple[int, int] | None:
    """Offsets of the word right before ``end`` (whitespace between allowed), as
    ``re.search(r"([A-Za-z0-9][\\w\\-+/.&']*)\\s*$", text[:end])`` finds it, without scanning the whole prefix."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    run = stop
    while run > 0 and (text[run - 1].isalnum() or text[run - 1] == "_" or text[run - 1] in _WORD_CHARS):
        run -= 1
    for pos in range(run, stop):
        if text[pos] in _ALNUM_ASCII:
            return pos, stop
    return None


_ALNUM_ASCII = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def abbreviation_spans(doc: Doc) -> list[tuple[Span, Span]]:
    """(long form, short form) span pairs of the doc; each span's ``_.rule`` says which pattern fired and
    ``_.chars`` keeps exact offsets when they fall inside a token."""
    pairs = []
    for (ls, le), (ss, se), rule in find_abbreviations(doc_text(doc)):
        long, short = make_span(doc, ls, le, "abbreviation", rule), make_span(doc, ss, se, "abbreviation", rule)
        if long is None or short is None or (long.start < short.end and short.start < long.end):
            continue
        pairs.append((long, short))
    return pairs


@Language.factory("paperkg_abbreviations", assigns=["doc._.abbreviations"])
def make_abbreviations(nlp: Language, name: str):
    """Set ``doc._.abbreviations`` to the (long form Span, short form Span) definitions of the doc."""
    def abbreviations(doc: Doc) -> Doc:
        set_doc_value(doc, "abbreviations", abbreviation_spans(doc))
        return doc
    return abbreviations
