"""Benchmarks: run with `make bench`. Figures are printed and written to bench/results.json;
they are measurements, not assertions, so a slow machine never fails `make test`."""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPLIES = [
    "Hi, I'm so sorry about the delay. I've already chased the courier and I'll message you by 6pm tomorrow with an update on your parcel, no need to do anything.",
    "亲,非常抱歉让您久等了!我这边已经帮您联系快递催件了,明天下午五点前一定给您答复,您不用再跑一趟,有任何问题随时找我哈。",
    "親,非常抱歉讓您久等了!這邊已經幫您聯繫快遞催件,明天下午五點前給您答覆。退貨運費不用您承擔,我們來出,麻煩您拍一下外箱照片。",
]


def import_s(runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import aftersales"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load_validate_s(runs: int = 5) -> float:
    from aftersales.content import check_library

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        _, problems = check_library()
        times.append(time.perf_counter() - start)
        assert not problems
    return statistics.median(times)


def check_reply_per_s(n: int = 3000) -> float:
    from aftersales.checker import check_reply
    from aftersales.content import REQUIRED_RULES

    rules = list(REQUIRED_RULES)
    check_reply(REPLIES[0], rules)
    start = time.perf_counter()
    for i in range(n):
        check_reply(REPLIES[i % len(REPLIES)] + str(i), rules)
    return n / (time.perf_counter() - start)


def grade_attempt_per_s(n: int = 2000) -> float:
    from aftersales.content import load_library
    from aftersales.engine import Attempt, best_answers

    library = load_library()
    plays = [(sid, best_answers(library, sid)) for sid in sorted(library.scenarios)]
    start = time.perf_counter()
    for i in range(n):
        sid, answers = plays[i % len(plays)]
        attempt = Attempt(library, sid)
        while not attempt.finished:
            attempt.answer(answers[attempt.current])
        attempt.result()
    return n / (time.perf_counter() - start)


def main() -> None:
    results = {
        "import_s": round(import_s(), 4),
        "load_validate_s": round(load_validate_s(), 4),
        "check_reply_per_s": round(check_reply_per_s()),
        "grade_attempt_per_s": round(grade_attempt_per_s()),
    }
    results["machine"] = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    for key, value in results.items():
        print(f"{key:24} {value}")
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
