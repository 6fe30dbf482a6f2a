"""`paperkg export FORMAT OUT`: write an existing graph file as GraphML, GEXF, node-link JSON or neo4j-admin CSV."""

from __future__ import annotations

import argparse
import sys

EXAMPLES = """examples:
  paperkg export graphml graph.graphml          (reads graph.db)
  paperkg export gexf graph.gexf -g arxiv.db    (Gephi)
  paperkg export node-link graph-nodelink.json  (networkx.node_link_graph(data, source="from", target="to", edges="links"))
  paperkg export csv neo4j-import/              (a folder for neo4j-admin database import full, with import.sh)"""


def register(subparsers):
    from paperkg.graph.exports import FORMATS

    parser = subparsers.add_parser(
        "export", help="write a graph file as GraphML, GEXF, node-link JSON or neo4j-admin CSV",
        description="Write the graph of an existing graph file in another format, atomically (a failed export "
                    "leaves OUT as it was).",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("format", metavar="FORMAT", choices=FORMATS, help=f"one of {', '.join(FORMATS)}")
    parser.add_argument("out", metavar="OUT", help="file to write (for csv: a folder)")
    parser.add_argument("-g", "--graph", default="graph.db", help="graph file (default: graph.db)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from paperkg.graph.exports import export
    from paperkg.graph.store import load

    kg = load(args.graph)
    written = export(kg, args.format, args.out)
    print(f"wrote {', '.join(written)} ({kg.nx.number_of_nodes()} nodes, {kg.nx.number_of_edges()} relations)",
          file=sys.stderr)
    return 0
