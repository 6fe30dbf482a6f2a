"""Code links and project pages, normalised, from text where URLs are often broken by spaces.

arXiv abstracts are hard-wrapped, so a URL can be split anywhere: ``https: //github.com``,
``https://github.\\ncom/owner/repo``, ``github.com/ owner/ repo-name .``. :func:`find_links` rebuilds each URL
from its whitespace-separated pieces with a few join rules (a scheme always continues, a host continues over
``.``/``-`` into a host-like piece, a code host continues until it has ``owner/repo``, a path continues into
a piece that looks like a path), then normalises it:

- code hosts -> ``host/owner/repo`` (``anonymous.4open.science/r/NAME``; Hugging Face
  ``huggingface.co/OWNER/MODEL``, ``/datasets/OWNER/NAME``, ``/spaces/OWNER/NAME``);
- every other URL -> a project page, without scheme, ``www.`` and trailing punctuation.

>>> [(l["type"], l["name"]) for l in find_links("Code: https://github. com/Some-Lab/fast_net.git. "
...                                             "Demo at https://some-lab.github.io/fast/ .")]
[('code', 'github.com/Some-Lab/fast_net'), ('project_page', 'some-lab.github.io/fast')]
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_text, set_doc_value

#: Code hosts whose repositories are ``host/owner/repo``.
CODE_HOSTS = {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com"}
#: Hugging Face paths that are not repositories (they are project pages).
HF_PAGES = {"collections", "papers", "blog", "docs", "learn", "posts", "organizations", "login", "join",
            "settings", "pricing", "tasks", "models", "new"}
_HF_KINDS = {"datasets", "spaces"}
_GITHUB_PAGES = {"orgs", "topics", "features", "sponsors", "about", "marketplace", "collections", "settings",
                 "login", "explore", "pricing", "enterprise"}

_HOSTS = r"github|gitlab|gitee|codeberg|bitbucket|huggingface|hf|anonymous\s*\.\s*4open"
_TLDS = r"com|org|net|edu|io|ai|co|science|dev|app|page|me|info|xyz|site|tech|cn|fr|de|uk|jp|kr|ch|nl|it|ca|us|eu"
# Where a URL can start: a scheme (maybe broken by spaces), www., a known host, a *.github.io page,
# or a bare domain with a known top-level domain followed by a path.
_START = re.compile(
    rf"(?P<scheme>\bhttps?\s*:\s*/\s*/\s*)"
    rf"|(?<![@\w.-])(?P<bare>www\.|(?:{_HOSTS})\s*\.\s*(?:com|org|co|science)\b"
    rf"|[\w-]+(?:\.[\w-]+)*\.github\.io\b"
    rf"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:{_TLDS})/)",
    re.I,
)
# Text every ``_START`` match contains (ASCII text, lower-cased), either where the match starts or after a run of
# [\w.-] characters from there: a cheap search that skips most abstracts (no URL) and most of the others' text.
_START_HINT = re.compile(rf"http|www\.|(?:github|gitlab|gitee|codeberg|bitbucket|huggingface|hf)\s*\.\s*"
                         rf"(?:co|org|science)|anonymous\s*\.\s*4open|\.github\.io|\.(?:{_TLDS})/")
_HOST_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")


def _next_start(text: str, lower: str | None, pos: int):
    r"""``_START.search(text, pos)``; in ASCII text (``lower`` given) the search begins at the next hint, less the
    [\w.-] run before it, instead of scanning every position of the text with the slow pattern."""
    if lower is None:
        return _START.search(text, pos)
    hint = _START_HINT.search(lower, pos)
    if hint is None:
        return None
    begin = hint.start()
    while begin > pos and text[begin - 1] in _HOST_CHARS:
        begin -= 1
    return _START.search(text, begin)
_RUN = re.compile(r"(?:(?!https?:/)[^\s<>\"'(){}\[\],;|\\^`])+")
_GAP = re.compile(r"[ \t\r\n]{1,4}")
_HOSTLIKE = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?:[./]|$)")
_TLD_ONLY = re.compile(rf"(?:{_TLDS})", re.I)
_SPLIT_WORD = re.compile(r"[\w.-]+/[\w.-]+")
_SEGMENT = re.compile(r"[\w.~%+-]+/?")
_STOPWORDS = frozenset("""a an and or for the to of with as in on at is are be will was were by from via this that
    these our we it its soon upon after once here there page code codes data dataset datasets model models
    project website demo see available released release github link more details""".split())
_TRAILING = ".,;:!?'\"*/-_"
_MAX_PIECES = 10
_GLUED = re.compile(r"[a-z]+?((?:%s)\.(?:com|org|co))" % "|".join(("github", "gitlab", "gitee", "codeberg",
                                                                  "bitbucket", "huggingface")))


def _phase(url: str) -> tuple[str, list[str]]:
    """(lowercased host, path segments) of a URL without scheme."""
    host, _, path = url.partition("/")
    return host.lower(), [p for p in path.split("/") if p]


def _host_key(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def _needs_more(url: str) -> bool:
    """True while a code-host URL has not yet reached its ``owner/repo`` part."""
    host, segs = _phase(url)
    host = _host_key(host)
    if host in CODE_HOSTS:
        return len(segs) < 2
    if host == "anonymous.4open.science":
        return len(segs) < 2
    if host in ("huggingface.co", "hf.co"):
        need = 3 if segs and segs[0] in _HF_KINDS else 2
        return len(segs) < need and not (segs and segs[0] in HF_PAGES)
    return False


def _is_word(piece: str) -> bool:
    word = re.match(r"[A-Za-z]+", piece)
    return bool(word) and word.group(0).lower() in _STOPWORDS and not re.match(r"[A-Za-z]+[-_/.]\w", piece)


def _joins(url: str, piece: str) -> bool:
    """Does ``piece`` (the next whitespace-separated run) continue ``url`` (pieces so far, no scheme)?"""
    if not url:
        return True                                   # "https:// github.com"
    if "/" not in url:                                # still in the host
        if url.endswith("-"):
            return bool(_HOSTLIKE.match(piece))
        if url.endswith("."):
            host = piece.split("/", 1)[0].rstrip(".,;:")
            return bool(_HOSTLIKE.match(piece)) and any(_TLD_ONLY.fullmatch(label) for label in host.split("."))
        return piece.startswith((".", "/")) and len(piece) > 1 and piece[1].isalnum()
    if piece.startswith("/") and len(piece) > 1 and piece[1].isalnum():
        return True                                   # "owner /repo"
    if _needs_more(url) and not url.endswith("/") and _SPLIT_WORD.match(piece) \
            and piece.split("/", 1)[0].lower() not in _STOPWORDS:
        return True                                   # "github.com/CyberAgentA ILab/YokaiEval": a name cut in two
    if not url.endswith(("/", "-", "_")) or not _SEGMENT.match(piece) or _is_word(piece):
        return False
    if piece[0] in ".-_~" or piece.rstrip(_TRAILING) == "":
        return False
    if _needs_more(url):
        return not piece.endswith(":")
    stem = piece.rstrip(".,;:!?'\"*")
    return "/" in stem or "-" in stem or "_" in stem or stem.endswith(".html")


def _strip(url: str) -> str:
    """Drop trailing punctuation and unbalanced closing brackets."""
    while url:
        if url[-1] in _TRAILING:
            url = url[:-1]
        elif url[-1] == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        else:
            break
    return url


def normalise(url: str, bare: bool = False) -> tuple[str, str] | None:
    """``(type, name)`` for a URL (with or without scheme), or None when it is not a usable link.

    >>> normalise("https://www.GitHub.com/Owner/Repo/tree/main/sub.")
    ('code', 'github.com/Owner/Repo')
    >>> normalise("huggingface.co/datasets/org/set-1/viewer")
    ('code', 'huggingface.co/datasets/org/set-1')
    >>> normalise("https://huggingface.co/collections/org/stuff-123")
    ('project_page', 'huggingface.co/collections/org/stuff-123')
    """
    url = re.sub(r"^[A-Za-z]+://", "", url.strip()).replace("$", "")   # "$" is left-over LaTeX
    url = _strip(url.split("#", 1)[0].split("?", 1)[0])
    host, segs = _phase(url)
    host = _host_key(host)
    if not host or "." not in host or host.endswith("."):
        return None
    if bare:                                          # "atgithub.com/x/y": a word glued to the host
        glued = _GLUED.fullmatch(host)
        host = glued.group(1) if glued else host
    if host in CODE_HOSTS:
        if len(segs) >= 2 and segs[0].lower() not in _GITHUB_PAGES:
            repo = re.sub(r"\.git$", "", segs[1], flags=re.I)
            return "code", f"{host}/{segs[0]}/{repo}"
        if len(segs) == 1 and segs[0].lower() not in _GITHUB_PAGES:
            return "code", f"{host}/{segs[0]}"      # an owner's page: still code, the best we know
        if not segs:
            return None                               # "github.com" alone names no repository
    elif host == "anonymous.4open.science":
        if len(segs) >= 2 and segs[0] == "r":
            return "code", f"{host}/r/{segs[1]}"
    elif host in ("huggingface.co", "hf.co"):
        if segs and segs[0] in _HF_KINDS and len(segs) >= 3:
            return "code", f"{host}/{segs[0]}/{segs[1]}/{segs[2]}"
        if len(segs) >= 2 and segs[0] not in HF_PAGES and segs[0] not in _HF_KINDS:
            return "code", f"{host}/{segs[0]}/{segs[1]}"
    rest = url.partition("/")[2]
    return "project_page", _strip(f"{host}/{rest}" if rest else host)


def find_links(text: str) -> list[dict]:
    """Every URL in ``text`` as ``{"type", "name", "start", "end", "rule"}`` (type ``code`` or
    ``project_page``; ``start``/``end`` are character offsets; rule ``url``, ``url_broken`` when pieces
    separated by whitespace were joined, ``bare_url`` when there was no scheme)."""
    if "/" not in text and "www." not in text and ".github" not in text:
        return []
    # non-ASCII text keeps the plain search: re.I folds a few non-ASCII letters onto ASCII ones
    lower = text.lower() if text.isascii() else None
    links, pos = [], 0
    while True:
        m = _next_start(text, lower, pos)
        if not m:
            break
        start = m.start()
        if m.group("scheme"):
            url, cursor, broken = "", m.end(), bool(re.search(r"\s", m.group("scheme")))
        else:
            url, cursor, broken = "", m.start(), False
        end = cursor
        for _ in range(_MAX_PIECES):
            gap = _GAP.match(text, cursor) if url else None
            run = _RUN.match(text, gap.end() if gap else cursor)
            if not run or not _joins(url, run.group(0)):
                break
            if gap:
                broken = True
            url += run.group(0)
            cursor = end = run.end()
            if not _GAP.match(text, cursor):
                break
        pos = max(end, m.end())
        stripped = _strip(url)
        found = normalise(stripped, bare=not m.group("scheme")) if stripped else None
        if found:
            kind, name = found
            rule = "url_broken" if broken else ("url" if m.group("scheme") else "bare_url")
            links.append({"type": kind, "name": name, "start": start,
                          "end": end - (len(url) - len(stripped)), "rule": rule})
    return links


@Language.factory("paperkg_links", assigns=["doc._.links"])
def make_links(nlp: Language, name: str):
    """Set ``doc._.links`` to :func:`find_links` of the doc's text."""
    def links(doc: Doc) -> Doc:
        set_doc_value(doc, "links", find_links(doc_text(doc)))
        return doc
    return links
