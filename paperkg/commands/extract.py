"""``paperkg extract``: one JSON line of extracted entities per distinct paper."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from paperkg import pipeline
from paperkg.io import atomic_write
from paperkg.progress import progress_bar
from paperkg.readers.extracted import LINE_FORMAT

EXAMPLE = """\
examples:
  paperkg extract examples/ -o examples.jsonl
  paperkg extract papers.bib arxiv.jsonl.gz -j 0 --corpus-pass -o out.jsonl
  cat page.txt | paperkg extract - | head -1
  paperkg build out.jsonl -o graph.db     # build reads extract output without re-extracting
"""


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``extract`` and ``build``: inputs, parallel jobs, gazetteer, --skip-bad."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files or directories (read recursively), '-' for stdin; formats: Daily Papers .txt, "
                             ".jsonl/.json (plain, arXiv, OpenAlex, Semantic Scholar, paperkg extract output), "
                             ".csv/.tsv, .bib; any may be .gz")
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                        help="extraction processes (default 0 = every core; inputs under 2,000 papers use one)")
    parser.add_argument("--gazetteer", action="append", metavar="FILE",
                        help="an extra gazetteer of names (JSON Lines, e.g. the Papers with Code datasets file); repeatable")
    parser.add_argument("--skip-bad", action="store_true",
                        help="turn bad records into warnings (with a count at the end) instead of stopping")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract entities from titles and abstracts, one JSON line per paper",
        description="Extract methods, datasets, benchmarks, tasks, metrics, results and code links from each\n"
                    "distinct paper (duplicates merged) and write one JSON line per paper, in input order.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(parser)
    parser.add_argument("-o", "--output", default="-", metavar="OUT.jsonl",
                        help="output file, written atomically ('-' = stdout, the default)")
    parser.add_argument("--corpus-pass", action="store_true",
                        help="also match names found with strong evidence in one abstract in all the others "
                             "(holds every line in memory until the end)")
    parser.set_defaults(run=run)


def report_counts(counts: Counter) -> None:
    """The end-of-run line about what was skipped or merged, on stderr."""
    if counts["skipped"]:
        print(f"paperkg: warning: {counts['skipped']} bad record(s) or file(s) skipped (--skip-bad)", file=sys.stderr)
    if counts["conflicts"]:
        print(f"paperkg: warning: {counts['conflicts']} record(s) left out: a known id with another title",
              file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    counts: Counter = Counter()
    with progress_bar("extracting", total=lambda: counts["papers"] or None) as advance:
        lines = pipeline.extract(
            args.inputs, n_process=args.jobs, gazetteer=args.gazetteer, corpus_pass=args.corpus_pass,
            skip_bad=args.skip_bad, counts=counts, progress=advance,
            outputs=[] if args.output == "-" else [args.output],
        )
        if args.output == "-":
            write_lines(lines, sys.stdout)
            sys.stdout.flush()
        else:
            with atomic_write(args.output) as fh:
                write_lines(lines, fh)
    report_counts(counts)
    return 0


# one encoder for every line (``json.dumps`` with options makes one per call); lines are trees, never circular
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def write_lines(lines, fh) -> None:
    """One JSON object per line, marked as paperkg's (``"format"`` first) so a later run knows it for output."""
    encode = _ENCODER.encode
    for line in lines:
        fh.write(encode({"format": LINE_FORMAT, **line}))
        fh.write("\n")
