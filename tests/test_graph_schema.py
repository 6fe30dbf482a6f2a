"""The schema in graph/schema.py is the whole truth: a built graph uses no label, relation or property outside it."""

from paperkg.graph.schema import NODE_PROPERTIES, RELATIONS, Label, Rel
from paperkg.pipeline import build


def test_every_node_and_relation_of_a_built_graph_is_in_the_schema(examples_dir):
    kg = build([str(examples_dir)])
    labels = {label.value: label for label in Label}
    for node_id, attrs in kg.nodes():
        label = labels[attrs["label"]]
        assert set(attrs) - {"label", "name"} <= set(NODE_PROPERTIES[label]), node_id
    for source, target, rel, attrs in kg.edges():
        relation = RELATIONS[Rel(rel)]
        assert kg.node(source)["label"] in relation.sources, (source, rel)
        assert kg.node(target)["label"] in relation.targets, (target, rel)
        assert set(attrs) - {"type"} <= set(relation.properties), (source, rel, target)


def test_the_example_graph_uses_every_kind_of_node_it_can(examples_dir):
    counts = build([str(examples_dir)]).counts()
    assert {"Paper", "Method", "Dataset", "Task", "Metric", "Repository", "Author"} <= set(counts["nodes"])
    assert {"PROPOSES", "MENTIONS", "EVALUATES_ON", "CITES", "HAS_CODE", "WROTE"} <= set(counts["relations"])
