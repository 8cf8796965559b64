"""Which cases a trainee sees in the picker, with their status, and which case comes next.

Pure functions over the library and a trainee's per-case status (`Store.scenario_status`).
"""

from __future__ import annotations

from .content import Library
from .models import FAMILIES

STATUSES = ("new", "passed", "again", "unfinished")


def family_cases(library: Library, family: str) -> list[str]:
    """A family's cases, easiest first, then by title."""
    found = [s for s in library.scenarios.values() if s.family == family]
    return [s.id for s in sorted(found, key=lambda s: (s.level, s.title.en))]


def families(library: Library) -> list[str]:
    present = {s.family for s in library.scenarios.values()}
    return [f for f in FAMILIES if f in present]


def status_of(statuses: dict[str, str], scenario_id: str) -> str:
    return statuses.get(scenario_id, "new")


def next_case(
    library: Library,
    current: str,
    statuses: dict[str, str],
    weak_rules: list[str],
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """The case that best trains the rules just missed, among those not yet passed.

    Ties go to the same family, then to the easier case, so the trainee moves on gently. Unlike
    `analytics.recommend` (mastery over the whole record, for the progress report) this needs
    only the case statuses, so an ending never loads the cohort's tables."""
    family = library.scenarios[current].family
    weak = set(weak_rules)

    def rank(sc):
        overlap = len(weak & sc.rule_ids())
        return (-overlap, sc.family != family, sc.level, sc.id)

    candidates = [
        sc
        for sc in library.scenarios.values()
        if sc.id != current and sc.id not in exclude and status_of(statuses, sc.id) != "passed"
    ]
    if not candidates:
        return None
    return min(candidates, key=rank).id
