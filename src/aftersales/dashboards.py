"""ProgressView (trainee) and CohortDashboard (mentors): widgets over analytics and charts.

Each builds and returns itself; `refresh()` reloads from the store. Every label is in the
viewer's language (`lang`, "en" or "zh"); everything a trainee or a mentor typed is escaped
before it reaches the page. A callback that fails shows the error in the widget, in the
viewer's language, and leaves the data as it was (`guard.guarded`).
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from . import analytics, charts, db
from .content import Library
from .guard import guarded
from .html import esc
from .i18n import lang_of, t

VERDICTS = ("followed", "violated", "missed")
IMAGE_LAYOUT = {"max_width": "100%", "height": "auto"}


def _trainee_id(frames, name: str) -> int | None:
    people = frames["trainees"]
    found = people[people.name == name]
    return int(found.id.iloc[0]) if len(found) else None


def _case_title(library: Library, scenario_id: str, lang: str) -> str:
    scenario = library.scenarios.get(scenario_id)
    return scenario.title.in_lang(lang) if scenario else str(scenario_id)


def _rule_title(library: Library, rule_id: str, lang: str) -> str:
    rule = library.rules.get(rule_id)
    return rule.title.in_lang(lang) if rule else str(rule_id)


def _table(headers: list[str], rows: list[list[str]], align_right: set[int]) -> str:
    """An HTML table; `headers` and `rows` are already escaped HTML."""
    style = "padding:2px 10px;border-bottom:1px solid #e5e5e5"

    def cell(tag: str, i: int, value: str) -> str:
        side = "right" if i in align_right else "left"
        return f"<{tag} style='{style};text-align:{side}'>{value}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows
    )
    return f"<table class='as-table' style='border-collapse:collapse'><tr>{head}</tr>{body}</table>"


class ProgressView(w.VBox):
    """Level, counts, next case, score and mastery charts, mentor comments, casebook notes."""

    def __init__(self, library: Library, store, trainee: str, lang: str = "en"):
        super().__init__(layout=w.Layout(max_width="920px"))
        self.library, self.store, self.trainee = library, store, trainee
        self.lang = lang = lang_of(lang)
        self.report = w.HTML()
        self.scores_heading = w.HTML(f"<h4>{esc(t('progress.scores', lang))}</h4>")
        self.scores_image = w.Image(format="png", layout=w.Layout(**IMAGE_LAYOUT))
        self.mastery_heading = w.HTML(
            f"<h4>{esc(t('progress.mastery', lang))}</h4>"
            f"<p><small>{esc(t('progress.mastery_help', lang, need=analytics.MIN_EVIDENCE))}"
            "</small></p>"
        )
        self.mastery_image = w.Image(format="png", layout=w.Layout(**IMAGE_LAYOUT))
        self.mastery_note = w.HTML()
        self.comments = w.HTML()
        cases = sorted(
            ((library.scenarios[sid].title.in_lang(lang), sid) for sid in library.scenarios),
            key=lambda item: item[0],
        )
        self.note_scenario = w.Dropdown(
            options=cases,
            description=t("progress.note_case", lang),
            layout=w.Layout(width="100%", max_width="640px"),
        )
        self.note_text = w.Textarea(
            placeholder=t("progress.note_placeholder", lang), layout=w.Layout(width="100%")
        )
        self.save_note = w.Button(description=t("progress.save_note", lang), icon="save")
        self.status = w.HTML()
        self.save_note.on_click(guarded(self.status, lambda: self.lang, self._save_note))
        self.notes = w.HTML()
        self._charts = (
            self.scores_heading,
            self.scores_image,
            self.mastery_heading,
            self.mastery_image,
            self.mastery_note,
        )
        self.children = (
            self.report,
            *self._charts,
            w.HTML(f"<h4>{esc(t('progress.comments', lang))}</h4>"),
            self.comments,
            w.HTML(f"<h4>{esc(t('progress.casebook', lang))}</h4>"),
            self.note_scenario,
            self.note_text,
            self.save_note,
            self.status,
            self.notes,
        )
        self.refresh()

    def refresh(self) -> None:
        frames = analytics.load_frames(self.store)
        tid = _trainee_id(frames, self.trainee)
        cohort = analytics.Cohort.build(self.library, frames) if tid is not None else None
        row = (
            analytics.trainee_row(
                self.library, cohort, tid, self.trainee, analytics.unfinished_counts(frames)
            )
            if tid is not None
            else None
        )
        if row is None or row["attempts"] + row["unfinished"] == 0:
            self.report.value = (
                f"<h3>{esc(self.trainee)}</h3>"
                f"<p>{esc(t('progress.no_attempts', self.lang, name=self.trainee))}</p>"
            )
            for widget in self._charts:
                widget.layout.display = "none"
            self.comments.value = f"<p><i>{esc(t('progress.no_comments', self.lang))}</i></p>"
        else:
            for widget in self._charts:
                widget.layout.display = None
            self._report(cohort, tid, row)
            self.comments.value = self._comments(frames, tid)
        self.notes.value = self._notes()

    def _report(self, cohort, tid: int, row: dict) -> None:
        lang, library = self.lang, self.library
        level_title = next(
            lv.title.in_lang(lang) for lv in library.ladder.levels if lv.id == row["level"]
        )
        counts = {
            "finished": row["attempts"],
            "passed": row["passed"],
            "unfinished": row["unfinished"],
        }
        key = "progress.counts.one" if counts["finished"] == 1 else "progress.counts"
        nxt = row["recommended"]
        next_line = (
            f"<p>{esc(t('progress.next', lang, title=_case_title(library, nxt, lang)))}</p>"
            if nxt
            else ""
        )
        self.report.value = (
            f"<h3>{esc(self.trainee)}</h3>"
            f"<p><b>{esc(t('progress.level', lang, level=level_title))}</b></p>"
            f"<p>{esc(t(key, lang, **counts))}</p>{next_line}"
        )
        mine = cohort.attempts_of(tid)
        self.scores_image.value = charts.png_bytes(
            charts.score_figure(mine.score.astype(float).tolist(), lang, mine.passed.tolist())
        )
        m = cohort.mastery[cohort.mastery.trainee_id == tid]
        rule_ids = m.rule_id.astype(str)
        self.mastery_image.value = charts.png_bytes(
            charts.mastery_figure(
                library,
                dict(zip(rule_ids, m.mastery, strict=True)),
                dict(zip(rule_ids, m.evidence, strict=True)),
                lang,
            )
        )
        untouched = len(set(library.rules) - set(rule_ids))
        self.mastery_note.value = (
            f"<p><small>{esc(t('progress.not_practised', lang, n=untouched, total=len(library.rules)))}"
            "</small></p>"
            if untouched
            else ""
        )

    def _comments(self, frames, tid: int) -> str:
        reviews = frames["reviews"].merge(
            frames["attempts"][["id", "trainee_id", "scenario_id"]],
            left_on="attempt_id",
            right_on="id",
        )
        reviews = reviews[(reviews.trainee_id == tid) & reviews.comment.fillna("").astype(bool)]
        if reviews.empty:
            return f"<p><i>{esc(t('progress.no_comments', self.lang))}</i></p>"
        items = []
        for r in reviews.sort_values("created_at", ascending=False).itertuples():
            scenario = self.library.scenarios.get(r.scenario_id)
            steps = [s.id for s in scenario.steps] if scenario else []
            step = (
                t("progress.step", self.lang, n=steps.index(r.step_id) + 1)
                if r.step_id in steps
                else str(r.step_id)
            )
            items.append(
                f"<li><b>{esc(t('progress.comment_where', self.lang, case=_case_title(self.library, r.scenario_id, self.lang), step=step))}</b> <small style='color:#777'>{esc(str(r.created_at)[:10])}</small><br>"
                f"<span style='white-space:pre-wrap'>{esc(r.comment)}</span></li>"
            )
        return f"<ul class='as-comments'>{''.join(items)}</ul>"

    def _notes(self) -> str:
        notes = self.store.notes(self.trainee)
        if not notes:
            return f"<p><i>{esc(t('progress.no_notes', self.lang))}</i></p>"
        rows = [
            [
                esc(_case_title(self.library, n["scenario_id"], self.lang)),
                esc(str(n["created_at"])[:16].replace("T", " ")),
                f"<span style='white-space:pre-wrap'>{esc(n['text'])}</span>",
            ]
            for n in reversed(notes)
        ]
        headers = [
            esc(t(key, self.lang))
            for key in ("progress.note_case", "progress.notes_written", "progress.notes_text")
        ]
        return _table(headers, rows, set())

    def _save_note(self) -> None:
        text = self.note_text.value
        if not text.strip():
            self.status.value = f"<p>{esc(t('progress.note_empty', self.lang))}</p>"
            return
        if len(text) > db.MAX_TEXT:
            self.status.value = (
                f"<p style='color:#b00020'>"
                f"{esc(t('progress.note_too_long', self.lang, max=db.MAX_TEXT, n=len(text)))}</p>"
            )
            return
        self.store.add_note(self.trainee, self.note_scenario.value, text)
        self.note_text.value = ""
        self.status.value = f"<p>{esc(t('progress.note_saved', self.lang))}</p>"
        self.notes.value = self._notes()


class CohortDashboard(w.VBox):
    """Mastery heatmap by chapter, case difficulty, checker-mentor and mentor-mentor agreement."""

    def __init__(self, library: Library, store, lang: str = "en"):
        super().__init__(layout=w.Layout(max_width="920px"))
        self.library, self.store = library, store
        self.lang = lang = lang_of(lang)
        self.chapter = w.Dropdown(
            options=[(t("cohort.overview", lang), "")]
            + [(c.title.in_lang(lang), c.chapter) for c in library.chapters],
            value="",
            description=t("cohort.chapter", lang),
            layout=w.Layout(width="100%", max_width="640px"),
        )
        self.heatmap = w.Image(format="png", layout=w.Layout(**IMAGE_LAYOUT))
        self.heat_note = w.HTML()
        self.difficulty, self.agreement, self.mentor_agreement = w.HTML(), w.HTML(), w.HTML()
        self.status = w.HTML()
        self._cells = pd.DataFrame(columns=["trainee", "rule_id", "mastery", "evidence"])
        self._png: dict[str, bytes] = {}
        self.chapter.observe(
            guarded(self.status, lambda: self.lang, self._show_heatmap), names="value"
        )
        self.children = (
            w.HTML(f"<h3>{esc(t('cohort.mastery', lang))}</h3>"),
            w.HTML(
                f"<p><small>{esc(t('cohort.heat_help', lang, need=analytics.MIN_EVIDENCE))}"
                "</small></p>"
            ),
            self.chapter,
            self.status,
            self.heat_note,
            self.heatmap,
            w.HTML(f"<h3>{esc(t('cohort.difficulty', lang))}</h3>"),
            self.difficulty,
            w.HTML(
                f"<h3>{esc(t('cohort.checker', lang))}</h3>"
                f"<p><small>{esc(t('cohort.kappa_help', lang, min=analytics.MIN_KAPPA_ITEMS))}"
                "</small></p>"
            ),
            self.agreement,
            w.HTML(f"<h3>{esc(t('cohort.mentors', lang))}</h3>"),
            self.mentor_agreement,
        )
        self.refresh()

    def refresh(self) -> None:
        frames = analytics.load_frames(self.store)
        self._cells = analytics.cohort_cells(frames)
        self._png = {}
        self.status.value = ""
        self._show_heatmap()
        self.difficulty.value = self._difficulty(frames)
        self.agreement.value = self._agreement(
            analytics.checker_mentor_table(frames), "cohort.no_reviews"
        )
        self.mentor_agreement.value = self._agreement(
            analytics.mentor_mentor_table(frames), "cohort.no_pairs"
        )

    def heatmap_png(self, chapter: str = "") -> bytes:
        """The heatmap of one chapter ("" for the chapters overview), rendered once."""
        if chapter not in self._png:
            figure = (
                charts.chapter_heatmap_figure(self.library, self._cells, chapter, self.lang)
                if chapter
                else charts.chapters_overview_figure(self.library, self._cells, self.lang)
            )
            self._png[chapter] = charts.png_bytes(figure)
        return self._png[chapter]

    def _show_heatmap(self) -> None:
        if self._cells.empty:
            self.heat_note.value = f"<p><i>{esc(t('cohort.no_trainees', self.lang))}</i></p>"
            self.heatmap.layout.display = "none"
            return
        self.heat_note.value = ""
        self.heatmap.layout.display = None
        self.heatmap.value = self.heatmap_png(self.chapter.value)
        self.status.value = ""

    def _difficulty(self, frames) -> str:
        lang, least = self.lang, analytics.MIN_DIFFICULTY_ATTEMPTS
        everything = analytics.scenario_difficulty(frames)
        table = analytics.case_difficulty(frames, least)
        if table.empty:
            return f"<p><i>{esc(t('cohort.difficulty_none', lang, min=least))}</i></p>"
        rows = [
            [
                esc(_case_title(self.library, sid, lang)),
                str(int(r.attempts)),
                f"{r.pass_rate:.0%}",
                f"{r.mean_score:.1f}",
            ]
            for sid, r in table.iterrows()
        ]
        headers = [
            esc(t(k, lang))
            for k in ("cohort.case", "cohort.attempts", "cohort.pass_rate", "cohort.mean_score")
        ]
        skipped = len(everything) - len(table)
        return (
            f"<p><small>{esc(t('cohort.difficulty_help', lang, min=least, skipped=skipped))}"
            f"</small></p>{_table(headers, rows, {1, 2, 3})}"
        )

    def _agreement(self, table: pd.DataFrame, empty_key: str) -> str:
        lang, least = self.lang, analytics.MIN_KAPPA_ITEMS
        if table.empty:
            return f"<p><i>{esc(t(empty_key, lang))}</i></p>"
        rows, starred = [], False
        for r in table.itertuples():
            if r.kappa != r.kappa:
                kappa = esc(t("cohort.too_few", lang, min=least))
            else:
                kappa = f"{r.kappa:.2f}" + ("*" if r.one_verdict else "")
                starred |= bool(r.one_verdict)
            rows.append(
                [
                    esc(_rule_title(self.library, r.rule_id, lang)),
                    str(int(r.items)),
                    f"{r.agreement:.0%}",
                    kappa,
                ]
            )
        headers = [
            esc(t(k, lang))
            for k in ("cohort.rule", "cohort.items", "cohort.agreement", "cohort.kappa")
        ]
        note = f"<p><small>{esc(t('cohort.one_verdict_help', lang))}</small></p>" if starred else ""
        return _table(headers, rows, {1, 2, 3}) + note
