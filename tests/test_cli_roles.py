"""`aftersales role`, `review record` and `progress` as a mentor and scripts use them."""

from __future__ import annotations

import json

import pytest
from clirun import run

from aftersales.engine import Attempt, best_answers

CASE = "linen-shirt-sold-out"


@pytest.fixture
def env(tmp_path) -> dict:
    return {"AFTERSALES_DB": str(tmp_path / "p.sqlite"), "AFTERSALES_LANG": "en"}


def _played(library, env: dict, trainee: str, answers: dict) -> int:
    """Record a finished attempt straight in the store (faster than a `play` subprocess)."""
    from aftersales.store import Store

    attempt = Attempt(library, CASE)
    while not attempt.finished:
        attempt.answer(answers[attempt.current])
    store = Store.open(env["AFTERSALES_DB"])
    try:
        return store.record_attempt(trainee, attempt)
    finally:
        store.close()


def _reply_attempt(library, env: dict, trainee: str = "mei") -> int:
    """A finished attempt with a written answer at step `upset`; its id."""
    answers = {
        "notify": "wait-restock",
        "upset": "Sorry! We have oatmeal in M or sage in L: which would you like?",
        "wants-swap": ["change-order", "remark"],
        "ship-steps": ["confirm", "edit", "tell-warehouse", "send-tracking"],
    }
    return _played(library, env, trainee, answers)


def _review_by_wang(attempt_id: int, *extra: str) -> list[str]:
    """`review record` of the written answer at step `upset`, as mentor wang."""
    return ["review", "record", "--mentor", "wang", "--attempt", str(attempt_id), "--step", "upset", *extra]  # fmt: skip


def test_role_set_makes_a_mentor_who_may_then_review(library, env):
    attempt_id = _reply_attempt(library, env)
    review = _review_by_wang(attempt_id, "--verdict", "tone.apologize=followed")
    refused = run(*review, env=env)
    assert refused.returncode == 1
    assert "not a mentor" in refused.stderr and "aftersales role set wang mentor" in refused.stderr
    made = run("role", "set", "wang", "mentor", env=env)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "wang is now a mentor."
    assert run("role", "show", "wang", env=env).stdout.strip() == "wang is a mentor."
    recorded = run(*review, env=env)
    assert recorded.returncode == 0, recorded.stderr
    assert recorded.stdout.strip() == "Review 1 recorded."
    back = run("role", "set", "wang", "trainee", env={**env, "AFTERSALES_LANG": "zh"})
    assert back.stdout.strip() == "wang 现在是学员。"
    shown = json.loads(run("role", "show", "wang", "--json", env=env).stdout)
    assert shown == {"name": "wang", "role": "trainee"}


def test_a_bad_role_is_a_usage_error(env):
    result = run("role", "set", "wang", "boss", env=env)
    assert result.returncode == 2
    assert "mentor or trainee" in result.stderr and "Traceback" not in result.stderr
    zh = run("role", "set", "wang", "boss", env={**env, "AFTERSALES_LANG": "zh"})
    assert zh.returncode == 2 and "角色只能是 mentor 或 trainee" in zh.stderr
    missing = run("role", "set", "wang", env=env)
    assert missing.returncode == 2
    assert run("role", "show", "nobody", env=env).stdout.strip() == (
        "nobody is not in the store yet; newcomers start as a trainee."
    )


def test_review_record_has_no_score_option(library, env):
    attempt_id = _reply_attempt(library, env)
    run("role", "set", "wang", "mentor", env=env)
    result = run(*_review_by_wang(attempt_id, "--score", "90"), env=env)
    assert result.returncode == 2 and "--score" in result.stderr
    assert "--score" not in run("review", "--help", env=env).stdout


def test_review_queue_in_chinese(library, env):
    _reply_attempt(library, env)
    zh = {**env, "AFTERSALES_LANG": "zh"}
    queue = run("review", "queue", env=zh).stdout
    assert queue.startswith(f"练习记录 1 · mei · {CASE} / upset：'Sorry!")
    run("role", "set", "wang", "mentor", env=env)
    recorded = run(*_review_by_wang(1, "--verdict", "tone.apologize=followed"), env=zh)
    assert recorded.stdout.strip() == "已记录点评 1。"
    assert run("review", "queue", env=zh).stdout.strip() == "没有等待点评的书面回答。"


def _unfinished(library, db: str, trainee: str) -> None:
    from aftersales.store import Store

    store = Store.open(db)
    attempt = Attempt(library, CASE)
    attempt_id = store.start_attempt(trainee, attempt)
    store.save_answer(attempt_id, attempt, attempt.answer("offer-swap"))
    store.close()


def test_progress_counts_finished_and_unfinished_the_same_way(library, env):
    for trainee in ("mei", "mei", "jun"):
        _played(library, env, trainee, best_answers(library, CASE))
    _unfinished(library, env["AFTERSALES_DB"], "mei")
    _unfinished(library, env["AFTERSALES_DB"], "kim")
    report = json.loads(run("progress", "--json", env=env).stdout)
    rows = {r["trainee"]: r for r in report["trainees"]}
    assert {n: (r["attempts"], r["unfinished"]) for n, r in rows.items()} == {
        "jun": (1, 0),
        "kim": (0, 1),
        "mei": (2, 1),
    }
    assert (report["attempts"], report["unfinished"]) == (3, 2)
    assert rows["mei"]["level"] == library.ladder.levels[0].id
    one = json.loads(run("progress", "--trainee", "mei", "--json", env=env).stdout)
    assert (one["attempts"], one["unfinished"]) == (2, 1)

    text = run("progress", env=env).stdout
    assert text.splitlines()[0] == "Attempts: 3 finished, 2 unfinished"
    assert "Attempts: 2 finished, 1 unfinished; passed: 2; mean score: 100.0" in text
    assert f"Level: {library.ladder.levels[0].title.en}" in text
    assert f"Level: {library.ladder.levels[0].id}\n" not in text
    zh = run("progress", env={**env, "AFTERSALES_LANG": "zh"}).stdout
    assert zh.splitlines()[0] == "练习：已完成 3 次，未完成 2 次"
    assert f"级别：{library.ladder.levels[0].title.zh}" in zh


def test_progress_for_an_unknown_trainee_is_a_usage_error(env):
    result = run("progress", "--trainee", "ghost", env={**env, "AFTERSALES_LANG": "zh"})
    assert result.returncode == 2 and "没有名为“ghost”的学员" in result.stderr


def test_demo_data_and_regrade_summaries_in_chinese(tmp_path):
    env = {"AFTERSALES_DB": str(tmp_path / "d.sqlite"), "AFTERSALES_LANG": "zh"}
    made = run("demo-data", "--trainees", "2", "--seed", "3", env=env)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("已添加 2 名学员、")
    regraded = run("regrade", env=env)
    assert regraded.returncode == 0, regraded.stderr
    assert regraded.stdout.startswith("已重新评分 ")
