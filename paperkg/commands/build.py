"""``paperkg build``: read inputs, extract, and build (or add to) the knowledge graph."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from paperkg import pipeline
from paperkg.errors import PaperkgError
from paperkg.graph.schema import Label
from paperkg.commands.extract import add_input_options, report_counts
from paperkg.progress import progress_bar

DEFAULT_GRAPH = "graph.db"

EXAMPLE = """\
examples:
  paperkg build examples/ -o graph.db --html graph.html
  paperkg build more.jsonl --add -o graph.db          # add papers to an existing graph
  paperkg build extracted/*.jsonl --overrides curation.json
  paperkg build examples/ --export graphml graph.graphml
  NEO4J_PASSWORD=secret paperkg build examples/ --backend neo4j --uri bolt://localhost:7687
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build the knowledge graph from inputs (or add them to it)",
        description="Read the inputs, extract entities from each distinct paper (lines written by `paperkg\n"
                    "extract` are used as they are), run the corpus-level pass, resolve entities and citations,\n"
                    "and save the graph (an SQLite graph file by default, or a Neo4j database).",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(parser)
    parser.add_argument("-o", "--output", metavar="graph.db",
                        help=f"graph file, written atomically (default {DEFAULT_GRAPH}; with --backend neo4j, "
                             "only written when given)")
    parser.add_argument("--backend", choices=("networkx", "neo4j"), default="networkx",
                        help="where the graph goes (default networkx: an SQLite graph file)")
    parser.add_argument("--html", metavar="FILE", help="also write the interactive page of the graph")
    parser.add_argument("--add", action="store_true",
                        help="add the inputs to the existing graph (-o file) instead of replacing it")
    parser.add_argument("--overrides", metavar="FILE", help="curation file: merge, split, rename or block entities")
    parser.add_argument("--export", nargs=2, action="append", metavar=("FORMAT", "PATH"),
                        help="also export the graph: graphml FILE, gexf FILE, or csv DIR (neo4j-admin import layout)")
    from paperkg.commands.neo4j_options import add_connection_options

    add_connection_options(parser)
    parser.add_argument("--clear", action="store_true",
                        help="with --backend neo4j: delete paperkg's nodes first (default: add to what is there)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from paperkg.graph.exports import FORMATS

    for fmt, _ in args.export or ():
        if fmt not in FORMATS:
            raise PaperkgError(f"--export {fmt}: unknown format (choose from {', '.join(FORMATS)})")
    counts: Counter = Counter()
    output = args.output or (DEFAULT_GRAPH if args.backend == "networkx" else None)
    options = dict(
        overrides=args.overrides, n_process=args.jobs, gazetteer=args.gazetteer, skip_bad=args.skip_bad,
        counts=counts, html=args.html, outputs=[path for _, path in args.export or ()],
    )
    if args.backend == "neo4j":
        kg, written = build_on_neo4j(args, output, options)
    else:
        with progress_bar("extracting", total=lambda: counts["papers"] or None) as advance:
            kg = pipeline.build(args.inputs, output=output, add=args.add, progress=advance,
                                whole=bool(args.export), **options)
        written = output
    for fmt, path in args.export or ():
        from paperkg.graph import export

        export(kg, fmt, path)
    report_counts(counts)
    print_summary(kg, counts, written, args.html)
    return 0


def build_on_neo4j(args, output, options):
    """Build and write to Neo4j: incremental unless ``--clear`` (the database's graph is read first)."""
    from paperkg.commands.neo4j_options import connect
    from paperkg.graph.neo4j_backend import read_graph, write_graph

    counts = options["counts"]
    with connect(args) as driver:
        if not args.clear and output is None:
            added = add_on_neo4j(args, driver, options)
            if added is not None:
                return added
        old = None if args.clear else read_graph(driver, args.database)
        if old is not None and old.nx.number_of_nodes() == 0:
            old = None
        with progress_bar("extracting", total=lambda: counts["papers"] or None) as advance:
            kg = pipeline.build(args.inputs, output=output, add=old is not None, previous=old, progress=advance,
                                **options)
        with progress_bar("writing to Neo4j") as step:
            done = {"nodes": 0, "relations": 0}

            def progress(phase, count, total):
                step(count - done.get(phase, 0))
                done[phase] = count

            write_graph(kg, driver, args.database, clear=args.clear, replaces=old, progress=progress)
    target = f"{args.uri}" + (f" ({args.database})" if args.database else "")
    return kg, target + (f" and {output}" if output else "")


def add_on_neo4j(args, driver, options):
    """``build`` onto a graph already in Neo4j: incremental, asking the server only what the addition needs
    (``graph.neo4j_source``), nothing read back. ``None`` when the database has no papers yet or the overrides
    changed (then the caller builds the whole graph)."""
    from paperkg.graph.incremental import FullBuildNeeded
    from paperkg.graph.neo4j_backend import ensure_schema
    from paperkg.graph.neo4j_source import Neo4jSource

    if args.export or options.get("html"):
        return None  # they need the whole graph: read back and rebuilt as before
    source = Neo4jSource(driver, args.database)
    if not source.paper_count():
        return None
    ensure_schema(driver, args.database)
    counts = options["counts"]
    try:
        with progress_bar("extracting", total=lambda: counts["papers"] or None) as advance:
            kg = pipeline.build(args.inputs, add=True, source=source, progress=advance,
                                **{k: v for k, v in options.items() if k != "html"})
    except FullBuildNeeded:
        return None
    target = f"{args.uri}" + (f" ({args.database})" if args.database else "")
    return None, (f"{target}: {source.last_diff.summary()}, {source.statements_sent} statements sent, "
                  f"{source.rows_read} rows read")


def print_summary(kg, counts: Counter, written, html) -> None:
    """One line (papers, nodes, relations -> where), then the nodes per label and relations per type; only the
    papers and what was written when ``kg`` is ``None`` (an addition written to Neo4j without reading it back)."""
    if kg is None and not (written and Path(written).is_file()):
        print(f"{counts['papers']} papers -> {written}")
        sys.stdout.flush()
        return
    if kg is None:  # an addition written into the graph file in place: counted there
        from paperkg.graph.database import GraphDatabase

        with GraphDatabase(written) as db:
            tally, stubs = db.counts(), db.stub_papers()
    else:
        tally = kg.counts()
        stubs = sum(1 for _, attrs in kg.nodes(Label.PAPER) if attrs.get("stub"))
    nodes, relations = tally["nodes"], tally["relations"]
    where = f" -> {written}" if written else ""
    print(f"{counts['papers']} papers, {sum(nodes.values())} nodes, {sum(relations.values())} relations{where}"
          + (f" (page: {html})" if html else ""))
    print("  nodes:     " + ", ".join(f"{label} {n}" for label, n in nodes.items())
          + (f" (of which {stubs} cited-only stub papers)" if stubs else ""))
    print("  relations: " + (", ".join(f"{rel} {n}" for rel, n in relations.items()) or "none"))
    sys.stdout.flush()
