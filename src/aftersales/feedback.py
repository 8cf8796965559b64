"""Feedback as data: each graded step and the attempt summary, quoting the rule and its seed.

Views (CLI, widgets) render these dicts; nothing here formats HTML.
"""

from __future__ import annotations

from .content import Library
from .engine import AttemptResult
from .grading import RuleOutcome, StepGrade

VERDICT_WORDS = {
    "en": {"followed": "followed", "violated": "violated", "missed": "missed"},
    "zh": {"followed": "做到了", "violated": "违反了", "missed": "没做到"},
}


def rule_citation(library: Library, outcome: RuleOutcome, lang: str) -> dict:
    rule = library.rules[outcome.rule]
    return {
        "rule": rule.id,
        "outcome": outcome.outcome,
        "verdict": VERDICT_WORDS[lang][outcome.outcome],
        "title": rule.title.in_lang(lang),
        "text": rule.text.in_lang(lang),
        "critical": rule.critical,
        "weight": rule.weight,
        "evidence": outcome.evidence,
        "source": {"file": rule.source.file, "quote": rule.source.quote},
    }


def step_feedback(library: Library, grade: StepGrade, lang: str) -> dict:
    # Worst first: what went wrong is what the trainee needs to read.
    order = {"violated": 0, "missed": 1, "followed": 2}
    outcomes = sorted(grade.outcomes, key=lambda o: (order[o.outcome], o.rule))
    return {
        "step": grade.step,
        "kind": grade.kind,
        "message": grade.feedback.in_lang(lang) if grade.feedback else None,
        "rules": [rule_citation(library, o, lang) for o in outcomes],
    }


def attempt_summary(
    library: Library,
    result: AttemptResult,
    lang: str,
    trainee: str | None = None,
    attempt_id: int | None = None,
) -> dict:
    """The `play --json` shape of the brief, plus the ending's text."""
    scenario = library.scenarios[result.scenario]
    ending = scenario.ending(result.ending)
    return {
        "attempt_id": attempt_id,
        "scenario": result.scenario,
        "trainee": trainee,
        "score": result.score,
        "passed": result.passed,
        "outcome": result.outcome,
        "ending": ending.text.in_lang(lang) if ending else None,
        "critical_violations": list(result.critical_violations),
        "rules": [o.as_dict() for o in result.rules],
        "feedback": [step_feedback(library, g, lang) for g in result.steps],
    }
