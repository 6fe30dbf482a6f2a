"""`paperkg show` (not there yet)."""

from paperkg.errors import PaperkgError


def register(subparsers):
    parser = subparsers.add_parser("show", help="(not there yet)")
    parser.set_defaults(run=run)


def run(args):
    raise PaperkgError("`paperkg show` is not there yet")
