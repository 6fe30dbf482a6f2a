"""`paperkg extract` (not there yet)."""

from paperkg.errors import PaperkgError


def register(subparsers):
    parser = subparsers.add_parser("extract", help="(not there yet)")
    parser.set_defaults(run=run)


def run(args):
    raise PaperkgError("`paperkg extract` is not there yet")
