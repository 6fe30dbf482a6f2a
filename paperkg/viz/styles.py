"""Colour, shape and default visibility of each node label, read from ``styles.json`` (one table)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from paperkg.graph.schema import Label


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    """The parsed ``styles.json`` shipped with the package."""
    return json.loads(resources.files(__package__).joinpath("styles.json").read_text(encoding="utf-8"))


def node_style(label: str) -> dict[str, Any]:
    """Style of a node label (``Label`` value); unknown labels get the fallback style."""
    table = styles()
    return table["labels"].get(str(label), table["fallback"])


def edge_style(rel: str) -> dict[str, Any]:
    """Colour and dashes of a relation type."""
    return styles()["edges"].get(str(rel), {"color": "#c0c0c0", "dashes": False})


def label_order() -> list[str]:
    """Labels in legend order: the schema's order, then anything else alphabetically."""
    return [label.value for label in Label]


def group_look() -> dict[str, Any]:
    """How the page shades and names groups of closely linked nodes (colours, opacity, text)."""
    return {key: value for key, value in styles()["groups"].items() if not key.startswith("_")}
