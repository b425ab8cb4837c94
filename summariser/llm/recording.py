"""Recording: request keys, fixtures written and replayed, and the response cache.

A request's key hashes the request itself (model, messages, tools, limits):
the rendered prompts are in its messages, so editing one template changes the
keys of just the requests that use it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletion

from ..errors import ReplayMissError
from ..redact import scrub
from ..store import write_atomic
from .transport import Create


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
                "re-record with --record on a live backend"
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


def cached(create: Create, folder: Path) -> Create:
    """Answer from the cache when the same request was answered before; store new answers atomically."""

    async def create_or_reuse(**kwargs: Any) -> ChatCompletion:
        path = folder / f"{request_key(kwargs)}.json"
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
