"""Questions about papers: related papers, code links, and finding nodes by text."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from paperkg.graph.schema import META_LABEL, Label, Rel
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.catalogue import Arg, Query, register, score_key
from paperkg.queries.common import (ANY, ENTITY_RELS, PAPER, incoming, is_paper, label_of, linked, node_attrs, rels,
                                    title, title_of)
from paperkg.queries.filters import PaperFilter, cypher_filter
from paperkg.queries.reads import Around, Hop, NamesContaining, Relations

SCORES = ("adamic-adar", "jaccard")


def entities_of(kg: KnowledgeGraph, paper: str, with_authors: bool = False) -> set[str]:
    """The nodes that can make ``paper`` related to another: its methods, data, tasks, metrics, code
    (and authors when asked)."""
    found = {e for e, _, _ in linked(kg, paper, ENTITY_RELS, incoming=False)}
    if with_authors:
        found |= {a for a, _, _ in linked(kg, paper, (Rel.WROTE,), incoming=True)}
    return found


def papers_linked(kg: KnowledgeGraph, entity: str) -> set[str]:
    """Every paper linked to ``entity`` (the inverse of :func:`entities_of`)."""
    found = {p for p, _, _ in linked(kg, entity, ENTITY_RELS, incoming=True)}
    found |= {p for p, _, _ in linked(kg, entity, (Rel.WROTE,), incoming=False)}
    return {p for p in found if is_paper(kg, p)}


def reason(attrs: dict[str, Any]) -> str:
    """``"dataset: CIFAR-10"``: a shared entity as a reason two papers are related."""
    return f"{attrs['label'].lower()}: {attrs['name']}"


def related(kg: KnowledgeGraph, paper: str, score: str = "adamic-adar", with_authors: bool = False, *,
            where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Papers sharing entities with ``paper``, best first, with the shared entities as reasons.

    ``adamic-adar`` (default) sums ``1 / log(papers linked to e)`` over shared entities ``e``, so a
    rare shared dataset counts more than a metric every paper reports; ``jaccard`` is shared / union.
    Authors (a name is not a person) and results are left out unless ``with_authors``.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["title"], r["reasons"]) for r in related(tiny_graph(), "paper:arxiv:2501.00001", "jaccard")]
    [('Sharpness-Aware Minimization Made Cheap', ['dataset: CIFAR-10', 'method: SAM-Lite', 'task: image classification'])]
    """
    mine = entities_of(kg, paper, with_authors)
    shared: dict[str, set[str]] = defaultdict(set)
    degree: dict[str, int] = {}
    for entity in mine:
        others = papers_linked(kg, entity)
        degree[entity] = len(others)
        for other in others:
            if other != paper and where(kg.nx.nodes[other]):
                shared[other].add(entity)
    rows = []
    for other, common in shared.items():
        if score == "jaccard":
            value = len(common) / len(mine | entities_of(kg, other, with_authors))
        else:
            value = sum(1.0 / math.log(degree[e]) for e in common)
        rows.append({"paper": other, "title": title(kg.nx.nodes[other]), "score": value, "shared": len(common),
                     "reasons": sorted(reason(kg.nx.nodes[e]) for e in common)})
    return sorted(rows, key=_related_order)


def related_reads(score: str, with_authors: bool) -> Around:
    """What ``related`` reads: the paper's entities, their papers, and (for ``jaccard``) those papers' entities."""
    hop = Hop((*ENTITY_RELS, Rel.WROTE) if with_authors else ENTITY_RELS)
    return Around(("paper",), (hop, hop, hop) if score == "jaccard" else (hop, hop))


def _related_order(r: dict) -> tuple:
    return (-score_key(r["score"]), r["paper"])


_LINKS = rels(*ENTITY_RELS, Rel.WROTE)
_KINDS = tuple(label for label in Label if label not in (Label.PAPER, Label.RESULT))

register(Query(
    name="related",
    help="papers sharing methods, datasets, tasks, metrics or code with a paper, with the reasons",
    example='paperkg query related "Wide Residual Networks Revisited" --score jaccard',
    args=(
        Arg("paper", "paper title, key or id", labels=PAPER),
        Arg("score", "adamic-adar (rare shared entities weigh more) or jaccard", labels=(),
            default="adamic-adar", choices=SCORES),
        Arg("with_authors", "count shared author names too", labels=(), default=False, type=bool),
    ),
    columns=("paper", "title", "score", "shared", "reasons"),
    networkx=related,
    reads=lambda values: related_reads(values["score"], values["with_authors"]),
    order=_related_order,
    cypher_limit=False,
    cypher=f"""
MATCH (p:{Label.PAPER} {{id: $paper}})-[:{_LINKS}]-(e)
WHERE $with_authors OR NOT e:{Label.AUTHOR}
WITH p, collect(DISTINCT e) AS mine
UNWIND mine AS e
MATCH (e)-[:{_LINKS}]-(q:{Label.PAPER})
WHERE q <> p AND {cypher_filter('q')}
WITH DISTINCT size(mine) AS n_mine, q, e
MATCH (e)-[:{_LINKS}]-(x:{Label.PAPER})
WITH n_mine, q, e, count(DISTINCT x) AS degree
WITH n_mine, q, count(e) AS shared, sum(1.0 / log(degree)) AS adamic_adar,
     collect(toLower({label_of('e', _KINDS)}) + ': ' + e.name) AS reasons
MATCH (q)-[:{_LINKS}]-(f)
WHERE $with_authors OR NOT f:{Label.AUTHOR}
WITH n_mine, q, shared, adamic_adar, reasons, count(DISTINCT f) AS n_theirs
RETURN q.id AS paper, {title_of('q')} AS title,
       CASE WHEN $score = 'jaccard' THEN toFloat(shared) / (n_mine + n_theirs - shared) ELSE adamic_adar END AS score,
       shared, reasons
ORDER BY score DESC, paper""",
))


def code_of(kg: KnowledgeGraph, paper: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Code repositories ``paper`` links.

    >>> from paperkg.queries.examples import tiny_graph
    >>> code_of(tiny_graph(), "paper:arxiv:2501.00001")
    [{'repository': 'repo:github.com/example/wrn-revisit', 'url': 'https://github.com/example/wrn-revisit'}]
    """
    return [
        {"repository": r, "url": kg.nx.nodes[r].get("url") or kg.nx.nodes[r]["name"]}
        for r in sorted({r for r, _, _ in linked(kg, paper, (Rel.HAS_CODE,), incoming=False)})
    ]


register(Query(
    name="code-of",
    help="code repositories a paper links",
    example='paperkg query code-of "Wide Residual Networks Revisited"',
    args=(Arg("paper", "paper title, key or id", labels=PAPER),),
    columns=("repository", "url"),
    networkx=code_of,
    reads=Around(("paper",), (Hop((Rel.HAS_CODE,), "out"),)),
    order=lambda r: r["repository"],
    filtered=False,
    cypher=f"""
MATCH (p:{Label.PAPER} {{id: $paper}})-[:{Rel.HAS_CODE}]->(r:{Label.REPOSITORY})
RETURN DISTINCT r.id AS repository, coalesce(r.url, r.name) AS url
ORDER BY repository LIMIT $limit""",
))


def papers_with_code(kg: KnowledgeGraph, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Papers that link code, with their repositories (by name), by paper id.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [r["repositories"] for r in papers_with_code(tiny_graph())]
    [['github.com/example/wrn-revisit']]
    """
    repos: dict[str, set[str]] = defaultdict(set)
    for paper, repo, _ in incoming(kg, (Label.REPOSITORY,), (Rel.HAS_CODE,)):
        if where(kg.nx.nodes[paper]):
            repos[paper].add(kg.nx.nodes[repo]["name"])
    return [{"paper": p, "title": title(kg.nx.nodes[p]), "repositories": sorted(r)} for p, r in sorted(repos.items())]


register(Query(
    name="papers-with-code",
    help="papers that link a code repository",
    example="paperkg query papers-with-code --since 2025-06 --format csv",
    columns=("paper", "title", "repositories"),
    networkx=papers_with_code,
    reads=Relations((Rel.HAS_CODE,)),
    order=lambda r: r["paper"],
    cypher=f"""
MATCH (p:{Label.PAPER})-[:{Rel.HAS_CODE}]->(r:{Label.REPOSITORY})
WHERE {cypher_filter('p')}
WITH p, collect(DISTINCT r.name) AS repositories
RETURN p.id AS paper, {title_of('p')} AS title, repositories
ORDER BY paper LIMIT $limit""",
))


MATCH_RANK = {"exact": 0, "prefix": 1, "contains": 2}


def search(kg: KnowledgeGraph, text: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Nodes whose name, title or an alias contains ``text`` (case-insensitive): exact matches first,
    then prefixes, then the rest, each by id. Filters apply to papers; results are not searched.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["id"], r["match"]) for r in search(tiny_graph(), "cifar-10")]
    [('data:cifar10', 'exact'), ('data:cifar100', 'prefix')]
    """
    needle = text.lower()
    result, paper = str(Label.RESULT), str(Label.PAPER)
    rows = []
    for node, attrs in node_attrs(kg).items():
        name, title_, aliases = attrs.get("name") or "", attrs.get("title") or "", attrs.get("aliases")
        # one cheap test first: most nodes do not match at all
        if needle not in name.lower() and needle not in title_.lower() and not (
                aliases and any(needle in a.lower() for a in aliases)):
            continue
        label = attrs.get("label")
        if label == result or (label == paper and where and not where(attrs)):
            continue
        names = [n.lower() for n in (name, title_, *(aliases or ())) if n]
        match = "exact" if needle in names else "prefix" if any(n.startswith(needle) for n in names) else "contains"
        rows.append({"id": node, "label": label, "name": attrs.get("name"), "match": match})
    return sorted(rows, key=_search_order)


def _search_order(r: dict) -> tuple:
    return (MATCH_RANK[r["match"]], r["id"])


register(Query(
    name="search",
    help="nodes whose name, alias or title contains TEXT (case-insensitive)",
    example='paperkg query search "gaussian splatting"',
    args=(Arg("text", "text to look for", labels=()),),
    columns=("id", "label", "name", "match"),
    networkx=search,
    reads=NamesContaining("text"),
    order=_search_order,
    cypher=f"""
MATCH (n)
WHERE NOT n:{Label.RESULT} AND NOT n:{META_LABEL} AND (NOT n:{Label.PAPER} OR ({cypher_filter('n')}))
WITH n, toLower($text) AS needle,
     [x IN [n.name, n.title] + coalesce(n.aliases, []) WHERE x IS NOT NULL | toLower(x)] AS names
WHERE any(x IN names WHERE x CONTAINS needle)
WITH n, CASE WHEN needle IN names THEN 0 WHEN any(x IN names WHERE x STARTS WITH needle) THEN 1 ELSE 2 END AS rank
RETURN n.id AS id, {label_of('n')} AS label, n.name AS name,
       CASE rank WHEN 0 THEN 'exact' WHEN 1 THEN 'prefix' ELSE 'contains' END AS match
ORDER BY rank, id LIMIT $limit""",
))
