"""The Python API: `brief()` an article (text or a path) into a verified Briefing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .briefing.model import Briefing


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
    from .errors import InputError
    from .flow.run import brief as brief_article
    from .llm.providers import connect
    from .settings import Settings
    from .text import from_bytes, from_text, load

    settings = Settings.from_env(backend=backend, model=model, base_url=base_url, api_key=api_key, flow=flow,
                                 cache=cache)
    if isinstance(article, Path):
        loaded = load(str(article), encoding=encoding)
    elif isinstance(article, bytes | bytearray | memoryview):
        loaded = from_bytes(bytes(article), "bytes", encoding)
    elif isinstance(article, str):
        if _names_a_file(article):
            raise InputError(f"{article!r} names a file, and a str is the article's text: pass a Path to read a "
                             f"file (summariser.brief(Path({article!r})))")
        loaded = from_text(article, "text")
    else:
        raise TypeError(f"article must be a str (the text), bytes (a file's content) or a pathlib.Path (a file to "
                        f"read), not {type(article).__name__}")
    return brief_article(loaded, connect(settings))


def _names_a_file(text: str) -> bool:
    """Whether a str given as an article's text is rather the name of an existing file (one short line)."""
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text.strip()).expanduser().is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False
