"""Grammar-last sampling picks the tokens llama.cpp's own sampler chain picks, on the embedded model's real questions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest

from summariser.llm import embedded, sampling

from .conftest import FIXTURES


def recorded_questions(count: int) -> list[dict[str, Any]]:
    """The first `count` recorded embedded-model requests (a tool schema each, so a grammar), ready to ask again."""
    out = []
    for path in sorted(FIXTURES.glob("*.json")):
        request = dict(json.loads(path.read_text())["request"])
        if request.pop("model", "").startswith("SmolLM2") and request.get("tools"):
            out.append({**request, "max_tokens": 120, "repeat_penalty": 1.15})
    return out[:count]


@pytest.fixture(scope="module")
def model() -> Iterator[Any]:
    with closing(embedded.load(embedded.model_path(), 2048, n_threads=2, seed=0)) as llama:
        yield llama


def answer(llama: Any, request: dict[str, Any]) -> str:
    """What the model writes for `request` (its tool call's arguments)."""
    message = llama.create_chat_completion(**request)["choices"][0]["message"]
    return str(message["tool_calls"][0]["function"]["arguments"])


def test_the_answer_is_the_one_the_sampler_chain_gives(model: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for request in recorded_questions(2):
        answer(model, request)  # reads the prompt: every answer below starts from the same cached state
        theirs = answer(model, request)
        for top in (sampling.TOP, 1):  # 1: most tokens go to the whole-vocabulary fallback
            monkeypatch.setattr(sampling, "TOP", top)
            sampling.install(model)
            try:
                ours = answer(model, request)
            finally:
                vars(model).pop("_init_sampler")  # the chain again
            json.loads(ours)
            assert ours == theirs, top


def test_only_greedy_grammar_answers_are_sampled_grammar_last(model: Any) -> None:
    from llama_cpp import LlamaGrammar

    grammar = LlamaGrammar.from_string('root ::= "yes" | "no"', verbose=False)
    sampling.install(model)
    try:
        assert isinstance(model._init_sampler(temp=0.0, grammar=grammar, repeat_penalty=1.15), sampling.GrammarLast)
        for other in ({"temp": 0.8, "grammar": grammar}, {"temp": 0.0, "grammar": None},
                      {"temp": 0.0, "grammar": grammar, "frequency_penalty": 0.5}):
            assert not isinstance(model._init_sampler(**other), sampling.GrammarLast)
    finally:
        vars(model).pop("_init_sampler")  # the chain again
