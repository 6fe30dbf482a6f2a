"""One input file as the readers see it: bytes (gzip undone, UTF-16/32 with a byte-order mark made UTF-8),
decoded lines with numbers, located problems.

``Source.lines()`` yields ``(line_number, text)`` and reports invalid UTF-8 on the line where it is, with
the encoding the line looks like and how to convert it;
``Source.bad(line, msg)`` raises ``InputError`` (or, with ``--skip-bad``, warns and counts);
``Source.warn(line, msg)`` only warns.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterator

from paperkg.errors import InputError
from paperkg.readers.encoding import (
    LEGACY_NAMES, EncodingError, Utf8View, bom_encoding, conversion_hint, encoded_surrogate, looks_8bit, looks_wide,
)

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
#: Magic numbers of binary files people drop into an input folder by mistake.
BINARY_MAGIC = {b"%PDF": "a PDF file", b"PK\x03\x04": "a zip archive", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image"}

Warn = Callable[[str], None]


class SkipFile(Exception):
    """Raised by ``Source.fail`` under ``--skip-bad``: stop reading this file, go on with the next."""


def print_warning(message: str) -> None:
    """The default ``warn``: one line on stderr, ``paperkg: warning: FILE:LINE: ...``."""
    print(f"paperkg: warning: {message}", file=sys.stderr)


@dataclass
class Source:
    """An input file (or stdin) with where its problems go.

    ``name`` is how messages name it; ``counts`` gets ``warnings`` and ``skipped`` (bad records left out).
    """

    name: str
    path: Path | None = None  # None: read ``stream`` (stdin)
    stream: IO[bytes] | None = None
    skip_bad: bool = False
    on_warning: Warn = print_warning
    counts: Counter = field(default_factory=Counter)
    #: Bytes to read at most (the file's size when the run listed it), or None for all.
    limit: int | None = None

    def __post_init__(self) -> None:
        # A file name that is not UTF-8 (bytes Python carries as lone surrogates) is named with U+FFFD,
        # so messages and the ``sources`` written to output stay valid UTF-8.
        shown = self.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if shown != self.name:
            self.name = shown
            self.warn(0, "the file name is not UTF-8; messages and output show its undecodable bytes as U+FFFD")

    # -- problems -----------------------------------------------------------------------------------
    def where(self, line: int) -> str:
        return f"{self.name}:{line}" if line else self.name

    def warn(self, line: int, message: str) -> None:
        self.counts["warnings"] += 1
        self.on_warning(f"{self.where(line)}: {message}")

    def bad(self, line: int, message: str) -> None:
        """A record that cannot be read: an error, or with ``skip_bad`` a warning and a count."""
        if not self.skip_bad:
            raise InputError(self.name, line, message)
        self.counts["skipped"] += 1
        self.on_warning(f"{self.where(line)}: {message} (skipped)")

    def fail(self, line: int, message: str) -> None:
        """A problem that stops reading the file: an error, or with ``skip_bad`` the rest of the file is
        skipped with a warning (``SkipFile``, caught by the reader loop)."""
        if self.skip_bad and self.path is not None and self.path.exists():
            self.counts["skipped"] += 1
            self.on_warning(f"{self.where(line)}: {message} (rest of the file skipped)")
            raise SkipFile()
        raise InputError(self.name, line, message)

    # -- bytes --------------------------------------------------------------------------------------
    def open(self) -> IO[bytes]:
        """The file's bytes, gunzipped when they are gzip (whatever the name says), as UTF-8 when a
        byte-order mark says UTF-16 or UTF-32."""
        if self.path is None:
            raw = self.stream if isinstance(self.stream, io.BufferedReader) else io.BufferedReader(self.stream)
        else:
            try:
                raw = open(self.path, "rb")
            except FileNotFoundError:
                self.fail(0, "no such file")
            except IsADirectoryError:
                self.fail(0, "is a directory")
            except OSError as exc:
                self.fail(0, f"cannot read: {exc.strerror or exc}")
            if self.limit is not None:
                raw = io.BufferedReader(_Bounded(raw, self.limit))
        if raw.peek(2)[:2] == GZIP_MAGIC:
            raw = io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"))
        try:
            wide = bom_encoding(raw.peek(4)[:4])
        except (OSError, EOFError, zlib.error):
            return raw  # a corrupt gzip stream: ``head`` reports it
        if wide:
            encoding, mark = wide
            raw.read(mark)
            return io.BufferedReader(Utf8View(raw, encoding))
        return raw

    def grew(self) -> bool:
        """Whether the file is now larger than ``limit`` (something wrote to it while it was read)."""
        try:
            return self.path is not None and self.limit is not None and self.path.stat().st_size > self.limit
        except OSError:
            return False

    def head(self, fh: IO[bytes]) -> bytes:
        """The first bytes of an open stream, without consuming them; binary content is an error."""
        try:
            head = fh.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        except (OSError, EOFError, zlib.error) as exc:
            self.fail(0, f"not a readable gzip file ({exc})")
        except EncodingError as exc:
            self.fail(1, str(exc))
        for magic, what in BINARY_MAGIC.items():
            if head.startswith(magic):
                self.fail(0, f"{what}, not text: paperkg reads text exports (see `paperkg extract --help`)")
        if b"\x00" in head:
            wide = looks_wide(head)
            if wide:
                self.fail(1, f"{wide} text without a byte-order mark (paperkg reads UTF-8, and UTF-16/32 with a "
                             f"mark); {conversion_hint(self.name, wide)}")
            self.fail(0, "binary file, not text (it contains NUL bytes)")
        return head

    # -- text ---------------------------------------------------------------------------------------
    def lines(self, fh: IO[bytes]) -> Iterator[tuple[int, str]]:
        """``(line_number, text)`` with line endings removed; invalid UTF-8 is a bad record on its line."""
        number = 0
        try:
            for number, raw in enumerate(fh, 1):
                if b"\x00" in raw:
                    self.fail(number, "binary content (NUL bytes) in a text file")
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    self.bad(number, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
                                     f"{self._looks(raw, exc.start)}")
                    continue
                if number == 1 and text.startswith("\ufeff"):
                    text = text[1:]
                yield number, text.rstrip("\r\n")
        except (OSError, EOFError, zlib.error) as exc:
            self.fail(number + 1, f"the file is cut short or corrupt ({exc})")
        except EncodingError as exc:
            self.fail(number + 1, str(exc))

    def _looks(self, raw: bytes, start: int) -> str:
        """What a line that is not UTF-8 looks like, and the conversion (for the invalid-UTF-8 message)."""
        if encoded_surrogate(raw, start):
            return ": a UTF-16 surrogate written as UTF-8 bytes (CESU-8/WTF-8), which is not a character"
        encoding = looks_8bit(raw)
        if encoding is None:
            return ""
        return f"; the file looks like {LEGACY_NAMES[encoding]}: {conversion_hint(self.name, encoding)}"

    def text(self, fh: IO[bytes]) -> str:
        """The whole file as one string (for formats that are one document: JSON arrays, BibTeX)."""
        parts: list[str] = []
        for number, text in self.lines(fh):
            parts.extend([""] * (number - 1 - len(parts)))  # a skipped line stays a line, so numbers hold
            parts.append(text)
        return "\n".join(parts)


class _Bounded(io.RawIOBase):
    """The first ``limit`` bytes of a binary file: a file that grows while it is read ends where it was."""

    def __init__(self, raw: IO[bytes], limit: int):
        self.raw, self.left = raw, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.left <= 0:
            return 0
        view = memoryview(buffer)[: self.left]
        n = self.raw.readinto(view) or 0
        self.left -= n
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()
