"""The scenario library as a whole: size per family, coverage, shape, and no give-aways."""

from __future__ import annotations

import pytest

from aftersales import inventory
from aftersales.content import load_library
from aftersales.models import ChoiceStep, ReplyStep

SCENARIOS = sorted(load_library().scenarios)
MINIMUM = {
    "stock-out": 5,
    "lost-parcel": 6,
    "abusive-caller": 5,
    "dispute-evidence": 5,
    "returns-quality": 6,
    "order-remarks": 3,
}


def test_at_least_thirty_scenarios_with_family_counts(library):
    assert len(library.scenarios) >= 30
    counts = inventory.families(library)
    for family, minimum in MINIMUM.items():
        assert counts[family] >= minimum, family


def test_every_rule_is_exercised_by_two_scenarios(library):
    coverage = inventory.coverage(library)
    assert set(coverage) == set(library.rules)
    thin = {rule: n for rule, n in coverage.items() if n < 2}
    assert thin == {}


def test_the_longest_option_is_rarely_the_best(library):
    assert inventory.quality(library)["longest_option_is_best"] <= 0.40


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
