"""Results: absolute scores tied to a method (and metric/dataset when stated); relative changes skipped.

Method and dataset spans come from other components; here a small test component marks the names given,
so these tests check only the result rules.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import spacy
from spacy.language import Language

import paperkg.extractors.abbreviations  # noqa: F401  (registers the factory)
import paperkg.extractors.metrics  # noqa: F401
from paperkg.extractors.extensions import add_span
from paperkg.extractors.results import find_results

METHODS = ["QuuxNet", "QuuxNet-S", "ZapFormer", "ZapFormer-T", "Blip-9"]
PROPOSED = {"QuuxNet", "QuuxNet-S"}
DATA = ["ToyImages-1K", "ToyCOCO", "ToySeg", "ToyQA"]


@Language.component("test_mark_names")
def mark_names(doc):
    """Mark METHODS as method spans (QuuxNet* proposed) and DATA as data spans."""
    for key, names, label in (("method", METHODS, "method"), ("data", DATA, "dataset")):
        doc.spans[key] = []
        for name in names:
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc.text):
                rule = "title_colon" if m.start() == 0 else "test"
                values = {"proposed": name in PROPOSED} if key == "method" else {}
                add_span(doc, key, m.start(), m.end(), label, rule, **values)
    return doc


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paperkg_abbreviations")
    nlp.add_pipe("test_mark_names")
    nlp.add_pipe("paperkg_metrics")
    nlp.add_pipe("paperkg_results")
    return nlp


def results(nlp, text, keys=("method", "value")):
    doc = nlp(text)
    return [tuple(r[k] for k in keys) for r in doc._.results]


@pytest.mark.parametrize("text, expected", [
    ("QuuxNet achieves 83.6% top-1 accuracy on ToyImages-1K.",
     [("QuuxNet", "ToyImages-1K", "top-1 accuracy", "83.6%")]),
    ("ZapFormer-T reaches 51.2 box AP on ToyCOCO.", [("ZapFormer-T", "ToyCOCO", "box AP", "51.2")]),
    ("It gets an ToySeg mIoU of 47.1%, far above ZapFormer.", [("QuuxNet", "ToySeg", "mIoU", "47.1%")]),
])
def test_scores_with_metric_and_dataset(nlp, text, expected):
    text = "QuuxNet: a toy network\n" + text
    assert results(nlp, text, ("method", "dataset", "metric", "value")) == expected


@pytest.mark.parametrize("text, expected", [
    # units are part of the value as written
    ("QuuxNet-S runs at 46 FPS with 1.3G FLOPs.", [("QuuxNet-S", "46 FPS"), ("QuuxNet-S", "1.3G FLOPs")]),
    # "from ... to ...": the value reached; a method after "For" owns it
    ("For ZapFormer, accuracy improves from 77.9% to 79.7% with our loss.", [("ZapFormer", "79.7%")]),
    # the paper's own model, spoken of without its name, after a baseline in the same sentence
    ("Applied to Blip-9, the technique recovers 91.5% accuracy.", [("QuuxNet", "91.5%")]),
    # percentages after "achieves" and per dataset
    ("It records 92.2% on ToyQA and 80.1% on ToyCOCO.", [("QuuxNet", "92.2%"), ("QuuxNet", "80.1%")]),
    # a decimal tied to a metric
    ("QuuxNet-S achieves a real-time factor of 0.0078 on a laptop.", [("QuuxNet-S", "0.0078")]),
    ("QuuxNet solves 7/7 puzzles.", [("QuuxNet", "7/7")]),
])
def test_absolute_values(nlp, text, expected):
    assert results(nlp, "QuuxNet: a toy network\n" + text) == expected


@pytest.mark.parametrize("text", [
    "QuuxNet improves ZapFormer by 5.6% accuracy.",
    "QuuxNet lowers the error of ZapFormer and Blip-9 by 3.0%, 2.5% and 1.1%, respectively.",
    "QuuxNet is x21 faster and 2x smaller than ZapFormer.",
    "QuuxNet runs 3.4× faster with a 22% improvement in accuracy.",
    "QuuxNet yields a 3.2% average improvement across five benchmarks.",
    "When we remove 52.5% FLOPs of ZapFormer, the accuracy drop is only 0.07%.",
    "QuuxNet gains up to 12.4% and 8.4% for rare classes.",
    "QuuxNet trains on 6 datasets with 7B parameters in 2023.",
    "Only 31% of the heads of ZapFormer are active.",
    "QuuxNet keeps accuracy above 90% with < 0.1% extra parameters.",
    "QuuxNet was trained from 2021 to 2023 on public data.",
    "We report Wilson 95% confidence intervals for QuuxNet.",
    "QuuxNet is within 1.5 dB of ZapFormer.",
    "The suite has 380 cases with 39% hard cases for QuuxNet.",
    "QuuxNet keeps a low injection rate (1% on ToyQA).",
])



def test_relative_changes_and_counts_are_skipped(nlp, text):
    assert results(nlp, "QuuxNet: a toy network\n" + text) == []


def test_a_value_in_brackets_after_a_name_is_that_names(nlp):
    text = "QuuxNet: a toy network\nQuuxNet gets 81.0% accuracy, above ZapFormer (79.5%) and Unknown-Net (71.2%)."
    assert results(nlp, text) == [("QuuxNet", "81.0%"), ("ZapFormer", "79.5%")]


def test_unnamed_models_do_not_take_the_papers_name(nlp):
    text = "QuuxNet: a toy benchmark\nOn QuuxNet, the best closed-source model achieves only 64.2% accuracy."
    assert results(nlp, text) == []


def test_range_keeps_the_value_reached(nlp):
    text = "QuuxNet: a toy network\nIt lifts accuracy (ZapFormer: 20.9% to 43.1%) on ToyQA."
    assert results(nlp, text, ("method", "value", "rule")) == [("ZapFormer", "43.1%", "result_to")]


def test_no_method_no_result(nlp):
    assert results(nlp, "A toy study\nThe baseline gets 83.6% top-1 accuracy on ToyImages-1K.") == []


def test_result_offsets_and_rule(nlp):
    text = "QuuxNet: a toy network\nZapFormer-T reaches 51.2 box AP on ToyCOCO."
    doc = nlp(text)
    (r,) = doc._.results
    assert text[r["start"]:r["end"]] == "51.2"
    assert r["rule"] == "result_metric"
    assert find_results(doc) == doc._.results


@given(st.text(alphabet=st.sampled_from(list("QuxNet ZapFormer 0123456789.%,()x×-/ on by to from of accuracy\n")),
               max_size=200))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_handled(nlp, text):
    for r in nlp("QuuxNet: a toy network\n" + text)._.results:
        assert set(r) == {"method", "dataset", "metric", "value", "start", "end", "rule"}


def test_each_value_of_a_list_takes_the_metric_written_with_it(nlp):
    text = "QuuxNet: a toy network\nQuuxNet-S reaches 46.9% box AP, and 42.2% mask AP on ToyCOCO."
    assert results(nlp, text, ("method", "metric", "value")) == [
        ("QuuxNet-S", "box AP", "46.9%"), ("QuuxNet-S", "mask AP", "42.2%")]


def test_values_listed_before_on_metric_take_that_metric(nlp):
    text = "QuuxNet: a toy network\nWe report the scores of 17.2 and 12.9 on BLEU for the two splits."
    assert results(nlp, text, ("method", "metric", "value")) == [("QuuxNet", "BLEU", "17.2"), ("QuuxNet", "BLEU", "12.9")]


def test_slash_separated_values_are_one_value_each_with_their_unit(nlp):
    text = "QuuxNet: a toy network\nQuuxNet attains AP scores of 41.2/44.0/47.5 at speeds of 210/150/90 FPS."
    assert results(nlp, text) == [("QuuxNet", v) for v in ("41.2", "44.0", "47.5", "210 FPS", "150 FPS", "90 FPS")]


def test_unnamed_models_compared_with_do_not_own_the_value(nlp):
    text = "QuuxNet: a toy network\nExperiments show our gains over state-of-the-art methods, e.g., reaching 39.5 dB PSNR."
    assert results(nlp, text) == [("QuuxNet", "39.5 dB")]


@pytest.mark.parametrize("text", [
    "QuuxNet gets 0.4 dB gains on ToySeg.",                           # a gain written with a unit
    "QuuxNet works with only 26M parameters and 1.1G FLOPs.",          # a cost budget, not a result
    "QuuxNet keeps over 90% of the quality.",                          # a bound
    "QuuxNet is trained with 10% labeled data.",                       # a share of the data
    "QuuxNet improves the records by an average of 1.5%.",             # an average change
])
def test_relative_values_bounds_budgets_and_shares_are_no_results(nlp, text):
    assert results(nlp, "QuuxNet: a toy network\n" + text) == []


def test_paired_values_go_to_the_subject_and_the_baseline_compared_with(nlp):
    text = "QuuxNet: a toy network\nQuuxNet-S surpasses ZapFormer-T 4% mIoU (50.1 vs. 46.1) on ToySeg."
    assert results(nlp, text, ("method", "metric", "value")) == [
        ("QuuxNet-S", "mIoU", "50.1"), ("ZapFormer-T", "mIoU", "46.1")]


def test_a_method_the_value_was_obtained_with_does_not_own_it(nlp):
    text = "QuuxNet: a toy network\nQuuxNet-S gets 42.2% mask AP with the ZapFormer framework on ToyCOCO."
    assert results(nlp, text) == [("QuuxNet-S", "42.2%")]


def test_a_size_variant_of_a_method_owns_its_value(nlp):
    text = "QuuxNet: a toy network\nFor example, QuuxNet-B6 reaches 87.8% accuracy on ToyImages-1K."
    assert results(nlp, text) == [("QuuxNet-B6", "87.8%")]
