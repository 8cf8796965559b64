"""A synthetic, reproducible cohort for mentors trying the tool and for the mentor notebooks.

Each trainee gets a skill that grows with practice; a skilled trainee picks the playbook's answer
more often. Replies come from a pool of good, middling and poor replies in both languages.
Timestamps start at a fixed date, so the same N and seed give the same data.

The first trainees of a cohort of at least four have careers long enough for the promotion
ladder's calendar (seed 004: months without a mistake, a year as senior): two years, nine
months, four months and six weeks of regular practice that ends at START, with mistakes only
in the first weeks and the ladder's assessment cases played along the way; so a demo shows
every level, from junior to customer manager.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from .content import Library
from .engine import Attempt, best_answers
from .models import ChoiceStep, OrderStep, RemarkStep, ReplyStep
from .store import Store

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NAMES = [
    "an.li",
    "bo.chen",
    "cai.wen",
    "dan.zhou",
    "emma.sun",
    "fang.liu",
    "gao.yan",
    "hui.ma",
    "jia.xu",
    "kai.he",
    "lan.guo",
    "mei.lin",
    "ning.hu",
    "ou.yang",
    "ping.zhu",
    "qing.he",
]
MENTORS = ("mentor.wang", "mentor.zhao")
CAREER_MONTHS = (24, 9, 4, 1.5)  # the first trainees: customer manager ... junior
ATTEMPTS_PER_MONTH = 12
LEARNING_SHARE = 0.1  # the part of a career with mistakes; after it, the playbook's answers
WEAK_REPLIES = [
    "The courier is responsible for this, please contact them.",
    "没货了,系统会自动退款。",
    "你自己联系快递吧,跟我们没关系。",
    "OK, noted.",
    "亲,已经在处理了哈,请耐心等待。",
    "Calm down, it's only a small order.",
]


def _answer(step, rng: random.Random, skill: float, best) -> object:
    if rng.random() < skill:
        return best
    if isinstance(step, ChoiceStep):
        return rng.choice(step.options).id
    if isinstance(step, OrderStep):
        ids = [o.id for o in step.options]
        rng.shuffle(ids)
        return ids
    if isinstance(step, ReplyStep):
        return rng.choice(WEAK_REPLIES)
    if isinstance(step, RemarkStep):  # a remark with a field or two left out
        words = step.model_answer.en.split()
        return " ".join(words[: max(1, len(words) // 2)])
    ids = [o.id for o in step.options]
    return rng.sample(ids, rng.randint(1, len(ids)))


def _mentor_verdicts(rng: random.Random, outcomes) -> dict[str, str]:
    # Mentors mostly confirm the checker and sometimes see it differently.
    verdicts = {}
    for o in outcomes:
        verdict = o.outcome
        if rng.random() < 0.12:
            verdict = "followed" if verdict != "followed" else "missed"
        verdicts[o.rule] = verdict
    return verdicts


def make_cohort(store: Store, library: Library, trainees: int, seed: int) -> dict:
    rng = random.Random(seed)
    scenario_ids = sorted(library.scenarios)
    keys = {sid: best_answers(library, sid) for sid in scenario_ids}
    for mentor in MENTORS:
        store.set_role(mentor, "mentor")
    names = [
        NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f".{i // len(NAMES)}")
        for i in range(trainees)
    ]
    assessment = [s for level in library.ladder.levels for s in level.criteria.assessment]
    assessment = [s for s in assessment if s in library.scenarios]
    count = reviews = 0
    for index, name in enumerate(names):
        skill = rng.uniform(0.35, 0.8)
        lang = "zh" if index % 3 else "en"
        clock = START + timedelta(hours=index)
        plays = rng.randint(6, 18)
        careers = len(CAREER_MONTHS)
        career = CAREER_MONTHS[index] if trainees >= careers and index < careers else None
        if career is not None:
            plays = int(career * ATTEMPTS_PER_MONTH)
            gap = timedelta(days=30 * career) / plays
            clock = START - timedelta(days=30 * career)
        for n in range(plays):
            sid = rng.choice(scenario_ids)
            if career is not None and n % 2 == 0 and assessment:
                sid = assessment[(n // 2) % len(assessment)]
            sure = career is not None and n >= plays * LEARNING_SHARE
            attempt = Attempt(library, sid, lang=lang, seed=rng.randrange(10_000))
            while not attempt.finished:
                step = attempt.step
                best = keys[sid][step.id]
                attempt.answer(
                    best if sure else _answer(step, rng, min(0.97, skill + 0.03 * n), best),
                    seconds=round(rng.uniform(8, 100), 1),
                )
            started = clock.isoformat(timespec="seconds")
            clock += gap - timedelta(minutes=1) if career else timedelta(minutes=rng.randint(4, 25))
            attempt_id = store.record_attempt(
                name, attempt, started, clock.isoformat(timespec="seconds")
            )
            count += 1
            for grade in attempt.grades:
                if grade.kind in ("reply", "remark") and rng.random() < 0.7:
                    mentors = MENTORS if rng.random() < 0.3 else MENTORS[:1]
                    for mentor in mentors:
                        clock += timedelta(minutes=3)
                        comment = rng.choice(
                            [
                                "Good structure.",
                                "先道歉再解释。",
                                "Give a time you will call back.",
                                "注意语气。",
                            ]
                        )
                        store.record_review(
                            mentor,
                            attempt_id,
                            grade.step,
                            _mentor_verdicts(rng, grade.outcomes),
                            comment,
                            created_at=clock.isoformat(timespec="seconds"),
                        )
                        reviews += 1
            if career is None:
                clock += timedelta(hours=rng.randint(5, 40))
            else:
                clock += timedelta(minutes=1)
    return {"trainees": trainees, "attempts": count, "reviews": reviews}
