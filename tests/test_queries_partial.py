"""A query answered from the graph file reads only the part it declares (``Query.reads``), and that part gives
the rows the whole graph gives: every catalogue query, over a sample of arguments picked from the graph itself
(the busiest nodes and random ones, options and filters varied), on the example corpus and the Daily Papers
corpus. Names resolve the same way from the name table (suggestions and ambiguity included); ``show`` and
``stats`` print the same."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from paperkg.commands.show import describe, node_graph
from paperkg.commands.stats import database_stats, graph_stats
from paperkg.errors import PaperkgError
from paperkg.graph import load
from paperkg.graph.database import GraphDatabase
from paperkg.graph.schema import Label
from paperkg.queries import CATALOGUE
from paperkg.queries.catalogue import answer
from paperkg.queries.citations import citation_summary
from paperkg.queries.partial import DatabaseBackend
from paperkg.queries.filters import PaperFilter, paper_date
from tests.test_queries_bolt import same_rows

#: Node arguments tried per query and graph: the busiest nodes of the wanted labels, then random ones.
BUSIEST, RANDOM = 3, 5


def graph_file(tmp_path_factory, corpus) -> tuple:
    from paperkg.pipeline import build

    path = tmp_path_factory.mktemp("graph") / "graph.db"
    build([str(corpus)], output=str(path))
    return load(path), path


@pytest.fixture(scope="module")
def examples(tmp_path_factory, examples_dir):
    return graph_file(tmp_path_factory, examples_dir)


@pytest.fixture(scope="module")
def daily(tmp_path_factory, daily_papers_dir):
    return graph_file(tmp_path_factory, daily_papers_dir)


def node_samples(kg, labels, seed: str) -> list[str]:
    """The busiest nodes among ``labels`` (``None``: any), then random others (a seeded choice)."""
    wanted = None if labels is None else {str(label) for label in labels}
    ids = sorted(n for n, a in kg.nx.nodes(data=True) if wanted is None or a["label"] in wanted)
    busiest = sorted(ids, key=lambda n: (-kg.nx.degree(n), n))[:BUSIEST]
    rest = [n for n in ids if n not in busiest]
    return busiest + random.Random(seed).sample(rest, min(RANDOM, len(rest)))


def filters_of(kg) -> list[dict]:
    """No filter, a date bound in the middle of the papers' dates, and the most common category."""
    dates = sorted(d for _, a in kg.nodes(Label.PAPER) if (d := paper_date(a)))
    cats = Counter(c for _, a in kg.nodes(Label.PAPER) for c in a.get("categories", ()))
    found = [{}]
    if dates:
        found.append({"since": dates[len(dates) // 2][:7]})
    if cats:
        found.append({"category": cats.most_common(1)[0][0]})
    return found


def cases(kg) -> list[tuple[str, dict]]:
    """``(query, arguments)`` for every catalogue query: node arguments sampled, options and filters varied."""
    found = []
    for query in CATALOGUE.values():
        options = [{}]
        for arg in query.args:
            if arg.type is bool:
                options = [{**o, arg.name: flag} for o in options for flag in (False, True)]
            elif arg.choices:
                options = [{**o, arg.name: choice} for o in options for choice in arg.choices]
            elif arg.type is int:
                options = [{**o, arg.name: n} for o in options for n in (1, 2)]
        nodes = [a for a in query.args if a.is_node]
        if query.name == "search":
            values = [{"text": t} for t in ("net", "cifar", "vision", "a", "zzzz")]
        elif len(nodes) == 2:  # path: pairs of sampled nodes
            picks = node_samples(kg, None, query.name)
            values = [{nodes[0].name: a, nodes[1].name: b} for a, b in zip(picks, picks[1:] + picks[:1])]
        elif nodes:
            values = [{nodes[0].name: n} for n in node_samples(kg, nodes[0].labels, query.name)]
        else:
            values = [{}]
        filters = filters_of(kg) if query.filtered else [{}]
        found += [(query.name, {**v, **o, **f}) for v in values for o in options for f in filters]
    return found


def outcome(name: str, source, args: dict):
    """The answer's rows, bound arguments and reason for being empty, or the error's message."""
    try:
        return answer(name, source, limit=0, **args)
    except PaperkgError as exc:
        return str(exc)


def same_answers(kg, path) -> list:
    """The cases whose answers differ between the whole graph and the database (none, when it works)."""
    differ = []
    with GraphDatabase(path) as db:
        for name, args in cases(kg):
            whole, part = outcome(name, kg, args), outcome(name, db, args)
            if isinstance(whole, str) or isinstance(part, str):
                if whole != part:
                    differ.append((name, args, whole, part))
            elif not (same_rows(whole.rows, part.rows) and whole.bound == part.bound
                      and whole.why_empty == part.why_empty):
                differ.append((name, args, len(whole.rows), len(part.rows)))
    return differ


def test_every_query_answers_the_same_from_its_part_of_the_example_graph(examples):
    kg, path = examples
    assert len(cases(kg)) > 300
    assert {name for name, _ in cases(kg)} == set(CATALOGUE)
    assert same_answers(kg, path) == []


@pytest.mark.slow
def test_every_query_answers_the_same_from_its_part_of_the_daily_papers_graph(daily):
    kg, path = daily
    assert kg.counts()["nodes"]["Paper"] > 300
    assert same_answers(kg, path) == []


def test_the_part_a_one_node_query_reads_is_a_small_part(examples):
    kg, path = examples
    with GraphDatabase(path) as db:
        part = DatabaseBackend(db).subgraph(CATALOGUE["papers-using"].reads, {"dataset": "data:cifar100lt"},
                                            PaperFilter())
    assert 0 < part.nx.number_of_nodes() < kg.nx.number_of_nodes() / 10
    def users(graph):
        return {(u, k) for u, _, k in graph.nx.in_edges("data:cifar100lt", keys=True) if k in ("EVALUATES_ON", "INTRODUCES")}

    assert users(part) == users(kg) and users(kg)


def test_the_citation_summary_reads_the_same_from_its_part(examples, daily):
    for kg, path in (examples, daily):
        with GraphDatabase(path) as db:
            for where in (PaperFilter(), PaperFilter(since="2025-03")):
                part = DatabaseBackend(db).subgraph(CATALOGUE["citations"].summary_reads, {}, where)
                assert citation_summary(part, where=where) == citation_summary(kg, where=where)


def names_to_try(kg) -> list[str]:
    """Names as users type them: exact, shared acronyms (ambiguous), misspelt, prefixes, titles, keys, ids."""
    rng = random.Random("names")
    nodes = sorted(kg.nx.nodes(data=True))
    picked = rng.sample(nodes, min(30, len(nodes)))
    texts = []
    for node_id, attrs in picked:
        name = attrs.get("name") or ""
        texts += [node_id, name, name.upper(), name[:-1] + "x", name[: max(3, len(name) // 2)]]
        texts += list(attrs.get("aliases", ()))[:2]
        if attrs.get("label") == "Paper":
            texts.append(node_id.split(":", 1)[1])
    by_key = Counter(k for _, a in nodes for k in {a.get("name", "").lower(), *map(str.lower, a.get("aliases", ()))})
    texts += sorted(k for k, n in by_key.items() if n > 1)[:10]  # names two nodes share
    return [t for t in dict.fromkeys(texts) if t.strip()]


@pytest.mark.parametrize("labels", [None, (Label.PAPER,), (Label.METHOD,), (Label.DATASET, Label.BENCHMARK)])
def test_names_resolve_from_the_name_table_as_from_the_graph(examples, daily, labels):
    from paperkg.queries.backends import NetworkXBackend

    for kg, path in (examples, daily):
        with GraphDatabase(path) as db:
            for text in names_to_try(kg):
                results = []
                for backend in (NetworkXBackend(kg), DatabaseBackend(db)):
                    try:
                        results.append(backend.resolve(text, labels, "name"))
                    except PaperkgError as exc:
                        results.append(str(exc))
                assert results[0] == results[1], text


def test_show_prints_the_same_from_the_nodes_part(examples):
    kg, path = examples
    for node_id in node_samples(kg, None, "show") + ["CIFAR-10", "AGR"]:
        part, ids = node_graph(path, node_id)
        assert ids == kg.lookup(node_id)
        if ids:
            assert describe(part, ids[0], limit=0) == describe(kg, ids[0], limit=0)


def test_stats_are_sql_counts_equal_to_the_graphs(examples, daily):
    for kg, path in (examples, daily):
        with GraphDatabase(path) as db:
            assert database_stats(db) == graph_stats(kg)
