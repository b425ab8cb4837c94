"""Where summariser keeps state: the response cache and the history of LLM exchanges.

Both live under the user's data directory (`SUMMARISER_HOME` overrides it).
The cache is keyed like the fixtures (model, messages, schema, prompt
version), so rerunning any command on the same inputs makes no LLM call.
Keys are never stored: requests hold no headers, and text is scrubbed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the client library is slow to import; `summarise logs` and reruns never need it
    from openai.types.chat import ChatCompletion

Create = Callable[..., Awaitable["ChatCompletion"]]


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


def cached(create: Create, key_of: Callable[[dict[str, Any]], str], folder: Path) -> Create:
    """Answer from the cache when the same request was answered before; store new answers atomically."""

    from openai.types.chat import ChatCompletion

    async def create_or_reuse(**kwargs: Any) -> ChatCompletion:
        path = folder / f"{key_of(kwargs)}.json"
        if path.is_file():
            try:
                return ChatCompletion.model_validate_json(path.read_bytes())
            except ValueError:
                path.unlink(missing_ok=True)  # a damaged entry is a miss
        result = await create(**kwargs)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, result.model_dump_json())
        return result

    return create_or_reuse


def clear_cache() -> int:
    """Remove every cached response; returns how many there were."""
    folder = cache_dir()
    count = len(list(folder.glob("*.json"))) if folder.is_dir() else 0
    shutil.rmtree(folder, ignore_errors=True)
    return count


_SCHEMA = """
CREATE TABLE IF NOT EXISTS exchanges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    source TEXT,
    backend TEXT NOT NULL,
    model TEXT NOT NULL,
    question TEXT NOT NULL,
    prompt TEXT NOT NULL,
    response TEXT,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    seconds REAL NOT NULL,
    validation_errors TEXT,
    error TEXT
)
"""


class History:
    """Every LLM exchange in SQLite, in the spirit of `llm logs`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or home() / "history.db"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        """One connection for this history's lifetime (opening one per exchange costs more than the insert)."""
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            # WAL: readers (`summarise logs`) never block a running batch; NORMAL: no fsync per row.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        return self._db

    def log(self, **row: Any) -> None:
        """Record one exchange (one question, all its attempts); committed at once, so a kill loses none."""
        row.setdefault("at", time.strftime("%Y-%m-%dT%H:%M:%S"))
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self._lock:
            db = self._connect()
            with db:
                db.execute(f"INSERT INTO exchanges ({cols}) VALUES ({marks})", list(row.values()))

    def recent(self, count: int) -> list[dict[str, Any]]:
        """The latest exchanges, newest first."""
        if not self.path.is_file():
            return []
        rows = self._query("SELECT * FROM exchanges ORDER BY id DESC LIMIT ?", count)
        return [dict(r) for r in rows]

    def get(self, exchange_id: int) -> dict[str, Any] | None:
        """One exchange by id."""
        if not self.path.is_file():
            return None
        rows = self._query("SELECT * FROM exchanges WHERE id = ?", exchange_id)
        return dict(rows[0]) if rows else None

    def _query(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._connect().execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()


def dumps(value: Any) -> str:
    """JSON for the history's text columns."""
    return json.dumps(value, ensure_ascii=False, default=str)
