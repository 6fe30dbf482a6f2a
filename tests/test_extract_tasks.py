"""Tasks: short phrases ending in a task word, from the title, task contexts and abbreviations."""

import pytest

from paperkg.extractors import analysed_text, load
from paperkg.extractors.tasks import MAX_TASKS


@pytest.fixture(scope="module")
def nlp():
    return load()


def tasks(nlp, title, abstract):
    doc = nlp(analysed_text(title, abstract))
    return {e["name"] for e in doc._.entities if e["type"] == "task"}


def test_title_task_after_for(nlp):
    found = tasks(nlp, "Sparse Kernels for Guided Depth Map Super-Resolution", "We study kernels.")
    assert "guided depth map super-resolution" in found


def test_task_lists_and_task_nouns(nlp):
    found = tasks(nlp, "One Model", "It helps on downstream tasks such as semantic segmentation, object detection "
                                   "and image captioning, and on the crowd counting task.")
    assert {"semantic segmentation", "object detection", "image captioning", "crowd counting"} <= found


def test_phrases_stop_at_verbs_and_prepositions(nlp):
    found = tasks(nlp, "Notes", "Vision transformers have been applied successfully for image recognition tasks.")
    assert found == {"image recognition"}


def test_abbreviation_long_form_is_a_task_with_its_acronym(nlp):
    doc = nlp(analysed_text("Notes", "Scene Graph Generation (SGG) is hard."))
    found = {e["name"]: e for e in doc._.entities if e["type"] == "task"}
    assert found["scene graph generation"]["aliases"] == ["SGG"]


def test_a_proposed_method_is_not_a_task(nlp):
    found = tasks(nlp, "Notes", "We propose Dual Token Learning (DTL), a module for image retrieval.")
    assert "Dual Token Learning" not in found
    assert "image retrieval" in found


def test_at_most_max_tasks(nlp):
    abstract = "We address " + ", ".join(f"topic{i} detection" for i in range(12)) + " tasks."
    assert len(tasks(nlp, "Notes", abstract)) <= MAX_TASKS
