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


def spans(nlp, abstract, title="A Study of Things"):
    doc = nlp(analysed_text(title, abstract))
    values = lambda s: doc.user_data.get(("paperkg", s.label, s.id, s.start_char, s.end_char), {})
    return {s.text: values(s) for s in doc.spans["data"]}


@pytest.mark.parametrize("abstract, absent", [
    ("We fine-tune on the Places-CNN features and test on the Places dataset.", "Places-CNN"),        # a model
    ("Experiments on QuuxData and Qwen3-VL-4B show gains.", "Qwen3-VL-4B"),                          # parameter count
    ("Experiments on QuuxData and LLaMA-3.2-3b show gains.", "LLaMA-3.2-3b"),                        # a known model
    ("Experiments on QuuxData and MedGemma show gains.", "MedGemma"),                                # built on Gemma
    ("We drive in the CARLA benchmark and report results.", "CARLA"),                                # a simulator
    ("Across 15 benchmarks our model wins.", "Across 15"),                                           # a preposition
    ("We train on a curated Unreal Engine-rendered dataset.", "Unreal Engine-rendered"),             # how it was made
    ("We test in GNSS-denied datasets and on QuuxData.", "GNSS-denied"),
    ("Experiments across 6 LLM-dataset combinations show gains.", "6 LLM"),                         # a noun's modifier
])
def test_models_simulators_and_fragments_are_not_data(nlp, abstract, absent):
    assert absent not in data(nlp, abstract)


def test_a_capitalised_hyphenated_data_noun_or_a_name_with_its_acronym_is_still_a_name(nlp):
    assert "QuuxPsy" in data(nlp, "We release QuuxPsy-Dataset. Our QuuxPsy-Dataset is built from real sessions.")
    found = data(nlp, "We construct the Unaligned Quux-Thermal Fine-grained (UQTF) benchmark for tracking.")
    assert "Unaligned Quux-Thermal Fine-grained" in found


def test_the_acronym_of_a_task_the_text_writes_in_lower_case_is_not_data(nlp):
    found = data(nlp, "Wading-bird counting (WBC) is hard. We build the first WBC benchmark for wading-bird counting.")
    assert "WBC" not in found


def test_a_title_topic_of_plain_words_is_not_data_unless_the_abstract_uses_it(nlp):
    title = "Quux-Talk: A Dyadic Spoken Corpus for Stance Analysis"
    assert "Dyadic Spoken" not in data(nlp, "We record 300 hours of talk.", title=title)


def test_names_shaped_like_benchmarks_or_sized_collections_are_data(nlp):
    found = data(nlp, "We test agents on HeronBench, Quux-Bench and BirdArena, and train on WaderMath-14K.")
    assert {n: found[n]["type"] for n in ("HeronBench", "Quux-Bench", "BirdArena", "WaderMath-14K")} == {
        "HeronBench": "benchmark", "Quux-Bench": "benchmark", "BirdArena": "benchmark", "WaderMath-14K": "dataset"}


def test_a_benchmark_shaped_name_is_taken_whole_never_its_tail(nlp):
    # an acronym word or hyphened words lead the name; a word glued by a dot is part of it, not a boundary
    assert set(data(nlp, "We score judges on VL Reward-Bench and on QX-HeronBench.")) == {
        "VL Reward-Bench", "QX-HeronBench"}
    assert set(data(nlp, "We evaluate our model on Dr.Heron-Bench, a new hallucination benchmark.")) == {
        "Dr.Heron-Bench"}
    assert set(data(nlp, "Our judge beats the baseline on HeronBench.")) == {"HeronBench"}


def test_a_version_written_apart_keeps_the_dataset_apart(nlp):
    assert "Argoverse V2" in data(nlp, "Experiments on Argoverse V2 and KITTI show gains.")


def test_a_title_naming_a_framework_with_a_benchmark_does_not_make_the_framework_data(nlp):
    title = "QuuxNet: A Lightweight Recognition Framework with a Benchmark Dataset"
    assert "QuuxNet" not in data(nlp, "We present QuuxNet, a framework. QuuxNet is fast.", title=title)


def test_source_data_a_new_dataset_is_built_from_is_not_introduced(nlp):
    found = spans(nlp, "We introduce HeronSet, a new benchmark built from the WaderPics dataset and COCO.")
    assert found["HeronSet"]["introduced"] is True
    assert found["COCO"]["introduced"] is False and found["WaderPics"]["introduced"] is False


def test_data_named_as_background_is_not_evaluated_on(nlp):
    found = spans(nlp, "Deep models have been shown to work on many datasets, such as MNIST. "
                       "We evaluate QuuxNet on CIFAR-10, where our results improve.")
    assert found["MNIST"]["evaluated"] is False and found["CIFAR-10"]["evaluated"] is True


def test_a_name_before_a_plural_data_noun_names_a_kind_of_data(nlp):
    assert data(nlp, "We evaluate on standard KGQA benchmarks and on three VideoQA benchmarks.") == {}
    assert data(nlp, "Current AI benchmarks rarely test planning.") == {}
    # a list, or a collection written in the plural after a preposition, is still named data
    assert {"QuokkaScenes", "WombatSet"} <= set(data(nlp, "Results on the QuokkaScenes and WombatSet datasets."))
    assert "RadQuux" in data(nlp, "We conducted experiments on RadQuux datasets.")


def test_a_described_dataset_is_not_named(nlp):
    assert data(nlp, "We collected a Motion Capture dataset of 40 subjects.") == {}
    assert data(nlp, "We expand an existing mmWave dataset with unlabeled scans.") == {}
    assert "QuokkaScenes" in data(nlp, "We render scenes from the QuokkaScenes dataset.")


def test_numbered_parts_organisations_and_counts_are_not_data_names(nlp):
    assert data(nlp, "We release the Quokka Drone Detection (QDD) Version 2 dataset of 40k images.") .keys() <= {"QDD"}
    assert data(nlp, "Stage I selects tokens, and the Stage II benchmark shows the gains.") == {}
    assert data(nlp, "A baseline is derived from a public US Federal Wombat Administration dataset.") == {}
    assert set(data(nlp, "On the 28-emotion QuokkaEmotions benchmark, the method wins.")) == {"QuokkaEmotions"}


def test_a_name_does_not_run_across_a_line_break(nlp):
    found = data(nlp, "QuokkaBench Existing AI benchmarks for automation rarely combine apps.", title="QuokkaBench")
    assert set(found) == {"QuokkaBench"}


def test_a_title_announces_data_only_when_its_data_noun_heads_the_phrase(nlp):
    assert "QuuxBench" in data(nlp, "We present QuuxBench.", title="QuuxBench: A Benchmark for Wombat Reasoning")
    for title in ("D-Quux: Improving Robustness via Dataset-Agnostic Augmentation",
                  "MGQ3: Mode-Guided Dataset Distillation using Diffusion Models",
                  "InterQuux: De-anonymizing Chatbot Arena via Interpolated Preference Learning"):
        assert title.split(":")[0] not in data(nlp, "We propose a method and test it.", title=title)


def test_a_variant_of_a_known_benchmark_is_not_the_benchmark(nlp):
    found = data(nlp, "With 12 samples, the verifier lets a small model surpass a large one on BrowseComp-Plus.")
    assert "BrowseComp" not in found
    assert "SWE-bench" not in data(nlp, "We study SWE-bench Lite, a benchmark of software engineering tasks.")
    assert "SWE-bench" in data(nlp, "We evaluate on SWE-bench and report the resolve rate.")


def test_an_acronym_the_text_spells_out_as_a_task_is_not_data(nlp):
    assert "WQA" not in data(nlp, "Wombat Question Answering (WQA) is hard; standard WQA benchmarks are small.")


def test_a_name_described_as_a_method_is_not_data(nlp):
    found = data(nlp, "On QuokkaImage, WombatDet, a recent state-of-the-art detector, remains stronger in accuracy.")
    assert "WombatDet" not in found and "QuokkaImage" in found
    assert "OtterMath" in data(nlp, "Trained on sampled OtterMath, the approach outperforms the baselines.")


def test_an_all_capital_name_keeps_its_first_word(nlp):
    assert "PHANTOM WOMBAT" in data(nlp, "We introduce PHANTOM WOMBAT, a benchmark of 25 puzzles.")


def test_a_listed_acronym_the_text_defines_as_a_task_is_not_that_data(nlp):
    assert "VSR" not in data(nlp, "Video Super-Resolution (VSR) restores detail; VSR methods are slow.")
    assert "VSR" in data(nlp, "We evaluate spatial reasoning on VSR and GQA.")


def test_a_language_before_a_named_dataset_is_not_part_of_its_name(nlp):
    found = data(nlp, "Our reader is tested on the German QuuxQA dataset and on the English Gigaword corpus.")
    assert "German QuuxQA" not in found
    assert found["QuuxQA"]["mentions"][0]["rule"] == "data_noun"
    assert "English Gigaword" in found  # before a plain word the language is part of the name


def test_a_list_after_a_counted_plural_data_noun_and_a_comma(nlp):
    found = data(nlp, "We evaluate the tracker on two public benchmarks, FooTrack [3] and BarVOT-2 (Smith et al. "
                      "2019), and report gains.")
    assert {"FooTrack", "BarVOT-2"} <= set(found)
    assert {found[n]["mentions"][0]["rule"] for n in ("FooTrack", "BarVOT-2")} == {"data_list"}
    assert not data(nlp, "Results on several benchmarks, which we describe below, improve.")


def test_a_name_quoted_after_its_data_noun(nlp):
    found = data(nlp, "We collect a large-scale dataset, \u201cWombatCams\u201d, that covers many species.")
    assert found["WombatCams"]["mentions"][0]["rule"] == "data_noun"
    found = data(nlp, 'We present a new database "Quokka Pose Parsing (QPP)" for pose estimation.')
    assert "Quokka Pose Parsing" in found


def test_the_whole_long_form_of_a_data_acronym_with_function_words(nlp):
    found = data(nlp, "Accuracy is reported on the Large Corpus of Wombat Calls (LCWC) database.")
    assert found["Large Corpus of Wombat Calls"]["mentions"][0]["rule"] == "data_noun"
    assert "LCWC" in found["Large Corpus of Wombat Calls"]["aliases"]
    assert "Wombat Calls" not in found


def test_the_existing_named_benchmark_is_named_but_an_existing_kind_is_not(nlp):
    found = data(nlp, "Our reader is also strong on the existing QuuxQA benchmark.")
    assert found["QuuxQA"]["mentions"][0]["rule"] == "data_noun"
    assert not data(nlp, "We reuse an existing mmWave dataset for training.")


def test_a_task_acronym_before_a_data_noun_leaves_the_appositive_name(nlp):
    found = data(nlp, "Question answering (QA) over films is hard. We build a tool, FilmQuokka, a QA dataset of "
                      "plots and reviews.")
    assert found["FilmQuokka"]["mentions"][0]["rule"] == "appositive"
    assert "QA" not in found


def test_a_named_word_then_a_task_then_a_singular_data_noun(nlp):
    found = data(nlp, "We report accuracy on the newly released QX-7 face recognition data set.")
    assert found["QX-7"]["mentions"][0]["rule"] == "data_noun"
    assert not data(nlp, "We test across diverse AB, CD, and EF concept segmentation benchmarks.")


def test_an_evaluation_list_takes_a_dated_name_and_a_capitalised_compound_after_a_named_item(nlp):
    found = data(nlp, "Extensive experiments on WomText1200, Quokka-Scenes, QUUX 2019 and more show gains.")
    assert {found[n]["mentions"][0]["rule"] for n in ("WomText1200", "Quokka-Scenes", "QUUX 2019")} == \
        {"evaluated_on"}
    assert not data(nlp, "Extensive experiments on Multi-Head, attention show gains.")


def test_a_citation_marker_between_a_name_and_its_data_noun(nlp):
    found = data(nlp, "We evaluate on the QuuxFlow (Smith et al 2012) and the WombatOF (Jones et al. 2013) datasets.")
    assert found["QuuxFlow"]["mentions"][0]["rule"] == "data_list"
    assert found["WombatOF"]["mentions"][0]["rule"] == "data_noun"


def test_a_language_pair_after_an_evaluation_item_is_its_direction(nlp):
    found = data(nlp, "Our translator achieves 30.1 BLEU on QUUXMT 2019 German-English.")
    assert found["QUUXMT 2019"]["mentions"][0]["rule"] == "evaluated_on"
    assert "QUUXMT 2019 German-English" not in found


def test_a_capitalised_data_noun_is_part_of_the_name(nlp):
    # "the Quokka Values Benchmark" names the benchmark; "Quokka Values" alone is a fragment of it
    assert "Quokka Values Benchmark" in data(nlp, "Methodologically, the Quokka Values Benchmark introduces an "
                                                  "approach.")
    found = data(nlp, "We introduce the Flooded Wombat Roads Dataset (FWRD), the first dataset of its kind.")
    assert "Flooded Wombat Roads Dataset" in found and "Flooded Wombat Roads" not in found
    assert "Quokka Grand Challenge" in data(nlp, "Our method won first place in the Quokka Grand Challenge 2025.")


def test_listed_metrics_in_an_evaluation_list_are_not_data(nlp):
    assert not data(nlp, "Our method consistently surpasses prior methods across PSNR, SSIM, and LPIPS.")


def test_a_parameter_count_before_a_variant_word_is_a_model(nlp):
    assert not data(nlp, "Building on Qwen3.5-9B-Base, our model improves accuracy on three QA benchmarks.")
    assert not data(nlp, "We apply the recipe to two base models (Apertus-70B/8B-Instruct, EuroLLM-22B/9B-Instruct).")


def test_a_title_evaluation_after_as_is_what_the_method_is_used_for(nlp):
    title = "QuokQE: Question Answering as Automatic Evaluation for Machine Translation"
    assert "QuokQE" not in data(nlp, "We present QuokQE, which asks questions about the translation.", title)


def test_data_named_after_its_noun_and_a_naming_verb_is_data_even_with_a_listed_methods_name(nlp):
    title = "MINERVA: Evaluating Complex Video Reasoning"
    found = data(nlp, "To remedy this, we provide a new video reasoning dataset called MINERVA for modern models.",
                 title)
    assert found["MINERVA"]["type"] == "dataset"
    assert "QuokkaQA" in data(nlp, "We release a benchmark dubbed QuokkaQA with 5,000 questions.")


def test_literature_databases_a_review_searches_are_not_data(nlp):
    found = data(nlp, "Following PRISMA guidelines, we searched four databases (Google Scholar, Scopus, Web of "
                      "Science, QuokkaLit) for studies.")
    assert not {"Google Scholar", "Scopus", "Web of Science"} & set(found)


def test_a_challenge_of_a_series_is_named_with_what_it_is_on(nlp):
    def kinds(abstract):
        return {name: e["type"] for name, e in data(nlp, abstract).items()}

    assert kinds("We review the NTIRE 2025 Challenge on Image Denoising (x4), with 120 teams.") == \
        {"NTIRE 2025 Challenge on Image Denoising (x4)": "benchmark"}
    assert kinds("Our entry won the AIM 2025 Challenge on efficient video restoration, and we release it.") == \
        {"AIM 2025 Challenge on efficient video restoration": "benchmark"}
    assert kinds("We rank second in the NTIRE 2025 Challenge.") == {"NTIRE 2025 Challenge": "benchmark"}
    assert list(data(nlp, "We review the NTIRE 2025 Challenge on Day and Night Raindrop Removal for Dual-Focused "
                          "Images. Teams took part.")) == ["NTIRE 2025 Challenge on Day and Night Raindrop Removal "
                                                           "for Dual-Focused Images"]
    # the track ends with its line, and an acronym of it is not part of its name
    assert list(data(nlp, "This paper reviews the challenge.", title="NTIRE 2025 Challenge on RAW Image Denoising")) \
        == ["NTIRE 2025 Challenge on RAW Image Denoising"]
    assert list(data(nlp, "We review the NTIRE 2026 Challenge on Corrupted Video Restoration (CVR). Teams joined.")) \
        == ["NTIRE 2026 Challenge on Corrupted Video Restoration"]
    # the task the challenge is on is still one the paper addresses
    doc = nlp(analysed_text("A Study of Things", "We review the NTIRE 2025 Challenge on Image Denoising (x4)."))
    assert ("task", "image denoising") in {(e["type"], e["name"]) for e in doc._.entities}


def test_a_listed_metric_among_benchmarks_is_a_metric(nlp):
    assert list(data(nlp, "Results on POPE and CHAIR show fewer hallucinations.")) == ["POPE"]
    doc = nlp(analysed_text("A Study of Things", "Results on POPE and CHAIR show fewer hallucinations."))
    assert ("metric", "CHAIR") in {(e["type"], e["name"]) for e in doc._.entities}


def test_a_list_with_a_sized_known_model_names_models_not_data(nlp):
    assert data(nlp, "Our experiments on QuuxLM-760M and Mamba-1.4B show that the optimizer converges faster.") == {}


def test_names_before_a_setting_noun_are_settings_not_data(nlp):
    assert set(data(nlp, "We evaluate the tracker across LP and HQ domains and on KITTI.")) == {"KITTI"}


def test_a_made_with_word_ends_a_list_of_data(nlp):
    assert data(nlp, "We ran it in two environments: GPU-only and FPGA-based builds.") == {}


def test_a_number_before_plural_data_counts_them_and_names_none(nlp):
    assert data(nlp, "We study signatures in 8 French datasets and 12 NLP datasets.") == {}


def test_a_listed_name_ends_after_its_version_number(nlp):
    assert set(data(nlp, "Experiments on GAF-3.0, VGAF and AffectNet show that QuuxFace wins.")) == {
        "GAF-3.0", "VGAF", "AffectNet"}


def test_listed_data_with_a_known_model_after_the_hyphen_is_that_model(nlp):
    assert data(nlp, "We propose COCO-SAM for segmentation.", "COCO-SAM: Memory-Augmented SAM for Scans") == {}


def test_a_made_with_word_anywhere_in_the_name_describes_data_and_names_none(nlp):
    assert data(nlp, "We fine-tune on a GPT-generated Lyrics dataset.") == {}


def test_modalities_and_operating_systems_are_no_data(nlp):
    assert data(nlp, "Scans from three sources (CT, MRI, and Ultrasound) form the test datasets.") == {}
    assert data(nlp, "QuuxAgent is tested across Linux, Windows and macOS environments.") == {}


def test_a_plural_acronym_names_a_class_of_models_not_data(nlp):
    assert data(nlp, "Experiments on four GNNs and three LCLMs show that QuuxOpt helps.") == {}


def test_a_dimension_or_a_version_number_is_no_data_name(nlp):
    assert data(nlp, "Experiments on 3-D and 2.5-D scene datasets show that QuuxSeg helps.") == {}
    assert data(nlp, "We release the data (Version 2.1, under CC-BY) and evaluate QuuxNet on it.") == {}


def test_new_data_described_with_adjectives_is_a_kind_but_a_coined_name_is_named(nlp):
    assert data(nlp, "We collect a new large-scale LFI dataset of light-field images.") == {}
    assert data(nlp, "We build the first real-world, annotated SfP benchmark for glass.") == {}
    assert "WhereToLook" in data(nlp, "We build a novel WhereToLook benchmark for gaze.")
    assert "MM-Office" in data(nlp, "Tests on the existing MM-Office dataset show gains.")
    # the name before the described kind is still read: "X, a clinical QA dataset"
    found = data(nlp, "We release QuuxQA, a clinical QA dataset with 900 questions.")
    assert "QuuxQA" in found and "QA" not in found


def test_a_quantifier_opens_no_data_name(nlp):
    assert data(nlp, "Most Sign Language Translation (SLT) corpora are recorded in studios.") == {}
