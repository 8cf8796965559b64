"""What a content root holds: counts per family, rule coverage and give-away checks."""

from __future__ import annotations

import re
from collections import Counter

from .content import Library
from .models import FAMILIES, ChoiceStep, Scenario, step_targets


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


# Surface cues a test-wise reader uses instead of reading the case. Each cue picks a set of
# candidate options; ties are broken uniformly, so a cue scores 1/len(candidates) on a step when
# the best option is among them (the content audit's method).
_APOLOGY = re.compile(r"sorry|apologi[sz]e|apologies|抱歉|对不起|不好意思|歉意|對不起", re.I)
_TIME = re.compile(
    r"\b\d{1,2}(:\d\d)? ?(am|pm)\b|\bby (tomorrow|tonight|noon|midday|\d)|\bwithin \w+ "
    r"(minutes?|hours?|days?)|\b\d+ ?(minutes?|hours?|days?)\b|\btoday\b|\btomorrow\b|\btonight\b"
    r"|\d+ ?(点|小时|分钟|天|個?小時)|今天|明天|今晚|后天",
    re.I,
)
_RED_FLAG = re.compile(
    r"your (own )?fault|you should have|not our (problem|fault|responsibility)|nothing (we|i) can do"
    r"|calm down|take it or leave it|whatever|psycho|stupid|your problem|yourself|can't help"
    r"|not my job|policy is policy|no exceptions"
    r"|你自己|不关我们|爱要不要|爱买不买|没办法|不是我们的|你的问题|别激动|随便你|神经|规定就是规定",
    re.I,
)


def _text(option) -> str:
    return f"{option.text.en}\n{option.text.zh}"


def _length(option) -> int:
    return len(option.text.en) + len(option.text.zh)


def _names(scenario: Scenario) -> list[str]:
    """The customer's name as options would use it: 'Fang' of 'Ms Fang', '方女士'."""
    name = scenario.context.customer.name
    words = [w for w in re.split(r"[\s.]+", name.en) if w and w.lower() not in _TITLES]
    return [*words, name.zh]


_TITLES = {"ms", "mr", "mrs", "miss", "dr", "mx"}


def _with(options, pattern) -> list:
    return [o for o in options if pattern.search(_text(o))]


def _middle(options) -> list:
    ranked = sorted(options, key=_length)
    middle = _length(ranked[(len(ranked) - 1) // 2])
    return [o for o in options if _length(o) == middle]


def _test_wise(options, names: list[str]) -> list:
    """No red flag > an apology > the customer's name or a time > not the longest: each
    preference narrows the candidates only when some option survives it."""
    candidates = list(options)
    steps = (
        lambda os: [o for o in os if not _RED_FLAG.search(_text(o))],
        lambda os: _with(os, _APOLOGY),
        lambda os: [o for o in os if _TIME.search(_text(o)) or _names_in(o, names)],
        lambda os: [o for o in os if _length(o) < max(map(_length, os))],
    )
    for narrow in steps:
        narrowed = narrow(candidates)
        if narrowed:
            candidates = narrowed
    return candidates


def _names_in(option, names: list[str]) -> bool:
    text = _text(option)
    return any(n and n in text for n in names)


def quality(library: Library, family: str | None = None) -> dict[str, float | int]:
    """Give-away measures over `choice` steps (lower shares are better), optionally one family.

    A wrong option *without cost* violates no rule or earns as much as the best one; a *straw
    man* is a wrong option that offends the customer badly (mood -20 or worse): no agent would
    pick it, so it teaches nothing.
    """
    cues = {
        "longest_option_is_best": lambda os, names: [max(os, key=_length)],
        # the reverse cue too: content that makes the best option plain must not make it short
        "shortest_option_is_best": lambda os, names: [min(os, key=_length)],
        "middle_length_is_best": lambda os, names: _middle(os),
        "apology_word_is_best": lambda os, names: _with(os, _APOLOGY),
        "concrete_time_is_best": lambda os, names: _with(os, _TIME),
        "customer_name_is_best": lambda os, names: [o for o in os if _names_in(o, names)],
        "first_option_is_best": lambda os, names: [os[0]],
        "test_wise_is_best": _test_wise,
    }
    hits = dict.fromkeys(cues, 0.0)
    steps = wrong = without_cost = straw = 0
    for scenario in library.scenarios.values():
        if family and scenario.family != family:
            continue
        names = _names(scenario)
        for step in scenario.steps:
            if not isinstance(step, ChoiceStep):
                continue
            steps += 1
            best = best_option(library, step)
            for name, cue in cues.items():
                candidates = cue(step.options, names)
                if best in candidates:
                    hits[name] += 1 / len(candidates)
            best_value = option_value(library, best)
            for option in step.options:
                if option is best:
                    continue
                wrong += 1
                without_cost += not option.violates or option_value(library, option) >= best_value
                straw += option.mood <= STRAW_MAN_MOOD
    n = steps or 1
    return {
        "choice_steps": steps,
        **{name: round(hit / n, 3) for name, hit in hits.items()},
        "wrong_options": wrong,
        "wrong_options_without_cost": without_cost,
        "straw_man_share": round(straw / (wrong or 1), 3),
        **({} if family else branching(library)),
    }


STRAW_MAN_MOOD = -20


def endings_by_choice(scenario: Scenario) -> set[str]:
    """Endings a trainee can reach by what they choose (the customer's mood left aside)."""
    steps = {s.id: s for s in scenario.steps}
    seen, todo, endings = set(), [scenario.steps[0].id], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        if node not in steps:
            endings.add(node)
            continue
        todo += [t for where, t in step_targets(steps[node]) if where[-1] != "upset_next"]
    return endings


def has_later_consequence(library: Library, scenario: Scenario) -> bool:
    """Some wrong choice leads on to a different *step* than the best one: the mistake is
    paid for later in the case, not only at once."""
    steps = {s.id for s in scenario.steps}
    for step in scenario.steps:
        if isinstance(step, ChoiceStep):
            best = best_option(library, step)
            if any(o.next in steps and o.next != best.next for o in step.options if o is not best):
                return True
    return False


def branching(library: Library) -> dict[str, float | int]:
    cases = list(library.scenarios.values())
    return {
        "cases_with_one_ending_by_choice": sum(len(endings_by_choice(s)) < 2 for s in cases),
        "later_consequence_share": round(
            sum(has_later_consequence(library, s) for s in cases) / (len(cases) or 1), 3
        ),
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
