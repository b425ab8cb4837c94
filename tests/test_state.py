"""The response cache and the history: only validated answers reused, per server; trouble with either is a
warning and never costs the briefing; both private to their owner."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
from pathlib import Path

from .conftest import AS_NOBODY_CAN, ROOT, SEED, run_cli
from .fault_server import FaultServer

MODEL = "SmolLM2-135M-Instruct.Q4_1"
KEY = {"OPENAI_API_KEY": "sk-test-state-0123456789"}


def brief(server: FaultServer, home: Path, *extra: str, wrapper: list[str] | None = None):  # type: ignore[no-untyped-def]
    return run_cli("brief", SEED, "--base-url", server.url, "--model", MODEL, *extra,
                   env={"SUMMARISER_HOME": str(home), **KEY}, wrapper=wrapper)


def test_an_answer_that_failed_is_never_replayed(tmp_path: Path) -> None:
    with FaultServer(ROOT / "fixtures", [("empty", {})]) as server:
        first = brief(server, tmp_path)
        assert first.returncode == 4 and "without any choice" in first.stderr and first.stderr.count("\n") == 1
        asked = len(server.bodies)
        second = brief(server, tmp_path)  # the server is healthy now: the failed question is asked again
    assert second.returncode == 0, second.stderr
    assert len(server.bodies) > asked


def test_a_malformed_answer_is_not_cached_but_its_valid_re_ask_is(tmp_path: Path) -> None:
    with FaultServer(ROOT / "fixtures", [("malformed", {})]) as server:
        assert brief(server, tmp_path).returncode == 0
        cached = sorted(p.name for p in (tmp_path / "cache").iterdir())
        assert len(cached) == 2  # two validated answers, the malformed one is not among them
        for entry in (tmp_path / "cache").iterdir():
            choice = json.loads(entry.read_text())["choices"][0]
            json.loads(choice["message"]["tool_calls"][0]["function"]["arguments"])  # each one parses


def test_the_cache_key_includes_the_server(tmp_path: Path) -> None:
    with FaultServer(ROOT / "fixtures") as one, FaultServer(ROOT / "fixtures") as two:
        assert brief(one, tmp_path).returncode == 0
        assert brief(one, tmp_path).returncode == 0 and len(one.bodies) == 2  # the rerun: from the cache
        assert brief(two, tmp_path).returncode == 0
    assert len(two.bodies) == 2  # another server's answers are not served for this one


def test_broken_cache_entries_are_misses_and_get_replaced(tmp_path: Path) -> None:
    with FaultServer(ROOT / "fixtures") as server:
        assert brief(server, tmp_path).returncode == 0
        entries = sorted((tmp_path / "cache").iterdir())
        entries[0].write_text("{not json")
        entries[1].unlink()
        entries[1].mkdir()  # a folder where an entry should be
        again = brief(server, tmp_path)
        assert again.returncode == 0 and again.stderr == ""
        assert len(server.bodies) == 2 + 2
    for entry in entries[:2]:
        assert entry.is_file() and json.loads(entry.read_text())["choices"]


def test_cache_and_history_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with FaultServer(ROOT / "fixtures") as server:
        assert brief(server, home).returncode == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "cache").stat().st_mode) == 0o700
    for path in [home / "history.db", *(home / "cache").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def expected_warning(proc) -> None:  # type: ignore[no-untyped-def]
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Briefing:")
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("summarise: warning: ") for line in lines), proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_home_that_is_a_file_costs_a_warning_not_the_briefing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    with FaultServer(ROOT / "fixtures") as server:
        expected_warning(brief(server, home))


def test_a_read_only_home_costs_a_warning_not_the_briefing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o500)
    with FaultServer(ROOT / "fixtures") as server:  # as root, without the power to write anywhere
        expected_warning(brief(server, home, wrapper=AS_NOBODY_CAN if os.geteuid() == 0 else []))


def test_a_garbage_history_costs_a_warning_and_logs_says_so_in_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "history.db").write_bytes(b"this is not a database" * 100)
    with FaultServer(ROOT / "fixtures") as server:
        proc = brief(server, home)
    expected_warning(proc)
    assert "history" in proc.stderr and proc.stderr.count("\n") == 1
    logs = run_cli("logs", env={"SUMMARISER_HOME": str(home)})
    assert logs.returncode == 1 and logs.stderr.count("\n") == 1 and "cannot be read" in logs.stderr


def test_a_history_locked_by_another_process_costs_a_warning_not_half_a_minute(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with FaultServer(ROOT / "fixtures") as server:
        assert brief(server, home).returncode == 0
        holder = sqlite3.connect(home / "history.db", isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            started = time.monotonic()
            proc = brief(server, home, "--no-cache")
            took = time.monotonic() - started
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    expected_warning(proc)
    assert took < 15


def test_cache_clear_can_remove_the_history_too(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with FaultServer(ROOT / "fixtures") as server:
        assert brief(server, home).returncode == 0
    proc = run_cli("cache", "clear", "--history", env={"SUMMARISER_HOME": str(home)})
    assert proc.returncode == 0 and "removed 2 cached responses" in proc.stderr and "removed the history" in proc.stderr
    assert not (home / "history.db").exists() and not (home / "cache").exists()
