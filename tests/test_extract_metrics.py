"""Metric mentions: gazetteer names and aliases, and the context rules for ambiguous words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import spacy

import paperkg.extractors.abbreviations  # noqa: F401  (registers paperkg_abbreviations)
from paperkg.extractors.metrics import find_metrics, load_metrics


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paperkg_abbreviations")
    nlp.add_pipe("paperkg_metrics")
    return nlp


def metrics(nlp, text):
    doc = nlp(text)
    return [(s.text, s._.canonical) for s in doc.spans["metric"]]


@pytest.mark.parametrize("text, expected", [
    ("QuuxNet gets 84.1% top-1 accuracy on the validation set.", [("top-1 accuracy", "top-1 accuracy")]),
    # a plural in -ies is the same metric; instance AP is the mask AP of instance segmentation
    ("Both get 84.1% and 85.0% top-1 accuracies and 40.2 instance mAP.",
     [("top-1 accuracies", "top-1 accuracy"), ("instance mAP", "mask AP")]),
    ("It reaches 51.0 box AP and 44.2 mask AP with 47.5 mIoU in all.",
     [("box AP", "box AP"), ("mask AP", "mask AP"), ("mIoU", "mIoU")]),
    ("We report PSNR, SSIM and LPIPS, and FID for generation.",
     [("PSNR", "PSNR"), ("SSIM", "SSIM"), ("LPIPS", "LPIPS"), ("FID", "FID")]),
    ("Our model lowers the word error rate (WER) by a third.",
     [("word error rate", "word error rate"), ("WER", "word error rate")]),
    ("It runs at 46 FPS with 1.2G FLOPs.", [("FPS", "FPS"), ("FLOPs", "FLOPs")]),
    ("The code model improves pass@1 and the ranker NDCG@10.", [("pass@1", "pass@1"), ("NDCG@10", "NDCG")]),
    ("We measure the Chamfer distance (CD) of the meshes; CD drops.",
     [("Chamfer distance", "Chamfer distance"), ("CD", "Chamfer distance"), ("CD", "Chamfer distance")]),
])
def test_gazetteer_metrics(nlp, text, expected):
    assert metrics(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # ambiguous words need a number, a measuring verb or a list of metrics next to them
    ("Latency drops to 12 ms on a phone.", [("Latency", "latency")]),
    ("The method reduces the latency of decoding.", [("latency", "latency")]),
    ("We report precision, recall and F1.",
     [("precision", "precision"), ("recall", "recall"), ("F1", "F1 score")]),
    ("Latency matters for phones.", []),
    ("We recall the definition of a kernel.", []),
    ("Training uses mixed precision and 8-bit precision weights.", []),
    ("A latency-aware router saves 12 ms per call.", []),
    ("By introducing accuracy-aware rewards, the agent reaches 88% on the hard split.", []),
    # an acronym is a metric only with its long form in the text
    ("We pretrain with CD on the toy data.", []),
    # the paper's own acronym for something else
    ("We add Consistency-aware Entropy Reweighting (CER) to the loss.", []),
    # metric names used as losses
    ("We train with an SSIM loss and a Dice loss.", []),
])
def test_context_rules(nlp, text, expected):
    assert metrics(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The model achieves 91.3% accuracy on the test split.", [("accuracy", "accuracy")]),
    ("It keeps a good trade-off between accuracy and speed.", [("accuracy", "accuracy")]),
    # a narrower kind of accuracy is not the metric "accuracy"...
    ("Blocks lower the reconstruction accuracy of the scene.", []),
    ("Blocks lower the reconstruction accuracy; accuracy across blocks is uneven.", []),
    # ...and when the paper names a specific accuracy metric, bare "accuracy" is that one
    ("It scores 80.1% top-1 accuracy, a gain in accuracy of 2 points.",
     [("top-1 accuracy", "top-1 accuracy"), ("accuracy", "top-1 accuracy")]),
])
def test_accuracy_in_context(nlp, text, expected):
    assert metrics(nlp, text) == expected


def test_defined_metric(nlp):
    text = "We propose GLOW (Grounded Layout Overlap Weight), a calibrated metric for layouts."
    assert metrics(nlp, text) == [("GLOW", "Grounded Layout Overlap Weight"),
                                  ("Grounded Layout Overlap Weight", "Grounded Layout Overlap Weight")]
    doc = nlp(text)
    assert {s._.rule for s in doc.spans["metric"]} == {"metric_defined"}


def test_spans_carry_rule_and_gazetteer_id(nlp):
    doc = nlp("Accuracy is 77.2% with the new head.")
    (span,) = doc.spans["metric"]
    assert (span._.gazetteer, span._.rule, span.label_) == ("accuracy", "metric_accuracy", "metric")


def test_find_metrics_without_spacy():
    text = "We report 3.1 ROUGE-L and 27.4 BLEU."
    assert [(m["text"], m["canonical"]) for m in find_metrics(text)] == [("ROUGE-L", "ROUGE-L"), ("BLEU", "BLEU")]


def test_gazetteer_file_is_well_formed():
    metrics_by_id, *_ = load_metrics()
    assert len(metrics_by_id) > 80
    names = [m.name for m in metrics_by_id.values()]
    assert len(names) == len(set(names))
    assert all(m.context in (None, "number", "acronym", "accuracy") for m in metrics_by_id.values())


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_is_handled(text):
    find_metrics(text)


def rules(nlp, text):
    doc = nlp(text)
    return [(s.text, s._.canonical, s._.rule) for s in doc.spans["metric"]]


@pytest.mark.parametrize("text, expected", [
    # a narrower accuracy in a sentence reporting an evaluation is a metric of its own
    ("Experiments show that QuuxNet improves pose estimation accuracy over prior work.",
     [("pose estimation accuracy", "pose estimation accuracy", "metric_compound")]),
    # an error with its value, and the twin of a coordinated pair
    ("QuuxNet achieves a mean depth error of 1.2 cm.", [("mean depth error", "mean depth error", "metric_compound")]),
    ("The tagger keeps insertion and deletion errors of 2.1% and 3.4%.",
     [("insertion", "insertion errors", "metric_compound"), ("deletion errors", "deletion errors", "metric_compound")]),
    # a twin that heads a phrase of its own is not a kind of the head
    ("Experiments show that QuuxNet improves retrieval recall and citation accuracy.",
     [("recall", "recall", "metric_context"), ("citation accuracy", "citation accuracy", "metric_compound")]),
    ("Experiments show that QuuxSR improves perceptual detail and structural accuracy.",
     [("structural accuracy", "structural accuracy", "metric_compound")]),
    ("Experiments show that QuuxCLIP improves fairness and diagnostic accuracy.",
     [("diagnostic accuracy", "diagnostic accuracy", "metric_compound")]),
    ("Experiments show that QuuxRad improves factuality and diagnostic accuracy.",  # a quality by its suffix
     [("diagnostic accuracy", "diagnostic accuracy", "metric_compound")]),
    ("The odometer keeps velocity and position errors of 0.2 m and 0.3 m.",  # two nouns: both are errors
     [("velocity", "velocity errors", "metric_compound"), ("position errors", "position errors", "metric_compound")]),
    ("Experiments show that QuuxNet improves pose and shape accuracy.",
     [("pose", "pose accuracy", "metric_compound"), ("shape accuracy", "shape accuracy", "metric_compound")]),
    # the time or speed of a named step, not "at inference time"
    ("QuuxNet halves the training time and keeps the decoding speed.",
     [("training time", "training time", "metric_compound"), ("decoding speed", "decoding speed", "metric_compound")]),
])
def test_compound_metrics(nlp, text, expected):
    assert rules(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "However, existing methods often lose reconstruction accuracy on large scenes.",
    "The errors of the old parser propagate to the tagger.",
    "The model adapts its weights at inference time.",
    # a speed in a sentence of motivation is talked about, not measured
    "Its quadratic cost can limit the decoding speed on long inputs.",
])
def test_no_compound_metric_without_its_evidence(nlp, text):
    assert rules(nlp, text) == []


def test_a_slow_or_fast_speed_is_not_part_of_the_metric_name(nlp):
    assert rules(nlp, "A faster decoding speed is what users want.") == [
        ("decoding speed", "decoding speed", "metric_compound")]


def test_items_after_metrics_such_as_are_metrics(nlp):
    assert rules(nlp, "Operators track metrics such as availability, latency and cost per call do not say why.") == [
        ("availability", "availability", "metric_listed"), ("latency", "latency", "metric_listed"),
        ("cost per call", "cost per call", "metric_listed")]


def test_a_capitalised_name_built_on_score_or_index_is_a_metric(nlp):
    assert rules(nlp, "We propose the Layout Coherence Index and QuuxScore, and report the Q-Rate.") == [
        ("Layout Coherence Index", "Layout Coherence Index", "metric_named"),
        ("QuuxScore", "QuuxScore", "metric_named"), ("Q-Rate", "Q-Rate", "metric_named")]


def test_the_noun_of_a_reached_value_is_a_metric(nlp):
    assert rules(nlp, "Our model reached a calibration gap of 0.03 and a total of 12 wins.") == [
        ("calibration gap", "calibration gap", "metric_valued")]


def test_a_pair_after_the_metric_of_is_a_defined_metric(nlp):
    assert [(t, c) for t, c, _ in rules(nlp, "We adopt the metric of mean time to repair (MTTR) here.")] == [
        ("mean time to repair", "mean time to repair"), ("MTTR", "mean time to repair")]


@pytest.mark.parametrize("text, expected", [
    # bare accuracy only praised as one quality among others is no reported measure ...
    ("We show the efficiency and accuracy of QuuxNet, and its robustness, accuracy and speed.", []),
    ("Early stopping causes accuracy stagnation.", []),
    # ... but it is when any mention reports it
    ("We show the efficiency and accuracy of QuuxNet, which reaches 91% accuracy.",
     [("accuracy", "accuracy"), ("accuracy", "accuracy")]),
    ("QuuxNet keeps a good trade-off between accuracy and memory.", [("accuracy", "accuracy")]),
])
def test_bare_accuracy_as_a_quality(nlp, text, expected):
    assert metrics(nlp, text) == expected


def test_a_metric_list_ends_after_its_and_item_and_takes_no_adjectives(nlp):
    assert [t for t, _c, r in rules(nlp, "It wins on all metrics, including coverage, recall and latency, showing gains.")
            if r == "metric_listed"] == ["coverage", "recall", "latency"]
    assert [r for r in rules(nlp, "It computes similarity metrics, including phonetic and lexical ones.")] == []


def test_an_adjective_does_not_narrow_accuracy(nlp):
    assert rules(nlp, "Experiments show that QuuxNet reaches commendable accuracy.") == [
        ("accuracy", "accuracy", "metric_accuracy")]


@pytest.mark.parametrize("text", [
    "We perform iterative self improvement using pseudo-labelled data to further refine accuracy.",
    "Results show almost identical accuracy on seen and unseen sentences.",
    "We introduce the Oracle Score Retention (OSR) protocol to evaluate compression.",
    "We report metrics such as confusion matrix and ours.",
    "The best models showed performance drops of 41% on the hard split.",
])
def test_phrases_that_do_not_name_a_measure_are_not_metrics(nlp, text):
    assert [c for _t, c in metrics(nlp, text) if c not in ("accuracy",)] == []


@pytest.mark.parametrize("text, name", [
    ("Results show that pruning brought down training time to 3.2 hours.", "training time"),
    ("Experiments show a first worst-group accuracy of 60.2% without group labels.", "worst-group accuracy"),
    ("Experiments show zero concurrency errors across 10,000 runs.", "concurrency errors"),
])
def test_a_particle_or_a_count_word_before_a_measure_is_not_part_of_its_name(nlp, text, name):
    found = [c for _t, c in metrics(nlp, text)]
    assert name in found and not any(c.startswith(("down ", "zero ", "first ")) for c in found)


def test_how_a_time_is_judged_is_not_part_of_its_name(nlp):
    assert metrics(nlp, "Adam leads to long training times of 40 minutes.") == [("training times", "training times")]


def test_averaged_kinds_and_k_values_are_their_own_metrics(nlp):
    found = dict(metrics(nlp, "It reaches 81.2% macro-F1 and 70.4% micro-F1, 85.0% F1, and pass@1 of 40 and pass@10 of 60."))
    assert found["macro-F1"] == "macro-F1" and found["micro-F1"] == "micro-F1" and found["F1"] == "F1 score"
    assert found["pass@1"] == "pass@1" and found["pass@10"] == "pass@10"
    # one averaged kind named: the paper's bare F1 is that one
    assert dict(metrics(nlp, "We reach 0.91 macro F1; the F1 of the baseline is 0.80."))["F1"] == "macro-F1"


def test_a_case_significant_name_is_not_a_plain_case_metric(nlp):
    assert ("DiCE", "Dice score") not in metrics(nlp, "We add DiCE to the encoder and reach a Dice score of 0.91.")


@pytest.mark.parametrize("text", [
    "Gains transfer from task accuracy to robustness in all 11 models we tested.",
    "Our compression brings consistent benefits across answer accuracy and latency.",
    "The evaluation was rigorous, covering accuracy, empathy and trustworthiness.",
])
def test_a_preposition_before_a_metric_is_not_part_of_its_name(nlp, text):
    assert not any(c.startswith(("from ", "across ", "covering ")) for _t, c in metrics(nlp, text))


def test_an_acronym_ending_in_a_capital_s_is_not_the_plural_of_another_name():
    from paperkg.extractors import analysed_text, load

    doc = load()(analysed_text("Encoders", "We train CLIP encoders with the CLIPS recipe and compare them to CLIP."))
    metric = [e for e in doc._.entities if e["type"] == "metric"]
    assert not any("CLIP" in [m["text"] for m in e["mentions"]] for e in metric)


@pytest.mark.parametrize("text", [
    "To further validate accuracy, we feed the estimates into a reconstruction method.",
    "With five-fold cross-validation the model reaches a test set accuracy of 0.912.",
    "Models trained on web data even reach chance accuracy on the probe.",
])
def test_a_verb_adverb_or_data_split_before_accuracy_does_not_narrow_it(nlp, text):
    assert [c for _t, c in metrics(nlp, text)] in ([], ["accuracy"])


@pytest.mark.parametrize("text", [
    "We report standard metrics including accuracy, F1 and AUC on the test split.",
    "Experiments show consistent accuracy gains of 2.1% over the baseline.",
    "Results show that QuuxNet reaches exceptional accuracy of 98.2% on the held-out set.",
    "Experiments show only modest accuracy of 61.0% for the smallest model.",
    "Results show a mechanism ensuring accuracy of 99% under drift.",
    "Experiments show state of the art accuracy of 91.4% on the benchmark.",
    "Results show novel accuracy of 77.0% on unseen classes.",
])
def test_a_function_word_judgement_or_verb_before_accuracy_does_not_narrow_it(nlp, text):
    assert [c for _t, c in metrics(nlp, text) if c != "F1 score" and c != "AUC"] in ([], ["accuracy"])


@pytest.mark.parametrize("text", [
    "Experiments on medical QA show that QuuxNet maintains professional accuracy while using 64.7% less memory.",
    "Results show that QuuxNet enables potential accuracy gains to beyond 95% on the held-out set.",
    "Experiments show that QuuxNet achieves noteworthy accuracy rates of 61.7% on the test sets.",
    "Experiments show that tests across participants achieved meter-scale accuracy without recalibration.",
    "We evaluate with metrics encompassing Accuracy, Precision and Recall on the test split.",
])
def test_a_degree_judgement_magnitude_or_verb_before_accuracy_does_not_narrow_it(nlp, text):
    assert [c for _t, c in metrics(nlp, text) if c not in ("precision", "recall")] in ([], ["accuracy"])


def test_a_judgement_further_out_is_not_part_of_the_narrower_accuracy(nlp):
    text = "Experiments show that QuuxSolver achieves strict gradient accuracy at a tenth of the cost."
    assert metrics(nlp, text) == [("gradient accuracy", "gradient accuracy")]


def test_accuracy_as_a_demand_is_no_metric(nlp):
    assert metrics(nlp, "Experiments show the task is hard under strict accuracy constraints and tight budgets.") == []


def test_a_number_written_as_a_dimension_is_no_value(nlp):
    assert metrics(nlp, "Experiments show that QuuxNet achieves effective personalization of 3D content.") == []


def test_a_metric_list_item_is_not_a_clause_nor_a_kind_of_metric(nlp):
    assert [t for t, _c, r in rules(nlp, "It proposed metrics such as goal drift and harm reduction but did not test "
                                         "them.")] == ["goal drift", "harm reduction"]
    assert rules(nlp, "It uses measures such as audio signal recorded by mics to detect defects.") == []
    assert rules(nlp, "It reviews metrics, including road-level measures (APLS), and lane-level metrics (TOPO).") == []


@pytest.mark.parametrize("text, expected", [
    ("Experiments show that models answer with insufficient accuracy for clinical use.", "accuracy"),
    ("Experiments show it speeds up training with close accuracy.", "accuracy"),
    ("Results show that it comes at the cost of large inference times.", "inference times"),
])
def test_a_judgement_before_a_metric_is_not_part_of_its_name(nlp, text, expected):
    assert [c for _t, c in metrics(nlp, text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("We additionally quantify inference time and energy use.", "inference time"),
    ("Using a tensor field to accelerate rendering speed, the method improves stability.", "rendering speed"),
    ("Experiments show the small model achieves competing accuracy with existing models.", "accuracy"),
])
def test_a_research_verb_or_judgement_before_a_metric_is_not_part_of_its_name(nlp, text, expected):
    assert [c for _t, c in metrics(nlp, text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Experiments show that QuuxSeg reaches state-of-the-art results on several accuracy metrics.", ["accuracy"]),
    ("Experiments show that QuuxNet improves multiple segmentation accuracy scores.", ["segmentation accuracy"]),
    ("Experiments show that QuuxOCR reaches comparable word accuracy but worse character accuracy.",
     ["word accuracy", "character accuracy"]),
    ("The system offers sub-second end-to-end latency on phones.", ["end-to-end latency"]),
    ("Some solvers fail even with an infinite search time.", []),
    ("Experiments show both models reach equivalently bad accuracy.", ["accuracy"]),
    ("Experiments show that QuuxVLM reaches near-saturation accuracy.", ["accuracy"]),
])
def test_a_quantifier_comparative_or_degree_before_a_metric_is_not_part_of_its_name(nlp, text, expected):
    assert [c for _t, c in metrics(nlp, text)] == expected


def test_a_list_item_followed_by_a_determiner_is_a_verb_and_measures_are_no_metric_list(nlp):
    assert [t for t, _c in metrics(nlp, "Agreement metrics, such as Cohen's kappa, oversimplify this disagreement.")] \
        == ["Cohen's kappa"]
    assert metrics(nlp, "Protection measures such as watermarks and metadata have failed.") == []


@pytest.mark.parametrize("text, expected", [
    ("We propose the Fidelity-Constrained Editing Score, a composite metric.", ["Fidelity-Constrained Editing Score"]),
    ("The Aerosol Index, closely tied to smog, is tracked.", ["Aerosol Index"]),
    ("We present the AI Pluralism Index, a transparent instrument.", ["AI Pluralism Index"]),
    ("We rank models by the Absolutely Fair Gender Bias Score of each.", []),
])
def test_a_named_score_takes_hyphenated_words_and_no_determiner_and_is_never_a_fragment(nlp, text, expected):
    assert [t for t, _c, r in rules(nlp, text) if r == "metric_named"] == expected


def _metric_entities(title, abstract):
    from paperkg.extractors import analysed_text, load
    doc = load()(analysed_text(title, abstract))
    return {e["name"]: e for e in doc._.entities if e["type"] == "metric"}


def test_a_bare_accuracy_stands_for_the_named_one_and_is_marked_folded():
    found = _metric_entities("Counting Birds from Drones", (
        "Our counter reaches 91.2% overall accuracy on the survey images. Its accuracy rates stay high at night, "
        "and the accuracy of the baseline drops."))
    mentions = found["overall accuracy"]["mentions"]
    assert [(m["text"], m.get("folded", False)) for m in mentions] == [
        ("overall accuracy", False), ("accuracy rates", True), ("accuracy", True)]


def test_a_bare_f1_folded_into_the_one_averaged_kind_is_marked_folded():
    found = _metric_entities("Tagging Legal Clauses", "The tagger gets 71.3 macro F1; its F1 is 4 points above the rules.")
    assert [(m["text"], m.get("folded", False)) for m in found["macro-F1"]["mentions"]] == [
        ("macro F1", False), ("F1", True)]


@pytest.mark.parametrize("text, expected", [
    # an acronym the paper defines more precisely is the precise metric; one defined as another metric is none
    ("We report the AUC (area under the ROC curve) of 0.91.", [("AUC", "AUROC"), ("area under the ROC curve", "AUROC")]),
    ("We report ROUGE-2 (R2) of 21.3.", [("ROUGE-2", "ROUGE")]),
])
def test_an_acronym_defined_as_a_narrower_listed_metric_is_that_metric(nlp, text, expected):
    assert metrics(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a word with a noun of its own before it heads its own compound: no twin of the next one
    ("Experiments show that QuuxCE beats baselines on both control overhead and beam alignment accuracy.",
     ["beam alignment accuracy"]),
    # a hyphenated adjective narrows accuracy to no kind of its own
    ("Experiments show that QuuxNet raises task-specific accuracy by 3%.", ["accuracy"]),
    ("Experiments show that QuuxNet keeps regime-dependent accuracy at 90%.", ["accuracy"]),
    # a trade-off is talked about, not measured
    ("QuuxNet strikes a good memory accuracy trade off.", []),
])
def test_a_narrowing_word_must_modify_this_metric_alone(nlp, text, expected):
    assert [c for _t, c in metrics(nlp, text)] == expected


def test_a_one_word_list_item_sharing_the_next_items_head_is_no_metric(nlp):
    assert [t for t, _c in metrics(nlp, "We use metrics such as route coverage, noise and traffic impact.")] \
        == ["route coverage", "traffic impact"]


def test_a_compound_after_a_capitalised_word_is_part_of_a_longer_name_and_not_read(nlp):
    assert metrics(nlp, "QuuxSeg cuts Betti number errors (0.2 vs 0.5) on the scans.") == []


def test_an_accuracy_aimed_at_is_no_kind_of_accuracy(nlp):
    assert [c for _t, c in metrics(nlp, "Experiments show QuuxOpt hits target accuracy after 40 epochs.")] \
        == ["accuracy"]


def test_a_plural_cue_word_with_no_naming_word_is_a_verb_not_a_metric_definition(nlp):
    assert metrics(nlp, "The router scores multi-head attention (MHA) blocks by entropy.") == []
    assert [t for t, _c in metrics(nlp, "We define the metric Quux Overlap Index (QOI) for this.")] \
        == ["Quux Overlap Index", "QOI"]


def test_each_cutoff_of_precision_at_k_is_a_metric_of_its_own(nlp):
    # as Hits@1 and Hits@10 are: a precision at one cutoff is not the precision at another
    assert metrics(nlp, "QuuxRank reaches Precision@10 of 0.51, P@1 of 0.32 and P@k of 0.4.") == [
        ("Precision@10", "Precision@10"), ("P@1", "Precision@1"), ("P@k", "precision@k")]


@pytest.mark.parametrize("text, expected", [
    # plurals of things counted or observed are no metrics, in a list or with a value
    ("We log metrics, including nest visits, feeding bouts, and flight paths.", []),
    ("QuuxSolve reaches average gaps of 7.5% and error rates of 3%.", ["error rate"]),
    ("We report p-values of 0.01 and cross-subject accuracies of 81.2%.", ["p-values", "cross-subject accuracies"]),
    ("We compare encoders on three metrics: latency, floating-point operations (FLOPs), and memory use.",
     ["latency", "floating-point operations", "memory use"]),
])
def test_a_plural_of_things_counted_or_observed_is_no_metric(nlp, text, expected):
    assert [c for _t, c in metrics(nlp, text)] == expected


def test_a_noun_of_action_coordinated_with_a_true_adjective_shares_no_head(nlp):
    text = "Experiments show QuuxNet improves rasterization and physical accuracy, and detection and retrieval accuracy."
    assert [c for _t, c in metrics(nlp, text)] == ["physical accuracy", "detection accuracy", "retrieval accuracy"]
