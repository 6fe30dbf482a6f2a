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
    """A whole JSON document: one record, an array of records, or an API response wrapping an array."""
    text = source.text(fh)
    start = len(text) - len(text.lstrip())
    decoder = json.JSONDecoder()
    try:
        if text[start:start + 1] == "[":
            yield from _array_items(source, text, start + 1, decoder)
            return
        value, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        source.fail(exc.lineno, f"malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        source.fail(0, "malformed JSON (nested too deeply)")
    if text[end:].strip():
        source.fail(text.count("\n", 0, end) + 1, "malformed JSON (extra data after the document)")
    line = text.count("\n", 0, start) + 1
    if isinstance(value, dict):
        wrapped = next((value[k] for k in WRAPPERS if isinstance(value.get(k), list)), None)
        if wrapped is not None:
            for item in wrapped:  # line numbers inside a wrapper are not tracked: the document's line
                record = to_record(source, line, item)
                if record is not None:
                    yield record
            return
    elif not isinstance(value, list):
        source.fail(line, f"expected JSON records (an object or an array of objects), got {type_name(value)}")
    record = to_record(source, line, value)
    if record is not None:
        yield record


def _array_items(source: Source, text: str, pos: int, decoder: json.JSONDecoder) -> Iterator[PaperRecord]:
    """The elements of a top-level JSON array, each with the line it starts on."""
    line, counted = 1, 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text):
            raise json.JSONDecodeError("unterminated array", text, pos)
        if text[pos] == "]":
            if text[pos + 1:].strip():
                raise json.JSONDecodeError("extra data after the array", text, pos + 1)
            return
        line += text.count("\n", counted, pos)
        counted = pos
        item, pos = decoder.raw_decode(text, pos)
        record = to_record(source, line, item)
        if record is not None:
            yield record
