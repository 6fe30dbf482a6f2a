"""Plain records passed between the stages: readers -> extractors -> graph.

A ``PaperRecord`` is what every reader yields, whatever the input format. The extraction of a
paper is a plain ``dict`` in the JSON Lines format of ``paperkg extract`` (see ``extraction_line``),
so it can be written to a file, merged by ``build`` and read back without paperkg objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Author:
    name: str
    orcid: str | None = None
    source_id: str | None = None  # the source's own author id (OpenAlex A..., Semantic Scholar authorId)


@dataclass
class PaperRecord:
    """One paper as read from an input file.

    ``key`` is the paper identity (see ``paperkg.identity.paper_key``): ``doi:...``, ``arxiv:...``,
    ``openalex:W...``, ``s2:...``, ``id:...`` or ``title:...``. ``references`` hold keys of the same
    form. ``source`` is ``FILE:LINE`` of the record. ``date`` is kept as the source wrote it.
    ``extraction`` is set when the record was read from ``paperkg extract`` output (no re-extraction).
    """

    key: str
    title: str
    abstract: str = ""
    doi: str | None = None
    arxiv_id: str | None = None
    openalex_id: str | None = None
    s2_id: str | None = None
    record_id: str | None = None
    authors: list[Author] = field(default_factory=list)
    date: str | None = None
    year: int | None = None
    url: str | None = None
    categories: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    source: str = ""
    extraction: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The record's fields as JSON-ready data, absent values left out (a shallow copy: on the hot path)."""
        data: dict[str, Any] = {}
        for name in _RECORD_FIELDS:
            value = getattr(self, name)
            if value is None or value == "" or value == []:
                continue
            if name == "authors":
                value = [dict(vars(author)) for author in value]
            elif isinstance(value, list):
                value = list(value)
            data[name] = value
        return data


_RECORD_FIELDS = tuple(f.name for f in fields(PaperRecord) if f.name != "extraction")
