"""Copies of Hugging Face Daily Papers pages (``.txt``): the page header, then title / abstract pairs.

The page date ("Mar 11") is kept as the page writes it, with no year invented. An abstract may run over
several paragraphs; a title with no abstract after it is kept with a warning.
"""

from __future__ import annotations

import re
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


def looks_like_abstract(line: str) -> bool:
    """Abstracts are long, several sentences; titles are short and rarely end with a full stop."""
    return len(line) > 300 or (len(line) >= 100 and len(_SENTENCE_END.findall(line)) >= 2)


def read(source: Source, fh: IO[bytes]) -> Iterator[PaperRecord]:
    date: str | None = None
    title: tuple[int, str] | None = None  # a title waiting for its abstract
    paper: list = []  # [line, title, [paragraphs]] of the paper being read

    def finish() -> Iterator[PaperRecord]:
        if paper:
            line, text, paragraphs = paper
            record = make_record(source, line, {"title": text, "abstract": "\n\n".join(paragraphs), "date": date})
            paper.clear()
            if record is not None:
                yield record

    for number, raw in source.lines(fh):
        text = raw.strip()
        if not text or text.lower() in HEADER_LINES:
            continue
        if PAGE_DATE.match(text):
            if title:
                yield from finish()
                paper[:] = [title[0], title[1], []]
                title = None
            yield from finish()
            date = text
            continue
        if looks_like_abstract(text):
            if title:
                yield from finish()
                paper[:] = [title[0], title[1], [text]]
                title = None
            elif paper and paper[2]:
                paper[2].append(text)  # another paragraph of the same abstract
            else:
                yield from finish()
                paper[:] = [number, "", [text]]
            continue
        if title:  # two titles in a row: the first has no abstract
            yield from finish()
            paper[:] = [title[0], title[1], []]
        yield from finish()
        title = (number, text)
    if title:
        yield from finish()
        paper[:] = [title[0], title[1], []]
    yield from finish()
