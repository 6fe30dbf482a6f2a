"""What the rule components read of one Doc, computed once and shared: text, lower-cased text, where the title
ends, sentences, abbreviation pairs, spans blocked by links, gazetteer hits."""

from __future__ import annotations

from dataclasses import dataclass, field

from .extensions import doc_lower, doc_text, doc_value, sentence_ranges, span_chars
from .gazetteer import Gazetteer, Match, doc_matches

_KEY = "paperkg_context"

Range = tuple[int, int]


@dataclass
class DocContext:
    text: str
    lower: str                       # ``text.lower()`` when that keeps every offset, else ``text``
    title_end: int                   # offset of the "\n" between title and abstract (or the text's end)
    sentences: list[Range]           # ``extensions.sentence_ranges``
    pairs: list[tuple[Range, Range]]  # (long form, short form) ranges of the abbreviations
    blocked: list[Range]             # links: no name inside them
    gazetteer: Gazetteer
    hits: list[Match]                # every gazetteer match of the text
    starts: list[int] = field(init=False)  # sentence starts

    def __post_init__(self) -> None:
        self.starts = [start for start, _end in self.sentences]

    def known(self, word: str):
        """The gazetteer entry (any kind) spelled exactly so, if any."""
        entries = self.gazetteer.by_form.get(word.lower())
        return entries[0] if entries else None

    def is_blocked(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.blocked)

    def in_long_form(self, pos: int) -> bool:
        """Is ``pos`` inside the long form of an abbreviation pair?"""
        return any(ls <= pos < le for (ls, le), _short in self.pairs)


def doc_context(doc, gazetteer: Gazetteer) -> DocContext:
    """The Doc's context, built at the first call (after the abbreviations component) and kept on the Doc
    until ``paperkg_assemble`` drops it."""
    ctx = doc.user_data.get(_KEY)
    if ctx is None or ctx.gazetteer is not gazetteer:
        text = doc_text(doc)
        title_end = text.find("\n")
        ctx = DocContext(
            text=text, lower=doc_lower(doc), title_end=len(text) if title_end < 0 else title_end,
            sentences=sentence_ranges(doc),
            pairs=[(span_chars(long), span_chars(short)) for long, short in doc_value(doc, "abbreviations") or []],
            blocked=[(link["start"], link["end"]) for link in doc_value(doc, "links") or []],
            gazetteer=gazetteer, hits=doc_matches(doc, gazetteer))
        doc.user_data[_KEY] = ctx
    return ctx


def drop_context(doc) -> None:
    """Forget the cached context (and gazetteer hits): Docs stay light to pickle."""
    doc.user_data.pop(_KEY, None)
    doc.user_data.pop("paperkg_gazetteer", None)
