"""Citation edges: explicit (references, arXiv ids and DOIs written in abstracts) and inferred from mentions.

Explicit: each reference key of a line, and each arXiv id or DOI its abstract writes, becomes
``Paper -CITES-> Paper`` with ``source: "explicit"``, to the corpus paper known by that key (DOI, arXiv,
OpenAlex, S2, record id or title) or else to a stub Paper node (``stub: true``).

Inferred (``source: "mention"``, ``evidence``: the names): paper A cites paper B when A names a method
(or dataset/benchmark) that B proposes (introduces) and the name is safe to infer from:

- exactly one paper in the corpus proposes/introduces it, and the node is not ``ambiguous``;
- A wrote it in a form that is not a short generic token (``is_generic_short``: 4 characters or fewer,
  or a plain word such as ``Adam`` or ``DELTA``);
- A is not older than B, and the name does not predate B: no paper older than B names it, nor two papers
  of B's own date (a name many papers use the day B appears is not B's invention);
- a name the extractor's gazetteer knows (an established method or dataset) only when it heads B's title
  (``NeuS: Learning Neural Implicit Surfaces ...``): the gazetteer lists what existed before, so any
  weaker proposal signal for it is more likely a mistake than the original paper.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from paperkg.graph.names import is_generic_short, name_key
from paperkg.graph.schema import Label, Rel, node_id
from paperkg.graph.store import KnowledgeGraph
from paperkg.identity import identity_keys, normalize_arxiv_id, normalize_doi

_ABSTRACT_IDS = re.compile(
    r"(?:arXiv:\s*|arxiv\.org/(?:abs|pdf|html)/)(?P<arxiv>\d{4}\.\d{4,5})(?:v\d+)?"
    r"|(?P<doi>\b10\.\d{4,9}/[^\s\"<>]+)",
    re.I,
)
_OWN = (str(Rel.PROPOSES), str(Rel.INTRODUCES))
_NAMED = (str(Rel.MENTIONS), str(Rel.EVALUATES_ON))


def paper_index(lines: list[dict]) -> dict[str, str]:
    """Every key a corpus paper is known by -> its node id (the first paper wins a shared key)."""
    index: dict[str, str] = {}
    for line in lines:
        pid = node_id(Label.PAPER, line["key"])
        index.setdefault(line["key"], pid)
        for key in identity_keys(doi=line.get("doi"), arxiv_id=line.get("arxiv_id"),
                                 openalex_id=line.get("openalex_id"), s2_id=line.get("s2_id"),
                                 record_id=line.get("record_id"), title=line.get("title")):
            index.setdefault(key, pid)
    return index


def abstract_references(abstract: str) -> list[tuple[str, str, int, int]]:
    """``(key, text, start, end)`` of each arXiv id or DOI written in ``abstract``."""
    found = []
    for match in _ABSTRACT_IDS.finditer(abstract or ""):
        if match.group("arxiv"):
            key = f"arxiv:{normalize_arxiv_id(match.group('arxiv'))}"
        else:
            doi = normalize_doi(match.group("doi"))
            if not doi:
                continue
            key = f"doi:{doi}"
            from paperkg.identity import paper_key
            key = paper_key(doi=doi)  # an arXiv DOI is the arXiv key
        found.append((key, match.group(0), match.start(), match.end()))
    return found


def add_citations(kg: KnowledgeGraph, lines: list[dict], overrides=None) -> None:
    """Add explicit then inferred CITES edges to ``kg`` (built from ``lines``)."""
    index = paper_index(lines)
    for line in lines:
        source = node_id(Label.PAPER, line["key"])
        for ref in line.get("references", ()):
            _cite(kg, source, _target(kg, index, str(ref)), "reference", str(ref), None, overrides)
        for key, text, start, end in abstract_references(line.get("abstract", "")):
            target = _target(kg, index, key)
            if target != source:
                _cite(kg, source, target, "abstract_id", text, None, overrides)
    infer_citations(kg, overrides)


def _target(kg: KnowledgeGraph, index: dict[str, str], key: str) -> str:
    if key in index:
        return index[key]
    if not key.startswith(("doi:", "arxiv:", "openalex:", "s2:", "id:", "title:")):
        from paperkg.identity import reference_key

        key = reference_key(key) or key
        if key in index:
            return index[key]
    pid = node_id(Label.PAPER, key)
    if pid not in kg.nx:
        kg.add_node(pid, Label.PAPER, key, stub=True)
    return pid


def _cite(kg, source: str, target: str, rule: str, surface: str, spans, overrides) -> None:
    if source == target or (overrides is not None and overrides.blocks_citation(source, target)):
        return
    data = kg.nx.get_edge_data(source, target, key=str(Rel.CITES))
    if data is None:
        kg.add_edge(source, target, Rel.CITES, source="explicit", rules=[rule], surface=[surface], count=1)
    else:
        data["source"] = "explicit"
        data.setdefault("rules", []).append(rule)
        data.setdefault("surface", []).append(surface)
        data["count"] = len(data["rules"])


def when(attrs: dict[str, Any]) -> str | None:
    """A sortable date prefix of a paper: its ``date`` (``YYYY-MM-DD``), else ``year``, else its arXiv id's month."""
    date = str(attrs.get("date") or "")
    if re.match(r"^\d{4}(-\d{2}){0,2}", date):
        return re.match(r"^\d{4}(-\d{2}){0,2}", date).group(0)
    arxiv = str(attrs.get("arxiv_id") or "")
    match = re.match(r"^(\d{2})(\d{2})\.\d{4,5}", arxiv)
    if match:
        return f"20{match.group(1)}-{match.group(2)}"
    if attrs.get("year"):
        return str(attrs["year"])
    return None


def _older(a: str | None, b: str | None) -> bool:
    """Whether date prefix ``a`` is strictly before ``b`` at their common precision."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _predates(nodes, citing: list[tuple[str, dict]], owner_when: str | None) -> bool:
    same_day = 0
    for paper, _ in citing:
        paper_when = when(nodes[paper])
        if _older(paper_when, owner_when):
            return True
        if paper_when and owner_when and paper_when == owner_when:
            same_day += 1
    return same_day >= 2


def _own_rel(kg, owner: str, entity: str) -> str:
    return str(Rel.PROPOSES) if kg.nx.has_edge(owner, entity, key=str(Rel.PROPOSES)) else str(Rel.INTRODUCES)


def _heads_title(paper: dict, entity: dict, edge: dict) -> bool:
    """Whether the paper's title starts with the entity's name (``Name: ...`` or ``Name - ...``)."""
    head = re.split(r":|\s[-–—]\s", paper.get("title", ""), maxsplit=1)[0]
    if head == paper.get("title", ""):
        return False
    keys = {name_key(f) for f in (entity["name"], *entity.get("aliases", ()), *edge.get("names", ()))}
    return name_key(head) in keys


def infer_citations(kg: KnowledgeGraph, overrides=None) -> int:
    """Add ``source: "mention"`` CITES edges (see the module docstring); returns how many pairs were found."""
    owners: dict[str, list[str]] = defaultdict(list)
    namers: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for source, target, rel, data in kg.nx.edges(keys=True, data=True):
        if rel in _OWN:
            owners[target].append(source)
        elif rel in _NAMED:
            namers[target].append((source, data))
    found = 0
    nodes = kg.nx.nodes
    known = {t for _, t, _, d in kg.nx.edges(keys=True, data=True) if d.get("gazetteer")}
    for entity, papers in owners.items():
        if len(papers) != 1 or entity not in namers or nodes[entity].get("ambiguous"):
            continue
        owner = papers[0]
        owner_when = when(nodes[owner])
        citing = namers[entity]
        if _predates(nodes, citing, owner_when):
            continue  # others used the name before (or as) the owner wrote: the name is not the owner's
        if entity in known and not _heads_title(nodes[owner], nodes[entity], kg.nx.edges[owner, entity, _own_rel(kg, owner, entity)]):
            continue
        for paper, data in citing:
            forms = [f for f in (*data.get("surface", ()), *data.get("names", ())) if f]
            if not any(not is_generic_short(f) for f in forms) or paper == owner:
                continue
            if overrides is not None and overrides.blocks_citation(paper, owner):
                continue
            found += 1
            edge = kg.nx.get_edge_data(paper, owner, key=str(Rel.CITES))
            name = nodes[entity]["name"]
            if edge is None:
                kg.add_edge(paper, owner, Rel.CITES, source="mention", evidence=[name], rules=["mention"],
                            spans=list(data.get("spans", ())), surface=list(data.get("surface", ())), count=1)
            else:
                edge.setdefault("evidence", [])
                if name not in edge["evidence"]:
                    edge["evidence"].append(name)
                    edge["evidence"].sort()
                if edge.get("source") == "mention":
                    edge["spans"] = edge.get("spans", []) + list(data.get("spans", ()))
                    edge["surface"] = edge.get("surface", []) + list(data.get("surface", ()))
                    edge["count"] = len(edge["evidence"])
    return found
