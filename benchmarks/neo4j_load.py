"""Load rate of ``write_graph`` (UNWIND batches in managed transactions) against a plain per-row loop.

The per-row loop is what a first attempt looks like: one auto-committed ``MERGE`` query per node, then one per
relation, same Cypher shape, same constraints. It runs on a random sample of the graph (``--sample`` relations and
their end nodes, fixed seed) and its node and relation rates are extrapolated to the whole graph; the batched
writer loads the whole graph. Both start from an empty database on the same server: ArcadeDB's Bolt server in a
child process (tests/bolt_server.py) unless ``--uri`` names one (which this script EMPTIES of paperkg's nodes).
Besides wall time it reports CPU seconds of this process and of a local server: on a shared machine they show
the cost of a load even when wall time waits for a core.

    .venv/bin/paperkg build ../shared/data/arxiv-daily-cs/arxiv_daily_2025_2026.jsonl.gz -o /tmp/arxiv.json
    .venv/bin/python benchmarks/neo4j_load.py --graph /tmp/arxiv.json --json benchmarks/neo4j_load.json
    .venv/bin/python benchmarks/neo4j_load.py --graph graph.json --limit 500 --sample 300      # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
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


class Clock:
    """Wall time, and CPU seconds of this process and of the server process (when it is local), for one phase.

    The machine may be shared: CPU seconds show the cost of a load even when wall time waits for a core.
    """

    def __init__(self, server_pid: int | None):
        self.server_pid = server_pid

    def _server_cpu(self) -> float:
        if self.server_pid is None:
            return 0.0
        fields = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __enter__(self):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self._start = (time.perf_counter(), usage.ru_utime + usage.ru_stime, self._server_cpu())
        return self

    def __exit__(self, *exc):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        wall, client, server = self._start
        self.wall = time.perf_counter() - wall
        self.client_cpu = usage.ru_utime + usage.ru_stime - client
        self.server_cpu = self._server_cpu() - server

    def figures(self) -> dict:
        return {"seconds": round(self.wall, 2), "client_cpu_s": round(self.client_cpu, 2),
                "server_cpu_s": round(self.server_cpu, 2) if self.server_pid else None}


def first_papers(kg: KnowledgeGraph, limit: int) -> KnowledgeGraph:
    """The first ``limit`` papers (file order), every node next to one of them, and the relations among these."""
    papers = [node for node, _ in kg.nodes("Paper")][:limit]
    keep = set(papers)
    for paper in papers:
        keep.update(kg.nx.predecessors(paper))
        keep.update(kg.nx.successors(paper))
    keep.update(r for node in list(keep) if node.startswith("result:") for r in kg.nx.successors(node))
    return KnowledgeGraph(kg.nx.subgraph(keep).copy(), meta=kg.meta)


def sample_graph(kg: KnowledgeGraph, relations: int, seed: int = 7) -> KnowledgeGraph:
    """``relations`` random relations with their end nodes (about as many nodes per relation as the whole graph)."""
    rng = random.Random(seed)
    edges = rng.sample(sorted(kg.nx.edges(keys=True)), min(relations, kg.nx.number_of_edges()))
    return KnowledgeGraph(kg.nx.edge_subgraph(edges).copy())


def per_row_load(kg: KnowledgeGraph, driver, database, server_pid=None) -> tuple[Clock, Clock]:
    """One auto-committed MERGE per node, then one per relation: the clocks of both phases."""
    nodes, relations = node_rows(kg), relation_rows(kg)
    with driver.session(database=database) as session:
        with Clock(server_pid) as node_clock:
            for label, rows in nodes.items():
                query = f"MERGE (n:{_label(label)} {{id: $id}}) SET n = $props"
                for row in rows:
                    session.run(query, id=row["id"], props=row).consume()
        with Clock(server_pid) as rel_clock:
            for (rel, source, target), rows in relations.items():
                query = (f"MATCH (a:{_label(source)} {{id: $source}}) MATCH (b:{_label(target)} {{id: $target}}) "
                         f"MERGE (a)-[e:{_rel(rel)}]->(b) SET e = $props")
                for row in rows:
                    session.run(query, source=row["source"], target=row["target"], props=row["props"]).consume()
    return node_clock, rel_clock


def run(kg: KnowledgeGraph, driver, database, sample: int, batch_size: int, server_pid: int | None = None) -> dict:
    n_nodes, n_rels = kg.nx.number_of_nodes(), kg.nx.number_of_edges()
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    say(f"graph: {n_nodes:,} nodes, {n_rels:,} relations")

    clear_graph(driver, database)
    ensure_schema(driver, database)
    warm = sample_graph(kg, min(300, sample), seed=1)  # warm the server's JIT for both ways of loading
    per_row_load(warm, driver, database)
    clear_graph(driver, database)
    write_graph(warm, driver, database, batch_size=batch_size)
    clear_graph(driver, database)

    small = sample_graph(kg, sample)
    s_nodes, s_rels = small.nx.number_of_nodes(), small.nx.number_of_edges()
    node_clock, rel_clock = per_row_load(small, driver, database, server_pid)
    node_rate, rel_rate = s_nodes / node_clock.wall, s_rels / rel_clock.wall
    row_seconds = n_nodes / node_rate + n_rels / rel_rate
    row_cpu = (n_nodes * (node_clock.client_cpu + node_clock.server_cpu) / s_nodes
               + n_rels * (rel_clock.client_cpu + rel_clock.server_cpu) / s_rels)
    say(f"per-row loop on a sample: {s_nodes:,} nodes at {node_rate:,.0f}/s, {s_rels:,} relations at "
        f"{rel_rate:,.0f}/s -> whole graph about {row_seconds:,.0f} s")

    clear_graph(driver, database)
    marks: dict[str, float] = {}
    started = time.perf_counter()
    with Clock(server_pid) as batch_clock:
        summary = write_graph(kg, driver, database, batch_size=batch_size,
                              progress=lambda phase, done, total: marks.__setitem__(phase, time.perf_counter()))
    node_seconds = marks.get("nodes", started) - started
    rel_seconds = batch_clock.wall - node_seconds
    say(f"write_graph: {summary.nodes:,} nodes at {summary.nodes / node_seconds:,.0f}/s, {summary.relations:,} "
        f"relations at {summary.relations / rel_seconds:,.0f}/s: {batch_clock.wall:,.1f} s")
    with Clock(server_pid) as again_clock:
        again = write_graph(kg, driver, database, batch_size=batch_size)
    say(f"second write_graph: {again_clock.wall:.1f} s, created {again.nodes_created + again.relations_created}")

    batch_cpu = batch_clock.client_cpu + batch_clock.server_cpu
    return {
        "graph": {"nodes": n_nodes, "relations": n_rels},
        "batched": {"batch_size": batch_size, **batch_clock.figures(),
                    "nodes_per_s": round(summary.nodes / node_seconds),
                    "relations_per_s": round(summary.relations / rel_seconds),
                    "second_write": {**again_clock.figures(),
                                     "created": again.nodes_created + again.relations_created}},
        "per_row_sample": {"nodes": s_nodes, "relations": s_rels,
                           "nodes_per_s": round(node_rate), "relations_per_s": round(rel_rate),
                           "node_phase": node_clock.figures(), "relation_phase": rel_clock.figures()},
        "per_row_whole_graph_extrapolated": {"seconds": round(row_seconds),
                                             "cpu_s": round(row_cpu) if server_pid else None},
        "speedup_wall": round(row_seconds / batch_clock.wall, 1),
        "speedup_cpu": round(row_cpu / batch_cpu, 1) if server_pid else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog=__doc__.split("\n\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", required=True, help="a graph file written by `paperkg build -o`")
    parser.add_argument("--limit", type=int, help="load only the first N papers of the graph and their neighbours")
    parser.add_argument("--sample", type=int, default=2000,
                        help="relations in the per-row sample, with their end nodes (default 2000)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--uri", help="an existing Bolt server (paperkg's nodes there are DELETED)")
    parser.add_argument("--username", default="neo4j")
    parser.add_argument("--password")
    parser.add_argument("--database")
    args = parser.parse_args(argv)

    kg = load(args.graph)
    if args.limit:
        kg = first_papers(kg, args.limit)
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
                    figures = run(kg, driver, server.database, args.sample, args.batch_size, server.process.pid)
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
