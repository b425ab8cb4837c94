"""Articles from the web: pages by URL and the entries of RSS/Atom feeds, fetched safely (`fetch`, `feeds`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UsageError
from ..redact import scrub
from .fetch import Fetcher, Page, is_url

if TYPE_CHECKING:
    from ..settings import Settings
    from ..text import Article

__all__ = ["Fetcher", "Page", "fetch_article", "fetcher", "is_url", "with_origin"]


def fetcher(settings: Settings, allow_private: bool) -> Fetcher:
    """A Fetcher for one command: pages cached beside the model's answers unless --no-cache, bounded by
    --timeout where it is shorter than the fetch's own limits."""
    from ..store import cache_dir

    return Fetcher(allow_private=allow_private, cache=cache_dir() / "pages" if settings.cache else None,
                   seconds=settings.timeout)


def fetch_article(url: str, settings: Settings, allow_private: bool) -> Article:
    """The article at `url` (`summarise brief URL`), with the URL, its title and date."""
    from ..loop import run_sync
    from ..text.load import from_text

    async def get() -> Page:
        async with fetcher(settings, allow_private) as f:
            return await f.get(url, feed=True)

    page = run_sync(get())
    shown = scrub(url)  # the briefing, the history and messages name the page without its URL's password
    if page.is_feed:
        raise UsageError(f"{shown}: is a feed; brief its entries with `summarise batch {shown} -o OUTDIR`")
    return with_origin(from_text(page.text(), shown, html=page.content_type != "text/plain"), page.final_url)


def with_origin(article: Article, url: str, title: str | None = None, date: str | None = None) -> Article:
    """`article` noted as fetched from `url`, the feed's title and date filling what the page lacks."""
    article.url = scrub(url)
    article.title = article.title or title
    article.date = article.date or date
    return article

