"""What a batch may do in OUTDIR: one batch there at a time, never replace an input, never write its state or index
through a symlink, and clean only the temporary files of its own naming whose writer is gone."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import UsageError
from .state import STATE

LOCK = ".summarise-batch.lock"
INDEX = "index.md"
# Temporary files as store.write_atomic names them: ".<file>.<writer's pid>.<random>.tmp".
_OURS = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


@contextlib.contextmanager
def claimed(outdir: Path) -> Iterator[None]:
    """Hold OUTDIR for this batch (an advisory lock the kernel drops when the process ends, a kill too); a
    second batch there gets one line instead of breaking the first."""
    outdir.mkdir(parents=True, exist_ok=True)
    for name in (STATE, INDEX, LOCK):
        if (outdir / name).is_symlink():
            raise UsageError(f"{outdir / name}: is a symbolic link; a batch writes its state and index only as "
                             "files of its own (remove the link or choose another -o)")
    fd = os.open(outdir / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise UsageError(f"{outdir}: another summarise batch is writing there; wait for it to finish or choose "
                         "another -o") from None
    try:
        _clean(outdir)
        yield
    finally:
        os.close(fd)  # and the lock with it


def _clean(outdir: Path) -> None:
    """Remove the temporary files of our naming whose writer has exited (a run killed mid-write)."""
    for path in outdir.glob(".*.tmp"):
        if (m := _OURS.match(path.name)) and not _alive(int(m.group(1))):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (one of another user counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def inputs_kept(outputs: list[Path], inputs: list[Path]) -> None:
    """Refuse a batch whose outputs would replace one of its inputs (`batch d -o d` with d/report.md)."""
    for output in outputs:
        for source in inputs:
            with contextlib.suppress(OSError):
                if os.path.samefile(source, output):
                    raise UsageError(f"{output}: is the input {source} and would be replaced by a briefing; "
                                     "choose another -o")
