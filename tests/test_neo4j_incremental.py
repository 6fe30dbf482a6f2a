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
from paperkg.graph import build_graph
from paperkg.graph.incremental import add_papers
from paperkg.graph.neo4j_backend import read_graph, statements as backend_statements, write_graph
from paperkg.graph.neo4j_source import Neo4jSource, statements

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


def test_every_lookup_statement_runs_on_the_server(bolt_driver, bolt):
    for text in statements():
        params = {name: "title:" if name == "prefix" else [] for name in re.findall(r"\$(\w+)", text)}
        bolt_driver.execute_query(text, database_=bolt.database, **params)


def test_an_old_paper_resolved_again_on_neo4j_keeps_the_long_form_it_spelt_out(bolt_driver, bolt, tmp_path):
    # "3D Gaussian Splatting (GS)": two entities merged in the paper, kept on its node (``kept``); read back
    # from their one relation, GS would go to the new paper's "Gaussian Smoothing (GS)"
    papers = [("MonoSplat: Monocular Mapping with Splats", "Recent mapping systems build on 3D Gaussian Splatting "
               "(GS). We propose MonoSplat, a monocular mapping system."),
              ("Splat Survey", "We review 3D Gaussian Splatting and its uses in mapping."),
              ("Gaussian Smoothing for Graphs", "We propose Gaussian Smoothing (GS), a filter for graph signals.")]
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps({"arxiv_id": f"2501.{n:05d}", "title": t, "abstract": a,
                                        "date": f"2025-01-0{n}"}) + "\n" for n, (t, a) in enumerate(papers, 1)))
    lines = list(pipeline.extract([str(path)]))
    write_graph(build_graph(corpus_pass(copy.deepcopy(lines[:2]))), bolt_driver, database=bolt.database, clear=True)
    source = Neo4jSource(bolt_driver, bolt.database)
    source.apply(add_papers(source, copy.deepcopy(lines[2:]), []))
    added = read_graph(bolt_driver, database=bolt.database)
    assert added == build_graph(corpus_pass(copy.deepcopy(lines)))
    assert {v for _, v in added.nx.edges("paper:arxiv:2501.00001")} == {
        "method:3dgaussiansplatting", "method:monosplat", "task:monocularmapping"}
