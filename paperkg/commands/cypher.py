"""``paperkg cypher``: run one Cypher query against Neo4j and print its rows as a table, JSON or CSV.

Values given with ``--param KEY=VALUE`` travel as query parameters (``$KEY`` in the query), never pasted
into the query text; a VALUE that parses as JSON is passed as that JSON value, anything else as a string.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Iterable

from paperkg.commands.neo4j_options import add_connection_options, connect
from paperkg.errors import PaperkgError
from paperkg.output import FORMATS, print_rows

EXAMPLE = """\
examples:
  paperkg cypher "MATCH (p:Paper)-[:PROPOSES]->(m:Method) RETURN p.title AS paper, m.name AS method LIMIT 5"
  paperkg cypher "MATCH (d:Dataset {name: \\$name})<-[:EVALUATES_ON]-(p) RETURN p.title AS title" --param name=ImageNet
  paperkg cypher "MATCH (p:Paper) WHERE p.year >= \\$year RETURN count(p) AS n" --param year=2025 --format json
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "cypher", help="run a Cypher query against Neo4j",
        description="Run one Cypher query against Neo4j and print its rows as a table, JSON or CSV. Values given "
                    "with --param travel as query parameters ($KEY in the query), never pasted into its text.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", metavar="QUERY", help="the Cypher query ('-' reads it from stdin)")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="a query parameter $KEY (VALUE parsed as JSON when it is JSON, else a string)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format")
    add_connection_options(parser)
    parser.set_defaults(run=run)


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """``["year=2025", "name=BERT"]`` -> ``{"year": 2025, "name": "BERT"}``.

    >>> parse_params(["ids=[1, 2]", "q=x'}) DETACH DELETE n //"])
    {'ids': [1, 2], 'q': "x'}) DETACH DELETE n //"}
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise PaperkgError(f"--param {pair!r}: expected KEY=VALUE")
        try:
            params[key.strip()] = json.loads(value)
        except ValueError:
            params[key.strip()] = value
    return params


def plain(value: Any) -> Any:
    """A driver value as plain JSON data: nodes and relations become property maps with their labels/type."""
    import neo4j.graph as ng

    if isinstance(value, ng.Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, ng.Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, ng.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, bytes):
        return value.hex()
    return str(value)  # temporal and spatial values


def run(args: argparse.Namespace) -> int:
    from paperkg.graph.neo4j_backend import bolt_errors

    query = sys.stdin.read() if args.query == "-" else args.query
    if not query.strip():
        raise PaperkgError("the Cypher query is empty")
    params = parse_params(args.param)
    with connect(args) as driver, bolt_errors(f"Neo4j at {args.uri}"):
        records, summary, columns = driver.execute_query(query, params, database_=args.database)
    rows = [{key: plain(record[key]) for key in columns} for record in records]
    print_rows(rows, list(columns), args.format)
    return 0
