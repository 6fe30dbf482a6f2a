"""Small pieces the queries share: relation groups, paper helpers, and Cypher fragments from the schema.

Cypher fragments are built only from ``Label``/``Rel`` members and the queries' own variable
names; user values always travel as ``$parameters``.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from paperkg.graph.schema import AUXILIARY_LABELS, DATA_LABELS, Label, Rel
from paperkg.graph.store import KnowledgeGraph
from paperkg.queries.filters import PaperFilter

#: A paper uses a dataset or benchmark when it evaluates on it or introduces it.
USES_DATA = (Rel.EVALUATES_ON, Rel.INTRODUCES)
#: A paper names a method when it proposes it or mentions it.
NAMES_METHOD = (Rel.PROPOSES, Rel.MENTIONS)
#: Paper -> entity relations that make two papers related (authors join through WROTE, results never).
ENTITY_RELS = (Rel.PROPOSES, Rel.MENTIONS, Rel.EVALUATES_ON, Rel.INTRODUCES, Rel.ADDRESSES, Rel.REPORTS,
               Rel.HAS_CODE)
#: Labels whose names ``trend`` and ``search`` take.
ENTITY_ARG = (Label.METHOD, Label.DATASET, Label.BENCHMARK, Label.TASK, Label.METRIC)
PAPER = (Label.PAPER,)
METHOD = (Label.METHOD,)
DATA = DATA_LABELS
ALL_NODES = None
ANY = PaperFilter()
PAPER_LABEL = str(Label.PAPER)


def node_attrs(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """Node id -> attribute dict, as a plain dict (``graph.nodes[n]`` costs a view lookup per call, which
    adds up to seconds over the 75k-paper graph)."""
    return kg.nx._node


def is_paper(kg: KnowledgeGraph, node: str) -> bool:
    return kg.nx._node[node].get("label") == PAPER_LABEL


def title(attrs: dict[str, Any]) -> str:
    """A paper's title (its name when the input had none, as for stub papers)."""
    return attrs.get("title") or attrs.get("name") or ""


def paper_row(kg: KnowledgeGraph, paper: str) -> dict[str, Any]:
    attrs = kg.nx.nodes[paper]
    return {"paper": paper, "title": title(attrs)}


def linked(kg: KnowledgeGraph, node: str, rels: Iterable[Rel], *, incoming: bool) -> Iterator[tuple[str, str, dict]]:
    """``(other node, relation type, attributes)`` of ``node``'s relations of the given types."""
    wanted = {str(rel) for rel in rels}
    if incoming:
        for other, _, key, attrs in kg.nx.in_edges(node, keys=True, data=True):
            if key in wanted:
                yield other, key, attrs
    else:
        for _, other, key, attrs in kg.nx.out_edges(node, keys=True, data=True):
            if key in wanted:
                yield other, key, attrs


def papers_of(kg: KnowledgeGraph, entity: str, rels: Iterable[Rel], where: PaperFilter = ANY) -> dict[str, set[str]]:
    """Papers linked to ``entity`` by ``rels`` that pass ``where`` -> the relation types linking them."""
    found: dict[str, set[str]] = {}
    for paper, key, _ in linked(kg, entity, rels, incoming=True):
        if is_paper(kg, paper) and where(kg.nx.nodes[paper]):
            found.setdefault(paper, set()).add(key)
    return found


def incoming(kg: KnowledgeGraph, targets: Iterable[Label], rels: Iterable[Rel]) -> Iterator[tuple[str, str, str]]:
    """``(source, target, relation type)`` of every ``rels`` relation into a node labelled ``targets``.

    Walks the wanted nodes' predecessor dicts rather than every edge of the graph, so asking about
    datasets does not pay for the author and mention edges. (A plain scan for the labels, not the store's
    label index: building that index costs more than the scan when a command asks one question.)
    """
    wanted_labels = {str(label) for label in targets}
    wanted = [str(rel) for rel in rels]
    pred = kg.nx._pred  # plain dicts: target -> source -> relation type -> attributes
    for target, attrs in kg.nx._node.items():
        if attrs.get("label") in wanted_labels:
            for source, keys in pred[target].items():
                for rel in wanted:
                    if rel in keys:
                        yield source, target, rel


def is_auxiliary(attrs: dict[str, Any]) -> bool:
    return attrs.get("label") in {str(label) for label in AUXILIARY_LABELS}


# -- Cypher fragments ----------------------------------------------------------------------------
def rels(*types: Rel) -> str:
    """``EVALUATES_ON|INTRODUCES`` for a relationship pattern."""
    return "|".join(str(t) for t in types)


def labels(*names: Label) -> str:
    """``Dataset|Benchmark`` for a node pattern."""
    return "|".join(str(n) for n in dict.fromkeys(names))


def label_of(var: str, among: Iterable[Label] = tuple(Label)) -> str:
    """Cypher for a node's schema label as a string (whatever other labels a server adds)."""
    cases = " ".join(f"WHEN {var}:{label} THEN '{label}'" for label in among)
    return f"CASE {cases} END"


def title_of(var: str) -> str:
    return f"coalesce({var}.title, {var}.name)"
