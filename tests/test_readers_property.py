"""Property tests: arbitrary Unicode, and arbitrary JSON in the shapes paperkg knows, fed to every reader.
Nothing escapes but ``InputError``, and every record that comes out is a valid ``PaperRecord``."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperkg.errors import InputError
from paperkg.models import Author, PaperRecord
from paperkg.readers import FORMATS, read_inputs
from paperkg.readers.records import MAX_ABSTRACT_CHARS

KEY_PREFIXES = ("doi:", "arxiv:", "openalex:", "s2:", "id:", "title:")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Keys the readers look at, so generated objects reach the format mappers (OpenAlex, S2, arXiv, extract lines).
KNOWN_KEYS = [
    "title", "abstract", "id", "doi", "arxiv_id", "authors", "year", "date", "url", "references", "categories",
    "paperId", "externalIds", "abstract_inverted_index", "referenced_works", "authorships", "display_name",
    "publication_year", "update_date", "authors_parsed", "versions", "list_date", "abs_url", "entities", "key",
    "sources", "name", "orcid", "authorId", "DOI", "ArXiv", "results", "data",
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.sampled_from(["2401.00001v2", "https://openalex.org/W12", "10.1000/x", "a" * 40, "hep-th/9901001"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KNOWN_KEYS), children, max_size=6),
    max_leaves=25,
)


def check_records(path: Path, skip_bad: bool) -> None:
    counts: Counter = Counter()
    try:
        records = list(read_inputs([str(path)], skip_bad=skip_bad, warn=lambda message: None, counts=counts))
    except InputError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    for record in records:
        assert isinstance(record, PaperRecord)
        assert record.key.startswith(KEY_PREFIXES)
        assert isinstance(record.title, str) and isinstance(record.abstract, str)
        assert record.title or record.abstract
        assert len(record.abstract) <= MAX_ABSTRACT_CHARS
        assert record.source.startswith(f"{path}:")
        assert all(isinstance(a, Author) and isinstance(a.name, str) and a.name for a in record.authors)
        assert all(isinstance(r, str) and r.startswith(KEY_PREFIXES) for r in record.references)
        assert record.year is None or isinstance(record.year, int)
        json.dumps(record.to_json())  # plain data, ready for an extraction line


@SETTINGS
@given(text=st.text(max_size=400), suffix=st.sampled_from(sorted(FORMATS)), skip_bad=st.booleans())
def test_arbitrary_unicode_to_every_reader(text, suffix, skip_bad):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(text.encode("utf-8", "replace"))
        check_records(path, skip_bad)


@SETTINGS
@given(lines=st.lists(st.text(max_size=80), max_size=8), suffix=st.sampled_from(sorted(FORMATS)))
def test_arbitrary_lines_with_format_markers(lines, suffix):
    """Lines that start like the formats (``{``, ``@article{``, a CSV header) reach deeper into the readers."""
    starts = ['{"title": ', "@article{k,\n title={", "title,abstract\n", "Mar 11\n\n", "[", "title\tabstract\n"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        body = "\n".join(lines)
        path.write_bytes((starts[len(lines) % len(starts)] + body).encode("utf-8", "replace"))
        check_records(path, skip_bad=len(lines) % 2 == 0)


@SETTINGS
@given(values=st.lists(json_values, min_size=1, max_size=5), shape=st.sampled_from(["lines", "array", "results"]),
       skip_bad=st.booleans())
def test_arbitrary_json_in_known_shapes(values, shape, skip_bad):
    with tempfile.TemporaryDirectory() as folder:
        if shape == "lines":
            path = Path(folder) / "input.jsonl"
            path.write_text("".join(json.dumps(v) + "\n" for v in values))
        else:
            path = Path(folder) / "input.json"
            path.write_text(json.dumps(values if shape == "array" else {"meta": {}, "results": values}, indent=1))
        check_records(path, skip_bad)
