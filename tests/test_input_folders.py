"""A folder given as input is read for its papers only: notes, paperkg's own outputs and files this run is
writing are left out, each with one line saying what and why, and nothing is read forever."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from paperkg import pipeline
from paperkg.cli import main
from paperkg.graph import load
from paperkg.readers import list_inputs, read_inputs
from tests.conftest import EXAMPLES

PAGE = EXAMPLES / "daily-papers-mar-11.txt"
NOTES = "Notes on this corpus.\n\nTODO: call Bob.\n\nThe pages were saved on the 11th; ask about March 12.\n"


def cli(capsys, *args) -> tuple[int, str, list[str]]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder with one real Daily Papers page and a README.txt of notes."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(PAGE, folder / "mar-11.txt")
    (folder / "README.txt").write_text(NOTES)
    return folder


def page_papers() -> int:
    return sum(1 for _ in read_inputs([str(PAGE)]))


def test_a_text_file_in_a_folder_is_a_page_only_if_it_has_a_pages_structure(corpus, capsys):
    warnings: list[str] = []
    records = list(read_inputs([str(corpus)], warn=warnings.append))
    assert len(records) == page_papers() == 4
    assert "TODO: call Bob." not in {r.title for r in records}
    assert [w for w in warnings if "README.txt" in w] == [
        f"{corpus / 'README.txt'}: skipped: not a Daily Papers page: no page header or date before a title and "
        "abstract (name it to read it)"]


def test_notes_named_on_the_command_line_are_still_read_as_a_page(corpus):
    # a file named explicitly is read whatever it looks like (a page copied without its header, stdin)
    assert [r.title for r in read_inputs([str(corpus / "README.txt")], warn=lambda m: None)][:1] == [
        "Notes on this corpus."]


def test_rebuilding_into_the_input_folder_skips_the_previous_graph(corpus, capsys):
    graph = corpus / "graph.json"
    assert cli(capsys, "build", corpus, "-o", graph)[0] == 0
    shutil.copy(graph, corpus / "old-graph.json")  # a graph file under another name is recognised by content
    code, out, err = cli(capsys, "build", corpus, "-o", graph, "--html", corpus / "graph.html")
    assert code == 0, err
    assert out.startswith("4 papers, ")
    assert f"paperkg: warning: {graph}: skipped: this run's own output (it is being written)" in err
    assert f"paperkg: warning: {corpus / 'old-graph.json'}: skipped: a paperkg graph file (paperkg's own output)" in err
    code, out, err = cli(capsys, "build", corpus, "-o", graph)  # the page of the last build is not an input
    assert code == 0 and not [line for line in err if "graph.html" in line]


def test_a_graph_file_named_as_an_input_is_one_line_saying_what_to_do(corpus, capsys):
    graph = corpus / "graph.json"
    assert cli(capsys, "build", corpus, "-o", graph)[0] == 0
    code, _, err = cli(capsys, "build", graph, "-o", corpus / "other.json")
    assert code == 2 and err == [
        f"paperkg: error: {graph}: a paperkg graph file, not an input: add papers to it with "
        f"`paperkg build INPUT --add -o {graph}`, or query it with `-g {graph}`"]


def test_extract_output_is_marked_and_left_out_of_folders_but_read_when_named(corpus, tmp_path, capsys):
    lines = tmp_path / "lines.jsonl"
    assert cli(capsys, "extract", corpus, "-o", lines)[0] == 0
    first = lines.read_text().splitlines()[0]
    assert first.startswith('{"format": "paperkg-extract", "key": ')
    shutil.copy(lines, corpus / "lines.jsonl")
    old = corpus / "old-lines.jsonl"  # written before the marker: known by its shape
    old.write_text("".join(json.dumps({k: v for k, v in json.loads(line).items() if k != "format"}) + "\n"
                           for line in lines.read_text().splitlines()))
    warnings: list[str] = []
    assert len(list(read_inputs([str(corpus)], warn=warnings.append))) == 4
    assert sum("skipped: `paperkg extract` output" in w for w in warnings) == 2
    code, out, _ = cli(capsys, "build", lines, "-o", tmp_path / "g.json")
    assert code == 0 and out.startswith("4 papers, ")
    assert "format" not in load(tmp_path / "g.json").node(load(tmp_path / "g.json").find(
        "GlimpseNet: Sparse Token Glimpses for Efficient Vision Transformers")[0])


def test_a_file_that_grows_while_it_is_read_ends_where_it_was_listed_and_is_marked(tmp_path):
    growing = tmp_path / "growing.jsonl"
    growing.write_text(json.dumps({"title": "First Paper", "abstract": "Its abstract."}) + "\n")
    warnings: list[str] = []
    listing = list_inputs([str(tmp_path)])
    with growing.open("a") as fh:  # another process appends after the run listed its inputs
        fh.write(json.dumps({"title": "Written Later", "abstract": "Not there when the run began."}) + "\n")
    records = list(read_inputs([str(tmp_path)], listing=listing, warn=warnings.append))
    assert [r.title for r in records] == ["First Paper"]  # one pass: read up to its size when listed
    assert warnings == [f"{growing}: skipped: it grew while it was read (something is writing to it)"]
    assert listing[0].skip and list(read_inputs([str(tmp_path)], listing=listing)) == []


def test_a_build_leaves_out_a_file_that_grows_while_it_is_read(corpus):
    growing = corpus / "log.jsonl"
    growing.write_text(json.dumps({"title": "A Title With No Abstract"}) + "\n")

    def warn(message: str) -> None:  # this run's warnings go into a file of its input folder
        with growing.open("a") as fh:
            fh.write(json.dumps({"title": message[:40]}) + "\n")

    papers = [record.title for record, _ in pipeline.distinct_papers([str(corpus)], warn=warn)]
    assert len(papers) == page_papers() and "A Title With No Abstract" not in papers


# -- real processes: the run's own log and output inside the folder it reads ------------------------------------


def run_in(folder: Path, shell_command: str) -> subprocess.CompletedProcess:
    """``shell_command`` in ``folder`` with this venv's paperkg first on PATH; a run that never ends fails."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    try:
        return subprocess.run(["sh", "-c", shell_command], cwd=folder, env=env, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`{shell_command}` was still running after 120 s: it is reading what it writes")


def test_a_log_redirected_into_the_input_folder_is_not_read(corpus):
    # a record with no abstract makes the run write a warning before it reaches err.txt in sorted order
    (corpus / "a.jsonl").write_text(json.dumps({"title": "A Paper Without An Abstract"}) + "\n")
    result = run_in(corpus, "paperkg build . -o graph.json 2> err.txt")
    log = (corpus / "err.txt").read_text()
    assert result.returncode == 0, log
    assert "err.txt: skipped: it is where this run's stderr goes" in log
    assert len(log.splitlines()) < 10 and load(corpus / "graph.json").counts()["nodes"]["Paper"] == 5


def test_extract_with_stdout_redirected_into_the_input_folder_does_not_read_it(corpus):
    result = run_in(corpus, "paperkg extract . > lines.jsonl")
    assert result.returncode == 0, result.stderr.decode()
    assert b"lines.jsonl: skipped: it is where this run's stdout goes" in result.stderr
    assert len((corpus / "lines.jsonl").read_text().splitlines()) == 4
