"""Widgets headless: clicks and values in plain pytest, no kernel and no browser."""

from __future__ import annotations

import json
import subprocess
import sys

import ipywidgets as w
from clirun import play_flags, run
from test_player import play_through

from aftersales.dashboards import CohortDashboard, ProgressView
from aftersales.demo import make_cohort
from aftersales.engine import best_answers
from aftersales.player import ScenarioPlayer
from aftersales.review import ReviewQueue

CASE = "linen-shirt-sold-out"
XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_widgets_do_not_display_themselves(library, sqlite_store):
    code = (
        "import IPython.display as d; d.display = lambda *a, **k: (_ for _ in ()).throw(AssertionError('display'));"
        "from aftersales.content import load_library; from aftersales.player import ScenarioPlayer;"
        f"ScenarioPlayer(load_library(), {CASE!r})"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert isinstance(ScenarioPlayer(library, CASE), w.VBox)


def test_player_grades_like_the_cli(library, sqlite_store, tmp_path):
    answers = {
        **best_answers(library, CASE),
        "notify": "wait-restock",
        "upset": "Sorry! We have oatmeal M: would you like it, or a refund?",
    }
    player = ScenarioPlayer(library, CASE, trainee="mei", store=sqlite_store)
    play_through(player, answers)
    flags = play_flags(library, CASE, answers)
    cli = json.loads(
        run(
            "play", CASE, "--json", *flags, env={"AFTERSALES_DB": str(tmp_path / "cli.sqlite")}
        ).stdout
    )
    widget = player.summary
    assert (widget["score"], widget["passed"], widget["outcome"]) == (
        cli["score"],
        cli["passed"],
        cli["outcome"],
    )
    assert widget["rules"] == cli["rules"]
    assert "again" in player.again.description
    player.again.click()
    assert not player.attempt.finished and player.attempt.answers == []


def test_free_text_shows_as_text_in_every_widget(library, sqlite_store, tmp_path):
    sqlite_store.set_role("lead", "mentor")
    player = ScenarioPlayer(library, CASE, trainee="mei", store=sqlite_store)
    player.option_buttons["wait-restock"].click()
    player.reply_box.value = XSS
    player.submit.click()
    html_values = [player.chat.value, player.status.value]
    queue = ReviewQueue(library, sqlite_store, "lead")
    html_values.append(queue.detail.value)
    queue.comment.value = XSS
    queue.record()
    sqlite_store.add_note("mei", CASE, XSS)
    progress = ProgressView(library, sqlite_store, "mei")
    progress.note_text.value = XSS
    progress.save_note.click()
    html_values += [
        progress.report.value,
        progress.comments.value,
        progress.notes.value,
        *(d.value for d in _dashboard_html(CohortDashboard(library, sqlite_store))),
    ]
    assert any("&lt;script&gt;" in v for v in html_values)
    for value in html_values:
        assert "<script" not in value and "<img" not in value
    out = tmp_path / "csv"
    assert (
        run(
            "export", "--out", str(out), env={"AFTERSALES_DB": str(tmp_path / "w.sqlite")}
        ).returncode
        == 0
    )
    import pandas as pd

    assert (
        XSS in pd.read_csv(out / "answers.csv").text.tolist()
    )  # stored and exported exactly as written
    assert XSS in pd.read_csv(out / "reviews.csv").comment.tolist()


def test_dashboards_on_a_demo_cohort(library, sqlite_store):
    make_cohort(sqlite_store, library, trainees=4, seed=3)
    dash = CohortDashboard(library, sqlite_store)
    assert bytes(dash.heatmap.value).startswith(b"\x89PNG") and "Kappa" in dash.agreement.value
    queue = ReviewQueue(library, sqlite_store, "mentor.wang")
    before = len(queue.queue)
    assert before > 0
    first = next(iter(queue.verdicts.values()))
    first.value = "violated"
    assert queue.record() is not None
    assert len(queue.queue) == before - 1
    view = ProgressView(library, sqlite_store, "an.li")
    assert "an.li" in view.report.value
    assert bytes(view.scores_image.value).startswith(b"\x89PNG")
    assert bytes(view.mastery_image.value).startswith(b"\x89PNG")


def _dashboard_html(dash: CohortDashboard) -> list:
    return [dash.difficulty, dash.agreement, dash.mentor_agreement, dash.heat_note]
