"""Rules outside the flow, one by one: digest relations and dates, batch names and fingerprints, history
migrations, prompt versions, and the public API."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from summariser import prompts
from summariser.batch.state import State, fingerprint, output_names
from summariser.briefing.support import parsed_sentences
from summariser.digest import _date_key
from summariser.history import MIGRATIONS, History
from summariser.matters import Statement, agreements, contradictions, statements

from .conftest import ROOT, SEED, briefing_json


def said(source: str, *sentences: str) -> list[Statement]:
    """An article's statements from its sentences."""
    return statements(source, parsed_sentences(tuple((f"S{i + 1}", t) for i, t in enumerate(sentences))))


def test_what_denies_and_what_puts_a_claim_forward() -> None:
    [denied, rejected, appeal, refused, bogus, negated, accused] = said(
        "A1", "Moscow denies any such plans.", "The Kremlin rejected the allegations.",
        "A Moscow court rejected Gershkovich's appeal.", "Putin's recruits were denied treatment in jail.",
        "Gershkovich was locked up in Russia on bogus spy charges.", "Russia is not fighting against Ukraine.",
        "Russia accuses Gershkovich of espionage.")
    assert denied.denies == rejected.denies == bogus.denies == 2
    assert appeal.denies == refused.denies == negated.denies == 0  # no claim denied; "not only …" is no denial
    assert accused.asserts == 2 and not accused.denies and "accusation" in accused.matters
    assert {"russia", "gershkovich"} <= accused.parties  # a person by surname, as the digest merges actors


def test_a_claim_and_its_denial_across_sources_contradict_and_the_same_figure_agrees() -> None:
    first = said("A1", "Russia accuses Gershkovich of espionage.", "Russia has massed 100,000 troops near the border.")
    second = said("A2", "Gershkovich and his employer have denied the allegations.",
                  "Western officials say Russia has massed 100,000 troops near the border.")
    [(_, claim, denial, why)] = contradictions(first + second, 0)
    assert (claim.source, claim.sentence, denial.source, denial.sentence) == ("A1", "S1", "A2", "S1")
    assert "accusation" in why
    others = said("A3", *(f"Ukraine reported {w} in Kharkiv." for w in ("shelling", "outages", "losses", "drones")))
    [(_, a, b, why)] = agreements(first + second + others)
    assert {a.sentence, b.sentence} == {"S2"} and "same figure: 100000 troop" in why
    assert contradictions(said("A1", "Russia accuses Gershkovich of espionage.")
                          + said("A3", "Gershkovich was denied a visit by his parents in Moscow."), 0) == []


def test_a_denial_refers_back_and_is_set_against_what_it_is_about() -> None:
    [_, he_denied] = said("A1", "Gershkovich was arrested in Yekaterinburg.", "He denied the charges.")
    assert he_denied.denies == 2 and "gershkovich" in he_denied.subjects  # "he": the person of the sentence before
    [_, such, rejected] = said("A2", "Russia is planning an invasion of Ukraine.", "Moscow denies any such plans.",
                               "The Kremlin rejected the allegations of an invasion.")
    assert "invasion" in such.lemmas and "ukraine" in such.parties  # it denies what the sentence before said
    claims = said("A3", "Washington accuses Russia of planning an invasion.")
    # Each denial is set against the claim it answers (two denials of one source: two pairs); Gershkovich's
    # denial is not about whom the accusation is about.
    found = contradictions([*claims, he_denied, such, rejected], 0)
    assert {(c.sentence, d.source, d.sentence) for _, c, d, _ in found} == {("S1", "A2", "S2"), ("S1", "A2", "S3")}
    [elsewhere] = said("A4", "The journalist was charged with espionage in Moscow.")  # Moscow: where it happened
    assert "russia" not in elsewhere.subjects and contradictions([elsewhere, such], 0) == []


def test_the_same_party_denying_in_two_sources_agrees_in_any_words() -> None:
    [wsj] = said("A1", "Gershkovich and the U.S. government have denied the allegations.")
    [bogus] = said("A2", "He was jailed on trumped up charges, which Gershkovich and Washington vehemently deny.")
    [kremlin] = said("A3", "The Kremlin dismissed that it was planning an attack.")
    [(_, a, b, why)] = agreements([wsj, bogus, kremlin])
    assert {a.source, b.source} == {"A1", "A2"} and "both deny" in why  # not the Kremlin's denial of another thing


@pytest.mark.parametrize(("written", "expected"), [
    ("15th Feb 22", datetime(2022, 2, 15)), ("3 March 2014", datetime(2014, 3, 3)),
    ("March 3, 2014", datetime(2014, 3, 3)), ("2023-07-01", datetime(2023, 7, 1)),
    ("Sept. 9, 2020", datetime(2020, 9, 9)), ("2022-02-24T10:00:00+02:00", datetime(2022, 2, 24, 10)),
    ("last Tuesday", None), ("Tuesday", None), ("15th", None), (None, None),
])
def test_date_keys(written: str | None, expected: datetime | None) -> None:
    assert _date_key(written) == expected


def test_output_names_are_unique_by_folder_then_number() -> None:
    paths = [Path("a/report.txt"), Path("b/report.txt"), Path("b/report.md"), Path("a/Report.html")]
    assert list(output_names(paths).values()) == ["report", "b-report", "report-2", "a-Report"]


def test_fingerprints_change_with_the_article_the_model_and_the_prompts(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("one", encoding="utf-8")
    first = fingerprint(article, "m", "v1-a")
    assert fingerprint(article, "m", "v1-a") == first
    assert fingerprint(article, "other", "v1-a") != first
    assert fingerprint(article, "m", "v1-b") != first
    article.write_text("two", encoding="utf-8")
    assert fingerprint(article, "m", "v1-a") != first


def test_state_reads_past_a_line_cut_by_a_kill(tmp_path: Path) -> None:
    (tmp_path / ".summarise-batch.jsonl").write_text('{"name": "a", "mark": "1"}\n{"name": "b", "ma', encoding="utf-8")
    state = State(tmp_path)
    assert state.done == {"a": "1"}
    state.finished("c", "3")
    assert State(tmp_path).done == {"a": "1", "c": "3"}


def test_an_old_history_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with sqlite3.connect(path) as db:  # a history made before migrations: the table, user_version 0
        MIGRATIONS[0](db)
        db.execute("INSERT INTO exchanges (at, backend, model, question, prompt, prompt_tokens, completion_tokens, "
                   "attempts, seconds) VALUES ('t', 'b', 'm', 'q', 'p', 1, 2, 1, 0.5)")
    history = History(path)
    assert [row["id"] for row in history.recent(5)] == [1]
    history.log(source="s", backend="b", model="m", question="q", prompt="p", response=None, prompt_tokens=1,
                completion_tokens=1, attempts=1, seconds=0.1, validation_errors=None, error=None)
    assert [row["id"] for row in History(path).recent(5)] == [2, 1]  # the old row kept, a new one written
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_a_prompt_version_covers_only_its_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "prompts"
    shutil.copytree(prompts.prompt_dir(), copy)
    monkeypatch.setattr(prompts, "prompt_dir", lambda: copy)
    prompts.version.cache_clear()
    sections, single = prompts.version(prompts.FLOW_TEMPLATES["sections"]), prompts.version(prompts.FLOW_TEMPLATES["single"])
    (copy / "pairs.j2").write_text("Judge the pairs.\n", encoding="utf-8")  # the digest judge's prompt only
    prompts.version.cache_clear()
    assert (prompts.version(prompts.FLOW_TEMPLATES["sections"]), prompts.version(prompts.FLOW_TEMPLATES["single"])) == (sections, single)
    (copy / "claims.j2").write_text("Stances, please.\n", encoding="utf-8")
    prompts.version.cache_clear()
    assert prompts.version(prompts.FLOW_TEMPLATES["sections"]) != sections and prompts.version(prompts.FLOW_TEMPLATES["single"]) == single
    prompts.version.cache_clear()


def test_the_python_api_briefs_like_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import summariser

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SUMMARISER_HOME", str(tmp_path))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISER_BACKEND", "SUMMARISER_MODEL"):
        monkeypatch.delenv(name, raising=False)
    briefing = summariser.brief(Path(SEED), backend="replay")
    assert isinstance(briefing, summariser.Briefing)
    cli = briefing_json(SEED, "--backend", "replay")
    ours = json.loads(briefing.model_dump_json())
    for b in (ours, cli):
        b["meta"].pop("seconds")
    assert ours == cli
    text = (ROOT / SEED).read_text(encoding="utf-8")
    assert summariser.brief(text, backend="replay").key_actors == briefing.key_actors  # a str is the text
    assert set(summariser.__all__) >= {"brief", "Briefing", "Actor", "Claim", "SummariserError"}
    with pytest.raises(summariser.InputError):
        summariser.brief("too short", backend="replay")
