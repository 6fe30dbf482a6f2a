"""Time and peak memory of each build stage at several corpus sizes, on the real arXiv abstracts.

Each size runs in a fresh process over the first N records of ``../shared/data/arxiv-daily-cs``, so the
peak resident memory of a stage is that of the whole build up to it (a high-water mark). Then one
``paperkg build ALL -o graph.json --html graph.html`` is timed end to end, as a user would run it.

    .venv/bin/python benchmarks/build_scale.py                  # 10k, 30k and all 74,728
    .venv/bin/python benchmarks/build_scale.py --sizes 2000     # a quick look
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARXIV = ROOT.parent / "shared" / "data" / "arxiv-daily-cs" / "arxiv_daily_2025_2026.jsonl.gz"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_stages(path: str, workdir: str, jobs: int) -> list[dict]:
    """Run the build stage by stage in this process; one row per stage."""
    from paperkg.extractors import corpus_pass
    from paperkg.graph import build_graph, load
    from paperkg.pipeline import distinct_papers, extraction_lines
    from paperkg.viz import write_html

    rows, state = [], {}

    def stage(name, work):
        start = time.perf_counter()
        state[name] = work()
        rows.append({"stage": name, "seconds": round(time.perf_counter() - start, 2), "peak_mb": round(peak_mb())})
        return state[name]

    graph_file, page = os.path.join(workdir, "graph.db"), os.path.join(workdir, "graph.html")
    papers = stage("read", lambda: list(distinct_papers([path])))
    lines = stage("extract", lambda: list(extraction_lines(papers, n_process=jobs)))
    kept: dict = {}  # what the pass keeps for a later addition, as ``paperkg build`` passes it on
    lines = stage("corpus pass", lambda: corpus_pass(lines, n_process=jobs, kept=kept))
    kg = stage("graph", lambda: build_graph(lines, kept=kept))
    stage("save", lambda: kg.save(graph_file))
    stage("html", lambda: write_html(kg, page))
    del papers, lines, kg
    stage("load", lambda: load(graph_file))
    counts = state["load"].counts()
    rows.append({"stage": "graph size", "nodes": sum(counts["nodes"].values()),
                 "relations": sum(counts["relations"].values()),
                 "file_mb": round(os.path.getsize(graph_file) / 2**20, 1),
                 "page_mb": round(os.path.getsize(page) / 2**20, 1)})
    return rows


def subset(n: int, workdir: str) -> str:
    """The first ``n`` records of the arXiv set, as a JSON Lines file."""
    path = os.path.join(workdir, f"arxiv-{n}.jsonl")
    with gzip.open(ARXIV, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return path


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, StopIteration):
            continue
    return total / 1024


def end_to_end(workdir: str) -> dict:
    """``paperkg build`` of the whole set: wall time and the peak of the summed memory of it and its workers."""
    exe = Path(sys.executable).with_name("paperkg")
    start = time.perf_counter()
    proc = subprocess.Popen([str(exe), "build", str(ARXIV), "-o", os.path.join(workdir, "all.json"),
                             "--html", os.path.join(workdir, "all.html")], stdout=subprocess.DEVNULL)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.2)
    if proc.returncode:
        raise SystemExit(f"paperkg build failed with status {proc.returncode}")
    return {"seconds": round(time.perf_counter() - start, 1), "peak_mb": round(peak)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 74_728])
    parser.add_argument("--jobs", type=int, default=0, help="extraction processes (0 = all cores)")
    parser.add_argument("--no-end-to-end", action="store_true")
    parser.add_argument("--keep", metavar="DIR", help="keep the end-to-end all.json / all.html in DIR "
                        "(for benchmarks/query_speed.py, html_interactive.py and neo4j_load.py)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not ARXIV.exists():
        sys.exit(f"{ARXIV} is absent: this benchmark needs ../shared beside the checkout")

    if args.one:
        path = subset(args.one, args.workdir)
        print(json.dumps(run_stages(path, args.workdir, args.jobs)))
        return 0

    print(f"cores: {os.cpu_count()}; extraction processes: {args.jobs or os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="paperkg-scale-") as workdir:
        for n in args.sizes:
            out = subprocess.run([sys.executable, __file__, "--one", str(n), "--workdir", workdir,
                                  "--jobs", str(args.jobs)], check=True, capture_output=True, text=True).stdout
            rows = json.loads(out.strip().splitlines()[-1])
            print(f"\n{n:,} papers")
            total = 0.0
            for row in rows:
                if "seconds" in row:
                    total += row["seconds"]
                    print(f"  {row['stage']:<12}{row['seconds']:>8.1f} s   peak {row['peak_mb']:>6,} MB")
                else:
                    print(f"  {row['nodes']:,} nodes, {row['relations']:,} relations; "
                          f"graph file {row['file_mb']} MB, page {row['page_mb']} MB")
            print(f"  {'total':<12}{total:>8.1f} s")
        if not args.no_end_to_end:
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
            result = end_to_end(args.keep or workdir)
            print(f"\npaperkg build (all {74_728:,}) -o graph.json --html graph.html: {result['seconds']} s wall, "
                  f"peak {result['peak_mb']:,} MB (all its processes together)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
