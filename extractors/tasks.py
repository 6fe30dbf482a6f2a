"""``paperkg_tasks``: the tasks a paper addresses, as short phrases in ``doc.spans["task"]`` (at most ~6).

A task phrase ends in a task word ("detection", "segmentation", "learning", ...) and takes the modifiers
before it ("weakly supervised semantic segmentation"), never a preposition, verb or determiner. Rules:
- ``title_task``: such a phrase in the title ("... for Guided Depth Map Super-Resolution");
- ``abbreviation``: a defined long form ending in a task word ("Scene Graph Generation (SGG)");
- ``task_context``: in the abstract, next to task words ("X tasks", "tasks such as X, Y and Z", "for X");
- ``gazetteer``: a known task phrase (common ones, like "pruning", only in the title or a task context).
Title tasks rank first, then abbreviations, contexts and the gazetteer; the first MAX_TASKS are kept.
"""

from __future__ import annotations

import re

from spacy.language import Language

from .extensions import DATA, METHOD, TASK, add_span, doc_lower, doc_text, span_chars
from .gazetteer import cached_gazetteer, doc_matches, norm

MAX_TASKS = 6
MAX_MODIFIERS = 4
HEADS = ("detection|segmentation|classification|categori[sz]ation|recognition|re-identification|estimation|"
         "reconstruction|translation|synthesis|prediction|forecasting|tracking|captioning|answering|localization|"
         "registration|restoration|enhancement|super-resolution|completion|editing|summarization|parsing|"
         "retrieval|generation|compression|pruning|adaptation|generalization|understanding|reasoning|planning|"
         "navigation|manipulation|modeling|modelling|clustering|inpainting|denoising|deblurring|matching|"
         "grounding|counting|learning|fine-tuning|alignment|extraction|analysis|verification|identification|"
         "assessment|search|discovery|unlearning|distillation|quantization|animation|"
         "rendering|imputation|interpolation|fitting|stylization|correspondence|comprehension|composition|"
         "recommendation|ranking|forecast|diagnosis|localisation|labeling|labelling|annotation|tagging")
# heads that name a task only in a title ("Algal Bloom Mapping", "Video Try-on", "... for Pansharpening")
TITLE_HEADS = ("filtering|mapping|fusion|processing|personalization|try-on|selection|simulation|pansharpening|"
               "guardrailing|erasure|steering|merging|slam|odometry|relighting|dehazing|deraining|matting|"
               "outpainting|spotting|grasping|captioning|diagnosis")
_TITLE_ONLY = set(TITLE_HEADS.split("|"))
_ANCHOR = re.compile(rf"(?<![\w-])(?:{HEADS}|{TITLE_HEADS})(?![\w-])")  # run on the lower-cased text
_HEAD_AT_END = re.compile(rf"(?:{HEADS})s?\Z")
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
_SPACES = re.compile(r"\s+")
_TWO_CAPS = re.compile(r"[A-Z]{2}")
_WORDS = re.compile(r"[\w'][\w'-]*|[^\w\s]")
_AFTER = re.compile(r"\s+(?:tasks?|problems?|challenges?|settings?|benchmarks?|applications?|scenarios?)\b",
                    re.IGNORECASE)
_BEFORE = re.compile(r"(?:\b(?:for|on|to|in|as|such\s+as|including|like|e\.g\.,?|i\.e\.,?|namely|tasks?|"
                     r"problems?|tackle|tackles|address|addresses|improve|improves|advance|advances|of)|:)\s*\Z",
                     re.IGNORECASE)
_TITLE_METHOD_AFTER = re.compile(r"\s+(?:for|via|with|using|by|through|based)\b", re.IGNORECASE)
_TITLE_METHOD_BEFORE = re.compile(r"\b(?:via|with|using|by|through)\s+\Z", re.IGNORECASE)
_SIBLING = re.compile(r"(?:,|\band\b|\bor\b|/)\s*(?:and\s+)?\Z", re.IGNORECASE)
# words that never belong to a task phrase (the phrase stops before them)
_STOP = set("""a an the this that these those our their its his her we they it is are was were be been being has
have had do does did can could may might will would should shall must not no of for on in to as at by with from
into onto over under via through than then and or but nor so yet both either neither each every all any some
such which who whom whose what when where while how why if whether also only very more most less least much many
few several various different diverse other others new novel existing current recent previous prior standard
typical conventional traditional classic classical popular common general generic specific particular important
key main major challenging difficult hard simple efficient effective robust accurate fast faster scalable
improved improving better best improve improves enable enables enabling towards toward using use uses used based
proposed propose proposes present presents presented introduce introduces introduced achieve achieves achieved
show shows shown demonstrate demonstrates demonstrated perform performs performed performing apply applied
applying study studies studied consider considered address addresses addressed tackle tackles solve solves
solving enhance enhances enhancing boost boosts boosting advance advances advancing leverage leverages
leveraging trained training learned achieving downstream like e.g i.e etc extensive comprehensive large-scale
high-quality high-fidelity state-of-the-art sota task tasks problem problems setting settings method methods
model models approach approaches framework frameworks network networks performance results paper work
successfully widely well significantly substantially conducive required requires require types type kind kinds
form forms variety range number set sets way ways step steps stage stages level levels unified unifying
foundations foundation towards only lightweight light weight one two three first second final optimize optimise
reduce reduces assess assesses support supports facilitate facilitates evaluate evaluates handle handles produce
produces capture captures correct real-time advanced expressive""".split())
_VERBISH = re.compile(r"(?i)^(?!(?:learning|reasoning|tracking|matching|ranking|clustering|editing|painting|inpainting|"
                      r"outpainting|modeling|modelling|scene|sensing|computing|imaging|mapping|understanding|"
                      r"grounding|planning|labeling|tagging|processing|training|sampling|rendering|streaming|"
                      r"recommending|forecasting|denoising|deblurring|captioning|answering|parsing|pruning|"
                      r"fine-tuning|self-driving|driving)$)\w+ing$|.*-(?:aware|invariant|based|free|efficient|"
                      r"resilient|guided|driven|agnostic|specific)$")
# a bare head word is too vague to report unless the text lists it as a task
_VAGUE = {"learning", "analysis", "optimization", "search", "inference", "modeling", "modelling", "reasoning",
          "understanding", "generation", "matching", "alignment", "extraction", "fine-tuning", "adaptation",
          "planning", "discovery", "prediction", "estimation", "assessment", "rendering", "editing", "distillation",
          "pruning", "compression", "composition", "comprehension", "fitting", "correspondence", "ranking",
          "annotation", "labeling", "labelling", "tagging", "forecast", "verification", "identification",
          "deep learning", "machine learning", "representation learning", "model learning", "end-to-end learning",
          "joint learning", "feature learning", "efficient learning", "data analysis", "theoretical analysis",
          "empirical analysis", "ablation analysis", "qualitative analysis", "quantitative analysis",
          "error analysis", "convergence analysis", "sensitivity analysis", "case study", "inference"}
_LISTED_OK = {"classification", "detection", "segmentation", "recognition", "retrieval", "tracking",
              "translation", "synthesis", "captioning", "summarization", "generation", "pruning", "ranking",
              "forecasting", "clustering", "reconstruction", "localization", "registration", "denoising"}


def phrase_before(text: str, head_start: int, head_end: int, lo: int = 0) -> tuple[int, str] | None:
    """The task phrase ending with the head word at [head_start, head_end): (start, phrase), or None."""
    window = text[max(lo, head_start - 70):head_start]
    offset = head_start - len(window)
    start = head_start
    count = 0
    for m in reversed(list(_WORDS.finditer(window))):
        word = m.group(0)
        if count >= MAX_MODIFIERS or word.lower() in _STOP or not (word[0].isalnum()) or _VERBISH.match(word) \
                or word.endswith("ly") and len(word) > 4 or _NUMBER.fullmatch(word):
            break
        if text[m.end() + offset:start].strip():
            break  # punctuation between
        start = m.start() + offset
        count += 1
    phrase = _SPACES.sub(" ", text[start:head_end])
    return start, phrase


def _task_key(phrase: str) -> str:
    key = norm(phrase)
    return key[:-1] if key.endswith("s") and len(key) > 5 else key


@Language.factory("paperkg_tasks", default_config={"gazetteer": []})
def make_tasks(nlp: Language, name: str, gazetteer: list[str]):
    return TaskFinder(gazetteer)


class TaskFinder:
    def __init__(self, gazetteer: list[str]):
        self.gazetteer = cached_gazetteer(gazetteer)

    def __call__(self, doc):
        text = doc_text(doc)
        lower = doc_lower(doc)
        title_end = text.find("\n")
        title_end = len(text) if title_end < 0 else title_end
        blocked = [(link["start"], link["end"]) for link in doc._.links or []]
        if DATA in doc.spans:
            blocked += [span_chars(s) for s in doc.spans[DATA]]
        if METHOD in doc.spans:  # a method's name (a proposed one, or an acronym's long form) is not a task
            blocked += [span_chars(s) for s in doc.spans[METHOD]
                        if s._.proposed or s._.rule in ("abbreviation", "proposal", "title_colon", "title_head")]
        candidates: list[tuple[int, int, int, str]] = []  # (priority, start, end, rule)
        proposed = {norm(s._.canonical or s.text) for s in doc.spans[METHOD] if s._.proposed} \
            if METHOD in doc.spans else set()

        def consider(start, end, rule, priority, listed=False):
            phrase = text[start:end].lower()
            if phrase in _VAGUE or (" " not in phrase and phrase in _LISTED_OK and not listed):
                return False
            if any(s < end and start < e for s, e in blocked):
                return False
            candidates.append((priority, start, end, rule))
            return True

        for long_form, _short in doc._.abbreviations or []:
            ls, le = span_chars(long_form)
            if _ANCHOR.search(lower, max(ls, le - 30), le) and _HEAD_AT_END.search(lower, ls, le):
                consider(ls, le, "abbreviation", 1)

        last_accepted = -100
        for anchor in _ANCHOR.finditer(lower):
            hs, he = anchor.span()
            in_title = hs < title_end
            if not in_title and anchor.group(0) in _TITLE_ONLY:
                continue
            found = phrase_before(text, hs, he, 0 if in_title else title_end + 1)
            if found is None:
                continue
            start, phrase = found
            if in_title:
                # "X for Y": X is the method, Y the task; "via Y"/"with Y": Y is a technique
                after = _TITLE_METHOD_AFTER.match(text, he, title_end)
                if after and _ANCHOR.search(lower, after.end(), title_end) or _TITLE_METHOD_BEFORE.search(text[:start]):
                    continue
                if norm(text[start:he]) in proposed:
                    continue
                if consider(start, he, "title_task", 0, listed=True):
                    last_accepted = he
                continue
            before = text[max(title_end, start - 30):start]
            after_ok = bool(_AFTER.match(text, he))
            listed = after_ok or bool(re.search(r"(?i)\btasks?\b[^.;]{0,40}\Z", before))
            sibling = bool(_SIBLING.search(before)) and start - last_accepted < 12
            if after_ok or sibling or (_BEFORE.search(before) and " " in phrase):
                if consider(start, he, "task_context", 2, listed=listed or sibling):
                    last_accepted = he

        for match in doc_matches(doc, self.gazetteer):
            if match.entry.kind != "task":
                continue
            in_title = match.start < title_end
            if not in_title and not _AFTER.match(text, match.end) and (
                    match.needs_context or not _BEFORE.search(text[max(title_end, match.start - 30):match.start])):
                continue
            consider(match.start, match.end, "gazetteer", 1 if in_title else 3, listed=True)

        # overlapping candidates: the better rule wins, then the longer phrase
        chosen: list[tuple[int, int, int, str]] = []
        for cand in sorted(candidates, key=lambda c: (c[0], c[1] - c[2])):
            if not any(c[1] < cand[2] and cand[1] < c[2] for c in chosen):
                chosen.append(cand)
        best: dict[str, tuple[int, int]] = {}
        for priority, start, end, _rule in chosen:
            key = _task_key(text[start:end])
            rank, count = best.get(key, (9, 0))
            best[key] = (min(rank, priority), count - 1)
        keep = set(sorted(best, key=lambda k: best[k])[:MAX_TASKS])
        for priority, start, end, rule in sorted(chosen, key=lambda c: c[1]):
            surface = text[start:end]
            if _task_key(surface) not in keep:
                continue
            entries = [e for e in self.gazetteer.by_form.get(surface.lower(), ()) if e.kind == "task"]
            canonical = entries[0].canonical if entries else (
                surface if _TWO_CAPS.search(surface) else surface.lower())
            add_span(doc, TASK, start, end, "task", rule, canonical=canonical,
                     gazetteer=entries[0].id if entries else None)
        if TASK not in doc.spans:
            doc.spans[TASK] = []
        return doc
