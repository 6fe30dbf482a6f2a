"""Where a query runs: the embedded ``KnowledgeGraph`` (NetworkX) or a Neo4j/Bolt server (Cypher).

Both resolve names the same way (``paperkg.queries.resolve``) and hand rows back to
``paperkg.queries.run``, which orders and cuts them. A query without a Cypher form runs on a server
by reading the graph back (``paperkg.graph.neo4j_backend.read_graph``) and using its NetworkX function.
"""

from __future__ import annotations

import inspect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from paperkg.errors import PaperkgError
from paperkg.graph.schema import META_LABEL, Label
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.filters import PaperFilter, cypher_date, paper_date
from paperkg.queries.resolve import candidate, choose, id_guesses, unknown

#: ``LIMIT`` passed to Cypher when every row is wanted.
NO_LIMIT = 1_000_000_000


def backend_for(kg_or_driver: Any, database: str | None = None):
    """The backend answering on a ``KnowledgeGraph``, an open ``GraphDatabase`` or a ``neo4j.Driver``."""
    if isinstance(kg_or_driver, KnowledgeGraph):
        return NetworkXBackend(kg_or_driver)
    from paperkg.graph.database import GraphDatabase

    if isinstance(kg_or_driver, GraphDatabase):  # the graph file, read a query's part at a time
        from paperkg.queries.partial import DatabaseBackend

        return DatabaseBackend(kg_or_driver)
    if hasattr(kg_or_driver, "execute_query"):
        return CypherBackend(kg_or_driver, database)
    raise PaperkgError(f"queries run on a KnowledgeGraph, a GraphDatabase or a neo4j Driver, "
                       f"not {type(kg_or_driver).__name__}")


def call(query: Any, kg: KnowledgeGraph, values: dict[str, Any], where: PaperFilter, limit: int) -> list[dict]:
    """Run the query's NetworkX function; one that takes ``limit`` makes only that many rows."""
    if "limit" in inspect.signature(query.networkx).parameters:
        values = {**values, "limit": limit or None}
    return query.networkx(kg, where=where, **values)


@dataclass
class PaperFacts:
    """What the corpus' papers (not cited-only stubs) have of what filters read: why an answer may be empty."""

    papers: int = 0
    dated: int = 0      # with a year at least
    monthly: int = 0    # with a year and a month (what ``trend`` counts)
    first: str | None = None
    last: str | None = None
    categories: Counter = field(default_factory=Counter)

    def add(self, date: str | None, categories) -> None:
        self.papers += 1
        if date:
            self.dated += 1
            self.monthly += len(date) >= 7
            self.first = min(self.first or date, date)
            self.last = max(self.last or date, date)
        self.categories.update(categories or ())


#: The Cypher of :class:`PaperFacts`: the dates as ``paper_date`` reads them, then the categories' counts.
DATES_CYPHER = f"""
MATCH (p:{Label.PAPER}) WHERE NOT coalesce(p.stub, false)
WITH {cypher_date('p')} AS date
RETURN count(*) AS papers, count(date) AS dated, sum(CASE WHEN size(date) >= 7 THEN 1 ELSE 0 END) AS monthly,
       min(date) AS first, max(date) AS last"""
CATEGORIES_CYPHER = f"""
MATCH (p:{Label.PAPER}) WHERE NOT coalesce(p.stub, false)
UNWIND coalesce(p.categories, []) AS category
RETURN category, count(*) AS papers"""


class NetworkXBackend:
    """Queries over the in-memory graph."""

    def __init__(self, kg: KnowledgeGraph):
        self.kg = kg

    def resolve(self, text: str, labels: tuple[Label, ...] | None, what: str) -> str:
        graph = self.kg.nx
        wanted = None if labels is None else {str(label) for label in labels}

        def fits(node_id: str) -> bool:
            return wanted is None or graph.nodes[node_id].get("label") in wanted

        for guess in id_guesses(text, labels):
            if guess in graph and fits(guess):
                return guess
        ids = [i for i in self.kg.find(text) if fits(i)]
        if ids:
            return choose(text, [candidate(i, graph.nodes[i]) for i in ids], labels, what)
        names = (
            name
            for node_id, attrs in graph.nodes(data=True)
            if fits(node_id)
            for name in (attrs.get("name"), attrs.get("title"), *attrs.get("aliases", ()))
        )
        raise unknown(text, names, labels)

    def answer(self, query: Any, values: dict[str, Any], where: PaperFilter, limit: int) -> list[dict]:
        return call(query, self.kg, values, where, limit)

    def paper_facts(self) -> PaperFacts:
        facts = PaperFacts()
        for _, attrs in self.kg.nodes(Label.PAPER):
            if not attrs.get("stub"):
                facts.add(paper_date(attrs), attrs.get("categories"))
        return facts

    def graph(self) -> KnowledgeGraph:
        return self.kg


def resolve_statements(labels: tuple[Label, ...] | None) -> tuple[str, str, str]:
    """The Cypher :meth:`CypherBackend.resolve` tries in turn among ``labels`` (``None``: any node but the
    writer's metadata node): nodes with one of the ids ``$ids``, nodes named ``$lower`` (name, title or alias,
    case-blind), every node's names."""
    if labels:
        match = "MATCH (n) WHERE (" + " OR ".join(f"n:{label}" for label in dict.fromkeys(labels)) + ")"
    else:
        match = f"MATCH (n) WHERE NOT n:{META_LABEL}"
    fields = "n.id AS id, n.name AS name, n.title AS title, n.aliases AS aliases"
    return (
        f"{match} AND n.id IN $ids RETURN {fields}",
        f"{match} AND (toLower(n.name) = $lower OR toLower(n.title) = $lower "
        f"OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $lower)) RETURN {fields}",
        f"{match} RETURN {fields}",
    )


class CypherBackend:
    """Queries over a Bolt server through the official driver; user values only ever as parameters."""

    def __init__(self, driver: Any, database: str | None = None):
        self.driver = driver
        self.database = database
        self._graph: KnowledgeGraph | None = None

    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict]:
        try:
            records, _, _ = self.driver.execute_query(cypher, params or {}, database_=self.database)
        except Exception as exc:  # the driver's errors name the server's complaint; keep it to one line
            if exc.__class__.__module__.startswith("neo4j"):
                raise PaperkgError(f"Cypher query failed: {exc}") from None
            raise
        return [record.data() for record in records]

    def resolve(self, text: str, labels: tuple[Label, ...] | None, what: str) -> str:
        by_id, by_name, every_name = resolve_statements(labels)
        rows = self.execute(by_id, {"ids": id_guesses(text, labels)})
        if rows:
            return sorted(row["id"] for row in rows)[0]
        rows = self.execute(by_name, {"lower": text.lower()})
        if not rows:  # punctuation-blind matching, as the graph does it, needs every name: the slow path
            rows = self.execute(every_name)
        from paperkg.graph.store import lookup_key

        key = lookup_key(text)
        matches = [
            candidate(row["id"], row)
            for row in rows
            if key and key in {lookup_key(n) for n in (row["name"], row["title"], *(row["aliases"] or ())) if n}
        ]
        if matches:
            return choose(text, matches, labels, what)
        names = (n for row in rows for n in (row["name"], row["title"], *(row["aliases"] or ())))
        raise unknown(text, names, labels)

    def answer(self, query: Any, values: dict[str, Any], where: PaperFilter, limit: int) -> list[dict]:
        if query.cypher is None:
            return call(query, self.graph(), values, where, limit)
        params = {**values, **where.params(), "limit": limit if limit and query.cypher_limit else NO_LIMIT}
        rows = self.execute(query.cypher, params)
        return query.from_cypher(rows, values) if query.from_cypher else rows

    def paper_facts(self) -> PaperFacts:
        dates = self.execute(DATES_CYPHER)[0]
        categories = Counter({row["category"]: row["papers"] for row in self.execute(CATEGORIES_CYPHER)})
        return PaperFacts(dates["papers"], dates["dated"], dates["monthly"] or 0, dates["first"], dates["last"],
                          categories)

    def graph(self) -> KnowledgeGraph:
        """The whole graph read back from the server (for queries with no Cypher form, and ``--html``)."""
        if self._graph is None:
            from paperkg.graph.neo4j_backend import read_graph

            self._graph = read_graph(self.driver, database=self.database)
        return self._graph
