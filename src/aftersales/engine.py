"""The attempt engine: present a step, take an answer, follow the branch, reach an ending.

Pure Python: no widgets, no store. An attempt's state is its scenario, language, shuffle seed
and the answers given so far; resuming replays those answers, which gives the same mood, path
and grades because grading is deterministic.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from .content import Library
from .errors import AnswerError, UnknownScenarioError
from .grading import Score, StepGrade, grade_step, score
from .models import ChoiceStep, Ending, OrderStep, RemarkStep, ReplyStep

UPSET_BELOW = 30  # a step's `upset_next` is taken when the mood ends below this
STATE_VERSION = 1


@dataclass(frozen=True)
class OptionView:
    id: str
    text: str


@dataclass(frozen=True)
class LineView:
    who: str  # customer, supervisor, colleague or narration
    text: str
    at: str | None = None


@dataclass(frozen=True)
class StepView:
    """What the trainee sees of the current step: never which option is right."""

    step: str
    kind: str
    number: int
    customer: str | None
    prompt: str
    options: tuple[OptionView, ...]
    deadline: str | None = None
    max_chars: int | None = None
    lines: tuple[LineView, ...] = ()
    within: int | None = None  # a timed step: seconds the trainee has; the views show a clock
    original: str | None = None  # a remark step: the remark already on the order


@dataclass(frozen=True)
class AttemptResult:
    scenario: str
    score: int
    passed: bool
    outcome: str
    ending: str
    critical_violations: tuple[str, ...]
    steps: tuple[StepGrade, ...]

    @property
    def rules(self):
        return tuple(o for s in self.steps for o in s.outcomes)


@dataclass
class Attempt:
    library: Library
    scenario_id: str
    lang: str = "en"
    seed: int = 0
    answers: list[dict] = field(default_factory=list)
    grades: list[StepGrade] = field(default_factory=list)
    mood: int = 0
    current: str = ""
    shown_at: float = 0.0  # monotonic clock when the current step was first shown

    def __post_init__(self) -> None:
        if self.scenario_id not in self.library.scenarios:
            raise UnknownScenarioError(f"unknown scenario '{self.scenario_id}'")
        self.scenario = self.library.scenarios[self.scenario_id]
        self.mood = self.scenario.context.mood
        self.current = self.scenario.steps[0].id
        self._arrive()
        given, self.answers = self.answers, []
        for record in given:
            self.answer(record["answer"], seconds=record.get("seconds"))

    # --- state ----------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.scenario.ending(self.current) is not None

    @property
    def ending(self) -> Ending | None:
        return self.scenario.ending(self.current)

    @property
    def step(self):
        return None if self.finished else self.scenario.step(self.current)

    def to_state(self) -> dict:
        return {
            "version": STATE_VERSION,
            "scenario": self.scenario_id,
            "lang": self.lang,
            "seed": self.seed,
            "answers": list(self.answers),
        }

    @classmethod
    def from_state(cls, library: Library, state: dict) -> Attempt:
        return cls(
            library,
            state["scenario"],
            state.get("lang", "en"),
            state.get("seed", 0),
            state["answers"],
        )

    def _arrive(self) -> None:
        self.shown_at = time.monotonic()
        # A step that states the customer's mood sets it, so the bar agrees with their line.
        step = self.step
        if step is not None and step.mood is not None:
            self.mood = step.mood

    # --- playing --------------------------------------------------------------------------

    def view(self) -> StepView:
        step = self.step
        if step is None:
            raise AnswerError("answer.ended")
        options = [
            OptionView(o.id, o.text.in_lang(self.lang)) for o in getattr(step, "options", ())
        ]
        # Shuffled per attempt with the recorded seed, so position never gives the answer away.
        random.Random(f"{self.seed}:{step.id}").shuffle(options)
        lines = tuple(
            LineView(line.who, line.text.in_lang(self.lang), line.at)
            for line in step.conversation()
        )
        said = [line.text for line in lines if line.who == "customer"]
        return StepView(
            step=step.id,
            kind=step.kind,
            number=len(self.answers) + 1,
            customer="\n".join(said) if said else None,
            prompt=step.prompt.in_lang(self.lang),
            options=tuple(options),
            deadline=step.deadline.in_lang(self.lang) if getattr(step, "deadline", None) else None,
            max_chars=getattr(step, "max_chars", None),
            lines=lines,
            within=getattr(step, "within", None),
            original=step.original.text.in_lang(self.lang)
            if isinstance(step, RemarkStep) and step.original
            else None,
        )

    def answer(self, value, seconds: float | None = None) -> StepGrade:
        """Grade an answer and move on. `seconds` is the time it took; a timed step measures it
        from when the step was shown unless the caller gives it (a script, a replay)."""
        step = self.step
        if step is None:
            raise AnswerError("answer.ended")
        parsed = parse_answer(step, value)
        if seconds is None and getattr(step, "within", None) is not None:
            seconds = round(time.monotonic() - self.shown_at, 1)
        grade = _graded(self.library, step, parsed, self.lang, seconds)
        self.mood = max(0, min(100, self.mood + grade.mood_delta))
        upset = getattr(step, "upset_next", None)
        self.current = upset if upset and self.mood < UPSET_BELOW else grade.next
        self._arrive()
        self.answers.append({"step": step.id, "answer": _storable(parsed), "seconds": seconds})
        self.grades.append(grade)
        return grade

    def score(self) -> Score:
        return score(self.library, [o for g in self.grades for o in g.outcomes])

    def result(self) -> AttemptResult:
        ending = self.ending
        if ending is None:
            raise AnswerError("answer.not_ended", step=self.current)
        s = self.score()
        return AttemptResult(
            self.scenario_id,
            s.score,
            s.passed,
            ending.outcome,
            ending.id,
            s.critical_violations,
            tuple(self.grades),
        )


# Grading a picked option is a pure function of the step and the answer, and a cohort picks the
# same options again and again, so those grades are kept. Free text is always checked afresh.
_GRADES: dict[int, tuple[object, dict]] = {}


def _graded(library: Library, step, parsed, lang: str, seconds: float | None) -> StepGrade:
    if isinstance(step, ReplyStep | RemarkStep) or getattr(step, "within", None) is not None:
        return grade_step(library, step, parsed, lang, seconds)
    entry = _GRADES.get(id(step))
    if entry is None or entry[0] is not step:
        entry = _GRADES[id(step)] = (step, {})
    key = (parsed, lang, id(library))
    grade = entry[1].get(key)
    if grade is None:
        grade = entry[1][key] = grade_step(library, step, parsed, lang)
    return grade


def parse_answer(step, value):
    """Check an answer's shape for its step; return the canonical form the grader takes."""
    if isinstance(step, ReplyStep | RemarkStep):
        return check_reply_text(value, step.max_chars)
    ids = [o.id for o in step.options]
    picked = (
        tuple(p.strip() for p in value.split(",") if p.strip())
        if isinstance(value, str)
        else tuple(value)
    )
    unknown = [p for p in picked if p not in ids]
    if unknown:
        given = ", ".join(repr(u) for u in unknown)
        raise AnswerError("answer.no_option", step=step.id, given=given, options=", ".join(ids))
    if len(set(picked)) != len(picked):
        raise AnswerError("answer.twice", step=step.id)
    if isinstance(step, ChoiceStep):
        if len(picked) != 1:
            raise AnswerError("answer.one", step=step.id)
        return picked[0]
    if isinstance(step, OrderStep) and len(picked) != len(ids):
        raise AnswerError("answer.all", step=step.id, n=len(ids))
    return picked


def check_reply_text(value, max_chars: int | None):
    """A written reply: not empty, within the step's limit (every view asks this of the engine)."""
    if not isinstance(value, str) or not value.strip():
        raise AnswerError("answer.need_reply")
    if max_chars is not None and len(value) > max_chars:
        raise AnswerError("answer.too_long", n=len(value), limit=max_chars)
    return value


def _storable(parsed):
    return list(parsed) if isinstance(parsed, tuple) else parsed


def best_answers(library: Library, scenario_id: str) -> dict[str, object]:
    """A full-marks answer for every step (for tests, demos and `play` of the best path)."""
    from .inventory import best_option

    sc = library.scenarios[scenario_id]
    answers: dict[str, object] = {}
    for step in sc.steps:
        if isinstance(step, ChoiceStep):
            answers[step.id] = best_option(library, step).id
        elif isinstance(step, OrderStep):
            answers[step.id] = list(step.answer)
        elif isinstance(step, ReplyStep | RemarkStep):
            answers[step.id] = step.model_answer.en
        else:
            answers[step.id] = [o.id for o in step.options if o.follows and not o.violates]
    return answers
