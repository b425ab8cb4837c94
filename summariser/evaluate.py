"""Evaluation: brief a folder of articles and measure validity, grounding and recall.

Actor recall uses SemEval-2025 Task 10 entity annotations (`annotations/<article>.txt`,
lines `entity<TAB>start<TAB>end<TAB>role...` after the "Subtask 1" heading).
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .briefing.model import Briefing
from .briefing.names import folded, names_one, norm
from .evidence import Evidence
from .text import Article


@dataclass
class Score:
    """Figures for one article; None where a figure does not apply."""

    article: str
    valid: bool
    error: str | None = None
    actors: int = 0
    actors_in_article: float | None = None
    quotes: int = 0
    quotes_verbatim: float | None = None
    cited_ids_exist: float | None = None
    actor_recall: float | None = None
    duplicate_actors: float | None = None
    claims: int = 0
    claims_with_speaker: float | None = None
    has_speech: bool = False
    speech_covered: bool | None = None
    seconds: float = 0.0
    tokens: int = 0
    missed: list[str] = field(default_factory=list)


def annotated_entities(path: Path) -> list[str]:
    """Distinct entity names in a SemEval-2025 Task 10 annotation file."""
    names: list[str] = []
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line.startswith("## Subtask 1")
            continue
        cells = line.split("\t")
        if inside and len(cells) >= 4 and cells[0] not in names:
            names.append(cells[0])
    return names


def _stems(name: str) -> set[str]:
    """Five-letter word stems, so "Russian military" meets "Russia" and "Russia's" meets "Russia"."""
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z][A-Za-z.-]{2,}", name) if w.lower() not in {"the", "and"}}


def score(article: Article, briefing: Briefing, evidence: Evidence, annotations: list[str] | None) -> Score:
    """Measure one briefing against its article and the evidence layer's findings (and annotations when given)."""
    text = folded(article.text)
    names = [a.name for a in briefing.key_actors]
    quotes = [c.quote for c in briefing.claims if c.quote]
    cited = briefing.citations() + list(briefing.evidence)
    clusters = [(e.name if (e := evidence.entity(n)) else n.lower()) for n in names]
    duplicates = sum(1 for i, c in enumerate(clusters) if c in clusters[:i] or any(
        names_one(names[i].lower(), names[j].lower()) for j in range(i)))
    recall = None
    missed: list[str] = []
    if annotations:
        actor_stems = [_stems(n) | _stems(" ".join(e.forms if (e := evidence.entity(n)) else [])) for n in names]
        for entity in annotations:
            resolved = evidence.entity(entity.removesuffix("'s").removesuffix("’s"))
            target = _stems(entity) | (_stems(resolved.name) if resolved else set())
            if not any(target & stems for stems in actor_stems):
                missed.append(entity)
        recall = 1 - len(missed) / len(annotations)
    speakers = [c for c in briefing.claims if c.speaker]
    has_speech = any(s.speaker for s in evidence.speech)
    return Score(
        article=article.source, valid=True, actors=len(names),
        actors_in_article=_share(sum(norm(n).lower() in text for n in names), len(names)),
        quotes=len(quotes), quotes_verbatim=_share(sum(norm(q).lower() in text for q in quotes), len(quotes)),
        cited_ids_exist=_share(sum(article.sentence(sid) is not None for sid in cited), len(cited)),
        actor_recall=recall, duplicate_actors=_share(duplicates, len(names)), claims=len(briefing.claims),
        claims_with_speaker=_share(len(speakers), len(briefing.claims)), has_speech=has_speech,
        speech_covered=bool(speakers) if has_speech else None, seconds=briefing.meta.seconds,
        tokens=briefing.meta.usage.total_tokens, missed=missed,
    )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def summary(scores: list[Score]) -> dict[str, float | int | None]:
    """Overall figures: rates over articles, shares pooled over items, median seconds."""
    ok = [s for s in scores if s.valid]

    def pooled(count: str, share: str) -> float | None:
        items = sum(getattr(s, count) for s in ok)
        hits = sum(getattr(s, count) * (getattr(s, share) or 0) for s in ok)
        return hits / items if items else None

    return {
        "articles": len(scores), "schema_valid": len(ok) / len(scores) if scores else None,
        "crashes": len(scores) - len(ok),
        "actors_in_article": pooled("actors", "actors_in_article"),
        "quotes_verbatim": pooled("quotes", "quotes_verbatim"),
        "cited_ids_exist": _mean([s.cited_ids_exist for s in ok]),
        "actor_recall": _mean([s.actor_recall for s in ok]),
        "duplicate_actors": pooled("actors", "duplicate_actors"),
        "claims_with_speaker": pooled("claims", "claims_with_speaker"),
        "speech_articles_with_speaker_claim": _mean(
            [float(s.speech_covered) for s in ok if s.speech_covered is not None]),
        "median_seconds": statistics.median([s.seconds for s in scores]) if scores else None,
        "median_tokens": statistics.median([s.tokens for s in ok]) if ok else None,
    }


def run(paths: list[Path], brief: Callable[[Path], tuple[Article, Briefing, Evidence]], annotations: Path | None,
        progress: Callable[[str], None] = lambda _: None) -> list[Score]:
    """Brief and score every article; a failure is scored as invalid, never raised."""
    from .errors import SummariserError

    scores = []
    for path in paths:
        notes = annotations / path.name if annotations else None
        started = time.monotonic()
        try:
            article, briefing, evidence = brief(path)
            s = score(article, briefing, evidence, annotated_entities(notes) if notes and notes.is_file() else None)
        except SummariserError as e:
            s = Score(article=str(path), valid=False, error=str(e), seconds=round(time.monotonic() - started, 2))
        progress(f"{path.name}: {'ok' if s.valid else 'FAILED ' + (s.error or '')} {s.seconds:.1f} s")
        scores.append(s)
    return scores


def table(scores: list[Score]) -> str:
    """Per-article and overall figures as a Markdown table."""
    def f(v: float | None) -> str:
        return "—" if v is None else f"{v:.2f}"

    rows = ["| article | valid | actors | in article | quotes verbatim | ids exist | recall | dup | "
            "claims w/ speaker | s | tokens |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        rows.append(
            f"| {Path(s.article).name} | {'yes' if s.valid else 'no'} | {s.actors} | {f(s.actors_in_article)} | "
            f"{f(s.quotes_verbatim)} ({s.quotes}) | {f(s.cited_ids_exist)} | {f(s.actor_recall)} | "
            f"{f(s.duplicate_actors)} | {f(s.claims_with_speaker)} ({s.claims}) | {s.seconds:.1f} | {s.tokens} |"
        )
    o = summary(scores)
    rows.append(
        f"| **overall** ({o['articles']}) | {f(o['schema_valid'])} | | {f(o['actors_in_article'])} | "
        f"{f(o['quotes_verbatim'])} | {f(o['cited_ids_exist'])} | {f(o['actor_recall'])} | "
        f"{f(o['duplicate_actors'])} | {f(o['claims_with_speaker'])} | {f(o['median_seconds'])} (median) | "
        f"{o['median_tokens']} |"
    )
    return "\n".join(rows) + "\n"


def to_dict(scores: list[Score]) -> dict[str, object]:
    """Everything, for --json."""
    return {"overall": summary(scores), "articles": [asdict(s) for s in scores]}
