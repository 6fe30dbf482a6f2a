"""Write the entities a user looks at first, and a random sample of the rest, to a file a person can judge;
then score the judged file.

For each type (Method, Dataset, Benchmark, Task, Metric): the ``--top`` entities linked to the most papers and
``--random`` more drawn (seeded) from the others, each with its aliases, paper count, and one evidence
sentence: the sentence of one of its papers (drawn with the same seed) that the relation was read from.
Three verdict columns are left empty for the judge; put ``x`` (any non-empty mark but ``0``/``-``) where

- ``not_entity``: the name is not an entity of that type (a topic, a clause, a model filed as a dataset);
- ``bad_alias``: a different thing is merged in (another expansion of the acronym, a variant, a fragment);
- ``relation_wrong``: the evidence sentence does not show the relation (PROPOSES a method it only uses,
  EVALUATES_ON a dataset named as background).

    .venv/bin/paperkg build ../shared/data/arxiv-daily-cs/arxiv_daily_2025_2026.jsonl.gz -o arxiv.json
    .venv/bin/python benchmarks/entity_audit.py arxiv.json -o /tmp/audit.tsv --top 100 --random 100
    # ... fill in the verdict columns ...
    .venv/bin/python benchmarks/entity_audit.py --score /tmp/audit.tsv
    .venv/bin/python benchmarks/entity_audit.py arxiv.json -o /tmp/tm.tsv --type Task --type Metric  # some types only

The file holds sentences of the corpus: keep judged files out of the repository (``--strip`` writes the
verdicts without names, aliases and sentences, which may be kept: ``benchmarks/audit/``).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict

TYPES = ("Method", "Dataset", "Benchmark", "Task", "Metric")
VERDICTS = ("not_entity", "bad_alias", "relation_wrong")
COLUMNS = ("type", "sample", "rank", "id", "name", "papers", "aliases", "relation", "paper", "evidence",
           *VERDICTS, "note")
#: What each verdict row of the score table says.
VERDICT_TEXT = {
    "not_entity": "not an entity of that type",
    "bad_alias": "a different thing merged in (bad alias)",
    "relation_wrong": "the sentence does not show that relation",
}
#: Columns ``--strip`` drops: everything read from the corpus (names, aliases, ids made of names, the sentence).
#: What is left (type, sample, rank, paper count, verdicts) scores the same; the same graph and seed give the
#: same rows back.
STRIPPED = ("id", "name", "aliases", "paper", "evidence")


def _papers(attrs: dict) -> int:
    return len(attrs.get("papers", ()))


def sample_entities(kg, label: str, top: int, n_random: int, seed: int) -> list[tuple[str, int, str]]:
    """``(sample, rank, node id)``: the ``top`` most linked entities of ``label`` (ties by id), then ``n_random``
    of the rest drawn with ``seed``."""
    ranked = sorted(((nid, attrs) for nid, attrs in kg.nodes(label)), key=lambda x: (-_papers(x[1]), x[0]))
    rows = [("top", i + 1, nid) for i, (nid, _) in enumerate(ranked[:top])]
    rest = [nid for nid, _ in ranked[top:]]
    drawn = random.Random(f"{seed}:{label}").sample(rest, min(n_random, len(rest)))
    return rows + [("random", i + 1, nid) for i, nid in enumerate(drawn)]


def evidence(kg, entity: str, seed: int) -> tuple[str, str, str]:
    """``(relation, paper id, sentence)`` of one paper linked to ``entity``, drawn with ``seed``."""
    from paperkg.graph.provenance import sentences

    edges = sorted((paper, rel, attrs) for paper, _, rel, attrs in kg.nx.in_edges(entity, keys=True, data=True)
                   if kg.nx.nodes[paper].get("label") == "Paper")
    if not edges:
        return "", "", ""
    paper, rel, attrs = random.Random(f"{seed}:{entity}").choice(edges)
    said = sentences(kg.nx.nodes[paper], attrs.get("spans", []), 1)
    return rel, paper.removeprefix("paper:"), _one_line(said[0] if said else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_audit(kg, path: str, top: int, n_random: int, seed: int, types=TYPES) -> int:
    """Write the audit file for ``types`` (each drawn as when all are written); returns how many entities it
    lists."""
    from paperkg.io import atomic_write

    rows = []
    for label in (t for t in TYPES if t in types):
        for sample, rank, nid in sample_entities(kg, label, top, n_random, seed):
            attrs = kg.nx.nodes[nid]
            rel, paper, said = evidence(kg, nid, seed)
            rows.append({"type": label, "sample": sample, "rank": rank, "id": nid, "name": attrs["name"],
                         "papers": _papers(attrs), "aliases": " | ".join(_one_line(a) for a in attrs.get("aliases", ())),
                         "relation": rel, "paper": paper, "evidence": said})
    with atomic_write(path) as fh:
        _writer(fh, COLUMNS).writeheader()
        _writer(fh, COLUMNS).writerows(rows)
    return len(rows)


def _writer(fh, columns):
    return csv.DictWriter(fh, fieldnames=columns, delimiter="\t", lineterminator="\n", extrasaction="ignore",
                          quoting=csv.QUOTE_MINIMAL)


def read_judged(path: str) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def marked(value: str | None) -> bool:
    """Whether a verdict cell says yes: any mark but empty, ``0`` or ``-``."""
    return (value or "").strip().lower() not in ("", "0", "-", "no", "n")


def score(rows: list[dict]) -> dict[tuple[str, str], dict[str, int]]:
    """Per (type, sample): ``n`` entities and how many carry each verdict."""
    table: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(("n", *VERDICTS), 0))
    for row in rows:
        cell = table[(row["type"], row["sample"])]
        cell["n"] += 1
        for verdict in VERDICTS:
            cell[verdict] += marked(row.get(verdict))
    return dict(table)


def score_table(rows: list[dict]) -> str:
    """The issue's table (Markdown): one row per verdict, one column per type, ``top / random`` counts."""
    table = score(rows)
    types = [t for t in TYPES if (t, "top") in table or (t, "random") in table]

    def cell(t: str, verdict: str) -> str:
        return " / ".join(str(table[(t, s)][verdict]) if (t, s) in table else "-" for s in ("top", "random"))

    lines = ["| judged by reading | " + " | ".join(f"{t} top / random" for t in types) + " |",
             "|---|" + "---|" * len(types),
             "| entities judged | " + " | ".join(cell(t, "n") for t in types) + " |"]
    lines += [f"| {VERDICT_TEXT[v]} | " + " | ".join(cell(t, v) for t in types) + " |" for v in VERDICTS]
    return "\n".join(lines)


def strip(judged: str, out: str) -> None:
    """The judged file without the corpus text (``STRIPPED`` columns)."""
    from paperkg.io import atomic_write

    columns = [c for c in COLUMNS if c not in STRIPPED]
    with atomic_write(out) as fh:
        writer = _writer(fh, columns)
        writer.writeheader()
        writer.writerows(read_judged(judged))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("graph", nargs="?", help="a graph file written by `paperkg build -o`")
    parser.add_argument("-o", "--output", default="entity_audit.tsv", help="the file to judge (TSV)")
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--random", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--type", action="append", choices=TYPES, dest="types",
                        help="audit only this type (repeat for several; default: all)")
    parser.add_argument("--score", metavar="JUDGED", help="print the table of a judged file")
    parser.add_argument("--strip", nargs=2, metavar=("JUDGED", "OUT"),
                        help="write JUDGED without the corpus text (names, aliases, sentences) to OUT")
    args = parser.parse_args(argv)
    if args.score:
        print(score_table(read_judged(args.score)))
        return 0
    if args.strip:
        strip(*args.strip)
        return 0
    if not args.graph:
        parser.error("give a GRAPH to audit, or --score JUDGED")
    from paperkg.graph import load

    n = write_audit(load(args.graph), args.output, args.top, args.random, args.seed, args.types or TYPES)
    print(f"{n} entities -> {args.output} (fill in {', '.join(VERDICTS)}; then --score {args.output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
