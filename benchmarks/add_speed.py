"""``paperkg build NEW --add -o GRAPH`` on the 75k arXiv graph: 3 and 1,000 new papers, each checked equal to a
full build of the same inputs.

    .venv/bin/python benchmarks/add_speed.py prepare   # base lines (the graph minus the last 1,000 papers), new papers
    .venv/bin/python benchmarks/add_speed.py run       # full builds, additions (wall, peak RSS), equality, phases

``prepare`` reads the graph built from the whole corpus (``--graph``, default /work/graphs/arxiv75k.json) back as
extraction lines, leaves out the corpus's last 1,000 records, and writes them (``base.jsonl``) with the first 3
and all 1,000 left out as raw arXiv records (``add3.jsonl``, ``add1000.jsonl``), so the additions extract their
papers as a real ``--add`` does. ``run`` builds ``base.json``, ``full3.json`` (base + 3), ``full1000.json`` (base +
1,000) whole, copies ``base.json`` and adds to it, times every command (``/usr/bin/time``) and compares the graphs.
Artefacts go to ``--work`` (default /work/graphs/h16-add), never the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "arxiv-daily-cs" / "arxiv_daily_2025_2026.jsonl.gz"
PAPERKG = str(ROOT / ".venv" / "bin" / "paperkg")
HELD_OUT = 1000


def prepare(graph: Path, work: Path) -> None:
    from paperkg.graph import lines_from_graph, load

    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        records = [line for line in fh if line.strip()]
    new = records[-HELD_OUT:]
    keys = {f"arxiv:{json.loads(r)['id']}" for r in new}
    kg = load(graph)
    lines = [line for line in lines_from_graph(kg) if line["key"] not in keys]
    with open(work / "base.jsonl", "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    (work / "add3.jsonl").write_text("".join(new[:3]), encoding="utf-8")
    (work / "add1000.jsonl").write_text("".join(new), encoding="utf-8")
    print(f"base: {len(lines)} papers; new: 3 and {len(new)} raw records -> {work}")


def timed(argv: list[str], log: Path) -> dict:
    """Run ``argv`` under ``/usr/bin/time -v``: wall seconds and peak RSS (MB)."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True, text=True)
    wall = time.perf_counter() - started
    log.write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return {"wall_s": round(wall, 1), "peak_rss_mb": rss // 1024, "load": os.getloadavg()[0]}


def run(work: Path, only: str | None) -> None:
    from paperkg.graph import load

    results = {}
    base = work / "base.json"
    if not base.exists():
        results["full base"] = timed([PAPERKG, "build", str(work / "base.jsonl"), "-o", str(base)], work / "base.log")
    for n in (3, 1000):
        if only and str(n) != only:
            continue
        full, added = work / f"full{n}.json", work / f"inc{n}.json"
        if not full.exists():
            results[f"full base+{n}"] = timed([PAPERKG, "build", str(work / "base.jsonl"), str(work / f"add{n}.jsonl"),
                                               "-o", str(full)], work / f"full{n}.log")
        shutil.copyfile(base, added)
        results[f"add {n}"] = timed([PAPERKG, "build", str(work / f"add{n}.jsonl"), "--add", "-o", str(added)],
                                    work / f"inc{n}.log")
        results[f"add {n}"]["equal_to_full_build"] = load(added) == load(full)
        results[f"add {n}"]["phases"] = phases(base, work / f"add{n}.jsonl")
        print(json.dumps({k: v for k, v in results.items()}, indent=1), flush=True)
    (work / "add_speed.json").write_text(json.dumps(results, indent=1))


def phases(base: Path, new: Path) -> dict:
    """In one process: load, the source's indexes, extraction and ``add_papers``'s own phases, saving."""
    from paperkg import pipeline
    from paperkg.graph import load
    from paperkg.graph.memory_source import MemorySource

    out = {}
    t = time.perf_counter()
    kg = load(base)
    out["load_s"] = round(time.perf_counter() - t, 1)
    source = MemorySource(kg)
    t = time.perf_counter()
    source.entities_with_keys([])
    source.papers_containing(["x"])
    source.papers_known_by([], titles=True)
    source.results_naming([("method", "x")])
    out["indexes_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    pipeline.add_to(source, [str(new)])
    out["add_to_s"] = round(time.perf_counter() - t, 1)
    out["diff"] = source.last_diff.summary()
    out["stats"] = source.last_diff.stats
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("prepare", "run"))
    parser.add_argument("--graph", type=Path, default=Path("/work/graphs/arxiv75k.json"))
    parser.add_argument("--work", type=Path, default=Path("/work/graphs/h16-add"))
    parser.add_argument("--only", choices=("3", "1000"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step == "prepare":
        prepare(args.graph, args.work)
    else:
        run(args.work, args.only)


if __name__ == "__main__":
    main()
