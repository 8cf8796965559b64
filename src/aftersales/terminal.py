"""Terminal practice mode for `aftersales play`: ask for an answer at each step, show feedback."""

from __future__ import annotations

import sys

from .engine import StepView

HINTS = {
    "en": {
        "choice": "Type one option id",
        "multi": "Type every option id that applies, separated by commas",
        "evidence": "Type the ids of what you upload, separated by commas",
        "order": "Type all ids in order, separated by commas",
        "reply": "Write your reply (end with an empty line)",
    },
    "zh": {
        "choice": "输入一个选项编号",
        "multi": "输入所有适用的选项编号,用逗号分隔",
        "evidence": "输入要上传的证据编号,用逗号分隔",
        "order": "按顺序输入全部编号,用逗号分隔",
        "reply": "写下你的回复(以空行结束)",
    },
}


def show_step(view: StepView, lang: str, out=sys.stdout) -> None:
    print(f"\n[{view.number}] {view.step}", file=out)
    if view.customer:
        print(f"  {'顾客' if lang == 'zh' else 'Customer'}: {view.customer}", file=out)
    print(f"  {view.prompt}", file=out)
    if view.deadline:
        print(f"  ({view.deadline})", file=out)
    for option in view.options:
        print(f"    {option.id}: {option.text}", file=out)


def ask(view: StepView, lang: str) -> str:
    show_step(view, lang)
    hint = HINTS[lang][view.kind]
    if view.kind != "reply":
        return input(f"  {hint}> ")
    print(f"  {hint}:")
    lines = []
    while (line := input()) != "":
        lines.append(line)
    return "\n".join(lines)


def show_feedback(feedback: dict, out=sys.stdout) -> None:
    if feedback["message"]:
        print(f"  -> {feedback['message']}", file=out)
    for rule in feedback["rules"]:
        print(f"     [{rule['verdict']}] {rule['rule']}: {rule['title']}", file=out)
        if rule["outcome"] != "followed":
            print(f"        {rule['source']['file']}: “{rule['source']['quote']}”", file=out)
