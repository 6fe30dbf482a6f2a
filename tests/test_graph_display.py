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
