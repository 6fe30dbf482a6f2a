"""The offline HTML viewer: one self-contained interactive page per graph (pyvis / vis-network).

>>> import paperkg.viz
>>> paperkg.viz.write_html(kg, "graph.html")                          # doctest: +SKIP
>>> paperkg.viz.write_html(kg, "near.html", focus="ImageNet-1K", depth=2)  # doctest: +SKIP
>>> paperkg.viz.show(kg)   # in a notebook                            # doctest: +SKIP
"""

from paperkg.viz.notebook import show
from paperkg.viz.page import DEFAULT_MAX_NODES, page_data, render_html, write_html
from paperkg.viz.select import select_nodes

__all__ = ["DEFAULT_MAX_NODES", "page_data", "render_html", "select_nodes", "show", "write_html"]
