"""Feedback as data: each graded step and the attempt summary, quoting the rule and its seed.

Views (CLI, widgets) render these dicts; nothing here formats HTML. A step's feedback has one
line per rule it touched, with the verdict, the rule's title and one sentence of why; the whole
chosen option is never repeated per rule (the trainee sees it in the conversation already).
"""

from __future__ import annotations

import re

from .content import Library
from .engine import AttemptResult
from .grading import EVIDENCE_SEP, RuleOutcome, StepGrade
from .i18n import STRINGS, t
from .models import EvidenceStep, MultiStep, Source

_SEVERITY = {"followed": 0, "avoided": 0, "missed": 1, "violated": 2}
PRACTISE_AT_MOST = 3
WRITTEN = ("reply", "remark")  # steps answered in the trainee's own words: a model answer follows


def source_label(source: Source, lang: str) -> str:
    """'Senior agent's handbook (seed 002)' for '002_8efd....txt'; unknown files by name; a
    regulation by its name in the trainee's language."""
    if source.regulation is not None:
        return source.regulation.in_lang(lang)
    key = f"seed.{source.file[:3]}"
    return t(key, lang) if key in STRINGS else t("seed.other", lang, name=source.file)


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?(?:[.!?](?=\s|$)|[。！？]))", text, re.S)
    return match.group(1) if match else text


def _clean_quote(quote: str) -> str:
    return quote.replace("**", "").strip()


def verdict_of(outcome: RuleOutcome) -> str:
    return "avoided" if outcome.avoided else outcome.outcome


def rule_citation(
    library: Library, outcome: RuleOutcome, lang: str, step=None, answer=None
) -> dict:
    rule = library.rules[outcome.rule]
    verdict = verdict_of(outcome)
    return {
        "rule": rule.id,
        "outcome": outcome.outcome,
        "verdict_key": verdict,
        "verdict": t(f"verdict.{verdict}", lang),
        "title": rule.title.in_lang(lang),
        "text": rule.text.in_lang(lang),
        "why": _why(rule, outcome, verdict, lang, step, answer),
        "critical": rule.critical,
        "weight": rule.weight,
        "evidence": outcome.evidence,
        # words of the reply (the time taken is not a phrase of it)
        "phrase": outcome.evidence
        if step is not None
        and step.kind == "reply"
        and outcome.rule != getattr(step, "time_rule", None)
        else None,
        "source": {
            "file": rule.source.file,
            "label": source_label(rule.source, lang),
            "quote": _clean_quote(rule.source.quote),
        },
    }


def _why(rule, outcome: RuleOutcome, verdict: str, lang: str, step, answer) -> str:
    """One sentence: what the answer did about this rule, then what the rule asks."""
    asks = first_sentence(rule.text.in_lang(lang))
    kind = step.kind if step is not None else None
    if kind == "order":
        return t("player.why.order", lang, share=round(outcome.credit * 100))
    if kind in ("multi", "evidence") and isinstance(step, MultiStep | EvidenceStep):
        picked = set(answer or ())
        if verdict == "missed":
            left = [
                o.text.in_lang(lang)
                for o in step.options
                if rule.id in o.follows and o.id not in picked
            ]
            if left:
                return t("player.why.not_picked", lang, items=_joined(left, lang))
        if verdict == "violated":
            ticked = [
                o.text.in_lang(lang)
                for o in step.options
                if o.id in picked and rule.id in o.violates
            ]
            if ticked:
                return t("player.why.picked", lang, items=_joined(ticked, lang))
    worded = evidence_text(step, outcome.rule, outcome.evidence, lang)
    if worded and (kind == "remark" or rule.id == getattr(step, "time_rule", None)):
        # Field by field (or the time taken): the words that decided it, then the rule.
        return f"{worded}{'。' if lang == 'zh' else '. '}{asks}"
    if kind == "reply" and verdict == "missed":
        return t("player.why.reply_missing", lang) + ("" if lang == "zh" else " ") + asks
    return asks


def evidence_text(step, rule_id: str, evidence: str | None, lang: str) -> str | None:
    """Evidence as the reader reads it. A remark's facts and a timed step's time are stored in
    no language (see grading); everything else is the trainee's own words, shown as they are."""
    if not evidence:
        return evidence
    timed = step is not None and rule_id == getattr(step, "time_rule", None)
    if not timed and (step is None or step.kind != "remark"):
        return evidence
    parts = []
    for item in evidence.split(EVIDENCE_SEP):
        key, _, value = item.partition("=")
        if key == "time":
            taken, _, limit = value.partition("/")
            parts.append(t("answer.time_taken", lang, taken=taken, limit=limit))
        elif key == "original":
            parts.append(t(f"answer.original_{value}", lang))
        elif value:
            parts.append(f"{t(f'remark.field.{key}', lang)}{t('answer.field_sep', lang)}{value}")
        else:
            parts.append(t("answer.field_missing", lang, field=t(f"remark.field.{key}", lang)))
    return t("answer.list_sep", lang).join(parts)


def _joined(items: list[str], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(items)


def step_feedback(
    library: Library, grade: StepGrade, lang: str, scenario=None, answer=None
) -> dict:
    # Worst first: what went wrong is what the trainee needs to read.
    step = scenario.step(grade.step) if scenario is not None else None
    outcomes = sorted(
        grade.outcomes, key=lambda o: (-_SEVERITY[verdict_of(o)], -library.rules[o.rule].weight)
    )
    return {
        "step": grade.step,
        "kind": grade.kind,
        "message": grade.feedback.in_lang(lang)
        if grade.feedback and grade.kind not in WRITTEN
        else None,
        "model_answer": grade.feedback.in_lang(lang)
        if grade.feedback and grade.kind in WRITTEN
        else None,
        "rules": [rule_citation(library, o, lang, step, answer) for o in outcomes],
    }


def attempt_rules(library: Library, result: AttemptResult, lang: str) -> list[dict]:
    """One row per rule over the whole attempt: its worst verdict, worst first."""
    worst: dict[str, RuleOutcome] = {}
    for outcome in result.rules:
        seen = worst.get(outcome.rule)
        if seen is None or _rank(outcome) > _rank(seen):
            worst[outcome.rule] = outcome
    rows = [rule_citation(library, o, lang) for o in worst.values()]
    rows.sort(key=lambda r: (-_SEVERITY[r["verdict_key"]], not r["critical"], -r["weight"]))
    return rows


def _rank(outcome: RuleOutcome) -> tuple[int, int]:
    # Worse verdict first; between two "followed", one really done beats one only avoided.
    return (_SEVERITY[outcome.outcome], 0 if not outcome.avoided else -1)


def to_practise(rows: list[dict]) -> list[dict]:
    """The two or three rules most worth practising: violated, then missed, heaviest first."""
    weak = [r for r in rows if r["verdict_key"] in ("violated", "missed")]
    return weak[:PRACTISE_AT_MOST]


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
        "feedback": [step_feedback(library, g, lang, scenario) for g in result.steps],
    }
