"""The JSON Lines ``paperkg extract`` writes: a line with an ``entities`` list is an extraction already made.

The record keeps that line as ``record.extraction``, so ``build`` skips extraction for it (extraction can
run elsewhere, in parallel, and ``build`` merges the results).
"""

from __future__ import annotations

from typing import Any

from paperkg.models import PaperRecord
from paperkg.readers.records import generic_fields, make_record
from paperkg.readers.source import Source


def matches(record: dict[str, Any]) -> bool:
    return isinstance(record.get("entities"), list)


def record(source: Source, line: int, data: dict[str, Any]) -> PaperRecord | None:
    """The paper of one extraction line; its ``key`` and ``sources`` are kept as written."""
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
    extraction["key"] = paper.key
    sources = data.get("sources")
    if not (isinstance(sources, list) and sources and all(isinstance(s, str) for s in sources)):
        extraction["sources"] = [paper.source]
    paper.extraction = extraction
    return paper
