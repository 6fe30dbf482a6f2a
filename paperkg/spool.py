"""The records of a first pass over the inputs, kept in a temporary file for the second pass.

Parsing the inputs (gzip, JSON, field mapping) costs about three times as much as reading the records back from
compressed pickles, and the second pass of ``paperkg extract`` runs beside the extraction workers, where every
CPU second it spends is taken from them. The file is about the size of a gzipped input and is deleted at the end;
when it cannot be written (a full disk), the second pass parses the inputs again, as it would without it.

>>> spool = RecordSpool()
>>> list(spool.written(iter(["a", "b"])))
['a', 'b']
>>> spool.complete(), list(spool.read())
(True, ['a', 'b'])
>>> spool.close()
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib
from typing import BinaryIO, Iterable, Iterator

BATCH = 256          # records per compressed pickle: memory stays flat on both sides
LEVEL = 1            # zlib's fastest level: a third of the pickled size, at a fifth of the cost of level 6
_SIZE = 8            # bytes of the length written before each batch
_END = b"paperkg spool: complete\n"  # written last: its absence means the writer stopped or failed


class RecordSpool:
    """An anonymous temporary file of pickled records. ``written`` may run in a forked child: the file
    (descriptor and offset) is shared, and the parent reads it once the child is done."""

    def __init__(self, file: BinaryIO | None = None) -> None:
        """``file``: opened for reading and writing; by default an anonymous temporary file."""
        self._file = file if file is not None else tempfile.TemporaryFile(prefix="paperkg-records-")

    def written(self, records: Iterable) -> Iterator:
        """``records``, each also written to the spool; the spool is complete once they are exhausted."""
        batch: list = []
        writing = True
        for record in records:
            yield record
            if writing:
                batch.append(record)
                if len(batch) >= BATCH:
                    writing = self._write(batch)
                    batch = []
        if writing and self._write(batch):
            self._write_raw(_END)

    def _write(self, batch: list) -> bool:
        if not batch:
            return True
        data = zlib.compress(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL), LEVEL)
        return self._write_raw(len(data).to_bytes(_SIZE, "little") + data)

    def _write_raw(self, data: bytes) -> bool:
        """Unbuffered, so a forked writer leaves nothing behind in a buffer; False (and nothing kept) on an
        ``OSError`` such as a full disk."""
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._file.fileno(), view):]
            return True
        except OSError:
            self._discard()
            return False

    def _discard(self) -> None:
        try:
            os.ftruncate(self._file.fileno(), 0)
        except OSError:
            pass

    def complete(self) -> bool:
        """Did a writer get through all its records?"""
        size = self._file.seek(0, os.SEEK_END)
        if size < len(_END):
            return False
        self._file.seek(size - len(_END))
        return self._file.read(len(_END)) == _END

    def read(self) -> Iterator:
        """The records, in the order they were written (call only when ``complete``)."""
        end = self._file.seek(0, os.SEEK_END) - len(_END)
        self._file.seek(0)
        while self._file.tell() < end:
            size = int.from_bytes(self._file.read(_SIZE), "little")
            yield from pickle.loads(zlib.decompress(self._file.read(size)))

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "RecordSpool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
