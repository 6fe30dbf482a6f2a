"""Neo4j connection options shared by the commands that talk Bolt, and ``connect(args)``.

Defaults come from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` (prefer the
environment to ``--password``: a command line is visible to other users of the machine).
"""

from __future__ import annotations

import argparse
import os

from paperkg.errors import PaperkgError

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
#: Seconds to wait for a connection, and to keep retrying a failed transaction (the driver's own retries).
CONNECTION_TIMEOUT = 10.0
RETRY_TIME = 15.0
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--uri``, ``--username``, ``--password`` and ``--database`` (defaults from ``NEO4J_*``)."""
    group = parser.add_argument_group("Neo4j connection (defaults from NEO4J_URI, NEO4J_USERNAME, ...)")
    group.add_argument("--uri", default=os.environ.get("NEO4J_URI", DEFAULT_URI),
                       help="Bolt URI (env NEO4J_URI; default %(default)s)")
    group.add_argument("--username", default=os.environ.get("NEO4J_USERNAME", DEFAULT_USERNAME),
                       help="user name (env NEO4J_USERNAME; default %(default)s)")
    group.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD"),
                       help="password (env NEO4J_PASSWORD, preferred)")
    group.add_argument("--database", default=os.environ.get("NEO4J_DATABASE") or None,
                       help="database name (env NEO4J_DATABASE; default: the server's home database)")


def connect(args: argparse.Namespace):
    """A driver for ``args.uri`` whose connection and credentials are verified, or one ``PaperkgError`` line."""
    import neo4j
    import neo4j.exceptions as ne

    from paperkg.graph.neo4j_backend import describe_error

    uri, user = args.uri, args.username
    auth = (user, args.password) if args.password is not None else None
    if uri.partition("://")[0] not in BOLT_SCHEMES:
        raise PaperkgError(
            f"Neo4j URI {uri!r} is not usable: expected bolt://HOST:PORT or neo4j://HOST:PORT (+s or +ssc for TLS)")
    try:
        driver = neo4j.GraphDatabase.driver(
            uri, auth=auth, connection_timeout=CONNECTION_TIMEOUT, max_transaction_retry_time=RETRY_TIME,
        )
    except (ValueError, ne.ConfigurationError) as exc:
        raise PaperkgError(f"Neo4j URI {uri!r} is not usable: {exc}") from None
    try:
        driver.verify_connectivity()
    except (ne.Neo4jError, ne.DriverError, OSError) as exc:
        driver.close()
        hint = " (set NEO4J_PASSWORD or --password)" if auth is None and isinstance(exc, ne.AuthError) else ""
        raise PaperkgError(f"cannot use Neo4j at {uri} as {user!r}: {describe_error(exc)}{hint}") from None
    return driver
