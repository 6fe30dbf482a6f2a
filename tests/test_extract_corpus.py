"""The corpus pass: strongly evidenced names spread to other papers; acronyms only with their long form."""

import copy
import random

import pytest

from paperkg import pipeline
from paperkg.extractors import corpus_pass, extract
from paperkg.extractors.corpus import CorpusMatcher, StrongTable, strong_names
from paperkg.extractors.text import analysed_text
from paperkg.models import PaperRecord


def lines_for(*pairs):
    recs = [PaperRecord(key=f"id:{i}", title=t, abstract=a) for i, (t, a) in enumerate(pairs)]
    return list(extract(recs))


def corpus_mentions(line):
    return {(e["type"], e["name"], m["text"]) for e in line["entities"] for m in e["mentions"]
            if m["rule"].startswith("corpus")}


PAPERS = (
    ("QuokkaSeg: Small Models for Image Classification",
     "We propose QuokkaSeg with a Token Gating Unit (TGU). We also release OtterScenes, a dataset of 9k scenes."),
    ("A Survey of Small Models", "We compare QuokkaSeg with ResNet-50 and evaluate on OtterScenes."),
    ("Unrelated Work", "TGU is an unrelated gadget here. Token Gating Unit modules (TGU) also appear."),
    ("Other Unrelated Work", "The TGU board was used."),
)


def test_proposed_method_and_introduced_dataset_spread():
    lines = corpus_pass(lines_for(*PAPERS))
    found = corpus_mentions(lines[1])
    assert ("method", "QuokkaSeg", "QuokkaSeg") in found
    marmot = next(e for e in lines[1]["entities"] if e["name"] == "QuokkaSeg")
    assert marmot["proposed"] is False  # the survey does not propose it
    assert any(e["type"] in ("dataset", "benchmark") and e["name"] == "OtterScenes" for e in lines[1]["entities"])


def test_a_short_acronym_needs_its_long_form():
    lines = corpus_pass(lines_for(*PAPERS))
    assert not any(text == "TGU" for _t, _n, text in corpus_mentions(lines[3]))
    # paper 2 writes the long form, so its TGU may be matched (as part of the same entity)
    names = {n for _t, n, _text in corpus_mentions(lines[2])}
    assert names <= {"Token Gating Unit"}


def test_idempotent_and_reversible():
    plain = lines_for(*PAPERS)
    once = corpus_pass(copy.deepcopy(plain))
    twice = corpus_pass(copy.deepcopy(once))
    assert once == twice
    from paperkg.extractors.corpus import _drop_corpus_mentions
    for line in once:
        _drop_corpus_mentions(line)
    assert once == plain


def test_a_data_name_most_papers_write_without_using_it_as_data_does_not_spread():
    topic = [("Wombat Imaging for Doctors", "We study Wombat Imaging and its uses in the clinic.")] * 6
    lines = corpus_pass(lines_for(
        ("A Study", "Experiments on the Wombat Imaging dataset show gains."),
        *topic,
        ("Otters", "Results on the OtterScenes dataset improve."),
        ("More otters", "We train on OtterScenes and test elsewhere."),
    ))
    assert not any(corpus_mentions(line) for line in lines[1:7])   # one paper in seven calls it data
    assert any(name == "OtterScenes" for _t, name, _s in corpus_mentions(lines[8]))


def test_a_task_like_data_name_does_not_spread():
    lines = corpus_pass(lines_for(
        ("A Study", "Standard Wombat Question Answering (WQA) benchmark results improve with our method."),
        ("Another", "Wombat Question Answering is hard; we study Wombat Question Answering in depth."),
    ))
    assert not corpus_mentions(lines[1])


def test_a_multi_word_method_name_does_not_spread_into_a_title_case_title():
    lines = corpus_pass(lines_for(
        ("Pelican Routing Agents: Planning Deliveries", "We present Pelican Routing Agents, a planner for drones."),
        ("Pelican Routing Agents for Hospitals", "Deliveries in wards are slow."),
        ("Deliveries Made Simple", "We compare with Pelican Routing Agents on ward deliveries.")))
    assert not corpus_mentions(lines[1])  # the title's capitals say nothing
    assert ("method", "Pelican Routing Agents", "Pelican Routing Agents") in corpus_mentions(lines[2])


def test_a_multi_word_method_name_does_not_spread_into_a_longer_capitalised_name():
    lines = corpus_pass(lines_for(
        ("Heron Fusion: Merging Sensors", "We propose Heron Fusion, a sensor merger."),
        ("Sensors in Fields", "We extend Heron Fusion Networks to fields."),
        ("Merging Again", "We compare with Heron Fusion on farm data.")))
    assert not corpus_mentions(lines[1])
    assert ("method", "Heron Fusion", "Heron Fusion") in corpus_mentions(lines[2])


def _both_matchers(names):
    return CorpusMatcher(names), CorpusMatcher(names, compiled=False)


def _names(*forms):
    return {f.lower(): {"type": "method", "name": f, "form": f, "forms": [f], "longs": [f], "needs": None}
            for f in forms}


def test_the_uncompiled_matcher_takes_the_longest_form_that_ends_at_a_word_boundary():
    compiled, index = _both_matchers(_names("Otter Net", "Otter Network", "Otter Network Plus", "NetX"))
    text = "Otter Networks beat Otter Network Plusses; Otter Network. Otter Net-2, x-NetX and NetX/Otter Net."
    hits = [text[s:e] for s, e, _ in index.find(text)]
    # not "Otter Networks", nor the "Otter Net" after a slash, nor "NetX" inside "x-NetX"; a hyphen ends a word
    assert hits == ["Otter Network", "Otter Network", "Otter Net", "NetX"]
    assert index.find(text) == compiled.find(text)


def test_the_uncompiled_matcher_finds_forms_led_by_a_sign_and_forms_in_text_beyond_ascii():
    compiled, index = _both_matchers(_names("(G)I-DLE", "Otter Net", "Café Net"))
    cases = {  # not inside "x(G)I-DLE", nor the "Otter Net" after a slash
        "Songs by (G)I-DLE and x(G)I-DLE; Otter Net/Otter Net, see Otter Net.": ["(G)I-DLE", "Otter Net", "Otter Net"],
        "Café Net and Otter Net – both beat (G)I-DLE at naïve tasks.": ["Café Net", "Otter Net", "(G)I-DLE"],
    }
    for text, hits in cases.items():
        assert [text[s:e] for s, e, _ in index.find(text)] == hits
        assert index.find(text) == compiled.find(text)


def test_the_uncompiled_matcher_finds_what_the_regex_finds_in_every_daily_paper(daily_papers_dir):
    lines = corpus_pass(list(pipeline.extract([str(daily_papers_dir)])))
    names = strong_names(lines)
    compiled, index = _both_matchers(names)
    texts = [analysed_text(line.get("title") or "", line.get("abstract") or "") for line in lines]
    found = [compiled.find(text) for text in texts]
    assert sum(map(len, found)) > 100
    assert [index.find(text) for text in texts] == found


@pytest.mark.parametrize("seed", range(6))
def test_the_names_of_a_grown_table_are_worked_out_from_the_old_names_as_from_scratch(daily_papers_dir, seed):
    lines = list(pipeline.extract([str(daily_papers_dir)]))
    rnd = random.Random(seed)
    cut = rnd.randrange(len(lines) // 2, len(lines) - 1)
    old = StrongTable.of(lines[:cut])
    grown = old.copy()
    for line in lines[cut:]:
        for entity in line.get("entities") or []:
            grown.add(entity)
    assert grown.changed and grown.names(before=old.names()) == grown.names()
    assert grown.rows_changed() == {name: {k: v for k, v in rows.items() if old.rows()[name].get(k) != v}
                                    for name, rows in grown.rows().items()}
