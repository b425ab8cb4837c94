"""The command line: one-line errors, exit codes, atomic output."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from .conftest import AS_NOBODY_CAN, ROOT, SEED, run_cli


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        ((), 2, None),
        (("brief",), 2, "the following arguments are required: PATH"),
        (("brief", SEED, "--format", "pdf"), 2, "invalid choice"),
        (("frobnicate",), 2, "invalid choice"),
        (("brief", "no/such/file.txt"), 3, "no/such/file.txt: no such file"),
        (("brief", "seeds"), 3, "is a directory"),
        (("brief", SEED, "--encoding", "klingon"), 3, "unknown encoding"),
        (("brief", SEED, "--backend", "openai"), 2, "no API key"),
    ],
)
def test_bad_usage_is_one_line_and_non_zero(args: tuple[str, ...], code: int, fragment: str | None) -> None:
    proc = run_cli(*args)
    assert proc.returncode == code
    if fragment is None:
        assert "usage: summarise" in proc.stdout  # bare `summarise` shows help
    else:
        assert proc.stderr.count("\n") == 1 and fragment in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr


def test_bad_stdin_is_one_line() -> None:
    proc = run_cli("brief", "-", "--backend", "replay", stdin=b"\xff\xfe\x00\x00 binary")
    assert proc.returncode == 3
    assert proc.stderr == "summarise: error: stdin: looks like binary data, not an article\n"


def test_unreadable_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    # As root (CI, these machines), without the capabilities that let root read any file.
    proc = run_cli("brief", str(path), wrapper=AS_NOBODY_CAN if os.geteuid() == 0 else [])
    assert proc.returncode == 3
    assert proc.stderr == f"summarise: error: {path}: permission denied\n"


def test_output_file_is_written_whole(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "brief.md"
    proc = run_cli("brief", SEED, "--backend", "replay", "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Briefing:")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_failure_leaves_no_output_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "brief.md"
    proc = run_cli("brief", SEED, "--backend", "replay", "--model", "unrecorded", "-o", str(out))
    assert proc.returncode == 4
    assert list(tmp_path.iterdir()) == []


def test_stdin_article_is_briefed_like_the_file(seed_text: str) -> None:
    from_file = run_cli("brief", SEED, "--backend", "replay", "--format", "json")
    from_stdin = run_cli("brief", "-", "--backend", "replay", "--format", "json", stdin=seed_text.encode())
    assert from_stdin.returncode == 0, from_stdin.stderr
    strip = lambda s: [line for line in s.splitlines() if '"seconds"' not in line and '"source"' not in line]  # noqa: E731
    assert strip(from_stdin.stdout) == strip(from_file.stdout)


def test_help_describes_backends_and_exit_codes() -> None:
    proc = run_cli("brief", "--help")
    assert proc.returncode == 0
    for word in ("--backend", "--base-url", "--record", "OPENAI_API_KEY", "exit codes"):
        assert word in proc.stdout


def test_huge_file_is_refused_with_the_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dump.txt"
    path.write_bytes(b"Word salad for the tests. " * 400_000)  # 10 MB
    proc = run_cli("brief", str(path), "--backend", "replay")
    assert proc.returncode == 3
    assert proc.stderr == f"summarise: error: {path}: larger than the 2 MB limit for one article\n"


@pytest.mark.model
@pytest.mark.parametrize("signal", [signal.SIGTERM, signal.SIGKILL])
def test_killed_run_leaves_no_output_file(tmp_path, signal: int) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "out"
    folder.mkdir()
    # A home of its own: the user's response cache could answer the seed before the kill.
    env = {**os.environ, "SUMMARISER_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([sys.executable, "-m", "summariser", "brief", SEED, "-o", str(folder / "brief.md")],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(4)  # mid-way: the model is loaded and answering
    assert proc.poll() is None
    proc.send_signal(signal)
    proc.wait(timeout=30)
    assert list(folder.iterdir()) == []


def test_no_fixture_holds_a_key() -> None:
    for path in (ROOT / "fixtures").glob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"sk-[A-Za-z0-9_\-]{8,}", text), path
        assert "authorization" not in text.lower() and "api_key" not in text.lower(), path


def test_an_unexpected_error_is_one_line_and_exit_1(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """A broken install (the lxml.html.clean split) or a bug: one line, `-v` for the traceback."""
    from summariser import cli, text

    def broken(*_: object, **__: object) -> None:
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean\nmore")

    monkeypatch.setattr(text, "load", broken)
    assert cli.main(["brief", SEED, "--backend", "replay"]) == 1
    err = capsys.readouterr().err
    assert err == ("summarise: error: unexpected ImportError: lxml.html.clean module is now a separate project "
                   "lxml_html_clean; run again with -v for the traceback\n")
    assert cli.main(["brief", SEED, "--backend", "replay", "-v"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and err.endswith("lxml_html_clean\n")


def test_output_that_is_the_input_is_refused_and_the_article_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "article.txt"
    original = (ROOT / SEED).read_bytes()
    article.write_bytes(original)
    (tmp_path / "link.txt").symlink_to(article)
    for output in (article, tmp_path / "link.txt", tmp_path / "." / "article.txt"):
        proc = run_cli("brief", str(article), "--backend", "replay", "-o", str(output))
        assert proc.returncode == 2 and "is the input" in proc.stderr and proc.stderr.count("\n") == 1
    assert article.read_bytes() == original


def test_output_never_replaces_a_device_a_fifo_or_a_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import stat

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    targets = [fifo, tmp_path]
    if os.geteuid() == 0:  # CI and these machines: root may create a device node, and must not replace it
        device = tmp_path / "null"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets.append(device)
    for output in targets:
        before = os.lstat(output)
        proc = run_cli("brief", SEED, "--backend", "replay", "-o", str(output))
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
        after = os.lstat(output)
        assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)


def test_output_through_a_symlink_keeps_the_link_and_the_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    real = tmp_path / "real.md"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "brief.md"
    link.symlink_to(real)
    assert run_cli("brief", SEED, "--backend", "replay", "-o", str(link)).returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# Briefing:")
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)
    fresh = tmp_path / "new.md"
    assert run_cli("brief", SEED, "--backend", "replay", "-o", str(fresh)).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert oct(fresh.stat().st_mode & 0o777) == oct(0o666 & ~umask)  # as a shell redirect would make it


def test_output_problems_are_found_before_the_model_is_asked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from .fault_server import FaultServer

    with FaultServer(ROOT / "fixtures") as server:
        for output, message in ((tmp_path / "missing" / "brief.md", "no such folder"),
                                (tmp_path, "is a directory")):
            proc = run_cli("brief", SEED, "--base-url", server.url, "--model", "m", "-o", str(output))
            assert proc.returncode == 2 and message in proc.stderr and proc.stderr.count("\n") == 1
    assert server.bodies == []
