"""Citation edges: explicit from references and ids in abstracts, inferred from names another paper proposes."""

from __future__ import annotations

from paperkg.graph import build_graph
from paperkg.graph.schema import Rel
from tests.test_graph_build import ent, paper


def cites(kg) -> dict[tuple[str, str], dict]:
    return {(u.split(":", 1)[1], v.split(":", 1)[1]): a for u, v, _, a in kg.edges(Rel.CITES)}


def test_references_reach_the_corpus_paper_by_any_of_its_ids_else_a_stub():
    kg = build_graph([
        paper("arxiv:2501.00001", "Cited", "x", doi="10.1000/cited", arxiv_id="2501.00001"),
        paper("arxiv:2502.00002", "Citing", "y", references=["doi:10.1000/cited", "doi:10.1000/outside"]),
    ])
    edges = cites(kg)
    assert set(edges) == {("arxiv:2502.00002", "arxiv:2501.00001"), ("arxiv:2502.00002", "doi:10.1000/outside")}
    assert all(a["source"] == "explicit" and a["rules"] == ["reference"] for a in edges.values())
    assert kg.node("paper:doi:10.1000/outside")["stub"] is True
    assert not kg.node("paper:arxiv:2501.00001").get("stub")


def test_arxiv_ids_and_dois_written_in_an_abstract_are_explicit_citations():
    kg = build_graph([
        paper("arxiv:2501.00001", "Base", "x"),
        paper("arxiv:2502.00002", "Follow-up", "We extend arXiv:2501.00001v2 and the method of "
              "https://doi.org/10.5555/Some.Thing. Our own page is arxiv.org/abs/2502.00002."),
    ])
    edges = cites(kg)
    assert set(edges) == {("arxiv:2502.00002", "arxiv:2501.00001"), ("arxiv:2502.00002", "doi:10.5555/some.thing")}
    assert edges[("arxiv:2502.00002", "arxiv:2501.00001")]["rules"] == ["abstract_id"]


def _proposer(key="arxiv:2501.00001", name="NeuralFoo", date="2025-01-05"):
    return paper(key, f"{name}: a new renderer", f"We propose {name}, a fast renderer.",
                 ent("method", name, proposed=True), date=date)


def test_naming_what_one_corpus_paper_proposes_infers_a_citation():
    kg = build_graph([
        _proposer(),
        paper("arxiv:2503.00002", "Better rendering", "We build on NeuralFoo and improve it.",
              ent("method", "NeuralFoo"), date="2025-03-01"),
        paper("arxiv:2503.00003", "Unrelated", "We study graphs.", date="2025-03-02"),
    ])
    edge = cites(kg)[("arxiv:2503.00002", "arxiv:2501.00001")]
    assert edge["source"] == "mention" and edge["evidence"] == ["NeuralFoo"]
    assert edge["surface"] == ["NeuralFoo"] and len(edge["spans"]) == 2
    assert len(cites(kg)) == 1


def test_a_dataset_introduced_by_one_paper_infers_a_citation_too():
    kg = build_graph([
        paper("arxiv:2501.00001", "FooScenes", "We introduce FooScenes, a driving dataset.",
              ent("dataset", "FooScenes", introduced=True)),
        paper("arxiv:2502.00002", "Driving", "We evaluate on FooScenes.", ent("dataset", "FooScenes")),
    ])
    assert cites(kg)[("arxiv:2502.00002", "arxiv:2501.00001")]["evidence"] == ["FooScenes"]


def test_no_citation_when_two_papers_propose_the_name():
    kg = build_graph([
        _proposer("arxiv:2501.00001"), _proposer("arxiv:2501.00005"),
        paper("arxiv:2503.00002", "Better", "We build on NeuralFoo.", ent("method", "NeuralFoo")),
    ])
    assert cites(kg) == {}


def test_no_citation_from_a_short_or_generic_name():
    kg = build_graph([
        _proposer(name="DELTA"), _proposer("arxiv:2501.00007", name="Sparrow"),
        paper("arxiv:2503.00002", "Better", "We compare with DELTA and Sparrow.",
              ent("method", "DELTA"), ent("method", "Sparrow")),
    ])
    assert cites(kg) == {}


def test_no_citation_from_a_bare_acronym_that_two_long_forms_define():
    kg = build_graph([
        paper("arxiv:2501.00001", "A", "We propose Hierarchical Graph Token Routing (HGTRX).",
              ent("method", "Hierarchical Graph Token Routing", "HGTRX", proposed=True)),
        paper("arxiv:2501.00002", "B", "We propose Hybrid Gaussian Texture Reconstruction Extended (HGTRX).",
              ent("method", "Hybrid Gaussian Texture Reconstruction Extended", "HGTRX", proposed=True)),
        paper("arxiv:2503.00003", "C", "HGTRX is compared.", ent("method", "HGTRX")),
    ])
    assert cites(kg) == {}


def test_no_citation_back_in_time_nor_for_a_name_used_before_its_proposer():
    kg = build_graph([
        _proposer(date="2025-06-01"),
        paper("arxiv:2501.00002", "Older", "NeuralFoo is an old baseline.", ent("method", "NeuralFoo"),
              date="2025-01-01"),
        paper("arxiv:2509.00003", "Newer", "We improve NeuralFoo.", ent("method", "NeuralFoo"), date="2025-09-01"),
    ])
    assert cites(kg) == {}


def test_an_explicit_citation_that_a_mention_confirms_stays_explicit_with_evidence():
    kg = build_graph([
        _proposer(),
        paper("arxiv:2503.00002", "Better", "We build on NeuralFoo (arXiv:2501.00001).",
              ent("method", "NeuralFoo"), date="2025-03-01"),
    ])
    edge = cites(kg)[("arxiv:2503.00002", "arxiv:2501.00001")]
    assert edge["source"] == "explicit" and edge["evidence"] == ["NeuralFoo"]


def test_a_proposal_counts_only_when_the_name_heads_the_title():
    kg = build_graph([
        paper("arxiv:2501.00001", "Omni9: one model for all", "We introduce the Omni9 Model.",
              ent("method", "Omni9 Model", proposed=True), date="2025-01-01"),
        paper("arxiv:2501.00002", "Roofs", "We propose a framework that adds a ConvBlock Attention "
              "Module (CBAM).", ent("method", "ConvBlock Attention Module", "CBAM", proposed=True),
              date="2025-01-01"),
        paper("arxiv:2501.00003", "Kernels", "We propose UniRepLKNet, a ConvNet.",
              ent("method", "UniRepLKNet", proposed=True), date="2025-01-01"),
        paper("arxiv:2501.00004", "Qwen9-Omni Technical Report", "We present Qwen9-Omni.",
              ent("method", "Qwen9-Omni", proposed=True), date="2025-01-01"),
        paper("arxiv:2501.00005", "Phi-9-Mini-Reasoning: small models think", "We train Phi-9-Mini.",
              ent("method", "Phi-9-Mini", proposed=True), date="2025-01-01"),
        paper("arxiv:2503.00005", "Later", "We compare the Omni9 Model, a ConvBlock Attention Module (CBAM), "
              "UniRepLKNet, Qwen9-Omni and Phi-9-Mini.",
              ent("method", "Omni9 Model"), ent("method", "ConvBlock Attention Module", "CBAM"),
              ent("method", "UniRepLKNet"), ent("method", "Qwen9-Omni"), ent("method", "Phi-9-Mini"),
              date="2025-03-01"),
    ])
    edges = cites(kg)
    assert sorted(v for _, v in edges) == ["arxiv:2501.00001", "arxiv:2501.00004"]
    assert edges[("arxiv:2503.00005", "arxiv:2501.00001")]["rules"] == ["mention"]


def test_no_citation_from_a_phrase_of_plain_words():
    kg = build_graph([
        paper("arxiv:2501.00001", "Simulation Agent: LLMs meet simulators", "We present the Simulation Agent.",
              ent("method", "Simulation Agent", proposed=True), date="2025-01-01"),
        paper("arxiv:2503.00002", "Robots", "A Simulation Agent checks each step.", ent("method", "Simulation Agent"),
              date="2025-03-01"),
    ])
    assert cites(kg) == {}


def test_no_citation_when_the_name_is_spelled_otherwise():
    kg = build_graph([
        paper("arxiv:2501.00001", "Co-op: correspondence for poses", "We propose Co-op.",
              ent("method", "Co-op", proposed=True), date="2025-01-01"),
        paper("arxiv:2503.00002", "Prompts", "Unlike CoOp, we learn nothing.", ent("method", "CoOp"),
              date="2025-03-01"),
    ])
    assert kg.find("CoOp") == kg.find("Co-op")  # one node (the key ignores punctuation) ...
    assert cites(kg) == {}                       # ... but no citation from another spelling


def test_no_citation_when_the_citing_paper_defines_another_long_form():
    kg = build_graph([
        paper("arxiv:2501.00001", "Restoration", "The architecture, named LCDNet, restores images.",
              ent("method", "LCDNet", proposed=True), date="2025-01-01"),
        paper("arxiv:2503.00002", "Plates", "The Layout-Aware and Character-Driven Network (LCDNet) reads plates.",
              ent("method", "Layout-Aware and Character-Driven Network", "LCDNet"), date="2025-03-01"),
    ])
    assert cites(kg) == {}


def test_a_plain_phrase_in_the_citing_title_is_not_evidence():
    kg = build_graph([
        paper("arxiv:2501.00001", "Unified Embedding: features at scale", "We present Unified Embedding.",
              ent("method", "Unified Embedding", proposed=True), date="2025-01-01"),
        paper("arxiv:2503.00002", "A Unified Embedding for Faces", "Faces are embedded.",
              ent("method", "Unified Embedding"), date="2025-03-01"),
    ])
    assert cites(kg) == {}


def test_an_id_in_an_abstract_keeps_its_span_for_provenance():
    from paperkg.extractors.text import analysed_text

    line = paper("arxiv:2502.00002", "Follow-up", "We extend arXiv:2501.00001 here.")
    kg = build_graph([paper("arxiv:2501.00001", "Base", "x"), line])
    spans = cites(kg)[("arxiv:2502.00002", "arxiv:2501.00001")]["spans"]
    assert analysed_text(line["title"], line["abstract"])[spans[0]:spans[1]] == "arXiv:2501.00001"


def test_reading_a_graph_does_not_load_spacy():
    import subprocess
    import sys

    code = "import sys, paperkg.graph; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_a_papers_own_data_doi_is_not_a_cited_paper():
    kg = build_graph([
        paper("arxiv:2502.00002", "Our data", "Data: https://doi.org/10.5281/zenodo.1234567 and "
              "doi:10.57967/hf/4242; we build on https://doi.org/10.1000/a.paper.",
              references=["doi:10.6084/m9.figshare.999"]),
    ])
    assert set(cites(kg)) == {("arxiv:2502.00002", "doi:10.1000/a.paper")}
    assert not [n for n in kg.nx if "zenodo" in n or "figshare" in n or "10.57967" in n]


def test_the_citation_summary_says_how_many_there_are_where_from_and_warns_when_too_few():
    from paperkg.queries.citations import citation_summary

    kg = build_graph([
        paper("arxiv:2501.00001", "Cited", "x", doi="10.1000/cited"),
        paper("arxiv:2502.00002", "Citing", "We extend arXiv:2501.00001.", references=["doi:10.1000/cited"]),
        paper("arxiv:2502.00003", "Other", "y", references=["doi:10.1000/outside"]),
    ])
    line = citation_summary(kg)
    assert line.startswith("2 citations between papers: 2 explicit (2 input references, 0 ids in abstracts), "
                           "0 inferred from mentions; 0 papers cited by two or more")
    assert "Too few to rank" in line
