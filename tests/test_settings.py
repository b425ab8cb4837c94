"""Settings refuse nonsense in one line, keep every default in one place, and never point at the test recordings."""

from __future__ import annotations

from pathlib import Path

import pytest

import summariser
from summariser.cli import build_parser
from summariser.errors import InputError, UsageError
from summariser.settings import Backend, Flow, Settings

from .conftest import ROOT, SEED, run_cli


@pytest.mark.parametrize("given, message", [
    ({"flow": "sectons"}, "flow: input should be 'auto', 'single' or 'sections'"),
    ({"backend": "openia"}, "unknown backend 'openia'; choose embedded, openai or replay"),
    ({"max_retries": -1}, "max_retries: input should be greater than or equal to 0"),
    ({"timeout": 0}, "timeout: input should be greater than 0"),
    ({"concurrency": 0}, "concurrency: input should be greater than or equal to 1"),
    ({"context_tokens": -5}, "context_tokens: input should be greater than 0"),
    ({"modle": "gpt-4o"}, "unknown setting 'modle'"),
])
def test_nonsense_is_refused_naming_the_setting(given: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        Settings.from_env(**given)
    assert str(caught.value) == message


def test_the_api_refuses_a_misspelt_flow_instead_of_running_another() -> None:
    with pytest.raises(UsageError, match="flow: input should be"):
        summariser.brief("An article long enough to be briefed. " * 10, backend="replay", flow="sectons")


def test_a_str_that_names_a_file_gets_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    with pytest.raises(InputError, match=r"names a file, and a str is the article's text: pass a Path"):
        summariser.brief(SEED, backend="replay")


def test_backend_auto_follows_the_key_and_the_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISER_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    assert Settings.from_env().backend is Backend.EMBEDDED
    assert Settings.from_env(base_url="http://127.0.0.1:8080/v1").backend is Backend.OPENAI
    assert Settings.from_env(backend="auto", api_key="sk-test-auto").backend is Backend.OPENAI
    monkeypatch.setenv("SUMMARISER_BACKEND", "replay")
    assert Settings.from_env().backend is Backend.REPLAY


def test_the_key_is_never_shown() -> None:
    settings = Settings(api_key="sk-test-never-shown-123")
    assert "sk-test" not in repr(settings) and "sk-test" not in str(settings)


def test_the_command_line_leaves_defaults_to_settings() -> None:
    args = build_parser().parse_args(["brief", "x.txt"])
    assert args.flow is None and args.max_retries is None and args.timeout is None and args.fixtures is None
    help_text = build_parser()._subparsers._group_actions[0].choices["brief"].format_help()  # type: ignore[union-attr]
    assert f"(default: {Settings.default('max_retries')})" in help_text
    assert Settings.default("flow") is Flow.AUTO


def test_recordings_default_to_the_users_folder_not_the_projects(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUMMARISER_FIXTURES")
    monkeypatch.setenv("SUMMARISER_HOME", str(tmp_path))
    assert Settings().fixtures == tmp_path / "fixtures"
    proc = run_cli("brief", SEED, "--backend", "replay", env={"SUMMARISER_HOME": str(tmp_path),
                                                             "SUMMARISER_FIXTURES": ""})
    assert proc.returncode == 4
    assert "no recording for request" in proc.stderr and f"{tmp_path / 'fixtures'}/" in proc.stderr
    assert "SUMMARISER_FIXTURES" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
