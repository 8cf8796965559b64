"""Grading rules, one by one, on the shipped content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aftersales import grading
from aftersales.engine import Attempt, best_answers
from aftersales.grading import RuleOutcome, pair_order_share, score

CASE = "linen-shirt-sold-out"


@pytest.mark.parametrize(
    ("given", "share"),
    [
        (("a", "b", "c", "d"), 1.0),
        (("d", "c", "b", "a"), 0.0),
        (("b", "a", "c", "d"), 5 / 6),
        (("a", "c", "b", "d"), 5 / 6),
    ],
)
def test_order_partial_credit_is_the_share_of_pairs_in_place(given, share):
    assert pair_order_share(given, ("a", "b", "c", "d")) == pytest.approx(share)


def test_score_weights_credit_and_rounds_half_up(library):
    rules = sorted(library.rules.values(), key=lambda r: r.id)
    plain = [r for r in rules if not r.critical]
    a, b = plain[0], plain[1]
    outcomes = [
        RuleOutcome(a.id, "followed", "s", None, 1.0),
        RuleOutcome(b.id, "missed", "s", None, 0.0),
    ]
    expected = int(100 * a.weight / (a.weight + b.weight) + 0.5)
    assert score(library, outcomes).score == expected
    assert score(library, []).score == 100


def test_critical_violation_fails_whatever_the_score(library):
    critical = next(r for r in library.rules.values() if r.critical)
    others = [r for r in library.rules.values() if not r.critical]
    outcomes = [RuleOutcome(r.id, "followed", "s", None, 1.0) for r in others]
    outcomes.append(RuleOutcome(critical.id, "violated", "s", "rude", 0.0))
    result = score(library, outcomes)
    assert result.score >= 80
    assert not result.passed
    assert result.critical_violations == (critical.id,)


def test_best_path_scores_100(library):
    attempt = Attempt(library, CASE)
    answers = best_answers(library, CASE)
    while not attempt.finished:
        attempt.answer(answers[attempt.current])
    result = attempt.result()
    assert (result.score, result.passed) == (100, True)


def test_choice_marks_rules_of_other_options_as_missed(library):
    attempt = Attempt(library, CASE)
    grade = attempt.answer("ask-refund")
    outcomes = {o.rule: o.outcome for o in grade.outcomes}
    best = next(o for o in library.scenarios[CASE].steps[0].options if o.id == "offer-swap")
    assert outcomes.pop("stockout.no-forced-refund") == "violated"  # its own cost
    assert outcomes.pop("tone.no-misleading") == "followed"  # a trap only another option has
    # what only the best option does is missed ("wait-restock" also violates two of them,
    # and a rule another option follows is missed, not avoided)
    assert outcomes == dict.fromkeys(best.follows, "missed")
    assert attempt.current == "upset"


def test_multi_grades_each_option(library):
    attempt = Attempt(library, CASE)
    attempt.answer("offer-swap")
    grade = attempt.answer(["restock-promise"])
    outcomes = {o.rule: o.outcome for o in grade.outcomes}
    assert outcomes["tone.no-misleading"] == "violated"  # a forbidden option chosen
    assert outcomes["stockout.offer-choice"] == "missed"  # a required option missed
    assert outcomes["platform.no-refund-reason-change"] == "followed"  # a forbidden one avoided


def test_scoring_rules_in_docstring_and_playbook_notebook_agree(repo_root):
    numbered = re.findall(r"^\d\. .+?(?=^\d\. |\Z)", grading.__doc__, flags=re.M | re.S)
    assert len(numbered) >= 9
    notebook = json.loads(
        (repo_root / "notebooks" / "01_playbook.ipynb").read_text(encoding="utf-8")
    )
    markdown = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    flat = " ".join(markdown.split())
    for rule in numbered:
        assert " ".join(rule.split()) in flat, f"01_playbook.ipynb lacks scoring rule: {rule[:60]}"


def test_grading_does_not_import_views_or_store():
    import subprocess
    import sys

    code = "import sys, aftersales.grading, aftersales.engine; print(','.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(out.strip().split(","))
    assert not loaded & {"ipywidgets", "IPython", "pandas", "sqlalchemy", "aftersales.store"}


def test_notebook_path_exists(repo_root):
    assert Path(repo_root / "notebooks" / "00_start_here.ipynb").exists()
