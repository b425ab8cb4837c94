"""Render a validated briefing; rendering never calls the LLM."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..schemas import Briefing

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_REF = re.compile(r"\\\[((?:S\d+(?:, )?)+)\\\]$")


def md(text: object) -> str:
    """Escape article-derived text so it cannot inject links, images, HTML or tables."""
    s = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", s)


def refs(ids: list[str]) -> str:
    """`[S3] [S5]` references to the evidence section."""
    return " ".join(f"[{sid}]" for sid in ids)


def md_with_refs(text: str) -> str:
    """Escape text but keep a trailing `[S1, S2]` citation readable."""
    escaped = md(text)
    return _REF.sub(lambda m: " ".join(f"[{sid}]" for sid in m.group(1).split(", ")), escaped)


@cache
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
    )
    env.filters.update(md=md, refs=refs, md_with_refs=md_with_refs)
    return env


def to_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown."""
    return _env().get_template("briefing.md.j2").render(b=briefing)


def to_json(briefing: Briefing) -> str:
    """The briefing as JSON (the documented contract)."""
    return briefing.model_dump_json(indent=2) + "\n"
