"""`paperkg cypher` and the Neo4j connection options, through the CLI, against the test Bolt server."""

from __future__ import annotations

import csv
import io
import json

import pytest

from paperkg.cli import main
from paperkg.commands.cypher import parse_params
from paperkg.graph import build_graph
from paperkg.graph.neo4j_backend import write_graph
from tests.bolt_server import free_port
from tests.test_neo4j_backend import sample_lines

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo4j_env(bolt, bolt_driver, monkeypatch):
    """The test server as the user's NEO4J_* environment, holding the sample graph."""
    monkeypatch.setenv("NEO4J_URI", bolt.uri)
    monkeypatch.setenv("NEO4J_USERNAME", bolt.auth[0])
    monkeypatch.setenv("NEO4J_PASSWORD", bolt.auth[1])
    if bolt.database:
        monkeypatch.setenv("NEO4J_DATABASE", bolt.database)
    else:
        monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    write_graph(build_graph(sample_lines()), bolt_driver, database=bolt.database)
    return bolt


def cypher(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["cypher", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_table_lists_rows_with_a_header(neo4j_env, capsys):
    status, out, _ = cypher(capsys, "MATCH (p:Paper) WHERE p.year = 2026 RETURN p.title AS title ORDER BY title")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].rstrip() == "title"
    assert [line.rstrip() for line in lines[1:3]] == ["CiteBench: A Benchmark for Citation Intent",
                                                      "GraphWeave: Sparse Message Passing for Citation Graphs"]
    assert lines[-1] == "(2 rows)"


def test_json_with_parameters(neo4j_env, capsys):
    status, out, _ = cypher(
        capsys, "MATCH (p:Paper)-[:PROPOSES]->(m:Method) WHERE p.year = $year AND m.name IN $names "
                "RETURN m.name AS method, m.aliases AS aliases, p",
        "--param", "year=2026", "--param", 'names=["GraphWeave", "other"]', "--format", "json")
    assert status == 0
    rows = json.loads(out)
    assert [(r["method"], r["aliases"], r["p"]["_labels"], r["p"]["id"]) for r in rows] == [
        ("GraphWeave", ["GW"], ["Paper"], "paper:arxiv:2601.00001")]


def test_csv_and_a_hostile_parameter_stays_a_value(neo4j_env, capsys):
    hostile = "x'}) DETACH DELETE n //"
    status, out, _ = cypher(capsys, "MATCH (p:Paper {title: $t}) RETURN p.id AS id, p.title AS title",
                            "--param", f"t={hostile}", "--format", "csv")
    assert status == 0
    assert list(csv.reader(io.StringIO(out))) == [["id", "title"], ["paper:id:hostile-1", hostile]]
    _, out, _ = cypher(capsys, "MATCH (n) RETURN count(n) AS n", "--format", "json")
    kg = build_graph(sample_lines())
    metadata = 1 + sum(map(len, kg.tables.values()))  # the metadata node and the kept tables' rows
    assert json.loads(out)[0]["n"] == kg.nx.number_of_nodes() + metadata


def test_param_values_are_json_when_they_parse():
    assert parse_params(["n=3", "f=0.5", "b=true", "s=BERT", "l=[1, \"a\"]", "e=", "eq=a=b"]) == {
        "n": 3, "f": 0.5, "b": True, "s": "BERT", "l": [1, "a"], "e": "", "eq": "a=b"}


def one_line_error(capsys, argv: list[str]) -> str:
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.startswith("paperkg: error: ") and err.count("\n") == 1, err
    return err


def test_wrong_password_is_one_line(neo4j_env, capsys):
    err = one_line_error(capsys, ["cypher", "RETURN 1", "--password", "not-the-password"])
    assert "refused the username or password" in err


def test_unreachable_server_is_one_line(bolt, capsys, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    err = one_line_error(capsys, ["cypher", "RETURN 1", "--uri", f"bolt://127.0.0.1:{free_port()}",
                                  "--password", "x"])
    assert "cannot reach the Bolt server" in err


def test_bad_uri_and_bad_query_are_one_line(neo4j_env, capsys):
    assert "not usable" in one_line_error(capsys, ["cypher", "RETURN 1", "--uri", "http://localhost:7474"])
    assert "rejected a query" in one_line_error(capsys, ["cypher", "RETURN nope("])
    assert "KEY=VALUE" in one_line_error(capsys, ["cypher", "RETURN 1", "--param", "novalue"])


def write_lines(path, lines) -> str:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_build_twice_adds_nothing_and_a_later_build_adds_to_the_graph(neo4j_env, bolt_driver, tmp_path, capsys):
    from paperkg.graph.neo4j_backend import read_graph
    from paperkg.pipeline import build
    from tests.test_neo4j_backend import db_counts, duplicate_ids, graph_data

    first = write_lines(tmp_path / "first.jsonl", sample_lines()[:2])
    later = write_lines(tmp_path / "later.jsonl", sample_lines()[2:])
    assert main(["build", first, "--backend", "neo4j", "--clear"]) == 0
    counts = db_counts(bolt_driver, neo4j_env.database)
    assert main(["build", first, "--backend", "neo4j"]) == 0
    assert db_counts(bolt_driver, neo4j_env.database) == counts
    assert main(["build", later, "--backend", "neo4j"]) == 0
    capsys.readouterr()
    assert duplicate_ids(bolt_driver, neo4j_env.database) == []
    assert graph_data(read_graph(bolt_driver, neo4j_env.database)) == graph_data(build([first, later]))


def test_build_with_a_wrong_password_is_one_line(neo4j_env, tmp_path, capsys):
    lines = write_lines(tmp_path / "papers.jsonl", sample_lines()[:1])
    err = one_line_error(capsys, ["build", lines, "--backend", "neo4j", "--password", "wrong-password"])
    assert "refused the username or password" in err
