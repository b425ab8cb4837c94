"""Prompt templates: sandboxed Jinja2 files, versioned by their content."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jinja2 loads when a prompt is rendered, not when the version is asked (reruns)
    from jinja2.sandbox import SandboxedEnvironment

# Bump the name when the prompts' intent changes; the hash tracks every edit.
PROMPT_SERIES = "v1"


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
def version() -> str:
    """`v1-<hash>`: changes whenever any template changes."""
    digest = hashlib.sha256()
    for path in sorted(prompt_dir().glob("*.j2")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{PROMPT_SERIES}-{digest.hexdigest()[:10]}"


def render(name: str, **values: object) -> str:
    """Render `prompts/<name>.j2` with these values."""
    return _env().get_template(f"{name}.j2").render(**values).strip()
