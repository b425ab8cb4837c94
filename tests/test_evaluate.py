"""The eval's metrics, on hand-built briefings and on a recorded run."""

from __future__ import annotations

import json
import shutil

from summariser.briefing.model import (
    Actor,
    Briefing,
    Claim,
    Confidence,
    DiplomaticOutlook,
    ForcePosture,
    Meta,
    Usage,
    Verification,
)
from summariser.evaluate import annotated_entities, score
from summariser.evidence import analyse
from summariser.text import load

from .conftest import DATA, ROOT, run_cli

ARTICLE = DATA / "semeval25_EN_UA_024628.txt"
NOTES = DATA / "annotations" / "semeval25_EN_UA_024628.txt"


def briefing(actors: list[Actor], claims: list[Claim]) -> Briefing:
    return Briefing(
        bottom_line="x", key_actors=actors, claims=claims,
        force_posture=ForcePosture(assessment="x", trend="unclear"),
        diplomatic_outlook=DiplomaticOutlook(assessment="x", trajectory="unclear"),
        confidence=Confidence(level="low", reason="x"), gaps=[], evidence={}, verification=Verification(),
        meta=Meta(source="x", backend="replay", model="m", prompt_version="p", usage=Usage(total_tokens=7),
                  attempts=1, calls=1, seconds=1.5),
    )


def actor(name: str, *evidence: str) -> Actor:
    return Actor(name=name, kind="state", role="x", evidence=list(evidence) or ["S1"])


def test_annotation_file_is_read() -> None:
    assert annotated_entities(NOTES) == ["United States", "Ukraine", "Russia", "Moscow", "Berlin", "Germany", "Washington"]


def test_recall_counts_capitals_as_their_states_and_duplicates_are_found() -> None:
    article = load(str(ARTICLE))
    b = briefing([actor("Ukraine"), actor("United States"), actor("Russia"), actor("Moscow")], [])
    s = score(article, b, analyse(article), annotated_entities(NOTES))
    assert s.missed == ["Berlin", "Germany"]  # Moscow and Washington resolve to Russia and the United States
    assert s.actor_recall == 5 / 7
    assert s.duplicate_actors == 1 / 4  # Moscow is Russia again


def test_a_name_inside_another_is_a_duplicate_even_with_dots() -> None:
    article = load(str(ARTICLE))
    b = briefing([actor("U.S."), actor("U.S. Justice Department"), actor("Russia")], [])
    assert score(article, b, analyse(article), None).duplicate_actors == 1 / 3


def test_grounding_figures() -> None:
    article = load(str(ARTICLE))
    claims = [
        Claim(statement="x", speaker="Lloyd Austin", attribution="direct quote",
              quote="United States will not let Ukraine fail", stance="neutral", evidence=["S4"]),
        Claim(statement="x", speaker=None, attribution="direct quote", quote="we surrender", stance="neutral",
              evidence=["S999"]),
    ]
    s = score(article, briefing([actor("Lloyd Austin"), actor("Atlantis")], claims), analyse(article), None)
    assert s.actors_in_article == 0.5 and s.quotes_verbatim == 0.5 and s.claims_with_speaker == 0.5
    assert s.cited_ids_exist is not None and s.cited_ids_exist < 1
    assert s.has_speech and s.speech_covered and s.actor_recall is None


def test_eval_over_a_recorded_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    (folder / "annotations").mkdir(parents=True)
    for name in ("semeval25_EN_UA_024628", "semeval25_EN_UA_008072", "frank_xsum_26065545"):
        shutil.copy(DATA / f"{name}.txt", folder)
    for name in ("semeval25_EN_UA_024628", "semeval25_EN_UA_008072"):
        shutil.copy(DATA / "annotations" / f"{name}.txt", folder / "annotations")
    out = tmp_path / "eval.json"
    proc = run_cli("eval", str(folder), "--backend", "replay", "--fixtures", str(ROOT / "fixtures"),
                   "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "| **overall** (3) |" in proc.stdout
    overall = json.loads(out.read_text())["overall"]
    assert overall["schema_valid"] == 1.0 and overall["crashes"] == 0
    assert overall["quotes_verbatim"] == 1.0 and overall["cited_ids_exist"] == 1.0
    assert overall["actors_in_article"] == 1.0
    assert overall["actor_recall"] >= 0.8
    assert overall["speech_articles_with_speaker_claim"] == 1.0
