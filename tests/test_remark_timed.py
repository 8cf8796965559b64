"""The two step kinds that take the trainee's own words with more than a checker: an order
remark graded field by field (the original kept), and a reply graded against the clock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from aftersales.content import check_library, load_library
from aftersales.engine import Attempt
from aftersales.feedback import evidence_text
from aftersales.models import Scenario

FIXTURE = Path(__file__).parent / "fixtures" / "remark-timed.yaml"
CASE = "remark-timed-case"
FIXTURE_CASE = Scenario.model_validate(yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))


@pytest.fixture
def root(tmp_path, repo_root) -> Path:
    """The shipped playbook and this one case (so the tests do not depend on other cases)."""
    shutil.copytree(repo_root / "playbook", tmp_path / "playbook")
    ladder = yaml.safe_load((tmp_path / "playbook" / "levels.yaml").read_text(encoding="utf-8"))
    for level in ladder["levels"]:  # its assessment cases are not in this root
        level["criteria"].pop("assessment", None)
    (tmp_path / "playbook" / "levels.yaml").write_text(
        yaml.safe_dump(ladder, allow_unicode=True), encoding="utf-8"
    )
    (tmp_path / "scenarios" / "order-remarks").mkdir(parents=True)
    shutil.copy(FIXTURE, tmp_path / "scenarios" / "order-remarks" / "zz-remark.yaml")
    return tmp_path


@pytest.fixture
def lib(root):
    return load_library(root)


def outcomes(grade, lang: str = "en") -> dict[str, tuple[str, str]]:
    """Verdict and evidence per rule, the evidence worded as the reader in `lang` sees it."""
    step = FIXTURE_CASE.step(grade.step)
    return {
        o.rule: (o.outcome, evidence_text(step, o.rule, o.evidence, lang)) for o in grade.outcomes
    }


def test_evidence_is_stored_in_no_language(lib):
    stored = {}
    for lang in ("en", "zh"):
        attempt = Attempt(lib, CASE, lang=lang)
        timed = attempt.answer("Sorry, yes.", seconds=30)
        note = attempt.answer("改为3米*2.8米")
        stored[lang] = [(o.rule, o.evidence) for o in (*timed.outcomes, *note.outcomes)]
    assert stored["en"] == stored["zh"]
    assert ("logistics.time-commitment", "time=0:30/2:00") in stored["en"]
    assert ("remarks.handler-and-date", "size=3米*2.8米; handler=") in stored["en"]
    assert ("remarks.keep-original-remark", "original=lost") in stored["en"]


def test_an_answer_within_the_limit_follows_the_time_rule_and_a_late_one_violates_it(lib):
    fast = Attempt(lib, CASE).answer("Sorry, yes.", seconds=30)
    slow = Attempt(lib, CASE).answer("Sorry, yes.", seconds=121)
    assert outcomes(fast)["logistics.time-commitment"] == (
        "followed",
        "answered in 0:30 (limit 2:00)",
    )
    assert outcomes(slow)["logistics.time-commitment"][0] == "violated"
    # the words are graded either way
    assert outcomes(slow)["tone.apologize"][0] == "followed"


def test_the_engine_times_a_step_itself_when_no_time_is_given(lib, monkeypatch):
    clock = iter([100.0, 400.0, 400.0])
    monkeypatch.setattr("aftersales.engine.time.monotonic", lambda: next(clock))
    attempt = Attempt(lib, CASE)
    grade = attempt.answer("Sorry, yes.")
    assert outcomes(grade)["logistics.time-commitment"][0] == "violated"
    assert attempt.answers[0]["seconds"] == 300.0  # stored, so a replay grades the same


def test_a_replayed_attempt_keeps_its_time_verdict(lib):
    attempt = Attempt(lib, CASE)
    attempt.answer("Sorry, yes.", seconds=200)
    again = Attempt.from_state(lib, attempt.to_state())
    assert outcomes(again.grades[0])["logistics.time-commitment"][0] == "violated"


def remark_grade(lib, text, lang="zh"):
    attempt = Attempt(lib, CASE, lang=lang)
    attempt.answer("Sorry, yes.", seconds=5)
    assert attempt.view().original.startswith("刘贺" if lang == "zh" else "Liu He")
    return outcomes(attempt.answer(text), lang)


def test_a_remark_that_keeps_the_original_and_records_every_fact_follows_every_rule(lib):
    got = remark_grade(
        lib, "刘贺，3米*2.4米，图案正常，12月19发货，自提。 12月18日 改为3米*2.8米 小周"
    )
    assert got["remarks.keep-original-remark"][0] == "followed"
    assert got["remarks.handler-and-date"] == ("followed", "尺寸：3米*2.8米；处理人和日期：小周")


def test_traditional_characters_full_width_and_case_do_not_matter(lib):
    got = remark_grade(
        lib,
        "Liu He, 3m*2.4m, pattern as listed, ships 19 Dec, self-pickup. ３Ｍ*２.８Ｍ ZHOU",
        "en",
    )
    assert got["remarks.keep-original-remark"][0] == "followed"
    assert got["remarks.handler-and-date"][0] == "followed"


def test_overwriting_the_original_violates_keep_original(lib):
    got = remark_grade(lib, "刘贺,3米*2.8米,图案正常,12月19发货,自提。小周")
    assert got["remarks.keep-original-remark"] == ("violated", "原备注被改动或删掉了")


def test_a_wrong_fact_is_violated_and_a_missing_one_missed(lib):
    wrong = remark_grade(lib, "刘贺，3米*2.4米，图案正常，12月19发货，自提。 仍按3米*2.4米 小周")
    assert wrong["remarks.handler-and-date"][0] == "violated"
    missing = remark_grade(lib, "刘贺，3米*2.4米，图案正常，12月19发货，自提。 改为3米*2.8米")
    assert missing["remarks.handler-and-date"] == (
        "missed",
        "尺寸：3米*2.8米；处理人和日期：没有写",
    )


def test_the_old_value_inside_the_kept_original_is_not_a_wrong_fact(lib):
    # the original says 3米*2.4米, which is a `wrong` string for the new remark
    got = remark_grade(lib, "刘贺，3米*2.4米，图案正常，12月19发货，自提。 改3米*2.8米 小周")
    assert got["remarks.handler-and-date"][0] == "followed"


def test_validate_reports_a_model_answer_that_misses_a_field_and_a_time_rule_that_is_not_a_do_rule(
    root,
):
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace('。小周"', '。"').replace(
        "time_rule: logistics.time-commitment", "time_rule: tone.no-hostility"
    )
    target = root / "scenarios" / "order-remarks" / "zz-remark.yaml"
    target.write_text(text, encoding="utf-8")
    _, problems = check_library(root)
    messages = [str(p) for p in problems if "zz-remark" in str(p)]
    assert any(
        "zh model answer of step 'note' does not record field 'handler'" in m for m in messages
    )
    assert any("'time_rule' takes a 'do' rule" in m for m in messages)
    assert all(":" in m.split(" ")[0] for m in messages)  # path:line: message


def test_the_time_rule_is_explained_by_the_time_not_quoted_as_words_of_the_reply(lib):
    from aftersales.feedback import step_feedback

    attempt = Attempt(lib, CASE, lang="zh")
    grade = attempt.answer("Sorry, yes.", seconds=150)
    rows = {
        r["rule"]: r
        for r in step_feedback(lib, grade, "zh", attempt.scenario, "Sorry, yes.")["rules"]
    }
    timed = rows["logistics.time-commitment"]
    assert timed["phrase"] is None and timed["why"].startswith("用时 2:30（时限 2:00）")
