"""The `aftersales` command: a thin shell over the content, grading and store modules.

Exit codes: 0 success, 1 invalid content or a failed check, 2 bad usage or a missing answer.
"""

from __future__ import annotations

import argparse
import secrets
import shlex
import sys
import time
from pathlib import Path

from . import terminal
from .cli_store import print_json as _print_json
from .errors import AftersalesError, AnswerError, UsageError
from .i18n import outcome_word, t
from .identity import trainee_name, ui_lang


def _library(args):
    from .content import load_library

    return load_library(Path(args.root) if getattr(args, "root", None) else None)


def _word(prefix: str, value: str, lang: str) -> str:
    """The table's word for an id (a family, a step kind, a verdict); the id when it has none."""
    from .i18n import STRINGS

    key = f"{prefix}.{value}"
    return t(key, lang) if key in STRINGS else value


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
            print(
                t(
                    "cli.validate.ok",
                    ui_lang(),
                    rules=len(library.rules),
                    scenarios=len(library.scenarios),
                )
            )
    return 1 if problems else 0


def cmd_rules(args) -> int:
    library = _library(args)
    rules = list(library.rules.values())
    if args.json:
        _print_json([r.model_dump(mode="json", exclude_none=True) for r in rules])
        return 0
    lang = ui_lang()
    for rule in rules:
        flag = f" [{t('cli.critical', lang)}]" if rule.critical else ""
        print(
            t(
                "cli.rules.line",
                lang,
                id=rule.id,
                kind=t(f"cli.rules.{rule.kind}", lang),
                weight=rule.weight,
                critical=flag,
                title=rule.title.in_lang(lang),
            )
        )
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
    sep = "、" if lang == "zh" else ", "
    for o in outlines:
        kinds = sep.join(_word("cli.kind", s["kind"], lang) for s in o["steps"])
        family = _word("family", o["family"], lang)
        print(
            t(
                "cli.scenarios.line",
                lang,
                id=o["id"],
                family=family,
                level=o["level"],
                title=o["title"],
                kinds=kinds,
            )
        )
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
    lang = ui_lang()
    for v in verdicts.values():
        word = _word("verdict", v.verdict, lang)
        print(f"{v.rule}: {word}" + (f"  ({v.evidence})" if v.evidence else ""))
    return 0


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        step, sep, answer = value.partition("=")
        if not sep or not step:
            raise UsageError(t("cli.play.pairs", ui_lang(), flag=flag, given=repr(value)))
        pairs[step.strip()] = answer
    return pairs


def _resume_command(args) -> str:
    words = ["aftersales", "play", args.scenario]
    if args.trainee:
        words += ["--trainee", args.trainee]
    return " ".join(shlex.quote(w) for w in words)


def cmd_play(args) -> int:
    from .engine import Attempt
    from .store import Store

    library = _library(args)
    lang = ui_lang()
    answers = {
        **_pairs(args.choose, "--choose"),
        **_pairs(args.reply, "--reply"),
        **_pairs(args.remark, "--remark"),
    }
    seconds = {}
    for step, value in _pairs(args.seconds, "--seconds").items():
        try:
            seconds[step] = float(value)
        except ValueError:
            raise UsageError(t("cli.play.seconds", lang, given=repr(value))) from None
        if not seconds[step] >= 0:
            raise UsageError(t("cli.play.seconds", lang, given=repr(value)))
    store = Store.open()
    trainee = args.trainee or trainee_name()
    interactive = sys.stdin.isatty() and not args.json
    # At a terminal each attempt gets its own letter order (recorded in its state); scripts keep
    # seed 0 so their output is reproducible.
    seed = args.seed if args.seed is not None else (secrets.randbelow(2**31) if interactive else 0)
    attempt = Attempt(library, args.scenario, lang=lang, seed=seed)
    if not interactive:
        return _play_script(args, library, store, trainee, attempt, answers, seconds, lang)
    try:
        return _play_terminal(args, library, store, trainee, attempt, answers, seconds, lang)
    except (KeyboardInterrupt, EOFError) as stop:
        # At a terminal each answer is stored as it is given: nothing is lost.
        print(file=sys.stdout)
        print(t("cli.interrupted", lang, command=_resume_command(args)), file=sys.stdout)
        sys.stdout.flush()
        return 130 if isinstance(stop, KeyboardInterrupt) else 0


def scripted(view, answer):
    """`--remark STEP=+TEXT` adds TEXT to the remark already on the order (a script's way of
    appending); any other remark answer is the whole remark as saved."""
    if view.kind == "remark" and isinstance(answer, str) and answer.startswith("+"):
        return " ".join(p for p in (view.original, answer[1:].strip()) if p)
    return answer


def _play_script(args, library, store, trainee, attempt, answers, seconds, lang) -> int:
    """No terminal: every answer comes from --choose / --reply; the attempt is stored at once."""
    from .feedback import attempt_summary

    while not attempt.finished:
        view = attempt.view()
        if view.step not in answers:
            raise UsageError(t("cli.play.missing", lang, step=view.step, kind=view.kind))
        attempt.answer(scripted(view, answers[view.step]), seconds=seconds.get(view.step))
    attempt_id = store.record_attempt(trainee, attempt)
    summary = attempt_summary(
        library, attempt.result(), lang, trainee=trainee, attempt_id=attempt_id
    )
    if args.json:
        _print_json(summary)
        return 0
    verdict = t("cli.play.passed" if summary["passed"] else "cli.play.failed", lang)
    print(
        t(
            "cli.play.summary",
            lang,
            scenario=summary["scenario"],
            score=summary["score"],
            verdict=verdict,
            outcome=outcome_word(summary["outcome"], lang),
            attempt=attempt_id,
        )
    )
    if summary["critical_violations"]:
        rules = terminal.rule_titles(library, summary["critical_violations"], lang)
        print(t("cli.play.critical", lang, rules=rules))
    screen = terminal.Terminal(lang)
    for item in summary["feedback"]:
        print(f"[{item['step']}]")
        screen.feedback(item)
    return 0


def _play_terminal(args, library, store, trainee, attempt, answers, seconds, lang) -> int:
    """At a terminal: the case first, then step by step, each answer saved as it is given."""
    from .feedback import attempt_summary, step_feedback

    screen = terminal.Terminal(lang)
    found = store.resume(library, trainee, args.scenario)
    screen.context(attempt.scenario)
    if found:
        attempt_id, attempt = found
        attempt.lang = lang
        screen.resumed(len(attempt.answers) + 1)
    else:
        attempt_id = store.start_attempt(trainee, attempt)
    customer = attempt.scenario.context.customer.name.in_lang(lang)
    while not attempt.finished:
        view = attempt.view()
        took = seconds.get(view.step)
        if view.step in answers:
            answer = scripted(view, answers[view.step])
        else:
            screen.step(view, customer)
            shown = time.monotonic()
            answer = screen.ask(view)
            took = round(time.monotonic() - shown, 1)
        try:
            grade = attempt.answer(answer, seconds=took)
        except AnswerError as err:
            if view.step in answers:
                raise
            screen.problem(err.in_lang(lang))
            continue
        store.save_answer(attempt_id, attempt, grade)
        given = attempt.answers[-1]["answer"]
        screen.feedback(
            step_feedback(library, grade, lang, scenario=attempt.scenario, answer=given)
        )
    summary = attempt_summary(
        library, attempt.result(), lang, trainee=trainee, attempt_id=attempt_id
    )
    screen.ending(summary, library)
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
    p.add_argument("--remark", action="append", default=[], metavar="STEP=TEXT")
    p.add_argument(
        "--seconds",
        action="append",
        default=[],
        metavar="STEP=N",
        help="a timed step's answer time (scripts; at a terminal it is measured)",
    )
    p.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)
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
    except AnswerError as err:
        print(f"aftersales: {err.in_lang(ui_lang())}", file=sys.stderr)
        return 2
    except UsageError as err:
        print(f"aftersales: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`aftersales play ... | head`): stop quietly, as other tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except AftersalesError as err:
        print(f"aftersales: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
