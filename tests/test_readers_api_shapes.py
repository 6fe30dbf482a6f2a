"""OpenAlex and Semantic Scholar answers read as the APIs send them (tests/fixtures/readers/api, written by us
in the documented shapes): list responses with and without paging keys, single objects, batch arrays with
nulls, citation entries, saved pages as JSON Lines; and the ``abstract_inverted_index`` edge cases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from paperkg.graph.schema import Label
from paperkg.graph.store import load
from paperkg.readers import read_inputs
from paperkg.readers.openalex import abstract_from_inverted_index
from tests.test_bad_input import assert_one_error, cli

API = Path(__file__).parent / "fixtures" / "readers" / "api"


def read(name: str) -> tuple[list, list[str]]:
    warnings: list[str] = []
    records = list(read_inputs([str(API / name)], warn=warnings.append))
    return records, warnings


def located(records) -> list[tuple[str, str]]:
    """``(key, FILE:LINE with the file's name only)`` of each record."""
    return [(r.key, r.source.rsplit("/", 1)[-1]) for r in records]


# -- OpenAlex -------------------------------------------------------------------------------------------


def test_openalex_list_response_with_next_cursor_pretty_printed():
    records, warnings = read("openalex_works_cursor.json")
    assert located(records) == [("doi:10.7777/lattice.2024.1", "openalex_works_cursor.json:11"),
                                ("openalex:W4000000011", "openalex_works_cursor.json:51")]
    lattice = records[0]
    assert lattice.title == "LatticeFormer: Sparse Attention over Crystal Graphs"
    assert lattice.abstract == "We propose LatticeFormer, a sparse transformer for crystal graphs."
    assert lattice.references == ["openalex:W4000000011"] and lattice.year == 2024
    assert [(a.name, a.orcid) for a in lattice.authors] == [("Mira Okafor", "0000-0003-1111-2222")]
    assert warnings == [f"{API / 'openalex_works_cursor.json'}:51: no abstract for 'A Cited Work Without Its "
                        "Abstract'; kept as a paper without one"]  # abstract_inverted_index: null


def test_openalex_list_response_on_one_line_without_next_cursor():
    """The API sends a page on one line: it must not be taken for a JSON Lines record."""
    records, warnings = read("openalex_works_page.json")
    assert located(records) == [("doi:10.7777/tide.2023.9", "openalex_works_page.json:1")]
    assert records[0].abstract == "TideNet forecasts water levels from gauge water records."
    assert warnings == []


def test_openalex_single_work():
    (work,), _ = read("openalex_work.json")
    assert work.key == "openalex:W4000000021" and work.title == "Single Work Fetched By Id"
    assert [a.source_id for a in work.authors] == ["A5000000020"]


def test_openalex_pages_saved_as_json_lines():
    records, _ = read("openalex_pages.jsonl")
    assert located(records) == [("doi:10.7777/tide.2023.9", "openalex_pages.jsonl:1"),
                                ("openalex:W4000000021", "openalex_pages.jsonl:1"),
                                ("openalex:W4000000022", "openalex_pages.jsonl:2")]


@pytest.mark.parametrize("index, abstract", [
    ({}, ""),
    (None, ""),
    ({"Rain": [0, 3], "falls,": [1], "then": [2], "stops.": [4]}, "Rain falls, then Rain stops."),  # a word at several positions
    ({"We": [0], "test": [1], "tried": [1], "it.": [2]}, "We test tried it."),  # two words at one position: both kept
    ({"Gaps": [0], "close": [10], "up.": [99]}, "Gaps close up."),  # positions with gaps
    ({"Same": [0, 0], "twice.": [1]}, "Same twice."),  # a position listed twice for one word
    ({"Bare": 0, "int.": [1]}, "Bare int."),  # a position not in a list
    ({"ok": [0], "bad": [-1, "2", True, 1.5, None], "end": [1]}, "ok end"),  # positions that are not positions
    ({"only": "nonsense"}, ""),
])
def test_abstract_inverted_index_edge_cases(index, abstract):
    assert abstract_from_inverted_index(index) == abstract


def test_inverted_index_edge_cases_through_the_cli(tmp_path, capsys):
    works = [
        {"id": "https://openalex.org/W1", "title": "Empty Index", "abstract_inverted_index": {}},
        {"id": "https://openalex.org/W2", "title": "Null Index", "abstract_inverted_index": None},
        {"id": "https://openalex.org/W3", "title": "Shared Position", "abstract_inverted_index": {"A": [0], "B": [0], "C": [5]}},
    ]
    path = tmp_path / "works.json"
    path.write_text(json.dumps({"meta": {"count": 3, "page": 1, "per_page": 25}, "results": works}))
    code, out, err = cli(capsys, "extract", path)
    assert code == 0, err
    assert [(json.loads(l)["title"], json.loads(l).get("abstract", "")) for l in out] == [
        ("Empty Index", ""), ("Null Index", ""), ("Shared Position", "A B C")]
    assert sum("no abstract" in e for e in err) == 2


# -- Semantic Scholar -------------------------------------------------------------------------------------


def test_semantic_scholar_single_paper_with_every_field():
    (paper,), warnings = read("s2_paper.json")
    assert paper.key == "arxiv:2403.11111" and paper.s2_id == "1" * 40 and paper.year == 2024
    assert [a.name for a in paper.authors] == ["Ines Duarte", "Tom Reyes"]
    assert paper.references == ["s2:" + "2" * 40] and paper.categories == ["Computer Science"]
    assert warnings == []


def test_semantic_scholar_search_response_with_next_and_its_last_page_without():
    first, warnings = read("s2_search.json")
    assert located(first) == [("arxiv:2403.11111", "s2_search.json:1"), ("s2:" + "2" * 40, "s2_search.json:1")]
    assert any("no abstract for 'A Field Recording Corpus'" in w for w in warnings)  # "abstract": null
    last, _ = read("s2_search_last.json")
    assert located(last) == [("s2:" + "3" * 40, "s2_search_last.json:1")]


def test_semantic_scholar_bulk_search_pages_with_token_as_json_lines():
    records, warnings = read("s2_bulk.jsonl")
    assert located(records) == [("s2:" + "3" * 40, "s2_bulk.jsonl:1"), ("s2:" + "4" * 40, "s2_bulk.jsonl:1"),
                                ("s2:" + "5" * 40, "s2_bulk.jsonl:2")]
    assert warnings == []


def test_semantic_scholar_batch_answer_with_null_for_an_unknown_id():
    records, warnings = read("s2_batch.json")
    assert located(records) == [("s2:" + "1" * 40, "s2_batch.json:2"), ("s2:" + "4" * 40, "s2_batch.json:8")]
    assert warnings == [f"{API / 's2_batch.json'}:7: null where a paper was expected (an API's answer for an id "
                        "it does not know); skipped"]


def test_semantic_scholar_citation_entries_and_recommendations():
    citing, _ = read("s2_citations.json")
    assert [(r.key, r.title) for r in citing] == [("s2:" + "5" * 40, "Cricket Tempo and Heat")]
    recommended, _ = read("s2_recommendations.json")
    assert [r.key for r in recommended] == ["s2:" + "4" * 40]


def test_a_search_with_no_hits_is_a_warning_and_a_build_of_it_keeps_the_graph(tmp_path, capsys):
    graph = tmp_path / "g.json"
    assert cli(capsys, "build", API / "s2_search_last.json", "-o", graph)[0] == 0
    before = graph.read_bytes()
    empty = tmp_path / "none.json"
    empty.write_text('{"total": 0, "offset": 0, "data": []}\n')
    code, _, err = cli(capsys, "build", empty, "-o", graph)
    assert code == 2
    assert err[0] == f"paperkg: warning: {empty}:1: an API response with no papers in it (its `data` list is empty)"
    assert graph.read_bytes() == before


def test_an_api_error_answer_saved_as_a_page_is_named(tmp_path, capsys):
    path = tmp_path / "page3.json"
    path.write_text('{"message": "Too Many Requests. Please wait and try again"}\n')
    code, _, err = cli(capsys, "extract", path)
    assert_one_error(code, err, f"{path}:1", "an API error answer, not papers ('Too Many Requests.")


# -- all of them at once, through the CLI ------------------------------------------------------------------


def test_a_folder_of_api_answers_builds_one_graph(tmp_path, capsys):
    folder = shutil.copytree(API, tmp_path / "api")
    graph = tmp_path / "g.json"
    code, _, err = cli(capsys, "build", folder, "-o", graph)
    assert code == 0, err
    kg = load(graph)
    titles = {attrs["name"] for _, attrs in kg.nodes(Label.PAPER)}
    assert {"LatticeFormer: Sparse Attention over Crystal Graphs", "TideNet: Forecasting Coastal Water Levels",
            "Single Work Fetched By Id", "Second Page Work", "EchoMatch: Contrastive Retrieval of Bird Songs",
            "A Field Recording Corpus", "Owl Calls in the Wild", "Frog Chorus Segmentation",
            "Cricket Tempo and Heat", "A Cited Work Without Its Abstract"} == titles
    # the batch answer (read first) knows EchoMatch by its S2 id only; the full paper adds its references
    assert {(s, t) for s, t, _, _ in kg.edges("CITES")} == {
        ("paper:doi:10.7777/lattice.2024.1", "paper:openalex:W4000000011"),
        ("paper:s2:" + "1" * 40, "paper:s2:" + "2" * 40)}
