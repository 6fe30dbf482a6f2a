"""Build the knowledge graph from extraction lines, and get the lines back for incremental builds.

>>> kg = build_graph([{"key": "arxiv:2401.00001", "title": "FOT: Federated Orthogonal Training",
...     "entities": [{"type": "method", "name": "Federated Orthogonal Training", "aliases": ["FOT"],
...                   "proposed": True, "mentions": [{"start": 0, "end": 3, "text": "FOT", "rule": "title_colon"}]}]}])
>>> kg.find("FOT")
['method:federatedorthogonaltraining']
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any, Iterable

from paperkg.errors import PaperkgError
from paperkg.graph.citations import add_citations, older, when
from paperkg.graph.names import is_acronym, space_key
from paperkg.graph.known import shipped
from paperkg.graph.resolve import (TYPE_SPACE, Occurrence, merge_within_papers, named_as_data, occurrence_name,
                                   resolve, retype, separate_casings, separate_expansions, separate_homonyms,
                                   split_entity)
from paperkg.graph.schema import Label, Rel, node_id
from paperkg.graph.store import KnowledgeGraph, paused_gc

#: Paper fields copied from a line to the Paper node as they are.
PAPER_FIELDS = ("title", "abstract", "date", "year", "url", "doi", "arxiv_id", "openalex_id", "s2_id",
                "record_id", "categories")
#: Relation of a paper to an entity, by extraction type, whether the paper proposes/introduces it, and whether
#: it evaluates on it (data named only as background is MENTIONED, not evaluated on).
ENTITY_REL = {
    ("method", False, True): Rel.MENTIONS.value, ("method", True, True): Rel.PROPOSES.value,
    ("dataset", False, True): Rel.EVALUATES_ON.value, ("dataset", True, True): Rel.INTRODUCES.value,
    ("dataset", False, False): Rel.MENTIONS.value,
    ("benchmark", False, True): Rel.EVALUATES_ON.value, ("benchmark", True, True): Rel.INTRODUCES.value,
    ("benchmark", False, False): Rel.MENTIONS.value,
    ("task", False, True): Rel.ADDRESSES.value, ("task", True, True): Rel.ADDRESSES.value,
    ("metric", False, True): Rel.REPORTS.value, ("metric", True, True): Rel.REPORTS.value,
}
#: Node id prefix of an entity -> key space, for looking up what a result names.
_PREFIX_SPACE = {"method": "method", "data": "data", "task": "task", "metric": "metric"}
#: A title's head names what the paper makes when it is the name, maybe before "Technical Report".
_REPORT = re.compile(r"\s+(?:Technical\s+Report|Tech\s+Report|Report|System\s+Card|Model\s+Card)\s*$", re.I)
_ENTITY_RELS = frozenset(ENTITY_REL.values())
_WROTE, _HAS_CODE = Rel.WROTE.value, Rel.HAS_CODE.value
_AUTHOR, _REPOSITORY = Label.AUTHOR.value, Label.REPOSITORY.value
_REPO = re.compile(r"^(?:https?://)?(?:www\.)?([^/]+)/(.+?)/*$")


def paper_id(key: str) -> str:
    return node_id(Label.PAPER, key)


def merge_duplicates(lines: Iterable[dict]) -> list[dict]:
    """One line per paper key, in first-seen order: later copies add their ``sources`` and missing fields."""
    merged: dict[str, dict] = {}
    for n, line in enumerate(lines, 1):
        key = line.get("key")
        if not key:
            raise PaperkgError(f"extraction line {n} has no paper `key` (title: {line.get('title', '')[:60]!r})")
        if key not in merged:
            merged[key] = dict(line)
            continue
        first = merged[key]
        for name, value in line.items():
            if name == "sources":
                first["sources"] = list(dict.fromkeys([*first.get("sources", []), *value]))
            elif value not in (None, "", []) and first.get(name) in (None, "", []):
                first[name] = value
    return list(merged.values())


def build_graph(lines: Iterable[dict], overrides=None, kept: dict | None = None) -> KnowledgeGraph:
    """The knowledge graph of extraction ``lines`` (the dicts ``paperkg extract`` writes).

    Papers with the same ``key`` are merged; entities are resolved across papers
    (``paperkg.graph.resolve``); results become Result nodes; citations are added, explicit and inferred
    (``paperkg.graph.citations``). ``overrides`` is an ``Overrides``, a path to an overrides file, or its dict.
    ``kept``: what the corpus pass over ``lines`` kept for a later addition (``corpus_pass(..., kept=)``);
    without it, it is worked out again from the lines (``kg.tables``).
    """
    from paperkg.graph.overrides import Overrides

    overrides = Overrides.coerce(overrides)
    with paused_gc():
        return _build(lines, overrides, kept)


def _build(lines: Iterable[dict], overrides, kept: dict | None) -> KnowledgeGraph:
    lines = list(lines)
    kg = KnowledgeGraph()
    if kept is None:
        from paperkg.extractors.corpus import corpus_tables  # loads spaCy: only builds need it

        kept = corpus_tables(lines)
    kg.tables = kept
    lines = merge_duplicates(lines)
    kg.kept_lines = [{"key": line["key"], "entities": line.get("entities") or []} for line in lines]
    if overrides is not None and overrides.data:
        kg.meta["overrides"] = overrides.data
    for line in lines:
        _add_paper(kg, line)

    add_entities(kg, lines, overrides)

    cache: dict = {}  # (key space, name key) -> entity ids, for results naming what the paper did not list
    for line in lines:
        _add_code(kg, line)
        _add_results(kg, line, cache)
    _add_authors(kg, lines)
    add_citations(kg, lines, overrides)
    _sort_lists(kg)
    return kg


def line_occurrences(line: dict, known) -> tuple[list[Occurrence], list[tuple[str, dict]]]:
    """The occurrences of one line's entities (retyped and split as resolution needs them), each with its
    ``(paper key, entity)``: what a line contributes to resolution, the same whether built whole or added."""
    occurrences: list[Occurrence] = []
    originals: list[tuple[str, dict]] = []
    pid = paper_id(line["key"])
    for entity in named_as_data(line.get("entities", ()), known):
        if entity.get("type") not in TYPE_SPACE or not entity.get("name"):
            continue
        space, gazetteer = TYPE_SPACE[entity["type"]], entity.get("gazetteer")
        # a listed task or model is not data (nor a task a method); the extractor's gazetteer id may itself
        # be another kind's entry (VPR's task entry on a "dataset"); a method the paper proposes stays its
        # method ("PReference Optimization (PRO)" is no task). Retyped first, split by its new kind's rules.
        other = None if gazetteer and known.form_of(space, gazetteer) or entity.get("proposed") else retype(
            space, occurrence_name([entity["name"], *entity.get("aliases", ())], None), known)
        if other:
            entity = {**entity, "type": other, "proposed": False, "introduced": False}
            space = TYPE_SPACE[other]
        for part in split_entity(space, entity, known):
            name = occurrence_name(part["forms"], part["gazetteer"])
            gazetteer = part["gazetteer"] or known.listed_as(space, name)  # K-400 is K400 = Kinetics-400
            occurrences.append(Occurrence(
                paper=pid, type=entity["type"], name=name, forms=part["forms"], gazetteer=gazetteer,
                own=part["own"], mentions=part["mentions"], listed=gazetteer != part["gazetteer"],
                evaluated=entity.get("evaluated", True) is not False,
            ))
            originals.append((line["key"], entity))
    return occurrences, originals


def add_entities(kg: KnowledgeGraph, lines: list[dict], overrides, keep=None, find_occurrences=None) -> None:
    """Resolve the entities of ``lines`` (whose Paper nodes ``kg`` has) into nodes and Paper -> entity edges;
    what overrides block goes to ``kg.meta["blocked"]``. ``keep(occurrence)``, when given, says which of the
    papers' occurrences (merged within each paper) take part: an addition resolves only the keys it touches.
    ``find_occurrences(line, known)``: ``line_occurrences``, or a caller's store of them."""
    found_in = find_occurrences or line_occurrences
    occurrences: list[Occurrence] = []
    originals: list[tuple[str, dict]] = []  # (paper key, entity) of each occurrence, to keep what overrides block
    known = shipped()
    for line in lines:
        found, where = found_in(line, known)
        occurrences += found
        originals += where
    occurrences, grouped = merge_within_papers(occurrences, originals)
    if keep is not None:
        taken = [n for n, occ in enumerate(occurrences) if keep(occ)]
        occurrences, grouped = [occurrences[n] for n in taken], [grouped[n] for n in taken]
    separate_expansions(occurrences, known)
    dates = {paper: when(kg.nx.nodes[paper]) for paper in {occ.paper for occ in occurrences}}
    separate_homonyms(occurrences, known, dates.get)
    separate_casings(occurrences, known)
    entities, entity_of = resolve(occurrences, overrides)
    if overrides is not None and overrides.needs_second_pass:
        overrides.bind(occurrences, entity_of)
        entities, entity_of = resolve(occurrences, overrides)
    prior = first_owners(kg, entities, occurrences, known)
    for entity in entities:
        kg.add_node(entity.id, entity.label, entity.name, aliases=entity.aliases,
                    surface_forms=entity.surface_forms, papers=entity.papers,
                    ambiguous=True if entity.ambiguous else None)
    blocked: dict[str, list[dict]] = {}
    phrases: dict[str, list[dict]] = defaultdict(list)
    for n, (occ, target, group) in enumerate(zip(occurrences, entity_of, grouped)):
        if target is not None:
            _add_entity_edge(kg, occ, target, prior.get(n))
        elif occ.withheld:
            phrases[occ.paper].append({"name": occ.name, "mentions": occ.mentions,
                                       "aliases": [f for f in dict.fromkeys(occ.forms) if f != occ.name]})
        else:  # kept so a later build without that block gets it back (see lines_from_graph)
            kept = blocked.setdefault(group[0][0], [])
            kept.extend(entity for _, entity in group if not any(entity is k for k in kept))
    if blocked:
        kg.meta["blocked"] = blocked
    for pid, entities in phrases.items():
        kg.nx.nodes[pid].update(phrase_properties(entities))


#: The Paper properties that keep the task phrases making no node (``resolve.withheld_task``).
PHRASE_PROPERTIES = ("task_phrases", "task_phrase_details")


def phrase_properties(entities: list[dict]) -> dict[str, list[str]]:
    """A Paper node's ``task_phrases`` (sorted names) and, in the same order, each one's aliases and mentions as
    JSON text (``task_phrase_details``: a later addition that makes it a node builds what a full build builds), of
    task entities (``name``, ``aliases``, ``mentions``; ``lines.phrase_entities`` reads them back)."""
    by_name = {e["name"]: e for e in entities}
    names = sorted(by_name)
    details = [json.dumps({"aliases": by_name[n]["aliases"], "mentions": by_name[n]["mentions"]},
                          ensure_ascii=False, separators=(",", ":")) for n in names]
    return {"task_phrases": names, "task_phrase_details": details}


def _add_paper(kg: KnowledgeGraph, line: dict) -> None:
    props: dict[str, Any] = {f: line[f] for f in PAPER_FIELDS if line.get(f) not in (None, "", [])}
    authors = [a["name"] for _, a in paper_authors(line)]
    pages = [e["name"] for e in line.get("entities", ()) if e.get("type") == "project_page" and e.get("name")]
    kg.add_node(
        paper_id(line["key"]), Label.PAPER, line.get("title") or line["key"], **props,
        authors=authors or None,
        project_pages=list(dict.fromkeys(pages)) or None,
        sources=list(line.get("sources", ())) or None,
    )


def _mention_props(mentions: list[dict]) -> dict[str, Any]:
    spans: list[int] = []
    rules: list[str] = []
    surface: list[str] = []
    for m in mentions:
        spans.append(int(m.get("start", 0)))
        spans.append(int(m.get("end", 0)))
        rules.append(str(m.get("rule", "")))
        surface.append(str(m.get("text", "")))
    return {"rules": rules, "spans": spans, "surface": surface, "count": max(len(mentions), 1)}


def first_owners(kg: KnowledgeGraph, entities, occurrences: list[Occurrence], known) -> dict[int, str]:
    """Occurrences that claim a method (dataset) as the paper's own when it is not: ``{index: prior}``.

    A method or dataset that existed before any corpus (a shipped gazetteer or ``prior_methods.txt`` lists it,
    or it is a size variant of a listed family: ``known.existed_before``; or the paper writes a listed acronym
    with its listed expansion respelt: ``known.respelt``) keeps no claim (``prior = "gazetteer"``), except in
    the paper it comes from (``_original``), which a name only ``prior_methods.txt`` lists has none in the
    corpora. Otherwise a paper cannot make what an older paper already names: a claim is kept by the
    papers of the earliest date that claim it (later claimants get the first claimant's id), and among those
    only when no older paper names it, or the paper's title is the name ("Qwen3-VL Technical Report" names what
    older papers used before its report); else ``prior`` is the oldest paper naming it. An older paper that
    wrote only an acronym the claimant also wrote counts when two such papers do (one may mean another thing).
    Such papers MENTION (EVALUATE_ON) it, keeping ``prior`` on the edge. Undated papers keep their claim
    (there is nothing to order them by).
    """
    prior: dict[int, str] = {}
    for entity in entities:
        owners = [i for i in entity.occurrences if occurrences[i].own]
        if not owners:
            continue
        space = occurrences[owners[0]].space
        if space not in ("method", "data"):
            continue
        name = _listed_name(known, space, entity.name, [occurrences[i] for i in owners])
        new_thing = all(occurrences[i].apart for i in owners)  # a homonym of a listed name is not the listed one
        if not new_thing and (known.existed_before(space, name) or any(
                known.form_of(space, occurrences[i].gazetteer) for i in entity.occurrences if occurrences[i].gazetteer)):
            dates = [when(kg.nx.nodes[p]) for p in entity.papers]
            only_prior = known.prior_only(space, name)  # 'Small Language Models: Architectures, ...' surveys them
            prior.update((i, "gazetteer") for i in owners
                         if only_prior or not _original(kg, occurrences[i], dates, known.family(space, name)))
            continue
        respelt = [i for i in owners if not new_thing and known.respelt(space, occurrences[i].forms)]  # CBAM
        prior.update((i, "gazetteer") for i in respelt)
        owners = [i for i in owners if i not in respelt]
        dated = sorted((when(kg.nx.nodes[occurrences[i].paper]), occurrences[i].paper, i) for i in owners
                       if when(kg.nx.nodes[occurrences[i].paper]))
        if not dated:
            continue
        first_date, first_paper, _ = dated[0]
        prior.update((i, first_paper) for date, _, i in dated if older(first_date, date))
        namers = sorted((when(kg.nx.nodes[occurrences[j].paper]), occurrences[j].paper, j) for j in entity.occurrences
                        if not occurrences[j].own and when(kg.nx.nodes[occurrences[j].paper]))
        for date, _, i in dated:
            if i in prior or _titled(kg, occurrences[i]):
                continue
            before = [(p, j) for d, p, j in namers if older(d, date)]
            if _names_it(space, occurrences[i], [occurrences[j] for _, j in before]):
                prior[i] = before[0][0]
    for i in prior:
        occurrences[i].own = False
    return prior


def _listed_name(known, space: str, name: str, claims: list[Occurrence]) -> str:
    """The name a claimed entity is listed by as older than the corpora: its own, or a long form a claim writes
    it with ("a self-attention (SA) constraint", "instruction-tuning (IT) data": the entity is named SA, IT, the
    lists hold the long forms); ``name`` when none is listed."""
    if known.existed_before(space, name):
        return name
    longs = (f for claim in claims for f in claim.forms if not is_acronym(f))
    return next((f for f in longs if known.existed_before(space, f)), name)


def _names_it(space: str, claim: Occurrence, older: list[Occurrence]) -> bool:
    """Whether older papers' occurrences name what ``claim`` does: one sharing a form that is not a bare
    acronym, or two sharing an acronym."""
    forms = {space_key(space, f): _capitals(f) for f in claim.forms}
    shared = [[forms[k] for k in {space_key(space, f) for f in o.forms} if k in forms] for o in older]
    return any(s and not all(s) for s in shared) or sum(bool(s) for s in shared) >= 2


def _capitals(form: str) -> bool:
    """An acronym in capitals (``CMR``, ``MAD-2``): the kind of name unrelated papers reuse."""
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 6 and all(c.isupper() for c in letters)


def _titled(kg: KnowledgeGraph, occ: Occurrence, family: str | None = None) -> bool:
    """Whether the paper's title names what it claims: its head before a colon, or the whole title (maybe
    before "Technical Report"), is one of its forms (or the family of a size variant)."""
    head = _REPORT.sub("", kg.nx.nodes[occ.paper].get("title", "").partition(":")[0].strip())
    return space_key(occ.space, head) in {space_key(occ.space, f) for f in (*occ.forms, family) if f}


def _original(kg: KnowledgeGraph, occ: Occurrence, dates: list[str | None], family: str | None = None) -> bool:
    """Whether a paper is where a listed method (dataset) comes from, should the corpus hold it ("NeuS: Learning
    Neural Implicit Surfaces ..."): its title names it (``_titled``), and no paper naming it is older."""
    if not _titled(kg, occ, family):
        return False
    mine = when(kg.nx.nodes[occ.paper])
    return not any(d and mine and older(d, mine) for d in dates)


def _add_entity_edge(kg: KnowledgeGraph, occ: Occurrence, target: str, prior: str | None = None) -> None:
    """Paper -> entity, with provenance; two entities of one paper that resolve to one node share the edge."""
    rel = ENTITY_REL[(occ.type, occ.own, occ.evaluated or occ.own or prior is not None or occ.space != "data")]
    data = kg.nx.get_edge_data(occ.paper, target, key=rel)
    if data is None:
        props = _mention_props(occ.mentions)
        props["names"] = list(occ.forms)
        if occ.gazetteer and not occ.listed:  # the extractor's match (a rebuild finds the listing again)
            props["gazetteer"] = occ.gazetteer
        if occ.type in ("dataset", "benchmark"):
            props["as"] = occ.type
        if prior:
            props["prior"] = prior
        kg.add_edge(occ.paper, target, rel, **props)
        return
    if prior and "prior" not in data:
        data["prior"] = prior
    more = _mention_props(occ.mentions)
    for k in ("rules", "spans", "surface"):
        if more[k]:
            data[k] = data.get(k, []) + more[k]
    data["count"] = max(len(data.get("rules", ())), 1)
    if occ.gazetteer and not occ.listed and "gazetteer" not in data:
        data["gazetteer"] = occ.gazetteer
        data["names"] = list(dict.fromkeys([*occ.forms, *data["names"]]))  # its name first: it names the node
    else:
        data["names"] = list(dict.fromkeys([*data["names"], *occ.forms]))
    if occ.type == "benchmark" and "as" in data:
        data["as"] = "benchmark"  # called both in one paper: a benchmark (as the annotation rules say)


def repo_id(name: str) -> tuple[str, str, str] | None:
    """``(node id, name, host)`` of a code link ``host/owner/repo`` (hosts and paths compared case-blind)."""
    match = _REPO.match(name.strip())
    if not match:
        return None
    host, path = match.group(1).lower(), match.group(2).removesuffix(".git")
    name = f"{host}/{path}"
    return node_id(Label.REPOSITORY, name.lower()), name, host


def _add_code(kg: KnowledgeGraph, line: dict) -> None:
    pid = paper_id(line["key"])
    for entity in line.get("entities", ()):
        if entity.get("type") != "code" or not entity.get("name"):
            continue
        found = repo_id(entity["name"])
        if found is None:
            continue
        rid, name, host = found
        if rid not in kg.nx:
            kg.add_node(rid, Label.REPOSITORY, name, url=f"https://{name}", host=host)
        papers = kg.nx.nodes[rid].setdefault("papers", [])
        if pid not in papers:
            papers.append(pid)
        props = _mention_props(entity.get("mentions") or [])
        props["names"] = [entity["name"]]
        old = kg.nx.get_edge_data(pid, rid, key=_HAS_CODE)
        if old is None:
            kg.add_edge(pid, rid, Rel.HAS_CODE, **props)
        else:
            for k in ("rules", "spans", "surface"):
                if props[k]:
                    old[k] = old.get(k, []) + props[k]
            old["count"] = max(len(old.get("rules", ())), 1)
            old["names"] = list(dict.fromkeys([*old["names"], entity["name"]]))


def _entity_lookup(kg: KnowledgeGraph, pid: str) -> dict[tuple[str, str], str]:
    """This paper's entities by (key space, name key) of every form it wrote."""
    found: dict[tuple[str, str], str] = {}
    for _, target, rel, data in kg.nx.out_edges(pid, keys=True, data=True):
        space = _PREFIX_SPACE.get(target.split(":", 1)[0]) if rel in _ENTITY_RELS else None
        if space:
            for form in [kg.nx.nodes[target]["name"], *data.get("names", ())]:
                found.setdefault((space, space_key(space, form)), target)
    return found


def _resolve_global(kg: KnowledgeGraph, space: str, text: str, cache: dict) -> str | None:
    """The one entity anywhere in the graph named ``text`` (for results naming what the paper did not list)."""
    if not cache:
        for nid, attrs in kg.nx.nodes(data=True):
            prefix = nid.split(":", 1)[0]
            if prefix in ("method", "data", "task", "metric"):
                for form in (attrs["name"], *attrs.get("aliases", ())):
                    cache.setdefault((prefix, space_key(prefix, form)), set()).add(nid)
    ids = cache.get((space, space_key(space, text)), set())
    return next(iter(ids)) if len(ids) == 1 else None


def _add_results(kg: KnowledgeGraph, line: dict, cache: dict) -> None:
    results = line.get("results") or []
    if not results:
        return
    pid = paper_id(line["key"])
    local = _entity_lookup(kg, pid)
    for n, result in enumerate(results):
        rid = node_id(Label.RESULT, f"{line['key']}:{n}")
        fields = {k: str(result[k]) for k in ("method", "dataset", "metric", "value")
                  if result.get(k) not in (None, "")}
        name = " ".join(fields.get(k, "") for k in ("method", "dataset", "metric", "value") if fields.get(k))
        kg.add_node(rid, Label.RESULT, name or rid, paper=pid, **fields)
        props: dict[str, Any] = {}
        if "start" in result and "end" in result:
            props.update(spans=[int(result["start"]), int(result["end"])], count=1)
        if result.get("rule"):
            props["rules"] = [str(result["rule"])]
        kg.add_edge(pid, rid, Rel.HAS_RESULT, **props)
        for field_name, space, rel in (("method", "method", Rel.RESULT_OF), ("dataset", "data", Rel.RESULT_ON),
                                      ("metric", "metric", Rel.MEASURED_BY)):
            text = fields.get(field_name)
            if not text:
                continue
            target = local.get((space, space_key(space, text))) or _resolve_global(kg, space, text, cache)
            if target is not None:
                kg.add_edge(rid, target, rel)


def author_key(author: dict) -> str:
    """ORCID, else the source's author id, else the normalised name: ``name:yang-liu``."""
    if author.get("orcid"):
        return "orcid:" + str(author["orcid"]).rsplit("/", 1)[-1]
    if author.get("source_id"):
        return "src:" + str(author["source_id"])
    return "name:" + "-".join(re.findall(r"\w+", str(author.get("name", "")).casefold()))


def paper_authors(line: dict) -> list[tuple[str, dict]]:
    """``(key, author)`` of the line's authors that have a name, each author once (the first of repeats)."""
    seen: set[str] = set()
    authors = []
    for author in line.get("authors", ()):
        if author.get("name"):
            key = author_key(author)
            if key not in seen:
                seen.add(key)
                authors.append((key, author))
    return authors


def _add_authors(kg: KnowledgeGraph, lines: list[dict]) -> None:
    papers: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        pid = paper_id(line["key"])
        for position, (key, author) in enumerate(paper_authors(line)):
            aid = "author:" + key
            if aid not in kg.nx:
                kg.add_node(aid, _AUTHOR, author["name"], orcid=author.get("orcid"),
                            source_id=author.get("source_id"))
            papers[aid].append(pid)
            kg.add_edge(aid, pid, _WROTE, position=position)
    for aid, pids in papers.items():
        kg.nx.nodes[aid]["papers"] = pids


def _sort_lists(kg: KnowledgeGraph) -> None:
    for nid, attrs in kg.nx.nodes(data=True):
        if attrs["label"] in (_REPOSITORY, _AUTHOR):
            attrs["papers"] = sorted(attrs.get("papers", ()))
