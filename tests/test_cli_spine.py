"""`paperkg extract` and `paperkg build` end to end: duplicates merged, outputs written atomically,
the example corpus, incremental builds, and lines of `paperkg extract` accepted by `build`."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from paperkg import pipeline
from paperkg.cli import main
from paperkg.errors import InputError
from paperkg.graph import load
from paperkg.graph.schema import Label, Rel
from paperkg.spool import RecordSpool
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def cli(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


# -- the real Daily Papers pages: 395 entries, 353 distinct papers ------------------------------------


@pytest.fixture(scope="module")
def daily_lines(daily_papers_dir, tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("extract") / "daily.jsonl"
    assert main(["extract", str(daily_papers_dir), "-o", str(out)]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_extract_writes_one_line_per_distinct_paper(daily_lines):
    assert len(daily_lines) == 353
    assert len({line["key"] for line in daily_lines}) == 353
    assert sum(len(line["sources"]) for line in daily_lines) == 395  # every place a paper was read is kept
    assert {line["date"] for line in daily_lines} <= {"Mar 11", "Mar 12", "Mar 17", "Mar 21"}  # no year invented
    assert all("entities" in line and "results" in line for line in daily_lines)


@pytest.mark.slow
def test_build_reports_353_papers(daily_papers_dir, tmp_path, capsys):
    code, out, _ = cli(capsys, "build", daily_papers_dir, "-o", tmp_path / "g.json")
    assert code == 0
    assert out[0].startswith("353 papers, ") and out[0].endswith(f" -> {tmp_path / 'g.json'}")
    kg = load(tmp_path / "g.json")
    assert sum(1 for _, a in kg.nodes(Label.PAPER) if not a.get("stub")) == 353


@pytest.mark.slow
def test_build_reads_extract_output_without_extracting_again(daily_lines, tmp_path, capsys):
    path = tmp_path / "lines.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in daily_lines), encoding="utf-8")
    code, out, _ = cli(capsys, "build", path, "-o", tmp_path / "g.json")
    assert code == 0 and out[0].startswith("353 papers, ")


# -- the example corpus ------------------------------------------------------------------------------


def test_example_corpus_builds(examples_dir, tmp_path, capsys):
    code, out, err = cli(capsys, "build", examples_dir, "-o", tmp_path / "g.json", "--html", tmp_path / "g.html")
    assert code == 0, err
    assert out[0].startswith("10 papers, ")  # 11 records: GlimpseNet is on the page and in the .bib
    kg = load(tmp_path / "g.json")
    glimpse = kg.find("GlimpseNet: Sparse Token Glimpses for Efficient Vision Transformers", Label.PAPER)
    assert len(glimpse) == 1
    cites = {(u, v): attrs for u, v, _, attrs in kg.edges(Rel.CITES)}
    assert cites[("paper:arxiv:2502.01111", "paper:arxiv:2501.04321")]["source"] == "explicit"  # Lumen -> PolarSeg
    inferred = {tuple(a["evidence"]) for a in cites.values() if a["source"] == "mention"}
    assert ("GlimpseNet",) in inferred and ("TideMix",) in inferred  # named here, proposed by another example
    assert (tmp_path / "g.html").stat().st_size > 0


def test_python_api_extract_and_build(examples_dir, tmp_path):
    lines = list(pipeline.extract([str(examples_dir)], warn=lambda message: None))
    assert len(lines) == 10 and lines[0]["key"] == "arxiv:2501.04321"
    kg = pipeline.build([str(examples_dir)], output=tmp_path / "g.json", warn=lambda message: None)
    assert (tmp_path / "g.json").exists() and kg.counts()["nodes"][Label.PAPER] >= 10


# -- duplicates across formats -----------------------------------------------------------------------


def test_the_same_paper_from_two_formats_is_one_paper_with_both_sources(tmp_path, capsys):
    bib = tmp_path / "a.bib"
    bib.write_text("@misc{k1, title={A Shared Paper}, eprint={2401.00001}, archivePrefix={arXiv}, abstract={Short.}}\n")
    jl = tmp_path / "b.jsonl"
    jl.write_text(json.dumps({"arxiv_id": "arXiv:2401.00001v2", "title": "A shared paper",
                              "abstract": "Longer abstract.", "doi": "10.5555/shared"}) + "\n")
    txt = tmp_path / "c.txt"
    txt.write_text("Mar 3\n\nA Shared Paper\n\n" + "An abstract copied from a page, long enough to be one. " * 4 + "\n")
    code, out, _ = cli(capsys, "extract", bib, jl, txt)
    assert code == 0 and len(out) == 1
    line = json.loads(out[0])
    assert line["key"] == "arxiv:2401.00001" and line["doi"] == "10.5555/shared"
    assert line["sources"] == [f"{bib}:1", f"{jl}:1", f"{txt}:3"]


def test_stdin_input_and_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    data = (FIXTURES / "records.jsonl").read_bytes()
    result = subprocess.run([sys.executable, "-m", "paperkg", "extract", "-"], input=data, capture_output=True)
    assert result.returncode == 0 and result.stderr == b""
    lines = [json.loads(l) for l in result.stdout.decode().splitlines()]
    assert len(lines) == 4 and lines[0]["sources"] == ["<stdin>:1"]


# -- nothing lost: atomic outputs and incremental builds ---------------------------------------------------


def test_a_failing_build_leaves_the_previous_graph_byte_for_byte(examples_dir, tmp_path, capsys):
    graph = tmp_path / "g.json"
    assert cli(capsys, "build", examples_dir, "-o", graph)[0] == 0
    before = graph.read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "fine", "abstract": "fine"}\n{"title": \n')
    code, _, err = cli(capsys, "build", examples_dir, bad, "-o", graph)
    assert code == 2 and err == [f"paperkg: error: {bad}:2: malformed JSON (Expecting value at column 11)"]
    assert graph.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "g.json"]  # no temporary file left


def test_a_failing_extract_leaves_the_previous_output(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("abstract\nno title column\n")
    assert cli(capsys, "extract", bad, "-o", out)[0] == 2
    assert out.read_text() == "previous\n"


def test_add_keeps_what_the_graph_had(examples_dir, tmp_path, capsys):
    graph = tmp_path / "g.json"
    assert cli(capsys, "build", examples_dir / "arxiv-papers.jsonl", "-o", graph)[0] == 0
    code, out, _ = cli(capsys, "build", FIXTURES / "records.jsonl", "--add", "-o", graph)
    assert code == 0 and out[0].startswith("7 papers, ")
    kg = load(graph)
    papers = {n for n, a in kg.nodes(Label.PAPER) if not a.get("stub")}
    assert {"paper:arxiv:2501.04321", "paper:arxiv:2502.01111", "paper:id:p-001"} <= papers
    assert ("paper:arxiv:2502.01111", "paper:arxiv:2501.04321") in {(u, v) for u, v, _, _ in kg.edges(Rel.CITES)}


@pytest.mark.neo4j
def test_build_to_neo4j_then_add(examples_dir, bolt, bolt_driver, capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", bolt.auth[1])
    connection = ["--backend", "neo4j", "--uri", bolt.uri, "--username", bolt.auth[0]]
    if bolt.database:
        connection += ["--database", bolt.database]
    code, out, err = cli(capsys, "build", examples_dir / "arxiv-papers.jsonl", *connection, "--clear")
    assert code == 0, err
    assert out[0].startswith("3 papers, ") and bolt.uri in out[0]
    code, out, err = cli(capsys, "build", examples_dir / "more-papers.bib", *connection)  # incremental by default
    assert code == 0, err
    records, _, _ = bolt_driver.execute_query("MATCH (p:Paper) WHERE p.stub IS NULL RETURN count(p) AS n",
                                              database_=bolt.database)
    assert records[0]["n"] == 7


@pytest.mark.slow
@pytest.mark.parametrize("signum, code, said", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_an_interrupted_build_leaves_the_previous_graph_and_no_partial_file(examples_dir, tmp_path, signum, code,
                                                                            said):
    graph = tmp_path / "g.json"
    assert main(["build", str(examples_dir), "-o", str(graph)]) == 0
    before = graph.read_bytes()
    corpus = tmp_path / "corpus" / "many.jsonl"  # far more than 5 s of work, so the signal lands mid-build
    corpus.parent.mkdir()
    corpus.write_text("".join(
        json.dumps({"id": f"p{i}", "title": f"Paper {i}: Method{i}Net for image classification",
                    "abstract": f"We propose Method{i}Net and evaluate it on CIFAR-10 and ImageNet-1K."}) + "\n"
        for i in range(60_000)))
    process = subprocess.Popen([sys.executable, "-m", "paperkg", "build", str(corpus), "-o", str(graph), "-j", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(5)
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == code and err.strip().splitlines()[-1] == f"paperkg: {said}"
    assert "Traceback" not in err
    assert graph.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "g.json"]


def test_two_records_with_different_ids_and_one_title_stay_two_papers(tmp_path, capsys):
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "a", "title": "Introduction", "abstract": "One."},
        {"id": "b", "title": "Introduction", "abstract": "Two."},
        {"title": "Introduction", "abstract": "No id: joins the first with this title."},
    ]))
    code, out, _ = cli(capsys, "extract", path)
    assert code == 0
    assert [(json.loads(l)["key"], json.loads(l)["sources"]) for l in out] == [
        ("id:a", [f"{path}:1", f"{path}:3"]), ("id:b", [f"{path}:2"])]


def test_an_extract_line_read_again_gains_what_a_duplicate_adds(tmp_path, capsys):
    extracted = tmp_path / "a.jsonl"
    extracted.write_text((FIXTURES / "extracted.jsonl").read_text())
    more = tmp_path / "b.jsonl"
    more.write_text(json.dumps({"arxiv_id": "2501.99999", "title": "Already Extracted", "abstract": "x",
                                "authors": [{"name": "Ada Lovelace", "orcid": "0000-0002-1825-0097"}],
                                "references": ["10.1234/abcd.5678"]}) + "\n")
    code, out, _ = cli(capsys, "extract", extracted, more)
    assert code == 0 and len(out) == 1
    line = json.loads(out[0])
    assert line["entities"][0]["name"] == "PreNet"  # passed through, not extracted again
    assert line["sources"] == ["elsewhere.jsonl:7", f"{more}:1"]
    assert line["authors"][0]["name"] == "Ada Lovelace" and line["references"] == ["doi:10.1234/abcd.5678"]


def test_parallel_extraction_writes_the_same_lines_in_the_same_order(examples_dir, tmp_path, capsys):
    assert cli(capsys, "extract", examples_dir, "-o", tmp_path / "one.jsonl")[0] == 0
    assert cli(capsys, "extract", examples_dir, "-j", "0", "-o", tmp_path / "all.jsonl")[0] == 0
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "all.jsonl").read_bytes()


def test_annotated_dev_abstracts_meet_their_daily_papers_entries(daily_papers_dir):
    counts: Counter = Counter()
    papers = list(pipeline.distinct_papers([str(daily_papers_dir), str(shared_path("eval", "dev.jsonl"))], counts=counts))
    assert len(papers) == 353 and counts["records"] == 395 + 64  # every dev abstract is one of the 353


def test_extract_starts_without_the_graph_html_and_neo4j_libraries(examples_dir, tmp_path):
    """`paperkg extract` imports only its own command: networkx, pyvis and the Neo4j driver cost start-up time."""
    probe = ("import sys; from paperkg.cli import main; code = main(sys.argv[1:]); "
             "print(code, sorted(m for m in ('networkx', 'pyvis', 'neo4j', 'paperkg.graph') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", probe, "extract", str(examples_dir), "-o", str(tmp_path / "x.jsonl")],
                         capture_output=True, text=True, check=True)
    assert run.stdout.split("\n")[0] == "0 []"
    assert len((tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()) == 10


def test_the_first_pass_read_beside_the_pipeline_load_reports_as_if_read_here(tmp_path):
    """`extract` reads its first pass in a forked process while spaCy loads: warnings still reach `warn` in order,
    counts and errors (with FILE:LINE) come back as if the pass had run in this process."""
    data = tmp_path / "papers.jsonl"
    data.write_text('{"title": "Quiet Gradients", "abstract": ""}\n'
                    '{"title": "Quiet Gradients", "abstract": "We study noise."}\n'
                    '{"title": "Loud Gradients", "abstract": "We study more noise."}\n', encoding="utf-8")
    messages: list[str] = []
    counts: Counter = Counter()
    lines = list(pipeline.extract([str(data)], warn=messages.append, counts=counts))
    assert [line["title"] for line in lines] == ["Quiet Gradients", "Loud Gradients"]
    assert counts["records"] == 3 and counts["papers"] == 2 and counts["duplicates"] == 1
    assert messages and all(m.startswith(f"{data}:1") for m in messages)
    data.write_text('{"title": "Quiet Gradients", "abstract": "x"}\n{"title": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"papers\.jsonl:2: malformed JSON"):
        list(pipeline.extract([str(data)]))


def test_the_second_pass_reads_back_what_the_first_pass_read(tmp_path):
    """Each input is parsed once: the second pass yields the records the first pass kept (``paperkg.spool``),
    so a file rewritten in between (same size: not a file that grew) does not change what is extracted."""
    data = tmp_path / "papers.jsonl"
    data.write_text('{"title": "Quiet Gradients", "abstract": "We study noise."}\n'
                    '{"title": "Loud Gradients", "abstract": "We study more noise."}\n', encoding="utf-8")
    papers = pipeline.distinct_papers([str(data)])
    first, _sources = next(papers)  # the first pass is over once the first paper comes out
    data.write_text(data.read_text(encoding="utf-8").replace("Loud", "Mild"), encoding="utf-8")
    assert [first.title] + [record.title for record, _ in papers] == ["Quiet Gradients", "Loud Gradients"]


def test_a_spool_that_cannot_be_written_says_it_is_incomplete(tmp_path):
    """Writes that fail (a full disk; here a file open for reading only) leave the spool incomplete, and the
    pipeline then parses the inputs a second time, as it would without one; the records still pass through."""
    (tmp_path / "spool").write_bytes(b"")
    with RecordSpool(open(tmp_path / "spool", "rb")) as failing:
        assert list(failing.written(iter(range(600)))) == list(range(600))
        assert not failing.complete()
    with RecordSpool() as spool:
        assert list(spool.written(iter(range(600)))) == list(range(600))
        assert spool.complete() and list(spool.read()) == list(range(600))
