"""ScenarioPlayer: a chat-style case view over the attempt engine.

The widget builds and returns itself (no `display()` here). It only ever sends option ids and
texts to the browser; rules and feedback arrive after an answer is given.
"""

from __future__ import annotations

import time

import ipywidgets as w

from .content import Library
from .engine import Attempt, parse_answer
from .errors import AnswerError
from .feedback import attempt_summary, step_feedback
from .html import bubble, esc, mood_bar, rule_rows

UI = {
    "en": {
        "mood": "Mood",
        "submit": "Send",
        "up": "Move up",
        "down": "Move down",
        "again": "Try again",
        "score": "Score",
        "passed": "passed",
        "failed": "not passed",
        "critical": "Critical rule broken",
        "phone": "📞 Phone call",
        "chat": "💬 Chat",
        "you": "You",
        "resumed": "Resumed your unfinished attempt.",
        "placeholder": "Write your reply to the customer…",
    },
    "zh": {
        "mood": "顾客情绪",
        "submit": "发送",
        "up": "上移",
        "down": "下移",
        "again": "再来一次",
        "score": "得分",
        "passed": "通过",
        "failed": "未通过",
        "critical": "违反了关键规则",
        "phone": "📞 电话",
        "chat": "💬 在线聊天",
        "you": "你",
        "resumed": "已恢复你上次未完成的练习。",
        "placeholder": "写下你给顾客的回复……",
    },
}


class ScenarioPlayer(w.VBox):
    def __init__(
        self,
        library: Library,
        scenario_id: str,
        lang: str = "en",
        trainee: str | None = None,
        store=None,
        seed: int = 0,
    ):
        super().__init__(layout=w.Layout(max_width="820px"))
        self.library, self.scenario_id, self.trainee, self.store = (
            library,
            scenario_id,
            trainee,
            store,
        )
        self.seed = seed
        self.lang_switch = w.ToggleButtons(options=[("English", "en"), ("中文", "zh")], value=lang)
        self.lang_switch.observe(lambda _: self._render(), names="value")
        self.header = w.HTML()
        self.chat = w.HTML()
        self.controls = w.VBox()
        self.feedback = w.HTML()
        self.children = (self.lang_switch, self.header, self.chat, self.controls, self.feedback)
        self.attempt_id: int | None = None
        self.transcript: list[tuple[str, str]] = []
        self.option_buttons: dict[str, w.Button] = {}
        self.checkboxes: dict[str, w.Checkbox] = {}
        self.order_list = w.Select(rows=6, layout=w.Layout(width="100%"))
        self.reply_box = w.Textarea(layout=w.Layout(width="100%", height="110px"))
        self.submit = w.Button(button_style="primary")
        self.submit.on_click(lambda _: self._submit())
        self.again = w.Button(icon="refresh")
        self.again.on_click(lambda _: self.restart())
        self._start()

    @property
    def lang(self) -> str:
        return self.lang_switch.value

    def _t(self, key: str) -> str:
        return UI[self.lang][key]

    # --- attempt lifecycle ----------------------------------------------------------------

    def _start(self) -> None:
        self.attempt = Attempt(self.library, self.scenario_id, lang=self.lang, seed=self.seed)
        self.attempt_id, self.transcript, note = None, [], ""
        if self.store is not None and self.trainee:
            found = self.store.resume(self.library, self.trainee, self.scenario_id)
            if found:
                self.attempt_id, self.attempt = found
                self.attempt.lang = self.lang
                note = self._t("resumed")
        self.feedback.value = f"<i>{esc(note)}</i>" if note else ""
        self._shown_at = time.monotonic()
        self._render()

    def restart(self) -> None:
        self.seed += 1
        self.attempt_id = None
        self.attempt = Attempt(self.library, self.scenario_id, lang=self.lang, seed=self.seed)
        self.transcript, self.feedback.value = [], ""
        self._render()

    def answer(self, value) -> None:
        """Give an answer to the current step (what every control ends up calling)."""
        seconds = round(time.monotonic() - self._shown_at, 1)
        view = self.attempt.view()
        try:
            parse_answer(self.attempt.step, value)
        except AnswerError as err:
            self.feedback.value = f"<p style='color:#c62828'>{esc(err)}</p>"
            return
        if self.store is not None and self.trainee and self.attempt_id is None:
            self.attempt_id = self.store.start_attempt(self.trainee, self.attempt)
        grade = self.attempt.answer(value, seconds=seconds)
        if self.attempt_id is not None:
            self.store.save_answer(self.attempt_id, self.attempt, grade)
        self.transcript.append((view.customer or "", self._answer_text(view, value)))
        fb = step_feedback(self.library, grade, self.lang)
        message = f"<p>{esc(fb['message'])}</p>" if fb["message"] else ""
        self.feedback.value = f'<div class="as-feedback">{message}{rule_rows(fb["rules"])}</div>'
        self._shown_at = time.monotonic()
        self._render()

    def _answer_text(self, view, value) -> str:
        if view.kind == "reply":
            return value
        texts = {o.id: o.text for o in view.options}
        ids = [value] if isinstance(value, str) else list(value)
        return "\n".join(texts[i] for i in ids)

    # --- rendering ------------------------------------------------------------------------

    def _render(self) -> None:
        self.attempt.lang = self.lang
        sc = self.attempt.scenario
        ctx = sc.context
        self.header.value = (
            f"<h3>{esc(sc.title.in_lang(self.lang))}</h3>"
            f"<div>{esc(self._t(ctx.channel))} · {esc(ctx.customer.name.in_lang(self.lang))} · "
            f"{esc(ctx.order.item.in_lang(self.lang))}</div>"
            f"<p><small>{esc(ctx.situation.in_lang(self.lang))}</small></p>"
            + mood_bar(self.attempt.mood, self._t("mood"))
        )
        parts = []
        for customer, agent in self.transcript:
            if customer:
                parts.append(bubble(customer, "customer"))
            parts.append(bubble(agent, "agent"))
        if self.attempt.finished:
            self.chat.value = "".join(parts)
            self._render_ending()
            return
        view = self.attempt.view()
        if view.customer:
            parts.append(bubble(view.customer, "customer"))
        self.chat.value = "".join(parts) + f"<p><b>{esc(view.prompt)}</b></p>"
        self.controls.children = self._controls(view)

    def _controls(self, view) -> tuple:
        self.option_buttons, self.checkboxes = {}, {}
        self.submit.description = self._t("submit")
        if view.kind == "choice":
            for option in view.options:
                button = w.Button(
                    description=option.text[:120],
                    tooltip=option.text,
                    layout=w.Layout(width="100%", height="auto"),
                )
                button.on_click(lambda _, oid=option.id: self.answer(oid))
                self.option_buttons[option.id] = button
            return tuple(self.option_buttons.values())
        if view.kind in ("multi", "evidence"):
            for option in view.options:
                self.checkboxes[option.id] = w.Checkbox(
                    description=option.text, indent=False, layout=w.Layout(width="100%")
                )
            deadline = [w.HTML(f"<i>{esc(view.deadline)}</i>")] if view.deadline else []
            return (*deadline, *self.checkboxes.values(), self.submit)
        if view.kind == "order":
            self.order_list.options = [(o.text, o.id) for o in view.options]
            self.order_list.value = view.options[0].id
            up = w.Button(description=self._t("up"), icon="arrow-up")
            down = w.Button(description=self._t("down"), icon="arrow-down")
            up.on_click(lambda _: self.move(-1))
            down.on_click(lambda _: self.move(1))
            self.move_buttons = (up, down)
            return (self.order_list, w.HBox([up, down]), self.submit)
        self.reply_box.value = ""
        self.reply_box.placeholder = self._t("placeholder")
        self.reply_box.max_length = view.max_chars
        return (self.reply_box, self.submit)

    def move(self, offset: int) -> None:
        items = list(self.order_list.options)
        ids = [v for _, v in items]
        i = ids.index(self.order_list.value)
        j = i + offset
        if 0 <= j < len(items):
            items[i], items[j] = items[j], items[i]
            selected = self.order_list.value
            self.order_list.options = items
            self.order_list.value = selected

    def _submit(self) -> None:
        kind = self.attempt.step.kind
        if kind in ("multi", "evidence"):
            self.answer([oid for oid, box in self.checkboxes.items() if box.value])
        elif kind == "order":
            self.answer([v for _, v in self.order_list.options])
        else:
            self.answer(self.reply_box.value)

    def _render_ending(self) -> None:
        result = self.attempt.result()
        self.summary = attempt_summary(
            self.library, result, self.lang, self.trainee, self.attempt_id
        )
        verdict = self._t("passed") if result.passed else self._t("failed")
        critical = (
            f"<p style='color:#c62828'>{esc(self._t('critical'))}: {esc(', '.join(result.critical_violations))}</p>"
            if result.critical_violations
            else ""
        )
        rules = [r for fb in self.summary["feedback"] for r in fb["rules"]]
        self.chat.value += (
            f"<div class='as-ending'><h4>{esc(self.summary['ending'])}</h4>"
            f"<p><b>{esc(self._t('score'))}: {result.score}/100 · {esc(verdict)}</b> ({esc(result.outcome)})</p>"
            f"{critical}{rule_rows(rules, show_source=False)}</div>"
        )
        self.again.description = self._t("again")
        self.controls.children = (self.again,)
