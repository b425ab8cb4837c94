"""summariser: news article in, verified analyst briefing out.

    >>> import summariser
    >>> briefing = summariser.brief(Path("article.txt"))            # the embedded model, no key needed
    >>> briefing = summariser.brief(text, model="gpt-4o")           # OPENAI_API_KEY from the environment
    >>> print(briefing.bottom_line, [a.name for a in briefing.key_actors])
    >>> summariser.check(summary_text, Path("article.txt")).supported   # every sentence supported? (no model)

The package's layout (each package's docstring says more):

    text/      load, decode, segment, flag instructions   evidence/  entities, speech, deployments (spaCy)
    briefing/  final types, drafts, verification           flow/      plan -> ask -> verify -> assemble
    llm/       client, providers, transport, recording     batch/     state, scheduler, OpenAI Batch API
    digest.py  evaluate.py  render/  history.py  store.py  commands.py (one function per command)  cli.py
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    AuthError,
    BackendError,
    BriefingError,
    FetchError,
    InputError,
    RefusedError,
    ReplayMissError,
    StateError,
    SummariserError,
    UsageError,
)

if TYPE_CHECKING:
    from .api import brief, check
    from .briefing.model import (
        Actor,
        Briefing,
        Claim,
        Confidence,
        Deployment,
        DiplomaticOutlook,
        Dropped,
        EvidenceSpan,
        ForcePosture,
        Meta,
        Usage,
        Verification,
    )
    from .checks import Aligned, Check, CheckedSentence

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Aligned",
    "AuthError",
    "BackendError",
    "Briefing",
    "BriefingError",
    "Check",
    "CheckedSentence",
    "Claim",
    "Confidence",
    "Deployment",
    "DiplomaticOutlook",
    "Dropped",
    "EvidenceSpan",
    "FetchError",
    "ForcePosture",
    "InputError",
    "Meta",
    "RefusedError",
    "ReplayMissError",
    "StateError",
    "SummariserError",
    "Usage",
    "UsageError",
    "Verification",
    "__version__",
    "brief",
    "check",
]


def __getattr__(name: str) -> Any:
    """The API and the briefing types, imported on first use: the command line starts without pydantic."""
    if name in ("brief", "check"):
        from . import api

        return getattr(api, name)
    if name in ("Check", "CheckedSentence", "Aligned"):
        from . import checks as check

        return getattr(check, name)
    if name in __all__:  # the errors are imported already: the rest of the list are the briefing's types
        from .briefing import model

        return getattr(model, name)
    raise AttributeError(f"module 'summariser' has no attribute {name!r}")
