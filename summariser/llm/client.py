"""The client: ask one question of a model through instructor and get a validated object back.

It knows nothing of briefings: the caller gives the response model, a
validation callable (whose located reasons make instructor re-ask), the token
budget and a Tally to count attempts and tokens into. Every exchange is logged
to the history with its validation errors.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import instructor
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import BaseModel, ValidationError, create_model, model_validator
from pydantic_core import InitErrorDetails

from ..briefing.model import Usage
from ..errors import BackendError, BriefingError, SummariserError
from ..redact import first_line, scrub
from ..settings import Settings
from ..store import dumps
from .transport import Create, in_chain

if TYPE_CHECKING:
    from ..history import History
    from .recording import ResponseCache

log = logging.getLogger("summariser")
T = TypeVar("T", bound=BaseModel)
# Where an answer is unsupported, and why: ((field, index, ...), reasons).
Located = list[tuple[tuple[str | int, ...], str]]
Validate = Callable[[Any], Located]


@dataclass
class Tally:
    """Calls, attempts (re-asks included) and tokens: one article's, or one question's."""

    calls: int = 0
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    errors: list[str] = field(default_factory=list)
    responses: list[Any] = field(default_factory=list)  # one question's raw answers, the last one validated

    def add(self, other: Tally) -> None:
        """Count another tally in (its validation errors stay its own)."""
        self.calls += other.calls
        self.attempts += other.attempts
        self.usage.add(other.usage)

    def hooks(self) -> Hooks:
        """instructor hooks that count into this tally: every attempt, re-asks included."""
        hooks = Hooks()
        hooks.on("completion:response", self._count)
        hooks.on("parse:error", lambda e: self.errors.append(scrub(" ".join(str(e).split()))[:600]))
        return hooks

    def _count(self, response: Any) -> None:
        self.attempts += 1
        self.responses.append(response)
        if (u := getattr(response, "usage", None)) is not None:
            self.usage.add(u)


def checked(response_model: type[T], validate: Validate) -> type[T]:
    """`response_model` whose validation also runs `validate`; same name, docstring and JSON Schema.

    An answer given again unchanged after a re-ask passes: asking a third time would not change it, and
    the caller's verification drops what the article does not support."""
    seen: set[str] = set()

    def run_validate(self: T) -> T:
        if located := validate(self):
            if (answer := self.model_dump_json()) in seen:
                return self
            seen.add(answer)
            raise ValidationError.from_exception_data(response_model.__name__, [
                InitErrorDetails(type="value_error", loc=at, input=_part(self, at), ctx={"error": ValueError(why)})
                for at, why in located
            ])
        return self

    validators: dict[str, Any] = {"_validate": model_validator(mode="after")(run_validate)}
    return create_model(
        response_model.__name__, __base__=response_model, __doc__=response_model.__doc__, __validators__=validators,
    )


def _part(model: BaseModel, at: tuple[str | int, ...]) -> Any:
    """The part of an answer at a location, as the model wrote it (shown back to it on a re-ask)."""
    part: Any = model
    for step in at:
        part = part[step] if isinstance(step, int) else getattr(part, step)
    return part.model_dump() if isinstance(part, BaseModel) else part


@dataclass
class Client:
    """A configured model: `ask` returns a validated pydantic object."""

    name: str
    model: str
    context_tokens: int
    settings: Settings
    create: Create
    small: bool = False  # too weak for one free-text call: the grounded, sectioned flow
    concurrent: bool = False
    remote: bool = False
    reasks: bool = True
    cache: ResponseCache | None = None
    history: History | None = None

    def __post_init__(self) -> None:
        # The patched create itself: instructor's client wrapper would only repeat its checks.
        self._structured: Any = instructor.patch(create=self.create, mode=instructor.Mode.TOOLS)

    async def ask(
        self, messages: list[dict[str, str]], response_model: type[T], *, max_tokens: int, tally: Tally,
        source: str | None = None, validate: Validate | None = None,
        on_drop: Callable[[str, str], None] = lambda where, why: None,
    ) -> T:
        """One structured call, logged to the history with its tokens, attempts and validation errors.

        When no attempt validates, the last answer is kept without the list items that fail (each reported
        to `on_drop` with its location and reason) where the rest stands; else a BriefingError.
        """
        started, mine = time.monotonic(), Tally(calls=1)
        result: T | None = None
        failure: str | None = None
        # A server's answer, re-asks and retries included, is bounded by --timeout: the transport's own bound
        # ends first with the cause; this one, a second later, is the backstop. (The in-process model cannot
        # be interrupted, and is not waited for on a network.)
        limit = self.settings.timeout + 1 if self.remote else None
        try:
            try:
                async with asyncio.timeout(limit):
                    result, dropped = await self._ask(messages, response_model, validate, max_tokens, mine.hooks())
            except TimeoutError:
                where = self.settings.server
                raise BackendError(f"{where}: no complete answer within --timeout {self.settings.timeout:g} s") from None
            for at, why in dropped or []:
                on_drop(_dotted(at), why)
            if dropped is None and self.cache is not None and mine.responses:
                self.cache.keep(mine.responses[-1])  # only an answer that passed validation is reused
            return result
        except SummariserError as e:
            failure = str(e)
            raise
        finally:
            tally.add(mine)
            if self.cache is not None:
                self.cache.forget(mine.responses)
            if self.history is not None:
                key = self.settings.api_key
                self.history.log(
                    source=source, backend=self.name, model=self.model, question=response_model.__name__,
                    prompt=scrub(dumps(messages), key),
                    response=scrub(dumps(result.model_dump()), key) if result else None,
                    prompt_tokens=mine.usage.prompt_tokens, completion_tokens=mine.usage.completion_tokens,
                    attempts=mine.attempts, seconds=round(time.monotonic() - started, 3),
                    validation_errors=dumps(mine.errors) if mine.errors else None, error=failure,
                )

    async def _ask(
        self, messages: list[dict[str, str]], response_model: type[T], validate: Validate | None, max_tokens: int,
        hooks: Hooks,
    ) -> tuple[T, Located | None]:
        """The answer and what was dropped from it (None: it validated whole); re-asks, and a bigger budget once."""
        asked = checked(response_model, validate) if validate else response_model
        for budget in (max_tokens, max_tokens * 2):
            try:
                # No instructor `context`: it would also render every message as a Jinja template,
                # and an article may contain "{{" (the validation callable knows its article).
                result: T = await self._structured(
                    model=self.model, messages=messages, response_model=asked,
                    max_retries=self.settings.max_retries if self.reasks else 0, temperature=0, max_tokens=budget,
                    hooks=hooks,
                )
                return result, None
            except IncompleteOutputException:
                log.info("answer cut at %d tokens; retrying with %d", budget, budget * 2)
            except InstructorRetryException as e:
                if ours := _our_error(e):
                    raise ours from None  # a transport/replay fault, not a validation failure
                cause = e.__cause__ or e
                if isinstance(cause, IncompleteOutputException):
                    log.info("answer cut at %d tokens; retrying with %d", budget, budget * 2)
                    continue
                if (kept := _last_answer(e, response_model)) is not None:
                    # What fails is dropped here (shape) or by the caller's verification (support).
                    log.info("%s still invalid after %d attempts; pruning", response_model.__name__, e.n_attempts)
                    return kept
                raise BriefingError(
                    f"{response_model.__name__}: no valid answer after {e.n_attempts} attempts: {_why(cause)}"
                ) from e
        raise BriefingError(f"{response_model.__name__}: answer cut at {max_tokens * 2} tokens twice")


def _our_error(error: BaseException) -> SummariserError | None:
    """Our own error, when instructor wrapped one raised inside create()."""
    ours = in_chain(error, lambda e: isinstance(e, SummariserError))
    return ours if isinstance(ours, SummariserError) else None


def _last_answer(error: InstructorRetryException, model: type[T]) -> tuple[T, Located] | None:
    """The latest answer whose shape allows it to be kept (a later one may be cut short or broken), or None."""
    earlier = [attempt.completion for attempt in reversed(error.failed_attempts or [])]
    for completion in [error.last_completion, *earlier]:
        try:
            arguments = completion.choices[0].message.tool_calls[0].function.arguments
        except (AttributeError, IndexError, TypeError):
            continue
        if (kept := salvage(model, arguments)) is not None:
            return kept
    return None


def salvage(model: type[T], arguments: str) -> tuple[T, Located] | None:
    """`arguments` validated without the items that fail (an actor, a claim), and where those were and why.

    None when what fails is not inside a list: a missing field, or a rule over the whole answer.
    """
    try:
        data = json.loads(arguments, strict=False)
    except ValueError:
        return None
    dropped: Located = []
    originally: dict[int, list[int]] = {}  # a list's items' indices in the answer as written
    for _ in range(200):  # each round drops one item; an answer has far fewer
        try:
            return model.model_validate(data), dropped
        except ValidationError as e:
            error = e.errors()[0]
            cut = _innermost_item(data, error["loc"])
            if cut is None:
                return None
            items, index, at = cut
            inside = ".".join(str(step) for step in error["loc"][len(at):]) or "the item"
            value = error["input"]
            given = f" {value!r}" if isinstance(value, str | int | float) and not isinstance(value, bool) else ""
            written = originally.setdefault(id(items), list(range(len(items)))).pop(index)
            dropped.append(((*at[:-1], written), f"{inside}{given[:80]}: {error['msg'][:160]}"))
            del items[index]
    return None


def _innermost_item(data: Any, loc: tuple[str | int, ...]) -> tuple[list[Any], int, tuple[str | int, ...]] | None:
    """The innermost item (an object in a list: an actor, a claim) on the path `loc` into `data`, as its list,
    its index and its location."""
    found = None
    node = data
    for depth, step in enumerate(loc):
        if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node) and isinstance(node[step], dict):
            found = (node, step, tuple(loc[: depth + 1]))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return found


def _dotted(at: tuple[str | int, ...]) -> str:
    """A location as the user reads it: key_actors[2].evidence[0]."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in at).lstrip(".")


def _why(cause: BaseException) -> str:
    """A failure in one line that names the field: the first validation error's location and message."""
    if isinstance(cause, ValidationError) and (errors := cause.errors()):
        where = _dotted(tuple(errors[0]["loc"])) or "the answer"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return first_line(f"{where}: {errors[0]['msg']}{more}")
    return first_line(str(cause))
