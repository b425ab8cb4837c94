"""The HAND-WRITTEN strong-model answers of tests/data/strong-answers/ (not recordings), served by article."""

from __future__ import annotations

from pathlib import Path

from .conftest import DATA, ROOT
from .fault_server import FaultServer

ANSWERS = ROOT / "tests" / "data" / "strong-answers"
NAMES = sorted(p.name.removesuffix(".json") for p in ANSWERS.glob("*.txt.json"))


def answer_text(name: str) -> str:
    """The hand-written answer for corpus article `name`, as the JSON text of its tool-call arguments."""
    return (ANSWERS / f"{name}.json").read_text(encoding="utf-8")


def serving(names: list[str] = NAMES) -> FaultServer:
    """A loopback OpenAI-compatible server giving each article's request (found by its title line, which
    every prompt carries) that article's hand-written answer."""
    titles = {_title(DATA / name): answer_text(name) for name in names}
    return FaultServer(ROOT / "fixtures", by_article=titles)


def _title(path: Path) -> str:
    """An article's first line, unique in the corpus."""
    return path.read_text(encoding="utf-8").splitlines()[0].strip()
