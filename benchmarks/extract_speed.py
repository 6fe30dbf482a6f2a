"""Extraction throughput against the spaCy tokenizer floor (issue 8), on the real arXiv abstracts.

    .venv/bin/python benchmarks/extract_speed.py --limit 20000

floor: ``spacy.blank("en")`` tokenizing the same texts (whitespace normalised), one process, ``nlp.pipe``; a new
       one each round, so that its vocabulary is as cold as the extraction's, whose worker processes are new each
       round (a vocabulary that has seen the texts skips making their lexemes: about 10% faster here).
full:  ``paperkg.extractors.extract(records, n_process=N)`` (default: all cores), lines as plain dicts.
Prints abstracts/s for both and the ratio full / floor (goal >= 1.0). The two run in turn ``--repeat`` times
(default 3) and the median round is reported: this machine's speed drifts by 10% within a minute.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARXIV = ROOT.parent / "shared" / "data" / "arxiv-daily-cs" / "arxiv_daily_2025_2026.jsonl.gz"


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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=str(ARXIV), help="JSONL.gz with title/abstract (default: arXiv set)")
    parser.add_argument("--limit", type=int, default=None, help="first N abstracts only")
    parser.add_argument("-n", "--n-process", type=int, default=0, help="processes for extraction (0 = all cores)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of floor then full; the median is reported")
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
