"""Copies of Hugging Face Daily Papers pages (``.txt``): the page header, then title / abstract pairs.

The page date ("Mar 11") is kept as the page writes it, with no year invented. An abstract may run over
several paragraphs; a title with no abstract after it is kept with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO, Iterator

from paperkg.models import PaperRecord
from paperkg.readers.records import make_record
from paperkg.readers.source import Source

#: Lines of the page chrome above the papers (compared case-insensitively).
HEADER_LINES = frozenset({
    "new", "subscribe", "get trending papers in your email inbox!", "byak and the research community",
    "daily papers", "papers", "trending", "submit", "search", "upvote",
})
#: The page date as the page shows it: "Mar 11", "March 11", "Mar 11, 2024".
PAGE_DATE = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?$"
)
_SENTENCE_END = re.compile(r"[.!?](?:\s+[A-Z(\"'`]|$)")


def looks_like_abstract(line: str, after_title: bool = False) -> bool:
    """Abstracts are long, several sentences; titles are short and rarely end with a full stop
    (so right after a title, a shorter line ending with one is taken as its abstract)."""
    return (
        len(line) > 300
        or (len(line) >= 100 and len(_SENTENCE_END.findall(line)) >= 2)
        or (after_title and len(line) >= 40 and line.endswith("."))
    )


#: Lines of the chrome that only a Daily Papers page has (the generic ones, "new" or "search", prove nothing).
PAGE_MARKERS = frozenset({"get trending papers in your email inbox!", "byak and the research community", "daily papers"})


def looks_like_page(head: str) -> bool:
    r"""Whether the start of a text file has a page's structure: its header or a page date ("Mar 11"), then a
    title followed by its abstract. Notes, logs and READMEs in an input folder do not.

    >>> looks_like_page("Mar 11\n\nQuillNet: Small Nets\n\nWe propose QuillNet, a net that is small and quick.")
    True
    >>> looks_like_page("Notes for the corpus.\n\nTODO: call Bob.")
    False
    """
    marked, title = False, None
    for raw in head.splitlines():
        text = raw.strip()
        if not text:
            continue
        if text.lower() in PAGE_MARKERS or PAGE_DATE.match(text):
            marked, title = True, None
        elif marked and title is not None and looks_like_abstract(text, after_title=True):
            return True
        elif marked and text.lower() not in HEADER_LINES:
            title = text
    return False


@dataclass
class Entry:
    """One paper of the page while it is read: where its title is, the title, its abstract's paragraphs."""

    line: int
    title: str
    paragraphs: list[str] = field(default_factory=list)


def read(source: Source, fh: IO[bytes]) -> Iterator[PaperRecord]:
    date: str | None = None
    entry: Entry | None = None

    def finish(entry: Entry | None) -> Iterator[PaperRecord]:
        if entry is not None:
            fields = {"title": entry.title, "abstract": "\n\n".join(entry.paragraphs), "date": date}
            record = make_record(source, entry.line, fields)
            if record is not None:
                yield record

    for number, raw in source.lines(fh):
        text = raw.strip()
        if not text or text.lower() in HEADER_LINES:
            continue
        if PAGE_DATE.match(text):
            yield from finish(entry)
            entry, date = None, text
        elif entry is not None and looks_like_abstract(text, after_title=not entry.paragraphs):
            entry.paragraphs.append(text)  # its abstract, or another paragraph of it
        elif entry is None and looks_like_abstract(text):
            entry = Entry(number, "", [text])  # an abstract with no title before it
        else:
            yield from finish(entry)  # a new title: the previous paper is complete (maybe without abstract)
            entry = Entry(number, text)
    yield from finish(entry)
