"""Entity resolution: one node per real-world entity, however each abstract spells it.

Every entity an extraction line lists is an ``Occurrence`` (one paper's view of it); a paper's entities that
share a key are merged first (``merge_within_papers``). Occurrences are then grouped in two stages,
separately per key space (``method``, ``data`` = datasets and benchmarks, ``task``, ``metric``):

1. **Strong keys** join unconditionally: the gazetteer id when the line gives one, and the key of the
   paper's primary name (``name_key``: ``CIFAR10`` = ``CIFAR-10`` = ``cifar-10``; ``EQUIVALENT_KEYS``:
   bare ``ImageNet`` = ``ImageNet-1K``). Digits are kept, so ResNet-50/ResNet-101, CIFAR-10/CIFAR-100 and
   ImageNet-1K/ImageNet-21K never share a key.
2. **Aliases are weak**: an alias (an acronym defined in an abstract such as "Federated Orthogonal
   Training (FOT)", or another spelling) only *claims* its key. A group without a gazetteer id whose keys
   are claimed by exactly one other group joins it ("FOT" written bare in another abstract joins the long
   form). When two or more groups claim the key (two papers define different "DELTA"s) the bare group
   stays its own node, marked ``ambiguous``, and the long forms stay apart.

A group's canonical name is the gazetteer's name when any occurrence has one, else its most frequent
long (non-acronym) form. Dataset vs Benchmark: one node; label by the gazetteer occurrences' type, else by
majority (ties go to Benchmark); each paper's own usage stays on its edge (``as``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from paperkg.graph.names import CANONICAL_NAMES, is_acronym, is_acronym_of, space_key
from paperkg.graph.schema import Label

#: Extraction entity type -> key space.
TYPE_SPACE = {"method": "method", "dataset": "data", "benchmark": "data", "task": "task", "metric": "metric"}
#: Key space -> node id prefix.
SPACE_PREFIX = {"method": "method", "data": "data", "task": "task", "metric": "metric"}
_SEPARATED = re.compile(r"[A-Za-z][- ]\d")
SPACE_LABEL = {"method": Label.METHOD, "task": Label.TASK, "metric": Label.METRIC}


@dataclass
class Occurrence:
    """One paper's entity, as the extraction line gives it."""

    paper: str                 # paper node id
    type: str                  # extraction type: method, dataset, benchmark, task, metric
    name: str                  # the primary (long) form in this paper
    forms: list[str]           # name then aliases, as the line wrote them
    gazetteer: str | None = None
    own: bool = False          # proposed (method) or introduced (dataset/benchmark) by this paper
    mentions: list[dict] = field(default_factory=list)
    split_name: str | None = None  # the name an overrides [[split]] gives it
    _keys: tuple | None = field(default=None, repr=False, compare=False)  # (strong, alias) keys, cached

    @property
    def key_name(self) -> str:
        return self.split_name or self.name

    @property
    def space(self) -> str:
        return TYPE_SPACE[self.type]

    def strong_keys(self) -> list[str]:
        if self._keys is None:
            self._keys = (self._strong_keys(), None)
        return self._keys[0]

    def _strong_keys(self) -> list[str]:
        if self.split_name:
            return [space_key(self.space, self.split_name)]
        keys = [space_key(self.space, self.gazetteer)] if self.gazetteer else []
        keys.append(space_key(self.space, self.name))
        return [k for k in keys if k]

    def alias_keys(self) -> set[str]:
        strong = self.strong_keys()
        if self._keys[1] is None:
            self._keys = (strong, {k for k in (space_key(self.space, f) for f in self.forms) if k and k not in strong})
        return self._keys[1]


def primary_name(name: str, aliases: Iterable[str]) -> str:
    """The long form when the line's name is the acronym of one of its aliases (``ViT`` -> ``Vision Transformer``)."""
    if is_acronym(name):
        for alias in aliases:
            if is_acronym_of(name, alias):
                return alias
    return name


def occurrence_name(forms: list[str], gazetteer: str | None) -> str:
    """The primary name of an occurrence with ``forms`` (the line's name first): the gazetteer's name as given,
    else the long form the name abbreviates."""
    return forms[0] if gazetteer else primary_name(forms[0], forms[1:])


def merge_within_papers(occs: list[Occurrence], originals: list) -> tuple[list[Occurrence], list[list]]:
    """One occurrence per thing a paper names: a paper's entities that share a key ("KAN" and
    "Kolmogorov-Arnold Networks (KANs)") are merged before resolving across papers, exactly as they will share
    one edge, so the lines read back from the graph resolve the same way. ``originals`` follow the merges."""
    out: list[Occurrence | None] = []
    groups: list[list] = []
    index: dict[tuple[str, str, str], int] = {}
    for occ, original in zip(occs, originals):
        keys = {(occ.paper, occ.space, k) for k in (*occ.strong_keys(), *occ.alias_keys())}
        hits = sorted({index[k] for k in keys if k in index})
        if not hits:
            target = len(out)
            out.append(occ)
            groups.append([original])
        else:
            target = hits[0]
            _absorb(out[target], occ)
            groups[target].append(original)
            for other in hits[1:]:  # the new occurrence joins two earlier ones
                _absorb(out[target], out[other])
                groups[target] += groups[other]
                out[other] = None
                keys |= {k for k, i in index.items() if i == other}
        merged = out[target]
        keys |= {(merged.paper, merged.space, k) for k in (*merged.strong_keys(), *merged.alias_keys())}
        for key in keys:
            index[key] = target
    kept = [i for i, o in enumerate(out) if o is not None]
    return [out[i] for i in kept], [groups[i] for i in kept]


def _absorb(into: Occurrence, other: Occurrence) -> None:
    if other.gazetteer and not into.gazetteer:
        into.gazetteer = other.gazetteer
        into.forms = list(dict.fromkeys([*other.forms, *into.forms]))  # the gazetteer's name leads
    else:
        into.forms = list(dict.fromkeys([*into.forms, *other.forms]))
    into.name = occurrence_name(into.forms, into.gazetteer)
    into._keys = None
    if other.type == "benchmark":
        into.type = "benchmark"  # called both in one paper: a benchmark
    into.own = into.own or other.own
    into.mentions = [*into.mentions, *other.mentions]


@dataclass
class Entity:
    """A resolved entity: a future node."""

    id: str
    label: Label
    name: str
    aliases: list[str]
    surface_forms: list[str]
    papers: list[str]
    ambiguous: bool = False
    occurrences: list[int] = field(default_factory=list)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent == item:
            return item
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Keep the smaller key as root so the result does not depend on input order.
            ra, rb = sorted((ra, rb))
            self.parent[rb] = ra
        return ra


def resolve(occurrences: list[Occurrence], overrides=None) -> tuple[list[Entity], list[str | None]]:
    """Group ``occurrences`` into entities; returns the entities and each occurrence's entity id.

    ``overrides`` (``paperkg.graph.overrides.Overrides``) merges, splits, renames and blocks; a blocked
    occurrence maps to ``None``.
    """
    uf = _UnionFind()
    blocked = [overrides is not None and overrides.blocks(o) for o in occurrences]
    split_tag = [overrides.split_tag(o) if overrides is not None else None for o in occurrences]

    def qual(space: str, key: str, tag: str | None = None) -> str:
        return f"{space}\t{key}" + (f"\t{tag}" if tag else "")

    # Stage 1: strong keys.
    roots: list[str] = []
    for i, occ in enumerate(occurrences):
        if blocked[i]:
            roots.append("")
            continue
        keys = [qual(occ.space, k, split_tag[i]) for k in occ.strong_keys()]
        if not keys:  # a name of punctuation only: nothing to key it by
            blocked[i] = True
            roots.append("")
            continue
        first = keys[0]
        for key in keys[1:]:
            uf.union(first, key)
        roots.append(first)
    if overrides is not None:
        for space, keys in overrides.merge_keys():
            for key in keys[1:]:
                uf.union(qual(space, keys[0]), qual(space, key))

    # Stage 2: weak aliases claim keys; unclaimed-by-gazetteer groups named by a claimed key join the one claimant.
    group_of = [uf.find(r) if r else "" for r in roots]
    has_gazetteer: set[str] = {group_of[i] for i, o in enumerate(occurrences) if o.gazetteer and group_of[i]}
    claims: dict[str, set[str]] = defaultdict(set)
    for i, occ in enumerate(occurrences):
        if group_of[i] and not split_tag[i]:
            for key in occ.alias_keys():
                claims[qual(occ.space, key)].add(group_of[i])
    members: dict[str, set[str]] = defaultdict(set)  # group -> its strong keys
    for key in list(uf.parent):
        members[uf.find(key)].add(key)
    ambiguous: set[str] = set()
    joins: list[tuple[str, str]] = []
    for group, keys in members.items():
        if group in has_gazetteer:
            continue
        claimants = set().union(*(claims.get(k, set()) for k in keys)) - {group}
        if len(claimants) == 1:
            joins.append((group, next(iter(claimants))))
        elif len(claimants) > 1:
            ambiguous.add(group)
    for group, claimant in joins:
        uf.union(group, claimant)
    ambiguous = {uf.find(g) for g in ambiguous}
    group_of = [uf.find(r) if r else "" for r in roots]

    # Build entities.
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(group_of):
        if group:
            by_group[group].append(i)
    entities: list[Entity] = []
    entity_of: list[str | None] = [None] * len(occurrences)
    used_ids: set[str] = set()
    for group in sorted(by_group):
        idx = by_group[group]
        entity = _make_entity(group, [occurrences[i] for i in idx], group in ambiguous, overrides)
        base, n = entity.id, 2
        while entity.id in used_ids:  # a split part, or two groups whose names share a key
            entity.id = f"{base}-{n}"
            n += 1
        used_ids.add(entity.id)
        entity.occurrences = idx
        for i in idx:
            entity_of[i] = entity.id
        entities.append(entity)
    return entities, entity_of


def _per_paper(occs: Iterable[Occurrence], all_forms: bool = False) -> Counter:
    """How many papers wrote each name (each form once per paper, so a paper's repeats do not outvote others)."""
    forms: dict[str, set[str]] = defaultdict(set)
    for o in occs:
        if o.split_name:
            forms[o.paper].add(o.split_name)
        else:
            forms[o.paper].update([o.name, *o.forms] if all_forms else [o.name])
    return Counter(f for names in forms.values() for f in names)


def _make_entity(group: str, occs: list[Occurrence], ambiguous: bool, overrides) -> Entity:
    space = occs[0].space
    gazetteer = [o for o in occs if o.gazetteer]
    if gazetteer:
        gaz_counts = Counter(space_key(space, o.gazetteer) for o in gazetteer)
        key = min(gaz_counts, key=lambda k: (-gaz_counts[k], k))
        names = _per_paper(o for o in gazetteer if space_key(space, o.gazetteer) == key)
        name = min(names, key=lambda n: (-names[n], n))
    else:
        counts = _per_paper(occs, all_forms=True)
        short = {n for n in counts if is_acronym(n) and any(is_acronym_of(n, m) for m in counts if m != n)}
        # the long form over its acronym; then the form most papers wrote; then one with capitals (CIFAR-10
        # over cifar-10), one that separates letters from digits (CIFAR-10 over CIFAR10), the longest
        # (ImageNet-1K over ImageNet, top-1 accuracy over top-1)
        target = overrides.merge_target(space, {k for o in occs for k in o.strong_keys()}) if overrides else None
        preferred = [n for n in counts if space_key(space, n) == target] or list(counts)  # [[merge]]: the first
        name = min(preferred, key=lambda n: (n in short, -counts[n], n == n.lower(), not _SEPARATED.search(n),
                                             -len(n), n))
        key = space_key(space, name)
    name = CANONICAL_NAMES.get(space, {}).get(key, name)  # bare "ImageNet" is named ImageNet-1K
    if space == "data":
        # one vote per paper (those the gazetteer matched in, if any); a paper that calls it a benchmark
        # anywhere votes benchmark, as its edge's `as` says
        voters = {o.paper for o in gazetteer} if gazetteer else None
        votes: dict[str, str] = {}
        for o in occs:
            if (voters is None or o.paper in voters) and votes.get(o.paper) != "benchmark":
                votes[o.paper] = o.type
        typed = Counter(votes.values())
        label = Label.BENCHMARK if typed["benchmark"] >= typed["dataset"] else Label.DATASET
    else:
        label = SPACE_LABEL[space]
    forms = {f for o in occs for f in o.forms} | {o.key_name for o in occs}
    surface = {m.get("text") for o in occs for m in o.mentions if m.get("text")}
    if overrides is not None:
        name = overrides.renamed(f"{SPACE_PREFIX[space]}:{key}", name)
    return Entity(
        id=f"{SPACE_PREFIX[space]}:{key}",
        label=label,
        name=name,
        aliases=sorted(forms - {name}),
        surface_forms=sorted(surface),
        papers=sorted({o.paper for o in occs}),
        ambiguous=ambiguous,
    )
