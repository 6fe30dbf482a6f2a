"""Input readers: any mix of files, directories (recursively) and ``-`` (stdin) -> ``PaperRecord`` stream.

>>> records = read_inputs(["examples/"])
>>> next(records).key
'arxiv:2501.04321'

The format of a file is chosen by its name (``.txt``, ``.jsonl``/``.ndjson``, ``.json``, ``.csv``, ``.tsv``,
``.bib``, each optionally ``.gz``) and checked against its first bytes, so a JSON file named ``.txt`` or
stdin is still read right. Gzip is detected by content, and so is UTF-16/32 with a byte-order mark
(``paperkg.readers.encoding``; other encodings are refused with the ``iconv`` command that converts them).
Records stream in file order; directories are walked in sorted order (hidden files and unknown extensions
skipped), so every run reads the same way.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from paperkg.errors import InputError
from paperkg.models import PaperRecord
from paperkg.readers import bibtex, delimited, hf_daily, json_records
from paperkg.readers.source import SkipFile, Source, Warn, print_warning

__all__ = ["read_inputs", "read_file", "detect_format", "input_files", "FORMATS"]

#: Format of each file name ending (after any ``.gz``).
FORMATS = {
    ".txt": "daily-papers",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
}

#: A BibTeX entry opening at the start of a line (``@article{``), comments and blank lines allowed before it.
BIBTEX_ENTRY = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(]", re.M)

READERS: dict[str, Callable[[Source, IO[bytes]], Iterator[PaperRecord]]] = {
    "daily-papers": hf_daily.read,
    "jsonl": json_records.read_lines,
    "json": json_records.read_document,
    "csv": delimited.read,
    "tsv": lambda source, fh: delimited.read(source, fh, delimiter="\t"),
    "bibtex": bibtex.read,
}


def suffix_of(name: str) -> str:
    """``papers.jsonl.gz`` -> ``.jsonl``."""
    path = Path(name[:-3] if name.lower().endswith(".gz") else name)
    return path.suffix.lower()


def detect_format(name: str, head: bytes) -> str:
    """The format of a file from its name and first bytes (the content wins when they disagree)."""
    by_name = FORMATS.get(suffix_of(name))
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    first_line = text.split("\n", 1)[0]
    if text.startswith("{"):
        # JSON Lines when the first line is a whole object, else one (pretty-printed) document
        return "jsonl" if _is_json_object(first_line) or by_name == "jsonl" else "json"
    if text.startswith("["):
        return "json"
    if by_name not in ("csv", "tsv", "json", "jsonl") and BIBTEX_ENTRY.search(text):
        return "bibtex"
    if by_name:
        return by_name
    if "\t" in first_line and "title" in first_line.lower():
        return "tsv"
    if "," in first_line and "title" in first_line.lower().split(","):
        return "csv"
    return "daily-papers"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def input_files(path: str) -> list[Path]:
    """The files to read under ``path``: itself, or for a directory every file of a known format in it,
    recursively, in sorted order. A directory with none is an error."""
    root = Path(path)
    if not root.is_dir():
        return [root]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and suffix_of(name) in FORMATS:
                found.append(Path(folder, name))
    if not found:
        raise InputError(path, 0, f"no input files in this directory (looked for {', '.join(sorted(FORMATS))}, also .gz)")
    return found


def read_file(
    path: str | Path | None,
    *,
    name: str | None = None,
    stream: IO[bytes] | None = None,
    skip_bad: bool = False,
    warn: Warn = print_warning,
    counts: Counter | None = None,
    format: str | None = None,
) -> Iterator[PaperRecord]:
    """Records of one file (or of ``stream`` when ``path`` is None), its format detected unless given."""
    source = Source(
        name=name or str(path),
        path=Path(path) if path is not None else None,
        stream=stream,
        skip_bad=skip_bad,
        on_warning=warn,
        counts=counts if counts is not None else Counter(),
    )
    try:
        with source.open() as fh:
            head = source.head(fh)
            if not head.strip(b" \t\r\n\xef\xbb\xbf"):
                source.warn(0, "empty file: no papers in it")
                return
            reader = READERS[format or detect_format(source.name, head)]
            yield from reader(source, fh)
    except SkipFile:
        return


def read_inputs(
    paths: Iterable[str],
    *,
    skip_bad: bool = False,
    warn: Warn | None = None,
    counts: Counter | None = None,
    names: dict[str, str] | None = None,
) -> Iterator[PaperRecord]:
    """Stream the records of every input, in order: files, directories (recursively) and ``-`` (stdin).

    ``warn(message)`` receives each warning as ``FILE:LINE: ...`` (default: printed on stderr);
    ``counts`` (a ``Counter``) gets ``warnings`` and ``skipped`` (bad records left out with ``skip_bad``).
    ``names`` renames paths in messages (the pipeline spools stdin to a file it calls ``<stdin>``).
    Bad input raises ``InputError`` unless ``skip_bad`` (whole-file problems always raise).
    """
    warn = warn or print_warning
    counts = counts if counts is not None else Counter()
    names = names or {}
    for path in paths:
        if path == "-":
            yield from read_file(None, name="<stdin>", stream=sys.stdin.buffer, skip_bad=skip_bad, warn=warn, counts=counts)
            continue
        if not os.path.exists(path):
            raise InputError(names.get(path, path), 0, "no such file or directory")
        for file in input_files(path):
            yield from read_file(file, name=names.get(str(file), str(file)), skip_bad=skip_bad, warn=warn, counts=counts)
