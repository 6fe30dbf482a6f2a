"""The ``Doc`` and ``Span`` extension attributes that paperkg's components read and write.

Span groups (``doc.spans[KEY]``) hold the mentions found so far, one group per entity kind:
``method``, ``data`` (span label ``dataset`` or ``benchmark``), ``task``, ``metric``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: Span group keys, one per entity kind.
METHOD, DATA, TASK, METRIC = "method", "data", "task", "metric"

SPAN_EXTENSIONS = {
    "rule": None,        # name of the rule or pattern that found the span
    "canonical": None,   # canonical name (from a gazetteer or an abbreviation's long form)
    "gazetteer": None,   # id of the gazetteer entry matched, if any
    "proposed": False,   # a method this paper introduces
    "introduced": False, # a dataset or benchmark this paper introduces
    "chars": None,       # exact (start, end) offsets when they differ from the token-aligned span's
    "folded": False,     # stands for a more specific name the paper uses ("accuracy" for its "overall accuracy"):
                         # a mention of that entity whose words are not one of its names
}

DOC_EXTENSIONS = {
    "links": None,          # list of {"type": "code"|"project_page", "name", "start", "end", "rule"}
    "abbreviations": None,  # list of (long form Span, short form Span)
    "results": None,        # list of {"method", "dataset", "metric", "value", "start", "end", "rule"}
    "entities": None,       # the assembled per-paper entity list (the extraction line's "entities")
}


def _span_key(span: Span) -> tuple:
    # spaCy keys plain span extensions by character offsets only, so a 'task' span and a 'method' span over
    # the same words (or two names inside one token, 'CIFAR-10/100-LT') would share values: add the label
    # and the span id (``add_span`` sets it to the exact offsets). One dict per span holds its values.
    return ("paperkg", span.label, span.id, span.start_char, span.end_char)


def _accessors(name: str, default):
    def getter(span: Span):
        return span.doc.user_data.get(_span_key(span), {}).get(name, default)

    def setter(span: Span, value) -> None:
        span.doc.user_data.setdefault(_span_key(span), {})[name] = value

    return getter, setter


def span_values(span: Span) -> dict:
    """Every paperkg extension value of ``span`` at once (plain dict; cheaper than five ``span._.x`` reads)."""
    return {**SPAN_EXTENSIONS, **span.doc.user_data.get(_span_key(span), {})}


def span_value(span: Span, name: str):
    """``span._.<name>``, read straight from ``user_data`` (components read these for every mention)."""
    return span.doc.user_data.get(_span_key(span), {}).get(name, SPAN_EXTENSIONS[name])


def doc_value(doc: Doc, name: str):
    """``doc._.<name>`` without spaCy's per-access ``Underscore`` object."""
    return doc.user_data.get(("paperkg", name), DOC_EXTENSIONS[name])


def set_doc_value(doc: Doc, name: str, value) -> None:
    """``doc._.<name> = value``."""
    doc.user_data[("paperkg", name)] = value


def _doc_accessors(name: str):
    return (lambda doc: doc_value(doc, name)), (lambda doc, value: set_doc_value(doc, name, value))


def register_extensions() -> None:
    """Register every extension once; safe to call again (spaCy keeps extensions process-wide)."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            getter, setter = _accessors(name, default)
            Span.set_extension(name, getter=getter, setter=setter)
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            getter, setter = _doc_accessors(name)
            Doc.set_extension(name, getter=getter, setter=setter)


register_extensions()


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached: spaCy rebuilds ``doc.text`` from every token at each access (a Python loop that
    costs about as much as tokenizing), so components read the text through this."""
    text = doc.user_data.get("paperkg_text")
    if text is None:
        text = doc.user_data["paperkg_text"] = doc.text
    return text


def doc_lower(doc: Doc) -> str:
    """``doc_text(doc).lower()`` when lowering keeps every offset (else the text itself), cached: case-blind
    patterns run 2-3 times faster on lower-cased text than with ``re.IGNORECASE``."""
    lower = doc.user_data.get("paperkg_lower")
    if lower is None:
        text = doc_text(doc)
        lower = text.lower()
        if len(lower) != len(text):
            lower = text
        doc.user_data["paperkg_lower"] = lower
    return lower


def make_span(doc: Doc, start: int, end: int, label: str, rule: str, **values) -> Span | None:
    """A span over ``doc.text[start:end]``: token-aligned, the exact offsets kept in ``span._.chars``, with
    ``rule`` and extension ``values``; None when the offsets cover no token."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=f"{start}:{end}")
    if span is None or not len(span):
        return None
    # written straight into user_data under the key the ``span._`` accessors read (no Underscore objects:
    # this runs for every mention)
    values["rule"] = rule
    if (span.start_char, span.end_char) != (start, end):
        values["chars"] = (start, end)
    stored = doc.user_data.setdefault(_span_key(span), values)
    if stored is not values:
        stored.update(values)
    return span


def add_span(doc: Doc, key: str, start: int, end: int, label: str, rule: str, **values) -> Span | None:
    """``make_span``, added to span group ``key``."""
    span = make_span(doc, start, end, label, rule, **values)
    if span is None:
        return None
    if key in doc.spans:
        doc.spans[key].append(span)
    else:
        doc.spans[key] = [span]
    return span


def span_chars(span: Span) -> tuple[int, int]:
    """The exact character offsets of a mention (``span._.chars``, else the span's own)."""
    return span.doc.user_data.get(_span_key(span), {}).get("chars") or (span.start_char, span.end_char)


def span_text(span: Span) -> str:
    """The exact text of a mention."""
    start, end = span_chars(span)
    return doc_text(span.doc)[start:end]


# --- sentences: character ranges found by a regex, cached on the Doc -------------------------------------

import re as _re  # noqa: E402

# led by one character set, so ``re`` skips ahead in C to the next candidate (a pattern led by a branch does not);
# a "\n", or a stop whose break is group 1 (a "\n" right after the stop is a break of its own)
_SENT_END = _re.compile(r"[.!?\n](?:(?<=\n)|(?!\n)([\"')\]]*\s+)(?=[\"'(\[]?[A-Z0-9]))")
_NOT_END = _re.compile(r"(?:\b(?:e\.g|i\.e|et al|etc|Fig|Figs|Eq|Eqs|Sec|vs|cf|approx|resp|No|Ref|Refs|Tab|"
                       r"Dr|Mr|Ms|Prof|St|Inc|Ltd|al)|(?<![\w-])[A-Z])\.\Z")


def sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of ``doc.text`` (title and abstract never share one).

    Regex-based and cached in ``doc.user_data``: iterating ``doc.sents`` costs a Python loop over every token,
    which is slower than the whole rest of the pipeline, so components use this instead.
    """
    cached = doc.user_data.get("paperkg_sentences")
    if cached is not None:
        return cached
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start(1) if m.lastindex else m.start()
        if m.lastindex and _NOT_END.search(text, max(0, end - 8), end):
            continue
        if end > start:
            out.append((start, end))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    doc.user_data["paperkg_sentences"] = out
    return out
