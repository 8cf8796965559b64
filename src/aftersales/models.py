"""Frozen content models: playbook rules, the level ladder and scenarios.

These models are the single definition of the content format: the loader validates YAML with
them and `schema/scenario.schema.json` is generated from them (`aftersales schema`).
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

LANGS = ("en", "zh")

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$")]
LocalId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$")]
Family = Literal[
    "stock-out",
    "lost-parcel",
    "abusive-caller",
    "dispute-evidence",
    "returns-quality",
    "order-remarks",
]
Outcome = Literal[
    "resolved",
    "exchanged",
    "refunded",
    "reshipped",
    "escalated",
    "bad-review",
    "complaint",
    "dispute-won",
    "dispute-lost",
    "call-ended",
]
FAMILIES: tuple[str, ...] = get_args(Family)
OUTCOMES: tuple[str, ...] = get_args(Outcome)


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(Model):
    """A learner-facing string in both languages."""

    en: NonEmpty
    zh: NonEmpty

    def in_lang(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# --- playbook -----------------------------------------------------------------------------


class Source(Model):
    file: NonEmpty = Field(description="Seed file name, e.g. 004_fe6eb304044e4d13.txt")
    quote: NonEmpty = Field(description="The original sentence, quoted as written")


class Detect(Model):
    """Regular expressions for the free-text checker, matched after normalisation.

    For a `do` rule they find the rule being followed; for a `dont` rule, the violation.
    """

    en: tuple[NonEmpty, ...] = ()
    zh: tuple[NonEmpty, ...] = ()


class Rule(Model):
    id: RuleId
    kind: Literal["do", "dont"]
    title: Text
    text: Text
    weight: int = Field(ge=1, le=5)
    critical: bool = False
    source: Source
    detect: Detect | None = None

    @property
    def chapter(self) -> str:
        return self.id.split(".", 1)[0]


class Chapter(Model):
    chapter: LocalId
    title: Text
    rules: tuple[Rule, ...] = Field(min_length=1)


class LevelCriteria(Model):
    """Thresholds computed from progress data; all must hold to reach the level."""

    min_attempts: int = Field(default=0, ge=0)
    min_scenarios_passed: int = Field(default=0, ge=0)
    min_families_passed: int = Field(default=0, ge=0)
    min_mean_score: float = Field(default=0, ge=0, le=100)
    window: int = Field(default=10, ge=1)
    max_critical_violations: int | None = Field(default=None, ge=0)
    min_mastered_share: float = Field(default=0, ge=0, le=1)


class Level(Model):
    id: LocalId
    title: Text
    text: Text
    source: Source
    criteria: LevelCriteria = LevelCriteria()


class Ladder(Model):
    levels: tuple[Level, ...] = Field(min_length=1)


# --- scenarios ----------------------------------------------------------------------------


class Customer(Model):
    name: Text
    persona: Text


class Order(Model):
    id: NonEmpty
    item: Text
    amount: float | None = Field(default=None, ge=0)
    status: Text | None = None


class Context(Model):
    channel: Literal["chat", "phone"]
    situation: Text
    order: Order
    customer: Customer
    mood: int = Field(
        ge=0, le=100, description="The customer's starting mood, 0 furious - 100 happy"
    )


class Option(Model):
    """One reply or action. Picking it applies `follows`/`violates` and moves the mood."""

    id: LocalId
    text: Text
    follows: tuple[RuleId, ...] = ()
    violates: tuple[RuleId, ...] = ()
    mood: int = Field(default=0, ge=-100, le=100)
    feedback: Text | None = None


class ChoiceOption(Option):
    feedback: Text
    next: LocalId = Field(description="Id of the next step or of an ending")


class OrderItem(Model):
    id: LocalId
    text: Text


Speaker = Literal["customer", "supervisor", "colleague", "narration"]
SPEAKERS: tuple[str, ...] = get_args(Speaker)


class Line(Model):
    """One line of the conversation before a step: who says it (or `narration` for what
    happens), and the clock time when the case gives one."""

    who: Speaker
    text: Text
    at: Annotated[str, StringConstraints(pattern=r"^\d{1,2}:\d{2}$")] | None = Field(
        default=None, description="Clock time as the case gives it, e.g. 23:40"
    )


class StepBase(Model):
    id: LocalId
    customer: Text | None = Field(
        default=None, description="What the customer says (shorthand for one customer line)"
    )
    lines: tuple[Line, ...] = Field(
        default=(),
        description="The conversation before the prompt, speaker by speaker; use instead of `customer`",
    )
    mood: int | None = Field(
        default=None,
        ge=0,
        le=100,
        description="The customer's mood as this step opens (0 furious - 100 happy); when given, "
        "the bar shows it whatever came before, so it always matches the customer's line",
    )
    prompt: Text

    def conversation(self) -> tuple[Line, ...]:
        if self.lines:
            return self.lines
        return (Line(who="customer", text=self.customer),) if self.customer else ()


class ChoiceStep(StepBase):
    kind: Literal["choice"]
    options: tuple[ChoiceOption, ...] = Field(min_length=2)


class MultiStep(StepBase):
    """Tick every option that applies: an option that follows rules should be ticked, one that
    violates rules should not."""

    kind: Literal["multi"]
    options: tuple[Option, ...] = Field(min_length=2)
    next: LocalId
    upset_next: LocalId | None = None


class EvidenceStep(StepBase):
    """Pick what to upload to the platform from an evidence locker (graded like `multi`)."""

    kind: Literal["evidence"]
    deadline: Text | None = None
    options: tuple[Option, ...] = Field(min_length=2)
    next: LocalId
    upset_next: LocalId | None = None


class OrderStep(StepBase):
    """Put a procedure in order; `answer` is the right order, `follows` the rules it teaches."""

    kind: Literal["order"]
    options: tuple[OrderItem, ...] = Field(min_length=3)
    answer: tuple[LocalId, ...] = Field(min_length=3)
    follows: tuple[RuleId, ...] = Field(min_length=1)
    feedback: Text
    next: LocalId
    upset_next: LocalId | None = None


class ReplyStep(StepBase):
    """Write a free-text reply, checked against `expects` (do rules) and `forbids` (dont rules)."""

    kind: Literal["reply"]
    expects: tuple[RuleId, ...] = ()
    forbids: tuple[RuleId, ...] = ()
    model_answer: Text
    max_chars: int = Field(default=2000, ge=50, le=10000)
    next: LocalId
    upset_next: LocalId | None = None


Step = Annotated[
    ChoiceStep | MultiStep | EvidenceStep | OrderStep | ReplyStep,
    Field(discriminator="kind"),
]


class Ending(Model):
    id: LocalId
    outcome: Outcome
    text: Text


class Scenario(Model):
    id: LocalId
    family: Family
    level: int = Field(ge=1, le=3)
    title: Text
    summary: Text
    context: Context
    steps: tuple[Step, ...] = Field(
        min_length=1, description="The first step is where the case starts"
    )
    endings: tuple[Ending, ...] = Field(min_length=1)

    @cached_property
    def _index(self) -> tuple[dict, dict]:
        return {s.id: s for s in self.steps}, {e.id: e for e in self.endings}

    def step(self, step_id: str) -> ChoiceStep | MultiStep | EvidenceStep | OrderStep | ReplyStep:
        return self._index[0][step_id]

    def ending(self, ending_id: str) -> Ending | None:
        return self._index[1].get(ending_id)

    def rule_ids(self) -> set[str]:
        """Every rule this scenario exercises."""
        ids: set[str] = set()
        for step in self.steps:
            ids.update(step_rule_ids(step))
        return ids


def step_rule_ids(step) -> set[str]:
    ids: set[str] = set()
    if isinstance(step, OrderStep):
        ids.update(step.follows)
    elif isinstance(step, ReplyStep):
        ids.update(step.expects)
        ids.update(step.forbids)
    else:
        for option in step.options:
            ids.update(option.follows)
            ids.update(option.violates)
    return ids


def step_targets(step) -> list[tuple[tuple, str]]:
    """(location inside the step, target id) of every `next`-like link of a step."""
    if isinstance(step, ChoiceStep):
        return [(("options", i, "next"), o.next) for i, o in enumerate(step.options)]
    links = [(("next",), step.next)]
    if step.upset_next:
        links.append((("upset_next",), step.upset_next))
    return links
