"""arXiv metadata records: the public snapshot (``id``, ``authors`` string, ``authors_parsed``, ``categories``
string, ``update_date``, ``versions``) and the daily-listing variant (``authors`` list, ``categories`` list,
``list_date``, ``abs_url``)."""

from __future__ import annotations

from typing import Any

from paperkg.identity import normalize_arxiv_id
from paperkg.readers.records import authors_of, categories_of, clean_line, generic_fields, text_or_none, year_of

#: Keys only arXiv metadata has; one of them next to an arXiv-shaped ``id`` marks the format.
ARXIV_KEYS = ("update_date", "versions", "authors_parsed", "list_date", "abs_url", "journal-ref", "submitter")


def matches(record: dict[str, Any]) -> bool:
    rid = text_or_none(record.get("id"))
    return bool(rid and normalize_arxiv_id(rid) and any(k in record for k in ARXIV_KEYS + ("categories",)))


def fields(record: dict[str, Any]) -> dict[str, Any]:
    found = generic_fields(record)
    found["arxiv_id"] = text_or_none(record.get("id"))
    found["record_id"] = None  # the id is the arXiv id
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        found["authors"] = authors_of(parsed)
    found["categories"] = categories_of(record.get("categories"))
    date = text_or_none(record.get("list_date") or record.get("update_date"))
    found["date"] = date
    found["year"] = year_of(date)
    found["url"] = text_or_none(record.get("abs_url")) or f"https://arxiv.org/abs/{clean_line(record['id'])}"
    return found
