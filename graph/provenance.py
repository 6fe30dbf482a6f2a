"""Provenance: the sentence a relation was read from, recovered from a span of the paper's analysed text.

>>> sentence_at("A title\\nWe use FooNet. It works.", 15, 21)
'We use FooNet.'
"""

from __future__ import annotations

import re
from typing import Any

from paperkg.extractors.text import analysed_text as _analysed_text

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])|\n")


def analysed_text(paper: dict[str, Any]) -> str:
    """The text mention offsets of ``paper`` (node attributes) point into (see ``paperkg.extractors``)."""
    return _analysed_text(paper.get("title", ""), paper.get("abstract", ""))


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or title line) of ``text`` holding ``text[start:end]``."""
    begin, finish = 0, len(text)
    for match in _BOUNDARY.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            finish = match.start()
            break
    return text[begin:finish].strip()


def sentences(paper: dict[str, Any], spans: list[int], limit: int = 3) -> list[str]:
    """Distinct sentences of ``paper`` holding the first ``limit`` spans (flat ``[start, end, ...]``)."""
    if not spans or "title" not in paper:
        return []
    text = analysed_text(paper)
    found: list[str] = []
    for i in range(0, len(spans) - 1, 2):
        s = sentence_at(text, spans[i], spans[i + 1])
        if s and s not in found:
            found.append(s)
        if len(found) >= limit:
            break
    return found
