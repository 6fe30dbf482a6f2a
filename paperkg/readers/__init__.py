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
import stat
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from paperkg.errors import InputError
from paperkg.models import PaperRecord
from paperkg.readers import bibtex, delimited, extracted, hf_daily, json_records
from paperkg.readers.source import SkipFile, Source, Warn, print_warning

__all__ = ["read_inputs", "read_file", "detect_format", "list_inputs", "InputFile", "FORMATS"]

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


@dataclass
class InputFile:
    """A file to read, listed once per run so that every pass over the inputs reads the same bytes.

    ``size`` is its size when listed: reading stops there, so a file that grows while it is read (a log
    redirected into the input folder) cannot be read forever (and is then left out). ``in_folder``: found by walking a directory,
    so it is sniffed and left out when it is not an input. ``skip`` says why it is left out, once known.
    """

    path: Path | None  # None: stdin
    name: str
    in_folder: bool = False
    size: int | None = None
    skip: str | None = None
    grew: str | None = None  # set when it grew while its records were being read


GREW = "it grew while it was read (something is writing to it)"


def _file_id(path: str | os.PathLike) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def being_written(outputs: Iterable[str | os.PathLike] = ()) -> dict[tuple[int, int], str]:
    """The files this run writes, by (device, inode): its own stdout or stderr when they are redirected to a
    file, and its ``outputs`` (``-o``, ``--html``, exports) as they exist now (a previous run's)."""
    found: dict[tuple[int, int], str] = {}
    for path in outputs:
        key = _file_id(path)
        if key:
            found[key] = "this run's own output (it is being written)"
    for fd, what in ((1, "stdout"), (2, "stderr")):
        try:
            st = os.fstat(fd)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found[(st.st_dev, st.st_ino)] = f"it is where this run's {what} goes (it grows while being read)"
    return found


def list_inputs(
    paths: Iterable[str],
    *,
    names: dict[str, str] | None = None,
    outputs: Iterable[str | os.PathLike] = (),
    warn: Warn = print_warning,
) -> list[InputFile]:
    """The files to read for ``paths`` (files, directories walked recursively in sorted order, ``-``), leaving
    out, with one warning each, what this run itself writes.

    A missing path, or a directory with no file of an input format, is an error."""
    names = names or {}
    written = being_written(outputs)
    listed: list[InputFile] = []
    for path in paths:
        if path == "-":
            listed.append(InputFile(None, "<stdin>"))
            continue
        if not os.path.exists(path):
            raise InputError(names.get(path, path), 0, "no such file or directory")
        files = _walk(path) if os.path.isdir(path) else [(Path(path), False)]
        for file, in_folder in files:
            name = names.get(str(file), str(file))
            reason = written.get(_file_id(file))
            if reason:
                warn(f"{name}: skipped: {reason}")
                continue
            size = file.stat().st_size if file.is_file() else None
            listed.append(InputFile(file, name, in_folder, size))
    return listed


def _walk(path: str) -> list[tuple[Path, bool]]:
    """Files of an input format under directory ``path``, sorted; hidden files and other endings (notes, PDFs)
    are left out without a word, unless nothing is left: the error then names them."""
    found, others = [], {}
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if suffix_of(name) in FORMATS:
                found.append((Path(folder, name), True))
            else:
                others[Path(folder, name).relative_to(path)] = Path(name).suffix.lower() or "(no ending)"
    what = (", ".join(map(str, others)) if len(others) <= 3
            else f"{len(others)} files: " + ", ".join(f"{n} {e}" for e, n in sorted(Counter(others.values()).items())))
    if not found:
        raise InputError(path, 0, "no input files in this directory (looked for "
                                  f"{', '.join(sorted(FORMATS))}, also .gz" + (f"; skipped {what})" if others else ")"))
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
    listed: InputFile | None = None,
) -> Iterator[PaperRecord]:
    """Records of one file (or of ``stream`` when ``path`` is None), its format detected unless given.

    With ``listed`` (from :func:`list_inputs`) reading stops at the size it had when listed, and a file found
    in a folder is left out, with a warning, when it is not an input (a text file that is not a Daily Papers
    page, paperkg's own graph file or ``extract`` output)."""
    listed = listed or InputFile(Path(path) if path is not None else None, name or str(path))
    if listed.skip:
        return
    source = Source(
        name=name or listed.name,
        path=listed.path,
        stream=stream,
        skip_bad=skip_bad,
        on_warning=warn,
        counts=counts if counts is not None else Counter(),
        limit=listed.size,
    )
    try:
        with source.open() as fh:
            if fh.peek(len(GRAPH_DATABASE)).startswith(GRAPH_DATABASE):  # binary, but ours: say what it is
                listed.skip = _graph_file(source, listed.in_folder)
                warn(f"{source.name}: skipped: {listed.skip}")
                return
            head = source.head(fh)
            if not head.strip(b" \t\r\n\xef\xbb\xbf"):
                source.warn(0, "empty file: no papers in it")
                return
            fmt = format or detect_format(source.name, head)
            listed.skip = _not_an_input(source, fmt, head, listed.in_folder)
            if listed.skip:
                warn(f"{source.name}: skipped: {listed.skip}")
                return
            yield from READERS[fmt](source, fh)
    except SkipFile:
        return
    if source.grew():  # its records are out already: a second pass (the pipeline's) leaves it out
        listed.skip = listed.grew = GREW
        source.warn(0, f"skipped: {GREW}")


#: The start of a graph file ``KnowledgeGraph.save`` writes (``FILE_FORMAT`` of ``paperkg.graph.store``).
GRAPH_FILE = re.compile(r'^\{\s*"format"\s*:\s*"paperkg-graph"')
#: The start of the graph database it writes now (an SQLite file: ``paperkg.graph.database``).
GRAPH_DATABASE = b"SQLite format 3\x00"


def _graph_file(source: Source, in_folder: bool) -> str:
    """Why a graph file found in a folder is left out; one named on the command line is an error."""
    if not in_folder:
        source.fail(0, "a paperkg graph file, not an input: add papers to it with "
                       f"`paperkg build INPUT --add -o {source.name}`, or query it with `-g {source.name}`")
    return "a paperkg graph file (paperkg's own output)"


def _not_an_input(source: Source, fmt: str, head: bytes, in_folder: bool) -> str | None:
    """Why a file is left out (only files found in a folder are): paperkg's own outputs, or text that is
    not a Daily Papers page. A graph file named on the command line is an error that says what to do."""
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if GRAPH_FILE.match(text):
        return _graph_file(source, in_folder)
    if not in_folder:
        return None
    if fmt == "jsonl" and extracted.is_extract_output(text.split("\n", 1)[0]):
        return "`paperkg extract` output (name it on the command line to build from it)"
    if fmt == "daily-papers" and not hf_daily.looks_like_page(text):
        return "not a Daily Papers page: no page header or date before a title and abstract (name it to read it)"
    return None


def read_inputs(
    paths: Iterable[str],
    *,
    skip_bad: bool = False,
    warn: Warn | None = None,
    counts: Counter | None = None,
    names: dict[str, str] | None = None,
    outputs: Iterable[str | os.PathLike] = (),
    listing: list[InputFile] | None = None,
) -> Iterator[PaperRecord]:
    """Stream the records of every input, in order: files, directories (recursively) and ``-`` (stdin).

    ``warn(message)`` receives each warning as ``FILE:LINE: ...`` (default: printed on stderr);
    ``counts`` (a ``Counter``) gets ``warnings`` and ``skipped`` (bad records left out with ``skip_bad``).
    ``names`` renames paths in messages (the pipeline spools stdin to a file it calls ``<stdin>``).
    ``outputs`` are files this run writes (never read); ``listing`` is :func:`list_inputs` of ``paths``
    made earlier (a second pass then reads the same bytes and leaves out the same files). A file that grows
    while it is read is read up to its listed size, then marked ``skip`` (and ``grew``) with a warning:
    a caller that reads twice, as the pipeline does, leaves it out.
    Bad input raises ``InputError`` unless ``skip_bad`` (whole-file problems always raise).
    """
    warn = warn or print_warning
    counts = counts if counts is not None else Counter()
    if listing is None:
        listing = list_inputs(paths, names=names, outputs=outputs, warn=warn)
    for listed in listing:
        stream = sys.stdin.buffer if listed.path is None else None
        yield from read_file(listed.path, name=listed.name, stream=stream, skip_bad=skip_bad, warn=warn,
                             counts=counts, listed=listed)
