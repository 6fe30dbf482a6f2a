"""One self-contained HTML page: vis-network inlined from the pyvis wheel, the graph as inert JSON.

The page references nothing outside itself: no ``<script src>``, no ``<link href>``, no CDN, and
a Content-Security-Policy (``default-src 'none'``, scripts allowed only by hash) that makes the
browser refuse any fetch and any script or event handler that is not ours.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyvis

from paperkg.errors import PaperkgError
from paperkg.io import atomic_write
from paperkg.graph.schema import Label
from paperkg.viz.groups import hubs, named_groups
from paperkg.viz.layout import REFINE_NODES
from paperkg.viz.network import build_network, layout_mode, paper_count, short_label
from paperkg.viz.select import AUXILIARY, distances, select_nodes
from paperkg.viz.styles import group_look, label_order, node_style

#: Nodes drawn when ``max_nodes`` is not given: an overview readable at first sight (its hubs named,
#: a few groups), settled by vis-network before it is shown. ``--max-nodes`` draws more.
DEFAULT_MAX_NODES = 300

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

# Characters that must not appear raw inside <script>: "</script>", "<!--", and the JavaScript
# line terminators U+2028/U+2029. JSON allows \uXXXX escapes for all of them.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe verbatim inside a ``<script>`` element (and still valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _SCRIPT_UNSAFE_RE.sub(lambda m: _SCRIPT_UNSAFE[m.group()], text)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """A file of this package (template, script, style sheet)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _vis(name: str) -> str:
    """vis-network's script or style sheet as shipped in the pyvis wheel, without its source-map link."""
    text = (VIS_DIR / name).read_text(encoding="utf-8")
    text = re.sub(r"/[/*]# sourceMappingURL=\S*( \*/)?", "", text)
    if re.search(r"</(script|style)|<!--", text, re.IGNORECASE):  # would end the element it is inlined in
        raise PaperkgError(f"{VIS_DIR / name} cannot be inlined safely (an unexpected pyvis build?)")
    return text


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_data(kg, *, focus=None, depth=1, max_nodes=DEFAULT_MAX_NODES) -> dict[str, Any]:
    """What the page's script reads: nodes, edges, vis options, layout mode, legend, the focus, the hubs
    whose names are always drawn, the named groups (overview only) and the header line."""
    ids = select_nodes(kg, focus=focus, depth=depth, max_nodes=max_nodes)
    labels = {n: str(kg.nx.nodes[n].get("label", "")) for n in ids}
    focus_id = ids[0] if focus is not None and ids else None
    # a focused author or result is shown even though its type starts hidden
    shown = {label: node_style(label)["shown"] or (focus_id is not None and label == labels[focus_id])
             for label in set(labels.values())}
    hidden = {n for n in ids if not shown[labels[n]]}
    visible = [n for n in ids if n not in hidden]
    papers = {n: paper_count(kg, n) for n in ids}
    names = {n: short_label(kg.nx.nodes[n]) or n for n in visible}
    # an overview is read as groups; a focus page is read round its focus (groups would cut across it),
    # and a page too large for the Python layout could not keep a group together
    grouped = focus_id is None and len(visible) <= REFINE_NODES
    groups, community = named_groups(kg, visible, papers, names) if grouped else ([], {})
    net = build_network(kg, ids, hidden=hidden, community=community, papers=papers)
    counts = Counter(labels.values())
    legend = []
    for label in label_order() + sorted(set(counts) - set(label_order())):
        if counts[label]:
            style = node_style(label)
            legend.append({"type": label, "text": style["legend"], "color": style["color"],
                           "border": style["border"], "shape": style["shape"], "shown": shown[label],
                           "count": counts[label]})
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "layout": layout_mode(len(visible)),
        "legend": legend,
        "focus": focus_id,
        "hubs": hubs(kg, visible, papers, focus=focus_id if focus_id in names else None),
        "groups": groups,
        "look": group_look(),
        "summary": describe(kg, ids, focus_id, depth, len(groups)),
        "total": {"nodes": kg.nx.number_of_nodes()},
    }


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def describe(kg, ids: list[str], focus_id: str | None, depth: int, groups: int) -> str:
    """The page's header line: what is drawn, picked how, and what colour and shading mean.

    >>> describe(kg, ids, None, 1, 5)   # doctest: +SKIP
    'The 100 most connected entities of 353 papers and the 200 papers linking the most of them, ...'
    """
    labels = kg.nx.nodes
    kinds = Counter("paper" if labels[n].get("label") == Label.PAPER else
                    "aux" if labels[n].get("label") in AUXILIARY else "entity" for n in ids)
    how = "coloured by type" + (f", shaded in {_plural(groups, 'group')} of closely linked nodes" if groups else "")
    if focus_id is not None:
        attrs = labels[focus_id]
        reach = len(distances(kg, focus_id, depth)) - 1
        near = len(ids) - 1
        within = f"within {_plural(depth, 'relation')}"
        around = (f"the {near:,} nearest of its {_plural(reach, 'neighbour')} {within}" if near < reach
                  else f"its {_plural(reach, 'neighbour')} {within}")
        return f"{short_label(attrs) or focus_id} ({attrs.get('label', 'node')}) and {around}, {how}"
    total_papers = sum(1 for _, label in kg.nx.nodes(data="label") if label == Label.PAPER)
    if not ids:
        return "An empty graph"
    if len(ids) == kg.nx.number_of_nodes():
        return f"All {_plural(total_papers, 'paper')} and the {_plural(kinds['entity'], 'entity', 'entities')} they name, {how}"
    return (f"The {kinds['entity']:,} most connected entities of {_plural(total_papers, 'paper')} and the "
            f"{_plural(kinds['paper'], 'paper')} linking the most of them, {how}")


def render_html(kg, *, focus=None, depth=1, max_nodes=DEFAULT_MAX_NODES, title=None) -> str:
    """The page as a string (see ``write_html``)."""
    data = page_data(kg, focus=focus, depth=depth, max_nodes=max_nodes)
    scripts = {"VIS_JS": _vis("vis-network.min.js"), "VIEWER_JS": _asset("viewer.js")}
    styles = {"VIS_CSS": _vis("vis-network.css"), "VIEWER_CSS": _asset("viewer.css")}
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src {' '.join(_sha256(s) for s in scripts.values())}; base-uri 'none'; form-action 'none'")
    parts = {
        **scripts,
        **styles,
        "CSP": html.escape(csp, quote=False),  # our constant; it has no double quote
        "TITLE": html.escape(title or "paperkg graph", quote=True),
        "SUMMARY": html.escape(data["summary"]),
        "DATA": script_json(data),
    }
    # One pass over the template, so nothing inserted is scanned for markers again.
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], _asset("template.html"))


def write_html(kg, path, *, focus=None, depth=1, max_nodes=DEFAULT_MAX_NODES, title=None) -> Path:
    """Write the graph as one self-contained, offline, interactive HTML page (UTF-8) to ``path``.

    ``focus`` (a node id, name or alias) with ``depth`` draws that neighbourhood only;
    ``max_nodes`` keeps the most connected nodes (``None`` or 0: all). Nothing else is written.

    >>> write_html(kg, "graph.html", focus="ImageNet-1K", depth=2)   # doctest: +SKIP
    """
    page = render_html(kg, focus=focus, depth=depth, max_nodes=max_nodes, title=title)
    path = Path(path)
    with atomic_write(path) as fh:
        fh.write(page)
    return path
