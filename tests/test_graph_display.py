"""How a graph shows itself to people and other tools: Python's len/in/iter/repr, Jupyter, Gephi's labels."""

from __future__ import annotations

import networkx as nx

from paperkg.graph import build_graph, export
from tests.test_graph_store import corpus


def test_graphml_labels_a_node_with_its_name_and_keeps_its_type_apart(tmp_path):
    export(build_graph(corpus()), "graphml", tmp_path / "g.graphml")
    plain = nx.read_graphml(tmp_path / "g.graphml")
    node = plain.nodes["method:neuralfoo"]
    assert node["label"] == "NeuralFoo"  # what Gephi writes on the node
    assert node["paperkg_label"] == "Method"
    assert plain.nodes["paper:arxiv:2501.00001"]["label"] == plain.nodes["paper:arxiv:2501.00001"]["name"]


def test_gexf_labels_a_node_the_same_way(tmp_path):
    export(build_graph(corpus()), "gexf", tmp_path / "g.gexf")
    plain = nx.read_gexf(tmp_path / "g.gexf")
    assert plain.nodes["method:neuralfoo"]["label"] == "NeuralFoo"
    assert plain.nodes["method:neuralfoo"]["paperkg_label"] == "Method"


def test_a_graph_has_a_length_membership_and_iterates_over_node_ids_like_networkx():
    kg = build_graph(corpus())
    assert len(kg) == kg.nx.number_of_nodes() > 0
    assert "data:cifar10" in kg and "data:nothing" not in kg and ["unhashable"] not in kg
    assert sorted(kg) == sorted(kg.nx.nodes)


def test_repr_says_what_the_graph_holds():
    kg = build_graph(corpus())
    papers = kg.counts()["nodes"]["Paper"]
    relations = sum(kg.counts()["relations"].values())
    assert repr(kg) == f"<KnowledgeGraph: {papers} papers, {len(kg)} nodes, {relations} relations>"


def test_jupyter_shows_counts_and_the_entities_most_papers_share_escaped():
    lines = corpus()
    lines[2]["entities"].append({"type": "dataset", "name": "<b>Evil</b> & Co", "aliases": [], "mentions": []})
    kg = build_graph(lines)
    page = kg._repr_html_()
    assert "<td>Paper</td><td>5</td>" in page and "<td>CITES</td>" in page
    assert "FooScenes (2)" in page  # two papers use it: it leads the datasets
    assert "<b>Evil</b>" not in page and "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in page
    assert kg.top_entities("Dataset", 1) == [("data:fooscenes", "FooScenes", 2)]
