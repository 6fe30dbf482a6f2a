"""Cold query timings: each command a new ``paperkg`` process on a graph file (wall time and peak RSS, start-up
included), with arguments picked from the graph itself (its busiest dataset and method, a paper with code).

    .venv/bin/python benchmarks/cold_queries.py GRAPH.db [--repeat N] [--json OUT]

Targets (issue 16): one-node queries under 1 s, corpus-wide ones under 3 s; communities and influential reported.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ONE_NODE, CORPUS_WIDE, REPORTED = 1.0, 3.0, None


def arguments(graph: str) -> dict[str, str]:
    """The busiest dataset, the method most papers propose, a paper with code and citations, by SQL."""
    from paperkg.graph.database import GraphDatabase

    with GraphDatabase(graph) as db:
        sql = db.db.execute

        def busiest(rel: str, end: str = "target") -> str:
            return sql(f"SELECT {end} FROM relations WHERE type = ? GROUP BY {end} ORDER BY count(*) DESC, {end} "
                       "LIMIT 1", (rel,)).fetchone()[0]

        dataset, method = busiest("EVALUATES_ON"), busiest("PROPOSES")
        paper = sql("SELECT r.source FROM relations r WHERE r.type = 'HAS_CODE' AND r.source IN "
                    "(SELECT source FROM relations WHERE type = 'EVALUATES_ON') ORDER BY r.source LIMIT 1").fetchone()[0]
        cited = (sql("SELECT target FROM relations WHERE type = 'CITES' ORDER BY target LIMIT 1").fetchone() or [paper])[0]
        names = db.nodes([dataset, method])
    return {"dataset": names[dataset]["name"], "method": names[method]["name"], "paper": paper, "cited": cited}


def commands(a: dict[str, str]) -> list[tuple[str, list[str], float | None]]:
    q = ["query"]
    return [
        ("who-proposes", q + ["who-proposes", a["method"]], ONE_NODE),
        ("papers-using", q + ["papers-using", a["dataset"]], ONE_NODE),
        ("datasets-of", q + ["datasets-of", a["paper"]], ONE_NODE),
        ("related", q + ["related", a["paper"]], ONE_NODE),
        ("citations", q + ["citations", a["cited"]], ONE_NODE),
        ("code-of", q + ["code-of", a["paper"]], ONE_NODE),
        ("path", q + ["path", a["dataset"], a["method"]], ONE_NODE),
        ("show", ["show", a["dataset"]], ONE_NODE),
        ("top-datasets", q + ["top-datasets"], CORPUS_WIDE),
        ("top-methods", q + ["top-methods"], CORPUS_WIDE),
        ("top-tasks", q + ["top-tasks"], CORPUS_WIDE),
        ("shared-datasets", q + ["shared-datasets"], CORPUS_WIDE),
        ("co-used-datasets", q + ["co-used-datasets"], CORPUS_WIDE),
        ("trend", q + ["trend", a["method"]], CORPUS_WIDE),
        ("stats", ["stats"], CORPUS_WIDE),
        ("communities", q + ["communities"], REPORTED),
        ("influential", q + ["influential"], REPORTED),
    ]


def cold_run(args: list[str], graph: str | None) -> tuple[float, float, float, int]:
    """Wall seconds, peak RSS (MB), CPU seconds (user + system: what load on a shared machine inflates least)
    and exit code of ``paperkg ARGS -g GRAPH`` as a new process."""
    paperkg = str(Path(sys.executable).with_name("paperkg"))
    start = time.perf_counter()
    proc = subprocess.Popen([paperkg, *args, *(["-g", graph] if graph else [])], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph")
    parser.add_argument("--repeat", type=int, default=1, help="runs per command (the fastest is kept)")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    args = parser.parse_args()
    picked = arguments(args.graph)
    print(f"graph {args.graph}; arguments {picked}; load average {os.getloadavg()[0]:.1f} at start", flush=True)
    results = []
    print(f"{'command':<18}{'wall s':>8}{'CPU s':>7}{'peak MB':>9}  target", flush=True)
    floor = min(cold_run(["--version"], None) for _ in range(args.repeat))
    print(f"{'(paperkg --version)':<18}{floor[0]:>8.2f}{floor[2]:>7.2f}{floor[1]:>9.0f}  start-up alone", flush=True)
    for name, argv, target in commands(picked):
        runs = [cold_run(argv, args.graph) for _ in range(args.repeat)]
        wall, rss, cpu, code = min(runs)
        verdict = "reported" if target is None else ("ok" if wall < target else "OVER") + f" (< {target:g} s)"
        if code:
            verdict = f"exit {code}"
        print(f"{name:<18}{wall:>8.2f}{cpu:>7.2f}{rss:>9.0f}  {verdict}", flush=True)
        results.append({"command": name, "argv": argv, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                        "peak_rss_mb": round(rss),
                        "target_s": target, "exit": code})
    print(f"load average {os.getloadavg()[0]:.1f} at the end (2 cores)")
    if args.json:
        Path(args.json).write_text(json.dumps({"graph": args.graph, "arguments": picked, "runs": results,
                                               "loadavg_end": os.getloadavg()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
