"""Print random inferred citations (``source: "mention"``) with both sentences, to judge their precision by hand.

For each: the citing paper's sentence that names the method or dataset, and the cited paper's title and the
sentence where it proposes (or introduces) it.

    .venv/bin/paperkg build ../shared/data/arxiv-daily-cs/arxiv_daily_2025_2026.jsonl.gz -o arxiv.json
    .venv/bin/python benchmarks/inferred_citations.py arxiv.json --sample 50 --seed 0
"""

from __future__ import annotations

import argparse
import random
import sys

from paperkg.graph import load
from paperkg.graph.provenance import sentences
from paperkg.graph.schema import Rel

ORIGIN = (Rel.PROPOSES.value, Rel.INTRODUCES.value)


def origin_sentence(kg, paper: str, names: list[str]) -> str:
    """The sentence where ``paper`` proposes or introduces one of ``names``."""
    for _, target, rel, attrs in kg.nx.out_edges(paper, keys=True, data=True):
        if rel in ORIGIN and kg.nx.nodes[target]["name"] in names:
            found = sentences(kg.nx.nodes[paper], attrs.get("spans", []), 1)
            if found:
                return found[0]
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", help="a graph file written by `paperkg build -o`")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    kg = load(args.graph)
    inferred = sorted((u, v, a) for u, v, _, a in kg.edges(Rel.CITES) if a.get("source") == "mention")
    print(f"{len(inferred)} inferred citations; {min(args.sample, len(inferred))} at random (seed {args.seed})\n")
    for i, (citing, cited, attrs) in enumerate(random.Random(args.seed).sample(inferred, min(args.sample, len(inferred)))):
        a, b = kg.nx.nodes[citing], kg.nx.nodes[cited]
        said = sentences(a, attrs.get("spans", []), 1)
        print(f"[{i + 1}] {a.get('title', citing)[:100]}\n    cites {b.get('title', cited)[:100]}"
              f"\n    names: {', '.join(attrs.get('evidence', []))}")
        print(f"    A: {(said or [''])[0][:300]}")
        print(f"    B: {origin_sentence(kg, cited, attrs.get('evidence', []))[:300]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
