"""paperkg: a citation and knowledge-graph builder for research papers."""

__version__ = "0.1.0"
