"""``paperkg_tasks``: the tasks a paper addresses, as short phrases in ``doc.spans["task"]`` (at most ~6).

A task phrase ends in a task word ("detection", "segmentation", "learning", ...) and takes up to four
modifiers before it ("weakly supervised semantic segmentation"), never a preposition, verb, determiner or
evaluative adjective ("robust", "efficient"). Each rule is a function over the Doc's context registered in
``RULES`` under its ``rules.Rule`` (``span._.rule``), run in this order; word lists live in ``data/``:
- ``abbreviation``: a defined long form ending in a task word ("Scene Graph Generation (SGG)"), unless the
  text makes it a part of the method ("a decision variable pruning (DVP) strategy");
- ``task_subject``: a sentence's subject ("Video matting aims to ...", "Concept erasure, the ability ...");
- ``task_called``: what the text calls a task ("X, a new task where ...", "the problem of X");
- ``task_list``: the items of a list a task word announces, when every item ends in a task word ("tasks such
  as X, Y and Z", "applications including X and Y", "performance across X, Y and Z");
- ``title_task``: such a phrase in the title, unless it names the method ("X for Y": X is the method; after
  "with"/"via" a technique; "Image Editing Assessment": "Image Editing" only modifies);
- ``task_context``: in the abstract, next to words that announce a task ("X tasks", "for X", "on X, Y and Z
  tasks", "ImageNet classification"); else ``task_system``: what methods do ("existing ship detection methods");
- ``gazetteer``: a known task phrase (``data/tasks.txt``; in the abstract only in a task context).
Title tasks rank first, then abbreviations, contexts and the gazetteer; the first MAX_TASKS are kept.
A phrase whose words lie within another one's ("video try-on" in "Consistent Video Try-on") names the same
task: both forms share one canonical name (the one written more often, else the shorter).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.language import Language

from .abbreviations import _match as match_short_form, is_short_form
from .context import DocContext, doc_context
from .extensions import DATA, METHOD, TASK, add_span, span_chars, span_values
from .gazetteer import PLURAL_ACRONYM, cached_gazetteer, norm, trie_pattern
from .lexicon import alternation, compound_adjective, entries, words
from .rules import Rule, RuleSet
from .scan import ScanPattern

MAX_TASKS = 6
MAX_MODIFIERS = 4
HEADS = alternation("task_heads")
# heads that name a task only in a title ("Algal Bloom Mapping", "Video Try-on", "... for Pansharpening")
TITLE_HEADS = alternation("title_task_heads")
_TITLE_ONLY = words("title_task_heads")
# run on the lower-cased text; a trie-shaped alternation scans about twice as fast as the plain one
_ANCHOR = ScanPattern(r"(?<![\w-])(?:%s)(?![\w-])" % trie_pattern(entries("task_heads") + entries("title_task_heads")))
_HEAD_AT_END = re.compile(rf"(?:{HEADS})s?\Z")
_NUMBER = re.compile(r"\d+(?:\.\d+)?[%x×]?|\d+[x×]\d+")  # a size or factor is no modifier: '256x256 generation', '4x'
# a counted unit is the size of one instance: '5-second audio segmentation', '64-digit passkey retrieval'
_COUNTED = re.compile(r"\d+(?:\.\d+)?-(?:%s)s?" % alternation("count_units"), re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_TWO_CAPS = re.compile(r"[A-Z]{2}")
_WORDS = re.compile(r"[\w'][\w'-]*|[^\w\s]")
_AFTER = re.compile(r"\s+(?:tasks?|subtasks?|problems?|challenges?|settings?|benchmarks?|applications?|scenarios?)\b",
                    re.IGNORECASE)
_BEFORE = re.compile(r"(?:\b(?:for|on|in|as|across|such\s+as|including|like|e\.g\.,?|i\.e\.,?|namely|tasks?|"
                     r"problems?|tackle|tackles|tackling|address|addresses|addressing|improve|improves|handle|handles|"
                     r"handling|solve|solves|solving|evaluate|evaluates|enable|enables|enabling|enhance|enhances|"
                     r"enhancing|of)|:)\s*\Z",
                     re.IGNORECASE)
# 'performs X' says what a method does ('performs internal chain-of-thought planning'): it announces tasks only
# when a list of them follows ('perform semantic reasoning, scene understanding, and trajectory planning')
_PERFORM_BEFORE = re.compile(r"\bperform(?:s|ing|ed)?\s+\Z", re.IGNORECASE)
# what a method relies or builds on is how it works ('rely on syntactic translation alone'), not a task
_RELY_ON = re.compile(r"\b(?:rel(?:y|ies|ying|ied)|depend(?:s|ing|ed)?|based|buil[dt]s?|building)\s+(?:up)?on\s*\Z",
                      re.IGNORECASE)
# 'of X' announces a task only after these nouns ('the field of X'; not 'the lack of X')
_OF_AFTER_NOUN = re.compile(r"(?:\b(?:%s))?\s+of\s*\Z" % alternation("task_of_nouns"), re.IGNORECASE)
# 'formulating X as Y', 'reformulates X as Y', 'casts X as a Y problem': Y is how X is solved, not a task of its own
_FORMULATED_AS = re.compile(r"\b(?:re)?(?:formulat|cast|fram|treat|view|recast)\w*\s+[^.;:]{1,60}?\s+as\s+"
                            r"(?:an?\s+|the\s+)?\Z", re.IGNORECASE)
_TITLE_METHOD_AFTER = re.compile(r"\s+(?:for|via|with|using|by|through|based)\b", re.IGNORECASE)
_TITLE_FOR_AFTER = re.compile(r"\s+for\b", re.IGNORECASE)
_TITLE_METHOD_BEFORE = re.compile(r"\b(?:via|with|using|by|through)\s+\Z", re.IGNORECASE)
_MIXED_CASE = re.compile(r"[a-z]")
_TASKS_BEFORE = re.compile(r"(?i)tasks?\b[^.;]{0,40}\Z")
_LIST_NEXT = re.compile(rf"\s*,\s*(?:and\s+)?(?:[\w-]+\s+){{0,3}}?(?:{HEADS})\b")
# a sentence's subject, when a task: 'Concept erasure, the ability to ...', 'Video matting (VM) aims to ...'
# (an acronym may stand inside it: 'Hyperspectral image (HSI) classification is ...')
_SUBJECT = re.compile(rf"(?:[a-z0-9][\w'-]*\s+(?:\([a-z0-9-]{{2,10}}\)\s+)?){{0,3}}?(?:{HEADS}|{TITLE_HEADS}|"
                      rf"cleaning|erasure|management|interpretability|removal)(?=\s*(?:\([^()]{{1,20}}\)\s*)?"
                      r"(?:,\s+(?:the|a|an|where|which|i\.e\.)\s|(?:is|are|has|have|remains|aims|plays|refers|"
                      r"involves|requires|seeks|enables|poses|presents|concerns|focuses|suffers|faces|attracts|"
                      r"serves|demands|relies|depends|continues|struggles)\b))")
_TECHNIQUE_BEFORE = re.compile(r"\b(?:using|use|uses|incorporates?|implements?|employs?|adopts?|via|with|applies|"
                               r"apply|leverages?|introduces?|proposes?)\s+(?:the\s+|a\s+|an\s+)?\Z")
_TITLE_METHOD_NOUN = re.compile(r"\s+(?:approach|model|network|framework|system|method|architecture|pipeline|"
                                r"module|toolkit|library|and\s+[\w-]+\s+(?:network|agent|model|framework))s?\b")
# a capitalised phrase that goes on with a preposition and a capitalised word is part of a longer name
_NAME_GOES_ON = re.compile(r"[ \t]+(?:from|of|for|with|via)[ \t]+[A-Z]")
_TITLE_CASE = re.compile(r"[A-Z][\w'-]*(?:[ \t]+[A-Z0-9][\w'-]*)*")
_FOR_INSIDE = re.compile(r"\s(?:for|via|with|using)\s")
_AFTER_ABBREVIATION = re.compile(r"\)?\s+(?:tasks?|problems?)\b")
# a capitalised long form named as one method ('an Asymmetric Similarity Learning (ASL) method', 'a Fine-Tuning
# strategy (FTS)'); plural, the methods of a task ('Scene Graph Generation (SGG) models')
_ONE_METHOD_AFTER = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:method|strategy|pipeline|framework|module|approach|"
                               r"algorithm|technique|scheme|mechanism)\b(?!-)")
# a part of a method, named with its acronym: 'a spherical contrast refinement (SCR) module', 'Text-Conditioned
# Denoising (TCD) and Text-Reconstruction Feedback (TRF) modules', 'two key modules, X (A) and Y (B)'
_COMPONENT_AFTER = re.compile(r"\s*\([^()]{1,20}\)\s*(?:(?:module|strategy|algorithm|mechanism|scheme|block|"
                              r"unit)\b(?!-)|(?:,|and)\s+(?:[\w-]+\s+){1,6}\([^()]{1,20}\)\s*(?:modules|blocks|"
                              r"components|strategies|mechanisms)\b)")
_COMPONENTS_BEFORE = re.compile(r"\b(?:modules|components|blocks)\s*[,:]\s*(?:namely\s+|including\s+)?"
                                r"(?:(?:[\w-]+\s+){1,6}\([^()]{1,20}\)\s*(?:,\s*(?:and\s+)?|and\s+))*\Z")
# in a title, a task phrase is the whole noun phrase: 'Metric Learning Recommendation System' is not one
_TITLE_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w-]*)")
_TITLE_CONNECTOR = re.compile(r"\b(?:via|with|using|by|through|for|in|on|towards?|from|to)\b|:")
# a list announced by a task word: 'tasks such as X, Y and Z', 'applications including X', 'across X, Y and Z'
# (the marker first, then the task word before it: a regex led by a fixed word scans fastest)
_LIST_START = ScanPattern(r"(?:such\s+as|including|like|e\.g\.,?|i\.e\.,?|namely|:|across|ranging\s+from|"
                          r"the\s+applications?\s+of)\s+")
_LIST_NOUN_BEFORE = re.compile(r"\b(?:(?:sub)?tasks?|problems?|applications?|settings?|scenarios?|capabilities|"
                               r"domains?)\s*,?\s*\Z")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as)\s+|/)\s*")
_LIST_END = re.compile(r"[.;:()\[\]]|\s(?:on|with|using|in|from|to|by|for|via|under|while|which|that|where|"
                       r"through|without|at|can|could|may|might|will|would|should|is|are|was|were|has|have|had|"
                       r"remain|remains|show|shows|achieve|achieves|demonstrate|demonstrates)\s")
# what leads a list item without naming its task: articles, counts, judging words and prepositions ('across five
# mathematical reasoning benchmarks', 'across three distinct generalization settings', 'such as in deepfake detection')
_ITEM_LEAD = re.compile(r"\A\s*(?:(?:the|a|an|both|either|also|even|many|several|various|diverse|other|"
                        r"downstream|standard|popular|common|challenging|different|multiple|numerous|distinct|varied|key|"
                        r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|in|on|for|with)\s+)*")
_ITEM_BREAK = {"we", "our", "it", "its", "their", "they", "this", "these", "that", "of", "not", "which"}
_ITEM_FOLLOWER = re.compile(r"\s+(?:tasks?|subtasks?|problems?|benchmarks?|settings?|become|becomes|can|could|"
                            r"may|will|are|is|remain|remains|have|has)\b")
_ITEM_HEAD = re.compile(rf"(?:\A|[\s-])(?:{HEADS}|{TITLE_HEADS})\Z")
# 'X methods': X ending in a task word is what the methods do ('existing ship detection methods')
_AFTER_SYSTEM = re.compile(r"\s+(?:methods?|approaches|models?|algorithms?|systems?|techniques|"
                           r"datasets?)\b")
# 'a semi-hierarchical retrieval method', 'a high-definition multi-camera tracking system': one system described
_ONE_SYSTEM = re.compile(r"\ban?\s+\Z")
_PLURAL = re.compile(r"[a-z]{3}(?<!s|u|i)s\Z")
_NOT_BEFORE_SYSTEM = {"learning", "modeling", "modelling", "fine-tuning", "matching", "alignment", "fusion",
                      "extraction", "search", "processing", "reasoning", "understanding", "generation"}
_UPPER = re.compile(r"[A-Z]")
# the -ing form of a verb made to take an object ('characterizing', 'establishing', 'identifying'); a gerund such as
# 'moving', 'steering', 'handwriting' names a kind of task
_VERB_GERUND = re.compile(r"(?:iz|ish|ify)ing\Z")
# a head that is no noun of action, followed by its object: a verb ('in time forecast the advances')
_ACTION_NOUN = re.compile(r"(?:ing|ion|ment|sis|nce|ity|ry|al|ics)\Z")
_OBJECT_AFTER = re.compile(r"[ \t]+(?:the|a|an|its|their|our|his|her|these|those)[ \t]")
# examples of methods are techniques, not tasks: 'current techniques, such as invariance learning'
_METHODS_SUCH_AS = re.compile(r"(?i)\b(?:techniques?|methods?|approaches|strategies|tools?|algorithms?|"
                              r"architectures?|mechanisms?|modules?|paradigms?)\s*,?\s*(?:such\s+as|including|like|"
                              r"e\.g\.,?|i\.e\.,?|namely)\s*\Z")
_METHOD_NOUN_COLON = re.compile(r"(?i)\b(?:framework|method|approach|model|system|pipeline|architecture|module|"
                                r"algorithm|technique|strategy|paradigm)s?\s*:\s*\Z")
_NOMINALISATION = re.compile(r"(?i)(?:tion|sion|ment|ance|ence)\Z")
_DECIMAL_BEFORE = re.compile(r"(?<![\w.])\d+\.\Z")
# a size before a task word and "models" after it: a class of models ('large reasoning models'), not a task
_SIZED_MODELS = re.compile(r"(?:.*\s)?(?:large|small|tiny|huge)\s")  # '(multimodal) large reasoning' models
_MODELS_AFTER = re.compile(r"\s+models?\b", re.IGNORECASE)
_COMPOUND_ADJECTIVE = compound_adjective()
# adjectives that stop a task phrase but not its context ('baseline for accurate fine-scale bloom detection')
_CONTEXT_ADJECTIVES = words("context_adjectives")
# the text calls a phrase a task: 'X, a new task where ...', 'the task of X', 'the problem of X'
_CALLED_TASK = re.compile(r",\s+(?:a|an)\s+(?:new|novel|challenging|fundamental|emerging|"
                          r"practical|realistic|important)?\s*(?:task|problem)\b")
_TASK_OF = re.compile(r"the\s+(?:(?:new|novel|challenging|fundamental|emerging|important)\s+)?(?:task|problem)"
                      r"\s+of\s+")
_NEXT_WORD = re.compile(r"[ \t\n]*([\w][\w'-]*)")
_REST_OF_WORD = re.compile(r"\S*\s*")
_TITLE_FOR = re.compile(r"\bfor\s+\Z")
_SIBLING = re.compile(r"(?:,|\band\b|\bor\b|/)\s*(?:and\s+)?\Z", re.IGNORECASE)
# words that never belong to a task phrase (the phrase stops before them); words that never begin a sentence's
# task subject
_STOP = words("task_stop_words")
_FUNCTION_WORDS = words("subject_function_words")
# stop words only in lower case ('global information extraction'; a title's 'Global Optimization' is a task)
_LOWER_CASE_STOP = {"global", "local"}
# -ly words that belong to a task phrase ("weakly supervised semantic segmentation", "early action prediction")
_KEEP_LY = words("ly_modifiers")
# "novel" is part of a task only before these words ("novel view synthesis", "novel class discovery")
_NOVEL_NEXT = {"view", "views", "class", "classes", "category", "categories", "object", "objects"}
# a verb's -ing form or a hyphenated adjective modifies no task ('characterizing X', 'noise-aware X'), nor what a
# system does to itself ('self-evolving retrieval', 'Self-Improving Multilingual Long Reasoning')
_VERBISH = re.compile(rf"(?i)^(?!(?:{alternation('noun_gerunds')})$)\w+ing$|self-\w+ing$|"
                      rf".*-(?:{alternation('compound_suffixes')}|stage)$")
# vague even as a title's topic ('Feature Learning in Wide Networks' is one; 'Deep Learning for X' is not)
_GENERIC = words("generic_topics")
# a bare head word is too vague to report unless the text lists it as a task
_VAGUE = words("vague_tasks") | _GENERIC
# techniques that end in a task word: how a paper works, not what it addresses
_TECHNIQUES = words("techniques")
_MANNER = words("manner_words")
_LISTED_OK = words("listed_task_words")


_CHALLENGE_TRACK = re.compile(r"(?i)\bchallenge\s+on\s")


def _named_part(text: str, start: int, end: int) -> tuple[int, int]:
    """A data name's range, less the task a challenge is on: in "NTIRE 2025 Challenge on Image Denoising" the
    paper still addresses image denoising."""
    track = _CHALLENGE_TRACK.search(text, start, end)
    return (start, track.end() - 1) if track else (start, end)


def phrase_before(text: str, head_start: int, head_end: int, lo: int = 0) -> tuple[int, str] | None:
    """The task phrase ending with the head word at [head_start, head_end): (start, phrase), or None.

    A modifier coordinated by "and" with two or more modifiers is kept, when it is not itself a task word,
    a plural, an acronym or a noun made from a verb ("infrared dim and small target detection"; not "fusion and
    object detection", "temporal synchronization and landmark-guided spatial registration").
    """
    window = text[max(lo, head_start - 60):head_start]
    offset = head_start - len(window)
    start = head_start
    count = 0
    following = ""
    words = list(_WORDS.finditer(window))
    i = len(words) - 1
    while i >= 0:
        m = words[i]
        word = m.group(0)
        low = word.lower()
        if low == "and" and count >= 2 and i > 0 and _modifier(words[i - 1].group(0)) \
                and not words[i - 1].group(0).endswith("s") and not _TWO_CAPS.search(words[i - 1].group(0)) \
                and not _NOMINALISATION.search(words[i - 1].group(0)) \
                and not _ANCHOR.fullmatch(words[i - 1].group(0).lower()) \
                and not text[words[i - 1].end() + offset:m.start() + offset].strip():
            start = words[i - 1].start() + offset  # 'dim and small target detection'
            count += 1
            i -= 2
            continue
        if count >= MAX_MODIFIERS or not _modifier(word, following):
            break
        if text[m.end() + offset:start].strip():
            break  # punctuation between
        start = m.start() + offset
        count += 1
        following = word
        i -= 1
    number = _DECIMAL_BEFORE.search(text, max(lo, start - 8), start)
    if number and start > lo and text[start].isdigit():
        start = number.start()  # '2.5D Object Detection', not '5D Object Detection'
    phrase = _SPACES.sub(" ", text[start:head_end])
    return start, phrase


def _title_task_place(text: str, lower: str, start: int, end: int, title_end: int) -> bool:
    """Can the title phrase at [start, end) be a task where it stands? Not when another noun follows it ('Image
    Editing Assessment': 'Image Editing' only modifies) nor after 'with'/'via'/'using'/'by'/'through' ('Enhancing
    RAG Systems with ... Query Fusion': a technique)."""
    following = _TITLE_NEXT_WORD.match(text, end, title_end)
    if following and following.group(1).lower() not in _STOP:
        return False
    connectors = _TITLE_CONNECTOR.findall(lower, 0, start)
    return not connectors or connectors[-1] not in ("via", "with", "using", "by", "through")


def _spells_title_name(text: str, start: int, end: int, title_end: int) -> bool:
    """Does the title phrase at [start, end) spell out the acronym before the title's colon ('ABoN: Adaptive
    Best-of-N Alignment')? Then it is the method's name, not a task."""
    colon = text.find(":", 0, title_end)
    head = text[:colon].strip() if colon > 0 else ""
    if not head or start < colon or not is_short_form(head) or text[colon + 1:start].strip():
        return False
    found = match_short_form(head, text[start:end], True)
    return found is not None and found[0] == 0


def _without_adjectives(before: str) -> str:
    """``before`` without the adjectives and the owner that end it ('... for efficient ' -> '... for ';
    '... and language-consistent ' -> '... and '; 'evaluate LLMs' ' -> 'evaluate '; 'for 5-second ' -> 'for ')."""
    while True:
        rest = before.rstrip()
        cut = max(rest.rfind(" "), rest.rfind("\n"))
        last = rest[cut + 1:]
        low = last.lower()
        if low not in _CONTEXT_ADJECTIVES and not ("-" in low and (_COMPOUND_ADJECTIVE.search(low)
                                                                   or _COUNTED.fullmatch(low))) and not (
                "'" in last and not _modifier(last)):
            return before
        before = rest[:cut + 1]


def _announced(near: str) -> bool:
    """Do the words just before a phrase announce a task ('for X', 'on X', 'the field of X')? 'of X' only after
    a noun naming a field or a problem ('the lack of theoretical understanding' is no task)."""
    cue = _BEFORE.search(near)
    if cue and cue.group(0).strip() == ":" and _METHOD_NOUN_COLON.search(near):
        return False  # 'a new framework: 3-Dimensional Matryoshka Learning' names the method
    if cue and cue.group(0).strip().lower() == "on" and _RELY_ON.search(near):
        return False  # 'methods rely on image fine-tuning': what a method builds on is a technique
    if cue and _METHODS_SUCH_AS.search(near):
        return False  # 'current techniques, such as invariance learning': examples of methods are techniques
    if not cue or cue.group(0).strip().lower() != "of":
        return bool(cue)
    return _OF_AFTER_NOUN.search(near).group(0).strip().lower() != "of"


_WORD_BEFORE = re.compile(r"([\w'][\w'-]*)[ \t]+\Z")


def _cut_short(text: str, start: int, end: int) -> bool:
    """Was the phrase at [start, end) cut by the modifier limit, another modifier standing right before it? Then
    it is a fragment of a longer noun phrase (a method's description), not a task's name."""
    if len(text[start:end].split()) <= MAX_MODIFIERS:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(before) and _modifier(before.group(1), text[start:end].split()[0])


def _last_word(text: str, end: int) -> tuple[int, int]:
    """(start, end) of the word ending at ``end``."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'"):
        start -= 1
    return start, end


def _phrase_after(text: str, start: int) -> int:
    """End of the task phrase starting at ``start`` ('novel view synthesis' in 'novel view synthesis in ...'):
    at most MAX_MODIFIERS + 1 words, none of them a stop word."""
    end = start
    for count in range(MAX_MODIFIERS + 1):
        m = _NEXT_WORD.match(text, end)
        if not m:
            break
        word = m.group(1)
        nxt = _NEXT_WORD.match(text, m.end())
        if word.lower() == "novel" and nxt and nxt.group(1).lower() in _NOVEL_NEXT:
            pass
        elif not _modifier(word) and not (count and _VERBISH.match(word) and word.lower().endswith("ing")):
            break
        end = m.end()
    return end


@lru_cache(maxsize=65536)  # called for every word before a task head, mostly with words seen before
def _modifier(word: str, following: str = "") -> bool:
    """May ``word`` modify a task word (before ``following``)?"""
    low = word.lower()
    if low == "novel":
        return following.lower() in _NOVEL_NEXT
    if low == "higher":
        return following.lower() == "order"  # 'higher order reasoning'; not 'higher rendering quality'
    if low in _STOP or word in _LOWER_CASE_STOP or not word[0].isalnum() or _NUMBER.fullmatch(word) \
            or _COUNTED.fullmatch(word) or _VERBISH.match(word):
        return False
    if len(word) == 1 and word.isalpha() or PLURAL_ACRONYM.fullmatch(word):
        return False  # 'm-class', 'k binary' variables; whose task it is: 'VLMs detection'
    if word.endswith("s'") or word.endswith("'s") and word[:-2].isupper():
        return False  # whose ability it is: "LLMs' symbolic planning", "MLLM's reasoning" ('Alzheimer's' stays)
    return not (low.endswith("ly") and len(low) > 4 and low not in _KEEP_LY)


def _words_key(phrase: str) -> tuple[str, ...]:
    """The words of a task phrase, lower-cased, the last one singular: ('video', 'try-on')."""
    words = phrase.lower().split()
    if words and len(words[-1]) > 4 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return tuple(words)


def _within(short: tuple, long: tuple) -> bool:
    """Are the words of ``short`` those of ``long`` in order, with the same last word and, when ``short``
    has several, the same first word? ('video try-on' in 'consistent video try-on'; 'image editing assessment'
    in 'image editing quality assessment')"""
    if short[-1] != long[-1] or len(short) > 1 and short[0] != long[0] and long[-len(short):] != short:
        return False
    words = iter(long)
    return all(word in words for word in short)


def _same_task_groups(phrases: list[str]) -> dict[tuple, tuple]:
    """Words key -> the key naming its task: a phrase within one other phrase (or a chain of them, see
    ``_within``) is that task ('video try-on' in 'consistent video try-on'); the group is named by the form
    written most often, else the shorter. A bare word ending several different phrases stays apart."""
    counts: dict[tuple, int] = {}
    for phrase in phrases:
        key = _words_key(phrase)
        counts[key] = counts.get(key, 0) + 1
    keys = sorted(counts, key=len)
    parent = {k: k for k in keys}

    def root(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for i, short in enumerate(keys):
        longer = [k for k in keys[i + 1:] if len(k) > len(short) and _within(short, k)]
        # a bare word joins a chain only: 'segmentation' in 'instance segmentation' and 'semantic segmentation'
        # stays apart (of equal length, neither phrase lies within the other)
        shortest = len(short) == 1
        if longer and all(_within(o, k) for k in longer for o in longer
                          if len(o) < len(k) or shortest and o != k and len(o) == len(k)):
            parent[root(short)] = root(longer[0])
    members: dict[tuple, list[tuple]] = {}
    for k in keys:
        members.setdefault(root(k), []).append(k)
    out = {}
    for group in members.values():
        name = max(group, key=lambda k: (counts[k], -len(k)))
        for k in group:
            out[k] = name
    return out


@Language.factory("paperkg_tasks", default_config={"gazetteer": []},
                  requires=["doc._.links", "doc._.abbreviations", "doc.spans"], assigns=["doc.spans"])
def make_tasks(nlp: Language, name: str, gazetteer: list[str]):
    return TaskFinder(gazetteer)


class TaskFinder:
    """Runs the task rules (``RULES``, in order) over the Doc's context, keeps the best candidates (at most
    ``MAX_TASKS`` tasks) and writes them to ``doc.spans["task"]``."""

    def __init__(self, gazetteer: list[str]):
        self.gazetteer = cached_gazetteer(gazetteer)

    def __call__(self, doc):
        ctx = doc_context(doc, self.gazetteer)
        found = Candidates(ctx, doc)
        RULES.run(ctx, found)
        for start, end, rule, canonical, gazetteer_id in _choose(ctx, found):
            add_span(doc, TASK, start, end, "task", rule, canonical=canonical, gazetteer=gazetteer_id)
        if TASK not in doc.spans:
            doc.spans[TASK] = []
        return doc


class Candidates(list):
    """Candidate task phrases, (priority, start, end, rule) each (a lower priority ranks first), with what
    stops a phrase from being a task: links, data names, and the methods' names."""

    def __init__(self, ctx: DocContext, doc):
        super().__init__()
        self.ctx = ctx
        self.data = sorted(_named_part(ctx.text, *span_chars(s)) for s in doc.spans[DATA]) if DATA in doc.spans else []
        # a method's name (a proposed one, or an acronym's long form) is not a task, unless the text calls it one
        self.named: list[tuple[int, int]] = []
        self.proposed: set[str] = set()
        for span in doc.spans[METHOD] if METHOD in doc.spans else ():
            values = span_values(span)
            if values["proposed"] or values["rule"] in (Rule.PROPOSAL, Rule.TITLE_COLON, Rule.TITLE_HEAD):
                start, end = values["chars"] or (span.start_char, span.end_char)
                self.named.append((start, end))
                if values["proposed"]:
                    self.proposed.add(norm(values["canonical"] or ctx.text[start:end]))
        self.anchors = list(_ANCHOR.finditer(ctx.lower))  # every task word
        self.last_accepted = -100  # where the last title or context phrase accepted ends

    def known_method(self, phrase: str) -> bool:
        """Does the gazetteer list ``phrase`` as a method and not as a task?"""
        kinds = {entry.kind for entry in self.ctx.gazetteer.by_form.get(phrase, ())}
        return "method" in kinds and "task" not in kinds

    def consider(self, start: int, end: int, rule: Rule, priority: int, listed: bool = False,
                 strong: bool = False) -> bool:
        """Add the phrase at [start, end) unless it is vague, a technique, a bare word not listed as a task, or
        overlaps a link, a data name or (unless ``strong``) a method's name."""
        text = self.ctx.text
        for s, e in self.data:  # 'the COCO detection task': the data name (and its word) is not part of the task
            if s <= start < e < end:
                rest = _REST_OF_WORD.match(text, e, end)
                start = rest.end()
                listed = True  # 'ImageNet classification': a task word after a data name is a task
        phrase = text[start:end].lower()
        if start and (text[start - 1].isalnum() or text[start - 1] in "!&"):
            return False  # inside a word: 'Parameter-E!cient Multi-Task Learning' (a PDF ligature lost), 'H&E-Informed'
        if not _ACTION_NOUN.search(phrase) and _OBJECT_AFTER.match(text, end):
            return False  # 'systems trained up to a fixed point in time forecast the advances'
        if _cut_short(text, start, end):
            return False  # 'Weakly Supervised Spatial Implicit Neural Representation Learning for X': a fragment
        if self.known_method(phrase) or _SIZED_MODELS.match(phrase) and _MODELS_AFTER.match(text, end):
            return False  # 'retrieval-augmented generation (RAG)' is a method; 'large reasoning models' a class
        vague = phrase in _VAGUE and not (rule == Rule.TITLE_TASK and " " in phrase and phrase not in _GENERIC)
        manner, _, head = phrase.partition(" ")
        vague = vague or manner in _MANNER and head and " " not in head  # 'joint optimization': how, not what
        if not phrase or vague or phrase in _TECHNIQUES or (" " not in phrase and phrase in _LISTED_OK
                                                            and not listed):
            return False
        if any(s < end and start < e for s, e in self.ctx.blocked + self.data):
            return False
        if not strong and (any(s < end and start < e for s, e in self.named)):
            return False  # 'Convergent Learning: ...' names the paper's method
        self.append((priority, start, end, rule))
        return True


RULES = RuleSet()


@RULES.register(Rule.ABBREVIATION)
def abbreviation(ctx: DocContext, found: Candidates) -> None:
    """A defined long form ending in a task word: 'Scene Graph Generation (SGG)'."""
    text, lower = ctx.text, ctx.lower
    for (ls, le), (ss, se) in ctx.pairs:
        if _MIXED_CASE.search(text[ss:se]) or _TECHNIQUE_BEFORE.search(lower, max(0, ls - 25), ls):
            continue  # 'PaCoRe', 'mRAG' name methods; 'by using centered kernel alignment (CKA)' a technique
        if _ONE_METHOD_AFTER.match(lower, le) and _UPPER.search(text, ls, le):
            continue  # one method's name; in lower case what it does ('a post-training quantization (PTQ) method')
        if _UPPER.search(text, ls, le) and _FOR_INSIDE.search(lower, ls, le):
            continue  # 'Subgoal-Conditioned Pretraining for Efficient Planning (SCOPE)': 'X for Y' names the method
        if not (_ANCHOR.search(lower, max(ls, le - 30), le) and _HEAD_AT_END.search(lower, ls, le)):
            continue  # no task word ends the long form
        if _COMPONENT_AFTER.match(lower, le) or _COMPONENTS_BEFORE.search(lower, max(0, ls - 160), ls):
            continue  # a part of the method, in any case: 'a decision variable pruning (DVP) strategy'
        # a lower-case long form describes what is done ('post-training quantization (PTQ)'), not a name
        found.consider(ls, le, Rule.ABBREVIATION, 1, strong=bool(_AFTER_ABBREVIATION.match(text, se))
                       or not _UPPER.search(text, ls, le))


@RULES.register(Rule.TASK_SUBJECT)
def task_subject(ctx: DocContext, found: Candidates) -> None:
    """A sentence's subject: 'Concept erasure, the ability ...', 'Enterprise data management is a monumental
    task' (the abstract's first sentence ranks with the abbreviations)."""
    lower, title_end = ctx.lower, ctx.title_end
    anchor_ends = [a.end() for a in found.anchors]
    for number, (sentence_start, _end) in enumerate(s for s in ctx.sentences if s[0] > title_end):
        if number and bisect_left(anchor_ends, sentence_start) == bisect_left(anchor_ends, sentence_start + 60):
            continue  # no task word near the start of this sentence
        subject = _SUBJECT.match(lower, sentence_start)
        words = subject.group(0).split() if subject else ()
        if any(w in _FUNCTION_WORDS or w.endswith("ly") or _COMPOUND_ADJECTIVE.search(w) for w in words) \
                or len(words) > 1 and _VERB_GERUND.search(words[0]):
            continue  # a verb with its object: 'Characterizing emergent reasoning is vital'
        # after the first sentence: several words ending in a task word proper
        if words and (number == 0 or len(words) > 1 and _HEAD_AT_END.search(subject.group(0))):
            found.consider(sentence_start, subject.end(), Rule.TASK_SUBJECT, 1 if number == 0 else 2, listed=True)


@RULES.register(Rule.TASK_CALLED)
def task_called(ctx: DocContext, found: Candidates) -> None:
    """What the text calls a task: 'X, a new task where ...', 'the problem of X'."""
    text, lower, title_end = ctx.text, ctx.lower, ctx.title_end
    for called in _CALLED_TASK.finditer(lower, title_end):
        if not lower[called.start() - 1].isalnum():
            continue
        start = phrase_before(text, *_last_word(text, called.start()), title_end + 1)[0]
        if start < called.start() and _names_a_task(lower[start:called.start()]):
            found.consider(start, called.start(), Rule.TASK_CALLED, 2, listed=True)
    for task_of in _TASK_OF.finditer(lower, title_end):
        if lower[task_of.start() - 1].isalnum():
            continue  # 'bathe'
        end = _phrase_after(text, task_of.end())
        phrase = lower[task_of.end():end].strip()
        if _names_a_task(phrase) or " " in phrase and phrase.partition(" ")[0].endswith("ing"):
            # 'the problem of answering cloze-style questions'; not 'the problem of domain shifts'
            found.consider(task_of.end(), end, Rule.TASK_CALLED, 2, listed=True)


def _names_a_task(phrase: str) -> bool:
    """Can a phrase the text calls a task name one: several words or a task word ('each job, a task that ...'
    calls the whole clause a task, not the job)?"""
    phrase = phrase.strip()
    if _PLURAL.search(phrase) and not _ANCHOR.search(phrase.rsplit(" ", 1)[-1]):
        return False  # 'semantically equivalent inputs, a problem compounded by ...': what has the problem
    return " " in phrase or bool(_ANCHOR.fullmatch(phrase))


@RULES.register(Rule.TASK_LIST)
def task_list(ctx: DocContext, found: Candidates) -> None:
    """The items of a list a task word announces, when every item ends in a task word: 'tasks such as X, Y
    and Z', 'applications including X and Y', 'performance across X, Y and Z'."""
    for start, end in list_items(ctx.text, ctx.lower, ctx.title_end):
        found.consider(start, end, Rule.TASK_LIST, 2, listed=True)


def _task_follows(ctx: DocContext, found: Candidates, start: int) -> bool:
    """Does a task word or a known task phrase stand in the title from ``start`` on ('... for Nighttime Optical
    Flow')?"""
    if _ANCHOR.search(ctx.lower, start, ctx.title_end):
        return True
    return any(m.entry.kind == "task" and start <= m.start < ctx.title_end for m in ctx.hits)


def _for_a_task(ctx: DocContext, found: Candidates, end: int) -> bool:
    """Does 'for' and a task follow the title phrase ending at ``end`` ('X for Y': X is the method)?"""
    after = _TITLE_FOR_AFTER.match(ctx.text, end, ctx.title_end)
    return bool(after) and _task_follows(ctx, found, after.end())


@RULES.register(Rule.TITLE_TASK)
def title_task(ctx: DocContext, found: Candidates) -> None:
    """A task phrase in the title, unless it names the method ('X for Y': X is the method; after 'with'/'via'
    a technique; 'Image Editing Assessment': 'Image Editing' only modifies)."""
    text, lower, title_end = ctx.text, ctx.lower, ctx.title_end
    for anchor in found.anchors:
        hs, he = anchor.span()
        if hs >= title_end:
            break
        start = phrase_before(text, hs, he, 0)[0]
        after = _TITLE_METHOD_AFTER.match(text, he, title_end)
        if after and _task_follows(ctx, found, after.end()) or _TITLE_METHOD_BEFORE.search(text[:start]):
            continue  # "X for Y": X is the method, Y the task
        if norm(text[start:he]) in found.proposed or _TITLE_METHOD_NOUN.match(lower, he, title_end):
            continue  # '... Speech Restoration Model', '... Distribution Matching Approach'
        if not _title_task_place(text, lower, start, he, title_end) or _spells_title_name(text, start, he, title_end):
            continue
        if " " not in text[start:he].strip() and not (
                _TITLE_FOR.search(lower, max(0, start - 5), start) and he - start >= 8
                and anchor.group(0) not in _LISTED_OK):
            continue  # a bare 'Fusion', 'Navigation' in a title; '... for Pansharpening' is fine
        if found.consider(start, he, Rule.TITLE_TASK, 0, listed=True):
            found.last_accepted = he


@RULES.register(Rule.TASK_CONTEXT)
def task_context(ctx: DocContext, found: Candidates) -> None:
    """A task phrase in the abstract next to words that announce a task ('X tasks', 'for X', 'on X, Y and Z
    tasks', 'ImageNet classification'); else, before a method noun, what methods do ('existing ship detection
    methods': rule ``task_system``)."""
    text, lower, title_end = ctx.text, ctx.lower, ctx.title_end
    for anchor in found.anchors:
        hs, he = anchor.span()
        if hs < title_end or anchor.group(0) in _TITLE_ONLY:
            continue
        start, phrase = phrase_before(text, hs, he, title_end + 1)
        after_ok = bool(_AFTER.match(text, he))
        near_last = 0 <= found.last_accepted and start - found.last_accepted < 60
        gap = _without_adjectives(text[found.last_accepted:start]) if near_last else ""
        sibling = 0 < len(gap) < 12 and bool(_SIBLING.search(gap))  # '3D reconstruction and language-consistent X'
        lead = text[max(title_end, start - 90):start]  # '... as a geometry-aware X problem'
        if "as " in lead:  # stripping adjectives leaves a prefix of the window: no 'as ' in it, none after
            lead = _without_adjectives(lead)
            if "as " in lead[-8:] and _FORMULATED_AS.search(lead):
                continue  # 'formulating tree counting as a spatial density matching problem'
        if _NAME_GOES_ON.match(text, he) and _TITLE_CASE.fullmatch(text, start, he):
            continue  # 'Language Model Reinforcement Learning from Human Feedback (LM-RLHF)': a longer name
        # computed only where a rule below reads it (most anchors are taken or left on the cheaper tests)
        before = None if after_ok or sibling or " " not in phrase else \
            _without_adjectives(text[max(title_end, start - 50):start])  # 'for efficient fine-scale X'
        near = before[-24:] if before else ""  # the \Z-anchored patterns below scan every position: keep it short
        if after_ok or sibling or (" " in phrase and (_announced(near) or bool(_PERFORM_BEFORE.search(near))
                                                       and bool(_LIST_NEXT.match(lower, he)))):
            listed = after_ok or sibling or bool(_TASKS_BEFORE.search(before)) or bool(_LIST_NEXT.match(lower, he))
            if found.consider(start, he, Rule.TASK_CONTEXT, 2, listed=listed):
                found.last_accepted = he
        elif " " in phrase.strip() and anchor.group(0) not in _NOT_BEFORE_SYSTEM \
                and _AFTER_SYSTEM.match(lower, he) and not _ONE_SYSTEM.search(
                    _without_adjectives(lower[max(title_end, start - 40):start])):
            found.consider(start, he, Rule.TASK_SYSTEM, 3)  # 'ship detection methods', 'video recognition models'


@RULES.register(Rule.GAZETTEER)
def gazetteer(ctx: DocContext, found: Candidates) -> None:
    """A known task phrase (``data/tasks.txt``); in the abstract only in a task context."""
    text, lower, title_end = ctx.text, ctx.lower, ctx.title_end
    for match in ctx.hits:
        if match.entry.kind != "task":
            continue
        in_title = match.start < title_end
        system = not match.needs_context and _AFTER_SYSTEM.match(lower, match.end)  # 'X methods'
        if not in_title and not system and not _AFTER.match(text, match.end) and (
                match.needs_context or not _BEFORE.search(text[max(title_end, match.start - 30):match.start])):
            continue
        start = match.start
        if in_title:  # with the title's modifiers: 'for Nighttime Optical Flow'
            start = phrase_before(text, match.start, match.end)[0]
            if _spells_title_name(text, start, match.end, title_end):
                # the method's name ends in the task: 'SQuat: Subspace-orthogonal KV Cache Quantization' addresses KV
                # cache quantization, 'CCAD: Compressed Global Feature Conditioned Anomaly Detection' anomaly detection
                second = text.find(" ", start, match.start) + 1
                start = second if second and len(text[second:match.end].split()) <= 3 else match.start
            if not _title_task_place(text, lower, start, match.end, title_end) or _for_a_task(ctx, found, match.end):
                continue  # 'Surprise Calibration for Better In-Context Learning': the method, for a task
        found.consider(start, match.end, Rule.GAZETTEER, 1 if in_title else 3, listed=True)


def _choose(ctx: DocContext, candidates: Candidates):
    """(start, end, rule, canonical, gazetteer id) of the tasks kept, in text order: overlapping candidates
    go to the better rule, then the longer phrase (a known task phrase that contains a candidate ranks with
    it: 'multiple instance learning' over 'instance learning'); phrases naming one task are grouped and the
    first MAX_TASKS groups by rank kept."""
    text = ctx.text
    for i, (priority, start, end, rule) in enumerate(candidates):
        if rule == Rule.GAZETTEER:
            inner = [c[0] for c in candidates if start <= c[1] and c[2] <= end and c[2] - c[1] < end - start]
            candidates[i] = (min([priority] + inner), start, end, rule)
    chosen: list[tuple[int, int, int, str]] = []
    for cand in sorted(candidates, key=lambda c: (c[0], c[1] - c[2])):
        if not any(c[1] < cand[2] and cand[1] < c[2] for c in chosen):
            chosen.append(cand)
    groups = _same_task_groups([text[start:end] for _p, start, end, _r in chosen])
    best: dict[str, tuple[int, int]] = {}
    for priority, start, end, _rule in chosen:
        key = groups[_words_key(text[start:end])]
        rank, count = best.get(key, (9, 0))
        best[key] = (min(rank, priority), count - 1)
    keep = set(sorted(best, key=lambda k: best[k])[:MAX_TASKS])
    names: dict[tuple, tuple[str, str | None]] = {}  # group -> (canonical, gazetteer id)
    by_form = ctx.gazetteer.by_form
    for priority, start, end, rule in sorted(chosen, key=lambda c: c[1]):
        surface = text[start:end]
        group = groups[_words_key(surface)]
        if group not in keep:
            continue
        if group not in names:
            written = next((text[s:e] for _p, s, e, _r in chosen if _words_key(text[s:e]) == group), surface)
            known = [e for e in by_form.get(written.lower(), ()) if e.kind == "task"]
            names[group] = (known[0].canonical, known[0].id) if known else (
                _SPACES.sub(" ", written if _TWO_CAPS.search(written) else written.lower()), None)
        yield (start, end, rule) + names[group]


def list_items(text: str, lower: str, title_end: int):
    """(start, end) of the items of a list a task word announces, when every item ends in a task word
    ('tasks such as topographic mapping, forestry and agriculture' is a list of domains)."""
    for m in _LIST_START.finditer(lower, title_end):
        if m.group(0)[0] in "art":
            if lower[m.start() - 1].isalnum() or lower[m.start() - 1] == "-":
                continue  # 'macross'
        elif not _LIST_NOUN_BEFORE.search(lower, max(0, m.start() - 20), m.start()):
            continue  # 'such as' after a task word only ('datasets such as X' lists data)
        stop = _LIST_END.search(lower, m.end())
        end = stop.start() if stop else len(lower)
        pos = m.end()
        items = []
        for sep in list(_LIST_SEPARATOR.finditer(lower, pos, end)) + [None]:
            item_end = sep.start() if sep else end
            if sep is None:  # the last item runs into the sentence: 'clustering become easy'
                head = _ANCHOR.search(lower, pos, item_end)
                if head and head.end() < item_end and not _ITEM_FOLLOWER.match(lower, head.end()):
                    items = []  # 'across two personalization methods': the task word only modifies
                    break
                item_end = head.end() if head else item_end
            item = lower[pos:item_end].rstrip()
            if len(item.split()) > MAX_MODIFIERS + 1 or not _ITEM_HEAD.search(item):
                items = []
                break
            lead = _ITEM_LEAD.match(item).end()
            if lead == len(item) or any(w in _ITEM_BREAK for w in item[lead:].split()):
                items = []
                break
            items.append((pos + lead, pos + len(item)))
            pos = sep.end() if sep else end
        yield from items
