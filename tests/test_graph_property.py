"""Properties over generated corpora: rebuilding from ``lines_from_graph`` and reordering change nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from paperkg.graph import build_graph, lines_from_graph

NAMES = ["FooNet", "FOT", "Federated Orthogonal Training", "CIFAR-10", "cifar10", "CIFAR-100", "DELTA",
         "Dynamic Echo Learning for Timing Audio", "Distributed Edge Labelling for Tree Analysis", "ImageNet",
         "ImageNet-1K", "ImageNet-21K", "ResNet-50", "ResNet-101", "Qwen9-Omni", "\u03c6\u221e", "--"]
ACRONYM = {"Federated Orthogonal Training": "FOT", "Dynamic Echo Learning for Timing Audio": "DELTA",
           "Distributed Edge Labelling for Tree Analysis": "DELTA"}

entity = st.builds(
    lambda type_, name, own, gaz, n: {
        "type": type_, "name": name, "aliases": [ACRONYM[name]] if name in ACRONYM else [],
        **({"proposed": True} if own and type_ == "method" else {}),
        **({"introduced": True} if own and type_ != "method" else {}),
        **({"gazetteer": "imagenet-1k"} if gaz and name.startswith("ImageNet") and name != "ImageNet-21K" else {}),
        "mentions": [{"start": i, "end": i + len(name), "text": name, "rule": "corpus" if i == 7 else "r"}
                     for i in range(n)]},
    st.sampled_from(["method", "dataset", "benchmark"]), st.sampled_from(NAMES), st.booleans(), st.booleans(),
    st.integers(0, 2),
)
line = st.builds(
    lambda n, title, entities, refs: {
        "key": f"arxiv:2501.{n:05d}", "title": title, "abstract": "An abstract.", "date": f"2025-01-{n % 28 + 1:02d}",
        "entities": entities, "references": [f"arxiv:2501.{r:05d}" for r in refs], "results": []},
    st.integers(0, 30), st.sampled_from(["FooNet: a net", "Qwen9-Omni Technical Report", "A study"]),
    st.lists(entity, max_size=5), st.lists(st.integers(0, 40), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(line, min_size=1, max_size=8))
def test_rebuilding_from_the_graph_and_reordering_change_nothing(lines):
    kg = build_graph(lines)
    assert build_graph(lines_from_graph(kg)) == build_graph(
        [dict(line, entities=[e for e in line["entities"] if not all(
            m["rule"] == "corpus" for m in e["mentions"]) or not e["mentions"]]) for line in lines])
    unique = list({line["key"]: line for line in reversed(lines)}.values())  # one line per key
    assert build_graph(unique[::-1]) == build_graph(unique)
