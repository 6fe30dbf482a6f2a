"""The graph file as an SQLite database: whole round trips, the previous JSON format converted, the name and
text tables, and differences written in one transaction."""

from __future__ import annotations

import sqlite3

import pytest

from paperkg.errors import PaperkgError
from paperkg.graph import build_graph, load
from paperkg.graph.database import SQLITE_HEADER, Difference, GraphDatabase, is_database
from paperkg.graph.store import lookup_key
from tests.test_graph_store import corpus


def test_a_saved_graph_is_a_database_and_loads_back_equal(tmp_path):
    kg = build_graph(corpus())
    kg.meta["note"] = {"kept": [1, 2]}
    kg.save(tmp_path / "graph.json")  # the name says nothing: the content is SQLite
    assert (tmp_path / "graph.json").read_bytes().startswith(SQLITE_HEADER)
    again = load(tmp_path / "graph.json")
    assert again == kg
    assert list(again.nx.nodes["paper:arxiv:2501.00001"]) == list(kg.nx.nodes["paper:arxiv:2501.00001"])


def test_a_graph_of_the_previous_json_format_is_converted_in_place_with_one_line(tmp_path, capsys):
    kg = build_graph(corpus())
    path = tmp_path / "graph.json"
    kg.save_json(path)
    assert not is_database(path)
    assert load(path) == kg
    err = capsys.readouterr().err.splitlines()
    assert err == [f"paperkg: {path}: converted from the previous JSON format to a graph database (same name)"]
    assert is_database(path) and load(path) == kg
    assert capsys.readouterr().err == ""
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_a_database_that_is_not_a_graph_or_of_another_version_is_one_clear_error(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(PaperkgError, match="not a paperkg graph database"):
        load(other)
    path = tmp_path / "graph.db"
    build_graph(corpus()).save(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'version'")
    with pytest.raises(PaperkgError, match=r"graph file version 999 .* rebuild it with `paperkg build`"):
        load(path)


def test_names_are_an_index_and_unknown_ones_find_nothing(tmp_path):
    kg = build_graph(corpus())
    kg.save(tmp_path / "graph.db")
    with GraphDatabase(tmp_path / "graph.db") as db:
        for text in ("LRA", "long range arena", "FooScenes", "Benchmarks", "PSNR", "no such thing"):
            assert db.find_key(lookup_key(text)) == kg.find(text)
        assert sorted(db.names(["Benchmark"])) == ["LRA", "Long Range Arena"]
        assert db.counts() == kg.counts()


def test_paper_texts_answer_which_papers_hold_a_phrase(tmp_path):
    kg = build_graph(corpus())
    kg.save(tmp_path / "graph.db")
    with GraphDatabase(tmp_path / "graph.db") as db:
        found = db.papers_containing(["FooScenes", "long range arena", "CIFAR-10", "fast-rendering", "absent"])
        texts = db.texts(["paper:arxiv:2504.00004"])
    assert found == {
        "FooScenes": {"paper:arxiv:2502.00002", "paper:arxiv:2503.00003"},
        "long range arena": {"paper:arxiv:2503.00003"},
        "CIFAR-10": set(),  # the paper wrote CIFAR10: one word, not two
        "fast-rendering": {"paper:arxiv:2501.00001"},
        "absent": set(),
    }
    assert texts == {"paper:arxiv:2504.00004": "More\nLRA results, and CIFAR10 for classification."}


def test_a_difference_is_written_whole_and_reads_back_as_the_graph_it_makes(tmp_path):
    path = tmp_path / "graph.db"
    kg = build_graph(corpus())
    kg.save(path)
    new_paper = {"label": "Paper", "name": "Zed", "title": "Zed", "abstract": "ZedNet on FooScenes."}
    diff = Difference(
        nodes={"paper:arxiv:2505.00005": new_paper, "method:zednet": {"label": "Method", "name": "ZedNet"}},
        relations=[("paper:arxiv:2505.00005", "method:zednet", "PROPOSES", {"count": 1}),
                   ("paper:arxiv:2505.00005", "data:fooscenes", "EVALUATES_ON", {"count": 1})],
        deleted_nodes=["paper:arxiv:2504.00004"],
        deleted_relations=[("paper:arxiv:2503.00003", "data:fooscenes", "EVALUATES_ON")],
        lines=[{"key": "arxiv:2505.00005", "title": "Zed"}],
        tables={"example": {"zednet": {"name": "ZedNet"}}},
        meta={"added": 1},
    )
    with GraphDatabase(path, writable=True) as db:
        db.apply(diff)
    expected = build_graph(corpus())
    expected.nx.remove_node("paper:arxiv:2504.00004")
    expected.nx.remove_edge("paper:arxiv:2503.00003", "data:fooscenes", "EVALUATES_ON")
    expected.add_node("paper:arxiv:2505.00005", "Paper", "Zed", title="Zed", abstract="ZedNet on FooScenes.")
    expected.add_node("method:zednet", "Method", "ZedNet")
    expected.add_edge("paper:arxiv:2505.00005", "method:zednet", "PROPOSES", count=1)
    expected.add_edge("paper:arxiv:2505.00005", "data:fooscenes", "EVALUATES_ON", count=1)
    expected.meta = {"added": 1}
    assert load(path) == expected
    with GraphDatabase(path) as db:
        assert db.find_key("zednet") == ["method:zednet"] and db.find_key("more") == []
        assert db.papers_containing(["ZedNet"]) == {"ZedNet": {"paper:arxiv:2505.00005"}}
        assert db.papers_containing(["CIFAR10"]) == {"CIFAR10": set()}  # its paper was deleted
        assert db.lines(["arxiv:2505.00005"]) == {"arxiv:2505.00005": {"key": "arxiv:2505.00005", "title": "Zed"}}
        assert db.lines().keys() == {line["key"] for line in corpus()} | {"arxiv:2505.00005"}  # the build's kept
        assert db.table("example") == {"zednet": {"name": "ZedNet"}} and db.table("example", ["x"]) == {}


def test_a_difference_that_fails_midway_writes_nothing(tmp_path):
    path = tmp_path / "graph.db"
    kg = build_graph(corpus())
    kg.save(path)
    before = path.read_bytes()
    bad = Difference(nodes={"method:zednet": {"label": "Method", "name": "ZedNet"}},
                     relations=[("paper:arxiv:2501.00001", "method:zednet", "PROPOSES", {"bad": object()})])
    with GraphDatabase(path, writable=True) as db, pytest.raises(TypeError):
        db.apply(bad)
    assert load(path) == kg and path.read_bytes() == before


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link", "csv"])
def test_paperkg_export_writes_an_existing_graph_that_reads_back_equal(tmp_path, capsys, fmt):
    from paperkg.cli import main
    from paperkg.graph.exports import read_csv, read_gexf, read_graphml, read_node_link

    kg = build_graph(corpus())
    kg.save(tmp_path / "graph.db")
    out = tmp_path / ("csv" if fmt == "csv" else f"graph.{fmt}")
    assert main(["export", fmt, str(out), "-g", str(tmp_path / "graph.db")]) == 0
    assert capsys.readouterr().err.startswith("wrote ")
    read = {"graphml": read_graphml, "gexf": read_gexf, "node-link": read_node_link, "csv": read_csv}[fmt]
    again = read(out)
    again.meta = kg.meta
    assert again == kg


def test_paperkg_export_of_a_missing_graph_is_one_line_and_writes_nothing(tmp_path, capsys):
    from paperkg.cli import main

    assert main(["export", "graphml", str(tmp_path / "g.graphml"), "-g", str(tmp_path / "absent.db")]) != 0
    assert "no such graph file" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_fill_makes_the_graph_add_nodes_from_and_add_edges_from_make(tmp_path):
    """``store.fill`` writes the adjacency dicts directly: same nodes (order and attributes), same relations,
    and an end missing from the nodes is added bare, as ``add_edges_from`` adds it."""
    import networkx as nx

    from paperkg.graph.store import fill

    nodes = {"b": {"label": "Paper"}, "a": {"label": "Method", "name": "A"}}
    relations = [("b", "a", "PROPOSES", {"type": "PROPOSES"}), ("b", "a", "MENTIONS", {"type": "MENTIONS"}),
                 ("c", "a", "MENTIONS", {"type": "MENTIONS"}), ("a", "d", "CITES", {"type": "CITES", "n": 1})]
    slow, fast = nx.MultiDiGraph(), nx.MultiDiGraph()
    slow.add_nodes_from(nodes.items())
    slow.add_edges_from(relations)
    fill(fast, {n: dict(a) for n, a in nodes.items()}, [(u, v, k, dict(a)) for u, v, k, a in relations])
    assert list(fast.nodes(data=True)) == list(slow.nodes(data=True))
    assert list(fast.edges(keys=True, data=True)) == list(slow.edges(keys=True, data=True))
    assert list(fast.in_edges("a", keys=True)) == list(slow.in_edges("a", keys=True))
    assert fast._pred["a"]["b"] is fast._succ["b"]["a"]  # one key dict, as add_edge shares it


def test_nodes_in_order_are_the_nodes_asked_for_that_exist_in_id_order(tmp_path):
    path = tmp_path / "g.db"
    build_graph(corpus()).save(path)
    with GraphDatabase(path) as db:
        ids = sorted(db.labels_of(n for (n,) in db.db.execute("SELECT id FROM nodes")))
        asked = [*reversed(ids[:5]), "no:such", ids[0]]
        assert list(db.nodes_in_order(asked)) == ids[:5]
        assert db.nodes_in_order(asked, light=False) == db.nodes(ids[:5])
        assert db.nodes_in_order([]) == {}
