"""`paperkg viz` (not there yet)."""

from paperkg.errors import PaperkgError


def register(subparsers):
    parser = subparsers.add_parser("viz", help="(not there yet)")
    parser.set_defaults(run=run)


def run(args):
    raise PaperkgError("`paperkg viz` is not there yet")
