"""benchmarks/prior_proposals.py: the check that no paper of the corpus proposes a method older than it."""

from __future__ import annotations

import sys

from paperkg.graph.known import shipped
from tests.conftest import ROOT
from paperkg.graph import build_graph
from tests.test_graph_build import ent, paper

sys.path.insert(0, str(ROOT / "benchmarks"))
import prior_proposals  # noqa: E402


def test_the_check_finds_no_proposal_of_a_prior_method_and_lists_a_titled_gazetteer_name():
    kg = build_graph([
        paper("arxiv:2503.00050", "Small Language Models: A Survey", "We present Small Language Models.",
              ent("method", "Small Language Models", proposed=True), date="2025-03-01"),
        paper("arxiv:2503.00051", "Wan: Open Video Models", "We present Wan.", ent("method", "Wan", proposed=True),
              date="2025-03-01"),
    ])
    prior, listed = prior_proposals.listed_proposals(kg, shipped(), prior_proposals.proposals(kg))
    assert prior == []
    assert [name for _, name, _ in listed] == ["Wan"]


def test_the_check_reports_a_proposal_of_a_prior_method_the_graph_holds():
    kg = build_graph([paper("arxiv:2503.00052", "Hatching", "We propose OwlNet.", ent("method", "OwlNet",
                                                                                    proposed=True), date="2025-03-01")])
    kg.add_node("method:smalllanguagemodels", "Method", "Small Language Models", papers=["paper:arxiv:2503.00052"])
    kg.add_edge("paper:arxiv:2503.00052", "method:smalllanguagemodels", "PROPOSES")
    prior, _ = prior_proposals.listed_proposals(kg, shipped(), prior_proposals.proposals(kg))
    assert [name for _, name, _ in prior] == ["Small Language Models"]
