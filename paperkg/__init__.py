"""paperkg: a citation and knowledge-graph builder for research papers.

>>> import paperkg
>>> kg = paperkg.build(["examples/"])          # doctest: +SKIP
>>> kg.counts()["nodes"]["Paper"]              # doctest: +SKIP
"""

__version__ = "0.1.0"

__all__ = ["build", "extract", "__version__"]


def __getattr__(name: str):
    # Lazy: `import paperkg` stays cheap (no spaCy) until the pipeline is used.
    if name in ("build", "extract"):
        from paperkg import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'paperkg' has no attribute {name!r}")
