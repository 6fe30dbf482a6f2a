"""Load rate of ``write_graph`` (UNWIND batches in managed transactions) against a plain per-row loop.

The per-row loop is what a first attempt looks like: one auto-committed ``MERGE`` query per node, then one per
relation, same Cypher shape, same constraints. It runs on a random sample of the graph (``--sample`` nodes and the
relations among them, fixed seed) and its rate is extrapolated to the whole graph; the batched writer loads the
whole graph. Both start from an empty database on the same server: ArcadeDB's Bolt server in a child process
(tests/bolt_server.py) unless ``--uri`` names one (which this script EMPTIES of paperkg's nodes).

    .venv/bin/paperkg build ../shared/data/arxiv-daily-cs/arxiv_daily_2025_2026.jsonl.gz -o /tmp/arxiv.json
    .venv/bin/python benchmarks/neo4j_load.py --graph /tmp/arxiv.json --json benchmarks/neo4j_load.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from paperkg.graph import load  # noqa: E402
from paperkg.graph.neo4j_backend import (  # noqa: E402
    DEFAULT_BATCH_SIZE, _label, _rel, clear_graph, ensure_schema, node_rows, relation_rows, write_graph,
)
from paperkg.graph.store import KnowledgeGraph  # noqa: E402
from paperkg.io import atomic_write  # noqa: E402


def sample_graph(kg: KnowledgeGraph, nodes: int, seed: int = 7) -> KnowledgeGraph:
    """``nodes`` random nodes and every relation between two of them."""
    rng = random.Random(seed)
    keep = set(rng.sample(sorted(kg.nx.nodes), min(nodes, kg.nx.number_of_nodes())))
    return KnowledgeGraph(kg.nx.subgraph(keep).copy())


def per_row_load(kg: KnowledgeGraph, driver, database) -> tuple[int, int, float]:
    """One auto-committed MERGE per node and per relation; returns (nodes, relations, seconds)."""
    nodes, relations = node_rows(kg), relation_rows(kg)
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for label, rows in nodes.items():
            query = f"MERGE (n:{_label(label)} {{id: $id}}) SET n = $props"
            for row in rows:
                session.run(query, id=row["id"], props=row).consume()
        for (rel, source, target), rows in relations.items():
            query = (f"MATCH (a:{_label(source)} {{id: $source}}) MATCH (b:{_label(target)} {{id: $target}}) "
                     f"MERGE (a)-[e:{_rel(rel)}]->(b) SET e = $props")
            for row in rows:
                session.run(query, source=row["source"], target=row["target"], props=row["props"]).consume()
    return sum(map(len, nodes.values())), sum(map(len, relations.values())), time.perf_counter() - started


def run(kg: KnowledgeGraph, driver, database, sample: int, batch_size: int) -> dict:
    n_nodes, n_rels = kg.nx.number_of_nodes(), kg.nx.number_of_edges()
    print(f"graph: {n_nodes:,} nodes, {n_rels:,} relations", file=sys.stderr)

    clear_graph(driver, database)
    ensure_schema(driver, database)
    small = sample_graph(kg, sample)
    s_nodes, s_rels, s_seconds = per_row_load(small, driver, database)
    row_rate = (s_nodes + s_rels) / s_seconds
    print(f"per-row loop: {s_nodes:,} nodes + {s_rels:,} relations in {s_seconds:.1f} s "
          f"= {row_rate:,.0f} rows/s", file=sys.stderr)

    clear_graph(driver, database)
    summary = write_graph(kg, driver, database, batch_size=batch_size)
    batch_rate = (summary.nodes + summary.relations) / summary.seconds
    print(f"write_graph: {summary.nodes:,} nodes + {summary.relations:,} relations in {summary.seconds:.1f} s "
          f"= {batch_rate:,.0f} rows/s", file=sys.stderr)
    again = write_graph(kg, driver, database, batch_size=batch_size)
    print(f"second write_graph (MERGE, nothing new): {again.seconds:.1f} s, created "
          f"{again.nodes_created} nodes and {again.relations_created} relations", file=sys.stderr)
    return {
        "graph": {"nodes": n_nodes, "relations": n_rels},
        "batched": {"batch_size": batch_size, "seconds": round(summary.seconds, 2),
                    "rows_per_s": round(batch_rate), "second_write_seconds": round(again.seconds, 2),
                    "second_write_created": again.nodes_created + again.relations_created},
        "per_row": {"sample_nodes": s_nodes, "sample_relations": s_rels, "seconds": round(s_seconds, 2),
                    "rows_per_s": round(row_rate),
                    "extrapolated_seconds_whole_graph": round((n_nodes + n_rels) / row_rate)},
        "speedup": round(batch_rate / row_rate, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog=__doc__.split("\n\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", required=True, help="a graph file written by `paperkg build -o`")
    parser.add_argument("--sample", type=int, default=3000, help="nodes in the per-row sample (default 3000)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--uri", help="an existing Bolt server (paperkg's nodes there are DELETED)")
    parser.add_argument("--username", default="neo4j")
    parser.add_argument("--password")
    parser.add_argument("--database")
    args = parser.parse_args(argv)

    kg = load(args.graph)
    if args.uri:
        import neo4j

        with neo4j.GraphDatabase.driver(args.uri, auth=(args.username, args.password)) as driver:
            figures = run(kg, driver, args.database, args.sample, args.batch_size)
        figures["server"] = args.uri
    else:
        from tests.bolt_server import arcadedb_server

        with tempfile.TemporaryDirectory(prefix="paperkg-bench-") as tmp:
            server = arcadedb_server(Path(tmp))
            try:
                with server.driver() as driver:
                    figures = run(kg, driver, server.database, args.sample, args.batch_size)
            finally:
                server.stop()
        figures["server"] = "ArcadeDB Bolt (arcadedb-embedded, child process)"
    print(json.dumps(figures, indent=1))
    if args.json:
        with atomic_write(args.json) as fh:
            json.dump(figures, fh, indent=1)
            fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
