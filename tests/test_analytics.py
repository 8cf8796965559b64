"""Analytics: the mastery model, levels, recommendations, agreement, and the demo cohort."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from clirun import run

from aftersales import analytics
from aftersales.analytics import DECAY, PRIOR, cohen_kappa


def _frames(outcomes: list[tuple[int, str, str, float]]):
    """Frames for one trainee: (attempt id, rule, outcome, credit); later ids are more recent."""
    ids = sorted({o[0] for o in outcomes})
    attempts = pd.DataFrame(
        {
            "id": ids,
            "trainee_id": 1,
            "scenario_id": "linen-shirt-sold-out",
            "started_at": [f"2026-01-{i:02d}" for i in ids],
            "finished_at": [f"2026-01-{i:02d}" for i in ids],
            "score": 90,
            "passed": 1,
            "outcome": "resolved",
        }
    )
    rows = pd.DataFrame(
        [
            {
                "attempt_id": a,
                "step_id": "s",
                "rule_id": r,
                "outcome": o,
                "credit": c,
                "source": "auto",
                "review_id": None,
            }
            for a, r, o, c in outcomes
        ]
    )
    return {
        "trainees": pd.DataFrame({"id": [1], "name": ["mei"], "role": ["trainee"]}),
        "attempts": attempts,
        "outcomes": rows,
        "reviews": pd.DataFrame(
            columns=[
                "id",
                "attempt_id",
                "step_id",
                "mentor_id",
                "comment",
                "created_at",
            ]
        ),
    }


def test_mastery_weights_recent_outcomes_more():
    frames = _frames(
        [
            (1, "tone.apologize", "missed", 0.0),
            (2, "tone.apologize", "missed", 0.0),
            (3, "tone.apologize", "followed", 1.0),
        ]
    )
    m = analytics.mastery(frames).set_index("rule_id").loc["tone.apologize"]
    weights = [1, DECAY, DECAY**2]
    expected = (weights[0] * 1 + 0.5 * PRIOR) / (sum(weights) + PRIOR)
    assert m.mastery == pytest.approx(expected)
    assert m.evidence == 3


def test_mastery_needs_minimum_evidence():
    frames = _frames(
        [(1, "tone.apologize", "followed", 1.0), (2, "tone.apologize", "followed", 1.0)]
    )
    assert math.isnan(analytics.mastery(frames).mastery.iloc[0])


def test_mentor_verdict_replaces_the_automatic_one():
    frames = _frames(
        [(1, "tone.apologize", "followed", 1.0)] * 1
        + [(2, "tone.apologize", "followed", 1.0), (3, "tone.apologize", "followed", 1.0)]
    )
    mentor = {
        "attempt_id": 3,
        "step_id": "s",
        "rule_id": "tone.apologize",
        "outcome": "missed",
        "credit": 0.0,
        "source": "mentor",
        "review_id": 1,
    }
    frames["outcomes"] = pd.concat([frames["outcomes"], pd.DataFrame([mentor])], ignore_index=True)
    effective = analytics.effective_outcomes(frames)
    assert len(effective) == 3
    assert effective[effective.attempt_id == 3].outcome.tolist() == ["missed"]


@pytest.mark.parametrize(
    ("a", "b", "kappa"),
    [
        (["y", "y", "n", "n"], ["y", "y", "n", "n"], 1.0),
        (["y", "n", "y", "n"], ["n", "y", "n", "y"], -1.0),
        (["y", "y", "y", "n", "n", "n"], ["y", "y", "n", "n", "n", "y"], 1 / 3),
    ],
)
def test_cohen_kappa(a, b, kappa):
    assert cohen_kappa(a, b) == pytest.approx(kappa)


def test_demo_data_is_reproducible_and_reported(tmp_path):
    reports = []
    for name in ("one", "two"):
        env = {"AFTERSALES_DB": str(tmp_path / f"{name}.sqlite")}
        made = run("demo-data", "--trainees", "6", "--seed", "42", env=env)
        assert made.returncode == 0, made.stderr
        result = run("progress", "--json", env=env)
        assert result.returncode == 0, result.stderr
        reports.append(json.loads(result.stdout))
    assert reports[0] == reports[1]
    report = reports[0]
    assert len(report["trainees"]) == 6
    assert report["attempts"] == sum(t["attempts"] for t in report["trainees"]) > 6 * 5
    assert all(
        t["level"] in {"junior", "intermediate", "senior", "customer-manager"}
        for t in report["trainees"]
    )
    assert any(t["weakest_rules"] for t in report["trainees"])


def test_review_queue_and_export_from_the_cli(tmp_path):
    env = {"AFTERSALES_DB": str(tmp_path / "demo.sqlite")}
    assert run("demo-data", "--trainees", "3", "--seed", "1", env=env).returncode == 0
    queue = json.loads(run("review", "queue", "--json", env=env).stdout)
    assert queue, "the demo cohort leaves some answers unreviewed"
    item = queue[0]
    recorded = run(
        "review",
        "record",
        "--mentor",
        "mentor.wang",
        "--attempt",
        str(item["attempt_id"]),
        "--step",
        item["step_id"],
        "--verdict",
        "tone.apologize=followed",
        "--comment",
        "<b>ok</b>",
        "--json",
        env=env,
    )
    assert recorded.returncode == 0, recorded.stderr
    refused = run(
        "review",
        "record",
        "--mentor",
        "an.li",
        "--attempt",
        str(item["attempt_id"]),
        "--step",
        item["step_id"],
        "--verdict",
        "tone.apologize=followed",
        env=env,
    )
    assert refused.returncode == 1 and "not a mentor" in refused.stderr
    out = tmp_path / "csv"
    assert run("export", "--out", str(out), env=env).returncode == 0
    exported = {p.name: pd.read_csv(p) for p in out.glob("*.csv")}
    assert set(exported) == {
        "trainees.csv",
        "attempts.csv",
        "answers.csv",
        "rule_outcomes.csv",
        "reviews.csv",
    }
    assert "<b>ok</b>" in exported["reviews.csv"].comment.tolist()
