"""Load the playbook and the scenarios from YAML and check them, reporting every problem at once.

The content root holds `playbook/*.yaml` (one file per chapter, plus `levels.yaml`) and
`scenarios/<family>/<id>.yaml`. Problems are `path:line: message` with paths relative to the root.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .errors import ContentError
from .models import (
    Chapter,
    ChoiceStep,
    Ladder,
    OrderStep,
    RemarkStep,
    ReplyStep,
    Rule,
    Scenario,
    step_targets,
)
from .punctuation import check_punctuation
from .remarkcheck import check_remark, fold, original_kept
from .yamlsource import LineDict, Problem, load_yaml, locate

REQUIRED_RULES = (
    "tone.apologize",
    "tone.no-blame-shifting",
    "tone.no-hostility",
    "stockout.offer-alternative",
    "stockout.offer-choice",
    "logistics.take-ownership",
    "logistics.time-commitment",
    "calls.promise-solution",
    "evidence.request-proof",
    "returns.no-shipping-cost-on-seller-fault",
)
LEVELS_FILE = "levels.yaml"
STEP_KINDS = {"choice", "multi", "order", "evidence", "reply", "remark"}


@dataclass(frozen=True)
class Library:
    """Everything loaded from one content root."""

    root: Path
    chapters: tuple[Chapter, ...]
    rules: dict[str, Rule]
    ladder: Ladder | None
    scenarios: dict[str, Scenario]
    scenario_paths: dict[str, str] = field(default_factory=dict)


def default_root() -> Path:
    """The repository the package was installed from (an editable install), else the cwd."""
    here = Path(__file__).resolve().parents[2]
    if (here / "playbook").is_dir() and (here / "scenarios").is_dir():
        return here
    return Path.cwd()


def load_library(root: Path | None = None) -> Library:
    """Load and check all content; raise ContentError listing every problem."""
    library, problems = check_library(root)
    if problems:
        raise ContentError(problems)
    assert library is not None
    return library


def check_library(root: Path | None = None) -> tuple[Library | None, list[Problem]]:
    root = Path(root) if root is not None else default_root()
    problems: list[Problem] = []
    chapters, rules = _load_playbook(root, problems)
    scenarios, paths = _load_scenarios(root, rules, problems)
    ladder = _load_ladder(root, problems, scenarios)
    library = Library(root, tuple(chapters), rules, ladder, scenarios, paths)
    return library, sorted(problems, key=lambda p: (p.path, p.line))


# --- parsing into models ------------------------------------------------------------------


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _parse(model, path: Path, label: str, problems: list[Problem]):
    """Parse one YAML file into `model`; None (with problems added) when it cannot be."""
    data, found = load_yaml(path, label)
    problems.extend(found)
    if data is None:
        if not found:
            problems.append(Problem(label, 1, "file is empty"))
        return None, None
    problems.extend(check_punctuation(data, label))
    try:
        return model.model_validate(data), data
    except ValidationError as err:
        errors = [(error, _clean_loc(error["loc"])) for error in err.errors()]
        for error, loc in errors:
            # "too short" on a list whose items themselves failed only repeats those errors.
            if error["type"] == "too_short" and any(
                len(other) > len(loc) and other[: len(loc)] == loc for _, other in errors
            ):
                continue
            problems.append(Problem(label, locate(data, loc), _describe(error, loc)))
        return None, data


def _clean_loc(loc: tuple) -> tuple:
    """Drop the discriminator tags pydantic inserts (`steps.0.choice.options` -> `steps.0.options`)."""
    cleaned: list = []
    for i, part in enumerate(loc):
        if part in STEP_KINDS and i >= 2 and loc[i - 2] == "steps":
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"


def _describe(error: dict, loc: tuple) -> str:
    kind, where = error["type"], _dotted(loc)
    if kind == "missing" and loc and loc[-1] in ("en", "zh"):
        return f"missing '{loc[-1]}' text in {_dotted(loc[:-1])}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}' in {_dotted(loc[:-1])}"
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}' in {_dotted(loc[:-1])}"
    if kind == "string_too_short" and loc and loc[-1] in ("en", "zh"):
        return f"empty '{loc[-1]}' text in {_dotted(loc[:-1])}"
    return f"{where}: {error['msg']}"


def _load_playbook(root: Path, problems: list[Problem]):
    chapters: list[Chapter] = []
    rules: dict[str, Rule] = {}
    rule_lines: dict[str, tuple[str, int]] = {}
    files = sorted(p for p in (root / "playbook").glob("*.yaml") if p.name != LEVELS_FILE)
    if not files:
        problems.append(Problem("playbook", 0, "no chapter files (playbook/*.yaml) found"))
    for path in files:
        label = _rel(root, path)
        chapter, data = _parse(Chapter, path, label, problems)
        if chapter is None:
            continue
        chapters.append(chapter)
        if chapter.chapter != path.stem:
            problems.append(
                Problem(
                    label,
                    locate(data, ("chapter",)),
                    f"chapter '{chapter.chapter}' must match the file name '{path.stem}'",
                )
            )
        for i, rule in enumerate(chapter.rules):
            line = locate(data, ("rules", i, "id"))
            if rule.chapter != chapter.chapter:
                problems.append(
                    Problem(
                        label, line, f"rule id '{rule.id}' must start with '{chapter.chapter}.'"
                    )
                )
            if rule.id in rules:
                first = rule_lines[rule.id]
                problems.append(
                    Problem(
                        label,
                        line,
                        f"duplicate rule id '{rule.id}' (first at {first[0]}:{first[1]})",
                    )
                )
                continue
            rules[rule.id] = rule
            rule_lines[rule.id] = (label, line)
            _check_detect(rule, data, ("rules", i), label, problems)
    if files:
        for rule_id in REQUIRED_RULES:
            if rule_id not in rules:
                problems.append(Problem("playbook", 0, f"required rule '{rule_id}' is missing"))
            elif rules[rule_id].detect is None:
                where = rule_lines[rule_id]
                problems.append(
                    Problem(where[0], where[1], f"required rule '{rule_id}' needs detect patterns")
                )
    return chapters, rules


def _check_detect(rule: Rule, data, loc: tuple, label: str, problems: list[Problem]) -> None:
    if rule.detect is None:
        return
    for lang in ("en", "zh"):
        patterns = getattr(rule.detect, lang)
        if not patterns:
            problems.append(
                Problem(
                    label,
                    locate(data, (*loc, "detect")),
                    f"rule '{rule.id}' has no '{lang}' detect patterns",
                )
            )
        for j, pattern in enumerate(patterns):
            try:
                re.compile(pattern)
            except re.error as err:
                line = locate(data, (*loc, "detect", lang, j))
                problems.append(Problem(label, line, f"bad detect pattern for '{rule.id}': {err}"))


def _load_ladder(root: Path, problems: list[Problem], scenarios: dict) -> Ladder | None:
    path = root / "playbook" / LEVELS_FILE
    if not path.exists():
        problems.append(Problem(_rel(root, path), 0, "the level ladder is missing"))
        return None
    ladder, data = _parse(Ladder, path, _rel(root, path), problems)
    if ladder is not None:
        counts = Counter(level.id for level in ladder.levels)
        for i, level in enumerate(ladder.levels):
            if counts[level.id] > 1:
                problems.append(
                    Problem(
                        _rel(root, path),
                        locate(data, ("levels", i, "id")),
                        f"duplicate level id '{level.id}'",
                    )
                )
            for k, scenario_id in enumerate(level.criteria.assessment):
                if scenario_id not in scenarios:
                    problems.append(
                        Problem(
                            _rel(root, path),
                            locate(data, ("levels", i, "criteria", "assessment", k)),
                            f"assessment case '{scenario_id}' of level '{level.id}' is no scenario",
                        )
                    )
    return ladder


def _load_scenarios(root: Path, rules: dict[str, Rule], problems: list[Problem]):
    scenarios: dict[str, Scenario] = {}
    paths: dict[str, str] = {}
    id_lines: dict[str, str] = {}
    files = sorted((root / "scenarios").glob("*/*.yaml"))
    if not files:
        problems.append(
            Problem("scenarios", 0, "no scenario files (scenarios/<family>/<id>.yaml) found")
        )
    for path in files:
        label = _rel(root, path)
        scenario, data = _parse(Scenario, path, label, problems)
        if scenario is None:
            continue
        id_line = locate(data, ("id",))
        if scenario.id in scenarios:
            problems.append(
                Problem(
                    label,
                    id_line,
                    f"duplicate scenario id '{scenario.id}' (also in {id_lines[scenario.id]})",
                )
            )
            continue
        if scenario.family != path.parent.name:
            problems.append(
                Problem(
                    label,
                    locate(data, ("family",)),
                    f"family '{scenario.family}' does not match folder '{path.parent.name}'",
                )
            )
        problems.extend(check_scenario(scenario, data, label, rules))
        scenarios[scenario.id] = scenario
        paths[scenario.id] = label
        id_lines[scenario.id] = f"{label}:{id_line}"
    return scenarios, paths


# --- checks on one scenario ---------------------------------------------------------------


def check_scenario(
    sc: Scenario, data: LineDict, label: str, rules: dict[str, Rule]
) -> list[Problem]:
    """Every semantic problem of one scenario: ids, rule references, links and reachability."""
    out: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        out.append(Problem(label, locate(data, loc), message))

    nodes = Counter([s.id for s in sc.steps] + [e.id for e in sc.endings])
    for i, step in enumerate(sc.steps):
        if nodes[step.id] > 1:
            add(("steps", i, "id"), f"duplicate step id '{step.id}'")
    for i, ending in enumerate(sc.endings):
        if nodes[ending.id] > 1:
            add(("endings", i, "id"), f"duplicate ending id '{ending.id}'")

    for i, step in enumerate(sc.steps):
        here = ("steps", i)
        options = getattr(step, "options", ())
        option_ids = Counter(o.id for o in options)
        for j, option in enumerate(options):
            if option_ids[option.id] > 1:
                add(
                    (*here, "options", j, "id"),
                    f"duplicate option id '{option.id}' in step '{step.id}'",
                )
            for key in ("follows", "violates"):
                for k, rule_id in enumerate(getattr(option, key, ())):
                    if rule_id not in rules:
                        add((*here, "options", j, key, k), f"unknown rule id '{rule_id}'")
            both = set(getattr(option, "follows", ())) & set(getattr(option, "violates", ()))
            for rule_id in sorted(both):
                add(
                    (*here, "options", j),
                    f"option '{option.id}' both follows and violates '{rule_id}'",
                )
        for where, target in step_targets(step):
            if target not in nodes:
                add(
                    (*here, *where),
                    f"'{where[-1]}' points to '{target}', which is no step or ending",
                )
        if step.customer and step.lines:
            add((*here, "lines"), f"step '{step.id}' has both 'customer' and 'lines'; keep one")
        _check_step_kind(step, here, add, rules)
        if getattr(step, "within", None) is not None:
            _check_timed(step, here, add, rules)

    _check_reachability(sc, add)
    return out


def _check_step_kind(step, here: tuple, add, rules: dict[str, Rule]) -> None:
    if isinstance(step, OrderStep):
        ids = [o.id for o in step.options]
        if sorted(step.answer) != sorted(ids):
            add(
                (*here, "answer"),
                f"answer of step '{step.id}' must list each option id exactly once",
            )
        for k, rule_id in enumerate(step.follows):
            if rule_id not in rules:
                add((*here, "follows", k), f"unknown rule id '{rule_id}'")
    elif isinstance(step, ReplyStep):
        if not step.expects and not step.forbids:
            add(here, f"reply step '{step.id}' must name rules in 'expects' or 'forbids'")
        for key, kind in (("expects", "do"), ("forbids", "dont")):
            for k, rule_id in enumerate(getattr(step, key)):
                rule = rules.get(rule_id)
                if rule is None:
                    add((*here, key, k), f"unknown rule id '{rule_id}'")
                elif rule.kind != kind:
                    add(
                        (*here, key, k),
                        f"'{key}' takes '{kind}' rules; '{rule_id}' is a '{rule.kind}' rule",
                    )
                elif rule.detect is None:
                    add(
                        (*here, key, k),
                        f"rule '{rule_id}' has no detect patterns, so a reply cannot be checked for it",
                    )
    elif isinstance(step, RemarkStep):
        _check_remark_step(step, here, add, rules)
    elif isinstance(step, ChoiceStep):
        rewarded = set().union(*(o.follows for o in step.options))
        if not any(set(o.follows) >= rewarded and not o.violates for o in step.options):
            add(
                here,
                f"no option of step '{step.id}' follows every rule the step rewards, so full marks are out of reach",
            )


def _check_timed(step, here: tuple, add, rules: dict[str, Rule]) -> None:
    rule = rules.get(step.time_rule) if step.time_rule else None
    if step.time_rule and rule is None:
        add((*here, "time_rule"), f"unknown rule id '{step.time_rule}'")
    elif rule is not None and rule.kind != "do":
        add((*here, "time_rule"), f"'time_rule' takes a 'do' rule; '{rule.id}' is a 'dont' rule")


def _check_remark_step(step: RemarkStep, here: tuple, add, rules: dict[str, Rule]) -> None:
    """Rules exist, no string is both right and wrong, and both model answers earn every field
    (an author's typo in `expect` shows up here, not as a trainee's unfair miss)."""
    for k, fact in enumerate(step.fields):
        if fact.rule not in rules:
            add((*here, "fields", k, "rule"), f"unknown rule id '{fact.rule}'")
        both = {fold(e) for e in fact.expect} & {fold(w) for w in fact.wrong}
        for value in sorted(both):
            add(
                (*here, "fields", k),
                f"'{value}' is both expected and wrong in field '{fact.field}'",
            )
    if step.original and step.original.rule not in rules:
        add((*here, "original", "rule"), f"unknown rule id '{step.original.rule}'")
    for lang in ("en", "zh"):
        answer = getattr(step.model_answer, lang)
        if not original_kept(step, answer):
            add(
                (*here, "model_answer", lang),
                f"the {lang} model answer of step '{step.id}' does not keep the original remark",
            )
        for verdict in check_remark(step, answer):
            if verdict.verdict != "followed":
                add(
                    (*here, "model_answer", lang),
                    f"the {lang} model answer of step '{step.id}' does not record field "
                    f"'{verdict.field}' ({verdict.verdict})",
                )


def _check_reachability(sc: Scenario, add) -> None:
    index = {s.id: i for i, s in enumerate(sc.steps)}
    ending_ids = {e.id for e in sc.endings}
    edges = {s.id: [t for _, t in step_targets(s)] for s in sc.steps}

    seen, queue = {sc.steps[0].id}, deque([sc.steps[0].id])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    for step in sc.steps:
        if step.id not in seen:
            add(
                ("steps", index[step.id], "id"),
                f"step '{step.id}' cannot be reached from the first step",
            )
    for i, ending in enumerate(sc.endings):
        if ending.id not in seen:
            add(("endings", i, "id"), f"ending '{ending.id}' cannot be reached")

    finishing = set(ending_ids)
    changed = True
    while changed:
        changed = False
        for step_id, targets in edges.items():
            if step_id not in finishing and any(t in finishing for t in targets):
                finishing.add(step_id)
                changed = True
    for step in sc.steps:
        if step.id in seen and step.id not in finishing:
            add(("steps", index[step.id], "id"), f"no ending can be reached from step '{step.id}'")
