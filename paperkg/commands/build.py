"""`paperkg build` (not there yet)."""

from paperkg.errors import PaperkgError


def register(subparsers):
    parser = subparsers.add_parser("build", help="(not there yet)")
    parser.set_defaults(run=run)


def run(args):
    raise PaperkgError("`paperkg build` is not there yet")
