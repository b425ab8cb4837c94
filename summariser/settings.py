"""What the user chose: backend, model, limits. Light to import (no client libraries)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError

EMBEDDED_MODEL = "SmolLM2-135M-Instruct.Q4_1"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


@dataclass
class Settings:
    """What the user chose; `api_key` is never logged or recorded."""

    backend: str = "auto"
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 300.0
    max_retries: int = 2
    transport_attempts: int = 5
    record: bool = False
    fixtures: Path = Path("fixtures")
    context_tokens: int | None = None
    flow: str = "auto"
    cache: bool = True
    concurrency: int = 8  # requests in flight at once to a server

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from SUMMARISER_* / OPENAI_* variables, then explicit overrides."""
        s = cls(
            backend=os.environ.get("SUMMARISER_BACKEND", "auto"),
            model=os.environ.get("SUMMARISER_MODEL") or None,
            base_url=os.environ.get("OPENAI_BASE_URL") or None,
            api_key=os.environ.get("OPENAI_API_KEY") or None,
        )
        for k, v in overrides.items():
            if v is not None:
                setattr(s, k, v)
        if s.backend == "auto":
            s.backend = "openai" if (s.api_key or s.base_url) else "embedded"
        if s.backend not in {"embedded", "openai", "replay"}:
            raise UsageError(f"unknown backend {s.backend!r}; choose embedded, openai or replay")
        return s

    @property
    def server(self) -> str:
        """The model server as shown in messages: its URL with any credentials masked, or the OpenAI API."""
        from .redact import url

        return url(self.base_url) if self.base_url else "OpenAI API"

    @property
    def gguf(self) -> Path | None:
        """The GGUF file the embedded backend runs instead of the shipped SmolLM2 (`--model PATH.gguf`)."""
        if self.backend == "embedded" and self.model and self.model.lower().endswith(".gguf"):
            return Path(self.model).expanduser()
        return None

    def model_name(self) -> str:
        """The model the backend will use."""
        if self.backend == "openai":
            return self.model or DEFAULT_OPENAI_MODEL
        if self.backend == "embedded":
            return self.gguf.stem if self.gguf else EMBEDDED_MODEL
        return self.model or EMBEDDED_MODEL

    def sections_for(self, model: str) -> bool:
        """Whether `model` gets the sectioned flow (small models) rather than one call."""
        if self.flow != "auto":
            return self.flow == "sections"
        return "smollm" in model.lower()

