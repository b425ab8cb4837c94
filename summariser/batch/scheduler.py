"""The scheduler: brief every article not already briefed, concurrently, and write its outputs as it finishes.

Remote backends keep `--concurrency` requests in flight (asyncio tasks over
the async OpenAI client; an article's questions go out without waiting for
one another, the assessment at once and the others as soon as the sections
flow's evidence layer, in worker processes, has found their candidates); the
embedded backend has one model instance, so its articles queue one at a time.
Outputs are written atomically and recorded in the state, so a kill loses at
most the articles in flight.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import resource
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SummariserError
from ..reports import Outcome
from ..settings import Settings
from ..store import os_reason
from ..store import write_atomic as write
from ..text.load import collect
from .guard import INDEX, claimed, inputs_kept
from .state import Names, State, fingerprint

if TYPE_CHECKING:
    from ..web.feeds import Entry, Gathered

log = logging.getLogger("summariser")
Report = Callable[[Outcome, int, int], None]
# A feed's pending entries fetched as the batch goes: each with its saved page or why it could not be fetched.
Arrivals = Callable[[list["Entry"]], AsyncIterator[tuple["Entry", Path | str]]]


def run(
    inputs: list[str], outdir: Path, settings: Settings, formats: list[str], encoding: str | None = None,
    report: Report = lambda *_: None, results: Path | None = None, fetched: Gathered | None = None,
    arriving: Arrivals | None = None,
) -> list[Outcome]:
    """Brief every article not already briefed; a failure is recorded and the rest go on.

    With `results` (an OpenAI Batch API output file) answers come from that file instead of a model.
    With `fetched`, `inputs` are its pages (and other inputs): each briefing notes the page's URL, and the
    entries that could not be fetched are failed outcomes; its pending feed entries come from `arriving`,
    each briefed as soon as its page is saved.
    """
    from ..llm.providers import PROVIDERS, BatchResults
    from ..prompts import flow_version
    from ..render import batch_index

    paths = collect(inputs) if inputs or fetched is None else []  # a feed whose every entry failed
    provider = BatchResults(results) if results else PROVIDERS[settings.backend]()
    version = flow_version(provider.small(settings))
    with claimed(outdir):  # one batch in OUTDIR at a time; our killed runs' temporary files cleaned
        batch = _Batch(paths, outdir, settings, formats, encoding, report)
        inputs_kept(batch.outputs(), paths)
        try:
            _brief_all(batch, provider, version, fetched, arriving)
        finally:  # interrupted too: the index lists what was done
            try:
                write(outdir / INDEX, batch_index(batch.outcomes, formats))
            except OSError as e:
                raise SummariserError(f"cannot write the batch's index ({os_reason(e)}); the briefings written are "
                                      "complete, and a rerun writes the index") from None
    return batch.outcomes


def _brief_all(batch: _Batch, provider: Any, version: str, fetched: Gathered | None,
               arriving: Arrivals | None) -> None:
    """Brief the batch's articles not briefed before (a feed's pages as they arrive), the failed fetches listed
    among its outcomes."""
    paths, settings = batch.paths, batch.settings
    batch.version = version
    pending = fetched.pending if fetched is not None else []
    if pending and arriving is None:
        raise ValueError("a feed's entries are fetched by `arriving`: none was given")  # a caller's bug
    if fetched is not None:
        batch.origins = fetched.origins
        batch.total += len(fetched.failed) + len(pending)
        for name, reason in fetched.failed:
            batch.finished(Outcome(Path(name), name, "failed", reason))
    todo = [p for p in paths if not batch.skipped(p)]
    # Articles under way: twice the request slots, so that while some wait for their evidence the
    # others' questions keep every slot busy; one for the one embedded model.
    in_flight = 2 * settings.concurrency if provider.concurrent else 1
    # The evidence layer (spaCy, ~0.12 s of CPU an article: the sections flow's candidates, the single
    # flow's "who is he") runs in worker processes,
    # so that the event loop stays free to keep every request in flight. They start first, and load
    # spaCy while this process imports the client libraries.
    analysers = max(1, min(in_flight, len(todo) + len(pending), os.cpu_count() or 1))
    pool = _evidence_pool(analysers) if (todo or pending) and provider.concurrent else None
    try:
        if todo or pending:
            from ..loop import run_sync

            run_sync(batch.brief(todo, provider, in_flight, analysers, pool,
                                 arriving(pending) if arriving is not None and pending else None))
    finally:
        if pool is not None:
            pool.terminate()  # idle by now, or interrupted: nothing in them is worth waiting for
            pool.join()
        mine, helpers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        log.info("CPU: %.2f s in this process, %.2f s in evidence workers",
                 mine.ru_utime + mine.ru_stime, helpers.ru_utime + helpers.ru_stime)
        # Rows in the order of the inputs, a feed's entries newest first, failed fetches in their places.
        rank = {name: i for i, name in enumerate(fetched.order)} if fetched is not None else {}
        rank.update({key: rank[waiting] for key, waiting in batch.arrived.items() if waiting in rank})
        sequence = [*paths, *(o.path for o in batch.outcomes if o.path not in paths)]
        order = {p: (rank.get(str(p), len(rank)), i) for i, p in enumerate(sequence)}
        batch.outcomes.sort(key=lambda o: order[o.path])


class _Batch:
    """One batch command's articles, outputs and outcomes."""

    def __init__(self, paths: list[Path], outdir: Path, settings: Settings, formats: list[str],
                 encoding: str | None, report: Report) -> None:
        self.paths, self.outdir, self.settings, self.formats = paths, outdir, settings, formats
        self.encoding, self.report = encoding, report
        self.names = Names(paths)
        self.total = len(paths)
        self.state = State(outdir)
        self.version = ""  # the flow's prompts, part of each article's fingerprint
        self.marks: dict[Path, str] = {}
        self.origins: dict[Path, Entry] = {}  # where fetched pages came from
        self.arrived: dict[str, str] = {}  # a feed's arrived page or failed row: its entry's place in the order
        self.outcomes: list[Outcome] = []

    def outputs(self) -> list[Path]:
        """Every file the batch may write in OUTDIR."""
        suffixes = [f".{f}" for f in self.formats] + [".json"]
        named = [self.outdir / f"{name}{s}" for name in self.names.of.values() for s in suffixes]
        hidden = [self.outdir / f".{name}.json" for name in self.names.of.values()]
        return [*named, *hidden, self.outdir / INDEX, self.state.path]

    def finished(self, outcome: Outcome) -> None:
        """Record an article's outcome and report it."""
        self.outcomes.append(outcome)
        self.report(outcome, len(self.outcomes), self.total)

    def skipped(self, path: Path) -> bool:
        """Whether an earlier run briefed this article already (then it is reported as cached)."""
        name = self.names.add(path)
        self.marks[path] = fingerprint(path, self.settings.model_name(), self.version)
        if not self.state.is_finished(name, self.marks[path], self.formats):
            return False
        self.finished(_earlier(Outcome(path, name, "cached"), self.state.briefing(name)))
        return True

    async def brief(self, todo: list[Path], provider: Any, in_flight: int, analysers: int, pool: Any,
                    arriving: AsyncIterator[tuple[Entry, Path | str]] | None) -> None:
        """Brief `todo`, and each of a feed's pages as it arrives, `in_flight` articles at a time, reading ahead
        while they wait."""
        from ..llm.providers import connect

        client = connect(self.settings, provider)
        gc.freeze()  # the libraries' objects live as long as the process: spare the collector their traversal
        gate = asyncio.Semaphore(in_flight)
        # Bounds the articles read (and analysed) but not yet briefed, so a huge folder stays small in memory.
        ahead = asyncio.Semaphore(in_flight + 2 * analysers)

        async def task(path: Path) -> None:
            async with ahead:
                outcome = await self.one(path, client, gate, pool)
            self.finished(outcome)

        async def from_feeds() -> None:
            """Each arriving page briefed (unless briefed before), each failed fetch a failed row."""
            from ..web.feeds import page_name, waiting

            started = []
            async for entry, got in arriving or _nothing():
                if isinstance(got, str):
                    self.arrived[page_name(entry.link)] = waiting(entry)
                    self.finished(Outcome(Path(page_name(entry.link)), page_name(entry.link), "failed", got))
                    continue
                self.arrived[str(got)] = waiting(entry)
                self.origins[got.resolve()] = entry
                self.paths.append(got)
                if not self.skipped(got):
                    started.append(asyncio.ensure_future(task(got)))
            await asyncio.gather(*started)

        await asyncio.gather(*(task(p) for p in todo), from_feeds())

    async def one(self, path: Path, client: Any, gate: asyncio.Semaphore, pool: Any) -> Outcome:
        """Brief one article and write its outputs; a failure is its outcome, never raised."""
        from ..flow.run import brief_async
        from ..render import to_json, to_markdown
        from ..text import load
        from ..web import with_origin

        name, started = self.names.add(path), time.monotonic()
        try:
            article = load(str(path), encoding=self.encoding)
            if entry := self.origins.get(path):
                article = with_origin(article, entry.link, entry.title, entry.date)
            evidence = _analysed(article, pool)  # under way while the article waits for a slot
            async with gate:
                started = time.monotonic()
                briefing = await brief_async(article, client, evidence)
        except SummariserError as e:
            return Outcome(path, name, "failed", str(e), round(time.monotonic() - started, 2))
        try:  # each file whole or not at all (a full disk): the article is failed, the batch goes on
            for f in self.formats:
                write(self.outdir / f"{name}.{f}", to_markdown(briefing) if f == "md" else to_json(briefing))
            if "json" not in self.formats:  # the index and reruns read the JSON; keep it beside the Markdown
                write(self.outdir / f".{name}.json", to_json(briefing))
            self.state.finished(name, self.marks[path])
        except OSError as e:
            return Outcome(path, name, "failed", f"cannot write its briefing ({os_reason(e)})",
                           round(time.monotonic() - started, 2))
        return Outcome(
            path, name, "done", None, briefing.meta.seconds, briefing.meta.usage.total_tokens,
            briefing.bottom_line, ", ".join(a.name for a in briefing.key_actors[:4]), briefing.force_posture.trend,
        )


async def _nothing() -> AsyncIterator[tuple[Entry, Path | str]]:
    """No arrivals."""
    return
    yield  # an async generator that yields nothing


def _analysed(article: Any, pool: Any) -> asyncio.Future[Any] | None:
    """The article's evidence, found by a worker process (None: found in the brief itself)."""
    if pool is None:
        return None
    from ..evidence import analyse

    loop = asyncio.get_running_loop()
    evidence: asyncio.Future[Any] = loop.create_future()
    evidence.add_done_callback(lambda f: f.cancelled() or f.exception())  # unused when the brief failed first

    def settle(how: Callable[[Any], None], value: Any) -> None:
        if not evidence.done():
            how(value)

    pool.apply_async(analyse, (article,),
                     callback=lambda r: loop.call_soon_threadsafe(settle, evidence.set_result, r),
                     error_callback=lambda e: loop.call_soon_threadsafe(settle, evidence.set_exception, e))
    return evidence


def _evidence_pool(size: int) -> Any:
    """Worker processes for the evidence layer, started now."""
    from ..evidence import warm

    # Forked before this process starts any thread (the event loop, the HTTP client), so no lock is
    # copied mid-use; unlike spawn, fork leaves no named semaphores for a tracker to report at exit.
    return multiprocessing.get_context("fork").Pool(size, initializer=warm)


def _earlier(outcome: Outcome, briefing_json: Path) -> Outcome:
    """Fill an earlier run's figures into a cached outcome."""
    import json

    try:
        b = json.loads(briefing_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return outcome
    outcome.bottom_line = b["bottom_line"]
    outcome.actors = ", ".join(a["name"] for a in b["key_actors"][:4])
    outcome.trend, outcome.seconds = b["force_posture"]["trend"], b["meta"]["seconds"]
    outcome.tokens = b["meta"]["usage"]["total_tokens"]
    return outcome
