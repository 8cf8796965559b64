"""Re-grade stored attempts after the playbook or a scenario changed.

Each finished attempt is replayed from its stored state (the answers as given) with the current
content, and its score, pass and automatic rule outcomes are rewritten in batches, one
transaction per batch. Mentor verdicts are kept: they are a person's judgement, not the checker's.
"""

from __future__ import annotations

import json

from sqlalchemy import and_, bindparam, delete, insert, select, update

from . import db
from .content import Library
from .engine import Attempt
from .errors import AftersalesError


def regrade(store, library: Library, batch_size: int = 5000) -> dict[str, int]:
    a, o = db.attempts, db.rule_outcomes
    counts = {"attempts": 0, "changed": 0, "skipped": 0}
    last_id = 0
    set_grade = (
        update(a)
        .where(a.c.id == bindparam("b_id"))
        .values(
            score=bindparam("b_score"), passed=bindparam("b_passed"), outcome=bindparam("b_outcome")
        )
    )
    while True:
        query = (
            select(a.c.id, a.c.state, a.c.score, a.c.passed)
            .where(and_(a.c.finished_at.is_not(None), a.c.id > last_id))
            .order_by(a.c.id)
            .limit(batch_size)
        )
        with store.engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            return counts
        grades, outcomes, ids = [], [], []
        for row in rows:
            try:
                result = Attempt.from_state(library, json.loads(row.state)).result()
            except (AftersalesError, KeyError, ValueError):
                counts["skipped"] += 1  # content changed so much that the answers no longer fit
                continue
            ids.append(row.id)
            counts["changed"] += (result.score, int(result.passed)) != (row.score, row.passed)
            grades.append(
                {
                    "b_id": row.id,
                    "b_score": result.score,
                    "b_passed": int(result.passed),
                    "b_outcome": result.outcome,
                }
            )
            outcomes += [
                {
                    "attempt_id": row.id,
                    "step_id": r.step,
                    "rule_id": r.rule,
                    "outcome": r.outcome,
                    "credit": r.credit,
                    "evidence": r.evidence,
                    "source": "auto",
                }
                for r in result.rules
            ]
        with store.engine.begin() as conn:
            if ids:
                conn.execute(delete(o).where(and_(o.c.attempt_id.in_(ids), o.c.source == "auto")))
                if outcomes:
                    conn.execute(insert(o), outcomes)
                conn.execute(set_grade, grades)
        counts["attempts"] += len(ids)
        last_id = rows[-1].id
