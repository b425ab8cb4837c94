"""RSS and Atom feeds for `summarise batch`: entries newest first, their pages fetched into OUTDIR/pages/.

A feed (a URL, or a local .xml/.rss/.atom file) becomes the pages its entries
link to, saved as UTF-8 files named after their links as they arrive
(`arrivals`: a few fetches in flight, each page on disk as soon as it is
read); the batch briefs each page as it arrives, like any other file, so a
rerun skips the entries already briefed (their pages come from the page
cache, the same bytes, the same fingerprint) and briefs only the new ones. An
entry whose page cannot be fetched is a failed entry with its reason; the
others go on.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import itertools
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError, InputError
from ..redact import scrub
from ..store import os_reason
from .fetch import IN_FLIGHT, Fetcher, Page, is_url

FEED_SUFFIXES = {".xml", ".rss", ".atom"}


@dataclass(frozen=True)
class Entry:
    """One feed entry: its link, title and date (ISO, when the feed gives one)."""

    link: str
    title: str | None = None
    date: str | None = None


@dataclass
class Gathered:
    """A batch's inputs once feeds and URLs are fetched: paths to brief, where each page came from, failures."""

    inputs: list[str] = field(default_factory=list)
    origins: dict[Path, Entry] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, reason naming the URL)
    order: list[str] = field(default_factory=list)  # pages and failures as the inputs and the feeds list them
    pending: list[Entry] = field(default_factory=list)  # feed entries whose pages are fetched during the batch


def waiting(entry: Entry) -> str:
    """The place of a feed entry in `Gathered.order` until its page arrives."""
    return f"entry {entry.link}"


def entries(data: bytes, source: str) -> list[Entry]:
    """A feed's entries with a link, newest first (undated ones after, in the feed's order)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))  # a stream: feedparser never fetches anything itself
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise InputError(f"{source}: not an RSS or Atom feed")
    found = []
    for position, e in enumerate(parsed.entries):
        if not (link := (e.get("link") or "").strip()):
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        found.append((stamp is None, -time.mktime(stamp) if stamp else 0.0, position,
                      Entry(urljoin(source, link) if is_url(source) else link, e.get("title"),
                            time.strftime("%Y-%m-%d", stamp) if stamp else None)))
    return [entry for *_, entry in sorted(found, key=lambda f: f[:3])]


# Hex digits of the link's hash in a page's name: 64 bits, so two links of one feed never share a file (with 24,
# "story?title=Story3680" and "story?title=Story4647" did, and the newer entry was lost).
NAME_HASH = 16


def page_name(url: str) -> str:
    """A file name for a page: its link's last words, made unique by a hash of the whole link."""
    try:
        parts = urlsplit(url)
        path, host = parts.path, parts.hostname
    except ValueError:  # a malformed link ("http://[::1") still names its failed row
        path, host = url, None
    words = re.sub(r"\.[a-z0-9]{2,5}$", "", path.rstrip("/").rsplit("/", 1)[-1].lower())
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:60] or (host or "page").replace(".", "-")
    return f"{slug}-{hashlib.sha256(url.encode()).hexdigest()[:NAME_HASH]}"


async def gather(inputs: list[str], outdir: Path, fetcher: Fetcher, limit: int | None) -> Gathered:
    """Turn URLs among `inputs` into saved pages and feeds into their entries (`pending`, fetched by `arrivals`
    during the batch); other inputs pass through unchanged."""
    gathered = Gathered()
    wanted: list[Entry] = []
    for raw in inputs:
        if is_url(raw):
            try:
                page = await fetcher.get(raw, feed=True)
            except FetchError as e:  # one URL that fails is a failed row: the other inputs are still briefed
                _failed(gathered, page_name(raw), str(e))
                continue
            if page.is_feed:
                wanted += entries(page.body, page.final_url)[:limit]
            else:
                _kept(gathered, _write(outdir, page), Entry(raw))
        elif Path(raw).suffix.lower() in FEED_SUFFIXES and Path(raw).is_file():
            wanted += entries(Path(raw).read_bytes(), raw)[:limit]
        else:
            gathered.inputs.append(raw)
            gathered.order.append(raw)

    for entry in wanted:
        if waiting(entry) not in gathered.order:  # a link listed twice is one page, briefed once
            gathered.pending.append(entry)
            gathered.order.append(waiting(entry))
    return gathered


async def arrivals(pending: list[Entry], outdir: Path, fetcher: Fetcher) -> AsyncIterator[tuple[Entry, Path | str]]:
    """Each entry with its page saved in OUTDIR/pages/ (or why it could not be), as soon as it arrives: a window of
    fetches is under way (the fetcher bounds connections per server and in all), so only those pages are ever
    held in memory, however long the feed, and the first is briefed while the others are fetched."""
    queue = iter(pending)
    running = {asyncio.ensure_future(_saved(e, outdir, fetcher)): e for e in itertools.islice(queue, 2 * IN_FLIGHT)}
    try:
        while running:
            done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                entry = running.pop(task)
                if (following := next(queue, None)) is not None:
                    running[asyncio.ensure_future(_saved(following, outdir, fetcher))] = following
                yield entry, task.result()
    finally:  # the batch interrupted: the fetches still under way are not wanted
        for task in running:
            task.cancel()


async def _saved(entry: Entry, outdir: Path, fetcher: Fetcher) -> Path | str:
    """The entry's page written to OUTDIR/pages/, or why it could not be fetched or kept."""
    try:
        return _write(outdir, await fetcher.get(entry.link, from_feed=True))
    except FetchError as e:
        return str(e)
    except OSError as e:  # the page came, but cannot be kept (a full disk): that entry fails
        return f"{scrub(entry.link)}: cannot save the page ({os_reason(e)})"


def _failed(gathered: Gathered, name: str, reason: str) -> None:
    """An entry or URL that could not be fetched, in its place among the others."""
    gathered.failed.append((name, reason))
    gathered.order.append(name)


def _write(outdir: Path, page: Page) -> Path:
    """Write a fetched page into OUTDIR/pages/ (UTF-8, whatever it was served in), unless it is there already."""
    from ..store import write_atomic

    path = outdir / "pages" / f"{page_name(page.url)}{'.txt' if page.content_type == 'text/plain' else '.html'}"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = page.text()
    if not path.is_file() or path.read_text(encoding="utf-8", errors="replace") != text:
        write_atomic(path, text)
    return path


def _kept(gathered: Gathered, path: Path, entry: Entry) -> None:
    """A saved page among the batch's inputs, noted with where it came from."""
    gathered.inputs.append(str(path))
    gathered.order.append(str(path))
    gathered.origins[path.resolve()] = entry
