"""The catalogue: every query by name, with its arguments, a line of help, its NetworkX function and its Cypher.

A query is registered once with :func:`register`. :func:`run` resolves the user's names to node ids,
runs the NetworkX function on a ``KnowledgeGraph`` or the Cypher text on a Neo4j driver (or, for a
query with no Cypher form, the NetworkX function on the graph read back from the server), and puts
the rows in the query's defined order so both backends answer row for row.

>>> from paperkg.queries import CATALOGUE
>>> CATALOGUE["papers-using"].args[0].name
'dataset'
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple

from paperkg.errors import PaperkgError
from paperkg.graph.schema import Label
from paperkg.queries.filters import PaperFilter

#: Rows printed when the caller gives no ``--limit`` (0 means all rows).
DEFAULT_LIMIT = 50
#: Floats in rows agree between backends to this relative tolerance (summation order differs).
FLOAT_TOLERANCE = 1e-9
#: Digits floats are rounded to before ordering, so near-equal scores tie-break by id on both backends.
SORT_DIGITS = 9

REQUIRED = object()


@dataclass(frozen=True)
class Arg:
    """One argument of a query.

    ``labels`` (for a node argument) are the labels its name is resolved among; ``None`` means any
    node. A node argument is a positional name, alias, title or id; an option has a default.
    """

    name: str
    help: str
    labels: tuple[Label, ...] | None = ()
    default: Any = REQUIRED
    type: Callable[[str], Any] = str
    choices: tuple[str, ...] = ()
    #: The command-line option of an optional argument (default ``--name-with-dashes``).
    flag: str | None = None

    @property
    def is_node(self) -> bool:
        return self.labels is None or bool(self.labels)

    @property
    def positional(self) -> bool:
        return self.default is REQUIRED

    @property
    def metavar(self) -> str:
        return "N" if self.type is int else self.name.upper()

    @property
    def option(self) -> str:
        return self.flag or "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Query:
    """A question from the catalogue.

    ``networkx(kg, where=PaperFilter, **args)`` returns rows (dicts with ``columns``); ``cypher`` (when
    the question fits Cypher) takes the same arguments as ``$parameters`` plus the filter's, and
    ``from_cypher`` shapes its records into the same rows. ``order`` is the rows' sort key (always
    ending on ids, so the order is total).
    """

    name: str
    help: str
    example: str
    columns: tuple[str, ...]
    networkx: Callable[..., list[dict]]
    order: Callable[[dict], Any]
    args: tuple[Arg, ...] = ()
    cypher: str | None = None
    from_cypher: Callable[[list[dict], dict], list[dict]] | None = None
    filtered: bool = True
    limit: int = DEFAULT_LIMIT
    #: Whether Cypher may apply ``LIMIT`` itself (False when float ties could cut it differently).
    cypher_limit: bool = True
    #: List columns whose order is meaningful (a ranking); other lists are sorted for comparison.
    ranked_lists: tuple[str, ...] = field(default=())
    #: Whether the query counts only papers dated to the month (so an undated corpus answers nothing).
    by_month: bool = False
    #: ``summary(kg, where=...)``: one line on what the answer stands on, printed beside the rows (stderr).
    summary: Callable[..., str] | None = None
    #: What the query reads of the graph (``paperkg.queries.reads``: the neighbourhood of its arguments, or the
    #: relation types it reads corpus-wide), or a function of its bound arguments giving that; ``None``: all of it.
    reads: Any = None
    #: What ``summary`` reads, declared the same way.
    summary_reads: Any = None

    def usage(self) -> str:
        parts = [self.name]
        for arg in self.args:
            if arg.positional:
                parts.append(arg.metavar)
            else:
                parts.append(f"[{arg.option}]" if arg.type is bool else f"[{arg.option} {arg.metavar}]")
        return " ".join(parts)


CATALOGUE: dict[str, Query] = {}


def register(query: Query) -> Query:
    """Add ``query`` to the catalogue (names are unique)."""
    if query.name in CATALOGUE:
        raise ValueError(f"query {query.name!r} registered twice")
    CATALOGUE[query.name] = query
    return query


def get(name: str) -> Query:
    """The query called ``name``, or an error listing the closest names."""
    try:
        return CATALOGUE[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name, CATALOGUE, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `paperkg query --list` shows them"
        raise PaperkgError(f"no query called {name!r}{hint}") from None


def run(
    name: str,
    kg_or_driver: Any,
    /,
    *,
    limit: int | None = None,
    since: str | None = None,
    until: str | None = None,
    category: str | None = None,
    database: str | None = None,
    **args: Any,
) -> list[dict]:
    """Answer the catalogue query ``name`` on a ``KnowledgeGraph`` or a ``neo4j.Driver``.

    Node arguments take a name, alias, paper title or node id (case-insensitive); ``limit`` defaults
    to the query's (0 = all rows); ``since``/``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) and
    ``category`` (arXiv category such as ``cs.CV``, or an archive such as ``cs``) keep only papers
    that have them.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [row["title"] for row in run("papers-using", tiny_graph(), dataset="cifar10")]
    ['Wide Residual Networks Revisited', 'Sharpness-Aware Minimization Made Cheap']
    """
    return answer(name, kg_or_driver, limit=limit, since=since, until=until, category=category,
                  database=database, **args).rows


class Answer(NamedTuple):
    """The rows of a query, its arguments as bound (node names resolved to ids), and, when there are no
    rows, why not if the corpus says it (``"no paper in the graph has a date ..."``), else ``None``."""

    rows: list[dict]
    bound: dict[str, Any]
    why_empty: str | None


def answer(name: str, kg_or_driver: Any, /, *, limit: int | None = None, since: str | None = None,
           until: str | None = None, category: str | None = None, database: str | None = None,
           **args: Any) -> Answer:
    """:func:`run`, also returning the bound arguments and why an empty answer is empty.

    A ``category`` no paper of the graph is filed under is an error (a typo, not an empty answer)."""
    from paperkg.queries.backends import backend_for

    query = get(name)
    where = PaperFilter.make(since=since, until=until, category=category)
    if where and not query.filtered:
        raise PaperkgError(f"query {name!r} takes no --since/--until/--category")
    backend = backend_for(kg_or_driver, database=database)
    values = _bind(query, backend, args)
    facts = backend.paper_facts() if where.category else None
    if where.category:
        _check_category(category, facts)
    limit = query.limit if limit is None else limit
    rows = backend.answer(query, values, where, limit)
    if limit and len(rows) > limit:
        rows = heapq.nsmallest(limit, rows, key=query.order)
    else:
        rows.sort(key=query.order)
    explained = where.since or where.until or query.by_month  # what the corpus' dates can explain
    why = None if rows or not explained else _why_empty(query, where, facts or backend.paper_facts())
    return Answer([_normalise(query, row) for row in rows], values, why)


def _check_category(category: str, facts: Any) -> None:
    """An error unless some paper is filed under ``category``, naming the categories there are."""
    wanted = PaperFilter(category=category.lower())
    if any(wanted({"categories": [c]}) for c in facts.categories):
        return
    if not facts.categories:
        raise PaperkgError(f"--category {category}: no paper in the graph has categories (arXiv, OpenAlex and "
                           "Semantic Scholar records bring them)")
    common = ", ".join(f"{c} ({n})" for c, n in sorted(facts.categories.items(), key=lambda cn: (-cn[1], cn[0]))[:8])
    raise PaperkgError(f"--category {category}: no paper in the graph is filed under it; the most common: {common}")


def _why_empty(query: Query, where: PaperFilter, facts: Any) -> str | None:
    """Why a query found nothing, when the corpus itself explains it (no dates at all, dates out of range)."""
    undated = 'a Daily Papers date such as "Mar 11" has no year'
    if (where.since or where.until) and not facts.dated:
        return f"no paper in the graph has a date ({undated}), so --since/--until keep none"
    if (where.since and facts.last and where.since > facts.last[: len(where.since)]) or (
            where.until and facts.first and where.until < facts.first[: len(where.until)]):
        return f"no paper is dated within --since/--until: the papers run from {facts.first} to {facts.last}"
    if query.by_month and not facts.monthly:
        return f"no paper in the graph has a date with a month ({undated})"
    if query.by_month:
        return "none of the papers linked to it has a date with a month"
    return None


def _bind(query: Query, backend: Any, given: dict[str, Any]) -> dict[str, Any]:
    """Check the arguments against the query's and resolve node names to ids."""
    known = {arg.name for arg in query.args}
    unknown = sorted(set(given) - known)
    if unknown:
        raise PaperkgError(f"query {query.name!r} has no argument {unknown[0]!r} (it takes: {query.usage()})")
    values: dict[str, Any] = {}
    for arg in query.args:
        value = given.get(arg.name, arg.default)
        if value is REQUIRED or value is None and arg.positional:
            raise PaperkgError(f"query {query.name!r} needs {arg.metavar} ({query.usage()})")
        if arg.positional and isinstance(value, str) and not value.strip():
            raise PaperkgError(f"query {query.name!r}: {arg.metavar} is empty")
        if arg.type is int and not isinstance(value, int):
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise PaperkgError(f"{arg.option} takes a whole number, not {value!r}") from None
        if arg.choices and value not in arg.choices:
            raise PaperkgError(f"{arg.name} must be one of {', '.join(arg.choices)}, not {value!r}")
        if arg.is_node and value is not None:
            value = backend.resolve(str(value), arg.labels, what=arg.name)
        values[arg.name] = value
    return values


def _normalise(query: Query, row: dict) -> dict:
    """Sort unranked list values so rows compare equal whatever order a backend collected them in."""
    return {
        key: sorted(value, key=str) if isinstance(value, list) and key not in query.ranked_lists else value
        for key, value in row.items()
    }


def score_key(value: float) -> float:
    """A float rounded for ordering: ties within :data:`FLOAT_TOLERANCE` then break by id."""
    return round(value, SORT_DIGITS)
