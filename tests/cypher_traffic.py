"""What the neo4j driver actually sends during the tests: every ``RUN`` message, read from the driver's own DEBUG log.

The official driver logs each statement it puts on the wire as ``C: RUN 'text' {parameters} {extra}`` on the
``neo4j.io`` logger. :class:`CypherTraffic`, a filter on that logger, keeps, per distinct statement text, the
parameter names sent with it and the code that sent it (the first caller outside the driver): so every statement
paperkg sends to a Bolt server during the test session is collected, whichever module builds it, with nothing to
list by hand. ``tests/test_cypher_lint.py`` lints them with Neo4j's own front end.

Fixture (loaded as a pytest plugin by ``tests/conftest.py``; the ``bolt`` server fixture depends on it, so the
recorder is on before any test can reach a server):

- ``cypher_traffic`` (session): the :class:`CypherTraffic` of this session.
"""

from __future__ import annotations

import ast
import logging
import re
import sys
from dataclasses import dataclass, field

import pytest

#: The driver's logger of Bolt messages and the format of its RUN lines (``neo4j/_sync/io/_bolt/_bolt5.py``).
DRIVER_LOGGER = "neo4j.io"
RUN_FORMAT = "C: RUN %s"
#: A Python string literal as ``repr`` writes it, then the tokens that matter for finding a dict's keys.
_STRING = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_TOKEN = re.compile(rf"{_STRING}|[{{}}\[\]()]|:", re.S)
#: Sent by paperkg's modules but written by the user (``paperkg cypher QUERY``): not paperkg's statements.
USER_STATEMENT_MODULES = frozenset({"paperkg.commands.cypher"})


@dataclass
class Statement:
    """One distinct statement text as sent, with every parameter name sent with it and who sent it."""

    text: str
    parameters: set[str] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    sent: int = 0

    @property
    def from_paperkg(self) -> bool:
        """Built by paperkg's own code (not a test's own query, not a user's ``paperkg cypher`` text)."""
        return any(o.startswith("paperkg.") and o.rsplit(":", 1)[0] not in USER_STATEMENT_MODULES
                   for o in self.origins)


def parse_run(fields: str) -> tuple[str, set[str]]:
    """The statement and its parameter names from the logged ``repr(text) repr(parameters) repr(extra)``.

    >>> text, names = parse_run("'MATCH (n {id: $id}) RETURN n' {'id': 'x', 'rows': [{'a': 1}]} {'db': 'paperkg'}")
    >>> text, sorted(names)
    ('MATCH (n {id: $id}) RETURN n', ['id', 'rows'])
    """
    head = re.match(_STRING, fields, re.S)
    if head is None:
        raise ValueError(f"not a logged RUN message: {fields[:80]!r}")
    text = ast.literal_eval(head.group())
    names: set[str] = set()
    depth, last = 0, None
    for token in _TOKEN.finditer(fields, head.end()):
        value = token.group()
        if value in "{[(":
            depth += 1
        elif value in "}])":
            depth -= 1
            if depth == 0:  # the end of the parameters map
                break
        elif value == ":" and depth == 1 and last is not None and last[0] in "'\"":
            names.add(ast.literal_eval(last))
        last = value
    return text, names


def caller() -> str:
    """``module:function`` of the first frame outside the driver and logging: the code that sent the statement."""
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module != __name__ and module.partition(".")[0] not in ("neo4j", "logging"):
            return f"{module}:{frame.f_code.co_name}"
        frame = frame.f_back
    return "?"


class CypherTraffic(logging.Filter):
    """A filter on the driver's logger: it collects the RUN messages by statement text, then lets only the
    driver's warnings and errors through (its DEBUG chatter, every batch's parameters, stays out of pytest's logs).
    """

    def __init__(self) -> None:
        super().__init__()
        self.statements: dict[str, Statement] = {}
        #: Set by the lint test: the texts it checked, and a line for the end of the run.
        self.linted: set[str] = set()
        self.summary = ""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            return True
        if record.msg.endswith(RUN_FORMAT) and record.args:
            text, names = parse_run(record.args[-1])
            statement = self.statements.setdefault(text, Statement(text))
            statement.parameters |= names
            statement.origins.add(caller())
            statement.sent += 1
        return False

    def from_paperkg(self) -> list[Statement]:
        """The distinct statements paperkg's own code sent, in the order they were first sent."""
        return [s for s in self.statements.values() if s.from_paperkg]

    def start(self) -> None:
        """Have the driver log its messages (DEBUG) and look at each."""
        logger = logging.getLogger(DRIVER_LOGGER)
        self._level = logger.level
        logger.setLevel(logging.DEBUG)
        logger.addFilter(self)

    def stop(self) -> None:
        logger = logging.getLogger(DRIVER_LOGGER)
        logger.removeFilter(self)
        logger.setLevel(self._level)


TRAFFIC = pytest.StashKey[CypherTraffic]()


def pytest_configure(config):
    config.addinivalue_line("markers", "after_traffic: runs after every other test (it checks their Bolt traffic)")


def pytest_collection_modifyitems(session, config, items):
    """Tests marked ``after_traffic`` run last, in their own order, once every Bolt test has sent its statements."""
    items.sort(key=lambda item: item.get_closest_marker("after_traffic") is not None)


@pytest.fixture(scope="session")
def cypher_traffic(request):
    """The session's recorder of every statement sent to a Bolt server (see the module docstring)."""
    traffic = CypherTraffic()
    request.config.stash[TRAFFIC] = traffic
    traffic.start()
    yield traffic
    traffic.stop()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    traffic = config.stash.get(TRAFFIC, None)
    if traffic is not None and traffic.summary:
        terminalreporter.write_line(f"cypher lint: {traffic.summary}")


def pytest_sessionfinish(session, exitstatus):
    """A statement sent after the lint test ran (by a later test or a teardown) fails the run: none escapes."""
    traffic = session.config.stash.get(TRAFFIC, None)
    if traffic is None or not traffic.linted:
        return
    late = [s.text for s in traffic.from_paperkg() if s.text not in traffic.linted]
    if late:
        sys.stderr.write(f"\ncypher lint: {len(late)} statement(s) sent after the lint ran, unchecked:\n"
                         + "\n".join(f"  {text!r}" for text in late) + "\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
