"""Recording: request keys, fixtures written and replayed, and the response cache of validated answers.

A request's key hashes the request itself (model, messages, tools, limits):
the rendered prompts are in its messages, so editing one template changes the
keys of just the requests that use it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletion

from ..errors import ReplayMissError
from ..redact import scrub
from ..store import os_reason, private_folder, write_atomic
from .transport import Create

log = logging.getLogger("summariser")


def request_key(kwargs: dict[str, Any]) -> str:
    """Hash of what determines an answer: model, messages (the rendered prompts), tools, limits."""
    canonical = json.dumps(kwargs, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:24]


def replaying(fixtures: Path) -> Create:
    """A create() that answers from recordings and fails clearly on a miss."""

    async def create(**kwargs: Any) -> ChatCompletion:
        key = request_key(kwargs)
        path = fixtures / f"{key}.json"
        if not path.is_file():
            raise ReplayMissError(
                f"no recording for request {key} in {fixtures}/ (model {kwargs.get('model')}); "
                "point --fixtures (or SUMMARISER_FIXTURES) at the recordings, or record with --record on a live backend"
            )
        return ChatCompletion.model_validate(json.loads(path.read_text())["response"])

    return create


def recording(
    create: Create, fixtures: Path, backend: str, secret: str | None,
    note: Callable[[ChatCompletion], str | None] = lambda _: None,
) -> Create:
    """Wrap create() to write each exchange to fixtures/<key>.json (keys scrubbed; requests hold no headers)."""

    async def create_and_record(**kwargs: Any) -> ChatCompletion:
        result = await create(**kwargs)
        key = request_key(kwargs)
        fixtures.mkdir(parents=True, exist_ok=True)
        record: dict[str, Any] = {"key": key, "backend": backend, "request": kwargs,
                                  "response": result.model_dump(mode="json")}
        if (why := note(result)) is not None:
            record["note"] = why
        text = scrub(json.dumps(record, indent=1, ensure_ascii=False, default=str), secret)
        write_atomic(fixtures / f"{key}.json", text + "\n")
        return result

    return create_and_record


class ResponseCache:
    """Answers that passed validation, keyed by the endpoint and the request; a rerun sends nothing twice.

    A fresh answer is held until the client says it validated (`keep`); one that failed is never stored,
    so a bad answer is not replayed. Entries are 0600 in a 0700 folder; trouble reading or writing them is
    a warning, never a lost briefing.
    """

    def __init__(self, folder: Path, endpoint: str) -> None:
        self.folder = folder
        self.endpoint = endpoint
        self._pending: dict[int, tuple[Path, ChatCompletion]] = {}
        self._failed = False  # warned once; no more tries this run

    def path(self, kwargs: dict[str, Any]) -> Path:
        """The entry for a request to this endpoint."""
        return self.folder / f"{request_key({'endpoint': self.endpoint, 'request': kwargs})}.json"

    def wrap(self, create: Create) -> Create:
        """create() answering from the cache when it can."""

        async def create_or_reuse(**kwargs: Any) -> ChatCompletion:
            path = self.path(kwargs)
            try:
                return ChatCompletion.model_validate_json(path.read_bytes())
            except FileNotFoundError:
                pass
            except (OSError, ValueError) as e:  # a damaged entry (or a folder in its place) is a miss
                log.info("response cache entry %s unusable (%s); asking again", path.name, type(e).__name__)
            result = await create(**kwargs)
            self._pending[id(result)] = (path, result)
            return result

        return create_or_reuse

    def keep(self, response: Any) -> None:
        """Store `response` (the answer that validated) if it is a fresh one."""
        held = self._pending.pop(id(response), None)
        if held is None or self._failed:
            return
        path, result = held
        try:
            private_folder(self.folder)
            if path.is_dir():
                shutil.rmtree(path)
            write_atomic(path, result.model_dump_json(), mode=0o600)
        except OSError as e:
            self._failed = True
            log.warning("warning: the response cache cannot be written (%s); the briefing is not affected",
                        os_reason(e))

    def forget(self, responses: list[Any]) -> None:
        """Drop what is held for these responses (a question is over)."""
        for response in responses:
            self._pending.pop(id(response), None)
