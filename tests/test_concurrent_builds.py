"""Two processes and one graph file: builds take turns, readers see a whole graph, nothing is lost."""

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from paperkg.graph import load
from paperkg.io import build_lock
from tests.conftest import ROOT

PAPERS_A = [
    ("Lantern: Sparse Routing for Long Documents",
     "We propose Lantern, a sparse routing model for long documents, evaluated on the arXiv summarization set."),
    ("Quill Attention for Handwriting Recognition",
     "We introduce Quill Attention, which improves handwriting recognition accuracy on IAM by 2 points."),
]
PAPERS_B = [
    ("Harbor: Federated Graph Learning at Scale",
     "We present Harbor, a federated graph learning system evaluated on ogbn-products."),
    ("Tidewater Pretraining for Speech",
     "We propose Tidewater, a pretraining objective for speech recognition, reducing WER on LibriSpeech."),
]


def _csv(path: Path, papers) -> Path:
    rows = ["title,abstract"] + [f'"{t}","{a}"' for t, a in papers]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _paperkg(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "paperkg", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _first_line_saying(proc: subprocess.Popen, text: str, timeout: float) -> str | None:
    """The first line of ``proc``'s stderr holding ``text``, read as it is written (``None``: it ended first)."""
    found: queue.Queue = queue.Queue()

    def read() -> None:
        for line in proc.stderr:
            if text in line:
                found.put(line)
                return
        found.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        return found.get(timeout=timeout)
    except queue.Empty:
        return None


def _titles(graph: Path) -> set[str]:
    return {attrs["title"] for _, attrs in load(graph).nodes("Paper")}


def test_a_build_waits_for_the_build_holding_the_graph_and_says_so(tmp_path):
    graph = tmp_path / "graph.json"
    a = _csv(tmp_path / "a.csv", PAPERS_A)
    with build_lock(graph):
        proc = _paperkg("build", str(a), "-o", str(graph), "-j", "1", cwd=tmp_path)
        said = _first_line_saying(proc, "another build is writing it; waiting", timeout=300)  # however slow its start
        assert said, proc.communicate()
        time.sleep(1)
        assert proc.poll() is None, proc.communicate()
        assert not graph.exists()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert _titles(graph) == {t for t, _ in PAPERS_A}


def test_two_additions_at_once_keep_both_sets_of_papers(tmp_path):
    graph = tmp_path / "graph.json"
    a, b = _csv(tmp_path / "a.csv", PAPERS_A), _csv(tmp_path / "b.csv", PAPERS_B)
    first = _paperkg("build", str(a), "--add", "-o", str(graph), "-j", "1", cwd=tmp_path)
    second = _paperkg("build", str(b), "--add", "-o", str(graph), "-j", "1", cwd=tmp_path)
    for proc in (first, second):
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    assert _titles(graph) == {t for t, _ in PAPERS_A + PAPERS_B}


def test_a_query_during_a_build_reads_the_old_graph_or_the_new_one_whole(tmp_path):
    graph = tmp_path / "graph.json"
    a, b = _csv(tmp_path / "a.csv", PAPERS_A), _csv(tmp_path / "b.csv", PAPERS_B)
    assert _paperkg("build", str(a), "-o", str(graph), "-j", "1", cwd=tmp_path).wait(timeout=120) == 0
    old, new = {t for t, _ in PAPERS_A}, {t for t, _ in PAPERS_A + PAPERS_B}
    build = _paperkg("build", str(b), "--add", "-o", str(graph), "-j", "1", cwd=tmp_path)
    seen = []
    while build.poll() is None:
        seen.append(_titles(graph))
    _, err = build.communicate()
    assert build.returncode == 0, err
    seen.append(_titles(graph))
    assert seen and all(titles in (old, new) for titles in seen)
    assert seen[-1] == new
