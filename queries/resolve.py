"""Turn what a user typed (a name, alias, paper title or node id) into one node id, or a helpful error.

Matching is the graph's own (``paperkg.graph.store.lookup_key``: case and punctuation ignored), so
``"cifar10"``, ``"CIFAR-10"`` and ``"Cifar 10"`` all find ``data:cifar10``. A name that is some node's
own name or title wins over one that is only another node's alias; two nodes still tied (two methods
sharing an acronym) is an error listing both ids, and an unknown name suggests the closest (difflib).
"""

from __future__ import annotations

import difflib
from typing import Iterable, NamedTuple

from paperkg.errors import PaperkgError
from paperkg.graph.names import name_key, space_key
from paperkg.graph.schema import ID_PREFIX, Label
from paperkg.graph.store import lookup_key
from paperkg.identity import reference_key


class Candidate(NamedTuple):
    """What resolution needs to know of a node."""

    id: str
    label: str
    name: str
    title: str
    aliases: tuple[str, ...]


def describe(labels: tuple[Label, ...] | None) -> str:
    if not labels:
        return "node"
    return " or ".join(dict.fromkeys(str(label).lower() for label in labels))


def id_guesses(text: str, labels: tuple[Label, ...] | None) -> list[str]:
    """Ids ``text`` may be written as: itself, a key under the labels' prefixes, or for a paper the key of
    an arXiv id, DOI or URL (``2501.00001``, ``https://doi.org/10.1000/x``).

    >>> id_guesses("arXiv:2501.00001v2", (Label.PAPER,))
    ['arXiv:2501.00001v2', 'paper:arXiv:2501.00001v2', 'paper:arxiv:2501.00001']
    >>> id_guesses("ImageNet", (Label.DATASET,))
    ['ImageNet', 'data:ImageNet', 'data:imagenet1k']
    """
    prefixes = dict.fromkeys(ID_PREFIX[label] for label in (labels or ()))
    guesses = [text] + [f"{prefix}:{text}" for prefix in prefixes if not text.startswith(prefix + ":")]
    # a name the graph always files under another key (bare "ImageNet" is ImageNet-1K: graph/names.py)
    for space in prefixes or dict.fromkeys(ID_PREFIX.values()):
        if space_key(space, text) != name_key(text):
            guesses.append(f"{space}:{space_key(space, text)}")
    if labels is None or Label.PAPER in labels:
        key = reference_key(text)
        if key:
            guesses.append(f"{ID_PREFIX[Label.PAPER]}:{key}")
    return list(dict.fromkeys(guesses))


def choose(text: str, matches: Iterable[Candidate], labels: tuple[Label, ...] | None, what: str) -> str:
    """The one id among ``matches`` (nodes whose name, title or alias has ``text``'s lookup key)."""
    matches = sorted(set(matches))
    key = lookup_key(text)
    own = [c for c in matches if key in (lookup_key(c.name), lookup_key(c.title))]
    if len(own) == 1 or (len(own) > 1 and len({c.id for c in own}) == 1):
        return own[0].id
    pool = own or matches
    if len(pool) == 1:
        return pool[0].id
    listed = ", ".join(f"{c.id} ({c.name})" for c in pool[:6])
    raise PaperkgError(f"{what} {text!r} is ambiguous: it names {listed}; give the id instead")


def unknown(text: str, names: Iterable[str], labels: tuple[Label, ...] | None) -> PaperkgError:
    """The error for a name no node has, with up to three close names: similar ones (difflib), else names
    that start with it or contain it (a paper's short name is the start of its title)."""
    by_key: dict[str, str] = {}
    for name in names:
        if name:
            by_key.setdefault(lookup_key(name) or name.lower(), name)
    key = lookup_key(text) or text.lower()
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
    if not close and len(key) >= 3:
        close = sorted((k for k in by_key if key in k), key=lambda k: (not k.startswith(key), len(k), k))[:3]
    hint = "; closest: " + ", ".join(repr(by_key[k]) for k in close) if close else ""
    return PaperkgError(f"no {describe(labels)} called {text!r} in the graph{hint}")


def candidate(node_id: str, attrs: dict) -> Candidate:
    return Candidate(
        node_id,
        attrs.get("label", ""),
        attrs.get("name") or "",
        attrs.get("title") or "",
        tuple(attrs.get("aliases") or ()),
    )
