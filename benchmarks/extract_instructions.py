"""Instructions the extraction pipeline executes per abstract, counted by valgrind (issue 14): repeatable on a
shared machine, where wall-clock and CPU seconds swing by several per cent from run to run.

    .venv/bin/python benchmarks/extract_instructions.py                 # 300 arXiv abstracts
    .venv/bin/python benchmarks/extract_instructions.py --limit 100 --python OTHER/bin/python   # another checkout

Two processes run under ``valgrind --tool=callgrind`` (``PYTHONHASHSEED=0``): both load the pipeline and warm it
on 100 abstracts; one then extracts the first ``--limit`` abstracts, the other none. The difference is the
pipeline's own count. Takes about two minutes (valgrind runs code some 50 times slower); needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARXIV = ROOT.parent / "shared" / "data" / "arxiv-daily-cs" / "arxiv_daily_2025_2026.jsonl.gz"

#: Load, warm on abstracts 1,001-1,100, then extract the first N (argv[2]) of the file (argv[1]).
RUN = """\
import gc, gzip, json, sys
from paperkg.extractors import pipeline
nlp = pipeline.load()
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as fh:
    rows = [json.loads(line) for line, _ in zip(fh, range(1100))]
texts = [pipeline.analysed_text(r.get("title") or "", r.get("abstract") or "") for r in rows]
list(pipeline.extract_texts(nlp, texts[1000:1100]))
gc.freeze()
list(pipeline.extract_texts(nlp, texts[:int(sys.argv[2])]))
"""


def instructions(python: str, data: str, n: int) -> int:
    """Instructions callgrind counts for the whole process that extracts ``n`` abstracts."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c", RUN,
                           data, str(n)], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=str(ARXIV), help="JSONL.gz with title/abstract (default: arXiv set)")
    parser.add_argument("--limit", type=int, default=300, help="abstracts extracted (at most 1,000)")
    parser.add_argument("--python", default=sys.executable, help="the Python whose paperkg is measured")
    args = parser.parse_args(argv)
    if not shutil.which("valgrind"):
        print("valgrind is not installed", file=sys.stderr)
        return 2
    with ThreadPoolExecutor(2) as pool:  # the two counts do not disturb each other
        full, start = pool.map(lambda n: instructions(args.python, args.input, n), (min(args.limit, 1000), 0))
    pipeline = full - start
    print(f"abstracts: {args.limit}   whole process: {full:,}   start-up and warm-up: {start:,}")
    print(f"pipeline: {pipeline:,} instructions, {pipeline / args.limit / 1e6:.2f} million an abstract")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
