"""From the fields a reader found to a checked ``PaperRecord``; and the plain record shape of JSON Lines and CSV.

``make_record`` is where every reader ends: it cleans the title, cuts an over-long abstract, warns about a
missing title or abstract, and computes the identity key. ``generic_fields`` maps the plain shape
(``title``, ``abstract``, ``id``, ``doi``, ``arxiv_id``, ``authors``, ``year``/``date``, ``url``,
``references``; other keys ignored) used by JSON Lines, JSON arrays and CSV/TSV.
"""

from __future__ import annotations

import re
from typing import Any

from paperkg.identity import (
    normalize_arxiv_id,
    normalize_doi,
    normalize_openalex_id,
    normalize_s2_id,
    paper_key,
    reference_key,
)
from paperkg.models import Author, PaperRecord
from paperkg.readers.source import Source

#: Longest abstract kept; longer ones are cut here with a warning (spaCy's ``max_length`` guard).
MAX_ABSTRACT_CHARS = 100_000
MAX_TITLE_CHARS = 2_000

#: Names a plain record may use for each field (first match wins, compared case-insensitively).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "paper_title", "display_name"),
    "abstract": ("abstract", "summary", "paperabstract", "description"),
    "record_id": ("id", "paper_id", "record_id", "key"),
    "doi": ("doi",),
    "arxiv_id": ("arxiv_id", "arxiv", "arxivid", "eprint"),
    "openalex_id": ("openalex_id", "openalex"),
    "s2_id": ("s2_id", "paperid", "semantic_scholar_id"),
    "authors": ("authors", "author"),
    "year": ("year", "publication_year"),
    "date": ("date", "publication_date", "published", "update_date", "list_date"),
    "url": ("url", "abs_url", "link"),
    "categories": ("categories", "category", "keywords"),
    "references": ("references", "referenced_works", "cites"),
}

_YEAR = re.compile(r"^\s*((?:1[89]|20)\d\d)\b")
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I)


def clean_line(text: Any) -> str:
    """A one-line string: whitespace (line breaks included) collapsed, ends stripped."""
    return " ".join(str(text).split()) if text is not None else ""


def text_or_none(value: Any) -> str | None:
    """A non-empty string from a scalar, else ``None`` (lists, dicts and blanks are not ids)."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = clean_line(value)
        return text or None
    return None


def year_of(value: Any) -> int | None:
    """The year of ``2024`` or ``"2024-03-11"``; ``None`` for ``"Mar 11"`` (no year is invented)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1800 <= value <= 2100:
        return value
    match = _YEAR.match(str(value)) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def orcid_of(value: Any) -> str | None:
    """``https://orcid.org/0000-0002-1825-0097`` -> ``0000-0002-1825-0097``."""
    match = _ORCID.search(value) if isinstance(value, str) else None
    return match.group(1).upper() if match else None


def split_names(text: str) -> list[str]:
    """Author names from one string: ``"A. Doe, B. Roe and C. Poe"`` or ``"Doe, A. and Roe, B."`` or ``"A; B"``."""
    text = clean_line(text)
    if not text:
        return []
    if ";" in text:
        parts = text.split(";")
    elif " and " in text and all("," in p for p in text.split(" and ")):
        # BibTeX style "Last, First and Last, First"
        parts = [" ".join(reversed([s.strip() for s in p.split(",", 1)])) for p in text.split(" and ")]
    else:
        parts = re.split(r",\s*|\s+and\s+", text)
    return [clean_line(p) for p in parts if clean_line(p)]


def authors_of(value: Any) -> list[Author]:
    """Authors from a string, a list of names, or a list of objects with ``name`` (and ``orcid``/``id``)."""
    if isinstance(value, str):
        return [Author(name) for name in split_names(value)]
    authors = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            name = clean_line(item)
            if name:
                authors.append(Author(name))
        elif isinstance(item, dict):
            name = text_or_none(item.get("name") or item.get("display_name") or item.get("full_name"))
            if name:
                source_id = text_or_none(item.get("authorId") or item.get("id") or item.get("author_id"))
                if source_id and source_id.startswith("https://openalex.org/"):
                    source_id = source_id.rsplit("/", 1)[1]
                authors.append(Author(name, orcid_of(item.get("orcid")), source_id))
        elif isinstance(item, list) and item and all(isinstance(p, str) for p in item):  # arXiv authors_parsed
            last, first = item[0], item[1] if len(item) > 1 else ""
            name = clean_line(f"{first} {last}")
            if name:
                authors.append(Author(name))
    return authors


def references_of(values: Any) -> list[str]:
    """Keys of referenced papers from strings (DOI, arXiv id, URL, OpenAlex/S2 id) or objects with ids."""
    keys: list[str] = []
    for item in values if isinstance(values, list) else []:
        key = None
        if isinstance(item, str):
            key = reference_key(item)
        elif isinstance(item, dict):
            key = reference_of_object(item)
        if key and key not in keys:
            keys.append(key)
    return keys


def reference_of_object(item: dict[str, Any]) -> str | None:
    """The key of a reference given as an object: its DOI, arXiv id, OpenAlex/S2 id, else its title."""
    ids = item.get("externalIds") if isinstance(item.get("externalIds"), dict) else {}
    candidates = (
        ("doi", ids.get("DOI") or item.get("doi")),
        ("arxiv_id", ids.get("ArXiv") or item.get("arxiv_id")),
        ("openalex_id", item.get("id") if "openalex.org" in str(item.get("id")) else None),
        ("s2_id", item.get("paperId")),
    )
    for name, value in candidates:
        key = paper_key(**{name: text_or_none(value)})
        if not key.startswith("title:"):
            return key
    title = text_or_none(item.get("title"))
    return paper_key(title=title) if title else None


def categories_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [c for c in re.split(r"[\s,;]+", value) if c]
    return [clean_line(c) for c in value if text_or_none(c)] if isinstance(value, list) else []


def pick(lowered: dict[str, Any], field: str) -> Any:
    """The value of ``field`` in a plain record (keys lowercased) under any of its accepted names."""
    for name in FIELD_NAMES[field]:
        value = lowered.get(name)
        if value not in (None, "", []):
            return value
    return None


def generic_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Fields of a plain record (JSON object or CSV row). A record ``id`` that is itself a DOI or
    arXiv id/URL also fills that identifier, so the paper meets its other copies."""
    record = {str(k).lower(): v for k, v in record.items()}
    fields: dict[str, Any] = {
        "title": pick(record, "title"),
        "abstract": pick(record, "abstract"),
        "record_id": text_or_none(pick(record, "record_id")),
        "doi": text_or_none(pick(record, "doi")),
        "arxiv_id": text_or_none(pick(record, "arxiv_id")),
        "openalex_id": text_or_none(pick(record, "openalex_id")),
        "s2_id": text_or_none(pick(record, "s2_id")),
        "authors": authors_of(pick(record, "authors")),
        "date": text_or_none(pick(record, "date")),
        "year": year_of(pick(record, "year")) or year_of(pick(record, "date")),
        "url": text_or_none(pick(record, "url")),
        "categories": categories_of(pick(record, "categories")),
        "references": references_of(as_list(pick(record, "references"))),
    }
    rid, url = fields["record_id"] or "", fields["url"] or ""
    if not fields["doi"] and (rid.lower().startswith("doi:") or "doi.org/" in rid.lower()):
        fields["doi"] = rid
    if not fields["arxiv_id"]:
        fields["arxiv_id"] = normalize_arxiv_id(url) or (normalize_arxiv_id(rid) if rid.lower().startswith(("arxiv:", "http")) else None)
    return fields


def as_list(value: Any) -> list:
    """A list from a list, or from a string of items separated by ``;`` or whitespace (CSV cells)."""
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [v for v in re.split(r"[;\s]+", value) if v]
    return []


def make_record(source: Source, line: int, fields: dict[str, Any]) -> PaperRecord | None:
    """A checked ``PaperRecord`` at ``source:line``, or ``None`` when the record was bad and skipped.

    No title and no abstract is a bad record; either one missing is a warning (the paper is kept);
    an abstract over ``MAX_ABSTRACT_CHARS`` is cut there with a warning.
    """
    title = clean_line(fields.get("title") if isinstance(fields.get("title"), str) else text_or_none(fields.get("title")))
    abstract = fields.get("abstract")
    abstract = abstract.strip() if isinstance(abstract, str) else (text_or_none(abstract) or "")
    if not title and not abstract:
        source.bad(line, "record has neither a title nor an abstract")
        return None
    if len(title) > MAX_TITLE_CHARS:
        source.warn(line, f"title of {len(title):,} characters cut at {MAX_TITLE_CHARS:,}")
        title = title[:MAX_TITLE_CHARS]
    if not title:
        source.warn(line, "record has no title; kept, named by its abstract")
    if not abstract:
        source.warn(line, f"no abstract for {title[:60]!r}; kept as a paper without one")
    elif len(abstract) > MAX_ABSTRACT_CHARS:
        source.warn(line, f"abstract of {len(abstract):,} characters cut at {MAX_ABSTRACT_CHARS:,}")
        abstract = abstract[:MAX_ABSTRACT_CHARS]
    ids = {name: fields.get(name) for name in ("doi", "arxiv_id", "openalex_id", "s2_id", "record_id")}
    key = paper_key(**ids, title=title or abstract[:200])
    return PaperRecord(
        key=key,
        title=title,
        abstract=abstract,
        doi=normalize_doi(ids["doi"]),
        arxiv_id=normalize_arxiv_id(ids["arxiv_id"]),
        openalex_id=normalize_openalex_id(ids["openalex_id"]) or ids["openalex_id"],
        s2_id=normalize_s2_id(ids["s2_id"]) or ids["s2_id"],
        record_id=ids["record_id"],
        authors=list(fields.get("authors") or []),
        date=fields.get("date"),
        year=fields.get("year"),
        url=fields.get("url"),
        categories=list(fields.get("categories") or []),
        references=[r for r in fields.get("references") or [] if r != key],
        source=source.where(line),
    )


def type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )
