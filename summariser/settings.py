"""What the user chose: backend, model, limits — validated, with every default in one place (no client libraries)."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import UsageError

EMBEDDED_MODEL = "SmolLM2-135M-Instruct.Q4_1"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


class Backend(StrEnum):
    """Where answers come from."""

    EMBEDDED = "embedded"
    OPENAI = "openai"
    REPLAY = "replay"


class Flow(StrEnum):
    """How an article is asked: one call (strong models), small grounded calls (small models), or chosen by model."""

    AUTO = "auto"
    SINGLE = "single"
    SECTIONS = "sections"


def default_fixtures() -> Path:
    """Where `--record` writes and `--backend replay` reads: SUMMARISER_FIXTURES, else the user's data folder
    (never the project's test recordings by accident)."""
    from .store import home

    return Path(os.environ.get("SUMMARISER_FIXTURES") or home() / "fixtures")


class Settings(BaseModel):
    """What the user chose; `api_key` is never shown, logged or recorded."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)

    backend: Backend = Backend.EMBEDDED  # "auto" (or none) resolves: openai with a key or base URL, else embedded
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = Field(default=None, repr=False)
    timeout: float = Field(default=300.0, gt=0, allow_inf_nan=False)  # seconds an article may wait for a server
    max_retries: int = Field(default=2, ge=0)  # validation re-asks per question
    transport_attempts: int = Field(default=5, ge=1)  # tries of one request on transport faults
    record: bool = False
    fixtures: Path = Field(default_factory=default_fixtures)
    context_tokens: int | None = Field(default=None, gt=0)
    flow: Flow = Flow.AUTO
    cache: bool = True
    support_check: bool = True  # the one-call flow asks a judge whether each statement says what its sentences say
    concurrency: int = Field(default=8, ge=1)  # requests in flight at once to a server

    @model_validator(mode="before")
    @classmethod
    def _auto_backend(cls, data: Any) -> Any:
        """No backend, or "auto": openai when a key or a base URL is given, else embedded."""
        if isinstance(data, dict) and data.get("backend") in (None, "auto"):
            data = {**data, "backend": "openai" if data.get("api_key") or data.get("base_url") else "embedded"}
        return data

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from SUMMARISER_* / OPENAI_* variables, then the overrides that are not None."""
        chosen = {
            "backend": os.environ.get("SUMMARISER_BACKEND") or None,
            "model": os.environ.get("SUMMARISER_MODEL") or None,
            "base_url": os.environ.get("OPENAI_BASE_URL") or None,
            "api_key": os.environ.get("OPENAI_API_KEY") or None,
        }
        chosen.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate({k: v for k, v in chosen.items() if v is not None})
        except ValidationError as e:
            raise UsageError(_said(e)) from None

    @classmethod
    def default(cls, name: str) -> Any:
        """The default of one setting, for help texts."""
        return cls.model_fields[name].get_default(call_default_factory=True)

    @property
    def server(self) -> str:
        """The model server as shown in messages: its URL with any credentials masked, or the OpenAI API."""
        from .redact import url

        return url(self.base_url) if self.base_url else "OpenAI API"

    @property
    def gguf(self) -> Path | None:
        """The GGUF file the embedded backend runs instead of the shipped SmolLM2 (`--model PATH.gguf`)."""
        if self.backend == Backend.EMBEDDED and self.model and self.model.lower().endswith(".gguf"):
            return Path(self.model).expanduser()
        return None

    def model_name(self) -> str:
        """The model the backend will use."""
        if self.backend == Backend.OPENAI:
            return self.model or DEFAULT_OPENAI_MODEL
        if self.backend == Backend.EMBEDDED:
            return self.gguf.stem if self.gguf else EMBEDDED_MODEL
        return self.model or EMBEDDED_MODEL

    def sections_for(self, model: str) -> bool:
        """Whether `model` gets the sectioned flow (small models) rather than one call."""
        if self.flow != Flow.AUTO:
            return self.flow == Flow.SECTIONS
        return "smollm" in model.lower()


def _said(error: ValidationError) -> str:
    """A settings error in one line, naming the setting and never echoing a key."""
    first = error.errors()[0]
    field = ".".join(map(str, first["loc"])) or "settings"
    if first["type"] == "extra_forbidden":
        return f"unknown setting {field!r}"
    if field == "backend":
        return f"unknown backend {first['input']!r}; choose embedded, openai or replay"
    message = first["msg"]
    return f"{field}: {message[0].lower()}{message[1:]}"
