"""PROPOSES edges a reader of the field would doubt: methods proposed before the corpus (2025-26) that a paper of
it is said to propose.

Two lists, from one graph file:

- ``prior``: the method is one ``prior_methods.txt`` lists (written down as older than the corpora), yet a
  paper PROPOSES it: every row is wrong (the build lets none through).
- ``listed``: a method the shipped gazetteers list (or a size variant of a listed family:
  ``known.existed_before``) that a paper PROPOSES: the build lets a claim through only where the paper's title
  is the name and no paper naming it is older: the model's own report (Wan, InternVL3) or another method
  given a listed name (Atlas, Voyager); judge by reading.
- ``widely named``: unlisted methods that at least ``--min-papers`` papers name and some paper proposes, most
  named first, with the proposers' dates and the oldest paper naming it: for a reader to judge (a 2025 model
  such as DeepSeek-R1 may well be proposed in the corpus and named by hundreds later).

    .venv/bin/python benchmarks/prior_proposals.py /work/graphs/h15m/after.db
    .venv/bin/python benchmarks/prior_proposals.py GRAPH --names LoRA "3D Gaussian Splatting" DPO

``--names`` prints ``who-proposes`` for each name as well. Exits 1 when ``prior`` is not empty.
"""

from __future__ import annotations

import argparse
import sys


def proposals(kg) -> dict[str, list[str]]:
    """Method id -> the papers that PROPOSE it."""
    found: dict[str, list[str]] = {}
    for paper, method, rel, _ in kg.edges("PROPOSES"):
        if kg.nx.nodes[method].get("label") == "Method":
            found.setdefault(method, []).append(paper)
    return found


def listed_proposals(kg, known, proposed: dict[str, list[str]]) -> tuple[list[tuple], list[tuple]]:
    """``(id, name, proposers)`` of the proposed methods that existed before the corpus by the shipped lists:
    those ``prior_methods.txt`` alone lists, and those a gazetteer lists."""
    prior, listed = [], []
    for method, papers in sorted(proposed.items()):
        forms = _long_forms(kg.nx.nodes[method])
        if known.prior_only("method", kg.nx.nodes[method]["name"]):  # what the build reads: the node's name
            prior.append((method, kg.nx.nodes[method]["name"], sorted(papers)))
        elif any(known.existed_before("method", f) for f in forms):
            listed.append((method, kg.nx.nodes[method]["name"], sorted(papers)))
    return prior, listed


def _long_forms(attrs: dict) -> list[str]:
    """The node's name and its aliases that are no bare acronym (another paper's 'SAE' may be a new method)."""
    from paperkg.graph.names import is_acronym

    return [f for f in dict.fromkeys([attrs["name"], *attrs.get("aliases", ())]) if not is_acronym(f)]


def widely_named(kg, proposed: dict[str, list[str]], min_papers: int, skip: set[str]) -> list[tuple]:
    """``(papers, id, name, proposers, oldest namer)`` of the other proposed methods named by many papers."""
    from paperkg.graph.citations import when

    rows = []
    for method, proposers in proposed.items():
        attrs = kg.nx.nodes[method]
        papers = attrs.get("papers", ())
        if method in skip or len(papers) < min_papers:
            continue
        oldest = min(((when(kg.nx.nodes[p]) or "", p) for p in papers if p in kg.nx), default=("", ""))
        rows.append((len(papers), method, attrs["name"], sorted(proposers), oldest))
    return sorted(rows, key=lambda r: (-r[0], r[1]))


def _dated(kg, paper: str) -> str:
    from paperkg.graph.citations import when

    attrs = kg.nx.nodes[paper]
    return f"{paper.removeprefix('paper:')} ({when(attrs) or 'undated'}) \"{attrs.get('title', '')[:70]}\""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph")
    parser.add_argument("--min-papers", type=int, default=20, help="named by at least this many papers (20)")
    parser.add_argument("--limit", type=int, default=40, help="rows of the 'widely named' list (40)")
    parser.add_argument("--names", nargs="*", default=(), help="methods to run who-proposes on")
    args = parser.parse_args(argv)

    from paperkg.graph.known import shipped
    from paperkg.graph.store import load
    from paperkg.queries import run

    kg = load(args.graph, convert=False)
    proposed = proposals(kg)
    prior, listed = listed_proposals(kg, shipped(), proposed)
    print(f"methods prior_methods.txt lists that a paper of the corpus PROPOSES: {len(prior)}")
    for method, name, papers in prior:
        print(f"  {name} [{method}]: " + ", ".join(_dated(kg, p) for p in papers))
    print(f"\ngazetteer methods a paper titled with the name PROPOSES (its own report, or another method of that "
          f"name; judge by reading): {len(listed)}")
    for method, name, papers in listed:
        print(f"  {name} [{method}]: " + ", ".join(_dated(kg, p) for p in papers))
    wide = widely_named(kg, proposed, args.min_papers, {m for m, _, _ in prior + listed})
    print(f"\nunlisted methods named by >= {args.min_papers} papers that a paper PROPOSES: {len(wide)} "
          f"(first {min(len(wide), args.limit)}; judge by reading)")
    for n, method, name, papers, (oldest_date, oldest) in wide[:args.limit]:
        print(f"  {n:5d}  {name}: proposed by " + ", ".join(_dated(kg, p) for p in papers[:3])
              + (f" (+{len(papers) - 3})" if len(papers) > 3 else "")
              + f"; oldest namer {oldest_date or 'undated'}")
    for name in args.names:
        found = kg.find(name, "Method")
        rows = [r for node in found for r in run("who-proposes", kg, method=node)]
        print(f"\nwho-proposes {name}: {len(rows)} paper(s)" + "".join(
            f"\n  {r['paper'].removeprefix('paper:')} {r.get('date') or ''} {r['title']}" for r in rows))
    return 1 if prior else 0


if __name__ == "__main__":
    sys.exit(main())
