"""The README works as written: every code block runs, in order, in a copy of the clone where the set-up
command has built ``graph.db`` from ``examples/``, as a new user would paste them.

Python blocks run in one session; ``>>>`` blocks are doctests (what they print is checked, ``...`` elides).
Shell lines run ``paperkg`` in this process (``paperkg.cli.main``), each one must exit 0, and so must every
``paperkg query`` example of the query table, with at least one row. A shell line is left out only when it
needs what a clone does not have: a Neo4j server, or an input file the README leaves to the reader.
"""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
from pathlib import Path

import pytest

from paperkg.cli import main
from tests.conftest import EXAMPLES, ROOT

README = ROOT / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)
TABLE_EXAMPLE = re.compile(r"^\|[^|\n]*\| `(paperkg query [^`]+)` \|", re.M)
#: A file argument: what a shell line reads or writes, to tell whether the clone has it.
FILE_ARG = re.compile(r"^[\w./-]+(\.(jsonl|json|gz|bib|txt|csv|toml|html|graphml)|/)$")
#: Options followed by a file paperkg writes (so it need not exist beforehand).
OUTPUT_OPTIONS = {"-o", "--output", "--html"}
NEEDS_SERVER = re.compile(r"neo4j|NEO4J|\bcypher\b")


def blocks() -> list[tuple[str, str]]:
    """``(language, code)`` of every fenced block, in README order."""
    return [(lang, code) for lang, code in BLOCK.findall(README.read_text(encoding="utf-8"))]


def shell_commands(code: str) -> list[str]:
    """The ``paperkg`` commands of a shell block (also after ``&&``), comments removed."""
    commands = []
    for line in code.splitlines():
        for part in line.split("&&"):
            part = re.sub(r"\s+#.*$", "", part).strip()
            if part.startswith((".venv/bin/paperkg ", "paperkg ")):
                commands.append(part.removeprefix(".venv/bin/"))
    return commands


def missing_input(argv: list[str]) -> str | None:
    """The first file ``argv`` reads that is not in the working directory, if any."""
    previous = ""
    for i, arg in enumerate(argv):
        writes = previous in OUTPUT_OPTIONS or (i >= 2 and argv[i - 2] == "--export")
        if FILE_ARG.match(arg) and not writes and not Path(arg).exists():
            return arg
        previous = arg
    return None


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A directory with ``examples/`` (what a clone has), the working directory of every block."""
    where = tmp_path_factory.mktemp("clone")
    shutil.copytree(EXAMPLES, where / "examples")
    return where


def run_shell(command: str, capsys) -> str:
    argv = shlex.split(command)[1:]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, f"`{command}` exited {code}: {err.strip()}"
    return out


def test_every_readme_block_runs_in_order(clone, capsys, monkeypatch):
    monkeypatch.chdir(clone)
    session: dict = {}
    ran, left_out = 0, []
    for lang, code in blocks():
        if lang == "sh":
            for command in shell_commands(code):
                argv = shlex.split(command)
                if NEEDS_SERVER.search(command) or missing_input(argv):
                    left_out.append(command)
                    continue
                run_shell(command, capsys)
                ran += 1
        elif lang == "python" and ">>> " in code:
            test = doctest.DocTestParser().get_doctest(code, session, "README", str(README), 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            runner.run(test, clear_globs=False,
                       out=lambda text: pytest.fail(f"README doctest failed:\n{text}", pytrace=False))
            session.update(test.globs)  # the doctest ran on a copy of the session
            ran += 1
        elif lang == "python":
            exec(compile(code, "README.md", "exec"), session)
            ran += 1
    assert ran >= 15, f"only {ran} blocks and commands ran; left out: {left_out}"
    assert all(NEEDS_SERVER.search(c) or missing_input(shlex.split(c)) for c in left_out)


def test_every_query_table_example_answers_on_the_example_graph(clone, capsys, monkeypatch):
    monkeypatch.chdir(clone)
    if not Path("graph.db").exists():
        run_shell("paperkg build examples/ -o graph.db", capsys)
    examples = TABLE_EXAMPLE.findall(README.read_text(encoding="utf-8"))
    assert len(examples) >= 15
    for command in examples:
        out = run_shell(command, capsys)
        assert "(0 rows)" not in out and out.strip() not in ("", "[]"), f"`{command}` answered nothing"
