"""spaCy rule pipeline that extracts entities from titles and abstracts.

>>> from paperkg.extractors import load, extract, analysed_text, corpus_pass
>>> nlp = load()                      # spacy.blank("en") + paperkg_* components
>>> lines = list(extract(records))    # one extraction line (plain dict) per PaperRecord
>>> lines = corpus_pass(lines)        # spread strongly evidenced names across the corpus

The names load lazily: ``paperkg.extractors.text`` (the pure text helpers ``clean_text`` and
``analysed_text``, which ``graph/`` uses) imports without loading spaCy.
"""

from importlib import import_module

_EXPORTS = {"load": "pipeline", "analysed_text": "pipeline", "extract": "pipeline", "extract_texts": "pipeline",
            "corpus_pass": "corpus"}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
