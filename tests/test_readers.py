"""Every reader on inputs written for it (tests/fixtures/readers), and paper identity."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from paperkg.identity import identity_keys, normalize_arxiv_id, normalize_doi, paper_key, reference_key
from paperkg.readers import detect_format, read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def read(*names: str, **kwargs):
    warnings: list[str] = []
    records = list(read_inputs([str(FIXTURES / n) for n in names], warn=warnings.append, **kwargs))
    return records, warnings


# -- identity -------------------------------------------------------------------------------------


def test_identity_prefers_doi_then_arxiv_then_openalex_s2_id_title():
    assert paper_key(doi="https://doi.org/10.1000/ABC", arxiv_id="2401.00001") == "doi:10.1000/abc"
    assert paper_key(arxiv_id="arXiv:2401.00001v3", openalex_id="W1") == "arxiv:2401.00001"
    assert paper_key(openalex_id="https://openalex.org/W42", s2_id="a" * 40) == "openalex:W42"
    assert paper_key(s2_id="A" * 40, record_id="x") == "s2:" + "a" * 40
    assert paper_key(record_id="p-1", title="T") == "id:p-1"
    assert paper_key(title="  NeRF:  Neural   Radiance Fields! ") == "title:nerf neural radiance fields"


def test_arxiv_ids_old_and_new_style_lose_their_version():
    assert normalize_arxiv_id("hep-th/9901001v2") == "hep-th/9901001"
    assert normalize_arxiv_id("arXiv:HEP-TH/9901001") == "hep-th/9901001"
    assert normalize_arxiv_id("math.GT/0309136") == "math.GT/0309136"
    assert normalize_arxiv_id("https://arxiv.org/abs/2503.11731v1") == "2503.11731"
    assert normalize_arxiv_id("not an id") is None


def test_an_arxiv_doi_is_the_arxiv_paper():
    assert paper_key(doi="10.48550/arXiv.2310.01234") == "arxiv:2310.01234"
    assert normalize_doi("doi: 10.1000/X.Y.") == "10.1000/x.y"


def test_reference_strings_map_to_the_same_key_forms():
    assert reference_key("arXiv:1706.03762v5") == "arxiv:1706.03762"
    assert reference_key("https://doi.org/10.1234/ABCD") == "doi:10.1234/abcd"
    assert reference_key("https://openalex.org/W2741809807") == "openalex:W2741809807"
    assert reference_key("nonsense") is None
    assert identity_keys(doi="10.1000/x", arxiv_id="2401.00001", title="T") == [
        "doi:10.1000/x", "arxiv:2401.00001", "title:t"]


# -- one test per format --------------------------------------------------------------------------


def test_daily_papers_page_skips_the_header_and_keeps_the_page_date():
    records, warnings = read("daily.txt")
    assert [r.title for r in records] == [
        "OrbitNorm: Rotation-Equivariant Normalisation for Point Clouds",
        "Sketch2Mesh Revisited: What Matters for Single-View Reconstruction",
        "Untitled Workshop Talk Without Abstract",
        "OrbitNorm: Rotation-Equivariant Normalisation for Point Clouds",
    ]
    assert {r.date for r in records} == {"Apr 2"} and all(r.year is None for r in records)
    assert records[0].source.endswith("daily.txt:11")
    assert "\n\nA second paragraph" in records[1].abstract  # a two-paragraph abstract stays one
    assert records[2].abstract == "" and any("daily.txt:21: no abstract" in w for w in warnings)
    assert records[0].key == records[3].key  # the same paper twice (merged later, by the pipeline)


def test_json_lines_plain_records_ignore_extra_keys():
    records, _ = read("records.jsonl")
    first, second, third, fourth = records
    assert first.key == "id:p-001" and first.year == 2024 and first.url == "https://example.org/p-001"
    assert first.references == ["doi:10.1234/abcd.5678", "arxiv:1706.03762"]
    assert [a.name for a in first.authors] == ["Ines Duarte", "Tom Becker"]
    assert second.key == "doi:10.1234/abcd.5678" and second.date == "2023-05-01" and second.source.endswith(":3")
    assert third.key == "arxiv:2401.00001" and third.authors[0].orcid == "0000-0002-1825-0097"
    assert fourth.key == "title:only a title and an abstract"


def test_json_array_records_know_their_lines():
    records, _ = read("records.json")
    assert [(r.key, r.source.rsplit(":", 1)[1]) for r in records] == [("id:a1", "2"), ("doi:10.5555/array.two", "3")]


def test_arxiv_snapshot_format():
    records, _ = read("arxiv_snapshot.jsonl")
    new, old = records
    assert new.key == "arxiv:0704.0001" and new.title == "Calculation of an example cross section"
    assert [a.name for a in new.authors] == ["J. Roe", "K. Poe", "L. Doe"]
    assert new.categories == ["hep-ph", "cs.LG"] and new.date == "2008-11-13" and new.year == 2008
    assert new.abstract.startswith("We compute") and "\n" in new.abstract  # line breaks kept for the extractor
    assert old.arxiv_id == "hep-th/9901001" and old.key.startswith("doi:10.1016/")


def test_arxiv_daily_listing_variant_gzipped(tmp_path):
    gz = tmp_path / "daily.jsonl.gz"
    gz.write_bytes(gzip.compress((FIXTURES / "arxiv_daily.jsonl").read_bytes()))
    records = list(read_inputs([str(gz)]))
    assert len(records) == 1
    record = records[0]
    assert record.key == "arxiv:2503.00042" and record.categories == ["cs.CV", "cs.LG"]
    assert record.date == "2025-03-04" and record.url == "https://arxiv.org/abs/2503.00042"
    assert record.source == f"{gz}:1"


def test_csv_and_tsv_with_a_header():
    records, _ = read("papers.csv", "papers.tsv")
    csv1, csv2, tsv = records
    assert csv1.title == "CSV Paper, With a Comma" and csv1.abstract == "An abstract\nspanning two lines."
    assert [a.name for a in csv1.authors] == ["Ana Lima", "Bo Chen"] and csv1.year == 2022
    assert csv1.references == ["arxiv:2401.00001", "doi:10.5555/array.two"]
    assert csv2.source.endswith("papers.csv:4")  # the quoted abstract took two lines
    assert tsv.key == "id:t-1" and tsv.title == "TSV Paper"


def test_bibtex_entries_with_abstracts():
    records, _ = read("papers.bib")
    wave, rays = records
    assert wave.title == "WaveNorm: Frequency-Aware Normalization" and wave.key == "doi:10.4242/wave.2023"
    assert [a.name for a in wave.authors] == ["Dana Lee", "Pablo Moreno"]
    assert wave.record_id == "lee2023wave" and wave.year == 2023 and wave.source.endswith("papers.bib:3")
    assert rays.key == "arxiv:2402.12345" and [a.name for a in rays.authors] == ["Sun Kim"]


def test_openalex_works_rebuild_the_abstract_and_keep_references_and_orcid():
    records, warnings = read("openalex_works.json")
    work, cited = records
    assert work.abstract == "We rebuild this abstract from an inverted index."
    assert work.key == "doi:10.3333/oa.one" and work.openalex_id == "W4000000001"
    assert work.source.endswith("openalex_works.json:3") and cited.source.endswith("openalex_works.json:16")
    assert work.references == ["openalex:W4000000002", "openalex:W1999999999"]
    assert work.authors[0].orcid == "0000-0001-2345-6789" and work.authors[0].source_id == "A5000000001"
    assert cited.key == "openalex:W4000000002" and cited.abstract == ""
    assert any("no abstract" in w for w in warnings)


def test_semantic_scholar_papers():
    records, _ = read("s2_papers.json")
    paper, referenced = records
    assert paper.key == "arxiv:2310.01234" and paper.s2_id == "0123456789abcdef0123456789abcdef01234567"
    assert paper.authors[0].source_id == "1741101"
    assert paper.references == ["s2:fedcba9876543210fedcba9876543210fedcba98", "title:reference without id"]
    assert referenced.key == "s2:fedcba9876543210fedcba9876543210fedcba98"


def test_extract_output_lines_carry_their_extraction():
    records, _ = read("extracted.jsonl")
    (record,) = records
    assert record.key == "arxiv:2501.99999" and record.extraction["entities"][0]["name"] == "PreNet"
    assert record.extraction["sources"] == ["elsewhere.jsonl:7"]


# -- files, directories, stdin, detection ---------------------------------------------------------


def test_directories_are_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    shutil.copy(FIXTURES / "papers.tsv", tmp_path / "b" / "z.tsv")
    shutil.copy(FIXTURES / "records.json", tmp_path / "a.json")
    (tmp_path / "notes.md").write_text("not an input")
    (tmp_path / ".hidden.jsonl").write_text("{broken")
    assert [r.title for r in read_inputs([str(tmp_path)])] == ["Array Record One", "Array Record Two", "TSV Paper"]


def test_stdin_is_read_with_its_format_sniffed():
    code = "from paperkg.readers import read_inputs; print([r.key for r in read_inputs(['-'])])"
    out = subprocess.run([sys.executable, "-c", code], input=(FIXTURES / "papers.bib").read_bytes(),
                         capture_output=True, check=True).stdout.decode()
    assert out.strip() == "['doi:10.4242/wave.2023', 'arxiv:2402.12345']"


@pytest.mark.parametrize("name, head, expected", [
    ("x.txt", b"new\n\nGet trending papers", "daily-papers"),
    ("x.txt", b'{"title": "a"}\n', "jsonl"),
    ("x.json", b'{\n  "results": []\n}', "json"),
    ("x.jsonl.gz", b'{"title": "a"}', "jsonl"),
    ("<stdin>", b"@article{k,", "bibtex"),
    ("<stdin>", b"% exported by a reference manager\n\n@misc{k,", "bibtex"),
    ("<stdin>", b"title\tabstract\n", "tsv"),
    ("<stdin>", b"title,abstract\n", "csv"),
    ("x.csv", b"title,abstract\n", "csv"),
])
def test_format_detection_by_name_and_content(name, head, expected):
    assert detect_format(name, head) == expected


def test_counts_of_warnings():
    counts: Counter = Counter()
    list(read_inputs([str(FIXTURES / "daily.txt")], warn=lambda m: None, counts=counts))
    assert counts["warnings"] == 1 and counts["skipped"] == 0


def test_daily_papers_short_one_sentence_abstracts(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Mar 11\n\nShortNet: A Tiny Paper\n\nWe propose ShortNet, which is short and sweet.\n\n"
                    "Next Paper Title\n\nIts abstract is a single sentence of modest length.\n")
    assert [(r.title, r.abstract) for r in read_inputs([str(page)])] == [
        ("ShortNet: A Tiny Paper", "We propose ShortNet, which is short and sweet."),
        ("Next Paper Title", "Its abstract is a single sentence of modest length."),
    ]


def test_docstring_examples(monkeypatch):
    import doctest

    import paperkg.identity
    import paperkg.readers
    import paperkg.readers.encoding
    import paperkg.readers.openalex
    import paperkg.readers.records
    import paperkg.spool

    monkeypatch.chdir(Path(__file__).parent.parent)  # the readers' example reads examples/
    for module in (paperkg.identity, paperkg.readers, paperkg.readers.encoding, paperkg.readers.openalex,
                   paperkg.readers.records, paperkg.spool):
        assert doctest.testmod(module).failed == 0, module.__name__


@pytest.mark.parametrize("name, encode", [
    ("big.jsonl.gz", lambda text: gzip.compress(text.encode("utf-8"))),
    ("big.jsonl", lambda text: text.encode("utf-16")),  # with a byte-order mark: converted as it is read
])
def test_readers_stream_with_flat_memory(tmp_path, name, encode):
    import tracemalloc

    abstract = "We propose a method and evaluate it on a benchmark with care. " * 16  # ~1 KB
    path = tmp_path / name
    path.write_bytes(encode("".join(json.dumps({"id": f"r{i}", "title": f"Paper {i}", "abstract": abstract}) + "\n"
                                    for i in range(6_000))))  # ~6 MB of abstracts
    tracemalloc.start()
    count = sum(1 for _ in read_inputs([str(path)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 6_000
    assert peak < 2_000_000, f"reading held {peak:,} bytes at its peak"
