"""Transport faults against a real HTTP server on 127.0.0.1: retries, backoff, auth."""

from __future__ import annotations

import json
import re
import subprocess
import time

import pytest

from .conftest import ROOT, SEED, run_cli
from .fault_server import FaultServer
from .test_replay import without_seconds

MODEL = "SmolLM2-135M-Instruct.Q4_1"
KEY = "sk-test-0123456789abcdefSECRET"


def brief_via(server: FaultServer, *extra: str, key: str = KEY):  # type: ignore[no-untyped-def]
    return run_cli("brief", SEED, "--base-url", server.url, "--model", MODEL, "-v", *extra,
                   env={"OPENAI_API_KEY": key})


def test_429_and_503_are_retried_and_the_briefing_is_correct() -> None:
    faults = [(429, {"Retry-After": "1"}), (503, {})]
    with FaultServer(ROOT / "fixtures", faults) as server:
        proc = brief_via(server)
    assert proc.returncode == 0, proc.stderr
    assert len(server.requests) == 2 + 2  # two questions, both faults first
    limited = server.bodies[0]  # the request that got the 429
    retry = next(i for i in range(1, 5) if server.bodies[i]["messages"] == limited["messages"])
    assert server.requests[retry][0] - server.requests[0][0] >= 1.0  # Retry-After honoured
    assert "HTTP 429" in proc.stderr and "HTTP 503" in proc.stderr
    expected = (ROOT / "tests" / "expected" / "seed.md").read_text(encoding="utf-8")
    body = without_seconds(proc.stdout).replace("*openai · ", "*replay · ")
    assert body == expected  # the same briefing the recording gives
    assert KEY not in proc.stderr and KEY not in proc.stdout


def test_persistent_5xx_gives_up_with_the_attempt_count() -> None:
    with FaultServer(ROOT / "fixtures", [(500, {})] * 100) as server:
        proc = run_cli("brief", SEED, "--base-url", server.url, "--model", MODEL, "--timeout", "30",
                       env={"OPENAI_API_KEY": KEY})
    assert proc.returncode == 4
    # Five attempts per question; the first question to give up ends the article and its siblings.
    assert 5 <= len(server.requests) <= 3 * 5
    assert re.fullmatch(r"summarise: error: http://127\.0\.0\.1:\d+/v1: HTTP 500 after 5 attempt\(s\)\n", proc.stderr)


def test_401_is_not_retried_and_names_the_key_variable() -> None:
    with FaultServer(ROOT / "fixtures", [(401, {})] * 3) as server:
        proc = brief_via(server)
    assert proc.returncode == 4
    # The first refusal ends the article, so a question still waiting for the evidence may never go
    # out; none that went out was asked again.
    asked = [json.dumps(body["messages"]) for body in server.bodies]
    assert 1 <= len(asked) <= 3 and len(set(asked)) == len(asked)
    last = proc.stderr.strip().splitlines()[-1]
    assert "refused the credentials (HTTP 401)" in last and "OPENAI_API_KEY" in last
    assert KEY not in proc.stderr
    assert server.requests[0][1] == f"Bearer {KEY}"  # the key went to the server, and nowhere else


def test_connection_refused_is_one_line_after_every_attempt() -> None:
    with FaultServer(ROOT / "fixtures") as server:
        url = server.url
    # Five attempts back off at most 0.5 + 1 + 2 + 4 s: well inside the timeout, so all five are made.
    proc = run_cli("brief", SEED, "--base-url", url, "--model", MODEL, "--timeout", "60")
    assert proc.returncode == 4
    assert proc.stderr == f"summarise: error: {url}: connection failed after 5 attempt(s)\n"


def test_a_cut_answer_is_retried_with_a_larger_budget() -> None:
    with FaultServer(ROOT / "fixtures", [("length", {})]) as server:
        proc = brief_via(server)
    assert proc.returncode == 0, proc.stderr
    cut = server.bodies[0]
    again = [b for b in server.bodies[1:] if b["messages"] == cut["messages"]]
    assert len(server.bodies) == 3 and again[0]["max_tokens"] == 2 * cut["max_tokens"]
    assert "answer cut at" in proc.stderr


def test_malformed_json_is_re_asked_and_the_briefing_is_correct() -> None:
    with FaultServer(ROOT / "fixtures", [("malformed", {})]) as server:
        proc = brief_via(server)
    assert proc.returncode == 0, proc.stderr
    assert len(server.bodies) == 3
    malformed = server.bodies[0]
    assert any(b["messages"][:2] == malformed["messages"] and len(b["messages"]) > 2  # the re-ask carries the error
               for b in server.bodies[1:])
    expected = (ROOT / "tests" / "expected" / "seed.md").read_text(encoding="utf-8")
    # The footer differs: the malformed answer's tokens count too, and there was one more attempt.
    assert proc.stdout.rsplit("\n---\n", 1)[0] == expected.rsplit("\n---\n", 1)[0]
    assert "· 2 calls, 3 attempts ·" in proc.stdout


def test_always_malformed_fails_with_the_cause_and_attempts() -> None:
    with FaultServer(ROOT / "fixtures", [("malformed", {})] * 20) as server:
        proc = run_cli("brief", SEED, "--base-url", server.url, "--model", MODEL, "--max-retries", "1")
    assert proc.returncode == 5
    assert len(server.bodies) == 4  # two questions, two attempts each
    assert proc.stderr.count("\n") == 1
    assert re.match(r"summarise: error: the model gave no valid answer to any question: .* after 2 attempts", proc.stderr)


def test_a_server_slower_than_the_timeout_fails_within_it() -> None:
    with FaultServer(ROOT / "fixtures", [("slow", {"seconds": "6"})] * 3) as server:
        proc = run_cli("brief", SEED, "--base-url", server.url, "--model", MODEL, "--timeout", "2")
    assert proc.returncode == 4
    assert proc.stderr.count("\n") == 1
    assert re.search(r"timed out after 1 attempt\(s\)|no complete answer within --timeout 2 s", proc.stderr)


def timed(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.monotonic()
    proc = run_cli(*args)
    return time.monotonic() - started, proc


def test_the_timeout_bounds_the_whole_wait_for_a_server_that_never_answers() -> None:
    with FaultServer(ROOT / "fixtures", [("slow", {"seconds": "60"})] * 20) as server:
        took, proc = timed("brief", SEED, "--base-url", server.url, "--model", MODEL, "--timeout", "3")
        start_up, _ = timed("brief", "no/such/file.txt")  # Python and our imports, side by side
    assert proc.returncode == 4 and proc.stderr.count("\n") == 1
    assert took < 3 + 1 + start_up + 1  # the timeout, a second, and the start-up the model part does not include


def test_a_retry_after_longer_than_the_time_left_ends_at_once() -> None:
    with FaultServer(ROOT / "fixtures", [(503, {"Retry-After": "3600"})] * 3) as server:
        took, proc = timed("brief", SEED, "--base-url", server.url, "--model", MODEL, "--timeout", "10")
    assert proc.returncode == 4 and proc.stderr.count("\n") == 1
    assert "asks to wait 3600 s (Retry-After), more than the" in proc.stderr and "--timeout 10" in proc.stderr
    assert took < 8


@pytest.mark.parametrize("value", ["0", "-1", "nan", "soon"])
def test_a_timeout_that_is_not_positive_is_a_usage_error(value: str) -> None:
    proc = run_cli("brief", SEED, "--backend", "replay", "--timeout", value)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--timeout" in proc.stderr


def test_recording_through_a_keyed_server_stores_no_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with FaultServer(ROOT / "fixtures") as server:
        proc = brief_via(server, "--record", "--fixtures", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    recorded = list(tmp_path.glob("*.json"))
    assert len(recorded) == 2
    for path in recorded:
        assert KEY not in path.read_text(encoding="utf-8")
    assert KEY not in proc.stderr  # -v diagnostics included


def test_a_redirect_to_another_origin_is_not_followed() -> None:
    with FaultServer(ROOT / "fixtures") as elsewhere:
        other = elsewhere.url.replace("127.0.0.1", "localhost") + "/chat/completions"
        with FaultServer(ROOT / "fixtures", [("redirect", {"Location": other})] * 20) as server:
            proc = brief_via(server)
    assert proc.returncode == 4 and "redirected the request to another origin" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("summarise: error: ")
    assert elsewhere.bodies == []  # the article never left for the other origin
    assert len(server.bodies) <= 3  # refused at once, not retried


def test_credentials_in_the_base_url_are_never_shown() -> None:
    with FaultServer(ROOT / "fixtures", [(500, {})] * 100) as server:
        url = server.url.replace("http://", "http://analyst:hunter2-secret@") + "?api_key=sk-in-query-0123456789"
        proc = run_cli("brief", SEED, "--base-url", url, "--model", MODEL, "--timeout", "2", "-v")
    assert proc.returncode == 4
    assert "hunter2" not in proc.stderr and "sk-in-query" not in proc.stderr
    assert "analyst:***@127.0.0.1" in proc.stderr
