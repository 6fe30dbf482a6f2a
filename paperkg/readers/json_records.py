"""JSON Lines and JSON documents of paper records, in any of the shapes paperkg knows.

Each object is read as the first shape it matches: a ``paperkg extract`` line, an OpenAlex work, a
Semantic Scholar paper, an arXiv metadata record, else a plain record (``title``, ``abstract``, ...).
A JSON document, and each line of JSON Lines, is one of (``json_values`` says which, for both):

- one record;
- an array of records (a Semantic Scholar batch answer, with ``null`` for ids it does not know);
- an API response wrapping them, whatever its paging keys: OpenAlex ``{"meta": ..., "results": [...]}``,
  Semantic Scholar search ``{"total", "offset", "next", "data": [...]}`` or bulk ``{"total", "token",
  "data": [...]}``, recommendations ``{"recommendedPapers": [...]}``; the ``citedPaper``/``citingPaper`` of
  citation and reference entries;
- an array of such responses (pages saved together).

JSON Lines stream one line at a time; a JSON document is parsed whole (use JSON Lines for large corpora).
Input JSON cannot crash a run: ``NaN``/``Infinity`` (not JSON) read as null, a lone surrogate escape
(``"\\ud800"``) becomes U+FFFD with a warning, an integer too long for Python is a bad record.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterator

from paperkg.models import PaperRecord
from paperkg.readers import arxiv, extracted, openalex, semantic_scholar
from paperkg.readers.records import generic_fields, make_record, type_name
from paperkg.readers.source import Source

#: Record shapes, most specific first: ``(module with matches/fields)``; the plain shape is the fallback.
SHAPES = (openalex, semantic_scholar, arxiv)
#: Keys that make an object a paper (a plain record needs one of them).
PAPER_KEYS = ("title", "abstract", "summary", "paper_title")
#: Keys under which API responses list their papers (the first list found is read).
WRAPPERS = ("results", "data", "recommendedPapers", "papers", "works", "records")
#: Semantic Scholar citation and reference entries hold the paper under one of these keys.
LINKED_PAPER = ("citingPaper", "citedPaper")
#: Keys of an API error answer saved in place of papers (``{"error": ...}``, ``{"message": ...}``).
ERROR_KEYS = ("error", "message")

#: NaN and Infinity are not JSON (RFC 8259); Python's parser accepts them, so they are read as null
#: rather than carried into output that other JSON tools cannot read.
DECODER = json.JSONDecoder(parse_constant=lambda name: None)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONG_DIGITS = re.compile(r"\d{%d,}" % max(sys.get_int_max_str_digits() + 1, 2))


def _has_paper_keys(item: dict) -> bool:
    return any(str(k).lower() in PAPER_KEYS for k in item)


def listed_key(value: Any) -> str | None:
    """The key under which an API response lists its papers, or ``None`` when ``value`` is not one."""
    if isinstance(value, dict) and not _has_paper_keys(value):
        return next((k for k in WRAPPERS if isinstance(value.get(k), list)), None)
    return None


def json_values(value: Any, at: Any, elements: Callable, member: Callable) -> Iterator[tuple[Any, Any]]:
    """``(where, item)`` of each record in a parsed JSON value: itself, the elements of an array, the list
    an API response wraps, the responses of an array. ``elements(where, array)`` gives where each element
    is, ``member(where, object, key)`` where a member's value is (a line number for JSON Lines, an offset
    in the text for a document)."""
    for where, item in (elements(at, value) if isinstance(value, list) else [(at, value)]):
        key = listed_key(item)
        if key is None:
            yield where, item
            continue
        inner = member(where, item, key)
        if not item[key]:
            yield inner, EmptyResponse(key)
        for place, paper in elements(inner, item[key]):
            yield place, _linked_paper(paper)


def _linked_paper(entry: Any) -> Any:
    """The paper of a Semantic Scholar citation or reference entry (``{"citingPaper": {...}, "contexts":
    [...]}``), else the entry itself."""
    if isinstance(entry, dict) and not _has_paper_keys(entry):
        return next((entry[k] for k in LINKED_PAPER if isinstance(entry.get(k), dict)), entry)
    return entry


@dataclass(frozen=True)
class EmptyResponse:
    """Where an API response's list was empty (a search with no hits): a warning, not a paper."""

    key: str


def _replace_surrogates(value: Any) -> int:
    """Replace, in place, every lone surrogate in the strings of a parsed JSON value (from an escape like
    ``"\\ud800"``, which JSON allows but UTF-8 cannot encode) by U+FFFD; how many there were. Valid pairs
    were joined by the parser. A loop, not recursion: the value may be nested as deep as the parser allows."""
    count, stack = 0, [value]
    while stack:
        container = stack.pop()
        if isinstance(container, dict):
            for key, item in list(container.items()):
                fixed, n = _SURROGATE.subn("\ufffd", key)
                if n:
                    count += n
                    del container[key]
                    container[fixed] = item
                if isinstance(item, str):
                    container[fixed], n = _SURROGATE.subn("\ufffd", item)
                    count += n
                elif isinstance(item, (dict, list)):
                    stack.append(item)
        elif isinstance(container, list):
            for i, item in enumerate(container):
                if isinstance(item, str):
                    container[i], n = _SURROGATE.subn("\ufffd", item)
                    count += n
                elif isinstance(item, (dict, list)):
                    stack.append(item)
    return count


def to_record(source: Source, line: int, item: Any, scrub: bool = False) -> PaperRecord | None:
    """The paper of one JSON value, or ``None`` when it is bad and skipped (or a warned-about null).
    ``scrub``: the text had a surrogate escape, replace lone surrogates (with a warning)."""
    if isinstance(item, EmptyResponse):
        source.warn(line, f"an API response with no papers in it (its `{item.key}` list is empty)")
        return None
    if item is None:
        source.warn(line, "null where a paper was expected (an API's answer for an id it does not know); skipped")
        return None
    if not isinstance(item, dict):
        source.bad(line, f"expected a JSON object (one paper), got {type_name(item)}")
        return None
    if scrub:
        replaced = _replace_surrogates(item)
        if replaced:
            source.warn(line, f"{replaced} lone surrogate escape(s) (like \"\\ud800\", not a character) "
                              "replaced by U+FFFD")
    if extracted.matches(item):
        return extracted.record(source, line, item)
    for shape in SHAPES:
        if shape.matches(item):
            return make_record(source, line, shape.fields(item))
    if not _has_paper_keys(item):
        error = next((item[k] for k in ERROR_KEYS if isinstance(item.get(k), str)), None)
        if error is not None:
            source.bad(line, f"an API error answer, not papers ({error[:100]!r})")
            return None
        keys = ", ".join(sorted(map(str, item))[:8]) or "none"
        source.bad(line, f"a JSON object with no title or abstract (keys: {keys})")
        return None
    return make_record(source, line, generic_fields(item))


def too_long_number(text: str) -> str:
    """The message for JSON that Python refused to read because an integer in it is too long."""
    match = _LONG_DIGITS.search(text)
    digits = len(match.group()) if match else 0
    return (f"a JSON number of {digits:,} digits, longer than the {sys.get_int_max_str_digits():,} Python reads "
            "(no paper field is such a number)")


def _on_the_line(line: int, values: list) -> Iterator[tuple[int, Any]]:
    """Where the elements of an array on one JSON line are: that line."""
    return ((line, v) for v in values)


def _member_on_the_line(line: int, value: dict, key: str) -> int:
    return line


def read_lines(source: Source, fh: IO[bytes]) -> Iterator[PaperRecord]:
    """JSON Lines: records (or API responses) one per non-blank line; a malformed line is a bad record there."""
    for number, text in source.lines(fh):
        if not text.strip():
            continue
        try:
            value = DECODER.decode(text)
        except json.JSONDecodeError as exc:
            source.bad(number, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            source.bad(number, "malformed JSON (nested too deeply)")
            continue
        except ValueError:  # an integer over sys.get_int_max_str_digits()
            source.bad(number, too_long_number(text))
            continue
        scrub = bool(_SURROGATE_ESCAPE.search(text))
        for line, item in json_values(value, number, _on_the_line, _member_on_the_line):
            record = to_record(source, line, item, scrub)
            if record is not None:
                yield record


def read_document(source: Source, fh: IO[bytes]) -> Iterator[PaperRecord]:
    """A whole JSON document (see the module docstring for its shapes). Each record is located on the
    line where it starts, inside an API response too."""
    text = source.text(fh)
    start = len(text) - len(text.lstrip())
    lines = LineCounter(text)
    try:
        value, end = DECODER.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        source.fail(exc.lineno, f"malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        source.fail(0, "malformed JSON (nested too deeply)")
    except ValueError:  # an integer over sys.get_int_max_str_digits()
        match = _LONG_DIGITS.search(text)
        source.fail(text.count("\n", 0, match.start()) + 1 if match else 0, too_long_number(text))
    if text[end:].strip():
        source.fail(text.count("\n", 0, end) + 1, "malformed JSON (extra data after the document)")
    if not isinstance(value, (dict, list)):
        source.fail(lines.at(start), f"expected JSON records (an object or an array of objects), got {type_name(value)}")
    scrub = bool(_SURROGATE_ESCAPE.search(text))

    def elements(at: int, array: list) -> Iterator[tuple[int, Any]]:
        return _elements(text, at)

    def member(at: int, obj: dict, key: str) -> int:
        return _member_offsets(text, at)[key]

    for offset, item in json_values(value, start, elements, member):
        record = to_record(source, lines.at(offset), item, scrub)
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


def _elements(text: str, pos: int) -> Iterator[tuple[int, object]]:
    """``(offset, value)`` of each element of the (already validated) JSON array starting at ``pos``."""
    pos = _skip(text, pos + 1)  # past "["
    while text[pos] != "]":
        item, end = DECODER.raw_decode(text, pos)
        yield pos, item
        pos = _skip(text, end, " \t\r\n,")


def _member_offsets(text: str, pos: int) -> dict[str, int]:
    """Offset of each member's value in the (already validated) JSON object starting at ``pos``."""
    offsets: dict[str, int] = {}
    pos = _skip(text, pos + 1)  # past "{"
    while text[pos] != "}":
        key, pos = DECODER.raw_decode(text, pos)
        pos = _skip(text, _skip(text, pos) + 1)  # past ":"
        offsets[key] = pos  # the last one wins, as in json.loads
        _, end = DECODER.raw_decode(text, pos)
        pos = _skip(text, end, " \t\r\n,")
    return offsets
