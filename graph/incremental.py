"""``build --add`` by design: the difference new papers make to a graph, without reading the whole graph.

A full build runs the corpus pass, resolution, results and citations over every line; most of that cannot change
when papers are added. ``add_papers`` redoes only what the new papers can touch:

1. the corpus pass: the strong-name table (``StrongTable``) grows by the new papers' names; a form whose entry
   changed (new, or an acronym that gained a second long form and now needs it) is looked for in the old papers'
   texts (``papers_containing``), and only those papers are matched again; a name that crosses the "too common"
   line (``common_limit``) is spread or taken back in the papers that hold it;
2. resolution: the keys of the new (and re-matched) occurrences, closed over the entities that share a key
   (``entities_with_keys``), are resolved again from their edges with ``graph.build.add_entities``: an acronym
   that gains a second expansion splits, a bare acronym becomes ambiguous, an earlier proposer demotes a later
   one, exactly as a full build does because every occurrence of every key involved takes part;
3. results that name the entities involved, authors, code, and the citations of the pairs whose evidence changed
   (explicit ones of the new papers and of papers citing a stub a new paper now is; inferred ones of the
   entities resolved again).

The old graph is read through an ``AdditionSource`` (the lookups above, and ``fetch`` of the few nodes and
relations involved into a working ``KnowledgeGraph``, the *view*); the result is a ``GraphDiff`` that the source
applies. The invariant, held by the tests: the graph after the addition equals a full build of the same inputs.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Protocol

from paperkg.extractors.corpus import (CorpusMatcher, StrongTable, _add_mentions, _drop_corpus_mentions, common_limit,
                                       rarely_data)
from paperkg.extractors.text import analysed_text
from paperkg.graph.build import (_add_code, _add_paper, _entity_lookup, _resolve_global, add_entities, author_key,
                                 line_occurrences, merge_duplicates, paper_authors, paper_id, PHRASE_PROPERTIES,
                                 phrase_properties, repo_id)
from paperkg.graph.citations import (_OWN, _NAMED, _cite, _add_inferred, _may_cite, _predates, _own_rel,
                                     _same_thing, _spellings, _target, abstract_references, distinctive_mention,
                                     heads_title, paper_index, when)
from paperkg.graph.known import shipped
from paperkg.graph.lines import _entity_from_edge, blocked_entities, paper_line, phrase_entities, phrase_keys
from paperkg.graph.names import id_key, space_key
from paperkg.graph.resolve import SPACE_PREFIX, merge_within_papers
from paperkg.graph.schema import Label, Rel, node_id
from paperkg.graph.store import KnowledgeGraph, paused_gc
from paperkg.identity import identity_keys, reference_key

#: Paper -> entity relations (the edges resolution makes).
ENTITY_RELS = frozenset({Rel.PROPOSES.value, Rel.MENTIONS.value, Rel.EVALUATES_ON.value, Rel.INTRODUCES.value,
                         Rel.ADDRESSES.value, Rel.REPORTS.value})
RESULT_RELS = frozenset({Rel.RESULT_OF.value, Rel.RESULT_ON.value, Rel.MEASURED_BY.value})
ENTITY_PREFIXES = frozenset(SPACE_PREFIX.values())
_CITES, _WROTE = Rel.CITES.value, Rel.WROTE.value

Key = tuple[str, str]  # (key space, key): what resolution joins occurrences by


class FullBuildNeeded(Exception):
    """The addition touches something the incremental path does not redo (the caller builds everything)."""


@dataclass
class GraphDiff:
    """What an addition changes: nodes and relations to write (whole property maps) and to delete, the new
    papers' lines, and the graph's ``meta`` after it. Relations are keyed ``(source, target, type)``."""

    upsert_nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    delete_nodes: set[str] = field(default_factory=set)
    deleted_labels: dict[str, str] = field(default_factory=dict)  # label of each deleted node (stores delete by label)
    upsert_relations: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    delete_relations: set[tuple[str, str, str]] = field(default_factory=set)
    lines: list[dict] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    strong_names: StrongTable | None = None  # the strong-name table after (its ``rows_changed`` are the addition's)
    matched: dict[str, int] | None = None  # papers each name is matched in, where that changed (kept counts only)
    kept_lines: list[dict] = field(default_factory=list)  # the entities of every paper resolved again, as kept

    def table_rows(self) -> dict[str, dict[str, Any]]:
        """The rows of the kept tables (``kg.tables``) the addition changed; ``None`` deletes a row."""
        if self.strong_names is None:
            return {}
        matched = {name: count or None for name, count in (self.matched or {}).items()}
        return {**self.strong_names.rows_changed(), "matched": matched}

    def summary(self) -> str:
        return (f"{len(self.upsert_nodes)} nodes and {len(self.upsert_relations)} relations written, "
                f"{len(self.delete_nodes)} nodes and {len(self.delete_relations)} relations deleted")


class AdditionSource(Protocol):
    """What ``add_papers`` asks of a stored graph (the in-memory/JSON graph, SQLite, Neo4j).

    Keys are ``(space, key)`` with space ``method``/``data``/``task``/``metric``; ids are node ids.
    """

    view: KnowledgeGraph  # the working graph: what was fetched, changed in place by the addition
    dropped: set  # node ids and (source, target, type) the addition removed from the view: never fetched again

    def paper_count(self) -> int:
        """Corpus papers (Paper nodes that are not stubs)."""

    def strong_table(self) -> StrongTable:
        """The corpus's strong-name table, in corpus order (``StrongTable.add`` over every paper's entities as
        ``lines_from_graph`` gives them)."""

    def entities_with_keys(self, keys: Iterable[Key], forms_only: bool = False) -> dict[Key, set[str]]:
        """Entity ids per key: a key of a name or alias (``space_key``), and unless ``forms_only`` also of a
        gazetteer id its relations carry or its name is listed as (``id_key``)."""

    def papers_with_phrases(self, keys: Iterable[Key]) -> set[str]:
        """Ids of the papers keeping a task phrase (``task_phrases``: it makes no node) with one of ``keys``."""

    def papers_containing(self, phrases: Iterable[str]) -> dict[str, set[str]]:
        """Lower-case phrase -> ids of the corpus papers whose analysed text, lower-cased, contains it."""

    def papers_known_by(self, keys: Iterable[str], titles: bool) -> dict[str, str]:
        """Identity key (``doi:...``, ``arxiv:...``, a paper key; ``title:...`` when ``titles``) -> corpus
        paper id, as ``citations.paper_index`` maps them (the first paper of the corpus wins)."""

    def has_title_references(self) -> bool:
        """Whether any corpus paper has a ``title:`` reference (the build then indexes titles)."""

    def matched_counts(self) -> dict[str, int] | None:
        """Name -> papers the corpus pass matched it in, as the graph keeps it; ``None`` when it keeps none."""

    def kept_entities(self, pids: Iterable[str]) -> dict[str, list[dict]] | None:
        """Paper id -> its entities as the last build resolved them (after the corpus pass); ``None`` when the
        store keeps none (the addition then reads them back from the edges)."""

    def results_naming(self, keys: Iterable[Key]) -> set[str]:
        """Result ids whose method, dataset or metric text has one of ``keys`` (``space_key``)."""

    def paper_order(self, pids: Iterable[str]) -> list[str]:
        """``pids`` in corpus order."""

    def fetch(self, *, entities: Iterable[str] = (), papers: Iterable[str] = (), nodes: Iterable[str] = (),
              cited: Iterable[str] = ()) -> None:
        """Bring into ``view``: entity nodes with their relations from papers (and those Paper nodes);
        papers with every relation from them, their authors' WROTE and their results (with the results'
        relations); plain nodes (authors, repositories, stubs) if they exist; and for ``cited`` papers the CITES
        relations into them (with the citing Paper nodes)."""

    def apply(self, diff: GraphDiff) -> None:
        """Write ``diff``: one transaction, or as close as the store allows."""


def entity_keys(view: KnowledgeGraph, nid: str, known) -> set[Key]:
    """Every key an entity node may have been joined by: its name and aliases (``space_key``), the ids their
    gazetteer listing gives (``id_key``), its own id's key and the gazetteer ids on its relations."""
    space = nid.split(":", 1)[0]
    attrs = view.nx.nodes[nid]
    forms = [attrs["name"], *attrs.get("aliases", ())]
    keys = {(space, space_key(space, f)) for f in forms}
    keys.add((space, nid.split(":", 1)[1]))
    for form in forms:
        listed = known.listed_as(space, form)
        if listed:
            keys.add((space, id_key(space, listed)))
    for _, _, data in view.nx.in_edges(nid, data=True):
        if data.get("gazetteer"):
            keys.add((space, id_key(space, data["gazetteer"])))
    keys.discard((space, ""))
    return keys


def form_keys(view: KnowledgeGraph, nid: str) -> set[Key]:
    """Keys of an entity's name and aliases: what a result's text is looked up by."""
    space = nid.split(":", 1)[0]
    attrs = view.nx.nodes[nid]
    return {(space, space_key(space, f)) for f in (attrs["name"], *attrs.get("aliases", ()))}


# -- what the stores keep and read for an addition (SQLite's lookups table, Neo4j's lookup properties) ----------
_IDENTITY_FIELDS = ("doi", "arxiv_id", "openalex_id", "s2_id", "record_id")


def qualified(key: Key) -> str:
    """A key as one string, ``space<TAB>key``: how the stores keep it."""
    return f"{key[0]}\t{key[1]}"


def unqualified(text: str) -> Key:
    space, _, key = text.partition("\t")
    return space, key


def node_lookups(kg: KnowledgeGraph, nid: str, known) -> Iterator[tuple[str, str, str]]:
    """The ``(kind, key, id)`` keys an addition looks node ``nid`` up by: ``entity`` and ``form`` keys of an
    entity (``entity_keys``, ``form_keys``), ``identity`` and ``title`` keys of a corpus paper
    (``citations.paper_index``) and the ``phrase`` keys of its task phrases, ``result`` keys of a result; none for
    other nodes."""
    attrs = kg.nx.nodes[nid]
    if nid.split(":", 1)[0] in ENTITY_PREFIXES:
        for key in sorted(map(qualified, entity_keys(kg, nid, known))):
            yield "entity", key, nid
        for key in sorted(map(qualified, form_keys(kg, nid))):
            yield "form", key, nid
    elif attrs.get("label") == Label.PAPER.value and not attrs.get("stub"):
        line = {"key": nid.split(":", 1)[1], **{k: attrs[k] for k in _IDENTITY_FIELDS if attrs.get(k)}}
        identity = paper_index([line])
        for key in identity:
            yield "identity", key, nid
        for key in set(paper_index([{**line, "title": attrs.get("title")}], with_titles=True)) - set(identity):
            yield "title", key, nid
        for key in sorted({qualified(k) for entity in phrase_entities(attrs) for k in phrase_keys(entity)}):
            yield "phrase", key, nid
    elif attrs.get("label") == Label.RESULT.value:
        for key in sorted({qualified((space, space_key(space, str(attrs[f])))) for f, space in
                           (("method", "method"), ("dataset", "data"), ("metric", "metric")) if attrs.get(f)}):
            yield "result", key, nid


def strong_table_of(papers: Iterable[tuple[str, Iterable[tuple[str, str, str, dict]]]], meta: dict) -> StrongTable:
    """``StrongTable`` over each paper's strong relations, ``(paper id, [(target, target name, relation,
    properties), ...])`` in corpus order, and its blocked entities: what a store gives without a whole graph."""
    table = StrongTable()
    scratch = KnowledgeGraph()
    for pid, relations in papers:
        for target, name, rel, props in relations:
            scratch.nx.add_node(target, name=name)
            entity = _entity_from_edge(scratch, target, rel, props)
            if entity is not None:
                table.add(entity)
        for entity in blocked_entities(meta, pid.split(":", 1)[1]):
            table.add(entity)
    return table


def _recount(kept: dict[str, int], names_old, names_new, rematch: set[str], changed: dict[str, dict],
             new_pids: list[str], matched, matcher) -> dict[str, int]:
    """The papers each name is matched in after the addition, for the names whose count changes: only the
    papers matched again, the changed and the new ones can count differently from what the graph ``kept``."""
    def named(hits, names) -> set[str]:
        return {names[f]["name"] for _s, _e, f in hits}

    delta: Counter = Counter()
    for pid in rematch | set(changed):
        delta.subtract(named(matched(pid, False), names_old))
        delta.update(named(matcher.find(_line_text(changed[pid])) if pid in changed else matched(pid, True),
                           names_new))
    for pid in new_pids:
        delta.update(named(matched(pid, True), names_new))
    return {name: kept.get(name, 0) + d for name, d in delta.items() if d}


def _as_matched(entry: dict | None) -> dict | None:
    """A strong-name entry as matching and adding mentions read it (the count of papers naming it aside)."""
    return None if entry is None else {k: v for k, v in entry.items() if k != "papers"}


def _line_text(line: dict) -> str:
    return analysed_text(line.get("title") or "", line.get("abstract") or "")


class Addition:
    """One ``add_papers`` run: its working state and steps, in order (see the module docstring)."""

    def __init__(self, source: AdditionSource, overrides, known=None):
        self.source = source
        self.view = source.view
        self.overrides = overrides
        self._occurrences: dict[str, tuple[list, list]] = {}  # paper id -> line_occurrences, the same every round
        self._occurrence_keys: dict[str, list[set[Key]]] = {}  # paper id -> the keys of each occurrence, merged
        self._from_edges: set[str] = set()  # old papers whose lines are read from their edges, not kept
        self.phrase_papers: set[str] = set()  # old papers keeping a task phrase of a closure key
        self.closure_keys: set[Key] = set()  # the keys the last resolution round took part with
        self.known = known or shipped()
        self.touched_nodes: set[str] = set()
        self.touched_edges: set[tuple[str, str, str]] = set()
        self.timings: dict[str, float] = {}
        self.dropped_labels: dict[str, str] = {}
        self._clock = time.perf_counter()

    def kept_lines(self, pids: Iterable[str], corpus: bool, whole: bool = True) -> dict[str, dict]:
        """Old papers' lines as their last resolution saw them: the store's kept entities (without the corpus
        pass's mentions unless ``corpus``), else read back from their edges (``paper_line``). Not ``whole``:
        only the key and the entities, what resolution reads."""
        pids = list(pids)
        kept = self.source.kept_entities(pids)  # decoded anew: the lines may be changed in place
        lines = {}
        for pid in pids:
            if kept is None or pid not in kept:
                lines[pid] = paper_line(self.view, pid, corpus)
                continue
            if whole:
                line = paper_line(self.view, pid, entities=kept[pid])
            else:
                line = {"key": pid.split(":", 1)[1], "entities": kept[pid]}
            if not corpus:
                _drop_corpus_mentions(line)
            lines[pid] = line
        return lines

    def _lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self._clock, 3)
        self._clock = now

    # -- the view, changed with a record of what changed ----------------------------------------------
    def _put_node(self, nid: str, attrs: dict) -> None:
        if nid in self.view.nx:
            node = self.view.nx.nodes[nid]
            node.clear()
            node.update(attrs)
        else:
            self.view.nx.add_node(nid, **attrs)
        self.view._index = None
        self.touched_nodes.add(nid)
        self.source.dropped.discard(nid)

    def _drop_node(self, nid: str) -> None:
        if nid in self.view.nx:
            self.dropped_labels[nid] = self.view.nx.nodes[nid]["label"]
            for u, v, k in [*self.view.nx.in_edges(nid, keys=True), *self.view.nx.out_edges(nid, keys=True)]:
                self.touched_edges.add((u, v, k))
            self.view.nx.remove_node(nid)
            self.view._index = None
        self.touched_nodes.add(nid)
        self.source.dropped.add(nid)

    def _put_edge(self, u: str, v: str, k: str, attrs: dict) -> None:
        data = self.view.nx.get_edge_data(u, v, key=k)
        if data is None:
            self.view.nx.add_edge(u, v, key=k, **attrs)
        else:
            data.clear()
            data.update(attrs)
        self.touched_edges.add((u, v, k))
        self.source.dropped.discard((u, v, k))

    def _drop_edge(self, u: str, v: str, k: str) -> None:
        if self.view.nx.has_edge(u, v, key=k):
            self.view.nx.remove_edge(u, v, key=k)
        self.touched_edges.add((u, v, k))
        self.source.dropped.add((u, v, k))

    # -- 1. the corpus pass ---------------------------------------------------------------------------
    def corpus(self, new_lines: list[dict], changed_old: list[dict]) -> dict[str, dict]:
        """Corpus mentions of the new lines, and the old papers whose corpus mentions change: ``{pid: line}``
        with the line matched again (the changed old lines are matched in place)."""
        for line in [*new_lines, *changed_old]:
            _drop_corpus_mentions(line)
        old_table = self.source.strong_table()
        table = old_table.copy()
        for line in new_lines:
            for entity in line.get("entities") or []:
                table.add(entity)
        self.strong_names = table
        self.recounted: dict[str, int] | None = None
        names_old = old_table.names()
        names_new = table.names(before=names_old)
        self._lap("strong names")
        n_old = self.source.paper_count()
        n_new = n_old + len(new_lines)
        limit_old, limit_new = common_limit(n_old), common_limit(n_new)
        touched = {f for f in names_old.keys() | names_new.keys() if names_old.get(f) != names_new.get(f)}
        # a form whose entry changed only in how many papers name it strongly matches as before: no paper
        # holding it needs matching again, though the count may make the name "rarely data" (a candidate below)
        changed_forms = {f for f in touched if _as_matched(names_old.get(f)) != _as_matched(names_new.get(f))}
        recounted = {names[f]["name"] for f in touched - changed_forms for names in (names_old, names_new)}
        matchers = {True: CorpusMatcher(names_new, compiled=False), False: CorpusMatcher(names_old, compiled=False)}
        self._lap("matchers")
        texts: dict[str, str] = {}
        found_new: dict[str, list] = {}
        found_old: dict[str, list] = {}

        def text_of(pid: str) -> str:
            if pid not in texts:
                self.source.fetch(papers=[pid])
                texts[pid] = _line_text(self.view.nx.nodes[pid])
            return texts[pid]

        def matched(pid: str, new: bool) -> list:
            cache = found_new if new else found_old
            if pid not in cache:
                cache[pid] = matchers[new].find(text_of(pid))
            return cache[pid]

        new_pids = [paper_id(line["key"]) for line in new_lines]
        for pid, line in zip(new_pids, new_lines):
            texts[pid] = _line_text(line)
            found_new[pid] = matchers[True].find(texts[pid])
        containing = self.source.papers_containing(changed_forms)
        rematch = set().union(*containing.values()) if containing else set()
        self.source.fetch(papers=rematch)
        for pid in rematch:
            matched(pid, True)
            matched(pid, False)

        def names_in(found: dict, names: dict, pids) -> set[str]:
            return {names[f]["name"] for pid in pids for _s, _e, f in found.get(pid, ())}

        kept = self.source.matched_counts()
        if kept is not None:
            changed = {paper_id(line["key"]): line for line in changed_old}
            self.recounted = _recount(kept, names_old, names_new, rematch, changed, new_pids, matched,
                                      matchers[True])
            counted = (kept, self.recounted)
        else:
            counted = None
        candidates = names_in(found_new, names_new, [*new_pids, *rematch]) | names_in(found_old, names_old, rematch)
        candidates |= recounted
        if limit_old != limit_new:
            candidates |= {info["name"] for info in [*names_old.values(), *names_new.values()]}
        common_old, common_new = self._common(candidates, names_old, names_new, limit_old, limit_new,
                                              new_pids, matched, counted)
        flipped = {n for n in candidates if (n in common_old) != (n in common_new)}
        flip_forms = {f for names in (names_old, names_new) for f, info in names.items() if info["name"] in flipped}
        flip_papers = set().union(*self.source.papers_containing(flip_forms).values()) if flip_forms else set()
        redo = rematch | flip_papers
        self.source.fetch(papers=redo)
        # every name matched in a paper matched again needs its status, whether or not it changed
        extra = names_in({p: matched(p, True) for p in redo}, names_new, redo) - candidates
        if extra:
            more_old, more_new = self._common(extra, names_old, names_new, limit_old, limit_new, new_pids, matched,
                                              counted)
            common_new |= more_new
        for pid, line in zip(new_pids, new_lines):
            _add_mentions(line, [m for m in found_new[pid] if names_new[m[2]]["name"] not in common_new],
                          names_new, texts[pid])
        changed_pids = {paper_id(line["key"]) for line in changed_old}
        for line in changed_old:
            pid = paper_id(line["key"])
            text = _line_text(line)
            hits = matchers[True].find(text)
            _add_mentions(line, [m for m in hits if names_new[m[2]]["name"] not in common_new], names_new, text)
        rematched: dict[str, dict] = {}
        for pid, line in self.kept_lines(self.source.paper_order(redo - changed_pids), corpus=False).items():
            _add_mentions(line, [m for m in matched(pid, True) if names_new[m[2]]["name"] not in common_new],
                          names_new, text_of(pid))
            rematched[pid] = line
        self.stats_corpus = {"changed_forms": len(changed_forms), "recounted": len(recounted),
                             "rematched": len(rematch), "flipped": len(flipped), "redone": len(redo)}
        self._lap("corpus pass")
        return rematched

    def _common(self, names: set[str], names_old, names_new, limit_old, limit_new, new_pids, matched, counted=None):
        """Which of ``names`` were too common to spread before and after the addition: from the counts the
        graph keeps (``counted``: before, and the names whose count changed after), or else by matching the
        texts of the papers that hold their forms."""
        forms_of: dict[str, dict[bool, set[str]]] = defaultdict(lambda: {False: set(), True: set()})
        for new, table in ((False, names_old), (True, names_new)):
            for form, info in table.items():
                if info["name"] in names:
                    forms_of[info["name"]][new].add(form)
        if counted is not None:
            before, after = counted
            common = {False: set(), True: set()}
            for name in names:
                for new, limit, table in ((False, limit_old, names_old), (True, limit_new, names_new)):
                    info = next((table[f] for f in forms_of[name][new]), None)
                    count = after.get(name, before.get(name, 0)) if new else before.get(name, 0)
                    if count > limit or info is not None and info["type"] in ("dataset", "benchmark") \
                            and rarely_data(info, count):
                        common[new].add(name)
            return common[False], common[True]
        phrases = {f for both in forms_of.values() for forms in both.values() for f in forms}
        holding = self.source.papers_containing(phrases) if phrases else {}
        common_old, common_new = set(), set()
        for name in names:
            for new, limit, out in ((False, limit_old, common_old), (True, limit_new, common_new)):
                table = names_new if new else names_old
                info = next((table[f] for f in forms_of[name][new]), None)
                data = info is not None and info["type"] in ("dataset", "benchmark")
                pids = set().union(*(holding.get(f, set()) for f in forms_of[name][new]))
                extra = new_pids if new else []
                if len(pids) + len(extra) <= limit and not data:
                    continue  # cannot be matched in more papers than hold its forms
                count = sum(1 for pid in [*pids, *extra] if any(table[f]["name"] == name for _s, _e, f in matched(pid, new)))
                if count > limit or data and rarely_data(info, count):
                    out.add(name)
        return common_old, common_new

    # -- 2. resolution --------------------------------------------------------------------------------
    def closure(self, lines: list[dict]) -> tuple[set[str], set[Key]]:
        """The old entities that share a key, directly or through each other, with the occurrences of
        ``lines``: resolving them again with those occurrences gives what a full build gives."""
        keys: set[Key] = set()
        for line in lines:
            occurrences, originals = line_occurrences(line, self.known)
            for occ in merge_within_papers(occurrences, originals)[0]:
                keys |= {(occ.space, k) for k in (*occ.strong_keys(), *occ.alias_keys())}
        return self.grow(set(), set(), keys)

    def id_rivals(self, ids: set[str]) -> set[Key]:
        """The keys of the old entities holding ``ids`` or their numbered forms (``task:x``, ``task:x-2``, ...):
        entities that take an id in turn must be resolved together, or they would not get a full build's ids."""
        keys: set[Key] = set()
        for nid in ids:
            space, _, key = nid.partition(":")
            base = re.sub(r"-\d+$", "", key)
            n, candidate = 1, base
            while self.source.entities_with_keys([(space, candidate)]):
                keys.add((space, candidate))
                n += 1
                candidate = f"{base}-{n}"
        return keys

    def grow(self, entities: set[str], keys: set[Key], more: set[Key]) -> tuple[set[str], set[Key]]:
        """``entities`` and their ``keys`` closed again over ``more`` keys (see :meth:`closure`)."""
        entities, frontier = set(entities), set(more) - keys
        keys = keys | frontier
        merges = self.overrides.merge_keys() if self.overrides is not None else []
        while frontier:
            for space, merged in merges:
                if any((space, k) in frontier for k in merged):
                    frontier |= {(space, k) for k in merged} - keys
                    keys |= frontier
            found = set().union(*self.source.entities_with_keys(frontier).values()) - entities
            self.source.fetch(entities=found)
            entities |= found
            phrased = self.source.papers_with_phrases(k for k in frontier if k[0] == "task") - self.phrase_papers
            if phrased:
                self.source.fetch(papers=phrased)
                self.phrase_papers |= phrased
            frontier = set().union(*(entity_keys(self.view, nid, self.known) for nid in found)) - keys
            keys |= frontier
        return entities, keys

    def _old_papers(self, full_lines: dict[str, dict], old_entities: set[str]) -> list[str]:
        """The old papers with an entity edge into ``old_entities`` or a task phrase of the closure's keys, in
        corpus order."""
        papers: dict[str, None] = dict.fromkeys(self.phrase_papers)
        for nid in old_entities:
            for pid, _, k in self.view.nx.in_edges(nid, keys=True):
                if k in ENTITY_RELS:
                    papers[pid] = None
        return self.source.paper_order(set(papers) - set(full_lines))

    def settle(self, full_lines: dict[str, dict], old_entities: set[str], keys: set[Key]) -> tuple[set[str], set[Key]]:
        """The closure grown, before any resolution, over every key of the old occurrences that take part (one
        of their keys is in it) until none is left outside: a resolution round costs as much as finding them
        (about 25 s for 1,000 papers added to 75k), and an occurrence met by its acronym may carry a long form no
        entity of the closure holds. Papers whose lines are read from edges are left to ``add_papers``'s rounds."""
        seen: set[str] = set()
        while True:
            pids = self._old_papers(full_lines, old_entities)
            fresh = [pid for pid in pids if pid not in seen and pid not in self._occurrences]
            kept = self.source.kept_entities(fresh) if fresh else {}
            if kept is None:
                return old_entities, keys
            for pid in fresh:
                if pid in kept:
                    self._line_occurrences({"key": pid.split(":", 1)[1], "entities": kept[pid]}, self.known)
            seen.update(pids)
            more: set[Key] = set()
            for pid in pids:
                for own in self._occurrence_keys.get(pid, ()):
                    if not own.isdisjoint(keys):
                        more |= own
            if not (more := more - keys):
                return old_entities, keys
            old_entities, keys = self.grow(old_entities, keys, more)

    def resolve(self, full_lines: dict[str, dict], old_entities: set[str], keys: set[Key]) -> KnowledgeGraph:
        """Entities and entity edges of every paper involved, resolved as a full build does, in a scratch graph:
        the old papers take part with their occurrences of ``keys`` (the closure's) only."""
        old_papers = self._old_papers(full_lines, old_entities)
        kept = self.source.kept_entities([pid for pid in old_papers if pid not in self._occurrences])
        self.closure_keys = keys
        sub_lines = []
        for pid in old_papers:
            attrs = self.view.nx.nodes[pid]
            line = {"key": pid.split(":", 1)[1],
                    **{k: attrs[k] for k in ("title", "date", "year", "arxiv_id") if k in attrs}}
            if pid in self._occurrences:
                pass  # resolved in an earlier round: its occurrences are known
            elif kept is not None and pid in kept:
                line["entities"] = kept[pid]
            else:  # a store that keeps no entities (or a paper written before it did): its edges into them
                self._from_edges.add(pid)  # which depend on the closure: found again each round
                line["entities"] = [entity for _, target, rel, data in self.view.nx.out_edges(pid, keys=True, data=True)
                                    if target in old_entities and rel in ENTITY_RELS
                                    for entity in [_entity_from_edge(self.view, target, rel, data, corpus=True)]
                                    if entity]
                line["entities"] += [e for e in phrase_entities(attrs) if not phrase_keys(e).isdisjoint(keys)]
            sub_lines.append(line)
        sub_lines += list(full_lines.values())
        sub = KnowledgeGraph()
        for line in sub_lines:
            _add_paper(sub, line)
        from paperkg.graph.overrides import Overrides

        overrides = Overrides(self.overrides.data) if self.overrides is not None else None

        self.part_keys: set[Key] = set()  # the keys of every occurrence taking part: the closure must hold them

        def takes_part(occ) -> bool:
            own = [(occ.space, k) for k in (*occ.strong_keys(), *occ.alias_keys())]
            if occ.paper in full_lines or any(k in keys for k in own):
                self.part_keys.update(own)
                return True
            return False

        add_entities(sub, sub_lines, overrides, keep=takes_part if kept is not None else None,
                     find_occurrences=self._line_occurrences)
        return sub

    def _line_occurrences(self, line: dict, known) -> tuple[list, list]:
        """``line_occurrences`` found once per paper and copied for each round (resolution changes them)."""
        pid = paper_id(line["key"])
        if pid in self._from_edges:
            return line_occurrences(line, known)
        if pid not in self._occurrences:
            found, where = self._occurrences[pid] = line_occurrences(line, known)
            for occ in found:
                occ.alias_keys()  # computed once: each round's copies carry them
            merged = merge_within_papers([occ.copy() for occ in found], list(where))[0]
            self._occurrence_keys[pid] = [{(occ.space, k) for k in (*occ.strong_keys(), *occ.alias_keys())}
                                          for occ in merged]
        found, where = self._occurrences[pid]
        return [occ.copy() for occ in found], list(where)

    def clashes(self, sub: KnowledgeGraph, old_entities: set[str]) -> set[str]:
        """Ids the resolution gave that old entities outside the closure hold."""
        new_entities = {n for n, a in sub.nx.nodes(data=True) if a["label"] != Label.PAPER.value} - old_entities
        self.source.fetch(nodes=new_entities)
        return {n for n in new_entities if n in self.view.nx}

    def splice_entities(self, sub: KnowledgeGraph, old_entities: set[str], full_lines: dict[str, dict]) -> set[str]:
        """Replace the old entities and their edges with the resolved ones; returns the new entity ids."""
        new_entities = {n for n, a in sub.nx.nodes(data=True) if a["label"] != Label.PAPER.value}
        self.source.fetch(nodes=new_entities - old_entities)
        clash = self.clashes(sub, old_entities)
        if clash:
            raise FullBuildNeeded(f"new entity ids {sorted(clash)[:3]} are taken by entities not re-resolved")
        papers = [n for n, a in sub.nx.nodes(data=True) if a["label"] == Label.PAPER.value]
        for pid in papers:
            old = {(pid, v, k) for _, v, k in self.view.nx.out_edges(pid, keys=True)
                   if k in ENTITY_RELS and (v in old_entities or pid in full_lines)} if pid in self.view.nx else set()
            new = {(pid, v, k): d for _, v, k, d in sub.nx.out_edges(pid, keys=True, data=True)}
            for edge in old - new.keys():
                self._drop_edge(*edge)
            if pid in full_lines:
                self._put_node(pid, dict(sub.nx.nodes[pid]))
            for (u, v, k), d in new.items():
                if v not in self.view.nx:
                    self._put_node(v, dict(sub.nx.nodes[v]))
                if _same_but_order(self.view.nx.get_edge_data(u, v, key=k), d):
                    continue  # read back from the edge, only its names' order moved: a full build keeps it
                self._put_edge(u, v, k, dict(d))
        for pid in papers:
            if pid not in full_lines:
                self._settle_phrases(pid, sub.nx.nodes[pid])
        for nid in new_entities:
            self._put_node(nid, dict(sub.nx.nodes[nid]))
        for nid in old_entities - new_entities:
            self._drop_node(nid)
        blocked = self.view.meta.get("blocked", {})
        for pid, line in full_lines.items():
            key = line["key"]
            kept = sub.meta.get("blocked", {}).get(key)
            if kept:
                blocked[key] = kept
            else:
                blocked.pop(key, None)
        if blocked:
            self.view.meta["blocked"] = blocked
        else:
            self.view.meta.pop("blocked", None)
        return new_entities

    def _settle_phrases(self, pid: str, resolved: dict) -> None:
        """An old paper's task phrases after resolving again (``resolved``: the scratch graph's Paper node):
        those of keys outside the closure as they were, those inside as the resolution left them (a phrase a new
        paper shares became a node)."""
        attrs = self.view.nx.nodes[pid]
        entities = [e for e in phrase_entities(attrs) if phrase_keys(e).isdisjoint(self.closure_keys)]
        entities += phrase_entities(resolved)
        phrases = phrase_properties(entities) if entities else {}
        if phrases.get("task_phrases") != attrs.get("task_phrases"):
            self._put_node(pid, {**{k: v for k, v in attrs.items() if k not in PHRASE_PROPERTIES}, **phrases})

    # -- 3. results, code, authors ---------------------------------------------------------------------
    def results(self, new_lines: list[dict], keys: set[Key]) -> None:
        """Results of the new papers, and old results whose text names an entity resolved again."""
        wanted: set[Key] = set(keys)
        for line in new_lines:
            for result in line.get("results") or []:
                for field_name, space in (("method", "method"), ("dataset", "data"), ("metric", "metric")):
                    if result.get(field_name) not in (None, ""):
                        wanted.add((space, space_key(space, str(result[field_name]))))
        cache = self._global_names(wanted)
        for line in new_lines:
            from paperkg.graph.build import _add_results

            pid = paper_id(line["key"])
            _add_results(self.view, line, cache)
            for _, rid, k in self.view.nx.out_edges(pid, keys=True):
                if k == Rel.HAS_RESULT.value:
                    self.touched_nodes.add(rid)
                    self.touched_edges.add((pid, rid, k))
                    self.touched_edges.update((rid, t, kk) for _, t, kk in self.view.nx.out_edges(rid, keys=True))
        new_rids = {rid for rid in self.touched_nodes if rid.startswith("result:")}
        old = self.source.results_naming(keys) - new_rids
        self.source.fetch(nodes=old)
        papers = {self.view.nx.nodes[rid]["paper"] for rid in old if rid in self.view.nx}
        self.source.fetch(papers=papers)
        # a result recomputed for one field looks its other fields up too: their keys go in the cache
        fields = {(space, space_key(space, str(self.view.nx.nodes[rid][f]))) for rid in old if rid in self.view.nx
                  for f, space in (("method", "method"), ("dataset", "data"), ("metric", "metric"))
                  if self.view.nx.nodes[rid].get(f)}
        cache.update(self._global_names(fields - set(cache)))
        locals_: dict[str, dict] = {}
        for rid in sorted(old):
            if rid not in self.view.nx:
                continue
            attrs = self.view.nx.nodes[rid]
            pid = attrs["paper"]
            local = locals_.setdefault(pid, _entity_lookup(self.view, pid))
            new = set()
            for field_name, space, rel in (("method", "method", Rel.RESULT_OF), ("dataset", "data", Rel.RESULT_ON),
                                          ("metric", "metric", Rel.MEASURED_BY)):
                text = attrs.get(field_name)
                if not text:
                    continue
                target = local.get((space, space_key(space, text))) or _resolve_global(self.view, space, text, cache)
                if target is not None:
                    new.add((rid, target, rel.value))
            old_edges = {(rid, v, k) for _, v, k in self.view.nx.out_edges(rid, keys=True) if k in RESULT_RELS}
            for edge in old_edges - new:
                self._drop_edge(*edge)
            for edge in new - old_edges:
                self._put_edge(*edge, {"type": edge[2]})

    def _global_names(self, keys: set[Key]) -> dict:
        """``_resolve_global``'s cache for ``keys``, as a scan of the graph after the addition would fill it."""
        found = self.source.entities_with_keys(keys, forms_only=True)
        self.source.fetch(nodes={nid for ids in found.values() for nid in ids})  # a server's view holds only what it fetched
        cache: dict = {("", ""): set()}  # never empty: an empty cache makes _resolve_global scan the graph
        for key in keys:
            ids = {n for n in found.get(key, ()) if n in self.view.nx and key in form_keys(self.view, n)}
            cache[key] = ids
        for nid in self.touched_nodes:  # entities this addition made or renamed: the source does not know them yet
            if nid in self.view.nx and nid.split(":", 1)[0] in ("method", "data", "task", "metric"):
                for key in form_keys(self.view, nid) & keys:
                    cache[key].add(nid)
        return cache

    def code_and_authors(self, new_lines: list[dict], changed: list[dict]) -> None:
        for line in new_lines:
            repos = [found[0] for e in line.get("entities", ()) if e.get("type") == "code" and e.get("name")
                     for found in [repo_id(e["name"])] if found]
            self.source.fetch(nodes=repos)
            _add_code(self.view, line)
            pid = paper_id(line["key"])
            for rid in repos:
                self.touched_nodes.add(rid)
                self.touched_edges.add((pid, rid, Rel.HAS_CODE.value))
                self.view.nx.nodes[rid]["papers"] = sorted(self.view.nx.nodes[rid]["papers"])
        for line in [*changed, *new_lines]:
            pid = paper_id(line["key"])
            authors = paper_authors(line)
            self.source.fetch(nodes=["author:" + key for key, _ in authors])
            wanted = {}
            for position, (key, author) in enumerate(authors):
                aid = "author:" + key
                if aid not in self.view.nx:
                    self._put_node(aid, {k: v for k, v in {"label": Label.AUTHOR.value, "name": author["name"],
                                                           "orcid": author.get("orcid"),
                                                           "source_id": author.get("source_id")}.items() if v is not None})
                wanted[aid] = position
            for aid, _, k in list(self.view.nx.in_edges(pid, keys=True)):
                if k == _WROTE and aid not in wanted:
                    self._drop_edge(aid, pid, k)
                    papers = [p for p in self.view.nx.nodes[aid].get("papers", ()) if p != pid]
                    if papers:
                        self.view.nx.nodes[aid]["papers"] = papers
                        self.touched_nodes.add(aid)
                    else:
                        self._drop_node(aid)
            for aid, position in wanted.items():
                self._put_edge(aid, pid, _WROTE, {"type": _WROTE, "position": position})
                attrs = self.view.nx.nodes[aid]
                attrs["papers"] = sorted({*attrs.get("papers", ()), pid})
                self.touched_nodes.add(aid)

    # -- 4. citations ---------------------------------------------------------------------------------
    def citations(self, new_lines: list[dict], changed: list[dict], old_pairs: set[tuple[str, str]],
                  entities: set[str]) -> None:
        """Explicit citations of the new and changed papers and of papers citing a stub a new paper is; then
        every pair whose evidence may have changed, each recomputed whole."""
        view = self.view
        full = {paper_id(line["key"]): line for line in [*changed, *new_lines]}
        titles = self.source.has_title_references() or any(
            str(r).startswith("title:") for line in full.values() for r in line.get("references", ()))
        new_index = paper_index(new_lines, with_titles=titles)
        stub_ids = {paper_id(k) for k in new_index}
        self.source.fetch(nodes=stub_ids, cited=stub_ids)
        stub_citers = {u for sid in stub_ids if sid in view.nx and (view.nx.nodes[sid].get("stub") or sid in full)
                       for u, _, k in view.nx.in_edges(sid, keys=True) if k == _CITES} - set(full)
        self.source.fetch(papers=stub_citers)
        lines = dict(full)
        for pid in stub_citers:
            lines[pid] = paper_line(view, pid)
        wanted: set[str] = set()
        for line in lines.values():
            for ref in line.get("references", ()):
                wanted.add(str(ref))
                wanted.add(reference_key(str(ref)) or str(ref))
            if _may_cite(line.get("abstract", "")):
                wanted.update(k for k, *_ in abstract_references(_line_text(line)))
        index = self.source.papers_known_by(wanted | set(new_index), titles)
        for key, pid in new_index.items():
            index.setdefault(key, pid)
        self.source.fetch(nodes={paper_id(k) for k in wanted})
        explicit = KnowledgeGraph()
        before = set(view.nx.nodes)
        for pid, line in lines.items():
            for ref in dict.fromkeys(str(r) for r in line.get("references", ()) if r):
                _cite(explicit, pid, _target(view, index, ref), "reference", ref, None, self.overrides)
            if not _may_cite(line.get("abstract", "")):
                continue
            for key, written, start, end in abstract_references(_line_text(line)):
                target = _target(view, index, key)
                if target != pid:
                    _cite(explicit, pid, target, "abstract_id", written, [start, end], self.overrides)
        self.touched_nodes |= set(view.nx.nodes) - before  # stubs made
        pairs = set(old_pairs)
        for pid in lines:
            pairs |= {(pid, v) for _, v, k in view.nx.out_edges(pid, keys=True) if k == _CITES}
        pairs |= {(u, v) for u, v, _k in explicit.nx.edges(keys=True)}
        pairs |= self._inference_pairs(entities)
        self.source.fetch(papers={p for pair in pairs for p in pair})  # the old CITES of each pair, explicit part too
        stubs_before = {v for _, v in pairs if v in view.nx and view.nx.nodes[v].get("stub")}
        for a, b in sorted(pairs):
            self._recompute_pair(a, b, explicit if a in lines else None, entities)
        for sid in stubs_before:
            if sid in view.nx and view.nx.nodes[sid].get("stub") and not any(
                    k == _CITES for _, _, k in view.nx.in_edges(sid, keys=True)):
                self._drop_node(sid)

    def _inference_pairs(self, entities: set[str]) -> set[tuple[str, str]]:
        """(citing, owner) pairs an entity supports now (its single owner, a paper naming it)."""
        pairs = set()
        for nid in entities:
            if nid not in self.view.nx:
                continue
            owners, namers = self._owners_namers(nid)
            if len(owners) == 1:
                pairs |= {(p, owners[0]) for p, _ in namers if p != owners[0]}
        return pairs

    def _owners_namers(self, nid: str):
        owners, namers = [], []
        for source, _, rel, data in self.view.nx.in_edges(nid, keys=True, data=True):
            if rel in _OWN or data.get("prior", "gazetteer") != "gazetteer":
                owners.append(source)
            elif rel in _NAMED:
                namers.append((source, data))
        return owners, namers

    def _recompute_pair(self, a: str, b: str, explicit: KnowledgeGraph | None, entities: set[str]) -> None:
        """The CITES edge a -> b as a full build makes it: explicit part, then inferred evidence entity by
        entity in the owner's relation order."""
        view = self.view
        self.source.fetch(papers=[b])
        old = view.nx.get_edge_data(a, b, key=_CITES)
        scratch = KnowledgeGraph()
        if explicit is not None:
            data = explicit.nx.get_edge_data(a, b, key=_CITES)
        else:
            data = old if old is not None and old.get("source") == "explicit" else None
        if data is not None:
            scratch.nx.add_edge(a, b, key=_CITES, **{k: (list(v) if isinstance(v, list) else v)
                                                    for k, v in data.items() if k != "evidence"})
        nodes = view.nx.nodes
        if b in view.nx and a in view.nx:
            for _, e, rel, own_edge in list(view.nx.out_edges(b, keys=True, data=True)):
                if not (rel in _OWN or own_edge.get("prior", "gazetteer") != "gazetteer"):
                    continue
                if rel not in ENTITY_RELS:
                    continue
                namer = view.nx.get_edge_data(a, e, key=Rel.MENTIONS.value) or view.nx.get_edge_data(
                    a, e, key=Rel.EVALUATES_ON.value)
                if namer is None or namer.get("prior", "gazetteer") != "gazetteer":
                    continue
                if e in entities:
                    if not self._infers(a, b, e):
                        continue
                elif not (old and nodes[e]["name"] in old.get("evidence", ())):
                    continue
                _add_inferred(scratch, a, b, nodes[e]["name"], namer)
        new = scratch.nx.get_edge_data(a, b, key=_CITES)
        if new is None:
            if old is not None:
                self._drop_edge(a, b, _CITES)
        elif new != old:
            self._put_edge(a, b, _CITES, dict(new))

    def _infers(self, a: str, b: str, e: str) -> bool:
        """``infer_citations``'s guards for paper ``a`` citing ``b`` through entity ``e``."""
        view, nodes = self.view, self.view.nx.nodes
        owners, namers = self._owners_namers(e)
        if owners != [b] or nodes[e].get("ambiguous"):
            return False
        if _predates(nodes, namers, when(nodes[b])):
            return False
        owner_edge = view.nx.edges[b, e, _own_rel(view, b, e)]
        if not heads_title(nodes[b].get("title", ""), [nodes[e]["name"], *owner_edge.get("names", ())]):
            return False
        data = next(d for p, d in namers if p == a)
        if not distinctive_mention(nodes[a], data, _spellings(owner_edge)) or not _same_thing(owner_edge, data):
            return False
        return not (self.overrides is not None and self.overrides.blocks_citation(a, b))

    def old_pairs(self, entities: set[str]) -> set[tuple[str, str]]:
        """Pairs the old entities supported, and CITES edges carrying their names as evidence."""
        pairs = self._inference_pairs(entities)
        for nid in entities:
            for source, _, rel in self.view.nx.in_edges(nid, keys=True):
                if rel in _NAMED:
                    pairs |= {(source, v) for _, v, k, d in self.view.nx.out_edges(source, keys=True, data=True)
                              if k == _CITES and self.view.nx.nodes[nid]["name"] in d.get("evidence", ())}
        return pairs

    def diff(self, new_lines: list[dict]) -> GraphDiff:
        out = GraphDiff(lines=new_lines, meta=dict(self.view.meta), strong_names=self.strong_names,
                        matched=self.recounted)
        for nid in self.touched_nodes:
            if nid in self.view.nx:
                out.upsert_nodes[nid] = dict(self.view.nx.nodes[nid])
            else:
                out.delete_nodes.add(nid)
                if nid in self.dropped_labels:
                    out.deleted_labels[nid] = self.dropped_labels[nid]
        for u, v, k in self.touched_edges:
            data = self.view.nx.get_edge_data(u, v, key=k)
            if data is not None:
                out.upsert_relations[(u, v, k)] = dict(data)
            elif u not in out.delete_nodes and v not in out.delete_nodes:
                out.delete_relations.add((u, v, k))
        return out


#: How many times resolution is redone over a closure grown by what the last round found outside it.
_ROUNDS = 4


def add_papers(source: AdditionSource, new_lines: list[dict], changed_old: list[dict], overrides=None) -> GraphDiff:
    """The difference ``new_lines`` (extraction lines of papers the graph does not have) and ``changed_old``
    (lines of papers it has, completed by duplicates read now) make to the graph behind ``source``; the view
    is left as the graph after the addition. Raises ``FullBuildNeeded`` when only a full build can tell.
    The garbage collector is paused meanwhile, as in a whole build: over the old graph's objects its full passes
    took 30 s of a 1,000-paper addition to 75k papers, and found no cycles to free."""
    from paperkg.graph.overrides import Overrides

    with paused_gc():
        return _add_papers(source, new_lines, changed_old, Overrides.coerce(overrides))


def _add_papers(source: AdditionSource, new_lines: list[dict], changed_old: list[dict], overrides) -> GraphDiff:
    run = Addition(source, overrides)
    new_lines = merge_duplicates(new_lines)
    rematched = run.corpus(new_lines, changed_old)
    full_lines = {paper_id(line["key"]): line for line in [*changed_old, *new_lines]}
    seeds = list(full_lines.values()) + list(rematched.values())
    source.fetch(papers=list(rematched))
    old_entities, keys = run.closure(seeds + list(run.kept_lines(rematched, corpus=True, whole=False).values()))
    run._lap("closure")
    involved = dict(full_lines)
    involved.update(rematched)
    old_entities, keys = run.settle(involved, old_entities, keys)
    run._lap("settling")
    sub = run.resolve(involved, old_entities, keys)
    # an old paper took part by one key of an occurrence whose other keys lead to entities outside the closure
    # ("Video Question Answering (VQA)" reached through VQA), or the result took an id an entity outside holds:
    # close over those too and resolve again
    rounds = 0
    while more := (run.part_keys - keys) | run.id_rivals(run.clashes(sub, old_entities)):
        rounds += 1
        if rounds > _ROUNDS:
            raise FullBuildNeeded(f"the entities to resolve again did not settle in {_ROUNDS} rounds")
        old_entities, keys = run.grow(old_entities, keys, more)
        sub = run.resolve(involved, old_entities, keys)
    old_pairs = run.old_pairs(old_entities)
    old_form_keys = set().union(*(form_keys(source.view, n) for n in old_entities)) if old_entities else set()
    run._lap("resolution")
    for line in new_lines:
        source.fetch(nodes=[paper_id(line["key"])])  # a stub the new paper now is
    new_entities = run.splice_entities(sub, old_entities, involved)
    new_form_keys = set().union(*(form_keys(source.view, n) for n in new_entities)) if new_entities else set()
    run.results(new_lines, old_form_keys | new_form_keys)
    run.code_and_authors(new_lines, changed_old)
    run._lap("results, code, authors")
    run.citations(new_lines, changed_old, old_pairs, old_entities | new_entities)
    run._lap("citations")
    diff = run.diff(new_lines)
    diff.kept_lines = [{"key": line["key"], "entities": line.get("entities") or []} for line in involved.values()]
    diff.stats = {"old_entities": len(old_entities), "new_entities": len(new_entities), "keys": len(keys),
                  "rounds": 1 + rounds,
                  "papers_resolved": sum(1 for a in sub.nx.nodes.values() if a["label"] == Label.PAPER.value),
                  **run.stats_corpus, "seconds": run.timings}
    return diff


def _same_but_order(old: dict | None, new: dict) -> bool:
    """Whether an edge resolved again differs from the old one only in the order of its ``names`` (reading an
    edge back as an entity may reorder a gazetteer's forms; the paper's own line, in a full build, does not)."""
    if old is None or old.keys() != new.keys():
        return False
    return all(old[k] == new[k] for k in old if k != "names") and sorted(old.get("names", ())) == sorted(
        new.get("names", ()))

