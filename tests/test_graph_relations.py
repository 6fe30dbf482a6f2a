"""Relations that say what the paper did (issue 15): PROPOSES only where the paper introduces the method,
EVALUATES_ON only where it evaluates on the data; data named as background is MENTIONED, and the data
queries count only what papers use. Lines are written by us as ``paperkg extract`` writes them.
"""

from __future__ import annotations

import pytest

from paperkg.graph import build_graph
from paperkg.graph.known import shipped
from paperkg.graph.lines import lines_from_graph
from paperkg.graph.names import spelling
from paperkg.graph.schema import RELATIONS, Label, Rel
from paperkg.queries import run
from tests.test_graph_build import ent, paper
from tests.test_graph_resolution_rules import node_of

BACKGROUND = ("Convolutional networks have been shown to learn robust features on many datasets, such as MNIST. "
              "We evaluate QuillNet on CIFAR-10, where our results improve accuracy.")


def rels_to(kg, paper_key: str, node: str) -> list[str]:
    return sorted(k for _, t, k in kg.nx.out_edges(f"paper:{paper_key}", keys=True) if t == node)


def proposers(kg, node: str) -> list[str]:
    return sorted(p for p, _, k in kg.nx.in_edges(node, keys=True) if k == Rel.PROPOSES.value)


def background_graph():
    mnist, cifar = ent("dataset", "MNIST", gazetteer="mnist"), ent("dataset", "CIFAR-10", gazetteer="cifar-10")
    return build_graph([
        paper("arxiv:2503.00001", "QuillNet: small nets", BACKGROUND, ent("method", "QuillNet", proposed=True),
              {**mnist, "evaluated": False}, {**cifar, "evaluated": True}, date="2025-03-01"),
        paper("arxiv:2503.00002", "Digits again", "We train FeatherNet on MNIST and report accuracy on MNIST.",
              ent("method", "FeatherNet", proposed=True), {**mnist, "evaluated": True}, date="2025-03-02"),
    ])


# -- EVALUATES_ON / MENTIONS of data ----------------------------------------------------------------------------

def test_the_extractor_says_which_data_the_paper_evaluates_on():
    from paperkg.extractors import analysed_text, load

    nlp = load()

    def evaluated(abstract: str) -> dict[str, bool]:
        doc = nlp(analysed_text("A Study of Things", abstract))
        return {e["name"]: e["evaluated"] for e in doc._.entities if e["type"] in ("dataset", "benchmark")}

    assert evaluated(BACKGROUND) == {"MNIST": False, "CIFAR-10": True}
    # a weak cue ("existing", "popular") is background only in a sentence that reports no evaluation
    assert evaluated("Existing benchmarks such as GSM8K are saturated.") == {"GSM8K": False}
    assert evaluated("QuillNet outperforms existing methods on GSM8K.") == {"GSM8K": True}
    assert evaluated("We test QuillNet on two popular benchmarks, namely GSM8K and MATH.") == \
        {"GSM8K": True, "MATH": True}
    # a sentence without any cue is the paper's own use
    assert evaluated("QuillNet is trained on COCO.") == {"COCO": True}


def test_the_extractor_says_which_data_the_paper_makes():
    from paperkg.extractors import analysed_text, load

    nlp = load()

    def introduced(abstract: str) -> dict[str, bool]:
        doc = nlp(analysed_text("A Study of Things", abstract))
        return {e["name"]: e["introduced"] for e in doc._.entities if e["type"] in ("dataset", "benchmark")}

    assert introduced("Finally, we construct the Heron-Pairs1.5k dataset, a human preference dataset.") == \
        {"Heron-Pairs1.5k": True}
    assert introduced("Moreover, we publish two novel bird datasets: HeronA and HeronB.") == \
        {"HeronA": True, "HeronB": True}
    # data the sentence builds on or evaluates on is not made there
    assert introduced("We build on the HeronSet dataset to study bird counting.") == {"HeronSet": False}
    assert introduced("We propose QuillNet, evaluated on the HeronSet benchmark.") == {"HeronSet": False}
    # an appositive that calls the data existing says the paper uses it
    assert introduced("Our results on HeronSet, a standard clinical dataset, improve recall.") == {"HeronSet": False}
    assert introduced("We introduce OwlTalk, a dataset of counselling dialogues.") == {"OwlTalk": True}
    # the name a making cue makes, a few words after it, is made there; a shared task the paper takes part in is not
    assert introduced("Finally, we build a large dataset named HeronD of owl calls.") == {"HeronD": True}
    assert introduced("We construct OwlQA-Bench to probe nocturnal reasoning.") == {"OwlQA-Bench": True}
    assert introduced("We present our system for SemEval-2025 Task 4 on unlearning.") == {"SemEval-2025 Task 4": False}
    # so do brackets listing data the text calls existing, in a sentence that makes other data
    assert introduced("We release HeronC, a new dataset, and extend three established benchmarks (HeronSet, "
                      "OwlBench and KiteQA) into it.") == {"HeronC": True, "HeronSet": False, "OwlBench": False,
                                                           "KiteQA": False}


def test_data_named_only_as_background_is_mentioned_not_evaluated_on():
    kg = background_graph()
    assert rels_to(kg, "arxiv:2503.00001", "data:mnist") == [Rel.MENTIONS.value]
    assert rels_to(kg, "arxiv:2503.00001", "data:cifar10") == [Rel.EVALUATES_ON.value]
    assert kg.nx.edges["paper:arxiv:2503.00001", "data:mnist", Rel.MENTIONS.value]["as"] == "dataset"
    assert Label.DATASET in RELATIONS[Rel.MENTIONS].targets and Label.BENCHMARK in RELATIONS[Rel.MENTIONS].targets


def test_data_queries_count_only_the_papers_that_use_the_data():
    kg = background_graph()
    assert [r["paper"] for r in run("papers-using", kg, dataset="MNIST")] == ["paper:arxiv:2503.00002"]
    assert {r["name"]: r["papers"] for r in run("top-datasets", kg)} == {"MNIST": 1, "CIFAR-10": 1}
    assert run("shared-datasets", kg) == [] and run("co-used-datasets", kg) == []
    assert [r["name"] for r in run("datasets-of", kg, paper="arxiv:2503.00001")] == ["CIFAR-10"]
    assert [r["name"] for r in run("methods-on", kg, dataset="MNIST")] == ["FeatherNet"]


def test_a_background_mention_reads_back_as_one_and_builds_again_the_same():
    kg = background_graph()
    again = build_graph(lines_from_graph(kg))
    assert sorted(again.nx.edges(keys=True)) == sorted(kg.nx.edges(keys=True))


def test_lines_without_the_evaluated_key_keep_evaluates_on():
    kg = build_graph([paper("arxiv:2503.00003", "Old line", "Results on MNIST.",
                            ent("dataset", "MNIST", gazetteer="mnist"), date="2025-03-03")])
    assert rels_to(kg, "arxiv:2503.00003", "data:mnist") == [Rel.EVALUATES_ON.value]


# -- INTRODUCES -----------------------------------------------------------------------------------------------

def homonym_graph():
    return build_graph([
        paper("arxiv:2501.00001", "Judging chat models", "Our assistant scores 8.1 on MT-Bench.",
              ent("benchmark", "MT-Bench", gazetteer="MT-Bench"), date="2025-01-05"),
        paper("arxiv:2503.00002", "Moving motion between clips", "We release MTBench, clip pairs for moving motion.",
              ent("benchmark", "MTBench", introduced=True), date="2025-03-01"),
        paper("arxiv:2506.00003", "Helpful guard rails", "On MTBench the guarded assistant stays helpful.",
              ent("benchmark", "MTBench"), date="2025-06-01"),
        paper("arxiv:2505.00004", "Hallucination in VLMs", "We evaluate on the HERONQA benchmark.",
              ent("benchmark", "HERONQA"), date="2025-05-01"),
        paper("arxiv:2604.00005", "Heron-QA: Affective Questions", "We introduce Heron-QA, a benchmark of feelings.",
              ent("benchmark", "Heron-QA", introduced=True), date="2026-04-01"),
        paper("arxiv:2605.00006", "Heron-QA 2", "We introduce Heron-QA, now with video.",
              ent("benchmark", "Heron-QA", introduced=True), date="2026-05-01"),
        paper("arxiv:2504.00007", "Again MT-Bench", "We present MT-bench results and release MT-Bench.",
              ent("benchmark", "MT-bench", "MT-Bench", introduced=True), date="2025-04-01"),
        paper("arxiv:2502.00008", "Chat tuning", "Our tuned assistant wins on MTBench.",
              ent("benchmark", "MTBench"), date="2025-02-01"),
    ])


def test_a_paper_introducing_a_name_spelt_anew_made_another_thing():
    # a spelling is the name less what keys fold as the same name: case, a plural, a trailing "challenge"
    assert spelling("data", "MT-bench") == spelling("data", "MT-Bench") != spelling("data", "MTBench")
    assert spelling("data", "Algonauts 2025 Challenge") == spelling("data", "Algonauts  2025")
    assert spelling("data", "Amazon Reviews") == spelling("data", "amazon review")
    assert spelling("data", "WIDER FACE") == spelling("data", "WIDER-FACE")
    assert spelling("data", "ICDAR 2015") == spelling("data", "ICDAR2015")
    kg = homonym_graph()
    # the lists and older papers spell it MT-Bench / HERONQA: this paper's MTBench / Heron-QA is its own benchmark
    motion = node_of(kg, "arxiv:2503.00002", Rel.INTRODUCES.value)
    assert motion != ["data:mtbench"] and kg.nx.nodes[motion[0]]["name"] == "MTBench"
    assert kg.nx.nodes[motion[0]]["papers"] == ["paper:arxiv:2503.00002"]
    feelings = node_of(kg, "arxiv:2604.00005", Rel.INTRODUCES.value)
    assert feelings != ["data:heronqa"] and kg.nx.nodes[feelings[0]]["name"] == "Heron-QA"
    # a later paper introducing the new spelling joins the first one (which keeps the claim)
    assert rels_to(kg, "arxiv:2605.00006", feelings[0]) == [Rel.EVALUATES_ON.value]
    # papers that only use a name stay with its older spelling, however they write it
    assert rels_to(kg, "arxiv:2506.00003", "data:mtbench") == [Rel.EVALUATES_ON.value]
    # an older paper writing MTBench for the listed MT-Bench used the listed thing: the spelling is still new
    assert rels_to(kg, "arxiv:2502.00008", "data:mtbench") == [Rel.EVALUATES_ON.value]
    assert "paper:arxiv:2503.00002" not in kg.nx.nodes["data:mtbench"]["papers"]
    # a claim written as the lists write it is the listed benchmark, and no paper of the corpus makes it
    assert rels_to(kg, "arxiv:2504.00007", "data:mtbench") == [Rel.EVALUATES_ON.value]


# -- PROPOSES -------------------------------------------------------------------------------------------------

def test_a_paper_cannot_propose_what_an_older_paper_already_names():
    kg = build_graph([
        paper("arxiv:2503.00010", "Sorting hats", "We compare with HatSort, a sorter.", ent("method", "HatSort"),
              date="2025-03-01"),
        paper("arxiv:2504.00011", "Faster sorting", "We propose HatSort for long lists.",
              ent("method", "HatSort", proposed=True), date="2025-04-02"),
    ])
    assert proposers(kg, "method:hatsort") == []
    assert kg.nx.edges["paper:arxiv:2504.00011", "method:hatsort", Rel.MENTIONS.value]["prior"] == \
        "paper:arxiv:2503.00010"


def test_a_paper_whose_title_is_the_name_keeps_its_claim_though_older_papers_named_it():
    kg = build_graph([
        paper("arxiv:2509.00010", "Parsing receipts", "We fine-tune OwlVL on receipts.", ent("method", "OwlVL"),
              date="2025-09-01"),
        paper("arxiv:2511.00011", "OwlVL Technical Report", "We present OwlVL, our vision-language model.",
              ent("method", "OwlVL", proposed=True), date="2025-11-20"),
    ])
    assert proposers(kg, "method:owlvl") == ["paper:arxiv:2511.00011"]


def test_one_older_paper_writing_only_the_same_acronym_is_not_enough():
    older = [paper(f"arxiv:2503.0002{n}", f"Paper {n}", "We use CMR here.", ent("method", "CMR"),
                   date=f"2025-03-0{n}") for n in (1, 2)]
    claim = paper("arxiv:2504.00020", "Masks", "We propose Cascaded Mask Refinement (CMR).",
                  ent("method", "Cascaded Mask Refinement", "CMR", proposed=True), date="2025-04-01")
    one = build_graph([older[0], claim])
    assert proposers(one, "method:cascadedmaskrefinement") == ["paper:arxiv:2504.00020"]
    two = build_graph([*older, claim])
    assert all(k != Rel.PROPOSES.value for _, _, k in two.nx.out_edges("paper:arxiv:2504.00020", keys=True))


@pytest.mark.parametrize("claimed", [
    ("Llama-3.1-8B",), ("ViT-B/16",),                   # size variants of listed families
    ("supervised fine-tuning", "SFT"),                   # prior_methods.txt, which the extractor does not read
    ("Generative Adversarial Networks", "GANs"),
])
def test_methods_that_existed_before_the_corpus_are_proposed_by_no_paper_of_it(claimed):
    kg = build_graph([paper("arxiv:2503.00030", "First of the corpus", f"We propose {' ('.join(claimed)}"
                            f"{')' if len(claimed) > 1 else ''} for tables.",
                            ent("method", *claimed, proposed=True), date="2025-03-01")])
    [node] = kg.find(claimed[0], Label.METHOD)
    assert proposers(kg, node) == [] and run("who-proposes", kg, method=claimed[0]) == []
    assert kg.nx.edges["paper:arxiv:2503.00030", node, Rel.MENTIONS.value]["prior"] == "gazetteer"


def test_a_claim_named_by_its_acronym_but_written_with_a_listed_long_form_is_no_proposal():
    # "a self-attention (SA) preservation constraint": the entity is named SA, the lists hold self-attention
    kg = build_graph([paper("arxiv:2503.00034", "Editing Pictures", "We develop a self-attention (SA) constraint.",
                            ent("method", "SA", "self-attention", proposed=True), date="2025-03-01")])
    [node] = kg.find("SA", Label.METHOD)
    assert proposers(kg, node) == [] and run("who-proposes", kg, method="SA") == []


def test_a_name_only_the_prior_list_gives_is_proposed_by_no_paper_even_one_titled_with_it():
    kg = build_graph([paper("arxiv:2503.00033", "Small Language Models: Architectures and Open Problems",
                            "We present Small Language Models, surveyed.",
                            ent("method", "Small Language Models", proposed=True), date="2025-03-01")])
    assert run("who-proposes", kg, method="Small Language Models") == []
    # a gazetteer model released in the corpus keeps its own report
    kg = build_graph([paper("arxiv:2503.00034", "Wan: Open Video Models", "We present Wan.",
                            ent("method", "Wan", proposed=True), date="2025-03-01")])
    assert [r["paper"] for r in run("who-proposes", kg, method="Wan")] == ["paper:arxiv:2503.00034"]


@pytest.mark.parametrize("claimed", [
    ("Convolutional Block Attention Mechanism", "CBAM"),        # CBAM's "... Module", one word changed
    ("Graph-based Retrieval-Augmented Generation", "GraphRAG"),  # one word added
    ("Graph-augmented RAG", "GraphRAG"),                         # a listed mixed-case acronym is one name
])
def test_a_listed_acronym_with_its_expansion_respelt_is_the_listed_method(claimed):
    kg = build_graph([paper("arxiv:2503.00031", "Leaves", f"We propose {claimed[0]} ({claimed[1]}) for leaves.",
                            ent("method", *claimed, proposed=True), date="2025-03-01")])
    assert run("who-proposes", kg, method=claimed[1]) == []


def test_another_expansion_of_a_listed_acronym_is_new():
    kg = build_graph([paper("arxiv:2503.00032", "Agents", "We propose State-Adaptive Memory (SAM) for agents.",
                            ent("method", "State-Adaptive Memory", "SAM", proposed=True), date="2025-03-01")])
    assert proposers(kg, "method:stateadaptivememory") == ["paper:arxiv:2503.00032"]


def test_a_new_size_of_a_listed_family_stays_its_own_in_the_familys_report():
    kg = build_graph([paper("arxiv:2503.00040", "Qwen2.5-VL Technical Report", "We release Qwen2.5-VL-72B.",
                            ent("method", "Qwen2.5-VL-72B", proposed=True), date="2025-03-01")])
    assert proposers(kg, "method:qwen25vl72b") == ["paper:arxiv:2503.00040"]


def test_the_size_variant_rule_takes_off_sizes_not_versions():
    known = shipped()
    assert known.family("method", "Qwen2.5-VL-7B") == "Qwen2.5-VL"
    assert known.family("method", "Llama-3.1-8B-Instruct") == "Llama-3.1"
    assert known.family("method", "ViT-B/16") == "ViT-B"
    assert known.family("method", "SAM 3") is None and known.family("method", "GPT-5.2") is None
    assert not known.existed_before("method", "QuillNet-7B")


# -- the Neo4j backend ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(bolt):
    """The background graph, and a driver on a Bolt server holding it."""
    from tests.test_queries_bolt import loaded

    kg = background_graph()
    driver = loaded(bolt, kg)
    yield kg, driver, bolt.database
    driver.close()


@pytest.mark.neo4j
@pytest.mark.parametrize("name, args", [
    ("papers-using", {"dataset": "MNIST"}), ("top-datasets", {}), ("shared-datasets", {}),
    ("co-used-datasets", {}), ("datasets-of", {"paper": "arxiv:2503.00001"}), ("methods-on", {"dataset": "MNIST"}),
    ("related", {"paper": "arxiv:2503.00001"}),
])
def test_a_background_mention_of_data_is_counted_alike_on_a_bolt_server(served, name, args):
    from tests.test_queries_bolt import same_rows

    kg, driver, database = served
    assert same_rows(run(name, kg, **args), run(name, driver, database=database, **args))


@pytest.mark.neo4j
def test_a_background_mention_of_data_reads_back_from_a_bolt_server(served):
    from paperkg.graph.neo4j_backend import read_graph

    kg, driver, database = served
    back = read_graph(driver, database=database)
    assert rels_to(back, "arxiv:2503.00001", "data:mnist") == [Rel.MENTIONS.value]
