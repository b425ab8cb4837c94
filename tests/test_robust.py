"""One bad item costs that item, in one line: malformed answer keys, a full disk, a folder that is a file, ids no row
has; and the small things a hostile or clumsy user found. Real files, processes and a news site on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from summariser.web.fetch import Page

from .conftest import DATA, ROOT, SEED, run_cli
from .test_replay import without_seconds
from .web_server import NewsSite

REPLAY = ("--backend", "replay")


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite(["semeval25_EN_UA_024628.txt"]) as s:
        yield s


def test_malformed_answer_keys_are_one_line_each_and_the_others_are_scored(tmp_path: Path) -> None:
    folder, gold = tmp_path / "articles", tmp_path / "articles" / "gold"
    gold.mkdir(parents=True)
    shutil.copy(ROOT / SEED, folder)
    shutil.copy(DATA / "gold" / "000_ca47a91dfa488ab7.txt.json", gold)
    key = json.loads((DATA / "gold" / "000_ca47a91dfa488ab7.txt.json").read_text(encoding="utf-8"))
    (gold / "bad-json.txt.json").write_text("{not json", encoding="utf-8")
    (gold / "missing.txt.json").write_text(json.dumps({k: v for k, v in key.items() if k != "trend"}), encoding="utf-8")
    (gold / "types.txt.json").write_text(json.dumps({**key, "actors_required": "NATO"}), encoding="utf-8")
    (gold / "latin1.txt.json").write_bytes(json.dumps({**key, "why": "Élysée"}, ensure_ascii=False).encode("latin-1"))
    (gold / "loop.txt.json").symlink_to(gold / "loop.txt.json")
    proc = run_cli("eval", str(folder), *REPLAY)
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "answer key" in line]
    assert len(warnings) == 5 and all("not scored" in w for w in warnings)
    said = "\n".join(warnings)
    assert "missing.txt.json: trend: field required" in said and "types.txt.json: actors_required:" in said
    assert "loop.txt.json: cannot be read" in said and "Traceback" not in proc.stderr
    assert "Answer keys: 1 articles" in proc.stdout


def test_a_full_disk_fails_the_article_in_one_line_and_leaves_nothing_partial(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # Files may grow to 6 KB here (RLIMIT_FSIZE; Python ignores SIGXFSZ, so a write past it fails with EFBIG):
    # the briefing's JSON does not fit, the index does.
    proc = run_cli("batch", SEED, "-o", str(out), "--format", "both", *REPLAY,
                   wrapper=["prlimit", "--fsize=6000", "--"])
    assert proc.returncode == 1, proc.stderr
    assert "cannot write its briefing" in proc.stderr and "unexpected" not in proc.stderr
    assert (out / "index.md").is_file() and "cannot write its briefing" in (out / "index.md").read_text(encoding="utf-8")
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp")) and not (out / "000_ca47a91dfa488ab7.json").exists()


def test_pages_that_is_a_file_and_ids_no_row_has_are_one_line(tmp_path: Path, site: NewsSite) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "pages").write_text("not a folder", encoding="utf-8")
    proc = run_cli("batch", f"{site.url}/rss.xml", "-o", str(out), *REPLAY, "--allow-private")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "pages: is not a folder" in proc.stderr
    huge = run_cli("logs", "99999999999999999999")
    assert huge.returncode == 2 and huge.stderr.count("\n") == 1 and "no logged exchange" in huge.stderr
    home = tmp_path / "home-file"
    home.write_text("", encoding="utf-8")
    listing = run_cli("logs", env={"SUMMARISER_HOME": str(home)})
    assert listing.returncode == 1 and listing.stderr.count("\n") == 1 and "is not a folder" in listing.stderr


@pytest.mark.parametrize(("body", "kind", "feed"), [
    (b"<!doctype html><html><head><feedback-widget></feedback-widget></head><body><p>x</p></body></html>",
     "text/html", False),
    (b'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>',
     "text/xml", False),
    (b'<?xml version="1.0"?>\n<!-- a feed --><rss version="2.0"><channel></channel></rss>', "text/html", True),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "application/xml", True),
    (b"<p>x</p>", "application/rss+xml", True),
])
def test_a_feed_is_known_by_its_root_element(body: bytes, kind: str, feed: bool) -> None:
    assert Page("u", "u", kind, None, body).is_feed is feed


def test_noise_served_as_a_page_is_one_line(site: NewsSite) -> None:
    proc = run_cli("brief", f"{site.url}/noise.html", *REPLAY)
    assert proc.returncode == 3 and proc.stderr.count("\n") == 1, proc.stderr  # no library's log lines
    assert "empty article (no text)" in proc.stderr


def test_utf16_without_a_byte_order_mark_reads_with_its_encoding_named(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes((ROOT / SEED).read_text(encoding="utf-8").encode("utf-16-le"))
    assert run_cli("brief", str(path), *REPLAY).returncode == 3  # NUL bytes: binary, unless the encoding is named
    named = run_cli("brief", str(path), "--encoding", "utf-16-le", *REPLAY)
    plain = run_cli("brief", SEED, *REPLAY)
    assert named.returncode == 0, named.stderr
    assert without_seconds(named.stdout).split("## Bottom line")[1] == without_seconds(plain.stdout).split("## Bottom line")[1]


def test_an_output_named_as_a_folder_that_is_missing_is_refused(tmp_path: Path) -> None:
    proc = run_cli("brief", SEED, "-o", f"{tmp_path / 'missing'}/", *REPLAY)
    assert proc.returncode == 2 and "no such folder; -o takes a file name" in proc.stderr
    assert not (tmp_path / "missing").exists()


def test_a_typed_urls_redirect_into_the_network_is_refused_as_such(site: NewsSite) -> None:
    proc = run_cli("brief", f"{site.url}/to-metadata", *REPLAY)
    assert proc.returncode == 7 and "a page's redirects may not point into your network" in proc.stderr


def test_failed_rows_stand_in_the_feeds_date_order(tmp_path: Path, site: NewsSite) -> None:
    ok = f"{site.url}/news/semeval25_EN_UA_024628.html"
    items = [("newest", ok, "Wed, 04 Nov 2026 06:00:00 GMT"), ("middle", f"{site.url}/missing",
             "Tue, 03 Nov 2026 06:00:00 GMT"), ("oldest", ok + "?copy=1", "Mon, 02 Nov 2026 06:00:00 GMT")]
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' + "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>" for t, link, d in items)
        + "</channel></rss>", encoding="utf-8")
    proc = run_cli("batch", str(feed), "-o", str(tmp_path / "out"), *REPLAY, "--allow-private")
    assert proc.returncode == 1, proc.stderr
    rows = [line for line in (tmp_path / "out" / "index.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith("| Article")]
    assert [("failed" in row) for row in rows] == [False, True, False]
    assert os.path.basename(rows[1].split("|")[1].strip()).startswith("missing")
