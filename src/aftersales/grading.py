"""Grade answers against the playbook. Pure functions over the content models; no I/O.

Scoring rules (the playbook notebook `01_playbook` states the same, and a test holds them equal):
1. Each answered step yields one outcome per rule it touches: `followed`, `violated` or `missed`,
   with the step and the evidence (the chosen option, or the matched phrase of a reply).
2. `choice`: the chosen option's `follows` are followed and its `violates` violated. A rule that
   another option of the step follows is missed; one that other options only violate is
   followed (the trap was avoided; feedback says "avoided").
3. `multi` and `evidence` are graded per option: a ticked option applies its rules; an unticked
   option that follows rules leaves them missed (a required option missed); an unticked option
   that violates rules counts as followed (a forbidden option avoided).
4. `order` gives partial credit: the share of pairs of items in the right relative order
   (Kendall's tau rescaled to 0..1). Its rules are followed at 1.0, otherwise missed with that credit.
5. `reply`: the free-text checker gives each rule in `expects` and `forbids` its verdict.
   `remark`: each field is followed when the remark records the fact, violated when it records
   it wrongly, missed when it is absent; the original remark, if any, must be kept.
   A timed step (`within`) also grades its `time_rule`: followed within the limit, else violated.
6. Within a step, outcomes for the same rule merge: the worst verdict wins and the credits average.
7. Credit is 1 for followed, 0 for violated or missed (order steps: the pair share).
8. Score = 100 * sum(weight * credit) / sum(weight) over all outcomes, rounded half up;
   100 when no rule was at stake.
9. The attempt passes with a score of at least 80 and no violation of a critical rule; a critical
   violation fails it whatever the score.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations
from typing import Literal

from .checker import check_rules
from .content import Library
from .models import ChoiceStep, EvidenceStep, MultiStep, OrderStep, RemarkStep, ReplyStep, Text
from .remarkcheck import check_remark, original_kept

PASS_MARK = 80
Outcome = Literal["followed", "violated", "missed"]
_SEVERITY = {"followed": 0, "missed": 1, "violated": 2}


@dataclass(frozen=True)
class RuleOutcome:
    rule: str
    outcome: Outcome
    step: str
    evidence: str | None
    credit: float
    # Followed only because the trainee stayed clear of a trap (an option not taken, a box
    # not ticked, a forbidden phrase not written): feedback calls this "avoided".
    avoided: bool = False

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "outcome": self.outcome,
            "step": self.step,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class StepGrade:
    """What one answer earned: outcomes, the mood change, feedback, and where the case goes."""

    step: str
    kind: str
    outcomes: tuple[RuleOutcome, ...]
    mood_delta: int
    feedback: Text | None
    next: str


@dataclass(frozen=True)
class Score:
    score: int
    passed: bool
    critical_violations: tuple[str, ...]


def grade_step(
    library: Library, step, answer, lang: str = "en", seconds: float | None = None
) -> StepGrade:
    """Grade one already-validated answer (see `engine.parse_answer`) to one step; `seconds`,
    the time the answer took, matters only to a timed step."""
    grade = _grade_content(library, step, answer, lang)
    if getattr(step, "within", None) is None or seconds is None:
        return grade
    return _with_time(step, grade, seconds)


def _with_time(step, grade: StepGrade, seconds: float) -> StepGrade:
    in_time = seconds <= step.within
    # Stored without words of any language: views say it in the reader's (feedback.evidence_text).
    evidence = f"time={clock(seconds)}/{clock(step.within)}"
    outcome = RuleOutcome(
        step.time_rule, "followed" if in_time else "violated", step.id, evidence, float(in_time)
    )
    kept = tuple(o for o in grade.outcomes if o.rule != step.time_rule)
    mood = grade.mood_delta + (0 if in_time else -10)
    return replace(grade, outcomes=(*kept, outcome), mood_delta=mood)


def clock(seconds: float) -> str:
    """1:05 for 65 seconds."""
    whole = int(seconds + 0.5)
    return f"{whole // 60}:{whole % 60:02d}"


def _grade_content(library: Library, step, answer, lang: str) -> StepGrade:
    if isinstance(step, ChoiceStep):
        return _grade_choice(step, answer, lang)
    if isinstance(step, MultiStep | EvidenceStep):
        return _grade_picks(step, answer, lang)
    if isinstance(step, OrderStep):
        return _grade_order(step, answer)
    if isinstance(step, ReplyStep):
        return _grade_reply(library, step, answer)
    if isinstance(step, RemarkStep):
        return _grade_remark(step, answer)
    raise TypeError(f"unknown step kind: {step!r}")


def _grade_choice(step: ChoiceStep, option_id: str, lang: str) -> StepGrade:
    chosen = next(o for o in step.options if o.id == option_id)
    evidence = chosen.text.in_lang(lang)
    raw: list[tuple] = []
    raw += [(r, "followed", evidence, 1.0) for r in chosen.follows]
    raw += [(r, "violated", evidence, 0.0) for r in chosen.violates]
    others = [o for o in step.options if o.id != option_id]
    touched = set(chosen.follows) | set(chosen.violates)
    for rule in sorted({r for o in others for r in (*o.follows, *o.violates)} - touched):
        if any(rule in o.follows for o in others):
            raw.append((rule, "missed", evidence, 0.0))
        else:
            raw.append((rule, "followed", evidence, 1.0, True))
    return StepGrade(
        step.id, step.kind, _merge(step.id, raw), chosen.mood, chosen.feedback, chosen.next
    )


def _grade_picks(step: MultiStep | EvidenceStep, picked: tuple[str, ...], lang: str) -> StepGrade:
    raw: list[tuple] = []
    mood = 0
    for option in step.options:
        text = option.text.in_lang(lang)
        if option.id in picked:
            mood += option.mood
            raw += [(r, "followed", text, 1.0) for r in option.follows]
            raw += [(r, "violated", text, 0.0) for r in option.violates]
        else:
            raw += [(r, "missed", f"not picked: {text}", 0.0) for r in option.follows]
            raw += [(r, "followed", f"avoided: {text}", 1.0, True) for r in option.violates]
    outcomes = _merge(step.id, raw)
    mood += sum(-5 for o in outcomes if o.outcome == "missed")
    return StepGrade(step.id, step.kind, outcomes, mood, _picked_feedback(step, picked), step.next)


def _picked_feedback(step, picked) -> Text | None:
    notes = [o.feedback for o in step.options if o.feedback and o.id in picked]
    if not notes:
        return None
    return Text(en=" ".join(n.en for n in notes), zh="".join(n.zh for n in notes))


def pair_order_share(given: tuple[str, ...], answer: tuple[str, ...]) -> float:
    """Share of item pairs whose relative order in `given` matches `answer` (1.0 = exact)."""
    position = {item: i for i, item in enumerate(given)}
    pairs = list(combinations(answer, 2))
    if not pairs:
        return 1.0
    right = sum(position[a] < position[b] for a, b in pairs)
    return right / len(pairs)


def _grade_order(step: OrderStep, given: tuple[str, ...]) -> StepGrade:
    share = pair_order_share(given, step.answer)
    verdict: Outcome = "followed" if share == 1.0 else "missed"
    evidence = f"order {' > '.join(given)}: {round(share * 100)}% of pairs in place"
    raw = [(r, verdict, evidence, share) for r in step.follows]
    mood = 0 if share == 1.0 else -5
    return StepGrade(step.id, step.kind, _merge(step.id, raw), mood, step.feedback, step.next)


def _grade_reply(library: Library, step: ReplyStep, text: str) -> StepGrade:
    rules = [library.rules[r] for r in (*step.expects, *step.forbids)]
    verdicts = check_rules(text, rules)
    raw = [
        (
            v.rule,
            v.verdict,
            v.evidence,
            1.0 if v.verdict == "followed" else 0.0,
            v.verdict == "followed" and library.rules[v.rule].kind == "dont",
        )
        for v in verdicts.values()
    ]
    outcomes = _merge(step.id, raw)
    mood = sum({"followed": 5, "missed": -5, "violated": -15}[o.outcome] for o in outcomes)
    return StepGrade(step.id, step.kind, outcomes, mood, step.model_answer, step.next)


EVIDENCE_SEP = "; "


def _grade_remark(step: RemarkStep, text: str) -> StepGrade:
    """Evidence is `field=words found` per field (empty when missing) and `original=kept|lost`,
    joined by "; " per rule: what decided each fact, in no language; views word it."""
    raw: list[tuple] = []
    if step.original is not None:
        kept = original_kept(step, text)
        state = "kept" if kept else "lost"
        raw.append(
            (
                step.original.rule,
                "followed" if kept else "violated",
                f"original={state}",
                float(kept),
            )
        )
    for verdict in check_remark(step, text):
        evidence = f"{verdict.field}={verdict.found or ''}"
        raw.append((verdict.rule, verdict.verdict, evidence, float(verdict.verdict == "followed")))
    outcomes = tuple(
        replace(o, evidence=EVIDENCE_SEP.join(r[2] for r in raw if r[0] == o.rule))
        for o in _merge(step.id, raw)
    )
    mood = sum({"followed": 0, "missed": -5, "violated": -10}[o.outcome] for o in outcomes)
    return StepGrade(step.id, step.kind, outcomes, mood, step.model_answer, step.next)


def _merge(step_id: str, raw) -> tuple[RuleOutcome, ...]:
    """One outcome per rule: the worst verdict, the mean credit, the evidence of the worst.

    Raw items are (rule, outcome, evidence, credit) with an optional fifth `avoided` flag."""
    by_rule: dict[str, list] = {}
    for item in raw:
        by_rule.setdefault(item[0], []).append(item)
    merged = []
    for rule, items in by_rule.items():
        worst = max(items, key=lambda i: _SEVERITY[i[1]])
        credit = sum(i[3] for i in items) / len(items)
        avoided = worst[1] == "followed" and all(len(i) > 4 and i[4] for i in items)
        merged.append(RuleOutcome(rule, worst[1], step_id, worst[2], round(credit, 4), avoided))
    return tuple(merged)


def score(library: Library, outcomes) -> Score:
    """Apply scoring rules 7-9 to every outcome of an attempt."""
    total = sum(library.rules[o.rule].weight for o in outcomes)
    earned = sum(library.rules[o.rule].weight * o.credit for o in outcomes)
    value = 100 if total == 0 else int(100 * earned / total + 0.5)
    critical = tuple(
        sorted(
            {o.rule for o in outcomes if o.outcome == "violated" and library.rules[o.rule].critical}
        )
    )
    return Score(value, value >= PASS_MARK and not critical, critical)
