"""The command line: parse arguments, call one function per command, print one line on failure."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from . import __version__, commands
from .errors import SummariserError, UsageError
from .redact import first_line, scrub, shown
from .settings import Backend, Flow, Settings

EPILOG = """\
backends: embedded (default without a key: SmolLM2-135M in-process, no network),
openai (OPENAI_API_KEY, or --base-url for any OpenAI-compatible server),
replay (recorded responses from fixtures/).
environment: OPENAI_API_KEY, OPENAI_BASE_URL, SUMMARISER_MODEL, SUMMARISER_BACKEND.
exit codes: 0 ok, 2 usage, 3 bad input, 4 backend, 5 no valid briefing, 6 fetch failed,
7 fetch refused, 8 (check) a sentence of the summary is not supported."""


# One function per command, each given the parsed arguments (summariser/commands.py).
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "brief": commands.brief, "check": commands.check, "eval": commands.evaluate, "digest": commands.digest, "batch": commands.batch,
    "cache": commands.cache, "logs": commands.logs, "schema": commands.schema,
}


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of printing usage and exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `summarise {self.prog.split()[-1]} --help`)" if " " in self.prog else message)


def _positive(text: str) -> float:
    """A number of seconds above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above zero, not {text}")
    return value


class _Shown(logging.Formatter):
    """Log lines as text: a page's or a model's control characters shown, never sent to the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(shown(line, True) for line in super().format(record).split("\n"))


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
    m.add_argument("--backend", choices=list(Backend),
                   help="default: openai when a key or base URL is set, else embedded")
    m.add_argument("--model", help="model name (default: gpt-4o-mini for openai); for embedded, the path of any .gguf "
                   "file (default: the shipped SmolLM2-135M)")
    m.add_argument("--base-url", help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1")
    m.add_argument("--flow", choices=list(Flow),
                   help="single: one call with the full schema (strong models); sections: small grounded calls "
                   "(default: sections for SmolLM2 and local models under 3B parameters, single otherwise)")
    m.add_argument("--record", action="store_true", help="write this run's LLM responses into --fixtures")
    m.add_argument("--fixtures", type=Path, help="recordings folder for --record and --backend replay (default: "
                   "SUMMARISER_FIXTURES, else SUMMARISER_HOME/fixtures)")
    m.add_argument("--encoding", help="decode articles with this encoding instead of UTF-8")
    m.add_argument("--max-retries", type=int,
                   help=f"re-asks after a validation failure (default: {Settings.default('max_retries')})")
    m.add_argument("--timeout", type=_positive, help="seconds an article may wait for a model server in all, retries "
                   f"included (default: {Settings.default('timeout'):g})")
    m.add_argument("--context-tokens", type=int, help="the model's context window, for remote models")
    m.add_argument("--no-support-check", action="store_true",
                   help="with a strong model (one call), do not ask it to judge each statement against its cited "
                   "sentences (the briefing then says its meaning was checked by rules only)")
    m.add_argument("--no-cache", action="store_true",
                   help="ask the model (and fetch a page) even when this request was answered before")
    m.add_argument("-v", "--verbose", action="store_true", help="progress and diagnostics on stderr")

    b = sub.add_parser(
        "brief", help="brief one article (Markdown on stdout)", epilog=EPILOG, parents=[model],
        description="Brief one article: .txt, .md, .html, an http(s) URL, or - for stdin.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("path", metavar="PATH", help="article file, http(s) URL of a page, or - for stdin")
    b.add_argument("--allow-private", action="store_true",
                   help="let a page's redirects lead to private, loopback or link-local addresses")
    b.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    b.add_argument("--format", choices=["md", "json", "html"], default="md",
                   help="md, json, or html: one self-contained page with the article beside the briefing (default: md)")

    ck = sub.add_parser(
        "check", help="check every sentence of a summary against its article", epilog=EPILOG, parents=[model],
        description="Read each sentence of SUMMARY (any summary: a colleague's, another tool's, a model's) against "
        "ARTICLE, without a model: supported, not stated (a name, number or time the article's sentences lack, or "
        "words beyond them), or contradicted (negation, an opposed predicate, certainty, swapped roles). Exit 0 "
        "when every sentence is supported, 8 when one is not.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ck.add_argument("summary", metavar="SUMMARY", help="summary file, http(s) URL, or - for stdin")
    ck.add_argument("--against", metavar="ARTICLE", required=True,
                    help="the article: file, http(s) URL, or - for stdin")
    ck.add_argument("--allow-private", action="store_true",
                    help="let a page's redirects lead to private, loopback or link-local addresses")
    ck.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    ck.add_argument("--format", choices=["md", "json", "html"], default="md", help="output format (default: md)")

    e = sub.add_parser(
        "eval", help="brief a folder of articles and print quality figures", parents=[model],
        description="Brief every .txt/.md/.html article in DIR and print per-article and overall figures: "
        "schema validity, grounding, actor recall against SemEval-2025 Task 10 annotations "
        "(DIR/annotations/<article>.txt by default), duplicate actors, claims with a speaker, seconds, tokens. "
        "With analysts' answer keys in DIR/gold/ (and reference summaries in DIR/refs/): labels right / wrong / "
        "abstained, key facts in the bottom line, required actors and speakers, and ROUGE-1/2/L of the bottom "
        "line beside Lead-1 and Lead-3.",
    )
    e.add_argument("dir", metavar="DIR", type=Path, help="folder of articles")
    e.add_argument("--annotations", type=Path, help="folder of entity annotations (default: DIR/annotations)")
    e.add_argument("--json", metavar="FILE", help="also write every figure as JSON here")

    d = sub.add_parser(
        "digest", help="a situation report across several articles or briefings", parents=[model],
        description="Merge articles (briefed first) or briefing JSON files into one digest: a situation report "
        "(what several sources state alike, where they contradict each other, their labels, key actors), then actors "
        "merged across sources, claims by matter and a timeline by article date.",
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
    bt.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="article files, folders or globs; page URLs; RSS/Atom feeds (URL or .xml file)")
    bt.add_argument("--limit", type=int, metavar="N", help="the N newest entries of each feed (default: all)")
    bt.add_argument("--allow-private", action="store_true",
                    help="fetch feed links that point to private, loopback or link-local addresses (a feed is "
                    "third-party input: refused by default)")
    bt.add_argument("-o", "--output", type=Path, metavar="OUTDIR", help="folder for the briefings")
    bt.add_argument("--format", choices=["md", "json", "both"], default="md", help="output files (default: md)")
    bt.add_argument("--concurrency", type=int,
                    help=f"requests in flight at once on remote backends (default: {Settings.default('concurrency')})")
    bt.add_argument("--openai-batch", type=Path, metavar="FILE",
                    help="write the OpenAI Batch API input (JSONL) for these articles instead of briefing them")
    bt.add_argument("--collect", type=Path, metavar="FILE",
                    help="brief these articles from an OpenAI Batch API output file (no model call)")

    c = sub.add_parser("cache", help="manage the response cache and the history",
                       description="The response cache (answers that passed validation) and the history of "
                       "exchanges (prompts with whole articles, and answers) live in SUMMARISER_HOME.")
    c.add_argument("action", choices=["clear"], help="clear: remove every cached response")
    c.add_argument("--history", action="store_true", help="also remove the history of exchanges")

    lg = sub.add_parser("logs", help="list or show logged LLM exchanges (history in SQLite)")
    lg.add_argument("show", nargs="?", type=int, metavar="ID", help="show one exchange in full")
    lg.add_argument("-n", "--count", type=int, default=20, help="how many to list (default: 20)")

    sub.add_parser("schema", help="print the briefing's JSON Schema")
    return parser


def run() -> None:
    """The `summarise` command: `main`, then a prompt exit."""
    code = main()
    from .loop import close

    close()  # the HTTP clients' sessions, on their loop: os._exit skips atexit
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
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Shown("summarise: %(message)s"))
        # Our lines always; the libraries' (trafilatura on a page of random bytes, …) only with -v.
        ours = logging.getLogger("summariser")
        ours.handlers = [handler]  # main() may run more than once in a process (the tests)
        ours.setLevel(logging.INFO if verbose else logging.WARNING)
        ours.propagate = False
        if verbose:
            logging.basicConfig(level=logging.INFO, handlers=[handler])
        # instructor narrates every failed attempt; we report the outcome in one line.
        logging.getLogger("instructor").setLevel(logging.INFO if verbose else logging.CRITICAL)
        command = COMMANDS.get(args.command or "")
        if command is None:
            parser.print_help()
            return 2
        return command(args)
    except SummariserError as e:
        print(f"summarise: error: {shown(scrub(str(e)), True)}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("summarise: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug or a broken install: still one line, the traceback on request
        if verbose:
            traceback.print_exc()
        where = "" if verbose else "; run again with -v for the traceback"
        print(f"summarise: error: unexpected {type(e).__name__}: {shown(first_line(str(e)), True)}{where}",
              file=sys.stderr)
        return 1

