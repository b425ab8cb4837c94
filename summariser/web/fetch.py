"""Fetching a page or a feed over HTTP(S), bounded and safe.

Only http and https; connect and read timeouts and a deadline for the whole
fetch (a trickling body included); redirects followed one by one, at most
MAX_REDIRECTS, each hop checked like the first; the 2 MB article limit
enforced while streaming; content types other than pages and feeds refused;
a User-Agent that says who is asking. Links that come from a feed are
third-party input: their addresses (every hop) may not be private, loopback
or link-local unless the user allows it. Pages are cached in the response
cache's folder (feeds never: a rerun must see today's entries).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import ipaddress
import json
import logging
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import FetchError, RefusedError
from ..redact import scrub
from ..text.load import MAX_BYTES
from .encoding import ACCEPTED, Decoder, Unbounded, Undecodable

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("summariser")

USER_AGENT = f"summariser/{__version__} (news briefing tool; fetches the pages its user names)"
MAX_REDIRECTS = 5
CONNECT_SECONDS, READ_SECONDS = 10.0, 20.0
DEADLINE = 60.0  # a whole fetch: redirects and a slow body included
PER_HOST = 2  # requests in flight to one server (by its address): polite to the sites a feed links to
# Fetches in flight at once across all servers: a feed of many sites stays polite, and its pages few in memory.
IN_FLIGHT = 8
PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


# What may come before a document's root element: an XML declaration or processing instruction, a comment, a
# DOCTYPE, white space.
_PROLOGUE = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<![^>]*>)*", re.DOTALL)
_TAG = re.compile(rb"<([A-Za-z][\w:.-]*)")


def root_element(body: bytes) -> str:
    """The name of a document's root element (lower-cased; "" when there is none in its first 64 KB)."""
    head = body[:65536].lstrip(b"\xef\xbb\xbf")
    m = _TAG.match(head, _PROLOGUE.match(head).end())  # type: ignore[union-attr]
    return m.group(1).decode("ascii").lower() if m else ""


def is_url(text: str) -> bool:
    """Whether an input names a URL (any scheme: an unsupported one is refused with its reason, not read as a file)."""
    return re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", text) is not None


@dataclass(frozen=True)
class Page:
    """A fetched response: where it was asked for, where it came from, its type and its bytes."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes

    @property
    def is_feed(self) -> bool:
        """Served as RSS or Atom, or a document whose root element is a feed's (many feeds are served as text/xml
        or text/html; XHTML served as XML is a page, and so is a page with a <feedback-widget> near its top)."""
        return self.content_type in FEED_TYPES - {"application/xml", "text/xml"} or (
            self.content_type != "text/plain" and root_element(self.body) in {"rss", "feed", "rdf:rdf"})

    def text(self) -> str:
        """The body decoded: the charset the server declared, else the page's own, else UTF-8, else
        Windows-1252 (what undeclared non-UTF-8 pages on the web nearly always are)."""
        declared = self.charset or ((m := _CHARSET.search(self.body[:4096])) and m.group(1).decode("ascii"))
        if not self.charset and declared and declared.lower().replace("_", "-").startswith("utf-16"):
            declared = "utf-8"  # a page cannot declare UTF-16 in its own ASCII bytes: the HTML standard reads UTF-8
        for encoding in (declared, "utf-8"):
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeError, ValueError):  # "undefined", "punycode": no charset of a page
                    continue
        return self.body.decode("cp1252", errors="replace")


@dataclass
class Fetcher:
    """Fetches for one command: one HTTP client, a per-host limit, the page cache."""

    allow_private: bool = False
    cache: Path | None = None  # folder of cached pages; None: fetch every time
    seconds: float = DEADLINE  # the user's --timeout, when shorter than DEADLINE
    _client: Any = None
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict)  # by resolved address, not spelling
    _all: asyncio.Semaphore | None = None

    async def __aenter__(self) -> Fetcher:
        import httpx

        self._all = asyncio.Semaphore(IN_FLIGHT)
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(min(READ_SECONDS, self.seconds), connect=min(CONNECT_SECONDS, self.seconds)),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPTED,
                     "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
                     "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8"},
            trust_env=False,  # no proxy from the environment may see (or redirect) what is fetched
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def get(self, url: str, *, from_feed: bool = False, feed: bool = False) -> Page:
        """The page (or, with `feed`, the page or feed) at `url`; FetchError or RefusedError in one line, which
        never shows a URL's password (the user's, or a redirect's)."""
        try:
            return await self._get(url, from_feed, feed)
        except FetchError as e:
            raise type(e)(scrub(str(e))) from None

    async def _get(self, url: str, from_feed: bool, feed: bool) -> Page:
        host = _usable(url).hostname or ""
        trusted: set[str | None] = set() if from_feed else {host}
        # Checked before the cache too: a page cached under --allow-private is still refused without it.
        addresses = await self._check(url, trusted, from_feed)
        if (cached := self._cached(url)) is not None:  # only pages are kept: a feed is always fetched anew
            return cached
        # One server however its address is spelt ("localhost", "127.1", "2130706433"): polite by address.
        server = min(addresses or await self._addresses(url, host), default=host)
        assert self._all is not None, "use a Fetcher in `async with`"
        async with self._all, self._hosts.setdefault(server, asyncio.Semaphore(PER_HOST)):
            try:
                async with asyncio.timeout(min(DEADLINE, self.seconds)):
                    page = await self._follow(url, trusted, feed)
            except TimeoutError:
                raise FetchError(f"{url}: no complete answer within {min(DEADLINE, self.seconds):g} s") from None
        if not page.is_feed:
            self._keep(page)
        return page

    async def _addresses(self, url: str, host: str) -> list[str]:
        """The addresses a host resolves to; FetchError when it resolves to none."""
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except OSError as e:
            raise FetchError(f"{url}: cannot resolve {host} ({e.strerror or e})") from None
        return [str(info[4][0]) for info in infos]

    async def _follow(self, url: str, trusted: set[str | None], feed: bool) -> Page:
        """Every redirect checked like the first URL (which `get` checked), then streamed within the limits."""
        import httpx

        first = url
        for hop in range(MAX_REDIRECTS + 1):
            if hop:
                await self._check(url, trusted, not trusted)
            try:
                response = await self._client.send(self._client.build_request("GET", url), stream=True)
                try:
                    if not (response.is_redirect and "location" in response.headers):
                        return await self._read(first, url, response, feed)
                    url = urljoin(url, response.headers["location"])
                finally:
                    await response.aclose()
            except httpx.TimeoutException:
                raise FetchError(f"{url}: timed out") from None
            except httpx.HTTPError as e:
                raise FetchError(f"{url}: cannot fetch ({_reason(e)})") from None
            except (httpx.InvalidURL, ValueError, UnicodeError, OverflowError) as e:  # a URL the client cannot use
                raise RefusedError(f"{_short(url)}: not a usable URL ({_reason(e)})") from None
            except ExceptionGroup as group:  # the connection's happy-eyeballs tasks failed (an impossible port)
                raise FetchError(f"{url}: cannot fetch ({_reason(group.exceptions[0])})") from None
        raise FetchError(f"{first}: more than {MAX_REDIRECTS} redirects")

    async def _check(self, url: str, trusted: set[str | None], from_feed: bool) -> list[str] | None:
        """Refuse a URL that cannot be used (malformed, too long, a port or host name no network has), a scheme other
        than http(s), and a private address unless allowed or the user's own host; the addresses it resolved (None
        when it needed none)."""
        parts = _usable(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise RefusedError(f"{_short(url)}: only http and https URLs are fetched")
        if self.allow_private or parts.hostname in trusted:
            return None
        addresses = await self._addresses(url, parts.hostname)
        whose = "a feed's links" if from_feed else "a page's redirects"
        for resolved in addresses:
            address = ipaddress.ip_address(resolved.split("%")[0])
            if private(address):
                raise RefusedError(f"{url}: {parts.hostname} is a private, loopback or link-local address "
                                   f"({address}); {whose} may not point into your network "
                                   f"(--allow-private allows it)")
        return addresses

    async def _read(self, first: str, url: str, response: httpx.Response, feed: bool) -> Page:
        """The body of a final response, within the size limit, if it is a page (or a feed)."""
        if response.status_code >= 400:
            raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
        kind, _, params = response.headers.get("content-type", "").partition(";")
        kind = kind.strip().lower()
        allowed = PAGE_TYPES | FEED_TYPES if feed else PAGE_TYPES | {"text/xml", "application/xml"}
        if kind and kind not in allowed:
            raise RefusedError(f"{url}: {kind} is not a web page{' or feed' if feed else ''}; "
                               f"download it and brief the file, or its text")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BYTES:
            raise RefusedError(f"{url}: {int(declared):,} bytes, over the {MAX_BYTES // 1_000_000} MB limit")
        body = bytearray()
        try:  # decoded here, within the limit: httpx would undo every Content-Encoding layer unbounded
            decoder = Decoder(response.headers.get("content-encoding", ""), MAX_BYTES)
            async for chunk in response.aiter_raw():
                body += decoder.feed(chunk)
                if len(body) > MAX_BYTES:
                    raise Unbounded("it is larger")
            body += decoder.end()
        except Unbounded as e:
            raise RefusedError(f"{url}: over the {MAX_BYTES // 1_000_000} MB limit for one article ({e})") from None
        except Undecodable as e:
            raise FetchError(f"{url}: cannot decode the body ({e})") from None
        charset = m.group(1) if (m := re.search(r"charset=[\"']?([\w-]+)", params, re.IGNORECASE)) else None
        return Page(first, str(url), kind or "text/html", charset, bytes(body))

    def _entry(self, url: str) -> Path | None:
        return self.cache / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.json" if self.cache else None

    def _cached(self, url: str) -> Page | None:
        """A page fetched before, or None."""
        if (path := self._entry(url)) is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Page(data["url"], data["final_url"], data["content_type"], data["charset"],
                        base64.b64decode(data["body"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as e:  # a damaged entry is a miss
            log.info("page cache entry %s unusable (%s); fetching again", path.name, type(e).__name__)
            return None

    def _keep(self, page: Page) -> None:
        """Cache a fetched page; trouble writing is a warning, never a lost briefing."""
        if (path := self._entry(page.url)) is None:
            return
        from ..store import private_folder, write_atomic

        try:
            private_folder(path.parent)
            write_atomic(path, json.dumps({  # stored without a URL's password, kept under the hash of the whole
                "url": scrub(page.url), "final_url": scrub(page.final_url), "content_type": page.content_type,
                "charset": page.charset, "body": base64.b64encode(page.body).decode("ascii")}), mode=0o600)
        except OSError as e:
            log.warning("cannot cache %s (%s)", page.url, e.strerror)


# IPv6 prefixes that carry an IPv4 address in their last 32 bits: the NAT64 well-known prefix (RFC 6052) and the
# deprecated IPv4-compatible form (RFC 4291).
_CARRIERS = [ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("::/96")]


def private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is not on the public internet, or carries one that is not: IPv4-mapped, NAT64,
    IPv4-compatible, 6to4 and Teredo forms decoded; deprecated site-local (fec0::/10) counted as private."""
    if not address.is_global:
        return True
    if isinstance(address, ipaddress.IPv4Address):
        return False
    carried = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    carried += [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) for net in _CARRIERS if address in net]
    return address.is_site_local or any(v4 is not None and not v4.is_global for v4 in carried)


# Longer than any link a page or feed needs (browsers stop near 2,000 characters; servers at 8 KB).
MAX_URL = 8192


def _usable(url: str) -> Any:
    """The URL's parts, or RefusedError when no client could use it: too long, malformed ("http://[::1"), a port
    out of range (99999), a host name DNS cannot carry (a label over 63 characters, "xn--")."""
    if len(url) > MAX_URL:
        raise RefusedError(f"{_short(url)}: not a usable URL ({len(url):,} characters)")
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a port out of range
        if parts.hostname:
            parts.hostname.encode("idna")
    except (ValueError, UnicodeError) as e:
        raise RefusedError(f"{_short(url)}: not a usable URL ({e})") from None
    return parts


def _short(url: str) -> str:
    """A URL fit for one line of an error."""
    return url if len(url) <= 200 else f"{url[:200]}…"


def _reason(error: BaseException) -> str:
    """An HTTP client error in a few words."""
    cause = error.__cause__ or error.__context__
    return str(cause or error).strip() or type(error).__name__
