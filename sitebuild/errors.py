"""The one failure every step raises: a one-line message for the writer and exit code 1, never a traceback."""

from __future__ import annotations

from invoke.exceptions import Exit


class BuildError(Exit):
    """A step failed for a reason the writer can fix; invoke prints the message and exits with 1."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code=1)
