"""The process's one event loop: async clients stay bound to a live loop across calls, and are closed on it once.

`run_sync` runs a coroutine on it (the CLI, the API and the digest's judge are synchronous callers);
`on_close` registers what must be closed there (an HTTP client's sessions), and `close` does it: at the
interpreter's exit for a library user, and explicitly from the CLI, which leaves by `os._exit`.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

R = TypeVar("R")
_runner: asyncio.Runner | None = None
_closers: list[Callable[[], Coroutine[Any, Any, Any]]] = []


def run_sync(work: Coroutine[Any, Any, R]) -> R:
    """Run a coroutine on the process's one event loop."""
    global _runner
    if _runner is None:
        _runner = asyncio.Runner()
    return _runner.run(work)


def on_close(closer: Callable[[], Coroutine[Any, Any, Any]]) -> None:
    """Have `close` await `closer()` on the loop (aiohttp warns about sessions left open)."""
    _closers.append(closer)


@atexit.register
def close() -> None:
    """Await every registered closer on the loop, then close the loop; safe to call twice."""
    global _runner
    if _runner is None:
        _closers.clear()
        return
    while _closers:
        with contextlib.suppress(Exception):  # a connection already gone is closed enough
            _runner.run(_closers.pop()())
    _runner.close()
    _runner = None
