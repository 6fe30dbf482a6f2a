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
from typing import Callable, Iterable

from paperkg.extractors.rules import Rule
from paperkg.graph.citations import older
from paperkg.graph.names import (CANONICAL_NAMES, SIZE_SUFFIX, clean_task, contains_other, id_key, is_acronym,
                                 is_acronym_of, is_fragment_of, is_name, same_expansion, space_key, spelling,
                                 spells_out)
from paperkg.graph.schema import Label

#: Extraction entity type -> key space.
TYPE_SPACE = {"method": "method", "dataset": "data", "benchmark": "data", "task": "task", "metric": "metric"}
#: Key space -> node id prefix.
SPACE_PREFIX = {"method": "method", "data": "data", "task": "task", "metric": "metric"}
_NUMBERS = re.compile(r"\d+")
_AVERAGED = re.compile(r"(?i)(?:macro|micro|weighted)\b|(?:macro|micro)(?=[A-Z0-9])")
_SEPARATED = re.compile(r"[A-Za-z][- ]\d")
_WORDS = re.compile(r"[^\s-]+")  # 'small-object recognition' has three, as 'small object recognition' has
SPACE_LABEL = {"method": Label.METHOD, "task": Label.TASK, "metric": Label.METRIC}
#: An alias this short ("S2" for Sentinel-2, "CC" for Common Crawl) is defined anew by paper after paper, each
#: meaning its own thing: it names its long form in the papers that write both, and draws no other paper's bare use;
#: one paper's private abbreviation of another's thing ("Swin Transformer (ST)") is not shown as a name of the node.
MAX_AMBIGUOUS_KEY = 2


@dataclass
class Occurrence:
    """One paper's entity, as the extraction line gives it."""

    paper: str                 # paper node id
    type: str                  # extraction type: method, dataset, benchmark, task, metric
    name: str                  # the primary (long) form in this paper
    forms: list[str]           # name then aliases, as the line wrote them
    gazetteer: str | None = None
    own: bool = False          # proposed (method) or introduced (dataset/benchmark) by this paper
    evaluated: bool = True     # data the paper evaluates on (False: it names it only as background)
    mentions: list[dict] = field(default_factory=list)
    split_name: str | None = None  # the name an overrides [[split]] gives it
    listed: bool = False       # the gazetteer id is the graph's (the name is listed), not the extractor's match
    apart: str | None = None   # a new thing's own spelling of a name others spell otherwise (``separate_homonyms``)
    withheld: bool = False     # a task phrase that makes no node, kept on its paper (``withheld_task``)
    _keys: tuple | None = field(default=None, repr=False, compare=False)  # (strong, alias) keys, cached

    def copy(self) -> "Occurrence":
        """A shallow copy, as ``copy.copy`` makes, five times faster (an addition copies every occurrence it reuses)."""
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new

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
        keys = [id_key(self.space, self.gazetteer)] if self.gazetteer else []  # ids are not plural-folded
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
            if spells_out(name, alias):
                return alias
    return name


def occurrence_name(forms: list[str], gazetteer: str | None) -> str:
    """The primary name of an occurrence with ``forms`` (the line's name first): the gazetteer's name as given,
    else the long form the name abbreviates."""
    return forms[0] if gazetteer else primary_name(forms[0], forms[1:])


#: Task rules that read a phrase from the words beside it only ('X tasks', 'for X', 'X methods').
_CONTEXT_RULES = frozenset({Rule.TASK_CONTEXT.value, Rule.TASK_SYSTEM.value})
#: Mention rules that only say a name was seen (a list matched it), not what the paper did with it.
_SEEN_RULES = ("gazetteer", "family", "corpus")


def _apart(space: str, a: str, b: str, known) -> bool:
    """Whether two forms one extraction entity lists name different things, whatever the extractor joined:

    - one is the other plus a variant mark, size, version or another word (``ScanNet++``/ScanNet,
      ``YOLOv8s``, "3D object detection"/"object detection", "Video Swin Transformer"/Swin), unless one
      gazetteer cell lists both;
    - a gazetteer's acronym and a long form that is not its expansion (``LoRA`` and "Low-Rank Adaptation
      Subtraction"), or not the expansion the gazetteer gives it (``SVD``: "Stable Video Diffusion" is not
      Singular Value Decomposition);
    - two tasks not written alike (tasks join only by their key or as acronym and expansion).
    """
    if space_key(space, a) == space_key(space, b) or known.same_entry(space, a, b):
        return False
    if space == "metric" and _same_listed_metric(a, b):
        return False  # "Top-1 Acc." is top-1 accuracy: the metric gazetteer lists both
    if space == "metric" and _listed_variants(a, b):
        return True  # "accuracy rate" is not top-1 accuracy
    if contains_other(space, a, b):  # Macro-F1 is not F1, BLEU-4 not BLEU; "top-1" is top-1 accuracy
        return True
    if space == "metric" and _unrelated_acronym(a, b):
        return True  # EX (execution accuracy) is not accuracy
    for short, long in ((a, b), (b, a)):
        if is_acronym(short) and not is_acronym(long) and (" " in long or "-" in long):
            expands = is_acronym_of(short, long, every_word=space == "task")
            if not expands and (known.is_known(space, short) or known.is_known(space, long)):
                return True  # 3DGUT is not "3D Gaussian Splatting", LoRA not "... Subtraction"
            return space == "task" and not expands
    if space != "metric" and _phrase(a) and _phrase(b):
        return not same_expansion(a, b)  # "Cloud Optical Thickness" is not "Chain-of-Thought"
    return space == "task"


def _same_listed_metric(a: str, b: str) -> bool:
    """Whether the metric gazetteer (``metrics.jsonl``) files both forms under one entry and one is the other with
    its words cut short ("Top-1 Acc." for top-1 accuracy). Anything more is a variant the graph keeps apart,
    whatever the file says: BLEU-4 is not BLEU, gFID not FID, inference latency not latency."""
    from paperkg.extractors.metrics import listed_metric

    if not _cut_short(a, b) or _NUMBERS.findall(a) != _NUMBERS.findall(b):
        return False
    found = listed_metric(a)
    return found is not None and found == listed_metric(b)


def _cut_short(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` have as many words, each word of one the start of the other's."""
    wa, wb = (re.split(r"[\s-]+", x.lower().replace(".", "").strip()) for x in (a, b))
    return len(wa) == len(wb) and all(x.startswith(y) or y.startswith(x) for x, y in zip(wa, wb))


def _listed_variants(a: str, b: str) -> bool:
    """Whether the metric gazetteer files the forms under two entries, one a k value or an averaged kind of the
    other (written with different numbers, or one led by macro/micro/weighted): its own metric, not the bare
    one the paper also wrote (top-1 accuracy is not "accuracy rate", macro-F1 not "F1 score")."""
    from paperkg.extractors.metrics import listed_metric

    if _NUMBERS.findall(a) == _NUMBERS.findall(b) and not (_AVERAGED.match(a) or _AVERAGED.match(b)):
        return False
    one, other = listed_metric(a), listed_metric(b)
    return one is not None and other is not None and one != other


def _unrelated_acronym(a: str, b: str) -> bool:
    """An acronym against a one-word metric name that neither starts the word (``ACC``/accuracy) nor is listed
    with it (``PPL``/perplexity): ``EX`` and a paper's private ``AR`` are not accuracy, letters inside one word
    say nothing of what an acronym abbreviates."""
    from paperkg.extractors.metrics import listed_metric

    for short, long in ((a, b), (b, a)):
        if is_acronym(short) and not is_acronym(long) and " " not in long.strip() and "-" not in long:
            letters = "".join(c.lower() for c in short if c.isalpha())
            listed = listed_metric(long)
            if not (letters and long.lower().startswith(letters) or listed and listed_metric(short) == listed):
                return True
    return False


def separate_expansions(occurrences: list[Occurrence], known) -> None:
    """Different expansions of one gazetteer acronym name different things ("Segment Anything Model (SAM)",
    "Sharpness-Aware Minimization (SAM)"). The expansion the gazetteer gives keeps the gazetteer's node; with
    none given, a method's expansion two thirds of the spelling-out papers agree on keeps it, and a data set
    named by its acronym alone (GQA) keeps none ("Grouped-Query Attention (GQA)" is not the VQA data). A paper
    that spells out another expansion loses the gazetteer id and is keyed by its own long form (its acronym
    stays a weak alias). Spellings of one expansion ("Low-Rank Adaptation", "Low-Rank Adapters") are one
    (``same_expansion``)."""
    found: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    acronyms: dict[tuple[str, str], str] = {}
    for i, occ in enumerate(occurrences):
        if not occ.gazetteer or occ.split_name:
            continue
        key = (occ.space, id_key(occ.space, occ.gazetteer))
        listed = known.form_of(occ.space, occ.gazetteer) or occ.gazetteer
        acronym = next((f for f in occ.forms if is_acronym(f) and (id_key(occ.space, f) == key[1]
                                                                   or known.same_entry(occ.space, f, listed))), None)
        longs = [f for f in occ.forms if acronym and is_acronym_of(acronym, f)]
        if longs:
            found[key].append((i, longs[0]))
            acronyms[key] = acronym
    for (space, gkey), items in found.items():
        for i, long in items:  # one paper, one meaning: another expansion it also wrote is not an alias
            occ = occurrences[i]
            occ.forms = [f for f in occ.forms if f == long or not (is_acronym_of(acronyms[(space, gkey)], f)
                                                                   and not same_expansion(f, long))]
            occ._keys = None
        clusters: list[tuple[str, list[int]]] = []
        for i, long in items:
            home = next((c for c in clusters if same_expansion(c[0], long)), None)
            if home is None:
                clusters.append((long, [i]))
            else:
                home[1].append(i)
        listed = known.expansions(space, acronyms[(space, gkey)])
        papers = [len({occurrences[i].paper for i in c[1]}) for c in clusters]
        if listed:  # the gazetteer says what it stands for
            main = next((c for c in clusters if any(same_expansion(c[0], e) for e in listed)), None)
        elif space == "data":  # a data set the gazetteer names by its acronym alone: a spelt-out one is another
            main = None
        else:  # a method's expansion most papers agree on (two thirds of those that spell one out)
            n = max(range(len(clusters)), key=lambda k: (papers[k], clusters[k][0]))
            main = clusters[n] if 3 * papers[n] >= 2 * sum(papers) else None
        if main is not None and len(clusters) == 1:
            continue
        spelt = dict(items)
        for long, idx in clusters:
            for i in idx:
                occ = occurrences[i]
                if main is not None and long is main[0]:
                    continue
                own = spelt[i]  # as this paper wrote it: the cluster's first spelling depends on the papers read
                occ.gazetteer = None
                occ.forms = [own, *(f for f in occ.forms if f != own)]
                occ.name = own


def separate_homonyms(occurrences: list[Occurrence], known, date_of: Callable[[str], str | None]) -> None:
    """A paper that introduces a data set under a spelling its name never had before, in the gazetteers or in
    older papers, made another thing with a like name (MTBench for motion transfer after MT-Bench, A-MBER after
    AMBER): its occurrence is keyed apart (``apart``: its spelling) and loses the gazetteer id, while papers
    that only use a name join its older spelling as before. A listed name had the spellings its gazetteer cell
    gives: older papers writing it otherwise (CVBench for CV-Bench) were using the listed thing, and a paper
    that then makes a CVBench made another one. Spellings differ in whether a name's parts are
    written apart or together (``spelling``); a paper that also writes an older spelling means the older thing,
    and later papers introducing the new spelling join the first one."""
    spellings: dict[str, list[tuple[str | None, str]]] = defaultdict(list)  # key -> (date, spelling) of every form
    claims: dict[str, list[int]] = defaultdict(list)
    for i, occ in enumerate(occurrences):
        occ.apart = None
        if occ.space != "data" or occ.split_name:
            continue
        date = date_of(occ.paper)
        if not (occ.gazetteer or known.is_known("data", occ.name)):  # a listed name's are the gazetteer's
            for form in occ.forms:
                spellings[space_key("data", form)].append((date, spelling("data", form)))
        if occ.own:
            claims[space_key("data", occ.name)].append(i)
    for key, idx in claims.items():
        listed = {spelling("data", f) for f in known.forms_of("data", occurrences[idx[0]].name)}
        new: dict[str, str | None] = {}  # a claimed spelling -> the first date it was claimed
        for i in idx:
            written, date = spelling("data", occurrences[i].name), date_of(occurrences[i].paper)
            if written not in new or new[written] is None or older(date, new[written]):
                new[written] = date
        for written, first in new.items():
            before = listed | {s for d, s in spellings[key] if older(d, first)}
            if not before or written in before:
                continue
            for i in idx:
                occ = occurrences[i]
                if spelling("data", occ.name) == written and not any(spelling("data", f) in before for f in occ.forms):
                    occ.apart, occ.gazetteer, occ.listed = written, None, False


def separate_casings(occurrences: list[Occurrence], known) -> None:
    """A name whose identity is its casing (``!`` in a gazetteer: LoRA, ComplEx) written in another casing by a
    paper that never writes it as listed is another thing ("LoRa" radios): its occurrences are keyed apart, by
    their own spelling, without the id the graph found listed for it. Run after ``separate_homonyms``, which
    resets ``apart``."""
    for occ in occurrences:
        if occ.apart is None and (occ.listed or not occ.gazetteer) and not occ.split_name \
                and known.other_casing(occ.space, occ.name) \
                and not any(f != occ.name and not known.other_casing(occ.space, f)
                            and space_key(occ.space, f) == space_key(occ.space, occ.name) for f in occ.forms):
            occ.apart, occ.gazetteer, occ.listed = occ.name, None, False


def retype(space: str, name: str, known) -> str | None:
    """The extraction type a name has when a gazetteer files it under another kind and not under this one: a
    listed task found as data or as a method ("visual place recognition" as a dataset), a listed model (or a
    size of one: ``Qwen2.5-VL-7B``) found as data, a listed method found as a task. ``None``: keep the type."""
    if known.is_known(space, name):
        return None
    if space in ("data", "method") and known.is_known("task", name):
        return "task"
    if space == "task" and known.is_known("method", name):
        return "method"  # 'retrieval-augmented generation' ends in a task word but is a listed method
    if space == "data" and (known.is_known("method", name) or known.is_known("method", SIZE_SUFFIX.sub("", name))):
        return "method"
    return None


def named_as_data(entities: list[dict], known) -> list[dict]:
    """A paper's entities without the unlisted methods that the same paper names as a dataset or benchmark: a
    name is one thing in one paper, and "STARE, a benchmark designed to ..." says which (data patterns are
    the stronger evidence; a listed model stays a method)."""
    def forms(e):
        return [e.get("name") or "", *e.get("aliases", ())]

    data = {space_key("data", f) for e in entities if e.get("type") in ("dataset", "benchmark") for f in forms(e)}
    return [e for e in entities if e.get("type") != "method" or known.is_known("method", e.get("name") or "")
            or not any(space_key("data", f) in data for f in forms(e) if f)]


def split_entity(space: str, entity: dict, known) -> list[dict]:
    """The things one extraction entity names, as ``{"forms", "mentions", "gazetteer", "own"}`` parts.

    Forms that are not names (``BERT-``, ``100``, a clause) are dropped; a task loses leading determiners and
    numbers ("five video question answering"); forms that name different things (``_apart``) become parts
    of their own, each with its mentions (by the text written); the gazetteer id goes to the first part
    that names it ("F1 score" split from "macro F1 score" is not macro-F1). A part written nowhere in the
    paper while another is (the gazetteer's ``ScanNet`` for a paper that wrote only ``ScanNet++``) is left
    out. No parts: nothing in it names an entity.

    >>> from paperkg.graph.known import shipped
    >>> [p["forms"] for p in split_entity("data", {"name": "ScanNet", "aliases": ["ScanNet++"], "gazetteer":
    ...     "scannet", "mentions": [{"text": "ScanNet++"}]}, shipped())]
    [['ScanNet++']]
    """
    forms = [entity["name"], *entity.get("aliases", ())]
    if space == "task":
        forms = [clean_task(f) for f in forms]
    forms = list(dict.fromkeys(f for f in forms if f and is_name(f)))
    if space == "metric" and forms:   # "classification" is a piece of "classification accuracy", not its name
        forms = [forms[0], *(f for f in forms[1:] if not is_fragment_of(f, forms[0]))]
    folded = _folded_only(space, entity)
    if folded:
        forms = [*forms[:1], *(f for f in forms[1:] if space_key(space, f) not in folded)]
    if not forms:
        return []
    gazetteer = entity.get("gazetteer") or None
    clusters: list[list[str]] = []
    if gazetteer:  # the gazetteer's own form leads its cluster
        lead = [f for f in forms if id_key(space, f) == id_key(space, gazetteer)]
        forms = lead + [f for f in forms if f not in lead]
    mentions = list(entity.get("mentions") or [])
    written = {space_key(space, m.get("text") or "") for m in mentions}
    for form in forms:
        homes = [c for c in clusters if not any(_apart(space, form, other, known) for other in c)]
        # an acronym goes with the expansion the paper wrote ("Cloud Optical Thickness (COT)")
        spelt = [c for c in homes if is_acronym(form) and any(is_acronym_of(form, o) and space_key(space, o)
                                                                in written for o in c)]
        home = (spelt or homes or [None])[0]
        if home is None:
            clusters.append([form])
        else:
            home.append(form)
    own = bool(entity.get("proposed") or entity.get("introduced"))
    if len(clusters) == 1:
        return [{"forms": forms, "mentions": mentions, "own": own,
                 "gazetteer": gazetteer if _names_entry(space, gazetteer, forms, known) else None}]
    keyed = [{space_key(space, f) for f in c} for c in clusters]
    found: list[list[dict]] = [[] for _ in clusters]
    for m in mentions:
        text = m.get("text") or ""
        if space == "task":
            text = clean_task(text)
        key = space_key(space, text)
        n = next((i for i, keys in enumerate(keyed) if key in keys), None)
        if n is None:
            n = next((i for i, c in enumerate(clusters) if not any(_apart(space, text, f, known) for f in c)), 0)
        found[n].append(m)
    written = [i for i, ms in enumerate(found) if ms]
    kept = written if written else list(range(len(clusters)))
    claimed = [i for i in kept if any(not str(m.get("rule", "")).startswith(_SEEN_RULES) for m in found[i])]
    named = next((i for i in kept if _names_entry(space, gazetteer, clusters[i], known)), None)
    return [{"forms": clusters[i], "mentions": found[i], "gazetteer": gazetteer if i == named else None,
             "own": own and (i in claimed or not claimed)} for i in kept]


def _folded_only(space: str, entity: dict) -> set[str]:
    """Keys of the words the paper wrote only for a more specific name ("accuracy" for its "overall accuracy"):
    the paper's own shorthand, which would make every paper's bare word a name of the shared node."""
    mentions = entity.get("mentions") or ()
    if not any(m.get("folded") for m in mentions):
        return set()
    return ({space_key(space, m.get("text") or "") for m in mentions if m.get("folded")}
            - {space_key(space, m.get("text") or "") for m in mentions if not m.get("folded")})


def _names_entry(space: str, gazetteer: str | None, forms: list[str], known) -> bool:
    """Whether the extractor's gazetteer id names these forms, not a variant the extractor's merge of
    spellings swallowed (``ViTs`` matched ViT-S's entry, ``ScanNet++`` ScanNet's)."""
    if not gazetteer:
        return False
    listed = known.form_of(space, gazetteer) or gazetteer
    longs = [f for f in forms if not is_acronym(f)]  # a long form says what an acronym meant here
    return any(not _apart(space, f, listed, known) for f in longs or forms)


def merge_within_papers(occs: list[Occurrence], originals: list) -> tuple[list[Occurrence], list[list]]:
    """One occurrence per thing a paper names: a paper's entities that share a key ("KAN" and
    "Kolmogorov-Arnold Networks (KANs)") are merged before resolving across papers, exactly as they will share
    one edge, so the lines read back from the graph resolve the same way. ``originals`` follow the merges."""
    out: list[Occurrence | None] = []
    groups: list[list] = []
    index: dict[tuple[str, str, str], int] = {}
    for occ, original in zip(occs, originals):
        keys = {(occ.paper, occ.space, k) for k in (*occ.strong_keys(), *occ.alias_keys())}
        # two long forms sharing only an acronym are two things (one paper's two "DELTA"s)
        hits = sorted({index[k] for k in keys if k in index and not _two_expansions(occ, out[index[k]])})
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


def _phrase(text: str) -> bool:
    """A long form of two or more words (``Chain-of-Thought``; not ``SAM 2`` nor ``Qwen2.5-VL``)."""
    return not is_acronym(text) and sum(w.isalpha() and len(w) > 2 for w in re.split(r"[\s\-]+", text)) >= 2


def _two_expansions(a: Occurrence, b: Occurrence) -> bool:
    names = (a.key_name, b.key_name)
    return (all(_phrase(n) for n in names) and not same_expansion(*names)
            and not set(a.strong_keys()) & set(b.strong_keys()))


def _absorb(into: Occurrence, other: Occurrence) -> None:
    if other.gazetteer and (not into.gazetteer or into.listed and not other.listed):
        into.gazetteer, into.listed = other.gazetteer, other.listed
        into.forms = list(dict.fromkeys([*other.forms, *into.forms]))  # the gazetteer's name leads
    else:
        into.forms = list(dict.fromkeys([*into.forms, *other.forms]))
    into.name = occurrence_name(into.forms, into.gazetteer)
    into._keys = None
    if other.type == "benchmark":
        into.type = "benchmark"  # called both in one paper: a benchmark
    into.own = into.own or other.own
    into.evaluated = into.evaluated or other.evaluated
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
    split_tag = [(overrides.split_tag(o) if overrides is not None else None) or o.apart for o in occurrences]

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
            # an acronym claims only the long form it abbreviates ("LoRA" is not "Low-Rank Adaptation Subtraction")
            keys = occ.alias_keys() - {space_key(occ.space, f) for f in occ.forms
                                       if is_acronym(f) and f != occ.name and not spells_out(f, occ.name)}
            for key in keys:
                if len(key) > MAX_AMBIGUOUS_KEY:
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
        occs = [occurrences[i] for i in idx]
        if withheld_task(occs, overrides):
            for occ in occs:
                occ.withheld = True
            continue
        entity = _make_entity(group, occs, group in ambiguous, overrides)
        if entity.id in used_ids:  # a split part, or another thing written alike (an ambiguous acronym)
            entity.id = _other_id(entity, used_ids)
        used_ids.add(entity.id)
        entity.occurrences = idx
        for i in idx:
            entity_of[i] = entity.id
        entities.append(entity)
    return entities, entity_of


def withheld_task(occs: list[Occurrence], overrides=None) -> bool:
    """Whether a group of occurrences is a task phrase that makes no Task node and stays on its papers
    (``task_phrases``): no list names it, no curation touches it, and only one paper writes it, or every paper
    writes its two words (a hyphen parts words too) only beside a task word ("for KV retrieval", "gains in text
    alignment"). Every occurrence is asked alike, so the answer does not depend on the order papers are read in.

    Read in the 75k arXiv graph, 28% of the phrases one paper alone wrote were no task ("employed model
    compression"), against 12% of those more papers wrote; of the two-word phrases read only from their context,
    more than half were a step of a method, against 1 in 29 longer ones.
    """
    first = occs[0]
    if first.space != "task" or any(o.gazetteer or o.split_name or o.apart for o in occs):
        return False
    if overrides is not None and overrides.curates("task", {k for o in occs for k in (*o.strong_keys(),
                                                                                       *o.alias_keys())}):
        return False
    if all(o.paper == first.paper for o in occs):
        return True
    rules = {str(m.get("rule")) for o in occs for m in o.mentions}
    return all(len(_WORDS.findall(o.name)) == 2 for o in occs) and bool(rules) and rules <= _CONTEXT_RULES


def _other_id(entity: Entity, used: set[str]) -> str:
    """An id for an entity whose name's id is taken: from its long forms if one is free
    (``method:branchandprice`` for "B&P"), else the name's id with ``-2``, ``-3``..."""
    prefix, _, key = entity.id.partition(":")
    for alias in sorted(entity.aliases, key=lambda a: (is_acronym(a), -len(a), a)):
        candidate = f"{prefix}:{id_key(prefix, alias)}"
        if not is_acronym(alias) and candidate not in used and candidate != f"{prefix}:":
            return candidate
    n = 2
    while f"{entity.id}-{n}" in used:
        n += 1
    return f"{entity.id}-{n}"


def _per_paper(occs: Iterable[Occurrence], all_forms: bool = False) -> Counter:
    """How many papers wrote each name (each form once per paper, so a paper's repeats do not outvote others)."""
    forms: dict[str, set[str]] = defaultdict(set)
    for o in occs:
        if o.split_name:
            forms[o.paper].add(o.split_name)
        else:
            forms[o.paper].update([o.name, *o.forms] if all_forms else [o.name])
    return Counter(f for names in forms.values() for f in names)


def _names_another_entry(space: str, form: str, name: str) -> bool:
    """Whether the gazetteer files the acronym ``form`` under another task than ``name`` (``VQA`` is visual question
    answering, whatever one paper's "video question answering (VQA)" says), or a metric's ``form`` under another
    metric or a model (``CLIP`` is no CLIP score), or writes a name whose identity is its casing otherwise ("Low-Rank
    Adaptation (LoRa)": the paper means LoRA, but "LoRa" is the radio's name): not an alias to show or look up."""
    from paperkg.extractors.metrics import listed_metric
    from paperkg.graph.known import shipped

    known = shipped()
    if space_key(space, form) == space_key(space, name) and known.other_casing(space, form) \
            and not known.other_casing(space, name):
        return True
    if space == "metric":
        listed = listed_metric(form)
        return listed is not None and listed != listed_metric(name) and is_acronym(form) or (
            listed is None and known.is_known("method", form))
    return space == "task" and is_acronym(form) and known.is_known(space, form) and known.is_known(space, name) \
        and not known.same_entry(space, form, name)


def _make_entity(group: str, occs: list[Occurrence], ambiguous: bool, overrides) -> Entity:
    space = occs[0].space
    gazetteer = [o for o in occs if o.gazetteer]
    if gazetteer:
        gaz_counts = Counter(id_key(space, o.gazetteer) for o in gazetteer)
        key = min(gaz_counts, key=lambda k: (-gaz_counts[k], k))
        chosen = [o for o in gazetteer if id_key(space, o.gazetteer) == key]
        matched = [o for o in chosen if not o.listed]  # the extractor's matches name it as the gazetteer does
        names = _per_paper(matched) if matched else Counter(o.gazetteer for o in chosen)
        name = min(names, key=lambda n: (-names[n], n))
        written = next(o.gazetteer for o in gazetteer if id_key(space, o.gazetteer) == key)
    else:
        counts = _per_paper(occs, all_forms=True)
        short = {n for n in counts if is_acronym(n) and any(spells_out(n, m) for m in counts if m != n)}
        # the long form over its acronym; then the form most papers wrote; then one with capitals (CIFAR-10
        # over cifar-10), one that separates letters from digits (CIFAR-10 over CIFAR10), the longest
        # (ImageNet-1K over ImageNet, top-1 accuracy over top-1)
        target = overrides.merge_target(space, {k for o in occs for k in o.strong_keys()}) if overrides else None
        preferred = [n for n in counts if space_key(space, n) == target] or list(counts)  # [[merge]]: the first
        name = min(preferred, key=lambda n: (n in short, -counts[n], n == n.lower(), not _SEPARATED.search(n),
                                             -len(n), n))
        key, written = space_key(space, name), name
    name = CANONICAL_NAMES.get(space, {}).get(key, name)  # bare "ImageNet" is named ImageNet-1K
    if gazetteer:
        from paperkg.graph.known import shipped

        if shipped().other_casing(space, name):  # "Low-Rank Adaptation (LoRa)" is LoRA, and named so
            name = shipped().form_of(space, written) or name
    if space == "data":
        # one vote per paper (those the gazetteer matched in, if any); a paper that calls it a benchmark
        # anywhere votes benchmark, as its edge's `as` says
        matched = [o for o in gazetteer if not o.listed]
        voters = {o.paper for o in matched} if matched else None
        votes: dict[str, str] = {}
        for o in occs:
            if (voters is None or o.paper in voters) and votes.get(o.paper) != "benchmark":
                votes[o.paper] = o.type
        typed = Counter(votes.values())
        label = Label.BENCHMARK if typed["benchmark"] >= typed["dataset"] else Label.DATASET
    else:
        label = SPACE_LABEL[space]
    writers = Counter(key for _paper, key in {(o.paper, space_key(space, f)) for o in occs for f in o.forms})
    coined = {space_key(space, f) for o in occs if o.own for f in o.forms}  # the maker's own acronym (GW)
    forms = {f for o in occs for f in o.forms if not _names_another_entry(space, f, name)
             and (len(k := space_key(space, f)) > MAX_AMBIGUOUS_KEY or writers[k] > 1 or k in coined)}
    forms |= {o.key_name for o in occs if not _names_another_entry(space, o.key_name, name)}
    surface = {m.get("text") for o in occs for m in o.mentions if m.get("text")}
    if overrides is not None:
        name = overrides.renamed(f"{SPACE_PREFIX[space]}:{key}", name)
    return Entity(
        id=f"{SPACE_PREFIX[space]}:{id_key(space, written)}",  # as written: data:cityscapes, not its plural-blind key
        label=label,
        name=name,
        aliases=sorted(forms - {name}),
        surface_forms=sorted(surface),
        papers=sorted({o.paper for o in occs}),
        ambiguous=ambiguous,
    )
