"""The ``paperkg`` command: one sub-command per module in ``paperkg.commands``."""

from __future__ import annotations

import argparse
import atexit
import functools
import gc
import importlib
import os
import signal
import sys
import threading

from paperkg import __version__
from paperkg.errors import PaperkgError

#: Sub-commands in the order ``paperkg --help`` lists them; each is ``paperkg.commands.<name>``
#: with a ``register(subparsers)`` that adds its parser and sets ``run=function(args) -> int``.
COMMANDS = ("extract", "build", "query", "viz", "cypher", "stats", "show", "export")


def named_command(argv: list[str] | None) -> str | None:
    """The sub-command ``argv`` names (its first word that is not an option), if it is one of ``COMMANDS``."""
    first = next((arg for arg in (sys.argv[1:] if argv is None else argv) if not arg.startswith("-")), None)
    return first if first in COMMANDS else None


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``paperkg`` parser; ``only`` registers that one sub-command (start-up does not import the others, which
    load networkx, the HTML page's libraries and the Neo4j driver)."""
    parser = argparse.ArgumentParser(
        prog="paperkg",
        description="Build a citation and knowledge graph from paper titles and abstracts.",
        epilog="Example: paperkg build examples/ -o graph.db --html graph.html",
    )
    parser.add_argument("--version", action="version", version=f"paperkg {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in (only,) if only else COMMANDS:
        importlib.import_module(f"paperkg.commands.{name}").register(subparsers)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a job's time limit): stop as on Ctrl-C, so that no partial output is left behind."""


def interrupt_in_this_process_only() -> None:
    """Ctrl-C interrupts the whole process group: let this process stop (``KeyboardInterrupt``, one line,
    exit 130) while the extraction's forked workers, which inherit the handler, ignore it and are ended by
    their pool, rather than each printing a ``Process ForkPoolWorker-N:`` traceback. SIGTERM stops this
    process the same way (``Terminated``, exit 143); a forked child keeps SIGTERM's default: it ends at once."""
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers belong to the main thread (paperkg.cli.main called from a thread)
    main_pid = os.getpid()

    def on_interrupt(signum, frame):
        if os.getpid() == main_pid:
            raise KeyboardInterrupt

    def on_terminate(signum, frame):
        raise Terminated

    signal.signal(signal.SIGINT, on_interrupt)
    signal.signal(signal.SIGTERM, on_terminate)
    _children_keep_default_sigterm()


@functools.cache
def _children_keep_default_sigterm() -> None:
    """Once per process: a forked child (the first pass, an extraction worker) gets SIGTERM's default back, so
    that it dies at once, even inside C code, where a Python handler would never run."""
    os.register_at_fork(after_in_child=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))


def exit_without_collecting() -> None:
    """At exit the interpreter's last garbage collections walk every object (spaCy's modules, the pipeline: 0.4 s
    of CPU) only to free memory the process hands back anyway: they are frozen first (``gc.freeze``). The exit is
    otherwise as usual (atexit handlers run, streams are flushed)."""
    atexit.unregister(gc.freeze)  # once, however often main() runs in one process
    atexit.register(gc.freeze)


def main(argv: list[str] | None = None) -> int:
    interrupt_in_this_process_only()
    exit_without_collecting()
    try:
        args = make_parser(named_command(argv)).parse_args(argv)
        return args.run(args) or 0
    except PaperkgError as exc:
        print(f"paperkg: error: {exc}", file=sys.stderr)
        return 2
    except Terminated:
        print("paperkg: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("paperkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
