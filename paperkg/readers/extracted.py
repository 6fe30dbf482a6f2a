"""The JSON Lines ``paperkg extract`` writes: a line with an ``entities`` list is an extraction already made.

The record keeps that line as ``record.extraction``, so ``build`` skips extraction for it (extraction can
run elsewhere, in parallel, and ``build`` merges the results).
"""

from __future__ import annotations

import json
from typing import Any

from paperkg.models import PaperRecord
from paperkg.readers.records import generic_fields, make_record, type_name
from paperkg.readers.source import Source


#: The first key of every line ``paperkg extract`` writes, so its output is known for what it is.
LINE_FORMAT = "paperkg-extract"


def matches(record: dict[str, Any]) -> bool:
    return isinstance(record.get("entities"), list)


#: Paper fields of an extraction line and the JSON type each must have when not null: the graph reads them
#: as written, so a line with ``"doi": 5`` is malformed rather than a crash later.
_TEXT_FIELDS = ("key", "title", "abstract", "doi", "arxiv_id", "openalex_id", "s2_id", "record_id", "date", "url")
FIELD_TYPES: dict[str, tuple[type, str]] = {
    **dict.fromkeys(_TEXT_FIELDS, (str, "a string")),
    "year": (int, "a number"),
    **dict.fromkeys(("references", "categories", "sources", "authors"), (list, "a list")),
}


def is_extract_output(first_line: str) -> bool:
    """Whether a file whose first line is ``first_line`` was written by ``paperkg extract``: the marker, or
    (files from before it) a JSON object with an ``entities`` list and ``sources``."""
    if first_line.startswith(f'{{"format": "{LINE_FORMAT}"'):
        return True
    try:
        data = json.loads(first_line)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and matches(data) and "sources" in data


def problem(data: dict[str, Any]) -> str | None:
    """What is wrong with an extraction line's paper fields, ``entities`` and ``results``, or ``None`` when
    they are sound."""
    for name, (kind, what) in FIELD_TYPES.items():
        value = data.get(name)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            return f"{name} is {type_name(value)}, not {what}"
    for name in ("references", "categories", "sources"):
        if not all(isinstance(v, str) for v in data.get(name) or []):
            return f"{name} is not a list of strings"
    if not all(isinstance(a, dict) and isinstance(a.get("name"), str) for a in data.get("authors") or []):
        return "authors is not a list of objects with a string name"
    for number, entity in enumerate(data["entities"], 1):
        if not (isinstance(entity, dict) and isinstance(entity.get("type"), str) and isinstance(entity.get("name"), str)):
            return f"entity {number} is not an object with a string type and name"
        if not isinstance(entity.get("aliases", []), list) or not all(isinstance(a, str) for a in entity.get("aliases", [])):
            return f"entity {number} has aliases that are not a list of strings"
        mentions = entity.get("mentions", [])
        if not isinstance(mentions, list) or not all(
            isinstance(m, dict) and all(isinstance(m.get(k), int) and not isinstance(m.get(k), bool) for k in ("start", "end"))
            for m in mentions
        ):
            return f"entity {number} has mentions without integer start and end"
    results = data.get("results", [])
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        return "results is not a list of objects"
    return None


def record(source: Source, line: int, data: dict[str, Any]) -> PaperRecord | None:
    """The paper of one extraction line; its ``key`` and ``sources`` are kept as written."""
    wrong = problem(data)
    if wrong:
        source.bad(line, f"malformed `paperkg extract` line: {wrong}")
        return None
    fields = generic_fields(data)
    for name in ("doi", "arxiv_id", "openalex_id", "s2_id", "record_id"):
        fields[name] = data.get(name) if isinstance(data.get(name), str) else None
    if isinstance(data.get("references"), list):
        fields["references"] = [r for r in data["references"] if isinstance(r, str)]
    paper = make_record(source, line, fields)
    if paper is None:
        return None
    if isinstance(data.get("key"), str) and data["key"].strip():
        paper.key = data["key"].strip()
    extraction = dict(data)
    extraction.pop("format", None)  # the file's marker, not part of the line
    extraction["key"] = paper.key
    sources = data.get("sources")
    if not (isinstance(sources, list) and sources and all(isinstance(s, str) for s in sources)):
        extraction["sources"] = [paper.source]
    paper.extraction = extraction
    return paper
