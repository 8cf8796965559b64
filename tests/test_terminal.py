"""The terminal practice mode: letters, wrapping, and real sessions through a pseudo-terminal."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from clirun import run

from aftersales import terminal
from aftersales.engine import Attempt, LineView, OptionView, StepView, best_answers
from aftersales.i18n import STRINGS

CASE = "linen-shirt-sold-out"


def _view(kind: str, n: int = 4, **extra) -> StepView:
    options = tuple(OptionView(f"opt-{i}", f"Option {i}") for i in range(n))
    return StepView("s", kind, 1, None, "What now?", options, **extra)


# --- letters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "typed", "ids"),
    [
        ("choice", "b", "opt-1"),
        ("choice", " B ", "opt-1"),
        ("choice", "ｂ", "opt-1"),  # full-width, as a Chinese input method types it
        ("multi", "a,c", ["opt-0", "opt-2"]),
        ("multi", "c a", ["opt-2", "opt-0"]),
        ("evidence", "a、d", ["opt-0", "opt-3"]),
        ("evidence", "a，b", ["opt-0", "opt-1"]),
        ("multi", "-", []),
        ("order", "c,a,b,d", ["opt-2", "opt-0", "opt-1", "opt-3"]),
        ("order", "cabd", ["opt-2", "opt-0", "opt-1", "opt-3"]),
    ],
)
def test_letters_map_back_to_option_ids(kind, typed, ids):
    assert terminal.parse_letters(_view(kind), typed, "en") == ids


@pytest.mark.parametrize(
    ("kind", "typed", "en", "zh"),
    [
        ("choice", "", "Nothing was typed", "还没有输入"),
        ("choice", "e", "no option “e”", "没有选项“e”"),
        ("choice", "own-it", "no option", "没有选项"),
        ("choice", "a,b", "exactly one letter", "只能选一个字母"),
        ("multi", "a,a", "“a” is typed twice", "“a”输入了两次"),
        ("order", "a,b,c", "all 4 letters", "全部 4 个字母"),
        ("order", "-", "no option “-”", "没有选项“-”"),
    ],
)
def test_a_bad_answer_says_why_in_the_users_language(kind, typed, en, zh):
    view = _view(kind)
    with pytest.raises(terminal.Retry, match=re.escape(en)):
        terminal.parse_letters(view, typed, "en")
    with pytest.raises(terminal.Retry, match=re.escape(zh)):
        terminal.parse_letters(view, typed, "zh")


def test_a_typo_asks_again_and_the_reply_limit_is_checked():
    typed = iter(["z", "a,b", "c"])
    out = io.StringIO()
    screen = terminal.Terminal("en", out=out, read=lambda _: next(typed), width=100)
    assert screen.ask(_view("choice")) == "opt-2"
    assert out.getvalue().count("Please try again.") == 2
    lines = iter(["", "x" * 30, "y" * 30, ""])
    screen = terminal.Terminal("zh", out=out, read=lambda _: next(lines), width=60)
    reply = StepView("r", "reply", 2, None, "写回复", (), max_chars=50)
    with pytest.raises(StopIteration):  # empty, then too long: asked again both times
        screen.ask(reply)
    assert "回复是空的" in out.getvalue() and "上限是 50 个" in out.getvalue()


def test_conversation_lines_show_speaker_time_and_narration():
    out = io.StringIO()
    lines = (
        LineView("narration", "The phone rings at night.", "23:40"),
        LineView("customer", "Where is my parcel?"),
        LineView("supervisor", "Take this one."),
    )
    view = _view("choice", 2, lines=lines)
    terminal.Terminal("en", out=out, width=70).step(view, customer="Mr Zhao")
    text = out.getvalue()
    assert "23:40 [The phone rings at night.]" in text
    assert "Mr Zhao: Where is my parcel?" in text
    assert "Supervisor: Take this one." in text
    assert "a)  Option 0" in text and "opt-0" not in text
    out = io.StringIO()
    terminal.Terminal("zh", out=out, width=70).step(view, customer="赵先生")
    assert "（The phone rings at night.）" in out.getvalue()
    assert "主管：Take this one." in out.getvalue()


# --- wrapping -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 57, 80])
def test_wrapping_counts_chinese_characters_as_two_columns(width, library):
    text = library.scenarios[CASE].context.situation.zh * 3
    lines = terminal.wrap(text, width, indent="  情况说明：")
    assert all(terminal.cells(line) <= width for line in lines)
    assert all(line.strip()[0] not in terminal.NO_LINE_START for line in lines)
    joined = "".join(lines).replace(" ", "")
    assert joined == "情况说明：" + text.replace(" ", "")


def test_wrapping_english_keeps_words_whole():
    text = "Stock check on Tuesday morning shows order 3748291056638412907 cannot ship today."
    lines = terminal.wrap(text, 30, indent="  Situation: ")
    assert lines[0].startswith("  Situation: Stock")
    assert all(len(line) <= 30 for line in lines)
    assert lines[1].startswith(" " * len("  Situation: "))
    assert " ".join(line.strip() for line in lines).endswith("cannot ship today.")


# --- real sessions through a pseudo-terminal ----------------------------------------------------


def _command() -> tuple[str, list[str]]:
    script = Path(sys.executable).with_name("aftersales")
    if script.exists():
        return str(script), []
    return sys.executable, ["-m", "aftersales.cli"]


def _spawn(db: Path, lang: str = "en", *extra: str):
    import pexpect  # a dev dependency: its absence is an error, not a skip

    program, args = _command()
    env = {**os.environ, "AFTERSALES_DB": str(db), "AFTERSALES_LANG": lang}
    env.pop("COLUMNS", None)
    child = pexpect.spawn(
        program,
        # Seed 0: the letters the test types match the order it computes.
        [*args, "play", CASE, "--trainee", "mei", "--seed", "0", *extra],
        env=env,
        encoding="utf-8",
        dimensions=(40, 80),
        timeout=30,
    )
    child.logfile_read = io.StringIO()  # the whole session, as the trainee saw it
    return child


def _typed(library, lang: str) -> list[str]:
    """What a trainee types to follow the best path: letters for options, reply lines."""
    attempt = Attempt(library, CASE, lang=lang, seed=0)
    best = best_answers(library, CASE)
    typed = []
    while not attempt.finished:
        view = attempt.view()
        answer = best[view.step]
        if view.kind == "reply":
            typed += [answer, ""]
        else:
            ids = [answer] if isinstance(answer, str) else list(answer)
            order = [o.id for o in view.options]
            typed.append(",".join(terminal.letter(order.index(i)) for i in ids))
        attempt.answer(answer)
    return typed


def _best_ending(library, lang: str) -> str:
    attempt = Attempt(library, CASE, lang=lang)
    best = best_answers(library, CASE)
    while not attempt.finished:
        attempt.answer(best[attempt.current])
    return attempt.ending.text.in_lang(lang)


def _finish(child) -> str:
    """Wait for the program to end; the whole session's output."""
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    return child.logfile_read.getvalue()


def _letter_of(library, option_id: str) -> str:
    view = Attempt(library, CASE, seed=0).view()
    return terminal.letter([o.id for o in view.options].index(option_id))


def test_a_whole_case_at_the_terminal_in_english(tmp_path, library):
    child = _spawn(tmp_path / "p.sqlite")
    child.expect("Type one letter")
    before = child.before
    # The case comes first: title, channel, customer, order and situation.
    for part in ("The linen shirt that sold out", "Channel: Chat", "Ms Lin", "3748291056638412907"):
        assert part in before
    context = library.scenarios[CASE].context
    flat = " ".join(before.split())
    assert context.order.item.en in flat and f"¥{context.order.amount:g}" in flat
    assert "Situation: " + " ".join(context.situation.en.split()[:5]) in flat
    assert before.index("Situation:") < before.index("Step 1")
    assert "a)  " in before and "offer-swap" not in before and "ask-refund" not in before
    last = "abcdefgh"[len(library.scenarios[CASE].steps[0].options) - 1]
    child.sendline("x")
    child.expect(f"There is no option “x”: the letters are a to {last}. Please try again.")
    child.sendline("own-it")
    child.expect("There is no option")
    for typed in _typed(library, "en"):
        child.expect("> ")
        child.sendline(typed)
    transcript = _finish(child)
    assert "How it ended" in transcript
    scenario = library.scenarios[CASE]
    option_ids = {o.id for step in scenario.steps for o in getattr(step, "options", ())}
    assert [i for i in option_ids if "-" in i and i in transcript] == []
    story = _best_ending(library, "en")
    assert " ".join(story.split()) in " ".join(transcript.split())
    assert "Score: 100/100" in transcript
    assert "Passed: 80 or more and no critical rule broken." in transcript
    assert "Outcome: exchanged" in transcript
    assert "[followed] Apologise for the trouble (tone.apologize)" in transcript
    assert "Traceback" not in transcript
    assert child.exitstatus == 0


@pytest.mark.parametrize(("key", "status"), [("intr", 130), ("eof", 0)])
def test_ctrl_c_and_ctrl_d_save_progress_and_resume(tmp_path, library, key, status):
    db = tmp_path / "p.sqlite"
    child = _spawn(db)
    child.expect("Type one letter")
    child.sendline(_letter_of(library, "ask-refund"))
    child.expect("Write your reply")
    child.expect("> ")
    child.sendline("I am so sorry, half a reply")
    child.expect("> ")
    child.sendintr() if key == "intr" else child.sendeof()
    child.expect(f"Progress saved; resume with: aftersales play {CASE} --trainee mei")
    out = _finish(child)
    assert "Traceback" not in out
    assert child.exitstatus == status
    progress = json.loads(run("progress", "--json", env={"AFTERSALES_DB": str(db)}).stdout)
    assert (progress["attempts"], progress["unfinished"]) == (0, 1)
    again = _spawn(db)
    again.expect("Welcome back: your unfinished attempt continues at step 2.")
    again.expect("Write your reply")
    again.sendcontrol("c")
    again.expect("Progress saved")
    _finish(again)


def _english_ui_fragments() -> set[str]:
    """English UI text the terminal may print: placeholders removed, words of 3+ letters."""
    prefixes = ("cli.", "verdict.", "outcome.", "channel.", "speaker.")
    fragments = set()
    for key, text in STRINGS.items():
        if key.startswith(prefixes):
            for part in re.split(r"\{[a-z_]+\}", text["en"]):
                part = part.strip(" :;,.()[]“”'-!?/")
                if re.search(r"[A-Za-z]{3}", part):
                    fragments.add(part)
    return fragments


def test_a_whole_case_at_the_terminal_in_chinese(tmp_path, library):
    child = _spawn(tmp_path / "p.sqlite", "zh")
    child.expect("输入一个字母")
    before = child.before
    for part in (
        "卖断码的亚麻衬衫",
        "渠道：在线聊天",
        "顾客：林女士",
        "订单：3748291056638412907",
        "情况说明：",
    ):
        assert part in before
    last = "abcdefgh"[len(library.scenarios[CASE].steps[0].options) - 1]
    child.sendline("x")
    child.expect(f"没有选项“x”：可选的字母是 a 到 {last}。请再试一次。")
    for typed in _typed(library, "zh"):
        child.expect("> ")
        child.sendline(typed)
    transcript = _finish(child)
    assert _best_ending(library, "zh") in transcript.replace("\r\n", "").replace(" ", "")
    for part in ("结局", "得分：100/100", "通过：不低于 80 分", "结果：已换货", "做到了"):
        assert part in transcript
    # No English UI string: take out ids (rules, the case, the order), then look for words.
    plain = re.sub(r"[a-z0-9]+(?:[.-][a-z0-9]+)+", " ", transcript)
    leftovers = [f for f in _english_ui_fragments() if re.search(rf"\b{re.escape(f)}\b", plain)]
    assert leftovers == []
    assert not re.search(r"\b(Step|Score|Customer|Order|Situation|passed|Traceback)\b", plain)


def test_ctrl_c_in_chinese(tmp_path):
    child = _spawn(tmp_path / "p.sqlite", "zh")
    child.expect("输入一个字母")
    child.sendintr()
    child.expect(f"进度已保存；继续练习请运行：aftersales play {CASE} --trainee mei")
    assert "Traceback" not in _finish(child) and child.exitstatus == 130
