"""`paperkg viz`: write the graph as one offline, interactive HTML page."""

from __future__ import annotations

import argparse
import sys

from paperkg.graph.store import load
from paperkg.viz import DEFAULT_MAX_NODES, write_html

EXAMPLES = """examples:
  paperkg viz -g graph.db -o graph.html
  paperkg viz --focus ImageNet-1K --depth 2 -o imagenet.html
  paperkg viz --max-nodes 0 -o everything.html      (0 = no limit)"""


def register(subparsers):
    parser = subparsers.add_parser(
        "viz",
        help="write the graph as one offline interactive HTML page",
        description="Write the graph as one self-contained HTML page (vis-network inlined, works offline). "
                    "By default an overview: the most connected entities and the papers linking them, the "
                    "hubs' names drawn at any zoom, groups of closely linked nodes shaded and named, and a "
                    "header saying what is shown. Colour and shape per node type, legend with type filters, "
                    "search by name or alias, tooltips, double-click to open a paper or repository.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-g", "--graph", default="graph.db", help="graph file (default: graph.db)")
    parser.add_argument("-o", "--output", default="graph.html", help="page to write (default: graph.html)")
    parser.add_argument("--focus", metavar="NODE", help="draw only the neighbourhood of this node (id, name or alias)")
    parser.add_argument("--depth", type=int, default=1, metavar="N",
                        help="with --focus: relations to follow from it (default: 1)")
    parser.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES, metavar="N",
                        help=f"keep the N most connected nodes (default: {DEFAULT_MAX_NODES}; 0 = all)")
    parser.add_argument("--title", help="page title (default: paperkg graph)")
    parser.set_defaults(run=run)


def run(args) -> int:
    kg = load(args.graph)
    path = write_html(kg, args.output, focus=args.focus, depth=args.depth, max_nodes=args.max_nodes,
                      title=args.title)
    print(f"wrote {path}", file=sys.stderr)
    return 0
