"""Time every catalogue query once on a loaded graph (target: under 1 s each on the 75k arXiv graph).

    .venv/bin/paperkg build ../shared/data/arxiv-daily-cs/arxiv_daily_2025_2026.jsonl.gz -o arxiv.json
    .venv/bin/python benchmarks/query_speed.py arxiv.json [--json]
    .venv/bin/python benchmarks/query_speed.py --input ../shared/data/arxiv-daily-cs/arxiv_daily_2025_2026.jsonl.gz \
        --limit 5000        # builds a graph of the first 5,000 records first (not timed)

Arguments are picked from the graph itself (the most used dataset and method, the paper with the most
citations...), so the figures are for the heavy cases, not the easy ones. Queries run through
``paperkg.queries.run`` with their default ``--limit``, as ``paperkg query`` runs them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET = 1.0


def pick_cases(kg) -> list[tuple[str, dict]]:
    """One heavy, realistic call per query."""
    from paperkg.graph.schema import Label, Rel
    from paperkg.queries import run

    data = run("top-datasets", kg, limit=1)[0]["id"]
    method = run("top-methods", kg, limit=1)[0]["id"]
    cited = Counter(v for _, v, _, _ in kg.edges(Rel.CITES))
    citing = Counter(u for u, _, _, _ in kg.edges(Rel.CITES))
    paper = max(citing, key=lambda p: (citing[p] + cited[p], p)) if citing else next(iter(kg.nodes(Label.PAPER)))[0]
    proposed = Counter(v for _, v, _, _ in kg.edges(Rel.PROPOSES)).most_common(1)[0][0]
    users = Counter(u for u, _, _, _ in kg.edges(Rel.EVALUATES_ON))
    busy = max(users, key=lambda p: (users[p], p))
    coded = next(u for u, _, _, _ in kg.edges(Rel.HAS_CODE))
    far = max(cited, key=lambda p: (cited[p], p)) if cited else busy
    return [
        ("shared-datasets", {}), ("shared-datasets", {"min_shared": 1}),
        ("papers-using", {"dataset": data}), ("datasets-of", {"paper": busy}), ("methods-on", {"dataset": data}),
        ("who-proposes", {"method": proposed}), ("mentions-of", {"method": method}),
        ("top-datasets", {}), ("top-methods", {}), ("top-tasks", {}), ("co-used-datasets", {}),
        ("related", {"paper": busy}), ("related", {"paper": busy, "score": "jaccard"}),
        ("code-of", {"paper": coded}), ("papers-with-code", {}), ("citations", {"paper": paper}),
        ("influential", {}), ("path", {"source": busy, "target": far}), ("path", {"source": data, "target": coded}),
        ("communities", {}), ("search", {"text": "diffusion"}), ("trend", {"name": method}),
        ("top-methods", {"since": "2025-06", "category": "cs.CV"}),
    ]


def build_first(path: str, limit: int) -> str:
    """A graph file built from the first ``limit`` lines (0 = all) of a JSON Lines input."""
    import gzip
    import itertools
    import tempfile

    from paperkg.pipeline import build

    tmp = Path(tempfile.mkdtemp(prefix="paperkg-query-speed-"))
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as src, open(tmp / "input.jsonl", "w", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, limit or None))
    build([str(tmp / "input.jsonl")], output=tmp / "graph.json")
    return str(tmp / "graph.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", help="graph file written by paperkg build")
    parser.add_argument("--input", help="build the graph from this JSON Lines file (.gz too) instead")
    parser.add_argument("--limit", type=int, default=0, help="with --input: only its first N records")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if bool(args.graph) == bool(args.input):
        parser.error("give a graph file or --input")

    from paperkg.graph import load
    from paperkg.queries import run

    if args.input:
        args.graph = build_first(args.input, args.limit)

    start = time.perf_counter()
    kg = load(args.graph)
    load_time = time.perf_counter() - start
    counts = kg.counts()["nodes"]
    start = time.perf_counter()
    kg.find("")  # the store's name index, built by the first lookup of a name (any query given a name pays it once)
    index_time = time.perf_counter() - start
    figures = {"graph": args.graph, "load_seconds": round(load_time, 2), "name_index_seconds": round(index_time, 2),
               "nodes": kg.nx.number_of_nodes(), "relations": kg.nx.number_of_edges(),
               "papers": counts.get("Paper", 0), "queries": []}
    if not args.json:
        print(f"loaded {args.graph}: {figures['nodes']:,} nodes, {figures['relations']:,} relations, "
              f"{figures['papers']:,} papers in {load_time:.1f} s; name index (first name lookup) {index_time:.2f} s")
    for name, values in pick_cases(kg):
        start = time.perf_counter()
        rows = run(name, kg, **values)
        seconds = time.perf_counter() - start
        figures["queries"].append({"query": name, "args": values, "seconds": round(seconds, 3), "rows": len(rows),
                                   "under_target": seconds < TARGET})
        if not args.json:
            flag = "" if seconds < TARGET else "   over 1 s"
            shown = " ".join(f"{k}={v}" for k, v in values.items())
            print(f"{seconds:8.3f} s  {len(rows):5d} rows  {name} {shown}{flag}")
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
