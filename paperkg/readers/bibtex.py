"""BibTeX (``.bib``) entries with ``title`` and ``abstract`` fields, parsed with bibtexparser 2.

The citation key is the record's own id; ``doi``, ``eprint`` (arXiv), ``url``, ``year``/``month``,
``author`` and ``keywords`` are read too. An entry that does not parse (an unclosed brace) is a bad
record named by the line it starts on.
"""

from __future__ import annotations

import logging
import re
from typing import IO, Iterator

import bibtexparser
from bibtexparser import model

from paperkg.models import Author, PaperRecord
from paperkg.readers.records import categories_of, clean_line, make_record, year_of
from paperkg.readers.source import Source

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # failures are reported by us, with lines

_BRACES = re.compile(r"(?<!\\)[{}]")


def unbrace(value: str) -> str:
    """``{NeRF}: {Neural} Fields`` -> ``NeRF: Neural Fields`` (escaped ``\\{`` kept)."""
    return _BRACES.sub("", value)


def failure_reason(error: Exception, raw: str) -> str:
    """A short reason for a block bibtexparser could not parse."""
    text = " ".join(str(getattr(error, "abort_reason", None) or error or "").split())
    unescaped = re.sub(r"\\.", "", raw)
    if "closing `}`" in text or unescaped.count("{") > unescaped.count("}"):
        return "unclosed brace (a `{` that is never closed)"
    if 'closing `"`' in text or unescaped.count('"') % 2:
        return 'unclosed quote (a `"` that is never closed)'
    return text or "syntax error"


def bibtex_names(text: str) -> list[str]:
    """``"Lee, Dana and Moreno, Pablo"`` -> ``["Dana Lee", "Pablo Moreno"]`` (``and`` separates people)."""
    names = []
    for part in re.split(r"\s+and\s+", text.strip()):
        last, comma, first = part.partition(",")
        name = clean_line(f"{first} {last}" if comma else part)
        if name and name.lower() != "others":
            names.append(name)
    return names


def read(source: Source, fh: IO[bytes]) -> Iterator[PaperRecord]:
    text = source.text(fh)
    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:  # noqa: BLE001 - the parser may fail in ways it does not document
        source.fail(0, f"BibTeX does not parse ({type(exc).__name__}: {exc})")
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, model.Entry):
            block = block.ignore_error_block  # same key twice: read it; identity checks decide
        elif isinstance(block, model.ParsingFailedBlock):
            head = (block.raw or "").strip().splitlines()[0][:60] if (block.raw or "").strip() else ""
            reason = failure_reason(block.error, block.raw or "")
            source.bad(line, f"BibTeX entry {head!r} does not parse: {reason}")
            continue
        if not isinstance(block, model.Entry):
            continue
        fields = {f.key.lower(): unbrace(str(f.value)) for f in block.fields}
        eprint = fields.get("eprint") if fields.get("archiveprefix", "arxiv").lower() == "arxiv" else None
        record = make_record(source, line, {
            "title": fields.get("title"),
            "abstract": fields.get("abstract"),
            "record_id": block.key,
            "doi": fields.get("doi"),
            "arxiv_id": eprint,
            "authors": [Author(name) for name in bibtex_names(fields.get("author", ""))],
            "date": " ".join(filter(None, (fields.get("month"), fields.get("year")))) or None,
            "year": year_of(fields.get("year")),
            "url": fields.get("url"),
            "categories": categories_of(fields.get("keywords", "").replace(",", ";")),
        })
        if record is not None:
            yield record
