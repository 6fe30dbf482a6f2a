"""``build --add`` is incremental and gives what a full build of the same inputs gives.

The property: for any split of a corpus into papers already in the graph and papers added, the graph after the
addition equals the graph built from all of them at once. It is checked over seeded random splits of the
examples and of the Daily Papers corpus, and on papers written for the hard cases: an acronym that gains a
second expansion, a new paper proposing what old papers mention (an inferred citation appears), an earlier
proposer arriving late, a duplicate of a paper already there, and overrides applied again to new papers.
"""

from __future__ import annotations

import copy
import json
import random
import sqlite3

import pytest

from paperkg import pipeline
from paperkg.extractors import corpus_pass
from paperkg.graph import KnowledgeGraph, build_graph, load
from paperkg.graph.database import GraphDatabase
from paperkg.graph.incremental import add_papers
from paperkg.graph.memory_source import MemorySource
from paperkg.graph.sqlite_source import SqliteSource
from tests.test_graph_build import ent, paper


def _copy(kg: KnowledgeGraph) -> KnowledgeGraph:
    """A graph as a later process loads it from its file."""
    return KnowledgeGraph.from_json(json.loads(json.dumps(kg.to_json())))


def _added(old: list[dict], new: list[dict]) -> tuple[KnowledgeGraph, object]:
    kg = _copy(build_graph(corpus_pass(copy.deepcopy(old))))
    diff = add_papers(MemorySource(kg), copy.deepcopy(new), [])
    return kg, diff


def _added_to_file(tmp_path, old: list[dict], new: list[dict]) -> tuple[KnowledgeGraph, object]:
    """The addition read from and written into a graph file (``SqliteSource``), then the file read whole."""
    path = tmp_path / "graph.db"
    build_graph(corpus_pass(copy.deepcopy(old))).save(path)
    source = SqliteSource(path)
    diff = add_papers(source, copy.deepcopy(new), [])
    source.apply(diff)
    source.close()
    return load(path), diff


def _kept_tables(path) -> dict:
    """What the graph file keeps for the next addition (the strong-name table, the papers each name is in, each
    paper's entities)."""
    with GraphDatabase(path) as db:
        return {**{name: db.table(name) for name in ("strong", "acronyms", "matched", "kept")}, "lines": db.lines()}


def _kept(full: KnowledgeGraph) -> dict:
    """What a full build keeps, as ``_kept_tables`` reads it back from the file."""
    return {**full.tables, "lines": {line["key"]: json.loads(json.dumps(line)) for line in full.kept_lines}}


def _splits(n: int, seeds: range, sizes: tuple[int, ...]):
    for seed in seeds:
        rnd = random.Random(seed)
        size = min(rnd.choice(sizes), n - 1)
        new = set(rnd.sample(range(n), size))
        yield seed, [i for i in range(n) if i not in new], sorted(new)


@pytest.fixture(scope="module")
def example_lines(examples_dir):
    return list(pipeline.extract([str(examples_dir)]))


@pytest.mark.parametrize("seed, old, new", list(_splits(10, range(12), (1, 2, 3, 5))))
def test_adding_examples_equals_building_them_all(example_lines, seed, old, new):
    lines = example_lines
    kg, diff = _added([lines[i] for i in old], [lines[i] for i in new])
    assert kg == build_graph(corpus_pass(copy.deepcopy([lines[i] for i in old + new])))
    assert len(diff.lines) == len(new) and diff.upsert_nodes


@pytest.mark.parametrize("seed, old, new", list(_splits(10, range(12), (1, 2, 3, 5))))
def test_adding_examples_to_a_graph_file_equals_building_them_all(tmp_path, example_lines, seed, old, new):
    lines = example_lines
    kg, diff = _added_to_file(tmp_path, [lines[i] for i in old], [lines[i] for i in new])
    full = build_graph(corpus_pass(copy.deepcopy([lines[i] for i in old + new])))
    assert kg == full
    assert len(diff.lines) == len(new)
    assert _kept_tables(tmp_path / "graph.db") == _kept(full)  # the next addition starts where a full build would


@pytest.mark.parametrize("seed, old, new", list(_splits(6, range(12), (2, 3, 5))))
def test_additions_one_after_another_to_a_graph_file_equal_building_them_all(tmp_path, example_lines, seed, old, new):
    lines, path = example_lines, tmp_path / "graph.db"
    build_graph(corpus_pass(copy.deepcopy([lines[i] for i in old]))).save(path)
    for part in (new[:1], new[1:]):
        source = SqliteSource(path)
        source.apply(add_papers(source, copy.deepcopy([lines[i] for i in part]), []))
        source.close()
    full = build_graph(corpus_pass(copy.deepcopy([lines[i] for i in old + new])))
    assert load(path) == full and _kept_tables(path) == _kept(full)


@pytest.fixture(scope="module")
def daily_lines(daily_papers_dir):
    return list(pipeline.extract([str(daily_papers_dir)]))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8))
def test_adding_a_few_daily_papers_equals_building_them_all(daily_lines, seed):
    (_, old, new), = _splits(len(daily_lines), range(seed, seed + 1), (1, 2, 3, 10))
    kg, diff = _added([daily_lines[i] for i in old], [daily_lines[i] for i in new])
    full = build_graph(corpus_pass(copy.deepcopy([daily_lines[i] for i in old + new])))
    assert kg == full
    # incremental: the papers resolved again are a small part of the corpus
    assert diff.stats["papers_resolved"] < len(daily_lines) / 2


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8))
def test_adding_a_few_daily_papers_to_a_graph_file_equals_building_them_all(tmp_path, daily_lines, seed):
    (_, old, new), = _splits(len(daily_lines), range(seed, seed + 1), (1, 2, 3, 10))
    kg, diff = _added_to_file(tmp_path, [daily_lines[i] for i in old], [daily_lines[i] for i in new])
    full = build_graph(corpus_pass(copy.deepcopy([daily_lines[i] for i in old + new])))
    assert kg == full and _kept_tables(tmp_path / "graph.db") == _kept(full)
    assert diff.stats["papers_resolved"] < len(daily_lines) / 2


# -- hard cases, on papers written for them, through `paperkg build` and `build --add` ----------------------
def _records(path, papers: list[dict]) -> str:
    path.write_text("".join(json.dumps(p) + "\n" for p in papers), encoding="utf-8")
    return str(path)


def _both_ways(tmp_path, old: list[dict], new: list[dict], overrides=None) -> tuple[KnowledgeGraph, KnowledgeGraph]:
    a, b = _records(tmp_path / "a.jsonl", old), _records(tmp_path / "b.jsonl", new)
    pipeline.build([a], output=tmp_path / "g.json", overrides=overrides)
    added = pipeline.build([b], output=tmp_path / "g.json", add=True)
    whole = pipeline.build([a, b], output=tmp_path / "whole.json", overrides=overrides)
    assert load(tmp_path / "g.json") == added
    return added, whole


def _p(n: int, title: str, abstract: str, date: str, **more) -> dict:
    return {"arxiv_id": f"2501.{n:05d}", "title": title, "abstract": abstract, "date": date, **more}


def test_an_acronym_that_gains_a_second_expansion_splits_and_its_old_edges_move(tmp_path):
    old = [_p(1, "FOT: Federated Orthogonal Training for Continual Learning",
              "We propose Federated Orthogonal Training (FOT), a federated continual learning method.", "2025-01-02"),
           _p(2, "A Study of Forgetting", "We compare against FOT and report accuracy on CIFAR-10.", "2025-01-05")]
    new = [_p(3, "FOT: Fast Optimal Transport for Point Clouds",
              "We propose Fast Optimal Transport (FOT), a solver for point cloud matching.", "2025-01-07")]
    added, whole = _both_ways(tmp_path, old, new)
    assert added == whole
    before = load(tmp_path / "g.json")  # equal to `added`; the old graph had one FOT
    fot = [n for n, a in added.nx.nodes(data=True) if "FOT" in a.get("aliases", ()) or a.get("name") == "FOT"]
    assert len(fot) >= 2 and before == added


def test_an_old_paper_resolved_again_keeps_its_acronym_with_the_long_form_it_spelt_out(tmp_path):
    # the old paper writes "3D Gaussian Splatting (GS)": two entities (the listed method, and GS defined as
    # "Gaussian Splatting") merged in the paper; read back from the one edge they share, GS would lose its
    # expansion and go to the new paper's "Gaussian Smoothing (GS)". The file keeps the paper's entities.
    old = [_p(51, "MonoSplat: Monocular Mapping with Splats",
              "Recent mapping systems build on 3D Gaussian Splatting (GS). We propose MonoSplat, a monocular "
              "mapping system.", "2025-01-02"),
           _p(52, "Splat Survey", "We review 3D Gaussian Splatting and its uses in mapping.", "2025-01-03")]
    new = [_p(53, "Gaussian Smoothing for Graphs", "We propose Gaussian Smoothing (GS), a filter for graph signals.",
              "2025-01-07")]
    added, whole = _both_ways(tmp_path, old, new)
    assert added == whole
    assert {v for u, v in added.nx.edges("paper:arxiv:2501.00051")} == {"method:3dgaussiansplatting", "method:monosplat"}
    assert added.nx.nodes["paper:arxiv:2501.00051"]["task_phrases"] == ["monocular mapping"]


_WOMBATS = [_p(61, "Wombat Counting from Drone Images", "Wombat counting aims to estimate how many wombats live in a "
               "region. We train a detector on drone images.", "2025-01-02"),
            _p(62, "Burrow Mapping with Satellites", "Burrow mapping (BM) aims to locate burrows.", "2025-01-03")]
_MORE_WOMBATS = [_p(63, "Wombat Counting with Sparse Labels", "Wombat counting aims to estimate animal numbers. We "
                    "address it with sparse labels.", "2025-01-07")]


def test_a_task_phrase_of_one_old_paper_becomes_a_node_when_a_new_paper_writes_it(tmp_path):
    added, whole = _both_ways(tmp_path, _WOMBATS, _MORE_WOMBATS)
    assert added == whole
    assert added.nx.nodes["task:wombatcounting"]["papers"] == ["paper:arxiv:2501.00061", "paper:arxiv:2501.00063"]
    assert "task_phrases" not in added.nx.nodes["paper:arxiv:2501.00061"]
    before = pipeline.build([_records(tmp_path / "old.jsonl", _WOMBATS)], output=tmp_path / "old.db")
    assert "task:wombatcounting" not in before.nx
    assert before.nx.nodes["paper:arxiv:2501.00061"]["task_phrases"] == ["wombat counting"]


def test_a_task_phrase_met_by_its_acronym_in_a_new_paper_becomes_a_node_in_the_file_and_in_memory(tmp_path):
    old = [paper("a:1", "Notes", "We study burrow entrance mapping (BEM).", ent("task", "burrow entrance mapping", "BEM")),
           paper("a:2", "Notes", "We study dune mapping.", ent("task", "dune mapping"))]
    new = [paper("a:3", "More notes", "BEM is hard.", ent("task", "BEM"))]
    full = build_graph(corpus_pass(copy.deepcopy(old + new)))
    assert full.nx.nodes["task:burrowentrancemapping"]["papers"] == ["paper:a:1", "paper:a:3"]
    assert _added(old, new)[0] == full
    assert _added_to_file(tmp_path, old, new)[0] == full


def test_two_words_read_from_context_become_a_node_when_a_new_paper_names_them_as_its_task(tmp_path):
    old = [paper("a:1", "Notes", "Gains in text alignment.", ent("task", "text alignment", rule="task_context")),
           paper("a:2", "Notes", "Better text alignment.", ent("task", "text alignment", rule="task_context"))]
    new = [paper("a:3", "Text Alignment", "We align.", ent("task", "Text Alignment", rule="title_task"))]
    assert "task:textalignment" not in build_graph(corpus_pass(copy.deepcopy(old))).nx
    full = build_graph(corpus_pass(copy.deepcopy(old + new)))
    assert full.nx.nodes["task:textalignment"]["papers"] == ["paper:a:1", "paper:a:2", "paper:a:3"]
    assert _added(old, new)[0] == full
    assert _added_to_file(tmp_path, old, new)[0] == full


def test_a_task_phrase_of_one_old_paper_becomes_a_node_in_a_graph_read_whole(tmp_path):
    old = list(pipeline.extract([_records(tmp_path / "a.jsonl", _WOMBATS)]))
    new = list(pipeline.extract([_records(tmp_path / "b.jsonl", _MORE_WOMBATS)]))
    kg, _ = _added(old, new)  # MemorySource: the old paper's line read back from its node, mentions included
    assert kg == build_graph(corpus_pass(copy.deepcopy(old + new)))
    assert "task:wombatcounting" in kg.nx


def test_an_acronym_old_papers_wrote_bare_joins_its_expansion_and_its_old_node_goes(tmp_path):
    # old papers write "HNSW" alone (its own node); a new paper spells it out, so every bare HNSW is that
    # expansion: the old node must not come back when a later step fetches the entities named HNSW
    old = [_p(61, "Fast Vector Search", "We compare against HNSW and IVF-PQ on SIFT1M.", "2025-02-01"),
           _p(62, "Graph Indexes at Scale", "Our index is compared with HNSW on GIST1M.", "2025-02-03")]
    new = [_p(63, "Revisiting Small Worlds", "We introduce OrchidDB, a memory store that reinterprets the "
              "Hierarchical Navigable Small World (HNSW) graph topology, the data structure behind vector "
              "databases.", "2025-02-05")]
    a = _records(tmp_path / "a.jsonl", old)
    assert "method:hnsw" in pipeline.build([a], output=tmp_path / "before.db").nx
    added, whole = _both_ways(tmp_path, old, new)
    assert added == whole
    assert "method:hnsw" not in added.nx


def test_a_new_paper_proposing_a_name_old_papers_mention_is_cited_by_them(tmp_path):
    old = [_p(11, "Sharp Edges in Tiny Images", "We compare with QuillNet and ResNet-50 on CIFAR-10.", "2025-03-01"),
           _p(12, "Faster Small Models", "QuillNet is the baseline we improve on ImageNet-1K.", "2025-03-09")]
    new = [_p(10, "QuillNet: Sharper Edges for Tiny Images",
              "We propose QuillNet, a network that keeps edges sharp in tiny images.", "2025-01-15")]
    added, whole = _both_ways(tmp_path, old, new)
    assert added == whole
    owner = "paper:arxiv:2501.00010"
    citing = {u for u, v, k, a in added.edges("CITES") if v == owner and a.get("source") == "mention"}
    assert citing == {"paper:arxiv:2501.00011", "paper:arxiv:2501.00012"}


def test_a_citation_by_id_that_also_names_the_method_keeps_its_explicit_part_when_resolved_again(tmp_path):
    old = [_p(71, "WillowMem: Memory for Long Dialogues", "We propose WillowMem, a memory module for long "
              "dialogues.", "2025-03-01"),
           _p(72, "Dialogue Agents with Memory", "We extend WillowMem (arXiv:2501.00071) to multi-party dialogue "
              "and compare with WillowMem on our benchmark.", "2025-03-05")]
    new = [_p(73, "Memory Modules Compared", "We evaluate WillowMem and two other memory modules.", "2025-03-08")]
    added, whole = _both_ways(tmp_path, old, new)
    assert added == whole
    cites = added.nx.edges["paper:arxiv:2501.00072", "paper:arxiv:2501.00071", "CITES"]
    assert cites["source"] == "explicit" and cites["surface"] == ["arXiv:2501.00071"]


def test_an_earlier_proposer_arriving_late_demotes_the_later_one(tmp_path):
    old = [_p(21, "ZebraNet: Striped Attention for Video",
              "We propose ZebraNet, a striped attention network for video.", "2025-05-01")]
    new = [_p(20, "ZebraNet: Striped Attention for Images",
              "We propose ZebraNet, a striped attention network for images.", "2024-11-01")]
    added, whole = _both_ways(tmp_path, old, new)
    assert added == whole
    rels = {(u, k) for u, v, k in added.nx.edges(keys=True) if v == "method:zebranet"}
    assert rels == {("paper:arxiv:2501.00020", "PROPOSES"), ("paper:arxiv:2501.00021", "MENTIONS")}
    assert added.nx.edges["paper:arxiv:2501.00021", "method:zebranet", "MENTIONS"]["prior"] == "paper:arxiv:2501.00020"


def test_a_duplicate_of_a_paper_already_there_completes_it(tmp_path):
    old = [_p(31, "OtterScenes: A Dataset of Scenes", "We introduce OtterScenes, a dataset of 9k scenes.", "2025-02-01"),
           _p(32, "Scene Parsing", "We evaluate on OtterScenes.", "2025-02-08")]
    new = [{**old[0], "doi": "10.9999/otter.1", "references": ["arXiv:2501.00032"]},
           _p(33, "More Scenes", "OtterScenes again, with QuillNet.", "2025-02-09")]
    added, whole = _both_ways(tmp_path, old, new)
    assert added == whole
    node = added.nx.nodes["paper:arxiv:2501.00031"]
    assert node["doi"] == "10.9999/otter.1" and len(node["sources"]) == 2
    assert added.counts()["nodes"]["Paper"] == 3


def test_overrides_of_the_graph_apply_to_the_papers_added(tmp_path):
    overrides = tmp_path / "curation.json"
    overrides.write_text(json.dumps({"merge": [{"entities": ["method:quillnet", "method:quillnetv2"]}],
                                     "block": [{"entity": "data:otterscenes"}]}))
    old = [_p(41, "QuillNet: Sharper Edges", "We propose QuillNet and evaluate on OtterScenes.", "2025-01-01")]
    new = [_p(42, "QuillNetV2: Faster Sharp Edges", "We propose QuillNetV2 and test it on OtterScenes.", "2025-02-01")]
    added, whole = _both_ways(tmp_path, old, new, overrides=str(overrides))
    assert added == whole
    assert not any(n.startswith("data:otterscenes") for n in added.nx.nodes)
    assert {v for u, v in added.nx.edges("paper:arxiv:2501.00042") if v.startswith("method:")} >= {"method:quillnet"}


def test_the_text_index_finds_every_paper_holding_a_phrase_one_by_one_or_all_at_once(example_lines):
    import paperkg.graph.memory_source as memory

    kg = build_graph(corpus_pass(copy.deepcopy(example_lines)))
    phrases = ["transformer", "the", "diffusion model", "diffusion", "zzz-not-there"] + [
        f"filler{n}" for n in range(memory.FIND_ONE_BY_ONE)]
    texts = {pid: (a.get("title") or "") + "\n" + (a.get("abstract") or "") for pid, a in kg.nodes("Paper")
             if not a.get("stub")}
    expected = {p: {pid for pid, t in texts.items() if p in t.lower()} for p in phrases}
    expected = {p: ids for p, ids in expected.items() if ids}
    source = MemorySource(kg)
    assert source.papers_containing(phrases) == expected  # more than FIND_ONE_BY_ONE: one trie pass
    assert {p: ids for p in phrases[:4] if (ids := source.papers_containing([p]).get(p))} == {
        p: expected[p] for p in phrases[:4] if p in expected}
    assert expected["diffusion"] >= expected.get("diffusion model", set())


def test_an_addition_to_a_graph_file_writes_the_difference_in_place(tmp_path):
    old = [_p(51, "KestrelNet: Fast Bird Detection", "We propose KestrelNet and evaluate on CUB-200.", "2025-01-03"),
           _p(52, "Small Birds", "We compare against YOLOv8 on CUB-200.", "2025-01-04")]
    new = [_p(53, "Birds at Night", "We evaluate KestrelNet on CUB-200 at night.", "2025-01-09")]
    graph = tmp_path / "g.db"
    pipeline.build([_records(tmp_path / "a.jsonl", old)], output=graph)
    inode = graph.stat().st_ino
    with GraphDatabase(graph) as db:
        rowids = dict(db.db.execute("SELECT id, rowid FROM nodes"))
    pipeline.build([_records(tmp_path / "c.jsonl", new)], output=graph, add=True)
    assert graph.stat().st_ino == inode  # written into, not replaced
    with GraphDatabase(graph) as db:
        after = dict(db.db.execute("SELECT id, rowid FROM nodes"))
    assert all(after[n] == r for n, r in rowids.items() if n in after)  # untouched rows keep their place
    assert load(graph) == pipeline.build([str(tmp_path / "a.jsonl"), str(tmp_path / "c.jsonl")],
                                         output=tmp_path / "w.db")


def test_a_graph_file_without_lookup_keys_is_read_whole_and_gains_them(tmp_path):
    old = [_p(61, "HeronNet: Wading Bird Counts", "We propose HeronNet for counting wading birds.", "2025-02-03")]
    new = [_p(62, "Counting Herons", "HeronNet counts herons in drone images.", "2025-02-05")]
    graph = tmp_path / "g.db"
    pipeline.build([_records(tmp_path / "a.jsonl", old)], output=graph)
    with sqlite3.connect(graph) as db:
        db.execute("DROP TABLE lookups")
    assert not SqliteSource.usable(graph)
    pipeline.build([_records(tmp_path / "b.jsonl", new)], output=graph, add=True)
    assert SqliteSource.usable(graph)
    assert load(graph) == pipeline.build([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")],
                                         output=tmp_path / "w.db")


_GLIMMER = [_p(70, "Glimmer Fusion Network: Seeing in Low Light",
               "We propose Glimmer Fusion Network, a network for low-light images.", "2025-03-01")] + [
    _p(71 + i, f"Low-Light Study {i}", f"Our baseline is the Glimmer Fusion Network on night scene {i}.",
       f"2025-03-{2 + i:02d}")
    for i in range(6)] + [
    _p(80 + i, f"Unrelated Study {i}", f"We train a plain detector on street scene {i}.", f"2025-04-{2 + i:02d}")
    for i in range(4)]


@pytest.mark.parametrize("share, minimum", [(0.5, 2), (0.6, 1), (0.9, 1)])
@pytest.mark.parametrize("added", [(5, 6), (7, 8, 9), (5, 7, 9, 10)])
def test_a_name_that_becomes_too_common_or_no_longer_is_spreads_as_a_full_build_spreads_it(
        tmp_path, monkeypatch, share, minimum, added):
    """The counts the graph file keeps decide, as the full pass does, whether a name is matched in too many papers
    to spread; the new papers move both the count and the limit (``common_limit``)."""
    from paperkg.extractors import corpus

    monkeypatch.setattr(corpus, "COMMON_SHARE", share)
    monkeypatch.setattr(corpus, "MIN_COMMON", minimum)
    old = [p for i, p in enumerate(_GLIMMER) if i not in added]
    new = [_GLIMMER[i] for i in added]
    graph, whole = tmp_path / "g.db", tmp_path / "w.db"
    pipeline.build([_records(tmp_path / "a.jsonl", old)], output=graph)
    pipeline.build([_records(tmp_path / "b.jsonl", new)], output=graph, add=True)
    full = pipeline.build([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], output=whole)
    assert load(graph) == full and _kept_tables(graph) == _kept_tables(whole)


@pytest.mark.parametrize("share, spreads", [(0.5, False), (0.9, True)])
def test_the_glimmer_papers_are_a_case_where_the_limit_decides(tmp_path, monkeypatch, share, spreads):
    """The case above is a real one: with one limit the name spreads to the papers that write it (only the corpus
    pass finds it there), with the other it is too common to."""
    from paperkg.extractors import corpus

    monkeypatch.setattr(corpus, "COMMON_SHARE", share)
    monkeypatch.setattr(corpus, "MIN_COMMON", 1)
    kg = pipeline.build([_records(tmp_path / "a.jsonl", _GLIMMER)])
    assert kg.nx.has_edge("paper:arxiv:2501.00071", "method:glimmerfusionnetwork", key="MENTIONS") is spreads


def test_an_old_paper_reached_by_one_acronym_brings_the_entity_its_other_names_belong_to(tmp_path):
    # paper 62 writes "Video Question Answering (VQA)" and names visual question answering: resolved again for
    # the new paper's visual QA, its video QA takes part through VQA (visual QA's alias), and must bring the old
    # video QA node along, or it becomes a second node with that node's id
    old = [_p(61, "Grounded VQA", "We study Visual Question Answering (VQA) with grounded answers.", "2025-01-02"),
           _p(62, "Temporal Probes", "We address Video Question Answering (VQA) and visual question answering "
              "with temporal probes.", "2025-01-03"),
           _p(63, "Clip Memory", "We propose ClipMem for video question answering over long clips.", "2025-01-04"),
           _p(64, "Frame Tokens", "Video question answering needs frame tokens; we propose FrameTok.", "2025-01-05")]
    new = [_p(65, "Answer Calibration", "We propose AnsCal, a calibration method for visual question answering.",
              "2025-01-07")]
    lines = list(pipeline.extract([str(_records(tmp_path / "papers.jsonl", old + new))]))
    added, diff = _added_to_file(tmp_path, lines[:4], lines[4:])  # no FullBuildNeeded: resolved incrementally
    assert added == build_graph(corpus_pass(copy.deepcopy(lines)))
    assert diff.stats["rounds"] == 1  # video QA's keys joined the closure before resolving, not after a round
    video = [n for n, a in added.nx.nodes(data=True) if a.get("name", "").lower() == "video question answering"]
    assert len(video) == 1
    assert {"paper:arxiv:2501.00062", "paper:arxiv:2501.00063"} <= set(added.nx.predecessors(video[0]))


@pytest.mark.slow
def test_an_addition_that_needs_a_whole_build_takes_the_entities_the_graph_file_kept(tmp_path, daily_papers_dir):
    # new overrides move what they like, so the file's papers are built again whole: from the entities the
    # file kept (as an addition takes them), not read back from edges, whose names have lost their order
    pages = sorted(str(p) for p in daily_papers_dir.glob("*.txt"))
    overrides = tmp_path / "curation.json"
    overrides.write_text(json.dumps({"block": [{"entity": "method:quillnet"}]}))
    pipeline.build(pages[:4], output=tmp_path / "g.db")
    added = pipeline.build(pages[4:], output=tmp_path / "g.db", add=True, overrides=str(overrides))
    whole = pipeline.build(pages, output=tmp_path / "whole.db", overrides=str(overrides))
    assert added == whole == load(tmp_path / "g.db")


def test_a_paper_spelling_out_a_data_acronym_keeps_its_own_spelling_however_the_papers_are_read(tmp_path):
    # MTEB is listed by its acronym alone: a spelt-out name is its own node, keyed by what each paper wrote
    old = [_p(51, "Sentence Embeddings at Scale", "We evaluate on the Massive Text Embedding Benchmark (MTEB) "
                                                   "and reach 70.1 on average.", "2025-01-01")]
    new = [_p(52, "Small Embedders", "On the Massive Text Embeddings Benchmark (MTEB), our model reaches 68.2 "
                                     "on average.", "2025-02-01")]
    pipeline.build([_records(tmp_path / "a.jsonl", old)], output=tmp_path / "g.db")
    added = pipeline.build([_records(tmp_path / "b.jsonl", new)], output=tmp_path / "g.db", add=True)
    whole = pipeline.build([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], output=tmp_path / "whole.db")
    assert added == whole
    for pid, spelt in (("paper:arxiv:2501.00051", "Massive Text Embedding Benchmark"),
                       ("paper:arxiv:2501.00052", "Massive Text Embeddings Benchmark")):
        (names,) = [d["names"] for _, v, d in whole.nx.out_edges(pid, data=True) if v.startswith("data:")]
        assert names[0] == spelt


@pytest.mark.parametrize("first", [1, 2])
def test_a_benchmark_introduced_under_a_new_spelling_of_a_listed_name_stays_apart_however_the_papers_are_read(
        tmp_path, first):
    papers = [_p(61, "Judging Chat Assistants", "Our assistant reaches a score of 8.1 on MT-Bench.", "2025-01-05"),
              _p(62, "Moving Motion Between Clips",
                 "We also release MTBench, a new benchmark of clip pairs for judging motion moved between videos.",
                 "2025-03-01"),
              _p(63, "Helpful Guard Rails", "On MTBench the guarded assistant keeps nearly all of its helpfulness.",
                 "2025-06-01")]
    old, new = papers[:first], papers[first:]
    added, whole = _both_ways(tmp_path, old, new)
    assert added == whole
    (motion,) = [v for _, v, k in whole.nx.out_edges("paper:arxiv:2501.00062", keys=True) if k == "INTRODUCES"]
    assert motion != "data:mtbench" and whole.nx.nodes[motion]["papers"] == ["paper:arxiv:2501.00062"]
    assert "paper:arxiv:2501.00063" in whole.nx.nodes["data:mtbench"]["papers"]
