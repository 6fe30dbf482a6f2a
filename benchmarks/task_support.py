"""How much of a graph's Task space one paper alone supports (issue 15): the figures behind the corpus-support
proposal in the README's entity audit.

    .venv/bin/python benchmarks/task_support.py GRAPH [--audit JUDGED.tsv ...]

Prints how many task nodes (and phrases kept on Paper nodes instead of a node) one paper writes and, of those, how many the gazetteer does not list and how many end in
a phrase that another task node with at least two papers is named by, word for word ("individual text
classification" ends in "text classification"). With ``--audit`` (judged ``entity_audit.py`` files of the same
graph): the share of not-tasks among the one-paper rows and among the others.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter


def task_papers(kg) -> dict[str, tuple[str, int, bool]]:
    """Task node id -> (name, how many papers address it, whether a gazetteer lists it); a phrase a Paper node
    keeps instead of a node (``task_phrases``, since no other paper writes it) as ``phrase:PAPER:NAME``."""
    found = {}
    for nid, attrs in kg.nx.nodes(data=True):
        if attrs.get("label") == "Task":
            listed = any(data.get("gazetteer") for _, _, data in kg.nx.in_edges(nid, data=True))
            found[nid] = (attrs["name"], len(attrs.get("papers") or ()), listed)
        for phrase in attrs.get("task_phrases", ()):
            found[f"phrase:{nid}:{phrase}"] = (phrase, 1, False)
    return found


def attested_suffix(name: str, supported: set[str]) -> str | None:
    """The longest word-final part of ``name`` that a supported task is named by, or None.

    >>> attested_suffix("individual text classification", {"text classification", "classification"})
    'text classification'
    """
    words = name.lower().split()
    for i in range(1, len(words)):
        if " ".join(words[i:]) in supported:
            return " ".join(words[i:])
    return None


def audit_shares(paths: list[str]) -> Counter:
    """(one paper?, not a task?) -> rows, over the random rows of judged audit files."""
    counts: Counter = Counter()
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["sample"] == "random" and row["not_entity"] in ("x", "0"):
                    counts[(row["papers"] == "1", row["not_entity"] == "x")] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph")
    parser.add_argument("--audit", nargs="*", default=[], help="judged entity_audit.py files of this graph")
    args = parser.parse_args(argv)
    from paperkg.graph import load

    tasks = task_papers(load(args.graph, convert=False))
    supported = {name.lower() for name, papers, _ in tasks.values() if papers >= 2}
    single = [(name, listed) for name, papers, listed in tasks.values() if papers == 1]
    unlisted = [name for name, listed in single if not listed]
    with_suffix = sum(1 for name in unlisted if attested_suffix(name, supported))
    kept = sum(1 for key in tasks if key.startswith("phrase:"))
    print(f"task nodes and phrases kept on their paper: {len(tasks):,} ({kept:,} phrases); written by one paper: "
          f"{len(single):,} ({len(single) / len(tasks):.0%})")
    print(f"one-paper and unlisted: {len(unlisted):,}; of those ending in a phrase of two or more papers: "
          f"{with_suffix:,}")
    if args.audit:
        counts = audit_shares(args.audit)
        for single_paper, label in ((True, "one-paper rows"), (False, "other rows")):
            bad, good = counts[(single_paper, True)], counts[(single_paper, False)]
            if bad + good:
                print(f"{label}: {bad} of {bad + good} not tasks ({bad / (bad + good):.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
