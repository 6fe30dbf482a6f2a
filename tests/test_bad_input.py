"""Bad input through the CLI: one line `paperkg: error: FILE:LINE: ...`, exit 2, no traceback; with
--skip-bad a warning per bad record and a count; warnings (not errors) for what can be kept."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paperkg.cli import main
from paperkg.graph import load

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


def extract_fails_keeping_output(capsys, path: str | Path, where: str, words: str) -> None:
    """``paperkg extract PATH -o OUT`` fails with one line naming ``where`` and leaves an existing OUT as it was."""
    out_file = Path(path).parent / "out.jsonl"
    out_file.write_text("previous output\n")
    code, _, err = cli(capsys, "extract", path, "-o", out_file)
    assert_one_error(code, err, where, words)
    assert out_file.read_text() == "previous output\n"


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


# -- hostile JSON: numbers Python cannot read, values JSON does not have, lone surrogates ---------------

LONG = "7" * 5_000  # over Python's 4,300-digit limit for int()


def strict_json(text: str):
    """Parse as JSON other tools read it: no NaN or Infinity."""
    def refuse(name):
        raise ValueError(f"{name} is not JSON")
    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("number", [LONG, "-" + LONG])
def test_a_5000_digit_integer_in_json_lines_is_one_line_naming_it(tmp_path, capsys, number):
    path = jsonl(tmp_path / "papers.jsonl", GOOD, '{"title": "Long", "abstract": "x", "n": %s}' % number)
    extract_fails_keeping_output(capsys, path, f"{path}:2", "a JSON number of 5,000 digits")


def test_a_5000_digit_integer_in_a_json_document_names_its_line(tmp_path, capsys):
    path = tmp_path / "papers.json"
    path.write_text('[\n  {"title": "A", "abstract": "x"},\n  {"title": "B",\n   "year": %s}\n]\n' % LONG)
    graph = tmp_path / "g.json"
    assert cli(capsys, "build", jsonl(tmp_path / "good.jsonl", GOOD), "-o", graph)[0] == 0
    before = graph.read_bytes()
    code, _, err = cli(capsys, "build", path, "-o", graph)
    assert_one_error(code, err, f"{path}:4", "a JSON number of 5,000 digits")
    assert graph.read_bytes() == before


def test_skip_bad_skips_the_line_with_a_5000_digit_integer(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl", '{"title": "Long", "abstract": "x", "n": %s}' % LONG, GOOD)
    code, out, err = cli(capsys, "extract", path, "--skip-bad")
    assert code == 0 and [json.loads(l)["title"] for l in out] == ["A Good Paper"]
    assert err[0].startswith(f"paperkg: warning: {path}:1: a JSON number of 5,000 digits") and err[0].endswith("(skipped)")


def test_a_5000_digit_decimal_number_is_read(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl", '{"title": "Long", "abstract": "x", "score": 0.%s}' % LONG)
    code, out, err = cli(capsys, "extract", path)
    assert code == 0 and json.loads(out[0])["title"] == "Long", err


def test_nan_and_infinity_read_as_null_and_never_reach_the_output(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl",
                 '{"title": "Plain", "abstract": "x", "year": NaN, "doi": Infinity}',
                 '{"title": "Extracted", "abstract": "y", "entities": [], "year": -Infinity, "score": NaN}')
    out_file = tmp_path / "out.jsonl"
    code, _, err = cli(capsys, "extract", path, "-o", out_file)
    assert code == 0, err
    lines = [strict_json(l) for l in out_file.read_text().splitlines()]
    assert [l["title"] for l in lines] == ["Plain", "Extracted"]
    assert lines[1]["year"] is None and lines[1]["score"] is None
    assert cli(capsys, "build", path, "-o", tmp_path / "g.json")[0] == 0


@pytest.mark.parametrize("field, value, words", [
    ("doi", 5, "doi is a number, not a string"),
    ("year", "2024", "year is a string, not a number"),
    ("references", [5], "references is not a list of strings"),
    ("authors", ["Ann Lee"], "authors is not a list of objects with a string name"),
])
def test_an_extract_line_with_a_wrongly_typed_paper_field_is_malformed(tmp_path, capsys, field, value, words):
    path = jsonl(tmp_path / "lines.jsonl", {"key": "id:p1", "title": "T", "abstract": "A.", "entities": [], field: value})
    code, _, err = cli(capsys, "build", path, "-o", tmp_path / "g.json")
    assert_one_error(code, err, f"{path}:1", f"malformed `paperkg extract` line: {words}")


def test_a_lone_surrogate_escape_is_replaced_and_warned_in_json_lines(tmp_path, capsys):
    path = jsonl(tmp_path / "papers.jsonl", GOOD,
                 r'{"title": "Broken \ud800 Title", "abstract": "Low \udc00 and reversed \ude00\ud83d pair."}',
                 r'{"title": "Real Emoji \ud83d\ude00", "abstract": "A valid pair."}')
    out_file = tmp_path / "out.jsonl"
    code, _, err = cli(capsys, "extract", path, "-o", out_file)
    assert code == 0, err
    assert err == [f'paperkg: warning: {path}:2: 4 lone surrogate escape(s) (like "\\ud800", not a character) '
                   "replaced by U+FFFD"]
    lines = [json.loads(l) for l in out_file.read_bytes().decode("utf-8").splitlines()]  # valid UTF-8
    assert lines[1]["title"] == "Broken \ufffd Title"
    assert lines[1]["abstract"] == "Low \ufffd and reversed \ufffd\ufffd pair."
    assert lines[2]["title"] == "Real Emoji \U0001F600"


def test_a_lone_surrogate_in_a_json_document_and_in_extracted_entities_builds_a_graph(tmp_path, capsys):
    doc = tmp_path / "papers.json"
    doc.write_text('[\n {"title": "Doc Paper", "abstract": "Tail \\udbff"}\n]\n')
    lines = jsonl(tmp_path / "lines.jsonl", r'{"key": "id:e1", "title": "Extracted", "abstract": "x", '
                                           r'"entities": [{"type": "method", "name": "Net\ud800"}]}')
    graph = tmp_path / "g.json"
    code, _, err = cli(capsys, "build", doc, lines, "-o", graph)
    assert code == 0, err
    assert any(e.startswith(f"paperkg: warning: {doc}:2: 1 lone surrogate") for e in err), err
    assert any(e.startswith(f"paperkg: warning: {lines}:1: 1 lone surrogate") for e in err), err
    kg = load(graph)
    text = " ".join(str(attrs) for _, attrs in kg.nodes())
    assert "Tail \ufffd" in text and "Net\ufffd" in text


def test_a_file_name_that_is_not_utf8_is_named_with_u_fffd(tmp_path, capsys):
    name = os.fsdecode(b"caf\xe9.jsonl")  # the byte 0xe9 is carried as a lone surrogate
    jsonl(tmp_path / name, GOOD)
    graph = tmp_path / "g.json"
    code, _, err = cli(capsys, "build", tmp_path / name, "-o", graph)
    assert code == 0, err
    assert err[0] == (f"paperkg: warning: {tmp_path}/caf\ufffd.jsonl: the file name is not UTF-8; messages and "
                      "output show its undecodable bytes as U+FFFD")
    assert any(f"caf\ufffd.jsonl:1" in source for _, a in load(graph).nodes("Paper") for source in a["sources"])


# -- encodings: UTF-16/32 with a byte-order mark read; others named, with the command that converts ---------

SAMPLES = {  # one paper in each format as the UTF-8 file holds it, and the line the paper is read on
    "papers.jsonl": (json.dumps(GOOD) + "\n", 1),
    "papers.json": (json.dumps([GOOD], indent=1) + "\n", 2),
    "papers.csv": ("title,abstract\nA Good Paper,We propose GoodNet and test it on CIFAR-10.\n", 2),
    "papers.tsv": ("title\tabstract\nA Good Paper\tWe propose GoodNet and test it on CIFAR-10.\n", 2),
    "papers.bib": ("@article{good,\n  title = {A Good Paper},\n  abstract = {We propose GoodNet and test it on CIFAR-10.}\n}\n", 1),
    "page.txt": ("Mar 11\n\nA Good Paper\n\nWe propose GoodNet and test it on CIFAR-10.\n", 3),
}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_format_is_read_in_unicode_with_a_byte_order_mark(tmp_path, capsys, name, encoding):
    path = tmp_path / name
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}
    text, line_number = SAMPLES[name]
    path.write_bytes(bom.get(encoding, b"") + text.replace("\n", "\r\n").encode(encoding))  # as Windows tools write
    code, out, err = cli(capsys, "extract", path)
    assert code == 0 and err == [], err
    (line,) = [json.loads(l) for l in out]
    assert (line["title"], line["abstract"]) == (GOOD["title"], GOOD["abstract"])
    assert line["sources"] == [f"{path}:{line_number}"]


def test_a_gzipped_utf16_file_and_utf16_on_stdin_are_read(tmp_path):
    data = SAMPLES["papers.jsonl"][0].encode("utf-16")
    path = tmp_path / "papers.jsonl.gz"
    path.write_bytes(gzip.compress(data))
    for args, stdin in (([str(path)], None), (["-"], data)):
        result = subprocess.run([sys.executable, "-m", "paperkg", "extract", *args], input=stdin, capture_output=True)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["title"] == "A Good Paper"


def test_utf16_with_a_byte_order_mark_and_a_broken_unit_names_its_line(tmp_path, capsys):
    path = tmp_path / "papers.jsonl"
    good = (json.dumps(GOOD) + "\n").encode("utf-16-le")
    path.write_bytes(codecs.BOM_UTF16_LE + good * 3 + '{"title": "'.encode("utf-16-le") + b"\x00\xd8" + b"x\x00" + good)
    extract_fails_keeping_output(capsys, path, f"{path}:4", "invalid UTF-16LE (illegal UTF-16 surrogate")


def test_utf16_cut_in_the_middle_of_a_character_is_one_line(tmp_path, capsys):
    path = tmp_path / "papers.jsonl"
    path.write_bytes(codecs.BOM_UTF16_BE + SAMPLES["papers.jsonl"][0].encode("utf-16-be") + b"\x00")
    code, _, err = cli(capsys, "extract", path)
    assert_one_error(code, err, f"{path}:2", "invalid UTF-16BE (truncated data")


@pytest.mark.parametrize("encoding, label", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"),
                                             ("utf-32-le", "UTF-32LE"), ("utf-32-be", "UTF-32BE")])
def test_utf16_and_utf32_without_a_byte_order_mark_are_named_with_the_conversion(tmp_path, capsys, encoding, label):
    path = tmp_path / "papers.csv"
    path.write_bytes(SAMPLES["papers.csv"][0].encode(encoding))
    code, out, err = cli(capsys, "extract", path)
    assert_one_error(code, err, f"{path}:1", f"{label} text without a byte-order mark")
    assert err[0].endswith(f"convert it with `iconv -f {label} -t UTF-8 {path} > {tmp_path / 'papers.utf8.csv'}`")
    assert out == []


@pytest.mark.parametrize("content, label, command", [
    ("Mar 11\n\nA Caf\u00e9 Paper\n\nWe propose \u201cGoodNet\u201d and test it on CIFAR-10.\n".encode("cp1252"),
     "Windows-1252/Latin-1 text", "iconv -f CP1252 -t UTF-8"),
    (b"Mar 11\n\nA Caf\xe9 Paper \x81\n\nWe propose GoodNet and test it on CIFAR-10.\n", "Latin-1 (ISO-8859-1) text",
     "iconv -f LATIN1 -t UTF-8"),
    ("Mar 11\n\n\u4e00\u4e2a\u597d\u7684\u6a21\u578b\u7528\u4e8e\u56fe\u50cf\u5206\u7c7b\n".encode("gbk"),
     "text in a multi-byte legacy encoding (GBK", "find its encoding (`file -i"),
])
def test_8bit_text_says_which_encoding_it_looks_like(tmp_path, capsys, content, label, command):
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    code, _, err = cli(capsys, "extract", path)
    assert_one_error(code, err, f"{path}:3", "invalid UTF-8 (byte 0x")
    assert f"; the file looks like {label}" in err[0] and command in err[0], err[0]


def test_damaged_utf8_is_not_called_another_encoding(tmp_path, capsys):
    path = tmp_path / "papers.jsonl"
    path.write_bytes('{"title": "Caf\u00e9 \u00e0 la carte'.encode() + b"\xff" + b'", "abstract": "x"}\n')
    code, _, err = cli(capsys, "extract", path)
    assert_one_error(code, err, f"{path}:1", "invalid UTF-8 (byte 0xff at column 29)")
    assert "looks like" not in err[0]


def test_text_utf8_cannot_encode_is_one_error_and_the_previous_file_stays(tmp_path):
    from paperkg.errors import PaperkgError
    from paperkg.io import atomic_write

    path = tmp_path / "out.jsonl"
    path.write_text("previous output\n")
    with pytest.raises(PaperkgError, match=r"out.jsonl: not written: text '\\udc80' cannot be written as utf-8"):
        with atomic_write(path) as fh:
            fh.write("fine\n" * 1000 + "\udc80\n")
    assert path.read_text() == "previous output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left


@pytest.mark.parametrize("name, content", [
    ("papers.csv", f"title,abstract,year\nLong Year,An abstract.,{LONG}\n"),
    ("papers.bib", f"@article{{k, title={{Long Year}}, abstract={{An abstract.}}, year={{{LONG}}}}}\n"),
    ("page.txt", f"Mar 11\n\nLong Year\n\nAn abstract that cites {LONG} as a number.\n"),
])
def test_a_5000_digit_number_in_csv_bibtex_or_a_page_is_only_text(tmp_path, capsys, name, content):
    path = tmp_path / name
    path.write_text(content)
    code, out, err = cli(capsys, "extract", path)
    assert code == 0, err
    assert json.loads(out[0])["title"] == "Long Year" and "year" not in json.loads(out[0])


@pytest.mark.parametrize("name, content, line", [
    ("papers.csv", b"title,abstract\nA \xed\xa0\x80 Paper,An abstract.\n", 2),
    ("papers.bib", b"@article{k,\n  title = {A \xed\xb0\x80 Paper},\n  abstract = {An abstract.}\n}\n", 2),
    ("page.txt", b"Mar 11\n\nA Paper\n\nAn abstract with \xed\xa0\xbd\xed\xb8\x80 in it, long enough to be one.\n", 5),
    ("papers.jsonl", b'{"title": "A \xed\xa0\x80 Paper", "abstract": "x"}\n', 1),
])
def test_a_surrogate_written_as_utf8_bytes_is_named_in_every_text_format(tmp_path, capsys, name, content, line):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = cli(capsys, "extract", path)
    assert_one_error(code, err, f"{path}:{line}", "a UTF-16 surrogate written as UTF-8 bytes (CESU-8/WTF-8)")


def test_a_lone_surrogate_beside_deep_nesting_is_replaced(tmp_path, capsys):
    deep = "[" * 900 + r'"\udfff"' + "]" * 900  # as deep as the JSON parser takes
    path = jsonl(tmp_path / "papers.jsonl", r'{"title": "Deep \ud800", "abstract": "x", "extra": %s}' % deep)
    code, out, err = cli(capsys, "extract", path)
    assert code == 0, err[-3:]
    assert json.loads(out[0])["title"] == "Deep \ufffd" and "2 lone surrogate" in err[0]
