"""``paperkg query``: the catalogue from the command line, on the hand-written corpus of ``test_queries``."""

from __future__ import annotations

import csv
import io
import json

import pytest

from paperkg.cli import main
from paperkg.queries import CATALOGUE
from tests.test_queries import P1, P2, P5, corpus_graph


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "graph.json"
    corpus_graph().save(path)
    return str(path)


def paperkg(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_query_with_its_arguments(capsys):
    code, out, _ = paperkg(capsys, "query", "--list")
    assert code == 0
    for query in CATALOGUE.values():
        assert query.usage() in out
    assert "shared-datasets [--min N]" in out and "path SOURCE TARGET [--all-nodes]" in out


def test_json_is_one_array_of_row_objects(capsys, graph_file):
    code, out, _ = paperkg(capsys, "query", "papers-using", "ImageNet", "-g", graph_file, "--format", "json")
    assert code == 0
    assert [row["paper"] for row in json.loads(out)] == [P1, P2, P5]


def test_csv_has_a_header_and_joins_lists(capsys, graph_file):
    code, out, _ = paperkg(capsys, "query", "shared-datasets", "--min", "2", "-g", graph_file, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 3
    assert rows[1]["paper_a"] == P1 and rows[1]["datasets"] == "CIFAR-100; ImageNet-1K"


def test_table_with_limit_and_filters(capsys, graph_file):
    code, out, err = paperkg(capsys, "query", "top-datasets", "-g", graph_file, "--limit", "2")
    assert code == 0 and "ImageNet-1K" in out and "GSM8K" not in out and "(2 rows)" in out
    assert "--limit 0" in err
    code, out, _ = paperkg(capsys, "query", "related", P1, "--score", "jaccard", "-g", graph_file,
                           "--category", "cs.CV")
    assert code == 0 and "TokenPruner" in out and "Segment Faster" not in out and "0.3" in out


def test_unknown_name_is_one_line_error_with_suggestions(capsys, graph_file):
    code, out, err = paperkg(capsys, "query", "papers-using", "CIFAR-10", "-g", graph_file)
    assert code == 2 and out == ""
    assert err.startswith("paperkg: error: no dataset or benchmark called 'CIFAR-10'")
    assert "closest: 'CIFAR-100'" in err and len(err.strip().splitlines()) == 1


def test_bad_date_and_missing_graph_are_errors(capsys, graph_file, tmp_path):
    code, _, err = paperkg(capsys, "query", "top-methods", "-g", graph_file, "--since", "last week")
    assert code == 2 and "--since takes YYYY" in err
    code, _, err = paperkg(capsys, "query", "top-methods", "-g", str(tmp_path / "none.json"))
    assert code == 2 and "no such graph file" in err


def test_html_draws_the_rows_and_what_joins_them(capsys, graph_file, tmp_path):
    page = tmp_path / "shared.html"
    code, _, err = paperkg(capsys, "query", "shared-datasets", "-g", graph_file, "--html", str(page))
    assert code == 0 and page.exists()
    text = page.read_text(encoding="utf-8")
    assert "SparseMixer: Sparse Token Mixing for Vision" in text and "LongBench-X" in text  # papers and shared data
    assert "wrote" in err


def test_html_draws_the_example_papers_of_communities(capsys, graph_file, tmp_path):
    page = tmp_path / "communities.html"
    code, _, err = paperkg(capsys, "query", "communities", "-g", graph_file, "--html", str(page))
    assert code == 0 and "wrote" in err
    assert "SparseMixer: Sparse Token Mixing for Vision" in page.read_text(encoding="utf-8")


def test_each_query_has_help_with_an_example(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["query", "methods-on", "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert "paperkg query methods-on ImageNet" in out and "--since" in out and "--backend" in out


def test_show_cypher_prints_the_parameterised_text(capsys):
    code, out, _ = paperkg(capsys, "query", "papers-using", "anything", "--show-cypher")
    assert code == 0 and "$dataset" in out and "MATCH (p:Paper)" in out and "anything" not in out
    code, out, _ = paperkg(capsys, "query", "communities", "--show-cypher")
    assert code == 0 and "no Cypher form" in out


def test_influential_and_citations_say_what_the_citations_stand_on(capsys, graph_file):
    code, out, err = paperkg(capsys, "query", "influential", "-g", graph_file, "--format", "json")
    assert code == 0 and json.loads(out)  # the rows stay clean JSON; the note goes to stderr
    assert "citation" in err and "explicit" in err and "inferred from mentions" in err
    assert "Too few to rank" in err
    code, out, err = paperkg(capsys, "query", "top-datasets", "-g", graph_file)
    assert "Too few to rank" not in err
