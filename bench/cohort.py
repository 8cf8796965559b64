"""Build the synthetic 500-trainee, 250,000-attempt SQLite store the benchmarks read.

Attempts are really played (random paths, seeded) and graded; a pool of distinct gradings is
reused across trainees with their own timestamps, so rule outcomes are real gradings while the
build stays fast. Rows go in with sqlite3's executemany in large transactions.
"""

from __future__ import annotations

import json
import random
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta

from aftersales.content import load_library
from aftersales.engine import Attempt
from aftersales.models import ChoiceStep, OrderStep, RemarkStep, ReplyStep
from aftersales.store import Store, content_hash

REPLIES = [
    "Sorry for the trouble! I'll chase the courier and get back to you by 6pm tomorrow.",
    "亲,非常抱歉!我这边马上帮您联系快递,24小时内给您答复。",
    "That's the courier's problem, contact them yourself.",
    "退货运费需要您自己承担哦。",
]


def _random_attempt(library, sid: str, rng: random.Random) -> Attempt:
    attempt = Attempt(library, sid, lang=rng.choice(["en", "zh"]), seed=rng.randrange(1000))
    while not attempt.finished:
        step = attempt.step
        if isinstance(step, ChoiceStep):
            answer = rng.choice(step.options).id
        elif isinstance(step, OrderStep):
            answer = [o.id for o in step.options]
            rng.shuffle(answer)
        elif isinstance(step, ReplyStep):
            answer = rng.choice(REPLIES)
        elif isinstance(step, RemarkStep):  # the model remark, or half of it
            words = step.model_answer.in_lang(attempt.lang).split()
            answer = " ".join(words[: len(words) // (1 + rng.randrange(2))] or words)
        else:
            answer = [o.id for o in step.options if rng.random() < 0.5]
        attempt.answer(answer)
    return attempt


def build(
    path: str, trainees: int = 500, attempts_each: int = 500, pool_size: int = 600, seed: int = 1
) -> int:
    library = load_library()
    Store.open(path).close()
    rng = random.Random(seed)
    ids = sorted(library.scenarios)
    pool = []
    for _ in range(pool_size):
        attempt = _random_attempt(library, rng.choice(ids), rng)
        result = attempt.result()
        pool.append(
            (
                attempt.scenario_id,
                attempt.lang,
                json.dumps(attempt.to_state(), ensure_ascii=False),
                result,
            )
        )
    hashes = {sid: content_hash(library, sid) for sid in ids}
    start = datetime(2026, 1, 5, tzinfo=UTC)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA synchronous = OFF")
        now = start.isoformat()
        conn.executemany(
            "insert into trainees (id, name, role, created_at) values (?, ?, 'trainee', ?)",
            [(t + 1, f"trainee{t:03d}", now) for t in range(trainees)],
        )
        attempt_id = 0
        for t in range(trainees):
            attempts, outcomes = [], []
            clock = start + timedelta(minutes=t)
            for _ in range(attempts_each):
                attempt_id += 1
                sid, lang, state, result = pool[rng.randrange(pool_size)]
                clock += timedelta(minutes=rng.randint(5, 600))
                stamp = clock.isoformat(timespec="seconds")
                attempts.append(
                    (
                        attempt_id,
                        t + 1,
                        sid,
                        hashes[sid],
                        lang,
                        0,
                        stamp,
                        stamp,
                        result.score,
                        int(result.passed),
                        result.outcome,
                        state,
                    )
                )
                outcomes += [
                    (attempt_id, r.step, r.rule, r.outcome, r.credit, r.evidence, "auto")
                    for r in result.rules
                ]
            conn.executemany(
                "insert into attempts (id, trainee_id, scenario_id, content_hash, lang, seed, started_at, finished_at, score, passed, outcome, state) values (?,?,?,?,?,?,?,?,?,?,?,?)",
                attempts,
            )
            conn.executemany(
                "insert into rule_outcomes (attempt_id, step_id, rule_id, outcome, credit, evidence, source) values (?,?,?,?,?,?,?)",
                outcomes,
            )
        conn.commit()
    return attempt_id
