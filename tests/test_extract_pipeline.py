"""The public API of paperkg.extractors: load, analysed_text, extract (lines, order, pass-through), gazetteers."""

import json
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperkg.errors import PaperkgError
from paperkg.extractors import analysed_text, extract, load
from paperkg.models import Author, PaperRecord

ABSTRACT = ("We propose QuillNet, a light network. On ImageNet-1K it reaches 81.2% top-1 accuracy, "
            "beating ResNet50-D. Code: https://github.com/ace-lab/QuillNet.")


def record(n, title="QuillNet: Sharper Edges for Image Classification", abstract=ABSTRACT, **kw):
    return PaperRecord(key=f"id:{n}", title=title, abstract=abstract, source=f"papers.jsonl:{n}", **kw)


def test_pipeline_components_in_order():
    names = load().pipe_names
    assert names[0] == "paperkg_sentences"
    order = [n for n in ("paperkg_links", "paperkg_abbreviations", "paperkg_methods", "paperkg_datasets",
                         "paperkg_tasks", "paperkg_assemble") if n in names]
    assert order == [n for n in names if n in order]
    assert names[-1] == "paperkg_assemble"


def test_tokens_keep_the_lexical_attributes_a_rule_would_read():
    doc = load()("QuillNet: A Title\nWe propose QuillNet, 3.5x faster than ResNet-50.")
    tokens = {t.text: t for t in doc}
    assert doc.text.startswith("QuillNet: A Title") and tokens["QuillNet"].lower_ == "quillnet"
    assert tokens[","].is_punct and tokens["3"].like_num and tokens["We"].is_stop and tokens["We"].norm_ == "we"
    assert tokens["propose"].is_alpha and tokens["propose"].is_lower and tokens["A"].is_title
    # dropped to save 10 us per new word (issue 8): no word shape
    assert tokens["QuillNet"].shape_ == ""


def test_extraction_line_carries_the_record_and_entities():
    rec = record(1, authors=[Author("Ada Lovelace")], year=2025, arxiv_id="2501.00001")
    line = next(extract([rec]))
    assert line["key"] == "id:1" and line["title"] == rec.title and line["abstract"] == rec.abstract
    assert line["sources"] == ["papers.jsonl:1"] and "source" not in line
    assert line["authors"] == [{"name": "Ada Lovelace"}] and line["year"] == 2025
    by_type = {(e["type"], e["name"]) for e in line["entities"]}
    assert {("method", "QuillNet"), ("dataset", "ImageNet-1K"), ("method", "ResNet50-D"),
            ("code", "github.com/ace-lab/QuillNet")} <= by_type
    quill = next(e for e in line["entities"] if e["name"] == "QuillNet")
    assert quill["proposed"] is True
    text = analysed_text(rec.title, rec.abstract)
    for entity in line["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"] and m["rule"]
    json.dumps(line)


def test_lines_keep_input_order_and_extracted_records_pass_through():
    done = {"key": "id:9", "title": "Old", "entities": [], "results": []}
    recs = [record(1), record(2, title="Another Title"), record(3, extraction=done), record(4, abstract="")]
    lines = list(extract(recs))
    assert [l["key"] for l in lines] == ["id:1", "id:2", "id:9", "id:4"]
    assert lines[2] is done


def test_several_processes_give_the_same_lines(monkeypatch):
    from paperkg.extractors import pipeline
    monkeypatch.setattr(pipeline, "SMALL_INPUT", 4)
    monkeypatch.setattr(pipeline, "BATCH", 3)
    recs = [record(i, title=f"Paper {i}: On Things") for i in range(10)]
    assert list(extract(recs, n_process=2)) == list(extract(recs, n_process=1))
    assert len(list(extract(recs, n_process=0))) == 10


def test_collector_runs_less_often_while_extracting_then_as_before():
    import gc

    from paperkg.extractors import pipeline
    before = gc.get_threshold()
    lines = extract([record(1), record(2)])
    next(lines)
    assert gc.get_threshold() == pipeline.COLLECTOR_THRESHOLDS
    assert len(list(lines)) == 1
    assert gc.get_threshold() == before


def test_very_long_abstract_is_cut_with_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = next(extract([record(1, abstract="word " * 30_000)]))
    assert any("100,000" in str(w.message) for w in caught)
    assert line["entities"] is not None


def test_user_gazetteer_in_papers_with_code_format(tmp_path):
    path = tmp_path / "pwc.jsonl"
    path.write_text(json.dumps({"name": "Zebrafish-Larvae", "full_name": "Zebrafish Larvae Motion Set",
                                "variants": ["ZLM"]}) + "\n", encoding="utf-8")
    rec = record(1, title="Tracking", abstract="We track fish in Zebrafish Larvae Motion Set videos.")
    plain = {e["name"] for e in next(extract([rec]))["entities"]}
    with_list = {e["name"]: e for e in next(extract([rec], gazetteer=path))["entities"]}
    assert "Zebrafish-Larvae" not in plain
    assert with_list["Zebrafish-Larvae"]["gazetteer"] == "zebrafish-larvae"


def test_bad_user_gazetteer_is_a_one_line_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"name": "ok"}\nnot json\n', encoding="utf-8")
    with pytest.raises(PaperkgError, match="bad.jsonl.*2"):
        load(gazetteer=path)
    with pytest.raises(PaperkgError, match="not found"):
        load(gazetteer=tmp_path / "missing.txt")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=80), abstract=st.text(max_size=600))
def test_arbitrary_unicode_never_breaks_extraction(title, abstract):
    line = next(extract([PaperRecord(key="id:x", title=title, abstract=abstract)]))
    json.loads(json.dumps(line))
    text = analysed_text(title, abstract)
    for entity in line["entities"]:
        for m in entity.get("mentions", []):
            assert 0 <= m["start"] <= m["end"] <= len(text)
