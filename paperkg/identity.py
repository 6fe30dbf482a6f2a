"""Paper identity: one key per real paper, whatever the source calls it.

The key is the strongest identifier a record has: DOI, else arXiv id, else OpenAlex or Semantic
Scholar id, else the record's own id, else its normalised title.

>>> paper_key(doi="https://doi.org/10.1000/XYZ.12", arxiv_id="2401.00001")
'doi:10.1000/xyz.12'
>>> paper_key(arxiv_id="arXiv:2401.00001v3")
'arxiv:2401.00001'
>>> paper_key(title="  Attention Is All You   Need! ")
'title:attention is all you need'
"""

from __future__ import annotations

import re
import unicodedata

#: New-style (``2401.00001``, ``0704.0001``) and old-style (``hep-th/9901001``, ``math.GT/0309136``) arXiv ids.
ARXIV_ID = re.compile(
    r"(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Za-z]{2})?/\d{7})",
)
_ARXIV_FULL = re.compile(rf"^(?:arxiv:)?({ARXIV_ID.pattern})(?:v\d+)?$", re.I)
_ARXIV_URL = re.compile(rf"arxiv\.org/(?:abs|pdf|html)/({ARXIV_ID.pattern})(?:v\d+)?", re.I)
_ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.({ARXIV_ID.pattern})(?:v\d+)?$", re.I)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_OPENALEX = re.compile(r"^(?:https?://openalex\.org/)?(W\d+)$", re.I)
_S2 = re.compile(r"^(?:https?://(?:www\.|api\.)?semanticscholar\.org/(?:paper/|graph/v1/paper/)?(?:[^/]+/)?)?([0-9a-f]{40})$", re.I)

_WORD = re.compile(r"\w+")

#: Key prefixes, strongest first.
STRONG_PREFIXES = ("doi:", "arxiv:", "openalex:", "s2:", "id:")


def normalize_doi(doi: str | None) -> str | None:
    """``https://doi.org/10.1000/ABC`` -> ``10.1000/abc``; ``None`` when there is no DOI in the text."""
    if not doi:
        return None
    text = _DOI_PREFIX.sub("", doi.strip())
    match = _DOI.search(text)
    return match.group(0).rstrip(".,;)]}").lower() if match else None


def normalize_arxiv_id(arxiv_id: str | None) -> str | None:
    """``arXiv:2401.00001v2`` or ``https://arxiv.org/abs/hep-th/9901001`` -> the id without version."""
    if not arxiv_id:
        return None
    text = arxiv_id.strip()
    match = _ARXIV_FULL.match(text) or _ARXIV_URL.search(text)
    if not match:
        return None
    value = match.group(1)
    if "/" in value:  # old style: the archive is lowercase (hep-th), a subject class uppercase (math.GT)
        archive, number = value.split("/")
        name, _, subject = archive.partition(".")
        value = f"{name.lower()}{'.' + subject.upper() if subject else ''}/{number}"
    return value


def arxiv_id_from_doi(doi: str | None) -> str | None:
    """The arXiv id of an arXiv DOI (``10.48550/arXiv.2401.00001``), else ``None``."""
    match = _ARXIV_DOI.match(doi or "")
    return match.group(1) if match else None


def normalize_openalex_id(value: str | None) -> str | None:
    """``https://openalex.org/W123`` -> ``W123``."""
    match = _OPENALEX.match((value or "").strip())
    return match.group(1).upper() if match else None


def normalize_s2_id(value: str | None) -> str | None:
    """A Semantic Scholar paper id (40 hex digits), from the bare id or a paper URL."""
    match = _S2.match((value or "").strip())
    return match.group(1).lower() if match else None


def normalize_title(title: str | None) -> str:
    """Case-, accent- and punctuation-blind form of a title: ``"Foo-Bar: A Test!"`` -> ``"foo bar a test"``."""
    text = title or ""
    if text.isascii():
        return " ".join(_WORD.findall(text.lower()))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(_WORD.findall(text))


def paper_key(
    *,
    doi: str | None = None,
    arxiv_id: str | None = None,
    openalex_id: str | None = None,
    s2_id: str | None = None,
    record_id: str | None = None,
    title: str | None = None,
) -> str:
    """The identity key of a paper from whatever identifiers it has (see the module docstring).

    An arXiv DOI (``10.48550/arXiv.X``) gives the arXiv key, so it meets the same paper read from arXiv.
    A paper with nothing at all gets ``title:`` (an empty normalised title).
    """
    doi = normalize_doi(doi)
    if doi:
        from_doi = arxiv_id_from_doi(doi)
        return f"arxiv:{normalize_arxiv_id(from_doi)}" if from_doi else f"doi:{doi}"
    for prefix, value in (
        ("arxiv", normalize_arxiv_id(arxiv_id)),
        ("openalex", normalize_openalex_id(openalex_id)),
        ("s2", normalize_s2_id(s2_id)),
    ):
        if value:
            return f"{prefix}:{value}"
    if record_id is not None and str(record_id).strip():
        return f"id:{str(record_id).strip()}"
    return f"title:{normalize_title(title)}"


def identity_keys(**ids: str | None) -> list[str]:
    """Every key form a record can be known by (the strongest first), used to merge duplicates.

    >>> identity_keys(doi="10.1000/x", arxiv_id="2401.00001", title="T")
    ['doi:10.1000/x', 'arxiv:2401.00001', 'title:t']
    """
    keys = []
    for name in ("doi", "arxiv_id", "openalex_id", "s2_id", "record_id"):
        if ids.get(name):
            key = paper_key(**{name: ids[name]})
            if not key.startswith("title:") and key not in keys:
                keys.append(key)
    if ids.get("title") and normalize_title(ids["title"]):
        keys.append(paper_key(title=ids["title"]))
    return keys


def reference_key(text: str) -> str | None:
    """The key a reference string points to (a DOI, arXiv id or URL, OpenAlex or S2 id), else ``None``.

    >>> reference_key("https://openalex.org/W2741809807")
    'openalex:W2741809807'
    >>> reference_key("arXiv:1706.03762v5")
    'arxiv:1706.03762'
    """
    text = (text or "").strip()
    lowered = text.lower()
    if lowered.startswith(("doi:", "10.")) or "doi.org/" in lowered:
        return paper_key(doi=text) if normalize_doi(text) else None
    for prefix in ("openalex:", "s2:"):
        if lowered.startswith(prefix):
            text = text[len(prefix):]
    for name, normalize in (("arxiv", normalize_arxiv_id), ("openalex", normalize_openalex_id), ("s2", normalize_s2_id)):
        value = normalize(text)
        if value:
            return f"{name}:{value}"
    return None
