"""The progress store on SQLite and PostgreSQL: what it records, reviews, resuming, versions."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import func, select, text

from aftersales import db
from aftersales.engine import Attempt, best_answers
from aftersales.errors import StoreError
from aftersales.store import Store

CASE = "linen-shirt-sold-out"
HOSTILE = "<script>alert('x')</script> 爱买不买 <img src=x onerror=alert(1)> \u202e\U0001f600"


def play(library, answers: dict, **kwargs) -> Attempt:
    attempt = Attempt(library, CASE, **kwargs)
    while not attempt.finished:
        attempt.answer(answers[attempt.current], seconds=3.5)
    return attempt


def count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_a_played_attempt_is_recorded_whole(store, library):
    attempt = play(library, best_answers(library, CASE), lang="zh")
    attempt_id = store.record_attempt("mei", attempt)
    with store.engine.connect() as conn:
        row = conn.execute(select(db.attempts).where(db.attempts.c.id == attempt_id)).one()
        answers = conn.execute(
            select(db.answers).where(db.answers.c.attempt_id == attempt_id)
        ).all()
    assert (row.score, row.passed, row.outcome, row.lang) == (100, 1, "exchanged", "zh")
    assert len(row.content_hash) == 16 and row.finished_at
    assert [a.step_id for a in answers] == [r["step"] for r in attempt.answers]
    assert all(a.seconds == 3.5 for a in answers)
    assert count(store, db.rule_outcomes) == len(attempt.result().rules)


def test_free_text_is_stored_exactly_as_written(store, library):
    attempt = play(
        library, {**best_answers(library, CASE), "notify": "wait-restock", "upset": HOSTILE}
    )
    attempt_id = store.record_attempt("mei", attempt)
    with store.engine.connect() as conn:
        stored = conn.execute(
            select(db.answers.c.text).where(
                db.answers.c.attempt_id == attempt_id, db.answers.c.kind == "reply"
            )
        ).scalar()
    assert stored == HOSTILE


def test_an_unfinished_attempt_resumes_where_it_stopped(store, library):
    attempt = Attempt(library, CASE, lang="zh", seed=5)
    attempt_id = store.start_attempt("jun", attempt)
    grade = attempt.answer("offer-swap", seconds=9)
    store.save_answer(attempt_id, attempt, grade)
    found_id, resumed = store.resume(library, "jun", CASE)
    assert found_id == attempt_id
    assert (resumed.current, resumed.lang, resumed.seed) == ("wants-swap", "zh", 5)
    for answer in (
        ["change-order", "remark"],
        ["confirm", "edit", "tell-warehouse", "send-tracking"],
    ):
        store.save_answer(attempt_id, resumed, resumed.answer(answer))
    assert store.unfinished("jun", CASE) is None
    with store.engine.connect() as conn:
        assert (
            conn.execute(select(db.attempts.c.score).where(db.attempts.c.id == attempt_id)).scalar()
            == 100
        )


def test_only_mentors_record_reviews_and_the_queue_empties(store, library):
    attempt = play(
        library,
        {
            **best_answers(library, CASE),
            "notify": "wait-restock",
            "upset": "Sorry! We have oatmeal M, or a refund: which would you like?",
        },
    )
    attempt_id = store.record_attempt("mei", attempt)
    queue = store.review_queue()
    assert [(q["attempt_id"], q["step_id"]) for q in queue] == [(attempt_id, "upset")]
    with pytest.raises(StoreError, match="not a mentor"):
        store.record_review("mei", attempt_id, "upset", {"tone.apologize": "followed"})
    store.set_role("lead", "mentor")
    with pytest.raises(StoreError, match="no written answer"):
        store.record_review("lead", attempt_id, "notify", {"tone.apologize": "followed"})
    store.record_review(
        "lead",
        attempt_id,
        "upset",
        {"tone.apologize": "missed"},
        "Say sorry first.",
    )
    assert store.review_queue() == []
    with store.engine.connect() as conn:
        sources = conn.execute(
            select(db.rule_outcomes.c.source, func.count()).group_by(db.rule_outcomes.c.source)
        ).all()
    assert dict(sources)["mentor"] == 1


def test_casebook_notes_keep_any_text(store):
    store.add_note("mei", CASE, HOSTILE)
    assert store.notes("mei")[0]["text"] == HOSTILE
    with pytest.raises(StoreError, match="at most"):
        store.add_note("mei", CASE, "x" * (db.MAX_TEXT + 1))


def test_a_newer_schema_is_refused(db_url):
    store = Store.open(db_url)
    with store.engine.begin() as conn:
        conn.execute(db.meta.update().where(db.meta.c.key == "schema_version").values(value="99"))
    store.close()
    with pytest.raises(StoreError, match=r"newer aftersales \(schema 99"):
        Store.open(db_url)


def test_version_1_database_migrates_with_nothing_lost(tmp_path, repo_root):
    path = tmp_path / "old.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript((repo_root / "tests" / "fixtures" / "schema_v1.sql").read_text())
    store = Store.open(str(path))
    assert db.schema_version(store.engine) == db.SCHEMA_VERSION
    assert store.backup is not None and store.backup.exists()
    with store.engine.connect() as conn:
        names = conn.execute(select(db.trainees.c.name).order_by(db.trainees.c.id)).scalars().all()
        texts = (
            conn.execute(select(db.answers.c.text).where(db.answers.c.kind == "reply"))
            .scalars()
            .all()
        )
        outcomes = conn.execute(select(func.count()).select_from(db.rule_outcomes)).scalar()
        integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
    assert names == ["mei", "lead"]
    assert texts == ["非常抱歉!燕麦色 M 码有现货,您看换这个还是退款?"]
    assert outcomes == 3 and integrity == "ok"
    store.add_note("mei", CASE, "compare with the kettle case")
    with closing(sqlite3.connect(store.backup)) as old:
        assert old.execute("select count(*) from attempts").fetchone() == (1,)
        assert "notes" not in {r[0] for r in old.execute("select name from sqlite_master")}


def test_sqlite_runs_in_wal_mode(tmp_path):
    store = Store.open(str(tmp_path / "wal.sqlite"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_default_location_is_under_home(monkeypatch, tmp_path):
    monkeypatch.delenv("AFTERSALES_DB", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert db.resolve_url() == f"sqlite:///{tmp_path}/.aftersales/progress.sqlite"
    monkeypatch.setenv("AFTERSALES_DB", "postgresql://u@h/db")
    assert db.resolve_url() == "postgresql://u@h/db"


def test_state_is_json(store, library):
    attempt = Attempt(library, CASE)
    attempt_id = store.start_attempt("mei", attempt)
    with store.engine.connect() as conn:
        state = conn.execute(
            select(db.attempts.c.state).where(db.attempts.c.id == attempt_id)
        ).scalar()
    assert json.loads(state)["scenario"] == CASE


def test_regrade_after_a_rule_change_rewrites_scores(store, library, content_copy):
    from aftersales.content import load_library
    from aftersales.regrade import regrade

    answers = {
        **best_answers(library, CASE),
        "notify": "ask-refund",
        "upset": "Sorry! Oatmeal M, or a refund: which would you like?",
    }
    attempt_id = store.record_attempt("mei", play(library, answers))
    with store.engine.connect() as conn:
        before = conn.execute(
            select(db.attempts.c.score).where(db.attempts.c.id == attempt_id)
        ).scalar()
    tone = content_copy / "playbook" / "tone.yaml"
    text_ = tone.read_text(encoding="utf-8")
    start = text_.index("id: tone.apologize")
    weight_at = text_.index("weight:", start)
    line_end = text_.index("\n", weight_at)
    tone.write_text(text_[:weight_at] + "weight: 5" + text_[line_end:], encoding="utf-8")
    changed = load_library(content_copy)
    assert changed.rules["tone.apologize"].weight != library.rules["tone.apologize"].weight
    counts = regrade(store, changed)
    assert counts == {"attempts": 1, "changed": 1, "skipped": 0}
    with store.engine.connect() as conn:
        after = conn.execute(
            select(db.attempts.c.score).where(db.attempts.c.id == attempt_id)
        ).scalar()
    assert after != before


def test_case_status_snippets_and_review_detail_on_both_backends(store, library):
    from aftersales.engine import Attempt, best_answers

    case = "discontinued-blender-no-restock"
    answers = {**best_answers(library, case), "first-reply": "restock-soon"}
    played = Attempt(library, case)
    while not played.finished:
        played.answer(answers[played.current])
    attempt_id = store.record_attempt("mei", played)
    half = Attempt(library, "linen-shirt-sold-out")
    store.start_attempt("mei", half)
    status = "passed" if played.result().passed else "again"
    assert store.scenario_status("mei") == {case: status, "linen-shirt-sold-out": "unfinished"}
    assert store.scenario_status("nobody") == {}

    store.set_role("lead", "mentor")
    detail = store.review_detail(attempt_id, "angry")
    assert detail["state"]["scenario"] == case
    assert {row["rule"] for row in detail["auto"]} == set(
        library.scenarios[case].step("angry").expects
        + library.scenarios[case].step("angry").forbids
    )
    for comment in ("Name the alternatives.", "Shorter, please.", "Name the alternatives."):
        store.record_review("lead", attempt_id, "angry", {"tone.apologize": "followed"}, comment)
    assert store.comment_snippets("lead") == ["Name the alternatives.", "Shorter, please."]
    assert store.comment_snippets("mei") == []
