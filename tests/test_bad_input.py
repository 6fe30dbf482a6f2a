"""Bad input through the CLI: one line `paperkg: error: FILE:LINE: ...`, exit 2, no traceback; with
--skip-bad a warning per bad record and a count; warnings (not errors) for what can be kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paperkg.cli import main

GOOD = {"title": "A Good Paper", "abstract": "We propose GoodNet and test it on CIFAR-10."}


def cli(capsys, *args) -> tuple[int, list[str], list[str]]:
    """Run ``paperkg ARGS`` in this process: exit status, stdout lines, stderr lines."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def jsonl(path: Path, *lines) -> str:
    path.write_text("".join((l if isinstance(l, str) else json.dumps(l)) + "\n" for l in lines), encoding="utf-8")
    return str(path)


def assert_one_error(code: int, err: list[str], where: str, words: str) -> None:
    assert code == 2, err
    assert len(err) == 1, err
    assert err[0].startswith(f"paperkg: error: {where}: "), err[0]
    assert words in err[0], err[0]
    assert "Traceback" not in err[0]


# -- errors: exit 2, one line, file and line named --------------------------------------------------


def test_missing_file(tmp_path, capsys):
    code, out, err = cli(capsys, "extract", str(tmp_path / "nope.jsonl"))
    assert_one_error(code, err, f"{tmp_path / 'nope.jsonl'}", "no such file")
    assert out == []


def test_directory_with_nothing_readable(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("# not a paper export\n")
    code, _, err = cli(capsys, "build", str(tmp_path), "-o", str(tmp_path / "g.json"))
    assert_one_error(code, err, str(tmp_path), "no input files")
    assert not (tmp_path / "g.json").exists()


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b'{"title": "x"}\n\x00\x01\x02\x03'])
def test_binary_file(tmp_path, capsys, content):
    path = tmp_path / "papers.jsonl"
    path.write_bytes(content)
    code, _, err = cli(capsys, "extract", str(path))
    assert code == 2 and len(err) == 1 and err[0].startswith(f"paperkg: error: {path}")
    assert "not text" in err[0] or "binary" in err[0]


def test_invalid_utf8_names_the_line(tmp_path, capsys):
    path = tmp_path / "papers.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + b'{"title": "caf\xe9", "abstract": "x"}\n')
    code, out, err = cli(capsys, "extract", str(path))
    assert_one_error(code, err, f"{path}:2", "invalid UTF-8")
    assert out == []  # nothing half-written to stdout either


def test_malformed_json_line_names_that_line(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl", GOOD, GOOD | {"title": "Second"}, '{"title": "broken", ')
    code, _, err = cli(capsys, "extract", path)
    assert_one_error(code, err, f"{path}:3", "malformed JSON")


@pytest.mark.parametrize("line, words", [
    ("[1, 2, 3]", "expected a JSON object"),
    ('"just a string"', "expected a JSON object"),
    ('{"name_of_thing": 1, "value": 2}', "no title or abstract"),
])
def test_json_of_the_wrong_shape(tmp_path, capsys, line, words):
    path = jsonl(tmp_path / "papers.jsonl", GOOD, line)
    code, _, err = cli(capsys, "extract", path)
    assert_one_error(code, err, f"{path}:2", words)


def test_json_document_of_the_wrong_shape(tmp_path, capsys):
    path = tmp_path / "papers.json"
    path.write_text("\n\n42\n")
    code, _, err = cli(capsys, "extract", str(path))
    assert_one_error(code, err, f"{path}:3", "expected JSON records")


def test_csv_with_an_unbalanced_quote(tmp_path, capsys):
    path = tmp_path / "papers.csv"
    path.write_text('title,abstract\nGood,Fine abstract.\n"Broken title,abstract that never closes\n')
    code, _, err = cli(capsys, "extract", str(path))
    assert_one_error(code, err, f"{path}:3", "unbalanced quote")


def test_csv_without_a_title_column(tmp_path, capsys):
    path = tmp_path / "papers.csv"
    path.write_text("name,summary\nA,B\n")
    code, _, err = cli(capsys, "extract", str(path))
    assert_one_error(code, err, f"{path}:1", "no title column")


def test_bibtex_with_an_unclosed_brace(tmp_path, capsys):
    path = tmp_path / "papers.bib"
    path.write_text(
        "@article{good, title={Good}, abstract={Fine.}}\n\n"
        "@article{bad,\n  title = {Unclosed {brace},\n  abstract = {x}\n\n"
        "@article{after, title={After}, abstract={Also fine.}}\n"
    )
    code, _, err = cli(capsys, "extract", str(path))
    assert_one_error(code, err, f"{path}:3", "unclosed brace")


# -- --skip-bad: warnings per record and a count; good records kept ---------------------------------


def test_skip_bad_turns_bad_records_into_warnings_with_a_count(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl", GOOD, "{not json", "[1]", GOOD | {"title": "Another Good Paper"})
    out_file = tmp_path / "out.jsonl"
    code, _, err = cli(capsys, "extract", path, "--skip-bad", "-o", str(out_file))
    assert code == 0
    assert [json.loads(l)["title"] for l in out_file.read_text().splitlines()] == ["A Good Paper", "Another Good Paper"]
    assert any(e.startswith(f"paperkg: warning: {path}:2: malformed JSON") for e in err), err
    assert any(e.startswith(f"paperkg: warning: {path}:3: expected a JSON object") for e in err), err
    assert err[-1] == "paperkg: warning: 2 bad record(s) or file(s) skipped (--skip-bad)"


# -- kept with a warning ------------------------------------------------------------------------------


def test_empty_file_is_a_warning(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    good = jsonl(tmp_path / "good.jsonl", GOOD)
    code, out, err = cli(capsys, "extract", str(empty), good)
    assert code == 0 and len(out) == 1
    assert err == [f"paperkg: warning: {empty}: empty file: no papers in it"]


def test_records_without_title_or_abstract_are_kept_with_a_warning(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl", {"title": "No Abstract Here"}, {"abstract": "An abstract without a title."})
    code, out, err = cli(capsys, "extract", path)
    assert code == 0
    lines = [json.loads(l) for l in out]
    assert [l["title"] for l in lines] == ["No Abstract Here", ""]
    assert lines[1]["abstract"] == "An abstract without a title."
    assert any(f"{path}:1: no abstract" in e for e in err) and any(f"{path}:2: record has no title" in e for e in err)


def test_a_megabyte_abstract_is_cut_at_100000_characters(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl", {"title": "Huge", "abstract": "words " * 200_000})
    code, out, err = cli(capsys, "extract", path)
    assert code == 0
    assert len(json.loads(out[0])["abstract"]) <= 100_000
    assert err == [f"paperkg: warning: {path}:1: abstract of 1,199,999 characters cut at 100,000"]


def test_same_id_with_two_titles_keeps_the_first_and_says_so(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl",
                 {"id": "p1", "title": "First Title", "abstract": "One."},
                 {"id": "p1", "title": "A Different Title", "abstract": "Two."})
    code, out, err = cli(capsys, "extract", path)
    assert code == 0
    assert [json.loads(l)["title"] for l in out] == ["First Title"]
    assert any(f"{path}:2: id:p1 was already read with another title at {path}:1" in e and "kept the first" in e
               for e in err), err


# -- a real process: no traceback on stderr -------------------------------------------------------------


def test_the_console_script_prints_one_line_and_exits_2(tmp_path):
    path = jsonl(tmp_path / "papers.jsonl", GOOD, "{oops")
    result = subprocess.run([sys.executable, "-m", "paperkg", "extract", path], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"paperkg: error: {path}:2: malformed JSON (Expecting property name "
                                          "enclosed in double quotes at column 2)"]


def test_a_build_from_inputs_with_no_papers_keeps_the_previous_graph(tmp_path, capsys):
    graph = tmp_path / "g.json"
    assert cli(capsys, "build", jsonl(tmp_path / "good.jsonl", GOOD), "-o", graph)[0] == 0
    before = graph.read_bytes()
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    code, _, err = cli(capsys, "build", empty, "-o", graph)
    assert code == 2
    assert err == [f"paperkg: warning: {empty}: empty file: no papers in it",
                   f"paperkg: error: no papers in {empty}: nothing to build; {graph} is left as it was"]
    assert graph.read_bytes() == before


def test_a_truncated_gzip_file(tmp_path, capsys):
    import gzip

    path = tmp_path / "papers.jsonl.gz"
    path.write_bytes(gzip.compress(("".join(json.dumps(GOOD | {"title": f"P{i}"}) + "\n" for i in range(2000))).encode())[:3000])
    code, _, err = cli(capsys, "extract", path)
    assert code == 2 and len(err) == 1 and err[0].startswith(f"paperkg: error: {path}:") and "cut short or corrupt" in err[0]


def test_skip_bad_skips_a_bad_file_in_a_directory_and_reads_the_others(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    jsonl(folder / "a.jsonl", GOOD)
    (folder / "b.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    jsonl(folder / "c.jsonl", GOOD | {"title": "Third Paper"})
    code, out, err = cli(capsys, "extract", folder, "--skip-bad")
    assert code == 0 and [json.loads(l)["title"] for l in out] == ["A Good Paper", "Third Paper"]
    assert err == [f"paperkg: warning: {folder / 'b.json'}: a PNG image, not text: paperkg reads text exports "
                   "(see `paperkg extract --help`) (rest of the file skipped)",
                   "paperkg: warning: 1 bad record(s) or file(s) skipped (--skip-bad)"]
