"""Where summariser keeps state, and how it writes files: atomically.

The response cache (llm/recording.py) and the history (history.py) live under
the user's data directory (`SUMMARISER_HOME` overrides it), in a folder only
its owner can enter. Keys are never stored: requests hold no headers, and text
is scrubbed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any


def home() -> Path:
    """The folder for the cache and the history."""
    if custom := os.environ.get("SUMMARISER_HOME"):
        return Path(custom)
    from platformdirs import user_data_dir

    return Path(user_data_dir("summariser", appauthor=False))


def os_reason(error: OSError) -> str:
    """An OS error as `path: reason`."""
    return f"{error.filename}: {error.strerror}" if error.filename and error.strerror else str(error)


def private_folder(path: Path) -> Path:
    """`path` made (with its parents) as a folder only its owner can enter: it keeps whole articles."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) & 0o077 and path.stat().st_uid == os.getuid():
        path.chmod(0o700)
    return path


def write_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Write via a uniquely named temporary file beside `path`, then rename: readers never see half a file.

    The file keeps the mode it had; a new one gets `mode`, or what a shell redirect would give it (0666 less
    the umask), not mkstemp's 0600.
    """
    try:
        kept = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        kept = mode if mode is not None else 0o666 & ~_umask()
    # The writer's pid in the name: a batch cleans up only the files of writers that are gone (batch/guard.py).
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        os.fchmod(fd, kept)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def output_file(name: str, inputs: list[str]) -> Path:
    """Where `-o NAME` may be written, checked before any work: never an input, a folder or a device.

    A symlink is written through to its target; a missing folder, or one we may not write in, is an error now
    rather than after the model was asked.
    """
    from .errors import UsageError

    path = Path(name)
    if name.endswith(("/", os.sep)) and not path.is_dir():
        raise UsageError(f"{name}: no such folder; -o takes a file name")
    target = path.resolve() if path.is_symlink() else path
    try:
        found = target.stat()
    except FileNotFoundError:
        found = None
    except OSError as e:
        raise UsageError(f"{name}: cannot write ({e.strerror})") from None
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise UsageError(f"{name}: is a directory; give a file name for -o")
        if not stat.S_ISREG(found.st_mode):
            raise UsageError(f"{name}: exists and is not a regular file; give another file for -o")
        for source in inputs:
            with contextlib.suppress(OSError):
                if os.path.samefile(source, target):
                    raise UsageError(f"{name}: is the input {source}; give another file for -o")
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"{name}: no such folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{name}: cannot write in {folder} (permission denied)")
    return target


def cache_dir() -> Path:
    """The response cache's folder."""
    return home() / "cache"


def clear_cache() -> int:
    """Remove every cached response; returns how many there were."""
    folder = cache_dir()
    count = len(list(folder.glob("*.json"))) if folder.is_dir() else 0
    shutil.rmtree(folder, ignore_errors=True)
    return count


def clear_history() -> bool:
    """Remove the history of exchanges (and SQLite's side files); returns whether there was one."""
    path = home() / "history.db"
    existed = path.exists()
    for name in ("history.db", "history.db-wal", "history.db-shm"):
        (home() / name).unlink(missing_ok=True)
    return existed


def dumps(value: Any) -> str:
    """JSON for the history's text columns."""
    return json.dumps(value, ensure_ascii=False, default=str)
