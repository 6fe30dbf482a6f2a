"""Datasets and benchmarks: gazetteer with aliases, context patterns, coordinated names, introduced data."""

import pytest

from paperkg.extractors import analysed_text, load


@pytest.fixture(scope="module")
def nlp():
    return load()


def data(nlp, abstract, title="A Study of Things"):
    doc = nlp(analysed_text(title, abstract))
    return {e["name"]: e for e in doc._.entities if e["type"] in ("dataset", "benchmark")}


def test_aliases_resolve_to_one_canonical_entity(nlp):
    found = data(nlp, "We train on ILSVRC-2012 and report ImageNet-1k accuracy; detection uses MS-COCO.")
    assert set(found) == {"ImageNet-1K", "COCO"}
    assert found["ImageNet-1K"]["gazetteer"] == "imagenet-1k"
    assert "ILSVRC-2012" in found["ImageNet-1K"]["aliases"]  # 'ImageNet-1k' differs only in case


def test_coordinated_names_are_two_datasets(nlp):
    found = data(nlp, "Results on CIFAR-10/100-LT and Fed-LT settings improve over the baselines.")
    assert {"CIFAR-10-LT", "CIFAR-100-LT"} <= set(found)
    assert "Fed-LT" not in found  # a setting, not named as data


def test_context_patterns_find_unknown_names(nlp):
    found = data(nlp, "Experiments on the QuokkaScenes dataset and on the Wombat-3D benchmark show gains.")
    assert found["QuokkaScenes"]["type"] == "dataset"
    assert found["Wombat-3D"]["type"] == "benchmark"


def test_lists_after_datasets_such_as(nlp):
    found = data(nlp, "We evaluate on datasets such as PlumSet, KiwiBench-2 and Fig-Pairs.")
    assert {"PlumSet", "KiwiBench-2", "Fig-Pairs"} <= set(found)


def test_a_name_the_text_calls_a_benchmark_is_a_benchmark(nlp):
    found = data(nlp, "We report results on the CIFAR-10 benchmark.")
    assert found["CIFAR-10"]["type"] == "benchmark"


def test_common_words_need_context(nlp):
    assert "Replica" not in data(nlp, "A replica of the model is kept. Replica exchange helps sampling.")
    assert "Replica" in data(nlp, "We render scenes from the Replica dataset.")


def test_data_the_paper_makes_is_introduced(nlp):
    found = data(nlp, "We introduce MarmotQA, a new benchmark of 5k questions, and test ten models on it.")
    assert found["MarmotQA"]["introduced"] is True
    assert found["MarmotQA"]["type"] == "benchmark"
    assert data(nlp, "We evaluate on CIFAR-10.")["CIFAR-10"]["introduced"] is False


def test_generic_phrases_are_not_data(nlp):
    assert data(nlp, "We use three public datasets and a large-scale benchmark of real-world scans.") == {}


def test_a_plain_word_before_a_data_title_colon_names_the_benchmark_when_the_abstract_uses_it_again(nlp):
    title = "Heron-Bench: A Benchmark for Wading-Bird Detection in Aerial Photos"
    found = data(nlp, "Heron-Bench holds 12,000 annotated photos. Detectors trained elsewhere fail on Heron-Bench.",
                 title=title)
    assert found["Heron-Bench"]["type"] == "benchmark" and found["Heron-Bench"]["introduced"] is True
    assert "Heron-Bench" not in data(nlp, "We annotate 12,000 photos of wading birds.", title=title)
