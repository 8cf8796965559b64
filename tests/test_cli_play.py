"""`aftersales play` and `aftersales check-reply` as scripts call them (no TTY)."""

from __future__ import annotations

import json
import re

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
        "notify=wait-restock",
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
        "notify=wait-restock",
        "--reply",
        "upset=爱买不买,没货就是没货,你自己看着办。",
        *later,
    )
    report = json.loads(rude.stdout)
    assert report["passed"] is False
    assert "tone.no-hostility" in report["critical_violations"]


def test_missing_answer_without_a_terminal_names_the_step():
    result = run("play", CASE, "--choose", "notify=offer-swap")
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


def _rude_flags(library) -> list[str]:
    later = _flags(
        library,
        {"wants-swap": "change-order", "ship-steps": "confirm,edit,tell-warehouse,send-tracking"},
    )
    return ["--choose", "notify=wait-restock", "--reply", "upset=爱买不买，你自己看着办。", *later]


def test_the_summary_is_in_chinese_with_words_and_rule_titles(library, tmp_path):
    env = {"AFTERSALES_LANG": "zh", "AFTERSALES_DB": str(tmp_path / "p.sqlite")}
    result = run("play", CASE, *_rude_flags(library), env=env)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()[:2]
    assert first.startswith(f"{CASE}：") and "未通过（收到差评）" in first
    title = library.rules["tone.no-hostility"].title.zh
    assert second == f"违反的关键规则：{title}"
    for english in ("PASSED", "NOT PASSED", "bad-review", "critical:", "attempt "):
        assert english not in result.stdout
    assert f"[违反了] {title}（tone.no-hostility）" in result.stdout


def test_the_summary_in_english_names_the_outcome_in_words(library, tmp_path):
    env = {"AFTERSALES_LANG": "en", "AFTERSALES_DB": str(tmp_path / "p.sqlite")}
    result = run("play", CASE, *_rude_flags(library), env=env)
    first, second = result.stdout.splitlines()[:2]
    assert re.fullmatch(rf"{CASE}: \d+/100, not passed \(bad review\), attempt 1", first)
    title = library.rules["tone.no-hostility"].title.en
    assert second == f"Critical rules broken: {title}"
    best = run("play", CASE, *_flags(library, best_answers(library, CASE)), env=env)
    assert best.stdout.splitlines()[0] == f"{CASE}: 100/100, passed (exchanged), attempt 2"


def test_a_bad_flag_is_a_usage_error_in_the_users_language():
    result = run("play", CASE, "--choose", "notify", env={"AFTERSALES_LANG": "zh"})
    assert result.returncode == 2
    assert "--choose 的格式是 STEP=ANSWER" in result.stderr


def test_seconds_are_recorded_for_scripts(library, tmp_path):
    import sqlite3

    db = tmp_path / "p.sqlite"
    flags = _flags(library, best_answers(library, CASE))
    result = run("play", CASE, "--seconds", "notify=12.5", *flags, env={"AFTERSALES_DB": str(db)})
    assert result.returncode == 0, result.stderr
    rows = sqlite3.connect(db).execute("select step_id, seconds from answers").fetchall()
    assert ("notify", 12.5) in rows
    bad = run("play", CASE, "--seconds", "notify=soon", *flags, env={"AFTERSALES_DB": str(db)})
    assert bad.returncode == 2 and "--seconds takes STEP=N" in bad.stderr
