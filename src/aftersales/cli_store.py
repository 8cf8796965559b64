"""The store-backed commands of `aftersales`: progress, review, export and demo-data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .errors import UsageError


def _store():
    from .store import Store

    return Store.open()


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_progress(args, library) -> int:
    from . import analytics

    store = _store()
    report = analytics.summary(library, analytics.load_frames(store), trainee=args.trainee)
    if args.trainee and not report["trainees"]:
        raise UsageError(f"no trainee named '{args.trainee}' in the store")
    if args.json:
        print_json(report)
        return 0
    print(f"{report['attempts']} attempts")
    for row in report["trainees"]:
        weak = ", ".join(row["weakest_rules"]) or "-"
        print(
            f"{row['trainee']:16} {row['attempts']:4} attempts {row['passed']:4} passed  "
            f"mean {row['mean_score'] if row['mean_score'] is not None else '-':>5}  {row['level']:16} weakest: {weak}"
        )
    return 0


def _parse_verdicts(items: list[str]) -> dict[str, str]:
    verdicts = {}
    for item in items:
        rule, sep, verdict = item.partition("=")
        if not sep:
            raise UsageError(f"--verdict takes RULE=followed|violated|missed, got {item!r}")
        verdicts[rule.strip()] = verdict.strip()
    return verdicts


def cmd_review(args, library) -> int:
    store = _store()
    if args.action == "queue":
        queue = store.review_queue()
        if args.json:
            print_json(queue)
        else:
            for item in queue:
                # repr() keeps a trainee's text on one line and shows control characters as escapes.
                print(
                    f"attempt {item['attempt_id']} {item['trainee']} {item['scenario_id']}/{item['step_id']}: {item['text']!r}"
                )
        return 0
    if args.attempt is None or not args.step:
        raise UsageError("review record needs --attempt and --step")
    verdicts = _parse_verdicts(args.verdict)
    unknown = [r for r in verdicts if r not in library.rules]
    if unknown:
        raise UsageError(f"unknown rule id(s): {', '.join(unknown)}")
    from .identity import trainee_name

    review_id = store.record_review(
        args.mentor or trainee_name(),
        args.attempt,
        args.step,
        verdicts,
        args.comment or "",
        args.score,
    )
    if args.json:
        print_json({"review_id": review_id})
    else:
        print(f"review {review_id} recorded")
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
        raise UsageError("--trainees must be at least 1")
    made = make_cohort(_store(), library, args.trainees, args.seed)
    print(
        f"added {made['trainees']} trainees, {made['attempts']} attempts, {made['reviews']} reviews"
    )
    return 0


def cmd_regrade(args, library) -> int:
    from .regrade import regrade

    counts = regrade(_store(), library)
    print(
        f"re-graded {counts['attempts']} attempts; {counts['changed']} changed score or pass; {counts['skipped']} no longer fit the content"
    )
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
    p.add_argument("--score", type=int, help="score override 0-100")
    p.add_argument("--comment")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review, needs_library=True)

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
