"""The part of the graph a query's answer is about, for ``paperkg query --html``."""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.common import is_auxiliary

#: Most nodes drawn besides the ones the rows name.
MAX_JOINING = 200


def named_nodes(kg: KnowledgeGraph, rows: Iterable[dict], bound: dict[str, Any]) -> list[str]:
    """Node ids the rows and the query's arguments name (any string value, or list item, that is a node id)."""
    found: dict[str, None] = {}
    for value in [*bound.values(), *(v for row in rows for v in row.values())]:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item in kg.nx:
                found[item] = None
    return list(found)


def result_subgraph(kg: KnowledgeGraph, rows: list[dict], bound: dict[str, Any]) -> KnowledgeGraph:
    """The named nodes, plus the nodes joining two or more of them (the shared datasets of two papers, the
    steps of a path), with every relation between those.

    >>> from paperkg.queries.examples import tiny_graph
    >>> sorted(result_subgraph(tiny_graph(), [{"paper": "paper:arxiv:2501.00001"}], {"paper": "paper:arxiv:2501.00002"}).nx)[:3]
    ['data:cifar10', 'method:samlite', 'paper:arxiv:2501.00001']
    """
    named = named_nodes(kg, rows, bound)
    touches: Counter = Counter()
    for node in named:
        for other in {*kg.nx.successors(node), *kg.nx.predecessors(node)}:
            if other not in named and not is_auxiliary(kg.nx.nodes[other]):
                touches[other] += 1
    joining = [n for n, c in sorted(touches.items(), key=lambda x: (-x[1], x[0])) if c >= 2][:MAX_JOINING]
    return KnowledgeGraph(kg.nx.subgraph([*named, *joining]).copy(), meta=dict(kg.meta))


def result_subgraph_from(db, rows: list[dict], bound: dict[str, Any]) -> KnowledgeGraph:
    """:func:`result_subgraph` from an open graph database: the named nodes' neighbourhood is read, then the
    chosen nodes with every relation between them (the same graph, without loading the whole file)."""
    from paperkg.queries.reads import Hop, around, induced

    values = [*bound.values(), *(v for row in rows for v in row.values())]
    strings = list(dict.fromkeys(item for value in values for item in (value if isinstance(value, list) else [value])
                                 if isinstance(item, str)))
    existing = db.labels_of(strings)
    named = [s for s in strings if s in existing]
    near = around(db, named, (Hop(),))
    chosen = list(result_subgraph(near, rows, bound).nx)
    return induced(db, chosen, full=chosen)
