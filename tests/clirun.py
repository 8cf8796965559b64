"""Run the `aftersales` command the way scripts do: a subprocess with no TTY."""

from __future__ import annotations

import os
import subprocess
import sys


def run(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aftersales.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        check=False,
    )


def play_flags(library, scenario_id: str, answers: dict) -> list[str]:
    """`--choose STEP=ID[,ID]` / `--reply STEP=TEXT` / `--remark STEP=TEXT` flags for `play`."""
    flags = []
    scenario = library.scenarios[scenario_id]
    for step_id, answer in answers.items():
        value = answer if isinstance(answer, str) else ",".join(answer)
        kind = scenario.step(step_id).kind
        flag = {"reply": "--reply", "remark": "--remark"}.get(kind, "--choose")
        flags += [flag, f"{step_id}={value}"]
    return flags
