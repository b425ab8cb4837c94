"""The command line: one-line errors, exit codes, atomic output."""

from __future__ import annotations

import os

import pytest

from .conftest import SEED, run_cli


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
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    assert run_cli("brief", str(path)).returncode == 3


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
