"""The layout, computed in Python so the browser does not have to (it is slow at thousands of nodes).

Steps: a seed (nodes in rank order, most connected first: a node with placed neighbours goes near
their centre, any other on a golden-angle spiral); Fruchterman-Reingold iterations in numpy, with
ForceAtlas2's heavier hubs so their papers get room round them; small components pulled back next
to the main one. Pages of up to ``REFINE_NODES`` shown nodes are refined; beyond that the
repulsion (quadratic in nodes) would cost more than it brings and the browser relaxes the seed.

>>> from paperkg.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(); kg.add_node("a", "Paper", "A"); kg.add_node("b", "Task", "B"); kg.add_edge("a", "b", "ADDRESSES")
>>> sorted(layout(kg, ["a", "b"]))
['a', 'b']
"""

from __future__ import annotations

import math
import random

import numpy as np

from paperkg.viz.select import neighbours

SPACING = 70.0        # ideal distance between linked nodes (vis-network's canvas units)
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
REFINE_NODES = 3000   # refine layouts of up to this many shown nodes (the repulsion is quadratic)
ITERATIONS = 40
GRAVITY = 1.0         # pull towards the centre per unit of distance: packs components round the core
NEAREST = 45.0        # final scale: the median distance from a node to its nearest neighbour (label room)
GROUP_PULL = 5     # pull towards the centre of a node's community, per unit of distance: groups stay apart
BETWEEN_GROUPS = 0.3  # strength of a relation joining two communities, relative to one inside a community
BLOCK = 512           # rows of the pairwise repulsion computed at once (memory: BLOCK x n x 2 floats)


def seed_layout(kg, ranked_ids: list[str], placed: dict | None = None, seed: int = 7) -> dict[str, tuple[float, float]]:
    """``{node id: (x, y)}`` for ``ranked_ids`` (most connected first) added to ``placed``; deterministic."""
    rng = random.Random(seed)
    placed = dict(placed or {})
    spiral = 0
    for node in ranked_ids:
        near = [placed[n] for n in neighbours(kg, node) if n in placed]
        if near:
            cx = sum(p[0] for p in near) / len(near)
            cy = sum(p[1] for p in near) / len(near)
            angle = rng.uniform(0, 2 * math.pi)
            radius = SPACING * (0.4 + 0.8 * rng.random())
            placed[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        else:
            radius = SPACING * 1.6 * math.sqrt(spiral + 0.5)
            placed[node] = (radius * math.cos(spiral * GOLDEN_ANGLE), radius * math.sin(spiral * GOLDEN_ANGLE))
            spiral += 1
    return placed


def refine(positions: np.ndarray, edges: np.ndarray, iterations: int = ITERATIONS,
           groups: np.ndarray | None = None) -> np.ndarray:
    """Fruchterman-Reingold from ``positions`` (n x 2) with ``edges`` (m x 2 index pairs), plus gravity.

    ``groups`` (a community index per node, -1 for none) adds a pull towards each community's centre,
    so a community is drawn as one patch the page can shade and name.

    As in ForceAtlas2, a node's mass grows with its degree: hubs push harder (their papers get room
    round them) and move less. Forces are divided by the mass of the node they move, so node j pushes
    node i by k^2 m_j / d (float32, a block of rows at a time, in place: this loop is the cost).
    """
    x = positions[:, 0].astype(np.float32)
    y = positions[:, 1].astype(np.float32)
    n = len(x)
    if n < 3:
        return positions.astype(np.float64)
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.empty(0, int), np.empty(0, int))
    mass = (1.0 + np.sqrt(np.bincount(src, minlength=n) + np.bincount(dst, minlength=n))).astype(np.float32)
    push = (SPACING * SPACING * mass)[None, :]
    extent = float(max(np.ptp(x), np.ptp(y))) or SPACING
    dispx, dispy = np.empty_like(x), np.empty_like(y)
    grouped = in_group = None
    strength = np.float32(1.0)
    if groups is not None and (groups >= 0).any():
        in_group = groups >= 0
        grouped = groups[in_group]
        if len(src):  # a relation between two groups pulls less than one inside a group
            strength = np.where(groups[src] == groups[dst], 1.0, BETWEEN_GROUPS).astype(np.float32)
    for step in range(iterations):
        temperature = max(extent * 0.08 * (1 - step / iterations), SPACING * 0.05)
        for start in range(0, n, BLOCK):
            rows = slice(start, start + BLOCK)
            dx = x[rows, None] - x[None, :]
            dy = y[rows, None] - y[None, :]
            force = dx * dx
            force += dy * dy
            force += 1.0
            np.divide(push, force, out=force)  # k^2 m_j / d^2, times (dx, dy) below: k^2 m_j / d outwards
            dispx[rows] = (dx * force).sum(axis=1)
            dispy[rows] = (dy * force).sum(axis=1)
        if len(src):  # attraction d^2/k along each relation
            ex, ey = x[src] - x[dst], y[src] - y[dst]
            pull = np.sqrt(ex * ex + ey * ey) / SPACING * strength
            dispx -= (np.bincount(src, ex * pull, n) - np.bincount(dst, ex * pull, n)).astype(np.float32) / mass
            dispy -= (np.bincount(src, ey * pull, n) - np.bincount(dst, ey * pull, n)).astype(np.float32) / mass
        dispx -= x * GRAVITY  # keeps unlinked nodes and small components near the rest
        dispy -= y * GRAVITY
        if grouped is not None:
            members = np.maximum(np.bincount(grouped, minlength=1), 1)
            cx = (np.bincount(grouped, x[in_group]) / members).astype(np.float32)
            cy = (np.bincount(grouped, y[in_group]) / members).astype(np.float32)
            dispx[in_group] -= (x[in_group] - cx[grouped]) * GROUP_PULL
            dispy[in_group] -= (y[in_group] - cy[grouped]) * GROUP_PULL
        length = np.sqrt(dispx * dispx + dispy * dispy) + 1e-6
        scale = np.minimum(length, temperature) / length
        x += dispx * scale
        y += dispy * scale
    return np.column_stack([x, y]).astype(np.float64)


def nearest_distances(pos: np.ndarray) -> np.ndarray:
    """Distance from each point to its nearest other point."""
    out = np.empty(len(pos))
    for start in range(0, len(pos), BLOCK):
        block = pos[start:start + BLOCK]
        dist = np.hypot(block[:, None, 0] - pos[None, :, 0], block[:, None, 1] - pos[None, :, 1])
        dist[np.arange(len(block)), np.arange(start, start + len(block))] = np.inf
        out[start:start + BLOCK] = dist.min(axis=1)
    return out


def components(n: int, edges: np.ndarray) -> np.ndarray:
    """Connected-component id of each of ``n`` nodes (union-find over ``edges``)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges.tolist():
        parent[root(a)] = root(b)
    return np.array([root(i) for i in range(n)])


def gather(pos: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Bring small components that repulsion pushed far out back to just outside the main one."""
    comp = components(len(pos), edges)
    ids, sizes = np.unique(comp, return_counts=True)
    main = comp == ids[np.argmax(sizes)]
    centre = pos[main].mean(axis=0)
    reach = float(np.percentile(np.hypot(*(pos[main] - centre).T), 95)) + SPACING
    out = pos.copy()
    for cid in ids:
        members = comp == cid
        if np.array_equal(members, main):
            continue
        middle = pos[members].mean(axis=0)
        offset = middle - centre
        distance = float(np.hypot(*offset))
        if distance > reach:
            out[members] += offset * (reach / distance - 1)
    return out


def layout(kg, ranked_ids: list[str], hidden: set[str] = frozenset(),
           community: dict[str, int] | None = None) -> dict[str, tuple[float, float]]:
    """Positions for ``ranked_ids``: the shown nodes seeded and refined (when few enough; ``community``
    keeps each group together), then the ``hidden`` ones (types that start unticked) beside their
    neighbours, so they leave no holes."""
    shown = [n for n in ranked_ids if n not in hidden]
    placed = seed_layout(kg, shown)
    if 3 <= len(shown) <= REFINE_NODES:
        index = {node: i for i, node in enumerate(shown)}
        pairs = {(index[u], index[v]) for u in shown for v in kg.nx.succ[u] if v in index and v != u}
        edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
        groups = np.array([(community or {}).get(n, -1) for n in shown], dtype=np.int64)
        pos = gather(refine(np.array([placed[n] for n in shown]), edges, groups=groups), edges)
        pos *= NEAREST / (float(np.median(nearest_distances(pos))) or NEAREST)
        placed = {node: (float(pos[i, 0]), float(pos[i, 1])) for node, i in index.items()}
    placed = seed_layout(kg, [n for n in ranked_ids if n in hidden], placed)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in placed.items()}
