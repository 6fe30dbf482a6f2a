"""Progress bars (rich) on stderr, shown only when stderr is a terminal; silent otherwise.

>>> with progress_bar("extracting", total=353) as advance:   # doctest: +SKIP
...     for line in lines:
...         advance(1)
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator


def enabled() -> bool:
    """True when stderr is an interactive terminal (never in pipes, files or CI logs)."""
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


@contextmanager
def progress_bar(description: str, total: int | Callable[[], int | None] | None = None) -> Iterator[Callable[[int], None]]:
    """A function ``advance(n)`` that moves a bar on stderr; a no-op when stderr is not a terminal.

    ``total`` may be a function, asked again at each step (the number of papers is known only once the
    inputs' first pass is over).
    """
    if not enabled():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    # redrawn by ``advance`` at most ten times a second, not by rich's refresh thread: with no other thread
    # running, the extraction may fork (its first pass beside spaCy's loading, and workers that inherit the
    # loaded pipeline instead of each loading their own)
    with Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        count = total if callable(total) else (lambda: total)
        task = bar.add_task(description, total=count())
        drawn = [0.0]

        def advance(n: int = 1) -> None:
            bar.update(task, advance=n, total=count())
            if time.monotonic() - drawn[0] >= 0.1:
                drawn[0] = time.monotonic()
                bar.refresh()

        yield advance
