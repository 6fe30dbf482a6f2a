"""`paperkg show`: one node with its aliases, properties and relations, and where each was read."""

from __future__ import annotations

import argparse
from collections import defaultdict

from paperkg.errors import PaperkgError
from paperkg.graph.provenance import sentences
from paperkg.graph.store import KnowledgeGraph

EXAMPLES = """examples:
  paperkg show ImageNet                 (by name or alias, case and punctuation ignored)
  paperkg show method:federatedorthogonaltraining
  paperkg show arxiv:2503.11731         (a paper by key, id or title)
  paperkg show FOT --limit 0            (every relation, 0 = no limit)"""

#: Properties printed in the node's header rather than as a list.
_LONG = ("abstract",)


def register(subparsers):
    parser = subparsers.add_parser(
        "show", help="show one node: aliases, properties, relations with provenance",
        description="Show one node of the graph, named by id, name, alias, paper key or title: its properties, "
                    "then its relations grouped by type with the rule, the forms written and the sentence.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("node", metavar="NODE", help="node id, name, alias, paper key or title")
    parser.add_argument("-g", "--graph", default="graph.db", help="graph file (default: graph.db)")
    parser.add_argument("--limit", type=int, default=20, metavar="N",
                        help="relations shown per type and direction (default: 20; 0 = all)")
    parser.set_defaults(run=run)


def _short(value, width: int = 100) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(kg: KnowledgeGraph, node_id: str, limit: int = 20) -> list[str]:
    """The lines ``paperkg show`` prints for ``node_id``."""
    attrs = kg.node(node_id)
    out = [f"{attrs['name']}  [{attrs['label']}]  {node_id}"]
    for key, value in attrs.items():
        if key in ("id", "label", "name", "task_phrase_details"):
            continue
        if key in _LONG:
            out.append(f"  {key}: {_short(value, 300)}")
        elif isinstance(value, list) and key == "papers":
            out.append(f"  papers ({len(value)}): {_short(value)}")
        else:
            out.append(f"  {key}: {_short(value)}")
    groups: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for _, target, rel, data in kg.nx.out_edges(node_id, keys=True, data=True):
        groups[("->", rel)].append((target, data))
    for source, _, rel, data in kg.nx.in_edges(node_id, keys=True, data=True):
        groups[("<-", rel)].append((source, data))
    for (direction, rel), items in sorted(groups.items(), key=lambda g: (g[0][0] != "->", g[0][1])):
        out.append(f"{direction} {rel} ({len(items)})")
        items.sort(key=lambda item: (-item[1].get("count", 1), item[0]))
        for other, data in items[: limit or None]:
            name = kg.nx.nodes[other].get("name", other)
            extra = [f"{k}={_short(data[k], 60)}" for k in ("source", "as", "evidence", "position") if k in data]
            if data.get("rules"):
                extra.append("rules=" + _short(sorted(set(data["rules"])), 60))
            if data.get("surface"):
                extra.append("as written=" + _short(sorted(set(data["surface"])), 60))
            if data.get("count", 1) > 1:
                extra.append(f"x{data['count']}")
            out.append(f"   {_short(name, 70)}  ({other})" + (f"  {' '.join(extra)}" if extra else ""))
            paper = node_id if direction == "->" else other
            for sentence in sentences(kg.nx.nodes[paper], data.get("spans", []), limit=1):
                out.append(f"      \"{_short(sentence, 160)}\"")
        if limit and len(items) > limit:
            out.append(f"   ... {len(items) - limit} more (--limit 0 shows all)")
    return out


def phrase_papers(path, text: str) -> list[str]:
    """The papers of the graph file ``path`` that keep ``text`` as a task phrase (``task_phrases``: no node)."""
    from paperkg.graph.incremental import qualified
    from paperkg.graph.lines import phrase_entities, phrase_keys
    from paperkg.graph.names import space_key
    from paperkg.queries.partial import open_graph

    key = ("task", space_key("task", text))
    source = open_graph(path)
    if isinstance(source, KnowledgeGraph):
        return sorted(pid for pid, attrs in source.nx.nodes(data=True)
                      if any(key in phrase_keys(e) for e in phrase_entities(attrs)))
    with source as db:
        return sorted({pid for _, pid in db.lookup("phrase", [qualified(key)])})


def node_graph(path, text: str) -> tuple[KnowledgeGraph, list[str]]:
    """The ids ``text`` names in the graph file ``path``, and the part of the graph that shows the first one."""
    from paperkg.queries.partial import lookup, open_graph
    from paperkg.queries.reads import Hop, around

    source = open_graph(path)
    if isinstance(source, KnowledgeGraph):
        return source, source.lookup(text)
    with source as db:
        ids = lookup(db, text)
        kg = around(db, ids[:1], (Hop(),), full=True)
        kg.nx.add_nodes_from(db.nodes(ids[1:], light=True).items())
        return kg, ids


def run(args) -> int:
    kg, ids = node_graph(args.graph, args.node)
    if not ids:
        papers = phrase_papers(args.graph, args.node)
        if papers:
            more = f" and {len(papers) - 1} more papers" if len(papers) > 1 else ""
            raise PaperkgError(f"no node named {args.node!r} in {args.graph}: it is a task phrase kept on {papers[0]}"
                               f"{more} (a task phrase makes a node once two papers name it as a task)")
        raise PaperkgError(f"no node named {args.node!r} in {args.graph} (try an id such as data:cifar10, "
                           "a name, an alias or a paper title)")
    if len(ids) > 1:
        print(f"{args.node!r} names {len(ids)} nodes; showing the first, name another by id:")
        for node_id in ids:
            print(f"  {node_id}  [{kg.nx.nodes[node_id]['label']}]  {kg.nx.nodes[node_id]['name']}")
        print()
    print("\n".join(describe(kg, ids[0], args.limit)))
    return 0
