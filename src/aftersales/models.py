"""Frozen content models: playbook rules, the level ladder and scenarios.

These models are the single definition of the content format: the loader validates YAML with
them and `schema/scenario.schema.json` is generated from them (`aftersales schema`).
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

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
    "bad-review",
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
    """Where a rule comes from: a seed file, or, for a platform or consumer-law rule the seeds
    only point at ("熟悉全网规则"), a public regulation named and quoted as published."""

    file: NonEmpty | None = Field(
        default=None, description="Seed file name, e.g. 004_fe6eb304044e4d13.txt"
    )
    regulation: Text | None = Field(
        default=None,
        description="The public regulation and article, named in both languages, "
        "e.g. 《中华人民共和国消费者权益保护法》第二十五条",
    )
    url: NonEmpty | None = Field(default=None, description="Where the regulation is published")
    quote: NonEmpty = Field(description="The original sentence, quoted as written")

    @model_validator(mode="after")
    def _one_origin(self) -> Source:
        if (self.file is None) == (self.regulation is None):
            raise ValueError("a source names either a seed `file` or a `regulation`, not both")
        return self


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
    """What it takes to reach a level from the one below, after seed 004's promotion plan, on
    the calendar: a month counts as 30 days. A mistake is any violated rule (every rule has a
    weight) in a finished attempt; once reached, a level is kept."""

    months_at_previous: int = Field(
        default=0, ge=0, le=60, description="Tenure at the level below (高级客服满一年: 12)"
    )
    clean_months: int = Field(
        default=0,
        ge=0,
        le=24,
        description="Consecutive months at the level below without a mistake (连续N个月无失误)",
    )
    min_attempts: int = Field(
        default=0,
        ge=0,
        le=1000,
        description="Finished attempts within those clean months: practice, not absence",
    )
    assessment: tuple[LocalId, ...] = Field(
        default=(),
        description="The assessment (通过考核): cases to pass while at the level below",
    )


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


class Timed(Model):
    """A step answered against the clock: the time from the step being shown to the answer is
    graded against a response-time rule (followed within the limit, violated after it)."""

    within: int | None = Field(
        default=None, ge=10, le=3600, description="Seconds the trainee has to answer"
    )
    time_rule: RuleId | None = Field(
        default=None, description="The response-time rule the answer time is graded against"
    )

    @model_validator(mode="after")
    def _limit_and_rule_together(self):
        if (self.within is None) != (self.time_rule is None):
            raise ValueError("`within` and `time_rule` go together: give both or neither")
        return self


class ReplyStep(StepBase, Timed):
    """Write a free-text reply, checked against `expects` (do rules) and `forbids` (dont rules)."""

    kind: Literal["reply"]
    expects: tuple[RuleId, ...] = ()
    forbids: tuple[RuleId, ...] = ()
    model_answer: Text
    max_chars: int = Field(default=2000, ge=50, le=10000)
    next: LocalId
    upset_next: LocalId | None = None


RemarkFieldName = Literal[
    "name", "size", "pattern", "ship_date", "delivery", "notes", "change", "handler"
]
REMARK_FIELDS: tuple[str, ...] = get_args(RemarkFieldName)


class RemarkField(Model):
    """One fact the remark must record, in seed 004's order (姓名, 尺寸, 图案有无修改或定制,
    发货时间, 配送情况, 特殊备注) plus, for a change, its time and content and the handler."""

    field: RemarkFieldName
    expect: tuple[NonEmpty, ...] = Field(
        min_length=1,
        description="Any of these strings (either language; case, width and traditional "
        "characters do not matter) records the fact",
    )
    wrong: tuple[NonEmpty, ...] = Field(
        default=(), description="Strings that record the fact wrongly, e.g. the old size"
    )
    rule: RuleId = Field(description="The rule this field is graded against")


class OriginalRemark(Model):
    """The remark already on the order: the editor starts with it and it must be kept."""

    text: Text
    rule: RuleId = Field(description="The rule that says the original remark is kept")


class RemarkStep(StepBase, Timed):
    """Write the order remark (or a register entry) in seed 004's format, graded field by field
    against the case's facts; the original remark, when there is one, must be kept."""

    kind: Literal["remark"]
    original: OriginalRemark | None = None
    fields: tuple[RemarkField, ...] = Field(min_length=1)
    model_answer: Text
    max_chars: int = Field(default=500, ge=50, le=2000)
    next: LocalId
    upset_next: LocalId | None = None


Step = Annotated[
    ChoiceStep | MultiStep | EvidenceStep | OrderStep | ReplyStep | RemarkStep,
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

    def step(
        self, step_id: str
    ) -> ChoiceStep | MultiStep | EvidenceStep | OrderStep | ReplyStep | RemarkStep:
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
    if getattr(step, "time_rule", None):
        ids.add(step.time_rule)
    if isinstance(step, OrderStep):
        ids.update(step.follows)
    elif isinstance(step, ReplyStep):
        ids.update(step.expects)
        ids.update(step.forbids)
    elif isinstance(step, RemarkStep):
        ids.update(f.rule for f in step.fields)
        if step.original:
            ids.add(step.original.rule)
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
