"""Progress analytics over the store, with pandas.

Mastery model: recency-weighted success with a minimum amount of evidence. For one trainee and
one rule, the outcomes are ordered newest first and the k-th newest gets weight DECAY**k; mastery
is the weighted mean credit (followed = 1, order steps their partial credit, else 0), pulled
towards 0.5 by PRIOR pseudo-outcomes so that two lucky answers do not read as mastered. A rule
with fewer than MIN_EVIDENCE outcomes has no mastery yet (NaN). Why this model: it is
explainable to a trainee in one sentence ("your recent answers count most"), it forgets old
mistakes as a trainee improves, and it needs no fitted parameters, unlike knowledge tracing.
Mentor verdicts replace the automatic ones for the same answer and rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import select

from . import db
from .content import Library

DECAY = 0.8
PRIOR = 1.0
MIN_EVIDENCE = 3
MASTERED = 0.8
WEAKEST = 3
RECENT = 3  # scenarios among a trainee's last RECENT attempts are not recommended again


def load_frames(store) -> dict[str, pd.DataFrame]:
    a, t, o, r = db.attempts, db.trainees, db.rule_outcomes, db.reviews
    queries = {
        "trainees": select(t.c.id, t.c.name, t.c.role),
        "attempts": select(
            a.c.id,
            a.c.trainee_id,
            a.c.scenario_id,
            a.c.started_at,
            a.c.finished_at,
            a.c.score,
            a.c.passed,
            a.c.outcome,
        ),
        "outcomes": select(
            o.c.attempt_id,
            o.c.step_id,
            o.c.rule_id,
            o.c.outcome,
            o.c.credit,
            o.c.source,
            o.c.review_id,
        ),
        "reviews": select(
            r.c.id,
            r.c.attempt_id,
            r.c.step_id,
            r.c.mentor_id,
            r.c.comment,
            r.c.created_at,
        ),
    }
    with store.engine.connect() as conn:
        frames = {name: pd.read_sql(query, conn) for name, query in queries.items()}
    # Categories make the group-bys over millions of outcomes several times faster.
    outcomes = frames["outcomes"]
    for column in ("step_id", "rule_id", "outcome", "source"):
        outcomes[column] = outcomes[column].astype("category")
    return frames


def load_answers(store) -> pd.DataFrame:
    ans = db.answers
    query = select(
        ans.c.attempt_id,
        ans.c.position,
        ans.c.step_id,
        ans.c.kind,
        ans.c.choice,
        ans.c.text,
        ans.c.seconds,
    )
    with store.engine.connect() as conn:
        return pd.read_sql(query.order_by(ans.c.attempt_id, ans.c.position), conn)


def effective_outcomes(frames) -> pd.DataFrame:
    """Rule outcomes of finished attempts, with the latest mentor verdict replacing the automatic one."""
    outcomes = frames["outcomes"]
    finished = frames["attempts"].dropna(subset=["finished_at"])
    mentor = outcomes[outcomes.source == "mentor"].sort_values("review_id")
    mentor = mentor.drop_duplicates(["attempt_id", "step_id", "rule_id"], keep="last")
    auto = outcomes[outcomes.source == "auto"]
    keys = ["attempt_id", "step_id", "rule_id"]
    auto = auto.merge(mentor[keys].assign(_reviewed=True), on=keys, how="left")
    merged = pd.concat(
        [auto[auto._reviewed.isna()].drop(columns="_reviewed"), mentor], ignore_index=True
    )
    merged = merged.merge(
        finished[["id", "trainee_id", "finished_at", "scenario_id"]],
        left_on="attempt_id",
        right_on="id",
    )
    return merged.drop(columns="id")


def mastery(frames) -> pd.DataFrame:
    """One row per (trainee_id, rule_id): mastery, evidence count."""
    out = effective_outcomes(frames)
    if out.empty:
        return pd.DataFrame(columns=["trainee_id", "rule_id", "mastery", "evidence"])
    out = out.sort_values(["finished_at", "attempt_id"], ascending=False)
    out["rank"] = out.groupby(["trainee_id", "rule_id"]).cumcount()
    out["w"] = DECAY ** out["rank"]
    out["wc"] = out["w"] * out["credit"]
    grouped = out.groupby(["trainee_id", "rule_id"]).agg(
        wc=("wc", "sum"), w=("w", "sum"), evidence=("credit", "size")
    )
    grouped["mastery"] = (grouped.wc + 0.5 * PRIOR) / (grouped.w + PRIOR)
    grouped.loc[grouped.evidence < MIN_EVIDENCE, "mastery"] = np.nan
    return grouped.reset_index()[["trainee_id", "rule_id", "mastery", "evidence"]]


def cohort_matrix(frames) -> pd.DataFrame:
    """Trainees x rules, mastery in each cell (NaN: not enough evidence)."""
    m = mastery(frames)
    names = frames["trainees"].set_index("id")["name"]
    m = m.assign(trainee=m.trainee_id.map(names))
    return m.pivot_table(index="trainee", columns="rule_id", values="mastery", aggfunc="first")


@dataclass
class Cohort:
    """Everything per-trainee reports need, computed once: for 500 trainees and 250,000
    attempts, filtering the full tables per trainee would cost minutes instead of seconds."""

    frames: dict
    mastery: pd.DataFrame
    attempts: dict  # trainee id -> finished attempts, oldest first
    rules: dict  # trainee id -> Series rule id -> mastery
    mistakes_per_attempt: pd.Series  # violated rules per attempt, mentors' verdicts applied

    @classmethod
    def build(cls, library: Library, frames) -> Cohort:
        m = mastery(frames)
        finished = (
            frames["attempts"].dropna(subset=["finished_at"]).sort_values(["finished_at", "id"])
        )
        eff = effective_outcomes(frames)
        return cls(
            frames,
            m,
            {tid: group for tid, group in finished.groupby("trainee_id")},
            {tid: group.set_index("rule_id")["mastery"] for tid, group in m.groupby("trainee_id")},
            eff[eff.outcome == "violated"].groupby("attempt_id").size(),
        )

    def attempts_of(self, trainee_id: int) -> pd.DataFrame:
        return self.attempts.get(trainee_id, self.frames["attempts"].iloc[0:0])

    def mastery_of(self, trainee_id: int) -> pd.Series:
        return self.rules.get(trainee_id, pd.Series(dtype=float))


def weakest_rules(cohort: Cohort, trainee_id: int, n: int = WEAKEST) -> list[str]:
    mine = cohort.mastery_of(trainee_id).dropna()
    return sorted(mine.index, key=lambda rule: (mine[rule], rule))[:n]


def recommend(library: Library, cohort: Cohort, trainee_id: int) -> str | None:
    """The scenario that exercises the trainee's weakest rules and was not among the last few played."""
    mine = cohort.mastery_of(trainee_id)
    recent = set(cohort.attempts_of(trainee_id).scenario_id.tail(RECENT))

    def need(scenario) -> float:
        rules = scenario.rule_ids()
        # Unknown mastery counts as 0.5: worth practising, but less than a known weakness.
        values = [mine.get(r, np.nan) for r in rules]
        return sum(1 - (v if pd.notna(v) else 0.5) for v in values) / max(len(rules), 1)

    candidates = [s for s in library.scenarios.values() if s.id not in recent] or list(
        library.scenarios.values()
    )
    if not candidates:
        return None
    return max(candidates, key=lambda s: (round(need(s), 6), -s.level, s.id)).id


MONTH = pd.Timedelta(days=30)


def level_of(library: Library, cohort: Cohort, trainee_id: int, now=None) -> str:
    """The trainee's level on the promotion ladder (see `ladder_history`)."""
    history = ladder_history(library, cohort, trainee_id, now)
    return history[-1][0] if history else library.ladder.levels[0].id


def ladder_history(library: Library, cohort: Cohort, trainee_id: int, now=None) -> list:
    """[(level id, reached at)], from the first level onwards, walking the calendar.

    Seed 004: a junior with two months in a row without a mistake who passes the assessment
    becomes intermediate; three months for senior; a year as senior and three clean months for
    customer manager. Here the clean months must lie at the level below, hold at least
    `min_attempts` attempts (practice, not absence) and no violated rule; the assessment cases
    must be passed while at the level below. A level once reached is kept: a later mistake
    restarts the clock to the next level, it does not demote.
    """
    mine = cohort.attempts_of(trainee_id)
    if not len(mine):
        return []
    stamps = pd.to_datetime(mine.finished_at, utc=True, format="ISO8601")
    times = stamps.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]")
    mistakes = cohort.mistakes_per_attempt.reindex(mine.id).fillna(0).to_numpy() > 0
    passed = mine.passed.to_numpy() == 1
    scenarios = mine.scenario_id.to_numpy()
    now = pd.Timestamp(now) if now is not None else pd.Timestamp.now(tz="UTC")
    now = np.datetime64((now.tz_convert(None) if now.tzinfo else now).to_datetime64(), "ns")
    mistake_times = times[mistakes]
    levels = library.ladder.levels
    history = [(levels[0].id, pd.Timestamp(times[0]))]
    since = times[0]
    for level in levels[1:]:
        c = level.criteria
        clean = (c.clean_months * MONTH).to_timedelta64()
        earliest = since + (max(c.months_at_previous, c.clean_months) * MONTH).to_timedelta64()
        # Promotion is decided when an attempt is finished (as an assessment is taken), so a
        # trainee who stops practising does not rise by waiting.
        candidates = times[(times >= earliest) & (times <= now)]
        reached = next(
            (
                when
                for when in candidates
                if _meets(c, when, since, clean, times, mistake_times, passed, scenarios)
            ),
            None,
        )
        if reached is None:
            break
        history.append((level.id, pd.Timestamp(reached)))
        since = reached
    return history


def _meets(c, when, since, clean, times, mistake_times, passed, scenarios) -> bool:
    start = when - clean
    window = (times > start) & (times <= when)
    if int(window.sum()) < c.min_attempts:
        return False
    if ((mistake_times > start) & (mistake_times <= when)).any():
        return False
    done = set(scenarios[passed & (times >= since) & (times <= when)])
    return all(case in done for case in c.assessment)


def unfinished_counts(frames) -> pd.Series:
    """Trainee id -> attempts started and not finished."""
    started = frames["attempts"]
    return started[started.finished_at.isna()].groupby("trainee_id").size()


def trainee_row(
    library: Library, cohort: Cohort, trainee_id: int, name: str, open_counts: pd.Series
) -> dict:
    """One trainee's entry of the progress report (the CLI, the JSON and ProgressView)."""
    mine = cohort.attempts_of(trainee_id)
    return {
        "trainee": name,
        "attempts": len(mine),
        "unfinished": int(open_counts.get(trainee_id, 0)),
        "passed": int(mine.passed.sum()),
        "mean_score": round(float(mine.score.mean()), 1) if len(mine) else None,
        "level": level_of(library, cohort, trainee_id),
        "weakest_rules": weakest_rules(cohort, trainee_id),
        "recommended": recommend(library, cohort, trainee_id),
    }


def summary(library: Library, frames, trainee: str | None = None) -> dict:
    """The `progress --json` report: finished and unfinished attempts in total and per trainee.

    `attempts` counts finished attempts, `unfinished` the ones started and not finished, the same
    way in the totals and in each trainee's entry (the totals are the sums of the entries)."""
    cohort = Cohort.build(library, frames)
    people = frames["trainees"]
    people = people[people.role == "trainee"] if trainee is None else people[people.name == trainee]
    open_counts = unfinished_counts(frames)
    rows = [
        trainee_row(library, cohort, person.id, person.name, open_counts)
        for person in people.sort_values("name").itertuples()
    ]
    return {
        "attempts": sum(r["attempts"] for r in rows),
        "unfinished": sum(r["unfinished"] for r in rows),
        "trainees": rows,
    }


def scenario_difficulty(frames) -> pd.DataFrame:
    attempts = frames["attempts"].dropna(subset=["finished_at"])
    table = attempts.groupby("scenario_id").agg(
        attempts=("id", "size"), pass_rate=("passed", "mean"), mean_score=("score", "mean")
    )
    return table.sort_values(["pass_rate", "mean_score"]).round(3)


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two raters over the same items (1 agree fully, 0 chance, <0 worse)."""
    if not a:
        return float("nan")
    labels = sorted(set(a) | set(b))
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    expected = sum((a.count(lab) / n) * (b.count(lab) / n) for lab in labels)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _agree(series_a, series_b) -> list[str]:
    # Collapse to followed / not followed, the distinction the checker is measured on.
    return ["followed" if v == "followed" else "not" for v in series_a], [
        "followed" if v == "followed" else "not" for v in series_b
    ]


# --- progress and cohort views -------------------------------------------------------------

MIN_DIFFICULTY_ATTEMPTS = 5  # a case's pass rate over fewer finished attempts says little
MIN_KAPPA_ITEMS = 5  # kappa over fewer items is noise; the views say "too few" instead


def cohort_cells(frames) -> pd.DataFrame:
    """One row per trainee (role trainee) and rule answered: trainee name, rule_id, mastery
    (NaN under MIN_EVIDENCE answers) and evidence (the number of answers)."""
    m = mastery(frames)
    people = frames["trainees"]
    people = people[people.role == "trainee"].set_index("id")["name"]
    m = m[m.trainee_id.isin(people.index)]
    return m.assign(trainee=m.trainee_id.map(people), rule_id=m.rule_id.astype(str))[
        ["trainee", "rule_id", "mastery", "evidence"]
    ].reset_index(drop=True)


def case_difficulty(frames, min_attempts: int = MIN_DIFFICULTY_ATTEMPTS) -> pd.DataFrame:
    """scenario_difficulty over the cases with at least `min_attempts` finished attempts,
    hardest first (lowest pass rate, then lowest mean score)."""
    table = scenario_difficulty(frames)
    return table[table.attempts >= min_attempts]


def _agreement_table(pairs: pd.DataFrame, min_items: int) -> pd.DataFrame:
    """Per rule over pairs (rule_id, a, b): items, share agreeing, kappa (NaN under
    `min_items`) and whether one rater gave the same verdict every time, when kappa says
    nothing about agreement beyond chance whatever the share agreeing."""
    rows = []
    for rule, group in pairs.groupby("rule_id", observed=True):
        a, b = _agree(group.a, group.b)
        rows.append(
            {
                "rule_id": str(rule),
                "items": len(group),
                "agreement": sum(x == y for x, y in zip(a, b, strict=True)) / len(a),
                "kappa": cohen_kappa(a, b) if len(a) >= min_items else float("nan"),
                "one_verdict": len(set(a)) == 1 or len(set(b)) == 1,
            }
        )
    return pd.DataFrame(rows, columns=["rule_id", "items", "agreement", "kappa", "one_verdict"])


def checker_mentor_table(frames, min_items: int = MIN_KAPPA_ITEMS) -> pd.DataFrame:
    """Checker vs the latest mentor verdict per rule, with n, agreement and kappa."""
    o = frames["outcomes"]
    keys = ["attempt_id", "step_id", "rule_id"]
    mentor = o[o.source == "mentor"].sort_values("review_id").drop_duplicates(keys, keep="last")
    pairs = o[o.source == "auto"][[*keys, "outcome"]].merge(
        mentor[[*keys, "outcome"]], on=keys, suffixes=("_auto", "_mentor")
    )
    pairs = pairs.rename(columns={"outcome_auto": "a", "outcome_mentor": "b"})
    return _agreement_table(pairs, min_items)


def mentor_mentor_table(frames, min_items: int = MIN_KAPPA_ITEMS) -> pd.DataFrame:
    """The first two different mentors on the same answer and rule, with n, agreement, kappa."""
    o = frames["outcomes"]
    mentor = o[o.source == "mentor"].merge(
        frames["reviews"][["id", "mentor_id"]], left_on="review_id", right_on="id"
    )
    mentor = mentor[mentor.mentor_id.notna()].sort_values("review_id")
    keys = ["attempt_id", "step_id", "rule_id"]
    # Each mentor's latest verdict on an item, then the first two mentors who gave one.
    latest = mentor.drop_duplicates([*keys, "mentor_id"], keep="last").sort_values("review_id")
    latest = latest.assign(order=latest.groupby(keys, observed=True).cumcount())
    first = latest[latest.order == 0][[*keys, "outcome"]]
    second = latest[latest.order == 1][[*keys, "outcome"]]
    pairs = first.merge(second, on=keys, suffixes=("_a", "_b"))
    pairs = pairs.rename(columns={"outcome_a": "a", "outcome_b": "b"})
    return _agreement_table(pairs, min_items)
