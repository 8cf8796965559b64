"""ReviewQueue: a mentor's queue of written answers."""

from __future__ import annotations

import ipywidgets as w
from sqlalchemy import select

from . import db
from .content import Library
from .html import esc

VERDICTS = ("followed", "violated", "missed")


class ReviewQueue(w.VBox):
    """A mentor's queue of written answers: confirm or override each rule, comment, save."""

    def __init__(self, library: Library, store, mentor: str):
        super().__init__(layout=w.Layout(max_width="820px"))
        self.library, self.store, self.mentor = library, store, mentor
        self.picker = w.Dropdown(description="Answer", layout=w.Layout(width="100%"))
        self.picker.observe(lambda _: self._show(), names="value")
        self.detail = w.HTML()
        self.verdicts: dict[str, w.ToggleButtons] = {}
        self.verdict_box = w.VBox()
        self.comment = w.Textarea(
            placeholder="Comment for the trainee · 给学员的点评", layout=w.Layout(width="100%")
        )
        self.score = w.BoundedIntText(value=-1, min=-1, max=100, description="Score (-1: keep)")
        self.save = w.Button(description="Save review", button_style="success", icon="check")
        self.save.on_click(lambda _: self.record())
        self.status = w.HTML()
        self.children = (
            self.picker,
            self.detail,
            self.verdict_box,
            self.comment,
            self.score,
            self.save,
            self.status,
        )
        self.refresh()

    def refresh(self) -> None:
        self.queue = self.store.review_queue()
        self.picker.options = [
            (f"#{q['attempt_id']} {q['trainee']} · {q['scenario_id']} / {q['step_id']}", i)
            for i, q in enumerate(self.queue)
        ]
        self.picker.value = 0 if self.queue else None
        self._show()

    def _show(self) -> None:
        if not self.queue or self.picker.value is None:
            self.detail.value, self.verdict_box.children = (
                "<p>The queue is empty. 没有待点评的回答。</p>",
                (),
            )
            return
        item = self.queue[self.picker.value]
        with self.store.engine.connect() as conn:
            path = conn.execute(
                select(db.answers.c.step_id, db.answers.c.choice)
                .where(db.answers.c.attempt_id == item["attempt_id"])
                .order_by(db.answers.c.position)
            ).all()
            auto = conn.execute(
                select(
                    db.rule_outcomes.c.rule_id,
                    db.rule_outcomes.c.outcome,
                    db.rule_outcomes.c.evidence,
                ).where(
                    (db.rule_outcomes.c.attempt_id == item["attempt_id"])
                    & (db.rule_outcomes.c.step_id == item["step_id"])
                    & (db.rule_outcomes.c.source == "auto")
                )
            ).all()
        steps = " → ".join(
            f"{esc(p.step_id)}{'=' + esc(p.choice) if p.choice else ''}" for p in path
        )
        self.detail.value = (
            f"<p><b>{esc(item['trainee'])}</b> · {esc(item['scenario_id'])}<br><small>path: {steps}</small></p>"
            f"<div class='as-reply' style='white-space:pre-wrap;border-left:3px solid #1976d2;padding-left:8px'>{esc(item['text'])}</div>"
        )
        self.verdicts = {
            row.rule_id: w.ToggleButtons(
                options=list(VERDICTS),
                value=row.outcome,
                description=row.rule_id,
                tooltips=[f"auto: {row.outcome} {row.evidence or ''}"] * 3,
                style={"description_width": "260px"},
            )
            for row in auto
        }
        self.verdict_box.children = tuple(self.verdicts.values())

    def record(self) -> int | None:
        if not self.queue or self.picker.value is None:
            return None
        item = self.queue[self.picker.value]
        verdicts = {rule: toggle.value for rule, toggle in self.verdicts.items()}
        score = None if self.score.value < 0 else self.score.value
        review_id = self.store.record_review(
            self.mentor, item["attempt_id"], item["step_id"], verdicts, self.comment.value, score
        )
        self.comment.value = ""
        self.refresh()
        self.status.value = f"<p>Saved review {review_id}. 已保存。</p>"
        return review_id
