"""Text that leaves the process (logs, recordings, error lines) with API keys removed. Imports nothing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9_\-]{8,}")


def scrub(text: str, secret: str | None = None) -> str:
    """Remove API keys from text that is about to be logged or recorded."""
    if secret:
        text = text.replace(secret, "[REDACTED]")
    return _KEY_PATTERN.sub("[REDACTED]", text)


def first_line(text: str) -> str:
    """The first line of an error message, bounded and scrubbed: what fits on the user's one line."""
    stripped = text.strip()
    return scrub(stripped.splitlines()[0] if stripped else "unknown error")[:300]


def url(address: str) -> str:
    """A server address fit to show: a password in it, and the values of its query, masked."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return "(an unreadable URL)"
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}:***@{host}" if ":" in user else f"***@{host}"
    query = "&".join(f"{pair.split('=', 1)[0]}=***" for pair in parts.query.split("&")) if parts.query else ""
    return scrub(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))
