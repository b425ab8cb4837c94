"""`summarise batch`: many articles, concurrent, resumable, with an index.

Remote backends keep `--concurrency` requests in flight (asyncio tasks over
the async OpenAI client; an article's questions go out without waiting for
one another, the assessment at once and the others as soon as the sections
flow's evidence layer, in worker processes, has found their candidates); the embedded
backend has one model instance, so its articles queue one at a time. A state
file in OUTDIR remembers each finished article's fingerprint (article bytes,
model, prompt version, schema), so a rerun skips it; outputs are written
atomically, so a kill loses at most the articles in flight.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import glob
import hashlib
import json
import logging
import multiprocessing
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import ARTICLE_SUFFIXES
from .errors import BackendError, SummariserError, UsageError
from .settings import Settings
from .store import write_atomic as write

if TYPE_CHECKING:  # the client libraries (and asyncio) load only when a model is asked
    import asyncio

    from .llm import Backend

log = logging.getLogger("summariser")
BATCH_URL = "/v1/chat/completions"

STATE = ".summarise-batch.jsonl"


@dataclass
class Outcome:
    """What happened to one article."""

    path: Path
    name: str
    status: str  # done, cached (finished by an earlier run), failed
    reason: str | None = None
    seconds: float = 0.0
    tokens: int = 0
    bottom_line: str = ""
    actors: str = ""
    trend: str = ""


def collect(inputs: list[str]) -> list[Path]:
    """Articles named by files, folders and globs, in order, each once."""
    found: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found += sorted(x for x in p.iterdir() if x.is_file() and x.suffix.lower() in ARTICLE_SUFFIXES)
        elif p.exists():
            found.append(p)
        elif matches := sorted(glob.glob(raw, recursive=True)):
            found += [Path(m) for m in matches if Path(m).is_file()]
        else:
            raise UsageError(f"{raw}: no such file, folder or glob match")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise UsageError("no articles to brief (.txt, .md, .html)")
    return unique


def output_names(paths: list[Path]) -> dict[Path, str]:
    """A file name per article from its own name, made unique with its folder, then a number."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for p in paths:
        for candidate in (p.stem, f"{p.parent.name}-{p.stem}"):
            if candidate.lower() not in taken:
                break
        n = 2
        while candidate.lower() in taken:
            candidate, n = f"{p.stem}-{n}", n + 1
        taken.add(candidate.lower())
        names[p] = candidate
    return names


@cache
def schema_hash() -> str:
    """Changes when the briefing's shape may have: a hash of the module that defines it."""
    # Its source, not its generated JSON Schema: a rerun need not import pydantic (~0.1 s of 0.2 s).
    return hashlib.sha256(Path(__file__).with_name("schemas.py").read_bytes()).hexdigest()[:12]


def fingerprint(path: Path, model: str, prompt_version: str) -> str:
    """What a finished briefing depends on."""
    digest = hashlib.sha256(path.read_bytes() if path.is_file() else b"")
    digest.update(f"\0{model}\0{prompt_version}\0{schema_hash()}".encode())
    return digest.hexdigest()[:24]


class State:
    """OUTDIR's record of finished articles: a JSON line appended per article (a kill costs at most that line)."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / STATE
        self.done: dict[str, str] = {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            text = ""
        self._cut = bool(text) and not text.endswith("\n")  # a kill mid-line: start the next on a line of its own
        for line in text.splitlines():
            with contextlib.suppress(ValueError, KeyError, TypeError):
                record = json.loads(line)
                self.done[record["name"]] = record["mark"]

    def briefing(self, name: str) -> Path:
        """Where the batch keeps `name`'s briefing JSON: beside the Markdown, or hidden when only that was asked."""
        shown = self.path.with_name(f"{name}.json")
        return shown if shown.is_file() else shown.with_name(f".{shown.name}")

    def briefings(self) -> list[Path]:
        """The briefing JSON of every article this batch finished."""
        return [path for path in map(self.briefing, sorted(self.done)) if path.is_file()]

    def finished(self, name: str, mark: str) -> None:
        """Remember that `name` is briefed for fingerprint `mark` (its outputs are already in place)."""
        self.done[name] = mark
        with self.path.open("a", encoding="utf-8") as f:
            f.write(("\n" if self._cut else "") + json.dumps({"name": name, "mark": mark}) + "\n")
        self._cut = False


def run(
    inputs: list[str], outdir: Path, settings: Settings, formats: list[str], encoding: str | None = None,
    report: Callable[[Outcome, int, int], None] = lambda *_: None, results: Path | None = None,
) -> list[Outcome]:
    """Brief every article not already briefed; a failure is recorded and the rest go on.

    With `results` (an OpenAI Batch API output file) answers come from that file instead of a model.
    """
    from .prompts import version

    paths = collect(inputs)
    outdir.mkdir(parents=True, exist_ok=True)
    for stale in outdir.glob(".*.tmp"):  # left by a run killed mid-write
        stale.unlink(missing_ok=True)
    names = output_names(paths)
    state = State(outdir)
    prompt_version = version()
    marks = {p: fingerprint(p, settings.model_name(), prompt_version) for p in paths}
    outcomes: list[Outcome] = []

    def finished(outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(outcome, len(outcomes), len(paths))

    todo = []
    for p in paths:
        if _finished(state, outdir, names[p], marks[p], formats):
            finished(_summarise(Outcome(p, names[p], "cached"), state.briefing(names[p])))
        else:
            todo.append(p)
    # Articles under way: twice the request slots, so that while some wait for their evidence the
    # others' questions keep every slot busy; one for the one embedded model.
    in_flight = 2 * settings.concurrency if settings.concurrent else 1
    # The sections flow's evidence layer (spaCy, ~0.12 s of CPU an article) runs in worker processes,
    # so that the event loop stays free to keep every request in flight. They start first, and load
    # spaCy while this process imports the client libraries.
    analysers = max(1, min(in_flight, len(todo), os.cpu_count() or 1))
    pool = _evidence_pool(analysers) if todo and settings.concurrent and settings.sections_for(settings.model_name()) else None

    async def brief_todo() -> None:
        import asyncio

        from .agent import brief_async
        from .article import load
        from .evidence import analyse
        from .llm import connect
        from .render import to_json, to_markdown

        shared = connect(settings, prompt_version) if results is None else batch_backend(
            settings, results_create(results, prompt_version))
        gc.freeze()  # the libraries' objects live as long as the process: spare the collector their traversal
        loop = asyncio.get_running_loop()
        gate = asyncio.Semaphore(in_flight)
        # Bounds the articles read (and analysed) but not yet briefed, so a huge folder stays small in memory.
        ahead = asyncio.Semaphore(in_flight + 2 * analysers)

        def analysed(article: Any) -> asyncio.Future[Any] | None:
            """The article's evidence, found by a worker process (None: found in the brief itself)."""
            if pool is None:
                return None
            evidence: asyncio.Future[Any] = loop.create_future()
            evidence.add_done_callback(lambda f: f.cancelled() or f.exception())  # unused when the brief failed first

            def settle(how: Callable[[Any], None], value: Any) -> None:
                if not evidence.done():
                    how(value)

            pool.apply_async(analyse, (article,),
                             callback=lambda r: loop.call_soon_threadsafe(settle, evidence.set_result, r),
                             error_callback=lambda e: loop.call_soon_threadsafe(settle, evidence.set_exception, e))
            return evidence

        async def one(path: Path) -> Outcome:
            name, started = names[path], time.monotonic()
            try:
                article = load(str(path), encoding=encoding)
                evidence = analysed(article)  # under way while the article waits for a slot
                async with gate:
                    started = time.monotonic()
                    briefing = await brief_async(article, shared.fresh(), evidence)
            except SummariserError as e:
                return Outcome(path, name, "failed", str(e), round(time.monotonic() - started, 2))
            for f in formats:
                write(outdir / f"{name}.{f}", to_markdown(briefing) if f == "md" else to_json(briefing))
            if "json" not in formats:  # the index and reruns read the JSON; keep it beside the Markdown
                write(outdir / f".{name}.json", to_json(briefing))
            state.finished(name, marks[path])
            return Outcome(
                path, name, "done", None, briefing.meta.seconds, briefing.meta.usage.total_tokens,
                briefing.bottom_line, ", ".join(a.name for a in briefing.key_actors[:4]),
                briefing.force_posture.trend,
            )

        async def task(path: Path) -> None:
            async with ahead:
                outcome = await one(path)
            finished(outcome)

        await asyncio.gather(*(task(p) for p in todo))

    try:
        if todo:
            from .llm import run_sync

            run_sync(brief_todo())
    finally:
        if pool is not None:
            pool.terminate()  # idle by now, or interrupted: nothing in them is worth waiting for
            pool.join()
        mine, helpers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        log.info("CPU: %.2f s in this process, %.2f s in evidence workers",
                 mine.ru_utime + mine.ru_stime, helpers.ru_utime + helpers.ru_stime)
        order = {p: i for i, p in enumerate(paths)}
        outcomes.sort(key=lambda o: order[o.path])
        write(outdir / "index.md", index(outcomes, formats))
    return outcomes


def _finished(state: State, outdir: Path, name: str, mark: str, formats: list[str]) -> bool:
    """Whether an earlier run briefed this article, for the same fingerprint, in every format asked for."""
    return state.done.get(name) == mark and all((outdir / f"{name}.{f}").is_file() for f in formats)


def _evidence_pool(size: int) -> Any:
    """Worker processes for the evidence layer, started now."""
    from .evidence import warm

    # Forked before this process starts any thread (the event loop, the HTTP client), so no lock is
    # copied mid-use; unlike spawn, fork leaves no named semaphores for a tracker to report at exit.
    return multiprocessing.get_context("fork").Pool(size, initializer=warm)


def _summarise(outcome: Outcome, briefing_json: Path) -> Outcome:
    """Fill an earlier run's figures into a cached outcome."""
    try:
        b = json.loads(briefing_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return outcome
    outcome.bottom_line = b["bottom_line"]
    outcome.actors = ", ".join(a["name"] for a in b["key_actors"][:4])
    outcome.trend, outcome.seconds = b["force_posture"]["trend"], b["meta"]["seconds"]
    outcome.tokens = b["meta"]["usage"]["total_tokens"]
    return outcome


def index(outcomes: list[Outcome], formats: list[str]) -> str:
    """The batch's Markdown index."""
    from .render import md

    rows = ["# Batch index", "", "| Article | Bottom line | Actors | Trend | Status | Seconds | Tokens |",
            "|---|---|---|---|---|---|---|"]
    for o in outcomes:
        link = f"[{md(o.name)}]({o.name}.{formats[0]})" if o.status != "failed" else md(o.name)
        line = o.bottom_line if len(o.bottom_line) <= 160 else o.bottom_line[:157] + "…"
        status = f"failed: {md(o.reason or '')}" if o.status == "failed" else o.status
        rows.append(f"| {link} | {md(line)} | {md(o.actors)} | {o.trend} | {status} | {o.seconds:.1f} | {o.tokens} |")
    done = sum(o.status == "done" for o in outcomes)
    cached = sum(o.status == "cached" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    return "\n".join([*rows, "", f"{done} briefed, {cached} already done, {failed} failed."]) + "\n"


# ---------------------------------------------------------------- OpenAI Batch API


def batch_backend(settings: Settings, create: Any) -> Backend:
    """An `openai` backend whose answers come from `create` (one attempt: a batch cannot re-ask)."""
    from .llm import CONTEXT_TOKENS, Backend, lenient_json

    model = settings.model_name()
    once = Settings(**{**settings.__dict__, "max_retries": 0})
    return Backend("openai-batch", model, settings.context_tokens or CONTEXT_TOKENS.get(model, 8192), once,
                   lenient_json(create))


def write_requests(inputs: list[str], settings: Settings, target: Path, encoding: str | None = None) -> int:
    """Write the Batch API input JSONL for these articles: one line per request, custom_id = request key."""
    from openai.types.chat import ChatCompletion

    from .agent import brief
    from .article import load
    from .llm import request_key
    from .prompts import version

    prompt_version = version()
    lines: dict[str, str] = {}
    captured: list[dict[str, Any]] = []

    async def capture(**kwargs: Any) -> ChatCompletion:
        captured.append(copy.deepcopy(kwargs))  # the batch backend never re-asks: each is a question
        # An empty answer: the flow goes on to its other questions, so every request is written.
        return ChatCompletion.model_validate({
            "id": "capture", "object": "chat.completion", "created": 0, "model": kwargs["model"],
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "{}"}}],
        })

    for path in collect(inputs):
        article = load(str(path), encoding=encoding)
        captured.clear()
        with contextlib.suppress(SummariserError):
            brief(article, batch_backend(settings, capture))
        for kwargs in captured:
            key = request_key(kwargs, prompt_version)
            lines[key] = json.dumps({"custom_id": key, "method": "POST", "url": BATCH_URL, "body": kwargs},
                                    ensure_ascii=False)
    write(target, "\n".join(lines.values()) + "\n")
    return len(lines)


def results_create(results: Path, prompt_version: str) -> Any:
    """A create() answering from a Batch API output file, matched by custom_id."""
    from openai.types.chat import ChatCompletion

    from .llm import request_key

    answers: dict[str, Any] = {}
    read = 0
    try:
        for line in results.read_text(encoding="utf-8").splitlines():
            read += 1
            if not line.strip():
                continue
            record = json.loads(line)
            response = record.get("response") or {}
            if response.get("status_code") == 200:
                answers[record["custom_id"]] = response["body"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise UsageError(f"{results}: not a Batch API output file (line {read}: {e})") from None

    async def create(**kwargs: Any) -> ChatCompletion:
        key = request_key(kwargs, prompt_version)
        if key not in answers:
            raise BackendError(f"{results}: no successful result for request {key}")
        return ChatCompletion.model_validate(answers[key])

    return create
