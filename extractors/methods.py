"""``paperkg_methods``: named methods into ``doc.spans["method"]``, flagged ``proposed`` when the paper makes them.

Each rule is a function over the Doc's context (``context.DocContext``) registered in ``RULES`` under its
``rules.Rule``, run in this order (a mention keeps the first rule that found it; a proposal upgrades it):
- ``title_colon``: the name before the colon of the title ("MobileMamba: ..."); else ``title_head``: a title
  opening with a model's name ("Attention-based Dynamic Subspace Learners for ...");
- ``proposal``: a named thing after a proposal cue in the same clause ("we propose X", "termed X",
  "a framework, dubbed X,"); long form and acronym from the abbreviation pairs come together;
- ``abbreviation``: a defined long form (ACRONYM) whose long form names a method-like thing;
- ``module`` / ``appositive``: named parts of the paper's method ("a Region-Aware Evidence Reasoning module",
  "HMInterp, a robust ... model");
- ``gazetteer`` / ``variant``: a well-known model, with size variants (ResNet50-D, Swin-T, DeiT3-S);
- ``compared`` / ``family``: unknown names in comparisons and lists, or built on a known family (IndicBERT);
- ``repeat``: later mentions of a proposed name anywhere in the text (``variant``: 'OurNet-L').
Word lists live in ``data/`` (``lexicon``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from spacy.language import Language

from .context import DocContext, doc_context
from .extensions import METHOD, add_span
from .gazetteer import NOT_NAMES, WORD, cached_gazetteer, looks_named, norm, used_as_name, word_occurrences
from .lexicon import alternation, entries, words
from .rules import Rule, RuleSet
from .scan import ScanPattern

# "ResNet" + "50-D", "Swin" + "-T", "ViT" + "-B/16", "Qwen2.5" + "-7B", "LLaMA" + "-3-8B-Instruct"
_VARIANT = re.compile(
    r"(?:\d+(?:\.\d+)?[a-z]?|(?:\.\d+)+[a-z]?)?(?:-(?!(?i:%s)(?![\w])|[a-z]+ed(?![\w]))(?:[A-Z][A-Za-z]{0,6}|\d+(?:\.\d+)?[A-Za-z]{0,2}|v\d+(?:\.\d+)?|"
    r"[A-Z]?\d*[A-Z]|Ti|Tiny|Small|Base|Large|Huge|Instruct|Chat|Coder|Math|Mini|XL|XXL|base|large|small|tiny|"
    r"instruct|chat|mini|turbo|high|low|medium|flash|pro|preview|distill|it|hf)(?![\w]))*"
    r"(?:/\d+)?(?![\w])" % alternation("compound_suffixes"))  # 'Mamba-Based', 'GPT-4o-powered': built on it, no variant
# an unknown name built on a known model family: IndicBERT, RemBERT, LlamaGuard, A2ONet, SegFormer-B2
_FAMILY = re.compile(r"^[\w.+-]{2,}(?:BERT|GPT|LLaMA|Llama|Qwen|ViT|Net|Former|former|GAN|Mamba|CLIP|YOLO|DETR|NeRF|"
                     r"Guard|LSTM|Transformer|Diffusion|Coder|VL|LM)(?:-?\d[\w.]*|-[A-Z][\w.]*)?$"
                     r"|^(?:GPT|Llama|LLaMA|Qwen|Gemini|Claude|Mistral|Gemma|Phi|DeepSeek|InternVL|LLaVA|Seed|GLM|BLOOM|"
                     r"OPT|Pythia|T5|BERT|ViT|YOLO)[-\d]")
_FAMILY_TOKEN = ScanPattern(r"BERT|GPT|LLaMA|Llama|Qwen|ViT|Net|Former|former|GAN|Mamba|CLIP|YOLO|DETR|NeRF|Guard|LSTM|"
                            r"Transformer|Diffusion|Coder|VL|LM|Gemini|Claude|Mistral|Gemma|Phi|DeepSeek|InternVL|"
                            r"LLaVA|Seed|GLM|BLOOM|OPT|Pythia|T5")
_WORD_LEFT = re.compile(r"(?<![\w.@/+-])[\w.+-]*\Z")
_WORD_RIGHT = re.compile(r"[\w.+-]*")
# "outperforms A, B and C", "compared with A", "baselines such as A and B": named words there are methods
_COMPARE = ScanPattern(r"\b(?:outperform\w*|surpass\w*|compared\s+(?:to|with|against)|comparison\s+(?:to|with)|"
                      r"than|versus|vs\.?|against|over|baselines?(?:\s+(?:such\s+as|including|like))?|"
                      r"methods\s+(?:such\s+as|including|like)|models\s+(?:such\s+as|including|like)|"
                      r"e\.g\.,?|such\s+as|including|like)\s+(?:the\s+|strong\s+|existing\s+|recent\s+)*")
_LIST_WORD = re.compile(r"\(?((?:[A-Za-z0-9][\w.+]*)(?:-[\w.+]+)*)\)?")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|/)")
_CUE = ScanPattern(
    r"\b(?:(?:we|this\s+(?:paper|work|study|article|letter)|the\s+present\s+(?:paper|work)|our\s+(?:paper|work))\s+"
    r"(?:(?:\w+|\w+,)\s+){0,3}?(?:propose|present|introduce|develop|design|devise|build|construct|create|formulate|"
    r"put\s+forward|offer|establish|unveil|contribute|name|call|term|dub|leverage\s+a\s+novel)(?:s|d|ed)?\b"
    r"|(?:and|then|to|also)\s+(?:propose|present|introduce|develop)s?\b"
    r"|(?:termed|dubbed|called|named|coined|namely|denoted\s+as|referred\s+to\s+as|abbreviated\s+as|"
    r"nicknamed|which\s+we\s+call|we\s+call)\b"
    r"|(?:proposed|novel|new)\s+(?:\w+[\s-]){0,3}?(?:method|model|framework|approach|architecture|algorithm|"
    r"network|module|system|pipeline|technique|strategy|scheme|paradigm|mechanism|block|layer|loss|"
    r"transformer|agent|toolkit|library|benchmark|dataset)s?\b)")
_DATA_FOLLOWS = re.compile(r"(?:[\s-]+[\w.]+){0,3}?,?\s+(?:an?\s+(?:[\w-]+\s+){0,2}?)?"
                           r"(?:dataset|datasets|benchmark|benchmarks|corpus|database|suite|collection)\b")
_PARTICIPLE = ScanPattern(rf"\b(?:{alternation('participles')})\b")
_PARTICIPLE_WORDS = tuple(w.split()[0] for w in entries("participles"))  # one is in every ``_PARTICIPLE`` match
_NOT_OURS = re.compile(r"\b(?:recently|previously|originally|widely|been|was|were)\s+\Z")
# "a ... (SCR) module is proposed": the clause before the cue is the proposal
_PASSIVE = re.compile(rf"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:{alternation('participles')})\b")
# "a novel Terminator architecture", "a Reliability-Aware Refinement mechanism", "a Hybrid Flow Network":
# a run of capitalised words before (or ending in) a model noun, inside a proposal clause
_NOUNS = alternation("method_nouns")
_CAP_WORD = r"(?:[A-Z][\w]*|[0-9][\w]*)(?:-[A-Za-z0-9][\w]*)*"
_CAP_RUN = re.compile(
    rf"(?<![\w-])((?:{_CAP_WORD}\s+(?:(?:of|for|with|in|to|&)\s+)?){{0,5}}{_CAP_WORD})"
    rf"(\s+(?:{_NOUNS})s?\b)?")
_NOUN_SET = words("method_nouns")
_CAP_RUN_END = re.compile(rf"(?<![\w-])((?:{_CAP_WORD}\s+(?:(?:of|for|with|in|to|&)\s+)?){{0,5}}{_CAP_WORD})\s+\Z")
_NOT_METHOD_NOUNS = words("not_method_nouns")  # after a name: no method ('(RGD), a challenging setting')
_AFTER_NAME = re.compile(r"[\"'”’]?\s*\)?\s*(?:(?:,|-{1,2}|[\u2013\u2014])\s*(?:which\s+is\s+)?(?:a|an|the|our)\s+)?")
_NEXT_WORDS = re.compile(r"[a-z][\w-]*")
# "we present Video Motion Graphs, a system ...": a capitalised run named right after a cue verb
_APPOSITION = re.compile(r"\s*(?:,|\(|:)\s*(?:a|an|the|which|that|our)\b")
_CUE_VERB_BEFORE = re.compile(r"\b(?:propose|proposes|present|presents|introduce|introduces|develop|develops|"
                              r"call|term|name|dub)\s+(?:the\s+|a\s+|an\s+)?\Z")


_MODULE_NOUNS = words("module_nouns")
_PART_HEADS = words("part_heads")
# "HMInterp, a robust ... model": a named word in apposition with a method noun (anchored on ", a ")
_COMMA_ARTICLE = re.compile(r",\s*an?\s")
_WORD_BEFORE_COMMA = re.compile(r"(?<![\w.-])([A-Z][\w]*(?:-[\w+]+)*\+*)\s*\Z")
# "a Region-Aware Evidence Reasoning module" (anchored on the module noun)
_MODULE_NOUN = ScanPattern(rf"\b(?:{alternation('module_nouns')})s?\b")
_TITLE_MEANS_AFTER = re.compile(r"\s+(?:with|via|using|by|through)\b")
_TITLE_NAMES = re.compile(r"(?:^|\b(?:by|with|via|using|through)\s+|:\s*)\Z")


def _title_names(title_lower: str, long_lower: str) -> bool:
    """Does the title name this long form as its method (title start, after 'by/with/via', or a colon)?"""
    pos = title_lower.find(long_lower)
    if pos < 0 or _TITLE_MEANS_AFTER.match(title_lower, pos + len(long_lower)):
        return False  # 'Data-free Knowledge Distillation with Diffusion Models': the problem, solved by the rest
    return bool(_TITLE_NAMES.search(title_lower[:pos].rstrip(" ") + (" " if pos else "")))


def _noun_after(lower: str, pos: int) -> str | None:
    """The first method/setting noun in the few words after a name ("(RGD), a challenging setting")."""
    m = _AFTER_NAME.match(lower, pos)
    start = m.end() if m else pos
    words = _NEXT_WORDS.findall(lower, start, start + 60)
    appositive = m is not None and any(c in m.group(0) for c in ",-\u2013\u2014")  # ', a ...', '-- a ...'
    for word in words[:7] if appositive else words[:1]:
        if word in _NOT_METHOD_NOUNS:
            return word
        if word in _NOUN_SET or word.rstrip("s") in _NOUN_SET:
            return word.rstrip("s") if word.rstrip("s") in _NOUN_SET else word
    return None


_DATA_NOUNS = alternation("data_nouns")  # 'dataset', 'benchmarks', 'corpora', ...
_PART_VERBS = "consisting|comprising|containing|featuring|including"  # what a thing is made of, not what it acts on
# ... and where the proposed thing starts acting on others: 'a novel framework targeting Personally Identifiable
# Information (PII)' (a method noun, a verb in -ing, then what it acts on; not its parts: 'consisting of')
_NOUN_ACTING = re.compile(rf"\b(?:{_NOUNS})s?,?\s+((?!{_PART_VERBS})[a-z]+ing)"
                          r"\s+(?=(?:the|a|an|their|its|both)\s|[A-Z])")
# Where the proposal clause ends: comparisons and borrowed parts are not proposed.
_STOP = re.compile(
    r"\b(?:outperform\w*|compared|comparison|than|surpass\w*|beat\w*|over|such\s+as|including|e\.g\.|like|"
    r"based\s+on|built\s+(?:up)?on|upon|inspired\s+by|extend\w*|following|unlike|versus|vs\.?|existing|previous|"
    r"prior|baselines?|state-of-the-art|sota|conventional|traditional|standard|vanilla|pre-?trained|backbones?|"
    r"using|uses|use|via|leverag\w*|adopt\w*|employ\w*|with|from|into|within|on|across|for|at|under|while|where|"
    r"which|that|to\s+(?:improve|enhance|address|tackle|solve))\b"
    r"|[;]")
_NAMED_WORD = re.compile(rf"(?<![\w.@/-]){WORD}")
# the words that may be a name (each needs a capital or a Greek letter): a clause's lower-case words skipped in C
_CAPITALISED_WORD = re.compile(rf"(?<![\w.@/-])(?=[A-Za-z0-9\u0370-\u03ff.-]*[A-Z\u0370-\u03ff]){WORD}")
# a name followed by 'based' ('(RCA)-based', 'GATv2 based model') is what the proposed thing is built on
# ... or by a hyphenated modifier ('(DAG)-structured network', 'CLIP-guided'): what it is built on or shaped as
_BASED_AFTER = re.compile(rf"\)?\s*(?:-?\s*based|-\s*(?:{alternation('compound_suffixes')}|[a-z]+ed))\b")
# a name right after a verb of borrowing, or of acting on it, is what the paper's method uses or works on, not a
# part of it ('by leveraging OpenStreetMap (OSM)', 'a framework targeting Personally Identifiable Information (PII)')
_BORROWED_BEFORE = re.compile(r"\b(?:uses|use|adopt\w*|employ\w*|via|based\s+on|built\s+(?:up)?on|inspired\s+by|"
                              r"borrow\w*)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}\Z"
                              rf"|\b(?!(?:{_PART_VERBS})\b)[a-z]{{3,}}ing\s+(?:the\s+)?\Z")
# a hyphenated word ending in a modifier ('Mamba-based', 'CLIP-guided') names what a method is built on
_MODIFIER_END = re.compile(rf"(?i)(?:^|[\s-])(?:{alternation('compound_suffixes')}|guided|enhanced|inspired)$")
_MODIFIED = re.compile(rf"-(?:{alternation('compound_suffixes')}|[a-z]+ed)$")
# a named word before a year names an event or an edition: 'the CVPR NTIRE 2025 Challenge', 'NeurIPS 2024 papers'
_YEAR_AFTER = re.compile(r"(?:\s+[A-Z][\w-]*)?\s+(?:19|20)\d\d\b")
_MODEL_HEADS = re.compile(rf"(?:{alternation('model_heads')})$")
# a long form ending in one of these (as written: "ResNet" ends in "net") names a method-like thing; ending in
# a task ending, a task
_METHOD_ENDINGS = entries("method_endings")
_TASK_ENDINGS = entries("task_endings")


def method_like(long_form: str) -> bool:
    return long_form.lower().endswith(_METHOD_ENDINGS)


def task_like(long_form: str) -> bool:
    return long_form.lower().endswith(_TASK_ENDINGS)


@Language.factory("paperkg_methods", default_config={"gazetteer": []},
                  requires=["doc._.links", "doc._.abbreviations"], assigns=["doc.spans"])
def make_methods(nlp: Language, name: str, gazetteer: list[str]):
    return MethodFinder(gazetteer)


class MethodFinder:
    """Runs the method rules (``RULES``, in order) over the Doc's context; writes ``doc.spans["method"]``."""

    def __init__(self, gazetteer: list[str]):
        self.gazetteer = cached_gazetteer(gazetteer)

    def __call__(self, doc):
        ctx = doc_context(doc, self.gazetteer)
        if METHOD not in doc.spans:
            doc.spans[METHOD] = []
        found = Found(ctx)
        RULES.run(ctx, found)
        for (start, end), info in sorted(found.items()):
            add_span(doc, METHOD, start, end, "method", info["rule"], canonical=info["name"] or ctx.text[start:end],
                     gazetteer=info["gaz"], proposed=info["proposed"])
        return doc


class Found(dict):
    """The mentions found so far, (start, end) -> {rule, proposed, name, gaz}, and the names proposed."""

    def __init__(self, ctx: DocContext):
        super().__init__()
        self.ctx = ctx
        self.proposed_keys: set[str] = set()  # norm() of every proposed form
        self.colon_key: str | None = None      # norm() of the title's name before its colon

    def add(self, start: int, end: int, rule: Rule, proposed: bool = False, name: str | None = None,
            gaz: str | None = None) -> bool:
        """Record a mention (the first rule to find a span keeps it; a proposal upgrades it); False when the
        span is empty or inside a link."""
        if end <= start or self.ctx.is_blocked(start, end):
            return False
        if rule in _OWN_RULES and (not_a_method(self.ctx.text[start:end]) or _team(self.ctx, self.ctx.text[start:end])):
            return False
        old = self.get((start, end))
        if old is None:
            self[(start, end)] = dict(rule=rule, proposed=proposed, name=name, gaz=gaz)
        elif proposed and not old["proposed"]:
            old.update(rule=rule, proposed=True)
        return True

    def propose(self, start: int, end: int, rule: Rule, name: str | None = None) -> bool:
        """``add`` a proposed mention and remember its name as proposed."""
        if self.add(start, end, rule, True, name=name):
            self.proposed_keys.add(norm(self.ctx.text[start:end] if name is None else name))
            return True
        return False


RULES = RuleSet()
# rules that find a name by where it is written, not by its being known
_OWN_RULES = {Rule.TITLE_COLON, Rule.TITLE_HEAD, Rule.PROPOSAL, Rule.MODULE, Rule.APPOSITIVE, Rule.COMPARED,
              Rule.FAMILY}
# a size or a dimension, not a name: '4B-parameter', '2-D', '7B-scale'
_FRAGMENT = re.compile(r"\d+(?:\.\d+)?[A-Za-z]?-(?:[a-z]+|[A-Z])")
# a name of data or of a score: 'ResearchMath-14K' (a count of examples), 'AuraScore', 'SciBERTScore', 'MedBench'
_DATA_OR_SCORE_NAME = re.compile(r".*-\d+(?:\.\d+)?[KM]|.*[A-Za-z-](?:Score|Bench|Eval|Metric)s?"
                                 r"|(?:.*[\s\w-])?Bench(?:mark)?s?(?:[-\s].*)?")  # 'DeepResearch Bench II', 'AutoCodeBench-Complete'



# four or more items set off by commas: the parts or criteria an acronym spells ('Subjective, Objective,
# Assessment, and Plan'), not one method ('Show, Attend and Tell' has three)
_WORD_LIST = re.compile(r"(?:[^,]+,\s*){3,}(?:and\s+)?[^,]+")


@lru_cache(maxsize=65536)
def not_a_method(name: str) -> bool:
    """A name that by its own form names no method: a size or dimension, a count of examples, a score or
    benchmark, a list of four or more words ('Safety, Personalization, Evidence, Actionability, Robustness':
    criteria), a negation ('non-CoT'), or a phrase ending in a data or setting noun ('Challenging Patient
    Behaviors Benchmark')."""
    last = name.rsplit(None, 1)[-1].lower()
    if name.startswith("non-"):
        return True  # 'non-CoT': the absence of a method
    return bool(_FRAGMENT.fullmatch(name) or _DATA_OR_SCORE_NAME.fullmatch(name) or _WORD_LIST.fullmatch(name)) or (
        " " in name and (last in _NOT_METHOD_NOUNS or last.rstrip("s") in _NOT_METHOD_NOUNS)) or _noun_part(name)


def _noun_part(name: str) -> bool:
    """A hyphenated word whose last part is a lower-case data or setting noun names that thing, not a
    method: 'DLM-measures', 'XYZ-benchmark'."""
    head, dash, part = name.rpartition("-")
    return bool(dash and head) and part.islower() and (part in _NOT_METHOD_NOUNS or part.rstrip("s") in _NOT_METHOD_NOUNS)



@RULES.register(Rule.TITLE_COLON)
def title_colon(ctx: DocContext, found: Found) -> None:
    """The name before the title's colon: 'MobileMamba: Lightweight ...'."""
    text, title_end = ctx.text, ctx.title_end
    colon = _TITLE_COLON.match(text, 0, title_end)
    if colon and ":" not in colon.group(0) and not _DASHED_NAME.fullmatch(colon.group(1)):
        colon = None  # 'SIGIR 2025 -- LiveRAG Challenge Report': before a dash, only one named word
    if colon and _title_name(colon.group(1), text[colon.end():title_end], text[title_end:]):
        found.add(colon.start(1), colon.end(1), Rule.TITLE_COLON, True)
        found.colon_key = norm(colon.group(1))
        found.proposed_keys.add(found.colon_key)


@RULES.register(Rule.TITLE_HEAD)
def title_head(ctx: DocContext, found: Found) -> None:
    """A title without a name before a colon that opens with a model's name: 'Attention-based Dynamic
    Subspace Learners for ...'."""
    if found.colon_key is not None:
        return
    head = _TITLE_HEAD.match(ctx.text, 0, ctx.title_end)
    if head and head.group(1).split()[0].lower() in _DETERMINERS and not _written_again(ctx, head.group(1)):
        return  # 'An Efficient General-Purpose Modular Vision Model via ...' describes the method
    if not head:  # 'Confidence-Aware Routing for ...': a method's last word, and the abstract names it again
        head = _TITLE_HEAD_WIDE.match(ctx.text, 0, ctx.title_end)
        words = head.group(1).split() if head else []
        if head and (task_like(head.group(1)) or not _written_again(ctx, head.group(1))
                     or len(words) < 3 and not any("-" in w for w in words)):
            head = None  # two plain words ('Structured Prompting for ...') name a technique, not a coined method
    if head and _described_by_basis(head.group(1)):
        head = None  # 'Counterfactual LLM-based Framework for ...', 'YOLOv10-Based Multi-Task Framework for ...'
    if head and head.group(1).split()[0].lower() in _TITLE_WORDS:
        head = None  # 'From Filters to VLMs: ...', 'Towards Robust ...': a title phrase, no name
    if head and not ctx.known(head.group(1)) and len(head.group(1).split()) >= 2 \
            and not generic(head.group(1)) and not head.group(1).split()[0].endswith("ing") \
            and head.group(1).split()[0].lower() not in _DETERMINERS:  # 'A Dual-Space Framework for' describes
        found.add(head.start(1), head.end(1), Rule.TITLE_HEAD, True)
        found.proposed_keys.add(norm(head.group(1)))


def _described_by_basis(phrase: str) -> bool:
    """A phrase saying what a generic thing is built on: a hyphenated modifier ('LLM-based') and a generic last
    word ('Framework'), not 'Attention-based Dynamic Subspace Learners'."""
    words = phrase.split()
    return any(_MODIFIED.search(w.lower()) for w in words[:-1]) and generic(words[-1])


def _written_again(ctx: DocContext, phrase: str) -> bool:
    """Does the abstract write the title's phrase again (any case, singular or plural), not inside a longer
    name it defines ('an attenuation-resilient alternating optimization network (A2ONet)')?"""
    lower, abstract = phrase.lower(), ctx.lower[ctx.title_end:]
    for form in {lower, lower + "s", lower[:-1] if lower.endswith("s") else lower}:
        for start in word_occurrences(abstract, form):
            start += ctx.title_end
            if not any(ls <= start < le and le - ls > len(form) for (ls, le), _short in ctx.pairs):
                return True
    return False


@RULES.register(Rule.TITLE_NAME)
def title_name(ctx: DocContext, found: Found) -> None:
    """A title without a colon whose leading phrase the abstract defines with an acronym names the paper's
    method: title 'Visual Attention Network', abstract '... namely Visual Attention Network (VAN)'."""
    title = ctx.text[:ctx.title_end]
    lead = _TITLE_LEAD.match(title) if ":" not in title else None
    if not lead or " " not in lead.group(1) or task_like(lead.group(1)) or _TITLE_MEANS_AFTER.match(title, lead.end(1)):
        return  # 'Data-free Knowledge Distillation with ...': the problem, solved by the rest
    phrase = lead.group(1).lower()
    if lead.end(1) < len(title.rstrip()) and not method_like(phrase):
        return  # 'Neural Collapse in Deep Linear Networks': a phenomenon studied
    for (ls, le), (ss, se) in ctx.pairs:
        if ls > ctx.title_end and ctx.lower[ls:le] == phrase and not _PLURAL_ACRONYM.fullmatch(ctx.text[ss:se]):
            found.add(lead.start(1), lead.end(1), Rule.TITLE_NAME, True)
            found.proposed_keys.update((norm(phrase), norm(ctx.text[ss:se])))
            return


@RULES.register(Rule.TITLE_MEANS)
def title_means(ctx: DocContext, found: Found) -> None:
    """A title without a name before a colon that ends in the means it works by ('Learning ... through Level
    Set Projection', '... via Trigger Activation') names the paper's method, when the abstract writes the
    phrase again and it is no known name, generic phrase or task."""
    if found.colon_key is not None or any(info["proposed"] for info in found.values()):
        return
    title = ctx.text[:ctx.title_end]
    means = _TITLE_MEANS.search(title)
    if not means:
        return
    phrase = means.group(1)
    first, _, rest = phrase.partition(" and ")
    if rest and generic(rest):
        phrase = first  # 'via Location Attention Mechanism and Large Multimodal Models': the second is a class
    words = phrase.split()
    if len(words) < 3 and not any("-" in w for w in words):
        return  # two plain words ('via Approximate Diagonalization') name a technique, not a coined method
    if not method_like(phrase) or words[0].endswith("ing"):
        return  # 'via an Information-Theoretic Lens', 'by Connecting Pretrained Models': no method named
    if len(words) < 2 or not _title_case(phrase) or generic(phrase) or ctx.known(phrase) \
            or task_like(phrase) or not _written_again(ctx, phrase):
        return
    found.add(means.start(1), means.start(1) + len(phrase), Rule.TITLE_MEANS, True)
    found.proposed_keys.add(norm(phrase))


# the title's last phrase after 'via / through / using / by': 'through Level Set Projection' (to the end)
_TITLE_MEANS = re.compile(r"\b(?:via|through|using|by)\s+(?:the\s+|an?\s+)?([A-Z][\w-]*(?:\s+(?:[A-Z0-9][\w-]*|of|and|for|with|in|&))*?)\s*$")


@RULES.register(Rule.PROPOSAL)
def proposal(ctx: DocContext, found: Found) -> None:
    """Named things in the clause of a proposal cue ('we propose X', 'termed X', 'a ... module is proposed'):
    defined abbreviations (long form and acronym together), named words, capitalised runs before a method noun."""
    defined_at: dict[str, int] = {}  # acronym -> where it is defined
    for (_ls, _le), (ss, se) in ctx.pairs:
        defined_at.setdefault(ctx.text[ss:se], ss)
    for base, clause_start, clause_end in _proposal_clauses(ctx):
        if _data_clause(ctx, clause_start, clause_end):
            continue  # 'we present a novel image dataset comprising ... (HMPE) rope samples'
        _proposed_pairs(ctx, found, clause_start, clause_end)
        _proposed_words(ctx, found, clause_start, clause_end, defined_at)
        _proposed_runs(ctx, found, base, clause_start, clause_end)


def _data_clause(ctx: DocContext, clause_start: int, clause_end: int) -> bool:
    """Whether the proposal clause presents data: its object is a data noun ('we present a large-scale
    instruction dataset in Modern Standard Arabic (MSA)') and no method noun follows in it."""
    data = _DATA_OBJECT.match(ctx.lower, clause_start, clause_end)
    return bool(data) and not _METHOD_NOUN.search(ctx.lower, data.end(), clause_end)


_DATA_OBJECT = re.compile(rf"[\w\s,.-]*?\b(?:an?|the|our)\s+(?:[\w-]+\s+){{0,4}}?(?:{_DATA_NOUNS})\b")
_METHOD_NOUN = re.compile(rf"\b(?:{_NOUNS})s?\b")


def _proposal_clauses(ctx: DocContext):
    """(sentence start, clause start, clause end) of each proposal clause, sentence by sentence: from an active
    cue to the clause's stop word ('... than', 'based on'), or from the comma before a passive cue to it."""
    lower, sentences, starts = ctx.lower, ctx.sentences, ctx.starts
    cues_in: dict[int, list] = {}
    for cue in _CUE.finditer(lower):
        if cue.group(0).startswith("proposed") and _NOT_OURS.search(lower, max(0, cue.start() - 12), cue.start()):
            continue  # 'recently proposed X' is no cue
        cues_in.setdefault(bisect_right(starts, cue.start()) - 1, []).append(cue)
    passives_in: dict[int, list] = {}
    # most abstracts have none of the participles: a few substring tests skip the scan
    participles = _PARTICIPLE.finditer(lower) if any(w in lower for w in _PARTICIPLE_WORDS) else ()
    for participle in participles:  # "proposed" first, then "is/are (newly) proposed"
        cue = _PASSIVE.search(lower, max(0, participle.start() - 30), participle.end())
        if cue and cue.end() == participle.end():
            passives_in.setdefault(bisect_right(starts, cue.start()) - 1, []).append(cue)
    for index in sorted(set(cues_in) | set(passives_in)):
        base, sent_end = sentences[index]
        for cue in cues_in.get(index, ()):
            stop = _STOP.search(lower, cue.end(), sent_end)
            end = stop.start() if stop else sent_end
            acting = _NOUN_ACTING.search(ctx.text, cue.start(), end)
            yield base, cue.start(), acting.start(1) if acting else end
        for cue in passives_in.get(index, ()):
            comma = lower.rfind(",", base, cue.start())
            yield base, max(base, comma + 1), cue.start()


def _proposed_pairs(ctx: DocContext, found: Found, clause_start: int, clause_end: int) -> None:
    """Abbreviation pairs in a proposal clause naming a method (not a setting, a task or a lowercase term)."""
    text, lower = ctx.text, ctx.lower
    for (ls, le), (ss, se) in ctx.pairs:
        if not (clause_start <= ss < clause_end or clause_start <= ls < clause_end):
            continue
        long_text, short_text = text[ls:le], text[ss:se]
        if not _specific(long_text, short_text) or ctx.known(short_text):
            continue
        head = _noun_after(lower, max(le, se))
        if head in _NOT_METHOD_NOUNS or _introduces_other(ctx, max(le, se)) \
                or _COINED_THING.search(lower, max(0, ls - 50), ls):
            continue  # 'Routing with Generated Data (RGD), a challenging setting', 'a phenomenon we term ...'
        if _BASED_AFTER.match(lower, max(le, se)):  # '(RCA)-based': a method the proposed one builds on
            if found.add(ls, le, Rule.PROPOSAL, name=long_text):
                found.add(ss, se, Rule.PROPOSAL, name=long_text)
            continue
        if head not in _NOUN_SET and not method_like(long_text) and (
                task_like(long_text) or long_text == long_text.lower()):
            continue  # 'speech restoration (SR)', 'short-wave infrared (SWIR)'
        if found.add(ls, le, Rule.PROPOSAL, True, name=long_text):
            found.add(ss, se, Rule.PROPOSAL, True, name=long_text)
            found.proposed_keys.update((norm(long_text), norm(short_text)))


def _proposed_words(ctx: DocContext, found: Found, clause_start: int, clause_end: int,
                    defined_at: dict[str, int]) -> None:
    """Words written like names in a proposal clause, unless known, data, or an acronym defined elsewhere."""
    lower = ctx.lower
    for m in _CAPITALISED_WORD.finditer(ctx.text, clause_start, clause_end):
        word = m.group(0)
        if len(word) <= 2 or not (looks_named(word) or _named_by_slot(ctx, word, m.start(), m.end())):
            continue
        defined = next((defined_at[form] for form in (word, word + "s", word + "es") if form in defined_at), None)
        if defined is not None and not clause_start <= defined < clause_end:
            continue  # an acronym defined elsewhere before: an existing concept ('analysis of NC')
        if not _known_as_written(ctx, word) and not ctx.in_long_form(m.start()):
            if _noun_after(lower, m.end()) in _NOT_METHOD_NOUNS or _DATA_FOLLOWS.match(lower, m.end()):
                continue  # 'MVTec AD 2 dataset', 'X benchmark': data, not a method
            if _MODIFIED.search(word) or _ACRONYM_CAPITALS.fullmatch(word):
                continue  # 'a novel Mamba-based method', 'Neural eMbeddings for ...'
            if _ET_AL.match(ctx.text, m.end()):
                continue  # '(HaoChen et al., 2021)': the author of a cited work
            if _introduces_other(ctx, m.end()) or _coined(ctx, m.start()) \
                    or _DATA_BEFORE_NAME.search(lower, max(0, m.start() - 40), m.start()) \
                    or _NAME_THEN_ARTICLE.search(ctx.text, max(clause_start, m.start() - 60), m.start()):
                continue  # 'we construct a new benchmark, MultiDocR, ...': data; 'X, a new RGBN-volume ...' describes X
            if _BASED_AFTER.match(lower, m.end()):  # 'a GATv2-based model': what the paper's model is built on
                found.add(m.start(), m.end(), Rule.PROPOSAL)
            else:
                found.propose(m.start(), m.end(), Rule.PROPOSAL)


def _introduces_other(ctx: DocContext, end: int) -> bool:
    """Whether what follows a proposed name says it is no method: a count of items ('MS-Q2P, comprising 7,500
    queries': data), a measuring purpose ('masked SSIM (mSSIM) to quantify fidelity': a metric), an event or
    edition ('NTIRE 2025') or a team at one ('AILS-NTUA at SemEval-2026')."""
    return bool(_COUNT_FOLLOWS.match(ctx.lower, end) or _MEASURES.match(ctx.lower, end)
                or _YEAR_AFTER.match(ctx.text, end) or _TEAM_AT.match(ctx.text, end))


def _team(ctx: DocContext, name: str) -> bool:
    """Whether the title writes ``name`` as a team at an event: 'AILS-NTUA at SemEval-2026 Task 3: ...'."""
    title = ctx.text[:ctx.title_end]
    return " at " in title and any(_TEAM_AT.match(title, m.end()) for m in re.finditer(re.escape(name), title))


def _coined(ctx: DocContext, start: int) -> bool:
    """Whether the acronym at ``start`` stands for a long form coined for no method ('a phenomenon we term the
    Trigger Radiating Effect (TRE)') or named as none ('a Pursuit-Exposure Game (PEG)')."""
    return any(ss == start and (_COINED_THING.search(ctx.lower, max(0, ls - 50), ls) or not_a_method(ctx.text[ls:le])
                                or _MODIFIER_END.search(ctx.text[ls:le]))  # 'Label Shift Aware (LSA) adaptation'
               for (ls, le), (ss, _) in ctx.pairs)


_DATA_BEFORE_NAME = re.compile(rf"\b(?:{_DATA_NOUNS})\s*,?\s*(?:named\s+|called\s+|"
                               r"dubbed\s+|termed\s+)?\Z")
_ITEMS = alternation("data_items")
_COUNT_FOLLOWS = re.compile(
    r"\)?(?:\s*\([^()]{1,30}\))?\s*,?\s*(?:(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:of|with)\s+|comprising\s+|containing\s+|"
    r"consisting\s+of\s+|with\s+|which\s+(?:contains|comprises|includes)\s+)?(?:over\s+|more\s+than\s+|about\s+|nearly\s+|"
    rf"around\s+)?\d[\d,.]*\s*[km]?\+?\s+(?:[\w-]+\s+){{0,3}}?(?:{_ITEMS})\b")
_MEASURES = re.compile(r"\)?(?:\s*\([^()]{1,30}\))?\s*,?\s*(?:(?:to|that|which)\s+(?:quantif|measur)|for\s+(?:quantifying|measuring))")
_ET_AL = re.compile(r"\s+et\s+al\b")  # 'HaoChen et al., 2021': the author of a cited work
_TEAM_AT = re.compile(r"\s+at\s+[A-Z][\w-]*?[- ]?(?:19|20)\d\d\b")
# capitals that spell an acronym inside a word of its long form: 'eMbeddings', 'eXploration'
_ACRONYM_CAPITALS = re.compile(r"[a-z][A-Z][a-z]{4,}")


def _named_by_slot(ctx: DocContext, word: str, start: int, end: int) -> bool:
    """A capitalised plain word in a name's slot of a proposal: right after a method noun ('our proposed
    approach, Loki,', 'framework Core, which') or between 'novel' and one ('a novel Terminator architecture');
    never a sentence's first word, a generic word, or a word the text also writes in lower case."""
    if not (word[:1].isupper() and word[1:].islower()) or generic(word) or start in ctx.starts \
            or start < ctx.title_end or _CAPITAL_NEIGHBOUR.search(ctx.text, max(0, start - 30), start) \
            or _CAPITAL_NEXT.match(ctx.text, end):
        return False  # 'Proximal Policy Optimization': a word of a longer name
    lower = ctx.lower
    before = lower[max(0, start - 40):start]
    if not (_NOUN_BEFORE.search(before) or _NOVEL_BEFORE.search(before) and _NOUN_AFTER.match(lower, end)):
        return False
    return next(word_occurrences(ctx.text, word.lower()), None) is None


# 'a phenomenon we term the Trigger Radiating Effect (TRE)': a name coined for something that is no method
_COINED_THING = re.compile(rf"\b(?:{alternation('not_method_nouns')}|mode|modes|pattern|patterns)\s*,?\s+(?:which\s+|that\s+)?"
                           r"(?:we\s+)?(?:term|call|name|dub|refer\s+to\s+as)(?:ed|s)?\s+(?:as\s+)?(?:the\s+|an?\s+)?\Z")
_NAME_THEN_ARTICLE = re.compile(r"(?<![\w-])[A-Z][\w-]*[A-Z0-9][\w-]*,\s+(?:a|an)\s+(?:new|novel)?\s*\Z")
# a capitalised word and a bracket right before a run: the run is the rest of a name the bracket interrupts
_BRACKET_IN_NAME = re.compile(r"[A-Z][\w-]*\s*\([^()]{1,60}\)\s+\Z")
_CAPITAL_NEIGHBOUR = re.compile(r"[A-Z][\w-]*,?\s+\Z")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_NOUN_BEFORE = re.compile(rf"\b(?:{_NOUNS})s?,?\s+\Z")
_NOVEL_BEFORE = re.compile(r"\b(?:novel|new|proposed)\s+\Z")
_NOUN_AFTER = re.compile(rf"\s+(?:{_NOUNS})s?\b")


def _known_as_written(ctx: DocContext, word: str):
    """The gazetteer entry of ``word``, unless the word is written in a casing of its own that none of the
    entry's forms has ('aTLAS' is not the model 'Atlas')."""
    entry = ctx.known(word)
    if entry is None or word in entry.forms or word.isupper() or word.istitle() or word.islower():
        return entry
    return entry if any(form == form.lower() for form in entry.forms if form.lower() == word.lower()) else None


def _proposed_runs(ctx: DocContext, found: Found, base: int, clause_start: int, clause_end: int) -> None:
    """Capitalised runs in a proposal clause before (or ending in) a method noun ('a Hybrid Flow Network'), or
    named right after a cue verb ('we present Video Motion Graphs, a system ...')."""
    text, lower = ctx.text, ctx.lower
    for m in _CAP_RUN.finditer(text, clause_start, clause_end):
        run = m.group(1)
        last = run.split()[-1].lower().rstrip("s")
        named_by_comma = _APPOSITION.match(text, m.end(1)) and _CUE_VERB_BEFORE.search(
            lower, max(clause_start, m.start(1) - 30), m.start(1))
        if not m.group(2) and not named_by_comma and (last not in _NOUN_SET or len(run.split()) < 2):
            continue
        if m.start(1) == base or len(run.split()) == 1 and not looks_named(run) or generic(run):
            continue  # a sentence's first word, or 'Transformer architecture'
        if len(run.split()) > 1 and any(_MODIFIED.search(w) for w in run.split()):
            continue  # 'two accurate BEV-based RSR models': described by what they build on
        if _NAME_THEN_ARTICLE.search(text, max(clause_start, m.start(1) - 60), m.start(1)):
            continue  # 'GS-RGBN, a new RGBN-volume Gaussian Reconstruction Model': what the name is
        if _BRACKET_IN_NAME.search(text, max(clause_start, m.start(1) - 80), m.start(1)):
            continue  # 'a Style-Aligned SLI (Spherical Linear Interpolation) Blending Latent Manipulation pipeline'
        if ctx.known(run) or ctx.in_long_form(m.start(1)) or run in NOT_NAMES \
                or _noun_after(lower, m.end(1)) in _NOT_METHOD_NOUNS or _DATA_FOLLOWS.match(lower, m.end(1)):
            continue
        end = m.end(2) if m.group(2) and m.group(2).strip().startswith("loss") else m.end(1)
        found.propose(m.start(1), end, Rule.PROPOSAL, name=text[m.start(1):end])  # a loss is named with its noun


@RULES.register(Rule.ABBREVIATION)
def abbreviation(ctx: DocContext, found: Found) -> None:
    """Abbreviations whose long form names a method-like thing (or a named block: '(IFC) block'); proposed
    when the title names it as its method ('... by Grassmann Class Representation') or a proposal named it."""
    text, lower, title_end = ctx.text, ctx.lower, ctx.title_end
    title_lower = lower[:title_end]
    proposed_keys = found.proposed_keys
    # where the paper first names its own method in the abstract: Title-Case names defined after it are its parts
    own = min((start for (start, _end), info in found.items() if info["proposed"] and start > title_end),
              default=len(text))
    for (ls, le), (ss, se) in ctx.pairs:
        long_text, short_text = text[ls:le], text[ss:se]
        if (ls, le) in found or not _specific(long_text, short_text):
            continue
        if _names_no_method(ctx, long_text, short_text, max(le, se)):
            continue  # 'Open-Vocabulary Tasks (OVT)', 'a multi-patient (MP) model', '(COS), which quantifies'
        head = _noun_after(lower, max(le, se))
        block = head in _MODULE_NOUNS
        shaped = bool(_BASED_AFTER.match(lower, max(le, se)))  # '(DAG)-structured network': what its part is shaped as
        borrowed = bool(_BORROWED_BEFORE.search(lower, max(0, ls - 50), ls))  # 'by leveraging OpenStreetMap (OSM)'
        part = not shaped and not borrowed and ls > own and _about_own(ctx, ls, proposed_keys) \
            and _title_case(long_text) and not task_like(long_text) \
            and not _PLURAL_ACRONYM.fullmatch(short_text) and long_text.split()[-1].lower() not in _CLASS_PLURALS
        if method_like(long_text) or ctx.known(short_text) or block or part or head in _NOUN_SET:
            known = ctx.known(long_text) or ctx.known(short_text)
            in_title = ls >= title_end and not known and not _PLURAL_ACRONYM.fullmatch(short_text) and (
                _title_names(title_lower, long_text.lower()) or norm(short_text) == found.colon_key)
            proposed = in_title or norm(long_text) in proposed_keys or norm(short_text) in proposed_keys \
                or (block and not shaped or part) and bool(proposed_keys) and not known
            if not proposed and task_like(long_text) and not ctx.known(short_text):
                continue  # 'Scene Graph Generation (SGG)' names a task
            found.add(ls, le, Rule.ABBREVIATION, proposed, name=long_text)
            found.add(ss, se, Rule.ABBREVIATION, proposed, name=long_text)
            if proposed:
                proposed_keys.update((norm(long_text), norm(short_text)))


def _names_no_method(ctx: DocContext, long_text: str, short_text: str, end: int) -> bool:
    """Whether a defined pair names something other than a method, unless the gazetteer knows the acronym:
    its long form ends in the plural of a data, task or setting noun ('Open-Vocabulary Tasks (OVT)'; a
    singular one may name a method: 'Explicit Semantic Analysis'), is one lower-case word that only
    modifies the noun after it ('a multi-patient (MP) model', 'full-duplex (FD)'), or a measuring purpose
    follows ('(COS), which quantifies ...': a metric)."""
    if ctx.known(short_text):
        return False
    last = long_text.rsplit(None, 1)[-1].lower()
    plural = " " in long_text and last.endswith("s") and last[:-1] in _NOT_METHOD_NOUNS
    return plural or _LOWER_MODIFIER.fullmatch(long_text) is not None or _MEASURES.match(ctx.lower, end) is not None


_LOWER_MODIFIER = re.compile(rf"(?:{alternation('modifier_prefixes')})(?:-[a-z]+)+")  # 'multi-patient', 'full-duplex'


def _modifier_acronym(ctx: DocContext, word: str) -> bool:
    """Whether the text defines ``word`` for one lower-case hyphenated word ('multi-patient (MP)'): a
    modifier of the noun after it, no method's name."""
    return not ctx.known(word) and any(ctx.text[ss:se] == word and _LOWER_MODIFIER.fullmatch(ctx.text[ls:le])
                                       for (ls, le), (ss, se) in ctx.pairs)


def _about_own(ctx: DocContext, pos: int, proposed_keys: set[str]) -> bool:
    """Whether the sentence at ``pos`` is about the paper's own method: it says 'we', 'our', 'proposed' or a
    name the paper proposes (not 'services, including the Copernicus Emergency Management Service (CEMS)')."""
    start, end = ctx.sentences[bisect_right(ctx.starts, pos) - 1]
    sentence = ctx.lower[start:end]
    return bool(_OWN_WORDS.search(sentence)) or any(norm(w) in proposed_keys
                                                    for w in _NAMED_WORD.findall(ctx.text, start, end))


_OWN_WORDS = re.compile(r"\b(?:we|our|us|proposed|this\s+(?:paper|work|study)|it|its|consists?|comprises?|"
                        r"includes?|contains?|integrates?|incorporates?|employs?|introduces?|features?)\b")


@RULES.register(Rule.MODULE)
def module(ctx: DocContext, found: Found) -> None:
    """In a paper that proposes something, a capitalised run before a module noun names a part of its method:
    'a Region-Aware Evidence Reasoning module'."""
    if not found.proposed_keys:
        return
    text, title_end = ctx.text, ctx.title_end
    for noun in _MODULE_NOUN.finditer(ctx.lower, title_end):  # "module", or "Stage" as part of a name
        if text[noun.start()].isupper() and noun.group(0).rstrip("s") not in _PART_HEADS:
            continue  # 'Gated Linear Attention': a model's name, not a part named by its noun
        if text[noun.start()].isupper() and noun.group(0).endswith("s"):
            continue  # 'Cardiovascular Intensive Care Units', 'Gated Recurrent Units': a kind of thing, no named part
        run = _CAP_RUN_END.search(text, max(title_end, noun.start() - 80), noun.start())
        if not run:
            continue
        start, words = run.start(1), run.group(1).split()
        if words[0].lower() in _DETERMINERS and len(words) > 1:  # 'The Iterative Judgments Stage reformulates'
            start, words = text.index(words[1], start + len(words[0])), words[1:]
        elif text[max(0, start - 2):start] in (". ", "\n"):
            continue  # a sentence's first word
        if len(words) < 2:
            continue  # 'The Softmax module': a determiner, then one name at most
        if any(start <= hit.start < run.end(1) for hit in ctx.hits):
            continue  # 'EfficientNet-B0 with Convolutional Block Attention Module': built from known names
        if not ctx.known(text[start:run.end(1)]) and not ctx.in_long_form(start):
            # 'Attract & Repel loss', 'Integrated Prediction Stage': a loss, or a noun written as part of the name
            end = noun.end() if noun.group(0).startswith("loss") or text[noun.start()].isupper() else run.end(1)
            found.propose(start, end, Rule.MODULE, name=text[start:end])


@RULES.register(Rule.PART_LIST)
def part_list(ctx: DocContext, found: Found) -> None:
    """In a paper that proposes something, the items of a list a count of parts announces are its named parts:
    'three components, namely cross attention projector, dual-view feature mimicking and ...', 'two key
    components: (1) Geometry-Unleashing Masking, which ...; and (2) Geometry-Guided Fusion, a ...'."""
    if not found.proposed_keys:
        return
    text, lower = ctx.text, ctx.lower
    for noun in _PART_NOUN.finditer(lower, ctx.title_end):
        if not _PART_COUNT.search(lower, max(ctx.title_end, noun.start() - 40), noun.start()):
            continue
        opener = _PART_OPENER.match(lower, noun.end())
        if not opener:
            continue
        sentence_start, end = ctx.sentences[bisect_right(ctx.starts, noun.start()) - 1]
        if _DATA_NOUN.search(lower, sentence_start, noun.start()):
            continue  # 'The dataset includes two components: ...': parts of data
        for start, stop in _part_items(text, opener.end(), end):
            item = text[start:stop]
            acronym = _ACRONYM_AFTER.match(text, stop)
            if _part_name(ctx, item) and not (acronym and ctx.known(acronym.group(1))):
                found.propose(start, stop, Rule.PART_LIST, name=item)


def _part_items(text: str, pos: int, end: int):
    """(start, end) of each item of the list at ``pos``: enumerated ('(1) X, which ...; (2) Y') or plain
    ('X, Y and Z'), each cut where its clause goes on ('X, which', 'Z tailored to')."""
    if _ENUMERATOR.match(text, pos, end):
        starts = [m.end() for m in _ENUMERATOR.finditer(text, pos, end)]
        for start in starts:
            yield start, _item_end(text, start, end)
        return
    for _ in range(6):
        item_end = _item_end(text, pos, end)
        yield pos, item_end
        sep = _ITEM_SEP.match(text, item_end, end)
        if not sep:
            return  # an item cut by its clause ('Z tailored to'): the list ends
        pos = sep.end()


def _item_end(text: str, start: int, end: int) -> int:
    """Where a list item starting at ``start`` ends: a comma, bracket or clause word, or a participle or
    verb after its first word ('teacher parameter perception tailored to ...')."""
    stop = _ITEM_STOP.search(text, start, end)
    limit = stop.start() if stop else end
    words = list(_ITEM_WORD.finditer(text, start, limit))
    for i, word in enumerate(words):
        if i and word.group(0).islower() and (word.group(0).endswith("ed") or word.group(0) in _ITEM_VERBS):
            return words[i - 1].end()
    return words[-1].end() if words else start


def _part_name(ctx: DocContext, item: str) -> bool:
    """A list item that names a part: one to six words written as a name (Title Case, or one named word),
    not a description ('two complementary learning signals'), not a known name of something else."""
    words = item.split()
    if not 1 <= len(words) <= 6 or words[0].lower() in _DETERMINERS | _SMALL_WORDS or generic(item):
        return False
    if not (_title_case(item) and (len(words) > 1 or looks_named(item))) or "-based" in item.lower():
        return False  # 'harmony kernel prediction', 'Personalized modeling', 'LLM-based Generator': described
    entry = ctx.known(item)
    return entry is None or entry.kind == "method"


_PART_NOUN = ScanPattern(rf"\b(?:{alternation('part_nouns')})\b")
_PART_COUNT = re.compile(r"\b(?:two|three|four|five|six|several|[2-9])\s+(?:[\w-]+\s+){0,3}\Z")
_PART_OPENER = re.compile(r"\s*(?:,?\s*(?:namely|i\.e\.|including)\s*,?|:)\s*")
_ENUMERATOR = re.compile(r"(?:(?<=\s)|^|(?<=:)|(?<=;))\s*\(?(?:[1-9]|i{1,3}|iv|[a-e])\)\s*(?:an?\s+|the\s+)?")
_ITEM_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")
# an item ends at punctuation, a clause word, or a small word that no capitalised word follows
# ('Cross-Agent Association and Aggregation' is one name)
_ITEM_STOP = re.compile(r"[,;:()\[\]]|\s(?:which|that|where|is|are|as)\s|\s(?:and|to|for|with|by|in|on|of|from)\s(?![A-Z])"
                        r"|\s[-\u2013\u2014]\s")
_DATA_NOUN = re.compile(rf"\b(?:{_DATA_NOUNS})\b")
_ACRONYM_AFTER = re.compile(r"\s*\(([^()\s]{2,12})\)")  # 'Elastic Weight Consolidation (EWC)'
_ITEM_WORD = re.compile(r"[\w][\w'-]*")
_ITEM_VERBS = {"that", "which", "is", "are", "can", "will", "to"}


@RULES.register(Rule.COINED)
def coined(ctx: DocContext, found: Found) -> None:
    """A lower-case term the paper coins for what it proposes: after 'dubbed / termed / we call' ('a new
    training strategy, dubbed proximal matching,'), or set off by commas after a proposed method noun ('we
    present a new decoding strategy, conformative decoding, which')."""
    text, lower = ctx.text, ctx.lower
    for cue in _COINED_CUE.finditer(lower, ctx.title_end):
        if not _NOUN_BEFORE_CUE.search(lower, max(ctx.title_end, cue.start() - 40), cue.start()):
            continue  # 'a failure mode we term X', 'a phenomenon termed X': coined, but no method
        start = cue.end()
        term = _LOWER_TERM.match(text, start)
        if term and _coined_term(ctx, term.group(1)) and _TERM_END.match(text, term.end(1)):
            found.propose(term.start(1), term.end(1), Rule.COINED, name=term.group(1))
    for cue in _BARE_PROPOSAL.finditer(lower, ctx.title_end):  # 'we propose linear operator fusion and ...'
        pos = cue.end()
        for _ in range(2):
            term = _BARE_TERM.match(text, pos)
            if not term or not _coined_term(ctx, term.group(1)) or not method_like(term.group(1)):
                break  # 'we introduce regularization terms to ...': what it adds, named by no method word
            found.propose(term.start(1), term.end(1), Rule.COINED, name=term.group(1))
            if term.group(2).strip() != "and":
                break
            pos = term.end()
    for cue in _PROPOSED_NOUN.finditer(lower, ctx.title_end):
        sentence_start = ctx.sentences[bisect_right(ctx.starts, cue.start()) - 1][0]
        if not _WE_PROPOSE.search(lower, sentence_start, cue.start()):
            continue
        term = _LOWER_TERM.match(text, cue.end())
        if term and _coined_term(ctx, term.group(1)) and _APPOSITION_END.match(text, term.end(1)):
            found.propose(term.start(1), term.end(1), Rule.COINED, name=term.group(1))


def _coined_term(ctx: DocContext, term: str) -> bool:
    """Two to four lower-case words, none a function or counting word at either end, not generic, known or
    a task phrase."""
    words = term.split()
    if not 2 <= len(words) <= 4 or words[0] in _COINED_STOP or words[-1] in _COINED_STOP:
        return False
    if any(w in _COINED_STOP for w in words) or generic(term) or task_like(term) or ctx.known(term):
        return False
    return not words[-1].endswith(("ly", "ed"))


_COINED_STOP = words("coined_stop_words")
_NOUN_BEFORE_CUE = re.compile(rf"\b(?:{_NOUNS})s?\s*,?\s*\Z")
_COINED_CUE = ScanPattern(r"\b(?:dubbed|termed|coined|(?:which\s+)?we\s+(?:call|term|dub|name))\b\s*")
_LOWER_TERM = re.compile(r"[\"'`\u201c\u2018]*((?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:\s+[a-z][a-z0-9]*(?:-[a-z0-9]+)*){0,4})")
_TERM_END = re.compile(r"[\"'\u201d\u2019]*\s*(?:[,.;:)]|\(|\s(?:which|that|to|for|and)\b)")
# 'a new decoding strategy, X, which': a method noun after 'new/novel/proposed', then a comma
_PROPOSED_NOUN = ScanPattern(rf"\b(?:novel|new|proposed)\s+(?:[\w-]+\s+){{0,3}}?(?:{_NOUNS})\s*,\s*")
_WE_PROPOSE = re.compile(r"\b(?:we|this\s+(?:paper|work))\s+(?:\w+\s+){0,2}?(?:propose|present|introduce|develop|design)s?\b")
_BARE_PROPOSAL = ScanPattern(r"\bwe\s+(?:also\s+|further\s+|then\s+)?(?:propose|introduce)\s+")
# the term ends where its purpose or the next term starts
_BARE_TERM = re.compile(r"([a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\s+[a-z][a-z0-9]*(?:-[a-z0-9]+)*){1,3}?)(\s+(?:to|and)\s+)")
_APPOSITION_END = re.compile(r"\s*,\s*(?:which|that|a|an|to|where|whereby)\b|\s*\(")


@RULES.register(Rule.APPOSITIVE)
def appositive(ctx: DocContext, found: Found) -> None:
    """A named word in apposition with a method noun: 'HMInterp, a robust ... model'."""
    text, title_end = ctx.text, ctx.title_end
    for comma in _COMMA_ARTICLE.finditer(text, title_end):
        m = _WORD_BEFORE_COMMA.search(text, max(title_end, comma.start() - 40), comma.start())
        if not m:
            continue
        word = m.group(1)
        if looks_named(word) and not ctx.known(word) and _noun_after(ctx.lower, m.end(1)) in _NOUN_SET:
            found.propose(_name_start(ctx, m.start(1)), m.end(1), Rule.APPOSITIVE)


def _name_start(ctx: DocContext, start: int) -> int:
    """Where the name ending in the word at ``start`` begins: at the capitalised words before it ('this work
    introduces On-the-Fly GS, a ...'), a sentence's first word not counted."""
    run = _CAPITALS_BEFORE.search(ctx.text, max(ctx.title_end, start - 40), start)
    if not run:
        return start
    begin = run.start()
    if begin in ctx.starts:
        begin = ctx.text.find(" ", begin, start) + 1 or start
    return begin if begin < start and not ctx.known(ctx.text[begin:start].strip()) else start


_CAPITALS_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z][\w-]*\s+){1,3}\Z")


@RULES.register(Rule.GAZETTEER)
def gazetteer(ctx: DocContext, found: Found) -> None:
    """Well-known models, with their size variants (ResNet50-D, Swin-T, DeiT3-S; rule ``variant`` when the
    variant itself is not listed)."""
    text = ctx.text
    for match in ctx.hits:
        if match.entry.kind != "method":
            continue
        start, end = match.start, match.end
        variant = _VARIANT.match(text, end)
        name, gaz, rule = match.entry.canonical, match.entry.id, Rule.GAZETTEER
        if variant and variant.end() > end:
            end = variant.end()
            entry = ctx.known(text[start:end])
            name, gaz, rule = (entry.canonical, entry.id, Rule.GAZETTEER) if entry else (
                text[start:end], None, Rule.VARIANT)
        elif match.needs_context and not _method_context(text, start, end):
            continue
        found.add(start, end, rule, name=name, gaz=gaz)


@RULES.register(Rule.COMPARED)
def compared(ctx: DocContext, found: Found) -> None:
    """Named words listed after a comparison ('outperforms A, B and C', 'baselines such as A'): methods,
    unless known as something else."""
    text = ctx.text
    for m in _COMPARE.finditer(ctx.lower, ctx.title_end):
        if _DATA_BEFORE_LIST.search(ctx.lower, max(ctx.title_end, m.start() - 60), m.start()):
            continue  # 'datasets including GTSRB, TT100K, and GTSDB': a list of data
        pos = m.end()
        for _ in range(8):
            item = _LIST_WORD.match(text, pos, pos + 60)
            if not item:
                break
            word = _SENTENCE_RUN_ON.sub("", item.group(1)).rstrip(".")
            entry = ctx.known(word)
            if not looks_named(word) or entry is not None and entry.kind != "method":
                break
            if _noun_after(ctx.lower, item.start(1) + len(word)) in _NOT_METHOD_NOUNS:
                break  # 'benchmarks such as MM-RLHF-Reward Bench': data
            if _modifier_acronym(ctx, word):
                break  # 'and a multi-patient (MP) model': the acronym of a word that describes the model
            found.add(item.start(1), item.start(1) + len(word), Rule.COMPARED)
            sep = _LIST_SEP.match(text, item.end())
            if not sep:
                break
            pos = sep.end()


# ... also in brackets: 'VAD datasets (e.g., XD-Violence, UCF-Crime)'
# a dot and a capitalised word inside a listed word: a sentence begun without a space ('NDWI.We employed')
_SENTENCE_RUN_ON = re.compile(r"\.[A-Z][a-z]+$")
_DATA_BEFORE_LIST = re.compile(rf"\b(?:{_DATA_NOUNS})\s*,?\s*"
                               r"(?:(?:and|or)\s+[\w-]+\s+)?\(?\s*\Z")


@RULES.register(Rule.FAMILY)
def family(ctx: DocContext, found: Found) -> None:
    """An unknown name built on a known model family: IndicBERT, LlamaGuard, SegFormer-B2."""
    text = ctx.text
    for m in _FAMILY_TOKEN.finditer(text, ctx.title_end):
        left = _WORD_LEFT.search(text, max(0, m.start() - 30), m.start())
        start = left.start() if left else m.start()
        end = _WORD_RIGHT.match(text, m.end()).end()
        word = text[start:end].rstrip(".")
        end = start + len(word)
        if _FAMILY.search(word) and looks_named(word) and (start, end) not in found and not _MODIFIED.search(word) \
                and not ctx.known(word) and not ctx.in_long_form(start) and not _family_not_method(ctx, word, end):
            found.add(start, end, Rule.FAMILY)


def _family_not_method(ctx: DocContext, word: str, end: int) -> bool:
    """A name built on a family token that the text says is data ('PhysXNet - the first physics-grounded 3D
    dataset') or defines for a class of models ('full-duplex spoken language models (FD-SLM)')."""
    if _noun_after(ctx.lower, end) in _NOT_METHOD_NOUNS:
        return True
    return any(ctx.text[ss:se] == word and not _specific(ctx.text[ls:le], word) for (ls, le), (ss, se) in ctx.pairs)


@RULES.register(Rule.REPEAT)
def repeat(ctx: DocContext, found: Found) -> None:
    """Every other mention of a proposed name, and its size variants (SpectFormer-S: rule ``variant``)."""
    text = ctx.text
    forms = {text[start:end] for (start, end), info in found.items() if info["proposed"]}
    for form in sorted((f for f in forms if len(f) > 1), key=len, reverse=True):
        for start in word_occurrences(text, form):
            end = start + len(form)
            variant = _NAME_VARIANT.match(text, end)
            if variant:
                found.add(start, variant.end(), Rule.VARIANT, True)
            else:
                found.add(start, end, Rule.REPEAT, True)


def _specific(long_form: str, short: str) -> bool:
    """Is this abbreviation pair a specific named thing, not a generic class ("large language models (LLMs)",
    "Graph Neural Networks (GNNs)")?"""
    if not looks_named(short) and not _ACRONYM.fullmatch(short):
        return False
    if short in NOT_NAMES or short.rstrip("s") in NOT_NAMES or _PLURAL_ACRONYM.fullmatch(short):
        return False  # a plural acronym names a class of things: 'Dilated Convolutional Neural Networks (DCNNs)'
    if long_form == long_form.lower() and long_form.endswith("s") and not long_form.endswith("ss"):
        return False  # a lowercase plural class: 'state space models (SSMs)', 'super resolution networks (SRN)'
    if _MODIFIER_END.search(long_form):
        return False  # 'Label Shift Aware (LSA) adaptation': the name goes on after its acronym
    if _WORD_LIST.fullmatch(long_form):
        return False  # 'SOAP (Subjective, Objective, Assessment, and Plan) notes': what the letters list
    return not generic(long_form)


def _title_case(phrase: str) -> bool:
    """Every word but the short function words capitalised: 'Hierarchical Mixture of Experts'."""
    return all(w[0].isupper() or w[0].isdigit() or w in _SMALL_WORDS for w in phrase.split())


_SMALL_WORDS = {"of", "for", "and", "with", "in", "on", "to", "the", "a", "an", "via", "by", "&"}


@lru_cache(maxsize=65536)
def generic(phrase: str) -> bool:
    """A phrase made only of generic words (a hyphenated word: of generic parts) names no specific method:
    'Large Language Models', 'novel framework', 'LLM-Based Agents'."""
    words = [w for w in _SPLIT_WORDS.split(phrase.lower()) if w]
    return not words or all(_generic_word(w) or "-" in w and all(_generic_word(p) for p in w.split("-") if p)
                            for w in words)


def _generic_word(word: str) -> bool:
    return word in GENERIC_WORDS or word.rstrip("s") in GENERIC_WORDS


_SPLIT_WORDS = re.compile(r"[\s/]+")
# words that alone never make a name ("Large Language Models", "a novel framework", "Vision-Language Models")
GENERIC_WORDS = words("generic_words")


# a title's leading phrase: after an article, before a connector ('for', 'with', ...) or the end
_TITLE_LEAD = re.compile(r"\s*(?:(?:A|An|The)\s+)?([^:\n]+?)(?=\s+(?:for|with|via|in|on|towards?|as|using|by|through|"
                         r"from|under)\b|\s*$|\s*\n)")
_PLURAL_ACRONYM = re.compile(r"[A-Z][A-Za-z-]*[A-Z]s")  # 'SIMs', 'AV-LLMs', 'GoPs': a class of things
_CLASS_PLURALS = {"models", "networks", "methods", "systems", "agents", "learners", "machines", "transformers"}
# 'MobileMamba: ...', and a dash written as a colon: 'ClimateVID -- Social Media Videos ...'
_DASHED_NAME = re.compile(r"[\w.+-]+")
_TITLE_COLON = re.compile(r"\s*([^:\n]{2,60}?)(?:\s*:|\s+(?:--|-|\u2013|\u2014))\s")
_ACRONYM = re.compile(r"[A-Z][a-z]?[A-Z]+s?|[A-Z]{2,}s?")
_NAME_VARIANT = re.compile(r"-(?:[A-Z]{1,2}\d{0,2}|\d+(?:\.\d+)?[A-Za-z]?|Ti|Tiny|Small|Base|Large|Huge)(?![\w-]|\.\d)")  # not 'X-0' of 'X-0.6B'


# "Attention-based Dynamic Subspace Learners for ...": a title opening with a capitalised name of a model
_TITLE_HEAD = re.compile(
    rf"\s*((?:{_CAP_WORD}\s+){{1,7}}?(?:[\w-]*(?:Transformers?|Former|former|Net|Networks?|Mamba|GAN|Learners?|"
    rf"Representations?|Encoders?|Decoders?|Operators?|Machines?|Fields?|Splatting|Agents?|Policy|Adapters?|"
    rf"Attention|Fusion|Module|Block|Layers?|Framework|Classifiers?|Estimators?|Kernels?|Filters?|Models?|"
    rf"Solver|Graphs?|Maps?)))"
    r"\s+(?:for|with|via|in|towards?|as|to|from|under|through|on)\b")


# the same, ending in any of the model heads ('... Optimization for', '... Routing for')
_TITLE_HEAD_WIDE = re.compile(
    rf"\s*((?:{_CAP_WORD}\s+){{1,7}}?(?:[\w-]*(?:{alternation('model_heads')})))"
    r"\s+(?:for|in|towards?|as|to|under|on)\b")  # not "with": "Decoder Pre-Training with Text" is how


def _title_name(head: str, title_rest: str, abstract: str) -> bool:
    """Is the part of a title before its colon a name ("MobileMamba", "Miipher-2", "Block Transformer")?
    ``title_rest`` is the title after the colon, ``abstract`` the text after the title."""
    words = head.split()
    if not words or words[0].lower() in _TITLE_WORDS or _DATA_TITLE_HEAD.match(title_rest) or _TITLE_VERB.search(head):
        return False  # 'MUOT_3M: A 3 Million Frame Multimodal Underwater Benchmark and ...' names data
    if len(words) == 1:
        word = words[0].rstrip("+")
        if looks_named(word) or _NAME_NUMBER.fullmatch(word):
            return True  # 'MobileMamba', 'Miipher-2'
        # 'Fose: Fusion of ...' names its method when the abstract uses the word again as written (and the
        # title does not announce data: 'Video-Bench: ... Benchmark' is the datasets component's)
        return not generic(word) and not _DATA_TITLE.search(f"{word} {title_rest}") \
            and used_as_name(word, abstract)
    if len(words) > 4 or not all(w[0].isupper() or w[0].isdigit() for w in words) or words[0].lower() in _DETERMINERS:
        return False  # 'An Efficient General-Purpose Modular Vision Model: ...' describes
    if _PHRASE_MARK.search(head):
        return False  # 'Gaslight, Gatekeep, V1-V3: ...', "BabyLM's First Constructions: ...": a phrase, no name
    if words[0].endswith("ing") and words[0].lower() not in _NOUN_GERUNDS:
        return False  # 'Dissecting Agentic RAG: ...': a verb opens a clause
    if generic(head):
        return False  # 'Small Language Models: Architectures, ...': a survey of a class of models
    return any(looks_named(w.rstrip("+")) for w in words) or bool(_MODEL_HEADS.search(words[-1]))


_NAME_NUMBER = re.compile(r"[A-Z][a-z]+-?\d+(?:\.\d+)?")
_DATA_TITLE = re.compile(r"\b(?:datasets?|benchmarks?|benchmarking|corpus|corpora|suites?|testbeds?|arenas?|databases?|"
                         r"leaderboards?|exams?|bench)\b", re.IGNORECASE)
# the title after its colon, headed by a data noun: 'A 3 Million Frame Underwater Benchmark and ...', 'A Dataset for'
# (or opening with 'Benchmarking': 'BEAMS: Benchmarking and Evaluating ...')
_DATA_TITLE_HEAD = re.compile(r"\s*benchmarking\b|\s*(?:an?\s+|the\s+)?(?:[\w.-]+\s+){0,6}?(?:benchmark|dataset|corpus|testbed|suite)s?"
                              r"(?![\w-])(?=\s+(?:and|for|of|with|to|on|in|from|towards?)\b|\s*[:,.;]|\s*$)", re.IGNORECASE)
_TITLE_WORDS = words("title_openers")
_NOUN_GERUNDS = words("noun_gerunds")  # 'Lightning Attention-2', 'Streaming ...': a noun, not a verb
# a comma or a possessive in a title's several words makes them a phrase: a name is written without them
_PHRASE_MARK = re.compile(r",|['\u2019]s\b")
# a verb makes the head a clause: 'MultiMAE Meets Earth Observation: ...', 'Scale Matters: ...'
_TITLE_VERB = re.compile(r"\s(?:Meets?|Matters?|Helps?|Hurts?|Works?|Is|Are|Can|Does|Do)\b")
_DETERMINERS = {"a", "an", "the", "our", "this", "these", "its", "each", "every"}


def _method_context(text: str, start: int, end: int) -> bool:
    """A common-word model name counts only next to model words: "the Falcon model", "Falcon-40B"."""
    after = text[end:end + 30]
    return bool(re.match(r"\s*(?:-\s*)?(?:model|models|architecture|backbone|optimizer|algorithm|network|"
                         r"baseline|family|series|LLM|LLMs|\d)", after))
