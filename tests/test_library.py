"""The scenario library as a whole: size per family, coverage, shape, and no give-aways."""

from __future__ import annotations

import re

import pytest

from aftersales import inventory
from aftersales.content import load_library
from aftersales.models import ChoiceStep, ReplyStep

SCENARIOS = sorted(load_library().scenarios)
MINIMUM = {
    "stock-out": 6,
    "lost-parcel": 7,
    "abusive-caller": 6,
    "dispute-evidence": 6,
    "returns-quality": 7,
    "order-remarks": 5,
    "bad-review": 5,
}


def test_at_least_forty_five_scenarios_with_family_counts(library):
    assert len(library.scenarios) >= 45
    counts = inventory.families(library)
    for family, minimum in MINIMUM.items():
        assert counts[family] >= minimum, family


def test_every_rule_is_exercised_by_two_scenarios(library):
    coverage = inventory.coverage(library)
    assert set(coverage) == set(library.rules)
    thin = {rule: n for rule, n in coverage.items() if n < 2}
    assert thin == {}


CUES = (
    "longest_option_is_best",
    "shortest_option_is_best",
    "middle_length_is_best",
    "apology_word_is_best",
    "concrete_time_is_best",
    "customer_name_is_best",
    "first_option_is_best",
)


@pytest.fixture(scope="module")
def quality(library):
    return inventory.quality(library)


@pytest.mark.parametrize("cue", CUES)
def test_no_surface_cue_finds_the_best_option_more_than_forty_percent_of_the_time(quality, cue):
    assert quality[cue] <= 0.40


def test_a_test_wise_reader_finds_the_best_option_at_most_45_percent_of_the_time(quality):
    assert quality["test_wise_is_best"] <= 0.45


def test_every_wrong_option_costs_a_rule(quality):
    assert quality["wrong_options_without_cost"] == 0


def test_straw_men_are_at_most_15_percent_of_wrong_options(quality):
    assert quality["straw_man_share"] <= 0.15


def test_every_case_reaches_two_endings_by_choices_and_a_third_have_later_consequences(quality):
    assert quality["cases_with_one_ending_by_choice"] == 0
    assert quality["later_consequence_share"] >= 1 / 3


def test_every_step_kind_appears_in_two_families(library):
    families: dict[str, set[str]] = {}
    for scenario in library.scenarios.values():
        for step in scenario.steps:
            families.setdefault(step.kind, set()).add(scenario.family)
            if getattr(step, "within", None):
                families.setdefault("timed", set()).add(scenario.family)
    kinds = {"choice", "multi", "order", "evidence", "reply", "remark", "timed"}
    assert {k for k in kinds if len(families.get(k, ())) >= 2} == kinds


def test_option_ids_do_not_judge_the_option(library):
    judging = re.compile(
        r"(^|-)(own-it|blame|hit-back|doubt|lecture|rude|good|bad|wrong|right|best|polite|proper|"
        r"lazy|fake|correct|ideal|smart|dumb|snap|rant|insult|honest|lie)(-|$)"
    )
    found = [
        f"{s.id}/{step.id}/{o.id}"
        for s in library.scenarios.values()
        for step in s.steps
        for o in getattr(step, "options", ())
        if judging.search(o.id)
    ]
    assert found == []


def test_half_of_the_scenarios_have_a_reply_step(library):
    with_reply = [
        s
        for s in library.scenarios.values()
        if any(isinstance(step, ReplyStep) for step in s.steps)
    ]
    assert len(with_reply) * 2 >= len(library.scenarios)


@pytest.mark.parametrize(
    "scenario_id", sorted(__import__("aftersales.content", fromlist=["x"]).load_library().scenarios)
)
def test_scenario_shape(library, scenario_id):
    scenario = library.scenarios[scenario_id]
    assert len(scenario.steps) >= 4
    assert 1 <= scenario.level <= 3
    branching = [
        s
        for s in scenario.steps
        if isinstance(s, ChoiceStep) and len({o.next for o in s.options}) > 1
    ]
    assert branching, "no choice changes what happens next"
    assert scenario.context.mood is not None and scenario.endings
