"""summariser: news article in, verified analyst briefing out.

    >>> import summariser
    >>> briefing = summariser.brief(Path("article.txt"))            # the embedded model, no key needed
    >>> briefing = summariser.brief(text, model="gpt-4o")           # OPENAI_API_KEY from the environment
    >>> print(briefing.bottom_line, [a.name for a in briefing.key_actors])

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
    from .api import brief
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

__version__ = "0.1.0"

__all__ = [
    "Actor", "AuthError", "BackendError", "Briefing", "BriefingError", "Claim", "Confidence", "Deployment",
    "DiplomaticOutlook", "Dropped", "EvidenceSpan", "FetchError", "ForcePosture", "InputError", "Meta", "RefusedError",
    "ReplayMissError", "StateError", "SummariserError", "Usage", "UsageError", "Verification", "__version__", "brief",
]


def __getattr__(name: str) -> Any:
    """The API and the briefing types, imported on first use: the command line starts without pydantic."""
    if name == "brief":
        from .api import brief

        return brief
    if name in __all__:  # the errors are imported already: the rest of the list are the briefing's types
        from .briefing import model

        return getattr(model, name)
    raise AttributeError(f"module 'summariser' has no attribute {name!r}")
