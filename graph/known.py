"""What the shipped gazetteers say to the graph: which spellings are one entity, and what existed before any corpus.

The extractors' gazetteer merges entries whose letters and digits agree (so ``LoRA+`` lands in ``LoRA``'s
entry, ``ScanNet++`` in ``ScanNet``'s); the graph keeps variants apart, so it reads the files' own cells:
forms joined by ``=`` in one ``|`` cell are one entity, nothing else is.

>>> k = shipped()
>>> k.same_entry("method", "3DGS", "3D Gaussian Splatting"), k.same_entry("method", "LoRA", "LoRA+")
(True, False)
>>> k.is_known("method", "LoRA"), k.is_known("method", "QuillNet")
(True, False)

A method can have existed before the corpora without being a name the extractor should look for ("supervised
fine-tuning", "Generative Adversarial Networks": generic by the annotation rules); ``prior_methods.txt`` lists
those for the graph alone, and a size variant of a listed family existed when the family did:

>>> k.existed_before("method", "Supervised Fine-Tuning"), k.existed_before("method", "Llama-3.1-8B-Instruct")
(True, True)
>>> k.existed_before("method", "QuillNet-7B"), k.family("method", "DenseNet121")
(False, 'DenseNet')
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import re

from paperkg.graph.names import SIZE_SUFFIX, id_key, is_acronym, space_key

#: Gazetteer section -> key space.
_SECTION_SPACE = {"dataset": "data", "benchmark": "data", "method": "method", "task": "task"}
#: What a size variant adds to its family's name: a parameter count and tuning (``-8B-Instruct``), a patch size
#: (``ViT-B/16``), a depth written onto the name (``DenseNet121``), a size word (``BERT-base``). Not a version
#: number: ``SAM 3`` and ``GPT-5.2`` are new models.
_VARIANT = re.compile(r"(?:%s|/\d+|(?<=[A-Za-z])\d{2,3}|[-\s](?:[Bb]ase|[Ll]arge|[Ss]mall|[Tt]iny|Instruct|Chat))$"
                      % SIZE_SUFFIX.pattern.removesuffix("$"))


class Known:
    """The cells of gazetteer files, indexed by (key space, key) of every form."""

    def __init__(self, cells: list[tuple[str, list[str]]], prior: list[tuple[str, list[str]]] = (),
                 as_written: Iterable[tuple[str, str]] = ()):
        #: (key space, key) -> the forms a file marks ``!``: names whose identity is their casing (LoRA, ComplEx)
        self.as_written: dict[tuple[str, str], set[str]] = defaultdict(set)
        for space, form in as_written:
            self.as_written[(space, space_key(space, form))].add(form)
        #: (key space, key) of every form of ``prior``: names that existed before the corpora, for the graph only
        self.prior = {(space, space_key(space, f)) for space, forms in prior for f in forms}
        #: (key space, acronym key) -> the long forms both files give it, for ``respelt``
        self.spelt: dict[tuple[str, str], set[str]] = defaultdict(set)
        for space, forms in [*cells, *prior]:
            for short in (f for f in forms if is_acronym(f)):
                self.spelt[(space, space_key(space, short))].update(f for f in forms if not is_acronym(f))
        self.entries: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.by_id: dict[tuple[str, str], set[int]] = defaultdict(set)  # extractor ids (vit-s) are lower case
        self.long_forms: list[set[str]] = []
        self.cells = cells
        for n, (space, forms) in enumerate(cells):
            self.long_forms.append({f for f in forms if not is_acronym(f)})
            for form in forms:
                self.entries[(space, space_key(space, form))].add(n)
                self.by_id[(space, id_key(space, form))].add(n)

    def other_casing(self, space: str, name: str) -> bool:
        """Whether ``name`` is a listed name whose identity is its casing, written in another casing (``LoRa``, the
        radio, for LoRA): a different thing.

        >>> [shipped().other_casing("method", name) for name in ("LoRa", "Co-op", "LoRA", "LoRAs", "QuIP#")]
        [True, True, False, False, False]
        """
        forms = self.as_written.get((space, space_key(space, name)), ())
        letters = _letters(name)  # "Co-op" is CoOp in another casing; "QuIP#" is QuIP's variant, "LoRAs" its plural
        return bool(forms) and not any(letters in (_letters(form), _letters(form) + "s") for form in forms)

    def entries_of(self, space: str, name: str) -> set[int]:
        return self.entries.get((space, space_key(space, name)), set())

    def form_of(self, space: str, entry_id: str) -> str | None:
        """The first form of the cell an extractor's gazetteer id (``vit-s``) names, if the files list it."""
        found = sorted(self.by_id.get((space, id_key(space, entry_id)), ()))
        return self.cells[found[0]][1][0] if found else None

    def forms_of(self, space: str, name: str) -> list[str]:
        """Every form of the cells that list ``name`` (``MT-bench`` -> MT-Bench's forms)."""
        return [form for n in sorted(self.entries_of(space, name)) for form in self.cells[n][1]]

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

    def existed_before(self, space: str, name: str) -> bool:
        """Whether ``name`` existed before the corpora: a gazetteer lists it, ``prior_methods.txt`` does, or it
        is a size variant of a family either lists (``Qwen2.5-VL-7B``, ``ViT-B/16``)."""
        return any(self.is_known(space, n) or (space, space_key(space, n)) in self.prior
                   for n in (name, self.family(space, name)) if n)

    def prior_only(self, space: str, name: str) -> bool:
        """Whether ``prior_methods.txt`` lists ``name`` (or its family) and no gazetteer does: a name written down
        as older than the corpora, which no paper of them makes, whatever its title says."""
        names = [n for n in (name, self.family(space, name)) if n]
        return any((space, space_key(space, n)) in self.prior for n in names) \
            and not any(self.is_known(space, n) for n in names)

    def respelt(self, space: str, forms: list[str]) -> bool:
        """Whether ``forms`` write a listed acronym with a long form that is its listed expansion respelt: one
        word changed or added ("Convolutional Block Attention Mechanism (CBAM)" for CBAM's "... Module"), or any
        long form of a listed mixed-case acronym ("Graph-augmented RAG (GraphRAG)"); not another expansion of
        capitals ("State-Adaptive Memory (SAM)").

        >>> shipped().respelt("method", ["Convolution Block Attention Mechanism", "CBAM"])
        True
        >>> shipped().respelt("method", ["State-Adaptive Memory", "SAM"])
        False
        """
        longs = [f for f in forms if not is_acronym(f)]
        for f in (f for f in forms if is_acronym(f)):
            listed = self.spelt.get((space, space_key(space, f)), ())
            if listed and any(c.islower() for c in f):
                return True  # a mixed-case acronym is one method's name (GraphRAG), not a reusable string of capitals
            if any(_near(long, one) for one in listed for long in longs):
                return True
        return False

    def family(self, space: str, name: str) -> str | None:
        """The family a size variant belongs to, the variant's suffixes taken off (``Llama-3.1-8B-Instruct`` ->
        ``Llama-3.1``), if the name is one."""
        base = name
        while (shorter := _VARIANT.sub("", base).strip(" -")) != base and shorter:
            base = shorter
        return base if base != name and space == "method" else None

    def expansions(self, space: str, acronym: str) -> set[str]:
        """The long forms the gazetteer gives ``acronym`` (``PPO``: "Proximal Policy Optimization")."""
        return {f for n in self.entries_of(space, acronym) for f in self.long_forms[n]
                if space_key(space, f) != space_key(space, acronym)}


def _letters(text: str) -> str:
    """The letters and digits of ``text``, as written."""
    return "".join(c for c in text if c.isalnum())


def _words(text: str) -> list[str]:
    return [w[:4] for w in re.split(r"[\s\-/]+", text.lower()) if w and w not in ("of", "for", "and", "the", "a", "an")]


def _near(a: str, b: str) -> bool:
    """Two long forms at most one word apart (compared on their first four letters): one changed, or one
    added ("Graph-based Retrieval-Augmented Generation" / "Graph Retrieval Augmented Generation")."""
    wa, wb = _words(a), _words(b)
    if len(wa) < 2 or len(wb) < 2 or abs(len(wa) - len(wb)) > 1:
        return False
    if len(wa) == len(wb):
        return sum(x != y for x, y in zip(wa, wb)) <= 1
    longer, shorter = (wa, wb) if len(wa) > len(wb) else (wb, wa)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def read_cells(path: Path, as_written: list[tuple[str, str]] | None = None) -> list[tuple[str, list[str]]]:
    """``(key space, forms)`` of every cell of a gazetteer ``.txt`` file (``?`` context and ``!`` as-written marks
    dropped; ``(key space, form)`` of each ``!`` form is appended to ``as_written`` when given)."""
    space, cells = "data", []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = "" if raw.lstrip().startswith("#") else raw.split(" #", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            space = _SECTION_SPACE.get(line[1:-1].strip(), "")
        elif line and space:
            for cell in line.split("|"):
                forms = [" ".join(f.strip().lstrip("?!").split()) for f in cell.split("=")]
                if as_written is not None:
                    as_written += [(space, form) for raw, form in zip(cell.split("="), forms)
                                   if "!" in raw.strip()[:2] and form]
                if any(forms):
                    cells.append((space, [f for f in forms if f]))
    return cells


@lru_cache(maxsize=1)
def shipped() -> Known:
    """The gazetteers shipped in ``extractors/data`` (methods, datasets and benchmarks, tasks)."""
    from paperkg.extractors.gazetteer import DATA

    as_written: list[tuple[str, str]] = []
    return Known([cell for name in ("methods.txt", "datasets.txt", "tasks.txt")
                  if (DATA / name).exists() for cell in read_cells(DATA / name, as_written)],
                 read_cells(DATA / "prior_methods.txt") if (DATA / "prior_methods.txt").exists() else [],
                 as_written)
