"""What the page says at a glance: the hubs whose names are always drawn, and communities named by their hubs.

A few hundred nodes read as a handful of groups ("ImageNet-1K · ViT", "LLM · reasoning") when the
densely linked ones are found (Louvain modularity, deterministic seed) and each group is named by
its best-connected entities; the page shades each group and draws its name.

>>> from paperkg.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(); kg.add_node("data:x", "Dataset", "X"); kg.add_node("task:t", "Task", "T")
>>> for p in "abc": kg.add_node(f"paper:{p}", "Paper", p.upper()); kg.add_edge(f"paper:{p}", "data:x", "EVALUATES_ON")
>>> kg.add_edge("paper:a", "task:t", "ADDRESSES")
>>> hubs(kg, list(kg.nx), {"data:x": 3, "task:t": 1})   # T is named by one paper only: no hub
['data:x']
"""

from __future__ import annotations

import networkx as nx
from networkx.algorithms.community import louvain_communities

from paperkg.graph.schema import Label
from paperkg.viz.select import neighbours

HUB_LABELS = 40    # nodes whose names the page draws at any zoom, most papers first
MIN_PAPERS = 2     # a hub is joined to at least this many papers
MIN_GROUP = 6      # smaller communities are not shaded nor named
MAX_GROUPS = 12    # named groups at most, largest first
NAME_PARTS = 2     # entities named in a group's name


def hubs(kg, node_ids, papers: dict[str, int], *, focus: str | None = None, limit: int = HUB_LABELS) -> list[str]:
    """The nodes whose names are always drawn: ``focus`` first, then the nodes joined to the most papers.

    Entities come before papers at equal counts (a paper's count is its citation links, so a much-cited
    paper still makes it); a node joined to fewer than ``MIN_PAPERS`` papers is no hub.
    """
    labels = kg.nx.nodes
    ranked = sorted((n for n in node_ids if n != focus and papers.get(n, 0) >= MIN_PAPERS),
                    key=lambda n: (-papers[n], labels[n].get("label") == Label.PAPER, n))
    return ([focus] if focus is not None else []) + ranked[: limit - (focus is not None)]


def communities(kg, node_ids) -> list[list[str]]:
    """Louvain communities of ``node_ids`` (relations taken both ways), largest first; deterministic."""
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    keep = set(node_ids)
    graph.add_edges_from((u, v) for u, v in kg.nx.out_edges(node_ids) if v in keep and u != v)
    if graph.number_of_edges() == 0:
        return []
    parts = louvain_communities(graph, seed=7)
    return sorted((sorted(part) for part in parts), key=lambda part: (-len(part), part[0]))


def named_groups(kg, node_ids, papers: dict[str, int], names: dict[str, str]) -> tuple[list[dict], dict[str, int]]:
    """The communities big enough to name: ``([{"name", "size"}, ...], {node id: group index})``.

    A group is named by its ``NAME_PARTS`` most characteristic entities, as the ``communities`` query
    ranks them: how many of the group's papers name it, times the share of all its papers that are in
    the group (``accuracy``, named everywhere, names no group). ``names`` gives each node's drawn name;
    a group without entities is named by its most linked papers.
    """
    labels = kg.nx.nodes
    groups, member_of = [], {}
    for part in communities(kg, node_ids):
        if len(part) < MIN_GROUP or len(groups) == MAX_GROUPS:
            break
        members = set(part)
        inside = {n: sum(1 for m in neighbours(kg, n) if m in members and labels[m].get("label") == Label.PAPER)
                  for n in part}

        def rank(n):
            if labels[n].get("label") == Label.PAPER:
                return (1, -papers.get(n, 0), n)
            return (0, -inside[n] * inside[n] / max(papers.get(n, 0), 1), -papers.get(n, 0), n)

        ranked = sorted(part, key=rank)
        groups.append({"name": " \u00b7 ".join(names[n] for n in ranked[:NAME_PARTS]), "size": len(part)})
        member_of.update((n, len(groups) - 1) for n in part)
    return groups, member_of
