"""The exception tree: every expected failure is a `SummariserError`.

    SummariserError            exit 1 unless a subclass says otherwise
    ├── StateError             exit 1: the history or cache in SUMMARISER_HOME cannot be read
    ├── UsageError             exit 2: bad arguments or configuration
    ├── InputError             exit 3: the article cannot be read or is unusable
    ├── BackendError           exit 4: the model could not be reached or answered badly
    │   ├── AuthError          401/403: wrong key or URL, never retried
    │   └── ReplayMissError    no recording for a request in replay mode
    ├── BriefingError          exit 5: no valid briefing after every attempt
    └── FetchError             exit 6: a page or feed could not be fetched (network, HTTP status, timeout)
        └── RefusedError       exit 7: a fetch refused (not http(s), private address, not a page, too large)

The CLI prints `str(error)` on one line and exits with `error.exit_code`;
anything else is a bug: one line naming it (the traceback with `-v`), exit 1.
"""

from __future__ import annotations


class SummariserError(Exception):
    """Base of every error the CLI reports as one line."""

    exit_code = 1


class StateError(SummariserError):
    """The history or the response cache cannot be read (`summarise logs`, `cache clear`)."""


class UsageError(SummariserError):
    """Bad arguments or configuration."""

    exit_code = 2


class InputError(SummariserError):
    """The article cannot be read or is unusable."""

    exit_code = 3


class BackendError(SummariserError):
    """The model could not be reached or gave no usable answer."""

    exit_code = 4


class AuthError(BackendError):
    """The server refused the credentials (401/403)."""


class ReplayMissError(BackendError):
    """Replay mode found no recording for a request."""


class BriefingError(SummariserError):
    """No valid briefing could be produced."""

    exit_code = 5


class FetchError(SummariserError):
    """A page or feed could not be fetched: network, HTTP status, timeout, redirects."""

    exit_code = 6


class RefusedError(FetchError):
    """A fetch refused before or while it ran: scheme, private address, content type, size."""

    exit_code = 7
