"""Schwartz-Hearst style abbreviation definitions, as (long form, short form) span pairs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import spacy

from paperkg.extractors.abbreviations import find_abbreviations, is_short_form, long_form


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paperkg_abbreviations")
    return nlp


def pairs(nlp, text):
    return [(long.text, short.text) for long, short in nlp(text)._.abbreviations]


@pytest.mark.parametrize("text, expected", [
    ("We introduce Sparse Lattice Routing (SLR) for graphs.", [("Sparse Lattice Routing", "SLR")]),
    # plural short form
    ("Recent large language models (LLMs) can plan.", [("large language models", "LLMs")]),
    # mixed case, digits and hyphens in the short form
    ("We propose a Federated Local and Generic model (FedLoGe).", [("Federated Local and Generic", "FedLoGe")]),
    ("Unlike 3D Gaussian Splatting (3DGS), ours is implicit.", [("3D Gaussian Splatting", "3DGS")]),
    ("This is federated long-tailed learning (Fed-LT).", [("federated long-tailed learning", "Fed-LT")]),
    ("We measure mean Intersection over Union (mIoU).", [("mean Intersection over Union", "mIoU")]),
    ("We compare with Vision Mamba (Vim) on video.", [("Vision Mamba", "Vim")]),
    # short form first, long form in brackets
    ("Our model QRT (Quantised Routing Transformer) is small.", [("Quantised Routing Transformer", "QRT")]),
    # a trailing generic word and quotes stay outside the long form
    ("We name it the Grid Pooled Attention method (GPA).", [("Grid Pooled Attention", "GPA")]),
    ('a "layer-wise token merging" (LTM) step', [("layer-wise token merging", "LTM")]),
    # an acronym spelled like a word that is never a short form in lower case ('(see Table 2)')
    ("We tag items by shared entity extraction (SEE) first.", [("shared entity extraction", "SEE")]),
    # a citation after the short form
    ("on Long Range Arena (LRA, 2021) tasks", [("Long Range Arena", "LRA")]),
    # the long form does not reach into the previous sentence
    ("We use Adam. Dense Prediction Heads (DPH) help.", [("Dense Prediction Heads", "DPH")]),
])
def test_definitions(nlp, text, expected):
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Both losses help (e.g. on small sets).",
    "as shown before (see Table 3).",
    "as reported earlier (2023).",
    "our variant (Ours) wins.",
    "which improves accuracy (83.6%) on the test split.",
    "with three stages (i), (ii) and (iii).",
    "We then substitute the Zig-Zag Scan (ZS2D) block.",
    "the encoder (Figure 2) and decoder (Table 1).",
])
def test_ordinary_parentheticals_are_not_definitions(nlp, text):
    assert pairs(nlp, text) == []


def test_acronym_used_before_its_definition(nlp):
    doc = nlp("SLR is fast. We call it Sparse Lattice Routing (SLR). SLR also scales.")
    ((long, short),) = doc._.abbreviations
    assert (long.text, short.text) == ("Sparse Lattice Routing", "SLR")
    assert short._.rule == long._.rule == "abbrev_long_short"
    # the definition names the short form, so every other "SLR" in the doc can be resolved to the long form
    assert [t.i for t in doc if t.text == short.text] == [0, 11, 14]


def test_offsets_and_rules():
    text = "Model FQ (Fast Quantiser) beats Slow Heavy Net (SHN)."
    found = find_abbreviations(text)
    assert [(text[a:b], text[c:d], rule) for (a, b), (c, d), rule in found] == [
        ("Fast Quantiser", "FQ", "abbrev_short_long"), ("Slow Heavy Net", "SHN", "abbrev_long_short")]


def test_short_form_and_long_form_helpers():
    assert is_short_form("ViT") and is_short_form("3DGS") and is_short_form("Fed-LT")
    assert not is_short_form("2023") and not is_short_form("e.g.") and not is_short_form("Figure")
    window = "a model named Sparse Lattice Routing"
    assert long_form("SLR", window) == (14, len(window))
    assert long_form("XYZ", window) is None


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_is_handled(text):
    find_abbreviations(text)
