"""How long a 2,000-node page takes to become interactive in headless Chromium (goal: under 5 s),
and what it names at first view (hubs and groups written on the canvas; --screenshot keeps that view).

"Interactive" = the page has parsed vis-network and the graph, drawn it, run the layout until it
stabilised and switched physics off (``document.body.dataset.state == "ready"``). Timings come
from the page's own ``performance.now()`` (milliseconds since navigation start).

    .venv/bin/python benchmarks/html_interactive.py                 # synthetic 2,000-node graph
    .venv/bin/python benchmarks/html_interactive.py -g graph.json   # a real graph (default page limit)
    .venv/bin/python benchmarks/html_interactive.py -g graph.json --max-nodes 2000
    .venv/bin/python benchmarks/html_interactive.py -g graph.json --screenshot test-artifacts/overview.png
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from paperkg.graph.schema import Label, Rel, node_id
from paperkg.graph.store import KnowledgeGraph, load
from paperkg.viz import DEFAULT_MAX_NODES, write_html

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KINDS = [(Label.METHOD, Rel.MENTIONS, 3), (Label.DATASET, Rel.EVALUATES_ON, 2), (Label.TASK, Rel.ADDRESSES, 1),
         (Label.METRIC, Rel.REPORTS, 1)]


def synthetic_graph(nodes: int = 2000, seed: int = 7) -> KnowledgeGraph:
    """Papers (40%) linked to entities (60%) with a long-tailed popularity, plus some citations."""
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    papers = [node_id(Label.PAPER, f"id:{i}") for i in range(nodes * 2 // 5)]
    for i, paper in enumerate(papers):
        kg.add_node(paper, Label.PAPER, f"Paper {i}: a study", title=f"Paper {i}: a study",
                    abstract="We study things. " * 20, year=2025)
    entities: dict[Label, list[str]] = {}
    per_kind = (nodes - len(papers)) // len(KINDS)
    for label, _, _ in KINDS:
        entities[label] = [node_id(label, f"{label.value.lower()}{j}") for j in range(per_kind)]
        for j, ent in enumerate(entities[label]):
            kg.add_node(ent, label, f"{label.value} {j}", aliases=[f"{label.value[:2].upper()}{j}"])
    for paper in papers:
        for label, rel, k in KINDS:
            for target in {rng.choice(entities[label][: 1 + int(rng.paretovariate(1.2) * 10) % per_kind])
                           for _ in range(k)}:
                kg.add_edge(paper, target, rel)
        if rng.random() < 0.5:
            kg.add_edge(paper, rng.choice(papers), Rel.CITES, source="mention")
    return kg


def measure(path: Path, executable: str, screenshot: str | None = None) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page = context.new_page()
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-state=ready]", state="attached", timeout=120_000)
        wall = time.perf_counter() - start
        t0 = time.perf_counter()
        page.evaluate("1")  # a round trip to the page's main thread while physics may still run
        responsive = time.perf_counter() - t0
        page.wait_for_selector("body[data-physics=off]", state="attached", timeout=120_000)
        timings = page.evaluate("window.paperkg.timings")
        drawn = page.evaluate("window.paperkg.network.body.nodeIndices.length")
        edges = page.evaluate("window.paperkg.network.body.edgeIndices.length")
        names = page.evaluate("window.paperkg.written().map(w => w.kind)")
        if screenshot:  # the first view, as a person opening the page sees it
            page.wait_for_timeout(300)
            page.screenshot(path=screenshot)
        # a search after the layout: how long until the node is selected and centred
        t0 = time.perf_counter()
        page.evaluate("window.paperkg.focusNode(window.paperkg.nodes.getIds()[0])")
        search = time.perf_counter() - t0
        browser.close()
    return {"wall": wall, "responsive": responsive, "drawn": drawn, "edges": edges, "search": search,
            "hubs": names.count("hub"), "groups": names.count("group"), **timings}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-g", "--graph", help="a paperkg graph file (default: a synthetic graph)")
    parser.add_argument("--nodes", type=int, default=2000, help="nodes in the synthetic graph and the page")
    parser.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES,
                        help=f"with -g: nodes kept in the page (default {DEFAULT_MAX_NODES}, as `paperkg viz`)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--screenshot", help="save a PNG of the settled page, before any search, here")
    args = parser.parse_args(argv)
    kg = load(args.graph) if args.graph else synthetic_graph(args.nodes)
    max_nodes = args.max_nodes if args.graph else args.nodes
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path = write_html(kg, Path(tmp) / "bench.html", max_nodes=max_nodes)
        written = time.perf_counter() - t0
        size = path.stat().st_size
        result = measure(path, args.chromium, args.screenshot)
    print(f"graph: {kg.nx.number_of_nodes():,} nodes, {kg.nx.number_of_edges():,} relations"
          f" -> page with {result['drawn']:,} nodes drawn, {result['edges']:,} edges ({size / 1e6:.1f} MB)")
    print(f"names at first view:  {result['hubs']} hubs, {result['groups']} groups (drawn at a readable size)")
    print(f"write_html:           {written:6.2f} s")
    print(f"first drawing:        {result['firstDraw'] / 1000:6.2f} s after navigation start")
    print(f"interactive:          {result['ready'] / 1000:6.2f} s after navigation start"
          f"  (goal < 5 s: {'ok' if result['ready'] < 5000 else 'MISSED'})")
    print(f"physics stopped:      {result['settled'] / 1000:6.2f} s after navigation start")
    print(f"wall clock to ready:  {result['wall']:6.2f} s (Playwright's view, includes its polling)")
    print(f"page round trip then: {result['responsive'] * 1000:6.0f} ms (just after it became interactive)")
    print(f"search -> focus:      {result['search'] * 1000:6.0f} ms (after physics stopped)")
    print("page timings (ms since navigation start):", {k: round(result[k]) for k in ("created", "firstDraw", "ready", "settled")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
