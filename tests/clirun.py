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
