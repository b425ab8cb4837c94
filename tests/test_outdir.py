"""A batch's OUTDIR: inputs never replaced, the index's name reserved, one batch at a time, only our own temporary
files cleaned, no state or index written through a symlink. Real files and processes, recorded answers."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

from summariser.batch.guard import LOCK
from summariser.batch.state import STATE

from .conftest import ROOT, SEED, run_cli

REPLAY = ("--backend", "replay")


def test_a_batch_whose_output_is_its_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(ROOT / SEED, folder / "report.md")
    before = (folder / "report.md").read_bytes()
    for args in (("batch", str(folder), "-o", str(folder)), ("batch", str(folder / "report.md"), "-o", str(folder))):
        proc = run_cli(*args, *REPLAY)
        assert proc.returncode == 2, proc.stderr
        assert "is the input" in proc.stderr and "choose another -o" in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert (folder / "report.md").read_bytes() == before
        assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == ["report.md"]


def test_an_article_named_index_keeps_its_briefing_beside_the_index(tmp_path: Path) -> None:
    src, out = tmp_path / "news", tmp_path / "out"
    src.mkdir()
    shutil.copy(ROOT / SEED, src / "index.txt")
    proc = run_cli("batch", str(src), "-o", str(out), *REPLAY)
    assert proc.returncode == 0, proc.stderr
    index = (out / "index.md").read_text(encoding="utf-8")
    briefing = (out / "news-index.md").read_text(encoding="utf-8")
    assert "news-index" in index and "## Bottom line" in briefing and "## Bottom line" not in index
    again = run_cli("batch", str(src), "-o", str(out), *REPLAY)  # a rerun finds it briefed, and it is there
    assert again.returncode == 0 and "1 already done" in again.stderr
    assert (out / "news-index.md").read_text(encoding="utf-8") == briefing


def test_a_second_batch_in_the_same_outdir_is_refused_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a running batch holds it
    try:
        proc = run_cli("batch", SEED, "-o", str(out), *REPLAY)
    finally:
        os.close(fd)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"summarise: error: {out}: another summarise batch is writing there; wait for it to finish or choose "
        "another -o"]
    assert not (out / "index.md").exists()
    assert run_cli("batch", SEED, "-o", str(out), *REPLAY).returncode == 0  # once the first is done


def test_only_our_temporary_files_of_writers_gone_are_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / ".notes.tmp"  # the user's own
    mine.write_text("keep me", encoding="utf-8")
    gone = out / ".seed.md.999999999.abc_1234.tmp"  # ours, from a writer that no longer runs
    gone.write_text("half a briefing", encoding="utf-8")
    live = out / f".other.md.{os.getpid()}.xyz_9876.tmp"  # ours, from a writer still running (this test)
    live.write_text("being written", encoding="utf-8")
    proc = run_cli("batch", SEED, "-o", str(out), *REPLAY)
    assert proc.returncode == 0, proc.stderr
    assert mine.read_text(encoding="utf-8") == "keep me" and live.exists() and not gone.exists()


def test_state_and_index_are_never_written_through_a_symlink(tmp_path: Path) -> None:
    for name in (STATE, "index.md"):
        out, target = tmp_path / f"out-{name}", tmp_path / f"elsewhere-{name}"
        out.mkdir()
        target.write_text("the user's file\n", encoding="utf-8")
        (out / name).symlink_to(target)
        proc = run_cli("batch", SEED, "-o", str(out), *REPLAY)
        assert proc.returncode == 2 and "is a symbolic link" in proc.stderr
        assert target.read_text(encoding="utf-8") == "the user's file\n"


def test_two_links_of_a_feed_never_share_a_page_file() -> None:
    from summariser.web.feeds import page_name

    # These two shared a name when it carried 6 hex digits of the link's hash (found by a search for a collision).
    first, second = "http://news.example/story?title=Story3680", "http://news.example/story?title=Story4647"
    assert page_name(first) != page_name(second)
    assert page_name(first) == page_name(first) and page_name(first).startswith("story-")
