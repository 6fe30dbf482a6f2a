"""The extraction pipeline: ``load()`` builds it, ``extract()`` runs it over ``PaperRecord``s.

Order of the components on ``spacy.blank("en")`` (brief section 8)::

    paperkg_sentences -> paperkg_links -> paperkg_abbreviations -> paperkg_methods -> paperkg_datasets
    -> paperkg_tasks -> paperkg_metrics -> paperkg_results -> paperkg_assemble

>>> nlp = load()
>>> doc = nlp(analysed_text("MobileMamba: A Light Network", "We propose MobileMamba. It beats ResNet50-D on ImageNet-1K."))
>>> sorted((e["type"], e["name"]) for e in doc._.entities)[:2]
[('dataset', 'ImageNet-1K'), ('method', 'MobileMamba')]
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import threading
import warnings
from bisect import bisect_right
from collections import deque
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import (IDX, IS_ALPHA, IS_DIGIT, IS_LOWER, IS_PUNCT, IS_SPACE, IS_STOP, IS_TITLE, IS_UPPER,
                         LIKE_NUM, LOWER, NORM, SENT_START)
from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_value, sentence_ranges
from .scan import ScanPattern

SMALL_INPUT = 2_000      # fewer records than this stay in one process (start-up costs seconds)
BATCH = 64               # records per task sent to a worker process (the last task ends soon after the others)
# The garbage collector's thresholds while abstracts are extracted: a young collection every 20,000 new containers,
# not 700 (an abstract makes some 50 cyclic objects, freed as well a few abstracts later; 1% of the instructions)
COLLECTOR_THRESHOLDS = (20_000, 50, 100)
# The lexical attributes the pipeline's vocabulary computes for each new word. spaCy computes every one of them in
# Python when a word is first seen: 15 us a word with all of them, 4 us with these (the ones a Matcher rule over
# these Docs would read); an abstract brings several new words (issue 8). Dropped: shape, prefix, suffix,
# like_url, like_email and the bracket/quote/currency flags.
LEXICAL_ATTRIBUTES = (LOWER, NORM, IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, IS_LOWER, IS_UPPER, IS_TITLE, IS_STOP,
                      LIKE_NUM)

# (factory name, module that registers it), in pipeline order; every one must import (``load`` fails if not).
COMPONENTS = [
    ("paperkg_links", "links"),
    ("paperkg_abbreviations", "abbreviations"),
    ("paperkg_methods", "methods"),
    ("paperkg_datasets", "datasets"),
    ("paperkg_tasks", "tasks"),
    ("paperkg_metrics", "metrics"),
    ("paperkg_results", "results"),
    ("paperkg_assemble", "assemble"),
]

from .text import MAX_ABSTRACT_CHARS, clean_text
from .text import analysed_text as _analysed_text


def analysed_text(title: str, abstract: str) -> str:
    """The text that mention offsets point into: cleaned title + "\\n" + cleaned abstract (deterministic).

    Abstracts longer than ``MAX_ABSTRACT_CHARS`` once cleaned are cut there, with a warning.
    """
    _warn_if_long(title, abstract)
    return _analysed_text(title or "", abstract or "")


def _warn_if_long(title: str, abstract: str) -> None:
    if abstract and len(abstract) > MAX_ABSTRACT_CHARS and len(clean_text(abstract)) > MAX_ABSTRACT_CHARS:
        warnings.warn(f"paperkg: the abstract of {(title or '')[:60]!r} is longer than "
                      f"{MAX_ABSTRACT_CHARS:,} characters: cut there")


def _gazetteer_config(gazetteer) -> list[str]:
    if gazetteer is None:
        return []
    if isinstance(gazetteer, (str, Path)):
        gazetteer = [gazetteer]
    return [str(Path(p)) for p in gazetteer]


def load(gazetteer: str | Path | Iterable[str | Path] | None = None) -> Language:
    """The paperkg pipeline on ``spacy.blank("en")``; ``gazetteer`` adds users' lists (``--gazetteer FILE``)."""
    from .gazetteer import cached_gazetteer

    paths = _gazetteer_config(gazetteer)
    cached_gazetteer(paths)  # fail early, with the file's name, on a bad user list; the components share it
    for factory, module in COMPONENTS:
        importlib.import_module(f"{__package__}.{module}")  # registers the factory; an ImportError propagates
        if not Language.has_factory(factory):
            raise RuntimeError(f"paperkg: {__package__}.{module} registers no {factory!r} component")
    # made with paperkg's tokenizer: spaCy's English one (affix rules, exceptions) takes 0.1 s to build, unused
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {attr: getters[attr] for attr in LEXICAL_ATTRIBUTES if attr in getters}
    nlp.add_pipe("paperkg_sentences")
    for factory, module in COMPONENTS:
        config = {"gazetteer": paths} if module in ("methods", "datasets", "tasks") else {}
        nlp.add_pipe(factory, config=config)
    return nlp


class RegexTokenizer:
    """Tokens for paperkg's components: each run of letters/digits, each other character, a following single space
    folded into the token (``doc.text`` equals the input exactly).

    Every paperkg rule is a regex over the text and every span is made with character offsets, so nothing needs
    spaCy's affix rules; this tokenizer costs about a quarter of spaCy's on abstracts (issue 8). The input text is
    kept in ``doc.user_data`` (see ``extensions.doc_text``): spaCy rebuilds ``doc.text`` at every access.
    """

    _TOKEN = ScanPattern(r"[^\W_]+ ?|[^\w\s] ?|_ ?|\s ?")  # a token with its folded space: 'Net ', '(', ' '

    def __init__(self, vocab):
        self.vocab = vocab
        self._orths = _Orths(vocab.strings)  # token with its space -> the hash of the token in the StringStore
        self._spaces = _Spaces()              # token with its space -> whether a space follows

    def __call__(self, text: str) -> Doc:
        pieces = self._TOKEN.findall(text)
        # words given as StringStore hashes: Doc then skips hashing every word again (the vocab lookup is most
        # of the tokenizer's cost); both lists made by map in C, not a Python loop over the tokens
        return Doc(self.vocab, words=list(map(self._orths.__getitem__, pieces)),
                   spaces=list(map(self._spaces.__getitem__, pieces)), user_data={"paperkg_text": text})

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "RegexTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "RegexTokenizer":
        return self


def _folds_space(piece: str) -> bool:
    """Does a piece of ``RegexTokenizer._TOKEN`` end in its token's folded space (' ' alone is a token)?"""
    return len(piece) > 1 and piece[-1] == " "


class _Orths(dict):
    """Token with its folded space -> the token's hash, the StringStore adding the token at its first lookup."""

    def __init__(self, strings):
        super().__init__()
        self._add = strings.add

    def __missing__(self, piece: str) -> int:
        orth = self[piece] = self._add(piece[:-1] if _folds_space(piece) else piece)
        return orth


class _Spaces(dict):
    """Token with its folded space -> whether it has one."""

    def __missing__(self, piece: str) -> bool:
        space = self[piece] = _folds_space(piece)
        return space


TOKENIZER = "paperkg.RegexTokenizer.v1"


@spacy.registry.tokenizers(TOKENIZER)
def make_regex_tokenizer():
    """``RegexTokenizer`` as a spaCy tokenizer factory, for ``load``'s ``spacy.blank`` config."""
    return lambda nlp: RegexTokenizer(nlp.vocab)


@Language.component("paperkg_sentences", assigns=["token.is_sent_start"])
def sentences(doc):
    """Sentence starts from a regex over the text (``extensions.sentence_ranges``): cheaper than spaCy's
    sentencizer, and the same boundaries for ``doc.sents`` and for components that read the ranges."""
    starts = [start for start, _end in sentence_ranges(doc)]
    if not len(doc):
        return doc
    # one ``from_array`` call: each ``token.is_sent_start = True`` scans the whole Doc for a parse first
    # 1 starts a sentence, -1 (as uint64, spaCy's way) does not: a one-sentence Doc still has its boundaries set
    marks = numpy.full((len(doc), 1), -1, dtype="int64").astype("uint64")
    marks[0, 0] = 1
    if len(starts) > 1:
        offsets = doc.to_array(IDX).tolist()
        for start in starts[1:]:
            i = bisect_right(offsets, start) - 1  # the token holding the sentence's first character
            if start < offsets[i] + len(doc[i]):  # not a token's trailing space (that span would be empty)
                marks[i, 0] = 1
    doc.from_array([SENT_START], marks)
    return doc


# --- running it ----------------------------------------------------------------------------------

def doc_output(doc) -> tuple[list[dict], list[dict]]:
    """The plain data of a processed Doc: (entities, results)."""
    return list(doc_value(doc, "entities") or []), list(doc_value(doc, "results") or [])


def extract_texts(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[tuple[list, list]]:
    """(entities, results) for each analysed text, in one process."""
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield doc_output(doc)


def record_line(record) -> dict:
    """The record's own fields as an extraction line: ``source`` becomes ``sources``; absent values left out."""
    data = record.to_json()
    source = data.pop("source", "")
    if "authors" in data:
        data["authors"] = [{k: v for k, v in a.items() if v not in (None, "")} for a in data["authors"]]
    line = {"key": data.pop("key", record.key), "title": data.pop("title", record.title or ""),
            "abstract": data.pop("abstract", record.abstract or "")}
    line.update(data)
    line["sources"] = [source] if source else []
    return line


_WORKER_NLP: Language | None = None
_SHARED: dict[tuple[str, ...], Language] = {}


def _shared_nlp(paths: list[str]) -> Language:
    """One pipeline per gazetteer list and process: ``load()`` costs about a second."""
    key = tuple(paths)
    if key not in _SHARED:
        _SHARED[key] = load(paths)
    return _SHARED[key]


def preload(gazetteer=None) -> None:
    """Load the pipeline ``extract(..., gazetteer=gazetteer)`` will use, now (``paperkg extract`` does it while
    its first pass reads the inputs)."""
    _shared_nlp(_gazetteer_config(gazetteer))


def _worker_init(gazetteer: list[str]) -> None:
    global _WORKER_NLP
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    _WORKER_NLP = _shared_nlp(gazetteer)


def _worker_run(pairs: list[tuple[str, str]]) -> list[tuple[list, list]]:
    """In a worker: clean and analyse (title, abstract) pairs; plain data goes back, never Docs."""
    return list(extract_texts(_WORKER_NLP, _analysed(pairs)))


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def extract(records: Iterable, n_process: int = 1, gazetteer=None, nlp: Language | None = None,
            count: int | None = None) -> Iterator[dict]:
    """One extraction line (plain dict) per record, in input order; records with ``.extraction`` pass through.

    ``n_process=0`` uses every core; inputs under ``SMALL_INPUT`` records stay in this process anyway (``count``:
    how many records there are, when the caller knows; else the first ``SMALL_INPUT`` are read ahead to tell).
    Memory stays flat: records are read in batches and lines yielded as they are done. Workers are forked
    (they inherit the loaded pipeline) unless other threads run in this process, then spawned: a script
    doing that needs the usual ``if __name__ == "__main__":`` guard.
    """
    paths = _gazetteer_config(gazetteer)
    if n_process == 0:
        n_process = _cpu_count()
    n_process = max(1, int(n_process))
    with _fewer_collections():
        yield from _extract(iter(records), n_process, paths, nlp, count)


def _extract(records, n_process, paths, nlp, count) -> Iterator[dict]:
    """``extract`` in this process or in workers, once its arguments are checked."""
    if n_process > 1 and count is not None:
        n_process = n_process if count >= SMALL_INPUT else 1
    elif n_process > 1:
        head = list(islice(records, SMALL_INPUT))
        if len(head) < SMALL_INPUT:
            n_process = 1
        records = _chain(head, records)
    if n_process == 1:
        nlp = nlp or _shared_nlp(paths)
        for batch in _batches(records, BATCH):
            yield from _finish(batch, extract_texts(nlp, _analysed(_pairs(batch))))
        return
    # fork is fast (workers inherit the loaded pipeline) but unsafe when other threads run here (a progress bar's
    # refresh thread may hold a lock at fork time and the child then waits forever): spawn in that case
    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if fork:
        _shared_nlp(paths)  # loaded once here; forked workers inherit it instead of loading their own
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    with _collector_skips_what_exists(fork), \
            ctx.Pool(n_process, initializer=_worker_init, initargs=(paths,)) as pool:
        # at most 4 batches per worker in flight: memory stays flat, and a worker finds a queued batch when it is
        # done even while the oldest batch (the next lines to yield) is still running elsewhere
        window: deque = deque()
        for batch in _batches(records, BATCH):
            window.append((batch, pool.apply_async(_worker_run, (_pairs(batch),))))
            if len(window) >= 4 * n_process:
                done, job = window.popleft()
                yield from _finish(done, iter(job.get()))
        while window:
            done, job = window.popleft()
            yield from _finish(done, iter(job.get()))


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """``COLLECTOR_THRESHOLDS`` in this process (workers set them in ``_worker_init``), then the previous ones."""
    previous = gc.get_threshold()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextmanager
def _collector_skips_what_exists(enabled: bool = True) -> Iterator[None]:
    """While the workers run, the objects that exist when they are forked (the loaded pipeline, the first pass's
    index) sit in the garbage collector's permanent generation: neither this process's collections nor the
    workers' walk them again (0.5 s of a 10,000-abstract run), and the workers do not copy the memory pages
    they are on. Objects freed by their reference counts still go as usual; the collector gets them all back
    at the end. Left alone when something is frozen already (the caller manages the collector)."""
    if not enabled or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _chain(head, rest):
    yield from head
    yield from rest


def _batches(records, size):
    while True:
        batch = list(islice(records, size))
        if not batch:
            return
        yield batch


def _pairs(batch) -> list[tuple[str, str]]:
    """(title, abstract) of the records still to extract, with a warning for each over-long abstract."""
    out = []
    for r in batch:
        if r.extraction is None:
            _warn_if_long(r.title, r.abstract)
            out.append((r.title or "", r.abstract or ""))
    return out


def _analysed(pairs: list[tuple[str, str]]) -> list[str]:
    return [_analysed_text(title, abstract) for title, abstract in pairs]


def _finish(batch, outputs) -> Iterator[dict]:
    for record in batch:
        if record.extraction is not None:
            yield record.extraction
            continue
        entities, results = next(outputs)
        line = record_line(record)
        line["entities"] = entities
        line["results"] = results
        yield line
