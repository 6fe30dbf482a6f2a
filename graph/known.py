"""What the shipped gazetteers say to the graph: which spellings are one entity, and what existed before any corpus.

The extractors' gazetteer merges entries whose letters and digits agree (so ``LoRA+`` lands in ``LoRA``'s
entry, ``ScanNet++`` in ``ScanNet``'s); the graph keeps variants apart, so it reads the files' own cells:
forms joined by ``=`` in one ``|`` cell are one entity, nothing else is.

>>> k = shipped()
>>> k.same_entry("method", "3DGS", "3D Gaussian Splatting"), k.same_entry("method", "LoRA", "LoRA+")
(True, False)
>>> k.is_known("method", "LoRA"), k.is_known("method", "QuillNet")
(True, False)
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from paperkg.graph.names import id_key, is_acronym, space_key

#: Gazetteer section -> key space.
_SECTION_SPACE = {"dataset": "data", "benchmark": "data", "method": "method", "task": "task"}


class Known:
    """The cells of gazetteer files, indexed by (key space, key) of every form."""

    def __init__(self, cells: list[tuple[str, list[str]]]):
        self.entries: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.by_id: dict[tuple[str, str], set[int]] = defaultdict(set)  # extractor ids (vit-s) are lower case
        self.long_forms: list[set[str]] = []
        self.cells = cells
        for n, (space, forms) in enumerate(cells):
            self.long_forms.append({f for f in forms if not is_acronym(f)})
            for form in forms:
                self.entries[(space, space_key(space, form))].add(n)
                self.by_id[(space, id_key(space, form))].add(n)

    def entries_of(self, space: str, name: str) -> set[int]:
        return self.entries.get((space, space_key(space, name)), set())

    def form_of(self, space: str, entry_id: str) -> str | None:
        """The first form of the cell an extractor's gazetteer id (``vit-s``) names, if the files list it."""
        found = sorted(self.by_id.get((space, id_key(space, entry_id)), ()))
        return self.cells[found[0]][1][0] if found else None

    def listed_as(self, space: str, name: str) -> str | None:
        """The canonical form of the one cell listing ``name`` (``K-400`` -> Kinetics-400), if exactly one does."""
        found = self.entries_of(space, name)
        return self.cells[next(iter(found))][1][0] if len(found) == 1 else None

    def same_entry(self, space: str, a: str, b: str) -> bool:
        """Whether one cell lists both names."""
        return bool(self.entries_of(space, a) & self.entries_of(space, b))

    def is_known(self, space: str, name: str) -> bool:
        """Whether a gazetteer lists ``name`` (the team wrote them from what existed before the corpora)."""
        return bool(self.entries_of(space, name))

    def expansions(self, space: str, acronym: str) -> set[str]:
        """The long forms the gazetteer gives ``acronym`` (``PPO``: "Proximal Policy Optimization")."""
        return {f for n in self.entries_of(space, acronym) for f in self.long_forms[n]
                if space_key(space, f) != space_key(space, acronym)}


def read_cells(path: Path) -> list[tuple[str, list[str]]]:
    """``(key space, forms)`` of every cell of a gazetteer ``.txt`` file (``?`` context and ``!`` as-written marks dropped)."""
    space, cells = "data", []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = "" if raw.lstrip().startswith("#") else raw.split(" #", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            space = _SECTION_SPACE.get(line[1:-1].strip(), "")
        elif line and space:
            for cell in line.split("|"):
                forms = [" ".join(f.strip().lstrip("?!").split()) for f in cell.split("=")]
                if any(forms):
                    cells.append((space, [f for f in forms if f]))
    return cells


@lru_cache(maxsize=1)
def shipped() -> Known:
    """The gazetteers shipped in ``extractors/data`` (methods, datasets and benchmarks, tasks)."""
    from paperkg.extractors.gazetteer import DATA

    return Known([cell for name in ("methods.txt", "datasets.txt", "tasks.txt")
                  if (DATA / name).exists() for cell in read_cells(DATA / name)])
