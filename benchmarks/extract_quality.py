"""Extraction quality: the dev tables (the four files) and two public sets paperkg was not tuned on.

    .venv/bin/python benchmarks/extract_quality.py            # prints the tables, writes extract_quality.json
    .venv/bin/python benchmarks/extract_quality.py --gazetteer ../shared/data/datafinder-pwc/pwc_datasets_collection.jsonl

- dev.jsonl, dev_arxiv.jsonl, dev2.jsonl, dev2_arxiv.jsonl: ``../shared/eval/score.py`` per kind (P, R, F1).
- TDMSci test sentences: exact character spans per type (DATASET, METRIC, TASK), P/R/F1.
- DataFinder test abstracts: paper-level precision and recall of dataset names (normalised) against the
  labels, and the recall ceiling (labels whose name occurs in the abstract at all).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = Path(__file__).with_suffix(".json")
DEV_FILES = ("dev", "dev_arxiv", "dev2", "dev2_arxiv")
KINDS = ["proposed", "method", "dataset", "benchmark", "data", "task", "metric", "code", "project_page", "result"]
TDM_TYPES = {"dataset": "DATASET", "benchmark": "DATASET", "metric": "METRIC", "task": "TASK"}


def norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", s.lower())


def dev_scores(name: str, gazetteer) -> dict:
    from paperkg.extractors import extract
    from paperkg.models import PaperRecord

    gold = SHARED / "eval" / f"{name}.jsonl"
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    records = [PaperRecord(key=f"id:{r['n']}", title=r["title"], abstract=r["abstract"]) for r in rows]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for line in extract(records, gazetteer=gazetteer):
            fh.write(json.dumps(line) + "\n")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), fh.name, "--json"],
                         capture_output=True, text=True, check=True)
    Path(fh.name).unlink()
    return json.loads(out.stdout)["scores"]


def read_conll(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """TDMSci sentences: (text, gold spans (start, end, TYPE)) with offsets into the rebuilt sentence."""
    sentences, tokens = [], []
    for raw in path.open(encoding="utf-8"):
        raw = raw.rstrip("\n")
        if not raw.strip():
            if tokens:
                sentences.append(tokens)
            tokens = []
            continue
        token, offset, tag = raw.split("\t")
        tokens.append((token, int(offset), tag))
    if tokens:
        sentences.append(tokens)
    out = []
    for tokens in sentences:
        base = tokens[0][1]
        text, spans, current = "", [], None
        for token, offset, tag in tokens:
            pos = max(len(text), offset - base)
            text += " " * (pos - len(text)) + token
            start, end = pos, pos + len(token)
            if tag.startswith("B-"):
                current = [start, end, tag[2:]]
                spans.append(current)
            elif tag.startswith("I-") and current is not None and current[2] == tag[2:]:
                current[1] = end
            else:
                current = None
        out.append((text, [tuple(s) for s in spans]))
    return out


def tdmsci(nlp) -> dict:
    sentences = read_conll(SHARED / "data" / "tdmsci" / "test_500_v2.conll")
    from paperkg.extractors import analysed_text

    counts = {t: [0, 0, 0] for t in ("DATASET", "METRIC", "TASK")}  # tp, predicted, gold
    for text, gold in sentences:
        analysed = analysed_text("", text)
        shift = analysed.index(text[:20]) if text[:20] in analysed else 1
        doc = nlp(analysed)
        predicted = set()
        for entity in doc._.entities:
            kind = TDM_TYPES.get(entity["type"])
            if kind:
                predicted.update((m["start"] - shift, m["end"] - shift, kind) for m in entity["mentions"])
        gold = set(gold)
        for kind in counts:
            p = {s for s in predicted if s[2] == kind}
            g = {s for s in gold if s[2] == kind}
            counts[kind][0] += len(p & g)
            counts[kind][1] += len(p)
            counts[kind][2] += len(g)
    return {kind: prf(*c) for kind, c in counts.items()}


def prf(tp: int, predicted: int, gold: int) -> dict:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "predicted": predicted, "gold": gold}


def datafinder(gazetteer) -> dict:
    from paperkg.extractors import extract
    from paperkg.models import PaperRecord

    rows = [json.loads(l) for l in (SHARED / "data" / "datafinder-pwc" / "test_abstracts_datasets.jsonl").open()]
    records = [PaperRecord(key=f"id:{i}", title="", abstract=r["abstract"]) for i, r in enumerate(rows)]
    tp_p = n_pred = tp_g = n_gold = in_text = 0
    for row, line in zip(rows, extract(records, gazetteer=gazetteer)):
        labels = {norm(d) for d in row["documents"]}
        abstract = norm(row["abstract"])
        in_text += sum(1 for l in labels if l and l in abstract)
        predicted = [{norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
                     for e in line["entities"] if e["type"] in ("dataset", "benchmark")]
        n_pred += len(predicted)
        tp_p += sum(1 for forms in predicted if forms & labels)
        n_gold += len(labels)
        tp_g += sum(1 for l in labels if any(l in forms for forms in predicted))
    return {"precision": round(tp_p / n_pred, 3) if n_pred else 0.0, "recall": round(tp_g / n_gold, 3),
            "recall_ceiling": round(in_text / n_gold, 3), "labels": n_gold, "labels_in_text": in_text,
            "predicted": n_pred}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", action="append", help="a user gazetteer added to paperkg's own lists")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {OUT.name}")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED} is absent: nothing to measure", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from paperkg.extractors import load

    started = time.time()
    result = {"gazetteer": args.gazetteer or []}
    for name in DEV_FILES:
        scores = dev_scores(name, args.gazetteer)
        result[name] = {k: scores[k] for k in KINDS}
        print(f"\n{name}.jsonl{'  (+' + ', '.join(args.gazetteer) + ')' if args.gazetteer else ''}")
        print(f"{'kind':<14}{'P':>7}{'R':>7}{'F1':>7}")
        for kind in KINDS:
            s = scores[kind]
            print(f"{kind:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}")
    result["tdmsci_test"] = tdmsci(load(args.gazetteer))
    print("\nTDMSci test (exact spans)")
    for kind, s in result["tdmsci_test"].items():
        print(f"{kind:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}")
    df = result["datafinder_test"] = datafinder(args.gazetteer)
    print(f"\nDataFinder test (paper-level datasets): P {df['precision']:.3f}  R {df['recall']:.3f}  "
          f"(recall ceiling {df['recall_ceiling']:.3f}: {df['labels_in_text']} of {df['labels']} labels "
          f"occur in their abstract)")
    print(f"\n{time.time() - started:.1f} s")
    if not args.no_write and not args.gazetteer:
        from paperkg.io import atomic_write

        with atomic_write(OUT) as fh:
            fh.write(json.dumps(result, indent=1) + "\n")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
