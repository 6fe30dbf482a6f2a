"""The offline HTML viewer."""
