"""Extraction speed against the spaCy tokenizer floor (issues 8 and 14), on the real arXiv abstracts.

    .venv/bin/python benchmarks/extract_speed.py --limit 10000              # whole processes (issue 14)
    .venv/bin/python benchmarks/extract_speed.py --limit 20000 --in-process  # the pipeline alone (issue 8)

Whole processes (the default): the first ``--limit`` records of the input are written once to a ``.jsonl.gz``
(a user's file), then two commands run in turn ``--repeat`` times (default 5), each a new process started the
way a shell starts it:

floor:   ``python -c FLOOR FILE``: import spaCy, ``spacy.blank("en")``, read the file (gzip, JSON), tokenize every
         title + abstract (whitespace normalised) with ``nlp.pipe``;
extract: ``paperkg extract FILE -o OUT`` with default flags (``-j 0``: every core; start-up, the first pass that
         finds duplicates, workers and writing the lines all included).

Prints the fastest wall-clock time of each (the machine is shared: the minimum is the least disturbed run), the
ratio floor / extract (goal >= 1.0), the CPU seconds of every process of each run (user + system, workers
included: less sensitive to the load than wall time), and the load average around each run.

In process (``--in-process``): ``paperkg.extractors.extract(records, n_process=N)`` against ``spacy.blank("en")``
on texts already in memory, start-up left out; the median of ``--repeat`` rounds (default 3). The floor gets a
new vocabulary each round, as the extraction's worker processes are new each round too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARXIV = ROOT.parent / "shared" / "data" / "arxiv-daily-cs" / "arxiv_daily_2025_2026.jsonl.gz"

#: The floor process: spaCy's blank English tokenizer over the same texts, read from the same file.
FLOOR = """\
import gzip, json, sys
import spacy
nlp = spacy.blank("en")
def texts(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for raw in fh:
            row = json.loads(raw)
            yield " ".join((row.get("title") or "").split()) + "\\n" + " ".join((row.get("abstract") or "").split())
print(sum(1 for _doc in nlp.pipe(texts(sys.argv[1]), batch_size=256)))
"""


def write_input(source: Path, limit: int | None, target: Path) -> int:
    """The first ``limit`` lines of ``source`` as a gzip file of their own; how many lines."""
    n = 0
    with gzip.open(source, "rt", encoding="utf-8") as fh, gzip.open(target, "wt", encoding="utf-8") as out:
        for raw in fh:
            if limit and n >= limit:
                break
            out.write(raw)
            n += 1
    return n


def paperkg_command() -> list[str]:
    """The installed ``paperkg`` script next to this Python (what a user runs), else ``python -m paperkg``."""
    script = Path(sys.executable).with_name("paperkg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "paperkg"]


def timed(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of the process and all its children, 1-minute load average before it)."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, load


def whole_processes(args) -> int:
    work = Path(tempfile.mkdtemp(prefix="paperkg-speed-"))
    try:
        data = work / "abstracts.jsonl.gz"
        n = write_input(Path(args.input), args.limit, data)
        commands = {
            "floor": [sys.executable, "-c", FLOOR, str(data)],
            "extract": paperkg_command() + ["extract", str(data), "-o", str(work / "out.jsonl")],
        }
        if args.baseline:  # another installation's paperkg (an earlier commit), timed the same way in each round
            commands["baseline"] = [args.baseline, "extract", str(data), "-o", str(work / "baseline.jsonl")]
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for round_ in range(1, args.repeat + 1):  # in turn: a slower spell of the machine hits both
            for name, command in commands.items():
                runs[name].append(timed(command))
                wall, cpu, load = runs[name][-1]
                print(f"round {round_}: {name:7s} {wall:6.2f} s wall, {cpu:6.2f} s CPU, load {load:.1f}",
                      file=sys.stderr)
        with open(work / "out.jsonl", encoding="utf-8") as fh:
            lines = sum(1 for _ in fh)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor, extract = min(runs["floor"]), min(runs["extract"])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    loads = [load for name in runs for _w, _c, load in runs[name]]
    print(f"abstracts: {n:,}   cores: {cores}   rounds: {args.repeat}   extract output: {lines:,} lines")
    print(f"floor    python -c FLOOR (spaCy import, spacy.blank('en'), read, tokenize) : "
          f"{floor[0]:6.2f} s  ({n / floor[0]:5.0f} abstracts/s)")
    print(f"extract  {' '.join(['paperkg', 'extract', 'FILE', '-o', 'OUT']):41s}(-j 0)  : "
          f"{extract[0]:6.2f} s  ({n / extract[0]:5.0f} abstracts/s)")
    print(f"ratio    floor / extract, fastest runs : {floor[0] / extract[0]:.2f}  (goal >= 1.0)")
    if args.baseline:
        baseline = min(runs["baseline"])
        print(f"baseline {args.baseline}: {baseline[0]:6.2f} s, ratio floor / baseline {floor[0] / baseline[0]:.2f}, "
              f"CPU {min(c for _w, c, _l in runs['baseline']):.2f} s")
    print(f"cpu      floor {min(c for _w, c, _l in runs['floor']):.2f} s, extract "
          f"{min(c for _w, c, _l in runs['extract']):.2f} s (least of the runs, all processes)")
    print(f"load     1-minute average before the runs: {min(loads):.1f} to {max(loads):.1f} "
          f"(wall-clock figures need an idle machine)")
    return 0


def read(path: Path, limit: int | None):
    from paperkg.models import PaperRecord

    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, raw in enumerate(fh):
            if limit and i >= limit:
                break
            row = json.loads(raw)
            out.append(PaperRecord(key=f"arxiv:{row.get('id')}", title=row.get("title") or "",
                                   abstract=row.get("abstract") or "", source=f"{path.name}:{i + 1}"))
    return out


def in_process(args) -> int:
    sys.path.insert(0, str(ROOT))
    import spacy

    from paperkg.extractors import analysed_text, extract

    records = read(Path(args.input), args.limit)
    n = len(records)
    texts = [" ".join(r.title.split()) + "\n" + " ".join(r.abstract.split()) for r in records]

    started = time.perf_counter()
    for r in records:
        analysed_text(r.title, r.abstract)
    cleaning = n / (time.perf_counter() - started)

    from paperkg.extractors.pipeline import _shared_nlp

    _shared_nlp([])  # load once outside the timing (a long run pays it once); forked workers inherit it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    processes = args.n_process or cores
    rounds = []
    for _ in range(args.repeat):  # floor and full in turn: a slower spell of the machine hits both
        blank = spacy.blank("en")
        started, cpu = time.perf_counter(), time.process_time()
        for _doc in blank.pipe(texts, batch_size=256):
            pass
        floor = n / (time.perf_counter() - started)
        floor_cpu = (time.process_time() - cpu) / n

        started, cpu = time.perf_counter(), time.process_time()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        entities = sum(len(line["entities"]) for line in extract(records, n_process=args.n_process))
        full = n / (time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        full_cpu = (time.process_time() - cpu + after.ru_utime + after.ru_stime
                    - children.ru_utime - children.ru_stime) / n
        rounds.append((full / floor, floor, full, floor_cpu, full_cpu))
        print(f"round {len(rounds)}: floor {floor:6.0f}/s, full {full:6.0f}/s, ratio {full / floor:.2f}",
              file=sys.stderr)

    ratio, floor, full, floor_cpu, full_cpu = sorted(rounds)[len(rounds) // 2]  # the median round
    print(f"abstracts: {n:,}   cores: {cores}   extraction processes: {processes}   rounds: {len(rounds)}")
    print(f"floor  spacy.blank('en') tokenizer, 1 process : {floor:8.0f} abstracts/s")
    print(f"       analysed_text (cleaning) alone         : {cleaning:8.0f} abstracts/s")
    print(f"full   paperkg extraction, {processes} process(es)     : {full:8.0f} abstracts/s  ({entities:,} entities)")
    print(f"ratio  full / floor (median round)            : {ratio:8.2f}  (goal >= 1.0); every round: "
          + " ".join(f"{r[0]:.2f}" for r in rounds))
    print(f"cpu    floor {floor_cpu * 1e3:.2f} ms/abstract, full {full_cpu * 1e3:.2f} ms/abstract (all processes); "
          f"on {processes} idle cores the ratio would be {floor_cpu * min(processes, cores) / full_cpu:.2f}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (wall-clock figures need an idle machine)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=str(ARXIV), help="JSONL.gz with title/abstract (default: arXiv set)")
    parser.add_argument("--limit", type=int, default=None, help="first N abstracts only")
    parser.add_argument("--baseline", metavar="PAPERKG",
                        help="another paperkg executable (an earlier commit's install) timed the same way")
    parser.add_argument("--in-process", action="store_true",
                        help="time the extraction in this process, start-up left out (issue 8's figure)")
    parser.add_argument("-n", "--n-process", type=int, default=0,
                        help="--in-process: processes for extraction (0 = all cores)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="rounds of floor then extract (default 5; --in-process: 3, the median reported)")
    args = parser.parse_args(argv)
    if args.in_process:
        args.repeat = args.repeat or 3
        return in_process(args)
    args.repeat = args.repeat or 5
    return whole_processes(args)


if __name__ == "__main__":
    sys.exit(main())
