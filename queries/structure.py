"""Questions about the graph's shape: how two things connect, and which groups of papers hang together."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.catalogue import Arg, Query, register
from paperkg.queries.common import ALL_NODES, ANY, ENTITY_RELS, node_attrs, title
from paperkg.queries.filters import PaperFilter, cypher_filter
from paperkg.queries.reads import Between, Relations, passable

#: Longest path ``path`` looks for (both backends), in relations.
MAX_PATH = 8
#: Seed of the Louvain method, so communities are the same on every run.
LOUVAIN_SEED = 42


def _passable(kg: KnowledgeGraph, node: str, where: PaperFilter, all_nodes: bool) -> bool:
    return passable(kg.nx._node[node], where, all_nodes)


def path(kg: KnowledgeGraph, source: str, target: str, all_nodes: bool = False, *,
         where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """A shortest path from ``source`` to ``target`` ignoring directions, one row per step.

    Of all shortest paths it takes the one whose node ids come first in order (then relation types),
    so every backend names the same path. Authors and results are not walked through unless
    ``all_nodes``; papers failing ``where`` are not either. No path within MAX_PATH steps: no rows.
    The search runs from both ends (``_meet``), then walks the shortest paths from the source.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["source_name"], r["relation"], r["direction"], r["target_name"])
    ...  for r in path(tiny_graph(), "data:cifar100", "method:samlite")]
    [('CIFAR-100', 'EVALUATES_ON', '<-', 'Sharpness-Aware Minimization Made Cheap'), ('Sharpness-Aware Minimization Made Cheap', 'PROPOSES', '->', 'SAM-Lite')]
    """
    graph = kg.nx
    if source == target:
        return []

    def neighbours(node: str):
        return (n for n in {*graph.successors(node), *graph.predecessors(node)}
                if n in (source, target) or _passable(kg, n, where, all_nodes))

    found = _meet(neighbours, source, target)
    if found is None:
        return []
    length, from_source, from_target = found
    # nodes on the source's side that lie on a shortest path: back from where the two searches met
    on_path = {n for n, d in from_source.items() if from_target.get(n) == length - d}
    for level in range(max(from_source[n] for n in on_path), 0, -1):
        for node in [n for n in on_path if from_source[n] == level]:
            on_path.update(n for n in neighbours(node) if from_source.get(n) == level - 1)

    def next_step(n: str, step: int) -> bool:
        return from_target.get(n) == length - step or from_source.get(n) == step and n in on_path

    nodes = [source]
    for step in range(1, length + 1):  # the smallest id at each step: the path whose ids come first
        nodes.append(min(n for n in neighbours(nodes[-1]) if next_step(n, step)))
    rows = []
    for step, (a, b) in enumerate(zip(nodes, nodes[1:]), 1):
        rel, direction = min([(k, "->") for k in graph.get_edge_data(a, b, default={})]
                             + [(k, "<-") for k in graph.get_edge_data(b, a, default={})])
        rows.append({"step": step, "source": a, "source_name": _name(graph.nodes[a]), "relation": rel,
                     "direction": direction, "target": b, "target_name": _name(graph.nodes[b])})
    return rows


def _meet(neighbours, source: str, target: str):
    """Breadth-first from both ends, a whole level of the smaller side at a time, until they meet:
    (length, distances from the source, distances from the target), or None past MAX_PATH relations.
    Far fewer nodes are visited than from one end when some nodes have thousands of neighbours."""
    dist = ({source: 0}, {target: 0})
    frontier = [[source], [target]]
    levels = [0, 0]
    while frontier[0] and frontier[1] and sum(levels) < MAX_PATH:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        mine, other = dist[side], dist[1 - side]
        levels[side] += 1
        reached = []
        for node in frontier[side]:
            for n in neighbours(node):
                if n not in mine:
                    mine[n] = levels[side]
                    reached.append(n)
        frontier[side] = reached
        met = [mine[n] + other[n] for n in reached if n in other]
        if met:
            return min(met), dist[0], dist[1]
    return None


def _name(attrs: dict[str, Any]) -> str:
    return title(attrs) if attrs.get("label") == str(Label.PAPER) else attrs.get("name", "")


def _path_rows(records: list[dict], values: dict) -> list[dict]:
    """The first path Cypher found (they come ordered) as one row per step."""
    if not records:
        return []
    r = records[0]
    return [
        {"step": i + 1, "source": r["ids"][i], "source_name": r["names"][i], "relation": r["rels"][i],
         "direction": r["dirs"][i], "target": r["ids"][i + 1], "target_name": r["names"][i + 1]}
        for i in range(len(r["rels"]))
    ]


register(Query(
    name="path",
    help="a shortest chain of relations between any two nodes, each step named",
    example='paperkg query path NeuS "Gaussian Splatting"',
    args=(
        Arg("source", "first node: a name, alias, title or id", labels=ALL_NODES),
        Arg("target", "second node: a name, alias, title or id", labels=ALL_NODES),
        Arg("all_nodes", "also walk through authors and results", labels=(), default=False, type=bool),
    ),
    columns=("step", "source", "source_name", "relation", "direction", "target", "target_name"),
    networkx=path,
    reads=Between("source", "target", "all_nodes", MAX_PATH),
    order=lambda r: r["step"],
    cypher_limit=False,
    from_cypher=_path_rows,
    cypher=f"""
MATCH (a {{id: $source}})
MATCH (b {{id: $target}})
WHERE a <> b
MATCH route = allShortestPaths((a)-[*..{MAX_PATH}]-(b))
WHERE all(n IN nodes(route)[1..-1] WHERE ($all_nodes OR NOT (n:{Label.AUTHOR} OR n:{Label.RESULT}))
          AND (NOT n:{Label.PAPER} OR ({cypher_filter('n')})))
WITH route, [n IN nodes(route) | n.id] AS ids, [r IN relationships(route) | type(r)] AS rels,
     [i IN range(0, size(relationships(route)) - 1) |
        CASE WHEN startNode(relationships(route)[i]) = nodes(route)[i] THEN '->' ELSE '<-' END] AS dirs
RETURN ids, rels, dirs,
       [n IN nodes(route) | CASE WHEN n:{Label.PAPER} THEN coalesce(n.title, n.name) ELSE n.name END] AS names
ORDER BY ids, rels, dirs LIMIT 1""",
))


def communities(kg: KnowledgeGraph, *, where: PaperFilter = ANY, top: int = 5) -> list[dict[str, Any]]:
    """Groups of papers that share entities, found by the Louvain method (seeded, so stable), largest
    first, each with its most characteristic datasets and methods and its best-connected papers (titles and
    ids: ``paperkg query communities --html`` draws those papers and what joins them).

    The method sees papers and the entities at least two of them share (authors and results left out;
    an entity only one paper names cannot group papers, and dropping those leaves makes the graph several
    times smaller). ``nodes`` counts a community's papers and entities, its leaves included. An entity
    characterises a community by ``count * count / total``: how many of the community's papers use
    it, times the share of all its papers that are in the community.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["papers"], r["datasets"], r["methods"]) for r in communities(tiny_graph())]
    [(2, ['CIFAR-10'], ['SAM-Lite'])]
    """
    nodes = node_attrs(kg)
    paper, method, data = str(Label.PAPER), str(Label.METHOD), {str(Label.DATASET), str(Label.BENCHMARK)}
    keep = {node for node in nodes if _passable(kg, node, where, all_nodes=False)}
    links: dict[str, set[str]] = {}
    for a, targets in kg.nx._adj.items():
        if a in keep:
            for b in targets:
                if b != a and b in keep:
                    links.setdefault(a, set()).add(b)
                    links.setdefault(b, set()).add(a)
    leaves = {n: next(iter(ns)) for n, ns in links.items() if len(ns) == 1 and nodes[n].get("label") != paper}
    # Nodes and edges go in sorted, so the seeded method sees the same graph however the store was filled
    # (a graph read back from Neo4j lists them in another order).
    simple = nx.Graph()
    simple.add_nodes_from(sorted(n for n in links if n not in leaves))
    simple.add_edges_from(sorted((a, b) for a in simple for b in links[a] if a < b and b not in leaves))
    simple.remove_nodes_from([n for n in list(simple) if not simple[n]])
    groups = nx.community.louvain_communities(simple, seed=LOUVAIN_SEED)
    attached = Counter(owner for owner in leaves.values())
    total = {n: sum(1 for m in simple[n] if nodes[m]["label"] == paper) for n in simple}
    rows = []
    for group in groups:
        papers = sorted(n for n in group if nodes[n]["label"] == paper)
        if not papers:
            continue
        inside: Counter = Counter()
        for p in papers:
            inside.update(n for n in simple[p] if nodes[n]["label"] != paper)

        def best(kinds: set[str]) -> list[str]:
            ranked = sorted((n for n in inside if nodes[n]["label"] in kinds),
                            key=lambda n: (-inside[n] * inside[n] / total[n], nodes[n]["name"], n))
            return [nodes[n]["name"] for n in ranked[:top]]

        central = sorted(papers, key=lambda p: (-simple.degree(p), p))[:3]
        rows.append({"papers": len(papers), "nodes": len(group) + sum(attached[n] for n in group),
                     "datasets": best(data), "methods": best({method}),
                     "examples": [title(nodes[p]) for p in central], "example_ids": central, "first": papers[0]})
    rows.sort(key=lambda r: (-r["papers"], r["first"]))
    return [{"community": number, **{k: v for k, v in row.items() if k != "first"}}
            for number, row in enumerate(rows, 1)]


register(Query(
    name="communities",
    help="groups of papers that share entities (Louvain), with their characteristic datasets and methods",
    example="paperkg query communities --limit 10",
    columns=("community", "papers", "nodes", "datasets", "methods", "examples", "example_ids"),
    networkx=communities,
    reads=Relations((*ENTITY_RELS, Rel.CITES)),  # the relations between papers and entities (not auxiliaries)
    order=lambda r: r["community"],
    ranked_lists=("datasets", "methods", "examples", "example_ids"),
))
