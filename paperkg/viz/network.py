"""The graph as a pyvis ``Network``: one vis node per kept node (label, colour, shape, size, tooltip data).

Tooltips are not HTML: each node carries an ``info`` object of plain strings that the page's own
script turns into DOM text nodes, so no string from the input is ever parsed as markup (pyvis
0.3.2 switches its tooltips to ``innerHTML`` as soon as a title contains "href").
"""

from __future__ import annotations

from typing import Any, Iterable
from urllib.parse import quote, urlsplit

from pyvis.edge import Edge
from pyvis.network import Network

from paperkg.graph.schema import Label
from paperkg.viz.layout import REFINE_NODES, layout
from paperkg.viz.select import neighbours
from paperkg.viz.styles import edge_style, node_style

LABEL_CHARS = 32       # longest label drawn on the canvas
ABSTRACT_CHARS = 320   # abstract excerpt in a tooltip
LIST_ITEMS = 8         # authors / aliases listed in a tooltip
TEXT_CHARS = 300       # longest heading, fact or search name kept in the page (a 1 MB title stays out)
EDGE_OPACITY = 0.3     # edges are faded: the nodes and their names carry the picture, a selection brings edges out
STABILIZE_NODES = 150  # up to this many shown nodes, vis-network settles the layout before the first drawing


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "\u2026"


def cap(text: Any, limit: int = TEXT_CHARS) -> str:
    """``text`` as it is when short enough, else shortened (see ``shorten``)."""
    text = str(text)
    return text if len(text) <= limit else shorten(text, limit)


def web_url(url: Any) -> str | None:
    """``url`` if it is an absolute http(s) address, else ``None`` (no ``javascript:``, ``data:``, ...)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in url for c in " \t\r\n<>\"'`"):
        return url
    return None


def node_url(attrs: dict[str, Any]) -> str | None:
    """Where double-click goes: a paper's page (url, arXiv, DOI) or a repository."""
    label = attrs.get("label")
    if label == Label.PAPER:
        candidates = [attrs.get("url")]
        if attrs.get("arxiv_id"):
            candidates.append(f"https://arxiv.org/abs/{quote(str(attrs['arxiv_id']), safe='./')}")
        if attrs.get("doi"):
            candidates.append(f"https://doi.org/{quote(str(attrs['doi']), safe='/.:()-_;')}")
    elif label == Label.REPOSITORY:
        name = str(attrs.get("name", ""))
        candidates = [attrs.get("url"), f"https://{name}" if name and "://" not in name else None]
    else:
        candidates = [attrs.get("url")]
    return next((u for u in map(web_url, candidates) if u), None)


def short_label(attrs: dict[str, Any]) -> str:
    """The text drawn beside a node: a paper's short name (before a colon) or its title cut short."""
    name = str(attrs.get("name") or attrs.get("title") or "")
    if attrs.get("label") == Label.PAPER and ":" in name:
        head = name.split(":", 1)[0].strip()
        if 2 <= len(head) <= LABEL_CHARS:
            return head
    if attrs.get("label") == Label.RESULT and attrs.get("value"):
        return shorten(str(attrs["value"]), LABEL_CHARS)
    return shorten(name, LABEL_CHARS)


def _names(values: Any) -> list[str]:
    """Author names from a list of strings or of ``{"name": ...}`` objects."""
    out = []
    for value in values or ():
        name = value.get("name") if isinstance(value, dict) else value
        if name:
            out.append(str(name))
    return out


def node_info(kg, node_id: str, attrs: dict[str, Any], papers: int = 0) -> dict[str, Any]:
    """Plain-text facts for the tooltip and the details panel (all values are strings or lists of strings)."""
    label = str(attrs.get("label", ""))
    info: dict[str, Any] = {"heading": cap(attrs.get("title") or attrs.get("name") or node_id), "type": label}
    facts: list[list[str]] = []
    if label == Label.PAPER:
        authors = _names(attrs.get("authors"))
        if authors:
            more = f" and {len(authors) - LIST_ITEMS} more" if len(authors) > LIST_ITEMS else ""
            facts.append(["Authors", ", ".join(authors[:LIST_ITEMS]) + more])
        when = attrs.get("date") or attrs.get("year")
        if when:
            facts.append(["Date", str(when)])
        phrases = _names(attrs.get("task_phrases"))
        if phrases:  # tasks no other paper of the graph names: no Task node to draw
            facts.append(["Also works on", ", ".join(phrases[:LIST_ITEMS]) + (" ..." if len(phrases) > LIST_ITEMS else "")])
        if attrs.get("abstract"):
            info["excerpt"] = shorten(attrs["abstract"], ABSTRACT_CHARS)
    elif label == Label.RESULT:
        for key in ("value", "metric", "method", "dataset"):
            if attrs.get(key):
                facts.append([key.capitalize(), str(attrs[key])])
    aliases = [str(a) for a in attrs.get("aliases") or () if str(a) != attrs.get("name")]
    if aliases:
        facts.append(["Also", ", ".join(aliases[:LIST_ITEMS]) + (" ..." if len(aliases) > LIST_ITEMS else "")])
    if label == Label.PAPER:
        if papers:
            facts.append(["Citation links", str(papers)])
    elif label != Label.RESULT:
        facts.append(["Papers", str(papers)])
    url = node_url(attrs)
    if url:
        info["url"] = url
    facts.append(["Id", node_id])
    info["facts"] = [[name, cap(value)] for name, value in facts]
    return info


def search_keys(attrs: dict[str, Any]) -> list[str]:
    """Names the search box finds a node by: its name, title and aliases."""
    keys = [attrs.get("name"), attrs.get("title"), *(attrs.get("aliases") or ())]
    return list(dict.fromkeys(cap(k) for k in keys if k))


def paper_count(kg, node_id: str) -> int:
    """The papers a node is joined to: an entity's or author's papers, a paper's citing and cited papers.

    This is a node's size: entities used by many papers stand out as landmarks, and a paper is as
    big as its citations make it (not as its number of extracted names).
    """
    labels = kg.nx.nodes
    return sum(1 for n in neighbours(kg, node_id) if labels[n].get("label") == Label.PAPER)


def build_network(kg, node_ids: Iterable[str], hidden: set[str] = frozenset(),
                  community: dict[str, int] | None = None, papers: dict[str, int] | None = None) -> Network:
    """A directed pyvis ``Network`` holding ``node_ids``, the relations among them and the vis options.

    ``hidden`` nodes (of types whose checkbox starts unticked) are laid out after the others;
    ``community`` (node id -> group index) is kept on each node and keeps a group together in the layout;
    ``papers`` is each node's ``paper_count`` (computed when not given).
    """
    kept = list(node_ids)
    community = community or {}
    net = Network(directed=True, cdn_resources="in_line")
    net.options = vis_options(len(kept) - len(hidden))
    positions = layout(kg, kept, hidden, community)
    if papers is None:
        papers = {node_id: paper_count(kg, node_id) for node_id in kept}
    for node_id in kept:
        attrs = kg.nx.nodes[node_id]
        style = node_style(attrs.get("label", ""))
        net.add_node(
            node_id,
            label=short_label(attrs) or node_id,
            shape=style["shape"],
            color={"background": style["color"], "border": style["border"],
                   "highlight": {"background": style["color"], "border": "#000000"},
                   "hover": {"background": style["color"], "border": "#000000"}},
            value=1 + papers[node_id],
            type=str(attrs.get("label", "")),
            info=node_info(kg, node_id, attrs, papers[node_id]),
            search=search_keys(attrs),
            x=positions[node_id][0],
            y=positions[node_id][1],
            **({"community": community[node_id]} if node_id in community else {}),
        )
    # pyvis's add_edge checks each endpoint with a linear scan of all nodes; the selection
    # guarantees both ends exist, so edges are made with pyvis's Edge directly.
    keep = set(kept)
    for source, target, rel in kg.nx.out_edges(kept, keys=True):
        if target in keep:
            style = edge_style(rel)
            net.edges.append(Edge(source, target, directed=True, type=rel, title=rel,
                                  color={"color": style["color"], "opacity": EDGE_OPACITY},
                                  dashes=style["dashes"]).options)
    return net


def layout_mode(shown_nodes: int) -> str:
    """How the page settles its layout: ``stabilize`` (a small page: vis-network's physics before the first
    drawing), ``fixed`` (the Python layout as it is, physics off) or ``relax`` (too many nodes for the
    Python refinement: drawn at once, physics runs for a few seconds)."""
    if shown_nodes <= STABILIZE_NODES:
        return "stabilize"
    return "fixed" if shown_nodes <= REFINE_NODES else "relax"


def vis_options(shown_nodes: int) -> dict[str, Any]:
    """vis-network options: log-scaled sizes and labels (the page adds the scaling function), physics per
    ``layout_mode``, edges hidden while dragging or zooming a large page."""
    mode = layout_mode(shown_nodes)
    return {
        "nodes": {
            # label size follows node size; small labels are drawn only once zoomed in (less clutter)
            "scaling": {"min": 8, "max": 42, "label": {"enabled": True, "min": 8, "max": 48, "drawThreshold": 11,
                                                       "maxVisible": 26}},
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1.5,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
        },
        "physics": {
            "enabled": mode != "fixed",
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -45, "centralGravity": 0.012,
                                 "springLength": 90, "springConstant": 0.08, "damping": 0.6, "avoidOverlap": 0.2},
            "minVelocity": 1.5,
            "stabilization": {"enabled": mode == "stabilize", "iterations": 200, "updateInterval": 25, "fit": True},
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": shown_nodes > 800,
                        "hideEdgesOnZoom": shown_nodes > 800, "navigationButtons": False, "keyboard": False},
    }
