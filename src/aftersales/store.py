"""The progress store: trainees, attempts, answers, rule outcomes, mentor reviews, casebook notes.

Every write is one transaction, so a writer killed at any point leaves either the old or the
new state. An attempt is saved answer by answer together with its serialised state, so an
unfinished attempt can be resumed. Writes that meet a busy database retry with backoff.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.exc import OperationalError

from . import db
from .content import Library
from .engine import Attempt
from .errors import NotMentorError, StoreError
from .grading import StepGrade

ROLES = ("trainee", "mentor")
VERDICTS = ("followed", "violated", "missed")
WRITTEN_KINDS = ("reply", "remark")  # answers in the trainee's own words: queued for review


def content_hash(library: Library, scenario_id: str) -> str:
    dumped = library.scenarios[scenario_id].model_dump_json()
    return hashlib.sha256(dumped.encode("utf-8")).hexdigest()[:16]


@dataclass
class Store:
    engine: object
    backup: object = None

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        engine = db.make_engine(url)
        try:
            backup = cls._retry(lambda: db.prepare(engine))
        except Exception:
            engine.dispose()
            raise
        return cls(engine, backup)

    def close(self) -> None:
        self.engine.dispose()

    # --- writing --------------------------------------------------------------------------

    @staticmethod
    def _retry(work: Callable, attempts: int = 8):
        # busy_timeout already waits inside SQLite; this covers what it cannot (e.g. a busy
        # WAL checkpoint, or PostgreSQL serialisation conflicts) without surfacing to a trainee.
        delay = 0.05
        for attempt in range(attempts):
            try:
                return work()
            except OperationalError as err:
                if attempt == attempts - 1 or (
                    "locked" not in str(err).lower() and "busy" not in str(err).lower()
                ):
                    raise StoreError(
                        f"the progress store could not be written: {err.orig}"
                    ) from err
                time.sleep(delay * (1 + random.random()))
                delay *= 2
        return None

    def _write(self, work: Callable):
        def run():
            with self.engine.begin() as conn:
                return work(conn)

        return self._retry(run)

    def trainee_id(self, name: str, role: str = "trainee", conn=None) -> int:
        """The id of a trainee, created on first use."""
        if role not in ROLES:
            raise StoreError(f"role must be one of {', '.join(ROLES)}, not {role!r}")

        def work(c):
            found = c.execute(select(db.trainees.c.id).where(db.trainees.c.name == name)).scalar()
            if found is not None:
                return found
            return c.execute(
                insert(db.trainees).values(name=name, role=role, created_at=db.now())
            ).inserted_primary_key[0]

        return work(conn) if conn is not None else self._write(work)

    def set_role(self, name: str, role: str) -> None:
        self.trainee_id(name, role)
        self._write(
            lambda c: c.execute(
                update(db.trainees).where(db.trainees.c.name == name).values(role=role)
            )
        )

    def role(self, name: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(db.trainees.c.role).where(db.trainees.c.name == name)
            ).scalar()

    def start_attempt(self, trainee: str, attempt: Attempt, started_at: str | None = None) -> int:
        return self._write(lambda c: self._insert_attempt(c, trainee, attempt, started_at))

    def _insert_attempt(self, c, trainee: str, attempt: Attempt, started_at: str | None) -> int:
        return c.execute(
            insert(db.attempts).values(
                trainee_id=self.trainee_id(trainee, conn=c),
                scenario_id=attempt.scenario_id,
                content_hash=content_hash(attempt.library, attempt.scenario_id),
                lang=attempt.lang,
                seed=attempt.seed,
                started_at=started_at or db.now(),
                state=json.dumps(attempt.to_state(), ensure_ascii=False),
            )
        ).inserted_primary_key[0]

    def save_answer(
        self, attempt_id: int, attempt: Attempt, grade: StepGrade, finished_at: str | None = None
    ) -> None:
        """Store the latest answer with the attempt's new state, and the grade when it ended."""

        def work(c):
            c.execute(
                insert(db.answers).values(**_answer_row(attempt, attempt_id, len(attempt.answers)))
            )
            state = json.dumps(attempt.to_state(), ensure_ascii=False)
            c.execute(update(db.attempts).where(db.attempts.c.id == attempt_id).values(state=state))
            if attempt.finished:
                self._finish(c, attempt_id, attempt, finished_at)

        self._write(work)

    def _finish(self, c, attempt_id: int, attempt: Attempt, finished_at: str | None) -> None:
        result = attempt.result()
        rows = [
            {
                "attempt_id": attempt_id,
                "step_id": o.step,
                "rule_id": o.rule,
                "outcome": o.outcome,
                "credit": o.credit,
                "evidence": o.evidence,
                "source": "auto",
            }
            for o in result.rules
        ]
        if rows:
            c.execute(insert(db.rule_outcomes), rows)
        c.execute(
            update(db.attempts)
            .where(db.attempts.c.id == attempt_id)
            .values(
                finished_at=finished_at or db.now(),
                score=result.score,
                passed=int(result.passed),
                outcome=result.outcome,
            )
        )

    def record_attempt(
        self, trainee: str, attempt: Attempt, started_at=None, finished_at=None
    ) -> int:
        """Store a whole played attempt in one transaction (the CLI and scripts)."""
        if not attempt.finished:
            raise StoreError("only a finished attempt can be recorded in one go")

        def work(c):
            attempt_id = self._insert_attempt(c, trainee, attempt, started_at)
            rows = [_answer_row(attempt, attempt_id, n) for n in range(1, len(attempt.answers) + 1)]
            c.execute(insert(db.answers), rows)
            self._finish(c, attempt_id, attempt, finished_at)
            return attempt_id

        return self._write(work)

    def unfinished(self, trainee: str, scenario_id: str) -> tuple[int, dict] | None:
        """The latest unfinished attempt of a trainee at a scenario: (id, state)."""
        query = (
            select(db.attempts.c.id, db.attempts.c.state)
            .join(db.trainees, db.trainees.c.id == db.attempts.c.trainee_id)
            .where(and_(db.trainees.c.name == trainee, db.attempts.c.scenario_id == scenario_id))
            .where(db.attempts.c.finished_at.is_(None))
            .order_by(db.attempts.c.id.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return (row.id, json.loads(row.state)) if row else None

    def resume(
        self, library: Library, trainee: str, scenario_id: str
    ) -> tuple[int, Attempt] | None:
        found = self.unfinished(trainee, scenario_id)
        if found is None:
            return None
        return found[0], Attempt.from_state(library, found[1])

    # --- mentors and notes ----------------------------------------------------------------

    def record_review(
        self,
        mentor: str,
        attempt_id: int,
        step_id: str,
        verdicts: dict[str, str],
        comment: str = "",
        created_at: str | None = None,
    ) -> int:
        """A mentor's per-rule verdicts on one free-text answer (only mentors may review).

        The verdicts replace the checker's in progress and dashboards (`effective_outcomes`);
        there is no separate score override, since nothing would read it."""
        if self.role(mentor) != "mentor":
            raise NotMentorError(mentor)
        bad = {r: v for r, v in verdicts.items() if v not in VERDICTS}
        if bad:
            raise StoreError(f"verdicts must be one of {', '.join(VERDICTS)}: {bad}")
        if len(comment) > db.MAX_TEXT:
            raise StoreError(f"a comment is at most {db.MAX_TEXT} characters")

        def work(c):
            mentor_id = self.trainee_id(mentor, conn=c)
            exists = c.execute(
                select(func.count())
                .select_from(db.answers)
                .where(
                    and_(
                        db.answers.c.attempt_id == attempt_id,
                        db.answers.c.step_id == step_id,
                        db.answers.c.kind.in_(WRITTEN_KINDS),
                    )
                )
            ).scalar()
            if not exists:
                raise StoreError(f"attempt {attempt_id} has no written answer at step '{step_id}'")
            review_id = c.execute(
                insert(db.reviews).values(
                    attempt_id=attempt_id,
                    step_id=step_id,
                    mentor_id=mentor_id,
                    comment=comment,
                    created_at=created_at or db.now(),
                )
            ).inserted_primary_key[0]
            rows = [
                {
                    "attempt_id": attempt_id,
                    "step_id": step_id,
                    "rule_id": rule,
                    "outcome": verdict,
                    "credit": 1.0 if verdict == "followed" else 0.0,
                    "evidence": None,
                    "source": "mentor",
                    "review_id": review_id,
                }
                for rule, verdict in verdicts.items()
            ]
            if rows:
                c.execute(insert(db.rule_outcomes), rows)
            return review_id

        return self._write(work)

    def review_queue(self) -> list[dict]:
        """Written answers of finished attempts that no mentor has reviewed yet, oldest first."""
        a, t, ans, r = db.attempts, db.trainees, db.answers, db.reviews
        reviewed = (
            select(r.c.id)
            .where(and_(r.c.attempt_id == ans.c.attempt_id, r.c.step_id == ans.c.step_id))
            .exists()
        )
        query = (
            select(
                a.c.id.label("attempt_id"),
                t.c.name.label("trainee"),
                a.c.scenario_id,
                ans.c.step_id,
                ans.c.text,
                a.c.finished_at,
            )
            .join(a, a.c.id == ans.c.attempt_id)
            .join(t, t.c.id == a.c.trainee_id)
            .where(and_(ans.c.kind.in_(WRITTEN_KINDS), a.c.finished_at.is_not(None), ~reviewed))
            .order_by(a.c.finished_at, a.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def review_detail(self, attempt_id: int, step_id: str) -> dict:
        """What a mentor needs beside the reply: the attempt's state and the checker's verdicts."""
        a, o = db.attempts, db.rule_outcomes
        with self.engine.connect() as conn:
            state = conn.execute(select(a.c.state).where(a.c.id == attempt_id)).scalar()
            auto = conn.execute(
                select(o.c.rule_id, o.c.outcome, o.c.evidence).where(
                    and_(o.c.attempt_id == attempt_id, o.c.step_id == step_id, o.c.source == "auto")
                )
            ).all()
        if state is None:
            raise StoreError(f"no attempt {attempt_id}")
        return {
            "state": json.loads(state),
            "auto": [
                {"rule": r.rule_id, "outcome": r.outcome, "evidence": r.evidence} for r in auto
            ],
        }

    def comment_snippets(self, mentor: str, limit: int = 8) -> list[str]:
        """A mentor's earlier comments, most used first, to reuse on the next answer."""
        r, t = db.reviews, db.trainees
        query = (
            select(r.c.comment, func.count().label("uses"), func.max(r.c.id).label("last"))
            .join(t, t.c.id == r.c.mentor_id)
            .where(and_(t.c.name == mentor, r.c.comment.is_not(None), r.c.comment != ""))
            .group_by(r.c.comment)
            .order_by(func.count().desc(), func.max(r.c.id).desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [row.comment for row in conn.execute(query)]

    def scenario_status(self, trainee: str) -> dict[str, str]:
        """Per scenario the trainee touched: passed, again (finished, never passed) or unfinished."""
        a, t = db.attempts, db.trainees
        query = (
            select(
                a.c.scenario_id,
                func.max(a.c.passed).label("passed"),
                func.count(a.c.finished_at).label("finished"),
            )
            .join(t, t.c.id == a.c.trainee_id)
            .where(t.c.name == trainee)
            .group_by(a.c.scenario_id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return {
            row.scenario_id: "passed" if row.passed else ("again" if row.finished else "unfinished")
            for row in rows
        }

    def add_note(self, trainee: str, scenario_id: str, text: str) -> int:
        if len(text) > db.MAX_TEXT:
            raise StoreError(f"a note is at most {db.MAX_TEXT} characters")

        def work(c):
            tid = self.trainee_id(trainee, conn=c)
            values = {
                "trainee_id": tid,
                "scenario_id": scenario_id,
                "text": text,
                "created_at": db.now(),
            }
            return c.execute(insert(db.notes).values(**values)).inserted_primary_key[0]

        return self._write(work)

    def notes(self, trainee: str) -> list[dict]:
        query = (
            select(db.notes.c.scenario_id, db.notes.c.text, db.notes.c.created_at)
            .join(db.trainees, db.trainees.c.id == db.notes.c.trainee_id)
            .where(db.trainees.c.name == trainee)
            .order_by(db.notes.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]


def _answer_row(attempt: Attempt, attempt_id: int, position: int) -> dict:
    """The `answers` row of the attempt's answer number `position` (1-based)."""
    record = attempt.answers[position - 1]
    kind = attempt.scenario.step(record["step"]).kind
    value = record["answer"]
    return {
        "attempt_id": attempt_id,
        "position": position,
        "step_id": record["step"],
        "kind": kind,
        "choice": None
        if kind in WRITTEN_KINDS
        else ",".join([value] if isinstance(value, str) else value),
        "text": value if kind in WRITTEN_KINDS else None,
        "seconds": record.get("seconds"),
    }
