"""The promotion ladder on the calendar (seed 004): clean months at the level below with
practice, the assessment cases, a year as senior; every violated rule is a mistake; no demotion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
import yaml

from aftersales.analytics import Cohort, ladder_history, level_of
from aftersales.demo import make_cohort

T0 = datetime(2025, 1, 1, 9, tzinfo=UTC)


def cohort_of(plays) -> Cohort:
    """plays: (day, scenario id, passed, mistakes) for trainee 1."""
    attempts = pd.DataFrame(
        [
            {
                "id": i,
                "trainee_id": 1,
                "scenario_id": sid,
                "finished_at": (T0 + timedelta(days=day)).isoformat(),
                "passed": int(ok),
                "score": 100 if ok else 50,
            }
            for i, (day, sid, ok, _) in enumerate(plays)
        ]
    )
    mistakes = pd.Series({i: m for i, (*_, m) in enumerate(plays) if m}, dtype=int)
    return Cohort({"attempts": attempts}, None, {1: attempts}, {}, mistakes)


def assessment(library, level: str) -> list[str]:
    return list(next(v for v in library.ladder.levels if v.id == level).criteria.assessment)


def clean_practice(library, start_day: int, days: int, level: str, every: int = 3):
    """Practice every few days with no mistake, passing the level's assessment cases on the way."""
    cases = assessment(library, level) or ["linen-shirt-sold-out"]
    return [
        (day, cases[n % len(cases)], True, 0)
        for n, day in enumerate(range(start_day, start_day + days, every))
    ]


def levels(library, plays, now=None) -> list[str]:
    return [level for level, _ in ladder_history(library, cohort_of(plays), 1, now)]


def test_two_clean_months_with_practice_and_the_assessment_make_an_intermediate(library):
    plays = [(0, "linen-shirt-sold-out", False, 2), *clean_practice(library, 1, 65, "intermediate")]
    assert levels(library, plays) == ["junior", "intermediate"]


def test_a_mistake_restarts_the_clock(library):
    plays = clean_practice(library, 1, 65, "intermediate")
    plays[-3] = (plays[-3][0], plays[-3][1], True, 1)  # one violated rule near the end
    assert levels(library, plays) == ["junior"]


def test_without_the_assessment_there_is_no_promotion(library):
    cases = assessment(library, "intermediate")
    plays = [(d, "birthday-gift-gloves-missing", True, 0) for d in range(1, 70, 3)]
    assert "birthday-gift-gloves-missing" not in cases
    assert levels(library, plays) == ["junior"]


def test_waiting_without_practice_earns_nothing(library):
    plays = [
        (d, c, True, 0)
        for d, c in zip(range(1, 12), assessment(library, "intermediate") * 3, strict=False)
    ]
    assert levels(library, plays, now=T0 + timedelta(days=400)) == ["junior"]


def test_a_mistake_after_promotion_does_not_demote(library):
    plays = [
        *clean_practice(library, 1, 65, "intermediate"),
        (70, "linen-shirt-sold-out", False, 3),
    ]
    assert levels(library, plays)[-1] == "intermediate"


def test_customer_manager_needs_a_year_as_senior(library):
    plays = clean_practice(library, 1, 62, "intermediate")
    plays += clean_practice(library, 63, 95, "senior")
    senior_at = 63 + 95
    early = plays + clean_practice(library, senior_at, 200, "customer-manager")
    assert levels(library, early)[-1] == "senior"  # clean, assessed, but not a year yet
    late = plays + clean_practice(library, senior_at, 380, "customer-manager")
    assert levels(library, late)[-1] == "customer-manager"


@pytest.mark.parametrize("level", ["intermediate", "senior", "customer-manager"])
def test_every_assessment_case_exists_and_can_be_practised(library, repo_root, level):
    cases = set(assessment(library, level))
    assert cases and cases <= set(library.scenarios)
    examples = yaml.safe_load((repo_root / "notebooks" / "worked_examples.yaml").read_text())
    assert not cases & {e["case"] for e in examples.values()}  # examples are never practice


def test_demo_data_has_every_level(library, sqlite_store):
    from aftersales import analytics

    make_cohort(sqlite_store, library, 8, 3)
    frames = analytics.load_frames(sqlite_store)
    cohort = analytics.Cohort.build(library, frames)
    found = {level_of(library, cohort, tid) for tid in frames["trainees"].id}
    assert found == {level.id for level in library.ladder.levels}


def test_an_unknown_assessment_case_is_reported_at_its_line(content_copy):
    from aftersales.content import check_library

    levels = content_copy / "playbook" / "levels.yaml"
    text = levels.read_text(encoding="utf-8").replace(
        "- flash-sale-kettle-oversold", "- no-such-case", 1
    )
    levels.write_text(text, encoding="utf-8")
    line = text.splitlines().index("        - no-such-case") + 1
    _, problems = check_library(content_copy)
    assert [str(p) for p in problems] == [
        f"playbook/levels.yaml:{line}: assessment case 'no-such-case' of level "
        "'intermediate' is no scenario"
    ]
