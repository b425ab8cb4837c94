"""Grounding validators reject what the article does not support."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summariser.article import load
from summariser.grounding import problems
from summariser.schemas import Claim, briefing_draft

from .conftest import ROOT, SEED

ARTICLE = load(str(ROOT / SEED))


def claim(**kw: object) -> Claim:
    base: dict[str, object] = {
        "statement": "Stoltenberg said there has been no de-escalation.", "speaker": "Jens Stoltenberg",
        "attribution": "direct quote", "quote": "so far we have not seen any de-escalation",
        "stance": "warning", "evidence": ["S5"],
    }
    return Claim(**{**base, **kw})  # type: ignore[arg-type]


def test_a_grounded_claim_passes() -> None:
    assert problems(claim(), ARTICLE) == []


def test_quote_style_and_spacing_do_not_matter() -> None:
    assert problems(claim(quote='so far  we have not seen any "de-escalation"'.replace('"', "")), ARTICLE) == []


def test_fabricated_quote_is_rejected() -> None:
    assert any("not verbatim" in p for p in problems(claim(quote="we will invade tomorrow"), ARTICLE))


def test_quote_from_an_uncited_sentence_names_the_right_one() -> None:
    found = problems(claim(quote="cautious optimism"), ARTICLE)
    assert found == ["quote is in S9, which is not cited"]


def test_unknown_sentence_id_is_rejected() -> None:
    assert "unknown sentence id S999" in problems(claim(evidence=["S999"]), ARTICLE)


def test_absent_speaker_is_rejected() -> None:
    assert any("does not occur in the article" in p for p in problems(claim(speaker="Antony Blinken"), ARTICLE))


def test_speaker_not_in_cited_sentences_is_rejected() -> None:
    assert any("not in the cited sentences" in p for p in problems(claim(speaker="Liz Truss"), ARTICLE))


def test_invented_number_is_rejected() -> None:
    found = problems(claim(statement="Russia has 150 battalions.", quote=None, attribution="reported speech"), ARTICLE)
    assert "number 150 is not in the cited sentences" in found


def test_validation_context_makes_the_draft_fail() -> None:
    draft = briefing_draft(ARTICLE.ids)
    data = {
        "bottom_line": "No de-escalation yet.", "evidence": ["S5"],
        "key_actors": [{"name": "Antony Blinken", "kind": "person", "role": "diplomat", "evidence": ["S5"]}],
        "claims": [], "force_posture": {"assessment": "Build-up.", "trend": "escalating", "deployments": [],
                                        "evidence": ["S15"]},
        "diplomatic_outlook": {"assessment": "Talks.", "trajectory": "stalled", "channels": [], "evidence": ["S10"]},
        "confidence": {"level": "low", "reason": "one source"}, "gaps": [],
    }
    assert draft.model_validate(data)  # shape alone is fine
    with pytest.raises(ValidationError, match="does not occur in the article"):
        draft.model_validate(data, context={"article": ARTICLE})
    data["key_actors"][0]["evidence"] = ["S0"]  # type: ignore[index]
    with pytest.raises(ValidationError, match=r"literal_error|Input should be"):
        draft.model_validate(data)
