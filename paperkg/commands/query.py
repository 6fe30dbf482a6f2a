"""``paperkg query NAME [ARG...]``: ask the graph one of the catalogue's questions (``--list`` shows them).

Each query is a sub-command with its own arguments; all share the backend choice (``-g graph.db``, the
default, or ``--backend neo4j`` with the connection options), the filters ``--since/--until/--category``
where the query counts papers, the output ``--format table|json|csv``, ``--limit`` and ``--html FILE``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from paperkg.errors import PaperkgError
from paperkg.output import FORMATS, print_rows

EXAMPLES = """examples:
  paperkg query --list
  paperkg query shared-datasets --limit 20
  paperkg query papers-using CIFAR-10 --since 2025-01 --format csv
  paperkg query related "Wide Residual Networks Revisited" --html related.html
  paperkg query top-methods --backend neo4j --limit 20
  paperkg query papers-using ImageNet --show-cypher"""


def _common_options() -> argparse.ArgumentParser:
    from paperkg.commands.neo4j_options import add_connection_options

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-g", "--graph", default="graph.db", help="graph file (default: graph.db)")
    common.add_argument("--backend", choices=("networkx", "neo4j"), default="networkx",
                        help="answer from the graph file (networkx, default) or a Neo4j/Bolt server")
    common.add_argument("--format", choices=FORMATS, default="table", help="output format")
    common.add_argument("--limit", type=int, default=None,
                        help="most rows to print (0 = all; default: the query's, usually 50)")
    common.add_argument("--html", metavar="FILE", help="also draw the rows' nodes and what joins them as a page")
    common.add_argument("--show-cypher", action="store_true",
                        help="print the query's Cypher text and parameters instead of running it")
    add_connection_options(common)
    return common


def _filter_options() -> argparse.ArgumentParser:
    filters = argparse.ArgumentParser(add_help=False)
    group = filters.add_argument_group("paper filters")
    group.add_argument("--since", metavar="DATE", help="papers dated on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)")
    group.add_argument("--until", metavar="DATE", help="papers dated up to DATE, inclusive")
    group.add_argument("--category", metavar="CAT", help="papers filed under an arXiv category (cs.CV) or archive (cs)")
    return filters


def register(subparsers) -> None:
    from paperkg.queries import CATALOGUE

    parser = subparsers.add_parser(
        "query", help="answer a question from the query catalogue",
        description=__doc__.split("\n\n")[0].split(": ", 1)[1], epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--list", action="store_true", help="list the queries with their arguments")
    parser.set_defaults(run=run, query_name=None)
    queries = parser.add_subparsers(dest="query_name", metavar="NAME")
    common, filters = _common_options(), _filter_options()
    for query in CATALOGUE.values():
        sub = queries.add_parser(
            query.name, help=query.help, description=f"{query.usage()}: {query.help}.",
            epilog=f"example:\n  {query.example}", formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common, filters] if query.filtered else [common],
        )
        for arg in query.args:
            if arg.positional:
                sub.add_argument(arg.name, metavar=arg.metavar, help=arg.help)
            elif arg.type is bool:
                sub.add_argument(arg.option, dest=arg.name, action="store_true", help=arg.help)
            else:
                sub.add_argument(arg.option, dest=arg.name, metavar=arg.metavar, type=arg.type,
                                 default=arg.default, choices=arg.choices or None, help=arg.help)


def catalogue_table() -> list[dict[str, str]]:
    """One row per query: its usage line and help (what ``--list`` prints)."""
    from paperkg.queries import CATALOGUE

    return [{"query": q.usage(), "help": q.help + ("" if q.cypher else " [NetworkX only]")}
            for q in CATALOGUE.values()]


def run(args: argparse.Namespace) -> int:
    if args.list or args.query_name is None:
        print_rows(catalogue_table(), ["query", "help"], "table")
        if not args.list:
            print("\nusage: paperkg query NAME [ARG...]; `paperkg query NAME --help` for one query", file=sys.stderr)
        return 0
    from paperkg.queries import CATALOGUE
    from paperkg.queries.catalogue import answer

    query = CATALOGUE[args.query_name]
    if args.show_cypher:
        return show_cypher(query)
    values = {arg.name: getattr(args, arg.name) for arg in query.args}
    filters = {k: getattr(args, k, None) for k in ("since", "until", "category")}
    limit = query.limit if args.limit is None else args.limit
    if limit < 0:
        raise PaperkgError("--limit must be 0 (all rows) or more")
    with _backend(args) as (source, database):
        rows, bound, why_empty = answer(query.name, source, limit=limit + 1 if limit else 0, database=database,
                                        **filters, **values)
        more = bool(limit) and len(rows) > limit
        rows = rows[:limit] if limit else rows
        if args.html:
            _write_html(source, database, rows, bound, args.html)
        note = _summary(query, source, database, filters, bound)
    print_rows(rows, list(query.columns), args.format)
    if more and args.format == "table":
        print(f"(first {limit} rows; --limit 0 prints all)", file=sys.stderr)
    if why_empty:
        print(f"paperkg: no rows: {why_empty}", file=sys.stderr)
    if note:
        print(f"({note})", file=sys.stderr)
    return 0


def _summary(query, source: Any, database: str | None, filters: dict[str, Any], bound: dict[str, Any]) -> str | None:
    """The query's line on what its answer stands on (``Query.summary``), over the same papers (from a graph
    file, on the part of it the summary reads)."""
    if query.summary is None:
        return None
    from paperkg.queries.backends import backend_for
    from paperkg.queries.filters import PaperFilter

    where = PaperFilter.make(**filters)
    backend = backend_for(source, database=database)
    if hasattr(backend, "subgraph"):
        return query.summary(backend.subgraph(query.summary_reads, bound, where), where=where)
    return query.summary(backend.graph(), where=where)


def show_cypher(query) -> int:
    """Print the Cypher a query runs on ``--backend neo4j``, with its parameters."""
    if query.cypher is None:
        print(f"// {query.name} has no Cypher form: it runs in Python (on Neo4j, over the graph read back)")
        return 0
    params = [f"${arg.name}" for arg in query.args]
    if query.filtered:
        params += ["$since", "$until", "$category"]
    if query.cypher_limit:
        params.append("$limit")
    print(f"// {query.name}: parameters {', '.join(params)} (node arguments as ids; null filters keep all)")
    print(query.cypher.strip())
    return 0


class _backend:
    """The graph file opened (read a query's part at a time), or a verified driver; closed on exit."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.driver = None
        self.database = None

    def __enter__(self) -> tuple[Any, str | None]:
        if self.args.backend == "neo4j":
            from paperkg.commands.neo4j_options import connect

            self.driver = connect(self.args)
            return self.driver, self.args.database
        from paperkg.queries.partial import open_graph

        source = open_graph(self.args.graph)
        if not hasattr(source, "nx"):
            self.database = source
        return source, None

    def __exit__(self, *exc: Any) -> None:
        if self.driver is not None:
            self.driver.close()
        if self.database is not None:
            self.database.close()


def _write_html(source: Any, database: str | None, rows: list[dict], bound: dict[str, Any], path: str) -> None:
    from paperkg.queries.backends import backend_for
    from paperkg.queries.subgraph import result_subgraph, result_subgraph_from
    from paperkg.viz import write_html

    backend = backend_for(source, database=database)
    if hasattr(backend, "subgraph"):  # the graph file: the rows' nodes and their neighbours are enough
        sub = result_subgraph_from(backend.db, rows, bound)
    else:
        sub = result_subgraph(backend.graph(), rows, bound)
    if not sub.nx:
        raise PaperkgError(f"{path}: the result names no nodes to draw")
    write_html(sub, path)
    print(f"wrote {path} ({sub.nx.number_of_nodes()} nodes)", file=sys.stderr)
