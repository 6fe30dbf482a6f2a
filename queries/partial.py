"""Queries answered from the graph database without loading it whole: names are resolved from its name table
and each query's NetworkX function runs on the part of the graph the query declares it reads
(``Query.reads``, ``paperkg.queries.reads``), giving the rows it gives on the whole graph.
"""

from __future__ import annotations

from typing import Any

from paperkg.graph.database import GraphDatabase, is_database
from paperkg.graph.schema import Label
from paperkg.graph.store import KnowledgeGraph, lookup_key, paused_gc
from paperkg.queries.backends import PaperFacts, call
from paperkg.queries.filters import PaperFilter, paper_date
from paperkg.queries.reads import declared, load_reads
from paperkg.queries.resolve import candidate, choose, id_guesses, unknown


def open_graph(path) -> GraphDatabase | KnowledgeGraph:
    """The graph file ``path`` opened for queries: a ``GraphDatabase``, or, for a graph file of the previous
    JSON format that could not be converted in place, the whole graph read from it."""
    from paperkg.graph.store import load

    if is_database(path):
        return GraphDatabase(path)
    kg = load(path)  # reads the JSON whole and converts it (one line on stderr says which)
    return GraphDatabase(path) if is_database(path) else kg


def lookup(db: GraphDatabase, text: str) -> list[str]:
    """``KnowledgeGraph.lookup`` on the database: the node with id ``text`` (or paper key), else the nodes
    with a name, title or alias of that lookup key."""
    for node_id in (text, f"paper:{text}"):
        if db.labels_of([node_id]):
            return [node_id]
    return db.find_key(lookup_key(text))


class DatabaseBackend:
    """Queries over an open ``GraphDatabase``, each on the subgraph it reads."""

    def __init__(self, db: GraphDatabase):
        self.db = db

    def resolve(self, text: str, labels: tuple[Label, ...] | None, what: str) -> str:
        """As ``NetworkXBackend.resolve``: an id written out, else the one node so named, else an error."""
        wanted = None if labels is None else {str(label) for label in labels}
        guesses = id_guesses(text, labels)
        found = self.db.labels_of(guesses)
        for guess in guesses:
            if guess in found and (wanted is None or found[guess] in wanted):
                return guess
        ids = self.db.find_key(lookup_key(text))
        attrs = self.db.nodes(ids, light=True)
        ids = [i for i in ids if wanted is None or attrs[i].get("label") in wanted]
        if ids:
            return choose(text, [candidate(i, attrs[i]) for i in ids], labels, what)
        raise unknown(text, self.db.names(None if labels is None else wanted), labels)

    def subgraph(self, reads: Any, values: dict[str, Any], where: PaperFilter) -> KnowledgeGraph:
        """The part of the graph the declaration ``reads`` names for these bound arguments."""
        return load_reads(self.db, declared(reads, values), values, where)

    def answer(self, query: Any, values: dict[str, Any], where: PaperFilter, limit: int) -> list[dict]:
        """The query's rows on the part of the graph it reads, with the cyclic garbage collector paused: the
        query's own sets and dicts would otherwise set off full collections over the whole loaded part
        (0.9 s of a cold ``top-methods`` at 75k papers), which holds no cycles to find."""
        with paused_gc():
            return call(query, self.subgraph(query.reads, values, where), values, where, limit)

    def paper_facts(self) -> PaperFacts:
        facts = PaperFacts()
        for attrs in self.db.nodes_labelled([Label.PAPER]).values():
            if not attrs.get("stub"):
                facts.add(paper_date(attrs), attrs.get("categories"))
        return facts

    def graph(self) -> KnowledgeGraph:
        """The whole graph (what a caller with no declaration to go by needs)."""
        return self.db.whole()
