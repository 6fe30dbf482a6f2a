"""`paperkg stats`: how many nodes per label and relations per type a graph holds."""

from __future__ import annotations

import argparse
import json
from collections import Counter

from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph

EXAMPLES = """examples:
  paperkg stats                      (reads graph.db)
  paperkg stats -g arxiv.json --format json"""


def register(subparsers):
    parser = subparsers.add_parser(
        "stats", help="count nodes per label and relations per type",
        description="Count the nodes of a graph file per label and its relations per type, with citations "
                    "split into explicit (references, ids in abstracts) and inferred (from mentions).",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-g", "--graph", default="graph.db", help="graph file (default: graph.db)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    parser.set_defaults(run=run)


def graph_stats(kg: KnowledgeGraph) -> dict:
    """Counts per label and relation type, plus the details worth knowing (stubs, inferred citations)."""
    counts = kg.counts()
    cites = Counter(attrs.get("source", "explicit") for _, _, _, attrs in kg.edges(Rel.CITES))
    papers = sum(1 for _, a in kg.nodes(Label.PAPER) if not a.get("stub"))
    details = {
        "papers in the corpus": papers,
        "stub papers (cited, not in the corpus)": counts["nodes"].get(str(Label.PAPER), 0) - papers,
        "ambiguous entities": sum(1 for _, a in kg.nodes() if a.get("ambiguous")),
        "CITES explicit": cites.get("explicit", 0),
        "CITES inferred (mention)": cites.get("mention", 0),
        "CITES explicit with mention evidence": sum(
            1 for _, _, _, a in kg.edges(Rel.CITES) if a.get("source") == "explicit" and a.get("evidence")),
    }
    return {**counts, "details": details}


def database_stats(db) -> dict:
    """:func:`graph_stats` from an open graph database: SQL counts, and the citations (few) read."""
    counts = db.counts()
    papers, ambiguous = db.db.execute(
        "SELECT sum(label = ? AND coalesce(json_extract(light, '$.stub'), 0) = 0), "
        "sum(coalesce(json_extract(light, '$.ambiguous'), 0) != 0) FROM nodes", (str(Label.PAPER),)).fetchone()
    cites = [attrs for _, _, _, attrs in db.relations_typed([Rel.CITES])]
    sources = Counter(attrs.get("source", "explicit") for attrs in cites)
    details = {
        "papers in the corpus": papers or 0,
        "stub papers (cited, not in the corpus)": counts["nodes"].get(str(Label.PAPER), 0) - (papers or 0),
        "ambiguous entities": ambiguous or 0,
        "CITES explicit": sources.get("explicit", 0),
        "CITES inferred (mention)": sources.get("mention", 0),
        "CITES explicit with mention evidence": sum(
            1 for attrs in cites if attrs.get("source") == "explicit" and attrs.get("evidence")),
    }
    return {**counts, "details": details}


def run(args) -> int:
    from paperkg.queries.partial import open_graph

    source = open_graph(args.graph)
    if isinstance(source, KnowledgeGraph):
        stats = graph_stats(source)
    else:
        with source as db:
            stats = database_stats(db)
    if args.format == "json":
        print(json.dumps(stats, indent=2))
        return 0
    width = max(len(k) for part in stats.values() for k in part) + 2
    for title, part in (("nodes", stats["nodes"]), ("relations", stats["relations"]), ("details", stats["details"])):
        print(f"{title}:")
        for name, n in part.items():
            print(f"  {name:<{width}}{n:>9,}")
        if title != "details":
            print(f"  {'total':<{width}}{sum(part.values()):>9,}")
    return 0
