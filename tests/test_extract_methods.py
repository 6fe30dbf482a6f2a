"""Methods: proposal cues, the title's name, abbreviations merged, well-known models with size variants."""

import pytest

from paperkg.extractors import analysed_text, load


@pytest.fixture(scope="module")
def nlp():
    return load()


def entities(nlp, title, abstract, kind="method"):
    doc = nlp(analysed_text(title, abstract))
    return {e["name"]: e for e in doc._.entities if e["type"] == kind}


def test_title_colon_name_is_proposed(nlp):
    found = entities(nlp, "QuillNet: Sharper Edges for Tiny Images", "QuillNet beats strong baselines.")
    assert found["QuillNet"]["proposed"] is True
    rules = {m["rule"] for m in found["QuillNet"]["mentions"]}
    assert "title_colon" in rules


def test_a_plain_word_before_the_title_colon_is_a_name_when_the_abstract_uses_it_again(nlp):
    title = "Wren: Lighter Optical Flow for Small Drones"
    found = entities(nlp, title, "Wren estimates optical flow on a microcontroller. Wren runs at 30 frames per second.")
    assert found["Wren"]["proposed"] is True
    # the abstract never uses the word: a title word, not a name
    assert "Wren" not in entities(nlp, title, "We estimate optical flow on a microcontroller.")
    # the title announces data: the word names a benchmark, not a proposed method
    bench = "Sparrow: A Benchmark for Optical Flow on Small Drones"
    assert "Sparrow" not in entities(nlp, bench, "Sparrow holds 900 clips. Sparrow is hard for current methods.")


def test_a_title_that_is_a_phrase_names_nothing(nlp):
    found = entities(nlp, "Local or Global: What Matters in Pooling", "We study pooling layers.")
    assert not [e for e in found.values() if e["proposed"]]


@pytest.mark.parametrize("abstract, name", [
    ("In this paper, we propose ZephyrSeg, a segmentation network.", "ZephyrSeg"),
    ("We introduce a simple recipe, dubbed FlipMix, for training.", "FlipMix"),
    ("Our approach, termed Orbit-GS, renders scenes in real time.", "Orbit-GS"),
])
def test_proposal_cues(nlp, abstract, name):
    found = entities(nlp, "A Study of Things", abstract)
    assert found[name]["proposed"] is True


def test_long_form_and_acronym_are_one_proposed_entity(nlp):
    found = entities(nlp, "Better Pooling", "We propose a Multi-Scale Token Pooling (MSTP) module for vision models. "
                                            "MSTP is cheap.")
    entity = found["Multi-Scale Token Pooling"]
    assert entity["proposed"] is True
    assert "MSTP" in entity["aliases"]
    assert "MSTP" not in found  # not repeated as a separate mention


def test_acronym_used_before_its_definition_is_merged(nlp):
    found = entities(nlp, "Better Pooling", "MSTP is cheap. We propose Multi-Scale Token Pooling (MSTP) for vision.")
    entity = found["Multi-Scale Token Pooling"]
    assert entity["proposed"] and "MSTP" in entity["aliases"]
    assert {m["text"] for m in entity["mentions"]} >= {"MSTP", "Multi-Scale Token Pooling"}


def test_known_models_with_size_variants_are_separate(nlp):
    found = entities(nlp, "A Study", "We compare ResNet50-D, Swin-T, DeiT3-S and EfficientVMamba-S with Swin-B.")
    assert {"ResNet50-D", "Swin-T", "DeiT3-S", "EfficientVMamba-S", "Swin-B"} <= set(found)
    assert not any(e["proposed"] for e in found.values())


def test_generic_families_are_not_methods(nlp):
    found = entities(nlp, "A Study", "Convolutional neural networks (CNNs) and large language models (LLMs) "
                                     "are compared with a transformer and GANs.")
    assert found == {}


def test_capitalised_transformer_is_kept_lowercase_is_not(nlp):
    assert "Transformer" in entities(nlp, "A Study", "We revisit the Transformer for audio.")
    assert entities(nlp, "A Study", "We revisit the transformer for audio.") == {}


def test_compared_methods_are_not_proposed(nlp):
    found = entities(nlp, "A Study", "We propose GlowPath, which outperforms NeRF and PixelCNN on scenes.")
    assert found["GlowPath"]["proposed"] is True
    assert found["NeRF"]["proposed"] is False


# --- entity-hood: what a domain expert reads as a named method (issue 15) ---

def test_a_family_of_models_written_in_capitals_is_not_a_named_method(nlp):
    title = "LLM-Based Agents for Warehouse Scheduling"
    abstract = ("We propose a planner that coordinates Multi-Agent Systems (MAS) with Vision-Language-Action Models. "
                "Unlike Dilated Convolutional Neural Networks (DCNNs), it builds on Mamba.")
    found = entities(nlp, title, abstract)
    for family in ("LLM-Based Agents", "Multi-Agent Systems", "MAS", "Vision-Language-Action Models",
                   "Dilated Convolutional Neural Networks", "DCNNs"):
        assert family not in found
    assert "Mamba" in found


def test_a_title_opening_with_an_article_describes_rather_than_names(nlp):
    found = entities(nlp, "A Dual-Branch Framework for Sparse Depth Completion", "We complete sparse depth maps.")
    assert not [e for e in found.values() if e["proposed"]]
    named = entities(nlp, "Dual-Branch Framework for Sparse Depth Completion", "We complete sparse depth maps.")
    assert "Dual-Branch Framework" in named


def test_a_name_made_of_a_benchmark_word_names_data_not_a_method(nlp):
    abstract = ("We introduce OtterBench-Hard, a harder split for tool use. Our agent outperforms baselines such as "
                "ToolChain-Reward Bench and HeronNet.")
    found = entities(nlp, "Agents that Use Tools", abstract)
    assert "OtterBench-Hard" not in found and "ToolChain-Reward" not in found
    assert "HeronNet" in found


def test_a_case_significant_name_matches_only_as_written(nlp):
    abstract = "Sensor nodes send LoRa packets to a gateway. We fine-tune the classifier with LoRA adapters."
    found = entities(nlp, "Low-Power Sensing on the Edge", abstract)
    assert [m["text"] for m in found["LoRA"]["mentions"]] == ["LoRA"]


def test_a_survey_titled_with_a_class_of_models_proposes_nothing(nlp):
    found = entities(nlp, "Small Language Models: Architectures, Training and Open Problems",
                     "We survey small language models and the ways they are trained.")
    assert not [e for e in found.values() if e["proposed"]]


def test_a_known_name_before_a_hyphenated_modifier_is_what_the_method_builds_on(nlp):
    abstract = ("We introduce a novel Mamba-based method, Lumen Deblur Network (LDN), which removes haze. "
                "It arranges its agents in a Directed Acyclic Graph (DAG)-structured network.")
    found = entities(nlp, "Removing Haze from Drone Footage", abstract)
    assert "Mamba-based" not in found and "Mamba-Based" not in found
    assert found["Mamba"]["proposed"] is False
    assert found["Lumen Deblur Network"]["proposed"] is True
    assert not found.get("Directed Acyclic Graph", {}).get("proposed")


def test_a_named_word_before_a_year_names_an_event_not_a_proposed_method(nlp):
    abstract = "The proposed model won first place in the ICCV HALO 2025 Challenge on low-light video."
    found = entities(nlp, "Seeing in the Dark", abstract)
    assert not found.get("HALO", {}).get("proposed") and not found.get("ICCV", {}).get("proposed")


@pytest.mark.parametrize("abstract", [
    "We propose Gull, a geolocation model trained on street photos, collected by leveraging OpenStreetMap (OSM) tags.",
    "We propose Gull, a novel framework targeting Personally Identifiable Information (PII) in chat logs.",
])
def test_a_defined_name_the_method_uses_or_acts_on_is_not_one_of_its_parts(nlp, abstract):
    found = entities(nlp, "Gull: Privacy for Street Photos", abstract)
    assert found["Gull"]["proposed"] is True
    assert not [name for name, e in found.items() if e["proposed"] and name != "Gull"]


def test_a_name_coined_for_a_phenomenon_is_no_method(nlp):
    abstract = ("We observe a phenomenon we term the Echo Drift Effect (EDE). We propose QuillNet, which removes it.")
    found = entities(nlp, "Drifting Echoes in Audio Models", abstract)
    assert "Echo Drift Effect" not in found and "EDE" not in found
    assert found["QuillNet"]["proposed"] is True


def test_a_team_at_a_shared_task_is_no_method(nlp):
    found = entities(nlp, "OwlTeam at SemEval-2026 Task 5: Fine-Tuning Encoders for Sarcasm",
                     "We present OwlTeam, a system that fine-tunes encoders for sarcasm detection.")
    assert "OwlTeam" not in found


@pytest.mark.parametrize("abstract, name", [
    ("We introduce HeronQA, comprising 7,500 queries mapped to 22,500 products.", "HeronQA"),
    ("We introduce Heron Forecast Set (HFS-2), 1,417 forecasting questions with a frozen corpus.", "HFS-2"),
    ("We further introduce masked PSNR (mPSNR) to quantify fidelity in foreground regions.", "mPSNR"),
])
def test_a_name_introduced_with_a_count_of_items_or_to_measure_is_data_or_a_metric(nlp, abstract, name):
    found = entities(nlp, "Watermarks and Products", abstract)
    assert not [n for n, e in found.items() if e["proposed"] and name in (n, *e.get("aliases", ()))]


def test_capitals_that_spell_an_acronym_inside_a_word_make_no_name(nlp):
    found = entities(nlp, "NMAX: Neural Embeddings for Asset Search",
                     "We present NMAX (Neural eMbeddings for Asset eXploration), a family of embedding models.")
    assert "eMbeddings" not in found and "eXploration" not in found
    assert [n for n, e in found.items() if e["proposed"] and "NMAX" in (n, *e["aliases"])]


def test_a_title_naming_a_benchmark_after_its_colon_names_data(nlp):
    found = entities(nlp, "HeronSet: A 2 Million Frame Underwater Benchmark and the HeronTrack Method",
                     "We release HeronSet and propose HeronTrack, a tracker for murky water.")
    assert not found.get("HeronSet", {}).get("proposed")
    assert found["HeronTrack"]["proposed"] is True


def test_a_stage_opened_by_a_preposition_is_no_named_part(nlp):
    abstract = ("We propose QuillRAG. QuillRAG operates in two stages: In Stage I, we cluster the documents; "
                "in Stage II, we filter them.")
    assert "In Stage I" not in entities(nlp, "Winnowing Retrieved Documents", abstract)


def test_a_proposed_loss_is_named_with_its_noun(nlp):
    found = entities(nlp, "Aligning Vision Models", "Then, we introduce a new Image-to-Response Guided loss to help.")
    assert found["Image-to-Response Guided loss"]["proposed"] is True
    assert "Image-to-Response Guided" not in found


def test_a_complexity_class_and_a_class_of_reasoning_models_are_no_methods(nlp):
    abstract = ("We study large reasoning models (LRMs). A Large Reasoning Model (LRM) thinks long, and planning "
                "is NP-hard. We propose QuillPlan for it.")
    found = entities(nlp, "Planning Budgets", abstract)
    assert set(found) == {"QuillPlan"}
    # the 3D model LRM is written out as what it is
    assert "Large Reconstruction Model" in entities(nlp, "Assets", "We build on the Large Reconstruction Model.")


@pytest.mark.parametrize("abstract, name", [
    ("RadarTrack improves the Average Multi-Object Tracking Accuracy (AMOTA) by 12.7%.", "AMOTA"),
    ("We introduce the Branching Factor (BF) -- a token-invariant measure of how many next steps are plausible.",
     "BF"),
])
def test_a_spelt_out_accuracy_or_a_measure_is_no_method(nlp, abstract, name):
    found = entities(nlp, "Counting Steps", abstract)
    assert not [n for n, e in found.items() if name in (n, *e["aliases"])]


def test_a_title_head_with_a_verb_is_a_clause(nlp):
    found = entities(nlp, "HeronMAE Meets Earth Observation: Pre-training Masked Autoencoders",
                     "We pre-train masked autoencoders on Earth observation data.")
    assert not [e for e in found.values() if e["proposed"]]


def test_a_title_means_phrase_stops_before_a_class_of_models(nlp):
    found = entities(nlp, "Geo-Localization via Location Attention Mechanism and Large Multimodal Models",
                     "We pair a Location Attention Mechanism with large multimodal models.")
    assert found["Location Attention Mechanism"]["proposed"] is True
    assert not [n for n in found if "Large Multimodal Models" in n]


def test_a_size_with_a_decimal_point_stays_on_the_proposed_name(nlp):
    found = entities(nlp, "Memory for Agents", "We introduce the MemReader family: MemReader-0.6B, a compact "
                     "extractor, and MemReader-4B.")
    assert {"MemReader-0.6B", "MemReader-4B"} <= set(found) and "MemReader-0" not in found


def test_an_appositive_name_takes_the_capitalised_words_before_its_last(nlp):
    found = entities(nlp, "Progressive Splatting", "In contrast, this work introduces On-the-Fly GS, a progressive "
                     "framework for near real-time reconstruction.")
    assert found["On-the-Fly GS"]["proposed"] is True and "GS" not in found


def test_a_game_a_kind_of_unit_and_a_metrics_name_are_no_methods(nlp):
    games = entities(nlp, "Pursuers", "We formulate a Pursuit-Exposure Game (PEG) in which a pursuer must decide.")
    assert not games
    units = entities(nlp, "Notes", "We propose NoteNet. On admissions to Cardiovascular Intensive Care Units, "
                     "NoteNet predicts stays.")
    assert set(units) == {"NoteNet"}
    assert "FineState-Metrics" not in entities(nlp, "States", "We further propose FineState-Metrics, a diagnostic "
                                               "pipeline with stage-wise success rates.")


def test_a_run_with_a_based_word_describes_the_proposed_models(nlp):
    found = entities(nlp, "Fast Surface Reconstruction", "We propose two accurate BEV-based RSR models: "
                     "FastRSR-mono and FastRSR-stereo.")
    assert "BEV-based RSR" not in found and found["FastRSR-mono"]["proposed"] is True


def test_a_list_after_a_data_noun_names_no_methods(nlp):
    found = entities(nlp, "Signs", "Experiments on datasets including RoadSignsA, RoadSignsB and OwlSigns show "
                     "gains over baselines such as HeronNet.")
    assert set(found) == {"HeronNet"}


def test_a_name_for_measuring_is_a_metric_and_a_powered_word_no_variant(nlp):
    found = entities(nlp, "Layouts", "We further introduce Backdrop Similarity (BD-S) for measuring background "
                     "consistency, and compare two GPT-4o-powered workflows.")
    assert "Backdrop Similarity" not in found and "GPT-4o-powered" not in found
    assert "GPT-4o" in found


def test_a_proposal_of_data_proposes_no_method_inside_it(nlp):
    found = entities(nlp, "Arabic Instructions", "We present a large-scale instruction dataset in Modern Standard "
                     "Arabic (MSA) and various Arabic dialects.")
    assert not found
    both = entities(nlp, "Birds", "We present a new dataset, HeronQA, and a model, HeronNet, for birds.")
    assert both["HeronNet"]["proposed"] is True


def test_a_name_given_to_a_new_benchmark_is_no_proposed_method(nlp):
    found = entities(nlp, "Documents", "Finally, we construct a new benchmark, HeronDocs, to enable rigorous evaluation.")
    assert not found.get("HeronDocs", {}).get("proposed")


def test_a_concept_defined_in_a_sentence_about_something_else_is_no_part_of_the_method(nlp):
    found = entities(nlp, "Flood Mapping", "We propose FloodNet for flood mapping. Current services, including the "
                     "Copernicus Emergency Management Service (CEMS), rely on manual work.")
    assert set(found) == {"FloodNet"}
    part = entities(nlp, "Flood Mapping", "We propose FloodNet for flood mapping. Its Water Boundary Refinement "
                    "(WBR) sharpens edges.")
    assert part["Water Boundary Refinement"]["proposed"] is True


@pytest.mark.parametrize("title, abstract, name", [
    ("Shift Aware Adaptation for Zero-shot Learning", "We propose Label Shift Aware (LSA) adaptation for learning.", "LSA"),
    ("Video Coding", "We divide the video into multiple Groups of Pictures (GoPs). We propose GridCodec.", "GoPs"),
    ("Oruga: An Avatar of a Theory", "We present Oruga, built on Representational Systems Theory (RST).", "RST"),
])
def test_a_fragment_before_its_noun_a_plural_acronym_and_a_theory_are_no_methods(nlp, title, abstract, name):
    found = entities(nlp, title, abstract)
    assert not [n for n, e in found.items() if name in (n, *e["aliases"])]


def test_the_description_after_a_proposed_name_is_no_second_name(nlp):
    found = entities(nlp, "Objects", "We fix these issues by GS-Owl, a new RGBN-volume Gaussian Reconstruction Model "
                     "designed to generate 3D objects.")
    assert [n for n, e in found.items() if e["proposed"]] == ["GS-Owl"]


@pytest.mark.parametrize("title", ["Counterfactual LLM-based Framework for Measuring Style",
                                   "YOLOv10-Based Multi-Task Framework for Hand Localization"])
def test_a_title_head_saying_what_a_generic_thing_is_built_on_names_nothing(nlp, title):
    found = entities(nlp, title, "We build a framework for this.")
    assert not [e for e in found.values() if e["proposed"]]


@pytest.mark.parametrize("title", [
    "From Kernels to Agents: Scheduling Jobs on Shared Clusters",   # 'From X to Y': a title phrase
    "Towards Sparse Attention Networks for Long Documents",          # an opener word, then a description
])
def test_a_title_opening_with_an_opener_word_names_no_method(nlp, title):
    found = entities(nlp, title, "We schedule jobs with sparse attention networks on shared clusters.")
    assert not [e for e in found.values() if e["proposed"]]


@pytest.mark.parametrize("title", [
    "Fetch, Fold, R2-D2: Household Robots that Tidy Up",          # a list of words, no name
    "TinyLM's Second Thoughts: Self-Correction in Small Models",  # a possessive phrase
])
def test_a_title_colon_head_with_a_comma_or_possessive_is_a_phrase(nlp, title):
    found = entities(nlp, title, "We study household robots and self-correction in small language models.")
    assert not [e for e in found.values() if e["proposed"]]


def test_names_listed_in_brackets_after_a_data_noun_are_data_not_methods(nlp):
    found = entities(nlp, "Night Driving", "We evaluate on two driving datasets (e.g., RoadScapes, NightDrive) "
                                           "and compare with baselines such as LaneFormer.")
    assert "RoadScapes" not in found and "NightDrive" not in found
    assert "LaneFormer" in found


@pytest.mark.parametrize("abstract, name", [
    ("Outputs are scored with ROUGE and domain variants such as ChemBERTScore.", "ChemBERTScore"),  # a score
    ("Our predictors are compared with LSA-measures of word similarity.", "LSA-measures"),        # measures
])
def test_score_and_measure_names_are_no_methods(nlp, abstract, name):
    assert name not in entities(nlp, "Word Similarity", abstract)


def test_what_a_new_dataset_spans_is_not_a_proposed_method(nlp):
    found = entities(nlp, "Sign Video", "We introduce GlyphSet-2M, a large-scale video dataset spanning BSL, JSL, "
                                        "and Irish Sign Language (ISL).")
    assert not [name for name, e in found.items() if e["proposed"]]


def test_a_name_with_a_dot_is_named_whole(nlp):
    found = entities(nlp, "DR.SCOUT: Route Guidance for Blind Walkers",
                     "We present DR.SCOUT, a navigation assistant model for blind walkers.")
    assert found["DR.SCOUT"]["proposed"] is True
    assert "SCOUT" not in found  # the part after the dot is no name of its own


def test_a_capitalised_run_after_a_bracket_is_the_rest_of_a_name_not_a_name(nlp):
    found = entities(nlp, "Style Blending", "We propose QuiltMix, a Zero-Shot Style-Aligned SLERP (Spherical Linear "
                                            "Interpolation) Blending Latent Manipulation pipeline.")
    assert found["QuiltMix"]["proposed"] is True
    assert "Blending Latent Manipulation" not in found


@pytest.mark.parametrize("abstract", [
    "We develop GRACE (Grounding, Relevance, Accuracy, Completeness, Empathy) to rate answers of chatbots.",
    "Physicians write SOAP (Subjective, Objective, Assessment, and Plan) notes after each visit.",
])
def test_an_acronym_of_a_list_of_four_words_names_criteria_not_a_method(nlp, abstract):
    found = entities(nlp, "Clinical Notes", abstract)
    assert not [name for name in found if "," in name or name in ("GRACE", "SOAP")]


def test_a_country_written_with_dots_is_no_proposed_name(nlp):
    found = entities(nlp, "Tariff Agents", "We establish the validity of our simulator by modeling a real-world U.S. tariff shock.")
    assert "U.S" not in found and "U.S." not in found


@pytest.mark.parametrize("abstract, name", [
    ("We propose SkyNet-X, an aerial model. We introduce the Aerial Vision Task Set (AVTS), which includes "
     "Open-Vocabulary Tasks (OVT) and Described Object Tasks (DOT).", "OVT"),                          # tasks
    ("We propose a per-user (PU) approach and compare it with a multi-patient (MP) model.", "MP"),   # a modifier
    ("We propose FaithNet, an aerial model. To measure faithfulness, we introduce Counterfactual Outcome "
     "Sensitivity (COS), which quantifies the impact of perturbations on predictions.", "COS"),     # a metric
])
def test_a_defined_acronym_of_tasks_a_modifier_or_a_measure_is_no_method(nlp, abstract, name):
    found = entities(nlp, "Aerial Models", abstract)
    assert name not in found and not [e for e in found.values() if name in e["aliases"]]


def test_a_word_before_et_al_is_an_author_not_a_proposed_method(nlp):
    found = entities(nlp, "Spectral Losses", "We start with a contrastive method called the Spectral Pair Loss "
                                             "(ZhouLi et al., 2021; Wu et al., 2024), and convert it into a "
                                             "non-contrastive form.")
    assert "ZhouLi" not in found


def test_a_family_name_the_text_calls_a_dataset_is_no_method(nlp):
    found = entities(nlp, "Physics in 3D", "We present HydroXNet - the first physics-grounded 3D dataset with "
                                           "material labels.")
    assert "HydroXNet" not in found


@pytest.mark.parametrize("abstract, name", [
    ("Our model, trained only on non-CoT data, outperforms models such as non-CoT and Qwen2.5.", "non-CoT"),
    ("We predict vegetation indices such as NDVI and NDWI.We then train a flow model.", "NDWI.We"),
])
def test_negations_and_words_run_into_the_next_sentence_are_no_methods(nlp, abstract, name):
    assert name not in entities(nlp, "Vegetation", abstract)


@pytest.mark.parametrize("title", [
    "Dissecting Agentic RAG: A Component Ablation for Multi-Hop QA",   # a verb opens a clause
    "GRAPE: Benchmarking and Evaluating Agents for Simulation",         # the title announces a benchmark
])
def test_a_title_colon_head_opened_by_a_verb_or_followed_by_benchmarking_is_no_proposed_method(nlp, title):
    found = entities(nlp, title, "GRAPE holds 500 simulation problems. We ablate agentic RAG pipelines.")
    assert not [e for e in found.values() if e["proposed"]]


def test_a_defined_hyphenated_noun_stays_a_method(nlp):
    found = entities(nlp, "Faster Super-Resolution", "Since the self-attention (SA) in Transformer is quadratic, "
                                                     "we propose LiteSR, a super-resolution network.")
    assert "self-attention" in found and "SA" in found["self-attention"]["aliases"]
