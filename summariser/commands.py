"""One function per `summarise` command, given the parsed arguments; each writes its output and returns its exit code."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, UsageError
from .redact import shown

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from .batch.scheduler import Arrivals
    from .reports import Outcome
    from .settings import Settings
    from .text import Article
    from .web.feeds import Entry, Gathered

log = logging.getLogger("summariser")


def settings_of(args: argparse.Namespace, **overrides: object) -> Settings:
    """Settings from the model options, the environment and these overrides."""
    from .settings import Settings

    chosen: dict[str, object] = {
        "backend": args.backend, "model": args.model, "base_url": args.base_url, "record": args.record,
        "fixtures": args.fixtures, "max_retries": args.max_retries, "timeout": args.timeout,
        "context_tokens": args.context_tokens, "flow": args.flow, "cache": not args.no_cache,
        "support_check": not getattr(args, "no_support_check", False),
    }
    return Settings.from_env(**{**chosen, **overrides})


def emit(output: Path | None, text: str) -> None:
    """Write to the output file (checked by `output_file` before any work) atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        return
    from .store import write_atomic

    try:
        write_atomic(output, text)
    except OSError as e:
        raise UsageError(f"{output}: cannot write ({e.strerror})") from None


def target(output: str | None, inputs: list[str]) -> Path | None:
    """The checked `-o` file, or None for stdout."""
    from .store import output_file

    return output_file(output, inputs) if output else None


def brief(args: argparse.Namespace) -> int:
    """`summarise brief`: one article, Markdown, JSON or HTML."""
    from .llm.providers import connect, warm

    output = target(args.output, [args.path])
    settings = settings_of(args)
    warm(settings)
    from .flow.run import brief as brief_article  # the model loads while these import (openai alone ~0.6 s)
    from .render import to_html, to_json, to_markdown
    from .text import load
    from .web import fetch_article, is_url

    if is_url(args.path):
        article = fetch_article(args.path, settings, args.allow_private)
    else:
        article = load(args.path, encoding=args.encoding)
    client = connect(settings)
    log.info("%s: %d sentences, backend %s", article.source, len(article.sentences), client.name)
    briefing = brief_article(article, client)
    if args.format == "html":
        text = to_html(briefing, article)
    else:
        text = to_json(briefing) if args.format == "json" else to_markdown(briefing)
    emit(output, text)
    return 0


# `summarise check`'s exit code when a sentence of the summary is not supported (0 when every one is).
NOT_SUPPORTED = 8


def check(args: argparse.Namespace) -> int:
    """`summarise check`: every sentence of a summary read against the article; exit 8 when one is unsupported."""
    from .checks import check as check_summary
    from .render import check_html, check_markdown

    if args.summary == "-" and args.against == "-":
        raise UsageError("the summary and the article cannot both come from stdin")
    output = target(args.output, [args.summary, args.against])
    summary = _summary(args)
    if not summary.strip():
        raise InputError(f"{args.summary}: the summary is empty")
    result = check_summary(summary, _read(args, args.against), _judge(args))
    if args.format == "json":
        text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = check_html(result) if args.format == "html" else check_markdown(result)
    emit(output, text)
    return 0 if result.supported else NOT_SUPPORTED


def _judge(args: argparse.Namespace) -> Any:
    """The model that judges each sentence: a remote one (--base-url or a key), unless --no-support-check; a small
    model is not asked. None: the rules alone."""
    from .llm.providers import connect

    settings = settings_of(args)
    if not settings.support_check or settings.backend != "openai":
        return None
    client = connect(settings)
    return None if client.small else client


def _summary(args: argparse.Namespace) -> str:
    """The summary's text: a fetched page's, else a file's or stdin's decoded as an article's (however short)."""
    from .text.load import decode, read_bytes
    from .web import is_url

    if is_url(args.summary):
        return _read(args, args.summary).text
    return decode(read_bytes(args.summary), "stdin" if args.summary == "-" else args.summary, args.encoding)


def _read(args: argparse.Namespace, path: str) -> Article:
    """A file, `-` or (fetched) URL, read as `brief` reads its article."""
    from .text import load
    from .web import fetch_article, is_url

    if is_url(path):
        return fetch_article(path, settings_of(args), args.allow_private)
    return load(path, encoding=args.encoding)


def evaluate(args: argparse.Namespace) -> int:
    """`summarise eval`: brief a folder and print quality figures."""
    from . import evaluate as scoring
    from .answer_keys import grade, keys, reference
    from .answer_keys import table as answer_table
    from .answer_keys import to_dict as answer_dict
    from .evidence import analyse
    from .flow.run import brief as brief_article
    from .llm.providers import connect
    from .text import load
    from .text.load import articles_in

    if not args.dir.is_dir():
        raise UsageError(f"{args.dir}: not a folder of articles")
    paths = articles_in(args.dir)
    if not paths:
        raise UsageError(f"{args.dir}: no .txt, .md or .html articles")
    output = target(args.json, [str(p) for p in paths])
    client = connect(settings_of(args))
    answers, graded = keys(args.dir), []

    def one(path: Path) -> tuple[Article, Any, Any]:
        article = load(str(path), encoding=args.encoding)
        evidence = analyse(article)  # once: the briefing and the scores read the same findings
        briefing = brief_article(article, client, evidence)
        if key := answers.get(path.name):
            graded.append(grade(article, briefing, key, reference(args.dir, path.name)))
        return article, briefing, evidence

    notes = args.annotations or (args.dir / "annotations")
    scores = scoring.run(paths, one, notes if notes.is_dir() else None,
                         progress=lambda line: print(f"summarise: {line}", file=sys.stderr))
    sys.stdout.write(scoring.table(scores))
    if graded:
        sys.stdout.write("\n" + answer_table(graded))
    if output is not None:
        figures = {**scoring.to_dict(scores), **({"answer_keys": answer_dict(graded)} if graded else {})}
        emit(output, json.dumps(figures, indent=2) + "\n")
    return 0


def digest(args: argparse.Namespace) -> int:
    """`summarise digest`: a situation report across articles and briefings."""
    from . import digest as digests
    from .render import digest_html, digest_markdown

    named = bool(args.backend or args.base_url or args.flow not in (None, "auto"))
    paths = digests.inputs(args.inputs)
    output = target(args.output, [str(p) for p in paths])
    report = digests.run(paths, settings_of(args), args.encoding, named)
    if args.format == "json":
        text = report.model_dump_json(indent=2) + "\n"
    else:
        text = digest_html(report) if args.format == "html" else digest_markdown(report)
    emit(output, text)
    return 0


def batch(args: argparse.Namespace) -> int:
    """`summarise batch`: many articles into a folder, or the OpenAI Batch API's input file."""
    from .batch import scheduler

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if args.openai_batch:
        from .batch.openai_batch import write_requests
        from .web import is_url

        if any(is_url(raw) for raw in args.inputs):
            raise UsageError("feeds and URLs are fetched into a folder: brief them with -o OUTDIR, or give "
                             "--openai-batch the saved pages (OUTDIR/pages/)")

        settings = settings_of(args, backend="openai", base_url=args.base_url or "batch")
        count = write_requests(args.inputs, settings, args.openai_batch, args.encoding)
        print(f"summarise: wrote {count} requests to {args.openai_batch}; upload it with purpose 'batch', "
              f"then run `summarise batch ... --collect OUTPUT.jsonl -o DIR`", file=sys.stderr)
        return 0
    if args.output is None:
        raise UsageError("batch needs -o OUTDIR (or --openai-batch FILE)")
    if args.collect and not args.collect.is_file():
        raise UsageError(f"{args.collect}: no such results file")
    if args.output.exists() and not args.output.is_dir():
        raise UsageError(f"{args.output}: exists and is not a folder")
    settings = settings_of(args, concurrency=args.concurrency,
                           **({"backend": "openai", "base_url": args.base_url or "batch"} if args.collect else {}))
    formats = ["md", "json"] if args.format == "both" else [args.format]
    fetched = _fetched(args, settings)
    progress = _Progress()
    with progress.shown():
        outcomes = scheduler.run(fetched.inputs if fetched else args.inputs, args.output, settings, formats,
                                 args.encoding, progress.report, args.collect, fetched, _arrivals(args, settings))
    counts = progress.counts
    print(f"summarise: {counts['done']} briefed, {counts['cached']} already done, {counts['failed']} failed; "
          f"index in {args.output / 'index.md'}", file=sys.stderr)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _arrivals(args: argparse.Namespace, settings: Settings) -> Arrivals:
    """A feed's pending entries fetched into OUTDIR/pages/ during the batch, each as it arrives."""

    async def pages(pending: list[Entry]) -> AsyncIterator[tuple[Entry, Path | str]]:
        from .web import fetcher
        from .web.feeds import arrivals

        async with fetcher(settings, args.allow_private) as f:
            async for arrived in arrivals(pending, args.output, f):
                yield arrived

    return pages


def _fetched(args: argparse.Namespace, settings: Settings) -> Gathered | None:
    """The batch's URLs fetched into OUTDIR/pages/ and its feeds read (None when it has none); the feeds' pages
    are fetched during the batch (`_arrivals`)."""
    from .web import fetcher, is_url
    from .web.feeds import FEED_SUFFIXES, gather

    if not any(is_url(raw) or Path(raw).suffix.lower() in FEED_SUFFIXES for raw in args.inputs):
        return None
    if (pages := args.output / "pages").exists() and not pages.is_dir():
        raise UsageError(f"{pages}: is not a folder; a batch of feeds and URLs keeps their pages there (move it "
                         "away or choose another -o)")
    from .loop import run_sync

    async def fetch() -> Gathered:
        async with fetcher(settings, args.allow_private) as f:
            return await gather(args.inputs, args.output, f, args.limit)

    return run_sync(fetch())


class _Progress:
    """A batch's progress: a bar on a terminal, one line per article otherwise."""

    def __init__(self) -> None:
        self.counts = {"done": 0, "cached": 0, "failed": 0}
        self.bar: Any = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), transient=False)
            self.task = self.bar.add_task("briefing", total=None)

    def shown(self) -> Any:
        """The bar's context (nothing without a terminal)."""
        return self.bar if self.bar is not None else contextlib.nullcontext()

    def report(self, outcome: Outcome, finished: int, total: int) -> None:
        """One article's outcome."""
        self.counts[outcome.status] += 1
        name, why = shown(outcome.path.name, True), shown(outcome.reason or "", True)
        if self.bar is None:
            print(f"summarise: [{finished}/{total}] {name} {outcome.status}{': ' + why if why else ''} "
                  f"({outcome.seconds:.1f} s)", file=sys.stderr, flush=True)
            return
        self.bar.update(self.task, total=total, completed=finished, description=(
            f"done {self.counts['done']} · cached {self.counts['cached']} · failed {self.counts['failed']}"))
        if outcome.status == "failed":
            from rich.markup import escape  # a link's "[/oops]" or "[link=…]" is text, not markup

            self.bar.console.print(f"[red]failed[/red] {escape(name)}: {escape(why)}", markup=True, highlight=False)


def cache(args: argparse.Namespace) -> int:
    """`summarise cache clear [--history]`."""
    from .store import clear_cache, clear_history

    print(f"summarise: removed {clear_cache()} cached responses", file=sys.stderr)
    if args.history:
        print(f"summarise: {'removed the history' if clear_history() else 'no history to remove'}", file=sys.stderr)
    return 0


def logs(args: argparse.Namespace) -> int:
    """`summarise logs [ID]`: list the latest exchanges, or show one in full."""
    from .history import History

    history = History()
    if args.show is not None:
        row = history.get(args.show)
        if row is None:
            raise UsageError(f"no logged exchange {args.show}; `summarise logs` lists them")
        for key, value in row.items():
            sys.stdout.write(f"{key}: {value}\n")
        return 0
    for row in history.recent(args.count):
        status = "error" if row["error"] else "ok"
        sys.stdout.write(
            f"{row['id']:>5}  {row['at']}  {row['backend']}/{row['model']}  {row['question']:<16} "
            f"{row['prompt_tokens']}+{row['completion_tokens']} tok  {row['attempts']} att  "
            f"{row['seconds']:.1f} s  {status}  {row['source'] or ''}\n"
        )
    return 0


def schema(args: argparse.Namespace) -> int:
    """`summarise schema`: the briefing's JSON Schema."""
    from .briefing.model import Briefing

    sys.stdout.write(json.dumps(Briefing.model_json_schema(), indent=2) + "\n")
    return 0
