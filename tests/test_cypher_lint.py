"""Every Cypher statement paperkg sends is valid Neo4j 5 and Neo4j 25 Cypher, without a warning, by Neo4j's own
front end.

The statements are the ones the driver really sent during this session's Bolt tests (``tests/cypher_traffic.py``
records them from the driver's log), so a new statement cannot escape: it is linted the first time a test sends
it. The linter is ``@neo4j-cypher/language-support`` (``tests/cypher_lint/``: Neo4j's parser and semantic
analysis compiled to JavaScript, run by node), once as ``CYPHER 5`` and once as ``CYPHER 25``, with the schema's
labels, relation types and property keys declared, and the parameters each statement was sent with: a misspelt
label, a parameter never sent, a function Neo4j does not ship, a deprecation or a cartesian product fails.

Without node the lint skips and says why; under ``CI=true`` it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cypher_traffic import CypherTraffic

LINT_DIR = Path(__file__).resolve().parent / "cypher_lint"
LINT_SCRIPT = LINT_DIR / "lint.cjs"
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
VERSIONS = ("CYPHER 5", "CYPHER 25")
#: The test modules whose Bolt traffic has to hold every statement paperkg can send.
BOLT_MODULES = ("tests.test_neo4j_backend", "tests.test_queries_bolt", "tests.test_neo4j_cli",
               "tests.test_neo4j_incremental")


def unavailable(reason: str):
    """Skip with ``reason`` on a developer's machine; fail under CI, where the lint must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; the Cypher lint must run in CI (.ci/run installs node and runs npm ci)")
    pytest.skip(reason)


def lint_schema() -> dict:
    """The labels, relation types and property keys of ``paperkg.graph.schema``, as the linter's database schema."""
    from paperkg.graph.neo4j_backend import META_PROPERTIES, ROW_KEYS
    from paperkg.graph.neo4j_source import LOOKUP_PROPERTIES
    from paperkg.graph.schema import META_LABEL, NODE_PROPERTIES, RELATIONS, Label, Rel

    keys = {"id", "name", *META_PROPERTIES, *ROW_KEYS, *LOOKUP_PROPERTIES}
    keys.update(p for props in NODE_PROPERTIES.values() for p in props)
    keys.update(p for relation in RELATIONS.values() for p in relation.properties)
    return {"labels": [label.value for label in Label] + [META_LABEL],
            "relationshipTypes": [rel.value for rel in Rel], "propertyKeys": sorted(keys)}


@pytest.fixture(scope="session")
def neo4j_lint():
    """``lint([(text, parameter names), ...])`` -> the linter's results, one per statement (see lint.cjs)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        unavailable("node is not installed (Debian: apt-get install nodejs npm), so the Cypher lint cannot run")
    if not PACKAGE.exists():
        if npm is None:
            unavailable(f"{PACKAGE.relative_to(LINT_DIR.parent.parent)} is absent and npm is not installed")
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(LINT_DIR)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            unavailable(f"npm ci in tests/cypher_lint failed: {done.stderr.strip()[-300:]}")
    schema = lint_schema()

    def lint(statements: list[tuple[str, set[str]]]) -> list[dict]:
        """One result per statement: ``{"text", "diagnostics": {"CYPHER 5": [...], "CYPHER 25": [...]}}``."""
        payload = {"schema": schema,
                   "statements": [{"text": text, "parameters": sorted(names)} for text, names in statements]}
        done = subprocess.run([node, str(LINT_SCRIPT)], input=json.dumps(payload), capture_output=True, text=True)
        if done.returncode != 0:
            version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
            pytest.fail(f"the linter failed under node {version}: {done.stderr[-2000:]}")
        output = json.loads(done.stdout)
        assert output["versions"] == list(VERSIONS)
        lint.linter = output["linter"]
        return output["results"]

    return lint


def problems(result: dict) -> list[str]:
    return [f"{version} {d['severity']} at {d['line']}:{d['column']}: {d['message']}"
            for version, found in result["diagnostics"].items() for d in found]


# -- the linter and the recorder themselves --------------------------------------------------------
def test_the_linter_reports_what_neo4j_reports(neo4j_lint):
    results = neo4j_lint([
        ("MATCH (p:Paper {id: $id}) RETURN p.title AS title", {"id"}),
        ("CALL { MATCH (p:Paper) RETURN p } RETURN p.id AS id", set()),
        ("MATCH (a:Paper {id: $a}), (b:Paper {id: $b}) RETURN a, b", {"a", "b"}),
        ("MATCH (p:Paper {id: $id}) RETURN p", set()),
        ("MATCH (p:Papr) RETURN p.titel", set()),
        ("MATCH (p:Paper) RETURN apoc.text.clean(p.title), id(p)", set()),
        ("MATCH (p:Paper RETURN p", set()),
        ("LET x = 1 RETURN x", set()),
    ])
    found = [{version: " | ".join(d["message"] for d in ds) for version, ds in r["diagnostics"].items()}
             for r in results]
    assert found[0] == {"CYPHER 5": "", "CYPHER 25": ""}
    for version in VERSIONS:
        assert "CALL subquery without a variable scope clause is deprecated" in found[1][version]
        assert "cartesian product" in found[2][version]
        assert "Parameter $id is not defined" in found[3][version]
        assert "Label Papr is not present" in found[4][version] and "titel is not present" in found[4][version]
        assert "apoc.text.clean is not present" in found[5][version] and "deprecated" in found[5][version]
        assert "Invalid input" in found[6][version]
    assert "Invalid input 'LET'" in found[7]["CYPHER 5"] and found[7]["CYPHER 25"] == ""  # two languages


def test_the_recorder_reads_statement_and_parameter_names_from_the_logged_message():
    from tests.cypher_traffic import parse_run

    hostile = "x'}) DETACH DELETE n // \"quoted\": {a: 1}"
    params = {"ids": [hostile, "b"], "rows": [{"source": hostile, "props": {"k": [1, 2]}}], "when": (1, 2)}
    text = "UNWIND $rows AS r MATCH (n {id: r.source}) WHERE n.id IN $ids RETURN '}' AS brace"
    logged = " ".join(map(repr, (text, params, {"db": "paperkg", "mode": "r"})))
    assert parse_run(logged) == (text, {"ids", "rows", "when"})
    assert parse_run(repr("RETURN 1") + " {} {}") == ("RETURN 1", set())


def test_the_recorder_keeps_what_the_driver_sent(bolt, cypher_traffic: CypherTraffic):
    text = "MATCH (p:Paper {id: $id}) WHERE p.year >= $year RETURN count(p) AS n // recorder check"
    with bolt.driver() as driver:
        driver.execute_query(text, id="paper:x'}) DETACH DELETE n //", year=2026, database_=bolt.database)
    sent = cypher_traffic.statements[text]
    assert sent.parameters == {"id", "year"}
    assert sent.origins == {f"{__name__}:test_the_recorder_keeps_what_the_driver_sent"}
    assert not sent.from_paperkg


# -- what the Bolt tests sent ----------------------------------------------------------------------
def sent_by_paperkg(traffic: CypherTraffic):
    statements = traffic.from_paperkg()
    if not statements:
        unavailable("no Bolt test ran in this session, so paperkg sent no Cypher to check")
    return statements


@pytest.mark.after_traffic
def test_every_statement_paperkg_sent_is_clean_neo4j_5_and_25_cypher(cypher_traffic, neo4j_lint):
    statements = sent_by_paperkg(cypher_traffic)
    results = neo4j_lint([(s.text, s.parameters) for s in statements])
    cypher_traffic.linted.update(s.text for s in statements)
    cypher_traffic.summary = (f"{len(statements)} distinct statements paperkg sent, linted by {neo4j_lint.linter} "
                              f"as {' and '.join(VERSIONS)}: {sum(bool(problems(r)) for r in results)} with "
                              "errors or warnings")
    report = []
    for statement, result in zip(statements, results):
        if problems(result):
            report.append(f"sent by {', '.join(sorted(statement.origins))}:\n    "
                          + "\n    ".join(problems(result)) + f"\n  {statement.text}")
    assert not report, f"{len(report)} of {len(statements)} statements:\n" + "\n".join(report)


def every_statement_paperkg_can_send() -> dict[str, str]:
    """Statement text -> what it is, for every statement paperkg's Neo4j code can make from the schema: the
    writer's and reader's (every label and relation variant), every catalogue query's Cypher, the name
    resolution among every label set a query takes. Made by the same functions that make what is sent."""
    from paperkg.graph.neo4j_backend import statements
    from paperkg.queries import CATALOGUE
    from paperkg.queries.backends import resolve_statements
    from tests.test_queries_bolt import node_arg_labels

    from paperkg.graph.neo4j_source import statements as addition_statements

    texts = {text: "the Neo4j writer and reader" for text in statements()}
    texts.update({text: "the lookups of `build --add` on Neo4j" for text in addition_statements()})
    texts.update({q.cypher: f"the catalogue query {name!r}" for name, q in CATALOGUE.items() if q.cypher})
    for labels in node_arg_labels():
        texts.update({text: f"resolving a name among {labels}" for text in resolve_statements(labels)})
    return texts


@pytest.mark.after_traffic
def test_the_bolt_tests_sent_every_statement_paperkg_can_send(request, cypher_traffic):
    ran = {item.module.__name__ for item in request.session.items}
    if not set(BOLT_MODULES) <= ran or request.config.option.keyword:
        pytest.skip(f"only part of the Bolt tests ran ({', '.join(sorted(set(BOLT_MODULES) - ran)) or '-k'}): "
                    "the whole suite sends every statement")
    sent = {s.text for s in sent_by_paperkg(cypher_traffic)}
    missing = [f"{what}: {text}" for text, what in every_statement_paperkg_can_send().items() if text not in sent]
    assert not missing, f"{len(missing)} statements were never sent to the Bolt server:\n" + "\n".join(missing)
