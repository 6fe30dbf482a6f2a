"""benchmarks/entity_audit.py: a judgeable file of the top and random entities per type, and its score table."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import entity_audit  # noqa: E402


@pytest.fixture(scope="module")
def examples_graph(examples_dir):
    import paperkg

    return paperkg.build([str(examples_dir)])


def test_the_file_lists_top_then_random_entities_of_every_type_with_evidence(examples_graph, tmp_path):
    out = tmp_path / "audit.tsv"
    n = entity_audit.write_audit(examples_graph, str(out), top=2, n_random=2, seed=0)
    rows = entity_audit.read_judged(str(out))
    assert len(rows) == n
    assert {r["type"] for r in rows} == {"Method", "Dataset", "Benchmark", "Task", "Metric"}
    methods = [r for r in rows if r["type"] == "Method"]
    assert [r["sample"] for r in methods] == ["top", "top", "random", "random"]
    assert int(methods[0]["papers"]) >= int(methods[1]["papers"])
    assert all(r["evidence"] and r["relation"] and r["paper"] for r in rows)
    assert all(r[v] == "" for r in rows for v in entity_audit.VERDICTS)
    # the same seed draws the same sample
    again = tmp_path / "again.tsv"
    entity_audit.write_audit(examples_graph, str(again), top=2, n_random=2, seed=0)
    assert again.read_text() == out.read_text()


def test_one_type_draws_the_rows_it_draws_among_all_types(examples_graph, tmp_path):
    every, one = tmp_path / "all.tsv", tmp_path / "task.tsv"
    entity_audit.write_audit(examples_graph, str(every), top=2, n_random=2, seed=0)
    entity_audit.write_audit(examples_graph, str(one), top=2, n_random=2, seed=0, types=("Task",))
    tasks = [r for r in entity_audit.read_judged(str(every)) if r["type"] == "Task"]
    assert entity_audit.read_judged(str(one)) == tasks


def test_score_counts_marked_verdicts_per_type_and_sample(examples_graph, tmp_path):
    out = tmp_path / "audit.tsv"
    entity_audit.write_audit(examples_graph, str(out), top=2, n_random=1, seed=0)
    rows = entity_audit.read_judged(str(out))
    methods = [r for r in rows if r["type"] == "Method"]
    methods[0]["not_entity"] = "x"
    methods[1]["bad_alias"] = "0"          # a 0 is not a mark
    methods[2]["relation_wrong"] = "yes"
    table = entity_audit.score(rows)
    assert table[("Method", "top")] == {"n": 2, "not_entity": 1, "bad_alias": 0, "relation_wrong": 0}
    assert table[("Method", "random")] == {"n": 1, "not_entity": 0, "bad_alias": 0, "relation_wrong": 1}
    text = entity_audit.score_table(rows)
    assert "| not an entity of that type | 1 / 0 |" in text


def test_strip_keeps_the_verdicts_and_drops_the_corpus_text(examples_graph, tmp_path):
    out, stripped = tmp_path / "audit.tsv", tmp_path / "verdicts.tsv"
    entity_audit.write_audit(examples_graph, str(out), top=1, n_random=0, seed=0)
    entity_audit.strip(str(out), str(stripped))
    rows = entity_audit.read_judged(str(stripped))
    assert rows and not {"evidence", "aliases", "name", "id"} & set(rows[0]) and "not_entity" in rows[0]
    assert entity_audit.score(rows) == entity_audit.score(entity_audit.read_judged(str(out)))
