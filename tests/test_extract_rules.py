"""One sentence per rule of the methods and tasks finders (written for the rule): the mentions that rule
finds, exactly, under its name."""

import subprocess
import sys

import pytest

from paperkg.extractors import analysed_text, load, methods, pipeline, tasks
from paperkg.extractors.extensions import METHOD, TASK, doc_text, span_chars, span_values
from paperkg.extractors.rules import Rule

# (rule, title, abstract, [(mention, proposed)])
METHOD_CASES = [
    (Rule.TITLE_COLON, "KestrelNet: Fast Edges for Drone Images", "KestrelNet finds edges quickly.",
     [("KestrelNet", True)]),
    (Rule.TITLE_COLON, "GullNet -- Counting Gulls on Cliffs", "GullNet counts gulls.", [("GullNet", True)]),
    (Rule.TITLE_COLON, "BIRDS 2025 -- Shared Task Report", "We report on the task.", []),
    (Rule.TITLE_HEAD, "Gated Pyramid Transformers for Crop Mapping", "We map crops from space.",
     [("Gated Pyramid Transformers", True)]),
    (Rule.TITLE_HEAD, "Tidal-Aware Buoy Routing for Harbour Traffic", "We describe tidal-aware buoy routing, which "
     "plans paths.", [("Tidal-Aware Buoy Routing", True)]),
    (Rule.TITLE_HEAD, "A Gated Pyramid Transformer for Crop Mapping", "We map crops from space.", []),
    (Rule.TITLE_NAME, "Ripple Pooling Network", "We build a small model, namely Ripple Pooling Network (RPN).",
     [("Ripple Pooling Network", True)]),
    (Rule.TITLE_MEANS, "Denoising Sonar Scans through Echo Phase Matching", "We align echoes by echo phase matching, "
     "which is cheap.", [("Echo Phase Matching", True)]),
    (Rule.TITLE_MEANS, "Reading Sonar Scans via an Information-Theoretic Lens", "An information-theoretic lens helps.",
     []),
    (Rule.PROPOSAL, "Notes on Pooling", "We propose PlumeFormer, a pooling model for cloud images.",
     [("PlumeFormer", True)]),
    (Rule.PROPOSAL, "Notes on Pooling", "In this work we introduce Sparse Token Mixing (STM) for cheap attention.",
     [("Sparse Token Mixing", True), ("STM", True)]),
    (Rule.PROPOSAL, "Notes on Pooling", "Minimal Cut Sets (MCSes) are rare. We propose a way to speed up MCS search. "
     "We introduce HeronQA Face, a curated benchmark of photos.", []),
    (Rule.PROPOSAL, "Notes on Pooling", "We introduce fALCON, a solver for sparse blocks.", [("fALCON", True)]),
    (Rule.PROPOSAL, "Notes on Pooling", "We build a novel Kestrel architecture. Our proposed approach, Osprey, is "
     "small; the Proximal Policy Optimization baseline is not.", [("Kestrel", True), ("Osprey", True)]),
    (Rule.PROPOSAL, "Notes on Pooling", "We propose a Quarry Echo Mapping (QEM)-based detector for sonar.",
     [("Quarry Echo Mapping", False), ("QEM", False)]),
    (Rule.ABBREVIATION, "Notes on Pooling", "Our method builds on Channel Gated Attention (CGA), which helps.",
     [("Channel Gated Attention", False), ("CGA", False)]),
    (Rule.ABBREVIATION, "Notes on Pooling", "Counts come from a coral reef tally (CRT) approach on sonar clips.",
     [("coral reef tally", False), ("CRT", False)]),
    (Rule.MODULE, "Notes on Pooling", "We propose OrchidNet. Inside it, a Cross-Scale Echo Fusion module shares "
     "features.", [("Cross-Scale Echo Fusion", True)]),
    (Rule.MODULE, "Notes on Pooling", "We propose WrenSeg. The Coarse Mask Stage finds blobs, and a Shoreline "
     "Refinement block sharpens them.", [("Coarse Mask Stage", True), ("Shoreline Refinement", True)]),
    (Rule.PART_LIST, "Notes on Pooling", "We propose HeronSeg. It has two key components: (1) Tidal Mask Pooling, "
     "which drops tokens, and (2) Reed Gate Fusion, a gated mixer.",
     [("Tidal Mask Pooling", True), ("Reed Gate Fusion", True)]),
    (Rule.PART_LIST, "Notes on Pooling", "We propose HeronSeg, with three modules, namely Cross-Agent Association "
     "and Aggregation, Sparse Echo Mixer and harmony kernel prediction.",
     [("Cross-Agent Association and Aggregation", True), ("Sparse Echo Mixer", True)]),
    (Rule.COINED, "Notes on Pooling", "We add a pruning technique we call 'leaf shadow pruning'. We present a new "
     "sampling strategy, tidal token sampling, which halves the cost; the effect is a phenomenon termed lazy drift.",
     [("leaf shadow pruning", True), ("tidal token sampling", True)]),
    (Rule.COINED, "Notes on Pooling", "We also propose shallow kernel fusion and sparse ridge pruning to cut "
     "latency. We introduce regularization terms to keep it stable.",
     [("shallow kernel fusion", True), ("sparse ridge pruning", True)]),
    (Rule.APPOSITIVE, "Notes on Pooling", "The result, FernSeg, a compact model, runs on phones.",
     [("FernSeg", True)]),
    (Rule.GAZETTEER, "Notes on Pooling", "Our backbone starts from ResNet50-D and Swin-T.", [("Swin-T", False)]),
    (Rule.VARIANT, "Notes on Pooling", "Our backbone starts from ResNet50-D and Swin-T.", [("ResNet50-D", False)]),
    (Rule.VARIANT, "LynxDet: Small Objects, Big Maps", "LynxDet-L is larger; LynxDet-B2 is smaller.",
     [("LynxDet-L", True), ("LynxDet-B2", True)]),
    (Rule.COMPARED, "Notes on Pooling", "It outperforms MarbleGAN, QuartzViT and TopazSeg on every split.",
     [("MarbleGAN", False), ("QuartzViT", False), ("TopazSeg", False)]),
    (Rule.FAMILY, "Notes on Pooling", "Prior work fine-tuned HeronBERT on clinical notes.", [("HeronBERT", False)]),
    (Rule.REPEAT, "LynxDet: Small Objects, Big Maps", "LynxDet is light, and LynxDet finds ships.",
     [("LynxDet", True), ("LynxDet", True)]),
]

# (rule, title, abstract, [task mention])
TASK_CASES = [
    (Rule.ABBREVIATION, "Notes", "Cloud Cover Classification (CCC) is a hard problem in remote sensing.",
     ["Cloud Cover Classification"]),
    (Rule.ABBREVIATION, "Notes", "Cloud Cover Classification (CCC) is hard; a Cloud Token Learning (CTL) method "
     "helps.", ["Cloud Cover Classification"]),
    (Rule.TASK_SUBJECT, "Notes", "Bird counting aims to estimate how many birds a photo holds.", ["Bird counting"]),
    (Rule.TASK_SUBJECT, "Notes", "Leaf area (LA) estimation serves as a proxy for crop health.",
     ["Leaf area (LA) estimation"]),
    (Rule.TASK_SUBJECT, "Notes", "Bird counting aims to estimate flocks. Yet learning is slow on drones.",
     ["Bird counting"]),
    (Rule.TASK_CALLED, "Notes", "We study crop disease forecasting, a new task where few labels exist.",
     ["crop disease forecasting"]),
    (Rule.TASK_CALLED, "Notes", "We approach the problem of tree species classification with few labels.",
     ["tree species classification"]),
    (Rule.TASK_LIST, "Notes", "The model handles downstream tasks such as depth estimation, edge detection and "
     "image deblurring.", ["depth estimation", "edge detection", "image deblurring"]),
    (Rule.TITLE_TASK, "Bird Counting in Drone Footage", "We count birds.", ["Bird Counting"]),
    (Rule.TASK_CONTEXT, "Notes", "We test on semantic segmentation and report gains for object detection.",
     ["semantic segmentation", "object detection"]),
    (Rule.TASK_CONTEXT, "Notes", "The model improves results on sea ice segmentation tasks.",
     ["sea ice segmentation"]),
    (Rule.TASK_CONTEXT, "Notes", "Work in the field of leaf disease classification is slow, for the lack of "
     "theoretical understanding.", ["leaf disease classification"]),
    (Rule.TASK_CONTEXT, "Notes", "Its compact map enables low-latency weed density estimation on farm robots.",
     ["weed density estimation"]),
    (Rule.TASK_SYSTEM, "Notes", "Existing ship detection methods fail on cloudy images, so a cloud segmentation "
     "pipeline runs first.", ["ship detection"]),
    (Rule.GAZETTEER, "Notes", "We evaluate it for optical flow on dashcam clips.", ["optical flow"]),
    (Rule.GAZETTEER, "Optical Flow for Night Driving", "We estimate motion at night.", ["Optical Flow"]),
]


@pytest.fixture(scope="module")
def nlp():
    return load()


def found_by(nlp, title, abstract, key, rule):
    doc = nlp(analysed_text(title, abstract))
    text = doc_text(doc)
    out = []
    for span in sorted(doc.spans[key], key=span_chars):
        values = span_values(span)
        if values["rule"] == rule:
            start, end = span_chars(span)
            out.append((text[start:end], values["proposed"]) if key == METHOD else text[start:end])
    return out


@pytest.mark.parametrize("rule, title, abstract, expected", METHOD_CASES, ids=lambda v: getattr(v, "value", None))
def test_method_rule(nlp, rule, title, abstract, expected):
    assert found_by(nlp, title, abstract, METHOD, rule) == expected


@pytest.mark.parametrize("rule, title, abstract, expected", TASK_CASES, ids=lambda v: getattr(v, "value", None))
def test_task_rule(nlp, rule, title, abstract, expected):
    assert found_by(nlp, title, abstract, TASK, rule) == expected


def test_every_rule_has_a_case():
    assert {case[0] for case in METHOD_CASES} == set(methods.RULES) | {Rule.VARIANT}
    assert {case[0] for case in TASK_CASES} == set(tasks.RULES) | {Rule.TASK_SYSTEM}


def test_extraction_lines_record_rule_values(nlp):
    doc = nlp(analysed_text("KestrelNet: Fast Edges", "KestrelNet finds edges."))
    rules = {m["rule"] for e in doc._.entities for m in e["mentions"]}
    assert rules == {"title_colon", "repeat"}


def test_every_component_declares_what_it_reads_and_nothing_is_missing(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(not problems for problems in analysis["problems"].values())
    assert analysis["summary"]["paperkg_methods"]["requires"] == ["doc._.links", "doc._.abbreviations"]
    assert analysis["summary"]["paperkg_assemble"]["assigns"] == ["doc._.entities"]


def test_a_component_that_fails_to_import_is_an_error(monkeypatch):
    monkeypatch.setattr(pipeline, "COMPONENTS", pipeline.COMPONENTS + [("paperkg_missing", "no_such_module")])
    with pytest.raises(ImportError):
        pipeline.load()


def test_graph_reads_the_analysed_text_without_loading_spacy():
    code = ("import sys, paperkg.graph.provenance, paperkg.graph.citations, paperkg.extractors.text as t;"
            "assert t.analysed_text('A', 'b') == 'A\\nb';"
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
