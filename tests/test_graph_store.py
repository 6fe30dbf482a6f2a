"""The graph file (versioned JSON), incremental builds, and exports that read back equal."""

from __future__ import annotations

import json

import pytest

from paperkg.errors import PaperkgError
from paperkg.extractors import corpus_pass
from paperkg.graph import KnowledgeGraph, build_graph, export, lines_from_graph, load
from paperkg.graph.exports import read_csv, read_gexf, read_graphml
from tests.test_graph_build import ent, paper


def corpus() -> list[dict]:
    """Papers with every kind of node and relation, citations explicit and inferred, a stub and a result."""
    return [
        paper("arxiv:2501.00001", "NeuralFoo: fast rendering",
              "We propose NeuralFoo; code at github.com/ann/neuralfoo.",
              ent("method", "NeuralFoo", proposed=True), ent("code", "github.com/ann/neuralfoo"),
              date="2025-01-03", authors=[{"name": "Ann Lee", "orcid": "0000-0001-0000-0001"}, {"name": "Bo Wu"}],
              categories=["cs.CV", "cs.GR"], references=["doi:10.1/outside"]),
        paper("arxiv:2502.00002", "FooScenes: a dataset of scenes",
              "We introduce FooScenes; NeuralFoo gets 31.2 PSNR on it; see arXiv:2501.00001.",
              ent("dataset", "FooScenes", introduced=True), ent("method", "NeuralFoo"), ent("metric", "PSNR"),
              results=[{"method": "NeuralFoo", "dataset": "FooScenes", "metric": "PSNR", "value": "31.2",
                        "start": 40, "end": 60, "rule": "result_on"}], date="2025-02-10", year=2025),
        paper("arxiv:2503.00003", "Benchmarks", "We test on FooScenes and the Long Range Arena (LRA) benchmark.",
              ent("dataset", "FooScenes"), ent("benchmark", "Long Range Arena", "LRA"), date="2025-03-01"),
        paper("arxiv:2504.00004", "More", "LRA results, and CIFAR10 for classification.", ent("benchmark", "LRA"),
              ent("dataset", "CIFAR10"), ent("task", "classification"), date="2025-04-01"),
    ]


def test_save_and_load_give_the_same_graph(tmp_path):
    kg = build_graph(corpus())
    kg.save(tmp_path / "g.json")
    again = load(tmp_path / "g.json")
    assert again == kg
    cites = [a for _, _, _, a in again.edges("CITES")]
    assert {a["source"] for a in cites} == {"explicit", "mention"}


def test_a_file_from_another_version_gives_one_clear_message(tmp_path):
    kg = build_graph(corpus())
    kg.save_json(tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text())
    data["version"] = 999
    (tmp_path / "old.json").write_text(json.dumps(data))
    with pytest.raises(PaperkgError, match=r"graph file version 999 .* rebuild it with `paperkg build`"):
        load(tmp_path / "old.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(PaperkgError, match="not a paperkg graph file"):
        load(tmp_path / "bad.json")
    with pytest.raises(PaperkgError, match="no such graph file"):
        load(tmp_path / "absent.json")


def test_lines_from_graph_rebuild_the_same_graph():
    kg = build_graph(corpus())
    assert build_graph(lines_from_graph(kg)) == kg


@pytest.mark.parametrize("split", [1, 2, 3])
def test_building_a_then_adding_b_equals_building_a_and_b(tmp_path, split):
    lines = corpus()
    together = build_graph(corpus_pass(lines))
    first = build_graph(corpus_pass(lines[:split]))
    first.save(tmp_path / "a.json")
    added = build_graph(corpus_pass(lines_from_graph(load(tmp_path / "a.json")) + lines[split:]))
    assert added == together


def test_corpus_mentions_are_dropped_from_lines_from_graph():
    line = paper("arxiv:2501.00001", "T", "We use FooNet.", ent("method", "FooNet", rule="corpus_name"),
                 ent("method", "BarNet"))
    line["entities"][1]["mentions"] = [{"start": 0, "end": 1, "text": "T", "rule": "title"}]
    back = lines_from_graph(build_graph([line]))
    assert [e["name"] for e in back[0]["entities"]] == ["BarNet"]


@pytest.mark.parametrize("fmt, reader", [("graphml", read_graphml), ("gexf", read_gexf)])
def test_graphml_and_gexf_read_back_equal(tmp_path, fmt, reader):
    kg = build_graph(corpus())
    path = tmp_path / f"g.{fmt}"
    assert export(kg, fmt, path) == [str(path)]
    again = reader(path)
    if fmt == "gexf":
        again.meta = kg.meta  # GEXF keeps no graph attributes
    assert again == kg


def test_graphml_is_plain_graphml_for_other_tools(tmp_path):
    import networkx as nx

    export(build_graph(corpus()), "graphml", tmp_path / "g.graphml")
    plain = nx.read_graphml(tmp_path / "g.graphml")
    assert json.loads(plain.nodes["method:neuralfoo"]["papers"]) == ["paper:arxiv:2501.00001",
                                                                      "paper:arxiv:2502.00002"]


def test_csv_export_is_in_the_neo4j_admin_import_layout_and_loads_back(tmp_path):
    kg = build_graph(corpus())
    files = export(kg, "csv", tmp_path / "csv")
    names = sorted(p.rsplit("/", 1)[1] for p in files)
    assert "nodes_Paper.csv" in names and "rels_CITES.csv" in names and "import.sh" in names
    header = (tmp_path / "csv" / "nodes_Method.csv").read_text().splitlines()[0].split(",")
    assert header[0] == "id:ID" and header[-1] == ":LABEL" and "aliases:string[]" not in header[:1]
    rels = (tmp_path / "csv" / "rels_PROPOSES.csv").read_text().splitlines()[0].split(",")
    assert rels[:3] == [":START_ID", ":END_ID", ":TYPE"] and "spans:long[]" in rels and "count:long" in rels
    assert "--array-delimiter=U+001F" in (tmp_path / "csv" / "import.sh").read_text()
    again = read_csv(tmp_path / "csv")
    again.meta = kg.meta
    assert again == kg


def test_unknown_export_format():
    with pytest.raises(PaperkgError, match="unknown export format"):
        export(KnowledgeGraph(), "dot", "x.dot")


def test_the_graph_does_not_depend_on_input_order():
    lines = corpus()
    assert build_graph(lines[::-1]) == build_graph(lines)
    assert build_graph(lines[1:] + lines[:1]) == build_graph(lines)
