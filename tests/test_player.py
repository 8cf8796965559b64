"""The case player headless: what a trainee reads after each click, in both languages."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from aftersales.engine import Attempt, best_answers
from aftersales.i18n import STRINGS
from aftersales.player import ScenarioPlayer

BLENDER = "discontinued-blender-no-restock"


def play_through(player: ScenarioPlayer, answers: dict) -> None:
    """Answer every step through the widget's own controls, as clicks would."""
    while not player.attempt.finished:
        step = player.attempt.step
        answer = answers[step.id]
        if step.kind == "choice":
            player.option_buttons[answer].click()
        elif step.kind in ("multi", "evidence"):
            for oid, box in player.checkboxes.items():
                box.value = oid in answer
            player.submit.click()
        elif step.kind == "order":
            for position, oid in enumerate(answer):
                while player.order_ids.index(oid) > position:
                    player.move_item(oid, -1)
            player.submit.click()
        else:
            player.reply_box.value = answer
            player.submit.click()


def visible_text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def english_ui_strings() -> set[str]:
    # Strings of the UI table that are words (not just a format field or a number).
    return {
        v["en"]
        for k, v in STRINGS.items()
        if v["en"] != v["zh"] and re.search(r"[A-Za-z]{3}", v["en"]) and "{" not in v["en"]
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_option_shows_its_whole_text(library, lang):
    assert library.scenarios
    for scenario_id, scenario in library.scenarios.items():
        player = ScenarioPlayer(library, scenario_id, lang=lang)
        step = scenario.steps[0]
        texts = {o.id: o.text.in_lang(lang) for o in getattr(step, "options", ())}
        if step.kind == "choice":
            assert {k: b.description for k, b in player.option_buttons.items()} == texts
        elif step.kind in ("multi", "evidence"):
            assert {k: b.description for k, b in player.checkboxes.items()} == texts


def test_feedback_is_one_line_per_rule_without_repeating_the_option(library):
    player = ScenarioPlayer(library, BLENDER)
    chosen = next(o for o in library.scenarios[BLENDER].steps[0].options if o.id == "restock-soon")
    player.option_buttons["restock-soon"].click()
    chat = player.chat.value
    assert chat.count(chosen.text.en.replace("'", "&#x27;")) == 1
    rules = re.findall(r'data-rule="([^"]+)"', chat)
    assert len(rules) == len(set(rules)) > 1
    assert rules[0] == "tone.no-misleading", "the worst verdict comes first"
    assert "Senior agent&#x27;s handbook (seed 002)" in chat or "(seed 000)" in chat
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", chat), "sources read as labels, not hashes"
    assert "<details><summary>Original words</summary>" in chat


def test_an_avoided_trap_reads_as_avoided(library):
    player = ScenarioPlayer(library, BLENDER)
    player.option_buttons["say-discontinued"].click()
    line = re.search(r'data-rule="stockout.no-forced-refund">(.*?)</li>', player.chat.value).group(
        1
    )
    assert "avoided" in line and "followed" not in line


def test_reply_evidence_is_highlighted_inside_the_reply_and_model_answer_labelled(library):
    player = ScenarioPlayer(library, BLENDER)
    player.option_buttons["restock-soon"].click()
    player.reply_box.value = (
        "I'm so sorry. We have the PB-280 in stock, or a refund: which would you like?"
    )
    player.submit.click()
    assert '<mark class="as-hit-followed">' in player.chat.value
    assert "<b>Model answer</b>" in player.chat.value


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_whole_case_ends_with_one_row_per_rule_and_a_next_case(library, lang, sqlite_store):
    player = ScenarioPlayer(library, BLENDER, lang=lang, trainee="mei", store=sqlite_store)
    answers = {**best_answers(library, BLENDER), "first-reply": "restock-soon"}
    if lang == "zh":
        answers["angry"] = library.scenarios[BLENDER].step("angry").model_answer.zh
    play_through(player, answers)
    ending = player.prompt.value
    rows = re.findall(
        r'<li><span class="as-verdict v-(\w+)', ending.split("as-rows")[1].split("</ul>")[0]
    )
    assert rows and len(rows) <= len(library.scenarios[BLENDER].rule_ids())
    titles = re.findall(r"</span>([^<]+)</li>", ending.split("as-rows")[1].split("</ul>")[0])
    assert len(titles) == len(set(titles)), "no rule twice at the ending"
    critical_title = library.rules["tone.no-misleading"].title.in_lang(lang)
    assert critical_title in visible_text(ending)
    assert player.next_id and player.next_id != BLENDER
    player.next_button.click()
    assert player.scenario_id == player.next_id or player.attempt.scenario_id != BLENDER


def test_the_chinese_view_has_no_english_ui_string(library):
    player = ScenarioPlayer(library, BLENDER, lang="zh")
    answers = {**best_answers(library, BLENDER), "first-reply": "restock-soon"}
    answers["angry"] = library.scenarios[BLENDER].step("angry").model_answer.zh
    play_through(player, answers)
    shown = visible_text(player.header.value + player.chat.value + player.prompt.value)
    shown += " ".join(b.description for b in (player.again, player.next_button))
    leaks = sorted(s for s in english_ui_strings() if re.search(rf"\b{re.escape(s)}\b", shown))
    assert not leaks, leaks


def test_resuming_shows_the_conversation_so_far(library, sqlite_store):
    first = ScenarioPlayer(library, BLENDER, trainee="kim", store=sqlite_store)
    first.option_buttons["say-discontinued"].click()
    said = next(
        o for o in library.scenarios[BLENDER].steps[0].options if o.id == "say-discontinued"
    )
    again = ScenarioPlayer(library, BLENDER, trainee="kim", store=sqlite_store)
    assert again.attempt_id == first.attempt_id and again.attempt.current == "price-gap"
    assert said.text.en.replace("'", "&#x27;") in again.chat.value
    assert "Welcome back" in again.status.value


def test_an_empty_reply_is_refused_in_the_users_language(library):
    player = ScenarioPlayer(library, BLENDER, lang="zh")
    player.option_buttons["restock-soon"].click()
    player.reply_box.value = "   "
    player.submit.click()
    assert player.attempt.current == "angry"
    assert "回复是空的" in player.status.value


class FailingStore:
    """A store whose writes fail, as a locked or full disk would."""

    def __init__(self, real):
        self.real = real

    def __getattr__(self, name):
        return getattr(self.real, name)

    def save_answer(self, *args, **kwargs):
        raise OSError("disk full")


def test_a_failed_save_leaves_the_attempt_where_it_was(library, sqlite_store):
    player = ScenarioPlayer(
        library, BLENDER, lang="zh", trainee="lu", store=FailingStore(sqlite_store)
    )
    player.option_buttons["say-discontinued"].click()
    assert player.attempt.current == "first-reply" and player.attempt.answers == []
    assert "没能保存" in player.status.value and "disk full" in player.status.value
    assert player.option_buttons, "the options are still there to try again"


def test_any_callback_error_shows_in_the_widget(library, monkeypatch):
    player = ScenarioPlayer(library, BLENDER)
    monkeypatch.setattr(player, "_render", lambda: (_ for _ in ()).throw(RuntimeError("boom")))
    player.lang_switch.value = "zh"
    assert "boom" in player.status.value and "出了点问题" in player.status.value


def test_the_browser_gets_no_answer_key_before_an_answer(library):
    for scenario_id, scenario in library.scenarios.items():
        player = ScenarioPlayer(library, scenario_id)
        state = json.dumps(
            [c.get_state() for c in (player.chat, player.header, player.prompt, player.mood,
                                     *player.option_buttons.values(), *player.checkboxes.values())],
            default=str,
        )  # fmt: skip
        for option in getattr(scenario.steps[0], "options", ()):
            feedback = getattr(option, "feedback", None)
            if feedback:
                assert feedback.en not in state, scenario_id
        assert "data-rule" not in state and "follows" not in state


def test_narration_and_supervisor_lines_are_never_agent_bubbles(library):
    lines = [
        (sid, step.id, line)
        for sid, sc in library.scenarios.items()
        for step in sc.steps
        for line in step.conversation()
        if line.who in ("narration", "supervisor", "colleague")
    ]
    assert lines, "the library has stage directions and supervisors written as speaker lines"
    sid, step_id, line = lines[0]
    attempt = Attempt(library, sid)
    answers = best_answers(library, sid)
    player = ScenarioPlayer(library, sid)
    while not attempt.finished and attempt.current != step_id:
        attempt.answer(answers[attempt.current])
    player.attempt = attempt
    player._render()
    css = "as-narration" if line.who == "narration" else f"as-row as-{line.who}"
    assert css in player.chat.value
    text = line.text.en.replace("'", "&#x27;").replace('"', "&quot;")
    chunk = player.chat.value.split(text)[0][-400:]
    assert "as-agent" not in chunk.split("as-row")[-1]


def _path_to(library, scenario_id: str, target: str) -> Attempt | None:
    """An attempt that has just arrived at `target`, trying every option of choice steps."""
    best = best_answers(library, scenario_id)
    frontier = [Attempt(library, scenario_id)]
    for _ in range(12):
        following = []
        for attempt in frontier:
            if attempt.current == target:
                return attempt
            step = attempt.step
            if step is None:
                continue
            choices = [o.id for o in step.options] if step.kind == "choice" else [best[step.id]]
            for answer in choices:
                branch = Attempt.from_state(library, attempt.to_state())
                branch.answer(answer)
                following.append(branch)
        frontier = following
    return None


def test_a_step_mood_sets_the_bar_so_it_matches_the_line(library):
    stepped = [
        (sid, step)
        for sid, sc in library.scenarios.items()
        for step in sc.steps
        if step.mood is not None and step.id != sc.steps[0].id
    ]
    assert stepped, "angry lines carry the customer's mood"
    reached = 0
    for sid, step in stepped:
        attempt = _path_to(library, sid, step.id)
        if attempt is not None:
            assert attempt.mood == step.mood, (sid, step.id)
            reached += 1
    assert reached


def _first_options(library, scenario_id: str, lang: str) -> dict:
    """A clumsy path: the last option everywhere, nothing ticked, steps in reverse, and replies
    cut to their first few words."""
    answers = {}
    for step in library.scenarios[scenario_id].steps:
        if step.kind == "choice":
            answers[step.id] = step.options[-1].id
        elif step.kind in ("multi", "evidence"):
            answers[step.id] = []
        elif step.kind == "order":
            answers[step.id] = [o.id for o in reversed(step.options)]
        else:
            answers[step.id] = step.model_answer.in_lang(lang)[:20]
    return answers


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", ["best", "clumsy"])
def test_every_case_plays_to_a_readable_ending(library, lang, path, sqlite_store):
    assert library.scenarios
    for scenario_id in library.scenarios:
        answers = (
            best_answers(library, scenario_id)
            if path == "best"
            else _first_options(library, scenario_id, lang)
        )
        if path == "best":
            for step in library.scenarios[scenario_id].steps:
                if step.kind in ("reply", "remark"):
                    answers[step.id] = step.model_answer.in_lang(lang)
        player = ScenarioPlayer(library, scenario_id, lang=lang, trainee="all", store=sqlite_store)
        play_through(player, answers)
        assert player.summary is not None and "as-error" not in player.status.value, scenario_id
        shown = player.header.value + player.chat.value + player.prompt.value
        assert "{" not in visible_text(shown).replace("{}", ""), scenario_id
        rows = re.findall(r'<li><span class="as-verdict', player.prompt.value)
        assert rows, scenario_id
        if lang == "zh":
            assert english_leaks_in(visible_text(shown)) == [], scenario_id
        if path == "best":
            assert player.summary["passed"], scenario_id


def english_leaks_in(text: str) -> list[str]:
    return sorted(s for s in english_ui_strings() if re.search(rf"\b{re.escape(s)}\b", text))
