"""Every catalogue query answers the same rows from the NetworkX store and from Cypher on a real Bolt server.

Two corpora: the six hand-written papers of ``test_queries`` (dates and categories, so the filters are
exercised in Cypher too), and the five real Hugging Face Daily Papers pages (353 papers; skipped when
``../shared`` is absent). Floats agree to ``FLOAT_TOLERANCE`` (sums are taken in a different order).
"""

from __future__ import annotations

import pytest

from paperkg.errors import PaperkgError
from paperkg.queries import CATALOGUE, FLOAT_TOLERANCE, run
from tests.test_queries import P1, P2, P4, corpus_graph

pytestmark = pytest.mark.neo4j


def same_rows(a: list[dict], b: list[dict]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x.keys() != y.keys():
            return False
        for key in x:
            if isinstance(x[key], float) or isinstance(y[key], float):
                if x[key] != pytest.approx(y[key], rel=FLOAT_TOLERANCE, abs=FLOAT_TOLERANCE):
                    return False
            elif x[key] != y[key]:
                return False
    return True


def loaded(bolt, kg):
    """A driver on the test database holding exactly ``kg``."""
    from paperkg.graph.neo4j_backend import write_graph

    if bolt.is_arcadedb and not bolt.running:
        bolt.start()
    bolt.clear()
    driver = bolt.driver()
    write_graph(kg, driver, database=bolt.database)
    return driver


@pytest.fixture(scope="module")
def corpus(bolt):
    kg = corpus_graph()
    driver = loaded(bolt, kg)
    yield kg, driver, bolt.database
    driver.close()


CORPUS_CASES = [
    ("shared-datasets", {"min_shared": 1}), ("shared-datasets", {"min_shared": 1, "since": "2025-02"}),
    ("shared-datasets", {"min_shared": 1, "category": "cs"}), ("shared-datasets", {"until": "2025-02"}),
    ("papers-using", {"dataset": "imagenet"}), ("papers-using", {"dataset": "LongBench-X", "until": "2025-02-28"}),
    ("datasets-of", {"paper": "rank-adaptive adapters"}),
    ("methods-on", {"dataset": "ImageNet-1K"}), ("methods-on", {"dataset": "COCO"}),
    ("methods-on", {"dataset": "ImageNet-1K", "category": "cs.LG"}),
    ("who-proposes", {"method": "tokenpruner"}), ("mentions-of", {"method": "LoRA", "since": "2025-03"}),
    ("mentions-of", {"method": "TokenPruner"}),
    ("top-datasets", {}), ("top-methods", {"category": "cs.CL"}), ("top-tasks", {}), ("top-methods", {"limit": 2}),
    ("co-used-datasets", {}), ("co-used-datasets", {"min_papers": 2, "since": "2025"}),
    ("related", {"paper": P1}), ("related", {"paper": P1, "score": "jaccard"}),
    ("related", {"paper": P1, "with_authors": True}), ("related", {"paper": P2, "category": "cs.CV"}),
    ("code-of", {"paper": "arxiv:2501.00001"}), ("papers-with-code", {}), ("papers-with-code", {"category": "cs.CL"}),
    ("citations", {"paper": P2}), ("citations", {"paper": P4}), ("citations", {"paper": P4, "since": "2025"}),
    ("search", {"text": "token"}), ("search", {"text": "MS-COCO"}), ("search", {"text": "token", "since": "2025-02"}),
    ("path", {"source": "SparseMixer", "target": "Segment Faster"}),
    ("path", {"source": "ImageNet-1K", "target": "CIFAR-100"}),
    ("path", {"source": "ImageNet-1K", "target": "CIFAR-100", "since": "2025-02"}),
    ("path", {"source": "SparseMixer", "target": "LongBench-X"}),
    ("path", {"source": "TokenPruner", "target": "top-1 accuracy", "all_nodes": True}),
    ("trend", {"name": "ImageNet"}), ("trend", {"name": "GSM8K", "category": "cs.LG"}),
    ("influential", {}), ("communities", {}),
]


def test_the_corpus_cases_cover_every_query():
    assert {name for name, _ in CORPUS_CASES} == set(CATALOGUE)


@pytest.mark.parametrize("name,args", CORPUS_CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CORPUS_CASES)])
def test_hand_corpus_same_rows_on_both_backends(corpus, name, args):
    kg, driver, database = corpus
    expected = run(name, kg, **args)
    got = run(name, driver, database=database, **args)
    assert same_rows(expected, got), (expected, got)


def test_the_writers_metadata_node_is_not_a_node_of_the_graph(corpus):
    kg, driver, database = corpus
    with pytest.raises(PaperkgError, match="no node called 'meta'"):
        run("path", driver, database=database, source="meta", target="COCO")


def test_hostile_names_are_parameters_not_cypher(corpus):
    kg, driver, database = corpus
    before = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database).records[0]["n"]
    for text in ("x'}) DETACH DELETE n //", "`a`) MATCH (n) DETACH DELETE n //", "\" OR 1=1 //"):
        with pytest.raises(PaperkgError, match="no dataset or benchmark called"):
            run("papers-using", driver, database=database, dataset=text)
        run("search", driver, database=database, text=text)
    after = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database).records[0]["n"]
    assert after == before


def node_arg_labels() -> list:
    """Every set of labels a catalogue query resolves a name among (``None``: any node)."""
    sets = [arg.labels for query in CATALOGUE.values() for arg in query.args if arg.is_node]
    return list(dict.fromkeys(sets))


def spellings(kg, labels) -> list[str]:
    """What a user may type for a node among ``labels``: its id, its name in capitals (found by the
    case-blind query), its name with other punctuation (found only by the punctuation-blind pass), an
    unknown name."""
    wanted = None if labels is None else {str(label) for label in labels}
    node, attrs = min((n, a) for n, a in kg.nodes() if wanted is None or a["label"] in wanted)
    name = attrs.get("title") or attrs["name"]
    return [node, name.upper(), "_".join(name.split()) + "!", "Nothing Is Called This"]


@pytest.mark.parametrize("labels", node_arg_labels(), ids=lambda ls: "any" if ls is None else "|".join(ls))
def test_names_resolve_on_the_server_as_in_the_graph(corpus, labels):
    from paperkg.queries.backends import CypherBackend, NetworkXBackend

    kg, driver, database = corpus
    embedded, server = NetworkXBackend(kg), CypherBackend(driver, database)
    for text in spellings(kg, labels):
        try:
            expected = embedded.resolve(text, labels, "name")
        except PaperkgError as error:
            with pytest.raises(PaperkgError) as found:
                server.resolve(text, labels, "name")
            assert str(found.value) == str(error)
        else:
            assert server.resolve(text, labels, "name") == expected


# -- the real Daily Papers corpus -----------------------------------------------------------------
@pytest.fixture(scope="module")
def daily(bolt, daily_papers_dir):
    from paperkg.pipeline import build

    kg = build([str(daily_papers_dir)])
    driver = loaded(bolt, kg)
    yield kg, driver, bolt.database
    driver.close()


def daily_cases(kg) -> list[tuple[str, dict]]:
    """Arguments picked from the graph itself: the most used dataset and method, papers that share data..."""
    first = lambda rows, key: rows[0][key] if rows else None  # noqa: E731
    data = [r["id"] for r in run("top-datasets", kg, limit=2)]
    method = first(run("top-methods", kg, limit=1), "id")
    pair = run("shared-datasets", kg, min_shared=1, limit=1)
    cites = sorted(u for u, _, k in kg.nx.edges(keys=True) if k == "CITES")
    proposed = sorted(v for _, v, k in kg.nx.edges(keys=True) if k == "PROPOSES")
    coded = sorted(u for u, _, k in kg.nx.edges(keys=True) if k == "HAS_CODE")
    cases = [("shared-datasets", {"min_shared": 1, "limit": 0}), ("shared-datasets", {}),
             ("top-datasets", {"limit": 0}), ("top-methods", {"limit": 0}), ("top-tasks", {"limit": 0}),
             ("co-used-datasets", {"limit": 0}), ("papers-with-code", {"limit": 0}),
             ("search", {"text": "diffusion", "limit": 0}), ("search", {"text": "vision"})]
    for dataset in data:
        cases += [("papers-using", {"dataset": dataset, "limit": 0}), ("methods-on", {"dataset": dataset, "limit": 0})]
    if method:
        cases += [("mentions-of", {"method": method, "limit": 0}), ("trend", {"name": method}),
                  ("path", {"source": data[0], "target": method})]
    if proposed:
        cases.append(("who-proposes", {"method": proposed[0]}))
    if pair:
        a, b = pair[0]["paper_a"], pair[0]["paper_b"]
        cases += [("datasets-of", {"paper": a}), ("related", {"paper": a, "limit": 0}),
                  ("related", {"paper": b, "score": "jaccard", "limit": 0})]
        if coded:
            cases.append(("path", {"source": a, "target": coded[-1]}))
    if cites:
        cases += [("citations", {"paper": cites[0]}), ("related", {"paper": cites[-1]})]
    if coded:
        cases.append(("code-of", {"paper": coded[0]}))
    return cases


@pytest.mark.slow
def test_daily_papers_same_rows_on_both_backends(daily):
    kg, driver, database = daily
    cases = daily_cases(kg)
    assert {name for name, _ in cases} == {q.name for q in CATALOGUE.values() if q.cypher}  # every Cypher form
    differ = []
    for name, args in cases:
        expected = run(name, kg, **args)
        got = run(name, driver, database=database, **args)
        if not same_rows(expected, got):
            differ.append((name, args, len(expected), len(got)))
    assert not differ
    assert len(run("top-methods", kg, limit=0)) > 100  # a real graph, not an empty one
