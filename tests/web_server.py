"""A news site on 127.0.0.1 for the fetching tests: real pages, an RSS and an Atom feed, and misbehaving endpoints.

Pages: /news/<article>.html is a corpus article wrapped the way news sites serve
them (navigation, an ad, scripts, a "most read" box, a footer). Feeds: /rss.xml
and /atom.xml list the articles in `site.articles` (settable between runs), with
dates one day apart, newest first or shuffled. Faults: /slow (headers after 5 s),
/endless (a body that never ends), /missing (404), /broken (500), /loop (redirects
to itself), /report.pdf (application/pdf), /huge.html (20 MB), /cp1252.html (a
Windows-1252 page, declared only in its header), /gzip/<article>.html (a page sent gzip-encoded), /bomb.html
(`site.bomb`, sent as "gzip, gzip"), /brotli.html (an encoding the client did not ask for),
/charset-undefined.html and /charset-punycode.html (charsets no page has), /relative-redirect ("Location: http:relative"),
/noise.html (random bytes served as HTML), /to-metadata (a redirect to the cloud metadata address).
"""

from __future__ import annotations

import contextlib
import gzip
import html
import random
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .conftest import DATA
from .fault_server import Loopback

DAY0 = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


def page(path: Path) -> str:
    """A corpus article as a news site serves it: the text in <p>s inside <article>, with page furniture."""
    raw = path.read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    paragraphs = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n") if p.strip())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title.strip())} | Example News</title>
<meta name="viewport" content="width=device-width"><script>window.dataLayer=[];function track(e){{}}</script>
<link rel="stylesheet" href="/site.css"></head>
<body><header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/business">Business</a> |
<a href="/sport">Sport</a> | <a href="/login">Sign in</a></nav></header>
<div class="ad" id="top-ad">Advertisement · Save 50% on your subscription today</div>
<main><article><h1>{html.escape(title.strip())}</h1>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Celebrity chef opens new restaurant</a></li>
<li><a href="/b">Weather: storms expected this weekend</a></li></ul></aside></main>
<footer><p>© 2026 Example News Ltd. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script>track("pageview");</script></body></html>
"""


class NewsSite(Loopback):
    """Start with `with NewsSite(names) as site:`; `site.url` is the base URL, `site.hits` the paths asked."""

    def __init__(self, articles: list[str], delay: float = 0.0) -> None:
        self.articles = list(articles)  # corpus file names, oldest first; the feeds list them newest first
        self.delay = delay  # each page answers this late, so that concurrent requests overlap
        self.in_flight = self.most_in_flight = 0  # page requests being answered now, and at most
        self.lock = threading.Lock()
        self.hits: list[str] = []
        self.agents: set[str] = set()
        self.bomb = b""  # /bomb.html's body: set by a test (`bomb()`)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                outer.hits.append(self.path)
                outer.agents.add(self.headers.get("User-Agent", ""))
                route = self.path.split("?")[0]
                if route.startswith("/news/") and (DATA / route[6:].replace(".html", ".txt")).is_file():
                    with outer.lock:
                        outer.in_flight += 1
                        outer.most_in_flight = max(outer.most_in_flight, outer.in_flight)
                    time.sleep(outer.delay)
                    with outer.lock:
                        outer.in_flight -= 1
                    self._send(200, "text/html; charset=utf-8", page(DATA / route[6:].replace(".html", ".txt")).encode())
                elif route in ("/rss.xml", "/atom.xml"):
                    self._send(200, f"application/{route[1:].split('.')[0]}+xml", outer.feed(route == "/rss.xml").encode())
                elif route == "/slow":
                    time.sleep(5)
                    self._send(200, "text/html", b"<html><body><p>late</p></body></html>")
                elif route == "/endless":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    try:
                        while True:
                            self.wfile.write(b"<p>" + b"more " * 1000 + b"</p>\n")
                    except OSError:
                        return
                elif route == "/missing":
                    self._send(404, "text/html", b"<html><body>Not found</body></html>")
                elif route == "/broken":
                    self._send(500, "text/html", b"<html><body>Internal error</body></html>")
                elif route == "/loop":
                    self._redirect("/loop")
                elif route == "/report.pdf":
                    self._send(200, "application/pdf", b"%PDF-1.7\n" + b"0" * 5000)
                elif route == "/huge.html":
                    self._send(200, "text/html", b"<html><body>" + b"<p>word word word</p>" * 1_000_000 + b"</body></html>")
                elif route.startswith("/gzip/news/"):
                    text = page(DATA / route[len("/gzip/news/"):].replace(".html", ".txt")).encode()
                    self._send(200, "text/html; charset=utf-8", gzip.compress(text), "gzip")
                elif route == "/bomb.html":
                    self._send(200, "text/html", outer.bomb, "gzip, gzip")
                elif route == "/brotli.html":
                    self._send(200, "text/html", b"\x1b\x03\x00\xf8not brotli at all", "br")
                elif route in ("/charset-undefined.html", "/charset-punycode.html"):
                    name = route.split("-")[1].split(".")[0]
                    self._send(200, f"text/html; charset={name}", page(DATA / "semeval25_EN_UA_024628.txt").encode())
                elif route.startswith("/big/"):  # a 1.9 MB page of its own for each number
                    body = f"<html><body><p>{route} " + "word " * 380_000 + "</p></body></html>"
                    self._send(200, "text/html", body.encode())
                elif route == "/noise.html":
                    self._send(200, "text/html", random.Random(7).randbytes(20_000))
                elif route == "/to-metadata":
                    self._redirect("http://169.254.169.254/latest/meta-data/")
                elif route == "/relative-redirect":
                    self._redirect("http:relative")
                elif route == "/cp1252.html":
                    body = page(DATA / "semeval25_EN_UA_024628.txt").replace('<meta charset="utf-8">', "")
                    self._send(200, "text/html; charset=windows-1252", body.encode("cp1252"))
                else:
                    self._send(404, "text/plain", b"no such page")

            def _redirect(self, location: str) -> None:
                self.send_response(302)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _send(self, status: int, kind: str, body: bytes, encoding: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                if encoding:
                    self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def feed(self, rss: bool) -> str:
        """An RSS 2.0 or Atom feed of the articles, each dated a day after the one before, listed oldest first
        (a feed's order is not to be trusted: the dates decide)."""
        items = []
        for n, name in enumerate(self.articles):
            title = html.escape((DATA / name).read_text(encoding="utf-8").split("\n", 1)[0].strip())
            link = f"{self.url}/news/{name.replace('.txt', '.html')}"
            when = DAY0 + timedelta(days=n)
            if rss:
                items.append(f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                             f"<pubDate>{format_datetime(when)}</pubDate><description>…</description></item>")
            else:
                items.append(f"<entry><title>{title}</title><link href=\"{link}\"/><id>{link}</id>"
                             f"<updated>{when.isoformat()}</updated><summary>…</summary></entry>")
        if rss:
            return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Example News</title>"
                    f"<link>{self.url}/</link><description>World</description>{''.join(items)}</channel></rss>")
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                f"<title>Example News</title><id>{self.url}/</id><updated>{DAY0.isoformat()}</updated>"
                f"{''.join(items)}</feed>")



def bomb(decoded: int = 1 << 30) -> bytes:
    """A decompression bomb made by zlib: `decoded` zero bytes gzipped twice (1 GiB: under 2 KB, ~3 s to make)."""
    import zlib

    inner = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk, out = bytes(1 << 20), bytearray()
    for _ in range(decoded >> 20):
        out += inner.compress(chunk)
    out += inner.flush()
    return gzip.compress(bytes(out), 9)
