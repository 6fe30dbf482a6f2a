"""Write a :class:`KnowledgeGraph` to Neo4j over Bolt and read it back, on the official ``neo4j`` driver.

Writing is idempotent: uniqueness constraints on ``id`` per label, then ``UNWIND $rows`` batches grouped by
label (nodes) and by relation type and end labels (relations), each batch one managed write transaction
(``session.execute_write``, so the driver retries transient failures) that ``MERGE``\\ s on ``id`` (nodes) or on
(source id, type, target id) (relations) and replaces the properties. A second write of the same graph adds
nothing. Labels and relation types are formatted into the Cypher text only from the schema enums; every value
travels as a parameter.

>>> import neo4j
>>> driver = neo4j.GraphDatabase.driver("bolt://localhost:7687", auth=("neo4j", "secret"))  # doctest: +SKIP
>>> write_graph(kg, driver)                                                                  # doctest: +SKIP
WriteSummary(nodes=1204, relations=5310, nodes_created=1204, relations_created=5310, seconds=0.9)
>>> read_graph(driver).counts() == kg.counts()                                               # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from paperkg import __version__
from paperkg.errors import PaperkgError
from paperkg.graph.schema import DATA_LABELS, META_ID, META_LABEL, RELATIONS, SCHEMA_VERSION, Label, Rel
from paperkg.graph.store import KnowledgeGraph

DEFAULT_BATCH_SIZE = 1000
#: A batch also stops at about this many bytes of values, well under the 16 MB a Bolt message may have on ArcadeDB.
MAX_BATCH_BYTES = 4_000_000

#: ``progress(phase, done, total)`` with phase ``"nodes"`` or ``"relations"``, called after each committed batch.
Progress = Callable[[str, int, int], None]


@dataclass
class WriteSummary:
    """What :func:`write_graph` sent and what the server newly created (0 created = nothing was missing)."""

    nodes: int = 0
    relations: int = 0
    nodes_created: int = 0
    relations_created: int = 0
    seconds: float = 0.0


# -- Cypher text, from the schema only ---------------------------------------------------------
def _label(label: Label) -> str:
    return f"`{Label(label).value}`"


def _rel(rel: Rel) -> str:
    return f"`{Rel(rel).value}`"


_META = f"`{META_LABEL}`"


def schema_statements() -> list[str]:
    """One uniqueness constraint on ``id`` and one index on ``name`` per label (standard Neo4j 5 syntax).

    ArcadeDB's Bolt server accepts the same statements, so there is one list for both.
    """
    statements = [f"CREATE CONSTRAINT paperkg_meta_id IF NOT EXISTS FOR (n:{_META}) REQUIRE n.id IS UNIQUE",
                  f"CREATE INDEX paperkg_meta_table IF NOT EXISTS FOR (n:{_META}) ON (n.table)"]
    for label in Label:
        low = label.value.lower()
        statements.append(
            f"CREATE CONSTRAINT paperkg_{low}_id IF NOT EXISTS FOR (n:{_label(label)}) REQUIRE n.id IS UNIQUE"
        )
        statements.append(f"CREATE INDEX paperkg_{low}_name IF NOT EXISTS FOR (n:{_label(label)}) ON (n.name)")
    return statements


def _merge_nodes(label: Label) -> str:
    return f"UNWIND $rows AS r MERGE (n:{_label(label)} {{id: r.id}}) SET n = r RETURN count(n) AS written"


def _relabel(old: Label, new: Label) -> str:
    """Dataset and Benchmark share ids: a node that changed between them keeps its relations, under its new label."""
    return f"MATCH (n:{_label(old)}) WHERE n.id IN $ids REMOVE n:{_label(old)} SET n:{_label(new)}"


#: Keys of the relation rows sent as ``$rows`` (map keys, not properties): ``r.source``, ``r.target``, ``r.props``.
ROW_KEYS = ("source", "target", "props")
#: Properties of the metadata node: ``kg.meta`` as JSON, the schema version, the paperkg version that wrote it;
#: and of the kept tables' rows (below).
META_PROPERTIES = ("json", "schema_version", "paperkg", "table", "key", "value")
_WRITE_META = (
    f"MERGE (m:{_META} {{id: $id}}) SET m.json = $json, m.schema_version = $version, m.paperkg = $paperkg"
)
_READ_META = f"MATCH (m:{_META} {{id: $id}}) RETURN m.json AS json, m.schema_version AS version, m.paperkg AS paperkg"
#: The kept tables (``kg.tables``: strong names, acronyms, matched counts) are metadata nodes too, one per row:
#: ``id`` "TABLE<TAB>KEY", ``table``, ``key`` and ``value`` (JSON text); an addition reads and updates them.
_WRITE_TABLE_ROWS = (f"UNWIND $rows AS r MERGE (m:{_META} {{id: r.id}}) "
                     "SET m.table = r.table, m.key = r.key, m.value = r.value")
_DELETE_TABLE_ROWS = f"MATCH (m:{_META}) WHERE m.id IN $ids DELETE m"
_CLEAR_TABLES = f"MATCH (m:{_META}) WHERE m.table IS NOT NULL WITH m LIMIT $limit DELETE m RETURN count(*) AS deleted"
READ_TABLE = f"MATCH (m:{_META}) WHERE m.table = $table RETURN m.key AS key, m.value AS value"


def _merge_relations(rel: Rel, source: Label, target: Label) -> str:
    return (
        f"UNWIND $rows AS r MATCH (a:{_label(source)} {{id: r.source}}) MATCH (b:{_label(target)} {{id: r.target}}) "
        f"MERGE (a)-[e:{_rel(rel)}]->(b) SET e = r.props RETURN count(e) AS written"
    )


def _delete_relations(rel: Rel, source: Label, target: Label) -> str:
    return (
        f"UNWIND $rows AS r MATCH (a:{_label(source)} {{id: r.source}})-[e:{_rel(rel)}]->"
        f"(b:{_label(target)} {{id: r.target}}) DELETE e"
    )


def _delete_nodes(label: Label) -> str:
    return f"MATCH (n:{_label(label)}) WHERE n.id IN $ids DETACH DELETE n"


def _clear(label: str) -> str:
    return f"MATCH (n:{label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"


def _read_nodes(label: Label) -> str:
    return f"MATCH (n:{_label(label)}) RETURN properties(n) AS props"


def _read_relations(rel: Rel) -> str:
    return f"MATCH (a)-[e:{_rel(rel)}]->(b) RETURN a.id AS source, b.id AS target, properties(e) AS props"


def statements() -> list[str]:
    """Every statement text this module can send, for every label and relation variant of the schema.

    The tests check that their Bolt traffic holds each one (so Neo4j's own front end lints all of them).
    """
    texts = [*schema_statements(), _WRITE_META, _READ_META, _WRITE_TABLE_ROWS, _DELETE_TABLE_ROWS, _CLEAR_TABLES,
             READ_TABLE]
    texts += [_clear(label) for label in [*map(_label, Label), _META]]
    texts += [_relabel(old, new) for old in DATA_LABELS for new in DATA_LABELS if old != new]
    for label in Label:
        texts += [_merge_nodes(label), _read_nodes(label), _delete_nodes(label)]
    texts += [_read_relations(rel) for rel in Rel]
    for relation in RELATIONS.values():
        for source in relation.sources:
            for target in relation.targets:
                texts += [_merge_relations(relation.type, source, target),
                          _delete_relations(relation.type, source, target)]
    return texts


# -- rows --------------------------------------------------------------------------------------
_LABELS = {label.value: label for label in Label}
_RELS = {rel.value: rel for rel in Rel}
#: Neo4j's (and Bolt's) integers are 64-bit.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_KIND = {str: "str", int: "int", float: "float", bool: "bool", dict: "map", list: "list", tuple: "list",
         type(None): "null"}
STORABLE = "a str, an int, a float, a bool, or a list of one of those"


def _kind(value: Any) -> str:
    return _KIND.get(type(value), type(value).__name__)


def _bad_str(value: str) -> str | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "a string with a lone surrogate (not UTF-8)"
    return None


def unstorable(value: Any) -> str | None:
    """Why Neo4j cannot store ``value`` as a property, or ``None`` when it can.

    Neo4j stores a str, a 64-bit int, a float or a bool, or a list whose items are all one of those (the same
    one). The writer refuses anything else (it never converts): null (a property is left out instead), maps,
    lists of maps, lists of lists, lists holding null, lists mixing kinds (``[1, "a"]``, ``[1, 2.5]``).

    >>> unstorable(["cs.LG", "cs.CV"]), unstorable([3, "a"]), unstorable({"a": 1}), unstorable([1, None])
    (None, 'a list mixing int and str', 'a map', 'a list mixing int and null')
    """
    kind = type(value)
    if kind is str:
        return None if value.isascii() else _bad_str(value)
    if kind is int:
        return None if _INT_MIN <= value <= _INT_MAX else "an integer outside 64 bits"
    if kind is float or kind is bool:
        return None
    if kind is not list and kind is not tuple:
        return "null" if value is None else f"a {_kind(value)}"
    kinds = set(map(type, value))
    if len(kinds) > 1:
        return "a list mixing " + " and ".join(sorted({_kind(item) for item in value}))
    if not kinds or kinds <= {float, bool}:
        return None
    if kinds == {str}:
        return None if all(map(str.isascii, value)) else next(filter(None, map(_bad_str, value)), None)
    if kinds == {int}:
        return None if _INT_MIN <= min(value) and max(value) <= _INT_MAX else "an integer outside 64 bits"
    return f"a list of {_kind(value[0])}s"


def _check(owner: str, props: dict[str, Any], sources: Any = None) -> dict[str, Any]:
    """``props`` when Neo4j can store every value (:func:`unstorable`), else one line naming owner and property."""
    for key, value in props.items():
        problem = unstorable(value)
        if problem is not None:
            where = f" (from {sources[0]})" if isinstance(sources, list) and sources else ""
            raise PaperkgError(f"{owner}{where}: property {key!r} holds {problem}, which Neo4j cannot store "
                               f"(a property is {STORABLE}); nothing was written")
    return props


def node_rows(kg: KnowledgeGraph) -> dict[Label, list[dict[str, Any]]]:
    """``{label: [props, ...]}``: each node's properties as stored, ``id`` and every attribute but ``label``, and
    the lookup properties an addition asks by (``neo4j_source.LOOKUP_PROPERTIES``)."""
    from paperkg.graph.known import shipped
    from paperkg.graph.neo4j_source import kept_by_paper, lookup_properties

    known = shipped()
    kept = kept_by_paper(kg.kept_lines)
    rows: dict[Label, list[dict[str, Any]]] = defaultdict(list)
    for node_id, attrs in kg.nodes():
        label = _LABELS.get(attrs.get("label"))
        if label is None:
            raise PaperkgError(f"node {node_id!r}: label {attrs.get('label')!r} is not in the schema")
        props = {k: v for k, v in attrs.items() if k != "label"}
        order = len(rows[label]) if label is Label.PAPER else None  # the corpus order, as the graph holds it
        props.update(lookup_properties(kg, node_id, known, kept, order))  # what `build --add` asks the server by
        props["id"] = node_id
        rows[label].append(_check(f"node {node_id!r}", props, attrs.get("sources")))
    return rows


def relation_rows(kg: KnowledgeGraph) -> dict[tuple[Rel, Label, Label], list[dict[str, Any]]]:
    """``{(type, source label, target label): [{"source", "target", "props"}, ...]}``."""
    labels = {node_id: _LABELS.get(attrs.get("label")) for node_id, attrs in kg.nodes()}
    rows: dict[tuple[Rel, Label, Label], list[dict[str, Any]]] = defaultdict(list)
    for source, target, key, attrs in kg.edges():
        rel = _RELS.get(key)
        if rel is None:
            raise PaperkgError(f"relation {source!r} -> {target!r}: type {key!r} is not in the schema")
        props = _check(f"relation {source!r} -{key}-> {target!r}", {k: v for k, v in attrs.items() if k != "type"},
                       kg.nx.nodes[source].get("sources"))
        rows[(rel, labels[source], labels[target])].append({"source": source, "target": target, "props": props})
    return rows


def _size(value: Any) -> int:
    """Rough size in bytes of a row on the wire (strings dominate: titles, abstracts)."""
    if isinstance(value, str):
        return len(value) + 1
    if isinstance(value, dict):
        return sum(len(k) + _size(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(map(_size, value)) + 1
    return 9


def _batches(rows: list, size: int, max_bytes: int = MAX_BATCH_BYTES) -> Iterator[list]:
    """Runs of at most ``size`` rows and about ``max_bytes`` (servers cap a message: ArcadeDB at 16 MB)."""
    batch: list = []
    used = 0
    for row in rows:
        row_size = _size(row)
        if batch and (len(batch) >= size or used + row_size > max_bytes):
            yield batch
            batch, used = [], 0
        batch.append(row)
        used += row_size
    if batch:
        yield batch


# -- errors ------------------------------------------------------------------------------------
def _one_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    message = re.sub(r"\s+", " ", str(message)).strip()
    return message if len(message) <= 240 else message[:237] + "..."


def describe_error(exc: BaseException) -> str:
    """A one-line reason for a driver exception: unreachable, refused credentials, lost connection, or Cypher."""
    import neo4j.exceptions as ne

    if isinstance(exc, ne.AuthError):
        return f"the server refused the username or password ({_one_line(exc)})"
    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, ne.ConnectionAcquisitionTimeoutError, OSError)):
        return f"cannot reach the Bolt server or lost the connection ({_one_line(exc)})"
    if isinstance(exc, ne.Neo4jError):
        return f"the server rejected a query: {_one_line(exc)}"
    return _one_line(exc)


@contextmanager
def bolt_errors(action: str, written: Callable[[], str] | None = None):
    """Turn driver errors inside the block into one ``PaperkgError`` line: ``ACTION: REASON[; WRITTEN]``."""
    import neo4j.exceptions as ne

    try:
        yield
    except PaperkgError:
        raise
    except (ne.Neo4jError, ne.DriverError, OSError) as exc:
        tail = f"; {written()}" if written else ""
        raise PaperkgError(f"{action}: {describe_error(exc)}{tail}") from exc


# -- writing -----------------------------------------------------------------------------------
def ensure_schema(driver, database: str | None = None) -> None:
    """Create the constraints and indexes of :func:`schema_statements` (``IF NOT EXISTS``: safe to repeat)."""
    with bolt_errors("creating the Neo4j constraints"):
        for statement in schema_statements():
            driver.execute_query(statement, database_=database)


def clear_graph(driver, database: str | None = None, batch_size: int = 10_000) -> int:
    """Delete every node with a paperkg label (and its relations), in batches; returns how many.

    Nodes without a paperkg label are left alone: ``--clear`` empties paperkg's graph, not someone's database.
    """
    deleted = 0
    with bolt_errors("clearing the Neo4j graph", lambda: f"{deleted:,} nodes deleted so far"):
        for label in [*map(_label, Label), _META]:
            query = _clear(label)
            while True:
                records = driver.execute_query(query, limit=batch_size, database_=database).records
                count = records[0]["deleted"] if records else 0
                deleted += count
                if count == 0:
                    break
    return deleted


def write_graph(
    kg: KnowledgeGraph,
    driver,
    database: str | None = None,
    clear: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    *,
    replaces: KnowledgeGraph | None = None,
    progress: Progress | None = None,
) -> WriteSummary:
    """Write ``kg`` to the database with ``MERGE``, so writing it again changes nothing.

    ``clear`` first deletes paperkg's nodes. ``replaces`` is the graph read from this database before an
    incremental build (:func:`read_graph`): nodes and relations it has that ``kg`` no longer has (an entity
    merged into another) are deleted after the write. Each batch commits on its own: if the server goes away,
    the error says how much was written, and running the same write again completes it without duplicates.

    >>> write_graph(kg, driver, batch_size=500)  # doctest: +SKIP
    """
    started = time.perf_counter()
    nodes, relations = node_rows(kg), relation_rows(kg)
    total_nodes = sum(map(len, nodes.values()))
    total_relations = sum(map(len, relations.values()))
    summary = WriteSummary()

    def written() -> str:
        return (
            f"written so far: {summary.nodes:,} of {total_nodes:,} nodes and {summary.relations:,} of "
            f"{total_relations:,} relations (each batch is committed; run the same write again to finish it, "
            "MERGE adds no duplicates)"
        )

    if clear:
        clear_graph(driver, database)
    ensure_schema(driver, database)
    with bolt_errors("writing the graph to Neo4j", written), driver.session(database=database) as session:
        for label, rows in nodes.items():
            others = [o for o in DATA_LABELS if o != label] if label in DATA_LABELS else []
            for batch in _batches(rows, batch_size):
                created, count = session.execute_write(_write_nodes, label, others, batch)
                summary.nodes += count
                summary.nodes_created += created
                if progress:
                    progress("nodes", summary.nodes, total_nodes)
        for (rel, source, target), rows in relations.items():
            for batch in _batches(rows, batch_size):
                created, count = session.execute_write(_write_relations, rel, source, target, batch)
                summary.relations += count
                summary.relations_created += created
                if progress:
                    progress("relations", summary.relations, total_relations)
        if replaces is not None:
            _prune(session, kg, replaces, batch_size)
        clear_tables(session)
        write_tables(session, kg.tables, batch_size)
        meta = json.dumps(kg.meta, ensure_ascii=False, sort_keys=True)
        session.execute_write(lambda tx: tx.run(
            _WRITE_META, id=META_ID, json=meta, version=SCHEMA_VERSION, paperkg=__version__).consume())
    summary.seconds = time.perf_counter() - started
    return summary


def clear_tables(session, batch_size: int = 10_000) -> None:
    """Delete every kept-table row (before the tables of a whole graph are written)."""
    while session.execute_write(lambda tx: tx.run(_CLEAR_TABLES, limit=batch_size).single()["deleted"]):
        pass


def write_tables(session, tables: dict[str, dict[str, Any]], batch_size: int = DEFAULT_BATCH_SIZE) -> None:
    """Write the rows of ``tables`` (table -> key -> JSON-able value; ``None`` deletes the row) in batches."""
    rows, gone = [], []
    for table, values in tables.items():
        for key, value in values.items():
            row_id = f"{table}\t{key}"
            if value is None:
                gone.append(row_id)
            else:
                rows.append({"id": row_id, "table": table, "key": key,
                             "value": json.dumps(value, ensure_ascii=False, separators=(",", ":"))})
    for batch in _batches(gone, batch_size):
        session.execute_write(lambda tx, b=batch: tx.run(_DELETE_TABLE_ROWS, ids=b).consume())
    for batch in _batches(rows, batch_size):
        session.execute_write(lambda tx, b=batch: tx.run(_WRITE_TABLE_ROWS, rows=b).consume())


def _write_nodes(tx, label: Label, others: list[Label], batch: list[dict]) -> tuple[int, int]:
    for other in others:
        tx.run(_relabel(other, label), ids=[row["id"] for row in batch]).consume()
    result = tx.run(_merge_nodes(label), rows=batch)
    record = result.single()
    return result.consume().counters.nodes_created, record["written"] if record else 0


def _write_relations(tx, rel: Rel, source: Label, target: Label, batch: list[dict]) -> tuple[int, int]:
    result = tx.run(_merge_relations(rel, source, target), rows=batch)
    record = result.single()
    return result.consume().counters.relationships_created, record["written"] if record else 0


def _prune(session, kg: KnowledgeGraph, old: KnowledgeGraph, batch_size: int) -> None:
    """Delete what ``old`` had and ``kg`` lacks: relations first (by their key), then nodes (by id)."""
    def label_now(node_id: str) -> Label:  # a Dataset may have become a Benchmark since
        return Label((kg.nx.nodes[node_id] if node_id in kg.nx else old.nx.nodes[node_id])["label"])

    gone_relations: dict[tuple[Rel, Label, Label], list[dict]] = defaultdict(list)
    for source, target, key, _ in old.edges():
        if not kg.nx.has_edge(source, target, key):
            gone_relations[(Rel(key), label_now(source), label_now(target))].append(
                {"source": source, "target": target})
    for (rel, source, target), rows in gone_relations.items():
        query = _delete_relations(rel, source, target)
        for batch in _batches(rows, batch_size):
            session.execute_write(lambda tx, q=query, b=batch: tx.run(q, rows=b).consume())
    gone_nodes: dict[Label, list[str]] = defaultdict(list)
    for node_id, attrs in old.nodes():
        if node_id not in kg.nx:
            gone_nodes[Label(attrs["label"])].append(node_id)
    for label, ids in gone_nodes.items():
        query = _delete_nodes(label)
        for batch in _batches(ids, batch_size):
            session.execute_write(lambda tx, q=query, b=batch: tx.run(q, ids=b).consume())


def _check_meta(record) -> dict[str, Any]:
    if record["version"] != SCHEMA_VERSION:
        raise PaperkgError(
            f"the graph in Neo4j has schema version {record['version']} (written by paperkg {record['paperkg']}); "
            f"this paperkg {__version__} reads version {SCHEMA_VERSION}: rebuild it with `paperkg build --clear`"
        )
    try:
        return json.loads(record["json"] or "{}")
    except ValueError:
        raise PaperkgError("the graph metadata in Neo4j is not valid JSON: rebuild it with `paperkg build --clear`")


# -- reading -----------------------------------------------------------------------------------
def read_graph(driver, database: str | None = None) -> KnowledgeGraph:
    """Load every paperkg node and relation from the database into a :class:`KnowledgeGraph`.

    Nodes come back keyed by ``id`` with ``label`` from their schema label; relations with ``type``; ``kg.meta``
    from the metadata node; so a graph written by :func:`write_graph` reads back equal to the one written. A graph
    written with another schema version is refused with a clear message.
    """
    import neo4j

    from paperkg.graph.neo4j_source import strip_lookups

    kg = KnowledgeGraph()
    with bolt_errors("reading the graph from Neo4j"):
        records = driver.execute_query(_READ_META, id=META_ID, database_=database,
                                       routing_=neo4j.RoutingControl.READ).records
        if records:
            kg.meta = _check_meta(records[0])
        for label in Label:
            records = driver.execute_query(
                _read_nodes(label), database_=database, routing_=neo4j.RoutingControl.READ).records
            for record in records:
                props = strip_lookups(dict(record["props"]))
                node_id = props.pop("id", None)
                if node_id is not None:
                    kg.nx.add_node(node_id, label=label.value, **props)
        for rel in Rel:
            records = driver.execute_query(
                _read_relations(rel), database_=database, routing_=neo4j.RoutingControl.READ).records
            for record in records:
                source, target = record["source"], record["target"]
                if source in kg.nx and target in kg.nx:
                    kg.nx.add_edge(source, target, key=rel.value, type=rel.value, **record["props"])
    return kg
