"""The path from input files to a graph, shared by the CLI and the Python API.

read inputs -> one record per distinct paper (duplicates merged, all their sources kept) -> extraction
lines (``paperkg.extractors.extract``; lines read from ``paperkg extract`` output pass through) ->
for a graph: the corpus-level pass, then ``paperkg.graph.build_graph``.

>>> import paperkg.pipeline as pipeline
>>> lines = list(pipeline.extract(["examples/"]))        # doctest: +SKIP
>>> kg = pipeline.build(["examples/"], output="graph.json")  # doctest: +SKIP
"""

from __future__ import annotations

import gc
import itertools
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
from collections import Counter, deque
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from paperkg.errors import PaperkgError
from paperkg.identity import identity_keys
from paperkg.io import build_lock
from paperkg.models import PaperRecord
from paperkg.readers import extracted, list_inputs, read_inputs
from paperkg.readers.source import Source, Warn, print_warning
from paperkg.spool import RecordSpool

__all__ = ["distinct_papers", "extract", "build", "extraction_lines"]

MERGED_FIELDS = ("doi", "arxiv_id", "openalex_id", "s2_id", "record_id", "date", "year", "url")


@dataclass(slots=True)
class _Paper:
    """What the first pass keeps of one distinct paper: enough to merge, no abstract."""

    ordinal: int
    key: str
    title: str
    has_ids: bool  # known by an id (doi, arxiv, openalex, s2 or the record's own), not only its title
    where: str
    sources: list[str]
    extra: dict = field(default_factory=dict)  # identifiers, references... that only a duplicate had


def record_sources(record: PaperRecord) -> list[str]:
    """Where a record was read: its own ``FILE:LINE``, or the sources an extraction line carries."""
    if record.extraction and isinstance(record.extraction.get("sources"), list):
        return [str(s) for s in record.extraction["sources"]]
    return [record.source]


def _forms(record: PaperRecord) -> tuple[list[str], str | None]:
    """The identity forms of a record: ids (its key first), and its title form."""
    keys = identity_keys(
        doi=record.doi, arxiv_id=record.arxiv_id, openalex_id=record.openalex_id, s2_id=record.s2_id,
        record_id=record.record_id, title=record.title,
    )
    ids = [record.key] + [k for k in keys if not k.startswith("title:") and k != record.key]
    title = next((k for k in keys if k.startswith("title:")), None)
    if record.key.startswith("title:"):
        ids, title = ids[1:], record.key
    return ids, title


def _index_papers(records: Iterable[PaperRecord], warn: Warn, counts: Counter) -> dict[int, _Paper]:
    """First pass: which record is the first of each distinct paper, and what its duplicates add.

    ``counts`` gets ``records`` read, ``papers`` distinct, ``duplicates`` merged and ``conflicts``
    (a known id with another title: left out, with a warning).
    """
    by_form: dict[str, _Paper] = {}
    firsts: dict[int, _Paper] = {}
    for ordinal, record in enumerate(records):
        counts["records"] += 1
        ids, title_form = _forms(record)
        has_ids = bool(ids)
        paper = next((by_form[k] for k in ids if k in by_form), None)
        new_title = title_form[len("title:"):] if title_form and record.title else ""
        if paper is not None:
            if paper.title and new_title and new_title != paper.title:
                counts["conflicts"] += 1
                counts["warnings"] += 1
                same = next(k for k in ids if k in by_form)
                warn(
                    f"{record.source}: {same} was already read with another title at {paper.where}; "
                    f"kept the first, this record ({record.title[:60]!r}) is left out"
                )
                continue
        elif title_form in by_form and not (has_ids and by_form[title_form].has_ids):
            # the same title: one paper, unless both carry ids (and they differ, or they would have matched)
            paper = by_form[title_form]
        if paper is None:
            paper = _Paper(ordinal, record.key, new_title, has_ids, record.source, [])
            firsts[ordinal] = paper
        else:
            counts["duplicates"] += 1
            _note_extra(paper, record)
            paper.has_ids = paper.has_ids or has_ids
        for source in record_sources(record):
            if source not in paper.sources:
                paper.sources.append(source)
        for form in ids + ([title_form] if title_form else []):
            by_form.setdefault(form, paper)
    counts["papers"] = len(firsts)
    return firsts


def _first_pass(index: Callable[[Warn, Counter], dict[int, _Paper]], listing: list, warn: Warn, counts: Counter,
                meanwhile: Callable[[], object] | None) -> dict[int, _Paper]:
    """``index(warn, counts)``, with ``meanwhile()`` run at the same time on another core: the first pass in a
    forked child process, whose index, counts, warnings (in order) and what it learnt of the input files come
    back through a pipe. ``paperkg extract`` loads spaCy and its pipeline meanwhile, a second it would otherwise
    spend after the pass with one core idle. Without fork, or with other threads running, one after the other."""
    if meanwhile is None or not hasattr(os, "fork") or threading.active_count() > 1:
        firsts = index(warn, counts)
        if meanwhile is not None:
            meanwhile()
        return firsts
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the pass, its outcome pickled into the pipe, and out
        os.close(read_end)
        gc.disable()  # its index only grows until the child exits: the collector's full passes would free nothing
        code = 0
        try:
            warnings: list[str] = []
            try:
                outcome = ("done", index(warnings.append, counts), counts, warnings,
                           [(f.skip, f.grew) for f in listing])
            except BaseException as exc:  # noqa: BLE001 - the parent raises it
                outcome = ("error", exc, warnings)
            with os.fdopen(write_end, "wb") as pipe:
                try:
                    pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # an exception that does not pickle: its message, as an error
                    pickle.dump(("error", PaperkgError(str(outcome[1])), outcome[2]), pipe)
        except BaseException:  # noqa: BLE001 - the parent reads no outcome and says so
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            meanwhile()
            outcome = pickle.load(pipe)
    except BaseException:
        os.kill(pid, signal.SIGTERM)  # interrupted, or meanwhile failed: the pass is not wanted any more
        raise
    finally:
        os.waitpid(pid, 0)
    for message in outcome[-1] if outcome[0] == "error" else outcome[3]:
        warn(message)
    if outcome[0] == "error":
        raise outcome[1]
    _kind, firsts, child_counts, _warnings, files = outcome
    counts.clear()
    counts.update(child_counts)
    for listed, (skip, grew) in zip(listing, files):
        listed.skip, listed.grew = skip, grew
    return firsts


def _note_extra(paper: _Paper, record: PaperRecord) -> None:
    """Keep what a duplicate knows that the first copy may not (first value wins; lists are merged)."""
    for name in MERGED_FIELDS:
        value = getattr(record, name)
        if value is not None:
            paper.extra.setdefault(name, value)
    for name in ("references", "categories"):
        values = paper.extra.setdefault(name, [])
        values.extend(v for v in getattr(record, name) if v not in values)
    if record.authors and "authors" not in paper.extra:
        paper.extra["authors"] = record.authors


def _merge_into(record: PaperRecord, paper: _Paper) -> PaperRecord:
    """The first copy of a paper completed with its duplicates' identifiers, references and sources."""
    for name in MERGED_FIELDS:
        if getattr(record, name) is None and name in paper.extra:
            setattr(record, name, paper.extra[name])
    for name in ("references", "categories"):
        values = getattr(record, name)
        values.extend(v for v in paper.extra.get(name, []) if v not in values and v != record.key)
    if not record.authors and paper.extra.get("authors"):
        record.authors = paper.extra["authors"]
    if record.extraction is not None:
        line = dict(record.extraction)
        for name, value in record.to_json().items():  # what duplicates added (authors are dicts here)
            if name not in ("source", "key") and name not in line:
                line[name] = value
        line["sources"] = list(paper.sources)
        record.extraction = line
    return record


@contextmanager
def _spooled_stdin(paths: list[str]) -> Iterator[tuple[list[str], dict[str, str]]]:
    """``-`` read once into a temporary file (called ``<stdin>`` in messages), so inputs can be read twice."""
    if "-" not in paths:
        yield paths, {}
        return
    with tempfile.NamedTemporaryFile(prefix="paperkg-stdin-", delete=False) as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
    try:
        yield [spool.name if p == "-" else p for p in paths], {spool.name: "<stdin>"}
    finally:
        os.unlink(spool.name)


def distinct_papers(
    paths: list[str],
    *,
    skip_bad: bool = False,
    warn: Warn | None = None,
    counts: Counter | None = None,
    before: Iterable[dict] = (),
    before_name: str = "<graph>",
    outputs: Iterable[str | os.PathLike] = (),
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[tuple[PaperRecord, list[str]]]:
    """``(record, sources)`` per distinct paper, in the order papers first appear, duplicates merged.

    Two passes over the inputs keep memory flat: the first finds duplicates (keys, titles and sources
    only), the second yields each paper's first copy completed with what its duplicates add, and
    ``sources`` listing every place it was read. ``before`` are extraction lines read ahead of the
    inputs (an existing graph's papers, for incremental builds). The inputs are read once: the second pass
    reads back the records the first one kept in a temporary file (``paperkg.spool``), or, when a file grew
    meanwhile or the spool could not be written, the same bytes of the same files again, as they were listed
    once; ``outputs`` (what this run writes) are never read. ``meanwhile`` runs while the first pass reads (see
    ``_first_pass``).
    """
    warn = warn or print_warning
    counts = counts if counts is not None else Counter()
    before = list(before)

    with _spooled_stdin(list(paths)) as (files, names), RecordSpool() as spool:
        listing = list_inputs(files, names=names, outputs=outputs, warn=warn)

        def from_files(warn_to: Warn, count_to: Counter) -> Iterator[PaperRecord]:
            return read_inputs(files, skip_bad=skip_bad, warn=warn_to, counts=count_to, listing=listing)

        def records(warn_to: Warn, count_to: Counter, read: Iterator[PaperRecord]) -> Iterator[PaperRecord]:
            graph_source = Source(before_name, on_warning=warn_to, counts=count_to)
            for number, line in enumerate(before, 1):
                record = extracted.record(graph_source, number, line)
                if record is not None:
                    yield record
            yield from read

        def first_pass(warn_to: Warn, count_to: Counter) -> dict[int, _Paper]:
            return _index_papers(records(warn_to, count_to, spool.written(from_files(warn_to, count_to))),
                                 warn_to, count_to)

        firsts = _first_pass(first_pass, listing, warn, counts, meanwhile)
        done = 0
        while (grown := sum(bool(f.grew) for f in listing)) > done:
            # a file grew while it was read: its records are in the index, so index again without it
            done, again = grown, Counter()
            firsts = _index_papers(records(lambda message: None, again, from_files(lambda message: None, again)),
                                   lambda message: None, again)
            for key in ("records", "papers", "duplicates", "conflicts"):
                counts[key] = again[key]
        quiet: Counter = Counter()
        # the second pass reads back what the first one kept, unless a file grew meanwhile or the spool failed
        read = spool.read() if not done and spool.complete() else from_files(lambda message: None, quiet)
        for ordinal, record in enumerate(records(lambda message: None, quiet, read)):
            paper = firsts.get(ordinal)
            if paper is not None:
                yield _merge_into(record, paper), list(paper.sources)


def extraction_lines(
    papers: Iterable[tuple[PaperRecord, list[str]]], *, n_process: int = 1, gazetteer=None, progress=None,
    counts: Counter | None = None,
) -> Iterator[dict]:
    """Extraction lines (``paperkg.extractors.extract``) for ``(record, sources)`` pairs, in order, each
    line's ``sources`` set to all the places its paper was read. ``progress(n)`` is called per line.
    ``counts``: the ``distinct_papers`` counts of ``papers``, whose ``"papers"`` (known once the first pass is
    over) tells the extraction whether workers are worth starting without reading papers ahead."""
    papers = iter(papers)
    freeze = not gc.get_freeze_count()  # else the caller manages the collector's permanent generation
    try:
        with _long_lived_objects(freeze):
            first = next(papers, None)  # reads the inputs' first pass now: bad input fails before any extraction
        if first is not None:
            count = counts.get("papers") if counts is not None else None
            yield from _extracted(first, papers, n_process, gazetteer, progress, count)
    finally:
        if freeze:
            gc.unfreeze()


@contextmanager
def _long_lived_objects(freeze: bool = True) -> Iterator[None]:
    """Start-up makes objects that live as long as the run (spaCy's modules, the pipeline, the first pass's index):
    the garbage collector is off meanwhile (its full passes would cost 0.2 s of start-up and free nothing), then,
    with ``freeze``, they are frozen (``gc.freeze``: the collections of a 10,000-abstract run skip them, 0.4 s, and
    forked workers do not copy their memory pages) until the caller's ``gc.unfreeze``. Objects freed by their
    reference counts still go as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def _extracted(first, papers, n_process, gazetteer, progress, count) -> Iterator[dict]:
    """``extraction_lines`` once the first paper is read."""
    from paperkg.extractors import extract as run_extractor

    pending: deque[tuple[str, list[str]]] = deque()

    def feed() -> Iterator[PaperRecord]:
        for record, sources in itertools.chain([first], papers):
            pending.append((record.key, sources))
            yield record

    kwargs = {"gazetteer": gazetteer} if gazetteer else {}
    for line in run_extractor(feed(), n_process=n_process, count=count, **kwargs):
        key, sources = pending.popleft()
        line["key"] = line.get("key") or key
        line["sources"] = sources
        line.pop("source", None)
        if progress:
            progress(1)
        yield line


def _load_extractor(gazetteer) -> None:
    """Import spaCy and load the extraction pipeline (``extract`` runs it while the first pass reads)."""
    from paperkg.extractors.pipeline import preload

    preload(gazetteer)


def jobs(n: int | None) -> int:
    """``-j`` value to spaCy's ``n_process``: 0 means every core."""
    return max(1, os.cpu_count() or 1) if not n else max(1, n)


def extract(
    paths: list[str],
    *,
    n_process: int = 1,
    gazetteer: str | None = None,
    corpus_pass: bool = False,
    skip_bad: bool = False,
    warn: Warn | None = None,
    counts: Counter | None = None,
    progress=None,
    outputs: Iterable[str | os.PathLike] = (),
) -> Iterator[dict]:
    """Extraction lines (plain dicts, the ``paperkg extract`` format), one per distinct paper, in input order.

    With ``corpus_pass`` every line is held until the end and the corpus-level pass spreads names found
    with strong evidence in one abstract to the others; without it, lines stream with flat memory.
    """
    counts = counts if counts is not None else Counter()
    papers = distinct_papers(list(paths), skip_bad=skip_bad, warn=warn, counts=counts, outputs=outputs,
                             meanwhile=lambda: _load_extractor(gazetteer))
    lines = extraction_lines(papers, n_process=jobs(n_process), gazetteer=gazetteer, progress=progress,
                             counts=counts)
    if not corpus_pass:
        yield from lines
        return
    from paperkg.extractors import corpus_pass as spread

    yield from spread(list(lines), n_process=jobs(n_process))


def build(
    paths: list[str],
    *,
    output: str | os.PathLike | None = None,
    add: bool = False,
    previous=None,
    overrides=None,
    n_process: int = 1,
    gazetteer: str | None = None,
    skip_bad: bool = False,
    warn: Warn | None = None,
    counts: Counter | None = None,
    html: str | os.PathLike | None = None,
    progress=None,
    outputs: Iterable[str | os.PathLike] = (),
    source=None,
    whole: bool = True,
):
    """Build the knowledge graph of ``paths``; save it to ``output`` and its page to ``html`` when given.

    ``add=True`` adds the inputs to the graph already at ``output`` (or to ``previous``, a
    ``KnowledgeGraph``): its papers are read first, so nothing it had is dropped and the result equals
    building everything at once; it is incremental (``add_to``: only what the new papers touch is redone) unless
    the overrides differ from the graph's. ``source`` is the graph store to add to (an ``AdditionSource``; by
    default the graph file at ``output``, read and written in place when it is a database with lookup tables
    (``SqliteSource``), else the ``previous`` graph in memory; ``False``: rebuild from every line). Such an
    in-place addition returns the whole graph read back, or ``None`` when ``whole`` is false (the file has it).
    Files are written atomically: a failure leaves them as they were.
    Neither they nor the other ``outputs`` of the run (exports) are read as inputs.

    >>> kg = build(["examples/"], output="graph.json")   # doctest: +SKIP
    >>> kg.counts()["nodes"]["Paper"]                      # doctest: +SKIP
    10
    """
    from paperkg.graph import load

    counts = counts if counts is not None else Counter()
    lock = build_lock(output, warn or print_warning) if output is not None else nullcontext()
    with lock:
        in_place = None
        if add and previous is None and output is not None and Path(output).exists():
            from paperkg.graph.sqlite_source import SqliteSource

            if source is None and SqliteSource.usable(output):
                source = in_place = SqliteSource(output)
            else:
                previous = load(output)
        written = [p for p in (output, html, *outputs) if p is not None]
        options = dict(n_process=n_process, gazetteer=gazetteer, skip_bad=skip_bad, warn=warn, counts=counts,
                       progress=progress, outputs=written, before_name=str(output or "<graph>"))
        kg = None
        if add and source not in (None, False):  # a store that answers the addition's lookups (SQLite, Neo4j)
            if source.paper_count():
                kg = add_to(source, paths, overrides=overrides, output=output, **options)
                if kg is None and in_place is None:
                    from paperkg.graph.incremental import FullBuildNeeded

                    raise FullBuildNeeded("only a whole build can say what these papers change")
            if in_place is not None:
                in_place.close()
                if kg is None:  # new overrides or an empty graph: the whole graph is built again
                    previous = load(output)
        elif add and previous is not None and source is not False and next(previous.nodes(PAPER_LABEL), None):
            from paperkg.graph.memory_source import MemorySource

            kg = add_to(MemorySource(previous), paths, overrides=overrides, output=output, **options)
        if kg is None:
            in_place = None
            kg = _build_whole(paths, previous if add else None, overrides, output=output, **options)
        if in_place is not None:  # written by the source: its view holds only what the addition touched
            kg = load(output) if whole or html is not None else None
        elif output is not None:
            kg.save(output)
    if html is not None:
        from paperkg.viz import write_html

        write_html(kg, html)
    return kg


PAPER_LABEL = "Paper"


def _no_papers(paths, output) -> PaperkgError:
    where = f"; {output} is left as it was" if output is not None and Path(output).exists() else ""
    return PaperkgError(f"no papers in {', '.join(map(str, paths))}: nothing to build{where}")


def _build_whole(paths, previous, overrides, *, output, n_process, gazetteer, skip_bad, warn, counts, progress, outputs,
                 before_name):
    """Everything from the lines: the old graph's (``lines_from_graph(previous)``, with the entities the graph
    file kept, as an addition reads them) then the inputs'."""
    from paperkg.extractors import corpus_pass
    from paperkg.graph import build_graph, lines_from_graph

    before: list[dict] = []
    if previous is not None:
        before = lines_from_graph(previous, kept=_kept_entities(output))
        if overrides is None:
            overrides = previous.meta.get("overrides")
    papers = distinct_papers(list(paths), skip_bad=skip_bad, warn=warn, counts=counts, before=before,
                             before_name=before_name, outputs=outputs)
    lines = list(extraction_lines(papers, n_process=jobs(n_process), gazetteer=gazetteer, progress=progress,
                                  counts=counts))
    if counts["records"] == len(before):
        raise _no_papers(paths, output)
    kept: dict = {}
    lines = corpus_pass(lines, n_process=jobs(n_process), kept=kept)
    return build_graph(lines, overrides=overrides, kept=kept)


def _kept_entities(path) -> dict[str, list[dict]] | None:
    """Paper id -> its entities as kept in the graph file at ``path`` (``None``: not a graph file that keeps them)."""
    from paperkg.graph.build import paper_id
    from paperkg.graph.database import GraphDatabase
    from paperkg.graph.sqlite_source import SqliteSource

    if path is None or not Path(path).exists() or not SqliteSource.usable(path):
        return None
    with GraphDatabase(path) as db:
        return {paper_id(key): line.get("entities") or [] for key, line in db.lines().items()}


def add_to(source, paths, *, overrides=None, output=None, n_process=1, gazetteer=None, skip_bad=False, warn=None,
           counts=None, progress=None, outputs=(), before_name="<graph>"):
    """Add the papers of ``paths`` to the graph behind ``source`` (``paperkg.graph.incremental``): only the new
    papers are extracted, and only what they touch is resolved again. Returns the graph after the addition (the
    source's view), or ``None`` when only a whole build can say (new overrides, say), which the caller then runs.
    """
    from paperkg.graph.incremental import FullBuildNeeded, add_papers
    from paperkg.graph.lines import paper_line
    from paperkg.graph.overrides import Overrides
    from paperkg.graph.store import paused_gc

    view = source.view
    stored = view.meta.get("overrides")
    given = Overrides.coerce(overrides)
    if given is not None and given.data != (stored or {}) and (given.data or stored):
        return None  # other curation than the graph was built with: everything may move
    counts = counts if counts is not None else Counter()
    # which old papers the inputs may duplicate: looked up by every id and title the inputs give
    forms: set[str] = set()
    for record, _ in distinct_papers(list(paths), skip_bad=skip_bad, warn=lambda message: None, counts=Counter(),
                                     outputs=outputs):
        ids, title = _forms(record)
        forms.update(ids + ([title] if title else []))
    known = source.papers_known_by(forms, titles=True)
    old = source.paper_order(set(known.values()))
    source.fetch(papers=old)
    before = [paper_line(view, pid) for pid in old]
    papers = distinct_papers(list(paths), skip_bad=skip_bad, warn=warn, counts=counts, before=before,
                             before_name=before_name, outputs=outputs)
    lines = list(extraction_lines(papers, n_process=jobs(n_process), gazetteer=gazetteer, progress=progress,
                                  counts=counts))
    if counts["records"] == len(before):
        raise _no_papers(paths, output)
    again, new = lines[:len(before)], lines[len(before):]
    if [line["key"] for line in again] != [line["key"] for line in before]:
        return None
    changed = [line for line, was in zip(again, before) if line != was]
    papers_before = source.paper_count()
    with paused_gc():  # writing the difference makes rows for the old graph's objects too (see ``add_papers``)
        try:
            diff = add_papers(source, new, changed, stored)
        except FullBuildNeeded:
            return None
        source.apply(diff)
    source.last_diff = diff
    counts["papers"] = papers_before + len(diff.lines)  # the graph's papers, as a whole build counts them
    return view
