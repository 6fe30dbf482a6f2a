"""Claims one graph keeps as PROPOSES and another demotes to MENTIONS: how many, why (``prior``), and a seeded
sample of them (with the paper's title) to judge by reading.

    .venv/bin/python benchmarks/relation_changes.py OLD.json NEW.json --sample 40

The sample holds names and titles from the corpus: keep what you write from it out of the repository.
"""

from __future__ import annotations

import argparse
import random
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    from paperkg.graph import load

    old = load(args.old).nx
    proposed = {(u, v) for u, v, k in old.edges(keys=True) if k == "PROPOSES"}
    del old
    new = load(args.new).nx
    down = [(u, v, d) for u, v, k, d in new.edges(keys=True, data=True)  # in the graph's order: the sample is
            if k == "MENTIONS" and (u, v) in proposed]                     # the same for the same two files
    up = sum(1 for u, v, k in new.edges(keys=True) if k == "PROPOSES" and (u, v) not in proposed)
    listed = sum(d.get("prior") == "gazetteer" for *_, d in down)
    print(f"PROPOSES -> MENTIONS: {len(down)} ({listed} existed before, {len(down) - listed} named by an older "
          f"paper); new PROPOSES: {up}")
    for u, v, d in random.Random(args.seed).sample(down, min(args.sample, len(down))):
        print(new.nodes[v]["name"], "|", d.get("names"), "| prior", d.get("prior"), "|", new.nodes[u].get("title", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
