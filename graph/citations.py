"""Citation edges: explicit (references, arXiv ids and DOIs written in abstracts) and inferred from mentions.

Explicit: each reference key of a line, and each arXiv id or DOI its abstract writes, becomes
``Paper -CITES-> Paper`` with ``source: "explicit"``, to the corpus paper known by that key (DOI, arXiv,
OpenAlex, S2, record id or title) or else to a stub Paper node (``stub: true``) — unless it is the DOI of a
data or software deposit (Zenodo, Hugging Face, figshare...: ``DATA_DOI_PREFIXES``), which is the paper's own
material, not a paper it cites.

Inferred (``source: "mention"``, ``evidence``: the names, rule ``mention``): paper A cites paper B when A
names a method (or dataset/benchmark) that B proposes (introduces), and every guard holds (measured on
arXiv abstracts, each one removes a kind of false citation):

- exactly one corpus paper proposes/introduces it (or claims to: an edge with ``prior``), and the node is not
  ``ambiguous``;
- B's title starts with the name (``NeuS: Learning ...``, ``Qwen2.5-Omni Technical Report``; ``heads_title``).
  A name proposed only in the abstract is too often an existing thing read as new ("we propose a framework
  that incorporates a Convolutional Block Attention Module (CBAM)");
- A is not older than B, and the name does not predate B: no paper older than B names it, nor two papers of
  B's own date;
- A wrote it exactly as B did (``Co-op`` is not ``CoOp``, ``MVF-Net`` not ``MVFNet``, ``BagNet`` not ``BAGNet``),
  and if A spells out a long form, it is B's too (two different "LCDNet"s, a clinical "SOAP");
- A wrote it distinctively (``distinctive_mention``): not 3 characters or fewer, 4 only with a case change
  inside (``NeuS``), not a plain word (``Adam``, ``DELTA``), a lower-case phrase, a family ("... Models") or
  a phrase of plain words ("Simulation Agent", "Unified Embedding").
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from paperkg.extractors.text import analysed_text
from paperkg.graph.names import is_generic_short, name_key
from paperkg.graph.schema import Label, Rel, node_id
from paperkg.graph.store import KnowledgeGraph
from paperkg.identity import identity_keys, normalize_arxiv_id, normalize_doi

_ABSTRACT_IDS = re.compile(
    r"(?:arXiv:\s*|arxiv\.org/(?:abs|pdf|html)/)(?P<arxiv>\d{4}\.\d{4,5})(?:v\d+)?"
    r"|(?P<doi>\b10\.\d{4,9}/[^\s\"<>]+)",
    re.I,
)
#: DOI prefixes of data and software repositories: a paper writing one points to its own data or code, not
#: to a paper it cites (Zenodo, figshare, Hugging Face, Dryad, OSF, Mendeley Data, Harvard Dataverse, PANGAEA,
#: Kaggle, Code Ocean, Software Heritage, DataCite's test prefix).
DATA_DOI_PREFIXES = ("10.5281/zenodo", "10.6084/m9.figshare", "10.57967/hf", "10.5061/dryad", "10.17605/osf.io",
                     "10.17632/", "10.7910/dvn", "10.1594/pangaea", "10.34740/kaggle", "10.24433/co",
                     "10.5072/")
_OWN = (str(Rel.PROPOSES), str(Rel.INTRODUCES))
_NAMED = (str(Rel.MENTIONS), str(Rel.EVALUATES_ON))


def paper_index(lines: list[dict], with_titles: bool = False) -> dict[str, str]:
    """Every key a corpus paper is known by -> its node id (the first paper wins a shared key).

    Title keys (``title:...``) cost a Unicode normalisation per paper, so they are indexed only when asked.
    """
    index: dict[str, str] = {}
    for line in lines:
        pid = node_id(Label.PAPER, line["key"])
        index.setdefault(line["key"], pid)
        ids = {k: line.get(k) for k in ("doi", "arxiv_id", "openalex_id", "s2_id", "record_id") if line.get(k)}
        if with_titles:
            ids["title"] = line.get("title")
        if ids:
            for key in identity_keys(**ids):
                index.setdefault(key, pid)
    return index


def _may_cite(text: str) -> bool:
    """A cheap test before the regex: most abstracts write no arXiv id nor DOI."""
    return bool(text) and any(cue in text for cue in ("xiv", "Xiv", "XIV", "10."))


def abstract_references(abstract: str) -> list[tuple[str, str, int, int]]:
    """``(key, text, start, end)`` of each arXiv id or DOI written in ``abstract``.

    >>> abstract_references("We extend arXiv:2401.00001v2.")
    [('arxiv:2401.00001', 'arXiv:2401.00001v2', 10, 28)]
    """
    found = []
    if not _may_cite(abstract):
        return found
    for match in _ABSTRACT_IDS.finditer(abstract):
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
    index = paper_index(lines, with_titles=any(str(r).startswith("title:") for line in lines
                                                for r in line.get("references", ())))
    for line in lines:
        source = node_id(Label.PAPER, line["key"])
        for ref in dict.fromkeys(str(r) for r in line.get("references", ()) if r):
            _cite(kg, source, _target(kg, index, ref), "reference", ref, None, overrides)
        if not _may_cite(line.get("abstract", "")):
            continue
        # found in the analysed text, so the offsets are provenance like every mention's
        text = analysed_text(line.get("title", ""), line.get("abstract", ""))
        for key, written, start, end in abstract_references(text):
            target = _target(kg, index, key)
            if target != source:
                _cite(kg, source, target, "abstract_id", written, [start, end], overrides)
    infer_citations(kg, overrides)


def is_data_doi(key: str) -> bool:
    """Whether a reference key is the DOI of a data or software deposit (``DATA_DOI_PREFIXES``).

    >>> is_data_doi("doi:10.5281/zenodo.1234567"), is_data_doi("doi:10.1145/3292500.3330701")
    (True, False)
    """
    return key.startswith("doi:") and key[4:].lower().startswith(DATA_DOI_PREFIXES)


def _target(kg: KnowledgeGraph, index: dict[str, str], key: str) -> str | None:
    """The cited paper's node: the corpus paper known by ``key``, else a stub; ``None`` for a data DOI."""
    if key in index:
        return index[key]
    if not key.startswith(("doi:", "arxiv:", "openalex:", "s2:", "id:", "title:")):
        from paperkg.identity import reference_key

        key = reference_key(key) or key
        if key in index:
            return index[key]
    if is_data_doi(key):
        return None
    pid = node_id(Label.PAPER, key)
    if pid not in kg.nx:
        kg.add_node(pid, Label.PAPER, key, stub=True)
    return pid


def _cite(kg, source: str, target: str | None, rule: str, surface: str, spans: list[int] | None,
          overrides) -> None:
    if target is None or source == target or (overrides is not None and overrides.blocks_citation(source, target)):
        return
    data = kg.nx.get_edge_data(source, target, key=str(Rel.CITES))
    if data is None:
        kg.add_edge(source, target, Rel.CITES, source="explicit", rules=[rule], surface=[surface], count=1,
                    spans=spans)
    else:
        data["source"] = "explicit"
        data.setdefault("rules", []).append(rule)
        data.setdefault("surface", []).append(surface)
        if spans:
            data["spans"] = data.get("spans", []) + spans
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


def older(a: str | None, b: str | None) -> bool:
    """Whether date prefix ``a`` is strictly before ``b`` at their common precision."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _predates(nodes, citing: list[tuple[str, dict]], owner_when: str | None) -> bool:
    same_day = 0
    for paper, _ in citing:
        paper_when = when(nodes[paper])
        if older(paper_when, owner_when):
            return True
        if paper_when and owner_when and paper_when == owner_when:
            same_day += 1
    return same_day >= 2


def _own_rel(kg, owner: str, entity: str) -> str:
    return str(Rel.PROPOSES) if kg.nx.has_edge(owner, entity, key=str(Rel.PROPOSES)) else str(Rel.INTRODUCES)


def _words(text: str) -> list[str]:
    """Case-blind words, punctuation inside them kept: ``"FLUX.1 Kontext: ..."`` -> ``["flux.1", "kontext", ...]``."""
    return re.findall(r"[^\s:,;()]+", text.casefold())


def heads_title(title: str, forms: list[str]) -> bool:
    """Whether ``title`` starts with one of ``forms`` as whole words (``Qwen2.5-Omni Technical Report``, but not
    ``Phi-4-Mini-Reasoning: ...`` for Phi-4-Mini), or its head before a colon is the first words of one
    (``Describe Anything: ...`` for "Describe Anything Model")."""
    head = re.split(r":|\s[-–—]\s", title, maxsplit=1)[0]
    title_words, head_words = _words(title), _words(head)
    for form in forms:
        words = _words(form)
        if not words or len(name_key(form)) < 4:
            continue
        if title_words[: len(words)] == words:
            return True
        if head != title and len(name_key(head)) >= 4 and words[: len(head_words)] == head_words:
            return True
    return False


def _spellings(edge: dict) -> set[str]:
    """How a paper wrote a name, spaces normalised (``Co-op`` and ``CoOp``, ``BagNet`` and ``BAGNet`` differ)."""
    return {" ".join(f.split()) for f in (*edge.get("surface", ()), *edge.get("names", ())) if f}


def _long_forms(edge: dict) -> set[str]:
    return {name_key(f) for f in edge.get("names", ()) if " " in f.strip()}


def _same_thing(owner_edge: dict, citing_edge: dict) -> bool:
    """Whether the citing paper's name is the owner's: written the same way (``MVF-Net`` is not ``MVFNet``,
    ``Rank-k`` not ``Rank-K``), and if the citing paper spells out a long form, the owner's is the same (a
    clinical "SOAP (Subjective, Objective, Assessment, and Plan)" is not the portrait method SOAP)."""
    if not _spellings(owner_edge) & _spellings(citing_edge):
        return False
    theirs, ours = _long_forms(owner_edge), _long_forms(citing_edge)
    return not ours or bool(theirs & ours)


def _is_plain_phrase(text: str) -> bool:
    """Words of a dictionary look (``Unified Embedding``, ``Cross-Lingual Consistency``): a name only by its case."""
    words = re.split(r"[\s\-]+", text.strip())
    return len(words) > 1 and all(w.isalpha() and sum(ch.isupper() for ch in w) <= 1 for w in words)


def distinctive_mention(paper: dict, edge: dict, owner_spellings: set[str]) -> bool:
    """Whether the citing paper wrote the name in a form worth inferring from: exactly as the owner wrote it
    ("Object-centric" is not "Object-Centric", ``CoOp`` not ``Co-op``), not short or generic
    (``is_generic_short``), and not a plain phrase ("Simulation Agent", "Occupancy World Model": words any
    paper may capitalise)."""
    surface = edge.get("surface") or edge.get("names") or []
    for form in surface:
        if is_generic_short(form):
            continue
        if _is_plain_phrase(form) or " ".join(form.split()) not in owner_spellings:
            continue
        return True
    return False


def infer_citations(kg: KnowledgeGraph, overrides=None) -> int:
    """Add ``source: "mention"`` CITES edges (see the module docstring); returns how many pairs were found."""
    owners: dict[str, list[str]] = defaultdict(list)
    namers: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for source, target, rel, data in kg.nx.edges(keys=True, data=True):
        if rel in _OWN or data.get("prior", "gazetteer") != "gazetteer":  # a later claimant counts too
            owners[target].append(source)
        elif rel in _NAMED:
            namers[target].append((source, data))
    found = 0
    nodes = kg.nx.nodes
    for entity, papers in owners.items():
        if len(papers) != 1 or entity not in namers or nodes[entity].get("ambiguous"):
            continue
        owner = papers[0]
        citing = namers[entity]
        if _predates(nodes, citing, when(nodes[owner])):
            continue  # others used the name before (or as) the owner wrote: the name is not the owner's
        owner_edge = kg.nx.edges[owner, entity, _own_rel(kg, owner, entity)]
        names = [nodes[entity]["name"], *owner_edge.get("names", ())]
        if not heads_title(nodes[owner].get("title", ""), names):
            continue  # B does not name it in its title: too often an existing thing read as new
        spellings = _spellings(owner_edge)
        for paper, data in citing:
            if paper == owner or not distinctive_mention(nodes[paper], data, spellings):
                continue
            if not _same_thing(owner_edge, data):
                continue
            if overrides is not None and overrides.blocks_citation(paper, owner):
                continue
            found += 1
            _add_inferred(kg, paper, owner, nodes[entity]["name"], data)
    return found


def _add_inferred(kg: KnowledgeGraph, paper: str, owner: str, name: str, data: dict) -> None:
    edge = kg.nx.get_edge_data(paper, owner, key=str(Rel.CITES))
    if edge is None:
        kg.add_edge(paper, owner, Rel.CITES, source="mention", evidence=[name], rules=["mention"],
                    spans=list(data.get("spans", ())), surface=list(data.get("surface", ())), count=1)
        return
    evidence = edge.setdefault("evidence", [])
    if name not in evidence:
        evidence.append(name)
        evidence.sort()
    if edge.get("source") == "mention":
        edge["spans"] = edge.get("spans", []) + list(data.get("spans", ()))
        edge["surface"] = edge.get("surface", []) + list(data.get("surface", ()))
        edge["count"] = len(evidence)
