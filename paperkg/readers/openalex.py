"""OpenAlex works (https://docs.openalex.org/api-entities/works/work-object): the abstract is rebuilt from
``abstract_inverted_index``, ``referenced_works`` become references, ``authorships`` give authors with ORCID."""

from __future__ import annotations

from typing import Any

from paperkg.readers.records import authors_of, clean_line, references_of, text_or_none, year_of


def listed(value: Any) -> list:
    return value if isinstance(value, list) else []


def matches(record: dict[str, Any]) -> bool:
    return (
        "abstract_inverted_index" in record
        or "authorships" in record
        or "openalex.org/W" in str(record.get("id", ""))
    )


def abstract_from_inverted_index(index: Any) -> str:
    """The abstract an OpenAlex ``abstract_inverted_index`` (word -> positions) encodes, or ``""`` (null, ``{}``).

    A word is placed at each of its positions, gaps in the positions close up, and two words given the
    same position both stay, in the index's order (no word is dropped):

    >>> abstract_from_inverted_index({"Deep": [0], "nets": [1, 3], "work": [2]})
    'Deep nets work nets'
    >>> abstract_from_inverted_index({"We": [0], "it": [7], "test": [3], "tried": [3]})
    'We test tried it'
    """
    if not isinstance(index, dict):
        return ""
    slots: dict[int, str] = {}
    shared: dict[int, list[str]] = {}  # further words given a position already taken
    for word, positions in index.items():
        for position in positions if isinstance(positions, list) else [positions]:
            if type(position) is int and 0 <= position < 1_000_000:  # not bool, float or str
                taken = slots.setdefault(position, word)
                if taken != word and word not in shared.setdefault(position, []):
                    shared[position].append(word)
    for position, words in shared.items():
        slots[position] = " ".join([slots[position], *words])
    return " ".join(slots[p] for p in sorted(slots))


def fields(record: dict[str, Any]) -> dict[str, Any]:
    ids = record.get("ids") if isinstance(record.get("ids"), dict) else {}
    authors = []
    for authorship in listed(record.get("authorships")):
        if isinstance(authorship, dict) and isinstance(authorship.get("author"), dict):
            author = dict(authorship["author"])
            author.setdefault("name", author.get("display_name") or authorship.get("raw_author_name"))
            authors.append(author)
    location = record.get("primary_location") if isinstance(record.get("primary_location"), dict) else {}
    return {
        "title": record.get("title") or record.get("display_name"),
        "abstract": abstract_from_inverted_index(record.get("abstract_inverted_index")),
        "openalex_id": text_or_none(record.get("id") or ids.get("openalex")),
        "doi": text_or_none(record.get("doi") or ids.get("doi")),
        "authors": authors_of(authors),
        "date": text_or_none(record.get("publication_date")),
        "year": year_of(record.get("publication_year")) or year_of(record.get("publication_date")),
        "url": text_or_none(location.get("landing_page_url")) or text_or_none(record.get("doi")),
        "categories": [clean_line(c["display_name"]) for c in listed(record.get("concepts"))
                       if isinstance(c, dict) and text_or_none(c.get("display_name"))][:10],
        "references": references_of(record.get("referenced_works")),
    }
