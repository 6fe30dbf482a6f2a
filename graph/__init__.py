"""The knowledge graph: schema, entity resolution, NetworkX store, citations, overrides, exports.

    from paperkg.graph import build_graph, load
    kg = build_graph(lines)            # lines: the dicts `paperkg extract` writes
    kg.save("graph.db"); kg = load("graph.db")
    kg.find("CIFAR10")                 # ['data:cifar10']
"""

from paperkg.graph.build import build_graph
from paperkg.graph.lines import lines_from_graph
from paperkg.graph.overrides import Overrides
from paperkg.graph.store import KnowledgeGraph, load

__all__ = ["KnowledgeGraph", "Overrides", "build_graph", "export", "lines_from_graph", "load"]


def export(kg: KnowledgeGraph, fmt: str, path) -> list[str]:
    """Write ``kg`` as ``graphml``, ``gexf`` or ``csv`` (a directory for ``neo4j-admin database import``)."""
    from paperkg.graph.exports import export as _export

    return _export(kg, fmt, path)
