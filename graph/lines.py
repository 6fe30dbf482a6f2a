"""Extraction lines back from a graph, for incremental builds (``paperkg build --add``).

``build_graph(corpus_pass(lines_from_graph(old) + new_lines))`` equals building everything at once: every
entity edge keeps the paper's own forms (``names``), its mentions (``rules``/``spans``/``surface``) and its
gazetteer id, what overrides blocked is kept in ``kg.meta["blocked"]``, and a task phrase that makes no node
(``resolve.withheld_task``) stays on its Paper node (``task_phrases``).
"""

from __future__ import annotations

import json
from typing import Any

from paperkg.graph.build import PAPER_FIELDS
from paperkg.graph.names import space_key
from paperkg.graph.schema import Label, Rel, node_id
from paperkg.graph.store import KnowledgeGraph


_REL_TYPE = {Rel.PROPOSES: "method", Rel.MENTIONS: "method", Rel.ADDRESSES: "task", Rel.REPORTS: "metric"}


def lines_from_graph(kg: KnowledgeGraph, kept: dict[str, list[dict]] | None = None) -> list[dict]:
    """The extraction lines the graph was built from, minus mentions added by the corpus pass (``corpus*``),
    with the entities kept out of the graph (``kg.meta["blocked"]``: by an overrides ``[[block]]``, or named
    by punctuation only). ``kept``: paper id -> its entities as the build kept them (a graph file's ``lines``),
    taken instead of reading them back from the edges, as an addition takes them.

    So ``build_graph(corpus_pass(lines_from_graph(old) + new_lines))`` equals building everything at once.
    """
    from paperkg.extractors.corpus import _drop_corpus_mentions

    lines = []
    for pid, attrs in kg.nodes(Label.PAPER):
        if attrs.get("stub"):
            continue
        if kept is not None and pid in kept:
            line = paper_line(kg, pid, entities=kept[pid])
            _drop_corpus_mentions(line)
        else:
            line = paper_line(kg, pid)
        lines.append(line)
    return lines


def paper_line(kg: KnowledgeGraph, pid: str, corpus: bool = False, entities: list[dict] | None = None) -> dict:
    """The extraction line of one Paper node (see ``lines_from_graph``); with ``corpus``, the mentions (and
    entities) the corpus pass added are kept, as the line was when the graph was built. ``entities``: the
    line's entities when they are known (kept by the store), instead of reading them back from the edges."""
    attrs = kg.nx.nodes[pid]
    key = pid.split(":", 1)[1]
    line: dict[str, Any] = {"key": key}
    for f in PAPER_FIELDS:
        if f in attrs:
            line[f] = attrs[f]
    authors = []
    written = attrs.get("authors", [])  # the names as this paper wrote them, in order
    for aid, _, data in sorted(kg.nx.in_edges(pid, data=True), key=lambda e: e[2].get("position", 0)):
        if data.get("type") != Rel.WROTE.value:
            continue
        a, position = kg.nx.nodes[aid], data.get("position", 0)
        name = written[position] if position < len(written) else a["name"]
        authors.append({k: v for k, v in (("name", name), ("orcid", a.get("orcid")),
                                          ("source_id", a.get("source_id"))) if v})
    if authors:
        line["authors"] = authors
    references = [  # as the input wrote them: `surface` is parallel to `rules`
        written
        for _, _, k, d in kg.nx.out_edges(pid, keys=True, data=True) if k == Rel.CITES.value
        for rule, written in zip(d.get("rules", ()), d.get("surface", ())) if rule == "reference"
    ]
    if references:
        line["references"] = references
    if attrs.get("sources"):
        line["sources"] = list(attrs["sources"])
    read_back: list[dict] = []
    results: list[dict] = []
    for _, target, rel, data in kg.nx.out_edges(pid, keys=True, data=True):
        entity = _entity_from_edge(kg, target, rel, data, corpus) if entities is None else None
        if entity is not None:
            read_back.append(entity)
        elif rel == str(Rel.HAS_RESULT):
            node = kg.nx.nodes[target]
            result = {k: node.get(k) for k in ("method", "dataset", "metric", "value")}
            spans = data.get("spans") or []
            if len(spans) >= 2:
                result.update(start=spans[0], end=spans[1])
            if data.get("rules"):
                result["rule"] = data["rules"][0]
            results.append((int(target.rsplit(":", 1)[1]), result))
    if entities is None:
        for page in attrs.get("project_pages", ()):
            read_back.append({"type": "project_page", "name": page, "mentions": []})
        read_back += phrase_entities(attrs)
        entities = read_back + blocked_entities(kg.meta, key, corpus)
    line["entities"] = entities
    line["results"] = [r for _, r in sorted(results, key=lambda x: x[0])]
    return line


def phrase_entities(attrs: dict) -> list[dict]:
    """The task phrases a Paper node keeps (``task_phrases``: phrases that make no node) as line entities."""
    return [{"type": "task", "name": phrase, **json.loads(details)}
            for phrase, details in zip(attrs.get("task_phrases", ()), attrs.get("task_phrase_details", ()))]


def phrase_keys(entity: dict) -> set[tuple[str, str]]:
    """The keys a kept task phrase (one of ``phrase_entities``) is resolved by: its name's and its aliases'."""
    return {("task", k) for k in (space_key("task", f) for f in (entity["name"], *entity["aliases"])) if k}


def blocked_entities(meta: dict, key: str, corpus: bool = False) -> list[dict]:
    """The entities of paper ``key`` that overrides kept out of the graph, as its line had them (without the
    corpus pass's mentions unless ``corpus``; one the pass alone found is left out)."""
    kept_entities = []
    for entity in meta.get("blocked", {}).get(key, []):
        kept = [m for m in entity.get("mentions", ()) if corpus or not str(m.get("rule", "")).startswith("corpus")]
        if kept or not entity.get("mentions"):
            kept_entities.append({**entity, "mentions": kept})
    return kept_entities


def _entity_from_edge(kg: KnowledgeGraph, target: str, rel: str, data: dict, corpus: bool = False) -> dict | None:
    data_target = target.startswith(node_id(Label.DATASET, ""))
    if rel in (str(Rel.EVALUATES_ON), str(Rel.INTRODUCES)) or rel == str(Rel.MENTIONS) and data_target:
        etype = data.get("as", "dataset")
    elif rel == str(Rel.HAS_CODE):
        etype = "code"
    else:
        etype = _REL_TYPE.get(Rel(rel)) if rel in Rel._value2member_map_ else None
    if etype is None:
        return None
    spans = data.get("spans", [])
    mentions = [
        {"start": spans[2 * i], "end": spans[2 * i + 1], "text": data["surface"][i], "rule": data["rules"][i]}
        for i in range(len(data.get("rules", ())))
    ]
    kept = mentions if corpus else [m for m in mentions if not m["rule"].startswith("corpus")]
    if mentions and not kept:
        return None  # only the corpus pass saw it here; the pass adds it again
    names = data.get("names") or [kg.nx.nodes[target]["name"]]
    entity: dict[str, Any] = {"type": etype, "name": names[0], "aliases": list(names[1:]), "mentions": kept}
    if rel == str(Rel.PROPOSES) or rel == str(Rel.MENTIONS) and data.get("prior") and not data_target:
        entity["proposed"] = True  # a claim the build demoted; building again demotes it again
    if rel == str(Rel.INTRODUCES) or rel == str(Rel.EVALUATES_ON) and data.get("prior"):
        entity["introduced"] = True
    if rel == str(Rel.MENTIONS) and data_target:
        entity["evaluated"] = False  # named as background only
    if data.get("gazetteer"):
        entity["gazetteer"] = data["gazetteer"]
    return entity
