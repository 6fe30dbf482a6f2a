"""Building the graph from extraction lines: entity resolution, relations with provenance, results, papers.

The lines are written here by hand in the format ``paperkg extract`` writes; ``paper()`` finds each
entity's forms in the analysed text to give realistic mention spans.
"""

from __future__ import annotations

import json
import re

import pytest

from paperkg.extractors.text import analysed_text
from paperkg.graph import build_graph
from paperkg.graph.schema import Label, Rel


def ent(type_: str, name: str, *aliases: str, proposed=False, introduced=False, gazetteer=None, rule="test"):
    """An extraction entity (mentions are filled in by ``paper``)."""
    entity = {"type": type_, "name": name, "aliases": list(aliases), "mentions": [], "_rule": rule}
    if proposed:
        entity["proposed"] = True
    if introduced:
        entity["introduced"] = True
    if gazetteer:
        entity["gazetteer"] = gazetteer
    return entity


def paper(key: str, title: str, abstract: str, *entities: dict, results=(), **fields) -> dict:
    """An extraction line; each entity gets a mention wherever one of its forms occurs in the text."""
    text = analysed_text(title, abstract)
    out = []
    for entity in entities:
        entity = dict(entity)
        rule = entity.pop("_rule")
        for form in sorted({entity["name"], *entity["aliases"]}, key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                if not any(m["start"] <= match.start() < m["end"] for m in entity["mentions"]):
                    entity["mentions"].append(
                        {"start": match.start(), "end": match.end(), "text": form, "rule": rule})
        entity["mentions"].sort(key=lambda m: m["start"])
        out.append(entity)
    return {"key": key, "title": title, "abstract": abstract, "sources": [f"test.jsonl:{key}"], **fields,
            "entities": out, "results": list(results)}


def ids(kg, label) -> list[str]:
    return sorted(n for n, _ in kg.nodes(label))


# -- entity resolution ------------------------------------------------------------------------

def test_spellings_of_one_dataset_are_one_node():
    kg = build_graph([
        paper("arxiv:2501.00001", "A", "We train on CIFAR10.", ent("dataset", "CIFAR10")),
        paper("arxiv:2501.00002", "B", "Results on CIFAR-10 are strong.", ent("dataset", "CIFAR-10")),
        paper("arxiv:2501.00003", "C", "We use cifar-10 too.", ent("dataset", "cifar-10")),
    ])
    assert ids(kg, Label.DATASET) == ["data:cifar10"]
    node = kg.node("data:cifar10")
    assert node["name"] == "CIFAR-10"
    assert set(node["aliases"]) == {"CIFAR10", "cifar-10"}
    assert len(node["papers"]) == 3
    assert kg.find("Cifar 10") == ["data:cifar10"]


def test_a_challenge_written_with_or_without_its_noun_is_one_node():
    kg = build_graph([
        paper("arxiv:2501.00004", "A", "We rank first in the Quokka 2025 Challenge.",
              ent("benchmark", "Quokka 2025 Challenge")),
        paper("arxiv:2501.00005", "B", "Our entry to Quokka 2025 ranks second.", ent("benchmark", "Quokka 2025")),
    ])
    [node] = ids(kg, Label.BENCHMARK)
    assert len(kg.node(node)["papers"]) == 2


def test_gazetteer_id_joins_names_that_share_no_key():
    kg = build_graph([
        paper("arxiv:2501.00001", "A", "Detection on MS-COCO.", ent("dataset", "COCO", "MS-COCO", gazetteer="coco")),
        paper("arxiv:2501.00002", "B", "We evaluate on COCO.", ent("dataset", "COCO", gazetteer="coco")),
        paper("arxiv:2501.00003", "C", "We evaluate on Microsoft COCO.",
              ent("dataset", "Microsoft COCO", gazetteer="coco")),
    ])
    assert ids(kg, Label.DATASET) == ["data:coco"]
    assert kg.node("data:coco")["name"] == "COCO"
    assert {"MS-COCO", "Microsoft COCO"} <= set(kg.node("data:coco")["aliases"])


def test_ms_coco_without_a_gazetteer_id_is_still_coco():
    kg = build_graph([
        paper("arxiv:2501.00001", "A", "Detection on MS-COCO.", ent("dataset", "MS-COCO")),
        paper("arxiv:2501.00002", "B", "We evaluate on COCO.", ent("dataset", "COCO")),
    ])
    assert ids(kg, Label.DATASET) == ["data:coco"]


def test_acronym_defined_in_one_abstract_joins_the_long_form():
    kg = build_graph([
        paper("arxiv:2501.00001", "Forgetting in federated learning",
              "We propose Federated Orthogonal Training (FOT) for continual learning.",
              ent("method", "Federated Orthogonal Training", "FOT", proposed=True)),
        paper("arxiv:2501.00002", "Another paper", "We compare with FOT and find it strong.",
              ent("method", "FOT")),
    ])
    assert ids(kg, Label.METHOD) == ["method:federatedorthogonaltraining"]
    node = kg.node("method:federatedorthogonaltraining")
    assert node["name"] == "Federated Orthogonal Training" and node["aliases"] == ["FOT"]
    assert kg.find("FOT") == ["method:federatedorthogonaltraining"]
    assert kg.nx.has_edge("paper:arxiv:2501.00002", "method:federatedorthogonaltraining", key=str(Rel.MENTIONS))


def test_a_line_naming_the_acronym_first_still_keeps_the_long_form_as_name():
    kg = build_graph([paper("arxiv:2501.00001", "T", "We use ViT (Vision Transformer).",
                            ent("method", "ViT", "Vision Transformer"))])
    assert kg.node("method:visiontransformer")["aliases"] == ["ViT"]


@pytest.mark.parametrize("a, b", [("ResNet-50", "ResNet-101"), ("CIFAR-10", "CIFAR-100"),
                                  ("ImageNet-1K", "ImageNet-21K"), ("Swin-T", "Swin-B"), ("GPT-4", "GPT-4o")])
def test_variants_that_differ_in_a_number_or_size_stay_apart(a, b):
    type_ = "method" if a[0] in "RSG" else "dataset"
    kg = build_graph([
        paper("arxiv:2501.00001", "A", f"We use {a} here.", ent(type_, a)),
        paper("arxiv:2501.00002", "B", f"We use {b} here.", ent(type_, b)),
        paper("arxiv:2501.00003", "C", f"We use {a} and {b}.", ent(type_, a), ent(type_, b)),
    ])
    assert len(kg.find(a)) == 1 and len(kg.find(b)) == 1 and kg.find(a) != kg.find(b)


def test_two_methods_sharing_an_acronym_stay_apart_and_the_bare_acronym_is_ambiguous():
    kg = build_graph([
        paper("arxiv:2501.00001", "Audio", "We propose Dynamic Echo Learning for Timing Audio (DELTA).",
              ent("method", "Dynamic Echo Learning for Timing Audio", "DELTA", proposed=True)),
        paper("arxiv:2501.00002", "Graphs", "We present Distributed Edge Labelling for Tree Analysis (DELTA).",
              ent("method", "Distributed Edge Labelling for Tree Analysis", "DELTA", proposed=True)),
        paper("arxiv:2501.00003", "Survey", "Methods such as DELTA are popular.", ent("method", "DELTA")),
    ])
    assert len(ids(kg, Label.METHOD)) == 3
    assert kg.node("method:delta").get("ambiguous") is True
    assert not kg.node("method:dynamicecholearningfortimingaudio").get("ambiguous")
    assert sorted(kg.find("DELTA")) == ["method:delta", "method:distributededgelabellingfortreeanalysis",
                                        "method:dynamicecholearningfortimingaudio"]


def test_bare_imagenet_is_imagenet_1k_and_22k_is_21k():
    kg = build_graph([
        paper("arxiv:2501.00001", "A", "Pretrained on ImageNet.", ent("dataset", "ImageNet")),
        paper("arxiv:2501.00002", "B", "Top-1 on ImageNet-1K and ILSVRC-2012.",
              ent("dataset", "ImageNet-1K", "ILSVRC-2012")),
        paper("arxiv:2501.00003", "C", "Pretrained on ImageNet-22K.", ent("dataset", "ImageNet-22K")),
        paper("arxiv:2501.00004", "D", "Pretrained on ImageNet-21K.", ent("dataset", "ImageNet-21K")),
    ])
    assert ids(kg, Label.DATASET) == ["data:imagenet1k", "data:imagenet21k"]
    assert kg.node("data:imagenet1k")["name"] == "ImageNet-1K"
    assert "ImageNet" in kg.node("data:imagenet1k")["aliases"]
    assert len(kg.node("data:imagenet21k")["papers"]) == 2


def test_dataset_or_benchmark_is_one_node_labelled_by_majority_with_usage_on_the_edge():
    # a name no gazetteer lists (a listed one would be labelled by the gazetteer)
    kg = build_graph([
        paper("arxiv:2501.00001", "A", "We evaluate on the QLRA benchmark.", ent("benchmark", "QLRA")),
        paper("arxiv:2501.00002", "B", "We evaluate on the QLRA benchmark.", ent("benchmark", "QLRA")),
        paper("arxiv:2501.00003", "C", "Data from QLRA.", ent("dataset", "QLRA")),
    ])
    assert ids(kg, Label.BENCHMARK) == ["data:qlra"] and ids(kg, Label.DATASET) == []
    usage = {u: a["as"] for u, _, _, a in kg.edges(Rel.EVALUATES_ON)}
    assert usage == {"paper:arxiv:2501.00001": "benchmark", "paper:arxiv:2501.00002": "benchmark",
                     "paper:arxiv:2501.00003": "dataset"}


def test_the_gazetteer_decides_dataset_or_benchmark_over_the_majority():
    kg = build_graph([
        paper("arxiv:2501.00001", "A", "On the GLUE benchmark.", ent("dataset", "GLUE")),
        paper("arxiv:2501.00002", "B", "On GLUE data.", ent("dataset", "GLUE")),
        paper("arxiv:2501.00003", "C", "On GLUE.", ent("benchmark", "GLUE", gazetteer="glue")),
    ])
    assert ids(kg, Label.BENCHMARK) == ["data:glue"]


def test_relations_keep_provenance_and_the_papers_own_forms():
    line = paper("arxiv:2501.00001", "FooNet: a net", "We propose FooNet. FooNet beats ResNet-50 on CIFAR-10.",
                 ent("method", "FooNet", proposed=True, rule="title_colon"), ent("method", "ResNet-50"),
                 ent("dataset", "CIFAR-10", "CIFAR10"))
    kg = build_graph([line])
    edge = kg.nx.edges["paper:arxiv:2501.00001", "method:foonet", str(Rel.PROPOSES)]
    assert edge["count"] == 3 and edge["rules"] == ["title_colon"] * 3 and edge["surface"] == ["FooNet"] * 3
    text = analysed_text(line["title"], line["abstract"])
    assert [text[edge["spans"][i]:edge["spans"][i + 1]] for i in range(0, 6, 2)] == ["FooNet"] * 3
    data = kg.nx.edges["paper:arxiv:2501.00001", "data:cifar10", str(Rel.EVALUATES_ON)]
    assert data["names"] == ["CIFAR-10", "CIFAR10"] and data["as"] == "dataset"
    assert not kg.nx.has_edge("paper:arxiv:2501.00001", "method:foonet", key=str(Rel.MENTIONS))


def test_results_become_result_nodes_linked_to_method_dataset_and_metric():
    kg = build_graph([paper(
        "arxiv:2501.00001", "MobileFoo", "MobileFoo reaches 83.6% top-1 accuracy on ImageNet-1K.",
        ent("method", "MobileFoo", proposed=True), ent("dataset", "ImageNet-1K", gazetteer="imagenet-1k"),
        ent("metric", "top-1 accuracy", "top-1"),
        results=[{"method": "MobileFoo", "dataset": "ImageNet-1K", "metric": "top-1", "value": "83.6%",
                  "start": 10, "end": 60, "rule": "result_on"}])])
    rid = "result:arxiv:2501.00001:0"
    assert kg.node(rid)["value"] == "83.6%" and kg.node(rid)["paper"] == "paper:arxiv:2501.00001"
    assert kg.nx.edges["paper:arxiv:2501.00001", rid, "HAS_RESULT"]["rules"] == ["result_on"]
    assert [t for _, t in kg.nx.out_edges(rid)] == ["method:mobilefoo", "data:imagenet1k", "metric:top1accuracy"]


def test_papers_repositories_stubs_and_duplicates():
    a = paper("arxiv:2501.00001", "A", "Code: https://github.com/Owner/Repo.", ent("code", "github.com/Owner/Repo"),
              ent("project_page", "owner.github.io/a"), doi="10.1/a", date="2025-01-02", year=2025,
              categories=["cs.CV"], authors=[{"name": "Ann Lee"}], references=["doi:10.9/elsewhere"])
    duplicate = dict(a, sources=["other.jsonl:7"], url="https://arxiv.org/abs/2501.00001")
    kg = build_graph([a, duplicate])
    node = kg.node("paper:arxiv:2501.00001")
    assert node["sources"] == ["test.jsonl:arxiv:2501.00001", "other.jsonl:7"]
    assert node["url"] == "https://arxiv.org/abs/2501.00001" and node["year"] == 2025
    assert node["authors"] == ["Ann Lee"] and node["project_pages"] == ["owner.github.io/a"]
    assert kg.node("repo:github.com/owner/repo")["url"] == "https://github.com/Owner/Repo"
    assert kg.node("paper:doi:10.9/elsewhere")["stub"] is True
    assert all(v is not None and v != [] for _, a in kg.nx.nodes(data=True) for v in a.values())


def test_authors_keyed_by_orcid_else_source_id_else_name():
    kg = build_graph([
        paper("arxiv:2501.00001", "A", "x", authors=[{"name": "Yang Liu", "orcid": "0000-0002-0000-0001"}]),
        paper("arxiv:2501.00002", "B", "x", authors=[{"name": "Y. Liu", "orcid": "0000-0002-0000-0001"}]),
        paper("arxiv:2501.00003", "C", "x", authors=[{"name": "Yang Liu", "orcid": "0000-0003-0000-0009"}]),
        paper("arxiv:2501.00004", "D", "x", authors=[{"name": "Yang Liu"}, {"name": "Ann Lee", "source_id": "A42"}]),
    ])
    assert ids(kg, Label.AUTHOR) == ["author:name:yang-liu", "author:orcid:0000-0002-0000-0001",
                                     "author:orcid:0000-0003-0000-0009", "author:src:A42"]
    assert len(kg.node("author:orcid:0000-0002-0000-0001")["papers"]) == 2
    assert kg.nx.edges["author:src:A42", "paper:arxiv:2501.00004", "WROTE"]["position"] == 1


def test_a_line_without_a_key_is_one_clear_error():
    from paperkg.errors import PaperkgError

    with pytest.raises(PaperkgError, match="extraction line 2 has no paper `key`"):
        build_graph([paper("arxiv:2501.00001", "A", "x"), {"title": "No key here"}])


def test_one_papers_spellings_of_one_thing_are_one_edge_and_read_back_the_same():
    from paperkg.graph import lines_from_graph

    line = paper("arxiv:2501.00001", "Splines", "Kolmogorov-Arnold Networks (KANs) beat MLPs; our KAN is small.",
                 ent("method", "KAN", "KANs", gazetteer="kan"), ent("method", "Kolmogorov-Arnold Networks", "KANs"))
    kg = build_graph([line])
    assert [n for n, _ in kg.nodes(Label.METHOD)] == ["method:kan"]
    edge = kg.nx.edges["paper:arxiv:2501.00001", "method:kan", "MENTIONS"]
    assert edge["names"] == ["KAN", "KANs", "Kolmogorov-Arnold Networks"] and edge["gazetteer"] == "kan"
    assert build_graph(lines_from_graph(kg)) == kg


def test_a_task_phrase_one_paper_alone_writes_stays_on_the_paper_and_makes_no_node():
    kg = build_graph([
        paper("a:1", "Notes", "We study wombat counting.", ent("task", "wombat counting")),
        paper("a:2", "Notes", "We study dune mapping.", ent("task", "dune mapping")),
        paper("a:3", "Notes", "We study dune mapping.", ent("task", "dune mapping")),
        paper("a:4", "Notes", "We study burrow mapping (BM).", ent("task", "burrow mapping", "BM")),
        paper("a:5", "Notes", "We study image segmentation.",
              ent("task", "image segmentation", gazetteer="image-segmentation")),
    ])
    # shared by two papers, or listed: nodes; written by one paper only, even with its acronym: a phrase of it
    assert sorted(n for n, _ in kg.nodes(Label.TASK)) == ["task:dunemapping", "task:imagesegmentation"]
    alone = kg.nx.nodes["paper:a:1"]
    assert alone["task_phrases"] == ["wombat counting"]
    assert [m["text"] for m in json.loads(alone["task_phrase_details"][0])["mentions"]] == ["wombat counting"]
    assert json.loads(kg.nx.nodes["paper:a:4"]["task_phrase_details"][0])["aliases"] == ["BM"]
    assert not any(k == Rel.ADDRESSES.value for _, _, k in kg.nx.out_edges("paper:a:1", keys=True))
    assert "task_phrases" not in kg.nx.nodes["paper:a:2"]


def test_a_task_phrase_the_overrides_rename_is_a_node_though_one_paper_writes_it():
    kg = build_graph([paper("a:1", "Notes", "We study wombat counting.", ent("task", "wombat counting"))],
                     overrides={"rename": [{"entity": "task:wombatcounting", "name": "Wombat census"}]})
    assert [a["name"] for _, a in kg.nodes(Label.TASK)] == ["Wombat census"]


def test_a_two_word_task_every_paper_reads_only_from_its_context_stays_on_the_papers():
    kg = build_graph([
        paper("a:1", "Notes", "Gains in text alignment.", ent("task", "text alignment", rule="task_context")),
        paper("a:2", "Notes", "Better text alignment.", ent("task", "text alignment", rule="task_context")),
        paper("a:3", "Notes", "For sparse wombat counting.", ent("task", "sparse wombat counting", rule="task_context")),
        paper("a:4", "Notes", "For sparse wombat counting.", ent("task", "sparse wombat counting", rule="task_context")),
        paper("a:5", "Notes", "Here dune mapping aims to map.", ent("task", "dune mapping", rule="task_subject")),
        paper("a:6", "Notes", "For dune mapping.", ent("task", "dune mapping", rule="task_context")),
    ])
    assert sorted(n for n, _ in kg.nodes(Label.TASK)) == ["task:dunemapping", "task:sparsewombatcounting"]
    assert kg.nx.nodes["paper:a:1"]["task_phrases"] == kg.nx.nodes["paper:a:2"]["task_phrases"] == ["text alignment"]


def test_whether_a_task_phrase_makes_a_node_does_not_depend_on_the_order_of_the_papers():
    papers = [paper("a:1", "Notes", "For small-object recognition.",
                    ent("task", "small-object recognition", rule="task_context")),
              paper("a:2", "Notes", "For small object recognition.",
                    ent("task", "small object recognition", rule="task_context"))]
    forward, backward = build_graph(papers), build_graph(papers[::-1])
    assert [n for n, _ in forward.nodes(Label.TASK)] == [n for n, _ in backward.nodes(Label.TASK)] == [
        "task:smallobjectrecognition"]
