"""CSV and TSV files with a header row naming the record fields (``title`` required; ``abstract``, ``id``,
``doi``, ``arxiv_id``, ``authors`` separated by ``;``, ``year``/``date``, ``url``, ``references`` separated
by ``;`` or spaces). Rows stream; a row spanning lines (a quoted abstract with line breaks) is fine."""

from __future__ import annotations

import csv
from typing import IO, Iterator

from paperkg.models import PaperRecord
from paperkg.readers.records import FIELD_NAMES, generic_fields, make_record
from paperkg.readers.source import Source

csv.field_size_limit(64 * 1024 * 1024)  # a long abstract is cut with a warning later, not refused here


def read(source: Source, fh: IO[bytes], delimiter: str = ",") -> Iterator[PaperRecord]:
    def physical_lines() -> Iterator[str]:
        for number, text in source.lines(fh):
            state["line"] = number
            yield text + "\n"

    state = {"line": 0}
    rows = csv.reader(physical_lines(), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    start = 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            reason = "unbalanced quote" if "quote" in str(exc) or "end of data" in str(exc) or "expected" in str(exc) else str(exc)
            message = f"CSV row does not parse: {reason} (a quoted field opened on this line does not close)"
            if header is None:
                source.fail(start, message)
            source.bad(start, message)
            # the csv reader cannot resume inside a broken quoted field: what follows is unreadable
            return
        line, start = start, state["line"] + 1
        if header is None:
            header = [h.strip().lstrip("\ufeff") for h in row]
            lowered = [h.lower() for h in header]
            if not any(name in lowered for name in FIELD_NAMES["title"]):
                shown = ", ".join(header[:8]) or "(empty)"
                source.fail(line, f"no title column in the header (columns: {shown})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            source.bad(line, f"{len(row)} fields where the header has {len(header)} (an unbalanced quote or a stray delimiter?)")
            continue
        record = make_record(source, line, generic_fields(dict(zip(header, row))))
        if record is not None:
            yield record
