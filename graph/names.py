"""Name keys: the form two spellings of one entity share, and the tests entity resolution needs.

>>> name_key("CIFAR-10") == name_key("cifar10") == name_key("CIFAR 10")
True
>>> name_key("ResNet-50") == name_key("ResNet-101")
False
>>> name_key("LLMs") == name_key("LLM")
True
>>> is_acronym_of("FOT", "Federated Orthogonal Training")
True
>>> name_key("ScanNet++") == name_key("ScanNet"), space_key("task", "Knowledge Graphs") == space_key("task", "knowledge graph")
(False, True)
>>> is_name("BERT-"), is_name("100"), is_name("ViT-S")
(False, False, True)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[\W_]+")  # letters and digits of any script stay (π-Net, 中文)
_ACRONYM_PLURAL = re.compile(r"(?<=[A-Z])s$")  # CNNs, LLMs; not YOLOv8s
#: A trailing "+" marks a variant (ScanNet++, LoRA+, RefCOCO+, HumanEval+): it is part of the key.
_PLUS = re.compile(r"\+")

#: Keys that name the same thing as another key, per key space: what the graph insists on even when the
#: extractor's gazetteer did not say so. Bare "ImageNet" is ImageNet-1K (ILSVRC-2012); 21K and 22K are one
#: release of the full ImageNet and stay apart from 1K.
EQUIVALENT_KEYS: dict[str, dict[str, str]] = {
    "data": {
        "imagenet": "imagenet1k",
        "ilsvrc2012": "imagenet1k",
        "ilsvrc": "imagenet1k",
        "imagenet2012": "imagenet1k",
        "imagenet22k": "imagenet21k",
        "mscoco": "coco",
        "microsoftcoco": "coco",
    },
}
#: Canonical names for the targets of ``EQUIVALENT_KEYS`` (used when no gazetteer name is given).
CANONICAL_NAMES: dict[str, dict[str, str]] = {
    "data": {"imagenet1k": "ImageNet-1K", "imagenet21k": "ImageNet-21K", "coco": "COCO"},
}


@lru_cache(maxsize=1 << 18)
def name_key(text: str) -> str:
    """Case- and punctuation-blind key of a name; an acronym's plural ``s`` (``CNNs``) is dropped."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text.isascii():  # Fréchet = Frechet: accents off (letters of other scripts stay)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if len(text) > 2:
        text = _ACRONYM_PLURAL.sub("", text)
    return _NON_ALNUM.sub("", _PLUS.sub("plus", text.casefold()))


#: Words a data name may end with that do not change what it names ("KITTI benchmark" is KITTI, "NTIRE 2025
#: Challenge" is NTIRE 2025, "IAM Handwriting Database" is IAM Handwriting).
DATA_HEADS = re.compile(r"(?:\s+(?:benchmark|dataset|data\s+set|corpus|challenge|leaderboard|database)s?)+$", re.I)
#: A plural last word of a task or data name (Knowledge Graphs, nuScene/nuScenes); not -ss, -us, -is.
_PLURAL = re.compile(r"(?<=[a-z]{3})(?<![su])(?<!i)s$|(?<=[a-z]{2})ie(?=s$)")


def id_key(space: str, text: str) -> str:
    """The key a node id is made of: ``name_key`` and the space's equivalences, without ``space_key``'s folding
    (``data:cityscapes``, ``data:imagenet1k``)."""
    key = name_key(text)
    return EQUIVALENT_KEYS.get(space, {}).get(key, key)


def _singular(text: str) -> str:
    """The last word made singular: ``knowledge graphs`` -> ``knowledge graph``, ``queries`` -> ``query``."""
    head, _, last = text.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif _PLURAL.search(last):
        last = last[:-1]
    return f"{head} {last}" if head else last


@lru_cache(maxsize=1 << 18)
def space_key(space: str, text: str) -> str:
    """``name_key`` after the key space's own folding, then its equivalences: a plural last word
    (``Knowledge Graphs`` = ``knowledge graph``, ``Transformers`` = ``Transformer``), a data name's plural and trailing "benchmark"/"dataset"
    (``nuScene`` = ``nuScenes``, ``KITTI benchmark`` = ``KITTI``); ``data``: ``imagenet`` -> ``imagenet1k``."""
    text = text.strip()
    if space == "data":
        stripped = DATA_HEADS.sub("", text)
        text = stripped or text
    text = _singular(text)  # on the text as written: VITS and ViT-S are not plurals
    key = name_key(text)
    return EQUIVALENT_KEYS.get(space, {}).get(key, key)


_SEPARATORS = re.compile(r"[\s_\-\u2010-\u2015]+")    # between a name's parts: spaces, hyphens, dashes
_NUMBER_SEPARATOR = re.compile(r"-(?=\d)|(?<=\d)-")  # before or after a number ("ICDAR 2015")


@lru_cache(maxsize=1 << 16)
def spelling(space: str, text: str) -> str:
    """How a name is written, less what ``space_key`` folds as one name (case, a plural, a trailing "benchmark")
    and how its parts are separated (a space or a hyphen; none next to a number): whether its parts are written
    apart or together (``MT-Bench``, ``MT bench`` and ``MT-bench`` are one spelling, ``MTBench`` another;
    ``ICDAR 2015`` is ``ICDAR2015``)."""
    text = text.strip()
    if space == "data":
        text = DATA_HEADS.sub("", text) or text
    text = _SEPARATORS.sub("-", unicodedata.normalize("NFKC", _singular(text)).casefold())
    return _NUMBER_SEPARATOR.sub("", text)


@lru_cache(maxsize=1 << 16)
def is_acronym(text: str) -> bool:
    """A short single token with at least two capitals (``FOT``, ``ViT``, ``MRFFI``, ``GPT-4``)."""
    text = text.strip()
    return (
        0 < len(text) <= 12 and " " not in text
        and sum(ch.isupper() for ch in text) >= 2
    )


def is_acronym_of(short: str, long: str, every_word: bool = False) -> bool:
    """Whether ``short`` abbreviates the multi-word ``long`` (its capitals come from the words' initials, in order).
    ``every_word``: each word of ``long`` but small ones lends a letter of its own, hyphenated parts too (a
    task's acronym names the whole task: ``OOD`` is "out-of-distribution", not "out-of-distribution detection").

    A variant mark is part of the name, not of the abbreviation: ``LoRA+`` and ``LoRA-`` abbreviate nothing
    that does not say so, and every word of the long form but small ones must lend a letter ("Low-Rank
    Adaptation Subtraction" is not ``LoRA``).
    """
    if " " in short.strip() or " " not in long.strip() and "-" not in long.strip():
        return False
    if short.rstrip().endswith(("+", "-")) and not long.rstrip().endswith(short.rstrip()[-1]):
        return False
    if name_key(long).startswith(name_key(short)):
        return False  # CIFAR-10 is a spelling of cifar-10 and CityScapes a prefix of Cityscapes-Fine, not acronyms
    letters = [ch.lower() for ch in short if ch.isalpha()]
    words = [w for w in re.split(r"[\s\-/]+", long.lower()) if w]
    if not letters or len(letters) > len(long):
        return False
    if letters[0] != words[0][0]:
        return False
    # Each letter must appear in order within the long form, and the last capital must start its last word
    # (small words and numbers aside: "Theory of Mind" is ToM, "Residual Network" ResNet).
    text = " ".join(words)
    pos = 0
    for ch in letters:
        pos = text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    if every_word and not _lends_every_word(letters, words):
        return False
    capitals = [ch.lower() for ch in short if ch.isupper()]
    content = [w for w in long.split() if w.lower() not in _SMALL_WORDS and not w.strip("-.").isdigit()]
    if not capitals or not content:
        return True
    last = content[-1].rsplit("-", 1)  # "Decision-Making" ends a word at Making; "Pre-trained" at Pre
    last = last[1] if len(last) == 2 and last[1][:1].isupper() else content[-1]
    return last[0].lower() == capitals[-1]


def spells_out(short: str, long: str) -> bool:
    """``is_acronym_of``, or so once the lower-case words that end a capitalised long form are left out: what a
    paper writes before its acronym in brackets ("Peer Review Intelligence via Structured Multi-dimensional
    assessment (PRISM)") is its expansion, though the last word lends no letter.

    >>> is_acronym_of("PRISM", "Peer Review Intelligence via Structured assessment"), spells_out("PRISM",
    ...     "Peer Review Intelligence via Structured Multi-dimensional assessment")
    (False, True)
    """
    if is_acronym_of(short, long):
        return True
    words = long.split()
    if not words or not words[0][:1].isupper():
        return False
    while len(words) > 2 and words[-1].islower():
        words.pop()
    return len(words) < len(long.split()) and is_acronym_of(short, " ".join(words))


def _lends_every_word(letters: list[str], words: list[str]) -> bool:
    """Can ``letters`` be read, in order, as each word's first letter and then more letters of that word, so that
    every word but small ones and numbers lends one?"""
    @lru_cache(maxsize=None)
    def fits(i: int, w: int) -> bool:  # letters[i:] from words[w:], letters[i] starting words[w]
        if w == len(words):
            return i == len(letters)
        word = words[w]
        optional = word in _SMALL_WORDS or word.strip(".").isdigit()
        if optional and fits(i, w + 1):
            return True
        if i == len(letters) or word[:1] != letters[i]:
            return False
        j, pos = i + 1, 1
        while True:  # letters[i:j] from this word, the rest from the next words
            if fits(j, w + 1):
                return True
            if j == len(letters) or (pos := word.find(letters[j], pos) + 1) == 0:
                return False
            j += 1

    return fits(0, 0)


def same_expansion(a: str, b: str) -> bool:
    """Whether two long forms spell one expansion: the same key, or word by word the same start ("Vision
    Transformer"/"Visual Transformers", "Low-Rank Adaptation"/"Low-Rank Adapters"; not "Group Relative Policy
    Optimization"/"Group Reward Policy Optimization").

    >>> same_expansion("Low-Rank Adaptation", "low rank adapters"), same_expansion("Direct Preference Optimization",
    ...     "direct policy optimization")
    (True, False)
    """
    if name_key(a) == name_key(b):
        return True
    wa, wb = ([name_key(w) for w in re.split(r"[\s\-/]+", t) if name_key(w)] for t in (a, b))
    return len(wa) == len(wb) and all(x[:4] == y[:4] if min(len(x), len(y)) >= 4 else x == y
                                      for x, y in zip(wa, wb))


#: A model size or tuning suffix after a family's name (``Qwen2.5-VL-7B``, ``Llama-3.1-8B-Instruct``).
SIZE_SUFFIX = re.compile(r"[-\s]\d+(?:\.\d+)?[BMbm](?:[-\s](?:Instruct|Chat|Base|it))?$")

#: Words an acronym may skip (``ToM`` for "Theory of Mind").
_SMALL_WORDS = frozenset("of for and the a an in on to via with by from at".split())
#: Lower-case words that make a form a clause or a fragment, not a name ("models consistently outperform ...").
CLAUSE_WORDS = frozenset("""we our us is are was were be been being has have had do does did can could will would
should may might must outperform outperforms outperformed achieve achieves achieved show shows showed shown
consistently significantly which that these those this whereas while when where although because than
demonstrate demonstrates improve improves using based""".split())
#: Leading words that are not part of a task's name ("five video question answering", "whereas machine learning").
#: "multiple" stays: it is part of task names (multiple instance learning, multiple object tracking).
LEADING_JUNK = frozenset("""a an the and or but whereas while both either various several many different
diverse other such its their our this these those one two three four five six seven eight nine ten""".split())


@lru_cache(maxsize=1 << 16)
def is_name(text: str) -> bool:
    """Whether ``text`` can name an entity: not cut off (``BERT-``, ``ViT-``), not a number (``100``), not a
    clause ("models consistently outperform ..."), at most 10 words.

    >>> [is_name(t) for t in ("Qwen3-", "100", "3DGS", "Segment Anything", "models consistently outperform")]
    [False, False, True, True, False]
    """
    text = text.strip()
    if not text or text[-1] in "-–,;:(" or text[0] in "-–,;:)":
        return False
    if not any(ch.isalpha() for ch in text) or len(_NON_ALNUM.sub("", text)) < 2:
        return False
    words = text.split()
    return len(words) <= 10 and not any(w in CLAUSE_WORDS for w in words)


def is_fragment_of(form: str, name: str) -> bool:
    """Whether ``form`` is some of ``name``'s words without the rest, written in lower case: a piece of the
    name, not another spelling ("classification" of "classification accuracy", "accuracy" of "task
    accuracy"). Capitalised short forms stay ("Dice" of "Dice score").

    >>> [is_fragment_of(f, n) for f, n in (("classification", "classification accuracy"), ("Dice", "Dice score"),
    ...                                    ("top-1", "top-1 accuracy"))]
    [True, False, False]
    """
    words, whole = form.lower().split(), name.lower().split()
    if not (form.islower() or form.lower() in _HEAD_WORDS) or len(words) >= len(whole) \
            or not all(w.isalpha() for w in words):  # "top-1" of "top-1 accuracy" is its short form
        return False
    return all(w in whole for w in words)


#: Head words of metric names that, alone, are another (broader) metric ("Accuracy" under "task accuracy").
_HEAD_WORDS = frozenset(("accuracy", "score", "error", "rate", "time", "speed", "latency"))


def clean_task(text: str) -> str:
    """A task name without leading determiners, numbers and conjunctions: "five video question answering" ->
    "video question answering" (the rest of the phrase is the task)."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in LEADING_JUNK:
        words = words[1:]
    return " ".join(words)


#: What one name may add to another and still name the same thing (a generic head).
_SAME_THING_TAIL = re.compile(r"^(?:benchmark|dataset|datasets|model|models|framework|method|algorithm|"
                              r"network|networks|architecture|task|problem|challenge|"
                              r"score|scores|accuracy|metric|measure|value|correlation|coefficient)$")
# FID score, top-1 accuracy; Spearman = Spearman correlation, Dice = Dice coefficient


def contains_other(space: str, a: str, b: str) -> bool:
    """Whether one of two names is the other plus something that makes it another thing: a variant
    (``ScanNet++``, ``YOLOv8s``, ``ViT-S``, ``Qwen2.5-7B``), a sub-task ("3D object detection"), or a model
    named after a family ("Video Swin Transformer", ``Llama-Sunshine``). A generic head ("KITTI benchmark",
    "Mamba model") does not count; nor does an acronym against its expansion.

    >>> contains_other("data", "ScanNet", "ScanNet++"), contains_other("data", "KITTI", "KITTI benchmark")
    (True, False)
    >>> contains_other("task", "object detection", "3D object detection")
    True
    """
    ka, kb = space_key(space, a), space_key(space, b)
    if ka == kb or not ka or not kb:
        return False
    if not (ka in kb or kb in ka):  # before the equivalences: ImageNet-S is not ImageNet (= ImageNet-1K)
        ka, kb = _singular(name_key(a)), _singular(name_key(b))
    (short, _), (long, long_text) = sorted(((ka, a), (kb, b)), key=lambda x: len(x[0]))
    if short not in long:
        return False
    tail = long.replace(short, "", 1)
    if tail == "s" and _PLAIN_PLURAL.search(long_text):
        return False  # Transformers, ViTs; not ViT-S nor YOLOv8s
    return not _SAME_THING_TAIL.match(tail)


_PLAIN_PLURAL = re.compile(r"(?<![-\s])[A-Za-z]s$")


#: Last words that make a multi-word name a family of methods rather than one ("Latent Diffusion Models").
GENERIC_HEADS = frozenset("""models networks methods algorithms systems frameworks architectures techniques
approaches agents machines transformers learners classifiers detectors encoders decoders""".split())


def is_generic_short(text: str) -> bool:
    """A name too short or too plain to infer a citation from (``SAM``, ``DELTA``, ``Adam``, ``latent diffusion
    models``, ``Graph Neural Networks``).

    Three characters or fewer, four unless the case changes inside (``NeuS``); a dictionary-looking single
    word (all letters, one capital at most); a phrase written all in lower case; or a phrase ending in a
    plural family word (``GENERIC_HEADS``).
    """
    text = text.strip()
    if " " in text and (text == text.lower() or text.rsplit(" ", 1)[1].lower() in GENERIC_HEADS):
        return True
    letters = re.sub(r"[^A-Za-z0-9]", "", text)
    if len(letters) <= 3:
        return True
    if len(letters) == 4:
        return not re.search(r"[a-z][A-Z]", text)  # NeuS is coined; SAM, Adam, GRPO and CoE are not
    if " " not in text and text.isalpha() and sum(ch.isupper() for ch in text) <= 1:
        return True
    # An all-capital word of 5+ letters with no digit is often an English word in capitals (DELTA, SPARK).
    return " " not in text and text.isalpha() and text.isupper() and len(text) <= 6
