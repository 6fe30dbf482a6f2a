"""JSON Lines and JSON documents of paper records, in any of the shapes paperkg knows.

Each object is read as the first shape it matches: a ``paperkg extract`` line, an OpenAlex work, a
Semantic Scholar paper, an arXiv metadata record, else a plain record (``title``, ``abstract``, ...).
A JSON document may be one record, an array of records, or an API response wrapping them
(OpenAlex ``{"results": [...]}``, Semantic Scholar ``{"data": [...]}``). JSON Lines stream one line
at a time; a JSON document is parsed whole (use JSON Lines for large corpora).
"""

from __future__ import annotations

import json
from typing import IO, Any, Iterator

from paperkg.models import PaperRecord
from paperkg.readers import arxiv, extracted, openalex, semantic_scholar
from paperkg.readers.records import generic_fields, make_record, type_name
from paperkg.readers.source import Source

#: Record shapes, most specific first: ``(module with matches/fields)``; the plain shape is the fallback.
SHAPES = (openalex, semantic_scholar, arxiv)
#: Keys of API responses that wrap a list of records.
WRAPPERS = ("results", "data", "papers", "works", "records")


def to_record(source: Source, line: int, item: Any) -> PaperRecord | None:
    """The paper of one JSON value, or ``None`` when it is bad and skipped."""
    if not isinstance(item, dict):
        source.bad(line, f"expected a JSON object (one paper), got {type_name(item)}")
        return None
    if extracted.matches(item):
        return extracted.record(source, line, item)
    for shape in SHAPES:
        if shape.matches(item):
            return make_record(source, line, shape.fields(item))
    if not any(k.lower() in ("title", "abstract", "summary", "paper_title") for k in item):
        keys = ", ".join(sorted(map(str, item))[:8]) or "none"
        source.bad(line, f"a JSON object with no title or abstract (keys: {keys})")
        return None
    return make_record(source, line, generic_fields(item))


def read_lines(source: Source, fh: IO[bytes]) -> Iterator[PaperRecord]:
    """JSON Lines: one record per non-blank line; a malformed line is a bad record on that line."""
    for number, text in source.lines(fh):
        if not text.strip():
            continue
        try:
            item = json.loads(text)
        except json.JSONDecodeError as exc:
            source.bad(number, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            source.bad(number, "malformed JSON (nested too deeply)")
            continue
        record = to_record(source, number, item)
        if record is not None:
            yield record


def read_document(source: Source, fh: IO[bytes]) -> Iterator[PaperRecord]:
    """A whole JSON document: one record, an array of records, or an API response wrapping an array.
    Each record is located on the line where it starts, inside a wrapper too."""
    text = source.text(fh)
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    try:
        value, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        source.fail(exc.lineno, f"malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        source.fail(0, "malformed JSON (nested too deeply)")
    if text[end:].strip():
        source.fail(text.count("\n", 0, end) + 1, "malformed JSON (extra data after the document)")
    lines = LineCounter(text)
    if isinstance(value, list):
        items = _elements(text, start, decoder)
    elif isinstance(value, dict) and any(isinstance(value.get(k), list) for k in WRAPPERS):
        members = _member_offsets(text, start, decoder)
        items = _elements(text, next(members[k] for k in WRAPPERS if isinstance(value.get(k), list)), decoder)
    elif isinstance(value, dict):
        items = iter([(start, value)])
    else:
        source.fail(lines.at(start), f"expected JSON records (an object or an array of objects), got {type_name(value)}")
    for offset, item in items:
        record = to_record(source, lines.at(offset), item)
        if record is not None:
            yield record


class LineCounter:
    """Line numbers of increasing offsets in a text, counted once."""

    def __init__(self, text: str):
        self.text, self.offset, self.line = text, 0, 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip(text: str, pos: int, chars: str = " \t\r\n") -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


def _elements(text: str, pos: int, decoder: json.JSONDecoder) -> Iterator[tuple[int, object]]:
    """``(offset, value)`` of each element of the (already validated) JSON array starting at ``pos``."""
    pos = _skip(text, pos + 1)  # past "["
    while text[pos] != "]":
        item, end = decoder.raw_decode(text, pos)
        yield pos, item
        pos = _skip(text, end, " \t\r\n,")


def _member_offsets(text: str, pos: int, decoder: json.JSONDecoder) -> dict[str, int]:
    """Offset of each member's value in the (already validated) JSON object starting at ``pos``."""
    offsets: dict[str, int] = {}
    pos = _skip(text, pos + 1)  # past "{"
    while text[pos] != "}":
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, _skip(text, pos) + 1)  # past ":"
        offsets[key] = pos  # the last one wins, as in json.loads
        _, end = decoder.raw_decode(text, pos)
        pos = _skip(text, end, " \t\r\n,")
    return offsets
