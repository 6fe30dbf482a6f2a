"""Gazetteer matching: case-significant names match only as written."""

import pytest

from paperkg.extractors import analysed_text, load
from paperkg.extractors.gazetteer import DATA, Gazetteer


@pytest.fixture(scope="module")
def methods():
    return Gazetteer.from_files([DATA / "methods.txt"])


def found(gaz, text):
    return [(m.entry.canonical, m.text) for m in gaz.finditer(text)]


@pytest.mark.parametrize("text", [
    "We fit a complex model to the scores.",
    "Complex scenes with many objects remain hard.",
    "COMPLEX SCENES ARE HARD.",
    "A rope is tied around the pole.",
])
def test_a_name_whose_identity_is_its_casing_does_not_match_the_ordinary_word(methods, text):
    assert found(methods, text) == []


def test_tucker_is_the_decomposition_only_in_context_never_the_embedding(methods):
    assert [(c, m.needs_context) for c, m in ((m.entry.canonical, m) for m in methods.finditer("Tucker rank"))] == [
        ("Tucker decomposition", True)]


def test_a_name_whose_identity_is_its_casing_matches_as_written(methods):
    assert found(methods, "We compare ComplEx, TuckER and RotatE with RoPE.") == [
        ("ComplEx", "ComplEx"), ("TuckER", "TuckER"), ("RotatE", "RotatE"), ("RoPE", "RoPE")]


def test_an_all_capital_name_that_is_a_word_matches_only_in_capitals(methods):
    assert found(methods, "Each line of the table ... the Line Search ... GIN and LINE embeddings.") == [
        ("GIN", "GIN"), ("LINE", "LINE")]


def test_the_pipeline_links_no_knowledge_graph_embedding_to_the_word_complex():
    doc = load()(analysed_text("Complex Query Answering", "Complex queries are hard; ComplEx is a baseline."))
    methods = [(e["name"], [m["text"] for m in e["mentions"]]) for e in doc._.entities if e["type"] == "method"]
    assert ("ComplEx", ["ComplEx"]) in methods
    assert not any("Complex" in texts for _, texts in methods)


@pytest.mark.parametrize("name", ["LFW", "Market-1501", "Sentinel-2", "Landsat-8", "SIFT1M"])
def test_data_the_gazetteer_files_as_datasets_are_datasets_unless_the_text_calls_them_benchmarks(name):
    doc = load()(analysed_text("Notes", f"We train on {name} and report results on it."))
    assert [e["type"] for e in doc._.entities if e["name"] == name] == ["dataset"]


def test_another_release_of_a_dataset_is_its_own_entry():
    data = Gazetteer.from_files([DATA / "datasets.txt"])
    assert found(data, "We test on CUB-200-2011 (CUB), CUB-200 and ImageNet-21K.") == [
        ("CUB-200-2011", "CUB-200-2011"), ("CUB-200-2011", "CUB"), ("CUB-200", "CUB-200"),
        ("ImageNet-21K", "ImageNet-21K")]
