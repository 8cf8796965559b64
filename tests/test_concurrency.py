"""Many writers on one SQLite file, and a writer killed mid-transaction."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing

from clirun import play_flags, run

from aftersales.store import Store

CASE = "linen-shirt-sold-out"
PROCESSES = 20
ATTEMPTS_EACH = 50


def _writer(path: str, index: int, errors) -> None:
    from aftersales.content import load_library
    from aftersales.engine import Attempt, best_answers

    library = load_library()
    answers = best_answers(library, CASE)
    store = Store.open(path)
    try:
        for _ in range(ATTEMPTS_EACH):
            attempt = Attempt(library, CASE)
            while not attempt.finished:
                attempt.answer(answers[attempt.current])
            store.record_attempt(f"trainee-{index:02d}", attempt)
    except Exception as err:  # reported to the parent, which fails the test with it
        errors.put(f"{index}: {err!r}")
    finally:
        store.close()


def test_twenty_processes_record_a_thousand_attempts(tmp_path):
    path = str(tmp_path / "shared.sqlite")
    Store.open(path).close()
    ctx = multiprocessing.get_context("spawn")
    errors = ctx.Queue()
    workers = [ctx.Process(target=_writer, args=(path, i, errors)) for i in range(PROCESSES)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=300)
    reported = []
    while not errors.empty():
        reported.append(errors.get())
    assert reported == []
    assert all(w.exitcode == 0 for w in workers)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute(
            "select count(*) from attempts where finished_at is not null"
        ).fetchone() == (1000,)
        assert conn.execute("select count(distinct trainee_id) from attempts").fetchone() == (
            PROCESSES,
        )
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from sqlalchemy import insert
    from aftersales import db
    from aftersales.content import load_library
    from aftersales.engine import Attempt
    from aftersales.store import Store

    library = load_library()
    store = Store.open(sys.argv[1])
    attempt = Attempt(library, "linen-shirt-sold-out", seed=11)
    attempt_id = store.start_attempt("kim", attempt)
    store.save_answer(attempt_id, attempt, attempt.answer("offer-swap"))
    attempt.answer(["change-order", "remark"])
    with store.engine.begin() as conn:
        conn.execute(insert(db.answers).values(attempt_id=attempt_id, position=2, step_id="wants-swap", kind="multi", choice="x"))
        os.kill(os.getpid(), signal.SIGKILL)  # dies with the transaction open
    """
)


def test_a_killed_writer_leaves_a_consistent_resumable_attempt(tmp_path, library):
    path = str(tmp_path / "killed.sqlite")
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, path], capture_output=True, text=True, check=False
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("select count(*) from answers").fetchone() == (1,)
    store = Store.open(path)
    attempt_id, attempt = store.resume(library, "kim", CASE)
    assert attempt.current == "wants-swap" and attempt.seed == 11
    store.save_answer(attempt_id, attempt, attempt.answer(["change-order", "remark"]))
    assert attempt.answers[-1]["step"] == "wants-swap"
    store.close()


def test_progress_counts_attempts_played_concurrently_through_the_cli(tmp_path, library):
    from aftersales.engine import best_answers

    env = {**os.environ, "AFTERSALES_DB": str(tmp_path / "cli.sqlite")}
    flags = play_flags(library, CASE, best_answers(library, CASE))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aftersales.cli",
                "play",
                CASE,
                "--trainee",
                f"t{i % 4}",
                "--json",
                *flags,
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(12)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outputs]
    ids = {json.loads(out)["attempt_id"] for out, _ in outputs}
    assert len(ids) == 12
    report = json.loads(
        run("progress", "--json", env={"AFTERSALES_DB": env["AFTERSALES_DB"]}).stdout
    )
    assert report["attempts"] == 12
    assert sum(t["attempts"] for t in report["trainees"]) == 12
