"""Pages by URL and RSS/Atom feeds, from a real news site on 127.0.0.1 (tests/web_server.py), briefed by replay."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, FIXTURES, RECORDED, ROOT, run_cli
from .web_server import NewsSite, bomb

# Twelve articles with recorded answers: a feed of ten, and the next morning two more.
FEED = [f"{name}.txt" for name in RECORDED] + ["semeval25_EN_UA_004616.txt", "semeval25_EN_UA_000923.txt"]
ARTICLE = "semeval25_EN_UA_024628.txt"


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with NewsSite(FEED[:10]) as news:
        yield news


def same_briefing(fetched: dict[str, Any], from_file: dict[str, Any]) -> None:
    """Equal but for where the article came from (meta) and the offsets of its sentences in the text as loaded
    (a page's paragraphs are separated as trafilatura extracts them)."""
    assert {k: v for k, v in fetched.items() if k not in {"meta", "evidence"}} == \
           {k: v for k, v in from_file.items() if k not in {"meta", "evidence"}}
    assert {k: v["text"] for k, v in fetched["evidence"].items()} == {k: v["text"] for k, v in from_file["evidence"].items()}


def test_a_page_by_url_briefs_like_its_text_file_and_says_where_it_came_from(site: NewsSite, tmp_path: Path) -> None:
    url = f"{site.url}/news/{ARTICLE.replace('.txt', '.html')}"
    home = {"SUMMARISER_HOME": str(tmp_path / "home")}
    fetched = run_cli("brief", url, "--backend", "replay", "--format", "json", env=home)
    from_file = run_cli("brief", str(DATA / ARTICLE), "--backend", "replay", "--format", "json")
    assert fetched.returncode == from_file.returncode == 0, fetched.stderr
    b = json.loads(fetched.stdout)
    same_briefing(b, json.loads(from_file.stdout))
    assert b["meta"]["url"] == url and b["meta"]["title"] == "Washington will not let Ukraine fail, US defence chief vows"
    assert b["meta"]["date"] is None  # the page has none: no year guessed from "© 2026"
    markdown = run_cli("brief", url, "--backend", "replay", env=home)
    assert f"*Source: {url}" in markdown.stdout.replace("\\", "")
    # Cached: the second brief did not fetch again; --no-cache does.
    assert site.hits.count(url.removeprefix(site.url)) == 1
    run_cli("brief", url, "--backend", "replay", "--no-cache", env=home)
    assert site.hits.count(url.removeprefix(site.url)) == 2
    assert site.agents == {next(iter(site.agents))} and next(iter(site.agents)).startswith("summariser/")


def test_a_page_that_is_not_utf8_is_read_in_its_declared_charset(site: NewsSite) -> None:
    proc = run_cli("brief", f"{site.url}/cp1252.html", "--backend", "replay", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    from_file = run_cli("brief", str(DATA / ARTICLE), "--backend", "replay", "--format", "json")
    same_briefing(json.loads(proc.stdout), json.loads(from_file.stdout))  # Kyiv’s: the quote survived


@pytest.mark.parametrize(("path", "code", "says"), [
    ("/slow", 6, "no complete answer within 1 s"),
    ("/missing", 6, "HTTP 404 Not Found"),
    ("/broken", 6, "HTTP 500 Internal Server Error"),
    ("/loop", 6, "more than 5 redirects"),
    ("/endless", 7, "over the 2 MB limit"),
    ("/huge.html", 7, "over the 2 MB limit"),
    ("/report.pdf", 7, "application/pdf is not a web page"),
    ("/rss.xml", 2, "is a feed; brief its entries with `summarise batch"),
])
def test_every_fetch_failure_is_one_line_and_its_own_exit_code(site: NewsSite, path: str, code: int, says: str) -> None:
    proc = run_cli("brief", site.url + path, "--backend", "replay", "--timeout", "1", timeout=60)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.count("\n") == 1 and says in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/article.txt", "file:///etc/passwd"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    proc = run_cli("brief", url, "--backend", "replay")
    assert proc.returncode == 7 and "only http and https URLs are fetched" in proc.stderr


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_a_feed_briefs_newest_first_and_a_rerun_only_the_new_entries(site: NewsSite, tmp_path: Path, feed: str) -> None:
    out, home = tmp_path / "out", {"SUMMARISER_HOME": str(tmp_path / "home")}
    url = f"{site.url}/{feed}.xml"
    first = run_cli("batch", url, "-o", str(out), "--backend", "replay", "--allow-private", env=home)
    assert first.returncode == 0, first.stderr
    assert "10 briefed, 0 already done, 0 failed" in first.stderr
    site.articles = FEED  # the next morning: two more entries
    fetched = len(site.hits)
    second = run_cli("batch", url, "-o", str(out), "--backend", "replay", "--allow-private", env=home)
    assert second.returncode == 0, second.stderr
    assert "2 briefed, 10 already done, 0 failed" in second.stderr
    assert sorted(site.hits[fetched:]) == sorted([f"/{feed}.xml", *(f"/news/{n.replace('.txt', '.html')}" for n in FEED[10:])])
    rows = [line for line in (out / "index.md").read_text(encoding="utf-8").splitlines() if line.startswith("| [")]
    assert len(rows) == 12
    assert rows[0].startswith(f"| [{FEED[11].lower().replace('_', '-').removesuffix('.txt')}")  # newest first
    briefing = json.loads((out / f".{rows[0].split('](')[0][3:]}.json").read_text(encoding="utf-8"))
    assert briefing["meta"]["url"] == f"{site.url}/news/{FEED[11].replace('.txt', '.html')}"
    assert briefing["meta"]["date"] == "2026-11-12"  # from the feed: the page has none
    digest = run_cli("digest", str(out), "--format", "json")
    sources = json.loads(digest.stdout)["sources"]
    assert digest.returncode == 0 and len(sources) == 12 and all(s["url"].startswith(site.url) for s in sources)


def test_limit_takes_the_newest_entries(site: NewsSite, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("batch", f"{site.url}/rss.xml", "-o", str(out), "--backend", "replay", "--allow-private",
                   "--limit", "2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    titles = {json.loads(p.read_text(encoding="utf-8"))["meta"]["url"].rsplit("/", 1)[1] for p in out.glob("*.json")}
    assert titles == {FEED[9].replace(".txt", ".html"), FEED[8].replace(".txt", ".html")}


def test_a_feed_file_with_a_broken_entry_briefs_the_others(site: NewsSite, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>gone</title><link>{site.url}/missing</link><pubDate>Tue, 03 Nov 2026 06:00:00 GMT</pubDate></item>
<item><title>pdf</title><link>{site.url}/report.pdf</link><pubDate>Mon, 02 Nov 2026 06:00:00 GMT</pubDate></item>
<item><title>ok</title><link>{site.url}/news/{ARTICLE.replace('.txt', '.html')}</link>
<pubDate>Sun, 01 Nov 2026 06:00:00 GMT</pubDate></item></channel></rss>""", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("batch", str(feed), "-o", str(out), "--backend", "replay", "--allow-private")
    assert proc.returncode == 1
    assert "1 briefed, 0 already done, 2 failed" in proc.stderr
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "HTTP 404 Not Found" in index and "application/pdf is not a web page" in index


def test_a_feed_linking_into_the_private_network_is_refused_without_allow_private(site: NewsSite, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>metadata</title><link>http://169.254.169.254/latest/meta-data/</link></item>
<item><title>local</title><link>{site.url}/news/{ARTICLE.replace('.txt', '.html')}</link></item>
</channel></rss>""", encoding="utf-8")
    proc = run_cli("batch", str(feed), "-o", str(tmp_path / "out"), "--backend", "replay")
    assert proc.returncode == 1 and "0 briefed, 0 already done, 2 failed" in proc.stderr
    assert proc.stderr.count("private, loopback or link-local address") == 2
    assert not any(hit.startswith("/news/") for hit in site.hits)  # never asked


def test_a_feed_fetches_at_most_two_pages_of_one_host_at_once(tmp_path: Path) -> None:
    with NewsSite(FEED, delay=0.3) as slow:
        proc = run_cli("batch", f"{slow.url}/atom.xml", "-o", str(tmp_path / "out"), "--backend", "replay",
                       "--allow-private")
    assert proc.returncode == 0, proc.stderr
    assert slow.most_in_flight == 2


def test_openai_batch_takes_files_not_feeds(site: NewsSite, tmp_path: Path) -> None:
    proc = run_cli("batch", f"{site.url}/rss.xml", "--openai-batch", str(tmp_path / "r.jsonl"), "--model", "m")
    assert proc.returncode == 2 and "-o OUTDIR" in proc.stderr


def test_a_gzipped_page_briefs_like_its_text_and_a_decompression_bomb_is_refused_within_memory(site: NewsSite) -> None:
    plain = run_cli("brief", f"{site.url}/news/{ARTICLE.replace('.txt', '.html')}", "--backend", "replay")
    zipped = run_cli("brief", f"{site.url}/gzip/news/{ARTICLE.replace('.txt', '.html')}", "--backend", "replay")
    assert zipped.returncode == 0, zipped.stderr
    assert zipped.stdout.split("## Bottom line")[1].split("## Key actors")[0] == \
        plain.stdout.split("## Bottom line")[1].split("## Key actors")[0]
    site.bomb = bomb()  # 1 GiB of zeros in under 2 KB, "gzip, gzip"
    assert len(site.bomb) < 4096
    # Under a 1.5 GB address-space limit the whole 1 GiB must never be held (it was, before: MemoryError).
    proc = run_cli("brief", f"{site.url}/bomb.html", "--backend", "replay", wrapper=["prlimit", "--as=1500000000", "--"])
    assert proc.returncode == 7, proc.stderr
    assert proc.stderr.count("\n") == 1 and "over the 2 MB limit" in proc.stderr and "decompresses" in proc.stderr
    brotli = run_cli("brief", f"{site.url}/brotli.html", "--backend", "replay")
    assert brotli.returncode == 6 and "cannot decode the body (the br content encoding is not supported)" in brotli.stderr


# IPv6 spellings of private IPv4 addresses (and a deprecated private IPv6 range) that a global-address check misses.
HIDDEN_PRIVATE = ["64:ff9b::a9fe:a9fe", "::7f00:1", "2002:7f00:1::", "fec0::1", "::ffff:a9fe:a9fe",
                  "2001:0:4136:e378:8000:63bf:3fff:fdd2"]


def test_ipv6_forms_of_private_addresses_are_private_and_public_ones_are_not() -> None:
    import ipaddress

    from summariser.web.fetch import private

    assert all(private(ipaddress.ip_address(a)) for a in HIDDEN_PRIVATE)
    assert not any(private(ipaddress.ip_address(a)) for a in ["2001:4860:4860::8888", "64:ff9b::808:808",
                                                               "2002:808:808::1", "8.8.8.8"])


def test_a_feed_linking_to_ipv6_forms_of_private_addresses_is_refused(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    items = "".join(f"<item><title>{a}</title><link>http://[{a}]/latest/meta-data/</link></item>" for a in HIDDEN_PRIVATE)
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
                    encoding="utf-8")
    proc = run_cli("batch", str(feed), "-o", str(tmp_path / "out"), "--backend", "replay", timeout=120)
    assert proc.returncode == 1 and f"0 briefed, 0 already done, {len(HIDDEN_PRIVATE)} failed" in proc.stderr
    assert proc.stderr.count("private, loopback or link-local address") == len(HIDDEN_PRIVATE)


# A feed link as a hostile feed writes it: an OSC 8 hyperlink in escape sequences, and rich's markup.
HOSTILE_LINK = ("http://127.0.0.1:9/a\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07"
                "[/oops][link=https://evil.example/]x[/link]")


def hostile_feed(folder: Path) -> Path:
    feed = folder / "feed.xml"
    feed.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title><link>'
                     + HOSTILE_LINK.replace("&", "&amp;").encode() + b"</link></item></channel></rss>")
    return feed


def test_a_hostile_feed_link_reaches_stderr_shown_not_acted_on(tmp_path: Path) -> None:
    proc = run_cli("batch", str(hostile_feed(tmp_path)), "-o", str(tmp_path / "out"), "--backend", "replay")
    assert proc.returncode == 1 and (tmp_path / "out" / "index.md").is_file()
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert "␛]8;;https://evil.example/␇click" in proc.stderr  # shown, one line per failure


def test_on_a_terminal_a_hostile_feed_link_neither_crashes_the_batch_nor_becomes_a_link(tmp_path: Path) -> None:
    import os
    import shlex
    import subprocess
    import sys


    out = tmp_path / "out"
    command = shlex.join([sys.executable, "-m", "summariser", "batch", str(hostile_feed(tmp_path)), "-o", str(out),
                          "--backend", "replay"])
    env = {**os.environ, "SUMMARISER_HOME": str(tmp_path / "home"), "SUMMARISER_FIXTURES": str(FIXTURES),
           "TERM": "xterm-256color", "COLUMNS": "200"}
    # `script` gives the batch a terminal, where its progress is rich's bar and its failures rich's lines.
    proc = subprocess.run(["script", "-qec", command, "/dev/null"], cwd=ROOT, env=env, capture_output=True,
                          timeout=120)
    screen = proc.stdout.decode("utf-8", errors="replace")
    assert proc.returncode == 1, screen
    assert "MarkupError" not in screen and (out / "index.md").is_file()
    assert "\x1b]8;" not in screen  # no hyperlink: neither the feed's nor one made from its markup
    assert "[/oops][link=https://evil.example/]x[/link]" in screen.replace("\r\n", "")


def test_a_page_urls_password_is_never_shown_nor_stored(site: NewsSite, tmp_path: Path) -> None:
    import sqlite3

    home = tmp_path / "home"
    secret_url = site.url.replace("http://", "http://alice:s3cr3t-pw@") + f"/news/{ARTICLE.replace('.txt', '.html')}"
    proc = run_cli("brief", secret_url, "--backend", "replay", "--format", "json", env={"SUMMARISER_HOME": str(home)})
    assert proc.returncode == 0, proc.stderr
    b = json.loads(proc.stdout)
    assert "alice:***@" in b["meta"]["source"] and "alice:***@" in b["meta"]["url"]
    failed = run_cli("brief", secret_url.replace("/news/", "/missing/"), "--backend", "replay",
                     env={"SUMMARISER_HOME": str(home)})
    assert failed.returncode == 6 and "alice:***@" in failed.stderr
    with sqlite3.connect(home / "history.db") as db:
        history = json.dumps(db.execute("SELECT * FROM exchanges").fetchall())
    cached = "".join(p.read_text(encoding="utf-8") for p in home.rglob("*.json"))
    assert cached and history != "[]"
    for seen in (proc.stdout, proc.stderr, failed.stderr, history, cached):
        assert "s3cr3t-pw" not in seen


BAD_LINKS = ["http://127.0.0.1:99999/x", "http://" + "a" * 64 + ".example/x", "http://[::1", "http://example.com/" +
             "a" * 100_000, "http://xn--/x"]


def test_one_bad_link_is_one_failed_row_and_the_rest_are_briefed(site: NewsSite, tmp_path: Path) -> None:
    from xml.sax.saxutils import escape

    good = f"{site.url}/news/{ARTICLE.replace('.txt', '.html')}"
    served = [f"{site.url}/charset-undefined.html", f"{site.url}/charset-punycode.html", f"{site.url}/relative-redirect"]
    links = [*BAD_LINKS, *served, good]
    feed = tmp_path / "feed.xml"
    items = "".join(f"<item><title>{i}</title><link>{escape(link)}</link></item>" for i, link in enumerate(links))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
                    encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("batch", str(feed), "-o", str(out), "--backend", "replay", "--allow-private", timeout=180)
    assert "unexpected" not in proc.stderr and "Traceback" not in proc.stderr
    index = (out / "index.md").read_text(encoding="utf-8")
    # The bad links and the redirect to "http:relative" fail with their reasons; the pages with a nonsense charset
    # are read as UTF-8 and briefed.
    assert proc.returncode == 1
    assert index.count("not a usable URL") + index.count("cannot resolve xn--") == len(BAD_LINKS) + 1
    assert f"3 briefed, 0 already done, {len(BAD_LINKS) + 1} failed" in proc.stderr
    for link in BAD_LINKS:
        one = run_cli("brief", link, "--backend", "replay", "--allow-private", timeout=60)
        assert one.returncode in (6, 7) and one.stderr.count("\n") == 1 and "unexpected" not in one.stderr
        assert len(one.stderr) < 600  # a 100 KB link is cut in its line


def test_a_batch_of_a_file_and_a_failing_url_briefs_the_file_and_exits_1(site: NewsSite, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("batch", str(ROOT / "seeds" / "000_ca47a91dfa488ab7.txt"), f"{site.url}/missing", "-o", str(out),
                   "--backend", "replay")
    assert proc.returncode == 1, proc.stderr
    assert "1 briefed, 0 already done, 1 failed" in proc.stderr
    assert (out / "000_ca47a91dfa488ab7.md").is_file() and "HTTP 404" in (out / "index.md").read_text(encoding="utf-8")


def test_a_long_feeds_pages_are_written_as_they_arrive_not_held(site: NewsSite, tmp_path: Path) -> None:
    """40 pages of 1.9 MB (76 MB in all): only those in flight are held in memory."""
    import asyncio
    import tracemalloc

    from summariser.web.feeds import arrivals, gather
    from summariser.web.fetch import Fetcher

    feed = tmp_path / "feed.xml"
    items = "".join(f"<item><title>{i}</title><link>{site.url}/big/{i}.html</link></item>" for i in range(40))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
                    encoding="utf-8")

    async def fetch() -> Any:
        async with Fetcher(allow_private=True) as fetcher:
            gathered = await gather([str(feed)], tmp_path / "out", fetcher, None)
            return [got async for _, got in arrivals(gathered.pending, tmp_path / "out", fetcher)]

    tracemalloc.start()
    try:
        pages = asyncio.run(fetch())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(pages) == 40 and all(isinstance(p, Path) and p.is_file() for p in pages)
    assert peak < 40_000_000  # all 40 held at once would be over 76 MB (and twice that as text)


def test_a_feeds_pages_are_briefed_as_they_arrive(site: NewsSite, tmp_path: Path) -> None:
    """The first page is briefed while a slow one (5 s) is still being fetched: briefing does not wait for the
    whole feed. The slow page is then a failed row of its own (one word is too short to brief)."""
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>late</title><link>{site.url}/slow</link><pubDate>Tue, 03 Nov 2026 06:00:00 GMT</pubDate></item>
<item><title>ok</title><link>{site.url}/news/{ARTICLE.replace('.txt', '.html')}</link>
<pubDate>Sun, 01 Nov 2026 06:00:00 GMT</pubDate></item></channel></rss>""", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("batch", str(feed), "-o", str(out), "--backend", "replay", "--allow-private")
    assert proc.returncode == 1, proc.stderr
    assert "1 briefed, 0 already done, 1 failed" in proc.stderr
    [briefing] = [p for p in out.glob("*.md") if p.name != "index.md"]
    [slow] = (out / "pages").glob("slow-*")
    assert briefing.stat().st_mtime < slow.stat().st_mtime
    rows = [line for line in (out / "index.md").read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    assert "slow" in rows[1] and "too short" in rows[1]  # the newest entry first (rows[0] is the header)


def test_one_server_is_one_server_however_its_address_is_spelt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from summariser.web import fetch as fetching

    async def fetch_all(urls: list[str]) -> None:
        async with fetching.Fetcher(allow_private=True) as fetcher:
            await asyncio.gather(*(fetcher.get(u, from_feed=True) for u in urls))

    page = f"/news/{ARTICLE.replace('.txt', '.html')}"
    with NewsSite(FEED, delay=0.3) as slow:
        port = slow.url.rsplit(":", 1)[1]
        spellings = ["127.0.0.1", "localhost", "127.1", "2130706433", "0x7f000001"]
        asyncio.run(fetch_all([f"http://{host}:{port}{page}?n={i}" for i, host in enumerate(spellings * 2)]))
        assert slow.most_in_flight == fetching.PER_HOST == 2
        monkeypatch.setattr(fetching, "PER_HOST", 10)
        monkeypatch.setattr(fetching, "IN_FLIGHT", 3)
        slow.most_in_flight = 0
        asyncio.run(fetch_all([f"{slow.url}{page}?m={i}" for i in range(8)]))
        assert slow.most_in_flight == 3  # however many servers, this many fetches at once


def test_a_refused_feed_link_shows_no_password_in_its_row(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
                    "<link>http://alice:s3cr3t-pw@169.254.169.254/latest/</link></item></channel></rss>",
                    encoding="utf-8")
    proc = run_cli("batch", str(feed), "-o", str(tmp_path / "out"), "--backend", "replay")
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert proc.returncode == 1 and "private, loopback or link-local" in index
    assert "s3cr3t-pw" not in index and "s3cr3t-pw" not in proc.stderr and "alice:\\*\\*\\*@" in index
