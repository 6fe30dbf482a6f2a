"""Which nodes go into the page: a neighbourhood of ``focus`` and at most ``max_nodes``, most connected first.

>>> from paperkg.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph()
>>> kg.add_node("paper:a", "Paper", "A"); kg.add_node("data:x", "Dataset", "X")
>>> kg.add_edge("paper:a", "data:x", "EVALUATES_ON")
>>> select_nodes(kg, focus="X", depth=1, max_nodes=10)
['data:x', 'paper:a']
"""

from __future__ import annotations

from collections import deque

from paperkg.errors import PaperkgError
from paperkg.graph.schema import AUXILIARY_LABELS

AUXILIARY = {str(label) for label in AUXILIARY_LABELS}


def neighbours(kg, node_id: str) -> set[str]:
    """Distinct nodes joined to ``node_id`` by a relation in either direction."""
    graph = kg.nx
    return set(graph.succ[node_id]) | set(graph.pred[node_id])


def auxiliary_nodes(kg) -> set[str]:
    """Ids of the author and result nodes."""
    return {n for n, label in kg.nx.nodes(data="label") if label in AUXILIARY}


def weight(kg, node_id: str, auxiliary: set[str] | None = None) -> int:
    """How connected a node is: its distinct neighbours that are not authors or results.

    For an entity this is the number of papers naming it; authors and results do not make a
    paper look important (a paper with 400 authors is not a hub).
    """
    return len(neighbours(kg, node_id) - (auxiliary_nodes(kg) if auxiliary is None else auxiliary))


def weights(kg, node_ids=None) -> dict[str, int]:
    """``weight`` of every node (or of ``node_ids``), with set operations in one pass."""
    auxiliary = auxiliary_nodes(kg)
    return {n: weight(kg, n, auxiliary) for n in (kg.nx if node_ids is None else node_ids)}


def resolve_focus(kg, focus: str) -> str:
    """The node id ``focus`` names: an id, or a name, alias or title (case and punctuation ignored)."""
    if focus in kg.nx:
        return focus
    found = kg.find(focus)
    if not found:
        raise PaperkgError(f"--focus {focus!r}: no node with that id, name or alias (try `paperkg show`)")
    if len(found) > 1:
        weight_of = weights(kg, found)
        found.sort(key=lambda n: (-weight_of[n], n))
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise PaperkgError(f"--focus {focus!r} names {len(found)} nodes ({shown}): give a node id")
    return found[0]


def distances(kg, start: str, depth: int) -> dict[str, int]:
    """Nodes within ``depth`` relations of ``start`` (either direction) -> their distance."""
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for other in neighbours(kg, node):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return seen


def select_nodes(kg, *, focus: str | None = None, depth: int = 1, max_nodes: int | None = None) -> list[str]:
    """Ids of the nodes to draw, in rank order.

    Without ``focus``: an overview (``overview``), authors and results after all others. With ``focus``:
    its neighbourhood within ``depth`` relations, nearest first, most connected first at each distance.
    ``max_nodes`` (``None`` or 0 = no limit) keeps the first that many.
    """
    if depth < 0:
        raise PaperkgError(f"--depth must be 0 or more, not {depth}")
    if max_nodes is not None and max_nodes < 0:
        raise PaperkgError(f"--max-nodes must be 0 (no limit) or more, not {max_nodes}")
    if focus is None:
        return overview(kg, max_nodes)
    dist = distances(kg, resolve_focus(kg, focus), depth)
    labels = kg.nx.nodes
    weight_of = weights(kg, dist)

    def rank(node: str):
        return (dist[node], labels[node].get("label") in AUXILIARY, -weight_of[node], node)

    ranked = sorted(dist, key=rank)
    return ranked[:max_nodes] if max_nodes else ranked


#: Share of an overview's budget given to the most connected entities; papers linking them fill the rest.
HUB_SHARE = 3


def overview(kg, max_nodes: int | None = None) -> list[str]:
    """The most connected entities (a third of ``max_nodes``), then the papers that link the most of them.

    Ranking every node by degree alone would, on a large corpus, keep only entities (each named by
    thousands of papers) and hardly any relation between them; papers joining the hubs draw the structure.
    Then the remaining entities and papers, most connected first; authors and results last.
    """
    labels = kg.nx.nodes
    auxiliary = auxiliary_nodes(kg)
    weight_of = weights(kg, [n for n in kg.nx if n not in auxiliary])
    by_weight = sorted(weight_of, key=lambda n: (-weight_of[n], n))
    entities = [n for n in by_weight if labels[n].get("label") != "Paper"]
    hubs = set(entities[: (max_nodes or len(entities)) // HUB_SHARE])
    papers = [n for n in by_weight if labels[n].get("label") == "Paper"]
    links = {p: len(neighbours(kg, p) & hubs) for p in papers}
    papers.sort(key=lambda p: (-links[p], -weight_of[p], p))
    ranked = [n for n in entities if n in hubs] + papers + [n for n in entities if n not in hubs]
    ranked += sorted(auxiliary, key=lambda n: (-weight(kg, n, auxiliary), n))
    return ranked[:max_nodes] if max_nodes else ranked
