"""Exports for other tools: GraphML and GEXF (Gephi, Cytoscape) and CSV for ``neo4j-admin database import``.

GraphML and GEXF hold scalar attributes only, so every list attribute (aliases, spans, papers, ...) is
written as JSON text, its name recorded in the graph attribute ``paperkg_lists`` (GraphML) or suffixed
``_json`` (GEXF, which keeps no graph attributes; the ``meta`` is lost there); names the formats
reserve (GEXF's edge ``type``) get a ``paperkg_`` prefix. In both formats a node's ``label`` is its
``name``, the one attribute Gephi and Cytoscape show on the node, and its type is ``paperkg_label``. ``read_graphml`` / ``read_gexf`` undo both: the graph reads back equal.

The CSV layout is one ``nodes_<Label>.csv`` per label and one ``rels_<TYPE>.csv`` per relation type, headers
typed the way ``neo4j-admin database import full`` reads them (``id:ID``, ``year:long``, ``aliases:string[]``,
``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``); arrays are split by U+001F (never in text), and
``import.sh`` beside them has the command. ``read_csv`` loads such a directory back.

>>> export(kg, "graphml", "graph.graphml")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from paperkg.errors import PaperkgError
from paperkg.graph.store import KnowledgeGraph
from paperkg.io import atomic_write

FORMATS = ("graphml", "gexf", "node-link", "csv")
#: Names of a relation's ends in node-link JSON: not ``source``, which is a property of CITES relations.
NODE_LINK_ENDS = {"source": "from", "target": "to", "edges": "links"}
ARRAY_DELIMITER = "\x1f"
_RESERVED = {"gexf": ({"label", "pid", "viz", "start", "end", "spells", "id"},
                      {"type", "label", "weight", "id", "start", "end", "spells", "viz", "key"}),
             "graphml": ({"id", "label"}, {"id", "key"})}
_PREFIX = "paperkg_"
_JSON_SUFFIX = "_json"  # GEXF keeps no graph attributes, so its list columns say so in their names


def export(kg: KnowledgeGraph, fmt: str, path: str | Path) -> list[str]:
    """Write ``kg`` in ``fmt`` (``graphml``, ``gexf``, ``node-link`` JSON, or ``csv`` into directory ``path``);
    the files written."""
    if fmt == "graphml":
        write_graphml(kg, path)
    elif fmt == "gexf":
        write_gexf(kg, path)
    elif fmt == "node-link":
        write_node_link(kg, path)
    elif fmt == "csv":
        return write_csv(kg, path)
    else:
        raise PaperkgError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return [str(path)]


# -- GraphML and GEXF -----------------------------------------------------------------------------

def _flat_graph(kg: KnowledgeGraph, fmt: str) -> nx.MultiDiGraph:
    node_reserved, edge_reserved = _RESERVED[fmt]
    lists: dict[str, set[str]] = {"node": set(), "edge": set()}
    for _, attrs in kg.nx.nodes(data=True):
        lists["node"].update(k for k, v in attrs.items() if isinstance(v, list))
    for _, _, attrs in kg.nx.edges(data=True):
        lists["edge"].update(k for k, v in attrs.items() if isinstance(v, list))

    def encode(attrs: dict, reserved: set[str], scope: str) -> dict:
        out = {}
        for k, v in attrs.items():
            name = _PREFIX + k if k in reserved or k.startswith(_PREFIX) else k
            if k in lists[scope]:
                out[name + _JSON_SUFFIX if fmt == "gexf" else name] = json.dumps(v, ensure_ascii=False)
            else:
                out[name] = v
        return out

    flat = nx.MultiDiGraph()
    flat.graph["paperkg_lists"] = json.dumps({k: sorted(v) for k, v in lists.items()})
    flat.graph["paperkg_meta"] = json.dumps(kg.meta, ensure_ascii=False)
    for n, attrs in kg.nx.nodes(data=True):
        data = encode(attrs, node_reserved, "node")
        data["label"] = attrs.get("name", n)  # what the viewer writes on the node; the type is paperkg_label
        flat.add_node(n, **data)
    for u, v, key, attrs in kg.nx.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **encode(attrs, edge_reserved, "edge"))
    return flat


def _from_flat(flat: nx.MultiDiGraph, fmt: str) -> KnowledgeGraph:
    lists = json.loads(flat.graph.get("paperkg_lists", '{"node": [], "edge": []}'))
    meta = json.loads(flat.graph.get("paperkg_meta", "{}"))

    def decode(attrs: dict, scope: str) -> dict:
        out = {}
        for k, v in attrs.items():
            if k == "label" and scope == "node":
                continue  # the display label, a copy of `name`
            if fmt == "gexf" and scope == "edge" and k == "id":
                continue
            if fmt == "gexf" and k.endswith(_JSON_SUFFIX):
                k, v = k[: -len(_JSON_SUFFIX)], json.loads(v)
            name = k[len(_PREFIX):] if k.startswith(_PREFIX) else k
            out[name] = json.loads(v) if name in lists[scope] else v
        return out

    kg = KnowledgeGraph(meta=meta)
    for n, attrs in flat.nodes(data=True):
        kg.nx.add_node(str(n), **decode(attrs, "node"))
    for u, v, key, attrs in flat.edges(keys=True, data=True):
        data = decode(attrs, "edge")
        kg.nx.add_edge(str(u), str(v), key=data["type"], **data)
    return kg


def write_graphml(kg: KnowledgeGraph, path: str | Path) -> None:
    flat = _flat_graph(kg, "graphml")
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(flat, fh, named_key_ids=True)


def read_graphml(path: str | Path) -> KnowledgeGraph:
    """A graph written by ``write_graphml``, lists and reserved names restored."""
    return _from_flat(nx.read_graphml(path, node_type=str, force_multigraph=True), "graphml")


def write_gexf(kg: KnowledgeGraph, path: str | Path) -> None:
    flat = _flat_graph(kg, "gexf")
    with atomic_write(path, "wb") as fh:
        nx.write_gexf(flat, fh)


def write_node_link(kg: KnowledgeGraph, path: str | Path) -> None:
    """NetworkX node-link JSON (``networkx.node_link_data``; ends named ``from``/``to``, ``kg.meta`` as the
    graph's attributes): read it with ``networkx.node_link_graph(data, source="from", target="to", edges="links")``."""
    data = nx.node_link_data(kg.nx, **NODE_LINK_ENDS)
    data["graph"] = dict(kg.meta)
    with atomic_write(path) as fh:
        json.dump(data, fh, ensure_ascii=False)


def read_node_link(path: str | Path) -> KnowledgeGraph:
    """A graph written by ``write_node_link``."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    graph = nx.node_link_graph(data, directed=True, multigraph=True, **NODE_LINK_ENDS)
    return KnowledgeGraph(nx.MultiDiGraph(graph), meta=dict(graph.graph))


def read_gexf(path: str | Path) -> KnowledgeGraph:
    """A graph written by ``write_gexf``, lists and reserved names restored."""
    flat = nx.read_gexf(path, node_type=str)
    if not flat.is_multigraph():
        flat = nx.MultiDiGraph(flat)
    return _from_flat(flat, "gexf")


# -- CSV for neo4j-admin import ---------------------------------------------------------------

def _neo4j_type(values: list[Any]) -> str:
    """The import header type of a column (``string`` when its values disagree)."""
    kinds = set()
    for v in values:
        if isinstance(v, list):
            kinds.add("list:" + ("|".join(sorted({_scalar(x) for x in v})) or "string"))
        else:
            kinds.add(_scalar(v))
    if len(kinds) == 1:
        kind = kinds.pop()
        return kind[5:] + "[]" if kind.startswith("list:") and "|" not in kind else (
            "string[]" if kind.startswith("list:") else kind)
    if all(k.startswith("list:") for k in kinds):
        return "string[]"
    return "string"


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    return "string"


def _cell(v: Any) -> str:
    if isinstance(v, list):
        return ARRAY_DELIMITER.join(_cell(x) for x in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _write_table(path: Path, header_cols: list[tuple[str, str]], rows: list[list[str]]) -> None:
    with atomic_write(path) as fh:  # text mode: "\n" stays "\n" (POSIX)
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow([f"{name}:{kind}" if kind else name for name, kind in header_cols])
        writer.writerows(rows)


def write_csv(kg: KnowledgeGraph, directory: str | Path) -> list[str]:
    """``nodes_<Label>.csv``, ``rels_<TYPE>.csv`` and ``import.sh`` in ``directory``; the files written."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise PaperkgError(f"{directory}: the csv export is a directory of files; this is a file")
    directory.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    by_label: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for n, attrs in kg.nx.nodes(data=True):
        by_label[attrs["label"]].append((n, attrs))
    node_files, rel_files = [], []
    for label, nodes in sorted(by_label.items()):
        props = sorted({k for _, a in nodes for k in a} - {"label"})
        cols = [("id", "ID")] + [(p, _neo4j_type([a[p] for _, a in nodes if p in a])) for p in props] + [("", "LABEL")]
        rows = [[n] + [_cell(a[p]) if p in a else "" for p in props] + [label] for n, a in nodes]
        path = directory / f"nodes_{label}.csv"
        _write_table(path, cols, rows)
        node_files.append(path.name)
    by_type: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for u, v, key, attrs in kg.nx.edges(keys=True, data=True):
        by_type[key].append((u, v, attrs))
    for rel, edges in sorted(by_type.items()):
        props = sorted({k for _, _, a in edges for k in a} - {"type"})
        cols = [("", "START_ID")] + [("", "END_ID")] + [("", "TYPE")] + [
            (p, _neo4j_type([a[p] for _, _, a in edges if p in a])) for p in props]
        rows = [[u, v, rel] + [_cell(a[p]) if p in a else "" for p in props] for u, v, a in edges]
        path = directory / f"rels_{rel}.csv"
        _write_table(path, cols, rows)
        rel_files.append(path.name)
    script = directory / "import.sh"
    args = " ".join([f"--nodes={f}" for f in node_files] + [f"--relationships={f}" for f in rel_files])
    with atomic_write(script) as fh:
        fh.write("#!/bin/sh\n"
                 "# Load these files into an empty Neo4j database (the server stopped), from this directory:\n"
                 "#   sh import.sh [DATABASE]\n"
                 'cd "$(dirname "$0")" && neo4j-admin database import full --multiline-fields=true '
                 f"--array-delimiter=U+001F {args} \"${{1:-neo4j}}\"\n")
    written = [str(directory / f) for f in node_files + rel_files] + [str(script)]
    return written


_PARSE = {"long": int, "int": int, "double": float, "float": float, "boolean": lambda s: s == "true", "string": str}


def _parse(kind: str, text: str) -> Any:
    if kind.endswith("[]"):
        return [_PARSE[kind[:-2]](x) for x in text.split(ARRAY_DELIMITER)]
    return _PARSE[kind](text)


def read_csv(directory: str | Path) -> KnowledgeGraph:
    """Load a directory written by ``write_csv`` the way ``neo4j-admin import`` reads it (empty cells absent)."""
    directory = Path(directory)
    kg = KnowledgeGraph()
    for path in sorted(directory.glob("nodes_*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.rpartition(":") for h in next(reader)]
            for row in reader:
                node, label, attrs = None, None, {}
                for (name, _, kind), cell in zip(header, row):
                    if kind == "ID":
                        node = cell
                    elif kind == "LABEL":
                        label = cell
                    elif cell != "":
                        attrs[name] = _parse(kind, cell)
                kg.nx.add_node(node, label=label, **attrs)
    for path in sorted(directory.glob("rels_*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.rpartition(":") for h in next(reader)]
            for row in reader:
                ends, attrs = {}, {}
                for (name, _, kind), cell in zip(header, row):
                    if kind in ("START_ID", "END_ID", "TYPE"):
                        ends[kind] = cell
                    elif cell != "":
                        attrs[name] = _parse(kind, cell)
                kg.nx.add_edge(ends["START_ID"], ends["END_ID"], key=ends["TYPE"], type=ends["TYPE"], **attrs)
    return kg
