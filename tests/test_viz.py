"""The HTML page (`paperkg.viz`, `paperkg viz`): self-contained, escaped, legend, selection, notebook."""

from __future__ import annotations

import html
import json
import os
import re

import pytest

from paperkg.cli import main
from paperkg.errors import PaperkgError
from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph
from paperkg.viz import page_data, render_html, select_nodes, write_html
from paperkg.viz.network import node_url, short_label, web_url
from paperkg.viz.notebook import iframe_html

#: Text an attacker could put in a title or an abstract: it must reach the reader as these characters.
HOSTILE_TITLE = ('Sneaky</script><script>window.__pwned="script"</script> '
                 '<img src=x onerror="window.__pwned=\'img\'"> <a href="javascript:window.__pwned=\'a\'">href</a>')
HOSTILE_ABSTRACT = ('We show <!-- a comment --> and <script>alert(1)</script> & friends.\u2028Next line\u2029 '
                    '<svg onload="window.__pwned=\'svg\'"></svg> href=javascript:alert(2) ' + "long text " * 60)
HOSTILE_NAME = '<b onmouseover="window.__pwned=\'name\'">Bold</b>\u2028Net'


def sample_graph() -> KnowledgeGraph:
    """Four papers, entities of every kind, authors, a result, and hostile strings everywhere."""
    kg = KnowledgeGraph()
    kg.add_node("paper:arxiv:2501.00001", Label.PAPER, "MobileNova: Efficient Vision Backbones for Phones",
                title="MobileNova: Efficient Vision Backbones for Phones", year=2025, arxiv_id="2501.00001",
                abstract="We propose MobileNova, evaluated on CIFAR-10 with top-1 accuracy.",
                authors=["Ada Quill", "Ben Ortiz"])
    kg.add_node("paper:id:evil", Label.PAPER, HOSTILE_TITLE, title=HOSTILE_TITLE, abstract=HOSTILE_ABSTRACT,
                url="javascript:window.__pwned='url'", authors=[HOSTILE_NAME])
    kg.add_node("paper:doi:10.1000/xyz", Label.PAPER, "Graph Priors for Retrieval", title="Graph Priors for Retrieval",
                doi="10.1000/xyz", url="https://example.org/paper")
    kg.add_node("paper:id:lonely", Label.PAPER, "A Lonely Note", title="A Lonely Note")
    kg.add_node("method:mobilenova", Label.METHOD, "MobileNova", aliases=["MNova"])
    kg.add_node("method:bold", Label.METHOD, HOSTILE_NAME, aliases=["</script>"])
    kg.add_node("data:cifar10", Label.DATASET, "CIFAR-10", aliases=["CIFAR10", "cifar"])
    kg.add_node("data:glue", Label.BENCHMARK, "GLUE")
    kg.add_node("task:classification", Label.TASK, "image classification")
    kg.add_node("metric:top1", Label.METRIC, "top-1 accuracy")
    kg.add_node("repo:github.com/ada/mobilenova", Label.REPOSITORY, "github.com/ada/mobilenova")
    kg.add_node("author:adaquill", Label.AUTHOR, "Ada Quill")
    kg.add_node("result:arxiv:2501.00001:0", Label.RESULT, "MobileNova CIFAR-10 top-1 97.1%", value="97.1%",
                method="MobileNova", dataset="CIFAR-10", metric="top-1 accuracy")
    a, evil, doi = "paper:arxiv:2501.00001", "paper:id:evil", "paper:doi:10.1000/xyz"
    for source, target, rel in [
        (a, "method:mobilenova", Rel.PROPOSES), (a, "data:cifar10", Rel.EVALUATES_ON),
        (a, "task:classification", Rel.ADDRESSES), (a, "metric:top1", Rel.REPORTS),
        (a, "repo:github.com/ada/mobilenova", Rel.HAS_CODE), ("author:adaquill", a, Rel.WROTE),
        (a, "result:arxiv:2501.00001:0", Rel.HAS_RESULT), ("result:arxiv:2501.00001:0", "method:mobilenova", Rel.RESULT_OF),
        (evil, "method:mobilenova", Rel.MENTIONS), (evil, "method:bold", Rel.PROPOSES), (evil, a, Rel.CITES),
        (evil, "data:cifar10", Rel.EVALUATES_ON), (doi, "data:cifar10", Rel.EVALUATES_ON),
        (doi, "data:glue", Rel.EVALUATES_ON), (doi, "task:classification", Rel.ADDRESSES),
    ]:
        kg.add_edge(source, target, rel)
    return kg


def embedded_data(page: str) -> dict:
    """The graph JSON block of a page, parsed."""
    match = re.search(r'<script id="paperkg-data" type="application/json">(.*?)</script>', page, re.S)
    assert match, "the page has no graph data block"
    return json.loads(match.group(1))


@pytest.fixture()
def page(tmp_path) -> str:
    path = write_html(sample_graph(), tmp_path / "graph.html")
    return path.read_text(encoding="utf-8")


def test_page_is_one_self_contained_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_html(sample_graph(), tmp_path / "out" / "graph.html")
    assert sorted(os.listdir(tmp_path)) == ["out"]            # no lib/ folder beside it (pyvis "local" mode)
    assert os.listdir(tmp_path / "out") == ["graph.html"]     # no temporary file left behind
    text = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text, re.I)
    assert not [t for t in tags if re.search(r"\b(src|href)\s*=", t, re.I)]
    assert not re.search(r"<link\b", text, re.I)
    assert "cdn" not in " ".join(tags).lower() and "bootstrap" not in text.lower()
    assert "sourceMappingURL" not in text
    assert "vis.Network" in text and "vis-network" in text   # vis-network itself is inlined
    assert "default-src 'none'" in text                     # and the browser may fetch nothing at all


def test_hostile_strings_are_inert_json_and_come_back_unchanged(page):
    block = page.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    for raw in ("</script", "<script>alert", "<img src=x", "<svg", "<!--", "<b onmouseover", "\u2028", "\u2029"):
        assert raw not in block
    assert page.count("</script>") == 3  # the data block, vis-network, the viewer: nothing else closes a script
    data = embedded_data(page)
    evil = next(n for n in data["nodes"] if n["id"] == "paper:id:evil")
    assert evil["info"]["heading"] == HOSTILE_TITLE
    assert evil["info"]["excerpt"].startswith("We show <!-- a comment --> and <script>alert(1)</script> & friends. Next")
    assert ["Authors", HOSTILE_NAME] in evil["info"]["facts"]
    assert "url" not in evil["info"]                        # a javascript: URL is dropped, not linked
    assert "title" not in evil                              # pyvis's HTML tooltips are never used
    assert HOSTILE_TITLE in evil["search"] and "</script>" in next(n for n in data["nodes"] if n["id"] == "method:bold")["search"]


def test_title_is_escaped_in_the_head(tmp_path):
    text = write_html(sample_graph(), tmp_path / "g.html", title="<script>x</script> & co").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;x&lt;/script&gt; &amp; co</title>" in text


def test_legend_lists_present_types_with_authors_and_results_unticked(page):
    legend = {entry["type"]: entry for entry in embedded_data(page)["legend"]}
    assert list(legend) == ["Paper", "Method", "Dataset", "Benchmark", "Task", "Metric", "Repository", "Author", "Result"]
    assert legend["Paper"]["count"] == 4 and legend["Method"]["count"] == 2
    assert not legend["Author"]["shown"] and not legend["Result"]["shown"]
    assert legend["Dataset"]["shown"] and legend["Dataset"]["shape"] != legend["Method"]["shape"]
    assert len({entry["color"] for entry in legend.values()}) == len(legend)


def test_nodes_have_type_style_size_and_short_labels(page):
    nodes = {n["id"]: n for n in embedded_data(page)["nodes"]}
    assert nodes["data:cifar10"]["value"] == 1 + 3              # three papers evaluate on it
    assert nodes["paper:id:lonely"]["value"] == 1                # a paper's size is its citation links
    assert nodes["paper:arxiv:2501.00001"]["value"] == 1 + 1     # cited by one paper, however many entities
    assert nodes["data:cifar10"]["value"] > nodes["data:glue"]["value"]
    assert nodes["paper:arxiv:2501.00001"]["label"] == "MobileNova"   # the short name before the colon
    assert all(len(n["label"]) <= 32 for n in nodes.values())
    assert nodes["method:mobilenova"]["shape"] == "diamond" and nodes["data:cifar10"]["shape"] == "square"


def test_urls_are_http_only():
    assert web_url("https://github.com/a/b") == "https://github.com/a/b"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "//evil.example", "ftp://x.org/f",
                'https://x.org/"onmouseover="x', " vbscript:msgbox"):
        assert web_url(bad) is None, bad
    assert node_url({"label": "Paper", "arxiv_id": "2501.00001"}) == "https://arxiv.org/abs/2501.00001"
    assert node_url({"label": "Paper", "doi": "10.1000/xyz"}) == "https://doi.org/10.1000/xyz"
    assert node_url({"label": "Paper", "url": "javascript:x", "doi": "10.1/a"}) == "https://doi.org/10.1/a"
    assert node_url({"label": "Repository", "name": "github.com/ada/mobilenova"}) == "https://github.com/ada/mobilenova"
    assert node_url({"label": "Method", "name": "X"}) is None


def test_short_labels():
    assert short_label({"label": "Paper", "name": "Tiny: A Long Subtitle"}) == "Tiny"
    long = short_label({"label": "Task", "name": "an extremely long task name that goes on and on forever"})
    assert len(long) <= 32 and long.endswith("\u2026")


def test_max_nodes_keeps_the_most_connected_and_ranks_authors_last():
    kg = sample_graph()
    assert select_nodes(kg, max_nodes=2) == ["paper:arxiv:2501.00001", "paper:id:evil"]
    data = page_data(kg, max_nodes=5)
    assert len(data["nodes"]) == 5 and data["total"]["nodes"] == 13
    kept = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in kept and e["to"] in kept for e in data["edges"])
    everything = select_nodes(kg, max_nodes=0)
    assert len(everything) == 13 and set(everything[-2:]) == {"author:adaquill", "result:arxiv:2501.00001:0"}


def test_focus_and_depth_draw_a_neighbourhood():
    kg = sample_graph()
    assert set(select_nodes(kg, focus="data:glue", depth=1)) == {"data:glue", "paper:doi:10.1000/xyz"}
    two = select_nodes(kg, focus="GLUE", depth=2)
    assert two[0] == "data:glue" and {"data:cifar10", "task:classification"} <= set(two)
    assert "method:mobilenova" not in two
    assert select_nodes(kg, focus="cifar10", depth=0) == ["data:cifar10"]   # by alias, any case/punctuation
    data = page_data(kg, focus="Ada Quill", depth=1)                         # an author: its type is shown
    assert data["focus"] == "author:adaquill"
    assert next(e for e in data["legend"] if e["type"] == "Author")["shown"]


def test_bad_focus_or_limits_are_clear_errors(tmp_path):
    kg = sample_graph()
    target = tmp_path / "g.html"
    target.write_text("previous page", encoding="utf-8")
    with pytest.raises(PaperkgError, match="no node"):
        write_html(kg, target, focus="NoSuchThing")
    assert target.read_text(encoding="utf-8") == "previous page"   # an error leaves the old page alone
    kg.add_node("task:cifar10", Label.TASK, "CIFAR 10")
    with pytest.raises(PaperkgError, match="names 2 nodes"):
        select_nodes(kg, focus="CIFAR-10")
    with pytest.raises(PaperkgError, match="--depth"):
        select_nodes(kg, focus="GLUE", depth=-1)


def test_empty_graph_still_makes_a_page(tmp_path):
    data = embedded_data(write_html(KnowledgeGraph(), tmp_path / "e.html").read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["legend"] == []


def test_cli_writes_the_page(tmp_path, capsys):
    graph = tmp_path / "graph.json"
    sample_graph().save(graph)
    out = tmp_path / "page.html"
    assert main(["viz", "-g", str(graph), "-o", str(out), "--focus", "CIFAR-10", "--depth", "1", "--max-nodes", "3"]) == 0
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 3 and data["nodes"][0]["id"] == "data:cifar10"
    assert main(["viz", "-g", str(tmp_path / "missing.json"), "-o", str(out)]) == 2
    assert "paperkg: error:" in capsys.readouterr().err


def test_notebook_iframe_escapes_the_whole_page():
    page = render_html(sample_graph())
    frame = iframe_html(page)
    assert frame.count("<") == 2 and frame.startswith("<iframe srcdoc=")   # only the iframe's own tags
    assert html.unescape(frame.split('srcdoc="', 1)[1].split('" style=', 1)[0]) == page


def test_show_displays_inline(monkeypatch):
    display = pytest.importorskip("IPython.display")
    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    from paperkg.viz import show

    widget = show(sample_graph(), focus="GLUE")
    assert shown == [widget] and widget.data.startswith("<iframe srcdoc=")


def test_layout_is_deterministic_and_keeps_neighbours_close():
    from paperkg.viz.layout import layout

    kg = sample_graph()
    ranked = select_nodes(kg)
    first, again = layout(kg, ranked), layout(kg, ranked)
    assert first == again and set(first) == set(ranked)
    repo = "repo:github.com/ada/mobilenova"

    def distance(a, b):
        return ((first[a][0] - first[b][0]) ** 2 + (first[a][1] - first[b][1]) ** 2) ** 0.5

    others = sorted(distance(repo, n) for n in ranked if n != repo)
    assert distance(repo, "paper:arxiv:2501.00001") <= others[len(others) // 2]   # beside its only neighbour
    hidden = layout(kg, ranked, hidden={"author:adaquill"})  # a hidden node is placed last, beside its paper
    assert set(hidden) == set(ranked)


def test_show_without_ipython_says_what_to_use(monkeypatch):
    import sys

    from paperkg.viz import show

    monkeypatch.setitem(sys.modules, "IPython.display", None)   # as if IPython were not installed
    with pytest.raises(PaperkgError, match="write_html"):
        show(sample_graph())


def test_layout_mode_follows_page_size():
    from paperkg.viz.network import layout_mode

    assert layout_mode(10) == "stabilize"      # vis-network settles a small page before drawing it
    assert layout_mode(1500) == "fixed"        # the Python layout as it is: responsive at once
    assert layout_mode(10_000) == "relax"      # too big to refine: physics for a few seconds
    data = page_data(sample_graph())
    assert data["layout"] == "stabilize" and data["options"]["physics"]["stabilization"]["enabled"]


def test_script_json_escapes_what_could_end_or_break_a_script():
    from paperkg.viz.page import script_json

    text = script_json({"t": "</script><!-- & \u2028\u2029 <b>"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 <b>"}


def test_huge_strings_are_cut_in_the_page():
    kg = KnowledgeGraph()
    kg.add_node("paper:id:big", Label.PAPER, "T" * 10, title="word " * 200_000, abstract="a " * 500_000,
                authors=["N" * 5000])
    node = page_data(kg)["nodes"][0]
    assert len(node["info"]["heading"]) <= 300 and len(node["info"]["excerpt"]) <= 320
    assert all(len(value) <= 300 for _, value in node["info"]["facts"])
    assert all(len(key) <= 300 for key in node["search"])


def test_the_overview_keeps_the_papers_that_join_the_hubs_not_only_hubs():
    # 30 datasets, each used by 20 papers, and 60 papers using 10 of them: by degree alone the 30
    # datasets would fill a 30-node page and draw no relation at all.
    from paperkg.graph.store import KnowledgeGraph

    kg = KnowledgeGraph()
    for d in range(30):
        kg.add_node(f"data:d{d}", "Dataset", f"D{d}")
    for p in range(60):
        kg.add_node(f"paper:p{p}", "Paper", f"P{p}")
        for d in range(10):
            kg.add_edge(f"paper:p{p}", f"data:d{(p + d) % 30}", "EVALUATES_ON")
    data = page_data(kg, max_nodes=30)
    labels = {n["id"]: n["id"].split(":")[0] for n in data["nodes"]}
    assert list(labels.values()).count("data") == 10 and list(labels.values()).count("paper") == 20
    assert len(data["edges"]) >= 20


def test_header_says_what_the_overview_shows_and_how_it_was_picked():
    kg = sample_graph()
    assert page_data(kg)["summary"].startswith("All 4 papers and the 7 entities they name, coloured by type")
    truncated = page_data(kg, max_nodes=6)["summary"]
    assert truncated.startswith("The 2 most connected entities of 4 papers and the 4 papers linking the most of them")


def test_focus_header_names_the_focus_escaped(tmp_path):
    kg = sample_graph()
    assert page_data(kg, focus="cifar10", depth=1)["summary"] == (
        "CIFAR-10 (Dataset) and its 3 neighbours within 1 relation, coloured by type")
    assert page_data(kg, focus="GLUE", depth=2, max_nodes=3)["summary"].startswith(
        "GLUE (Benchmark) and the 2 nearest of its ")
    text = write_html(kg, tmp_path / "g.html", focus="method:bold").read_text(encoding="utf-8")
    header = text.split('<span id="summary">', 1)[1].split("</span>", 1)[0]
    assert "<b" not in header and header.startswith("&lt;b onmouseover=")


def test_hubs_are_the_entities_most_papers_name_and_the_focus_first():
    kg = sample_graph()
    assert page_data(kg)["hubs"] == ["data:cifar10", "method:mobilenova", "task:classification"]
    assert page_data(kg, focus="GLUE", depth=2)["hubs"][0] == "data:glue"


def test_overview_groups_are_named_by_their_entities_and_drawn_together():
    from paperkg.viz.layout import layout

    # two topics of 8 papers each, joined by one paper using both
    kg = KnowledgeGraph()
    for topic, names in {"v": ["ViT", "ImageNet-1K", "top-1 accuracy"], "t": ["BERT", "GLUE", "F1"]}.items():
        for name in names:
            kg.add_node(f"method:{topic}{name}", Label.METHOD, name)
        for p in range(8):
            kg.add_node(f"paper:{topic}{p}", Label.PAPER, f"{topic} paper {p}")
            for name in names[: 1 + p % 3]:
                kg.add_edge(f"paper:{topic}{p}", f"method:{topic}{name}", Rel.MENTIONS)
    kg.add_edge("paper:v0", "method:tBERT", Rel.MENTIONS)
    data = page_data(kg)
    assert sorted(g["name"] for g in data["groups"]) == ["BERT \u00b7 GLUE", "ViT \u00b7 ImageNet-1K"]
    assert "shaded in 2 groups" in data["summary"]
    community = {n["id"]: n["community"] for n in data["nodes"]}
    assert community["paper:v3"] == community["method:vViT"] != community["method:tBERT"]
    ids = [n["id"] for n in data["nodes"]]
    pos = layout(kg, ids, community=community)

    def mean_distance(pairs):
        pairs = list(pairs)
        return sum(((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5 for a, b in pairs) / len(pairs)

    inside = mean_distance((a, b) for a in ids for b in ids if a < b and community[a] == community[b])
    across = mean_distance((a, b) for a in ids for b in ids if a < b and community[a] != community[b])
    assert across > 1.5 * inside


def test_default_page_is_an_overview_not_every_node():
    from paperkg.viz import DEFAULT_MAX_NODES

    assert DEFAULT_MAX_NODES <= 400
    assert page_data(sample_graph(), focus="GLUE")["groups"] == []   # a focus page is read round its focus


def test_a_paper_shows_the_task_phrases_no_other_paper_shares():
    from paperkg.commands.show import describe
    from paperkg.viz.network import node_info

    kg = KnowledgeGraph()
    kg.add_node("paper:a", Label.PAPER, "Wombats", title="Wombats", task_phrases=["wombat counting"],
                task_phrase_details=['{"aliases":[],"mentions":[]}'])
    assert ["Also works on", "wombat counting"] in node_info(kg, "paper:a", kg.nx.nodes["paper:a"])["facts"]
    lines = describe(kg, "paper:a")
    assert "  task_phrases: wombat counting" in lines and not any("task_phrase_details" in line for line in lines)
