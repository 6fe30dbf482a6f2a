"""benchmarks/task_support.py: how much of the Task space one paper alone supports."""

from __future__ import annotations

import sys

from paperkg.graph import build_graph
from tests.conftest import ROOT
from tests.test_graph_build import ent, paper

sys.path.insert(0, str(ROOT / "benchmarks"))
import task_support  # noqa: E402


def test_one_paper_tasks_kept_on_their_paper_and_the_phrases_of_other_papers_they_end_in():
    kg = build_graph([
        paper("a:1", "Notes", "We study text classification.", ent("task", "text classification")),
        paper("a:2", "Notes", "We study text classification.", ent("task", "text classification")),
        paper("a:3", "Notes", "We study sparse text classification.", ent("task", "sparse text classification")),
        paper("a:4", "Notes", "We study wombat counting.", ent("task", "wombat counting")),
    ])
    tasks = task_support.task_papers(kg)
    assert sorted(k for k in tasks if not k.startswith("phrase:")) == ["task:textclassification"]
    assert sorted((name, n) for name, n, _ in tasks.values()) == [
        ("sparse text classification", 1), ("text classification", 2), ("wombat counting", 1)]
    supported = {name for name, n, _ in tasks.values() if n >= 2}
    assert task_support.attested_suffix("sparse text classification", supported) == "text classification"
    assert task_support.attested_suffix("wombat counting", supported) is None


def test_audit_shares_count_not_tasks_by_paper_count(tmp_path):
    judged = tmp_path / "judged.tsv"
    judged.write_text("type\tsample\trank\tpapers\trelation\tnot_entity\n"
                      "Task\trandom\t1\t1\tADDRESSES\tx\nTask\trandom\t2\t1\tADDRESSES\t0\n"
                      "Task\trandom\t3\t4\tADDRESSES\t0\nTask\ttop\t1\t90\tADDRESSES\tx\n", encoding="utf-8")
    shares = task_support.audit_shares([str(judged)])
    assert shares == {(True, True): 1, (True, False): 1, (False, False): 1}
