"""The examples in the query catalogue's docstrings run and print what they say."""

import doctest
import importlib

import pytest

MODULES = ["catalogue", "filters", "datasets", "methods", "papers", "citations", "structure", "trend", "resolve",
           "subgraph"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"paperkg.queries.{name}")
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
