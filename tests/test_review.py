"""The mentor's review queue and the trainee's case picker, headless."""

from __future__ import annotations

from test_player import english_leaks_in, play_through, visible_text

from aftersales.demo import make_cohort
from aftersales.engine import best_answers
from aftersales.picker import CasePicker
from aftersales.player import ScenarioPlayer
from aftersales.review import ReviewQueue

BLENDER = "discontinued-blender-no-restock"


def _written_answer(
    library, store, trainee="mei", text="So sorry! We have the PB-280, or a refund?"
):
    player = ScenarioPlayer(library, BLENDER, trainee=trainee, store=store)
    player.option_buttons["restock-soon"].click()
    player.reply_box.value = text
    player.submit.click()
    play_through(player, best_answers(library, BLENDER))  # the queue holds finished attempts
    return player


def test_a_non_mentor_is_told_in_the_widget_and_nothing_is_saved(library, sqlite_store):
    _written_answer(library, sqlite_store)
    queue = ReviewQueue(library, sqlite_store, "someone", lang="zh")
    assert "aftersales role set someone mentor" in queue.banner.value
    queue.comment.value = "好好道歉。"
    queue.save.click()
    assert "不是导师" in queue.status.value
    assert queue.comment.value == "好好道歉。", "the mentor's comment is kept to save again"
    assert len(sqlite_store.review_queue()) == 1


def test_a_review_item_shows_what_the_mentor_needs(library, sqlite_store):
    _written_answer(library, sqlite_store)
    sqlite_store.set_role("lead", "mentor")
    queue = ReviewQueue(library, sqlite_store, "lead")
    detail = queue.detail.value
    step = library.scenarios[BLENDER].step("angry")
    assert library.scenarios[BLENDER].title.en in detail
    assert step.prompt.en in detail
    said = step.conversation()[0].text.en
    assert said.replace("'", "&#x27;") in detail and "as-customer" in detail
    assert "<mark" in detail, "the checker's evidence is marked inside the reply"
    assert '<div class="as-who">mei</div>' in detail, "the reply is the trainee's, not 'You'"
    assert step.model_answer.en.replace("'", "&#x27;") in detail
    titles = {toggle.description for toggle in queue.verdicts.values()}
    assert library.rules["tone.apologize"].title.en in titles
    queue.comment.value = "Name the alternatives before the refund."
    assert queue.record() is not None
    _written_answer(library, sqlite_store, trainee="kim")
    queue.refresh()
    assert "Name the alternatives before the refund." in [v for _, v in queue.snippets.options]
    queue.snippets.value = "Name the alternatives before the refund."
    assert queue.comment.value == "Name the alternatives before the refund."


def test_mentor_verdicts_on_a_demo_cohort(library, sqlite_store):
    make_cohort(sqlite_store, library, trainees=3, seed=5)
    queue = ReviewQueue(library, sqlite_store, "mentor.wang")
    before = len(queue.queue)
    assert before > 0 and not queue.banner.value
    next(iter(queue.verdicts.values())).value = "violated"
    assert queue.record() is not None and len(queue.queue) == before - 1


def test_the_picker_offers_a_family_with_status_and_never_the_worked_example(library, sqlite_store):
    picker = CasePicker(
        library,
        sqlite_store,
        "mei",
        lang="zh",
        family="stock-out",
        exclude=("linen-shirt-sold-out",),
    )
    ids = [v for _, v in picker.case.options]
    assert "linen-shirt-sold-out" not in ids and ids
    assert all(label.endswith("未练习") for label, _ in picker.case.options)
    assert picker.player.scenario_id == picker.case.value
    picker.case.value = BLENDER
    picker.open_button.click()
    picker.player.option_buttons["say-discontinued"].click()
    picker._fill()
    labels = dict((v, k) for k, v in picker.case.options)
    assert labels[BLENDER].endswith("未完成")
    picker.family.value = "lost-parcel"
    assert all(library.scenarios[v].family == "lost-parcel" for _, v in picker.case.options)


def test_the_picker_follows_the_player_to_the_next_case(library, sqlite_store):
    picker = CasePicker(library, sqlite_store, "mei", family="stock-out", case=BLENDER)
    play_through(picker.player, best_answers(library, BLENDER))
    labels = {v: k for k, v in picker.case.options}
    assert labels[BLENDER].endswith("passed")
    picker.player.next_button.click()
    shown = picker.player.scenario_id
    assert shown != BLENDER
    assert picker.family.value == library.scenarios[shown].family and picker.case.value == shown


def test_the_review_queue_reads_in_chinese(library, sqlite_store):
    _written_answer(library, sqlite_store, text="非常抱歉！PB-280 有现货，或者给您退款？")
    sqlite_store.set_role("lead", "mentor")
    queue = ReviewQueue(library, sqlite_store, "lead", lang="zh")
    shown = visible_text(queue.detail.value) + " ".join(
        [
            queue.save.description,
            *(label for v in queue.verdicts.values() for label, _ in v.options),
        ]
        + [v.description for v in queue.verdicts.values()]
    )
    assert "非常抱歉" in shown and library.scenarios[BLENDER].title.zh in shown
    assert english_leaks_in(shown) == []
