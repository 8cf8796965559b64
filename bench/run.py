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


ANALYTICS = """
import json, resource, sys, time
from aftersales import analytics
from aftersales.content import load_library
from aftersales.store import Store
library, store = load_library(), Store.open(sys.argv[1])
start = time.perf_counter()
frames = analytics.load_frames(store)
matrix = analytics.cohort_matrix(frames)
report = analytics.summary(library, frames)
seconds = time.perf_counter() - start
assert matrix.shape[0] == 500 and report["attempts"] == 250_000
print(json.dumps({"s": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

GRADE_CELL = """
from aftersales.content import load_library
from aftersales.engine import Attempt, best_answers
library = load_library()
answers = best_answers(library, "linen-shirt-sold-out")
attempt = Attempt(library, "linen-shirt-sold-out")
while not attempt.finished:
    attempt.answer(answers[attempt.current])
print(attempt.result().score)
"""


def player_answer_ms(folder: Path) -> dict:
    """Kernel-side time from a click to the re-rendered player (grade, save, render), per answer,
    over the best paths of every case in a SQLite store; the browser's own work comes on top."""
    from aftersales.content import load_library
    from aftersales.engine import best_answers
    from aftersales.player import ScenarioPlayer
    from aftersales.store import Store

    library = load_library()
    store = Store.open(str(folder / "player.sqlite"))
    times = []
    for sid in sorted(library.scenarios):
        answers = best_answers(library, sid)
        player = ScenarioPlayer(library, sid, trainee="bench", store=store)
        while not player.attempt.finished:
            start = time.perf_counter()
            player.answer(answers[player.attempt.current])
            times.append((time.perf_counter() - start) * 1000)
    store.close()
    return {"median": statistics.median(times), "max": max(times)}


def cohort_store(folder: Path) -> Path:
    from cohort import build

    path = folder / "cohort.sqlite"
    start = time.perf_counter()
    count = build(str(path))
    print(f"(built {count:,} attempts in {time.perf_counter() - start:.0f} s)")
    return path


def analytics_250k(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", ANALYTICS, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def regrade_250k_s(path: Path) -> float:
    from aftersales.content import load_library
    from aftersales.regrade import regrade
    from aftersales.store import Store

    library, store = load_library(), Store.open(str(path))
    start = time.perf_counter()
    counts = regrade(store, library)
    seconds = time.perf_counter() - start
    assert counts["attempts"] == 250_000, counts
    return seconds


def notebook_max_s() -> tuple[float, str]:
    import nbformat
    from nbclient import NotebookClient

    times = {}
    for path in sorted((HERE.parent / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(
            nb, timeout=600, resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        times[path.name] = time.perf_counter() - start
    slowest = max(times, key=times.get)
    return times[slowest], slowest


def inprocess_vs_nbclient_ratio() -> tuple[float, float, float]:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(GRADE_CELL)])
    start = time.perf_counter()
    NotebookClient(nb, timeout=600).execute()
    notebook_s = time.perf_counter() - start
    inprocess_s = 1 / grade_attempt_per_s(500)
    return notebook_s / inprocess_s, notebook_s, inprocess_s


def main() -> None:
    import tempfile

    sys.path.insert(0, str(HERE))
    results = {
        "import_s": round(import_s(), 4),
        "load_validate_s": round(load_validate_s(), 4),
        "check_reply_per_s": round(check_reply_per_s()),
        "grade_attempt_per_s": round(grade_attempt_per_s()),
    }
    with tempfile.TemporaryDirectory() as folder:
        player = player_answer_ms(Path(folder))
        results["player_answer_ms_median"] = round(player["median"], 1)
        results["player_answer_ms_max"] = round(player["max"], 1)
        path = cohort_store(Path(folder))
        analytics = analytics_250k(path)
        results["analytics_250k_s"] = round(analytics["s"], 2)
        results["analytics_peak_mb"] = round(analytics["peak_mb"])
        results["regrade_250k_s"] = round(regrade_250k_s(path), 1)
    seconds, slowest = notebook_max_s()
    results["notebook_max_s"] = round(seconds, 2)
    results["notebook_slowest"] = slowest
    ratio, notebook_s, inprocess_s = inprocess_vs_nbclient_ratio()
    results["inprocess_vs_nbclient_ratio"] = round(ratio)
    results["nbclient_grade_s"] = round(notebook_s, 2)
    results["inprocess_grade_s"] = inprocess_s
    results["machine"] = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    for key, value in results.items():
        print(f"{key:24} {value}")
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
