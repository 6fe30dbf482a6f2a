"""The examples in the graph modules' docstrings run as written."""

import doctest
import importlib

import pytest

MODULES = ["paperkg.graph.names", "paperkg.graph.store", "paperkg.graph.build", "paperkg.graph.provenance",
           "paperkg.graph.exports", "paperkg.graph.citations", "paperkg.graph.resolve",
           "paperkg.graph.neo4j_backend"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
