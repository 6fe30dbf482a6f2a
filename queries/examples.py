"""A two-paper graph built by hand, for the examples in the queries' docstrings."""

from __future__ import annotations

from paperkg.graph.schema import Label, Rel
from paperkg.graph.store import KnowledgeGraph

WRN, SAM = "paper:arxiv:2501.00001", "paper:arxiv:2501.00002"


def tiny_graph() -> KnowledgeGraph:
    """Two image-classification papers: one proposes WRN-Revisit and mentions SAM-Lite, which the other
    proposes (so it cites it by mention); both use CIFAR-10, the second also CIFAR-100."""
    kg = KnowledgeGraph()
    kg.add_node(WRN, Label.PAPER, "Wide Residual Networks Revisited", title="Wide Residual Networks Revisited",
                date="2025-01-15", categories=["cs.CV"])
    kg.add_node(SAM, Label.PAPER, "Sharpness-Aware Minimization Made Cheap",
                title="Sharpness-Aware Minimization Made Cheap", date="2025-02-03", categories=["cs.LG"])
    kg.add_node("method:wrnrevisit", Label.METHOD, "WRN-Revisit", aliases=[])
    kg.add_node("method:samlite", Label.METHOD, "SAM-Lite", aliases=["SAML"])
    kg.add_node("data:cifar10", Label.DATASET, "CIFAR-10", aliases=["CIFAR10"])
    kg.add_node("data:cifar100", Label.DATASET, "CIFAR-100", aliases=[])
    kg.add_node("task:imageclassification", Label.TASK, "image classification")
    kg.add_node("metric:accuracy", Label.METRIC, "accuracy")
    kg.add_node("repo:github.com/example/wrn-revisit", Label.REPOSITORY, "github.com/example/wrn-revisit",
                url="https://github.com/example/wrn-revisit", host="github.com")
    kg.add_node(f"result:{SAM[6:]}:0", Label.RESULT, "SAM-Lite CIFAR-10 accuracy 97.1%", paper=SAM,
                method="SAM-Lite", dataset="CIFAR-10", metric="accuracy", value="97.1%")
    kg.add_edge(WRN, "method:wrnrevisit", Rel.PROPOSES, count=1)
    kg.add_edge(WRN, "method:samlite", Rel.MENTIONS, count=2, surface=["SAM-Lite", "SAML"])
    kg.add_edge(WRN, "data:cifar10", Rel.EVALUATES_ON, count=1, **{"as": "dataset"})
    kg.add_edge(WRN, "task:imageclassification", Rel.ADDRESSES, count=1)
    kg.add_edge(WRN, "repo:github.com/example/wrn-revisit", Rel.HAS_CODE, count=1)
    kg.add_edge(WRN, SAM, Rel.CITES, source="mention", evidence=["SAM-Lite"], count=1)
    kg.add_edge(SAM, "method:samlite", Rel.PROPOSES, count=1)
    kg.add_edge(SAM, "data:cifar10", Rel.EVALUATES_ON, count=1, **{"as": "dataset"})
    kg.add_edge(SAM, "data:cifar100", Rel.EVALUATES_ON, count=1, **{"as": "dataset"})
    kg.add_edge(SAM, "task:imageclassification", Rel.ADDRESSES, count=1)
    kg.add_edge(SAM, "metric:accuracy", Rel.REPORTS, count=1)
    kg.add_edge(SAM, f"result:{SAM[6:]}:0", Rel.HAS_RESULT)
    kg.add_edge(f"result:{SAM[6:]}:0", "method:samlite", Rel.RESULT_OF)
    kg.add_edge(f"result:{SAM[6:]}:0", "data:cifar10", Rel.RESULT_ON)
    kg.add_edge(f"result:{SAM[6:]}:0", "metric:accuracy", Rel.MEASURED_BY)
    return kg
