"""The Neo4j backend against a real Bolt server: what is written reads back equal, twice adds nothing, hostile
names stay values, and a server killed mid-load loses nothing a re-run cannot finish.

The server is the session's ``bolt`` fixture (tests/bolt_server.py): ArcadeDB's Bolt server in a child process,
or the real Neo4j 5 named by ``PAPERKG_TEST_NEO4J_URI``.
"""

from __future__ import annotations

import json

import pytest

from paperkg.errors import PaperkgError
from paperkg.graph import build_graph
from paperkg.graph.neo4j_backend import clear_tables, read_graph, schema_statements, write_graph, write_tables
from paperkg.graph.schema import META_LABEL, Label, Rel
from paperkg.graph.store import KnowledgeGraph

pytestmark = pytest.mark.neo4j


def mention(text: str, start: int, rule: str = "test_rule") -> dict:
    return {"start": start, "end": start + len(text), "text": text, "rule": rule}


def sample_lines() -> list[dict]:
    """Papers that propose, reuse and cite each other, with results, code links, authors and a hostile name."""
    return [
        {
            "key": "arxiv:2601.00001",
            "title": "GraphWeave: Sparse Message Passing for Citation Graphs",
            "abstract": "We propose GraphWeave (GW), evaluated on Cora for node classification. "
                        "GraphWeave reaches 84.1% accuracy on Cora. Code: github.com/example-lab/graphweave",
            "year": 2026, "date": "2026-01-02", "categories": ["cs.LG", "cs.SI"],
            "authors": [{"name": "Ada Quill", "orcid": "0000-0002-0000-0001"}, {"name": "Bo Tran"}],
            "sources": ["papers.jsonl:1"],
            "entities": [
                {"type": "method", "name": "GraphWeave", "aliases": ["GW"], "proposed": True,
                 "mentions": [mention("GraphWeave", 0, "title_colon"), mention("GW", 80)]},
                {"type": "dataset", "name": "Cora", "aliases": [], "introduced": False,
                 "mentions": [mention("Cora", 110)]},
                {"type": "task", "name": "node classification", "aliases": [],
                 "mentions": [mention("node classification", 119)]},
                {"type": "metric", "name": "accuracy", "aliases": [], "mentions": [mention("accuracy", 170)]},
                {"type": "code", "name": "github.com/example-lab/graphweave",
                 "mentions": [mention("github.com/example-lab/graphweave", 195, "url")]},
            ],
            "results": [{"method": "GraphWeave", "dataset": "Cora", "metric": "accuracy", "value": "84.1%",
                         "start": 140, "end": 185, "rule": "result_on"}],
        },
        {
            "key": "arxiv:2601.00002",
            "title": "CiteBench: A Benchmark for Citation Intent",
            "abstract": "We introduce CiteBench, a benchmark for citation intent classification. "
                        "Baselines include GraphWeave.",
            "year": 2026, "authors": [{"name": "Bo Tran"}, {"name": "Chen Wu"}],
            "references": ["arxiv:2601.00001", "doi:10.1234/unknown.5678"],
            "sources": ["papers.jsonl:2"],
            "entities": [
                {"type": "benchmark", "name": "CiteBench", "aliases": [], "introduced": True,
                 "mentions": [mention("CiteBench", 0, "title_colon")]},
                {"type": "method", "name": "GraphWeave", "aliases": [], "proposed": False,
                 "mentions": [mention("GraphWeave", 112)]},
                {"type": "task", "name": "citation intent classification", "aliases": [],
                 "mentions": [mention("citation intent classification", 60)]},
            ],
        },
        {
            "key": "id:hostile-1",
            "title": "x'}) DETACH DELETE n //",
            "abstract": "We propose `a`) MATCH (n) DETACH DELETE n // and test it on \"quoted\" data; \\ backslash.",
            "authors": [{"name": "Robert'); DROP TABLE papers;--"}],
            "sources": ["papers.jsonl:3"],
            "entities": [
                {"type": "method", "name": "`a`) MATCH (n) DETACH DELETE n //", "aliases": [], "proposed": True,
                 "mentions": [mention("`a`) MATCH (n) DETACH DELETE n //", 35)]},
                {"type": "dataset", "name": "x'}) DETACH DELETE n //", "aliases": ["$rows"],
                 "mentions": [mention("x'}) DETACH DELETE n //", 0)]},
            ],
        },
    ]


def graph_data(kg: KnowledgeGraph) -> tuple[dict, dict]:
    """Everything a graph holds, comparable with ``==``: nodes with attributes, relations with attributes."""
    nodes = {node: dict(attrs) for node, attrs in kg.nx.nodes(data=True)}
    edges = {(u, v, k): dict(attrs) for u, v, k, attrs in kg.nx.edges(keys=True, data=True)}
    return nodes, edges


def db_counts(driver, database) -> tuple[int, int]:
    """Nodes (but the metadata node) and relations in the database."""
    nodes = driver.execute_query(f"MATCH (n) WHERE NOT n:`{META_LABEL}` RETURN count(n) AS c",
                                 database_=database).records[0]["c"]
    rels = driver.execute_query("MATCH ()-[e]->() RETURN count(e) AS c", database_=database).records[0]["c"]
    return nodes, rels


def duplicate_ids(driver, database) -> list:
    query = "MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id"
    return [r["id"] for r in driver.execute_query(query, database_=database).records]


@pytest.fixture(scope="module")
def sample_graph() -> KnowledgeGraph:
    return build_graph(sample_lines())


@pytest.fixture(scope="module")
def daily_graph(daily_papers_dir) -> KnowledgeGraph:
    """The graph of the 5 real Daily Papers pages, built by the real pipeline."""
    from paperkg.pipeline import build

    return build([str(daily_papers_dir)])


@pytest.mark.slow
def test_daily_papers_graph_reads_back_equal_and_a_second_write_adds_nothing(bolt_driver, bolt, daily_graph):
    assert daily_graph.counts()["nodes"]["Paper"] >= 353
    first = write_graph(daily_graph, bolt_driver, database=bolt.database)
    assert (first.nodes_created, first.relations_created) == (
        daily_graph.nx.number_of_nodes(), daily_graph.nx.number_of_edges())
    back = read_graph(bolt_driver, database=bolt.database)
    assert back.counts() == daily_graph.counts()
    assert graph_data(back) == graph_data(daily_graph)
    again = write_graph(daily_graph, bolt_driver, database=bolt.database)
    assert (again.nodes_created, again.relations_created) == (0, 0)
    assert db_counts(bolt_driver, bolt.database) == (
        daily_graph.nx.number_of_nodes(), daily_graph.nx.number_of_edges())
    assert duplicate_ids(bolt_driver, bolt.database) == []


def test_sample_graph_covers_every_label_and_most_relations(sample_graph):
    counts = sample_graph.counts()
    assert set(counts["nodes"]) == {label.value for label in Label}
    assert {"PROPOSES", "MENTIONS", "EVALUATES_ON", "INTRODUCES", "CITES", "WROTE", "HAS_RESULT"} <= set(
        counts["relations"])


def test_written_graph_reads_back_equal(bolt_driver, bolt, sample_graph):
    summary = write_graph(sample_graph, bolt_driver, database=bolt.database)
    assert summary.nodes == summary.nodes_created == sample_graph.nx.number_of_nodes()
    assert summary.relations == summary.relations_created == sample_graph.nx.number_of_edges()
    back = read_graph(bolt_driver, database=bolt.database)
    assert graph_data(back) == graph_data(sample_graph)
    assert back.find("GW") == ["method:graphweave"] == sample_graph.find("GW")


def test_writing_twice_changes_nothing(bolt_driver, bolt, sample_graph):
    write_graph(sample_graph, bolt_driver, database=bolt.database, batch_size=3)
    before = db_counts(bolt_driver, bolt.database)
    again = write_graph(sample_graph, bolt_driver, database=bolt.database, batch_size=3)
    assert (again.nodes_created, again.relations_created) == (0, 0)
    assert db_counts(bolt_driver, bolt.database) == before == (
        sample_graph.nx.number_of_nodes(), sample_graph.nx.number_of_edges())
    assert graph_data(read_graph(bolt_driver, database=bolt.database)) == graph_data(sample_graph)


def test_hostile_names_are_stored_as_plain_values(bolt_driver, bolt, sample_graph):
    write_graph(sample_graph, bolt_driver, database=bolt.database)
    assert db_counts(bolt_driver, bolt.database)[0] == sample_graph.nx.number_of_nodes()
    titles = bolt_driver.execute_query(
        "MATCH (p:Paper {id: $id}) RETURN p.title AS title", id="paper:id:hostile-1", database_=bolt.database)
    assert titles.records[0]["title"] == "x'}) DETACH DELETE n //"
    names = {r["name"] for r in bolt_driver.execute_query(
        "MATCH (:Paper {id: $id})-->(n) RETURN n.name AS name", id="paper:id:hostile-1",
        database_=bolt.database).records}
    assert {"`a`) MATCH (n) DETACH DELETE n //", "x'}) DETACH DELETE n //"} <= names


def test_cypher_text_is_made_from_the_schema_only():
    for statement in schema_statements():
        assert "IF NOT EXISTS" in statement
    labels = {f"`{label.value}`" for label in Label} | {f"`{META_LABEL}`"}
    assert all(any(label in s for label in labels) for s in schema_statements())


def test_dataset_that_becomes_a_benchmark_stays_one_node(bolt_driver, bolt):
    kg = KnowledgeGraph()
    kg.add_node("paper:id:p1", Label.PAPER, "P1")
    kg.add_node("data:toyset", Label.DATASET, "ToySet", aliases=["TS"])
    kg.add_edge("paper:id:p1", "data:toyset", Rel.EVALUATES_ON, **{"as": "dataset"})
    write_graph(kg, bolt_driver, database=bolt.database)
    kg.add_node("data:toyset", Label.BENCHMARK, "ToySet", aliases=["TS"])
    write_graph(kg, bolt_driver, database=bolt.database)
    assert duplicate_ids(bolt_driver, bolt.database) == []
    back = read_graph(bolt_driver, database=bolt.database)
    assert back.node("data:toyset")["label"] == "Benchmark"
    assert graph_data(back) == graph_data(kg)


def test_properties_are_replaced_and_replaced_graph_pruned(bolt_driver, bolt, sample_graph):
    write_graph(sample_graph, bolt_driver, database=bolt.database)
    old = read_graph(bolt_driver, database=bolt.database)
    new = build_graph(sample_lines()[:2])  # the hostile paper and its entities are gone
    new.nx.nodes["paper:arxiv:2601.00001"]["year"] = 2025
    write_graph(new, bolt_driver, database=bolt.database, replaces=old)
    assert graph_data(read_graph(bolt_driver, database=bolt.database)) == graph_data(new)


def test_clear_deletes_paperkg_nodes_first(bolt_driver, bolt, sample_graph):
    write_graph(sample_graph, bolt_driver, database=bolt.database)
    small = build_graph(sample_lines()[2:])
    write_graph(small, bolt_driver, database=bolt.database, clear=True)
    assert graph_data(read_graph(bolt_driver, database=bolt.database)) == graph_data(small)


def big_graph(papers: int) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    for n in range(papers):
        kg.add_node(f"paper:id:{n}", Label.PAPER, f"Paper {n}", year=2000 + n % 26)
        kg.add_node(f"method:m{n}", Label.METHOD, f"M{n}", papers=[f"paper:id:{n}"])
        kg.add_edge(f"paper:id:{n}", f"method:m{n}", Rel.PROPOSES, count=1, rules=["r"], spans=[0, 2])
        if n:
            kg.add_edge(f"paper:id:{n}", f"paper:id:{n - 1}", Rel.CITES, source="explicit")
    return kg


@pytest.mark.slow
def test_server_killed_mid_load_then_rerun_completes_without_duplicates(bolt, bolt_driver):
    kg = big_graph(60)
    killed = []

    def kill_after_two_batches(phase, done, total):
        if done >= 40 and not killed:
            killed.append(done)
            bolt.kill()

    with bolt.driver(max_transaction_retry_time=0) as driver:
        with pytest.raises(PaperkgError) as error:
            write_graph(kg, driver, database=bolt.database, batch_size=20, progress=kill_after_two_batches)
    message = str(error.value)
    assert "\n" not in message
    assert "written so far: 40 of 120 nodes and 0 of 119 relations" in message
    assert "run the same write again" in message

    bolt.start()
    with bolt.driver() as driver:
        write_graph(kg, driver, database=bolt.database, batch_size=20)
        assert duplicate_ids(driver, bolt.database) == []
        assert db_counts(driver, bolt.database) == (120, 119)
        assert graph_data(read_graph(driver, database=bolt.database)) == graph_data(kg)


def test_graph_metadata_travels_and_another_schema_version_is_refused(bolt_driver, bolt):
    kg = build_graph(sample_lines()[:1], overrides={"rename": [{"entity": "data:cora", "name": "Cora (citations)"}]})
    assert kg.meta
    write_graph(kg, bolt_driver, database=bolt.database)
    assert read_graph(bolt_driver, database=bolt.database).meta == kg.meta
    bolt_driver.execute_query(f"MATCH (m:`{META_LABEL}`) SET m.schema_version = 999", database_=bolt.database)
    with pytest.raises(PaperkgError, match="schema version 999.*rebuild it with `paperkg build --clear`"):
        read_graph(bolt_driver, database=bolt.database)


@pytest.mark.slow
def test_driver_retries_carry_a_write_through_a_server_restart(bolt, bolt_driver):
    import threading

    kg = big_graph(60)
    restarts: list[threading.Thread] = []

    def restart_after_first_batch(phase, done, total):
        if not restarts:
            bolt.kill()
            restarts.append(threading.Thread(target=bolt.start))
            restarts[0].start()

    with bolt.driver(max_transaction_retry_time=60.0) as driver:
        summary = write_graph(kg, driver, database=bolt.database, batch_size=20, progress=restart_after_first_batch)
        restarts[0].join()
        assert (summary.nodes, summary.relations) == (120, 119)
        assert duplicate_ids(driver, bolt.database) == []
        assert graph_data(read_graph(driver, database=bolt.database)) == graph_data(kg)


def every_relation_graph() -> KnowledgeGraph:
    """One node per label and one relation of every (type, source label, target label) the schema allows."""
    from paperkg.graph.schema import RELATIONS, node_id

    kg = KnowledgeGraph()
    for label in Label:
        kg.add_node(node_id(label, "one"), label, f"one {label.value}", papers=["paper:one"])
    kg.add_node("paper:other", Label.PAPER, "Another paper", year=2026)
    for relation in RELATIONS.values():
        for source in relation.sources:
            for target in relation.targets:
                end = "paper:other" if target == Label.PAPER else node_id(target, "one")
                kg.add_edge(node_id(source, "one"), end, relation.type, count=1, rules=["test"], spans=[0, 3])
    return kg


def test_every_relation_the_schema_allows_is_written_read_back_and_pruned(bolt_driver, bolt):
    from paperkg.graph.schema import RELATIONS

    kg = every_relation_graph()
    # Dataset and Benchmark share ids (the graph's data node is a Benchmark): a copy holds it as a Dataset.
    data = KnowledgeGraph()
    data.nx = kg.nx.copy()
    data.nx.nodes["data:one"]["label"] = Label.DATASET.value
    variants = {(r.type, s, t) for r in RELATIONS.values() for s in r.sources for t in r.targets}
    written = {(Rel(k), Label(g.nx.nodes[u]["label"]), Label(g.nx.nodes[v]["label"]))
               for g in (kg, data) for u, v, k in g.nx.edges(keys=True)}
    assert written == variants

    for graph in (kg, data, kg):  # the data node changes label twice, keeping its relations
        write_graph(graph, bolt_driver, database=bolt.database)
        back = read_graph(bolt_driver, database=bolt.database)
        assert graph_data(back) == graph_data(graph)
    write_graph(data, bolt_driver, database=bolt.database)
    write_graph(KnowledgeGraph(), bolt_driver, database=bolt.database, replaces=read_graph(bolt_driver, bolt.database))
    assert db_counts(bolt_driver, bolt.database) == (0, 0)
    write_graph(kg, bolt_driver, database=bolt.database)
    write_graph(KnowledgeGraph(), bolt_driver, database=bolt.database, replaces=kg)
    assert db_counts(bolt_driver, bolt.database) == (0, 0)


#: Property values Neo4j cannot store, and how the writer names each.
UNSTORABLE = [
    ("categories", ["cs.LG", 2025], "a list mixing int and str"),
    ("categories", [1, 2.5], "a list mixing float and int"),
    ("categories", [True, 1], "a list mixing bool and int"),
    ("categories", ["cs.LG", None], "a list mixing null and str"),
    ("categories", [None], "a list of nulls"),
    ("categories", [["cs", "LG"]], "a list of lists"),
    ("categories", [{"name": "cs.LG"}], "a list of maps"),
    ("year", {"published": 2025}, "a map"),
    ("year", 2**64, "an integer outside 64 bits"),
    ("abstract", "Half \ud800 a pair", "a string with a lone surrogate (not UTF-8)"),
]


@pytest.mark.parametrize("field,value,problem", UNSTORABLE, ids=[p for _, _, p in UNSTORABLE])
def test_a_value_neo4j_cannot_store_is_refused_before_anything_is_sent(bolt_driver, bolt, field, value, problem):
    line = {"key": "id:odd", "title": "Odd Values", "sources": ["papers.jsonl:7"], field: value}
    kg = build_graph([sample_lines()[0], line])
    with pytest.raises(PaperkgError) as error:
        write_graph(kg, bolt_driver, database=bolt.database)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"node 'paper:id:odd' (from papers.jsonl:7): property '{field}' holds {problem}, "
                              "which Neo4j cannot store")
    assert message.endswith("nothing was written")
    everything = bolt_driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=bolt.database)
    assert everything.records[0]["n"] == 0  # not even the first paper or the metadata node


def test_a_relation_value_neo4j_cannot_store_is_refused_too(bolt_driver, bolt):
    kg = build_graph(sample_lines()[:1])
    kg.nx.edges["paper:arxiv:2601.00001", "method:graphweave", "PROPOSES"]["spans"] = [0, "10"]
    refused = (r"^relation 'paper:arxiv:2601.00001' -PROPOSES-> 'method:graphweave' \(from papers.jsonl:1\): "
               r"property 'spans' holds a list mixing int and str")
    with pytest.raises(PaperkgError, match=refused):
        write_graph(kg, bolt_driver, database=bolt.database)
    assert db_counts(bolt_driver, bolt.database) == (0, 0)


def test_lists_of_one_kind_and_empty_lists_are_stored_as_they_are(bolt_driver, bolt):
    kg = KnowledgeGraph()
    kg.add_node("paper:id:p1", Label.PAPER, "P1", categories=["cs.LG"], year=2026, sources=["a:1"])
    kg.nx.nodes["paper:id:p1"].update(scores=[0.5, 1.0], flags=[True, False], spans=[0, 2**63 - 1], project_pages=[])
    write_graph(kg, bolt_driver, database=bolt.database)
    assert graph_data(read_graph(bolt_driver, database=bolt.database)) == graph_data(kg)


def test_kept_table_rows_are_written_replaced_and_deleted_by_key(bolt_driver, bolt):
    read = "MATCH (m:`PaperkgMeta`) WHERE m.table = $t RETURN m.key AS key, m.value AS value ORDER BY key"
    with bolt_driver.session(database=bolt.database) as session:
        write_tables(session, {"matched": {"LoRA": 3, "ZedNet": 1}, "kept": {"corpus_pass": 1}})
        write_tables(session, {"matched": {"LoRA": 4, "ZedNet": None}})  # None: the name is matched nowhere now
    rows = bolt_driver.execute_query(read, t="matched", database_=bolt.database).records
    assert [(r["key"], json.loads(r["value"])) for r in rows] == [("LoRA", 4)]
    with bolt_driver.session(database=bolt.database) as session:
        clear_tables(session)
    assert not bolt_driver.execute_query(read, t="kept", database_=bolt.database).records
