"""The corpus-level pass: names found with strong evidence in one paper are matched in every other paper.

Strong evidence: a proposal cue (a method the paper proposes), or a data pattern ("the X dataset", "X, a new
benchmark", a title naming its dataset). Gazetteer names need no spreading: every paper finds them itself.
A form spreads alone only when it is distinctive (``MobileMamba``, ``Momentum-GS``, a multi-word name); a
multi-word method name never spreads into a title (Title Case capitalises topics: "AI Agents", "Earth Observation")
nor into a longer capitalised name ("Natural Language Understanding" holds no method "Natural Language"); a
short or ambiguous acronym (``GCR``, 1-2 letters, one spelled with different long forms) is matched only in
papers that also contain its long form. Mentions added here have rule ``corpus``; the pass is idempotent:
earlier ``corpus*`` mentions are dropped first.

>>> lines = corpus_pass(list(extract(records)))
"""

from __future__ import annotations

import multiprocessing
import re
from functools import lru_cache
from collections import Counter, defaultdict
from itertools import compress
from operator import itemgetter

from .gazetteer import NOT_NAMES, looks_named, norm, trie_pattern
from .methods import generic, task_like
from .text import analysed_text
from .rules import Rule
from .scan import NOT_WORD_CHAR, occurrences, runs

STRONG_METHOD_RULES = {Rule.TITLE_COLON, Rule.TITLE_HEAD, Rule.TITLE_NAME, Rule.PROPOSAL, Rule.REPEAT, Rule.VARIANT, Rule.ABBREVIATION}
STRONG_DATA_RULES = {"data_noun", "appositive", "title_data", "shared_task", "coordinated", "data_list"}
PARALLEL_MIN = 5_000  # fewer lines than this are matched in this process
COMMON_SHARE, MIN_COMMON = 0.003, 10  # a name matched in more papers than this is too common to spread
#: A data name spreads only if at least this share of the papers that write it use it as data themselves
#: (a pattern: "the X dataset", "X, a benchmark"): 'Magnetic Resonance', 'Test-Time Scaling', 'GenAI' are
#: written in a hundred papers and called data in one.
MIN_DATA_SHARE = 0.2


def corpus_pass(lines: list[dict], n_process: int = 1, kept: dict | None = None) -> list[dict]:
    """Lines with ``corpus`` mentions recomputed (input order kept; the dicts are updated in place).

    ``kept``, a dict, is filled with what a later addition extends instead of passing over every line again
    (``kept_tables``)."""
    for line in lines:
        _drop_corpus_mentions(line)
    table = StrongTable.of(lines)
    names = table.names()
    texts, found = _matched(lines, names, n_process)
    # a "name" found in very many papers is a generic phrase some paper happened to propose: don't spread it
    papers_with = matched_in(found, names)
    if kept is not None:
        kept.update(kept_tables(table, papers_with))
    if not names:
        return lines
    limit = common_limit(len(lines))
    common = {name for name, count in papers_with.items() if count > limit}
    common |= _rarely_data(names, papers_with)
    for index, (line, matches) in enumerate(zip(lines, found)):
        text = texts[index] if texts is not None else None
        _add_mentions(line, [m for m in matches if names[m[2]]["name"] not in common], names, text)
    return lines


def corpus_tables(lines: list[dict], n_process: int = 1) -> dict[str, dict]:
    """What ``corpus_pass`` keeps (``kept``), of lines it has already passed over."""
    table = StrongTable.of(lines)
    names = table.names()
    return kept_tables(table, matched_in(_matched(lines, names, n_process)[1], names))


def kept_tables(table: "StrongTable", papers_with: Counter) -> dict[str, dict]:
    """The graph file's ``tables`` of a corpus pass: the strong-name table's rows, how many papers each name was
    matched in (``matched``), and the mark that the file keeps them (``kept``)."""
    return {**table.rows(), "matched": dict(papers_with), "kept": {"corpus_pass": 1}}


def matched_in(found: list[list[tuple[int, int, str]]], names: dict[str, dict]) -> Counter:
    """Name -> how many texts it was matched in (``found``: each text's matches)."""
    papers_with: Counter = Counter()
    for matches in found:
        papers_with.update({names[form]["name"] for _s, _e, form in matches})
    return papers_with


def _matched(lines: list[dict], names: dict[str, dict], n_process: int):
    """Each line's matches of ``names``, and the analysed texts when cleaned here (cleaning is a third of the
    pass; the worker processes clean their own)."""
    if not names:
        return None, [[] for _ in lines]
    matcher = CorpusMatcher(names)
    if n_process == 0:
        n_process = multiprocessing.cpu_count()
    if n_process > 1 and len(lines) >= PARALLEL_MIN and "fork" in multiprocessing.get_all_start_methods():
        global _MATCHER
        _MATCHER = matcher
        pairs = [(line.get("title") or "", line.get("abstract") or "") for line in lines]
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            return None, pool.map(_match_worker, pairs, chunksize=500)
    texts = [analysed_text(line.get("title") or "", line.get("abstract") or "") for line in lines]
    return texts, [matcher.find(text) for text in texts]


_MATCHER = None


def _rarely_data(names: dict[str, dict], papers_with: Counter) -> set[str]:
    """Data names that few of the papers writing them use as data (``MIN_DATA_SHARE``)."""
    return {info["name"] for info in names.values() if info["type"] in ("dataset", "benchmark")
            and rarely_data(info, papers_with.get(info["name"], 0))}


def rarely_data(info: dict, matched_in: int) -> bool:
    """Whether a data name's strong papers are under ``MIN_DATA_SHARE`` of the ``matched_in`` papers writing it."""
    return info.get("papers", 0) < MIN_DATA_SHARE * matched_in


def _match_worker(pair):
    return _MATCHER.find(analysed_text(*pair))


def strong_names(lines: list[dict]) -> dict[str, dict]:
    """Spreadable names: norm(form) -> {type, name, forms, needs, key}; ``needs`` = forms of which one must
    also occur in a paper for an acronym to match there (its long forms)."""
    return StrongTable.of(lines).names()


class StrongTable:
    """The corpus's strong names before spreading: the first entry per name key (in corpus order) and every
    long form each acronym was given, so a build that adds papers extends it instead of reading every line."""

    def __init__(self, by_key: dict[str, dict] | None = None, long_forms_of: dict[str, set[str]] | None = None,
                 papers: Counter | None = None):
        self.by_key: dict[str, dict] = dict(by_key or {})
        self.long_forms_of: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in (long_forms_of or {}).items()})
        self.papers: Counter = Counter(papers or {})  # key -> how many papers found it with strong evidence
        self.changed: set[str] = set()  # keys whose row changed since the table was made (or copied)
        self.changed_acronyms: set[str] = set()

    @classmethod
    def of(cls, lines: list[dict]) -> "StrongTable":
        """The table of ``lines`` in their order (what the corpus pass over them spreads)."""
        table = cls()
        for line in lines:
            for entity in line.get("entities") or []:
                table.add(entity)
        return table

    def copy(self) -> "StrongTable":
        return StrongTable(self.by_key, self.long_forms_of, self.papers)

    # -- as rows of the graph file's ``tables`` (``strong``: key -> [order, entry, papers]; ``acronyms``) ----------
    def rows(self) -> dict[str, dict[str, list]]:
        return {"strong": {key: [at, info, self.papers[key]] for at, (key, info) in enumerate(self.by_key.items())},
                "acronyms": {acronym: sorted(longs) for acronym, longs in self.long_forms_of.items()}}

    def rows_changed(self) -> dict[str, dict[str, list]]:
        """The rows that changed since the table was made or copied (what an addition writes)."""
        order = {key: at for at, key in enumerate(self.by_key)} if self.changed else {}
        return {"strong": {key: [order[key], self.by_key[key], self.papers[key]] for key in self.changed},
                "acronyms": {acronym: sorted(self.long_forms_of[acronym]) for acronym in self.changed_acronyms}}

    @classmethod
    def from_rows(cls, strong: dict[str, list], acronyms: dict[str, list]) -> "StrongTable":
        ordered = sorted(strong.items(), key=lambda item: item[1][0])
        return cls({key: info for key, (_, info, _) in ordered}, acronyms,
                   Counter({key: papers for key, (_, _, papers) in ordered}))

    def add(self, entity: dict) -> None:
        """Count one extraction entity if it is strong evidence of a name (what a corpus pass added is not)."""
        kind = entity.get("type")
        rules = {m.get("rule") for m in entity.get("mentions") or []}
        if kind == "method":
            strong = entity.get("proposed") and rules & STRONG_METHOD_RULES
        elif kind in ("dataset", "benchmark"):
            strong = entity.get("introduced") or (rules & STRONG_DATA_RULES and not entity.get("gazetteer"))
        else:
            strong = False
        if not strong:
            return
        spread = entity.get("corpus_aliases") or ()  # aliases the corpus pass added are not the paper's evidence
        forms = [entity["name"]] + [a for a in entity.get("aliases") or [] if a not in spread]
        longs = [f for f in forms if not _is_acronym(f)]
        if longs and all(task_like(f) or _GERUND_START.match(f) for f in longs):
            return  # 'composed image retrieval (CIR)', 'Video Temporal Grounding' name a task; 'Evaluating LLMs' a study
        for form in forms:
            if _is_acronym(form):
                acronym, known = norm(form), self.long_forms_of.get(norm(form))
                if known is None or not known.issuperset(norm(f) for f in longs):
                    self.long_forms_of[acronym].update(norm(f) for f in longs)
                    self.changed_acronyms.add(acronym)
        key = norm(entity["name"])
        if key and key not in self.by_key:
            self.by_key[key] = {"type": kind, "name": entity["name"], "forms": forms, "longs": longs}
        self.papers[key] += 1
        if key:
            self.changed.add(key)

    def names(self, before: dict[str, dict] | None = None) -> dict[str, dict]:
        """The spreadable forms (see ``strong_names``). ``before``: the names of the table this one was copied
        from; only the forms its changes touch are worked out again (the same names, in less time)."""
        redo = None
        if before is not None:
            redo = {f.lower() for key in self.changed for f in self.by_key[key]["forms"]}
            if self.changed_acronyms:  # an acronym with a new long form may have become ambiguous in every entry
                redo |= {f.lower() for info in self.by_key.values() for f in info["forms"]
                         if _is_acronym(f) and norm(f) in self.changed_acronyms}
        names: dict[str, dict] = {} if redo is None else {f: e for f, e in before.items() if f not in redo}
        for key, info in self.by_key.items():
            if redo is not None and not any(f.lower() in redo for f in info["forms"]):
                continue
            info = {**info, "papers": self.papers[key]}
            for form in info["forms"]:
                if redo is not None and form.lower() not in redo or not _spreadable(form):
                    continue
                ambiguous = _is_acronym(form) and len(self.long_forms_of.get(norm(form), ())) > 1
                needs = None
                if ambiguous or not _distinctive(form):
                    needs = [f for f in info["longs"] if _spreadable(f) and _distinctive(f)] or None
                    if needs is None:
                        continue  # 'GCR' alone, or a plain word: never spreads without its long form
                names.setdefault(form.lower(), {**info, "form": form, "needs": needs})
        return names


def common_limit(papers: int) -> int:
    """Papers a name may be matched in before it counts as too common to spread (``COMMON_SHARE``)."""
    return max(MIN_COMMON, int(COMMON_SHARE * papers))


@lru_cache(maxsize=1 << 18)
def _is_acronym(form: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", form)
    return bool(letters) and " " not in form and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


@lru_cache(maxsize=1 << 18)
def _spreadable(form: str) -> bool:
    key = norm(form)
    return len(key) >= 3 and not key.isdigit() and form not in NOT_NAMES and form.rstrip("s") not in NOT_NAMES \
        and not _PLURAL_ACRONYM.fullmatch(form) and not generic(form)


_GERUND_START = re.compile(r"[A-Za-z]+ing\s")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # 'LRMs', 'SAEs': a class of things, not one named method


@lru_cache(maxsize=1 << 18)
def _distinctive(form: str) -> bool:
    """Safe to match alone in any abstract: a multi-word capitalised name, or a long mixed-case/digit name."""
    words = form.split()
    if len(words) >= 2:
        return sum(w[0].isupper() for w in words) >= 2
    if _is_acronym(form):
        return len(norm(form)) >= 5  # 'SPRIGHT', 'EQGEVAL'; 'GCR' needs its long form
    return looks_named(form) and len(form) >= 5


_FORM_START = r"(?<![\w@/.-])"  # a form is matched where no word, address or path runs into it
_WORD_AT_START = re.compile(_FORM_START + r"(?=\S)(\w*)")


class FormIndex:
    """The forms of ``CorpusMatcher``'s regex found without compiling it: forms grouped by their leading word,
    so each word start of a text looks up only the forms that begin with that word, longest first. Same
    matches as the trie regex (leftmost, longest, not overlapping); no start-up cost, a few times slower per text,
    which is what an addition that matches a few thousand texts wants."""

    def __init__(self, forms):
        groups: dict[str, set[str]] = defaultdict(set)
        for form in forms:
            groups[re.match(r"\w*", form).group(0)].add(form)
        bare = groups.pop("", set())  # forms that start with a sign: tried where that sign is
        self.bare = (bare, sorted({len(f) for f in bare}, reverse=True)) if bare else None
        self.signs = {form[0] for form in bare if form and not form[0].isspace()}  # what those forms start with
        # per leading word: its forms and their lengths, longest first
        self.groups = {word: (group, sorted({len(f) for f in group}, reverse=True)) for word, group in groups.items()}

    def spans(self, lower: str) -> list[tuple[int, int]]:
        found, taken_to, n = [], 0, len(lower)
        for start, group in self._places(lower):
            if start < taken_to:
                continue
            forms = group[0]
            for length in group[1]:  # the longest form here that ends at a word boundary
                end = start + length
                if end <= n and lower[start:end] in forms \
                        and (end == n or not (lower[end].isalnum() or lower[end] == "_")):
                    found.append((start, end))
                    taken_to = end
                    break
        return found

    def _places(self, lower: str) -> list[tuple[int, tuple]]:
        """(start, its group) of each place ``_WORD_AT_START`` finds where some form may begin, in order. In plain
        ASCII the word runs are cut by ``str`` methods and kept by ``itertools`` in C, so only the runs that lead
        a form reach Python (most words of a text lead none); a form led by a sign is looked for by its sign."""
        groups, bare = self.groups, self.bare
        if not lower.isascii():
            return [(m.start(), group) for m in _WORD_AT_START.finditer(lower)
                    if (group := groups.get(m.group(1)) if m.group(1) else bare) is not None]
        words, starts = runs(lower, NOT_WORD_CHAR)
        hit = list(map(groups.__contains__, words))
        places = [(start, groups[word]) for start, word in zip(compress(starts, hit), compress(words, hit))
                  if not start or lower[start - 1] not in "@/.-"]
        if bare is not None:
            places.extend((at, bare) for sign in self.signs for at in occurrences(lower, sign)
                          if not at or not (lower[at - 1].isalnum() or lower[at - 1] in "_@/.-"))
            places.sort(key=itemgetter(0))
        return places


class CorpusMatcher:
    """Every spreadable form, matched by one trie regex (or, ``compiled=False``, a ``FormIndex``: for a few texts,
    where compiling the regex would cost more than the matching); case must fit as in the gazetteer (``_fits``)."""

    def __init__(self, names: dict[str, dict], compiled: bool = True):
        self.names = names
        if compiled:
            regex = re.compile(_FORM_START + r"(?:" + trie_pattern(sorted(names)) + r")(?![\w])")
            self._spans = lambda lower: [m.span() for m in regex.finditer(lower)]
        else:
            self._spans = FormIndex(names).spans

    def find(self, text: str) -> list[tuple[int, int, str]]:
        lower = text.lower()
        if len(lower) != len(text):
            return []
        hits = []
        present = set()
        title_end = text.find("\n")
        for start, end in self._spans(lower):
            form = lower[start:end]
            info = self.names[form]
            surface = text[start:end]
            if not _fits(info["form"], surface) or start < title_end and " " in form and info["type"] == "method":
                continue  # a Title-Case title capitalises every phrase: its capitals say nothing of a name
            hits.append((start, end, form))
            present.add(norm(surface))
        return [(s, e, f) for s, e, f in hits
                if self.names[f]["needs"] is None or any(norm(n) in present for n in self.names[f]["needs"])]


_NAME_GOES_ON = re.compile(r"[ -][A-Z]")  # the next word is capitalised too


def _fits(form: str, surface: str) -> bool:
    """Written as the source wrote it: one word exactly ('MobileMamba', not 'Mobilemamba'); several words with
    the same capitals at word starts ('Fusion Mechanism' does not spread to 'fusion mechanism')."""
    if " " not in form:
        return surface == form
    return [w[:1].isupper() for w in form.split()] == [w[:1].isupper() for w in surface.split()]


def _add_mentions(line: dict, matches, names, text: str | None = None) -> None:
    """Add the corpus ``matches`` to ``line``'s entities; ``text`` is its analysed text when already known."""
    if not matches:
        return
    entities = line.setdefault("entities", [])
    taken = [(m["start"], m["end"]) for e in entities for m in e.get("mentions") or []]
    by_key: dict[tuple[str, str], dict] = {}
    for entity in entities:
        group = "data" if entity.get("type") in ("dataset", "benchmark") else entity.get("type")
        for form in [entity.get("name", "")] + list(entity.get("aliases") or []):
            by_key.setdefault((group, norm(form)), entity)
    if text is None:
        text = analysed_text(line.get("title") or "", line.get("abstract") or "")
    for start, end, form in matches:
        if any(s < end and start < e for s, e in taken):
            continue
        info = names[form]
        if " " in form and info["type"] == "method" and _NAME_GOES_ON.match(text, end):
            continue  # 'Natural Language Understanding': part of a longer name (still counted as written there)
        group = "data" if info["type"] in ("dataset", "benchmark") else info["type"]
        entity = next((by_key[(group, norm(f))] for f in info["forms"] if (group, norm(f)) in by_key), None)
        if entity is None:
            entity = {"type": info["type"], "name": info["name"], "aliases": []}
            if info["type"] == "method":
                entity["proposed"] = False
            else:
                entity["introduced"] = False
            entity["mentions"] = []
            entities.append(entity)
            for f in info["forms"]:
                by_key.setdefault((group, norm(f)), entity)
        surface = text[start:end]
        if norm(surface) != norm(entity["name"]) and surface not in entity.setdefault("aliases", []):
            entity["aliases"].append(surface)
            entity.setdefault("corpus_aliases", []).append(surface)
        entity.setdefault("mentions", []).append({"start": start, "end": end, "text": surface, "rule": Rule.CORPUS.value})
        taken.append((start, end))


def _drop_corpus_mentions(line: dict) -> None:
    """Remove mentions of an earlier corpus pass, and entities (and aliases) that only it had added."""
    kept = []
    for entity in line.get("entities") or []:
        mentions = entity.get("mentions")
        if mentions is None:
            kept.append(entity)
            continue
        own = [m for m in mentions if not str(m.get("rule", "")).startswith(Rule.CORPUS.value)]
        if not own and mentions:
            continue
        entity["mentions"] = own
        added = set(entity.pop("corpus_aliases", ()))
        if added:
            entity["aliases"] = [a for a in entity.get("aliases") or [] if a not in added]
        kept.append(entity)
    line["entities"] = kept
