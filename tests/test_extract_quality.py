"""Dev F1 never falls more than 0.03 below the committed figures (benchmarks/extract_quality.json)."""

import json
import sys

import pytest

from tests.conftest import ROOT, shared_path

TOLERANCE = 0.03
COMMITTED = json.loads((ROOT / "benchmarks" / "extract_quality.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [n for n in ("dev", "dev_arxiv", "dev2", "dev2_arxiv") if n in COMMITTED])
def test_dev_f1_does_not_regress(name):
    shared_path("eval", f"{name}.jsonl")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from extract_quality import dev_scores

    scores = dev_scores(name, None)
    drops = {kind: (COMMITTED[name][kind]["f1"], scores[kind]["f1"]) for kind in COMMITTED[name]
             if scores[kind]["f1"] < COMMITTED[name][kind]["f1"] - TOLERANCE}
    assert not drops, f"{name}: F1 fell (committed, now): {drops}"


def test_user_gazetteer_does_not_lower_dev_precision():
    """Papers with Code's dataset list (3,327 names) added: data precision stays within the tolerance."""
    pwc = shared_path("data", "datafinder-pwc", "pwc_datasets_collection.jsonl")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from extract_quality import dev_scores

    for name in ("dev", "dev_arxiv"):
        plain = COMMITTED[name]["data"]["precision"]
        assert dev_scores(name, [str(pwc)])["data"]["precision"] >= plain - TOLERANCE, name
