"""``--since``, ``--until`` and ``--category``: which papers a query counts, the same in Python and Cypher.

A paper's date is its ``date`` when that starts with a digit (ISO ``YYYY-MM-DD`` or a prefix of it),
else its ``year``; a Daily Papers date such as ``"Mar 11"`` has no year, so it is unknown. A paper
with an unknown date is left out by ``--since``/``--until``; one without categories by ``--category``.
``--until 2025-03`` keeps all of March (the paper's date is cut to the bound's length first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from paperkg.errors import PaperkgError

_BOUND = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: An arXiv category (``cs.CV``, ``astro-ph.GA``, ``hep-th``) or archive (``cs``), as ``--category`` takes it.
_CATEGORY = re.compile(r"[a-z][a-z-]*(\.[a-z][a-z-]*)?", re.I)


def paper_date(attrs: dict[str, Any]) -> str | None:
    """The paper's date as an ISO prefix (``"2025-03-18"``, ``"2024"``), or ``None`` when unknown.

    >>> paper_date({"date": "2025-03-18"}), paper_date({"date": "Mar 11"}), paper_date({"year": 2024})
    ('2025-03-18', None, '2024')
    """
    date = attrs.get("date")
    if date and "0" <= date[0] <= "9":
        return date
    year = attrs.get("year")
    return str(year) if year is not None else None


def _is_date(bound: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real year, month or day (not ``2025-13``)."""
    import datetime

    if not _BOUND.fullmatch(bound):
        return False
    try:
        datetime.date.fromisoformat((bound + "-01-01")[:10])
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class PaperFilter:
    """Keep papers dated within ``[since, until]`` and filed under ``category``; empty fields keep all."""

    since: str | None = None
    until: str | None = None
    category: str | None = None

    @classmethod
    def make(cls, since: str | None = None, until: str | None = None, category: str | None = None) -> "PaperFilter":
        for flag, bound in (("--since", since), ("--until", until)):
            if bound is not None and not _is_date(bound):
                raise PaperkgError(f"{flag} takes YYYY, YYYY-MM or YYYY-MM-DD (a real month and day), not {bound!r}")
        if category is not None and not _CATEGORY.fullmatch(category):
            raise PaperkgError(f"--category takes an arXiv category such as cs.CV or an archive such as cs, "
                               f"not {category!r}")
        return cls(since or None, until or None, category.lower() if category else None)

    def __bool__(self) -> bool:
        return any((self.since, self.until, self.category))

    def __call__(self, attrs: dict[str, Any]) -> bool:
        """Whether the paper with these attributes passes."""
        if self.since or self.until:
            date = paper_date(attrs)
            if date is None:
                return False
            if self.since and date < self.since:
                return False
            if self.until and date[: len(self.until)] > self.until:
                return False
        if self.category:
            cats = [c.lower() for c in attrs.get("categories", ())]
            if not any(c == self.category or c.startswith(self.category + ".") for c in cats):
                return False
        return True

    def params(self) -> dict[str, Any]:
        """The Cypher parameters of :func:`cypher_filter`."""
        return {"since": self.since, "until": self.until, "category": self.category}


def cypher_date(var: str) -> str:
    """Cypher for the date of paper ``var``, as :func:`paper_date` computes it."""
    return (
        f"CASE WHEN {var}.date >= '0' AND {var}.date < ':' THEN {var}.date "
        f"ELSE toString({var}.year) END"
    )


def cypher_filter(var: str) -> str:
    """A Cypher predicate on paper ``var`` equal to :class:`PaperFilter` (parameters ``$since``, ``$until``,
    ``$category``; a null parameter keeps all). ``var`` is a variable name from the query's own text."""
    date = cypher_date(var)
    return (
        f"($since IS NULL OR {date} >= $since) "
        f"AND ($until IS NULL OR substring({date}, 0, size($until)) <= $until) "
        f"AND ($category IS NULL OR any(c IN coalesce({var}.categories, []) "
        f"WHERE toLower(c) = $category OR toLower(c) STARTS WITH $category + '.'))"
    )
