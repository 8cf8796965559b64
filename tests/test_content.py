"""The loader and validator: broken fixtures, the shipped content, and the rules it must keep."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aftersales.content import REQUIRED_RULES, check_library
from aftersales.models import FAMILIES

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
SCENARIO_FILES = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*/*.yaml"))


def test_fixture_folders_are_not_empty():
    assert len(BROKEN) >= 10
    assert SCENARIO_FILES


def _expectation(path: Path) -> tuple[int, str]:
    match = re.match(r"# expect: (\d+): (.+)", path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name} lacks its '# expect: LINE: message' header"
    return int(match.group(1)), match.group(2)


def test_minimal_fixture_is_valid(content_copy):
    shutil.copy(FIXTURES / "minimal.yaml", content_copy / "scenarios" / "stock-out" / "zz.yaml")
    _, problems = check_library(content_copy)
    assert problems == []


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_fixture_reports_its_mistake(content_copy, path):
    line, message = _expectation(path)
    target = content_copy / "scenarios" / "stock-out" / path.name
    shutil.copy(path, target)
    _, problems = check_library(content_copy)
    label = f"scenarios/stock-out/{path.name}"
    ours = [p for p in problems if p.path == label]
    assert ours, f"no problem reported for {path.name}; all: {problems}"
    assert any(p.line == line and message in p.message for p in ours), ours
    # The rest of the content is untouched, so every problem is in the broken file.
    assert len(ours) == len(problems)


def test_duplicate_scenario_ids_across_files_are_both_named(content_copy):
    source = SCENARIO_FILES[0]
    shutil.copy(source, content_copy / "scenarios" / source.parent.name / "copy-of-first.yaml")
    _, problems = check_library(content_copy)
    assert len(problems) == 1
    problem = problems[0]
    assert "duplicate scenario id" in problem.message
    # One file is named as the problem's path and the other in its message.
    assert {source.name, "copy-of-first.yaml"} == {
        Path(problem.path).name,
        problem.message.split("also in ")[1].split(":")[0].rsplit("/", 1)[-1],
    }
    assert problem.line >= 1


def test_duplicate_rule_id_points_at_the_second_definition(content_copy):
    tone = content_copy / "playbook" / "tone.yaml"
    text = tone.read_text(encoding="utf-8")
    first_rule = re.search(r"^  - id: (tone\.[a-z-]+)$", text, re.M)
    second_rule = re.search(r"^  - id: (tone\.[a-z-]+)$", text[first_rule.end() :], re.M)
    line = text[: first_rule.end() + second_rule.start()].count("\n") + 1
    tone.write_text(
        text.replace(f"- id: {second_rule.group(1)}\n", f"- id: {first_rule.group(1)}\n")
    )
    _, problems = check_library(content_copy)
    dupes = [p for p in problems if "duplicate rule id" in p.message]
    assert [(p.path, p.line) for p in dupes] == [("playbook/tone.yaml", line)]


def test_shipped_content_is_valid(library):
    _, problems = check_library(library.root)
    assert [str(p) for p in problems] == []


def test_playbook_has_required_rules_and_enough_of_them(library):
    assert len(library.rules) >= 45
    for rule_id in REQUIRED_RULES:
        rule = library.rules[rule_id]
        assert rule.detect is not None and rule.detect.en and rule.detect.zh, rule_id
    chapters = {rule.chapter for rule in library.rules.values()}
    assert chapters >= {
        "tone",
        "stockout",
        "logistics",
        "calls",
        "evidence",
        "returns",
        "shipping",
        "remarks",
    }


def test_every_rule_quotes_its_seed_verbatim(library, repo_root):
    seeds = repo_root.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    assert texts
    sources = [r.source for r in library.rules.values()]
    sources += [level.source for level in library.ladder.levels]
    for source in sources:
        if source.regulation is not None:  # a public regulation, quoted as published
            assert source.url and source.quote, source.regulation
            continue
        assert source.file in texts, source.file
        assert source.quote in texts[source.file], source.quote


def test_ladder_goes_from_junior_to_customer_manager(library):
    ids = [level.id for level in library.ladder.levels]
    assert ids[0] == "junior" and ids[-1] == "customer-manager" and len(ids) == 4
    attempts = [level.criteria.min_attempts for level in library.ladder.levels]
    assert attempts == sorted(attempts)


@pytest.mark.parametrize("family", FAMILIES[:4])
def test_named_families_have_two_scenarios(library, family):
    assert sum(s.family == family for s in library.scenarios.values()) >= 2


def test_every_step_kind_is_exercised(library):
    kinds = {step.kind for s in library.scenarios.values() for step in s.steps}
    assert kinds == {"choice", "multi", "order", "evidence", "reply", "remark"}
