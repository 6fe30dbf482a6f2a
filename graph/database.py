"""The graph file: an indexed SQLite database (stdlib ``sqlite3``), so a command reads only what it asks for.

Tables: ``nodes`` (id, label, the attributes as JSON, and a ``light`` JSON without the long texts and
lists), ``relations`` (source, target, type, properties as JSON; indexed from both ends), ``names`` (the
lookup keys of every name, title and alias: ``find`` is an index query), ``texts`` (each paper's title
and abstract, FTS5 when the SQLite has it), ``lines`` (extraction lines an incremental build keeps),
``tables`` (named key -> JSON tables an incremental build keeps, such as strong names and acronyms) and
``meta`` (``kg.meta``, the format and schema versions).

A whole build writes a new file beside the old one and renames it over (:func:`write_graph`): a build that
fails or is killed (SIGKILL too) leaves the previous file as it was, and a reader that has it open goes on
reading the old one. A difference (:meth:`GraphDatabase.apply`, for ``build --add``) is one SQLite
transaction in the file itself (rollback journal): it is applied whole or not at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from paperkg import __version__
from paperkg.errors import PaperkgError
from paperkg.graph.schema import SCHEMA_VERSION, Label

#: First bytes of every SQLite 3 file: how a graph file is told from the previous JSON format.
SQLITE_HEADER = b"SQLite format 3\x00"
FILE_FORMAT = "paperkg-graph"
#: Node attributes left out of ``light`` (long texts and lists no corpus-wide query reads).
HEAVY_ATTRIBUTES = frozenset({"abstract", "papers", "authors", "sources", "surface_forms", "project_pages",
                              "task_phrases", "task_phrase_details"})
#: Page cache of a whole-graph write, in KiB: building the indexes sorts in it (measured at 75k papers: 32.4 s
#: CPU to save against 39.9 s with SQLite's default 2 MB, 46 MB more peak).
WRITE_CACHE_KB = 131_072
#: Most ids in one ``IN (...)`` list (SQLite's default limit on parameters is 32,766 and more).
BATCH = 900

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes (id TEXT PRIMARY KEY, label TEXT NOT NULL, attrs TEXT NOT NULL, light TEXT NOT NULL);
CREATE TABLE relations (source TEXT NOT NULL, target TEXT NOT NULL, type TEXT NOT NULL, props TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE lines (key TEXT PRIMARY KEY, line TEXT NOT NULL);
CREATE TABLE tables (name TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (name, key));
CREATE TABLE lookups (kind TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX nodes_label ON nodes (label);
CREATE UNIQUE INDEX relations_out ON relations (source, type, target);
CREATE INDEX relations_in ON relations (target, type, source);
CREATE INDEX relations_type ON relations (type);
CREATE INDEX names_key ON names (key);
CREATE INDEX names_id ON names (id);
CREATE INDEX lookups_key ON lookups (kind, key);
CREATE INDEX lookups_id ON lookups (id);
"""
_FTS_TEXTS = "CREATE VIRTUAL TABLE texts USING fts5(id UNINDEXED, text)"
_PLAIN_TEXTS = "CREATE TABLE texts (id TEXT NOT NULL, text TEXT NOT NULL)"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def is_database(path: str | os.PathLike) -> bool:
    """Whether ``path`` is an SQLite file (by its first bytes, whatever its name)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except (FileNotFoundError, IsADirectoryError):
        return False


def fts5_available() -> bool:
    """Whether this Python's SQLite has the FTS5 full-text index (the paper texts then use it)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        try:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        except sqlite3.OperationalError:
            return False
    return True


def node_light(attrs: dict[str, Any]) -> dict[str, Any]:
    """A node's attributes without the long ones (:data:`HEAVY_ATTRIBUTES`)."""
    return {k: v for k, v in attrs.items() if k not in HEAVY_ATTRIBUTES}


def name_rows(node_id: str, attrs: dict[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """``(lookup key, id, label, text)`` of a node's name, title and aliases (one row per distinct key)."""
    from paperkg.graph.store import lookup_key

    seen: set[str] = set()
    label = attrs.get("label", "")
    for text in (attrs.get("name"), attrs.get("title"), *attrs.get("aliases", ())):
        if text:
            key = lookup_key(text)
            if key not in seen:
                seen.add(key)
                yield key, node_id, label, text


def paper_text(attrs: dict[str, Any]) -> str | None:
    """The text of a paper that the text index holds (title and abstract), ``None`` for other nodes."""
    if attrs.get("label") != str(Label.PAPER) or attrs.get("stub"):
        return None
    return "\n".join(t for t in (attrs.get("title"), attrs.get("abstract")) if t)


# -- whole graphs ---------------------------------------------------------------------------------
def write_graph(kg, path: str | os.PathLike, lines: Iterable[dict] | None = None) -> None:
    """Write ``kg`` (and the extraction ``lines`` to keep, by key) as a new database renamed over ``path``.

    One file written aside then one rename: until the rename ``path`` is the previous graph, byte for byte,
    whatever happens to this process (SIGKILL included; the partial file is a hidden ``.NAME.*.tmp``)."""
    from paperkg.io import atomic_path

    with atomic_path(path) as tmp:
        with contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as db:
            db.execute("PRAGMA journal_mode=OFF")  # a fresh file nobody reads yet: the rename is the commit
            db.execute("PRAGMA synchronous=OFF")
            db.execute(f"PRAGMA cache_size=-{WRITE_CACHE_KB}")  # index building sorts in the page cache
            db.execute("BEGIN")
            _create(db)
            _fill(db, kg, lines)
            for statement in filter(str.strip, _INDEXES.split(";")):  # built once over the rows: faster
                db.execute(statement)
            db.execute("COMMIT")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())


def _create(db: sqlite3.Connection) -> None:
    for statement in filter(str.strip, _SCHEMA.split(";")):
        db.execute(statement)
    db.execute(_FTS_TEXTS if fts5_available() else _PLAIN_TEXTS)


def _fill(db: sqlite3.Connection, kg, lines: Iterable[dict] | None) -> None:
    from paperkg.graph.store import paused_gc

    with paused_gc():
        _write_meta(db, kg.meta)
        nodes = kg.nx._node
        db.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?)",
                       ((n, a.get("label", ""), _dumps(a), _dumps(node_light(a))) for n, a in nodes.items()))
        db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)",
                       (row for n, a in nodes.items() for row in name_rows(n, a)))
        _index_texts(db, nodes.items())
        db.executemany("INSERT INTO relations VALUES (?, ?, ?, ?)",
                       ((u, v, k, _dumps({p: x for p, x in a.items() if p != "type"}))
                        for u, v, k, a in kg.nx.edges(keys=True, data=True)))
        lines = kg.kept_lines if lines is None else lines
        db.executemany("INSERT OR REPLACE INTO lines VALUES (?, ?)", ((l["key"], _dumps(l)) for l in lines))
        db.executemany("INSERT INTO tables VALUES (?, ?, ?)",
                       ((name, k, _dumps(v)) for name, table in kg.tables.items() for k, v in table.items()))
        from paperkg.graph.sqlite_source import lookup_rows

        db.executemany("INSERT INTO lookups VALUES (?, ?, ?)", lookup_rows(kg, nodes))


def _write_meta(db: sqlite3.Connection, meta: dict[str, Any]) -> None:
    header = {"format": FILE_FORMAT, "version": SCHEMA_VERSION, "paperkg": __version__, "meta": meta}
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", ((k, _dumps(v)) for k, v in header.items()))


def _index_texts(db: sqlite3.Connection, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """Index the texts of the papers among ``items`` (already in ``nodes``), under their node's rowid."""
    texts = {n: t for n, a in items if (t := paper_text(a)) is not None}
    for batch in _batches(texts):
        rows = db.execute(f"SELECT rowid, id FROM nodes WHERE id IN ({_marks(len(batch))})", batch).fetchall()
        db.executemany("INSERT INTO texts (rowid, id, text) VALUES (?, ?, ?)", [(r, n, texts[n]) for r, n in rows])


def _unindex_texts(db: sqlite3.Connection, ids: list[str]) -> None:
    """Drop the texts of the nodes ``ids`` from the index (before their ``nodes`` rows change)."""
    db.execute(f"DELETE FROM texts WHERE rowid IN (SELECT rowid FROM nodes WHERE id IN ({_marks(len(ids))}))", ids)


def read_graph(path: str | os.PathLike):
    """The whole graph in the database at ``path`` as a ``KnowledgeGraph``."""
    with GraphDatabase(path) as db:
        return db.whole()


# -- differences ----------------------------------------------------------------------------------
@dataclass
class Difference:
    """What an incremental build changes, applied in one transaction by :meth:`GraphDatabase.apply`.

    ``nodes``: id -> the node's whole attributes (added or replaced); ``relations``: ``(source, target, type,
    properties)`` added or replaced; ``deleted_*``: ids and ``(source, target, type)`` to remove (a deleted
    node takes its relations with it); ``lines``: extraction lines to keep, by their ``key`` (``deleted_lines``
    their keys); ``tables``: table name -> key -> JSON value (``None`` deletes the key); ``meta``: the new
    ``kg.meta`` when not ``None``; ``lookups``: the ``(kind, key, id)`` rows of the nodes written (those of written
    and deleted nodes are replaced)."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    deleted_nodes: list[str] = field(default_factory=list)
    deleted_relations: list[tuple[str, str, str]] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    deleted_lines: list[str] = field(default_factory=list)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    meta: dict[str, Any] | None = None
    lookups: list[tuple[str, str, str]] = field(default_factory=list)


def _batches(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _marks(n: int) -> str:
    return ",".join("?" * n)


class GraphDatabase:
    """An open graph database: reads by id, label, relation type and name key, and one-transaction writes.

    ``GraphDatabase(path)`` opens an existing file read-only; ``writable=True`` for :meth:`apply`. Use it as a
    context manager (it closes the connection)."""

    def __init__(self, path: str | os.PathLike, writable: bool = False):
        self.path = Path(path)
        if not self.path.exists():
            raise PaperkgError(f"{path}: no such graph file (build one with `paperkg build INPUT -o {path}`)")
        if not is_database(self.path):
            raise PaperkgError(f"{path}: not a paperkg graph database")
        mode = "rw" if writable else "ro"
        if not writable and Path(f"{self.path}-journal").exists():
            _roll_back(self.path)
        try:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode={mode}", uri=True,
                                      isolation_level=None, timeout=60)
            self.header = {k: json.loads(v) for k, v in self.db.execute("SELECT key, value FROM meta")}
        except sqlite3.DatabaseError as exc:
            raise PaperkgError(f"{path}: not a paperkg graph database ({exc})") from None
        if self.header.get("format") != FILE_FORMAT:
            raise PaperkgError(f"{path}: not a paperkg graph file")
        if self.header.get("version") != SCHEMA_VERSION:
            raise PaperkgError(
                f"{path}: graph file version {self.header.get('version')} (written by paperkg "
                f"{self.header.get('paperkg')}); this paperkg {__version__} reads version {SCHEMA_VERSION}: "
                f"rebuild it with `paperkg build`")

    def __enter__(self) -> "GraphDatabase":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.header.get("meta") or {})

    # -- whole and partial graphs -----------------------------------------------------------------
    def whole(self):
        """Every node and relation as a ``KnowledgeGraph`` (what ``paperkg.graph.load`` returns)."""
        from paperkg.graph.store import KnowledgeGraph, paused_gc

        kg = KnowledgeGraph(meta=self.meta)
        with paused_gc():
            loads = json.loads
            kg.nx.add_nodes_from((n, loads(a)) for n, a in self.db.execute("SELECT id, attrs FROM nodes"))
            kg.nx.add_edges_from(
                (u, v, k, {**loads(p), "type": k})
                for u, v, k, p in self.db.execute("SELECT source, target, type, props FROM relations"))
        return kg

    def nodes(self, ids: Iterable[str], light: bool = False) -> dict[str, dict[str, Any]]:
        """Id -> attributes of the nodes among ``ids`` that exist (``light``: without the long ones)."""
        found: dict[str, dict[str, Any]] = {}
        for batch in _batches(dict.fromkeys(ids)):
            found.update(self._decoded(light, f"id IN ({_marks(len(batch))})", batch))
        return found

    def _decoded(self, light: bool, where: str, params: list) -> dict[str, dict[str, Any]]:
        """Id -> attributes of the nodes matching ``where``, decoded as one JSON object (one call of the C
        decoder instead of one per node)."""
        column = "light" if light else "attrs"
        (text,) = self.db.execute(f"SELECT '{{' || coalesce(group_concat(json_quote(id) || ':' || {column}, ','), '') "
                                  f"|| '}}' FROM nodes WHERE {where}", params).fetchone()
        return json.loads(text)

    def nodes_of_relations(self, rels: Iterable[str], light: bool = True) -> dict[str, dict[str, Any]]:
        """Id -> attributes of every node at either end of a relation of the ``rels`` types."""
        wanted = list(dict.fromkeys(str(r) for r in rels))
        marks = _marks(len(wanted))
        return self._decoded(light, f"id IN (SELECT source FROM relations WHERE type IN ({marks}) "
                                    f"UNION SELECT target FROM relations WHERE type IN ({marks}))", wanted + wanted)

    def nodes_in_order(self, ids: Iterable[str], light: bool = True) -> dict[str, dict[str, Any]]:
        """Id -> attributes of the nodes among ``ids`` that exist, in id order, in one query (the ids go as
        one JSON array): for the 100k ends of a corpus-wide read, which ``IN`` batches or a ``UNION`` over the
        relations (a second scan of them and a sort) make slower."""
        column = "light" if light else "attrs"
        (text,) = self.db.execute(
            f"SELECT '{{' || coalesce(group_concat(json_quote(id) || ':' || {column}, ','), '') || '}}' FROM "
            f"(SELECT id, {column} FROM nodes WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id)",
            (_dumps(list(dict.fromkeys(ids))),)).fetchone()
        return json.loads(text)

    def labels_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Id -> label of the nodes among ``ids`` that exist."""
        found: dict[str, str] = {}
        for batch in _batches(dict.fromkeys(ids)):
            found.update(self.db.execute(f"SELECT id, label FROM nodes WHERE id IN ({_marks(len(batch))})", batch))
        return found

    def nodes_labelled(self, labels: Iterable[str], light: bool = True) -> dict[str, dict[str, Any]]:
        """Id -> attributes of every node with one of ``labels``."""
        labels = list(dict.fromkeys(str(label) for label in labels))
        return self._decoded(light, f"label IN ({_marks(len(labels))})", labels)

    def relations(self, ids: Iterable[str], rels: Iterable[str] | None = None, direction: str = "both",
                  props: bool = True) -> list[tuple[str, str, str, dict[str, Any]]]:
        """``(source, target, type, properties)`` of the relations of ``rels`` types (``None``: all) out of
        (``direction="out"``), into (``"in"``) or either way of (``"both"``) the nodes ``ids``."""
        wanted = None if rels is None else [str(r) for r in rels]
        found: dict[tuple[str, str, str], dict[str, Any]] = {}
        ends = {"out": ("source",), "in": ("target",), "both": ("source", "target")}[direction]
        for end in ends:
            for batch in _batches(dict.fromkeys(ids)):
                sql = f"SELECT source, target, type, {'props' if props else 'NULL'} FROM relations " \
                      f"WHERE {end} IN ({_marks(len(batch))})"
                params = list(batch)
                if wanted is not None:
                    sql += f" AND type IN ({_marks(len(wanted))})"
                    params += wanted
                for u, v, k, p in self.db.execute(sql, params):
                    found[(u, v, k)] = json.loads(p) if p else {}
        return [(u, v, k, p) for (u, v, k), p in found.items()]

    def relations_typed(self, rels: Iterable[str], props: bool = True) -> list[tuple[str, str, str, dict]]:
        """Every relation of the ``rels`` types (without their properties unless ``props``)."""
        wanted = list(dict.fromkeys(str(r) for r in rels))
        rows = self.db.execute(f"SELECT source, target, type, {'props' if props else 'NULL'} FROM relations "
                               f"WHERE type IN ({_marks(len(wanted))})", wanted)
        return [(u, v, k, json.loads(p) if p else {}) for u, v, k, p in rows]

    def neighbours(self, ids: Iterable[str]) -> dict[str, set[str]]:
        """Id -> the nodes joined to it by a relation either way (ids only: what a path search walks)."""
        found: dict[str, set[str]] = {}
        for batch in _batches(dict.fromkeys(ids)):
            marks = _marks(len(batch))
            for a, b in self.db.execute(
                    f"SELECT source, target FROM relations WHERE source IN ({marks}) "
                    f"UNION ALL SELECT target, source FROM relations WHERE target IN ({marks})", batch + batch):
                found.setdefault(a, set()).add(b)
        return found

    def subgraph(self, node_ids: Iterable[str], relations: Iterable[tuple[str, str, str, dict]],
                 light: bool = False, light_ids: Iterable[str] = ()):
        """A ``KnowledgeGraph`` of ``relations`` and the nodes they join plus ``node_ids`` (full attributes;
        ``light`` gives every node its light attributes instead, ``light_ids`` only those)."""
        from paperkg.graph.store import KnowledgeGraph

        relations = list(relations)
        ids = set(node_ids)
        for u, v, _, _ in relations:
            ids.add(u)
            ids.add(v)
        kg = KnowledgeGraph(meta=self.meta)
        if light:
            kg.nx.add_nodes_from(self.nodes(ids, light=True).items())
        else:
            light_only = set(light_ids) - set(node_ids)
            kg.nx.add_nodes_from(self.nodes(ids - light_only).items())
            kg.nx.add_nodes_from(self.nodes(light_only, light=True).items())
        kg.nx.add_edges_from((u, v, k, {**p, "type": k}) for u, v, k, p in relations)
        return kg

    # -- names ----------------------------------------------------------------------------------------
    def find_key(self, key: str) -> list[str]:
        """Ids of the nodes with a name, title or alias whose lookup key is ``key``."""
        return sorted({n for (n,) in self.db.execute("SELECT id FROM names WHERE key = ?", (key,))})

    def names(self, labels: Iterable[str] | None = None) -> Iterator[str]:
        """Every name, title and alias (of nodes with ``labels``, or all)."""
        if labels is None:
            rows = self.db.execute("SELECT text FROM names ORDER BY rowid")
        else:
            labels = [str(label) for label in labels]
            rows = self.db.execute(f"SELECT text FROM names WHERE label IN ({_marks(len(labels))}) ORDER BY rowid",
                                   labels)
        return (text for (text,) in rows)

    def names_containing(self, needle: str) -> list[str]:
        """Ids of the nodes with a name, title or alias that contains ``needle`` (Python's ``str.lower`` on
        both sides, as ``search`` compares)."""
        self.db.create_function("py_lower", 1, lambda s: s.lower() if s is not None else None, deterministic=True)
        rows = self.db.execute("SELECT DISTINCT id FROM names WHERE instr(py_lower(text), ?) > 0", (needle.lower(),))
        return [n for (n,) in rows]

    # -- what an incremental build asks ---------------------------------------------------------------
    def table(self, name: str, keys: Iterable[str] | None = None) -> dict[str, Any]:
        """Key -> value of the named table (``"strong"``, ``"acronyms"``: what the build keeps), all or ``keys``."""
        if keys is None:
            rows = self.db.execute("SELECT key, value FROM tables WHERE name = ?", (name,))
            return {k: json.loads(v) for k, v in rows}
        found: dict[str, Any] = {}
        for batch in _batches(dict.fromkeys(keys)):
            rows = self.db.execute(f"SELECT key, value FROM tables WHERE name = ? AND key IN ({_marks(len(batch))})",
                                   [name, *batch])
            found.update((k, json.loads(v)) for k, v in rows)
        return found

    def lines(self, keys: Iterable[str] | None = None) -> dict[str, dict]:
        """Paper key -> the extraction line kept for it (all, or those of ``keys``)."""
        if keys is None:
            return {k: json.loads(v) for k, v in self.db.execute("SELECT key, line FROM lines")}
        found: dict[str, dict] = {}
        for batch in _batches(dict.fromkeys(keys)):
            rows = self.db.execute(f"SELECT key, line FROM lines WHERE key IN ({_marks(len(batch))})", batch)
            found.update((k, json.loads(v)) for k, v in rows)
        return found

    def papers_containing(self, phrases: Iterable[str]) -> dict[str, set[str]]:
        """Phrase -> ids of the papers whose title or abstract holds its words in that order, case and
        punctuation ignored (``"CIFAR-10"`` is found in "cifar 10 images"): the candidates, a superset of
        any stricter match the caller then checks on :meth:`texts`. Served by the FTS5 index when there is one."""
        found: dict[str, set[str]] = {}
        fts = self._fts()
        for phrase in dict.fromkeys(phrases):
            words = _words(phrase)
            if not words:
                found[phrase] = set()
            elif fts:
                query = '"' + " ".join(words) + '"'
                found[phrase] = {n for (n,) in self.db.execute("SELECT id FROM texts WHERE texts MATCH ?", (query,))}
            else:
                target = " ".join(words)
                found[phrase] = {n for n, t in self.db.execute("SELECT id, text FROM texts")
                                 if f" {target} " in f" {' '.join(_words(t))} "}
        return found

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Paper id -> its indexed text (title and abstract)."""
        found: dict[str, str] = {}
        for batch in _batches(dict.fromkeys(ids)):
            found.update(self.db.execute(f"SELECT n.id, t.text FROM nodes n JOIN texts t ON t.rowid = n.rowid "
                                         f"WHERE n.id IN ({_marks(len(batch))})", batch))
        return found

    def has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

    def lookup(self, kind: str, keys: Iterable[str]) -> list[tuple[str, str]]:
        """``(key, id)`` of the ``kind`` lookup rows among ``keys`` (what an addition asks by: see
        ``graph.sqlite_source``)."""
        found: list[tuple[str, str]] = []
        for batch in _batches(dict.fromkeys(keys)):
            found += self.db.execute(f"SELECT key, id FROM lookups WHERE kind = ? AND key IN ({_marks(len(batch))})",
                                     [kind, *batch]).fetchall()
        return found

    def _fts(self) -> bool:
        row = self.db.execute("SELECT sql FROM sqlite_master WHERE name = 'texts'").fetchone()
        return bool(row) and "fts5" in row[0].lower()

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of nodes per label and of relations per type (SQL counts; ``KnowledgeGraph.counts``)."""
        return {
            "nodes": dict(self.db.execute("SELECT label, count(*) FROM nodes GROUP BY label ORDER BY label")),
            "relations": dict(self.db.execute("SELECT type, count(*) FROM relations GROUP BY type ORDER BY type")),
        }

    def stub_papers(self) -> int:
        """Paper nodes that only stand for a cited paper outside the corpus."""
        return self.db.execute("SELECT count(*) FROM nodes WHERE label = ? AND json_extract(light, '$.stub')",
                               (str(Label.PAPER),)).fetchone()[0]

    # -- writing ----------------------------------------------------------------------------------------
    def apply(self, diff: Difference) -> None:
        """Write ``diff`` in one transaction: all of it or, if anything fails or the process dies, none."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for batch in _batches(diff.deleted_nodes):
                marks = _marks(len(batch))
                _unindex_texts(db, batch)
                for sql in ("DELETE FROM nodes WHERE id IN ({})", "DELETE FROM names WHERE id IN ({})",
                            "DELETE FROM relations WHERE source IN ({})",
                            "DELETE FROM relations WHERE target IN ({})", "DELETE FROM lookups WHERE id IN ({})"):
                    db.execute(sql.format(marks), batch)
            db.executemany("DELETE FROM relations WHERE source = ? AND target = ? AND type = ?",
                           [(u, v, str(k)) for u, v, k in diff.deleted_relations])
            for batch in _batches(diff.nodes.items()):
                ids = [n for n, _ in batch]
                _unindex_texts(db, ids)
                db.execute(f"DELETE FROM names WHERE id IN ({_marks(len(ids))})", ids)
                db.execute(f"DELETE FROM lookups WHERE id IN ({_marks(len(ids))})", ids)
                # an upsert keeps the row (and its rowid: the corpus order of papers)
                db.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                               "label = excluded.label, attrs = excluded.attrs, light = excluded.light",
                               [(n, a.get("label", ""), _dumps(a), _dumps(node_light(a))) for n, a in batch])
                db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)",
                               [row for n, a in batch for row in name_rows(n, a)])
                _index_texts(db, batch)
            db.executemany("INSERT INTO lookups VALUES (?, ?, ?)", diff.lookups)
            db.executemany("INSERT INTO relations VALUES (?, ?, ?, ?) ON CONFLICT (source, type, target) "
                           "DO UPDATE SET props = excluded.props",
                           [(u, v, str(k), _dumps({p: x for p, x in a.items() if p != "type"}))
                            for u, v, k, a in diff.relations])
            db.executemany("DELETE FROM lines WHERE key = ?", [(k,) for k in diff.deleted_lines])
            db.executemany("INSERT OR REPLACE INTO lines VALUES (?, ?)", [(l["key"], _dumps(l)) for l in diff.lines])
            for name, values in diff.tables.items():
                db.executemany("DELETE FROM tables WHERE name = ? AND key = ?",
                               [(name, k) for k, v in values.items() if v is None])
                db.executemany("INSERT OR REPLACE INTO tables VALUES (?, ?, ?)",
                               [(name, k, _dumps(v)) for k, v in values.items() if v is not None])
            if diff.meta is not None:
                _write_meta(db, diff.meta)
                self.header["meta"] = diff.meta
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _roll_back(path: Path) -> None:
    """Undo the transaction a killed writer left in the file (its hot journal), which a read-only connection
    cannot do; a reader without write permission leaves it for one that has."""
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(path, timeout=60)) as db:
        db.execute("SELECT count(*) FROM meta").fetchone()


def _words(text: str) -> list[str]:
    """The words of ``text`` as FTS5's default tokenizer splits them (letters and digits; case folded)."""
    import re

    return re.findall(r"[^\W_]+", text.casefold())
