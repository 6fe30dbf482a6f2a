"""The ``paperkg`` command: one sub-command per module in ``paperkg.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys

from paperkg import __version__
from paperkg.errors import PaperkgError

#: Sub-commands in the order ``paperkg --help`` lists them; each is ``paperkg.commands.<name>``
#: with a ``register(subparsers)`` that adds its parser and sets ``run=function(args) -> int``.
COMMANDS = ("extract", "build", "query", "viz", "cypher", "stats", "show")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperkg",
        description="Build a citation and knowledge graph from paper titles and abstracts.",
        epilog="Example: paperkg build examples/ -o graph.json --html graph.html",
    )
    parser.add_argument("--version", action="version", version=f"paperkg {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"paperkg.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = make_parser().parse_args(argv)
        return args.run(args) or 0
    except PaperkgError as exc:
        print(f"paperkg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("paperkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
