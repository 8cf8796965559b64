"""Property tests over every shipped scenario: random paths end, grading is a function of the
answers, critical violations always fail, and full marks are always reachable."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales.content import load_library
from aftersales.engine import Attempt, best_answers
from aftersales.models import ChoiceStep, OrderStep, RemarkStep, ReplyStep

LIBRARY = load_library()
SCENARIOS = sorted(LIBRARY.scenarios)
MAX_STEPS = 50
REPLIES = [
    "Sorry for the trouble. I'll chase the courier myself and call you back by 5pm today.",
    "It's the courier's fault, not ours. Take it up with them.",
    "你有病吧,爱买不买。",
    "亲,非常抱歉!麻烦您拍一下照片,运费我们承担,今天下午五点前给您答复。",
    "ok",
]


def test_there_are_scenarios():
    assert len(SCENARIOS) >= 8


def _answer_for(step, data):
    if isinstance(step, ChoiceStep):
        return data.draw(st.sampled_from([o.id for o in step.options]))
    if isinstance(step, OrderStep):
        return data.draw(st.permutations([o.id for o in step.options]))
    if isinstance(step, ReplyStep | RemarkStep):
        models = [step.model_answer.en, step.model_answer.zh]
        return data.draw(st.sampled_from(REPLIES + models))
    ids = [o.id for o in step.options]
    return data.draw(st.lists(st.sampled_from(ids), unique=True))


def _play(scenario_id, data):
    attempt = Attempt(LIBRARY, scenario_id, seed=data.draw(st.integers(0, 1000)))
    for _ in range(MAX_STEPS):
        if attempt.finished:
            break
        attempt.answer(_answer_for(attempt.step, data))
    return attempt


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_paths_end_and_grade_deterministically(scenario_id, data):
    attempt = _play(scenario_id, data)
    assert attempt.finished, f"no ending after {MAX_STEPS} steps"
    result = attempt.result()
    replay = Attempt.from_state(LIBRARY, attempt.to_state()).result()
    assert replay == result
    assert 0 <= result.score <= 100
    criticals = {
        o.rule for o in result.rules if o.outcome == "violated" and LIBRARY.rules[o.rule].critical
    }
    if criticals:
        assert not result.passed
        assert set(result.critical_violations) == criticals
    else:
        assert result.passed == (result.score >= 80)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_full_marks_are_reachable(scenario_id):
    attempt = Attempt(LIBRARY, scenario_id)
    answers = best_answers(LIBRARY, scenario_id)
    while not attempt.finished:
        attempt.answer(answers[attempt.current])
    result = attempt.result()
    assert (result.score, result.passed) == (100, True)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_model_answers_in_both_languages_earn_full_marks(scenario_id):
    from aftersales.checker import check_rules

    for step in LIBRARY.scenarios[scenario_id].steps:
        if not isinstance(step, ReplyStep):
            continue
        rules = [LIBRARY.rules[r] for r in (*step.expects, *step.forbids)]
        for text in (step.model_answer.en, step.model_answer.zh):
            verdicts = check_rules(text, rules)
            assert all(v.verdict == "followed" for v in verdicts.values()), (
                step.id,
                text,
                verdicts,
            )
