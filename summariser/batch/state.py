"""A batch's state in OUTDIR: each article's output name, its fingerprint, and the append-only record of finished ones."""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import cache
from pathlib import Path

STATE = ".summarise-batch.jsonl"


def output_names(paths: list[Path]) -> dict[Path, str]:
    """A file name per article from its own name, made unique with its folder, then a number."""
    return Names(paths).of


class Names:
    """Output names handed out one article at a time (a feed's pages arrive during the batch): each unique."""

    def __init__(self, paths: list[Path]) -> None:
        self.of: dict[Path, str] = {}
        self.taken: set[str] = {"index"}  # index.md is the batch's own
        for p in paths:
            self.add(p)

    def add(self, p: Path) -> str:
        """The name of `p`'s outputs: its own name, else with its folder, else numbered."""
        if p in self.of:
            return self.of[p]
        for candidate in (p.stem, f"{p.parent.name}-{p.stem}"):
            if candidate.lower() not in self.taken:
                break
        n = 2
        while candidate.lower() in self.taken:
            candidate, n = f"{p.stem}-{n}", n + 1
        self.taken.add(candidate.lower())
        self.of[p] = candidate
        return candidate


@cache
def schema_hash() -> str:
    """Changes when the briefing's JSON contract does: a hash of its JSON Schema."""
    from ..briefing.model import Briefing

    return hashlib.sha256(json.dumps(Briefing.model_json_schema(), sort_keys=True).encode()).hexdigest()[:12]


def fingerprint(path: Path, model: str, prompt_version: str) -> str:
    """What a finished briefing depends on: the article's bytes, the model, the flow's prompts, the schema."""
    digest = hashlib.sha256(path.read_bytes() if path.is_file() else b"")
    digest.update(f"\0{model}\0{prompt_version}\0{schema_hash()}".encode())
    return digest.hexdigest()[:24]


class State:
    """OUTDIR's record of finished articles: a JSON line appended per article (a kill costs at most that line)."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / STATE
        self.done: dict[str, str] = {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            text = ""
        self._cut = bool(text) and not text.endswith("\n")  # a kill mid-line: start the next on a line of its own
        for line in text.splitlines():
            with contextlib.suppress(ValueError, KeyError, TypeError):
                record = json.loads(line)
                self.done[record["name"]] = record["mark"]

    @staticmethod
    def of(folder: Path) -> State | None:
        """The state of a batch's OUTDIR, or None when `folder` is not one."""
        return State(folder) if (folder / STATE).is_file() else None

    def briefing(self, name: str) -> Path:
        """Where the batch keeps `name`'s briefing JSON: beside the Markdown, or hidden when only that was asked."""
        shown = self.path.with_name(f"{name}.json")
        return shown if shown.is_file() else shown.with_name(f".{shown.name}")

    def briefings(self) -> list[Path]:
        """The briefing JSON of every article this batch finished."""
        return [path for path in map(self.briefing, sorted(self.done)) if path.is_file()]

    def is_finished(self, name: str, mark: str, formats: list[str]) -> bool:
        """Whether an earlier run briefed this article, for the same fingerprint, in every format asked for."""
        return self.done.get(name) == mark and all(self.path.with_name(f"{name}.{f}").is_file() for f in formats)

    def finished(self, name: str, mark: str) -> None:
        """Remember that `name` is briefed for fingerprint `mark` (its outputs are already in place)."""
        self.done[name] = mark
        with self.path.open("a", encoding="utf-8") as f:
            f.write(("\n" if self._cut else "") + json.dumps({"name": name, "mark": mark}) + "\n")
        self._cut = False
