"""The knowledge graph: schema, entity resolution, NetworkX store, citations, overrides, exports.

    from paperkg.graph import build_graph, load
    kg = build_graph(lines)            # lines: the dicts `paperkg extract` writes
    kg.save("graph.db"); kg = load("graph.db")
    kg.find("CIFAR10")                 # ['data:cifar10']
"""

from paperkg.graph.store import KnowledgeGraph, load

#: Names imported when first used, so a query (which reads the graph file) does not import the builder.
_LAZY = {"build_graph": "paperkg.graph.build", "lines_from_graph": "paperkg.graph.lines",
         "Overrides": "paperkg.graph.overrides"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'paperkg.graph' has no attribute {name!r}")

__all__ = ["KnowledgeGraph", "Overrides", "build_graph", "export", "lines_from_graph", "load"]


def export(kg: KnowledgeGraph, fmt: str, path) -> list[str]:
    """Write ``kg`` as ``graphml``, ``gexf`` or ``csv`` (a directory for ``neo4j-admin database import``)."""
    from paperkg.graph.exports import export as _export

    return _export(kg, fmt, path)
