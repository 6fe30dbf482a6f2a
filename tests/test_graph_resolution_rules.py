"""Resolution rules that keep one node per real thing (issue 15), each on sentences written for it.

The lines are written as the extractor writes them, including its habit of filing a variant or a spelt-out
acronym under a gazetteer entry (``ScanNet`` with the alias ``ScanNet++``); the graph must undo that.
"""

from __future__ import annotations

import pytest

from paperkg.graph import build_graph
from paperkg.graph.names import contains_other, is_acronym_of, is_name, same_expansion, space_key, spells_out
from paperkg.graph.schema import Label, Rel
from tests.test_graph_build import ent, paper


def node_of(kg, paper_key: str, rel: str) -> list[str]:
    return sorted(t for _, t, k in kg.nx.out_edges(f"paper:{paper_key}", keys=True) if k == rel)


def names(kg, node: str) -> set[str]:
    attrs = kg.nx.nodes[node]
    return {attrs["name"], *attrs.get("aliases", ())}


# -- acronyms ------------------------------------------------------------------------------------------------

def test_an_acronym_joins_a_long_form_only_when_that_long_form_is_its_expansion():
    assert is_acronym_of("FOT", "Federated Orthogonal Training") and is_acronym_of("ResNet", "Residual Network")
    assert not is_acronym_of("LoRA", "Low-Rank Adaptation Subtraction")  # "Subtraction" lends no letter
    assert not is_acronym_of("LoRA+", "Low-Rank Adaptation")              # the variant mark is part of it
    kg = build_graph([
        paper("arxiv:2501.00001", "Subtractive adapters",
              "We propose Low-Rank Adaptation Subtraction (LoRA-), which removes what LoRA adds.",
              ent("method", "Low-Rank Adaptation Subtraction", "LoRA", "LoRA-", proposed=True, gazetteer="lora")),
        paper("arxiv:2501.00002", "Adapters", "We fine-tune with LoRA.", ent("method", "LoRA", gazetteer="lora")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "PROPOSES") == ["method:lowrankadaptationsubtraction"]
    assert "method:lora" in node_of(kg, "arxiv:2501.00001", "MENTIONS")
    assert "Low-Rank Adaptation Subtraction" not in names(kg, "method:lora")
    assert not any("LoRA-" in names(kg, n) for n in kg.nx if n.startswith("method:"))


def test_different_expansions_of_one_acronym_stay_different_nodes():
    kg = build_graph([
        paper("arxiv:2501.00001", "Pruning by spectra", "We truncate the singular value decomposition (SVD).",
              ent("method", "SVD", "singular value decomposition", gazetteer="svd")),
        paper("arxiv:2501.00002", "Video priors", "We start from Stable Video Diffusion (SVD) weights.",
              ent("method", "Stable Video Diffusion", "SVD", gazetteer="svd")),
        paper("arxiv:2501.00003", "Scene graphs", "Results on the GQA dataset improve.", ent("dataset", "GQA",
                                                                                             gazetteer="gqa")),
        paper("arxiv:2501.00004", "Fast attention", "Grouped-Query Attention (GQA) saves memory.",
              ent("dataset", "GQA", "Grouped-Query Attention", gazetteer="gqa")),
        paper("arxiv:2501.00005", "Preferences", "We train with direct preference optimization (DPO).",
              ent("method", "DPO", "direct preference optimization", gazetteer="dpo")),
        paper("arxiv:2501.00006", "Policies", "A direct policy optimization (DPO) step follows.",
              ent("method", "DPO", "direct policy optimization", gazetteer="dpo")),
    ])
    assert node_of(kg, "arxiv:2501.00002", "MENTIONS") == ["method:stablevideodiffusion"]
    assert "Stable Video Diffusion" not in names(kg, "method:svd")
    assert node_of(kg, "arxiv:2501.00003", "EVALUATES_ON") == ["data:gqa"]
    assert node_of(kg, "arxiv:2501.00004", "EVALUATES_ON") != ["data:gqa"]
    assert "Grouped-Query Attention" not in names(kg, "data:gqa")
    assert node_of(kg, "arxiv:2501.00005", "MENTIONS") == ["method:dpo"]
    assert node_of(kg, "arxiv:2501.00006", "MENTIONS") == ["method:directpolicyoptimization"]
    cot = build_graph([
        paper("arxiv:2501.00001", "Clouds", "We retrieve Cloud Optical Thickness (COT) from radiances.",
              ent("method", "Cloud Optical Thickness", "COT", "Chain-of-Thought", gazetteer="chain-of-thought")),
        paper("arxiv:2501.00002", "Reasoning", "We prompt with Chain-of-Thought (CoT).",
              ent("method", "Chain-of-Thought", "CoT", gazetteer="chain-of-thought")),
        paper("arxiv:2501.00003", "Splats", "We compare 3D Gaussian Splatting with 3DGUT.",
              ent("method", "3D Gaussian Splatting", "3DGUT", gazetteer="3d-gaussian-splatting")),
    ])
    assert node_of(cot, "arxiv:2501.00001", "MENTIONS") == ["method:cloudopticalthickness"]
    assert "Cloud Optical Thickness" not in names(cot, "method:chainofthought")
    assert node_of(cot, "arxiv:2501.00003", "MENTIONS") == ["method:3dgaussiansplatting", "method:3dgut"]
    assert same_expansion("Low-Rank Adaptation", "Low-Rank Adapters")
    assert not same_expansion("Group Relative Policy Optimization", "Group Reward Policy Optimization")
    # an expansion may end in lower-case words its acronym leaves out: still an expansion, kept apart from another
    assert spells_out("WOMBAT", "Web-scale Open Multimodal Benchmark for Agent Tools suite")
    wombat = build_graph([
        paper("arxiv:2501.00001", "Agents", "We release the Web-scale Open Multimodal Benchmark for Agent Tools "
              "suite (WOMBAT).", ent("benchmark", "WOMBAT", "Web-scale Open Multimodal Benchmark for Agent Tools suite")),
        paper("arxiv:2501.00002", "Memory", "We build the World Object Memory Benchmark for Agentic Tracking (WOMBAT).",
              ent("benchmark", "World Object Memory Benchmark for Agentic Tracking", "WOMBAT")),
        paper("arxiv:2501.00003", "Use", "We evaluate on the WOMBAT benchmark.", ent("benchmark", "WOMBAT")),
    ])
    homes = {n: node_of(wombat, f"arxiv:2501.0000{n}", "EVALUATES_ON") for n in (1, 2, 3)}
    assert len({tuple(h) for h in homes.values()}) == 3
    assert homes[3] == ["data:wombat"] and wombat.node("data:wombat").get("ambiguous")


def test_a_bare_acronym_goes_to_the_corpus_unique_expansion_only():
    unique = build_graph([
        paper("arxiv:2501.00001", "FOT", "We propose Federated Orthogonal Training (FOT).",
              ent("method", "Federated Orthogonal Training", "FOT", proposed=True)),
        paper("arxiv:2501.00002", "Use", "We compare with FOT.", ent("method", "FOT")),
    ])
    assert node_of(unique, "arxiv:2501.00002", "MENTIONS") == ["method:federatedorthogonaltraining"]
    tail = build_graph([  # an expansion ending in a lower-case word the acronym leaves out names the node all the same
        paper("arxiv:2501.00001", "GRID", "We propose Graded Routing for Image Denoising networks (GRID).",
              ent("method", "GRID", "Graded Routing for Image Denoising networks", proposed=True)),
        paper("arxiv:2501.00002", "Use", "We compare with GRID.", ent("method", "GRID")),
    ])
    assert node_of(tail, "arxiv:2501.00002", "MENTIONS") == ["method:gradedroutingforimagedenoisingnetworks"]
    two = build_graph([
        paper("arxiv:2501.00001", "A", "We propose Dual Embedding Learning with Tied Attention (DELTA).",
              ent("method", "Dual Embedding Learning with Tied Attention", "DELTA", proposed=True)),
        paper("arxiv:2501.00002", "B", "We propose Dynamic Edge Locality Transfer Adapters (DELTA).",
              ent("method", "Dynamic Edge Locality Transfer Adapters", "DELTA", proposed=True)),
        paper("arxiv:2501.00003", "C", "We compare with DELTA.", ent("method", "DELTA")),
    ])
    bare = node_of(two, "arxiv:2501.00003", "MENTIONS")
    assert bare == ["method:delta"] and two.node("method:delta").get("ambiguous")


def test_a_two_character_acronym_names_its_long_form_only_in_the_papers_that_write_both():
    # paper 2's subtask S2 and paper 4's CC data set are not Sentinel-2 or Common Crawl
    kg = build_graph([
        paper("arxiv:2501.00001", "Flood maps", "We map floods from Sentinel-2 (S2) imagery.",
              ent("dataset", "Sentinel-2", "S2", gazetteer="sentinel-2")),
        paper("arxiv:2501.00002", "Shared task", "Our system ranks first on subtask S2 of the shared task.",
              ent("dataset", "S2")),
        paper("arxiv:2501.00003", "Pretraining", "Models pretrained on Common Crawl (CC) text are compared.",
              ent("dataset", "Common Crawl", "CC", gazetteer="common-crawl")),
        paper("arxiv:2501.00004", "Trojans", "We release the CC dataset of hardware Trojans.", ent("dataset", "CC")),
        paper("arxiv:2501.00005", "Crop types", "Sentinel-2 (S2) time series show the crops.",
              ent("dataset", "Sentinel-2", "S2", gazetteer="sentinel-2")),
        paper("arxiv:2501.00006", "Weaving graphs", "We propose GraphWeave (GW), a graph sampler.",
              ent("method", "GraphWeave", "GW", proposed=True)),
    ])
    assert node_of(kg, "arxiv:2501.00001", "EVALUATES_ON") == ["data:sentinel2"]
    assert node_of(kg, "arxiv:2501.00002", "EVALUATES_ON") == ["data:s2"]
    assert node_of(kg, "arxiv:2501.00004", "EVALUATES_ON") == ["data:cc"]
    # shown as a name of the node when papers share it; one paper's private abbreviation is not
    assert "S2" in names(kg, "data:sentinel2") and "CC" not in names(kg, "data:commoncrawl")
    assert "GW" in names(kg, "method:graphweave")  # the acronym its maker gives it


# -- variants and sub-tasks ----------------------------------------------------------------------------------

def test_plus_version_and_size_suffixes_keep_nodes_apart():
    for a, b in (("ScanNet", "ScanNet++"), ("LoRA", "LoRA+"), ("RefCOCO", "RefCOCO+"), ("HumanEval", "HumanEval+"),
                 ("YOLOv8", "YOLOv8s"), ("ViT", "ViT-S"), ("Qwen2.5", "Qwen2.5-7B")):
        assert space_key("method", a) != space_key("method", b) and contains_other("method", a, b), (a, b)
    assert not contains_other("method", "Transformer", "Transformers")  # a plural is the same thing
    kg = build_graph([
        paper("arxiv:2501.00001", "Indoor scenes", "We test on ScanNet++ and RefCOCO+ only.",
              ent("dataset", "ScanNet", "ScanNet++", gazetteer="scannet"),
              ent("dataset", "RefCOCO", "RefCOCO+", gazetteer="refcoco")),
        paper("arxiv:2501.00002", "Both", "We test on ScanNet and on ScanNet++.",
              ent("dataset", "ScanNet", "ScanNet++", gazetteer="scannet")),
        paper("arxiv:2501.00003", "Backbones", "We compare ViTs with a ViT-S and YOLOv8 with YOLOv8s.",
              ent("method", "ViTs", "ViT-S", gazetteer="vits"), ent("method", "YOLOv8", "YOLOv8s", gazetteer="yolov8")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "EVALUATES_ON") == ["data:refcocoplus", "data:scannetplusplus"]
    assert node_of(kg, "arxiv:2501.00002", "EVALUATES_ON") == ["data:scannet", "data:scannetplusplus"]
    assert node_of(kg, "arxiv:2501.00003", "MENTIONS") == ["method:vit", "method:vits", "method:yolov8",
                                                             "method:yolov8s"]
    assert kg.node("method:vits")["name"] == "ViT-S" and "ViT-S" not in names(kg, "method:vit")


def test_subtasks_stay_apart_from_their_parent_task_and_plural_or_case_does_not_split_one():
    kg = build_graph([
        paper("arxiv:2501.00001", "Boxes in 3D", "We study 3D object detection, a harder object detection.",
              ent("task", "object detection", "3D object detection")),
        paper("arxiv:2501.00002", "Boxes", "We study object detection.", ent("task", "object detection")),
        paper("arxiv:2501.00003", "Graphs", "Knowledge Graphs help.", ent("task", "Knowledge Graphs")),
        paper("arxiv:2501.00004", "Graph", "A knowledge graph helps.", ent("task", "knowledge graph")),
        paper("arxiv:2501.00005", "Labels", "We join federated learning and Active Learning.",
              ent("task", "federated learning", "Active Learning")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "ADDRESSES") == ["task:3dobjectdetection", "task:objectdetection"]
    assert "3D object detection" not in names(kg, "task:objectdetection")
    assert node_of(kg, "arxiv:2501.00003", "ADDRESSES") == node_of(kg, "arxiv:2501.00004", "ADDRESSES")
    assert len(node_of(kg, "arxiv:2501.00005", "ADDRESSES")) == 2
    assert not [n for n in kg.nx if n.rsplit("-", 1)[-1].isdigit()]  # no duplicate ids such as task:x-2


def test_the_task_gazetteer_files_a_subtask_apart_from_its_parent():
    from paperkg.graph.known import shipped

    known = shipped()
    assert not known.same_entry("task", "human motion generation", "motion generation")  # robots and cameras move too
    assert not known.same_entry("task", "text summarization", "summarization")  # videos, code and meetings too
    assert known.same_entry("task", "image super-resolution", "single image super-resolution")  # one task, two names


def test_a_mention_inside_another_models_name_is_not_the_family():
    kg = build_graph([
        paper("arxiv:2501.00001", "Video backbones", "We build on the Video Swin Transformer.",
              ent("method", "Swin", "Video Swin Transformer", gazetteer="swin")),
        paper("arxiv:2501.00002", "Chat", "Llama-Sunshine is tuned from LLaMA.",
              ent("method", "LLaMA", "Llama-Sunshine", gazetteer="llama")),
    ])
    assert "method:swin" not in kg.nx  # Swin alone is not written there
    assert node_of(kg, "arxiv:2501.00001", "MENTIONS") == ["method:videoswintransformer"]
    assert "Llama-Sunshine" not in names(kg, "method:llama")
    assert node_of(kg, "arxiv:2501.00002", "MENTIONS") == ["method:llama", "method:llamasunshine"]


def test_a_name_whose_identity_is_its_casing_takes_no_other_casing():
    kg = build_graph([
        paper("arxiv:2501.00001", "Adapters", "We fine-tune with LoRA.", ent("method", "LoRA", gazetteer="lora")),
        paper("arxiv:2501.00002", "Sensor links", "LoRa radios carry the readings.", ent("method", "LoRa")),
        paper("arxiv:2501.00003", "Gateways", "A LoRa gateway schedules the uplinks.", ent("method", "LoRa")),
        paper("arxiv:2501.00004", "Typos", "We tune with Low-Rank Adaptation (LoRa).",
              ent("method", "Low-Rank Adaptation", "LoRa", gazetteer="lora")),
    ])
    # a paper that spells out LoRA but writes "LoRa" means LoRA; the radio's spelling is still no name of it
    assert node_of(kg, "arxiv:2501.00004", "MENTIONS") == ["method:lora"]
    assert "LoRa" not in names(kg, "method:lora")
    radio = node_of(kg, "arxiv:2501.00002", "MENTIONS")
    assert radio == node_of(kg, "arxiv:2501.00003", "MENTIONS") and radio != ["method:lora"]
    assert kg.node(radio[0])["name"] == "LoRa"


# -- aliases must be names; splits get merged -----------------------------------------------------------------

def test_an_alias_must_itself_be_a_name():
    assert [is_name(t) for t in ("BERT-", "ViT-", "Qwen3-", "100", "models consistently outperform classical models",
                                 "MNIST", "3DGS")] == [False, False, False, False, False, True, True]
    kg = build_graph([
        paper("arxiv:2501.00001", "Digits", "Results on CIFAR-10/100 and MNIST: models consistently outperform "
              "classical models.", ent("dataset", "CIFAR-100", "100", gazetteer="cifar-100"),
              ent("dataset", "MNIST", "models consistently outperform classical models", gazetteer="mnist")),
        paper("arxiv:2501.00002", "Text", "We fine-tune BERT- and ViT-based models.",
              ent("method", "BERT", "BERT-", gazetteer="bert")),
        paper("arxiv:2501.00003", "Counting", "Five video question answering sets are used.",
              ent("task", "five video question answering")),
    ])
    assert names(kg, "data:cifar100") == {"CIFAR-100"} and names(kg, "data:mnist") == {"MNIST"}
    assert names(kg, "method:bert") == {"BERT"}
    assert node_of(kg, "arxiv:2501.00003", "ADDRESSES") == ["task:videoquestionanswering"]


def test_splits_of_one_thing_are_merged():
    kg = build_graph([
        paper("arxiv:2501.00001", "Actions", "We train on K-400.", ent("dataset", "K-400")),
        paper("arxiv:2501.00002", "Actions", "We train on Kinetics-400.", ent("dataset", "Kinetics-400",
                                                                             gazetteer="kinetics-400")),
        paper("arxiv:2501.00003", "Driving", "We test on nuScene.", ent("dataset", "nuScene")),
        paper("arxiv:2501.00004", "Driving", "We test on nuScenes.", ent("dataset", "nuScenes", gazetteer="nuscenes")),
        paper("arxiv:2501.00005", "Depth", "On the KITTI benchmark.", ent("benchmark", "KITTI benchmark")),
        paper("arxiv:2501.00006", "Depth", "On KITTI.", ent("dataset", "KITTI", gazetteer="kitti")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "EVALUATES_ON") == node_of(kg, "arxiv:2501.00002", "EVALUATES_ON") \
        == ["data:kinetics400"]
    assert node_of(kg, "arxiv:2501.00003", "EVALUATES_ON") == ["data:nuscenes"]
    assert node_of(kg, "arxiv:2501.00005", "EVALUATES_ON") == ["data:kitti"]
    assert kg.node("data:kitti")["label"] == Label.DATASET.value  # the gazetteer files KITTI as a dataset


# -- relations ----------------------------------------------------------------------------------------------

def test_proposes_only_where_the_paper_introduces_the_thing():
    kg = build_graph([
        paper("arxiv:2501.00010", "Adapters", "We fine-tune with LoRA.", ent("method", "LoRA", gazetteer="lora"),
              date="2025-01-05"),
        paper("arxiv:2502.00001", "LoRA: Adapters revisited", "We propose LoRA for our setting.",
              ent("method", "LoRA", proposed=True, gazetteer="lora"), date="2025-02-03"),
        paper("arxiv:2502.00002", "Splats", "We introduce 3D Gaussian Splatting for rooms.",
              ent("method", "3D Gaussian Splatting", proposed=True), date="2025-02-04"),
        paper("arxiv:2501.00003", "QuillNet: small nets", "We propose QuillNet.",
              ent("method", "QuillNet", proposed=True), date="2025-01-20"),
        paper("arxiv:2503.00004", "QuillNet again", "We propose QuillNet, a small net.",
              ent("method", "QuillNet", proposed=True), date="2025-03-02"),
        paper("arxiv:2502.00005", "Data", "We introduce ImageNet-1K, a new benchmark.",
              ent("dataset", "ImageNet-1K", introduced=True, gazetteer="imagenet-1k"), date="2025-02-05"),
    ])
    proposers = {n: sorted(p for p, _, k in kg.nx.in_edges(n, keys=True) if k == Rel.PROPOSES.value)
                 for n in ("method:lora", "method:3dgaussiansplatting", "method:quillnet")}
    assert proposers == {"method:lora": [], "method:3dgaussiansplatting": [],
                         "method:quillnet": ["paper:arxiv:2501.00003"]}
    edge = kg.nx.edges["paper:arxiv:2503.00004", "method:quillnet", Rel.MENTIONS.value]
    assert edge["prior"] == "paper:arxiv:2501.00003"
    assert kg.nx.edges["paper:arxiv:2502.00001", "method:lora", Rel.MENTIONS.value]["prior"] == "gazetteer"
    assert node_of(kg, "arxiv:2502.00005", "EVALUATES_ON") == ["data:imagenet1k"]
    from paperkg.queries import run
    assert run("who-proposes", kg, method="LoRA") == [] and run("who-proposes", kg, method="3D Gaussian Splatting") == []


def test_a_listed_method_keeps_proposes_in_its_own_paper_when_the_corpus_holds_it():
    kg = build_graph([
        paper("title:neus", "NeuS: Learning Neural Implicit Surfaces", "We present NeuS.",
              ent("method", "NeuS", proposed=True, gazetteer="neus")),
        paper("title:later", "Fast surfaces", "We build on NeuS.", ent("method", "NeuS", gazetteer="neus")),
    ])
    assert node_of(kg, "title:neus", "PROPOSES") == ["method:neus"]


def test_a_listed_task_or_model_found_as_data_takes_its_listed_type():
    kg = build_graph([
        paper("arxiv:2501.00001", "Places", "We benchmark visual place recognition methods on ImageNet-S.",
              ent("dataset", "visual place recognition"), ent("dataset", "ImageNet-1K", "ImageNet-S",
                                                            gazetteer="imagenet-1k")),
        paper("arxiv:2501.00003", "Places again", "Visual Place Recognition (VPR) is hard.",
              ent("dataset", "VPR", "Visual Place Recognition", gazetteer="visual-place-recognition")),
        paper("arxiv:2501.00002", "Tuning", "We fine-tune Qwen2.5-VL-7B on CIFAR-10.",
              ent("dataset", "Qwen2.5-VL-7B"), ent("dataset", "CIFAR-10", gazetteer="cifar-10")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "ADDRESSES") == ["task:visualplacerecognition"]
    assert node_of(kg, "arxiv:2501.00001", "EVALUATES_ON") == ["data:imagenets"]  # ImageNet-S is not ImageNet
    assert node_of(kg, "arxiv:2501.00003", "ADDRESSES") == ["task:visualplacerecognition"]
    assert node_of(kg, "arxiv:2501.00002", "MENTIONS") == ["method:qwen25vl7b"]
    assert node_of(kg, "arxiv:2501.00002", "EVALUATES_ON") == ["data:cifar10"]


def test_a_listed_method_found_as_a_task_is_a_method():
    kg = build_graph([
        paper("arxiv:2501.00001", "Grounded answers", "We improve retrieval-augmented generation for medicine.",
              ent("task", "retrieval-augmented generation")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "ADDRESSES") == []
    assert node_of(kg, "arxiv:2501.00001", "MENTIONS") == ["method:rag"]


def test_a_name_the_paper_calls_data_is_not_also_its_method():
    kg = build_graph([
        paper("arxiv:2501.00001", "Harder tool use", "We introduce HeronBench, a benchmark of 900 tool calls, and "
              "evaluate TinyLlama on it.",
              ent("method", "HeronBench", proposed=True), ent("benchmark", "HeronBench", introduced=True),
              ent("method", "TinyLlama", gazetteer="tinyllama")),
        paper("arxiv:2501.00002", "Agents", "We propose HeronNet, an agent for tool use.",
              ent("method", "HeronNet", proposed=True)),
    ])
    assert node_of(kg, "arxiv:2501.00001", "PROPOSES") == []
    assert node_of(kg, "arxiv:2501.00001", "INTRODUCES") == ["data:heronbench"]
    assert node_of(kg, "arxiv:2501.00001", "MENTIONS") == ["method:tinyllama"]
    assert node_of(kg, "arxiv:2501.00002", "PROPOSES") == ["method:heronnet"]


def test_multiple_stays_in_a_task_name():
    kg = build_graph([
        paper("arxiv:2501.00001", "Slides", "We study multiple instance learning for pathology slides.",
              ent("task", "multiple instance learning")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "ADDRESSES") == ["task:multipleinstancelearning"]


def test_metric_variants_stay_apart_and_accents_do_not_split_a_metric():
    kg = build_graph([
        paper("arxiv:2501.00001", "Scores", "We report F1 and Macro F1, BLEU and BLEU-4, and the FID score.",
              ent("metric", "F1 score", "F1", "Macro F1"), ent("metric", "BLEU", "BLEU-4"), ent("metric", "FID", "FID score")),
        paper("arxiv:2501.00002", "Images", "We report the Fréchet Inception Distance.",
              ent("metric", "Fréchet Inception Distance")),
        paper("arxiv:2501.00003", "Images", "We report the Frechet Inception Distance.",
              ent("metric", "Frechet Inception Distance")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "REPORTS") == ["metric:bleu", "metric:bleu4", "metric:f1score",
                                                            "metric:fidscore", "metric:macrof1"]
    assert node_of(kg, "arxiv:2501.00002", "REPORTS") == node_of(kg, "arxiv:2501.00003", "REPORTS")


def test_a_metric_keeps_its_own_names_not_its_pieces_or_unrelated_acronyms():
    kg = build_graph([
        paper("arxiv:2501.00001", "Scores", "We report classification and detection accuracy, 91% in all.",
              ent("metric", "classification accuracy", "classification")),
        paper("arxiv:2501.00002", "SQL", "Execution accuracy (EX) reaches 80% and accuracy 90%.",
              ent("metric", "accuracy", "EX")),
        paper("arxiv:2501.00003", "Ranks", "Spearman correlation is 0.8.", ent("metric", "Spearman correlation", gazetteer="spearman")),
        paper("arxiv:2501.00004", "Ranks", "Spearman is 0.7.", ent("metric", "Spearman", gazetteer="spearman")),
    ])
    assert names(kg, "metric:classificationaccuracy") == {"classification accuracy"}
    assert "EX" not in names(kg, "metric:accuracy")
    assert node_of(kg, "arxiv:2501.00003", "REPORTS") == node_of(kg, "arxiv:2501.00004", "REPORTS")


def test_a_listed_spelling_of_a_metric_stays_with_it_and_a_split_part_takes_no_other_entry():
    kg = build_graph([
        paper("arxiv:2501.00001", "Backbones", "QuuxNet reaches 81.2 Top-1 Acc. on the validation set.",
              ent("metric", "top-1 accuracy", "Top-1 Acc.", gazetteer="top-1-accuracy")),
        paper("arxiv:2501.00002", "Tagging", "We reach a macro F1 score of 0.91; the F1 score of the baseline is 0.80.",
              ent("metric", "macro-F1", "macro F1 score", "F1 score", gazetteer="macro-f1")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "REPORTS") == ["metric:top1accuracy"]
    assert "F1 score" not in names(kg, "metric:macrof1")


def test_a_k_value_keeps_its_metric_apart_from_the_bare_one_the_paper_also_wrote():
    kg = build_graph([
        paper("arxiv:2501.00001", "Backbones", "QuuxNet reaches 81.2% top-1 accuracy, an accuracy rate above all.",
              ent("metric", "top-1 accuracy", "accuracy rate", gazetteer="top-1-accuracy")),
    ])
    assert names(kg, "metric:top1accuracy") == {"top-1 accuracy"}
    kg = build_graph([
        paper("arxiv:2501.00001", "Tagging", "The F1 score of the baseline is 0.80; we reach a macro F1 score of 0.91.",
              ent("metric", "macro-F1", "F1 score", "macro F1 score", gazetteer="macro-f1")),
        paper("arxiv:2501.00002", "Detectors", "QuuxDet reaches 51.2 mAP50 on the test split.",
              ent("metric", "mAP", "mAP50", gazetteer="map")),
    ])
    assert "F1 score" not in names(kg, "metric:macrof1")
    assert node_of(kg, "arxiv:2501.00002", "REPORTS") == ["metric:map50"]


def test_a_tasks_acronym_spells_every_word_of_the_task():
    assert is_acronym_of("OoDD", "Out-of-Distribution Detection", every_word=True)
    assert not is_acronym_of("OOD", "Out-of-Distribution Detection", every_word=True)  # "Detection" lends none
    kg = build_graph([
        paper("arxiv:2501.00001", "Outliers", "We study out-of-distribution detection (OOD), which flags unseen inputs.",
              ent("task", "out-of-distribution detection", "OOD", gazetteer="out-of-distribution-detection")),
    ])
    assert names(kg, "task:outofdistributiondetection") == {"out-of-distribution detection"}


def test_an_acronym_the_gazetteer_gives_another_task_is_not_an_alias():
    kg = build_graph([
        paper("arxiv:2501.00001", "Clips", "We study video question answering (VQA) on long clips.",
              ent("task", "video question answering", "VQA", gazetteer="video-question-answering")),
    ])
    assert node_of(kg, "arxiv:2501.00001", "ADDRESSES") == ["task:videoquestionanswering"]
    assert "VQA" not in names(kg, "task:videoquestionanswering")  # VQA is visual question answering


def test_a_proposed_method_named_like_a_listed_task_stays_a_method():
    kg = build_graph([
        paper("arxiv:2501.00001", "Feedback", "We introduce PReference Optimization (PRO), a unified method.",
              ent("method", "PReference Optimization", "PRO", proposed=True)),
    ])
    assert node_of(kg, "arxiv:2501.00001", "ADDRESSES") == []
    assert node_of(kg, "arxiv:2501.00001", "PROPOSES") == ["method:preferenceoptimization"]


def test_a_model_is_not_shown_as_a_metrics_alias():
    kg = build_graph([
        paper("arxiv:2501.00001", "Images", "We report the CLIP score (CLIP) of each image.",
              ent("metric", "CLIP score", "CLIP", gazetteer="clip-score")),
    ])
    assert names(kg, "metric:clipscore") == {"CLIP score"}


def test_a_variant_the_metric_gazetteer_files_under_a_metric_stays_apart():
    kg = build_graph([
        paper("arxiv:2501.00001", "Images", "We report gFID and FID, and the inference latency and latency of each step.",
              ent("metric", "FID", "gFID", gazetteer="fid"), ent("metric", "latency", "inference latency", gazetteer="latency")),
    ])
    assert names(kg, "metric:fid") == {"FID"} and names(kg, "metric:latency") == {"latency"}


def _extracted_graph(*texts: tuple[str, str]):
    from paperkg.extractors import extract
    from paperkg.models import PaperRecord
    records = [PaperRecord(key=f"arxiv:2501.0000{i}", title=t, abstract=a) for i, (t, a) in enumerate(texts, 1)]
    return build_graph(list(extract(records)))


def test_a_papers_bare_word_for_its_named_metric_is_no_name_of_that_metric():
    kg = _extracted_graph(
        ("Counting Birds from Drones", "Our counter reaches 91.2% overall accuracy on the survey images. "
                                       "Its accuracy rates stay high at night."),
        ("Tagging Legal Clauses", "The tagger gets 71.3 macro F1; its F1 is 4 points above the rules."))
    assert names(kg, "metric:overallaccuracy") == {"overall accuracy"}
    assert "F1" not in names(kg, "metric:macrof1")


@pytest.mark.parametrize("defined, acronym, kept", [("Accuracy (ACC)", "ACC", True), ("perplexity (PPL)", "PPL", True),
                                                    ("Accuracy (AR)", "AR", False)])
def test_a_papers_acronym_for_a_one_word_metric_is_its_name_only_if_it_abbreviates_it(defined, acronym, kept):
    kg = _extracted_graph(("Ranking Product Reviews", f"We report {defined} of the ranker, which reaches 0.92."))
    (metric,) = node_of(kg, "arxiv:2501.00001", "REPORTS")
    assert (acronym in names(kg, metric)) is kept


def test_spellings_of_one_k_value_or_roc_metric_share_a_node_and_a_variant_metric_has_its_own():
    kg = _extracted_graph(
        ("Tiny Detectors", "QuuxDet reaches 51.2 mAP50 and an ROC-AUC of 0.93 on the drone split."),
        ("Small Detectors", "QuuxDet-S reaches 49.0 mAP@0.5 and an AUC-ROC of 0.91 on the drone split."),
        ("Hand Poses", "QuuxPose reaches 91.2 PCKh on the hand split."))
    assert node_of(kg, "arxiv:2501.00001", "REPORTS") == node_of(kg, "arxiv:2501.00002", "REPORTS") == [
        "metric:auroc", "metric:map50"]
    assert node_of(kg, "arxiv:2501.00003", "REPORTS") == ["metric:pckh"]
