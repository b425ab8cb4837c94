"""Real runs of the embedded model: in-process, and through a real llama_cpp.server."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest

from summariser.briefing.names import norm
from summariser.llm.embedded import model_path
from summariser.settings import EMBEDDED_MODEL

from .conftest import ROOT, SEED, briefing_json, free_port

SECTIONS = ("# Briefing:", "## Bottom line", "## Key actors", "## Claims", "## Force posture",
            "## Diplomatic outlook", "## Confidence and gaps", "## Evidence", "## Verification")


def assert_grounded(b: dict, text: str) -> None:  # type: ignore[type-arg]
    assert b["key_actors"] and b["claims"] and b["bottom_line"]
    for sid, span in b["evidence"].items():
        assert text[span["start"] : span["end"]] == span["text"], sid
    for claim in b["claims"]:
        assert claim["quote"] is None or norm(claim["quote"]) in norm(text)
        assert set(claim["evidence"]) <= set(b["evidence"])


@pytest.mark.model
def test_embedded_model_briefs_the_seed(seed_text: str) -> None:
    from .conftest import run_cli

    proc = run_cli("brief", SEED)
    assert proc.returncode == 0, proc.stderr
    for heading in SECTIONS:
        assert heading in proc.stdout
    assert "*embedded · SmolLM2-135M-Instruct.Q4_1" in proc.stdout
    b = briefing_json(SEED, "--backend", "embedded")
    assert b["meta"]["backend"] == "embedded" and b["meta"]["usage"]["completion_tokens"] > 0
    assert_grounded(b, seed_text)


@pytest.fixture(scope="module")
def llama_server():  # type: ignore[no-untyped-def]
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "summariser.llm.embedded", "--model", str(model_path()),
         "--model_alias", EMBEDDED_MODEL, "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/models", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("llama_cpp.server exited at start")
            time.sleep(0.5)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.server
def test_base_url_against_a_real_llama_cpp_server(llama_server: str, seed_text: str) -> None:
    b = briefing_json(SEED, "--base-url", llama_server, "--model", EMBEDDED_MODEL, timeout=600)
    assert b["meta"]["backend"] == "openai" and b["meta"]["model"] == EMBEDDED_MODEL
    assert b["meta"]["usage"]["prompt_tokens"] > 0
    assert_grounded(b, seed_text)


@pytest.mark.model
def test_any_gguf_given_by_path_runs_in_process(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The shipped SmolLM2 file given by path (and by SUMMARISER_MODEL) briefs exactly like the default."""
    from .conftest import run_cli

    path = str(model_path())
    default = run_cli("brief", SEED, "--backend", "embedded")
    given = run_cli("brief", SEED, "--backend", "embedded", "--model", path)
    from_env = run_cli("brief", SEED, "--backend", "embedded", env={"SUMMARISER_MODEL": path})
    assert default.returncode == given.returncode == from_env.returncode == 0, given.stderr
    strip = lambda text: text.rsplit("·", 1)[0]  # noqa: E731 - all but the seconds
    assert strip(given.stdout) == strip(default.stdout) == strip(from_env.stdout)
    missing = run_cli("brief", SEED, "--backend", "embedded", "--model", str(tmp_path / "missing.gguf"))
    assert missing.returncode == 4 and missing.stderr.count("\n") == 1 and "no model file" in missing.stderr


def test_flow_auto_gives_large_local_models_the_one_call_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    from summariser.llm import embedded
    from summariser.llm.providers import Embedded
    from summariser.settings import Settings

    given = Settings(backend="embedded", model=str(model_path()))
    assert Embedded().small(given)  # 135M parameters: the sectioned flow
    monkeypatch.setattr(embedded, "parameters", lambda path: 7e9)
    assert not Embedded().small(given)  # a 7B model writes its own briefing
    assert Embedded().small(Settings(backend="embedded", model=str(model_path()), flow="sections"))
    assert Embedded().small(Settings(backend="embedded"))  # the shipped SmolLM2
