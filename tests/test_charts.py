"""Charts and the progress and cohort widgets, headless: PNG sizes, fonts, languages, tables."""

from __future__ import annotations

import logging
import re
import struct
import warnings

import pytest

from aftersales import analytics, charts
from aftersales.dashboards import CohortDashboard, ProgressView
from aftersales.demo import make_cohort
from aftersales.html import esc
from aftersales.i18n import STRINGS
from aftersales.store import Store

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data) -> tuple[int, int]:
    data = bytes(data)
    assert data.startswith(PNG)
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, library):
    """The notebooks' demo cohort: 8 trainees, seed 7."""
    store = Store.open(str(tmp_path_factory.mktemp("demo") / "demo.sqlite"))
    make_cohort(store, library, trainees=8, seed=7)
    yield store
    store.close()


def english_fragments(prefixes: tuple[str, ...]) -> set[str]:
    """The English UI text of our keys, cut at the `{fields}`, words of 3+ letters only."""
    pieces = set()
    for key, text in STRINGS.items():
        if key.startswith(prefixes):
            for piece in re.split(r"\{[a-z_]+\}", text["en"]):
                piece = piece.strip(" ,.;:()·")
                # Names both languages use as they are (Kappa) are not English UI text.
                if re.search(r"[A-Za-z]{3}", piece) and piece not in text["zh"]:
                    pieces.add(piece)
    return pieces


def widget_text(widget) -> str:
    """Every string a widget tree shows: HTML values, labels, options, placeholders."""
    import ipywidgets as w

    out = []
    for child in getattr(widget, "children", ()):
        out.append(widget_text(child))
    if isinstance(widget, w.HTML):
        out.append(widget.value)
    for name in ("description", "placeholder"):
        out.append(str(getattr(widget, name, "") or ""))
    if isinstance(widget, w.Dropdown):
        out += [label for label, _ in widget.options]
    return "\n".join(out)


# --- charts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("scores", [[], [72.0], [55, 81, 90, 100, 64, 88, 95, 100, 79, 99]])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_score_chart_for_zero_one_and_many_attempts(scores, lang):
    fig = charts.score_figure(scores, lang)
    ax = fig.axes[0]
    points = sum(len(c.get_offsets()) for c in ax.collections)
    assert points == len(scores)
    assert ax.get_ylim()[0] <= 0 and ax.get_ylim()[1] >= 100
    texts = [t.get_text() for t in ax.texts]
    assert any("80" in text for text in texts)  # the pass mark is labelled
    if not scores:
        assert STRINGS["charts.no_attempts"][lang] in texts
    assert png_size(charts.png_bytes(fig)) == (900, 300)


def test_mastery_chart_labels_rules_by_title_and_keeps_thin_evidence(library):
    rule = library.chapters[0].rules[0]
    thin = library.chapters[1].rules[0]
    fig = charts.mastery_figure(
        library, {rule.id: 0.9, thin.id: float("nan")}, {rule.id: 5, thin.id: 2}, "zh"
    )
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert rule.title.zh in labels and thin.title.zh in labels
    assert library.chapters[0].title.zh in labels and rule.id not in labels
    assert "作答次数还不够（2/3）" in [t.get_text() for t in fig.axes[0].texts]
    assert png_size(charts.png_bytes(fig))[0] == 900
    empty = charts.mastery_figure(library, {}, {}, "en")
    assert png_size(charts.png_bytes(empty))[0] == 900


@pytest.mark.skipif(charts.cjk_font() is None, reason="no CJK font installed")
def test_chinese_labels_render_without_missing_glyphs_or_font_substitution(
    library, demo_store, caplog
):
    frames = analytics.load_frames(demo_store)
    cells = analytics.cohort_cells(frames)
    figures = [
        charts.score_figure([60, 85], "zh"),
        charts.mastery_figure(library, {"tone.apologize": 0.8}, {"tone.apologize": 4}, "zh"),
        charts.chapters_overview_figure(library, cells, "zh"),
        charts.chapter_heatmap_figure(library, cells, "returns", "zh"),
    ]
    with caplog.at_level(logging.WARNING, logger="matplotlib"), warnings.catch_warnings():
        warnings.simplefilter("error")  # a "Glyph ... missing" UserWarning fails here
        for fig in figures:
            charts.png_bytes(fig)
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]


def test_charts_render_without_a_cjk_font(monkeypatch, library):
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    fig = charts.mastery_figure(library, {"tone.apologize": 0.5}, {"tone.apologize": 3}, "zh")
    assert bytes(charts.png_bytes(fig)).startswith(PNG)


def test_heatmaps_fit_the_notebook_width(library, demo_store):
    cells = analytics.cohort_cells(analytics.load_frames(demo_store))
    assert charts.WIDTH_IN * charts.DPI <= 900
    figures = [charts.chapters_overview_figure(library, cells, "en")] + [
        charts.chapter_heatmap_figure(library, cells, chapter.chapter, "zh")
        for chapter in library.chapters
    ]
    for fig in figures:
        assert fig.get_size_inches()[0] * fig.dpi <= 900
    # No tight cropping: the PNG is the figure's size; render the widest labels to check.
    widest = max(library.chapters, key=lambda c: max(len(r.title.en) for r in c.rules))
    fig = charts.chapter_heatmap_figure(library, cells, widest.chapter, "en")
    assert png_size(charts.png_bytes(fig))[0] <= 900
    assert png_size(charts.png_bytes(figures[0]))[0] <= 900


def test_heatmap_cells_carry_their_answer_counts(library):
    import numpy as np

    fig = charts.heatmap_figure(
        ["a$b$c", "mei"],
        ["One rule", "Another rule"],
        np.array([[0.5, np.nan], [np.nan, 0.9]]),
        np.array([[4, 2], [0, 7]]),
        "en",
    )
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["50%\nn=4", "n=2", "90%\nn=7"]  # the empty cell has none
    assert bytes(charts.png_bytes(fig)).startswith(PNG)  # "$" in a name is not math


def test_wrap_keeps_words_and_chinese_punctuation():
    assert (
        charts.wrap("Put a real settlement on the table", 12)
        == "Put a real\nsettlement\non the table"
    )
    wrapped = charts.wrap("质量问题、描述不符，运费店铺全包", 8)
    assert all(not line.startswith(("，", "、")) for line in wrapped.split("\n"))
    assert charts.wrap("one two three four five six", 7, max_lines=2).endswith("…")


# --- widgets ----------------------------------------------------------------------------------


def test_progress_view_in_chinese_shows_no_english_ui_and_the_level_title(library, demo_store):
    view = ProgressView(library, demo_store, "an.li", lang="zh")
    shown = widget_text(view)
    leaked = [p for p in english_fragments(("progress.", "charts.")) if p in shown]
    assert not leaked
    assert "级别：客户经理" in view.report.value  # the demo's first trainee has a two-year career
    assert not re.search(r"\bjunior\b", shown, re.IGNORECASE)
    assert "次练习，通过" in view.report.value and "下一个案例：" in view.report.value
    assert png_size(view.scores_image.value)[0] == 900
    assert png_size(view.mastery_image.value)[0] == 900
    assert "第 " in view.comments.value  # mentor comments name the case and the step


def test_progress_view_counts_unfinished_attempts(library, sqlite_store):
    from aftersales.engine import Attempt

    sqlite_store.start_attempt("mei", Attempt(library, "linen-shirt-sold-out", lang="en"))
    view = ProgressView(library, sqlite_store, "mei")
    assert "0 finished attempts, 0 passed, 1 unfinished" in view.report.value


def test_progress_view_on_an_empty_store_is_friendly_in_chinese(library, sqlite_store):
    view = ProgressView(library, sqlite_store, "mei", lang="zh")
    assert "mei 还没有完成的练习" in view.report.value
    assert view.scores_image.layout.display == "none"
    assert not [p for p in english_fragments(("progress.",)) if p in widget_text(view)]


def test_saving_a_note_that_fails_shows_the_error_and_keeps_the_text(
    library, sqlite_store, monkeypatch
):
    view = ProgressView(library, sqlite_store, "mei", lang="zh")
    view.note_text.value = "先道歉"
    view.save_note.click()
    assert "笔记已保存" in view.status.value and "先道歉" in view.notes.value
    assert view.note_text.value == ""

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sqlite_store, "add_note", broken)
    view.note_text.value = "再试一次"
    view.save_note.click()
    assert "出了点问题" in view.status.value and "disk full" in view.status.value
    assert view.note_text.value == "再试一次"
    assert len(sqlite_store.notes("mei")) == 1

    monkeypatch.undo()
    view.note_text.value = "x" * 10_001
    view.save_note.click()
    assert "笔记最多" in view.status.value and len(sqlite_store.notes("mei")) == 1


def test_cohort_dashboard_difficulty_counts_only_cases_with_five_attempts(library, demo_store):
    dash = CohortDashboard(library, demo_store)
    table = analytics.scenario_difficulty(analytics.load_frames(demo_store))
    kept = table[table.attempts >= analytics.MIN_DIFFICULTY_ATTEMPTS]
    assert 0 < len(kept) < len(table)
    assert dash.difficulty.value.count("<tr>") == len(kept) + 1
    for sid in table.index:
        title = esc(library.scenarios[sid].title.en)
        assert (title in dash.difficulty.value) == (sid in kept.index)


def test_cohort_dashboard_says_when_no_case_qualifies(library, sqlite_store):
    make_cohort(sqlite_store, library, trainees=1, seed=1)
    assert (analytics.scenario_difficulty(analytics.load_frames(sqlite_store)).attempts < 5).all()
    dash = CohortDashboard(library, sqlite_store, lang="zh")
    assert "还没有案例达到 5 次完成练习" in dash.difficulty.value


def test_agreement_tables_carry_n_and_hold_kappa_back_on_few_items(library, demo_store):
    frames = analytics.load_frames(demo_store)
    checker = analytics.checker_mentor_table(frames)
    mentors = analytics.mentor_mentor_table(frames)
    assert {"items", "agreement", "kappa"} <= set(checker.columns)
    assert checker[checker["items"] < 5].kappa.isna().all()
    assert mentors[mentors["items"] < 5].kappa.isna().all()
    dash = CohortDashboard(library, demo_store, lang="en")
    for html, table in ((dash.agreement.value, checker), (dash.mentor_agreement.value, mentors)):
        assert "Answers (n)" in html and "Agreement" in html
        assert html.count("<tr>") == len(table) + 1
        for n in table["items"]:
            assert f">{n}</td>" in html
    assert "too few (under 5)" in dash.mentor_agreement.value


def test_cohort_dashboard_in_chinese_pages_by_chapter(library, demo_store):
    dash = CohortDashboard(library, demo_store, lang="zh")
    shown = widget_text(dash)
    assert not [p for p in english_fragments(("cohort.", "charts.")) if p in shown]
    overview = bytes(dash.heatmap.value)
    dash.chapter.value = "returns"
    assert bytes(dash.heatmap.value) != overview and dash.status.value == ""
    assert png_size(dash.heatmap.value)[0] <= 900


def test_cohort_dashboard_on_an_empty_store(library, sqlite_store):
    dash = CohortDashboard(library, sqlite_store, lang="zh")
    assert "还没有学员完成练习" in dash.heat_note.value
    assert "导师还没有复核" in dash.agreement.value
