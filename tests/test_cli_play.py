"""`aftersales play` and `aftersales check-reply` as scripts call them (no TTY)."""

from __future__ import annotations

import json

from clirun import play_flags, run

from aftersales.engine import best_answers

CASE = "linen-shirt-sold-out"


def _flags(library, answers: dict) -> list[str]:
    return play_flags(library, CASE, answers)


def test_best_path_scores_100_and_passes(library):
    result = run(
        "play", CASE, "--trainee", "mei", "--json", *_flags(library, best_answers(library, CASE))
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["score"], report["passed"], report["trainee"]) == (100, True, "mei")
    assert set(report) >= {
        "attempt_id",
        "scenario",
        "trainee",
        "score",
        "passed",
        "outcome",
        "rules",
        "feedback",
    }
    assert all(set(r) == {"rule", "outcome", "step", "evidence"} for r in report["rules"])
    assert report["feedback"][0]["rules"][0]["source"]["quote"]


def test_critical_violation_fails_the_attempt(library):
    later = _flags(
        library,
        {"wants-swap": "change-order", "ship-steps": "confirm,edit,tell-warehouse,send-tracking"},
    )
    polite = "非常抱歉没有及时通知您!燕麦色M码有现货,您看是换这款还是退款?"
    ok = run(
        "play",
        CASE,
        "--json",
        "--choose",
        "notify=wait-for-her",
        "--reply",
        f"upset={polite}",
        *later,
    )
    assert json.loads(ok.stdout)["critical_violations"] == []
    rude = run(
        "play",
        CASE,
        "--json",
        "--choose",
        "notify=wait-for-her",
        "--reply",
        "upset=爱买不买,没货就是没货,你自己看着办。",
        *later,
    )
    report = json.loads(rude.stdout)
    assert report["passed"] is False
    assert "tone.no-hostility" in report["critical_violations"]


def test_missing_answer_without_a_terminal_names_the_step():
    result = run("play", CASE, "--choose", "notify=apologise-and-offer")
    assert result.returncode == 2
    assert "wants-swap" in result.stderr and "Traceback" not in result.stderr


def test_answers_for_steps_never_reached_are_ignored(library):
    flags = _flags(library, best_answers(library, CASE))
    result = run("play", CASE, "--json", "--reply", "upset=whatever", *flags)
    assert json.loads(result.stdout)["score"] == 100


def test_check_reply_json_shape():
    text = "這不是快遞的問題,是我們的責任。非常抱歉!"
    result = run(
        "check-reply", "--rules", "tone.no-blame-shifting,tone.apologize", "--json", stdin=text
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["rules"]["tone.no-blame-shifting"] == {"verdict": "followed", "evidence": None}
    assert report["rules"]["tone.apologize"]["verdict"] == "followed"
    assert report["rules"]["tone.apologize"]["evidence"] in text


def test_check_reply_unknown_rule_exits_1():
    result = run("check-reply", "--rules", "tone.nope", stdin="hi")
    assert result.returncode == 1 and "tone.nope" in result.stderr
