"""The HTML page in a real browser (headless Chromium via Playwright), with every network request blocked.

Skips with the reason when Playwright or Chromium is absent (`.ci/run` installs Debian's chromium).
Screenshots go to `test-artifacts/` (gitignored).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from paperkg.viz import write_html
from paperkg.viz.network import paper_count, short_label
from tests.conftest import EXAMPLES, ROOT
from tests.test_viz import HOSTILE_NAME, HOSTILE_TITLE, sample_graph

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("PAPERKG_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium, or set PAPERKG_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


#: Runs in the page before its own scripts: records every text drawn on a canvas, where and how large it
#: is on the screen (CSS pixels), whoever draws it (vis-network's labels or the page's own).
CANVAS_TEXT_HOOK = """
window.__canvasText = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
  const m = this.getTransform(), ratio = window.devicePixelRatio || 1;
  const px = parseFloat(/([0-9.]+)px/.exec(this.font)[1]) * Math.hypot(m.a, m.b) / ratio;
  window.__canvasText.push({text: String(text), px: px, x: (m.a * x + m.c * y + m.e) / ratio,
                            y: (m.b * x + m.d * y + m.f) / ratio});
  return fillText.apply(this, arguments);
};
"""


class Visit:
    """One page opened offline: what it logged, fetched, alerted and opened, and the text it drew."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.add_init_script(CANVAS_TEXT_HOOK)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.popups: list = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.context.on("page", lambda popup: self.popups.append(popup))
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        # (wait_for_function would need 'unsafe-eval', which the page's Content-Security-Policy refuses)
        self.page.wait_for_selector("body[data-state=ready]", state="attached", timeout=30_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:") and not self.requests and route.request.resource_type == "document":
            self.requests.append(url)
            return route.continue_()
        self.requests.append(url)
        return route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def wait_until(self, expression: str, timeout: float = 10.0):
        """Poll ``expression`` until it is truthy (evaluated by the driver, so the page's CSP allows it)."""
        deadline = time.monotonic() + timeout
        while not self.js(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            self.page.wait_for_timeout(50)

    def drawn_ids(self) -> list[str]:
        return self.js("window.paperkg.network.body.nodeIndices.slice()")

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is on the screen (page coordinates)."""
        point = self.js("""id => {
            const net = window.paperkg.network, pos = net.getPositions([id])[id], dom = net.canvasToDOM(pos);
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y]; }""", node_id)
        return point[0], point[1]

    def painted_pixels(self) -> int:
        """Canvas pixels that are not background: proof that nodes were drawn."""
        return self.js("""() => {
            const c = document.querySelector('#graph canvas'), ctx = c.getContext('2d');
            const d = ctx.getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
            return n; }""")

    def readable_text(self, min_px: float = 12) -> set[str]:
        """Texts drawn since the last call, on the canvas's visible area, at least ``min_px`` high."""
        drawn = self.js("window.__canvasText.splice(0)")
        box = self.js("(() => { const c = document.querySelector('#graph canvas'); return [c.clientWidth, c.clientHeight]; })()")
        return {t["text"] for t in drawn if t["px"] >= min_px and 0 <= t["x"] <= box[0] and 0 <= t["y"] <= box[1]}

    def first_view_text(self, min_px: float = 12) -> set[str]:
        """What a person can read on the canvas when the page has settled, before touching anything."""
        self.page.wait_for_selector("body[data-physics=off]", state="attached", timeout=30_000)
        self.js("window.__canvasText.length = 0; window.paperkg.network.redraw()")
        return self.readable_text(min_px)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.wait_for_timeout(500)  # let a focus animation finish
        self.page.screenshot(path=str(path))
        return path

    def close(self):
        self.context.close()


@pytest.fixture()
def visit(browser, tmp_path):
    opened = []

    def open_page(kg, **options) -> Visit:
        page = Visit(browser, write_html(kg, tmp_path / f"page{len(opened)}.html", **options))
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()


def built_graph(*paths: Path):
    """Files or folders through the whole pipeline (readers -> extractors -> graph)."""
    from paperkg.pipeline import build

    return build([str(path) for path in paths])


@pytest.fixture(scope="module")
def daily_papers_graph(daily_papers_dir):
    """The Daily Papers pages built once for this module (353 papers)."""
    return built_graph(daily_papers_dir)


def top_hubs(kg, count: int) -> list[str]:
    """The names of the ``count`` entities joined to the most papers: what an overview must name."""
    entities = [n for n, label in kg.nx.nodes(data="label") if label not in ("Paper", "Author", "Result")]
    entities.sort(key=lambda n: (-paper_count(kg, n), n))
    return [short_label(kg.nx.nodes[n]) for n in entities[:count]]


def assert_hubs_named_at_first_view(page, kg, count: int):
    readable = page.first_view_text(min_px=12)
    missing = [name for name in top_hubs(kg, count) if name not in readable]
    assert not missing, f"hubs not named legibly (12 px or more) at the first view: {missing}"


def test_overview_names_its_hubs_and_groups_at_first_view(visit):
    kg = built_graph(EXAMPLES)
    page = visit(kg, title="paperkg examples")
    assert_hubs_named_at_first_view(page, kg, 5)
    summary = page.page.text_content("#summary")
    papers = sum(1 for _, label in kg.nx.nodes(data="label") if label == "Paper")
    assert summary.startswith(f"All {papers} papers and the ") and "coloured by type" in summary
    groups = page.js("window.paperkg.written().filter(w => w.kind === 'group').map(w => w.text)")
    assert len(groups) >= 3 and all(" \u00b7 " in name for name in groups)   # each named by its entities
    page.screenshot("examples-overview.png")


@pytest.mark.slow  # the whole pipeline over 353 papers first
def test_daily_papers_overview_names_its_hubs_at_first_view(visit, daily_papers_graph):
    page = visit(daily_papers_graph, title="Hugging Face Daily Papers")
    assert_hubs_named_at_first_view(page, daily_papers_graph, 10)
    summary = page.page.text_content("#summary")
    assert summary.startswith("The ") and " most connected entities of 353 papers and the " in summary
    assert len(page.drawn_ids()) <= 300                  # an overview, not every node


def test_focus_page_header_names_its_focus(visit):
    page = visit(sample_graph(), focus="GLUE", depth=2)
    summary = page.page.text_content("#summary")
    assert summary.startswith("GLUE (Benchmark) and its ") and "within 2 relations" in summary
    page.wait_until("window.paperkg.network.getSelectedNodes()[0] === 'data:glue'")
    assert "GLUE" in page.readable_text(min_px=12) | page.first_view_text(min_px=12)


@pytest.mark.slow  # the whole pipeline over 353 papers first
def test_daily_papers_page_renders_offline(visit, daily_papers_graph):
    kg = daily_papers_graph
    page = visit(kg, title="Hugging Face Daily Papers")
    assert page.js("document.querySelectorAll('#graph canvas').length") == 1
    assert len(page.drawn_ids()) > 100
    assert page.painted_pixels() > 5_000
    assert page.errors == [] and page.dialogs == []
    assert page.requests == [page.page.url]           # the page itself and nothing else
    legend = page.js("[...document.querySelectorAll('#legend-items label')].map(l => l.textContent)")
    assert any("Paper" in text for text in legend)
    page.page.wait_for_selector("body[data-physics=off]", state="attached", timeout=30_000)
    assert page.js("window.paperkg.timings.ready") < 10_000   # drawn and usable within seconds
    page.screenshot("daily-papers.png")                  # the first view (test above: its hubs are named)
    papers = [i for i in page.drawn_ids() if i.startswith("paper:")]
    page.page.fill("#search", page.js("id => window.paperkg.nodes.get(id).info.heading", papers[0]))
    page.page.press("#search", "Enter")
    page.page.wait_for_timeout(600)
    assert page.js("window.paperkg.network.getSelectedNodes()") == [papers[0]]
    page.screenshot("daily-papers-search.png")


def test_page_renders_offline_with_nodes_drawn(visit):
    page = visit(sample_graph())
    assert page.js("document.querySelectorAll('#graph canvas').length") == 1
    assert sorted(page.drawn_ids()) == sorted(  # authors and results start hidden
        n for n, a in sample_graph().nodes() if a["label"] not in ("Author", "Result"))
    assert page.painted_pixels() > 1_000
    page.page.wait_for_selector("body[data-physics=off]", state="attached", timeout=10_000)
    assert page.js("window.paperkg.network.physics.options.enabled") is False   # physics stops once stable
    assert page.errors == [] and page.dialogs == [] and len(page.requests) == 1
    page.screenshot("sample-graph.png")


def test_search_box_focuses_the_node_typed(visit):
    page = visit(sample_graph())
    page.page.wait_for_selector("body[data-physics=off]", state="attached", timeout=10_000)
    page.page.fill("#search", "cifar10")                     # an alias, in another spelling
    page.page.press("#search", "Enter")
    assert page.js("window.paperkg.network.getSelectedNodes()") == ["data:cifar10"]
    page.wait_until("""(() => {                 // the view ends framing it and its neighbours
        const net = window.paperkg.network, box = document.getElementById('graph').getBoundingClientRect();
        return ['data:cifar10', ...net.getConnectedNodes('data:cifar10')].every(id => {
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            return p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height; }) && net.getScale() >= 0.6; })()""")
    assert "CIFAR-10" in page.js("document.getElementById('details').textContent")
    page.page.fill("#search", "Ada Quill")                    # an author: its hidden type is switched on
    page.page.press("#search", "Enter")
    page.wait_until("window.paperkg.network.getSelectedNodes()[0] === 'author:adaquill'")
    assert page.js("document.querySelector('input[data-type=Author]').checked") is True
    page.page.fill("#search", "nothing like this")
    page.page.press("#search", "Enter")
    assert "No node named" in page.page.text_content("#status")


def test_type_checkboxes_hide_and_show_nodes(visit):
    page = visit(sample_graph())
    assert "data:cifar10" in page.drawn_ids()
    page.page.uncheck('input[data-type="Dataset"]')
    drawn = page.drawn_ids()
    assert "data:cifar10" not in drawn and "data:glue" in drawn           # GLUE is a Benchmark
    edges = page.js("window.paperkg.network.body.edgeIndices.map(i => window.paperkg.edges.get(i).to)")
    assert "data:cifar10" not in edges
    page.page.check('input[data-type="Dataset"]')
    assert "data:cifar10" in page.drawn_ids()
    page.page.check('input[data-type="Author"]')
    page.wait_until("window.paperkg.network.physics.options.enabled === false")
    assert "author:adaquill" in page.drawn_ids()
    assert page.errors == []


def test_hostile_titles_and_abstracts_stay_text(visit):
    page = visit(sample_graph())
    x, y = page.node_point("paper:id:evil")
    page.page.mouse.move(x, y)
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = page.js("document.querySelector('div.vis-tooltip').textContent")
    assert HOSTILE_TITLE in tooltip and "<script>alert(1)</script>" in tooltip and HOSTILE_NAME in tooltip
    page.screenshot("hostile-tooltip.png")
    page.page.mouse.click(x, y)
    assert HOSTILE_TITLE in page.page.text_content("#details")
    page.page.mouse.dblclick(x, y)                            # its url is javascript:, so nothing opens
    page.page.fill("#search", "</script>")
    page.page.press("#search", "Enter")
    page.page.wait_for_timeout(300)
    assert page.js("window.paperkg.network.getSelectedNodes()") == ["method:bold"]
    page.page.mouse.move(*page.node_point("method:bold"))
    page.page.wait_for_timeout(400)
    assert page.js("window.__pwned") is None
    assert page.js("document.querySelectorAll('img, svg, iframe, b, a[href^=javascript]').length") == 0
    assert page.dialogs == [] and page.popups == [] and page.errors == []


def test_double_click_opens_http_links_only(visit):
    page = visit(sample_graph())
    page.page.mouse.dblclick(*page.node_point("repo:github.com/ada/mobilenova"))
    for _ in range(50):                                        # on busy cores the popup can take a while
        if page.popups:
            break
        page.page.wait_for_timeout(100)
    assert len(page.popups) == 1
    assert "https://github.com/ada/mobilenova" in page.requests   # asked for, and blocked by the test


def test_focus_page_selects_the_focused_node(visit):
    page = visit(sample_graph(), focus="GLUE", depth=2)
    page.wait_until("window.paperkg.network.getSelectedNodes()[0] === 'data:glue'")
    assert "GLUE" in page.page.text_content("#details")
    assert "method:mobilenova" not in page.drawn_ids()


def test_notebook_iframe_draws_the_same_page(browser, tmp_path):
    from paperkg.viz import render_html
    from paperkg.viz.notebook import iframe_html

    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><meta charset=utf-8><body>" + iframe_html(render_html(sample_graph())),
                    encoding="utf-8")
    context = browser.new_context()
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url == host.as_uri() else route.abort())
        page = context.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe")
        frame.locator("body[data-state=ready]").wait_for(state="attached", timeout=30_000)
        assert frame.locator("#graph canvas").count() == 1
        assert frame.locator("#legend-items li").count() == 9
        assert errors == []
    finally:
        context.close()


def test_names_that_are_javascript_property_names_are_just_names(visit):
    from paperkg.graph.store import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.add_node("paper:id:1", "Paper", "Paper One", title="Paper One")
    for name in ("constructor", "__proto__", "toString", "hasOwnProperty"):
        kg.add_node(f"method:{name}", "Method", name, aliases=[name.upper()])
        kg.add_edge("paper:id:1", f"method:{name}", "MENTIONS")
    kg.add_node("odd:1", "__proto__", "odd label")                # an unknown label, spelled as a property
    kg.add_edge("paper:id:1", "odd:1", "MENTIONS")
    page = visit(kg)
    for name in ("constructor", "__proto__", "toString"):
        page.page.fill("#search", name)
        page.page.press("#search", "Enter")
        page.wait_until(f"window.paperkg.network.getSelectedNodes()[0] === 'method:{name}'")
    assert "odd:1" in page.drawn_ids()
    assert page.errors == []
