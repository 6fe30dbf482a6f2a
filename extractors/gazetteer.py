"""Gazetteers: curated name lists (``extractors/data/*.txt``) and user lists, matched by one trie regex.

A gazetteer file lists entities separated by ``|``, each with its forms separated by ``=`` (the first
canonical); forms of one kind with the same letters and digits are merged (``CIFAR10`` = ``CIFAR-10``)::

    [dataset]
    ImageNet-1K = ILSVRC-2012 | CIFAR-10 | CIFAR-100
    ?Replica          # '?' marks a common English word: matched only with context
    !ComplEx          # '!' marks a name whose identity is its casing: matched only as written

A ``[section]`` line sets the kind (``dataset``, ``benchmark``, ``method``, ``task``) of the lines after it.
Forms with capitals only match text that has capitals too (``Transformer`` but not ``transformer``), and an
all-capital form only text in capitals (``LINE`` but not ``Line``). A form marked ``!`` is a name that is an
English word in another casing (``ComplEx`` "Complex", ``TuckER`` "Tucker", ``RoPE`` "Rope"): it matches only
exactly as written, so a sentence starting "Complex scenes ..." names no knowledge-graph embedding.

>>> gaz = Gazetteer.from_files([DATA / "datasets.txt"])
>>> [(m.entry.canonical, m.text) for m in gaz.finditer("We train on MS-COCO.")]
[('COCO', 'MS-COCO')]
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from paperkg.errors import InputError, PaperkgError
from .scan import ScanPattern, literal_heads

DATA = Path(__file__).parent / "data"
KINDS = ("dataset", "benchmark", "method", "task")


_NOT_KEY = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)  # called for every candidate name, mostly with words seen before
def norm(text: str) -> str:
    """Lower case, letters and digits only: the key two spellings of one name share."""
    return _NOT_KEY.sub("", text.lower())


def entry_id(name: str) -> str:
    """A readable id for a canonical name: ``ImageNet-1K`` -> ``imagenet-1k``."""
    return re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")


@dataclass
class Entry:
    id: str
    kind: str
    canonical: str
    forms: list[str]
    needs_context: set[str] = field(default_factory=set)  # forms that are also common words
    exact_case: set[str] = field(default_factory=set)     # forms matched only as written ('!' in a file)


@dataclass
class Match:
    entry: Entry
    start: int
    end: int
    text: str
    needs_context: bool


def trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation shaped as a trie, so matching costs ~ text length, not number of words."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def _space_flexible(form: str) -> str:
    return re.sub(r"\s+", " ", form.strip())


class Gazetteer:
    """Entries by kind, with one compiled regex over all forms (case-insensitive, capitals checked after)."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.by_form: dict[str, list[Entry]] = {}
        self.by_id: dict[str, Entry] = {}
        for entry in entries:
            self.by_id.setdefault(entry.id, entry)
            for form in entry.forms:
                self.by_form.setdefault(form.lower(), []).append(entry)
        forms = sorted(self.by_form)
        pattern = r"(?<![\w@/.-])(?:" + trie_pattern(forms) + r")(?![^\W\d_])"
        # matched on the lower-cased text (3x faster than IGNORECASE); IGNORECASE when lowering changes lengths
        self.regex = ScanPattern(pattern, heads=literal_heads(forms)) if forms else None
        self._regex_ci = None  # compiled at the first text whose lower-cased copy has other offsets

    @property
    def regex_ci(self) -> re.Pattern:
        if self._regex_ci is None:
            self._regex_ci = re.compile(self.regex.pattern, re.IGNORECASE)
        return self._regex_ci

    @classmethod
    def from_files(cls, paths: Iterable[Path | str]) -> "Gazetteer":
        entries: list[Entry] = []
        for path in paths:
            entries.extend(read_entries(Path(path)))
        return cls(entries)

    def finditer(self, text: str, kinds: Iterable[str] | None = None) -> Iterator[Match]:
        """Every gazetteer form in ``text`` (longest at each place), entries of ``kinds`` only."""
        if self.regex is None:
            return
        wanted = set(kinds) if kinds else None
        lower = text.lower()
        matches = self.regex.finditer(lower) if len(lower) == len(text) else self.regex_ci.finditer(text)
        for m in matches:
            surface = text[m.start():m.end()]
            fitting = []
            for entry in self.by_form.get(m.group(0).lower(), ()):
                if wanted and entry.kind not in wanted:
                    continue
                form = next((f for f in entry.forms if f.lower() == surface.lower()), entry.canonical)
                if _case_fits(form, surface) and (form not in entry.exact_case or surface == form):
                    fitting.append((form != surface, entry, form))   # a form written exactly so first
            if fitting:
                _inexact, entry, form = min(fitting, key=lambda f: f[0])
                yield Match(entry, m.start(), m.end(), surface, form in entry.needs_context)


def _case_fits(form: str, surface: str) -> bool:
    """'Transformer' does not match 'transformer'; an acronym ('MATH', 'DROP') matches only in capitals."""
    if form == surface or form == form.lower():
        return True
    if surface == surface.lower():
        return False
    letters = [c for c in form if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return all(c.isupper() for c in surface if c.isalpha())
    return True


def doc_matches(doc, gazetteer: "Gazetteer") -> list[Match]:
    """All gazetteer matches of a Doc's text, computed once per Doc and shared by the components."""
    cache = doc.user_data.get("paperkg_gazetteer")
    if cache is None or cache[0] is not gazetteer:
        from .extensions import doc_text

        cache = (gazetteer, list(gazetteer.finditer(doc_text(doc))))
        doc.user_data["paperkg_gazetteer"] = cache
    return cache[1]


def read_entries(path: Path) -> list[Entry]:
    """Entries of a gazetteer file: paperkg's ``.txt`` format, or a JSON Lines list (Papers with Code format)."""
    if not path.exists():
        raise PaperkgError(f"{path}: gazetteer file not found")
    if path.suffix in (".jsonl", ".json"):
        return read_jsonl(path)
    kind = "dataset"
    out: list[Entry] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = "" if raw.lstrip().startswith("#") else raw.split(" #", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                kind = line[1:-1].strip()
                if kind not in KINDS:
                    raise InputError(str(path), lineno, f"unknown gazetteer section [{kind}]")
                continue
            for item in line.split("|"):
                forms, context, exact = [], set(), set()
                for form in item.split("="):
                    form, marks = _marks(_space_flexible(form))
                    context.update([form] if "?" in marks else [])
                    exact.update([form] if "!" in marks else [])
                    if form:
                        forms.append(form)
                if forms:
                    out.append(Entry(entry_id(forms[0]), kind, forms[0], forms, context, exact))
    return merge_entries(out)


def _marks(form: str) -> tuple[str, str]:
    """A form without its leading marks, and the marks: ``'?!LINE'`` -> ``('LINE', '?!')``."""
    name = form.lstrip("?!").strip()
    return name, form[:len(form) - len(form.lstrip("?!"))]


def _merge_key(kind: str, form: str, exact_case: set[str] = frozenset()) -> tuple[str, str]:
    if form in exact_case:
        return kind, "!" + form  # 'TuckER' is not 'Tucker': a case-significant form merges only as written
    key = norm(form)
    if len(key) > 4 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]  # 'Transformers' and 'Transformer' are one entity
    return kind, key


def merge_entries(entries: list[Entry]) -> list[Entry]:
    """One entry per real thing: entries of one kind sharing a normalised form are merged (first wins)."""
    owner: dict[tuple[str, str], Entry] = {}
    out: list[Entry] = []
    for entry in entries:
        keys = (_merge_key(entry.kind, f, entry.exact_case) for f in entry.forms)
        target = next((owner[k] for k in keys if k in owner), None)
        if target is None:
            out.append(entry)
            target = entry
        else:
            target.forms.extend(f for f in entry.forms if f not in target.forms)
            target.needs_context |= entry.needs_context
            target.exact_case |= entry.exact_case
        for form in target.forms:
            owner.setdefault(_merge_key(target.kind, form, target.exact_case), target)
    return out


def read_jsonl(path: Path) -> list[Entry]:
    """A user's list as JSON Lines: ``{"name"|"id", "variants"?, "full_name"?, "type"?}`` per line."""
    out: list[Entry] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), lineno, f"not JSON: {exc.msg}") from None
            if not isinstance(row, dict):
                raise InputError(str(path), lineno, "expected a JSON object with a 'name' or 'id'")
            name = row.get("name") or row.get("id")
            if not isinstance(name, str) or not name.strip():
                raise InputError(str(path), lineno, "entry has no 'name' or 'id'")
            forms = [name.strip()]
            for extra in [row.get("full_name")] + list(row.get("variants") or []) + list(row.get("aliases") or []):
                if isinstance(extra, str) and extra.strip() and extra.strip() not in forms:
                    forms.append(_space_flexible(extra))
            kind = row.get("type") if row.get("type") in KINDS else "dataset"
            # a user list is wide: a form that is short, or a plain word, needs context
            context = {f for f in forms if len(f) <= 3 or (f.isalpha() and f[1:].islower())}
            out.append(Entry(entry_id(forms[0]), kind, forms[0], forms, context))
    return merge_entries(out)


_DEFAULT: Gazetteer | None = None


def default_files() -> list[Path]:
    return [DATA / "datasets.txt", DATA / "methods.txt", DATA / "tasks.txt"]


def load_gazetteer(extra: Iterable[str | Path] | str | Path | None = None) -> Gazetteer:
    """paperkg's own lists, plus the user's files ``extra`` (``--gazetteer FILE``)."""
    if isinstance(extra, (str, Path)):
        extra = [extra]
    paths = [p for p in default_files() if p.exists()] + [Path(p) for p in (extra or [])]
    return Gazetteer.from_files(paths)


# --- what a name looks like ----------------------------------------------------------------------

#: A plural acronym ("LLMs", "GNNs"): a class of models, neither a data name nor a task's modifier.
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
#: A word that may be a name: letters/digits, inner hyphens, dots between digits, trailing '+'.
WORD = r"[A-Za-z0-9\u0370-\u03ff][A-Za-z0-9\u0370-\u03ff]*(?:[-.][A-Za-z0-9\u0370-\u03ff]+)*\+*"

_NAMED = re.compile(
    r"[A-Z].*[A-Z]"            # two capitals: MobileMamba, GCR, SVFit, MHS-VM, Momentum-GS
    r"|[A-Z].*\d|\d.*[A-Z]"    # a capital and a digit: S4, T5, Llama3, 3DGS
    r"|^[a-z]+[A-Z]"           # lower start with an inner capital: iTransformer, wav2Vec
    r"|[\u0370-\u03ff]"        # a Greek letter: PixArt-α
)


def _read_words(path: Path) -> set[str]:
    words: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.lstrip().startswith("#"):
            continue
        words.update(w.strip() for w in raw.split("|") if w.strip())
    return words


def read_sections(path: Path) -> dict[str, frozenset[str]]:
    """``[section]`` -> its words, from a word-list file (``#`` comments, words separated by ``|``)."""
    sections: dict[str, set[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), set())
        elif line and current is not None:
            current.update(w.strip() for w in line.split("|") if w.strip())
    return {name: frozenset(words) for name, words in sections.items()}


NOT_NAMES = _read_words(DATA / "not_names.txt")
_NOT_NAMES_LOWER = {w.lower() for w in NOT_NAMES}


_NUMBERISH = re.compile(r"[\d.,]+[A-Za-z]{0,2}|[A-Z][a-z]+-\d+")
_NOT_NAME_SUFFIX = re.compile(r"-(?:family|based|style|like|type|aware|free|level|wise|only|specific|guided|driven)$")
_DIGIT = re.compile(r"\d")
_NAME_LETTER = re.compile(r"[A-Z][a-z]{2,}-[A-HJ-Z]\+*")


@lru_cache(maxsize=65536)
def looks_named(word: str) -> bool:
    """True for a word written like a proper name of a thing (``MobileMamba``, ``GCR``, ``S4``), not a
    generic acronym (``CNN``, ``LLMs``), unit or roman numeral."""
    if len(word) < 2 or word.lower() in _NOT_NAMES_LOWER or word.rstrip("s") in NOT_NAMES:
        return False
    if word.isdigit() or _NUMBERISH.fullmatch(word):
        return False  # 83.6, 7B, 4K; 'Figure-3'
    if _NOT_NAME_SUFFIX.search(word):
        return False  # 'CCA-family', 'Mamba-based'
    if _NAME_LETTER.fullmatch(word):
        return True  # 'Insight-V', 'Stage-B' (a name with a letter suffix)
    if "-" in word and not _DIGIT.search(word):
        # a compound of ordinary words ('Multi-Head', 'Local-to-Global') is not a name; 'MHS-VM', 'Fed-LT' are
        return any(len(part) > 1 and _NAMED.search(part) and part.lower() not in _NOT_NAMES_LOWER
                   for part in word.split("-"))
    return bool(_NAMED.search(word))


def used_as_name(word: str, text: str) -> bool:
    """A capitalised word that ``text`` uses again as written ('Fose: Fusion of ...' and then 'Fose ...'): a
    name, though not written like one."""
    return word[:1].isupper() and next(word_occurrences(text, word), None) is not None


def word_occurrences(text: str, form: str):
    """Start offsets of ``form`` as a whole word in ``text`` (str.find: no regex to compile per paper)."""
    start = text.find(form)
    while start >= 0:
        before = text[start - 1] if start else " "
        after = text[start + len(form)] if start + len(form) < len(text) else " "
        if not (before.isalnum() or before in "-_") and not (after.isalnum() or after == "_"):
            yield start
        start = text.find(form, start + 1)


_CACHE: dict[tuple[str, ...], Gazetteer] = {}


def cached_gazetteer(extra: Iterable[str] = ()) -> Gazetteer:
    """``load_gazetteer(extra)``, compiled once per process."""
    key = tuple(str(p) for p in extra)
    if key not in _CACHE:
        _CACHE[key] = load_gazetteer(list(key))
    return _CACHE[key]
