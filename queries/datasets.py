"""Questions about datasets and benchmarks: who shares them, who uses them, what was reported on them."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from itertools import combinations
from typing import Any

from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.catalogue import SORT_DIGITS, Arg, Query, register, score_key
from paperkg.queries.common import (ANY, DATA, PAPER, PAPER_LABEL, USES_DATA, incoming, labels, linked, node_attrs,
                                    papers_of, rels, title, title_of)
from paperkg.queries.filters import PaperFilter, cypher_filter
from paperkg.queries.reads import Around, Hop, Relations

_USES = rels(*USES_DATA)
_DATA = labels(*DATA)


def dataset_users(kg: KnowledgeGraph, where: PaperFilter = ANY) -> dict[str, set[str]]:
    """Dataset or benchmark id -> the papers (passing ``where``) that evaluate on it or introduce it."""
    users: dict[str, set[str]] = defaultdict(set)
    nodes = node_attrs(kg)
    filtered = bool(where)  # asked once, not per relation
    for paper, data, _ in incoming(kg, DATA, USES_DATA):
        if not filtered or where(nodes[paper]):
            users[data].add(paper)
    return users


def dataset_weights(users: dict[str, set[str]]) -> dict[str, float]:
    """How much sharing each dataset says, as idf does for words: ``log(1 + N / n)``, where N papers use any
    dataset or benchmark and n of them use this one. Sharing a benchmark two papers use says more than
    sharing ImageNet.

    >>> weights = dataset_weights({"data:rare": {"p1", "p2"}, "data:hub": {"p1", "p2", "p3", "p4"}})
    >>> {d: round(w, 3) for d, w in weights.items()}
    {'data:rare': 1.099, 'data:hub': 0.693}
    """
    papers = len(set().union(*users.values())) if users else 0
    return {data: math.log1p(papers / len(members)) for data, members in users.items()}


def shared_datasets(kg: KnowledgeGraph, min_shared: int = 1, *, where: PaperFilter = ANY,
                    limit: int | None = None) -> list[dict[str, Any]]:
    """Pairs of papers sharing at least ``min_shared`` datasets or benchmarks, the most informative first:
    ``score`` adds the weight of each shared dataset (:func:`dataset_weights`, inverse paper frequency), so
    two papers on the same rare benchmark rank above two papers that both use ImageNet.

    Pairs are scored in NumPy over paper indices (one pair per two users of a dataset) and only the
    ``limit`` best become rows; with ``min_shared`` above 1 only papers using that many take part.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["shared"], round(r["score"], 3), r["datasets"]) for r in shared_datasets(tiny_graph())]
    [(1, 0.693, ['CIFAR-10'])]
    """
    users = dataset_users(kg, where)
    weights = dataset_weights(users)
    used: dict[str, set[str]] = defaultdict(set)
    for data, members in users.items():
        for paper in members:
            used[paper].add(data)
    nodes = node_attrs(kg)
    rows = []
    for a, b, count, score in zip(*_score_pairs(users, used, weights, max(1, min_shared), limit)):
        rows.append({
            "paper_a": a, "title_a": title(nodes[a]), "paper_b": b, "title_b": title(nodes[b]),
            "shared": count, "score": score, "datasets": sorted(nodes[d]["name"] for d in used[a] & used[b]),
        })
    return rows


def _score_pairs(users: dict[str, set[str]], used: dict[str, set[str]], weights: dict[str, float], least: int,
                 limit: int | None):
    """``(papers_a, papers_b, counts, scores)`` of the pairs sharing at least ``least`` datasets, in answer
    order (best score first, then most shared, then by ids), the first ``limit`` of them (all when None)."""
    import numpy as np

    papers = sorted(p for p, data in used.items() if len(data) >= least)
    index = {p: i for i, p in enumerate(papers)}
    n = len(papers)
    codes, scores = [], []
    for data, members in users.items():
        idx = np.array(sorted(index[p] for p in members if p in index), dtype=np.int64)
        if len(idx) > 1:
            a, b = np.triu_indices(len(idx), 1)
            codes.append(idx[a] * n + idx[b])
            scores.append(np.full(len(a), weights[data]))
    if not codes:
        return [], [], [], []
    pairs, inverse = np.unique(np.concatenate(codes), return_inverse=True)
    counts = np.bincount(inverse)
    totals = np.bincount(inverse, weights=np.concatenate(scores))
    keep = counts >= least
    pairs, counts, totals = pairs[keep], counts[keep], totals[keep]
    order = np.lexsort((pairs, -counts, -np.round(totals, SORT_DIGITS)))[:limit or None]
    pairs, counts, totals = pairs[order].tolist(), counts[order].tolist(), totals[order].tolist()
    return [papers[c // n] for c in pairs], [papers[c % n] for c in pairs], counts, totals


register(Query(
    name="shared-datasets",
    help="pairs of papers sharing at least N (default 1) datasets or benchmarks, most informative first: each "
         "shared one weighs log(1 + papers / its papers), inverse paper frequency as in idf, so a rare "
         "benchmark outweighs ImageNet",
    example="paperkg query shared-datasets --limit 20",
    args=(Arg("min_shared", "least number of shared datasets (default 1)", labels=(), default=1, type=int,
              flag="--min"),),
    columns=("paper_a", "title_a", "paper_b", "title_b", "shared", "score", "datasets"),
    networkx=shared_datasets,
    reads=Relations(USES_DATA),
    order=lambda r: (-score_key(r["score"]), -r["shared"], r["paper_a"], r["paper_b"]),
    cypher_limit=False,  # float scores: the cut is made after rounding, as in Python
    cypher=f"""
MATCH (p:{Label.PAPER})-[:{_USES}]->(:{_DATA})
WHERE {cypher_filter('p')}
WITH count(DISTINCT p) AS papers
MATCH (p:{Label.PAPER})-[:{_USES}]->(d:{_DATA})
WHERE {cypher_filter('p')}
WITH papers, d, count(DISTINCT p) AS users
WITH d, log(1.0 + toFloat(papers) / users) AS weight
MATCH (a:{Label.PAPER})-[:{_USES}]->(d)<-[:{_USES}]-(b:{Label.PAPER})
WHERE a.id < b.id AND {cypher_filter('a')} AND {cypher_filter('b')}
WITH DISTINCT a, b, d, weight
WITH a, b, collect(d.name) AS datasets, count(d) AS shared, sum(weight) AS score
WHERE shared >= $min_shared
RETURN a.id AS paper_a, {title_of('a')} AS title_a, b.id AS paper_b, {title_of('b')} AS title_b,
       shared, score, datasets
ORDER BY score DESC, shared DESC, paper_a, paper_b LIMIT $limit""",
))


def papers_using(kg: KnowledgeGraph, dataset: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Papers that evaluate on (or introduce) ``dataset``, by paper id, with how they use it.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [r["relations"] for r in papers_using(tiny_graph(), "data:cifar10")]
    [['EVALUATES_ON'], ['EVALUATES_ON']]
    """
    found = papers_of(kg, dataset, USES_DATA, where)
    return [
        {"paper": p, "title": title(kg.nx.nodes[p]), "date": kg.nx.nodes[p].get("date"), "relations": sorted(how)}
        for p, how in sorted(found.items())
    ]


register(Query(
    name="papers-using",
    help="papers that evaluate on or introduce a dataset or benchmark",
    example="paperkg query papers-using CIFAR-10 --since 2025-01",
    args=(Arg("dataset", "dataset or benchmark name, alias or id", labels=DATA),),
    columns=("paper", "title", "date", "relations"),
    networkx=papers_using,
    reads=Around(("dataset",), (Hop(USES_DATA, "in"),)),
    order=lambda r: r["paper"],
    cypher=f"""
MATCH (p:{Label.PAPER})-[r:{_USES}]->(d:{_DATA} {{id: $dataset}})
WHERE {cypher_filter('p')}
WITH p, collect(DISTINCT type(r)) AS relations
RETURN p.id AS paper, {title_of('p')} AS title, p.date AS date, relations
ORDER BY paper LIMIT $limit""",
))


def datasets_of(kg: KnowledgeGraph, paper: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Datasets and benchmarks ``paper`` evaluates on or introduces, by id.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["name"], r["relations"]) for r in datasets_of(tiny_graph(), "paper:arxiv:2501.00002")]
    [('CIFAR-10', ['EVALUATES_ON']), ('CIFAR-100', ['EVALUATES_ON'])]
    """
    found: dict[str, set[str]] = defaultdict(set)
    for data, key, _ in linked(kg, paper, USES_DATA, incoming=False):
        found[data].add(key)
    return [
        {"dataset": d, "name": kg.nx.nodes[d]["name"], "label": kg.nx.nodes[d]["label"], "relations": sorted(how)}
        for d, how in sorted(found.items())
    ]


register(Query(
    name="datasets-of",
    help="datasets and benchmarks a paper evaluates on or introduces",
    example='paperkg query datasets-of "Wide Residual Networks Revisited"',
    args=(Arg("paper", "paper title, key or id", labels=PAPER),),
    columns=("dataset", "name", "label", "relations"),
    networkx=datasets_of,
    reads=Around(("paper",), (Hop(USES_DATA, "out"),)),
    order=lambda r: r["dataset"],
    filtered=False,
    cypher=f"""
MATCH (p:{Label.PAPER} {{id: $paper}})-[r:{_USES}]->(d:{_DATA})
WITH d, collect(DISTINCT type(r)) AS relations
RETURN d.id AS dataset, d.name AS name,
       CASE WHEN d:{Label.BENCHMARK} THEN '{Label.BENCHMARK}' ELSE '{Label.DATASET}' END AS label, relations
ORDER BY dataset LIMIT $limit""",
))


def methods_on(kg: KnowledgeGraph, dataset: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Methods evaluated on ``dataset``: every result reported on it, and each method proposed by a paper
    using it (without a metric and value when that paper states no result for it there).

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["name"], r["metric"], r["value"]) for r in methods_on(tiny_graph(), "data:cifar10")]
    [('SAM-Lite', 'accuracy', '97.1%'), ('WRN-Revisit', None, None)]
    """
    graph = kg.nx
    rows, stated = [], set()
    for result, _, _ in linked(kg, dataset, (Rel.RESULT_ON,), incoming=True):
        papers = [p for p, _, _ in linked(kg, result, (Rel.HAS_RESULT,), incoming=True)]
        methods = [m for m, _, _ in linked(kg, result, (Rel.RESULT_OF,), incoming=False)]
        metrics = [m for m, _, _ in linked(kg, result, (Rel.MEASURED_BY,), incoming=False)]
        for paper in papers:
            if not where(graph.nodes[paper]):
                continue
            method = methods[0] if methods else None
            stated.add((paper, method))
            rows.append({
                "method": method, "name": graph.nodes[method]["name"] if method else None, "paper": paper,
                "metric": graph.nodes[metrics[0]]["name"] if metrics else graph.nodes[result].get("metric"),
                "value": graph.nodes[result].get("value"),
            })
    for paper in papers_of(kg, dataset, USES_DATA, where):
        for method, _, _ in linked(kg, paper, (Rel.PROPOSES,), incoming=False):
            if (paper, method) not in stated:
                rows.append({"method": method, "name": graph.nodes[method]["name"], "paper": paper,
                             "metric": None, "value": None})
    return sorted(rows, key=_methods_on_order)


def _methods_on_order(r: dict) -> tuple:
    return (r["method"] or "", r["paper"], r["metric"] or "", r["value"] or "")


register(Query(
    name="methods-on",
    help="methods evaluated on a dataset or benchmark, with the results papers report on it",
    example="paperkg query methods-on ImageNet",
    args=(Arg("dataset", "dataset or benchmark name, alias or id", labels=DATA),),
    columns=("method", "name", "paper", "metric", "value"),
    networkx=methods_on,
    # its results and the papers using it, then their papers, methods and metrics and those papers' methods
    reads=Around(("dataset",), (Hop((Rel.RESULT_ON, *USES_DATA), "in"),
                                Hop((Rel.HAS_RESULT, Rel.RESULT_OF, Rel.MEASURED_BY, Rel.PROPOSES)))),
    order=_methods_on_order,
    # No CALL subquery (the unscoped form is deprecated since Neo4j 5.23, the scoped one needs 5.23): the stated
    # results as a list, then the proposed methods without one, collected into a second list.
    cypher=f"""
MATCH (d:{_DATA} {{id: $dataset}})
WITH d, [(d)<-[:{Rel.RESULT_ON}]-(r:{Label.RESULT})<-[:{Rel.HAS_RESULT}]-(p:{Label.PAPER}) WHERE {cypher_filter('p')}
         | {{paper: p.id, method: head([(r)-[:{Rel.RESULT_OF}]->(m:{Label.METHOD}) | m]),
            metric: coalesce(head([(r)-[:{Rel.MEASURED_BY}]->(x:{Label.METRIC}) | x.name]), r.metric),
            value: r.value}}] AS stated
OPTIONAL MATCH (d)<-[:{_USES}]-(p:{Label.PAPER})-[:{Rel.PROPOSES}]->(m:{Label.METHOD})
WHERE {cypher_filter('p')}
  AND NOT EXISTS {{ MATCH (p)-[:{Rel.HAS_RESULT}]->(r:{Label.RESULT})-[:{Rel.RESULT_ON}]->(d),
                          (r)-[:{Rel.RESULT_OF}]->(m) }}
WITH stated, collect(DISTINCT CASE WHEN m IS NOT NULL THEN {{paper: p.id, method: m}} END) AS proposed
UNWIND stated + proposed AS row
WITH row.method AS m, row.paper AS paper, row.metric AS metric, row.value AS value
RETURN m.id AS method, m.name AS name, paper, metric, value
ORDER BY coalesce(method, ''), paper, coalesce(metric, ''), coalesce(value, '') LIMIT $limit""",
))


def top_entities(kg: KnowledgeGraph, labels_: tuple[Label, ...], rels_: tuple[Rel, ...],
                 where: PaperFilter = ANY, limit: int | None = None) -> list[dict[str, Any]]:
    """Entities with these labels ranked by the number of papers (passing ``where``) linked by ``rels_``;
    the ``limit`` first only, when given."""
    papers: dict[str, set[str]] = defaultdict(set)
    nodes = node_attrs(kg)
    filtered = bool(where)  # asked once, not per relation (130k times for top-methods at 75k papers)
    for paper, entity, _ in incoming(kg, labels_, rels_):
        attrs = nodes[paper]
        if attrs.get("label") == PAPER_LABEL and (not filtered or where(attrs)):
            papers[entity].add(paper)
    ranked = heapq.nsmallest(limit, papers, key=lambda e: (-len(papers[e]), e)) if limit else sorted(papers)
    return sorted(({"id": e, "name": nodes[e]["name"], "label": nodes[e]["label"], "papers": len(papers[e])}
                   for e in ranked), key=_top_order)


def _top_order(r: dict) -> tuple:
    return (-r["papers"], r["id"])


def _top_cypher(labels_: tuple[Label, ...], rels_: tuple[Rel, ...]) -> str:
    label = (f"CASE WHEN e:{Label.BENCHMARK} THEN '{Label.BENCHMARK}' ELSE '{Label.DATASET}' END"
             if labels_ == DATA else f"'{labels_[0]}'")
    return f"""
MATCH (p:{Label.PAPER})-[:{rels(*rels_)}]->(e:{labels(*labels_)})
WHERE {cypher_filter('p')}
WITH e, count(DISTINCT p) AS papers
RETURN e.id AS id, e.name AS name, {label} AS label, papers
ORDER BY papers DESC, id LIMIT $limit"""


def top_datasets(kg: KnowledgeGraph, *, where: PaperFilter = ANY, limit: int | None = None) -> list[dict[str, Any]]:
    """Datasets and benchmarks by the number of papers that evaluate on or introduce them.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["name"], r["papers"]) for r in top_datasets(tiny_graph())]
    [('CIFAR-10', 2), ('CIFAR-100', 1)]
    """
    return top_entities(kg, DATA, USES_DATA, where, limit)


def top_methods(kg: KnowledgeGraph, *, where: PaperFilter = ANY, limit: int | None = None) -> list[dict[str, Any]]:
    """Methods by the number of papers that propose or mention them.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["name"], r["papers"]) for r in top_methods(tiny_graph())]
    [('SAM-Lite', 2), ('WRN-Revisit', 1)]
    """
    return top_entities(kg, (Label.METHOD,), (Rel.PROPOSES, Rel.MENTIONS), where, limit)


def top_tasks(kg: KnowledgeGraph, *, where: PaperFilter = ANY, limit: int | None = None) -> list[dict[str, Any]]:
    """Tasks by the number of papers that address them.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["name"], r["papers"]) for r in top_tasks(tiny_graph())]
    [('image classification', 2)]
    """
    return top_entities(kg, (Label.TASK,), (Rel.ADDRESSES,), where, limit)


for _function, _labels, _rels, _what in (
    (top_datasets, DATA, USES_DATA, "datasets and benchmarks"),
    (top_methods, (Label.METHOD,), (Rel.PROPOSES, Rel.MENTIONS), "methods (proposed or mentioned)"),
    (top_tasks, (Label.TASK,), (Rel.ADDRESSES,), "tasks"),
):
    _name = _function.__name__.replace("_", "-")
    register(Query(
        name=_name,
        help=f"{_what} by number of papers",
        example=f"paperkg query {_name} --limit 20",
        columns=("id", "name", "label", "papers"),
        networkx=_function,
        reads=Relations(_rels),
        order=_top_order,
        cypher=_top_cypher(_labels, _rels),
    ))


def co_used_datasets(kg: KnowledgeGraph, min_papers: int = 1, *, where: PaperFilter = ANY,
                     limit: int | None = None) -> list[dict[str, Any]]:
    """Pairs of datasets or benchmarks used by the same papers, by number of papers.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["name_a"], r["name_b"], r["papers"]) for r in co_used_datasets(tiny_graph())]
    [('CIFAR-10', 'CIFAR-100', 1)]
    """
    used: dict[str, set[str]] = defaultdict(set)
    for data, members in dataset_users(kg, where).items():
        for paper in members:
            used[paper].add(data)
    together: dict[tuple[str, str], int] = defaultdict(int)
    for data in used.values():
        for pair in combinations(sorted(data), 2):
            together[pair] += 1
    names = node_attrs(kg)
    pairs = [(-n, a, b) for (a, b), n in together.items() if n >= min_papers]
    pairs = heapq.nsmallest(limit, pairs) if limit else sorted(pairs)
    return [{"dataset_a": a, "name_a": names[a]["name"], "dataset_b": b, "name_b": names[b]["name"], "papers": -n}
            for n, a, b in pairs]


def _co_used_order(r: dict) -> tuple:
    return (-r["papers"], r["dataset_a"], r["dataset_b"])


register(Query(
    name="co-used-datasets",
    help="pairs of datasets or benchmarks used together by the same papers",
    example="paperkg query co-used-datasets --min 2",
    args=(Arg("min_papers", "least number of papers using both (default 1)", labels=(), default=1, type=int, flag="--min"),),
    columns=("dataset_a", "name_a", "dataset_b", "name_b", "papers"),
    networkx=co_used_datasets,
    reads=Relations(USES_DATA),
    order=_co_used_order,
    cypher=f"""
MATCH (a:{_DATA})<-[:{_USES}]-(p:{Label.PAPER})-[:{_USES}]->(b:{_DATA})
WHERE a.id < b.id AND {cypher_filter('p')}
WITH a, b, count(DISTINCT p) AS papers WHERE papers >= $min_papers
RETURN a.id AS dataset_a, a.name AS name_a, b.id AS dataset_b, b.name AS name_b, papers
ORDER BY papers DESC, dataset_a, dataset_b LIMIT $limit""",
))
