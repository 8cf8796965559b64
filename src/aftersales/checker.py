"""The free-text reply checker: normalisation, the playbook's `detect` patterns, and negation.

For each rule asked about, the verdict is:
1. A `do` rule is `followed` when one of its patterns matches outside a negation, else `missed`.
2. A `dont` rule is `violated` when one of its patterns matches outside a negation, else
   `followed` (a reply that does not break a dont-rule keeps it).
3. A match is negated when a negator ("not", "can't", "不是", "没有" ...) stands shortly before it
   in the same clause: "这不是快递的问题" is no blame on the courier.
The evidence is the matched phrase as the trainee wrote it. No network, no model, no randomness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .errors import UnknownRuleError
from .models import Rule
from .textnorm import has_chinese, normalise

Verdict = Literal["followed", "violated", "missed"]

# A negator must be in the same clause and close to the match.
_CLAUSE_BREAK = re.compile(
    r"[,.!?;:,。!?;:、\n]|\b(?:but|and|so|because|however)\b|但是|不过|而是|所以|因为"
)
_NEGATOR_EN = re.compile(
    r"\b(?:not|never|no|cannot|can't|won't|don't|doesn't|isn't|aren't|wasn't|didn't|without|nor)\b"
)
_NEGATOR_ZH = re.compile(r"不是|并非|并不|不会|不用|不必|无需|不需要|没有|没|不|别|未|绝不|无")
_CJK_END = re.compile(r"[\u3400-\u9fff]\s*$")
_EN_WINDOW_WORDS = 3
_ZH_WINDOW_CHARS = 4


@dataclass(frozen=True)
class ReplyVerdict:
    rule: str
    verdict: Verdict
    evidence: str | None


@dataclass(frozen=True)
class _CompiledRule:
    kind: str
    # Per script, all of a rule's patterns as one alternation: a reply is scanned once per rule
    # and script, and not at all for a script it does not contain.
    en: re.Pattern | None
    zh: re.Pattern | None


# Keyed by the rule object's id (kept alive in the value): hashing a frozen model field by field
# on every call would cost more than the matching itself.
_COMPILED: dict[int, tuple[Rule, _CompiledRule]] = {}


def _compile(rule: Rule) -> _CompiledRule:
    cached = _COMPILED.get(id(rule))
    if cached is not None and cached[0] is rule:
        return cached[1]

    def join(patterns) -> re.Pattern | None:
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    detect = rule.detect
    compiled = _CompiledRule(
        rule.kind, join(detect.en if detect else ()), join(detect.zh if detect else ())
    )
    _COMPILED[id(rule)] = (rule, compiled)
    return compiled


def _negated(norm: str, start: int) -> bool:
    before = norm[max(0, start - 40) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    if _CJK_END.search(before):
        return bool(_NEGATOR_ZH.search(before.rstrip()[-_ZH_WINDOW_CHARS:]))
    words = before.split()[-_EN_WINDOW_WORDS:]
    return bool(_NEGATOR_EN.search(" ".join(words)))


_LATIN = re.compile(r"[a-z]")


def _first_match(
    compiled: _CompiledRule, norm: str, scripts: tuple[bool, bool]
) -> tuple[int, int] | None:
    found: tuple[int, int] | None = None
    for pattern, present in ((compiled.en, scripts[0]), (compiled.zh, scripts[1])):
        if pattern is None or not present:
            continue
        for match in pattern.finditer(norm):
            if match.end() > match.start() and not _negated(norm, match.start()):
                if found is None or match.start() < found[0]:
                    found = (match.start(), match.end())
                break
    return found


def _evidence(text: str, norm: str, span: tuple[int, int]) -> str:
    # NFKC and the t2s table keep length for nearly all replies; when they do, quote the original.
    source = text if len(text) == len(norm) else norm
    return source[span[0] : span[1]].strip()


def check_rules(text: str, rules: list[Rule]) -> dict[str, ReplyVerdict]:
    norm = normalise(text)
    scripts = (bool(_LATIN.search(norm)), has_chinese(norm))
    verdicts: dict[str, ReplyVerdict] = {}
    for rule in rules:
        compiled = _compile(rule)
        span = _first_match(compiled, norm, scripts)
        if compiled.kind == "do":
            verdict: Verdict = "followed" if span else "missed"
        else:
            verdict = "violated" if span else "followed"
        evidence = _evidence(text, norm, span) if span else None
        verdicts[rule.id] = ReplyVerdict(rule.id, verdict, evidence)
    return verdicts


def check_reply(
    text: str, rule_ids, lang: str | None = None, library=None
) -> dict[str, ReplyVerdict]:
    """Check one reply against the named rules (ids of the shipped playbook by default).

    `lang` is accepted for symmetry with the views; patterns of both languages always run,
    because replies mix English and Chinese freely and normalisation makes that cheap.
    """
    library = library if library is not None else _default_library()
    unknown = [r for r in rule_ids if r not in library.rules]
    if unknown:
        raise UnknownRuleError(f"unknown rule id(s): {', '.join(unknown)}")
    return check_rules(text, [library.rules[r] for r in rule_ids])


@cache
def _default_library():
    from .content import load_library

    return load_library()
