"""`paperkg stats` and `paperkg show` on a graph file, and stats on the real Daily Papers corpus."""

from __future__ import annotations

import json

import pytest

from paperkg.cli import main
from paperkg.graph import build_graph
from tests.test_graph_store import corpus


@pytest.fixture()
def graph_file(tmp_path):
    path = tmp_path / "graph.json"
    build_graph(corpus()).save(path)
    return str(path)


def test_stats_counts_labels_relations_and_inferred_citations(graph_file, capsys):
    assert main(["stats", "-g", graph_file]) == 0
    out = capsys.readouterr().out
    assert "Paper" in out and "Method" in out and "EVALUATES_ON" in out
    assert "CITES inferred (mention)" in out and "stub papers" in out
    assert main(["stats", "-g", graph_file, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["nodes"]["Paper"] == 5 and stats["details"]["stub papers (cited, not in the corpus)"] == 1
    assert stats["details"]["CITES inferred (mention)"] >= 1


def test_show_a_node_by_alias_with_relations_and_the_sentence(graph_file, capsys):
    assert main(["show", "lra", "-g", graph_file]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Long Range Arena  [Benchmark]  data:longrangearena")
    assert "aliases: LRA" in out and "<- EVALUATES_ON (2)" in out
    assert '"We test on FooScenes and the Long Range Arena (LRA) benchmark."' in out


def test_show_a_paper_by_key(graph_file, capsys):
    assert main(["show", "arxiv:2502.00002", "-g", graph_file]) == 0
    out = capsys.readouterr().out
    assert "-> INTRODUCES (1)" in out and "-> CITES (1)" in out and "source=explicit" in out


def test_show_an_unknown_node_is_one_error_line(graph_file, capsys):
    assert main(["show", "NoSuchThing", "-g", graph_file]) == 2
    assert capsys.readouterr().err.startswith("paperkg: error: no node named 'NoSuchThing'")


def test_stats_on_a_missing_graph_file(tmp_path, capsys):
    assert main(["stats", "-g", str(tmp_path / "none.json")]) == 2
    assert "no such graph file" in capsys.readouterr().err


@pytest.mark.slow
def test_stats_on_the_daily_papers_corpus(daily_papers_dir, tmp_path, capsys):
    from paperkg.pipeline import build

    path = tmp_path / "daily.json"
    build([str(daily_papers_dir)], output=path)
    assert main(["stats", "-g", str(path), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["details"]["papers in the corpus"] == 353
    assert {"Paper", "Method", "Dataset", "Repository"} <= set(stats["nodes"])
    assert {"PROPOSES", "MENTIONS", "EVALUATES_ON", "HAS_CODE", "CITES"} <= set(stats["relations"])
    assert stats["details"]["CITES inferred (mention)"] >= 1
    assert main(["show", "NeuS", "-g", str(path)]) == 0
    assert "<- PROPOSES (1)" in capsys.readouterr().out


def test_show_a_task_phrase_one_paper_keeps_names_that_paper(tmp_path, capsys):
    records = tmp_path / "papers.jsonl"
    records.write_text(json.dumps({"arxiv_id": "2501.00061", "title": "Wombat Counting from Drone Images",
                                   "abstract": "Wombat counting aims to estimate how many wombats live here."}) + "\n")
    graph = str(tmp_path / "g.db")
    assert main(["build", str(records), "-o", graph]) == 0
    capsys.readouterr()
    assert main(["show", "wombat counting", "-g", graph]) == 2
    assert "it is a task phrase kept on paper:arxiv:2501.00061" in capsys.readouterr().err
    assert main(["show", "arxiv:2501.00061", "-g", graph]) == 0
    assert "task_phrases: wombat counting" in capsys.readouterr().out
