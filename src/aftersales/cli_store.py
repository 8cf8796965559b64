"""The store-backed commands of `aftersales`: progress, review, role, export, regrade, demo-data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .errors import UsageError
from .i18n import t
from .identity import ui_lang


def _store():
    from .store import Store

    return Store.open()


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def level_title(library, level_id: str, lang: str) -> str:
    for level in library.ladder.levels:
        if level.id == level_id:
            return level.title.in_lang(lang)
    return level_id


def cmd_progress(args, library) -> int:
    from . import analytics

    lang = ui_lang()
    store = _store()
    report = analytics.summary(library, analytics.load_frames(store), trainee=args.trainee)
    if args.trainee and not report["trainees"]:
        raise UsageError(t("cli.progress.no_trainee", lang, name=args.trainee))
    if args.json:
        print_json(report)
        return 0
    print(
        t(
            "cli.progress.total",
            lang,
            finished=report["attempts"],
            unfinished=report.get("unfinished", 0),
        )
    )
    sep = "；" if lang == "zh" else "; "
    for row in report["trainees"]:
        mean = row["mean_score"] if row["mean_score"] is not None else "-"
        weak = sep.join(
            library.rules[r].title.in_lang(lang) if r in library.rules else r
            for r in row["weakest_rules"]
        )
        print()
        print(row["trainee"])
        print(
            "  "
            + t(
                "cli.progress.row",
                lang,
                finished=row["attempts"],
                unfinished=row.get("unfinished", 0),
                passed=row["passed"],
                mean=mean,
            )
        )
        print("  " + t("cli.progress.level", lang, level=level_title(library, row["level"], lang)))
        print("  " + t("cli.progress.weakest", lang, rules=weak or t("cli.progress.none", lang)))
        scenario = library.scenarios.get(row.get("recommended") or "")
        if scenario is not None:
            title = f"{scenario.title.in_lang(lang)} ({scenario.id})"
            print("  " + t("cli.progress.next", lang, title=title))
    return 0


def _parse_verdicts(items: list[str]) -> dict[str, str]:
    verdicts = {}
    for item in items:
        rule, sep, verdict = item.partition("=")
        if not sep:
            raise UsageError(t("cli.review.bad_verdict", ui_lang(), given=repr(item)))
        verdicts[rule.strip()] = verdict.strip()
    return verdicts


def cmd_review(args, library) -> int:
    from .errors import NotMentorError, StoreError

    lang = ui_lang()
    store = _store()
    if args.action == "queue":
        queue = store.review_queue()
        if args.json:
            print_json(queue)
        elif not queue:
            print(t("cli.review.empty", lang))
        else:
            for item in queue:
                # repr() keeps a trainee's text on one line and shows control characters as escapes.
                print(
                    t(
                        "cli.review.item",
                        lang,
                        attempt=item["attempt_id"],
                        trainee=item["trainee"],
                        scenario=item["scenario_id"],
                        step=item["step_id"],
                        text=repr(item["text"]),
                    )
                )
        return 0
    if args.attempt is None or not args.step:
        raise UsageError(t("cli.review.needs", lang))
    verdicts = _parse_verdicts(args.verdict)
    unknown = [r for r in verdicts if r not in library.rules]
    if unknown:
        raise UsageError(t("cli.review.unknown_rules", lang, rules=", ".join(unknown)))
    from .identity import trainee_name

    mentor = args.mentor or trainee_name()
    try:
        review_id = store.record_review(
            mentor, args.attempt, args.step, verdicts, args.comment or ""
        )
    except NotMentorError as err:
        raise StoreError(t("cli.review.not_mentor", lang, name=err.name)) from err
    if args.json:
        print_json({"review_id": review_id})
    else:
        print(t("cli.review.recorded", lang, id=review_id))
    return 0


def cmd_role(args) -> int:
    from .store import ROLES

    lang = ui_lang()
    store = _store()
    if args.action == "set":
        if args.role not in ROLES:
            raise UsageError(t("cli.role.bad", lang, role=args.role or ""))
        store.set_role(args.name, args.role)
        if args.json:
            print_json({"name": args.name, "role": args.role})
        else:
            print(t("cli.role.set", lang, name=args.name, role=t(f"cli.role.{args.role}", lang)))
        return 0
    if args.role is not None:
        raise UsageError(t("cli.role.show_usage", lang))
    role = store.role(args.name)
    if args.json:
        print_json({"name": args.name, "role": role or "trainee"})
    elif role is None:
        print(t("cli.role.new", lang, name=args.name))
    else:
        print(t("cli.role.show", lang, name=args.name, role=t(f"cli.role.{role}", lang)))
    return 0


def cmd_export(args, library) -> int:
    from . import analytics

    store = _store()
    frames = analytics.load_frames(store)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = frames["trainees"].set_index("id")["name"]
    tables = {
        "trainees.csv": frames["trainees"],
        "attempts.csv": frames["attempts"].assign(trainee=frames["attempts"].trainee_id.map(names)),
        "rule_outcomes.csv": frames["outcomes"],
        "reviews.csv": frames["reviews"].assign(mentor=frames["reviews"].mentor_id.map(names)),
    }
    answers = analytics.load_answers(store)
    tables["answers.csv"] = answers
    for name, frame in tables.items():
        # QUOTE_ALL: free text with commas, quotes or newlines stays one cell in any spreadsheet.
        frame.to_csv(out / name, index=False, quoting=csv.QUOTE_ALL)
        print(out / name)
    return 0


def cmd_demo_data(args, library) -> int:
    from .demo import make_cohort

    if args.trainees < 1:
        raise UsageError(t("cli.demo.bad_count", ui_lang()))
    made = make_cohort(_store(), library, args.trainees, args.seed)
    print(t("cli.demo.added", ui_lang(), **made))
    return 0


def cmd_regrade(args, library) -> int:
    from .regrade import regrade

    counts = regrade(_store(), library)
    print(t("cli.regrade.done", ui_lang(), **counts))
    return 0


def add_commands(sub) -> None:
    p = sub.add_parser("progress", help="progress per trainee")
    p.add_argument("--trainee")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_progress, needs_library=True)

    p = sub.add_parser("review", help="the mentor review queue, or record a review")
    p.add_argument("action", choices=["queue", "record"])
    p.add_argument("--mentor", help="the reviewing mentor (default: you)")
    p.add_argument("--attempt", type=int)
    p.add_argument("--step")
    p.add_argument("--verdict", action="append", default=[], metavar="RULE=VERDICT")
    p.add_argument("--comment")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review, needs_library=True)

    p = sub.add_parser("role", help="make someone a mentor or a trainee, or show their role")
    p.add_argument("action", choices=["set", "show"])
    p.add_argument("name")
    p.add_argument("role", nargs="?", help="mentor or trainee (for set)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_role)

    p = sub.add_parser(
        "export", help="CSV files of trainees, attempts, answers, rule outcomes, reviews"
    )
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export, needs_library=True)

    p = sub.add_parser("regrade", help="re-grade stored attempts with the current playbook")
    p.add_argument("--root", help="content root (default: the repository)")
    p.set_defaults(func=cmd_regrade, needs_library=True)

    p = sub.add_parser("demo-data", help="add a synthetic, reproducible cohort to the store")
    p.add_argument("--trainees", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.set_defaults(func=cmd_demo_data, needs_library=True)
