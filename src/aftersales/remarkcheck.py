"""Check a written order remark against the facts a `remark` step lists, field by field.

Plain substring matching after normalisation (width, case, traditional characters, runs of
spaces), so every verdict points at the words that decided it and no author's pattern can
backtrack. The original remark, when the order has one, is taken out before the fields are
read: its old facts are not the trainee's, and an old value kept there is not a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import RemarkField, RemarkStep
from .textnorm import normalise

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    return _SPACES.sub(" ", normalise(text)).strip()


@dataclass(frozen=True)
class FieldVerdict:
    field: str
    rule: str
    verdict: str  # followed | violated | missed
    found: str | None  # the words that decided it, as folded


def original_kept(step: RemarkStep, text: str) -> bool:
    if step.original is None:
        return True
    written = fold(text)
    return any(fold(o) in written for o in (step.original.text.en, step.original.text.zh))


def added_part(step: RemarkStep, text: str) -> str:
    """The folded remark without the original (the trainee's own words)."""
    written = fold(text)
    if step.original is not None:
        for original in (step.original.text.en, step.original.text.zh):
            written = written.replace(fold(original), " ", 1)
    return written


def field_verdict(field: RemarkField, written: str) -> FieldVerdict:
    for wrong in field.wrong:
        if fold(wrong) in written:
            return FieldVerdict(field.field, field.rule, "violated", fold(wrong))
    for expect in field.expect:
        if fold(expect) in written:
            return FieldVerdict(field.field, field.rule, "followed", fold(expect))
    return FieldVerdict(field.field, field.rule, "missed", None)


def check_remark(step: RemarkStep, text: str) -> list[FieldVerdict]:
    written = added_part(step, text)
    return [field_verdict(f, written) for f in step.fields]
