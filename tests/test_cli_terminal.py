"""The command line in a real terminal: tables that keep node ids whole at 100 columns, and Ctrl-C that
prints one line and exits 130, with no traceback from the extraction's worker processes; SIGTERM likewise."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.test_queries import corpus_graph

PAPERKG = [sys.executable, "-m", "paperkg"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def in_terminal(args: list[str], columns: int = 100) -> str:
    """What ``args`` prints on a pseudo-terminal ``columns`` wide (escape codes removed)."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen(args, stdout=side, stderr=subprocess.DEVNULL, env={**os.environ, "TERM": "xterm"})
    os.close(side)
    chunks = []
    while True:
        try:
            data = os.read(main, 1 << 16)
        except OSError:  # the other end closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    assert process.wait(timeout=60) == 0
    return ANSI.sub("", b"".join(chunks).decode())


@pytest.mark.parametrize("query", [["shared-datasets"], ["related", "arxiv:2501.00001"], ["top-datasets"]])
def test_a_table_in_a_100_column_terminal_keeps_every_id_on_one_line(tmp_path, query):
    graph = tmp_path / "g.json"
    corpus_graph().save(graph)
    args = [*PAPERKG, "query", *query, "-g", str(graph)]
    rows = json.loads(subprocess.run([*args, "--format", "json"], capture_output=True, check=True).stdout)
    ids = {v for row in rows for k, v in row.items() if isinstance(v, str) and re.match(r"(paper|data):", v)}
    assert ids
    table = in_terminal(args)
    lines = table.splitlines()
    assert all(any(i in line for line in lines) for i in ids), table
    assert "(" + f"{len(rows)} row" in table


def many_papers(path: Path, n: int = 5000) -> None:
    """Enough papers (our own sentences) for the extraction to start its worker processes."""
    with path.open("w") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"p{i}", "title": f"NetVariant{i}: A Study of Variant {i}",
                                 "abstract": f"We propose NetVariant{i}, evaluated on CIFAR-10 and ImageNet-1K. "
                                             "It improves accuracy over ResNet-50 by a clear margin. " * 3}) + "\n")


def test_ctrl_c_prints_one_line_and_exits_130_without_worker_tracebacks(tmp_path):
    corpus = tmp_path / "many.jsonl"
    many_papers(corpus)
    out = tmp_path / "lines.jsonl"
    process = subprocess.Popen([*PAPERKG, "extract", str(corpus), "-j", "2", "-o", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(p.stat().st_size for p in tmp_path.glob(".lines.jsonl.*.tmp")):  # workers' lines arrive
        assert process.poll() is None and time.monotonic() < deadline, "the extraction ended before Ctrl-C"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode() == "paperkg: interrupted\n"
    assert not out.exists() and not list(tmp_path.glob(".lines.jsonl.*"))  # nothing half-written left


def test_the_progress_bar_runs_no_thread_so_the_extraction_forks(examples_dir, tmp_path):
    """On a terminal `paperkg extract` draws its bar from the loop, not from rich's refresh thread: the extraction
    sees one thread, so it may fork (its first pass beside spaCy's loading, workers with the loaded pipeline)."""
    probe = ("import sys, threading; import paperkg.extractors.pipeline as ep; run = ep.extract\n"
             "def counted(*a, **k):\n"
             "    print('threads', threading.active_count(), file=open(sys.argv[1], 'w'))\n"
             "    yield from run(*a, **k)\n"
             "ep.extract = counted\n"
             "from paperkg.cli import main; sys.exit(main(sys.argv[2:]))")
    main, side = pty.openpty()
    out = tmp_path / "lines.jsonl"
    process = subprocess.Popen([sys.executable, "-c", probe, str(tmp_path / "threads"), "extract", str(examples_dir),
                                "-o", str(out)], stdout=subprocess.DEVNULL, stderr=side)
    os.close(side)
    drawn = b""
    while True:
        try:
            data = os.read(main, 1 << 16)
        except OSError:
            break
        if not data:
            break
        drawn += data
    os.close(main)
    assert process.wait(timeout=120) == 0
    assert "extracting" in ANSI.sub("", drawn.decode()) and "10/10" in ANSI.sub("", drawn.decode())
    assert (tmp_path / "threads").read_text().split() == ["threads", "1"]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10


def test_a_forked_child_keeps_the_default_sigterm_and_so_dies_at_once_even_inside_c_code():
    # the first pass's child and the extraction's workers are forked after main() installs its handlers; a Python
    # handler runs only between bytecodes, so a child blocked in C would never end when its parent kills it
    from paperkg.cli import interrupt_in_this_process_only

    interrupt_in_this_process_only()
    assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None)
    pid = os.fork()
    if pid == 0:
        os._exit(0 if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
