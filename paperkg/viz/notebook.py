"""The page inline in a Jupyter notebook: an ``<iframe srcdoc>``, no file written."""

from __future__ import annotations

import html
import warnings

from paperkg.errors import PaperkgError
from paperkg.viz.page import DEFAULT_MAX_NODES, render_html


def iframe_html(page: str, height: int = 650) -> str:
    """``page`` inside an iframe, its whole text escaped into ``srcdoc`` (the notebook never parses it)."""
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;border:0" '
            f'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>')


def show(kg, *, focus=None, depth=1, max_nodes=DEFAULT_MAX_NODES, title=None, height=650):
    """Display the graph page inline in a notebook; returns the ``IPython.display.HTML`` object.

    >>> paperkg.viz.show(kg, focus="CIFAR-10", depth=2)   # doctest: +SKIP
    """
    try:
        from IPython.display import HTML, display
    except ImportError:
        raise PaperkgError("paperkg.viz.show needs IPython (a notebook); use paperkg.viz.write_html") from None
    page = render_html(kg, focus=focus, depth=depth, max_nodes=max_nodes, title=title)
    with warnings.catch_warnings():  # IPython suggests IFrame, which needs a URL: srcdoc needs no file
        warnings.simplefilter("ignore", UserWarning)
        widget = HTML(iframe_html(page, height))
    display(widget)
    return widget
