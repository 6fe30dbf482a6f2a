"""A graph database file as an ``AdditionSource``: ``build --add -o graph.db`` reads only what the addition needs
and writes the difference in one transaction, instead of loading and rewriting the whole graph.

The writer keeps, beside the nodes, the keys an addition asks by in the ``lookups`` table (``lookup_rows``):
``entity``/``form`` keys of entities (``space<TAB>key``, as ``entity_keys`` and ``form_keys`` give them),
``identity``/``title`` keys of papers (``citations.paper_index``) and ``result`` keys of results. The corpus
order of papers is their row order (an upsert keeps a row's place), so "the first paper of the corpus" is what a
full build takes. The papers' texts are found through the full-text index, then checked as the in-memory source
checks them (the lower-cased analysed text contains the phrase).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Iterator

from paperkg.extractors.corpus import StrongTable
from paperkg.extractors.text import analysed_text
from paperkg.graph.build import paper_id
from paperkg.graph.database import Difference, GraphDatabase, is_database
from paperkg.graph.incremental import GraphDiff, Key, node_lookups, qualified, strong_table_of, unqualified
from paperkg.graph.known import shipped
from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph, paused_gc

_STRONG_RELS = (Rel.PROPOSES.value, Rel.MENTIONS.value, Rel.INTRODUCES.value, Rel.EVALUATES_ON.value)


def lookup_rows(kg: KnowledgeGraph, ids: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """The lookup rows of the nodes ``ids`` of ``kg`` (what ``write_graph`` stores for a later addition)."""
    known = shipped()
    for nid in ids:
        yield from node_lookups(kg, nid, known)


class SqliteSource:
    """Lookups answered by the graph file's tables; ``view`` holds what was fetched and, after the addition, the
    changes, which :meth:`apply` writes back in one transaction."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = GraphDatabase(self.path)
        self.view = KnowledgeGraph(meta=self.db.meta)
        self._fetched: dict[str, set[str]] = defaultdict(set)
        self.dropped: set = set()
        self._order: dict[str, int] = {}
        self._kept = bool(self.db.table("kept"))  # the tables of the last corpus pass (``kept_tables``)
        self._lines = bool(self._sql("SELECT 1 FROM lines LIMIT 1"))  # each paper's entities (``kept_lines``)

    @staticmethod
    def usable(path: str | Path) -> bool:
        """Whether ``path`` is a graph database with the lookup tables (files written before them are not)."""
        if not is_database(path):
            return False
        with GraphDatabase(path) as db:
            return db.has_table("lookups")

    def close(self) -> None:
        self.db.close()

    def _sql(self, query: str, params: Iterable = ()) -> list:
        return self.db.db.execute(query, list(params)).fetchall()

    # -- counts and order ------------------------------------------------------------------------
    def paper_count(self) -> int:
        return self._sql("SELECT count(DISTINCT id) FROM lookups WHERE kind = 'identity'")[0][0]

    def _rowids(self, pids: Iterable[str]) -> dict[str, int]:
        wanted = [p for p in dict.fromkeys(pids) if p not in self._order]
        for at in range(0, len(wanted), 900):
            batch = wanted[at:at + 900]
            self._order.update(self._sql(f"SELECT id, rowid FROM nodes WHERE id IN ({','.join('?' * len(batch))})",
                                         batch))
        return self._order

    def paper_order(self, pids: Iterable[str]) -> list[str]:
        pids = list(pids)
        order = self._rowids(pids)
        return sorted(pids, key=lambda p: order.get(p, float("inf")))  # papers not in the file: as given, last

    # -- the strong-name table -------------------------------------------------------------------
    def strong_table(self) -> StrongTable:
        """The table the last build kept (``tables``), or, in a file without it, the table over the papers'
        strong relations in corpus order (as ``MemorySource`` reads them)."""
        if self._kept:
            return StrongTable.from_rows(self.db.table("strong"), self.db.table("acronyms"))
        rows = self._sql(
            "SELECT r.source, r.target, json_extract(t.light, '$.name'), r.type, r.props FROM relations r "
            "JOIN nodes p ON p.id = r.source JOIN nodes t ON t.id = r.target "
            "WHERE r.type IN (?, ?, ?, ?) AND p.label = ? ORDER BY p.rowid, r.rowid",
            [*_STRONG_RELS, Label.PAPER.value])
        by_paper: dict[str, list] = defaultdict(list)
        for pid, target, name, rel, props in rows:
            by_paper[pid].append((target, name, rel, json.loads(props)))
        meta = self.view.meta
        papers = list(by_paper)
        if meta.get("blocked"):
            papers = self.paper_order(set(papers) | {f"paper:{k}" for k in meta["blocked"]})
        with paused_gc():
            return strong_table_of(((pid, by_paper.get(pid, ())) for pid in papers), meta)

    # -- lookups ------------------------------------------------------------------------------------
    def entities_with_keys(self, keys: Iterable[Key], forms_only: bool = False) -> dict[Key, set[str]]:
        found: dict[Key, set[str]] = defaultdict(set)
        for key, nid in self.db.lookup("form" if forms_only else "entity", map(qualified, keys)):
            found[unqualified(key)].add(nid)
        return dict(found)

    def papers_with_phrases(self, keys: Iterable[Key]) -> set[str]:
        return {nid for _, nid in self.db.lookup("phrase", map(qualified, keys))}

    def papers_containing(self, phrases: Iterable[str]) -> dict[str, set[str]]:
        phrases = {p.lower() for p in phrases if p}
        candidates = self.db.papers_containing(phrases)
        wordless = [p for p in phrases if not candidates.get(p)
                    and not any(ch.isalnum() for ch in p)]  # no word for the index to find: every paper
        ids = set().union(*candidates.values()) if candidates else set()
        if wordless:
            ids |= {n for (n,) in self._sql("SELECT id FROM lookups WHERE kind = 'identity'")}
        texts = {n: analysed_text(a.get("title") or "", a.get("abstract") or "").lower()
                 for n, a in self.db.nodes(ids).items()}
        found: dict[str, set[str]] = {}
        for phrase in phrases:
            pool = texts if phrase in wordless else {n: texts[n] for n in candidates.get(phrase, ()) if n in texts}
            hits = {n for n, text in pool.items() if phrase in text}
            if hits:
                found[phrase] = hits
        return found

    def papers_known_by(self, keys: Iterable[str], titles: bool) -> dict[str, str]:
        keys = list(dict.fromkeys(keys))
        rows = self.db.lookup("identity", keys)
        if titles:
            rows += self.db.lookup("title", [k for k in keys if k.startswith("title:")])
        order = self._rowids(n for _, n in rows)
        out: dict[str, str] = {}
        for key, nid in rows:
            if key not in out or order[nid] < order[out[key]]:
                out[key] = nid
        return out

    def has_title_references(self) -> bool:
        for (props,) in self._sql("SELECT props FROM relations WHERE type = ? AND props LIKE '%\"title:%'",
                                  [Rel.CITES.value]):
            data = json.loads(props)
            if any(rule == "reference" and str(text).startswith("title:")
                   for rule, text in zip(data.get("rules", ()), data.get("surface", ()))):
                return True
        return False

    def results_naming(self, keys: Iterable[Key]) -> set[str]:
        return {nid for _, nid in self.db.lookup("result", map(qualified, keys))}

    # -- fetching into the view ---------------------------------------------------------------------
    def _add_nodes(self, ids: Iterable[str]) -> None:
        missing = [n for n in dict.fromkeys(ids) if n not in self.view.nx and n not in self.dropped]
        if missing:
            self.view.nx.add_nodes_from(self.db.nodes(missing).items())

    def _add_relations(self, relations: list[tuple[str, str, str, dict[str, Any]]]) -> None:
        self._add_nodes(n for u, v, _, _ in relations for n in (u, v))
        graph = self.view.nx
        for u, v, k, props in relations:
            if not graph.has_edge(u, v, key=k) and not {u, v, (u, v, k)} & self.dropped:
                graph.add_edge(u, v, key=k, **props, type=k)

    def fetch(self, *, entities=(), papers=(), nodes=(), cited=()) -> None:
        entities = set(entities) - self._fetched["entities"]
        papers = set(papers) - self._fetched["papers"]
        nodes = {n for n in nodes if n not in self._fetched["nodes"] and n not in self.view.nx}
        cited = set(cited) - self._fetched["cited"]
        for kind, ids in (("entities", entities), ("papers", papers), ("nodes", nodes), ("cited", cited)):
            self._fetched[kind] |= ids
        self._add_nodes(nodes | entities | papers)
        if entities:
            self._add_relations([r for r in self.db.relations(entities, direction="in")
                                 if r[0].startswith("paper:")])
        if papers:
            self._add_relations(self.db.relations(papers, direction="out"))
            self._add_relations(self.db.relations(papers, rels=[Rel.WROTE.value], direction="in"))
            results = {v for u, v, k, _ in self.db.relations(papers, rels=[Rel.HAS_RESULT.value], direction="out",
                                                             props=False)}
            if results:
                self._add_relations(self.db.relations(results, direction="out"))
        if cited:
            self._add_relations(self.db.relations(cited, rels=[Rel.CITES.value], direction="in"))

    # -- writing the difference ---------------------------------------------------------------------
    def matched_counts(self) -> dict[str, int] | None:
        return self.db.table("matched") if self._kept else None

    def kept_entities(self, pids: Iterable[str]) -> dict[str, list[dict]] | None:
        """Paper id -> its entities as the last build resolved them (``kg.kept_lines``); ``None`` in a file
        written before the lines were kept."""
        if not self._lines:
            return None
        kept = self.db.lines(pid.split(":", 1)[1] for pid in pids)
        return {paper_id(key): line.get("entities") or [] for key, line in kept.items()}

    def apply(self, diff: GraphDiff) -> None:
        """Write ``diff`` into the file in one transaction (all of it or, killed or failing, none)."""
        known = shipped()
        change = Difference(
            nodes=diff.upsert_nodes,
            relations=[(u, v, k, a) for (u, v, k), a in diff.upsert_relations.items()],
            deleted_nodes=sorted(diff.delete_nodes),
            deleted_relations=sorted(diff.delete_relations),
            meta=diff.meta,
            lines=diff.kept_lines if self._lines else [],
            tables=diff.table_rows() if self._kept else {},  # a file that keeps none stays so
            lookups=[row for nid in diff.upsert_nodes for row in node_lookups(self.view, nid, known)])
        self.db.close()
        with GraphDatabase(self.path, writable=True) as db:
            db.apply(change)
        self.db = GraphDatabase(self.path)
        self._order = {}
