"""summariser: news article in, grounded analyst briefing out."""

from .errors import (
    AuthError,
    BackendError,
    BriefingError,
    InputError,
    ReplayMissError,
    SummariserError,
    UsageError,
)

__version__ = "0.1.0"

__all__ = [
    "AuthError", "BackendError", "BriefingError", "InputError", "ReplayMissError",
    "SummariserError", "UsageError", "__version__",
]
