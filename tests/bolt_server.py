"""A real Bolt server for the tests: ArcadeDB's, started from the ``arcadedb-embedded`` wheel, or a real Neo4j 5.

Fixtures (loaded as a pytest plugin by ``tests/conftest.py``):

- ``bolt`` (session): a :class:`BoltServer` with ``uri``, ``auth``, ``database``, ``driver()``, ``clear()``,
  ``kill()``, ``start()`` and ``restart()``.
- ``bolt_driver`` (function): a verified ``neo4j.Driver`` on an emptied database, closed after the test.

Whatever the driver sends while the server is up is recorded by ``tests/cypher_traffic.py`` and linted last.

ArcadeDB runs in a child process (stopping and restarting it inside the test process crashes JPype), on a free
loopback port, with its databases in a temporary directory. ``kill()`` sends SIGKILL to that child: the fault a test
wants to survive. When ``PAPERKG_TEST_NEO4J_URI`` (with ``_USERNAME``, ``_PASSWORD`` and optionally ``_DATABASE``) is
set, the tests use that Neo4j instead; they empty it, which is why the user's own ``NEO4J_URI`` is never read here.

Example::

    def test_counts(bolt_driver, bolt):
        bolt_driver.execute_query("CREATE (:Paper {id: $id})", id="paper:x", database_=bolt.database)

Run the server by hand (prints its URI and waits for Enter)::

    .venv/bin/python tests/bolt_server.py
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

#: Credentials and database of the ArcadeDB test server (ArcadeDB's Bolt accepts its server users: root).
ARCADE_USER = "root"
ARCADE_PASSWORD = "paperkg-test-password"
ARCADE_DATABASE = "paperkg"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
START_TIMEOUT = 90.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class BoltServer:
    """A Bolt endpoint for tests; the ArcadeDB flavour owns its server process and can kill and restart it."""

    def __init__(self, uri: str, auth: tuple[str, str], database: str | None, root: Path | None = None):
        self.uri, self.auth, self.database = uri, auth, database
        self.root = root
        self.process: subprocess.Popen | None = None
        self.port = int(uri.rsplit(":", 1)[1]) if root is not None else None

    @property
    def is_arcadedb(self) -> bool:
        return self.root is not None

    # -- clients ------------------------------------------------------------------------------
    def driver(self, **config):
        """A new, verified driver for this server (the caller closes it)."""
        import neo4j

        driver = neo4j.GraphDatabase.driver(self.uri, auth=self.auth, **config)
        driver.verify_connectivity()
        return driver

    def clear(self) -> None:
        """Delete every node and relation of the test database."""
        with self.driver() as driver:
            driver.execute_query("MATCH (n) DETACH DELETE n", database_=self.database)

    # -- the ArcadeDB process -----------------------------------------------------------------
    def start(self) -> None:
        """Start the ArcadeDB child process (on the same port and data) and wait until Bolt answers."""
        self._require_arcadedb("start")
        if self.running:
            return
        ready = self.root / "ready.json"
        ready.unlink(missing_ok=True)
        log = open(self.root / "server.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(self.root), str(self.port)],
            stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, cwd=self.root,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while not ready.exists():
            if self.process.poll() is not None:
                tail = (self.root / "server.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"ArcadeDB Bolt server exited with {self.process.returncode}:\n{tail}")
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"ArcadeDB Bolt server did not start in {START_TIMEOUT:.0f} s")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server cleanly (closing its stdin asks it to), or kill it when it does not stop."""
        self._require_arcadedb("stop")
        if not self.running:
            return
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None

    def kill(self) -> None:
        """SIGKILL the server: what a crash or a pulled plug looks like to a client."""
        self._require_arcadedb("kill")
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait()
            if self.process.stdin:
                self.process.stdin.close()
            self.process = None

    def restart(self) -> None:
        """Stop (or, when it was killed, just) start the server again on the same port and data."""
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _require_arcadedb(self, what: str) -> None:
        if not self.is_arcadedb:
            pytest.skip(f"cannot {what} the external Neo4j named by PAPERKG_TEST_NEO4J_URI")


def external_neo4j() -> BoltServer | None:
    """The real Neo4j named by ``PAPERKG_TEST_NEO4J_URI`` (+ ``_USERNAME``/``_PASSWORD``/``_DATABASE``), if set."""
    uri = os.environ.get("PAPERKG_TEST_NEO4J_URI")
    if not uri:
        return None
    auth = (os.environ.get("PAPERKG_TEST_NEO4J_USERNAME", "neo4j"), os.environ.get("PAPERKG_TEST_NEO4J_PASSWORD", ""))
    return BoltServer(uri, auth, os.environ.get("PAPERKG_TEST_NEO4J_DATABASE") or None)


def arcadedb_server(root: Path) -> BoltServer:
    """Start ArcadeDB's Bolt server in a child process with its data under ``root``; retries a taken port."""
    for attempt in range(3):
        port = free_port()
        server = BoltServer(f"bolt://127.0.0.1:{port}", (ARCADE_USER, ARCADE_PASSWORD), ARCADE_DATABASE, root)
        try:
            server.start()
            return server
        except RuntimeError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def bolt(cypher_traffic):
    """A running Bolt server for the whole session (ArcadeDB in a child process, or PAPERKG_TEST_NEO4J_URI).

    Every statement sent to it is recorded (``cypher_traffic``), for the Cypher lint that runs last.
    """
    server = external_neo4j()
    if server is not None:
        yield server
        return
    with tempfile.TemporaryDirectory(prefix="paperkg-bolt-") as tmp:
        server = arcadedb_server(Path(tmp))
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def bolt_driver(bolt):
    """A verified driver on the emptied test database (pass ``database_=bolt.database`` to queries)."""
    if bolt.is_arcadedb and not bolt.running:
        bolt.start()
    bolt.clear()
    driver = bolt.driver()
    try:
        yield driver
    finally:
        driver.close()


# -- the child process ------------------------------------------------------------------------
def serve(root: str, port: int) -> None:
    """Run ArcadeDB with the Bolt plugin until stdin closes; writes ``ready.json`` once Bolt listens."""
    import arcadedb_embedded as arcadedb

    server = arcadedb.create_server(
        os.path.join(root, "server"),
        root_password=ARCADE_PASSWORD,
        config={
            "host": "127.0.0.1",
            "http_port": free_port(),
            "server_plugins": BOLT_PLUGIN,
            "bolt_port": port,
            "bolt_defaultDatabase": ARCADE_DATABASE,
        },
    )
    server.start()
    server.create_database(ARCADE_DATABASE)  # opens it when it is already there (a restart)
    tmp = os.path.join(root, "ready.tmp")
    with open(tmp, "w") as fh:
        json.dump({"port": port, "pid": os.getpid()}, fh)
    os.replace(tmp, os.path.join(root, "ready.json"))
    try:
        sys.stdin.read()  # EOF when the test process closes the pipe or dies
    finally:
        server.stop()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]))
    else:
        with tempfile.TemporaryDirectory(prefix="paperkg-bolt-") as tmp:
            srv = arcadedb_server(Path(tmp))
            print(f"Bolt server at {srv.uri}, user {srv.auth[0]!r}, password {srv.auth[1]!r}, "
                  f"database {srv.database!r}; press Enter to stop")
            try:
                input()
            finally:
                srv.stop()
