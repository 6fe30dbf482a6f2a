"""spaCy rule pipeline that extracts entities from titles and abstracts."""
