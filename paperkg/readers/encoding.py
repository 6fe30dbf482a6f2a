"""Which encoding input bytes are in: UTF-16/32 with a byte-order mark read as UTF-8, and for the rest a
guess with the command that converts them (paperkg reads UTF-8; it names the encoding rather than guess
silently and read mojibake).

>>> bom_encoding(codecs.BOM_UTF16_LE + "t".encode("utf-16-le"))
('UTF-16LE', 2)
>>> looks_wide(" title".encode("utf-16-le"))
'UTF-16LE'
>>> looks_8bit("Caf\\xe9 au lait".encode("cp1252"))
'CP1252'
"""

from __future__ import annotations

import codecs
import io
import shlex
from typing import IO, Callable

#: Byte-order marks, UTF-32 first (its little-endian mark starts like UTF-16's): mark, iconv name, decoder.
BOMS: tuple[tuple[bytes, str, Callable], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32LE", codecs.utf_32_le_decode),
    (codecs.BOM_UTF32_BE, "UTF-32BE", codecs.utf_32_be_decode),
    (codecs.BOM_UTF16_LE, "UTF-16LE", codecs.utf_16_le_decode),
    (codecs.BOM_UTF16_BE, "UTF-16BE", codecs.utf_16_be_decode),
)
DECODERS = {name: decode for _, name, decode in BOMS}
MULTI_BYTE = "multi-byte"
#: How messages name each guess of ``looks_8bit``.
LEGACY_NAMES = {"CP1252": "Windows-1252/Latin-1 text", "LATIN1": "Latin-1 (ISO-8859-1) text",
                MULTI_BYTE: "text in a multi-byte legacy encoding (GBK, Big5, Shift_JIS, EUC-KR...)"}
CHUNK = 64 * 1024


class EncodingError(ValueError):
    """Bytes that are not valid in the encoding their byte-order mark announced."""


def bom_encoding(head: bytes) -> tuple[str, int] | None:
    """``(encoding, length of the mark)`` when ``head`` starts with a UTF-16 or UTF-32 byte-order mark."""
    for mark, name, _ in BOMS:
        if head.startswith(mark):
            return name, len(mark)
    return None


class Utf8View(io.RawIOBase):
    """The text of a UTF-16/32 stream as UTF-8 bytes, decoded a chunk at a time (memory stays flat).

    Invalid input raises ``EncodingError`` once every byte before it has been read, so the reader names
    the line it is on.
    """

    def __init__(self, raw: IO[bytes], encoding: str):
        self.raw, self.encoding, self.decode = raw, encoding, DECODERS[encoding]
        self.rest = b""  # an incomplete code unit carried to the next chunk
        self.out, self.pos = b"", 0
        self.consumed = 0  # input bytes decoded so far, for the error message
        self.error: EncodingError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.pos == len(self.out):
            if self.error:
                raise self.error
            chunk = self.raw.read(CHUNK)
            data, final = self.rest + chunk, not chunk
            if final and not data:
                return 0
            try:
                text, used = self.decode(data, "strict", final)
            except UnicodeDecodeError as exc:
                text, used = self.decode(data[:exc.start], "strict", True)  # all good up to the bad bytes
                self.error = EncodingError(
                    f"invalid {self.encoding} ({exc.reason} at byte {self.consumed + exc.start:,} of the text)")
            self.rest, self.consumed = data[used:], self.consumed + used
            self.out, self.pos = text.encode("utf-8"), 0
        n = min(len(buffer), len(self.out) - self.pos)
        buffer[:n] = self.out[self.pos:self.pos + n]
        self.pos += n
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def _zero_share(sample: bytes) -> float:
    return sample.count(0) / len(sample) if sample else 0.0


def looks_wide(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where NUL bytes fall (mostly-ASCII text has
    zero high bytes in every code unit), else ``None``."""
    head = head[: len(head) - len(head) % 4]
    if len(head) < 8:
        return None
    quads = [_zero_share(head[i::4]) for i in range(4)]
    if min(quads[1:]) > 0.9 and quads[0] < 0.5:
        return "UTF-32LE"
    if min(quads[:3]) > 0.9 and quads[3] < 0.5:
        return "UTF-32BE"
    even, odd = _zero_share(head[0::2]), _zero_share(head[1::2])
    if odd > 0.6 and even < 0.2:
        return "UTF-16LE"
    if even > 0.6 and odd < 0.2:
        return "UTF-16BE"
    return None


def looks_8bit(line: bytes) -> str | None:
    """The legacy encoding a line that is not UTF-8 looks like: ``CP1252`` (Western text, a few accented
    letters), ``LATIN1``, ``MULTI_BYTE`` (too dense in high bytes to be Western: GBK, Shift_JIS... which a
    guess would get wrong), or ``None`` (mostly valid UTF-8 around a stray byte: a damaged UTF-8 file)."""
    decoded = line.decode("utf-8", "replace")
    if sum(ord(c) > 127 for c in decoded) > 2 * decoded.count("\ufffd"):
        return None  # mostly good UTF-8 around the bad bytes
    high = sum(b > 127 for b in line)
    if high > max(2, len(line.strip()) // 4):
        return MULTI_BYTE
    try:
        line.decode("cp1252")
        return "CP1252"
    except UnicodeDecodeError:
        return "LATIN1"


def encoded_surrogate(line: bytes, start: int) -> bool:
    """Whether the bytes at ``start`` are a UTF-16 surrogate encoded as if it were a character
    (``ED A0 80`` for U+D800: CESU-8 or WTF-8 output, which strict UTF-8 refuses)."""
    return line[start:start + 1] == b"\xed" and len(line) > start + 2 and 0xA0 <= line[start + 1] <= 0xBF


def conversion_hint(name: str, encoding: str | None) -> str:
    """How to make the file UTF-8: ``iconv -f UTF-16LE -t UTF-8 papers.csv > papers.utf8.csv``."""
    if encoding in (None, MULTI_BYTE):
        return f"find its encoding (`file -i {shlex.quote(name)}`) and convert it with `iconv -f ENCODING -t UTF-8`"
    if name.startswith("<"):  # stdin
        return f"convert it with `iconv -f {encoding} -t UTF-8`"
    gzipped = name.lower().endswith(".gz")
    plain = name[:-3] if gzipped else name
    stem, dot, suffix = plain.rpartition(".")
    target = shlex.quote(f"{stem}.utf8.{suffix}" if dot and "/" not in suffix else f"{plain}.utf8")
    if gzipped:
        return f"convert it with `zcat {shlex.quote(name)} | iconv -f {encoding} -t UTF-8 > {target}`"
    return f"convert it with `iconv -f {encoding} -t UTF-8 {shlex.quote(name)} > {target}`"
