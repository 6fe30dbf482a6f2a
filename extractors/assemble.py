"""``paperkg_assemble``: the span groups, abbreviations and links merged into ``doc._.entities``.

One entity per real thing: mentions sharing a gazetteer id, a normalised name, or an abbreviation pair
(long form + acronym) are one entity, named by the gazetteer's canonical name or the long form, with every
other surface form in ``aliases``. A proposed method is one entity with ``proposed: true`` (its mentions are
not repeated as a plain method). A dataset or benchmark is ``evaluated`` when one of its mentions is in a
sentence where the paper evaluates on it (not only background: "as shown on many datasets, such as MNIST").
A name found as data, metric or task is not also a method.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from .context import drop_context
from .extensions import DATA, METHOD, METRIC, TASK, doc_text, doc_value, set_doc_value, span_chars, span_values
from .gazetteer import norm

# When one name is found by several components, the first kind here keeps it.
PRIORITY = ("dataset", "benchmark", "metric", "task", "method")


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    """The name's normalised key, a plural s taken off; a capital S after capitals is a letter of an acronym
    (``CLIPS`` is not ``CLIP``s)."""
    key = norm(name)
    plural = key.endswith("s") and not key.endswith("ss") and not (name.endswith("S") and name[-2:-1].isupper())
    return key[:-1] if len(key) > 4 and plural else key


@Language.factory("paperkg_assemble", requires=["doc.spans", "doc._.abbreviations", "doc._.links"],
                  assigns=["doc._.entities"])
def make_assemble(nlp: Language, name: str):
    return assemble


def assemble(doc):
    text = doc_text(doc)
    # acronym -> long form, from the abbreviation pairs
    long_of: dict[str, str] = {}
    short_of: dict[str, str] = {}
    for long_form, short in doc_value(doc, "abbreviations") or []:
        ls, le = span_chars(long_form)
        ss, se = span_chars(short)
        long_of.setdefault(_key(text[ss:se]), text[ls:le])
        short_of.setdefault(_key(text[ls:le]), text[ss:se])

    entities: dict[tuple[str, str], dict] = {}   # (kind group, key) -> entity
    alias_owner: dict[tuple[str, str], tuple[str, str]] = {}

    def group_of(kind: str) -> str:
        return "data" if kind in ("dataset", "benchmark") else kind

    for group_key, kind_of in ((DATA, None), (METRIC, "metric"), (TASK, "task"), (METHOD, "method")):
        if group_key not in doc.spans:
            continue
        for span in doc.spans[group_key]:
            values = span_values(span)
            kind = kind_of or span.label_ or "dataset"
            start, end = values["chars"] or (span.start_char, span.end_char)
            surface = text[start:end]
            canonical = values["canonical"] or surface
            keys = [_key(canonical), _key(surface)]
            if values["gazetteer"]:
                keys.insert(0, "gaz:" + values["gazetteer"])
            long_form = long_of.get(_key(surface))
            if long_form:
                keys.append(_key(long_form))
            group = group_of(kind)
            # a name already taken by a kind of higher priority stays there
            owner = next((alias_owner[(g, k)] for g in ("data", "metric", "task", "method") for k in keys
                          if (g, k) in alias_owner), None)
            if owner is not None and owner[0] != group:
                if PRIORITY.index(entities[owner]["type"]) <= PRIORITY.index(kind):
                    _add_mention(entities[owner], surface, start, end, values)
                    continue
            if owner is None:
                owner = (group, keys[0])
                name = canonical
                if long_form and kind == "method" and _key(surface) == _key(canonical):
                    name = long_form
                entities[owner] = _new_entity(kind, name, values)
            entity = entities[owner]
            if kind == "benchmark" and entity["type"] == "dataset":
                entity["type"] = "benchmark"
            for k in keys:
                alias_owner.setdefault((group, k), owner)
            for form in (canonical, surface, long_form):
                if form:
                    alias_owner.setdefault((group, _key(form)), owner)
            _add_mention(entity, surface, start, end, values)

    out = []
    for entity in entities.values():
        names = {_key(entity["name"])}
        aliases = []
        for form in entity.pop("_forms"):
            if _key(form) not in names:
                names.add(_key(form))
                aliases.append(form)
            elif form != entity["name"] and form not in aliases and form.lower() != entity["name"].lower():
                aliases.append(form)
        for form in [entity["name"]] + aliases:
            short = short_of.get(_key(form))
            if short and _key(short) not in names:  # the acronym of a long form found (its uses need no span)
                names.add(_key(short))
                aliases.append(short)
        entity["aliases"] = aliases
        entity["mentions"].sort(key=lambda m: (m["start"], m["end"]))
        out.append(entity)
    for link in _links(doc):
        out.append(link)
    set_doc_value(doc, "entities", out)
    drop_context(doc)  # the context holds the gazetteer: keep Docs light to pickle
    return doc


def _new_entity(kind: str, name: str, values: dict) -> dict:
    entity = {"type": kind, "name": name, "aliases": []}
    if kind == "method":
        entity["proposed"] = False
    elif kind in ("dataset", "benchmark"):
        entity["introduced"] = False
        entity["evaluated"] = False
    if values["gazetteer"]:
        entity["gazetteer"] = values["gazetteer"]
    entity["mentions"] = []
    entity["_forms"] = [name]
    return entity


def _add_mention(entity: dict, surface: str, start: int, end: int, values: dict) -> None:
    if any(m["start"] == start and m["end"] == end for m in entity["mentions"]):
        return
    mention = {"start": start, "end": end, "text": surface, "rule": values["rule"] or "unknown"}
    if values.get("folded"):
        mention["folded"] = True  # this paper's word for the entity, not one of its names in the graph
    entity["mentions"].append(mention)
    if surface not in entity["_forms"]:
        entity["_forms"].append(surface)
    if values["canonical"] and values["canonical"] not in entity["_forms"]:
        entity["_forms"].append(values["canonical"])
    if entity["type"] == "method" and values["proposed"]:
        entity["proposed"] = True
    if entity["type"] in ("dataset", "benchmark") and values["introduced"]:
        entity["introduced"] = True
    if "evaluated" in entity and values.get("evaluated"):
        entity["evaluated"] = True  # the data rules say, per sentence
    if values["gazetteer"] and "gazetteer" not in entity:
        entity["gazetteer"] = values["gazetteer"]


def _links(doc) -> list[dict]:
    """Code links and project pages, one entity per normalised URL."""
    by_name: dict[tuple[str, str], dict] = {}
    for link in doc_value(doc, "links") or []:
        key = (link["type"], link["name"])
        entity = by_name.setdefault(key, {"type": link["type"], "name": link["name"], "mentions": []})
        entity["mentions"].append({"start": link["start"], "end": link["end"],
                                   "text": doc_text(doc)[link["start"]:link["end"]], "rule": link.get("rule", "link")})
    return list(by_name.values())
