"""What a catalogue query reads of the graph, so the command line loads only that from the graph database.

Each ``Query`` declares ``reads``: :class:`Around` (the neighbourhood of its node arguments, hop by hop over
some relation types), :class:`Relations` (corpus-wide: every relation of some types and the nodes they
join), :class:`NamesContaining` (nodes whose names hold a text) or :class:`Between` (the region a shortest
path between two nodes lies in). :func:`load_reads` turns a declaration into a partial ``KnowledgeGraph``
on which the query's own NetworkX function gives the rows it gives on the whole graph (a property test
holds them equal). A query that declares nothing reads the whole graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Union

from paperkg.graph.schema import AUXILIARY_LABELS, Label, Rel
from paperkg.queries.filters import PaperFilter


@dataclass(frozen=True)
class Hop:
    """One step out from the nodes reached so far: their relations of ``rels`` (``None``: every type),
    ``direction`` ``"out"``, ``"in"`` or ``"both"``."""

    rels: tuple[Rel, ...] | None = None
    direction: str = "both"


@dataclass(frozen=True)
class Around:
    """The nodes named by the arguments ``args`` and ``hops`` steps out from them. Reached nodes get their
    light attributes (no abstracts or paper lists), the arguments' nodes all of theirs; ``full``: all for
    every node (``paperkg show`` prints sentences from the neighbours' abstracts)."""

    args: tuple[str, ...]
    hops: tuple[Hop, ...]
    full: bool = False


@dataclass(frozen=True)
class Relations:
    """Every relation of the types ``rels`` and the nodes they join (light attributes): corpus-wide queries.
    ``props``: with the relations' properties (most corpus-wide queries only count relations)."""

    rels: tuple[Rel, ...]
    props: bool = False


@dataclass(frozen=True)
class NamesContaining:
    """The nodes whose name, title or an alias contains the argument ``arg`` (no relations)."""

    arg: str


@dataclass(frozen=True)
class Between:
    """Every node a shortest path from ``source`` to ``target`` may pass through (the path query's own
    two-ended search, run on the database) and the relations among them. ``all_nodes``: the argument that
    lets paths through authors and results."""

    source: str
    target: str
    all_nodes: str = "all_nodes"
    max_length: int = 8


Reads = Union[Around, Relations, NamesContaining, Between]
#: A query's declaration: one of the above, or a function of its bound arguments giving one.
ReadsSpec = Union[Reads, Callable[[dict[str, Any]], Reads], None]


def passable(attrs: dict[str, Any], where: PaperFilter, all_nodes: bool) -> bool:
    """Whether a path may pass through a node: not an author or result (unless ``all_nodes``), and a paper
    only when it passes ``where``."""
    if not all_nodes and attrs.get("label") in {str(label) for label in AUXILIARY_LABELS}:
        return False
    return attrs.get("label") != str(Label.PAPER) or where(attrs)


def declared(spec: ReadsSpec, values: dict[str, Any]) -> Reads | None:
    """The declaration for these bound argument values."""
    return spec(values) if callable(spec) else spec


def load_reads(db, reads: Reads | None, values: dict[str, Any], where: PaperFilter):
    """The partial ``KnowledgeGraph`` ``reads`` declares, from the open ``GraphDatabase`` ``db`` (the whole
    graph when ``reads`` is ``None``)."""
    if reads is None:
        return db.whole()
    if isinstance(reads, Around):
        return around(db, [values[a] for a in reads.args if values.get(a) is not None], reads.hops, reads.full)
    if isinstance(reads, Relations):
        return corpus_wide(db, reads.rels, reads.props)
    if isinstance(reads, NamesContaining):
        return db.subgraph(db.names_containing(str(values[reads.arg])), (), light=True)
    if isinstance(reads, Between):
        region = between(db, values[reads.source], values[reads.target], where,
                         bool(values.get(reads.all_nodes)), reads.max_length)
        return induced(db, region, full=(values[reads.source], values[reads.target]))
    raise TypeError(f"unknown declaration {reads!r}")


def corpus_wide(db, rels: Iterable[Rel], props: bool):
    """Every relation of the ``rels`` types and the nodes at their ends (light attributes)."""
    from paperkg.graph.store import KnowledgeGraph, fill, paused_gc

    kg = KnowledgeGraph(meta=db.meta)
    with paused_gc():
        relations = db.relations_typed(rels, props)
        ends = dict.fromkeys(n for u, v, _, _ in relations for n in (u, v))
        fill(kg.nx, db.nodes_in_order(ends), ((u, v, k, {**p, "type": k}) for u, v, k, p in relations))
    return kg


def around(db, start: Iterable[str], hops: Iterable[Hop], full: bool = False):
    """The nodes ``start``, the relations ``hops`` steps out from them and the nodes those reach."""
    start = list(dict.fromkeys(start))
    seen, frontier = set(start), list(start)
    relations: dict[tuple[str, str, str], dict] = {}
    for hop in hops:
        found = db.relations(frontier, None if hop.rels is None else [str(r) for r in hop.rels], hop.direction)
        reached = []
        for u, v, k, p in found:
            relations[(u, v, k)] = p
            for n in (u, v):
                if n not in seen:
                    seen.add(n)
                    reached.append(n)
        frontier = reached
    rels = [(u, v, k, p) for (u, v, k), p in relations.items()]
    if full:
        return db.subgraph(start, rels)
    return db.subgraph(start, rels, light_ids=seen)


def induced(db, ids: Iterable[str], full: Iterable[str] = ()):
    """The nodes ``ids`` with every relation between two of them (``full``: nodes given all attributes)."""
    ids = set(ids)
    rels = [r for r in db.relations(ids, direction="out") if r[1] in ids]
    return db.subgraph(full, rels, light_ids=ids)


def between(db, source: str, target: str, where: PaperFilter, all_nodes: bool, max_length: int) -> set[str]:
    """The nodes two breadth-first searches (from ``source`` and ``target``, the smaller side a level at a
    time, as ``path`` searches) visit until they meet: every node of every shortest path is among them."""
    if source == target:
        return {source}
    dist = ({source: 0}, {target: 0})
    frontier = [[source], [target]]
    levels = [0, 0]
    while frontier[0] and frontier[1] and sum(levels) < max_length:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        mine, other = dist[side], dist[1 - side]
        levels[side] += 1
        adjacent = db.neighbours(frontier[side])
        new = {n for node in frontier[side] for n in adjacent.get(node, ()) if n not in mine}
        attrs = db.nodes(new - {source, target}, light=True)
        reached = sorted(n for n in new if n in (source, target) or passable(attrs.get(n, {}), where, all_nodes))
        for n in reached:
            mine[n] = levels[side]
        frontier[side] = reached
        if any(n in other for n in reached):
            break
    return set(dist[0]) | set(dist[1])
