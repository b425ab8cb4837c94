"""The Python API: `brief()` an article (text or a path) into a verified Briefing; `check()` any summary against one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .briefing.model import Briefing
    from .checks import Check
    from .text import Article


def brief(
    article: str | bytes | Path, *, backend: str | None = None, model: str | None = None, base_url: str | None = None,
    api_key: str | None = None, flow: str | None = None, cache: bool = True, encoding: str | None = None,
) -> Briefing:
    """Brief one article: a `Path` is read like `summarise brief PATH` (.txt, .md, .html), `bytes` like a file's
    content (size limit, encoding, binary data refused), a `str` is the text (same size limit). Any other type
    is a TypeError.

    `backend` is "embedded", "openai" or "replay" (default: "openai" when an API key or a base URL is
    given or set in the environment, else "embedded"); `flow` "auto", "single" or "sections" (default: "auto").
    A setting out of range is a `UsageError`; raises a `SummariserError` subclass on any failure.
    """
    from .flow.run import brief as brief_article
    from .llm.providers import connect
    from .settings import Settings

    settings = Settings.from_env(backend=backend, model=model, base_url=base_url, api_key=api_key, flow=flow,
                                 cache=cache)
    loaded = _article(article, encoding)
    return brief_article(loaded, connect(settings))


def check(
    summary: str, article: str | bytes | Path, *, judge: bool | None = None, model: str | None = None,
    base_url: str | None = None, api_key: str | None = None, encoding: str | None = None,
) -> Check:
    """Read every sentence of `summary` (any summary, as people and tools write it) against `article` (read as
    `brief()` reads it). `Check.supported` is True when every sentence is supported; `Check.sentences` holds each
    with its verdict, reasons, added words and the aligned article sentences (ids and character offsets).

    `judge=None` asks a model to judge each sentence when a remote model is configured (a key or a base URL,
    given or in the environment; its failure leaves the rules' verdicts, and `Check.judge` says so), `False`
    never, `True` requires one (a `UsageError` without one, its failure raised). Raises a `SummariserError`
    subclass on bad input, a TypeError on a wrong type."""
    from .checks import check as check_summary
    from .errors import InputError, UsageError
    from .llm.providers import connect
    from .settings import Settings

    if not isinstance(summary, str):
        raise TypeError(f"summary must be a str (its text), not {type(summary).__name__}")
    if not summary.strip():
        raise InputError("the summary is empty")
    loaded = _article(article, encoding)
    client = None
    if judge is not False:
        settings = Settings.from_env(model=model, base_url=base_url, api_key=api_key)
        if settings.backend == "openai":
            client = connect(settings)
        elif judge:
            raise UsageError("judge=True needs a remote model: give api_key or base_url (or set OPENAI_API_KEY)")
    return check_summary(summary, loaded, client, required=bool(judge))


def _article(article: str | bytes | Path, encoding: str | None) -> Article:
    """An article given to the API: a Path is read as a file, bytes as a file's content, a str is the text."""
    from .errors import InputError
    from .text import from_bytes, from_text, load

    if isinstance(article, Path):
        return load(str(article), encoding=encoding)
    if isinstance(article, bytes | bytearray | memoryview):
        return from_bytes(bytes(article), "bytes", encoding)
    if isinstance(article, str):
        if _names_a_file(article):
            raise InputError(f"{article!r} names a file, and a str is the article's text: pass a Path to read a "
                             f"file (Path({article!r}))")
        return from_text(article, "text")
    raise TypeError(f"article must be a str (the text), bytes (a file's content) or a pathlib.Path (a file to "
                    f"read), not {type(article).__name__}")


def _names_a_file(text: str) -> bool:
    """Whether a str given as an article's text is rather the name of an existing file (one short line)."""
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text.strip()).expanduser().is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False
