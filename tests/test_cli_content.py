"""`aftersales validate`, `rules` and `scenarios` as scripts and CI call them."""

from __future__ import annotations

import json
import shutil

from clirun import run

from aftersales.content import REQUIRED_RULES


def test_validate_json_reports_counts_and_coverage(library):
    result = run("validate", "--json", "--root", str(library.root))
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert report["rules"] == len(library.rules) >= 45
    assert set(report["coverage"]) == set(library.rules)
    assert set(REQUIRED_RULES) <= set(report["coverage"])
    for family in ("stock-out", "lost-parcel", "abusive-caller", "dispute-evidence"):
        assert report["families"][family] >= 2
    assert report["scenarios"] == sum(report["families"].values())
    assert 0 <= report["quality"]["longest_option_is_best"] <= 1


def test_validate_broken_copy_lists_both_problems_without_traceback(content_copy):
    files = sorted((content_copy / "scenarios").glob("*/*.yaml"))
    broken, twin = files[0], files[1]
    broken.write_text(broken.read_text(encoding="utf-8") + "\nsteps: [oops\n", encoding="utf-8")
    shutil.copy(twin, twin.with_name("twin-copy.yaml"))
    result = run("validate", "--root", str(content_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    rel = broken.relative_to(content_copy).as_posix()
    assert any(line.startswith(f"{rel}:") and "invalid YAML" in line for line in lines), lines
    twin_rel = twin.with_name("twin-copy.yaml").relative_to(content_copy).as_posix()
    assert any(
        line.startswith(f"{twin_rel}:") and "duplicate scenario id" in line for line in lines
    )
    assert all(line.split(":")[1].isdigit() for line in lines), lines


def test_rules_json_lists_every_rule_with_source(library):
    result = run("rules", "--json")
    assert result.returncode == 0, result.stderr
    rules = json.loads(result.stdout)
    assert [r["id"] for r in rules] == list(library.rules)
    assert all(r["source"]["quote"] and r["title"]["zh"] for r in rules)


def test_scenarios_json_is_structure_only(library):
    result = run("scenarios", "--json")
    assert result.returncode == 0, result.stderr
    outlines = json.loads(result.stdout)
    assert {o["id"] for o in outlines} == set(library.scenarios)
    keys: set[str] = set()

    def collect(value) -> None:
        if isinstance(value, dict):
            keys.update(value)
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    collect(outlines)
    banned = {"follows", "violates", "answer", "feedback", "model_answer", "expects", "fields"}
    assert not keys & banned
    assert all(set(o) == {"id", "family", "level", "title", "steps"} for o in outlines)


def test_scenarios_text_in_chinese(library):
    result = run("scenarios", env={"AFTERSALES_LANG": "zh"})
    assert result.returncode == 0
    some = next(iter(library.scenarios.values()))
    assert some.title.zh in result.stdout


def test_validate_summary_in_both_languages(library):
    en = run("validate", env={"AFTERSALES_LANG": "en"})
    assert (
        en.stdout.strip() == f"ok: {len(library.rules)} rules, {len(library.scenarios)} scenarios"
    )
    zh = run("validate", env={"AFTERSALES_LANG": "zh"})
    assert zh.returncode == 0
    assert zh.stdout.strip() == (
        f"检查通过：{len(library.rules)} 条规则，{len(library.scenarios)} 个案例"
    )


def test_rules_and_scenarios_text_in_chinese_has_no_english_labels(library):
    rules = run("rules", env={"AFTERSALES_LANG": "zh"}).stdout
    assert "weight" not in rules and "critical" not in rules and "权重" in rules
    scenarios = run("scenarios", env={"AFTERSALES_LANG": "zh"}).stdout
    assert "level" not in scenarios and "难度" in scenarios and "单选" in scenarios


def test_readme_command_line_is_one_code_block_with_every_command(repo_root):
    import argparse

    from aftersales.cli import build_parser

    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    fences = [line for line in section.splitlines() if line.startswith("```")]
    assert fences == ["```bash", "```"], fences
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    after = section.split("```bash", 1)[1].split("```", 1)[1]
    assert all(
        line.startswith("aftersales ") or "| aftersales " in line
        for line in block.strip().splitlines()
    )
    assert "| variable | meaning |" in after
    commands = next(
        a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    for name in commands:
        assert f"aftersales {name}" in block, name
    assert "aftersales role set NAME mentor|trainee" in block and "--score" not in block
