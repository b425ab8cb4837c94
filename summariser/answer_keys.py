"""Scoring briefings against analysts' answer keys (`DIR/gold/<article>.json`, format in its GUIDE.md) and
human reference summaries (`DIR/refs/<article>`), beside the Lead-1 and Lead-3 baselines.

Labels (force-posture trend, diplomatic trajectory) are **right** when they are the key's gold label,
**wrong** when outside its acceptable labels, and otherwise **abstained** (`unclear` where the gold is
definite) or **acceptable** (another label an analyst would not call wrong). A bottom line conveys a key
fact when it contains any of the fact's phrasings; required actors and speakers are found when one of their
names begins a word of an actor's name or a claim's speaker (case-insensitive); the share of the briefing's actors
that the key lists at all (required or optional) stands for precision — a floor, as a key's optional list is
not exhaustive. An actor's kind is right when it is the key's kind for the group its name matches; a listed actor is
one of the key's `not_actors` when its whole name is one (case-insensitive, "the" aside: "Kharkiv regional governor
Synegubov" is not "Kharkiv"). A role is empty when the briefing gives none, a placeholder when it is a stock phrase
that says nothing (lexicon/names.py's PLACEHOLDER_ROLES). ROUGE is rouge-score's F-measure with stemming.

The development keys fall in two halves by the SHA-256 of the article's file name (`half`): rules are written on
half A (even) and checked on half B (odd).
"""

from __future__ import annotations

import hashlib
import logging
import re
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .briefing.model import Actor, Briefing, split_refs
from .lexicon.names import PLACEHOLDER_ROLES
from .text import Article

log = logging.getLogger("summariser")

VERDICTS = ("right", "wrong", "abstained", "acceptable")
LABELS = ("trend", "trajectory")


@dataclass
class Key:
    """One article's answer key."""

    facts: list[list[str]]
    actors: list[list[str]]
    speakers: list[list[str]]
    optional: list[list[str]]
    labels: dict[str, tuple[str, list[str]]]  # field: (gold, acceptable)
    kinds: dict[str, str] = field(default_factory=dict)  # a group's first name: its kind
    not_actors: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Key:
        """A key from its JSON file; KeyProblem naming the file and the field when it is not one."""
        try:
            data = _KeyFile.model_validate_json(path.read_bytes())
        except OSError as e:
            raise KeyProblem(f"{path}: cannot be read ({e.strerror or e})") from None
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(map(str, first["loc"])) or "the file"
            raise KeyProblem(f"{path}: {where}: {first['msg'][:1].lower()}{first['msg'][1:]}") from None
        return cls(data.bottom_line_facts, data.actors_required, data.speakers_required, data.actors_optional,
                   {f: (getattr(data, f).gold, getattr(data, f).acceptable) for f in LABELS},
                   data.actor_kinds, data.not_actors)


class KeyProblem(Exception):
    """An answer key that cannot be scored: its file and what is wrong with it."""


class _Label(BaseModel):
    gold: str
    acceptable: list[str]


class _KeyFile(BaseModel):
    """An answer key's JSON as gold/GUIDE.md writes it (fields it does not list are ignored)."""

    bottom_line_facts: list[list[str]]
    actors_required: list[list[str]]
    speakers_required: list[list[str]]
    actors_optional: list[list[str]] = []
    trend: _Label
    trajectory: _Label
    actor_kinds: dict[str, str] = {}
    not_actors: list[str] = []


def keys(folder: Path) -> dict[str, Key]:
    """The answer keys in `folder/gold/`, by article file name; a key that cannot be read or has a field of the
    wrong shape is one warning line naming the file and the field, and is not scored (the others are)."""
    gold = folder / "gold"
    found: dict[str, Key] = {}
    for path in sorted(gold.glob("*.json")) if gold.is_dir() else []:
        try:
            found[path.name.removesuffix(".json")] = Key.read(path)
        except KeyProblem as e:
            log.warning("warning: answer key %s; not scored", e)
    return found


def verdict(label: str, gold: str, acceptable: list[str]) -> str:
    """right, wrong, abstained or acceptable (see the module's docstring)."""
    if label == gold:
        return "right"
    if label not in acceptable:
        return "wrong"
    return "abstained" if label == "unclear" else "acceptable"


def conveyed(text: str, facts: list[list[str]]) -> float | None:
    """The share of key facts that `text` conveys."""
    low = text.lower()
    return sum(any(p.lower() in low for p in fact) for fact in facts) / len(facts) if facts else None


def found(required: list[list[str]], names: list[str]) -> tuple[int, int]:
    """How many of the required entities are among `names`, and how many are required."""
    # At a word's start, so that "US" is not found in "Russia" while "Russia" is in "Russian embassy".
    return sum(any(re.search(rf"(?<!\w){re.escape(alt)}", n, re.IGNORECASE) for alt in alts for n in names)
               for alts in required), len(required)


def listed(names: list[list[str]], actors: list[str]) -> tuple[int, int]:
    """How many of `actors` the key names (required or optional), and how many actors there are."""
    return sum(found(names, [a])[0] > 0 for a in actors), len(actors)


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().casefold())


def matching(groups: list[list[str]], name: str) -> list[str] | None:
    """The group whose longest name found in `name` is longest ("U.S. Justice Department" is the department's
    group, not the state's)."""
    scored = [(max((len(alt) for alt in g if found([[alt]], [name])[0]), default=0), i) for i, g in enumerate(groups)]
    best, i = max(scored, default=(0, 0))
    return groups[i] if best else None


def not_actors(key: Key, actors: list[str]) -> int:
    """How many of `actors` are, by their whole name, names the key says are no actors."""
    wrong = {_bare(n) for n in key.not_actors}
    return sum(_bare(a) in wrong for a in actors)


def kinds(key: Key, actors: list[Actor]) -> tuple[int, int]:
    """How many actors that match a key group with a kind have that kind, and how many match one."""
    right = total = 0
    for actor in actors:
        group = matching(key.actors + key.optional, actor.name)
        if group and (want := key.kinds.get(group[0])):
            total += 1
            right += actor.kind == want
    return right, total


def placeholder(role: str) -> bool:
    """A role that says nothing about the actor ("named in the article")."""
    return role.strip().casefold() in PLACEHOLDER_ROLES


def half(name: str) -> str:
    """The half of the development keys an article is in: "A" (its name's SHA-256 is even) or "B"."""
    return "A" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0 else "B"


def rouge(text: str, reference: str) -> dict[str, float]:
    """ROUGE-1, -2 and -L F-measures of `text` against `reference`."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    return {name: s.fmeasure for name, s in scorer.score(reference, text).items()}


def lead(article: Article, k: int) -> str:
    """The Lead-k baseline: the article's first k sentences."""
    return " ".join(s.text for s in article.sentences[:k])


@dataclass
class Graded:
    """One article's figures against its key (and reference summary, where there is one)."""

    article: str
    verdicts: dict[str, str] = field(default_factory=dict)  # field: verdict
    labels: dict[str, str] = field(default_factory=dict)  # field: the briefing's label
    facts: float | None = None
    lead_facts: dict[str, float | None] = field(default_factory=dict)  # "lead1", "lead3"
    actors: tuple[int, int] = (0, 0)
    speakers: tuple[int, int] = (0, 0)
    listed: tuple[int, int] = (0, 0)  # the briefing's actors that the key lists, of all its actors
    not_actors: tuple[int, int] = (0, 0)  # the briefing's actors the key calls no actor, of all its actors
    kinds: tuple[int, int] = (0, 0)  # right kinds, of the actors matching a key group
    empty_roles: tuple[int, int] = (0, 0)  # actors without a role, of all
    placeholder_roles: tuple[int, int] = (0, 0)  # actors with a stock role, of all
    rouge: dict[str, dict[str, float]] = field(default_factory=dict)  # "briefing", "lead1", "lead3"


def grade(article: Article, briefing: Briefing, key: Key, reference: str | None) -> Graded:
    """Score one briefing against its key."""
    labels: dict[str, str] = {"trend": briefing.force_posture.trend, "trajectory": briefing.diplomatic_outlook.trajectory}
    bottom = split_refs(briefing.bottom_line)[0].strip()
    leads = {f"lead{k}": lead(article, k) for k in (1, 3)}
    names = [a.name for a in briefing.key_actors]
    g = Graded(
        article=Path(article.source).name, labels=labels,
        verdicts={f: verdict(labels[f], *key.labels[f]) for f in LABELS}, facts=conveyed(bottom, key.facts),
        lead_facts={name: conveyed(text, key.facts) for name, text in leads.items()},
        actors=found(key.actors, names),
        speakers=found(key.speakers, [c.speaker for c in briefing.claims if c.speaker]),
        listed=listed(key.actors + key.optional, names),
        not_actors=(not_actors(key, names), len(names)), kinds=kinds(key, briefing.key_actors),
        empty_roles=(sum(not a.role.strip() for a in briefing.key_actors), len(names)),
        placeholder_roles=(sum(placeholder(a.role) for a in briefing.key_actors), len(names)),
    )
    if reference:
        g.rouge = {name: rouge(text, reference) for name, text in {"briefing": bottom, **leads}.items()}
    return g


def reference(folder: Path, name: str) -> str | None:
    """The human reference summary of an article, if the folder has one."""
    path = folder / "refs" / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def summary(graded: list[Graded]) -> dict[str, Any]:
    """Overall figures: verdict counts per label, mean facts, pooled recall, mean ROUGE."""
    out: dict[str, Any] = {"articles": len(graded)}
    for f in LABELS:
        out[f] = {v: sum(g.verdicts.get(f) == v for g in graded) for v in VERDICTS}
    for name, values in {"briefing": [g.facts for g in graded],
                         **{k: [g.lead_facts.get(k) for g in graded] for k in ("lead1", "lead3")}}.items():
        present = [v for v in values if v is not None]
        out[f"facts_{name}"] = statistics.fmean(present) if present else None
    for what, name in (("actors", "actors_required"), ("speakers", "speakers_required"), ("listed", "actors_listed"),
                       ("not_actors", "not_actors"), ("kinds", "kinds"), ("empty_roles", "empty_roles"),
                       ("placeholder_roles", "placeholder_roles")):
        hits, total = (sum(getattr(g, what)[i] for g in graded) for i in (0, 1))
        out[name] = hits / total if total else None
    scored = [g for g in graded if g.rouge]
    out["rouge_articles"] = len(scored)
    for name in ("briefing", "lead1", "lead3"):
        for metric in ("rouge1", "rouge2", "rougeL"):
            out[f"{metric}_{name}"] = statistics.fmean(g.rouge[name][metric] for g in scored) if scored else None
    return out


def table(graded: list[Graded]) -> str:
    """The overall figures as a Markdown table."""
    o = summary(graded)

    def f(v: float | None) -> str:
        return "—" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)

    rows = [f"Answer keys: {o['articles']} articles", "", "| figure | briefing | Lead-1 | Lead-3 |", "|---|---|---|---|"]
    for label in LABELS:
        counts = o[label]
        rows.append(f"| {label}: right / wrong / abstained / other acceptable | "
                    f"{counts['right']} / {counts['wrong']} / {counts['abstained']} / {counts['acceptable']} | | |")
    rows.append(f"| bottom line: key facts conveyed | {f(o['facts_briefing'])} | {f(o['facts_lead1'])} | "
                f"{f(o['facts_lead3'])} |")
    for metric, name in (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2"), ("rougeL", "ROUGE-L")):
        rows.append(f"| bottom line: {name} F vs references ({o['rouge_articles']} articles) | "
                    f"{f(o[f'{metric}_briefing'])} | {f(o[f'{metric}_lead1'])} | {f(o[f'{metric}_lead3'])} |")
    rows.append(f"| required actors found | {f(o['actors_required'])} | | |")
    rows.append(f"| required speakers found | {f(o['speakers_required'])} | | |")
    rows.append(f"| actors the key lists, required or optional (precision, a floor) | {f(o['actors_listed'])} | | |")
    rows.append(f"| actors the key calls no actor (`not_actors`) | {f(o['not_actors'])} | | |")
    rows.append(f"| actor kinds right (actors the key lists with a kind) | {f(o['kinds'])} | | |")
    rows.append(f"| actors with an empty role / a placeholder role | {f(o['empty_roles'])} / "
                f"{f(o['placeholder_roles'])} | | |")
    return "\n".join(rows) + "\n"


def to_dict(graded: list[Graded]) -> dict[str, Any]:
    """Everything, for --json."""
    return {"overall": summary(graded), "articles": [asdict(g) for g in graded]}
