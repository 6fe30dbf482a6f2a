"""The curation file (``paperkg build --overrides FILE``): fixes a user makes once, applied by every build.

A TOML (or the same shape in JSON) file with four kinds of tables; an entity is named by its node id
(``method:fot``, ``data:coco``, as ``paperkg show`` prints it) or by ``type`` + ``name``::

    [[merge]]                       # these are one entity, named (and keyed) by the first
    entities = ["method:fot", "method:federatedorthogonaltraining"]

    [[split]]                       # a wrong merge: in these papers it is another entity
    entity = "method:delta"
    papers = ["arxiv:2501.01234"]
    name = "DELTA (speech)"         # optional: the split-off node's name (and id)

    [[rename]]
    entity = "data:coco"
    name = "MS COCO"

    [[block]]                       # a false positive: drop it (everywhere, or only in these papers)
    entity = "method:the"
    papers = ["arxiv:2501.01234"]   # optional

    [[block]]                       # a wrong citation
    cites = ["arxiv:2501.00001", "arxiv:2401.00002"]

Papers are named by their key (``arxiv:...``, ``doi:...``) or node id (``paper:arxiv:...``).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from paperkg.errors import InputError, PaperkgError
from paperkg.graph.names import space_key
from paperkg.graph.resolve import TYPE_SPACE

KINDS = ("merge", "split", "rename", "block")
_PREFIX_SPACE = {"method": "method", "data": "data", "task": "task", "metric": "metric"}


def _paper_id(ref: str) -> str:
    return ref if ref.startswith("paper:") else f"paper:{ref}"


class Overrides:
    """Parsed overrides; ``build_graph`` asks it what to merge, split, rename and block."""

    def __init__(self, data: dict[str, Any] | None = None, origin: str = "<overrides>"):
        self.data = dict(data or {})
        self.origin = origin
        unknown = set(self.data) - set(KINDS)
        if unknown:
            raise InputError(origin, 0, f"unknown table {sorted(unknown)[0]!r} (expected one of {', '.join(KINDS)})")
        self._merges = [self._refs(e, "entities", "merge") for e in self._entries("merge")]
        self._renames = {self._ref(e, "rename"): self._text(e, "name", "rename") for e in self._entries("rename")}
        self._splits = []
        for e in self._entries("split"):
            papers = self._papers(e, "split", required=True)
            self._splits.append((self._ref(e, "split"), papers, e.get("name")))
        self._blocks = []
        self._blocked_cites: set[tuple[str, str]] = set()
        for e in self._entries("block"):
            if "cites" in e:
                pair = e["cites"]
                if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                    raise InputError(origin, 0, "block: `cites` must be a list of two paper keys")
                self._blocked_cites.add((_paper_id(pair[0]), _paper_id(pair[1])))
            else:
                self._blocks.append((self._ref(e, "block"), self._papers(e, "block")))
        self._bound_entity: dict[int, str] = {}   # id(occurrence) -> first-pass entity id

    # -- parsing ---------------------------------------------------------------------------
    def _entries(self, kind: str) -> list[dict]:
        entries = self.data.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise InputError(self.origin, 0, f"`{kind}` must be a list of tables ([[{kind}]])")
        return entries

    def _text(self, entry: dict, name: str, kind: str) -> str:
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip():
            raise InputError(self.origin, 0, f"{kind}: `{name}` must be a non-empty string")
        return value

    def _ref(self, entry: dict, kind: str, value: str | None = None) -> tuple[str, str]:
        """``(key space, key)`` of an entity named by id or by ``type`` + name."""
        value = value if value is not None else self._text(entry, "entity", kind)
        prefix, _, rest = value.partition(":")
        if prefix in _PREFIX_SPACE and rest:
            return _PREFIX_SPACE[prefix], space_key(_PREFIX_SPACE[prefix], rest)  # ids of older builds too
        etype = entry.get("type")
        if etype not in TYPE_SPACE:
            raise InputError(self.origin, 0, f"{kind}: {value!r} is not a node id (method:..., data:...); "
                                             f"give `type` (one of {', '.join(TYPE_SPACE)}) to name it")
        return TYPE_SPACE[etype], space_key(TYPE_SPACE[etype], value)

    def _refs(self, entry: dict, name: str, kind: str) -> tuple[str, list[str]]:
        values = entry.get(name)
        if not isinstance(values, list) or len(values) < 2 or not all(isinstance(v, str) for v in values):
            raise InputError(self.origin, 0, f"{kind}: `{name}` must list two or more entities")
        refs = [self._ref(entry, kind, v) for v in values]
        spaces = {s for s, _ in refs}
        if len(spaces) != 1:
            raise InputError(self.origin, 0, f"{kind}: cannot merge entities of different kinds: {values}")
        return spaces.pop(), [k for _, k in refs]

    def _papers(self, entry: dict, kind: str, required: bool = False) -> set[str] | None:
        papers = entry.get("papers")
        if papers is None and not required:
            return None
        if not isinstance(papers, list) or not papers or not all(isinstance(p, str) for p in papers):
            raise InputError(self.origin, 0, f"{kind}: `papers` must list paper keys")
        return {_paper_id(p) for p in papers}

    @classmethod
    def load(cls, path: str | Path) -> "Overrides":
        """Read a TOML (``.toml``) or JSON file."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PaperkgError(f"{path}: no such overrides file") from None
        try:
            data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), exc.lineno, f"not valid JSON: {exc.msg}") from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(str(path), 0, f"not valid TOML: {exc}") from None
        if not isinstance(data, dict):
            raise InputError(str(path), 0,
                             "an overrides file is a table of [[merge]], [[split]], [[rename]], [[block]]")
        return cls(data, str(path))

    @classmethod
    def coerce(cls, value) -> "Overrides | None":
        """An ``Overrides`` from itself, a path or a dict; ``None`` stays ``None``."""
        if value is None or isinstance(value, Overrides):
            return value
        if isinstance(value, dict):
            return cls(value)
        return cls.load(value)

    # -- questions build_graph asks --------------------------------------------------------
    @property
    def needs_second_pass(self) -> bool:
        """Splits and blocks name resolved entities, so resolution runs once more after binding them."""
        return bool(self._splits or self._blocks)

    def merge_keys(self) -> list[tuple[str, list[str]]]:
        return self._merges

    def merge_target(self, space: str, keys: set[str]) -> str | None:
        """The key of the first entity a ``[[merge]]`` lists, when it merges any of ``keys``: it names the result."""
        for merge_space, merged in self._merges:
            if merge_space == space and keys & set(merged):
                return merged[0]
        return None

    def curates(self, space: str, keys: set[str]) -> bool:
        """Whether a ``[[merge]]`` or ``[[rename]]`` names any of ``keys`` (an entity the user asked for)."""
        return (any(merge_space == space and keys & set(merged) for merge_space, merged in self._merges)
                or any((space, key) in self._renames for key in keys))

    def renamed(self, entity_id: str, name: str) -> str:
        prefix, _, key = entity_id.partition(":")
        space = _PREFIX_SPACE.get(prefix, prefix)
        return self._renames.get((space, space_key(space, key)), name)

    def bind(self, occurrences, entity_of) -> None:
        """Remember which first-pass entity each occurrence landed in."""
        self._bound_entity = {id(o): e for o, e in zip(occurrences, entity_of) if e}

    def _matches(self, occ, ref: tuple[str, str], papers: set[str] | None) -> bool:
        if papers is not None and occ.paper not in papers:
            return False
        space, key = ref
        if occ.space != space:
            return False
        bound = self._bound_entity.get(id(occ), "")
        return space_key(space, bound.partition(":")[2]) == key or key in occ.strong_keys()

    def blocks(self, occ) -> bool:
        return any(self._matches(occ, ref, papers) for ref, papers in self._blocks)

    def split_tag(self, occ) -> str | None:
        for n, (ref, papers, name) in enumerate(self._splits):
            if self._matches(occ, ref, papers):
                occ.split_name = name or None
                occ._keys = None  # its keys change with its name
                return f"split{n}"
        return None

    def blocks_citation(self, source: str, target: str) -> bool:
        return (source, target) in self._blocked_cites
