"""Atomic output: every file paperkg writes appears whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

from paperkg.errors import PaperkgError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only if the block succeeds.

    A failure or an interrupt (Ctrl-C) inside the block leaves ``path`` as it was, byte for byte. Text that
    UTF-8 cannot encode (a lone surrogate the readers missed) is a one-line ``PaperkgError``, not a traceback.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the mode open() would
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, UnicodeEncodeError):
            bad = exc.object[exc.start:exc.end] if isinstance(exc.object, str) else ""
            raise PaperkgError(f"{path}: not written: text {bad!r} cannot be written as {exc.encoding} ({exc.reason}); "
                               "the file is left as it was") from exc
        raise
