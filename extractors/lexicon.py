"""The word lists the rules read, one file each in ``data/`` (one entry a line, ``#`` starts a comment), read
once per process: vocabulary stays apart from the code, as spaCy's SpanRuler keeps patterns apart from it.

>>> "segmentation" in words("task_heads")
True
>>> alternation("participles").endswith(r"put\\s+forward")
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``data/NAME.txt`` in file order (order matters where they become a regex)."""
    out = []
    for raw in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = raw.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of ``data/NAME.txt`` as a set."""
    return frozenset(entries(name))


def alternation(name: str) -> str:
    """The entries of ``data/NAME.txt`` as a regex alternation, in file order (a space matches any spaces)."""
    return "|".join(re.escape(entry).replace(r"\ ", r"\s+") for entry in entries(name))


@lru_cache(maxsize=None)
def compound_adjective() -> re.Pattern:
    """A hyphenated adjective's end (``data/compound_suffixes.txt``): "noise-aware", "task-specific" modify
    neither a task word nor a metric."""
    return re.compile(rf"-(?:{alternation('compound_suffixes')})$")
