"""``paperkg_methods``: named methods into ``doc.spans["method"]``, flagged ``proposed`` when the paper makes them.

Rules (each mention's ``rule``):
- ``title_colon``: the name before the colon of the title ("MobileMamba: ...");
- ``proposal``: a named thing after a proposal cue in the same clause ("we propose X", "termed X",
  "a framework, dubbed X,"); long form and acronym from the abbreviation pairs come together;
- ``abbreviation``: a defined long form (ACRONYM) whose long form names a method-like thing;
- ``gazetteer`` / ``variant``: a well-known model, with size variants (ResNet50-D, Swin-T, DeiT3-S);
- ``repeat``: later mentions of a proposed name anywhere in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language

from .extensions import METHOD, add_span, doc_lower, doc_text, doc_value, sentence_ranges, span_chars
from .scan import ScanPattern
from .gazetteer import (NOT_NAMES, WORD, cached_gazetteer, doc_matches, looks_named, norm, used_as_name,
                        word_occurrences)

# "ResNet" + "50-D", "Swin" + "-T", "ViT" + "-B/16", "Qwen2.5" + "-7B", "LLaMA" + "-3-8B-Instruct"
_VARIANT = re.compile(
    r"(?:\d+(?:\.\d+)?[a-z]?|(?:\.\d+)+[a-z]?)?(?:-(?:[A-Z][A-Za-z]{0,6}|\d+(?:\.\d+)?[A-Za-z]{0,2}|v\d+(?:\.\d+)?|"
    r"[A-Z]?\d*[A-Z]|Ti|Tiny|Small|Base|Large|Huge|Instruct|Chat|Coder|Math|Mini|XL|XXL|base|large|small|tiny|"
    r"instruct|chat|mini|turbo|high|low|medium|flash|pro|preview|distill|it|hf)(?![\w]))*"
    r"(?:/\d+)?(?![\w])")
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
_DATA_FOLLOWS = re.compile(r"(?:[\s-]+[\w.]+){0,3}?,?\s+(?:an?\s+)?"
                           r"(?:dataset|datasets|benchmark|benchmarks|corpus|database|suite|collection)\b")
_PARTICIPLE = ScanPattern(r"\b(?:proposed|introduced|presented|developed|designed|devised|constructed|formulated|"
                         r"put\s+forward)\b")
_PARTICIPLE_WORDS = ("proposed", "introduced", "presented", "developed", "designed", "devised", "constructed",
                     "formulated", "put")  # one of them is in every ``_PARTICIPLE`` match
_NOT_OURS = re.compile(r"\b(?:recently|previously|originally|widely|been|was|were)\s+\Z")
# "a ... (SCR) module is proposed": the clause before the cue is the proposal
_PASSIVE = re.compile(r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:proposed|introduced|presented|"
                      r"developed|designed|devised|constructed|formulated|put\s+forward)\b")
# "a novel Terminator architecture": a capitalised word before a model noun, inside a proposal clause
# "a novel Terminator architecture", "a Reliability-Aware Refinement mechanism", "a Hybrid Flow Network":
# a run of capitalised words before (or ending in) a model noun, inside a proposal clause
_NOUNS = (r"architecture|model|network|framework|module|block|layer|algorithm|method|system|mechanism|"
          r"transformer|attention|loss|strategy|operator|agent|pipeline|encoder|decoder|head|unit|engine|solver|"
          r"paradigm|scheme|technique|approach|policy|learner|estimator|classifier|regularizer|tokenizer|adapter|"
          r"methodology|branch|stage|component|procedure|protocol|recipe|toolkit|library|optimizer|objective")
_CAP_WORD = r"(?:[A-Z][\w]*|[0-9][\w]*)(?:-[A-Za-z0-9][\w]*)*"
_CAP_RUN = re.compile(
    rf"(?<![\w-])((?:{_CAP_WORD}\s+(?:(?:of|for|with|in|to|&)\s+)?){{0,5}}{_CAP_WORD})"
    rf"(\s+(?:{_NOUNS})s?\b)?")
_NOUN_SET = set(_NOUNS.split("|"))
_CAP_RUN_END = re.compile(rf"(?<![\w-])((?:{_CAP_WORD}\s+(?:(?:of|for|with|in|to|&)\s+)?){{0,5}}{_CAP_WORD})\s+\Z")
_NOT_METHOD_NOUNS = {"setting", "settings", "task", "tasks", "problem", "problems", "benchmark", "benchmarks",
                     "dataset", "datasets", "corpus", "challenge", "challenges", "scenario", "scenarios", "metric",
                     "metrics", "score", "phenomenon", "issue", "issues", "regime", "condition", "conditions",
                     "environment", "environments", "language", "languages", "database", "suite", "leaderboard",
                     "collection", "testbed", "survey", "study", "analysis", "competition", "track", "workshop"}
_AFTER_NAME = re.compile(r"[\"'”’]?\s*\)?\s*(?:,\s*(?:which\s+is\s+)?(?:a|an|the|our)\s+)?")
_NEXT_WORDS = re.compile(r"[a-z][\w-]*")
# "we present Video Motion Graphs, a system ...": a capitalised run named right after a cue verb
_APPOSITION = re.compile(r"\s*(?:,|\(|:)\s*(?:a|an|the|which|that|our)\b")
_CUE_VERB_BEFORE = re.compile(r"\b(?:propose|proposes|present|presents|introduce|introduces|develop|develops|"
                              r"call|term|name|dub)\s+(?:the\s+|a\s+|an\s+)?\Z")


_MODULE_NOUNS = {"module", "block", "layer", "mechanism", "unit", "head", "branch", "loss", "strategy", "stage",
                 "component", "operator", "encoder", "decoder", "network", "attention", "gate", "adapter"}
# "HMInterp, a robust ... model": a named word in apposition with a method noun (anchored on ", a ")
_COMMA_ARTICLE = re.compile(r",\s*an?\s")
_WORD_BEFORE_COMMA = re.compile(r"(?<![\w-])([A-Z][\w]*(?:-[\w+]+)*\+*)\s*\Z")
# "a Region-Aware Evidence Reasoning module" (anchored on the module noun)
_MODULE_NOUN = ScanPattern(r"\b(?:module|block|layer|mechanism|unit|head|branch|loss|strategy|stage|component|"
                          r"operator|encoder|decoder|network|attention|gate|adapter)s?\b")
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
    appositive = m is not None and "," in m.group(0)
    for word in words[:7] if appositive else words[:1]:
        if word in _NOT_METHOD_NOUNS:
            return word
        if word in _NOUN_SET or word.rstrip("s") in _NOUN_SET:
            return word.rstrip("s") if word.rstrip("s") in _NOUN_SET else word
    return None


# Where the proposal clause ends: comparisons and borrowed parts are not proposed.
_STOP = re.compile(
    r"\b(?:outperform\w*|compared|comparison|than|surpass\w*|beat\w*|over|such\s+as|including|e\.g\.|like|"
    r"based\s+on|built\s+(?:up)?on|upon|inspired\s+by|extend\w*|following|unlike|versus|vs\.?|existing|previous|"
    r"prior|baselines?|state-of-the-art|sota|conventional|traditional|standard|vanilla|pre-?trained|backbones?|"
    r"using|uses|use|via|leverag\w*|adopt\w*|employ\w*|with|from|into|within|on|across|for|at|under|while|where|"
    r"which|that|to\s+(?:improve|enhance|address|tackle|solve))\b"
    r"|[;]")
_NAMED_WORD = re.compile(rf"(?<![\w.@/-]){WORD}")
_MODEL_HEADS = re.compile(
    r"(?:Transformer|Former|former|Net|Network|Networks|Mamba|GAN|Diffusion|Model|Models|Learner|Learners|"
    r"Attention|Representation|Representations|Encoder|Decoder|Operator|Machine|Machines|Field|Fields|Splatting|"
    r"Agent|Policy|Optimization|Optimizer|Tuning|Adapter|Pruning|Distillation|Search|Sampling|Prompting|"
    r"Decomposition|Regression|Embedding|Embeddings|Interaction|Fusion|Module|Block|Layer|Loss|Scan|Routing|"
    r"Alignment|Algorithm|Method|Framework|Classifier|Estimator|Descent|Training|Learning|Parametrization|"
    r"Parametrizations|Parameterization|Flow|Process|Kernel|Filter|Graph|System|Pipeline|Coding|Quantization)$")
# a long form ending in one of these (as written: "ResNet" ends in "net") names a method-like thing
_METHOD_ENDINGS = tuple(sorted(set("""
transformer former net network networks mamba gan diffusion model models learner learners attention
representation encoder decoder operator machine machines field fields splatting agent policy optimization
optimizer tuning adapter pruning distillation search sampling prompting decomposition regression embedding
embeddings interaction fusion module block layer loss scan routing algorithm method framework classifier
estimator descent parametrization parametrizations parameterization parameterizations kernel filter coding
quantization mechanism strategy scheme pipeline system solver sampler tokenizer unit units memory head gate
gating pooling normalization augmentation regularization initialization inference guidance refinement
aggregation selection matching propagation transform transformation convolution convolutions graph
multipliers analysis squares perceptron autoencoder autoencoders reasoning retrieval generation self-distillation
""".split())))
# ... or, ending in one of these, a task
_TASK_ENDINGS = tuple(sorted(set("""
detection segmentation classification recognition estimation reconstruction translation synthesis prediction
forecasting tracking captioning answering localization registration restoration enhancement super-resolution
completion editing summarization parsing learning compression adaptation generalization understanding
planning navigation manipulation interpolation quantization restoration representation security
communication communications imaging sensing generation retrieval reasoning modeling modelling clustering search
answering grounding counting inpainting denoising unlearning
""".split())))


def method_like(long_form: str) -> bool:
    return long_form.lower().endswith(_METHOD_ENDINGS)


def task_like(long_form: str) -> bool:
    return long_form.lower().endswith(_TASK_ENDINGS)


# words that alone never make a name ("Large Language Models", "a novel framework", "Vision-Language Models")
GENERIC_TEXT = """
a an the our this novel new proposed simple effective efficient general generic unified universal framework
approach method model models system pipeline paradigm technique scheme strategy mechanism module architecture
algorithm large small language vision vision-language visual multimodal multi-modal foundation neural network
deep diffusion generative world reward graph convolutional recurrent transformer pretrained pre-trained
reasoning agent agentic text image video audio speech machine learning based learning-based end-to-end
autoregressive contrastive self-supervised supervised unsupervised robust scalable lightweight fast
coarse-to-fine plug-and-play training-free zero-shot few-shot one-shot real-time open-vocabulary
"""


@Language.factory("paperkg_methods", default_config={"gazetteer": []})
def make_methods(nlp: Language, name: str, gazetteer: list[str]):
    return MethodFinder(gazetteer)


class MethodFinder:
    def __init__(self, gazetteer: list[str]):
        self.gazetteer = cached_gazetteer(gazetteer)

    def __call__(self, doc):
        text = doc_text(doc)
        lower = doc_lower(doc)  # cue patterns are written in lower case
        title_end = text.find("\n")
        title_end = len(text) if title_end < 0 else title_end
        if METHOD not in doc.spans:
            doc.spans[METHOD] = []
        blocked = [(link["start"], link["end"]) for link in doc_value(doc, "links") or []]
        found: dict[tuple[int, int], dict] = {}
        pairs = _pairs(doc)

        def add(start, end, rule, proposed=False, name=None, gaz=None) -> bool:
            if end <= start or any(s < end and start < e for s, e in blocked):
                return False
            old = found.get((start, end))
            if old is None:
                found[(start, end)] = dict(rule=rule, proposed=proposed, name=name, gaz=gaz)
            elif proposed and not old["proposed"]:
                old.update(rule=rule, proposed=True)
            return True

        proposed_keys: set[str] = set()
        colon_key = None
        # 1. the name before the title's colon
        colon = _TITLE_COLON.match(text, 0, title_end)
        if colon and _title_name(colon.group(1), text[colon.end():title_end], text[title_end:]):
            add(colon.start(1), colon.end(1), "title_colon", True)
            colon_key = norm(colon.group(1))
            proposed_keys.add(colon_key)
        else:
            head = _TITLE_HEAD.match(text, 0, title_end)
            if head and not self._known(head.group(1)) and len(head.group(1).split()) >= 2 \
                    and not generic(head.group(1)) and not head.group(1).split()[0].endswith("ing"):
                add(head.start(1), head.end(1), "title_head", True)
                proposed_keys.add(norm(head.group(1)))

        # 2. proposal cues: named words and defined abbreviations in the cue's clause
        defined_at = {}
        for (_ls, _le), (ss, se) in pairs:
            defined_at.setdefault(text[ss:se], ss)
        # cue matches over the whole text once, then grouped by sentence ("recently proposed X" is no cue)
        sentences = sentence_ranges(doc)
        starts = [b for b, _e in sentences]
        cues_in: dict[int, list] = {}
        for cue in _CUE.finditer(lower):
            if cue.group(0).startswith("proposed") and _NOT_OURS.search(lower, max(0, cue.start() - 12), cue.start()):
                continue
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
            clauses = []
            for cue in cues_in.get(index, ()):
                stop = _STOP.search(lower, cue.end(), sent_end)
                clauses.append((cue.start(), stop.start() if stop else sent_end))
            for cue in passives_in.get(index, ()):
                comma = lower.rfind(",", base, cue.start())
                clauses.append((max(base, comma + 1), cue.start()))
            for clause_start, clause_end in clauses:
                for (ls, le), (ss, se) in pairs:
                    if not (clause_start <= ss < clause_end or clause_start <= ls < clause_end):
                        continue
                    long_text, short_text = text[ls:le], text[ss:se]
                    if not _specific(long_text, short_text) or self._known(short_text):
                        continue
                    head = _noun_after(lower, max(le, se))
                    if head in _NOT_METHOD_NOUNS:
                        continue  # 'Routing with Generated Data (RGD), a challenging setting'
                    if head not in _NOUN_SET and not method_like(long_text) and (
                            task_like(long_text) or long_text == long_text.lower()):
                        continue  # 'speech restoration (SR)', 'short-wave infrared (SWIR)'
                    if add(ls, le, "proposal", True, name=long_text):
                        add(ss, se, "proposal", True, name=long_text)
                        proposed_keys.update((norm(long_text), norm(short_text)))
                for m in _NAMED_WORD.finditer(text, clause_start, clause_end):
                    word = m.group(0)
                    defined = defined_at.get(word)
                    if defined is not None and not clause_start <= defined < clause_end:
                        continue  # an acronym defined elsewhere before: an existing concept ('analysis of NC')
                    if looks_named(word) and len(word) > 2 and not self._known(word) and not _inside(m.start(), pairs):
                        if _noun_after(lower, m.end()) in _NOT_METHOD_NOUNS or _DATA_FOLLOWS.match(lower, m.end()):
                            continue  # 'MVTec AD 2 dataset', 'X benchmark': data, not a method
                        if add(m.start(), m.end(), "proposal", True):
                            proposed_keys.add(norm(word))
                for m in _CAP_RUN.finditer(text, clause_start, clause_end):
                    run = m.group(1)
                    last = run.split()[-1].lower().rstrip("s")
                    named_by_comma = _APPOSITION.match(text, m.end(1)) and _CUE_VERB_BEFORE.search(
                        lower, max(clause_start, m.start(1) - 30), m.start(1))
                    if not m.group(2) and not named_by_comma and (last not in _NOUN_SET or len(run.split()) < 2):
                        continue
                    if m.start(1) == base or len(run.split()) == 1 and not looks_named(run) or generic(run):
                        continue  # a sentence's first word, or 'Transformer architecture'
                    if self._known(run) or _inside(m.start(1), pairs) or run in NOT_NAMES \
                            or _noun_after(lower, m.end(1)) in _NOT_METHOD_NOUNS or _DATA_FOLLOWS.match(lower, m.end(1)):
                        continue
                    if add(m.start(1), m.end(1), "proposal", True, name=run):
                        proposed_keys.add(norm(run))

        # 3. abbreviations whose long form names a method-like thing (or a named block: "(IFC) block");
        #    proposed when the title names it as its method ("... by Grassmann Class Representation")
        title_lower = lower[:title_end]
        for (ls, le), (ss, se) in pairs:
            long_text, short_text = text[ls:le], text[ss:se]
            if (ls, le) in found or not _specific(long_text, short_text):
                continue
            block = _noun_after(lower, max(le, se)) in _MODULE_NOUNS
            if method_like(long_text) or self._known(short_text) or block:
                known = self._known(long_text) or self._known(short_text)
                in_title = ls >= title_end and not known and (
                    _title_names(title_lower, long_text.lower()) or norm(short_text) == colon_key)
                proposed = in_title or norm(long_text) in proposed_keys or norm(short_text) in proposed_keys \
                    or block and bool(proposed_keys) and not known
                if not proposed and task_like(long_text) and not self._known(short_text):
                    continue  # 'Scene Graph Generation (SGG)' names a task
                add(ls, le, "abbreviation", proposed, name=long_text)
                add(ss, se, "abbreviation", proposed, name=long_text)
                if proposed:
                    proposed_keys.update((norm(long_text), norm(short_text)))

        # 3b. "a Region-Aware Evidence Reasoning module", "HMInterp, a robust ... model": named parts of the
        #     paper's own method, in a paper that proposes something
        if proposed_keys:
            for noun in _MODULE_NOUN.finditer(text, title_end):
                run = _CAP_RUN_END.search(text, max(title_end, noun.start() - 80), noun.start())
                if not run or len(run.group(1).split()) < 2:
                    continue
                name = run.group(1)
                if not self._known(name) and not _inside(run.start(1), pairs) \
                        and text[max(0, run.start(1) - 2):run.start(1)] not in (". ", "\n"):
                    end = noun.end() if noun.group(0).startswith("loss") else run.end(1)  # 'Attract & Repel loss'
                    if add(run.start(1), end, "module", True, name=text[run.start(1):end]):
                        proposed_keys.add(norm(text[run.start(1):end]))
        for comma in _COMMA_ARTICLE.finditer(text, title_end):
            m = _WORD_BEFORE_COMMA.search(text, max(title_end, comma.start() - 40), comma.start())
            if not m:
                continue
            word = m.group(1)
            if looks_named(word) and not self._known(word) and _noun_after(lower, m.end(1)) in _NOUN_SET:
                if add(m.start(1), m.end(1), "appositive", True):
                    proposed_keys.add(norm(word))

        # 4. well-known models, with their size variants
        for match in doc_matches(doc, self.gazetteer):
            if match.entry.kind != "method":
                continue
            start, end = match.start, match.end
            variant = _VARIANT.match(text, end)
            name, gaz, rule = match.entry.canonical, match.entry.id, "gazetteer"
            if variant and variant.end() > end:
                end = variant.end()
                entry = self._known(text[start:end])
                name, gaz, rule = (entry.canonical, entry.id, "gazetteer") if entry else (text[start:end], None, "variant")
            elif match.needs_context and not _method_context(text, start, end):
                continue
            add(start, end, rule, name=name, gaz=gaz)

        # 4b. unknown names in comparisons and lists, or built on a known family
        for m in _COMPARE.finditer(lower, title_end):
            self._compared(text, m.end(), add)
        for m in _FAMILY_TOKEN.finditer(text, title_end):
            left = _WORD_LEFT.search(text, max(0, m.start() - 30), m.start())
            start = left.start() if left else m.start()
            end = _WORD_RIGHT.match(text, m.end()).end()
            word = text[start:end].rstrip(".")
            end = start + len(word)
            if _FAMILY.search(word) and looks_named(word) and (start, end) not in found \
                    and not self._known(word) and not _inside(start, pairs):
                add(start, end, "family")

        # 5. every other mention of a proposed name, and its variants (SpectFormer-S)
        forms = {text[start:end] for (start, end), info in found.items() if info["proposed"]}
        forms = sorted((f for f in forms if len(f) > 1), key=len, reverse=True)
        for form in forms:
            for start in word_occurrences(text, form):
                end = start + len(form)
                variant = _NAME_VARIANT.match(text, end)
                if variant:
                    add(start, variant.end(), "variant", True)
                else:
                    add(start, end, "repeat", True)

        for (start, end), info in sorted(found.items()):
            add_span(doc, METHOD, start, end, "method", info["rule"], canonical=info["name"] or text[start:end],
                     gazetteer=info["gaz"], proposed=info["proposed"])
        return doc

    def _compared(self, text: str, pos: int, add) -> None:
        """Named words listed at ``pos`` ("A, B and C"): methods, unless known as something else."""
        for _ in range(8):
            m = _LIST_WORD.match(text, pos, pos + 60)
            if not m:
                return
            word = m.group(1).rstrip(".")
            entry = self._known(word)
            if not looks_named(word) or entry is not None and entry.kind != "method":
                return
            add(m.start(1), m.start(1) + len(word), "compared")
            sep = _LIST_SEP.match(text, m.end())
            if not sep:
                return
            pos = sep.end()

    def _known(self, word: str):
        """The gazetteer entry (any kind) spelled exactly so, if any."""
        entries = self.gazetteer.by_form.get(word.lower())
        return entries[0] if entries else None


def _specific(long_form: str, short: str) -> bool:
    """Is this abbreviation pair a specific named thing, not a generic class ("large language models (LLMs)")?"""
    if not looks_named(short) and not _ACRONYM.fullmatch(short):
        return False
    if short in NOT_NAMES or short.rstrip("s") in NOT_NAMES:
        return False
    if long_form == long_form.lower() and long_form.endswith("s") and not long_form.endswith("ss"):
        return False  # a lowercase plural class: 'state space models (SSMs)', 'super resolution networks (SRN)'
    return not generic(long_form)


def generic(phrase: str) -> bool:
    """A phrase made only of generic words names no specific method: 'Large Language Models', 'novel framework'."""
    words = [w for w in _SPLIT_WORDS.split(phrase.lower()) if w]
    return not words or all(w in GENERIC_WORDS or w.rstrip("s") in GENERIC_WORDS for w in words)


_SPLIT_WORDS = re.compile(r"[\s/]+")
GENERIC_WORDS = set(GENERIC_TEXT.split())


def _inside(pos: int, pairs) -> bool:
    return any(ls <= pos < le for (ls, le), _short in pairs)


_TITLE_COLON = re.compile(r"\s*([^:\n]{2,60}?)\s*:\s")
_ACRONYM = re.compile(r"[A-Z][a-z]?[A-Z]+s?|[A-Z]{2,}s?")
_NAME_VARIANT = re.compile(r"-(?:[A-Z]{1,2}|\d+[A-Za-z]?|Ti|Tiny|Small|Base|Large|Huge)(?![\w-])")


def _pairs(doc) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(long form, short form) character ranges of the abbreviations X1's component found."""
    out = []
    for long_form, short in doc_value(doc, "abbreviations") or []:
        out.append((span_chars(long_form), span_chars(short)))
    return out


# "Attention-based Dynamic Subspace Learners for ...": a title opening with a capitalised name of a model
_TITLE_HEAD = re.compile(
    rf"\s*((?:{_CAP_WORD}\s+){{1,7}}?(?:[\w-]*(?:Transformers?|Former|former|Net|Networks?|Mamba|GAN|Learners?|"
    rf"Representations?|Encoders?|Decoders?|Operators?|Machines?|Fields?|Splatting|Agents?|Policy|Adapters?|"
    rf"Attention|Fusion|Module|Block|Layers?|Framework|Classifiers?|Estimators?|Kernels?|Filters?|Models?|"
    rf"Solver|Graphs?|Maps?)))"
    r"\s+(?:for|with|via|in|towards?|as|to|from|under|through|on)\b")


def _title_name(head: str, title_rest: str, abstract: str) -> bool:
    """Is the part of a title before its colon a name ("MobileMamba", "Miipher-2", "Block Transformer")?
    ``title_rest`` is the title after the colon, ``abstract`` the text after the title."""
    words = head.split()
    if not words or words[0].lower() in _TITLE_WORDS:
        return False
    if len(words) == 1:
        word = words[0].rstrip("+")
        if looks_named(word) or _NAME_NUMBER.fullmatch(word):
            return True  # 'MobileMamba', 'Miipher-2'
        # 'Fose: Fusion of ...' names its method when the abstract uses the word again as written (and the
        # title does not announce data: 'Video-Bench: ... Benchmark' is the datasets component's)
        return not generic(word) and not _DATA_TITLE.search(f"{word} {title_rest}") \
            and used_as_name(word, abstract)
    if len(words) > 4 or not all(w[0].isupper() or w[0].isdigit() for w in words):
        return False
    return any(looks_named(w.rstrip("+")) for w in words) or bool(_MODEL_HEADS.search(words[-1]))


_NAME_NUMBER = re.compile(r"[A-Z][a-z]+-?\d+(?:\.\d+)?")
_DATA_TITLE = re.compile(r"\b(?:datasets?|benchmarks?|benchmarking|corpus|corpora|suites?|testbeds?|arenas?|databases?|"
                         r"leaderboards?|exams?|bench)\b", re.IGNORECASE)
_TITLE_WORDS = {"towards", "toward", "beyond", "rethinking", "revisiting", "understanding", "position", "survey",
                "review", "overview", "benchmarking", "introduction", "tutorial", "perspective", "editorial",
                "abstract", "preprint", "correction", "erratum", "retraction", "comment", "reply", "response"}


def _method_context(text: str, start: int, end: int) -> bool:
    """A common-word model name counts only next to model words: "the Falcon model", "Falcon-40B"."""
    after = text[end:end + 30]
    return bool(re.match(r"\s*(?:-\s*)?(?:model|models|architecture|backbone|optimizer|algorithm|network|"
                         r"baseline|family|series|LLM|LLMs|\d)", after))
