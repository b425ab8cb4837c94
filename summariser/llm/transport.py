"""Transport: transport retries with the shared rate-limit gate, lenient JSON.

Tenacity retries transport faults (429 honouring Retry-After, 5xx, timeouts,
connection errors) with exponential backoff and jitter, bounded in attempts and
total time; instructor's re-asks (validation failures) live in the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import openai
from openai.types.chat import ChatCompletion
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, stop_after_delay, stop_any
from tenacity.stop import stop_base

from ..errors import AuthError, BackendError, SummariserError
from ..redact import scrub
from ..settings import Settings

log = logging.getLogger("summariser")
R = TypeVar("R")
Create = Callable[..., Awaitable[ChatCompletion]]

class Gate:
    """Shared backoff: a 429 in one task holds every task's next request (a batch slows down as a whole)."""

    def __init__(self) -> None:
        self._until = 0.0

    def hold(self, seconds: float) -> None:
        """Nobody sends before `seconds` from now."""
        self._until = max(self._until, time.monotonic() + seconds)

    async def wait(self) -> None:
        """Sleep until the hold is over."""
        while (left := self._until - time.monotonic()) > 0:
            await asyncio.sleep(min(left, 1.0))


GATE = Gate()


def _status(exc: BaseException) -> int | None:
    return getattr(exc, "status_code", None)


def retryable(exc: BaseException) -> bool:
    """Transport faults worth another try: 429, 5xx, timeouts, connection errors (not a refusal of ours)."""
    if in_chain(exc, lambda e: isinstance(e, SummariserError)):
        return False
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    status = _status(exc)
    return status is not None and (status == 429 or status >= 500)


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After), if any."""
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def backoff(state: RetryCallState) -> float:
    """Retry-After when given, else exponential backoff with full jitter."""
    exc = state.outcome.exception() if state.outcome else None
    asked = retry_after(exc) if exc else None
    if asked is not None:
        GATE.hold(min(asked, 60.0))
        return min(asked, 60.0)
    return random.uniform(0, min(30.0, 0.5 * 2 ** (state.attempt_number - 1)))


def with_transport_retries(create: Create, settings: Settings, where: str) -> Create:
    """Retry transport faults with backoff, bounded in attempts and in total time by --timeout.

    A wait the server asks for (Retry-After) that does not fit in the time left ends the request at once.
    """

    async def create_with_retries(**kwargs: Any) -> ChatCompletion:
        deadline = time.monotonic() + settings.timeout

        class out_of_time(stop_base):
            def __call__(self, state: RetryCallState) -> bool:
                exc = state.outcome.exception() if state.outcome else None
                asked = retry_after(exc) if exc else None
                return asked is not None and asked > deadline - time.monotonic()

        def wait(state: RetryCallState) -> float:
            return max(0.0, min(backoff(state), deadline - time.monotonic()))

        async def attempt(**kw: Any) -> ChatCompletion:  # each attempt gets only the time that is left
            return await create(**kw, _timeout=max(0.1, deadline - time.monotonic()))

        retrying = AsyncRetrying(
            retry=retry_if_exception(retryable), wait=wait, reraise=True,
            stop=stop_any(stop_after_attempt(settings.transport_attempts), stop_after_delay(settings.timeout), out_of_time()),
            before_sleep=lambda s: log.info(
                "transport fault (%s), attempt %d; retrying", _describe(s.outcome.exception()), s.attempt_number
            ) if s.outcome else None,
        )
        try:
            return await retrying(attempt, **kwargs)
        except (openai.AuthenticationError, openai.PermissionDeniedError) as e:
            raise AuthError(
                f"{where} refused the credentials (HTTP {_status(e)}): check OPENAI_API_KEY"
                f"{' and --base-url' if settings.base_url else ''}"
            ) from None
        except openai.NotFoundError:
            raise BackendError(f"{where}: model {kwargs.get('model')!r} or endpoint not found (HTTP 404)") from None
        except openai.APIError as e:
            if isinstance(ours := in_chain(e, lambda x: isinstance(x, SummariserError)), SummariserError):
                raise ours from None  # refused by our own rule (a redirect to another origin)
            attempts = retrying.statistics.get("attempt_number", 1)
            left = deadline - time.monotonic()
            if (asked := retry_after(e)) is not None and asked > left:
                raise BackendError(
                    f"{where}: {_describe(e)}, and the server asks to wait {asked:g} s (Retry-After), more than the "
                    f"{max(0.0, left):.0f} s left of --timeout {settings.timeout:g}"
                ) from None
            raise BackendError(f"{where}: {_describe(e)} after {attempts} attempt(s)") from None

    return create_with_retries


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    status = _status(exc)
    if status:
        return f"HTTP {status}"
    if isinstance(exc, openai.APITimeoutError) and not _refused(exc):
        return "timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    return scrub(str(exc))[:200]


def _refused(exc: BaseException) -> bool:
    """A refused or dropped connection: the aiohttp transport reports those as connect timeouts too."""
    return in_chain(exc, lambda e: isinstance(e, OSError) and not isinstance(e, TimeoutError)) is not None


def scrubbed(create: Create, secret: str | None) -> Create:
    """Answers without the API key in them (a server that echoes it back): nothing stored or shown holds it."""
    if not secret:
        return create

    async def create_scrubbed(**kwargs: Any) -> ChatCompletion:
        result = await create(**kwargs)
        text = result.model_dump_json()
        return ChatCompletion.model_validate_json(scrub(text, secret)) if secret in text else result

    return create_scrubbed


# Longer than any answer a question asks for (the one-call briefing's budget, doubled once, is 8,000 tokens: about
# 32 KB): a server that sends more is refused before anything parses, stores or shows it.
MAX_ANSWER_CHARS = 256_000


def _size(result: ChatCompletion) -> int:
    """The characters of an answer's text and tool-call arguments."""
    size = 0
    for choice in result.choices:
        size += len(choice.message.content or "")
        for call in choice.message.tool_calls or []:
            size += len(str(getattr(getattr(call, "function", None), "arguments", "") or ""))
    return size


def lenient_json(create: Create) -> Create:
    """Re-serialise tool arguments parsed leniently (raw newlines inside strings); no choice at all, or an answer
    over MAX_ANSWER_CHARS, is an error."""

    async def create_lenient(**kwargs: Any) -> ChatCompletion:
        result = await create(**kwargs)
        if not result.choices:
            raise BackendError(f"the server answered without any choice (model {kwargs.get('model')})")
        if (size := _size(result)) > MAX_ANSWER_CHARS:
            raise BackendError(f"the server's answer is {size:,} characters, over the {MAX_ANSWER_CHARS:,} a briefing "
                               f"needs (model {kwargs.get('model')}); not used")
        for choice in result.choices:
            for call in choice.message.tool_calls or []:
                fn = getattr(call, "function", None)
                if fn is None:
                    continue
                # Unparseable arguments stay as they are: instructor reports them and re-asks.
                with contextlib.suppress(ValueError, TypeError):
                    fn.arguments = json.dumps(json.loads(fn.arguments, strict=False), ensure_ascii=False)
        return result

    return create_lenient


def in_chain(error: BaseException, kind: Callable[[BaseException], bool]) -> BaseException | None:
    """The first exception of this kind in `error`'s chain: itself, then what it was raised from."""
    seen: BaseException | None = error
    while seen is not None:
        if kind(seen):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
