"""Shared fixtures: the read-only material beside the project, and the Bolt server."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"

# The Bolt server fixture (ArcadeDB, or a real Neo4j 5 named by PAPERKG_TEST_NEO4J_URI) lives in its own module,
# and so does the recorder of every statement sent to it (linted last by tests/test_cypher_lint.py).
pytest_plugins = ["tests.bolt_server", "tests.cypher_traffic"]


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip that says it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora are not beside this checkout")
    return path


@pytest.fixture(scope="session")
def daily_papers_dir() -> Path:
    """The 5 real Hugging Face Daily Papers pages (395 entries, 353 distinct papers)."""
    return shared_path("corpus", "hf-daily-papers")


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
