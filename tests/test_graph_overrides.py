"""The curation file: merge, split, rename and block, applied by every build (TOML or JSON)."""

from __future__ import annotations

import json

import pytest

from paperkg.errors import PaperkgError
from paperkg.graph import build_graph, lines_from_graph
from paperkg.graph.schema import Label, Rel
from tests.test_graph_build import ent, paper

LINES = [
    paper("arxiv:2501.00001", "SparseMixture Routing for vision",
          "We propose SparseMixture Routing (SMR) and test on CityScapes.",
          ent("method", "SparseMixture Routing", "SMR", proposed=True), ent("dataset", "CityScapes")),
    paper("arxiv:2501.00002", "B", "SMR-style routing on Cityscapes-Fine.", ent("method", "SMR-style routing"),
          ent("dataset", "Cityscapes-Fine")),
    paper("arxiv:2501.00003", "C", "SMR for speech.", ent("method", "SMR")),
    paper("arxiv:2503.00004", "D", "We cite SparseMixture Routing.", ent("method", "SparseMixture Routing"),
          ent("method", "The")),
]


def write(tmp_path, text: str, name="overrides.toml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_merge_two_entities(tmp_path):
    kg = build_graph(LINES, overrides=write(tmp_path, """
[[merge]]
entities = ["data:cityscapes", "data:cityscapesfine"]
"""))
    assert sorted(n for n, _ in kg.nodes(Label.DATASET)) == ["data:cityscapes"]
    assert "Cityscapes-Fine" in kg.node("data:cityscapes")["aliases"]


def test_merge_by_type_and_name(tmp_path):
    kg = build_graph(LINES, overrides=write(tmp_path, """
[[merge]]
type = "method"
entities = ["SparseMixture Routing", "SMR-style routing"]
"""))
    assert kg.find("SMR-style routing") == ["method:sparsemixturerouting"]


def test_split_a_wrong_merge(tmp_path):
    plain = build_graph(LINES)
    assert "paper:arxiv:2501.00003" in plain.node("method:sparsemixturerouting")["papers"]
    kg = build_graph(LINES, overrides=write(tmp_path, """
[[split]]
entity = "method:sparsemixturerouting"
papers = ["arxiv:2501.00003"]
name = "Speech SMR"
"""))
    assert "paper:arxiv:2501.00003" not in kg.node("method:sparsemixturerouting")["papers"]
    assert kg.node("method:speechsmr")["papers"] == ["paper:arxiv:2501.00003"]


def test_rename(tmp_path):
    kg = build_graph(LINES, overrides=write(tmp_path, '[[rename]]\nentity = "data:cityscapes"\nname = "Cityscapes"\n'))
    assert kg.node("data:cityscapes")["name"] == "Cityscapes"


def test_block_an_entity_everywhere_or_in_some_papers_and_block_a_citation(tmp_path):
    plain = build_graph(LINES)
    assert "method:the" in plain.nx
    assert plain.nx.has_edge("paper:arxiv:2503.00004", "paper:arxiv:2501.00001", key=str(Rel.CITES))
    kg = build_graph(LINES, overrides=write(tmp_path, """
[[block]]
entity = "method:the"

[[block]]
entity = "method:sparsemixturerouting"
papers = ["arxiv:2501.00003"]

[[block]]
cites = ["arxiv:2503.00004", "arxiv:2501.00001"]
"""))
    assert "method:the" not in kg.nx
    assert "paper:arxiv:2501.00003" not in kg.node("method:sparsemixturerouting")["papers"]
    assert not kg.nx.has_edge("paper:arxiv:2503.00004", "paper:arxiv:2501.00001", key=str(Rel.CITES))


def test_json_overrides_and_rebuilds_keep_applying_them(tmp_path):
    path = write(tmp_path, json.dumps({"block": [{"entity": "method:the"}]}), "overrides.json")
    kg = build_graph(LINES, overrides=path)
    assert "method:the" not in kg.nx
    assert kg.meta["overrides"] == {"block": [{"entity": "method:the"}]}
    again = build_graph(lines_from_graph(kg), overrides=kg.meta["overrides"])
    assert again == kg


@pytest.mark.parametrize("text, message", [
    ("[[merge]]\nentities = ['data:a']\n", "two or more"),
    ("[[rename]]\nentity = 'FooNet'\nname = 'x'\n", "give `type`"),
    ("[[frobnicate]]\n", "unknown table"),
    ("[[merge\n", "not valid TOML"),
])
def test_bad_overrides_give_one_clear_error(tmp_path, text, message):
    with pytest.raises(PaperkgError, match=message):
        build_graph(LINES, overrides=write(tmp_path, text))


def test_an_incremental_build_after_removing_a_block_or_split_gets_the_entity_back(tmp_path):
    curated = build_graph(LINES, overrides={"block": [{"entity": "method:the"}],
                                            "split": [{"entity": "method:sparsemixturerouting",
                                                       "papers": ["arxiv:2501.00003"], "name": "Speech SMR"}]})
    assert "method:the" not in curated.nx and "method:speechsmr" in curated.nx
    assert build_graph(lines_from_graph(curated)) == build_graph(LINES)
