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

    Without ``focus``: every node, authors and results after all others, then most connected first.
    With ``focus``: its neighbourhood within ``depth`` relations, nearest first. ``max_nodes``
    (``None`` or 0 = no limit) keeps the first that many.
    """
    if depth < 0:
        raise PaperkgError(f"--depth must be 0 or more, not {depth}")
    if max_nodes is not None and max_nodes < 0:
        raise PaperkgError(f"--max-nodes must be 0 (no limit) or more, not {max_nodes}")
    if focus is not None:
        start = resolve_focus(kg, focus)
        dist = distances(kg, start, depth)
    else:
        dist = dict.fromkeys(kg.nx, 0)
    labels = kg.nx.nodes
    weight_of = weights(kg, dist)

    def rank(node: str):
        return (dist[node], labels[node].get("label") in AUXILIARY, -weight_of[node], node)

    ranked = sorted(dist, key=rank)
    return ranked[:max_nodes] if max_nodes else ranked
