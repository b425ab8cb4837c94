"""The command line: parse arguments, call the agent, print one line on failure."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import SummariserError, UsageError
from .redact import first_line

if TYPE_CHECKING:
    from .article import Article
    from .llm import Backend
    from .schemas import Briefing
    from .settings import Settings

EPILOG = """\
backends: embedded (default without a key: SmolLM2-135M in-process, no network),
openai (OPENAI_API_KEY, or --base-url for any OpenAI-compatible server),
replay (recorded responses from fixtures/).
environment: OPENAI_API_KEY, OPENAI_BASE_URL, SUMMARISER_MODEL, SUMMARISER_BACKEND.
exit codes: 0 ok, 2 usage, 3 bad input, 4 backend, 5 no valid briefing."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of printing usage and exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `summarise {self.prog.split()[-1]} --help`)" if " " in self.prog else message)


def build_parser() -> argparse.ArgumentParser:
    """The `summarise` argument parser."""
    parser = _Parser(
        prog="summarise", description="Turn a news article into a grounded analyst briefing.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"summarise {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    model = _Parser(add_help=False)
    m = model.add_argument_group("model")
    m.add_argument("--backend", choices=["embedded", "openai", "replay"],
                   help="default: openai when a key or base URL is set, else embedded")
    m.add_argument("--model", help="model name (default: gpt-4o-mini for openai, the embedded model otherwise)")
    m.add_argument("--base-url", help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1")
    m.add_argument("--flow", choices=["auto", "single", "sections"], default="auto",
                   help="single: one call with the full schema (strong models); sections: small grounded calls "
                   "(default: sections for the embedded model, single otherwise)")
    m.add_argument("--record", action="store_true", help="write this run's LLM responses into --fixtures")
    m.add_argument("--fixtures", type=Path, default=Path("fixtures"), help="recordings folder (default: fixtures)")
    m.add_argument("--encoding", help="decode articles with this encoding instead of UTF-8")
    m.add_argument("--max-retries", type=int, default=2, help="re-asks after a validation failure (default: 2)")
    m.add_argument("--timeout", type=float, default=300.0, help="total seconds for transport retries (default: 300)")
    m.add_argument("--context-tokens", type=int, help="the model's context window, for remote models")
    m.add_argument("--no-cache", action="store_true", help="ask the model even when this request was answered before")
    m.add_argument("-v", "--verbose", action="store_true", help="progress and diagnostics on stderr")

    b = sub.add_parser(
        "brief", help="brief one article (Markdown on stdout)", epilog=EPILOG, parents=[model],
        description="Brief one article: .txt, .md, .html, or - for stdin.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("path", metavar="PATH", help="article file, or - for stdin")
    b.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    b.add_argument("--format", choices=["md", "json", "html"], default="md",
                   help="md, json, or html: one self-contained page with the article beside the briefing (default: md)")

    e = sub.add_parser(
        "eval", help="brief a folder of articles and print quality figures", parents=[model],
        description="Brief every .txt/.md/.html article in DIR and print per-article and overall figures: "
        "schema validity, grounding, actor recall against SemEval-2025 Task 10 annotations "
        "(DIR/annotations/<article>.txt by default), duplicate actors, claims with a speaker, seconds, tokens.",
    )
    e.add_argument("dir", metavar="DIR", type=Path, help="folder of articles")
    e.add_argument("--annotations", type=Path, help="folder of entity annotations (default: DIR/annotations)")
    e.add_argument("--json", metavar="FILE", help="also write every figure as JSON here")

    d = sub.add_parser(
        "digest", help="a situation report across several articles or briefings", parents=[model],
        description="Merge articles (briefed first) or briefing JSON files into one digest: actors merged across "
        "sources, claims by speaker, candidate agreements and contradictions, and a timeline by article date.",
    )
    d.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="articles, briefing .json files, folders of them, or a `summarise batch` OUTDIR")
    d.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    d.add_argument("--format", choices=["md", "html", "json"], default="md", help="output format (default: md)")

    bt = sub.add_parser(
        "batch", help="brief many articles into a folder, concurrently and resumably", parents=[model],
        description="Brief every article named by INPUTS (files, folders, globs) into OUTDIR, with an index.md. "
        "Remote backends keep --concurrency requests in flight (asyncio over the async OpenAI client; an "
        "article's questions do not wait for one another) and slow down together on rate limits; the embedded backend has "
        "one model instance and queues articles one at a time. A rerun skips articles already "
        "briefed with the same article, model, prompt version and schema; a failing article is reported and the "
        "others go on (exit code 1 if any failed).",
    )
    bt.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, folders or globs")
    bt.add_argument("-o", "--output", type=Path, metavar="OUTDIR", help="folder for the briefings")
    bt.add_argument("--format", choices=["md", "json", "both"], default="md", help="output files (default: md)")
    bt.add_argument("--concurrency", type=int, default=8,
                    help="requests in flight at once on remote backends (default: 8)")
    bt.add_argument("--openai-batch", type=Path, metavar="FILE",
                    help="write the OpenAI Batch API input (JSONL) for these articles instead of briefing them")
    bt.add_argument("--collect", type=Path, metavar="FILE",
                    help="brief these articles from an OpenAI Batch API output file (no model call)")

    c = sub.add_parser("cache", help="manage the response cache")
    c.add_argument("action", choices=["clear"], help="clear: remove every cached response")

    lg = sub.add_parser("logs", help="list or show logged LLM exchanges (history in SQLite)")
    lg.add_argument("show", nargs="?", type=int, metavar="ID", help="show one exchange in full")
    lg.add_argument("-n", "--count", type=int, default=20, help="how many to list (default: 20)")

    sub.add_parser("schema", help="print the briefing's JSON Schema")
    return parser


def write_atomic(path: str, text: str) -> None:
    """Write an output file atomically, with one-line errors for a bad target."""
    from .store import write_atomic as write

    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{path}: is a directory; give a file name for -o")
    try:
        write(target, text)
    except OSError as e:
        raise UsageError(f"{path}: cannot write ({e.strerror})") from None


def _settings(args: argparse.Namespace, **overrides: object) -> Settings:
    """Settings from the model options, the environment and these overrides."""
    from .settings import Settings

    chosen: dict[str, object] = {
        "backend": args.backend, "model": args.model, "base_url": args.base_url, "record": args.record,
        "fixtures": args.fixtures, "max_retries": args.max_retries, "timeout": args.timeout,
        "context_tokens": args.context_tokens, "flow": args.flow, "cache": not args.no_cache,
    }
    return Settings.from_env(**{**chosen, **overrides})


def _backend(args: argparse.Namespace) -> Backend:
    from .llm import connect
    from .prompts import version

    return connect(_settings(args), version())


def _brief(args: argparse.Namespace) -> None:
    from .agent import brief
    from .article import load
    from .render import to_html, to_json, to_markdown

    article = load(args.path, encoding=args.encoding)
    backend = _backend(args)
    logging.getLogger("summariser").info("%s: %d sentences, backend %s", article.source, len(article.sentences), backend.name)
    briefing = brief(article, backend)
    if args.format == "html":
        text = to_html(briefing, article)
    else:
        text = to_json(briefing) if args.format == "json" else to_markdown(briefing)
    _emit(args.output, text)


def _emit(output: str | None, text: str) -> None:
    """Write to the output file atomically, or to stdout."""
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def _eval(args: argparse.Namespace) -> None:
    from . import evaluate
    from .agent import brief
    from .article import ARTICLE_SUFFIXES, load

    if not args.dir.is_dir():
        raise UsageError(f"{args.dir}: not a folder of articles")
    paths = sorted(p for p in args.dir.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    if not paths:
        raise UsageError(f"{args.dir}: no .txt, .md or .html articles")
    backend = _backend(args)

    def one(path: Path) -> tuple[Article, Briefing]:
        article = load(str(path), encoding=args.encoding)
        return article, brief(article, backend.fresh())  # figures per article

    notes = args.annotations or (args.dir / "annotations")
    scores = evaluate.run(paths, one, notes if notes.is_dir() else None,
                          progress=lambda line: print(f"summarise: {line}", file=sys.stderr))
    sys.stdout.write(evaluate.table(scores))
    if args.json:
        write_atomic(args.json, json.dumps(evaluate.to_dict(scores), indent=2) + "\n")


def _digest(args: argparse.Namespace) -> None:
    from .agent import brief
    from .article import ARTICLE_SUFFIXES, load
    from .batch import STATE, State
    from .digest import build
    from .render import digest_html, digest_markdown
    from .schemas import Briefing

    paths: list[Path] = []
    for raw in args.inputs:
        p = Path(raw)
        if (p / STATE).is_file():  # a batch's output: its briefings' JSON, not their Markdown nor the index
            paths += State(p).briefings()
        elif p.is_dir():
            paths += sorted(x for x in p.iterdir() if x.suffix.lower() in ARTICLE_SUFFIXES | {".json"})
        elif p.is_file():
            paths.append(p)
        else:
            raise UsageError(f"{raw}: no such file or folder")
    if len(paths) < 2:
        raise UsageError("a digest needs at least two articles or briefings")
    backend: Backend | None = None
    briefings = []
    for path in paths:
        if path.suffix.lower() == ".json":
            try:
                briefings.append(Briefing.model_validate_json(path.read_bytes()))
            except ValueError:
                raise UsageError(f"{path}: not a briefing JSON file (from `summarise brief --format json`)") from None
            continue
        article = load(str(path), encoding=args.encoding)
        backend = backend or _backend(args)
        logging.getLogger("summariser").info("briefing %s", path)
        briefings.append(brief(article, backend))
    # A strong model judges candidate agreements and contradictions; a small one is not asked.
    judge = backend or (_backend(args) if args.backend or args.base_url or args.flow != "auto" else None)
    digest = build(briefings, judge if judge is not None and not judge.small else None)
    if args.format == "json":
        text = digest.model_dump_json(indent=2) + "\n"
    else:
        text = digest_html(digest) if args.format == "html" else digest_markdown(digest)
    _emit(args.output, text)


def _batch(args: argparse.Namespace) -> int:
    from . import batch

    if args.concurrency < 1:
        raise UsageError("--concurrency must be at least 1")
    if args.openai_batch:
        settings = _settings(args, backend="openai", base_url=args.base_url or "batch")
        count = batch.write_requests(args.inputs, settings, args.openai_batch, args.encoding)
        print(f"summarise: wrote {count} requests to {args.openai_batch}; upload it with purpose 'batch', "
              f"then run `summarise batch ... --collect OUTPUT.jsonl -o DIR`", file=sys.stderr)
        return 0
    if args.output is None:
        raise UsageError("batch needs -o OUTDIR (or --openai-batch FILE)")
    if args.collect and not args.collect.is_file():
        raise UsageError(f"{args.collect}: no such results file")
    if args.output.exists() and not args.output.is_dir():
        raise UsageError(f"{args.output}: exists and is not a folder")
    settings = _settings(args, concurrency=args.concurrency,
                         **({"backend": "openai", "base_url": args.base_url or "batch"} if args.collect else {}))
    formats = ["md", "json"] if args.format == "both" else [args.format]
    counts = {"done": 0, "cached": 0, "failed": 0}
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), transient=False)
        bar = progress.add_task("briefing", total=None)

        def report(outcome: batch.Outcome, finished: int, total: int) -> None:
            counts[outcome.status] += 1
            progress.update(bar, total=total, completed=finished, description=(
                f"done {counts['done']} · cached {counts['cached']} · failed {counts['failed']}"))
            if outcome.status == "failed":
                progress.console.print(f"[red]failed[/red] {outcome.path.name}: {outcome.reason}", markup=True,
                                       highlight=False)
    else:
        progress = None

        def report(outcome: batch.Outcome, finished: int, total: int) -> None:
            counts[outcome.status] += 1
            why = f": {outcome.reason}" if outcome.reason else ""
            print(f"summarise: [{finished}/{total}] {outcome.path.name} {outcome.status}{why} "
                  f"({outcome.seconds:.1f} s)", file=sys.stderr, flush=True)

    with progress if progress is not None else contextlib.nullcontext():
        outcomes = batch.run(args.inputs, args.output, settings, formats, args.encoding, report, args.collect)
    print(f"summarise: {counts['done']} briefed, {counts['cached']} already done, {counts['failed']} failed; "
          f"index in {args.output / 'index.md'}", file=sys.stderr)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _logs(args: argparse.Namespace) -> None:
    from .store import History

    history = History()
    if args.show is not None:
        row = history.get(args.show)
        if row is None:
            raise UsageError(f"no logged exchange {args.show}; `summarise logs` lists them")
        for key, value in row.items():
            sys.stdout.write(f"{key}: {value}\n")
        return
    for row in history.recent(args.count):
        status = "error" if row["error"] else "ok"
        sys.stdout.write(
            f"{row['id']:>5}  {row['at']}  {row['backend']}/{row['model']}  {row['question']:<16} "
            f"{row['prompt_tokens']}+{row['completion_tokens']} tok  {row['attempts']} att  "
            f"{row['seconds']:.1f} s  {status}  {row['source'] or ''}\n"
        )


def run() -> None:
    """The `summarise` command: `main`, then a prompt exit."""
    code = main()
    # Everything is written and closed by now; skipping the interpreter's teardown of the
    # client libraries saves 0.2-0.5 s on every command.
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`) is not an error
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Entry point of `summarise`; returns the exit code."""
    parser = build_parser()
    verbose = False
    try:
        args = parser.parse_args(argv)
        verbose = getattr(args, "verbose", False)
        logging.basicConfig(
            level=logging.INFO if verbose else logging.WARNING, format="summarise: %(message)s", stream=sys.stderr,
        )
        # instructor narrates every failed attempt; we report the outcome in one line.
        logging.getLogger("instructor").setLevel(logging.INFO if verbose else logging.CRITICAL)
        if args.command == "brief":
            _brief(args)
        elif args.command == "eval":
            _eval(args)
        elif args.command == "digest":
            _digest(args)
        elif args.command == "batch":
            return _batch(args)
        elif args.command == "cache":
            from .store import clear_cache

            print(f"summarise: removed {clear_cache()} cached responses", file=sys.stderr)
        elif args.command == "logs":
            _logs(args)
        elif args.command == "schema":
            from .schemas import Briefing

            sys.stdout.write(json.dumps(Briefing.model_json_schema(), indent=2) + "\n")
        else:
            parser.print_help()
            return 2
    except SummariserError as e:
        print(f"summarise: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("summarise: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug or a broken install: still one line, the traceback on request
        if verbose:
            traceback.print_exc()
        where = "" if verbose else "; run again with -v for the traceback"
        print(f"summarise: error: unexpected {type(e).__name__}: {first_line(str(e))}{where}", file=sys.stderr)
        return 1
    return 0

