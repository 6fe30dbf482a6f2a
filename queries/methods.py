"""Questions about methods: who proposes one, who mentions it."""

from __future__ import annotations

from typing import Any

from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.catalogue import Arg, Query, register
from paperkg.queries.common import ANY, METHOD, linked, title, title_of
from paperkg.queries.filters import PaperFilter, cypher_filter
from paperkg.queries.reads import Around, Hop


def who_proposes(kg: KnowledgeGraph, method: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Papers that introduce ``method``, by paper id.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [r["title"] for r in who_proposes(tiny_graph(), "method:samlite")]
    ['Sharpness-Aware Minimization Made Cheap']
    """
    return [
        {"paper": p, "title": title(kg.nx.nodes[p]), "date": kg.nx.nodes[p].get("date")}
        for p in sorted({p for p, _, _ in linked(kg, method, (Rel.PROPOSES,), incoming=True)})
        if where(kg.nx.nodes[p])
    ]


register(Query(
    name="who-proposes",
    help="papers that propose a method",
    example="paperkg query who-proposes NeuS",
    args=(Arg("method", "method name, acronym or id", labels=METHOD),),
    columns=("paper", "title", "date"),
    networkx=who_proposes,
    reads=Around(("method",), (Hop((Rel.PROPOSES,), "in"),)),
    order=lambda r: r["paper"],
    cypher=f"""
MATCH (p:{Label.PAPER})-[:{Rel.PROPOSES}]->(m:{Label.METHOD} {{id: $method}})
WHERE {cypher_filter('p')}
RETURN DISTINCT p.id AS paper, {title_of('p')} AS title, p.date AS date
ORDER BY paper LIMIT $limit""",
))


def mentions_of(kg: KnowledgeGraph, method: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Papers that name ``method`` without proposing it, with how often and the forms they wrote.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["title"], r["count"]) for r in mentions_of(tiny_graph(), "method:samlite")]
    [('Wide Residual Networks Revisited', 2)]
    """
    rows = []
    for paper, _, attrs in linked(kg, method, (Rel.MENTIONS,), incoming=True):
        if where(kg.nx.nodes[paper]):
            rows.append({"paper": paper, "title": title(kg.nx.nodes[paper]), "count": attrs.get("count", 1),
                         "surface": sorted(set(attrs.get("surface", ())))})
    return sorted(rows, key=lambda r: r["paper"])


register(Query(
    name="mentions-of",
    help="papers that name a method without proposing it (how often, in which forms)",
    example="paperkg query mentions-of LoRA --category cs.CL",
    args=(Arg("method", "method name, acronym or id", labels=METHOD),),
    columns=("paper", "title", "count", "surface"),
    networkx=mentions_of,
    reads=Around(("method",), (Hop((Rel.MENTIONS,), "in"),)),
    order=lambda r: r["paper"],
    cypher=f"""
MATCH (p:{Label.PAPER})-[r:{Rel.MENTIONS}]->(m:{Label.METHOD} {{id: $method}})
WHERE {cypher_filter('p')}
RETURN p.id AS paper, {title_of('p')} AS title, coalesce(r.count, 1) AS count, coalesce(r.surface, []) AS surface
ORDER BY paper LIMIT $limit""",
    from_cypher=lambda rows, values: [{**r, "surface": sorted(set(r["surface"]))} for r in rows],
))
