"""Writing safely: one process at a time where it matters, links switched in one step, disk faults in one line."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(lock_file: Path, *, needed: bool = True) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` (made if missing) while the block runs; other processes wait their turn.

    With `needed` false, a lock that cannot be made is done without: what it guards cannot be written either.
    """
    with contextlib.ExitStack() as stack:
        try:
            lock_file.parent.mkdir(parents=True, exist_ok=True)
            lock = stack.enter_context(open(lock_file, "w"))
        except OSError:
            if needed:
                raise
        else:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def point(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to `target` in one atomic step."""
    temporary = link.parent / f".{link.name}.link-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(os.path.relpath(target, link.parent))
    os.replace(temporary, link)


def disk_problem(exc: OSError) -> str:
    """Say in one line what went wrong writing or reading a file, and what to do."""
    where = f" ({os.path.relpath(exc.filename)})" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return f"the disk is full{where}: free some space and build again; the previous site is unchanged"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write{where}: {exc.strerror}; make the project folder writable; the previous site is unchanged"
    if exc.errno == errno.EFBIG:
        return f"a file grew past the size this system allows{where}; the previous site is unchanged"
    return f"{exc.strerror or exc}{where}; the previous site is unchanged"
