"""Citation questions: what a paper cites and is cited by, and which papers the citations make central."""

from __future__ import annotations

from typing import Any

from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.catalogue import Arg, Query, register, score_key
from paperkg.queries.common import ANY, PAPER, incoming, linked, title, title_of
from paperkg.queries.filters import PaperFilter, cypher_filter
from paperkg.queries.reads import Around, Hop, Relations


def citations(kg: KnowledgeGraph, paper: str, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Papers ``paper`` cites and papers citing it; ``source`` says whether the input listed the reference
    (``explicit``) or the graph inferred it from a name the citing paper uses (``mention``, with the
    names as ``evidence``). Stub papers (cited, not in the corpus) are marked.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["direction"], r["source"], r["evidence"]) for r in citations(tiny_graph(), "paper:arxiv:2501.00001")]
    [('cites', 'mention', ['SAM-Lite'])]
    """
    rows = []
    for direction, cited_by in (("cites", False), ("cited-by", True)):
        for other, _, attrs in linked(kg, paper, (Rel.CITES,), incoming=cited_by):
            node = kg.nx.nodes[other]
            if where(node):
                rows.append({"direction": direction, "paper": other, "title": title(node),
                             "source": attrs.get("source"), "evidence": sorted(attrs.get("evidence", ())),
                             "stub": bool(node.get("stub", False))})
    return sorted(rows, key=_citations_order)


#: Fewer papers cited by two or more others than this, and a citation ranking is mostly ties.
MIN_RANKABLE = 10


def citation_summary(kg: KnowledgeGraph, *, where: PaperFilter = ANY) -> str:
    """One line on what the citation queries stand on: how many CITES relations the graph holds between
    papers passing ``where``, where they came from (input references, ids written in abstracts, inferred from
    mentions), and a warning when too few papers are cited twice to rank them (abstract-only corpora).

    >>> from paperkg.queries.examples import tiny_graph
    >>> print(citation_summary(tiny_graph()))  # doctest: +ELLIPSIS
    1 citation between papers: 0 explicit (0 input references, 0 ids in abstracts), 1 inferred from mentions; ...
    """
    counts = {"reference": 0, "abstract_id": 0, "mention": 0}
    cited_by: dict[str, set[str]] = {}
    total = 0
    for a, b, rel in incoming(kg, PAPER, (Rel.CITES,)):
        if a == b or not (where(kg.nx.nodes[a]) and where(kg.nx.nodes[b])):
            continue
        attrs = kg.nx.edges[a, b, rel]
        total += 1
        cited_by.setdefault(b, set()).add(a)
        if attrs.get("source") == "mention":
            counts["mention"] += 1
        else:
            rules = set(attrs.get("rules", ()))
            counts["reference" if "reference" in rules or not rules else "abstract_id"] += 1
    explicit = counts["reference"] + counts["abstract_id"]
    twice = sum(1 for citing in cited_by.values() if len(citing) >= 2)
    line = (f"{total:,} citation{'s' if total != 1 else ''} between papers: {explicit:,} explicit "
            f"({counts['reference']:,} input references, {counts['abstract_id']:,} ids in abstracts), "
            f"{counts['mention']:,} inferred from mentions; {twice:,} paper{'s' if twice != 1 else ''} cited by "
            f"two or more")
    if twice < MIN_RANKABLE:
        line += (f". Too few to rank: most scores tie (abstracts rarely cite; give the inputs' `references`, "
                 f"e.g. OpenAlex or Semantic Scholar exports)")
    return line


def _citations_order(r: dict) -> tuple:
    return (r["direction"] != "cites", r["paper"])


def _side(direction: str, arrow_in: str, arrow_out: str) -> str:
    """A pattern comprehension: the papers on one side of ``$paper``'s citations (passing the filter)."""
    return (f"[(p){arrow_in}[cite:{Rel.CITES}]{arrow_out}(q:{Label.PAPER}) WHERE {cypher_filter('q')}\n"
            f"         | {{direction: '{direction}', paper: q, cite: cite}}]")


register(Query(
    name="citations",
    help="what a paper cites and what cites it, explicit or inferred from a mention",
    example='paperkg query citations "Wide Residual Networks Revisited"',
    args=(Arg("paper", "paper title, key or id", labels=PAPER),),
    columns=("direction", "paper", "title", "source", "evidence", "stub"),
    networkx=citations,
    order=_citations_order,
    summary=citation_summary,
    reads=Around(("paper",), (Hop((Rel.CITES,)),)),
    summary_reads=Relations((Rel.CITES,), props=True),
    # Both sides in one list, no CALL subquery (the unscoped form is deprecated since Neo4j 5.23, the scoped
    # one needs 5.23): valid Cypher 5 and 25 that ArcadeDB runs too.
    cypher=f"""
MATCH (p:{Label.PAPER} {{id: $paper}})
UNWIND {_side("cites", "-", "->")}
     + {_side("cited-by", "<-", "-")} AS row
WITH row.direction AS direction, row.paper AS q, row.cite AS cite
RETURN direction, q.id AS paper, {title_of('q')} AS title, cite.source AS source,
       coalesce(cite.evidence, []) AS evidence, coalesce(q.stub, false) AS stub
ORDER BY direction DESC, paper LIMIT $limit""",
))


def pagerank(edges: list[tuple[int, int]], n: int, alpha: float = 0.85, tol: float = 1.0e-10,
             max_iter: int = 200) -> list[float]:
    """PageRank by power iteration over ``n`` nodes and directed ``edges`` (NumPy; same definition as
    ``networkx.pagerank``: dangling nodes spread their rank evenly), summing to 1.

    >>> [round(x, 3) for x in pagerank([(0, 1), (2, 1)], 3)]
    [0.213, 0.574, 0.213]
    """
    import numpy as np

    if n == 0:
        return []
    src = np.array([u for u, _ in edges], dtype=np.int64)
    dst = np.array([v for _, v in edges], dtype=np.int64)
    out = np.bincount(src, minlength=n).astype(float)
    dangling = out == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        share = np.where(dangling, 0.0, rank / np.where(dangling, 1.0, out))
        new = np.bincount(dst, weights=share[src], minlength=n) * alpha
        new += (alpha * rank[dangling].sum() + 1.0 - alpha) / n
        if np.abs(new - rank).sum() < n * tol:
            return new.tolist()
        rank = new
    return rank.tolist()


def influential(kg: KnowledgeGraph, *, where: PaperFilter = ANY) -> list[dict[str, Any]]:
    """Papers ranked by PageRank over the CITES relations between papers passing ``where`` (explicit and
    inferred alike); only papers in at least one citation are ranked.

    >>> from paperkg.queries.examples import tiny_graph
    >>> [(r["title"], r["cited_by"]) for r in influential(tiny_graph())][:1]
    [('Sharpness-Aware Minimization Made Cheap', 1)]
    """
    edges = [(a, b) for a, b, _ in incoming(kg, PAPER, (Rel.CITES,))
             if a != b and where(kg.nx.nodes[a]) and where(kg.nx.nodes[b])]
    papers = sorted({p for edge in edges for p in edge})
    index = {p: i for i, p in enumerate(papers)}
    ranks = pagerank(sorted({(index[a], index[b]) for a, b in edges}), len(papers))
    cited_by = {p: 0 for p in papers}
    for _, b in set(edges):
        cited_by[b] += 1
    rows = [{"paper": p, "title": title(kg.nx.nodes[p]), "pagerank": r, "cited_by": cited_by[p],
             "stub": bool(kg.nx.nodes[p].get("stub", False))} for p, r in zip(papers, ranks)]
    return sorted(rows, key=_influential_order)


def _influential_order(r: dict) -> tuple:
    return (-score_key(r["pagerank"]), r["paper"])


register(Query(
    name="influential",
    help="papers ranked by PageRank over citations (explicit and inferred)",
    example="paperkg query influential --category cs.CV --limit 20",
    columns=("paper", "title", "pagerank", "cited_by", "stub"),
    networkx=influential,
    order=_influential_order,
    summary=citation_summary,
    reads=Relations((Rel.CITES,)),
    summary_reads=Relations((Rel.CITES,), props=True),
))
