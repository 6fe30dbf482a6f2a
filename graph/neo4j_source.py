"""A graph in Neo4j as an ``AdditionSource``: ``build --add`` asks the server only for what the addition needs.

The writer stores, beside each node's schema properties, the lookup properties the addition asks by
(``LOOKUP_PROPERTIES``, stripped again by ``read_graph``): ``keys``/``form_keys`` on entities (their name keys,
``space<TAB>key``), ``text`` (the lower-cased analysed text), ``identity`` (the keys a paper is known by),
``phrase_keys`` (the keys of its task phrases), ``order`` (its place in the corpus) and ``kept`` (its entities as
resolution saw them, JSON text) on papers,
``keys`` on results (the keys of what they name); and the kept tables of the corpus pass (the strong names and
acronyms, the papers each name is matched in) as metadata rows (``neo4j_backend.write_tables``). Every question
is one parameterised statement per batch (``UNWIND $rows`` / ``IN $ids``); labels and relation types come from the
schema only. The difference is written with
``UNWIND $rows`` batches in managed write transactions.

Order: where a full build takes the first paper of the corpus (the first paper known by a shared key, the order
papers are resolved in) this source goes by ``order``; on a graph written without it, by the smallest paper id.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Iterable

from paperkg.extractors.corpus import STRONG_DATA_RULES, StrongTable
from paperkg.extractors.text import analysed_text
from paperkg.graph.build import paper_id
from paperkg.graph.incremental import (ENTITY_PREFIXES, GraphDiff, Key, node_lookups, qualified, strong_table_of,
                                       unqualified)
from paperkg.graph.known import shipped
from paperkg.graph.schema import DATA_LABELS, META_ID, Label, Rel
from paperkg.graph.store import KnowledgeGraph

#: Properties the Neo4j writer adds for lookups (never part of the graph read back).
LOOKUP_PROPERTIES = ("keys", "form_keys", "text", "identity", "title_key", "phrase_keys", "kept", "order")
BATCH = 500
_ENTITY_LABELS = (Label.METHOD, Label.DATASET, Label.BENCHMARK, Label.TASK, Label.METRIC)
_PREFIX_LABELS = {"paper": (Label.PAPER,), "method": (Label.METHOD,), "data": DATA_LABELS, "task": (Label.TASK,),
                  "metric": (Label.METRIC,), "repo": (Label.REPOSITORY,), "author": (Label.AUTHOR,),
                  "result": (Label.RESULT,)}
#: (relation, target labels, condition) of the edges a strong name can come from.
_STRONG = ((Rel.PROPOSES, (Label.METHOD,), ""), (Rel.MENTIONS, (Label.METHOD,), " WHERE e.prior IS NOT NULL"),
           (Rel.INTRODUCES, DATA_LABELS, ""),
           (Rel.EVALUATES_ON, DATA_LABELS, " WHERE e.prior IS NOT NULL OR any(r IN e.rules WHERE r IN $rules)"))


def _l(label: Label) -> str:
    return f"`{Label(label).value}`"


def _r(rel: Rel) -> str:
    return f"`{Rel(rel).value}`"


# -- statements, from the schema only -------------------------------------------------------------------
_COUNT_PAPERS = f"MATCH (p:{_l(Label.PAPER)}) WHERE p.stub IS NULL RETURN count(p) AS papers"
_TITLE_REFS = (f"MATCH (:{_l(Label.PAPER)})-[e:{_r(Rel.CITES)}]->(:{_l(Label.PAPER)}) "
               "WHERE any(s IN e.surface WHERE s STARTS WITH $prefix) RETURN count(e) AS found")
_CONTAINING = (f"UNWIND $phrases AS phrase MATCH (p:{_l(Label.PAPER)}) WHERE p.text CONTAINS phrase "
               "RETURN phrase, collect(p.id) AS ids")
_KNOWN_BY = (f"MATCH (p:{_l(Label.PAPER)}) WHERE p.stub IS NULL AND (any(k IN p.identity WHERE k IN $keys) "
             "OR p.title_key IN $titles) RETURN p.id AS id, p.identity AS identity, p.title_key AS title_key, "
             "p.order AS order")
_KEPT = (f"MATCH (p:{_l(Label.PAPER)}) WHERE p.id IN $ids AND p.kept IS NOT NULL "
         "RETURN p.id AS id, p.kept AS kept")
_ORDER = f"MATCH (p:{_l(Label.PAPER)}) WHERE p.id IN $ids RETURN p.id AS id, p.order AS order"
_LAST = f"MATCH (p:{_l(Label.PAPER)}) RETURN max(p.order) AS last"
_RESULTS = f"MATCH (r:{_l(Label.RESULT)}) WHERE any(k IN r.keys WHERE k IN $keys) RETURN r.id AS id"


def _strong(rel: Rel, target: Label, condition: str) -> str:
    return (f"MATCH (p:{_l(Label.PAPER)})-[e:{_r(rel)}]->(n:{_l(target)}){condition} "
            "RETURN p.id AS paper, n.id AS target, n.name AS name, properties(e) AS props")


def _with_keys(label: Label) -> str:
    return f"MATCH (n:{_l(label)}) WHERE any(k IN n.keys WHERE k IN $keys) RETURN n.id AS id, n.keys AS keys, n.form_keys AS form_keys"


_PHRASED = (f"MATCH (p:{_l(Label.PAPER)}) WHERE any(k IN p.phrase_keys WHERE k IN $keys) "
            "RETURN p.id AS id")


def _nodes(label: Label) -> str:
    return f"MATCH (n:{_l(label)}) WHERE n.id IN $ids RETURN properties(n) AS props"


def _into(label: Label) -> str:
    """Relations from papers into entities of ``label``, with the paper's properties. ``WITH n`` starts the
    match at the entities found by id: ArcadeDB otherwise expands every paper's relations (0.8 s, not 0.08)."""
    return (f"MATCH (n:{_l(label)}) WHERE n.id IN $ids WITH n MATCH (p:{_l(Label.PAPER)})-[e]->(n) "
            "RETURN p.id AS source, type(e) AS type, properties(e) AS props, n.id AS target, properties(p) AS node")


_OUT_OF_PAPERS = (f"MATCH (p:{_l(Label.PAPER)})-[e]->(t) WHERE p.id IN $ids "
                  "RETURN p.id AS source, type(e) AS type, properties(e) AS props, properties(t) AS node, "
                  "labels(t) AS labels")
_AUTHORS_OF = (f"MATCH (a:{_l(Label.AUTHOR)})-[e:{_r(Rel.WROTE)}]->(p:{_l(Label.PAPER)}) WHERE p.id IN $ids "
               "RETURN a.id AS source, properties(e) AS props, p.id AS target, properties(a) AS node")
_OUT_OF_RESULTS = (f"MATCH (r:{_l(Label.RESULT)})-[e]->(t) WHERE r.paper IN $ids "
                   "RETURN r.id AS source, type(e) AS type, properties(e) AS props, properties(t) AS node, "
                   "labels(t) AS labels")
_CITING = (f"MATCH (a:{_l(Label.PAPER)})-[e:{_r(Rel.CITES)}]->(p:{_l(Label.PAPER)}) WHERE p.id IN $ids "
           "RETURN a.id AS source, properties(e) AS props, p.id AS target, properties(a) AS node")


def statements() -> list[str]:
    """Every statement this module sends (for the Cypher lint)."""
    texts = [_COUNT_PAPERS, _TITLE_REFS, _CONTAINING, _KNOWN_BY, _KEPT, _ORDER, _LAST, _RESULTS, _PHRASED, _OUT_OF_PAPERS,
             _AUTHORS_OF, _OUT_OF_RESULTS, _CITING]
    texts += [_strong(rel, target, condition) for rel, targets, condition in _STRONG for target in targets]
    texts += [_with_keys(label) for label in _ENTITY_LABELS] + [_into(label) for label in _ENTITY_LABELS]
    texts += [_nodes(label) for label in Label]
    return texts


# -- the lookup properties, written with the graph ----------------------------------------------------------
def lookup_properties(kg: KnowledgeGraph, node_id: str, known=None,
                      kept: dict[str, list] | None = None, order: int | None = None) -> dict[str, Any]:
    """The lookup properties of one node of ``kg`` (see the module docstring); ``{}`` for other labels.
    ``kept``: paper id -> its entities as resolution saw them (``kg.kept_lines``), stored as JSON text;
    ``order``: a paper's place in the corpus."""
    keys: dict[str, list[str]] = defaultdict(list)
    for kind, key, _ in node_lookups(kg, node_id, known or shipped()):
        keys[kind].append(key)
    attrs = kg.nx.nodes[node_id]
    if node_id.split(":", 1)[0] in ENTITY_PREFIXES:
        return {"keys": keys["entity"], "form_keys": keys["form"]}
    if attrs.get("label") == Label.PAPER.value and not attrs.get("stub"):
        props = {"text": analysed_text(attrs.get("title") or "", attrs.get("abstract") or "").lower(),
                 "identity": sorted(keys["identity"])}
        if keys["title"]:
            props["title_key"] = sorted(keys["title"])[0]
        if keys["phrase"]:
            props["phrase_keys"] = keys["phrase"]
        if kept is not None and node_id in kept:
            props["kept"] = json.dumps(kept[node_id], ensure_ascii=False, separators=(",", ":"))
    elif attrs.get("label") != Label.PAPER.value:
        return {"keys": keys["result"]} if keys["result"] else {}
    else:
        props = {}
    if order is not None:
        props["order"] = order
    return props


def _by_label(ids: Iterable[str]) -> dict[Label, set[str]]:
    """Node ids under each label their prefix can carry (``data:`` ids under Dataset and Benchmark)."""
    by_label: dict[Label, set[str]] = defaultdict(set)
    for nid in ids:
        for label in _PREFIX_LABELS.get(nid.split(":", 1)[0], ()):
            by_label[label].add(nid)
    return by_label


def kept_by_paper(lines: Iterable[dict]) -> dict[str, list]:
    """Paper id -> entities, of ``{"key", "entities"}`` lines (``kg.kept_lines``, ``GraphDiff.kept_lines``)."""
    return {paper_id(line["key"]): line["entities"] for line in lines}


def _place(order: int | None, pid: str) -> tuple:
    """A paper's sort key: its corpus order, or after every ordered paper by id (no ``order`` stored)."""
    return (0, order, pid) if order is not None else (1, 0, pid)


def strip_lookups(props: dict[str, Any]) -> dict[str, Any]:
    for name in LOOKUP_PROPERTIES:
        props.pop(name, None)
    return props


class Neo4jSource:
    """Lookups answered by the server; ``view`` holds what was fetched (and, after the addition, the changes)."""

    def __init__(self, driver, database: str | None = None):
        from paperkg.graph.neo4j_backend import _READ_META, _check_meta

        self.driver, self.database = driver, database
        self.statements_sent = 0
        self.rows_read = 0
        records = self._read(_READ_META, id=META_ID)
        self.view = KnowledgeGraph(meta=_check_meta(records[0]) if records else {})
        self._fetched: dict[str, set[str]] = defaultdict(set)
        self.dropped: set = set()
        self._count: int | None = None
        self._order: dict[str, int | None] = {}
        self._absent: set[str] = set()
        self._kept = bool(self._table("kept"))  # the tables of the last corpus pass (``kg.tables``)

    def _read(self, query: str, **params) -> list:
        import neo4j

        from paperkg.graph.neo4j_backend import bolt_errors

        with bolt_errors("reading from Neo4j for the addition"):
            records = self.driver.execute_query(query, database_=self.database,
                                                routing_=neo4j.RoutingControl.READ, **params).records
        self.statements_sent += 1
        self.rows_read += len(records)
        return records

    def _batched(self, query: str, name: str, values: Iterable, **params) -> list:
        values = sorted(set(values))
        out = []
        for at in range(0, len(values), BATCH):
            out += self._read(query, **{name: values[at:at + BATCH]}, **params)
        return out

    # -- lookups ------------------------------------------------------------------------------------
    def paper_count(self) -> int:
        if self._count is None:
            self._count = self._read(_COUNT_PAPERS)[0]["papers"]
        return self._count

    def _table(self, name: str) -> dict[str, Any]:
        from paperkg.graph.neo4j_backend import READ_TABLE

        return {r["key"]: json.loads(r["value"]) for r in self._read(READ_TABLE, table=name)}

    def _orders(self, pids: Iterable[str]) -> dict[str, int | None]:
        """Paper id -> ``order`` (``None`` if written without it) of the papers of ``pids`` on the server."""
        wanted = {p for p in pids if p not in self._order and p not in self._absent}
        found = {r["id"]: r["order"] for r in self._batched(_ORDER, "ids", wanted)}
        self._order.update(found)
        self._absent |= wanted - found.keys()
        return self._order

    def paper_order(self, pids: Iterable[str]) -> list[str]:
        """Corpus order (``order``), then the smallest id (graphs written without it); papers not on the
        server last, as given."""
        pids = list(pids)
        order = self._orders(pids)
        return sorted(pids, key=lambda p: _place(order[p], p) if p in order else (2, 0, ""))

    def matched_counts(self) -> dict[str, int] | None:
        return self._table("matched") if self._kept else None

    def kept_entities(self, pids: Iterable[str]) -> dict[str, list[dict]]:
        """Paper id -> its entities as kept on the Paper node (``kept``; papers written without it are left out)."""
        return {r["id"]: json.loads(r["kept"]) for r in self._batched(_KEPT, "ids", pids)}

    def strong_table(self) -> StrongTable:
        """The table the last build kept, or, on a graph written without it, the table over the papers' strong
        relations (by paper id)."""
        if self._kept:
            return StrongTable.from_rows(self._table("strong"), self._table("acronyms"))
        rows = []
        for rel, targets, condition in _STRONG:
            for target in targets:
                params = {"rules": sorted(STRONG_DATA_RULES)} if "$rules" in condition else {}
                rows += [(r["paper"], r["target"], r["name"], rel.value, dict(r["props"]))
                         for r in self._read(_strong(rel, target, condition), **params)]
        by_paper: dict[str, list] = defaultdict(list)
        for pid, target, name, rel, props in rows:
            by_paper[pid].append((target, name, rel, props))
        meta = self.view.meta
        papers = sorted(set(by_paper) | {f"paper:{k}" for k in meta.get("blocked", {})})
        return strong_table_of(((pid, sorted(by_paper.get(pid, ()), key=lambda r: (r[0], r[2]))) for pid in papers),
                               meta)

    def entities_with_keys(self, keys: Iterable[Key], forms_only: bool = False) -> dict[Key, set[str]]:
        wanted = {qualified(k) for k in keys}
        found: dict[Key, set[str]] = defaultdict(set)
        if not wanted:
            return found
        for label in _ENTITY_LABELS:
            for record in self._batched(_with_keys(label), "keys", wanted):
                for key in set(record["form_keys" if forms_only else "keys"] or ()) & wanted:
                    found[unqualified(key)].add(record["id"])
        return dict(found)

    def papers_with_phrases(self, keys: Iterable[Key]) -> set[str]:
        return {record["id"] for record in self._batched(_PHRASED, "keys", map(qualified, keys))}

    def papers_containing(self, phrases: Iterable[str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for record in self._batched(_CONTAINING, "phrases", {p.lower() for p in phrases if p}):
            found[record["phrase"]] = set(record["ids"])
        return found

    def papers_known_by(self, keys: Iterable[str], titles: bool) -> dict[str, str]:
        keys = set(keys)
        title_keys = sorted(k for k in keys if k.startswith("title:")) if titles else []
        out: dict[str, tuple] = {}
        values = sorted(keys)
        for at in range(0, max(len(values), 1), BATCH):
            for record in self._read(_KNOWN_BY, keys=values[at:at + BATCH], titles=title_keys):
                place = _place(record["order"], record["id"])
                for key in [*(record["identity"] or ()), *([record["title_key"]] if titles and record["title_key"] else [])]:
                    if key in keys and (key not in out or place < out[key]):
                        out[key] = place
        return {key: place[2] for key, place in out.items()}

    def has_title_references(self) -> bool:
        return self._read(_TITLE_REFS, prefix="title:")[0]["found"] > 0

    def results_naming(self, keys: Iterable[Key]) -> set[str]:
        return {r["id"] for r in self._batched(_RESULTS, "keys", {qualified(k) for k in keys})}

    # -- fetching into the view ---------------------------------------------------------------------
    def _add_node(self, props: dict, labels=None) -> str:
        props = strip_lookups(dict(props))
        nid = props.pop("id")
        if nid not in self.view.nx and nid not in self.dropped:
            label = props.pop("label", None) or next(iter(labels or ()), None)
            self.view.nx.add_node(nid, label=label, **props)
        return nid

    def _add_edge(self, source: str, target: str, rel: str, props: dict) -> None:
        dropped = {source, target, (source, target, rel)} & self.dropped
        if not dropped and not self.view.nx.has_edge(source, target, key=rel):
            self.view.nx.add_edge(source, target, key=rel, type=rel, **props)

    def _labelled(self, props: dict, labels) -> dict:
        label = next((l for l in labels if l in {x.value for x in Label}), None)
        return {**props, "label": label}

    def fetch(self, *, entities=(), papers=(), nodes=(), cited=()) -> None:
        entities = set(entities) - self._fetched["entities"]
        papers = set(papers) - self._fetched["papers"]
        nodes = {n for n in nodes if n not in self._fetched["nodes"] and n not in self.view.nx}
        cited = set(cited) - self._fetched["cited"]
        self._fetched["entities"] |= entities
        self._fetched["papers"] |= papers
        self._fetched["nodes"] |= nodes
        self._fetched["cited"] |= cited
        if nodes:
            self._fetch_nodes(nodes)
        if entities:
            self._fetch_nodes(entities)
            for label, wanted in _by_label(entities).items():
                if label not in _ENTITY_LABELS:
                    continue
                for r in self._batched(_into(label), "ids", wanted):
                    self._add_node(self._labelled(dict(r["node"]), [Label.PAPER.value]))
                    self._add_edge(r["source"], r["target"], r["type"], dict(r["props"]))
        if papers:
            self._fetch_nodes({p for p in papers if p not in self.view.nx})
            for r in self._batched(_OUT_OF_PAPERS, "ids", papers):
                target = self._add_node(self._labelled(dict(r["node"]), r["labels"]))
                self._add_edge(r["source"], target, r["type"], dict(r["props"]))
            for r in self._batched(_AUTHORS_OF, "ids", papers):
                self._add_node(self._labelled(dict(r["node"]), [Label.AUTHOR.value]))
                self._add_edge(r["source"], r["target"], Rel.WROTE.value, dict(r["props"]))
            for r in self._batched(_OUT_OF_RESULTS, "ids", papers):
                target = self._add_node(self._labelled(dict(r["node"]), r["labels"]))
                self._add_edge(r["source"], target, r["type"], dict(r["props"]))
        if cited:
            for r in self._batched(_CITING, "ids", cited):
                self._add_node(self._labelled(dict(r["node"]), [Label.PAPER.value]))
                self._add_edge(r["source"], r["target"], Rel.CITES.value, dict(r["props"]))

    def _fetch_nodes(self, ids: set[str]) -> None:
        for label, wanted in _by_label(ids).items():
            for r in self._batched(_nodes(label), "ids", wanted):
                self._add_node({**dict(r["props"]), "label": label.value})

    # -- writing the difference ---------------------------------------------------------------------
    def apply(self, diff: GraphDiff) -> None:
        """Deleted relations, deleted nodes, written nodes (with their lookup properties), written relations
        and the metadata, each in ``UNWIND $rows`` batches of managed write transactions."""
        from paperkg.graph.neo4j_backend import (_WRITE_META, SCHEMA_VERSION, _batches, _check, _delete_nodes,
                                                 _delete_relations, _write_nodes, _write_relations, bolt_errors,
                                                 write_tables)
        from paperkg import __version__

        labels = {**diff.deleted_labels, **{n: a["label"] for n, a in diff.upsert_nodes.items()}}
        known = shipped()
        kept = kept_by_paper(diff.kept_lines)
        papers = [n for n, a in diff.upsert_nodes.items() if a["label"] == Label.PAPER.value]
        kept.update(self.kept_entities([p for p in papers if p not in kept]))  # written again: keeps what it had
        stored = self._orders(papers)
        order = {p: stored[p] for p in papers if stored.get(p) is not None}
        last = self._read(_LAST)[0]["last"]
        if last is not None:  # new papers go after the corpus, in the order of the addition
            order.update((p, at) for at, p in enumerate((p for p in papers if p not in order), last + 1))
        with bolt_errors("writing the addition to Neo4j"), self.driver.session(database=self.database) as session:
            gone: dict[tuple, list] = defaultdict(list)
            for u, v, k in diff.delete_relations:
                ends = [labels.get(n) or self.view.nx.nodes.get(n, {}).get("label") for n in (u, v)]
                if all(ends):  # ends unchanged by the addition are labelled as the view holds them
                    gone[(Rel(k), Label(ends[0]), Label(ends[1]))].append({"source": u, "target": v})
            for (rel, source, target), rows in gone.items():
                for batch in _batches(rows, BATCH):
                    session.execute_write(lambda tx, q=_delete_relations(rel, source, target), b=batch:
                                          tx.run(q, rows=b).consume())
            dropped: dict[Label, list] = defaultdict(list)
            for nid in diff.delete_nodes:
                dropped[Label(diff.deleted_labels[nid])].append(nid)
            for label, ids in dropped.items():
                for batch in _batches(ids, BATCH):
                    session.execute_write(lambda tx, q=_delete_nodes(label), b=batch: tx.run(q, ids=b).consume())
            rows: dict[Label, list] = defaultdict(list)
            for nid, attrs in diff.upsert_nodes.items():
                props = {k: v for k, v in attrs.items() if k != "label"}
                props.update(id=nid, **lookup_properties(self.view, nid, known, kept, order.get(nid)))
                rows[Label(attrs["label"])].append(_check(f"node {nid!r}", props, attrs.get("sources")))
            for label, batch_rows in rows.items():
                others = [o for o in DATA_LABELS if o != label] if label in DATA_LABELS else []
                for batch in _batches(batch_rows, BATCH):
                    session.execute_write(_write_nodes, label, others, batch)
            edges: dict[tuple, list] = defaultdict(list)
            for (u, v, k), attrs in diff.upsert_relations.items():
                props = _check(f"relation {u!r} -{k}-> {v!r}", {p: x for p, x in attrs.items() if p != "type"})
                edges[(Rel(k), Label(self.view.nx.nodes[u]["label"]), Label(self.view.nx.nodes[v]["label"]))].append(
                    {"source": u, "target": v, "props": props})
            for (rel, source, target), batch_rows in edges.items():
                for batch in _batches(batch_rows, BATCH):
                    session.execute_write(_write_relations, rel, source, target, batch)
            if self._kept:
                write_tables(session, diff.table_rows(), BATCH)
            meta = json.dumps(diff.meta, ensure_ascii=False, sort_keys=True)
            session.execute_write(lambda tx: tx.run(
                _WRITE_META, id=META_ID, json=meta, version=SCHEMA_VERSION, paperkg=__version__).consume())
        self._order, self._absent = {}, set()
