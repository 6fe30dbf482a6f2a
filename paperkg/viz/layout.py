"""A starting layout computed in Python, so the browser's physics only has to relax it.

Force-directed layout from random positions costs vis-network hundreds of iterations (tens of
milliseconds each at 2,000 nodes); starting from this seed it looks settled after a few dozen.
Nodes are placed in rank order (most connected first): a node with placed neighbours goes near
their centre, any other on a golden-angle spiral, so hubs spread out and their papers gather round.
"""

from __future__ import annotations

import math
import random

from paperkg.viz.select import neighbours

SPACING = 70.0   # about vis-network's spring length: distance between neighbouring hubs on the spiral
JITTER = 55.0    # how far from its neighbours' centre a node lands
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def seed_layout(kg, ranked_ids: list[str], seed: int = 7) -> dict[str, tuple[float, float]]:
    """``{node id: (x, y)}`` for ``ranked_ids`` (most connected first), deterministic for a given graph."""
    rng = random.Random(seed)
    kept = set(ranked_ids)
    placed: dict[str, tuple[float, float]] = {}
    spiral = 0
    for node in ranked_ids:
        near = [placed[n] for n in neighbours(kg, node) if n in placed]
        if near:
            cx = sum(p[0] for p in near) / len(near)
            cy = sum(p[1] for p in near) / len(near)
            angle = rng.uniform(0, 2 * math.pi)
            radius = JITTER * (0.5 + rng.random()) * (1.0 if len(near) == 1 else 0.6)
            placed[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        else:
            unplaced_links = sum(1 for n in neighbours(kg, node) if n in kept)
            radius = SPACING * 1.6 * math.sqrt(spiral + 0.5) * (1.0 if unplaced_links else 1.15)
            placed[node] = (radius * math.cos(spiral * GOLDEN_ANGLE), radius * math.sin(spiral * GOLDEN_ANGLE))
            spiral += 1
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in placed.items()}
