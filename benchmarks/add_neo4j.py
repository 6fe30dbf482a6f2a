"""``build --add`` of 3 papers on the Neo4j backend (ArcadeDB's Bolt server), on the 75k base graph of
``benchmarks/add_speed.py``, with no read-back: what the server was asked (statements, rows) and how long it took,
timed as a user runs it (``paperkg build NEW --add --backend neo4j``, a new process: wall, CPU, peak RSS).

    .venv/bin/python benchmarks/add_speed.py prepare && .venv/bin/python benchmarks/add_speed.py run --only 3
    .venv/bin/python benchmarks/add_neo4j.py            # writes base.db to a fresh ArcadeDB, adds add3.jsonl

Then the graph is read back (only here, to check) and compared with ``full3.db``, the whole build of the same inputs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from add_speed import PAPERKG, timed  # noqa: E402  (the same timing as the file additions)


def differences(added, full) -> dict:
    """Where the graph after the addition and the whole build differ (the first ids of each kind)."""
    nodes_a, nodes_f = set(added.nx.nodes), set(full.nx.nodes)
    edges_a, edges_f = set(added.nx.edges(keys=True)), set(full.nx.edges(keys=True))
    return {"nodes only added": sorted(nodes_a - nodes_f)[:10], "nodes only full": sorted(nodes_f - nodes_a)[:10],
            "nodes differing": sorted(n for n in nodes_a & nodes_f if added.nx.nodes[n] != full.nx.nodes[n])[:10],
            "relations only added": [list(e) for e in sorted(edges_a - edges_f)[:10]],
            "relations only full": [list(e) for e in sorted(edges_f - edges_a)[:10]],
            "relations differing": [list(e) for e in sorted(e for e in edges_a & edges_f
                                                            if added.nx.edges[e] != full.nx.edges[e])[:10]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/work/graphs/add"))
    parser.add_argument("--new", default="add3.jsonl")
    parser.add_argument("--full", default="full3.db")
    args = parser.parse_args()

    from paperkg.graph import load
    from paperkg.graph.database import GraphDatabase
    from paperkg.graph.neo4j_backend import read_graph, write_graph
    from tests.bolt_server import arcadedb_server

    out = {}
    with tempfile.TemporaryDirectory(prefix="paperkg-add-neo4j-", dir=args.work) as tmp:
        server = arcadedb_server(Path(tmp))
        try:
            driver = server.driver()
            base = load(args.work / "base.db")
            with GraphDatabase(args.work / "base.db") as db:  # what a build sends beside the graph
                base.kept_lines = list(db.lines().values())
                base.tables = {name: db.table(name) for (name,) in db.db.execute("SELECT DISTINCT name FROM tables")}
            t = time.perf_counter()
            write_graph(base, driver, database=server.database)
            out["write_base_s"] = round(time.perf_counter() - t, 1)
            del base
            argv = [PAPERKG, "build", str(args.work / args.new), "--add", "--backend", "neo4j", "--uri", server.uri,
                    "--username", server.auth[0]] + (["--database", server.database] if server.database else [])
            out["add"] = timed(argv, args.work / "add_neo4j.log", env={**os.environ, "NEO4J_PASSWORD": server.auth[1]})
            print(json.dumps(out, indent=1), flush=True)
            t = time.perf_counter()
            back = read_graph(driver, database=server.database)
            out["read_back_to_check_s"] = round(time.perf_counter() - t, 1)
            full = load(args.work / args.full)
            out["equal_to_full_build"] = back == full
            if back != full:
                out["differences"] = differences(back, full)
            driver.close()
        finally:
            server.stop()
    print(json.dumps(out, indent=1))
    (args.work / "add_neo4j.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
