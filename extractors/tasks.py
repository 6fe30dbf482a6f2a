"""``paperkg_tasks``: the tasks a paper addresses, as short phrases in ``doc.spans["task"]`` (at most ~6).

Rules (each mention's ``rule``):
- ``title_task``: a phrase of the title ending in a task word ("... for Guided Depth Map Super-Resolution");
- ``task_context``: "X task(s)", "the task/problem of X", "tasks such as X, Y and Z";
- ``abbreviation``: a defined long form ending in a task word ("Scene Graph Generation (SGG)");
- ``gazetteer``: a known task phrase (common ones, like "pruning", only in the title or a task context).
"""

from __future__ import annotations

import re

from spacy.language import Language

from .extensions import DATA, METHOD, TASK, add_span, span_chars
from .gazetteer import cached_gazetteer, norm

MAX_TASKS = 6
HEAD = (r"(?:detection|segmentation|classification|categori[sz]ation|recognition|re-identification|estimation|"
        r"reconstruction|translation|synthesis|prediction|forecasting|tracking|captioning|answering|localization|"
        r"registration|restoration|enhancement|super-resolution|completion|editing|summarization|parsing|"
        r"retrieval|generation|compression|pruning|adaptation|generalization|understanding|reasoning|planning|"
        r"navigation|manipulation|modeling|modelling|clustering|inpainting|denoising|deblurring|matching|"
        r"grounding|counting|learning|fine-tuning|alignment|extraction|analysis|verification|identification|"
        r"assessment|inference|optimization|search|control|discovery|design|unlearning|distillation|"
        r"quantization|editing|animation|rendering|simulation|imputation|anomaly\s+detection)")
_PHRASE = rf"(?:[A-Za-z0-9][\w'-]*\s+){{0,4}}?{HEAD}"
_TITLE_TASK = re.compile(rf"\b(?:for|in|of|on|to|towards?|via|through|with|and|:)\s+((?:[A-Za-z0-9][\w'-]*\s+){{0,5}}?{HEAD})\b",
                         re.IGNORECASE)
_TASK_AFTER = re.compile(rf"\b({_PHRASE})\s+(?:tasks?|problems?|challenges?|benchmarks?)\b", re.IGNORECASE)
_TASK_OF = re.compile(rf"\b(?:task|problem|field|area)\s+of\s+({_PHRASE})\b", re.IGNORECASE)
_TASK_LIST = re.compile(
    rf"\btasks?\s*,?\s*(?:such\s+as|including|like|e\.g\.,?|namely|:)\s+((?:{_PHRASE})(?:\s*,\s*(?:and\s+|or\s+)?"
    rf"(?:{_PHRASE})|\s+(?:and|or)\s+(?:{_PHRASE})){{0,8}})", re.IGNORECASE)
_HEAD_END = re.compile(rf"{HEAD}$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:(?:a|an|the|our|their|its|this|these|efficient|effective|robust|accurate|fast|faster|"
                   r"scalable|improved|improving|better|general|generalized|unified|simple|novel|new|towards?|"
                   r"lightweight|light\s+weight|high-quality|high-fidelity|boosting|enhancing|advancing|"
                   r"rethinking|revisiting|understanding|improve|enable|enabling|various|diverse|downstream|"
                   r"several|multiple|many|other|both|all|most|challenging|complex|real-world|practical|"
                   r"and|or|of|for|in|on|to|with|via)\s+)+", re.IGNORECASE)
_BAD_WORDS = re.compile(r"(?i)\b(?:we|our|is|are|was|were|be|been|this|that|which|it|its|they|can|may|will|"
                        r"show|shows|propose|proposes|present|presents|paper|results?|method|methods|model|models|"
                        r"approach|framework|performance|state-of-the-art|experiments?|by|than)\b")
# "learning"/"analysis"/"optimization" alone are too vague to report as tasks
_TOO_VAGUE = {"learning", "analysis", "optimization", "search", "design", "control", "inference", "modeling",
              "modelling", "reasoning", "understanding", "generation", "matching", "alignment", "extraction",
              "fine-tuning", "adaptation", "planning", "discovery", "prediction", "estimation", "assessment",
              "simulation", "rendering", "deep learning", "machine learning", "representation learning",
              "end-to-end learning", "model learning", "training", "verification", "identification", "editing",
              "distillation", "pruning", "compression", "detection", "classification", "segmentation",
              "recognition", "retrieval", "tracking", "translation", "synthesis"}


def clean_task(phrase: str) -> str | None:
    """A task phrase without leading adjectives, or None when it is not a usable task name."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" -'")
    phrase = _LEAD.sub("", phrase)
    if not phrase or _BAD_WORDS.search(phrase) or phrase.lower() in _TOO_VAGUE or len(phrase.split()) > 6:
        return None
    return phrase


@Language.factory("paperkg_tasks", default_config={"gazetteer": []})
def make_tasks(nlp: Language, name: str, gazetteer: list[str]):
    return TaskFinder(gazetteer)


class TaskFinder:
    def __init__(self, gazetteer: list[str]):
        self.gazetteer = cached_gazetteer(gazetteer)

    def __call__(self, doc):
        text = doc.text
        title_end = text.find("\n")
        title_end = len(text) if title_end < 0 else title_end
        blocked = [(link["start"], link["end"]) for link in doc._.links or []]
        if DATA in doc.spans:
            blocked += [span_chars(s) for s in doc.spans[DATA]]
        if METHOD in doc.spans:  # a proposed method's long form is not a task
            blocked += [span_chars(s) for s in doc.spans[METHOD] if s._.proposed or s.label_ == "method"
                        and s._.rule in ("abbreviation", "proposal", "title_colon")]
        candidates: list[tuple[int, int, int, str]] = []  # (priority, start, end, rule)

        def consider(start, end, rule, priority):
            phrase = text[start:end]
            cleaned = clean_task(phrase)
            if cleaned is None:
                return
            start = start + phrase.find(cleaned)
            end = start + len(cleaned)
            if not any(s < end and start < e for s, e in blocked):
                candidates.append((priority, start, end, rule))

        for m in _TITLE_TASK.finditer(text, 0, title_end):
            consider(m.start(1), m.end(1), "title_task", 0)
        for long_form, _short in doc._.abbreviations or []:
            ls, le = span_chars(long_form)
            if _HEAD_END.search(text[ls:le]):
                consider(ls, le, "abbreviation", 1)
        for pattern in (_TASK_AFTER, _TASK_OF):
            for m in pattern.finditer(text, title_end):
                consider(m.start(1), m.end(1), "task_context", 2)
        for m in _TASK_LIST.finditer(text):
            for part in re.finditer(_PHRASE, m.group(1), re.IGNORECASE):
                consider(m.start(1) + part.start(), m.start(1) + part.end(), "task_context", 2)
        for match in self.gazetteer.finditer(text, ("task",)):
            in_title = match.start < title_end
            if match.needs_context and not in_title:
                continue
            candidates.append((1 if in_title else 3, match.start, match.end, "gazetteer"))

        # overlapping candidates: the best rule wins, then the longer phrase
        chosen: list[tuple[int, int, int, str]] = []
        for cand in sorted(candidates, key=lambda c: (c[0], c[1] - c[2])):
            if not any(c[1] < cand[2] and cand[1] < c[2] for c in chosen):
                chosen.append(cand)
        candidates = chosen
        # keep the best MAX_TASKS distinct tasks, every mention of them
        best: dict[str, int] = {}
        for priority, start, end, _rule in candidates:
            key = _task_key(text[start:end])
            best[key] = min(best.get(key, 9), priority)
        keep = set(sorted(best, key=lambda k: (best[k], -sum(1 for c in candidates if _task_key(text[c[1]:c[2]]) == k)))[:MAX_TASKS])
        seen: set[tuple[int, int]] = set()
        for priority, start, end, rule in sorted(candidates, key=lambda c: (c[1], c[0])):
            if _task_key(text[start:end]) in keep and (start, end) not in seen:
                seen.add((start, end))
                entry = self.gazetteer.by_form.get(text[start:end].lower(), [None])[0]
                add_span(doc, TASK, start, end, "task", rule,
                         canonical=entry.canonical if entry and entry.kind == "task" else text[start:end].lower()
                         if not re.search(r"[A-Z]{2}", text[start:end]) else text[start:end],
                         gazetteer=entry.id if entry and entry.kind == "task" else None)
        if TASK not in doc.spans:
            doc.spans[TASK] = []
        return doc


def _task_key(phrase: str) -> str:
    key = norm(phrase)
    return key[:-1] if key.endswith("s") and len(key) > 5 else key
