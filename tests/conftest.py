"""Shared helpers: run the real CLI in a subprocess, paths, and loopback servers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_ca47a91dfa488ab7.txt"
DATA = ROOT / "tests" / "data" / "corpus"
FAULT_ARTICLE = "tests/data/corpus/frank_xsum_38181139.txt"
# The project's recordings: what `--backend replay` reads in the tests (a user's default is their data folder).
FIXTURES = ROOT / "fixtures"
os.environ["SUMMARISER_FIXTURES"] = str(FIXTURES)  # for the tests that brief in this process
# The corpus articles with recorded briefings (fixtures/).
RECORDED = [
    "bbcsum_politics_014", "cnn_allennlp_c222979bd1", "frank_xsum_26065545", "frank_xsum_38181139",
    "semeval25_EN_UA_000104", "semeval25_EN_UA_008072", "semeval25_EN_UA_010735", "semeval25_EN_UA_021310",
    "semeval25_EN_UA_024628", "semeval25_EN_UA_102034",
]


# Run a command as root without the capabilities to bypass file permissions (util-linux's setpriv).
AS_NOBODY_CAN = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def run_cli(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
            timeout: float = 600, wrapper: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m summariser ARGS` from the project root, without any key in the environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    with tempfile.TemporaryDirectory() as home:  # a fresh cache and history unless the test gives one
        proc = subprocess.run(
            [*(wrapper or []), sys.executable, "-m", "summariser", *args], cwd=ROOT, input=stdin, capture_output=True,
            env={**base, "SUMMARISER_HOME": home, "SUMMARISER_FIXTURES": str(FIXTURES), **(env or {})}, timeout=timeout,
        )
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def briefing_json(*args: str, **kw: object) -> dict:  # type: ignore[type-arg]
    """Run `brief --format json` and parse its output, failing with stderr on error."""
    proc = run_cli("brief", *args, "--format", "json", **kw)  # type: ignore[arg-type]
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def seed_text() -> str:
    return (ROOT / SEED).read_text(encoding="utf-8")
