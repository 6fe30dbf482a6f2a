"""Rows of plain data printed as a table, one JSON array, or CSV: the output of ``query`` and ``cypher``."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, TextIO

FORMATS = ("table", "json", "csv")


def cell(value: Any, fmt: str = "table") -> str:
    """One value as table or CSV text: nothing for null, lists of scalars joined with '; ', maps as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}" if fmt == "table" else repr(value)
    if isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value):
        return "; ".join(cell(v, fmt) for v in value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, out: TextIO | None = None) -> None:
    """Print ``rows`` as a rich table, one JSON array of row objects, or CSV with a header."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([cell(row.get(c), fmt) for c in columns] for row in rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(cell(row.get(c), fmt) for c in columns))
        # Text from abstracts is shown as written: no markup, no emoji codes (":id:" is part of paper ids).
        console = Console(file=out, width=None if out.isatty() else 200, markup=False, emoji=False, highlight=False)
        console.print(table)
        console.print(f"({len(rows)} row{'' if len(rows) == 1 else 's'})", highlight=False)
