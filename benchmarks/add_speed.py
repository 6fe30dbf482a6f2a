"""``paperkg build NEW --add -o GRAPH`` on the 75k arXiv graph: 3 and 1,000 new papers, each checked equal to a
full build of the same inputs.

    .venv/bin/python benchmarks/add_speed.py prepare   # base records (the corpus minus its last 1,000), new papers
    .venv/bin/python benchmarks/add_speed.py run       # full builds, additions (wall, CPU, peak RSS), equality

``prepare`` splits the corpus's raw arXiv records: all but the last 1,000 (``base.jsonl``), the first 3 and all
1,000 of those (``add3.jsonl``, ``add1000.jsonl``), so an addition extracts its papers as a real ``--add`` does.
``run`` builds ``base.db``, ``full3.db`` (base + 3) and ``full1000.db`` (base + 1,000) whole (again only when the
code changed since: ``GRAPH.commit``), copies ``base.db`` and adds to it in place, times every command
(``/usr/bin/time``: wall, user + system CPU, peak RSS) and compares the graphs. Artefacts go to ``--work``
(default /work/graphs/add), never the repository.
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


def prepare(work: Path) -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        records = [line for line in fh if line.strip()]
    (work / "base.jsonl").write_text("".join(records[:-HELD_OUT]), encoding="utf-8")
    (work / "add3.jsonl").write_text("".join(records[-HELD_OUT:][:3]), encoding="utf-8")
    (work / "add1000.jsonl").write_text("".join(records[-HELD_OUT:]), encoding="utf-8")
    print(f"base: {len(records) - HELD_OUT} records; new: 3 and {HELD_OUT} -> {work}")


def timed(argv: list[str], log: Path, env: dict | None = None) -> dict:
    """Run ``argv`` under ``/usr/bin/time -v``: wall seconds, CPU seconds (user + system) and peak RSS (MB)."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    log.write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")

    def field(name: str) -> float:
        return float(re.search(rf"{name}: ([\d.]+)", done.stderr).group(1))

    cpu = field(r"User time \(seconds\)") + field(r"System time \(seconds\)")
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "peak_rss_mb": int(field(r"Maximum resident set size \(kbytes\)")) // 1024,
            "load": os.getloadavg()[0], "printed": done.stdout.strip().splitlines()[:1]}


def code_version() -> str:
    """The commit of the code that builds (``-dirty`` with uncommitted changes)."""
    return subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                          cwd=ROOT).stdout.strip()


def current(graph: Path) -> bool:
    """Whether ``graph`` was built by this code (``GRAPH.commit``): a whole build of other rules is stale."""
    stamp = graph.with_suffix(".commit")
    built_by = stamp.read_text() if graph.exists() and stamp.exists() else ""
    return bool(built_by) and "dirty" not in built_by and built_by == code_version()


def whole_build(inputs: list[Path], graph: Path) -> dict:
    result = timed([PAPERKG, "build", *map(str, inputs), "-o", str(graph)], graph.with_suffix(".log"))
    graph.with_suffix(".commit").write_text(code_version())
    return result


def run(work: Path, only: str | None) -> None:
    from paperkg.graph import load

    results = {}
    base = work / "base.db"
    if not current(base):
        results["full base"] = whole_build([work / "base.jsonl"], base)
    for n in (3, 1000):
        if only and str(n) != only:
            continue
        full, added = work / f"full{n}.db", work / f"inc{n}.db"
        if not current(full):
            results[f"full base+{n}"] = whole_build([work / "base.jsonl", work / f"add{n}.jsonl"], full)
        shutil.copyfile(base, added)
        results[f"add {n}"] = timed([PAPERKG, "build", str(work / f"add{n}.jsonl"), "--add", "-o", str(added)],
                                    work / f"inc{n}.log")
        results[f"add {n}"]["equal_to_full_build"] = load(added) == load(full)
        print(json.dumps(results, indent=1), flush=True)
    (work / "add_speed.json").write_text(json.dumps(results, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("prepare", "run"))
    parser.add_argument("--work", type=Path, default=Path("/work/graphs/add"))
    parser.add_argument("--only", choices=("3", "1000"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step == "prepare":
        prepare(args.work)
    else:
        run(args.work, args.only)


if __name__ == "__main__":
    main()
