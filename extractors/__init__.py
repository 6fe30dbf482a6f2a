"""spaCy rule pipeline that extracts entities from titles and abstracts.

>>> from paperkg.extractors import load, extract, analysed_text, corpus_pass
>>> nlp = load()                      # spacy.blank("en") + paperkg_* components
>>> lines = list(extract(records))    # one extraction line (plain dict) per PaperRecord
>>> lines = corpus_pass(lines)        # spread strongly evidenced names across the corpus
"""

from .pipeline import analysed_text, extract, extract_texts, load
from .corpus import corpus_pass

__all__ = ["load", "analysed_text", "extract", "extract_texts", "corpus_pass"]
