"""The query catalogue on a six-paper corpus written for these tests, with every answer worked out by hand.

The corpus (extraction lines, as ``paperkg extract`` writes them, built with ``paperkg.graph.build_graph``):

- P1 "SparseMixer" (2025-01-10, cs.CV cs.LG): proposes SparseMixer; ImageNet-1K, CIFAR-100; image
  classification; top-1 accuracy; result SparseMixer / ImageNet-1K / top-1 accuracy / 84.1%; code
  github.com/lab/sparsemixer; author Ana Silva.
- P2 "TokenPruner" (2025-02-05, cs.CV): proposes TokenPruner, mentions SparseMixer (so it cites P1 by
  mention); ImageNet-1K, MS-COCO; image classification, object detection; mAP; result TokenPruner / COCO /
  mAP / 45.2; authors Ana Silva, Bo Chen.
- P3 "LongBench-X" (2025-02-20, cs.CL): introduces the benchmark LongBench-X, evaluates on GSM8K, mentions
  LoRA; question answering; code github.com/lab/longbench-x.
- P4 "Rank-Adaptive Adapters" (2025-03-02, cs.CL cs.LG): proposes RankAdapt, mentions LoRA; GSM8K and
  LongBench-X; references P3 (explicit, and also by naming LongBench-X) and an outside DOI (a stub paper).
- P5 "Segment Faster" (a Daily Papers date, "Mar 11": no year; no categories): mentions TokenPruner twice
  (cites P2 by mention); COCO, ImageNet (= ImageNet-1K), CIFAR-100; object detection.
- P6 "An Essay on Peer Review" (2025-03-15, cs.CY): nothing extracted.

The vision papers (P1, P2, P5) and the language papers (P3, P4) share nothing but nothing.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperkg.errors import PaperkgError
from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries import CATALOGUE, PaperFilter, run
from paperkg.queries.filters import paper_date

P1, P2, P3, P4, P5, P6 = (f"paper:{k}" for k in ("arxiv:2501.00001", "arxiv:2502.00002", "arxiv:2502.00003",
                                                 "arxiv:2503.00004", "id:daily-5", "arxiv:2503.00006"))
STUB = "paper:doi:10.1000/outside"


def _entity(kind: str, name: str, aliases=(), own: bool = False, mentions: int = 1) -> dict:
    line = {"type": kind, "name": name, "aliases": list(aliases),
            "mentions": [{"start": 10 * i, "end": 10 * i + len(name), "text": name, "rule": "test"}
                         for i in range(mentions)]}
    if kind == "method":
        line["proposed"] = own
    if kind in ("dataset", "benchmark"):
        line["introduced"] = own
    return line


def corpus_lines() -> list[dict]:
    """The six papers above as extraction lines."""
    return [
        {"key": "arxiv:2501.00001", "arxiv_id": "2501.00001", "title": "SparseMixer: Sparse Token Mixing for Vision",
         "abstract": "We propose SparseMixer.", "date": "2025-01-10", "categories": ["cs.CV", "cs.LG"],
         "authors": [{"name": "Ana Silva"}],
         "entities": [_entity("method", "SparseMixer", own=True), _entity("dataset", "ImageNet-1K", ["ImageNet"]),
                      _entity("dataset", "CIFAR-100"), _entity("task", "image classification"),
                      _entity("metric", "top-1 accuracy"), _entity("code", "github.com/lab/sparsemixer")],
         "results": [{"method": "SparseMixer", "dataset": "ImageNet-1K", "metric": "top-1 accuracy",
                      "value": "84.1%"}]},
        {"key": "arxiv:2502.00002", "arxiv_id": "2502.00002", "title": "TokenPruner: Pruning Tokens at Scale",
         "abstract": "We propose TokenPruner and compare with SparseMixer.", "date": "2025-02-05",
         "categories": ["cs.CV"], "authors": [{"name": "Ana Silva"}, {"name": "Bo Chen"}],
         "entities": [_entity("method", "TokenPruner", own=True), _entity("method", "SparseMixer"),
                      _entity("dataset", "ImageNet-1K"), _entity("dataset", "MS-COCO", ["COCO"]),
                      _entity("task", "image classification"), _entity("task", "object detection"),
                      _entity("metric", "mAP")],
         "results": [{"method": "TokenPruner", "dataset": "MS-COCO", "metric": "mAP", "value": "45.2"}]},
        {"key": "arxiv:2502.00003", "arxiv_id": "2502.00003",
         "title": "LongBench-X: A Benchmark for Long-Context Reasoning", "abstract": "We introduce LongBench-X.",
         "date": "2025-02-20", "categories": ["cs.CL"],
         "entities": [_entity("benchmark", "LongBench-X", own=True), _entity("dataset", "GSM8K"),
                      _entity("method", "LoRA"), _entity("task", "question answering"),
                      _entity("code", "github.com/lab/longbench-x")]},
        {"key": "arxiv:2503.00004", "arxiv_id": "2503.00004", "title": "Rank-Adaptive Adapters",
         "abstract": "We propose RankAdapt.", "date": "2025-03-02", "categories": ["cs.CL", "cs.LG"],
         "references": ["arxiv:2502.00003", "doi:10.1000/outside"],
         "entities": [_entity("method", "RankAdapt", own=True), _entity("method", "LoRA"),
                      _entity("dataset", "GSM8K"), _entity("benchmark", "LongBench-X")]},
        {"key": "id:daily-5", "record_id": "daily-5", "title": "Segment Faster", "abstract": "Faster than TokenPruner.",
         "date": "Mar 11",
         "entities": [_entity("method", "TokenPruner", mentions=2), _entity("dataset", "COCO"),
                      _entity("dataset", "ImageNet"), _entity("dataset", "CIFAR-100"),
                      _entity("task", "object detection")]},
        {"key": "arxiv:2503.00006", "arxiv_id": "2503.00006", "title": "An Essay on Peer Review",
         "abstract": "Thoughts.", "date": "2025-03-15", "categories": ["cs.CY"], "entities": []},
    ]


def corpus_graph() -> KnowledgeGraph:
    from paperkg.graph import build_graph

    return build_graph(corpus_lines())


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return corpus_graph()


def col(rows, *names):
    return [tuple(r[n] for n in names) if len(names) > 1 else r[names[0]] for r in rows]


# -- datasets ---------------------------------------------------------------------------------------
def test_shared_datasets_most_informative_first_then_most_shared_then_by_ids(kg):
    # five papers use data; ImageNet-1K has three users (weight log(1 + 5/3)), the others two (log(1 + 5/2))
    hub, rare = math.log1p(5 / 3), math.log1p(5 / 2)
    rows = run("shared-datasets", kg)  # default: every pair sharing one or more
    assert col(rows, "paper_a", "paper_b", "shared", "datasets") == [
        (P3, P4, 2, ["GSM8K", "LongBench-X"]),
        (P1, P5, 2, ["CIFAR-100", "ImageNet-1K"]),
        (P2, P5, 2, ["COCO", "ImageNet-1K"]),
        (P1, P2, 1, ["ImageNet-1K"]),
    ]
    assert col(rows, "score") == pytest.approx([2 * rare, rare + hub, rare + hub, hub])
    assert rows[1]["title_a"] == "SparseMixer: Sparse Token Mixing for Vision"
    assert len(run("shared-datasets", kg, min_shared=2)) == 3
    assert run("shared-datasets", kg, min_shared=3) == []
    assert col(run("shared-datasets", kg, limit=1), "paper_a") == [P3]


def test_shared_datasets_filters(kg):
    # --since drops P1 (January) and P5 (no year): only the language pair is left.
    assert col(run("shared-datasets", kg, min_shared=1, since="2025-02"), "paper_a", "paper_b") == [(P3, P4)]
    assert col(run("shared-datasets", kg, min_shared=1, category="cs.CV"), "paper_a", "paper_b") == [(P1, P2)]
    # an archive name takes all its categories; P5 has none
    assert col(run("shared-datasets", kg, min_shared=1, category="cs"), "paper_a", "paper_b") == [(P3, P4), (P1, P2)]
    assert col(run("shared-datasets", kg, min_shared=1, until="2025-02"), "paper_a", "paper_b") == [(P1, P2)]


def test_papers_using_takes_aliases_and_says_how(kg):
    assert col(run("papers-using", kg, dataset="imagenet"), "paper", "relations") == [
        (P1, ["EVALUATES_ON"]), (P2, ["EVALUATES_ON"]), (P5, ["EVALUATES_ON"])]
    assert col(run("papers-using", kg, dataset="LongBench-X"), "paper", "relations") == [
        (P3, ["INTRODUCES"]), (P4, ["EVALUATES_ON"])]
    assert col(run("papers-using", kg, dataset="ms coco"), "paper", "date") == [(P2, "2025-02-05"), (P5, "Mar 11")]


def test_datasets_of_a_paper_by_title(kg):
    rows = run("datasets-of", kg, paper="rank-adaptive adapters")
    assert col(rows, "dataset", "name", "label", "relations") == [
        ("data:gsm8k", "GSM8K", "Dataset", ["EVALUATES_ON"]),
        ("data:longbenchx", "LongBench-X", "Benchmark", ["EVALUATES_ON"])]
    assert run("datasets-of", kg, paper=P6) == []


def test_methods_on_lists_results_and_unscored_proposals(kg):
    assert col(run("methods-on", kg, dataset="ImageNet-1K"), "name", "paper", "metric", "value") == [
        ("SparseMixer", P1, "top-1 accuracy", "84.1%"),  # the result P1 reports
        ("TokenPruner", P2, None, None),                  # P2 proposes it and uses ImageNet, states no number
    ]
    assert col(run("methods-on", kg, dataset="COCO"), "name", "paper", "metric", "value") == [
        ("TokenPruner", P2, "mAP", "45.2")]
    assert col(run("methods-on", kg, dataset="LongBench-X"), "name", "paper") == [("RankAdapt", P4)]


def test_top_entities_by_papers_then_id(kg):
    assert col(run("top-datasets", kg), "id", "papers") == [
        ("data:imagenet1k", 3), ("data:cifar100", 2), ("data:coco", 2), ("data:gsm8k", 2), ("data:longbenchx", 2)]
    assert run("top-datasets", kg)[4]["label"] == "Benchmark"
    assert col(run("top-methods", kg), "name", "papers") == [
        ("LoRA", 2), ("SparseMixer", 2), ("TokenPruner", 2), ("RankAdapt", 1)]
    assert col(run("top-tasks", kg), "name", "papers") == [
        ("image classification", 2), ("object detection", 2), ("question answering", 1)]
    assert col(run("top-methods", kg, category="cs.CL"), "name", "papers") == [("LoRA", 2), ("RankAdapt", 1)]
    assert len(run("top-methods", kg, limit=2)) == 2


def test_co_used_datasets(kg):
    assert col(run("co-used-datasets", kg), "name_a", "name_b", "papers") == [
        ("CIFAR-100", "ImageNet-1K", 2),  # P1, P5
        ("COCO", "ImageNet-1K", 2),       # P2, P5
        ("GSM8K", "LongBench-X", 2),      # P3, P4
        ("CIFAR-100", "COCO", 1),         # P5
    ]
    assert len(run("co-used-datasets", kg, min_papers=2)) == 3


# -- methods ----------------------------------------------------------------------------------------
def test_who_proposes_and_mentions_of(kg):
    assert col(run("who-proposes", kg, method="tokenpruner"), "paper", "title") == [
        (P2, "TokenPruner: Pruning Tokens at Scale")]
    assert col(run("mentions-of", kg, method="TokenPruner"), "paper", "count", "surface") == [
        (P5, 2, ["TokenPruner"])]
    assert col(run("mentions-of", kg, method="LoRA"), "paper") == [P3, P4]
    assert col(run("mentions-of", kg, method="LoRA", since="2025-03"), "paper") == [P4]
    assert run("who-proposes", kg, method="LoRA") == []  # named, proposed by nobody here


# -- papers -----------------------------------------------------------------------------------------
def test_related_jaccard(kg):
    # P1 has 6 entities (SparseMixer, ImageNet-1K, CIFAR-100, image classification, top-1 accuracy, its repo).
    # P2 has 7 and shares 3 (SparseMixer, ImageNet-1K, image classification): 3 / (6 + 7 - 3) = 0.3.
    # P5 has 5 and shares 2 (ImageNet-1K, CIFAR-100): 2 / (6 + 5 - 2) = 2/9.
    rows = run("related", kg, paper="SparseMixer: Sparse Token Mixing for Vision", score="jaccard")
    assert col(rows, "paper", "shared") == [(P2, 3), (P5, 2)]
    assert rows[0]["score"] == pytest.approx(0.3) and rows[1]["score"] == pytest.approx(2 / 9)
    assert rows[0]["reasons"] == ["dataset: ImageNet-1K", "method: SparseMixer", "task: image classification"]


def test_related_adamic_adar_weighs_rare_entities_and_leaves_authors_out(kg):
    # degrees: SparseMixer 2 papers, ImageNet-1K 3, image classification 2, CIFAR-100 2
    rows = run("related", kg, paper=P1)
    assert col(rows, "paper") == [P2, P5]
    assert rows[0]["score"] == pytest.approx(2 / math.log(2) + 1 / math.log(3))
    assert rows[1]["score"] == pytest.approx(1 / math.log(2) + 1 / math.log(3))
    with_authors = run("related", kg, paper=P1, with_authors=True)
    assert with_authors[0]["score"] == pytest.approx(3 / math.log(2) + 1 / math.log(3))  # + Ana Silva
    assert "author: Ana Silva" in with_authors[0]["reasons"]
    assert run("related", kg, paper=P6) == []
    with pytest.raises(PaperkgError, match="score must be one of"):
        run("related", kg, paper=P1, score="cosine")


def test_code_of_and_papers_with_code(kg):
    assert run("code-of", kg, paper="arxiv:2501.00001") == [
        {"repository": "repo:github.com/lab/sparsemixer", "url": "https://github.com/lab/sparsemixer"}]
    assert col(run("papers-with-code", kg), "paper", "repositories") == [
        (P1, ["github.com/lab/sparsemixer"]), (P3, ["github.com/lab/longbench-x"])]
    assert col(run("papers-with-code", kg, category="cs.CL"), "paper") == [P3]


def test_search_exact_then_prefix_then_contains(kg):
    assert col(run("search", kg, text="tokenpruner"), "id", "match") == [
        ("method:tokenpruner", "exact"), (P2, "prefix")]
    assert col(run("search", kg, text="token"), "id", "match") == [
        ("method:tokenpruner", "prefix"), (P2, "prefix"), (P1, "contains")]
    assert col(run("search", kg, text="MS-COCO"), "id", "label") == [("data:coco", "Dataset")]  # alias; results skipped
    assert col(run("search", kg, text="token", since="2025-02"), "id") == ["method:tokenpruner", P2]


# -- citations --------------------------------------------------------------------------------------
def test_citations_both_ways_explicit_and_inferred(kg):
    assert col(run("citations", kg, paper=P2), "direction", "paper", "source", "evidence") == [
        ("cites", P1, "mention", ["SparseMixer"]),
        ("cited-by", P5, "mention", ["TokenPruner"])]
    rows = run("citations", kg, paper="Rank-Adaptive Adapters")
    assert col(rows, "direction", "paper", "source", "evidence", "stub") == [
        ("cites", P3, "explicit", ["LongBench-X"], False),
        ("cites", STUB, "explicit", [], True)]
    assert col(run("citations", kg, paper=P4, since="2025"), "paper") == [P3]  # the stub has no date


def test_influential_pagerank_over_citations(kg):
    # CITES: P2->P1, P5->P2, P4->P3, P4->stub. P1 collects the chain P5->P2->P1; P3 and the stub each get half
    # of P4; P4 and P5 are cited by no one.
    rows = run("influential", kg)
    assert col(rows, "paper") == [P1, P2, P3, STUB, P4, P5]
    assert col(rows, "cited_by") == [1, 1, 1, 1, 0, 0]
    assert sum(r["pagerank"] for r in rows) == pytest.approx(1.0)
    assert rows[2]["pagerank"] == pytest.approx(rows[3]["pagerank"])
    import networkx as nx
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    expected = _pagerank_python(nx.DiGraph([(P2, P1), (P5, P2), (P4, P3), (P4, STUB)]))
    assert {r["paper"]: r["pagerank"] for r in rows} == pytest.approx(expected, rel=1e-5)  # networkx stops at tol=1e-6
    assert col(run("influential", kg, category="cs.CL"), "paper") == [P3, P4]


# -- structure --------------------------------------------------------------------------------------
def test_path_names_each_step(kg):
    # SparseMixer is mentioned by P2, which P5 cites: two steps, both against the arrows.
    rows = run("path", kg, source="SparseMixer", target="Segment Faster")
    assert col(rows, "step", "source", "relation", "direction", "target") == [
        (1, "method:sparsemixer", "MENTIONS", "<-", P2),
        (2, P2, "CITES", "<-", P5)]
    assert rows[1]["target_name"] == "Segment Faster"


def test_path_ties_break_by_node_ids_and_filters_bar_papers(kg):
    # ImageNet-1K and CIFAR-100 are both used by P1 and P5: P1's id comes first.
    assert col(run("path", kg, source="ImageNet-1K", target="CIFAR-100"), "target") == [P1, "data:cifar100"]
    # from 2025-02 on, P1 (January) and P5 (no year) may not be walked through; nothing else joins them
    assert run("path", kg, source="ImageNet-1K", target="CIFAR-100", since="2025-02") == []
    # the vision and language papers are not connected (authors and results are not walked through)
    assert run("path", kg, source="SparseMixer", target="LongBench-X") == []


def test_path_through_authors_only_when_asked():
    kg = KnowledgeGraph()
    for paper in ("paper:id:x", "paper:id:y"):
        kg.add_node(paper, Label.PAPER, paper[-1].upper(), title=paper[-1].upper())
        kg.add_edge("author:name:ana-silva", paper, Rel.WROTE)
    kg.add_node("author:name:ana-silva", Label.AUTHOR, "Ana Silva")
    assert run("path", kg, source="X", target="Y") == []  # a name is not a person
    assert col(run("path", kg, source="X", target="Y", all_nodes=True), "relation", "direction", "target") == [
        ("WROTE", "<-", "author:name:ana-silva"), ("WROTE", "->", "paper:id:y")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=30), st.integers(0, 11),
       st.integers(0, 11))
def test_path_is_the_shortest_path_whose_ids_come_first(edges, a, b):
    """The search from both ends (issue 8: 1.4 s to milliseconds on the 75k graph) names the path a plain
    enumeration of every shortest path picks."""
    import networkx as nx

    from paperkg.queries.structure import path

    kg = KnowledgeGraph()
    ids = [f"method:m{i:02d}" for i in range(12)]
    for node in ids:
        kg.add_node(node, Label.METHOD, node)
    for u, v in edges:
        if u != v:
            kg.add_edge(ids[u], ids[v], Rel.MENTIONS)
    undirected = nx.Graph(kg.nx)
    if a == b or not nx.has_path(undirected, ids[a], ids[b]):
        expected = []
    else:
        expected = min(nx.all_shortest_paths(undirected, ids[a], ids[b]))[1:]
    assert [row["target"] for row in path(kg, ids[a], ids[b])] == expected


def test_path_goes_up_to_max_path_relations():
    from paperkg.queries.structure import MAX_PATH, path

    kg = KnowledgeGraph()
    chain = [f"method:m{i:02d}" for i in range(MAX_PATH + 2)]
    for node in chain:
        kg.add_node(node, Label.METHOD, node)
    for u, v in zip(chain, chain[1:]):
        kg.add_edge(u, v, Rel.MENTIONS)
    assert [row["target"] for row in path(kg, chain[0], chain[MAX_PATH])] == chain[1:MAX_PATH + 1]
    assert path(kg, chain[0], chain[MAX_PATH + 1]) == []


def test_communities_keep_vision_and_language_apart(kg):
    rows = run("communities", kg)
    vision, language = {P1, P2, P5}, {P3, P4, STUB}
    titles = {kg.nx.nodes[p].get("title") or kg.nx.nodes[p]["name"]: p for p in vision | language}
    seen = set()
    for row in rows:
        assert row["papers"] >= 1 and row["nodes"] >= row["papers"]
        papers = {titles[t] for t in row["examples"]}
        assert papers <= vision or papers <= language
        seen |= papers
    assert col(rows, "papers") == sorted(col(rows, "papers"), reverse=True)
    assert col(rows, "community") == list(range(1, len(rows) + 1))
    assert {d for r in rows for d in r["datasets"]} == {"ImageNet-1K", "CIFAR-100", "COCO", "GSM8K", "LongBench-X"}
    assert sum(r["papers"] for r in rows) == 6  # P6 shares nothing and is left out
    assert run("communities", kg) == rows  # seeded: the same every time


def test_trend_counts_papers_per_known_month(kg):
    assert run("trend", kg, name="ImageNet") == [{"month": "2025-01", "papers": 1}, {"month": "2025-02", "papers": 1}]
    assert run("trend", kg, name="LoRA") == [{"month": "2025-02", "papers": 1}, {"month": "2025-03", "papers": 1}]
    assert run("trend", kg, name="GSM8K", category="cs.LG") == [{"month": "2025-03", "papers": 1}]


# -- arguments and filters ------------------------------------------------------------------------
def test_names_resolve_like_the_graph(kg):
    for text in ("CIFAR-100", "cifar100", "Cifar 100", "data:cifar100", "cifar100"):
        assert col(run("papers-using", kg, dataset=text), "paper") == [P1, P5]
    for text in ("Rank-Adaptive Adapters", "RANK-ADAPTIVE ADAPTERS", "arxiv:2503.00004", P4, "2503.00004",
                 "https://arxiv.org/abs/2503.00004v1"):
        assert run("datasets-of", kg, paper=text)[0]["dataset"] == "data:gsm8k"


def test_unknown_names_suggest_the_closest(kg):
    with pytest.raises(PaperkgError, match=r"no dataset or benchmark called 'CIFAR-10'.*closest: 'CIFAR-100'"):
        run("papers-using", kg, dataset="CIFAR-10")
    with pytest.raises(PaperkgError, match="no method called 'ImageNet-1K'"):
        run("who-proposes", kg, method="ImageNet-1K")  # a dataset is not a method
    with pytest.raises(PaperkgError, match="no query called 'paper-using'; did you mean papers-using"):
        run("paper-using", kg, dataset="COCO")
    with pytest.raises(PaperkgError, match="needs DATASET"):
        run("papers-using", kg)
    with pytest.raises(PaperkgError, match="has no argument 'paper'"):
        run("papers-using", kg, dataset="COCO", paper=P1)
    with pytest.raises(PaperkgError, match="takes no --since"):
        run("datasets-of", kg, paper=P1, since="2025")


def test_a_name_two_nodes_share_is_ambiguous():
    kg = KnowledgeGraph()
    kg.add_node("method:deltanetworks", Label.METHOD, "Delta Networks", aliases=["DELTA"])
    kg.add_node("method:dynamicelastictraining", Label.METHOD, "Dynamic Elastic Training", aliases=["DELTA"])
    kg.add_node("method:delta", Label.METHOD, "delta-tuning", aliases=[])
    kg.add_node("paper:id:a", Label.PAPER, "A", title="A")
    kg.add_edge("paper:id:a", "method:deltanetworks", Rel.PROPOSES)
    with pytest.raises(PaperkgError, match="ambiguous.*method:deltanetworks.*method:dynamicelastictraining"):
        run("who-proposes", kg, method="DELTA")
    assert col(run("who-proposes", kg, method="Delta Networks"), "paper") == ["paper:id:a"]
    assert run("who-proposes", kg, method="delta-tuning") == []  # its own name wins over the others' alias


def test_paper_filter_semantics():
    assert paper_date({"date": "2025-03-18"}) == "2025-03-18"
    assert paper_date({"date": "Mar 11"}) is None and paper_date({"date": "Mar 11", "year": 2024}) == "2024"
    march = PaperFilter.make(since="2025-03", until="2025-03")
    assert march({"date": "2025-03-31"}) and march({"date": "2025-03"}) and not march({"date": "2025-04-01"})
    assert not march({"date": "Mar 11"}) and not march({"year": 2025})
    assert PaperFilter.make(category="CS.cv")({"categories": ["cs.CV"]})
    assert not PaperFilter.make(category="cs.C")({"categories": ["cs.CV"]})
    with pytest.raises(PaperkgError, match="--since takes YYYY"):
        PaperFilter.make(since="March 2025")


def test_every_query_is_registered_with_help_and_an_example():
    names = {"shared-datasets", "papers-using", "datasets-of", "methods-on", "who-proposes", "mentions-of",
             "top-datasets", "top-methods", "top-tasks", "co-used-datasets", "related", "code-of",
             "papers-with-code", "citations", "influential", "path", "communities", "search", "trend"}
    assert set(CATALOGUE) == names
    for query in CATALOGUE.values():
        assert query.help and query.example.startswith(f"paperkg query {query.name}")
        assert query.networkx.__doc__
    assert {q.name for q in CATALOGUE.values() if q.cypher is None} == {"influential", "communities"}
