"""The in-memory (JSON file) graph as an ``AdditionSource``: its lookups are indexes built once over the loaded
``KnowledgeGraph`` (the strong-name table, entity keys, task phrases, paper identities, result names, and a text index over the
papers' analysed texts); the view is the graph itself, so a diff is applied as it is computed.

An indexed store (SQLite with FTS5) keeps the same indexes on disk instead of building them per run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from paperkg.extractors.corpus import StrongTable
from paperkg.extractors.gazetteer import trie_pattern
from paperkg.extractors.text import analysed_text
from paperkg.graph.citations import paper_index
from paperkg.graph.incremental import ENTITY_PREFIXES, GraphDiff, Key, entity_keys, form_keys
from paperkg.graph.known import shipped
from paperkg.graph.lines import _entity_from_edge, blocked_entities, phrase_entities, phrase_keys
from paperkg.graph.names import space_key
from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph

#: Up to this many phrases are looked for one by one (``str.find`` over the text index); more go in one trie regex.
FIND_ONE_BY_ONE = 40


class MemorySource:
    """Lookups over a whole ``KnowledgeGraph`` in memory (the view is the graph: nothing to fetch)."""

    def __init__(self, kg: KnowledgeGraph):
        self.view = kg
        self.dropped: set = set()  # nothing is fetched: the view is the whole graph
        self._keys: dict[Key, set[str]] | None = None
        self._form_keys: dict[Key, set[str]] | None = None
        self._phrases: dict[Key, set[str]] | None = None
        self._texts: tuple[str, list[int], list[str]] | None = None
        self._identity: dict[bool, dict[str, str]] = {}
        self._results: dict[Key, set[str]] | None = None
        self._order: dict[str, int] | None = None

    # -- counts and order ------------------------------------------------------------------------
    def _papers(self) -> list[str]:
        paper = Label.PAPER.value  # a scan, not kg.nodes(label): that builds the name index too
        return [pid for pid, attrs in self.view.nx.nodes(data=True) if attrs["label"] == paper and not attrs.get("stub")]

    def paper_count(self) -> int:
        return len(self._paper_order())

    def _paper_order(self) -> dict[str, int]:
        if self._order is None:
            self._order = {pid: n for n, pid in enumerate(self._papers())}
        return self._order

    def paper_order(self, pids: Iterable[str]) -> list[str]:
        order = self._paper_order()
        return sorted(pids, key=lambda p: order.get(p, len(order)))

    # -- the strong-name table -------------------------------------------------------------------
    def matched_counts(self) -> None:
        return None  # not kept: the counts are found by matching the texts that hold the names

    def kept_entities(self, pids: Iterable[str]) -> None:
        return None  # not kept: the lines are read back from the edges (``paper_line``)

    def strong_table(self) -> StrongTable:
        """``StrongTable`` over the papers' entities as ``lines_from_graph`` gives them (corpus mentions out)."""
        table = StrongTable()
        kg, meta = self.view, self.view.meta
        strong_rels = (Rel.PROPOSES.value, Rel.MENTIONS.value, Rel.INTRODUCES.value, Rel.EVALUATES_ON.value)
        for pid in self._paper_order():
            for _, target, rel, data in kg.nx.out_edges(pid, keys=True, data=True):
                if rel in strong_rels:
                    entity = _entity_from_edge(kg, target, rel, data)
                    if entity is not None:
                        table.add(entity)
            for entity in blocked_entities(meta, pid.split(":", 1)[1]):
                table.add(entity)
        return table

    # -- entity keys -----------------------------------------------------------------------------
    def _key_index(self) -> None:
        keys: dict[Key, set[str]] = defaultdict(set)
        forms: dict[Key, set[str]] = defaultdict(set)
        known = shipped()
        for nid in self.view.nx.nodes:
            if nid.split(":", 1)[0] in ENTITY_PREFIXES:
                for key in entity_keys(self.view, nid, known):
                    keys[key].add(nid)
                for key in form_keys(self.view, nid):
                    forms[key].add(nid)
        self._keys, self._form_keys = keys, forms

    def entities_with_keys(self, keys: Iterable[Key], forms_only: bool = False) -> dict[Key, set[str]]:
        if self._keys is None:
            self._key_index()
        index = self._form_keys if forms_only else self._keys
        return {key: set(index[key]) for key in keys if key in index}

    def papers_with_phrases(self, keys: Iterable[Key]) -> set[str]:
        if self._phrases is None:
            index: dict[Key, set[str]] = defaultdict(set)
            for pid in self._paper_order():
                for entity in phrase_entities(self.view.nx.nodes[pid]):
                    for key in phrase_keys(entity):
                        index[key].add(pid)
            self._phrases = index
        return set().union(*(self._phrases.get(k, set()) for k in keys))

    # -- texts -----------------------------------------------------------------------------------
    def _text_index(self) -> tuple[str, list[int], list[str]]:
        """Every paper's analysed text, lower-cased, in one string (NUL between papers) with where each starts."""
        if self._texts is None:
            pids, starts, parts, at = [], [], [], 0
            for pid in self._paper_order():
                attrs = self.view.nx.nodes[pid]
                text = analysed_text(attrs.get("title") or "", attrs.get("abstract") or "").lower()
                pids.append(pid)
                starts.append(at)
                parts.append(text)
                at += len(text) + 1
            self._texts = ("\0".join(parts), starts, pids)
        return self._texts

    def papers_containing(self, phrases: Iterable[str]) -> dict[str, set[str]]:
        import bisect

        phrases = {p.lower() for p in phrases if p}
        if not phrases:
            return {}
        blob, starts, pids = self._text_index()
        found: dict[str, set[str]] = defaultdict(set)
        if len(phrases) <= FIND_ONE_BY_ONE:
            for phrase in phrases:
                at = blob.find(phrase)
                while at >= 0:
                    found[phrase].add(pids[bisect.bisect_right(starts, at) - 1])
                    at = blob.find(phrase, at + 1)
            return dict(found)
        # one pass: at each position the trie gives the longest phrase there; its prefixes that are phrases too
        regex = re.compile("(?=(" + trie_pattern(sorted(phrases)) + "))")
        for match in regex.finditer(blob):
            longest = match.group(1)
            pid = pids[bisect.bisect_right(starts, match.start()) - 1]
            for end in range(1, len(longest) + 1):
                if longest[:end] in phrases:
                    found[longest[:end]].add(pid)
        return dict(found)

    # -- identities, results -----------------------------------------------------------------------
    def papers_known_by(self, keys: Iterable[str], titles: bool) -> dict[str, str]:
        if titles not in self._identity:
            lines = []
            for pid in self._paper_order():
                attrs = self.view.nx.nodes[pid]
                lines.append({"key": pid.split(":", 1)[1], **{k: attrs[k] for k in (
                    "doi", "arxiv_id", "openalex_id", "s2_id", "record_id", "title") if attrs.get(k)}})
            self._identity[titles] = paper_index(lines, with_titles=titles)
        index = self._identity[titles]
        return {key: index[key] for key in keys if key in index}

    def has_title_references(self) -> bool:
        return any(rule == "reference" and str(text).startswith("title:")
                   for _, _, k, d in self.view.nx.edges(keys=True, data=True) if k == Rel.CITES.value
                   for rule, text in zip(d.get("rules", ()), d.get("surface", ())))

    def results_naming(self, keys: Iterable[Key]) -> set[str]:
        if self._results is None:
            index: dict[Key, set[str]] = defaultdict(set)
            for rid, attrs in self.view.nx.nodes(data=True):
                if attrs["label"] != Label.RESULT.value:
                    continue
                for field_name, space in (("method", "method"), ("dataset", "data"), ("metric", "metric")):
                    if attrs.get(field_name):
                        index[(space, space_key(space, attrs[field_name]))].add(rid)
            self._results = index
        return set().union(*(self._results.get(k, set()) for k in keys)) if keys else set()

    # -- the view is the graph ---------------------------------------------------------------------
    def fetch(self, *, entities=(), papers=(), nodes=(), cited=()) -> None:
        """Nothing to fetch: every node and relation is in memory."""

    def apply(self, diff: GraphDiff) -> None:
        """Already applied: the addition changed the graph in place. Indexes are dropped (they are stale)."""
        self.__init__(self.view)
