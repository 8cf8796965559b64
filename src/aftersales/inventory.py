"""What a content root holds: counts per family, rule coverage and give-away checks."""

from __future__ import annotations

from collections import Counter

from .content import Library
from .models import FAMILIES, ChoiceStep, Scenario


def families(library: Library) -> dict[str, int]:
    counts = Counter(s.family for s in library.scenarios.values())
    return {family: counts.get(family, 0) for family in FAMILIES}


def coverage(library: Library) -> dict[str, int]:
    """Rule id -> number of scenarios that exercise it; every rule is listed, zeros included."""
    counts: Counter[str] = Counter()
    for scenario in library.scenarios.values():
        counts.update(scenario.rule_ids())
    return {rule_id: counts.get(rule_id, 0) for rule_id in sorted(library.rules)}


def option_value(library: Library, option) -> int:
    """How good a choice option is by the playbook: weights followed minus twice those violated."""
    gained = sum(library.rules[r].weight for r in option.follows if r in library.rules)
    lost = sum(library.rules[r].weight for r in option.violates if r in library.rules)
    return gained - 2 * lost


def best_option(library: Library, step: ChoiceStep):
    return max(step.options, key=lambda o: (option_value(library, o), o.mood))


def quality(library: Library) -> dict[str, float | int]:
    """Give-away measures over all `choice` steps (lower shares are better)."""
    steps = [s for sc in library.scenarios.values() for s in sc.steps if isinstance(s, ChoiceStep)]
    longest_best = first_best = 0
    for step in steps:
        best = best_option(library, step)
        longest = max(step.options, key=lambda o: len(o.text.en) + len(o.text.zh))
        longest_best += longest.id == best.id
        first_best += step.options[0].id == best.id
    n = len(steps) or 1
    return {
        "choice_steps": len(steps),
        "longest_option_is_best": round(longest_best / n, 3),
        "first_option_is_best": round(first_best / n, 3),
    }


def scenario_outline(scenario: Scenario) -> dict:
    """Structure only: ids and kinds, never which option is right (options in file order)."""
    return {
        "id": scenario.id,
        "family": scenario.family,
        "level": scenario.level,
        "title": scenario.title.model_dump(),
        "steps": [{"id": s.id, "kind": s.kind, "options": _option_ids(s)} for s in scenario.steps],
    }


def _option_ids(step) -> list[str]:
    ids = [o.id for o in getattr(step, "options", ())]
    # An `order` step's file order is usually the answer, so list its ids alphabetically.
    return sorted(ids) if step.kind == "order" else ids
