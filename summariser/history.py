"""The history: every LLM exchange in SQLite, in the spirit of `llm logs`, upgraded in place by migrations.

Each change of the database is one function in MIGRATIONS, numbered by its
place; SQLite's `user_version` records how many have run, so an old history
upgrades on first use and a new one is built by running them all.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import StateError
from .store import home, os_reason, private_folder

log = logging.getLogger("summariser")


def m001_exchanges(db: sqlite3.Connection) -> None:
    """The exchanges table (histories made before migrations have it already)."""
    db.execute("""
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
    """)


def m002_source_index(db: sqlite3.Connection) -> None:
    """Exchanges by article, for `summarise logs` on one source."""
    db.execute("CREATE INDEX IF NOT EXISTS exchanges_source ON exchanges (source)")


def m003_drop_source_index(db: sqlite3.Connection) -> None:
    """No query reads exchanges by source (`summarise logs` lists by id): the index only slowed every write."""
    db.execute("DROP INDEX IF EXISTS exchanges_source")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [m001_exchanges, m002_source_index, m003_drop_source_index]


def migrate(db: sqlite3.Connection) -> int:
    """Run the migrations this database has not had yet, each in its own transaction; returns its version."""
    done = int(db.execute("PRAGMA user_version").fetchone()[0])
    for number, migration in enumerate(MIGRATIONS[done:], start=done + 1):
        with db:
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)


class History:
    """Every LLM exchange, one row per question (all its attempts)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or home() / "history.db"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection:
        """One connection for this history's lifetime (opening one per exchange costs more than the insert)."""
        if self._db is None:
            private_folder(self.path.parent)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))  # SQLite's side files take its mode
            # A short busy timeout: another process holding the history costs a warning, not half a minute.
            db = sqlite3.connect(self.path, timeout=2, check_same_thread=False)
            try:
                # WAL: readers (`summarise logs`) never block a running batch; NORMAL: no fsync per row.
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                migrate(db)
            except BaseException:
                db.close()
                raise
            self._db = db
        return self._db

    def log(self, **row: Any) -> None:
        """Record one exchange, committed at once (a kill loses none); a history in trouble is one warning."""
        if self._broken:
            return
        row.setdefault("at", time.strftime("%Y-%m-%dT%H:%M:%S"))
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self._lock:
            try:
                db = self._connect()
                with db:
                    db.execute(f"INSERT INTO exchanges ({cols}) VALUES ({marks})", list(row.values()))
            except (sqlite3.Error, OSError) as e:
                self._broken = True
                log.warning("warning: the history cannot be written (%s); the briefing is not affected",
                            os_reason(e) if isinstance(e, OSError) else f"{self.path}: {e}")

    def recent(self, count: int) -> list[dict[str, Any]]:
        """The latest exchanges, newest first."""
        if not self.path.is_file():
            self._home_usable()
            return []
        return [dict(r) for r in self._query("SELECT * FROM exchanges ORDER BY id DESC LIMIT ?", count)]

    def get(self, exchange_id: int) -> dict[str, Any] | None:
        """One exchange by id (None for an id no row can have)."""
        if not self.path.is_file():
            self._home_usable()
            return None
        if not 0 < exchange_id < 2**63:  # SQLite's integers: a larger id is no row's
            return None
        rows = self._query("SELECT * FROM exchanges WHERE id = ?", exchange_id)
        return dict(rows[0]) if rows else None

    def _home_usable(self) -> None:
        """A missing history is an empty one, unless its folder cannot be one (SUMMARISER_HOME is a file)."""
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise StateError(f"{self.path.parent}: is not a folder; SUMMARISER_HOME must name a folder")

    def _query(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cursor = self._connect().execute(sql, params)
                cursor.row_factory = sqlite3.Row
                return cursor.fetchall()
            except (sqlite3.Error, OSError) as e:
                raise StateError(f"the history {self.path} cannot be read ({e}); move it away or "
                                 "remove it with `summarise cache clear --history`") from None
