"""The knowledge-graph schema: node labels, relation types and their properties, defined once.

Both backends (the NetworkX store and the Neo4j writer/reader) and the query catalogue import
these names; nothing else spells a label or a relation type. Every property value is a string,
an int, a float, a bool or a list of one of those, so the same node or relation can be stored in
a JSON file, in NetworkX and in Neo4j unchanged. Absent values are left out, never ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

#: Version of the graph file format and of this schema; bumped on any incompatible change.
SCHEMA_VERSION = 1


class Label(str, Enum):
    """Node labels. A node's ``id`` is unique across all labels."""

    PAPER = "Paper"
    METHOD = "Method"
    DATASET = "Dataset"
    BENCHMARK = "Benchmark"
    TASK = "Task"
    METRIC = "Metric"
    REPOSITORY = "Repository"
    AUTHOR = "Author"
    RESULT = "Result"

    def __str__(self) -> str:
        return self.value


class Rel(str, Enum):
    """Relation types."""

    PROPOSES = "PROPOSES"          # Paper -> Method this paper introduces
    MENTIONS = "MENTIONS"          # Paper -> Method it names without proposing; Dataset | Benchmark it names as background
    EVALUATES_ON = "EVALUATES_ON"  # Paper -> Dataset | Benchmark
    INTRODUCES = "INTRODUCES"      # Paper -> Dataset | Benchmark the paper itself makes
    ADDRESSES = "ADDRESSES"        # Paper -> Task
    REPORTS = "REPORTS"            # Paper -> Metric
    HAS_CODE = "HAS_CODE"          # Paper -> Repository
    WROTE = "WROTE"                # Author -> Paper
    CITES = "CITES"                # Paper -> Paper (explicit reference or inferred from a mention)
    HAS_RESULT = "HAS_RESULT"      # Paper -> Result
    RESULT_OF = "RESULT_OF"        # Result -> Method
    RESULT_ON = "RESULT_ON"        # Result -> Dataset | Benchmark
    MEASURED_BY = "MEASURED_BY"    # Result -> Metric

    def __str__(self) -> str:
        return self.value


#: Label of the one node that keeps graph metadata (``kg.meta`` as JSON in ``json``) on a server;
#: outside ``Label`` because it is not part of the knowledge graph itself.
META_LABEL = "PaperkgMeta"
META_ID = "meta"

#: Entity labels: nodes that extraction finds in text and entity resolution merges.
ENTITY_LABELS = (Label.METHOD, Label.DATASET, Label.BENCHMARK, Label.TASK, Label.METRIC)
#: Dataset and Benchmark share one key space: a name is one node whichever label it ends up with.
DATA_LABELS = (Label.DATASET, Label.BENCHMARK)
#: Left out of related papers, paths and communities by default (a name is not a person; results are leaves).
AUXILIARY_LABELS = (Label.AUTHOR, Label.RESULT)

#: Extraction entity type (as written by ``paperkg extract``) -> node label.
ENTITY_TYPE_LABEL = {
    "method": Label.METHOD,
    "dataset": Label.DATASET,
    "benchmark": Label.BENCHMARK,
    "task": Label.TASK,
    "metric": Label.METRIC,
    "code": Label.REPOSITORY,
}

#: Node id prefix per label: ids look like ``paper:arxiv:2503.11731``, ``data:cifar10``, ``method:resnet50``.
ID_PREFIX = {
    Label.PAPER: "paper",
    Label.METHOD: "method",
    Label.DATASET: "data",
    Label.BENCHMARK: "data",
    Label.TASK: "task",
    Label.METRIC: "metric",
    Label.REPOSITORY: "repo",
    Label.AUTHOR: "author",
    Label.RESULT: "result",
}


#: Provenance carried by every relation drawn from text: ``rules`` (the rule that found each mention),
#: ``spans`` (flat list of character offsets ``[start, end, start, end, ...]`` into the paper's
#: analysed text, parallel to ``rules``), ``count`` (how many times it was seen) and ``surface``
#: (the text of each mention).
PROVENANCE = ("rules", "spans", "count", "surface")
#: Relations from a paper to an entity also keep ``names`` (the paper's own spellings of it) and
#: ``gazetteer`` (the gazetteer entry matched, if any).
ENTITY_PROVENANCE = PROVENANCE + ("names", "gazetteer")


@dataclass(frozen=True)
class Relation:
    """A relation type with the labels it may join, its properties (beyond ``type``) and what it means."""

    type: Rel
    sources: tuple[Label, ...]
    targets: tuple[Label, ...]
    doc: str
    properties: tuple[str, ...] = ENTITY_PROVENANCE

RELATIONS: dict[Rel, Relation] = {
    r.type: r
    for r in (
        Relation(Rel.PROPOSES, (Label.PAPER,), (Label.METHOD,), "the paper introduces this method"),
        Relation(Rel.MENTIONS, (Label.PAPER,), (Label.METHOD, *DATA_LABELS),
                 "the paper names this existing method; `prior` when the paper presents it as its own but it "
                 "existed before (`gazetteer`, or the id of the older paper that proposed or named it). To a dataset "
                 "or benchmark: the paper names it only as background, not as data it evaluates on (`as` as for "
                 "EVALUATES_ON); the data queries do not count it", ENTITY_PROVENANCE + ("prior", "as")),
        Relation(Rel.EVALUATES_ON, (Label.PAPER,), DATA_LABELS,
                 "the paper evaluates on (uses) this dataset or benchmark; `as` says how this paper called it "
                 "(dataset/benchmark); `prior` as for MENTIONS", ENTITY_PROVENANCE + ("as", "prior")),
        Relation(Rel.INTRODUCES, (Label.PAPER,), DATA_LABELS, "the paper makes this dataset or benchmark",
                 ENTITY_PROVENANCE + ("as",)),
        Relation(Rel.ADDRESSES, (Label.PAPER,), (Label.TASK,), "the paper works on this task"),
        Relation(Rel.REPORTS, (Label.PAPER,), (Label.METRIC,), "the paper measures with this metric"),
        Relation(Rel.HAS_CODE, (Label.PAPER,), (Label.REPOSITORY,), "the paper links this code repository"),
        Relation(Rel.WROTE, (Label.AUTHOR,), (Label.PAPER,), "an author of the paper; `position` from 0",
                 ("position",)),
        Relation(Rel.CITES, (Label.PAPER,), (Label.PAPER,),
                 "`source` is `explicit` (a reference in the input) or `mention` (names what the other proposes, "
                 "the names in `evidence`)", PROVENANCE + ("source", "evidence")),
        Relation(Rel.HAS_RESULT, (Label.PAPER,), (Label.RESULT,), "a reported result of the paper", PROVENANCE),
        Relation(Rel.RESULT_OF, (Label.RESULT,), (Label.METHOD,), "the method the result is for", ()),
        Relation(Rel.RESULT_ON, (Label.RESULT,), DATA_LABELS, "the dataset or benchmark it was measured on", ()),
        Relation(Rel.MEASURED_BY, (Label.RESULT,), (Label.METRIC,), "the metric of the value", ()),
    )
}

#: Node properties per label (beyond ``id``, ``label`` and ``name``, which every node has).
NODE_PROPERTIES: dict[Label, tuple[str, ...]] = {
    Label.PAPER: ("title", "abstract", "date", "year", "url", "doi", "arxiv_id", "openalex_id", "s2_id",
                  "record_id", "categories", "authors", "project_pages", "task_phrases",
                  "task_phrase_details", "sources", "stub"),
    Label.METHOD: ("aliases", "surface_forms", "papers", "ambiguous"),
    Label.DATASET: ("aliases", "surface_forms", "papers"),
    Label.BENCHMARK: ("aliases", "surface_forms", "papers"),
    Label.TASK: ("aliases", "surface_forms", "papers"),
    Label.METRIC: ("aliases", "surface_forms", "papers"),
    Label.REPOSITORY: ("url", "host", "papers"),
    Label.AUTHOR: ("orcid", "source_id", "papers"),
    Label.RESULT: ("paper", "method", "dataset", "metric", "value"),
}


def node_id(label: Label, key: str) -> str:
    """The node id for ``key`` (already normalised) under ``label``."""
    return f"{ID_PREFIX[label]}:{key}"
