"""The query catalogue: the questions researchers ask of a paper graph, answered the same way from
the NetworkX store and from Cypher on a Neo4j/Bolt server.

>>> from paperkg.queries import CATALOGUE, run
>>> from paperkg.queries.examples import tiny_graph
>>> [row["name"] for row in run("top-datasets", tiny_graph())]
['CIFAR-10', 'CIFAR-100']

Each query is a plain function over a ``KnowledgeGraph`` (``paperkg.queries.datasets.papers_using``
and friends, taking node ids) registered with its Cypher text in ``CATALOGUE``; ``run`` takes names.
"""

from paperkg.queries.catalogue import CATALOGUE, DEFAULT_LIMIT, FLOAT_TOLERANCE, Arg, Query, get, run
from paperkg.queries.filters import PaperFilter

# Registration order is the order `paperkg query --list` shows.
from paperkg.queries import datasets, methods, papers, citations, structure, trend  # noqa: E402,F401  isort:skip

__all__ = ["CATALOGUE", "DEFAULT_LIMIT", "FLOAT_TOLERANCE", "Arg", "PaperFilter", "Query", "get", "run"]
