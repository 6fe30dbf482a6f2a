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
def atomic_path(path: str | os.PathLike) -> Iterator[str]:
    """A temporary file's path beside ``path``, renamed over ``path`` only if the block succeeds.

    A failure or an interrupt inside the block (SIGKILL too: the rename never happens) leaves ``path`` as it was,
    byte for byte. Text that cannot be encoded (a lone surrogate the readers missed) is a one-line
    ``PaperkgError``, not a traceback.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the mode open() would
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, UnicodeEncodeError):
            bad = exc.object[exc.start:exc.end] if isinstance(exc.object, str) else ""
            raise PaperkgError(f"{path}: not written: text {bad!r} cannot be written as {exc.encoding} ({exc.reason}); "
                               "the file is left as it was") from exc
        raise


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only if the block succeeds (``atomic_path``)."""
    with atomic_path(path) as tmp:
        with open(tmp, mode, encoding=None if "b" in mode else encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


@contextlib.contextmanager
def build_lock(path: str | os.PathLike, waiting=None, wait: bool = True) -> Iterator[None]:
    """Hold the exclusive lock of the folder of the graph file ``path`` for a whole build.

    Two builds into one folder take turns: the second waits, saying so once through ``waiting(message)``,
    then reads what the first wrote (so ``--add`` loses nothing). The lock is the folder's own (``flock``),
    so no lock file is left behind. Readers take no lock: the file is replaced by a rename, so they read the
    old graph or the new one whole. With ``wait=False`` a held lock raises ``BlockingIOError`` at once.
    """
    import fcntl

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise
            if waiting is not None:
                waiting(f"{path}: another build is writing it; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
