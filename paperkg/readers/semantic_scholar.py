"""Semantic Scholar Graph API papers (https://api.semanticscholar.org/api-docs/graph): ``paperId``,
``externalIds`` (``DOI``, ``ArXiv``), ``abstract``, ``authors`` with ``authorId``, ``references``."""

from __future__ import annotations

from typing import Any

from paperkg.readers.records import authors_of, categories_of, references_of, text_or_none, year_of


def matches(record: dict[str, Any]) -> bool:
    return "paperId" in record


def fields(record: dict[str, Any]) -> dict[str, Any]:
    ids = record.get("externalIds") if isinstance(record.get("externalIds"), dict) else {}
    return {
        "title": record.get("title"),
        "abstract": record.get("abstract"),
        "s2_id": text_or_none(record.get("paperId")),
        "doi": text_or_none(ids.get("DOI")),
        "arxiv_id": text_or_none(ids.get("ArXiv")),
        "authors": authors_of(record.get("authors")),
        "date": text_or_none(record.get("publicationDate")),
        "year": year_of(record.get("year")) or year_of(record.get("publicationDate")),
        "url": text_or_none(record.get("url")),
        "categories": categories_of(record.get("fieldsOfStudy")),
        "references": references_of(record.get("references")),
    }
