"""The `aftersales` command: a thin shell over the content, grading and store modules.

Exit codes: 0 success, 1 invalid content or a failed check, 2 bad usage or a missing answer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_store import print_json as _print_json
from .errors import AftersalesError, AnswerError, UsageError
from .identity import trainee_name, ui_lang


def _library(args):
    from .content import load_library

    return load_library(Path(args.root) if getattr(args, "root", None) else None)


def cmd_validate(args) -> int:
    from . import inventory
    from .content import check_library

    library, problems = check_library(Path(args.root) if args.root else None)
    if args.json:
        _print_json(
            {
                "rules": len(library.rules),
                "scenarios": len(library.scenarios),
                "families": inventory.families(library),
                "coverage": inventory.coverage(library),
                "quality": inventory.quality(library),
                "errors": [str(p) for p in problems],
            }
        )
    else:
        for problem in problems:
            print(problem)
        if not problems:
            print(f"ok: {len(library.rules)} rules, {len(library.scenarios)} scenarios")
    return 1 if problems else 0


def cmd_rules(args) -> int:
    library = _library(args)
    rules = list(library.rules.values())
    if args.json:
        _print_json([r.model_dump(mode="json", exclude_none=True) for r in rules])
        return 0
    lang = ui_lang()
    for rule in rules:
        flag = " [critical]" if rule.critical else ""
        print(f"{rule.id} ({rule.kind}, weight {rule.weight}){flag}: {rule.title.in_lang(lang)}")
    return 0


def cmd_scenarios(args) -> int:
    from .inventory import scenario_outline

    library = _library(args)
    lang = ui_lang()
    outlines = []
    for scenario in library.scenarios.values():
        outline = scenario_outline(scenario)
        outline["title"] = scenario.title.in_lang(lang)
        outlines.append(outline)
    if args.json:
        _print_json(outlines)
        return 0
    for o in outlines:
        kinds = ", ".join(s["kind"] for s in o["steps"])
        print(f"{o['id']}  [{o['family']}, level {o['level']}]  {o['title']}  ({kinds})")
    return 0


def cmd_check_reply(args) -> int:
    from .checker import check_reply

    text = sys.stdin.read()
    rule_ids = [r.strip() for r in args.rules.split(",") if r.strip()]
    verdicts = check_reply(text, rule_ids)
    if args.json:
        _print_json(
            {
                "rules": {
                    r: {"verdict": v.verdict, "evidence": v.evidence} for r, v in verdicts.items()
                }
            }
        )
        return 0
    for v in verdicts.values():
        print(f"{v.rule}: {v.verdict}" + (f"  ({v.evidence})" if v.evidence else ""))
    return 0


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        step, sep, answer = value.partition("=")
        if not sep or not step:
            raise UsageError(f"{flag} takes STEP=ANSWER, got {value!r}")
        pairs[step.strip()] = answer
    return pairs


def cmd_play(args) -> int:
    from . import terminal
    from .engine import Attempt
    from .feedback import attempt_summary, step_feedback
    from .store import Store

    library = _library(args)
    lang = ui_lang()
    answers = {**_pairs(args.choose, "--choose"), **_pairs(args.reply, "--reply")}
    store = Store.open()
    trainee = args.trainee or trainee_name()
    attempt = Attempt(library, args.scenario, lang=lang, seed=args.seed)
    interactive = sys.stdin.isatty() and not args.json
    attempt_id = None
    if interactive:
        # At a terminal each answer is saved as it is given, so an interrupted case resumes.
        found = store.resume(library, trainee, args.scenario)
        if found:
            attempt_id, attempt = found
            print(f"resuming attempt {attempt_id} at step '{attempt.current}'")
        else:
            attempt_id = store.start_attempt(trainee, attempt)
    while not attempt.finished:
        view = attempt.view()
        if view.step in answers:
            answer = answers[view.step]
        elif interactive:
            answer = terminal.ask(view, lang)
        else:
            raise UsageError(
                f"no answer for step '{view.step}' ({view.kind}); give --choose or --reply {view.step}=..."
            )
        grade = attempt.answer(answer)
        if interactive:
            store.save_answer(attempt_id, attempt, grade)
            terminal.show_feedback(step_feedback(library, grade, lang))
    if attempt_id is None:
        attempt_id = store.record_attempt(trainee, attempt)
    summary = attempt_summary(
        library, attempt.result(), lang, trainee=trainee, attempt_id=attempt_id
    )
    if args.json:
        _print_json(summary)
        return 0
    verdict = "PASSED" if summary["passed"] else "NOT PASSED"
    print(
        f"\n{summary['scenario']}: {summary['score']}/100 {verdict} ({summary['outcome']}), attempt {attempt_id}"
    )
    if summary["critical_violations"]:
        print("critical: " + ", ".join(summary["critical_violations"]))
    if not interactive:
        for item in summary["feedback"]:
            print(f"[{item['step']}]")
            terminal.show_feedback(item)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aftersales", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check the playbook and scenarios")
    p.add_argument("--root", help="content root (default: the repository)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("rules", help="list the playbook's rules")
    p.add_argument("--root", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("scenarios", help="list the scenarios (structure only)")
    p.add_argument("--root", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser(
        "check-reply", help="check one free-text reply (standard input) against rules"
    )
    p.add_argument("--rules", required=True, help="comma-separated rule ids")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check_reply)

    p = sub.add_parser("play", help="play one attempt of a scenario")
    p.add_argument("scenario")
    p.add_argument("--trainee")
    p.add_argument("--choose", action="append", default=[], metavar="STEP=ANSWER")
    p.add_argument("--reply", action="append", default=[], metavar="STEP=TEXT")
    p.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_play)

    from .cli_store import add_commands

    add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "needs_library", False):
            return args.func(args, _library(args))
        return args.func(args)
    except (UsageError, AnswerError) as err:
        print(f"aftersales: {err}", file=sys.stderr)
        return 2
    except AftersalesError as err:
        print(f"aftersales: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
