"""Text that leaves the process (logs, recordings, error lines) with API keys removed, and shown rather than acted
on: control and bidi characters from an article, a page, a feed or a model never reach a terminal raw. Imports
nothing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9_\-]{8,}")
# Characters a terminal or a text direction would act on: C0 controls but tab and newline, DEL, C1 controls,
# and the bidirectional formatting characters (a "Trojan Source" reordering).
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_ACTIVE = re.compile(f"{ACTIVE.pattern[:-1]}\n\t]")  # on one terminal line, newlines and tabs too


def shown(text: str, one_line: bool = False) -> str:
    """Text with its active characters shown (␛ for ESC, <U+202E> for a bidi override) instead of acted on;
    `one_line` shows newlines and tabs too (␊, ␉), so that a line stays one line."""
    def show(m: re.Match[str]) -> str:
        code = ord(m.group())
        if code < 0x20:
            return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC
        return "\u2421" if code == 0x7F else f"<U+{code:04X}>"

    return (_LINE_ACTIVE if one_line else ACTIVE).sub(show, text)


# The credentials of a URL ("http://alice:secret@host/"): what comes between the scheme and an "@".
_USERINFO = re.compile(r"\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#@\s]+)@")


def scrub(text: str, secret: str | None = None) -> str:
    """Remove API keys, and the passwords of URLs, from text that is about to be logged, stored or shown."""
    if secret:
        text = text.replace(secret, "[REDACTED]")
    text = _USERINFO.sub(lambda m: f"{m.group(1)}{_masked(m.group(2))}@", text)
    return _KEY_PATTERN.sub("[REDACTED]", text)


def _masked(userinfo: str) -> str:
    """A URL's user kept, its password masked; a user alone (often a token) masked."""
    return f"{userinfo.split(':', 1)[0]}:***" if ":" in userinfo else "***"


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
        netloc = f"{_masked(user)}@{host}"
    query = "&".join(f"{pair.split('=', 1)[0]}=***" for pair in parts.query.split("&")) if parts.query else ""
    return scrub(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))
