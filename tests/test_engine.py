"""The attempt engine: views hide answers, answers are checked, attempts resume."""

from __future__ import annotations

import json

import pytest

from aftersales.engine import Attempt, best_answers
from aftersales.errors import AnswerError

CASE = "linen-shirt-sold-out"


def test_view_shows_options_in_the_trainee_language_without_keys(library):
    view = Attempt(library, CASE, lang="zh").view()
    assert view.kind == "choice" and view.number == 1
    scenario = library.scenarios[CASE]
    assert {o.text for o in view.options} == {o.text.zh for o in scenario.steps[0].options}
    dumped = json.dumps([o.__dict__ for o in view.options], ensure_ascii=False)
    assert "follows" not in dumped and "feedback" not in dumped


def test_options_are_shuffled_by_the_recorded_seed(library):
    orders = {tuple(o.id for o in Attempt(library, CASE, seed=s).view().options) for s in range(12)}
    assert len(orders) > 1
    assert Attempt(library, CASE, seed=3).view() == Attempt(library, CASE, seed=3).view()


def test_an_attempt_resumes_from_its_state(library):
    attempt = Attempt(library, CASE, lang="zh", seed=7)
    attempt.answer("ask-refund", seconds=4.5)
    state = json.loads(json.dumps(attempt.to_state()))
    resumed = Attempt.from_state(library, state)
    assert (resumed.current, resumed.mood, resumed.lang) == (attempt.current, attempt.mood, "zh")
    assert resumed.answers == attempt.answers


@pytest.mark.parametrize(
    ("answer", "message"),
    [("nope", "has no option"), ("ask-refund,wait-restock", "exactly one"), ("", "exactly one")],
)
def test_bad_answers_are_refused_and_change_nothing(library, answer, message):
    attempt = Attempt(library, CASE)
    with pytest.raises(AnswerError, match=message):
        attempt.answer(answer)
    assert attempt.answers == [] and attempt.current == "notify"


def test_mood_below_the_line_takes_the_upset_branch(library):
    attempt = Attempt(library, CASE)
    attempt.answer("wait-restock")  # mood 60 - 30 = 30
    attempt.answer("It is out of stock.")  # no apology, no alternative, no choice: -15
    assert attempt.finished and attempt.ending.outcome == "bad-review"


def test_result_before_the_end_is_an_error(library):
    with pytest.raises(AnswerError, match="not ended"):
        Attempt(library, CASE).result()


def test_every_scenario_best_path_reaches_an_ending(library):
    for scenario_id in library.scenarios:
        attempt = Attempt(library, scenario_id)
        answers = best_answers(library, scenario_id)
        while not attempt.finished:
            attempt.answer(answers[attempt.current])
        assert attempt.result().score == 100, scenario_id


def test_answer_errors_speak_the_users_language(library):
    from aftersales.engine import parse_answer

    step = library.scenarios["linen-shirt-sold-out"].steps[0]
    with pytest.raises(AnswerError) as caught:
        parse_answer(step, "nope")
    assert "has no option 'nope'" in str(caught.value)
    assert "没有选项 'nope'" in caught.value.in_lang("zh")
