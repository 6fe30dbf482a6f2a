"""A build killed at any point (SIGKILL: no clean-up runs) leaves the previous graph file unchanged and usable,
and so does an incremental write killed inside its transaction."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paperkg.graph import load
from paperkg.graph.database import GraphDatabase
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

TOPICS = ["segmentation", "retrieval", "speech recognition", "translation", "detection", "summarization"]


def corpus(path: Path, n: int, seed: int) -> Path:
    """``n`` papers written for the test: each proposes a method and evaluates it on a dataset."""
    rows = ["title,abstract"]
    for i in range(n):
        method, data, task = f"Net{seed}x{i}", f"Set{i % 17}", TOPICS[i % len(TOPICS)]
        rows.append(f'"{method}: a model for {task}","We propose {method}, a model for {task}. '
                    f'{method} is evaluated on the {data} dataset and improves accuracy by {i % 9} points."')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def paperkg(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "paperkg", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})


def writing(folder: Path, graph: Path) -> bool:
    """Whether a build is writing its new graph file (the hidden temporary beside the graph)."""
    return any(p.name.startswith(f".{graph.name}.") for p in folder.iterdir())


def kill_when(proc: subprocess.Popen, ready, timeout: float = 600) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()``; whether it was killed before it ended by itself."""
    end = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < end:
        if ready():
            proc.send_signal(signal.SIGKILL)
            return proc.wait() == -signal.SIGKILL  # not when it ended by itself just before the signal
        time.sleep(0.001)
    return proc.poll() == -signal.SIGKILL


def _duration(args: tuple[str, ...], graph: Path, cwd: Path) -> float:
    """Wall seconds of one whole run of ``args`` on a copy of ``graph``: where "a third of the way" falls."""
    copy = cwd / "timing.db"
    copy.write_bytes(graph.read_bytes())
    start = time.monotonic()
    assert paperkg(*args, "-o", str(copy), "-j", "1", cwd=cwd).wait(timeout=600) == 0
    copy.unlink()
    return time.monotonic() - start


def test_a_build_killed_at_any_point_leaves_the_previous_graph_unchanged_and_usable(tmp_path):
    graph = tmp_path / "graph.db"
    first, more = corpus(tmp_path / "a.csv", 60, 1), corpus(tmp_path / "b.csv", 400, 2)
    assert paperkg("build", str(first), "-o", str(graph), "-j", "1", cwd=tmp_path).wait(timeout=300) == 0
    before, previous = graph.read_bytes(), load(graph)
    runs = (("build", str(first), str(more)), ("build", str(more), "--add"))
    took = {args: _duration(args, graph, tmp_path) for args in runs}
    points = {"starting": lambda: True, "a third of the way": 1 / 3, "two thirds of the way": 2 / 3,
              "writing the new file": lambda: writing(tmp_path, graph)}
    killed = []
    for point, ready in points.items():
        for args in runs:
            # a time share is tried again at half the time while the run finishes first (faster than the timing run)
            for share in ([ready / 2 ** n for n in range(4)] if isinstance(ready, float) else [None] * 3):
                start = time.monotonic()
                proc = paperkg(*args, "-o", str(graph), "-j", "1", cwd=tmp_path)
                if kill_when(proc, (lambda: time.monotonic() - start > share * took[args]) if share else ready):
                    killed.append((point, args[-1]))
                    break
                graph.write_bytes(before)  # it finished first: put the previous graph back before the next try
            assert graph.read_bytes() == before, (point, args)
            assert load(graph) == previous
    assert ("writing the new file", "--add") in killed and ("writing the new file", str(more)) in killed
    assert ("starting", "--add") in killed and ("starting", str(more)) in killed
    assert any(p == "a third of the way" for p, _ in killed), killed
    # the file is usable by every command, and a later build goes through, temporaries left or not
    query = subprocess.run([sys.executable, "-m", "paperkg", "query", "top-datasets", "-g", str(graph)],
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert query.returncode == 0 and "Set" in query.stdout
    assert paperkg("build", str(more), "--add", "-o", str(graph), "-j", "1", cwd=tmp_path).wait(timeout=600) == 0
    assert len(list(load(graph).nodes("Paper"))) == 460


APPLY = """
import sys
from paperkg.graph.database import Difference, GraphDatabase
nodes = {f"method:m{i}": {"label": "Method", "name": f"M{i}"} for i in range(200_000)}
with GraphDatabase(sys.argv[1], writable=True) as db:
    db.apply(Difference(nodes=nodes, meta={"changed": True}))
"""


def test_an_incremental_write_killed_inside_its_transaction_leaves_the_previous_graph(tmp_path):
    graph = tmp_path / "graph.db"
    first = corpus(tmp_path / "a.csv", 30, 1)
    assert paperkg("build", str(first), "-o", str(graph), "-j", "1", cwd=tmp_path).wait(timeout=300) == 0
    previous = load(graph)
    proc = subprocess.Popen([sys.executable, "-c", APPLY, str(graph)], env={**os.environ, "PYTHONPATH": str(ROOT)})
    journal = Path(f"{graph}-journal")
    assert kill_when(proc, journal.exists)
    assert journal.exists()  # the transaction was under way: the next reader rolls it back
    assert load(graph) == previous
    with GraphDatabase(graph) as db:
        assert db.meta == previous.meta and db.find_key("m1") == []
