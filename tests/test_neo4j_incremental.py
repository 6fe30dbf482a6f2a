"""``build --add`` on Neo4j: the same incremental addition, asking the server only what it needs.

Against the session's Bolt server (ArcadeDB, or the Neo4j 5 of ``PAPERKG_TEST_NEO4J_URI``): a graph written, then
papers added through ``Neo4jSource`` (lookups in batches, the difference written in ``UNWIND $rows`` batches),
reads back equal to the whole graph built at once, and the addition never read the graph back.
"""

from __future__ import annotations

import copy
import json
import re

import pytest

from paperkg import pipeline
from paperkg.extractors import corpus_pass
from paperkg.graph import KnowledgeGraph, build_graph
from paperkg.graph.incremental import add_papers
from paperkg.graph.neo4j_backend import clear_tables, read_graph, statements as backend_statements, write_graph
from paperkg.graph.neo4j_source import Neo4jSource, statements
from paperkg.graph.schema import META_LABEL

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def example_lines(examples_dir):
    return list(pipeline.extract([str(examples_dir)]))


def _sent(cypher_traffic, texts) -> int:
    by_text = {s.text: s.sent for s in cypher_traffic.statements.values()}
    return sum(by_text.get(t, 0) for t in texts)


@pytest.mark.parametrize("new", [[9], [2, 7], [0, 4, 5]])
def test_adding_to_neo4j_equals_the_whole_graph_and_reads_nothing_back(bolt_driver, bolt, example_lines, new,
                                                                       cypher_traffic):
    old = [line for n, line in enumerate(example_lines) if n not in new]
    added = [example_lines[n] for n in new]
    write_graph(build_graph(corpus_pass(copy.deepcopy(old))), bolt_driver, database=bolt.database)
    readers = [t for t in backend_statements() if t.startswith("MATCH (n:") and "RETURN properties(n)" in t
               or "RETURN a.id AS source, b.id AS target" in t]
    before = _sent(cypher_traffic, readers)
    source = Neo4jSource(bolt_driver, bolt.database)
    diff = add_papers(source, copy.deepcopy(added), [])
    source.apply(diff)
    assert _sent(cypher_traffic, readers) == before  # no read-back of the graph
    whole = build_graph(corpus_pass(copy.deepcopy(old + added)))
    size = whole.nx.number_of_nodes() + whole.nx.number_of_edges()
    assert 0 < source.rows_read < size
    assert read_graph(bolt_driver, database=bolt.database) == whole
    assert _tables_on_server(bolt_driver, bolt) == whole.tables  # the next addition starts where a full build would


def _tables_on_server(driver, bolt) -> dict:
    rows = driver.execute_query(f"MATCH (m:`{META_LABEL}`) WHERE m.table IS NOT NULL "
                                "RETURN m.table AS table, m.key AS key, m.value AS value", database_=bolt.database)
    tables: dict = {}
    for r in rows.records:
        tables.setdefault(r["table"], {})[r["key"]] = json.loads(r["value"])
    return tables


def _phrases_asked(source: Neo4jSource) -> list:
    """Record the phrases ``source`` looks for in the papers' texts (the costly lookup on a large graph)."""
    asked, read = [], source._read

    def reading(query, **params):
        asked.extend(params.get("phrases", ()))
        return read(query, **params)

    source._read = reading
    return asked


def test_the_kept_tables_spare_the_addition_reading_the_texts_of_every_candidate_name(bolt_driver, bolt,
                                                                                     example_lines):
    new = [0, 4, 5]
    old = [line for n, line in enumerate(example_lines) if n not in new]
    added = [example_lines[n] for n in new]
    whole = build_graph(corpus_pass(copy.deepcopy(old + added)))
    asked = {}
    for keep in (True, False):
        write_graph(build_graph(corpus_pass(copy.deepcopy(old))), bolt_driver, database=bolt.database, clear=True)
        if not keep:  # a graph written before the tables were kept
            with bolt_driver.session(database=bolt.database) as session:
                clear_tables(session)
        source = Neo4jSource(bolt_driver, bolt.database)
        asked[keep] = _phrases_asked(source)
        source.apply(add_papers(source, copy.deepcopy(added), []))
        assert read_graph(bolt_driver, database=bolt.database) == whole
        assert _tables_on_server(bolt_driver, bolt) == (whole.tables if keep else {})
    assert len(asked[True]) < len(asked[False])  # the counts are kept: only changed names' holders are matched


def test_every_lookup_statement_runs_on_the_server(bolt_driver, bolt):
    for text in statements():
        params = {name: "title:" if name == "prefix" else [] for name in re.findall(r"\$(\w+)", text)}
        bolt_driver.execute_query(text, database_=bolt.database, **params)


def _two_then_one(tmp_path, papers: list[tuple[str, str]], bolt_driver, bolt) -> list[dict]:
    """The lines of ``papers`` (title, abstract), the first two written to the server as a whole graph."""
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps({"arxiv_id": f"2501.{n:05d}", "title": t, "abstract": a,
                                        "date": f"2025-01-0{n}"}) + "\n" for n, (t, a) in enumerate(papers, 1)))
    lines = list(pipeline.extract([str(path)]))
    write_graph(build_graph(corpus_pass(copy.deepcopy(lines[:2]))), bolt_driver, database=bolt.database, clear=True)
    return lines


def _add_the_third(lines: list[dict], bolt_driver, bolt) -> KnowledgeGraph:
    """The graph on the server after adding the rest of ``lines``, checked equal to a whole build of them all."""
    source = Neo4jSource(bolt_driver, bolt.database)
    source.apply(add_papers(source, copy.deepcopy(lines[2:]), []))
    added = read_graph(bolt_driver, database=bolt.database)
    assert added == build_graph(corpus_pass(copy.deepcopy(lines)))
    return added


def test_an_old_paper_resolved_again_on_neo4j_keeps_the_long_form_it_spelt_out(bolt_driver, bolt, tmp_path):
    # "3D Gaussian Splatting (GS)": two entities merged in the paper, kept on its node (``kept``); read back
    # from their one relation, GS would go to the new paper's "Gaussian Smoothing (GS)"
    papers = [("MonoSplat: Monocular Mapping with Splats", "Recent mapping systems build on 3D Gaussian Splatting "
               "(GS). We propose MonoSplat, a monocular mapping system."),
              ("Splat Survey", "We review 3D Gaussian Splatting and its uses in mapping."),
              ("Gaussian Smoothing for Graphs", "We propose Gaussian Smoothing (GS), a filter for graph signals.")]
    lines = _two_then_one(tmp_path, papers, bolt_driver, bolt)
    added = _add_the_third(lines, bolt_driver, bolt)
    assert {v for _, v in added.nx.edges("paper:arxiv:2501.00001")} == {"method:3dgaussiansplatting", "method:monosplat"}


def test_a_task_phrase_of_one_old_paper_becomes_a_node_on_neo4j_when_a_new_paper_writes_it(bolt_driver, bolt,
                                                                                          tmp_path):
    papers = [("Wombat Counting from Drone Images", "Wombat counting aims to estimate how many wombats live here."),
              ("Burrow Mapping with Satellites", "Burrow mapping aims to locate burrows."),
              ("Wombat Counting with Sparse Labels", "Wombat counting aims to estimate animal numbers.")]
    lines = _two_then_one(tmp_path, papers, bolt_driver, bolt)
    before = read_graph(bolt_driver, database=bolt.database)
    assert before.nx.nodes["paper:arxiv:2501.00001"]["task_phrases"] == ["wombat counting"]
    added = _add_the_third(lines, bolt_driver, bolt)
    assert added.nx.nodes["task:wombatcounting"]["papers"] == ["paper:arxiv:2501.00001", "paper:arxiv:2501.00003"]
    assert "task_phrases" not in added.nx.nodes["paper:arxiv:2501.00001"]


def test_a_relation_an_addition_removes_between_unchanged_nodes_is_deleted_on_the_server(bolt_driver, bolt,
                                                                                          tmp_path):
    # the new paper gives VISE a second expansion: the old title's bare "ViSE" no longer names the first one,
    # so its MENTIONS goes, though the paper is not written again
    papers = [("Probing Video Assistants", "We propose Video-LLM Sycophancy Evaluation (VISE), a framework to test "
               "how video assistants yield to users. With VISE we test ten models."),
              ("ViSE: Lessons for Video Assistants", "We study how assistants flatter users in video chat."),
              ("Self-Evolving Captioners", "We propose Visual Invariance Self-Evolution (VISE), a training scheme "
               "for captioning models. VISE improves CIDEr on COCO.")]
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps({"arxiv_id": f"2502.{n:05d}", "title": t, "abstract": a,
                                        "date": f"2025-02-0{n}"}) + "\n" for n, (t, a) in enumerate(papers, 1)))
    lines = list(pipeline.extract([str(path)]))
    before = build_graph(corpus_pass(copy.deepcopy(lines[:2])))
    write_graph(before, bolt_driver, database=bolt.database, clear=True)
    source = Neo4jSource(bolt_driver, bolt.database)
    diff = add_papers(source, copy.deepcopy(lines[2:]), [])
    source.apply(diff)
    whole = build_graph(corpus_pass(copy.deepcopy(lines)))
    assert read_graph(bolt_driver, database=bolt.database) == whole
    assert any(u == "paper:arxiv:2502.00002" for u, _, _ in diff.delete_relations)
