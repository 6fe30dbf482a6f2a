"""Errors that the CLI reports as one line, ``paperkg: error: ...``, with exit status 2."""

from __future__ import annotations


class PaperkgError(Exception):
    """An error with a message meant for the user, not a traceback."""


class InputError(PaperkgError):
    """A problem with an input file, located at ``path:line`` (line 0 when it is the whole file)."""

    def __init__(self, path: str, line: int, message: str):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")

    def __reduce__(self):  # pickled by its three parts (``paperkg extract``'s first pass runs in a child process)
        return type(self), (self.path, self.line, self.message)
