"""Where summariser keeps state, and how it writes files: atomically.

The response cache and the history live under the user's data directory
(`SUMMARISER_HOME` overrides it). The cache is keyed like the fixtures (the
request itself), so rerunning any command on the same inputs makes no LLM
call. Keys are never stored: requests hold no headers, and text is scrubbed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any


def home() -> Path:
    """The folder for the cache and the history."""
    if custom := os.environ.get("SUMMARISER_HOME"):
        return Path(custom)
    from platformdirs import user_data_dir

    return Path(user_data_dir("summariser", appauthor=False))


def write_atomic(path: Path, text: str) -> None:
    """Write via a uniquely named temporary file beside `path`, then rename: readers never see half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cache_dir() -> Path:
    """The response cache's folder."""
    return home() / "cache"


def clear_cache() -> int:
    """Remove every cached response; returns how many there were."""
    folder = cache_dir()
    count = len(list(folder.glob("*.json"))) if folder.is_dir() else 0
    shutil.rmtree(folder, ignore_errors=True)
    return count


def dumps(value: Any) -> str:
    """JSON for the history's text columns."""
    return json.dumps(value, ensure_ascii=False, default=str)
