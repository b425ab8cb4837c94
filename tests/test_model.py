"""Real runs of the embedded model: in-process, and through a real llama_cpp.server."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest

from summariser.briefing.verify import norm
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
