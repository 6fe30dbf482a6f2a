"""`paperkg stats` (not there yet)."""

from paperkg.errors import PaperkgError


def register(subparsers):
    parser = subparsers.add_parser("stats", help="(not there yet)")
    parser.set_defaults(run=run)


def run(args):
    raise PaperkgError("`paperkg stats` is not there yet")
