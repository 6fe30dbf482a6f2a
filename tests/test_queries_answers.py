"""No silent empty answers: a filter value that cannot match is a one-line error, and an answer the corpus
makes empty (no dates at all) says why, from the Python API, the command line and Cypher alike."""

from __future__ import annotations

import pytest

from paperkg.cli import main
from paperkg.errors import PaperkgError
from paperkg.graph import build_graph
from paperkg.queries import run
from paperkg.queries.backends import backend_for
from paperkg.queries.catalogue import answer
from tests.test_queries import corpus_graph, corpus_lines


@pytest.fixture(scope="module")
def kg():
    return corpus_graph()


@pytest.fixture(scope="module")
def undated():
    """The corpus' Daily Papers entry alone: dated "Mar 11", no year, no categories."""
    return build_graph([line for line in corpus_lines() if line["key"] == "id:daily-5"])


@pytest.mark.parametrize("bound", ["2025-13", "2025-00", "2025-02-30", "25-01", "2025-1"])
def test_a_date_that_is_no_date_is_an_error(kg, bound):
    with pytest.raises(PaperkgError, match=rf"--since takes YYYY, YYYY-MM or YYYY-MM-DD .*not '{bound}'"):
        run("top-datasets", kg, since=bound)


def test_a_category_no_paper_has_is_an_error_naming_those_there_are(kg):
    with pytest.raises(PaperkgError) as error:
        run("top-datasets", kg, category="cs.XX")
    assert str(error.value) == ("--category cs.XX: no paper in the graph is filed under it; the most common: "
                                "cs.CL (2), cs.CV (2), cs.LG (2), cs.CY (1)")
    assert run("top-datasets", kg, category="CS.cv")  # case is not a typo
    with pytest.raises(PaperkgError, match="--category takes an arXiv category such as cs.CV"):
        run("top-datasets", kg, category="cs.CV;")


def test_a_category_on_a_graph_without_categories_says_so(undated):
    with pytest.raises(PaperkgError, match="no paper in the graph has categories"):
        run("top-datasets", undated, category="cs.CV")


def test_an_empty_answer_says_why_when_no_paper_has_a_date(undated):
    rows, _, why = answer("top-datasets", undated, since="2025")
    assert rows == [] and why.startswith("no paper in the graph has a date (a Daily Papers date such as")
    rows, _, why = answer("trend", undated, name="COCO")
    assert rows == [] and why.startswith("no paper in the graph has a date with a month")
    assert answer("top-datasets", undated).why_empty is None  # not empty: nothing to explain


def test_an_empty_answer_says_why_when_the_dates_are_out_of_range(kg):
    rows, _, why = answer("top-datasets", kg, since="2031")
    assert rows == [] and why == "no paper is dated within --since/--until: the papers run from 2025-01-10 to 2025-03-15"


def test_the_command_line_exits_2_on_a_bad_value_and_0_with_a_reason_on_an_empty_answer(undated, tmp_path, capsys):
    graph = tmp_path / "g.json"
    undated.save(graph)
    for args in (["--since", "2025-13"], ["--category", "cs.XX"]):
        assert main(["query", "top-datasets", "-g", str(graph), *args]) == 2
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and err[0].startswith("paperkg: error: --")
    assert main(["query", "trend", "COCO", "-g", str(graph)]) == 0
    out, err = capsys.readouterr()
    assert "(0 rows)" in out
    assert err == 'paperkg: no rows: no paper in the graph has a date with a month (a Daily Papers date such as "Mar 11" has no year)\n'


@pytest.mark.neo4j
def test_cypher_knows_the_same_facts_and_refuses_the_same_category(bolt, kg):
    from tests.test_queries_bolt import loaded

    driver = loaded(bolt, kg)
    try:
        assert backend_for(driver, database=bolt.database).paper_facts() == backend_for(kg).paper_facts()
        with pytest.raises(PaperkgError, match="--category cs.XX: no paper in the graph is filed under it"):
            run("top-datasets", driver, database=bolt.database, category="cs.XX")
        assert answer("top-datasets", driver, database=bolt.database, since="2031").why_empty.startswith(
            "no paper is dated within")
    finally:
        driver.close()
