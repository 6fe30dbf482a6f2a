"""The embedded graph: a NetworkX ``MultiDiGraph`` with the schema's attributes, saved as an indexed SQLite
database (``paperkg.graph.database``; the previous JSON format is still read, and converted).

Nodes are keyed by their ``id`` and carry ``label``, ``name`` and the label's properties from
``paperkg.graph.schema``. Edges are keyed by their relation type, so there is at most one relation
of a type between two nodes; its attributes hold ``type`` and the relation's properties.

>>> kg = KnowledgeGraph()
>>> kg.add_node("data:cifar10", Label.DATASET, "CIFAR-10", aliases=["CIFAR10"])
>>> kg.find("cifar10")
['data:cifar10']
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

import networkx as nx

from paperkg import __version__
from paperkg.errors import PaperkgError
from paperkg.graph.schema import SCHEMA_VERSION, Label, Rel
from paperkg.io import atomic_write

FILE_FORMAT = "paperkg-graph"


def lookup_key(text: str) -> str:
    """Case- and punctuation-blind form of a name, for lookups: ``"CIFAR-10"`` -> ``"cifar10"``; a ``+`` is
    part of the name (``LoRA+`` is not ``LoRA``)."""
    return re.sub(r"[\W_]+", "", text.casefold().replace("+", "plus"))


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large graph: it would rescan the millions of new
    dicts and lists over and over (half the build time at 24k papers) and finds no cycles among them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fill(graph: nx.MultiDiGraph, nodes: dict[str, dict[str, Any]],
         relations: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
    """Add ``nodes`` (id -> attributes) and then ``relations`` ``(source, target, type, attributes)`` to an
    empty ``graph``, writing its adjacency dicts directly: the same graph as ``add_nodes_from`` then
    ``add_edges_from`` (an end not among the nodes is added bare), at a fraction of their per-call cost
    (1.6 s of a cold ``top-methods`` at 75k papers). Relations are unique by ``(source, target, type)``."""
    node, succ, pred = graph._node, graph._succ, graph._pred
    node.update(nodes)
    for n in nodes:
        succ[n] = {}
        pred[n] = {}
    for u, v, k, attrs in relations:
        out = succ.get(u)
        if out is None:
            node[u], out, pred[u] = {}, {}, {}
            succ[u] = out
        if v not in succ:
            node[v], succ[v], pred[v] = {}, {}, {}
        keys = out.get(v)
        if keys is None:
            keys = out[v] = {}
            pred[v][u] = keys
        keys[k] = attrs


def _present(value: Any) -> bool:
    """Whether a property value is stored: ``None`` and empty lists are absent (Neo4j cannot tell them apart)."""
    return value is not None and not (isinstance(value, list) and not value)


class KnowledgeGraph:
    """The paperkg graph over a ``networkx.MultiDiGraph`` (``kg.nx``), the same API for both backends."""

    def __init__(self, graph: nx.MultiDiGraph | None = None, meta: dict[str, Any] | None = None):
        self.nx = graph if graph is not None else nx.MultiDiGraph()
        self.meta: dict[str, Any] = dict(meta or {})
        #: What a build keeps for a later ``build --add`` beside the graph (the graph file's ``tables``: the
        #: corpus's strong names); not part of the graph, so not compared, exported or read back by ``load``.
        self.tables: dict[str, dict[str, Any]] = {}
        #: Each paper's entities as resolution saw them (``{"key", "entities"}``, after the corpus pass), kept in
        #: the graph file's ``lines`` so an addition resolves old papers from what they said, not from their edges.
        self.kept_lines: list[dict[str, Any]] = []
        self._index: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        self._indexed_size = -1

    # -- building -----------------------------------------------------------------------------
    def add_node(self, node_id: str, label: Label | str, name: str, /, **props: Any) -> None:
        """Add or replace a node; absent property values (``None``, ``[]``) are left out."""
        label = label.value if isinstance(label, Label) else label
        self.nx.add_node(node_id, label=label, name=name, **{k: v for k, v in props.items() if _present(v)})
        self._index = None

    def add_edge(self, source: str, target: str, rel: Rel | str, /, **props: Any) -> None:
        """Add or replace the ``rel`` relation from ``source`` to ``target`` (a ``source`` property is allowed)."""
        rel = rel.value if isinstance(rel, Rel) else rel
        self.nx.add_edge(source, target, key=rel, type=rel, **{k: v for k, v in props.items() if _present(v)})

    # -- reading ------------------------------------------------------------------------------
    def node(self, node_id: str) -> dict[str, Any]:
        """The attributes of a node (with its ``id``)."""
        return {"id": node_id, **self.nx.nodes[node_id]}

    def nodes(self, label: Label | str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(id, attributes)`` of every node, or of those with ``label`` (indexed: no scan of the others)."""
        if label is None:
            yield from self.nx.nodes(data=True)
            return
        nodes = self.nx.nodes
        for node_id in self._indexes()[1].get(label.value if isinstance(label, Label) else label, ()):
            yield node_id, nodes[node_id]

    def _indexes(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Name/alias/title keys -> ids, and label -> ids; rebuilt when nodes were added or removed."""
        if self._index is None or self._indexed_size != self.nx.number_of_nodes():
            by_key: dict[str, list[str]] = {}
            by_label: dict[str, list[str]] = {}
            for node_id, attrs in self.nx.nodes(data=True):
                by_label.setdefault(attrs.get("label", ""), []).append(node_id)
                names = {attrs.get("name", ""), attrs.get("title", ""), *attrs.get("aliases", ())}
                for key in {lookup_key(n) for n in names if n}:
                    by_key.setdefault(key, []).append(node_id)
            self._index = (by_key, by_label)
            self._indexed_size = self.nx.number_of_nodes()
        return self._index

    def edges(self, rel: Rel | str | None = None) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """``(source, target, type, attributes)`` of every relation, or of those of type ``rel``."""
        want = None if rel is None else str(rel)
        for source, target, key, attrs in self.nx.edges(keys=True, data=True):
            if want is None or key == want:
                yield source, target, key, attrs

    def find(self, text: str, label: Label | str | None = None) -> list[str]:
        """Ids of nodes whose name, alias or title equals ``text`` ignoring case and punctuation."""
        ids = self._indexes()[0].get(lookup_key(text), [])
        want = None if label is None else str(label)
        return sorted(i for i in ids if want is None or self.nx.nodes[i]["label"] == want)

    def lookup(self, text: str, label: Label | str | None = None) -> list[str]:
        """Ids of the nodes ``text`` names: the node with that id (or paper key), else ``find(text, label)``."""
        for node_id in (text, f"paper:{text}"):
            if node_id in self.nx and (label is None or self.nx.nodes[node_id]["label"] == str(label)):
                return [node_id]
        return self.find(text, label)

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of nodes per label and of relations per type."""
        return {
            "nodes": dict(sorted(Counter(a["label"] for _, a in self.nx.nodes(data=True)).items())),
            "relations": dict(sorted(Counter(k for _, _, k in self.nx.edges(keys=True)).items())),
        }

    def __eq__(self, other: object) -> bool:
        """Same nodes, relations and attributes (order ignored) and same ``meta``."""
        if not isinstance(other, KnowledgeGraph):
            return NotImplemented
        return (
            self.meta == other.meta
            and dict(self.nx.nodes(data=True)) == dict(other.nx.nodes(data=True))
            and {(u, v, k): a for u, v, k, a in self.nx.edges(keys=True, data=True)}
            == {(u, v, k): a for u, v, k, a in other.nx.edges(keys=True, data=True)}
        )

    __hash__ = None  # mutable

    # -- Python and Jupyter: len, in, iteration over node ids as in NetworkX; a summary to look at ----------
    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.nx

    def __iter__(self) -> Iterator[str]:
        return iter(self.nx)

    def __repr__(self) -> str:
        counts = self.counts()
        papers, nodes, rels = counts["nodes"].get("Paper", 0), len(self), sum(counts["relations"].values())
        return f"<KnowledgeGraph: {papers} papers, {nodes} nodes, {rels} relations>"

    def top_entities(self, label: Label | str, n: int = 5) -> list[tuple[str, str, int]]:
        """``(id, name, papers)`` of the ``n`` nodes of ``label`` that the most papers link to."""
        import heapq

        ranked = ((-len(a.get("papers", ())), node_id, a.get("name", node_id)) for node_id, a in self.nodes(label))
        return [(node_id, name, -count) for count, node_id, name in heapq.nsmallest(n, ranked)]

    def _repr_html_(self) -> str:
        """Jupyter's view: nodes per label, relations per type, and the entities most papers link to."""
        from html import escape

        def rows(pairs) -> str:
            return "".join(f"<tr><td>{escape(str(k))}</td><td>{escape(str(v))}</td></tr>" for k, v in pairs)

        counts = self.counts()
        top = [
            (label, ", ".join(f"{name} ({count})" for _, name, count in self.top_entities(label)))
            for label in (Label.DATASET, Label.BENCHMARK, Label.METHOD, Label.TASK, Label.METRIC)
            if counts["nodes"].get(str(label))
        ]
        return (f"<div><b>{escape(repr(self))}</b><table>"
                f"<tr><th>nodes</th><th></th></tr>{rows(counts['nodes'].items())}"
                f"<tr><th>relations</th><th></th></tr>{rows(counts['relations'].items())}"
                f"<tr><th>most papers</th><th></th></tr>{rows(top)}</table></div>")

    # -- files --------------------------------------------------------------------------------
    def _header(self) -> dict[str, Any]:
        return {"format": FILE_FORMAT, "version": SCHEMA_VERSION, "paperkg": __version__, "meta": self.meta}

    def _node_items(self) -> Iterator[dict[str, Any]]:
        return ({"id": n, **a} for n, a in self.nx.nodes(data=True))

    def _edge_items(self) -> Iterator[dict[str, Any]]:
        # endpoints and type beside the properties (a CITES property is itself called `source`)
        return (
            {"source": u, "target": v, "type": k, "properties": {p: x for p, x in a.items() if p != "type"}}
            for u, v, k, a in self.nx.edges(keys=True, data=True)
        )

    def to_json(self) -> dict[str, Any]:
        return {**self._header(), "nodes": list(self._node_items()), "edges": list(self._edge_items())}

    def save(self, path: str | Path, lines=None) -> None:
        """Write the graph to ``path`` as a new database renamed over the old file (``graph.database``):
        the previous graph stays whole until the rename. ``lines``: extraction lines to keep beside it."""
        from paperkg.graph.database import write_graph

        write_graph(self, path, lines)

    def save_json(self, path: str | Path) -> None:
        """Write the graph as the previous format's versioned JSON, atomically, in chunks."""
        with atomic_write(path) as fh, paused_gc():
            fh.write(json.dumps(self._header(), ensure_ascii=False, separators=(",", ":"))[:-1])
            fh.write(',"nodes":[')
            _write_items(fh, self._node_items())
            fh.write('],"edges":[')
            _write_items(fh, self._edge_items())
            fh.write("]}")

    @classmethod
    def from_json(cls, data: dict[str, Any], origin: str = "<graph>") -> "KnowledgeGraph":
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise PaperkgError(f"{origin}: not a paperkg graph file")
        if data.get("version") != SCHEMA_VERSION:
            raise PaperkgError(
                f"{origin}: graph file version {data.get('version')} (written by paperkg {data.get('paperkg')}); "
                f"this paperkg {__version__} reads version {SCHEMA_VERSION}: rebuild it with `paperkg build`"
            )
        kg = cls(meta=data.get("meta"))
        nodes = []
        for node in data["nodes"]:
            node_id = node.pop("id")
            nodes.append((node_id, node))
        kg.nx.add_nodes_from(nodes)
        edges = []
        for edge in data["edges"]:
            props = edge["properties"]
            props["type"] = edge["type"]
            edges.append((edge["source"], edge["target"], edge["type"], props))
        kg.nx.add_edges_from(edges)
        return kg


def _write_items(fh, items: Iterator[dict[str, Any]], chunk: int = 20_000) -> None:
    """Write ``items`` as the inside of a JSON array, encoding ``chunk`` at a time (the C encoder, bounded memory)."""
    first = True
    while batch := list(itertools.islice(items, chunk)):
        if not first:
            fh.write(",")
        fh.write(json.dumps(batch, ensure_ascii=False, separators=(",", ":"))[1:-1])
        first = False


def load(path: str | Path, convert: bool = True) -> KnowledgeGraph:
    """Read a graph file, whole: a database written by ``KnowledgeGraph.save`` or a JSON file of the previous
    format, which is converted to a database in place (``convert``; see :func:`convert_json`)."""
    from paperkg.graph.database import is_database, read_graph

    if is_database(path):
        return read_graph(path)
    kg = load_json(path)
    if convert:
        convert_json(kg, path)
    return kg


def load_json(path: str | Path) -> KnowledgeGraph:
    """Read a graph file of the previous format (versioned JSON)."""
    try:
        with open(path, encoding="utf-8") as fh, paused_gc():
            data = json.load(fh)
    except FileNotFoundError:
        raise PaperkgError(f"{path}: no such graph file (build one with `paperkg build INPUT -o {path}`)") from None
    except IsADirectoryError:
        raise PaperkgError(f"{path}: is a folder, not a graph file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PaperkgError(f"{path}: not a paperkg graph file ({exc})") from None
    with paused_gc():
        return KnowledgeGraph.from_json(data, str(path))


def convert_json(kg: KnowledgeGraph, path: str | Path) -> None:
    """Replace the JSON graph file ``path`` by the database of ``kg`` (read from it), under the same name, and
    say so in one line on stderr. In place so every command naming the file goes on working, now fast; the
    rename is atomic and taken under the build lock, so a build or a kill meanwhile loses nothing. A file
    that cannot be replaced (a read-only folder) is left as it is, and the line says that instead."""
    import sys

    from paperkg.graph.database import is_database
    from paperkg.io import build_lock

    try:
        with build_lock(path, wait=False):
            if is_database(path):  # another process converted it meanwhile
                return
            kg.save(path)
    except BlockingIOError:  # a build holds it (maybe this very process): it writes a database itself
        print(f"paperkg: {path}: a graph file of the previous JSON format, read whole; not converted now "
              "(a build is writing it)", file=sys.stderr)
        return
    except OSError as exc:
        print(f"paperkg: {path}: a graph file of the previous JSON format, read whole; not converted "
              f"({exc.strerror or exc})", file=sys.stderr)
        return
    print(f"paperkg: {path}: converted from the previous JSON format to a graph database (same name)",
          file=sys.stderr)
