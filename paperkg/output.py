"""Rows of plain data printed as a table, one JSON array, or CSV: the output of ``query`` and ``cypher``."""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import Any, TextIO

from paperkg.graph.schema import ID_PREFIX

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


#: Narrowest a wrapped text column (a title) is squeezed to before the table grows past the terminal.
MIN_TEXT_WIDTH = 12
#: A node id: a schema prefix and a colon (``paper:arxiv:2501.00001``, ``data:cifar10``).
NODE_ID = re.compile(r"^(?:" + "|".join(sorted(set(ID_PREFIX.values()))) + r"):\S")


def id_widths(cells: list[list[str]], columns: list[str]) -> dict[str, int]:
    """Columns whose every value is a node id -> the width of the longest (header included)."""
    found = {}
    for i, column in enumerate(columns):
        values = [row[i] for row in cells if row[i]]
        if values and all(NODE_ID.match(v) for v in values):
            found[column] = max(len(column), *map(len, values))
    return found


def print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, out: TextIO | None = None) -> None:
    """Print ``rows`` as a rich table, one JSON array of row objects, or CSV with a header.

    A table fits the terminal by wrapping text columns; columns of node ids are never broken."""
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

        cells = [[cell(row.get(c), fmt) for c in columns] for row in rows]
        ids = id_widths(cells, columns)
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for column in columns:
            if column in ids:  # never broken: an id is pasted into the next command
                table.add_column(column, no_wrap=True, min_width=ids[column])
            else:  # titles and lists wrap instead
                table.add_column(column, overflow="fold")
        for values in cells:
            table.add_row(*values)
        width = None if out.isatty() else 200
        needed = sum(ids.values()) + MIN_TEXT_WIDTH * (len(columns) - len(ids)) + 2 * len(columns)
        # Text from abstracts is shown as written: no markup, no emoji codes (":id:" is part of paper ids).
        console = Console(file=out, width=width, markup=False, emoji=False, highlight=False)
        if console.width < needed:  # ids that cannot all fit: longer lines rather than broken ids
            console.width = needed
        console.print(table)
        console.print(f"({len(rows)} row{'' if len(rows) == 1 else 's'})", highlight=False)
