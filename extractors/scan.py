"""Patterns that scan whole abstracts (issue 8): compiled twice, and tried only where a match can start.

- On plain text (ASCII without the separators ``\\x1c``-``\\x1f``: 97% of arXiv abstracts once cleaned) the
  ``re.ASCII`` variant runs; it matches exactly as the Unicode one there, but tests ``\\w``, ``\\b`` and ``\\s`` from
  a table.
- A pattern whose every match starts a word (``\\bwe\\s+propose``, a trie of gazetteer names after
  ``(?<![\\w-])``) is tried only at the words that begin with one of its *heads* (the word's first ``HEAD``
  letters, read off the pattern by ``word_heads``). One word index per text, built by ``str`` methods in C, says
  where the words with a registered head start; each pattern then runs ``match`` at its few places instead of
  testing every position of the text.
- A pattern led by a few literals (``such\\s+as|including|:``) is tried where ``str.find`` finds them.

>>> CUE = ScanPattern(r"\\bwe\\s+propose")
>>> sorted(CUE.heads), [m.start() for m in CUE.finditer("Here we propose X. " * 20)][:2]
(['we'], [5, 24])
>>> plain("Here we propose X."), plain("Café")
(True, False)
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, insort
from itertools import accumulate, chain, compress, repeat
from operator import add
from typing import Iterable, Iterator

# the standard library's regex parser: private, but in every Python paperkg supports
try:
    from re import _constants as _c
    from re import _parser
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

HEAD = 6  # letters of a word that index it: 'outperforms' -> 'outper'
MAX_LITERALS = 12  # a pattern with more literal starts is scanned as usual: one str.find each costs more
_END = sys.maxsize

# the ASCII characters where ASCII and Unicode semantics differ: \x1c-\x1f (Unicode \s only); looked for with
# ``in`` (memchr): a small part of what a character-class regex over the text costs
_NOT_PLAIN = ("\x1c", "\x1d", "\x1e", "\x1f")
# str.translate tables for plain text (``runs``): every character that is not a letter, or not a word character,
# becomes a space
NOT_LETTER = {code: " " for code in range(128) if not chr(code).isalpha()}
NOT_WORD_CHAR = {code: " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")}
_heads: set[str] = set()  # the heads of every ScanPattern made so far: the word index keeps only these


class _HeadOf(dict):
    """A run of letters -> its head if some ScanPattern has that head, else None (one lookup a word: abstracts
    repeat their words)."""

    def __missing__(self, run: str) -> str | None:
        head = run[:HEAD]
        found = self[run] = head if head in _heads else None
        return found


_head_of = _HeadOf()
_HEAD_OF_MAX = 100_000  # words remembered (about 10 MB), then forgotten: a long run's memory stays flat
_signs: list[str] = []  # those that are a digit or a sign


class ScanPattern:
    """A compiled regex with the methods the extractors use, run the cheapest exact way the text allows."""

    __slots__ = ("pattern", "flags", "_unicode", "ascii", "heads", "literals", "_starts")

    def __init__(self, pattern: str, flags: int = 0, heads: frozenset[str] | None = None):
        """``heads``: the pattern's heads when its maker knows them (a gazetteer knows its names' first
        letters): reading them off a trie of thousands of names costs more than the rest of start-up."""
        self.pattern = pattern
        self.flags = flags
        self._unicode = None  # compiled at the first text that is not plain (3% of abstracts)
        self.ascii = re.compile(pattern, flags | re.ASCII)
        self.heads = heads if heads is not None else word_heads(pattern, flags)
        self.literals = None if self.heads is not None else literal_prefixes(pattern, flags)
        if self.heads and not self.heads <= _heads:
            _heads.update(self.heads)
            _signs[:] = sorted(head for head in _heads if not head.isalpha())
            _indexes.clear()
            _head_of.clear()
        self._starts: tuple[str | None, list[int]] = (None, [])

    @property
    def unicode(self) -> re.Pattern:
        if self._unicode is None:
            self._unicode = re.compile(self.pattern, self.flags)
        return self._unicode

    def _for(self, text: str) -> re.Pattern:
        # short strings (a word, a phrase) are not worth the check, and would evict the abstract from the cache
        return self.ascii if len(text) > 200 and plain(text) else self.unicode

    def _candidates(self, text: str) -> list[int] | None:
        """Sorted offsets where a match may start, for a long plain text; None: try every position."""
        if self.heads is None and self.literals is None or len(text) <= 200 or not plain(text):
            return None
        seen, starts = self._starts
        if seen is not text:
            if self.heads is not None:
                index = word_index(text)
                starts = sorted(chain.from_iterable(map(index.__getitem__, self.heads.intersection(index))))
            else:
                starts = sorted({p for literal in self.literals for p in occurrences(text, literal)})
            self._starts = (text, starts)
        return starts

    def finditer(self, text: str, pos: int = 0, endpos: int = _END):
        starts = self._candidates(text)
        if starts is None:
            return self._for(text).finditer(text, pos, endpos)
        return self._finditer_at(starts, text, pos, endpos)

    def _finditer_at(self, starts, text, pos, endpos):
        """``finditer`` tried at ``starts`` only: the same matches, as matches never overlap."""
        cut = _cut_word(text, endpos)
        if cut is not None and cut >= pos:  # a word cut short by endpos has a shorter head there
            starts = starts[:]
            insort(starts, cut)
        match = self.ascii.match
        for i in range(bisect_left(starts, pos), len(starts)):
            start = starts[i]
            if start >= endpos:
                return
            if start < pos:
                continue  # inside the previous match
            m = match(text, start, endpos)
            if m is not None:
                pos = m.end()  # > start: every match holds its head or literal
                yield m

    def search(self, text: str, pos: int = 0, endpos: int = _END):
        starts = self._candidates(text)
        if starts is None:
            return self._for(text).search(text, pos, endpos)
        return next(self._finditer_at(starts, text, pos, endpos), None)

    def findall(self, text: str, *bounds):
        return self._for(text).findall(text, *bounds)

    def match(self, text: str, *bounds):
        return self._for(text).match(text, *bounds)

    def fullmatch(self, text: str, *bounds):
        return self._for(text).fullmatch(text, *bounds)


def _cut_word(text: str, endpos: int) -> int | None:
    """Where the run of letters that ``endpos`` cuts begins, if it cuts one."""
    if not 0 < endpos < len(text) or not (text[endpos - 1].isalpha() and text[endpos].isalpha()):
        return None
    start = endpos - 1
    while start and text[start - 1].isalpha():
        start -= 1
    return start


_recent: list[tuple[str | None, bool]] = [(None, False), (None, False)]  # the last two texts asked about


def plain(text: str) -> bool:
    """Does ``text`` read the same to ASCII and Unicode regexes? (ASCII only, no \\x1c-\\x1f)"""
    for seen, answer in _recent:  # components scan the same text and its lower-cased copy many times
        if seen is text:
            return answer
    answer = text.isascii() and not any(char in text for char in _NOT_PLAIN)
    _recent[:] = [(text, answer), _recent[0]]
    return answer


_indexes: list[tuple[str, str, dict[str, list[int]]]] = []  # (text, its lower-cased copy, word index), newest first


def word_index(text: str) -> dict[str, list[int]]:
    """Where the words of a plain text may start, by head, for the heads some ScanPattern has.

    The places are a superset of the word starts (each pattern's own regex then says whether it matches there):
    every run of letters, and every place of a registered digit or sign. All of it is found by ``str`` methods
    and ``itertools`` in C (a regex pass costs more). A text and its lower-cased copy share one index.

    >>> _ = ScanPattern(r"\\b(?:dataset|benchmark)s?\\b")
    >>> index = word_index("Two Datasets, one benchmark; no subdataset.")
    >>> index["datase"], index["benchm"]  # (and the places of other patterns' heads)
    ([4], [18])
    """
    for seen, lower, index in _indexes:
        if seen is text:
            return index
    lower = text.lower()
    for _seen, other, index in _indexes:
        if other == lower:
            break
    else:
        pieces, starts = runs(lower, NOT_LETTER)
        if len(_head_of) > _HEAD_OF_MAX:
            _head_of.clear()
        heads = list(map(_head_of.__getitem__, pieces))  # None for the words no pattern starts with
        index: dict[str, list[int]] = {}
        for head, start in zip(compress(heads, heads), compress(starts, heads)):
            if head in index:
                index[head].append(start)
            else:
                index[head] = [start]
        for sign in _signs:
            if sign in lower:
                index[sign] = list(occurrences(lower, sign))
    _indexes[:] = [(text, lower, index), *_indexes[:1]]
    return index


def runs(text: str, table: dict[int, str]) -> tuple[list[str], Iterator[int]]:
    """The pieces of a plain text cut at every character ``table`` maps to a space (one per run, and empty ones
    between neighbouring cuts), and an iterator over where each piece starts: all of it in C."""
    pieces = text.translate(table).split(" ")
    return pieces, accumulate(map(add, map(len, pieces), repeat(1)), initial=0)


def occurrences(text: str, literal: str) -> Iterator[int]:
    """Where ``literal`` starts in ``text``, overlaps included."""
    at = text.find(literal)
    while at >= 0:
        yield at
        at = text.find(literal, at + 1)


# --- reading the heads off a pattern ------------------------------------------------------------------

class _Unknown(Exception):
    """The pattern may match where no word starts, or its first word is not spelled out."""


def word_heads(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-cased heads of the word every match of ``pattern`` starts with, on plain text: its first ``HEAD``
    letters, or the digit or sign it starts with. None when a match may start elsewhere than at a word (after a
    character that is not ``\\w``) or its first word is not spelled out in the pattern.

    >>> sorted(word_heads(r"\\b(?:outperform\\w*|than|baselines?)\\s+"))
    ['baseli', 'outper', 'than']
    >>> word_heads(r"\\bthan") is None  # 'than' may be the start of 'thanks': the word is not known
    True
    """
    try:
        heads: set[str] = set()
        _walk(list(_parser.parse(pattern, flags & ~re.ASCII)), "", "", heads, 0)
    except Exception:  # _Unknown, or a parser of another shape: scanning as usual is always right
        return None
    return frozenset(heads)


def literal_heads(words: Iterable[str]) -> frozenset[str]:
    """The heads of a pattern that is an alternation of the literal ``words`` after ``(?<![\\w...])`` and
    before ``(?![^\\W\\d_])`` (a gazetteer's trie): what ``word_heads`` reads off it, without parsing it.

    >>> sorted(literal_heads(["imagenet-1k", "coco", "3dmatch", "céleb"]))
    ['3', 'coco', 'imagen']
    """
    heads = set()
    for word in words:
        letters = ""
        for char in word.lower():
            if not char.isascii():
                letters = ""
                break  # never in plain text: no match takes this way
            if not char.isalpha():
                letters = letters or (char if not char.isspace() else "")
                break
            letters += char
            if len(letters) == HEAD:
                break
        if letters:
            heads.add(letters)
    return frozenset(heads)


def _walk(items: list, letters: str, anchor: str, heads: set[str], depth: int) -> None:
    """Follow every way ``items`` can start matching, collecting the heads of the first word.

    ``anchor`` says what the pattern asked of the character before the match: ``"word"`` after ``\\b`` (no word
    character before, if a word character comes next), ``"any"`` after ``(?<![\\w...])``, else ``""``.
    """
    if len(letters) == HEAD:
        heads.add(letters)
        return
    if depth > 60 or len(heads) > 20_000:
        raise _Unknown
    if not items:
        raise _Unknown  # the pattern may end inside a word: 'than' also matches in 'thanks'
    (op, av), rest = items[0], items[1:]
    if op is _c.LITERAL:
        char = chr(av)
        if not char.isascii():
            return  # never in plain text: no match takes this way
        if letters:
            if char.isalpha():
                _walk(rest, letters + char.lower(), anchor, heads, depth + 1)
            else:
                heads.add(letters)  # a character that is not a letter ends the word
        elif char.isalpha() and anchor:
            _walk(rest, char.lower(), anchor, heads, depth + 1)
        elif char.isdigit() and anchor or not char.isspace() and anchor == "any":
            heads.add(char)  # words starting with a digit or a sign are indexed by that character
        else:
            raise _Unknown  # nothing says a word starts here
    elif op is _c.BRANCH:
        for alternative in av[1]:
            _walk(list(alternative) + rest, letters, anchor, heads, depth + 1)
    elif op is _c.SUBPATTERN:
        _walk(list(av[-1]) + rest, letters, anchor, heads, depth + 1)
    elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, item = av
        if low == 0:
            _walk(rest, letters, anchor, heads, depth + 1)
        if high:
            again = [(op, (max(low - 1, 0), high if high == _c.MAXREPEAT else high - 1, item))]
            _walk(list(item) + again + rest, letters, anchor, heads, depth + 1)
    elif op is _c.AT and av is _c.AT_BOUNDARY:
        if letters:
            heads.add(letters)  # after letters, \b means no letter follows
        else:
            _walk(rest, letters, anchor or "word", heads, depth + 1)
    elif op is _c.ASSERT_NOT and av[0] < 0 and not letters and _holds(av[1], _WORD_CHARS):
        _walk(rest, letters, "any", heads, depth + 1)  # (?<![\\w-]): no word character before
    elif op is _c.ASSERT_NOT and av[0] > 0 and letters and _holds(av[1], _LETTERS):
        heads.add(letters)  # (?![\\w-]): no letter after
    elif op in (_c.ASSERT, _c.ASSERT_NOT):
        _walk(rest, letters, anchor, heads, depth + 1)  # passed over: only more places are tried
    elif op is _c.IN and letters and not _holds_any(av, _LETTERS):
        heads.add(letters)
    elif op is _c.IN and all(item_op is _c.LITERAL for item_op, _ in av):  # [L12]: one way per character
        for item in av:
            _walk([item] + rest, letters, anchor, heads, depth + 1)
    else:
        raise _Unknown


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_WORD_CHARS = _LETTERS + "0123456789_"
_CATEGORIES = {  # on ASCII characters
    _c.CATEGORY_DIGIT: str.isdigit, _c.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    _c.CATEGORY_SPACE: lambda c: c in " \t\n\r\f\v", _c.CATEGORY_NOT_SPACE: lambda c: c not in " \t\n\r\f\v",
    _c.CATEGORY_WORD: lambda c: c in _WORD_CHARS, _c.CATEGORY_NOT_WORD: lambda c: c not in _WORD_CHARS,
}


def _holds(sub, chars: str) -> bool:
    """Is ``sub`` one character class ([\\w-], \\w, [^\\W\\d_]) that surely matches each of ``chars``?"""
    sub = list(sub)
    return len(sub) == 1 and sub[0][0] is _c.IN and all(_in_class(sub[0][1], c) is True for c in chars)


def _holds_any(items, chars: str) -> bool:
    """May the character class ``items`` (of an IN) match one of ``chars``?"""
    return any(_in_class(items, c) is not False for c in chars)


def _in_class(items, char: str) -> bool | None:
    """Does the class match ``char``? None when it cannot tell."""
    negate = bool(items) and items[0][0] is _c.NEGATE
    found = False
    for op, av in items[negate:]:
        if op is _c.LITERAL:
            found = found or chr(av) == char
        elif op is _c.RANGE:
            found = found or av[0] <= ord(char) <= av[1]
        elif op is _c.CATEGORY and av in _CATEGORIES:
            found = found or _CATEGORIES[av](char)
        else:
            return None
    return found != negate


def literal_prefixes(pattern: str, flags: int = 0, longest: int = 8) -> frozenset[str] | None:
    """Strings (up to ``longest`` characters) one of which every match of ``pattern`` starts with, found with
    ``str.find``; None when a match may start otherwise (a character class, a case-blind letter), or when there
    are more than ``MAX_LITERALS`` of them.

    >>> sorted(literal_prefixes(r"(?:such\\s+as|including|e\\.g\\.,?|:)\\s+"))
    [':', 'e.g.', 'includin', 'such']
    """
    if flags & re.IGNORECASE:
        return None
    try:
        found: set[str] = set()
        _walk_literals(list(_parser.parse(pattern, flags)), "", found, longest, 0)
    except Exception:  # as in word_heads
        return None
    return frozenset(found) if len(found) <= MAX_LITERALS else None


def _walk_literals(items: list, prefix: str, found: set[str], longest: int, depth: int) -> None:
    if len(prefix) == longest:
        found.add(prefix)
        return
    if depth > 60 or len(found) > 200:
        raise _Unknown
    op, av = items[0] if items else (None, None)
    if op is _c.LITERAL:
        _walk_literals(items[1:], prefix + chr(av), found, longest, depth + 1)
    elif op is _c.BRANCH:
        for alternative in av[1]:
            _walk_literals(list(alternative) + items[1:], prefix, found, longest, depth + 1)
    elif op is _c.SUBPATTERN and not av[1] & re.IGNORECASE:
        _walk_literals(list(av[-1]) + items[1:], prefix, found, longest, depth + 1)
    elif not prefix and op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        _walk_literals(items[1:], prefix, found, longest, depth + 1)  # zero-width: the match starts after it
    elif prefix:
        found.add(prefix)  # anything else ends the literal start
    else:
        raise _Unknown
