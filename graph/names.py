"""Name keys: the form two spellings of one entity share, and the tests entity resolution needs.

>>> name_key("CIFAR-10") == name_key("cifar10") == name_key("CIFAR 10")
True
>>> name_key("ResNet-50") == name_key("ResNet-101")
False
>>> name_key("LLMs") == name_key("LLM")
True
>>> is_acronym_of("FOT", "Federated Orthogonal Training")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[\W_]+")  # letters and digits of any script stay (π-Net, 中文)
_ACRONYM_PLURAL = re.compile(r"(?<=[A-Z0-9])s$")

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
    if len(text) > 2:
        text = _ACRONYM_PLURAL.sub("", text)
    return _NON_ALNUM.sub("", text.casefold())


@lru_cache(maxsize=1 << 18)
def space_key(space: str, text: str) -> str:
    """``name_key`` followed by the key space's equivalences (``data``: ``imagenet`` -> ``imagenet1k``)."""
    key = name_key(text)
    return EQUIVALENT_KEYS.get(space, {}).get(key, key)


@lru_cache(maxsize=1 << 16)
def is_acronym(text: str) -> bool:
    """A short single token with at least two capitals (``FOT``, ``ViT``, ``MRFFI``, ``GPT-4``)."""
    text = text.strip()
    return (
        0 < len(text) <= 12 and " " not in text
        and sum(ch.isupper() for ch in text) >= 2
    )


def is_acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates the multi-word ``long`` (its capitals come from the words' initials, in order)."""
    if " " in short.strip() or " " not in long.strip() and "-" not in long.strip():
        return False
    if name_key(long).startswith(name_key(short)):
        return False  # CIFAR-10 is a spelling of cifar-10 and CityScapes a prefix of Cityscapes-Fine, not acronyms
    letters = [ch.lower() for ch in short if ch.isalpha()]
    words = [w for w in re.split(r"[\s\-/]+", long.lower()) if w]
    if not letters or len(letters) > len(long):
        return False
    if letters[0] != words[0][0]:
        return False
    # Each letter must appear in order within the long form, the first letter of each word at least once.
    text = " ".join(words)
    pos = 0
    for ch in letters:
        pos = text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


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
