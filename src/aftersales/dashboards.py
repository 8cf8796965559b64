"""ProgressView (trainee) and CohortDashboard (mentors): widgets over analytics.

Each builds and returns itself; `refresh()` reloads from the store. Everything a trainee or a
mentor typed is escaped before it reaches the page.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from . import analytics
from .content import Library
from .html import bars, esc, heat_table, sparkline

VERDICTS = ("followed", "violated", "missed")


def _trainee_id(frames, name: str) -> int | None:
    people = frames["trainees"]
    found = people[people.name == name]
    return int(found.id.iloc[0]) if len(found) else None


class ProgressView(w.VBox):
    """Scores over time, mastery per rule, next case, level, mentor comments, casebook notes."""

    def __init__(self, library: Library, store, trainee: str, lang: str = "en"):
        super().__init__(layout=w.Layout(max_width="820px"))
        self.library, self.store, self.trainee, self.lang = library, store, trainee, lang
        self.report = w.HTML()
        self.note_scenario = w.Dropdown(options=sorted(library.scenarios), description="Case")
        self.note_text = w.Textarea(
            placeholder="What did you learn? Compare with similar cases.",
            layout=w.Layout(width="100%"),
        )
        self.save_note = w.Button(description="Save note", icon="save")
        self.save_note.on_click(lambda _: self._save_note())
        self.notes = w.HTML()
        self.children = (
            self.report,
            w.HTML("<h4>Casebook · 案例笔记</h4>"),
            self.note_scenario,
            self.note_text,
            self.save_note,
            self.notes,
        )
        self.refresh()

    def refresh(self) -> None:
        frames = analytics.load_frames(self.store)
        tid = _trainee_id(frames, self.trainee)
        if tid is None:
            self.report.value = (
                f"<p>No attempts yet for <b>{esc(self.trainee)}</b>. 还没有练习记录。</p>"
            )
        else:
            self.report.value = self._report(frames, tid)
        self.notes.value = "".join(
            f"<p><code>{esc(n['scenario_id'])}</code> <small>{esc(n['created_at'])}</small><br>"
            f"<span style='white-space:pre-wrap'>{esc(n['text'])}</span></p>"
            for n in self.store.notes(self.trainee)
        )

    def _report(self, frames, tid: int) -> str:
        cohort = analytics.Cohort.build(self.library, frames)
        m = cohort.mastery
        mine = cohort.attempts_of(tid)
        level = analytics.level_of(self.library, cohort, tid)
        level_title = next(
            lv.title.in_lang(self.lang) for lv in self.library.ladder.levels if lv.id == level
        )
        nxt = analytics.recommend(self.library, cohort, tid)
        nxt_title = self.library.scenarios[nxt].title.in_lang(self.lang) if nxt else "–"
        mastery_rows = m[m.trainee_id == tid].sort_values("rule_id")
        items = [
            (r.rule_id, None if pd.isna(r.mastery) else float(r.mastery))
            for r in mastery_rows.itertuples()
        ]
        return (
            f"<h3>{esc(self.trainee)} · {esc(level_title)}</h3>"
            f"<p>{len(mine)} attempts, {int(mine.passed.sum())} passed · next case 下一个案例: <b>{esc(nxt_title)}</b></p>"
            f"<h4>Scores over time · 历次得分</h4>{sparkline(mine.score.astype(float).tolist())}"
            f"<h4>Mastery per rule · 规则掌握度</h4>{bars(items)}"
            f"<h4>Mentor comments · 导师点评</h4>{self._comments(frames, tid)}"
        )

    def _comments(self, frames, tid: int) -> str:
        reviews = frames["reviews"].merge(
            frames["attempts"][["id", "trainee_id", "scenario_id"]],
            left_on="attempt_id",
            right_on="id",
        )
        reviews = reviews[(reviews.trainee_id == tid) & reviews.comment.fillna("").astype(bool)]
        if reviews.empty:
            return "<p><i>–</i></p>"
        return "".join(
            f"<p><code>{esc(r.scenario_id)}</code> / {esc(r.step_id)}: <span style='white-space:pre-wrap'>{esc(r.comment)}</span></p>"
            for r in reviews.sort_values("created_at").itertuples()
        )

    def _save_note(self) -> None:
        if self.note_text.value.strip():
            self.store.add_note(self.trainee, self.note_scenario.value, self.note_text.value)
            self.note_text.value = ""
            self.refresh()


class CohortDashboard(w.VBox):
    """Trainee x rule mastery heatmap, scenario difficulty, and checker-mentor agreement."""

    def __init__(self, library: Library, store):
        super().__init__()
        self.library, self.store = library, store
        self.heatmap, self.difficulty, self.agreement = w.HTML(), w.HTML(), w.HTML()
        self.children = (
            w.HTML("<h3>Mastery: trainees × rules · 学员 × 规则掌握度</h3>"),
            self.heatmap,
            w.HTML("<h3>Scenario difficulty · 案例难度</h3>"),
            self.difficulty,
            w.HTML("<h3>Checker vs mentors (Cohen's kappa) · 自动判分与导师一致性</h3>"),
            self.agreement,
        )
        self.refresh()

    def refresh(self) -> None:
        frames = analytics.load_frames(self.store)
        matrix = analytics.cohort_matrix(frames)
        self.heatmap.value = heat_table(matrix) if not matrix.empty else "<p>–</p>"
        self.difficulty.value = analytics.scenario_difficulty(frames).to_html(escape=True)
        agree = analytics.checker_mentor_agreement(frames)
        mentors = analytics.mentor_mentor_agreement(frames)
        self.agreement.value = (
            agree.to_html(index=False, escape=True)
            + "<h4>Mentor vs mentor</h4>"
            + mentors.to_html(index=False, escape=True)
        )
