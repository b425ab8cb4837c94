"""Prompt templates: sandboxed Jinja2 files, versioned by the content of the templates a flow uses."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jinja2 loads when a prompt is rendered, not when the version is asked (reruns)
    from jinja2.sandbox import SandboxedEnvironment

# Bump the name when the prompts' intent changes; the hash tracks every edit.
PROMPT_SERIES = "v1"
# The templates each flow renders: its prompt version is theirs alone.
FLOW_TEMPLATES = {"single": ("system", "briefing", "judge_system", "judge"), "sections": ("picks_system", "claims", "assessment")}


@cache
def prompt_dir() -> Path:
    """The shipped prompts (inside the wheel) or the checkout's top-level prompts/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "prompts", here.parent / "prompts"):
        if (candidate / "system.j2").is_file():
            return candidate
    raise FileNotFoundError("prompt templates not found; reinstall summariser")


@cache
def _env() -> SandboxedEnvironment:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader(prompt_dir()), undefined=StrictUndefined,
        keep_trailing_newline=False, autoescape=False,
    )


@cache
def version(names: tuple[str, ...]) -> str:
    """`v1-<hash>` of these templates: changes when one of them does, and only then."""
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode() + b"\0" + (prompt_dir() / f"{name}.j2").read_bytes())
    return f"{PROMPT_SERIES}-{digest.hexdigest()[:10]}"


def render(name: str, **values: object) -> str:
    """Render `prompts/<name>.j2` with these values."""
    return _env().get_template(f"{name}.j2").render(**values).strip()


def flow_version(small: bool) -> str:
    """The version of the prompts a flow renders: the sections flow for small models, else the single one."""
    return version(FLOW_TEMPLATES["sections" if small else "single"])
