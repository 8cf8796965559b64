"""Remark steps and timed replies from the command line: `play --json` (scripts, with
`--remark` and `--seconds`) and a real terminal session (the remark line starts prefilled)."""

from __future__ import annotations

import io
import json
import os

import pytest
from clirun import play_flags, run
from test_terminal import _command

from aftersales.content import load_library
from aftersales.engine import Attempt, best_answers
from aftersales.grading import clock

LIBRARY = load_library()


def cases_with(test) -> list[str]:
    return sorted(s.id for s in LIBRARY.scenarios.values() if any(test(x) for x in s.steps))


REMARK_CASES = cases_with(lambda s: s.kind == "remark")
TIMED_CASES = cases_with(lambda s: s.kind == "reply" and s.within)


def best_path(scenario_id: str) -> list:
    """The steps the best answers go through."""
    attempt = Attempt(LIBRARY, scenario_id)
    best = best_answers(LIBRARY, scenario_id)
    path = []
    while not attempt.finished:
        path.append(attempt.step)
        attempt.answer(best[attempt.current], seconds=1)
    return path


def remark_with_original():
    """The first case whose best path writes a remark on top of one already on the order."""
    for scenario_id in REMARK_CASES:
        for step in best_path(scenario_id):
            if step.kind == "remark" and step.original:
                return scenario_id, step
    raise AssertionError("no case keeps an original remark on its best path")


def test_two_cases_of_each_new_kind_exist():
    assert len(REMARK_CASES) >= 2 and len(TIMED_CASES) >= 2


@pytest.mark.parametrize("scenario_id", REMARK_CASES[:2] + TIMED_CASES[:2])
def test_the_best_path_plays_to_the_end_with_play_json(tmp_path, scenario_id):
    flags = play_flags(LIBRARY, scenario_id, best_answers(LIBRARY, scenario_id))
    result = run(
        "play", scenario_id, "--json", *flags, env={"AFTERSALES_DB": str(tmp_path / "p.db")}
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] and report["score"] == 100, report["rules"]
    kinds = {s.id: s.kind for s in best_path(scenario_id)}
    assert any(kinds.get(r["step"]) in ("remark", "reply") for r in report["rules"])


def test_a_late_answer_given_by_seconds_violates_the_time_rule(tmp_path):
    scenario_id = next(
        c for c in TIMED_CASES if any(getattr(s, "within", None) for s in best_path(c))
    )
    timed = next(s for s in best_path(scenario_id) if getattr(s, "within", None))
    flags = play_flags(LIBRARY, scenario_id, best_answers(LIBRARY, scenario_id))
    result = run(
        "play", scenario_id, "--json", *flags, "--seconds", f"{timed.id}={timed.within + 1}",
        env={"AFTERSALES_DB": str(tmp_path / "p.db")},
    )  # fmt: skip
    rules = {(r["step"], r["rule"]): r for r in json.loads(result.stdout)["rules"]}
    late = rules[(timed.id, timed.time_rule)]
    assert (late["outcome"], late["evidence"]) == (
        "violated",
        f"time={clock(timed.within + 1)}/{clock(timed.within)}",
    )


def test_remark_plus_text_appends_to_the_original_remark(tmp_path):
    scenario_id, step = remark_with_original()
    answers = best_answers(LIBRARY, scenario_id)
    added = step.model_answer.en.replace(step.original.text.en, "", 1).strip()
    answers[step.id] = "+" + added
    result = run(
        "play", scenario_id, "--json", *play_flags(LIBRARY, scenario_id, answers),
        env={"AFTERSALES_DB": str(tmp_path / "p.db")},
    )  # fmt: skip
    rules = {(r["step"], r["rule"]): r["outcome"] for r in json.loads(result.stdout)["rules"]}
    assert rules[(step.id, step.original.rule)] == "followed"


def test_at_a_terminal_the_remark_line_starts_with_the_original(tmp_path):
    import pexpect

    scenario_id, step = remark_with_original()
    answers = {k: v for k, v in best_answers(LIBRARY, scenario_id).items() if k != step.id}
    program, args = _command()
    env = {**os.environ, "AFTERSALES_DB": str(tmp_path / "t.db"), "AFTERSALES_LANG": "zh"}
    child = pexpect.spawn(
        program,
        [*args, "play", scenario_id, "--trainee", "mei", *play_flags(LIBRARY, scenario_id, answers)],
        env=env, encoding="utf-8", dimensions=(40, 200), timeout=30,
    )  # fmt: skip
    child.logfile_read = io.StringIO()
    child.expect("订单原备注")
    child.expect("> ")
    child.expect_exact(step.original.text.zh[-6:])  # the line is prefilled: readline echoes it
    added = step.model_answer.zh.replace(step.original.text.zh, "", 1).strip()
    child.sendline(" " + added)  # typed after the prefilled remark, as in the workbench
    child.expect("> ")
    child.sendline("")
    child.expect(pexpect.EOF)
    transcript = child.logfile_read.getvalue()
    kept = LIBRARY.rules[step.original.rule].title.zh
    assert f"[做到了] {kept}" in transcript, transcript[-2000:]
