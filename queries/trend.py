"""How often a dataset, method, task or metric is named over time."""

from __future__ import annotations

from collections import Counter
from typing import Any

from paperkg.graph.schema import Label
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.catalogue import Arg, Query, register
from paperkg.queries.common import ANY, ENTITY_ARG, is_paper
from paperkg.queries.filters import PaperFilter, cypher_date, cypher_filter, paper_date
from paperkg.queries.reads import Around, Hop


def trend(kg: KnowledgeGraph, name: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Papers per month (``YYYY-MM``) linked to the entity ``name``, for papers whose month is known
    (a Daily Papers date such as ``"Mar 11"`` has no year, so those papers are not counted).

    >>> from paperkg.queries.examples import tiny_graph
    >>> trend(tiny_graph(), "data:cifar10")
    [{'month': '2025-01', 'papers': 1}, {'month': '2025-02', 'papers': 1}]
    """
    months: Counter = Counter()
    for paper in set(kg.nx.predecessors(name)):
        attrs = kg.nx.nodes[paper]
        if is_paper(kg, paper) and where(attrs):
            date = paper_date(attrs)
            if date and len(date) >= 7:
                months[date[:7]] += 1
    return [{"month": m, "papers": n} for m, n in sorted(months.items())]


register(Query(
    name="trend",
    help="papers per month naming a dataset, method, task or metric (where dates are known)",
    example="paperkg query trend LoRA --since 2025-01",
    args=(Arg("name", "dataset, benchmark, method, task or metric: name, alias or id", labels=ENTITY_ARG),),
    columns=("month", "papers"),
    networkx=trend,
    reads=Around(("name",), (Hop(None, "in"),)),
    order=lambda r: r["month"],
    limit=0,
    by_month=True,
    cypher=f"""
MATCH (p:{Label.PAPER})-->(e {{id: $name}})
WHERE {cypher_filter('p')}
WITH DISTINCT p
WITH {cypher_date('p')} AS date
WHERE size(date) >= 7
RETURN substring(date, 0, 7) AS month, count(*) AS papers
ORDER BY month LIMIT $limit""",
))
