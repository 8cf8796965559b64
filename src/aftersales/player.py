"""ScenarioPlayer: a case as a conversation, over the attempt engine.

The widget builds and returns itself (no `display()` here). It only ever sends option ids and
texts to the browser; rules and feedback arrive after an answer is given. The conversation is
drawn from the attempt itself (its answers and grades), so a resumed attempt shows everything
said so far. Every callback goes through `_guarded`: an exception becomes a message in the
widget, in the trainee's language, and the attempt stays where it was.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable

import ipywidgets as w

from . import chat_html as ch
from .cases import next_case
from .content import Library
from .engine import Attempt, parse_answer
from .errors import AnswerError
from .feedback import attempt_rules, attempt_summary, step_feedback, to_practise
from .guard import guarded
from .i18n import t

log = logging.getLogger(__name__)


class ScenarioPlayer(w.VBox):
    def __init__(
        self,
        library: Library,
        scenario_id: str,
        lang: str = "en",
        trainee: str | None = None,
        store=None,
        seed: int | None = None,
    ):
        super().__init__(layout=w.Layout(max_width="860px"))
        self.add_class("as-player")
        self.library, self.scenario_id, self.trainee, self.store = (
            library,
            scenario_id,
            trainee,
            store,
        )
        self.seed = seed
        self.status = w.HTML()
        self.lang_switch = w.ToggleButtons(
            options=[("English", "en"), ("中文", "zh")], value="zh" if lang == "zh" else "en"
        )
        self.lang_switch.observe(self._guarded(lambda: self._render()), names="value")
        self.header = w.HTML()
        self.chat = w.HTML()
        self.mood = w.HTML()
        self.prompt = w.HTML()
        self.controls = w.VBox(layout=w.Layout(width="100%"))
        self.children = (
            w.HTML(ch.PLAYER_CSS),
            self.lang_switch,
            self.header,
            self.chat,
            self.mood,
            self.prompt,
            self.controls,
            self.status,
        )
        self.attempt_id: int | None = None
        self.summary: dict | None = None
        self.option_buttons: dict[str, w.Button] = {}
        self.checkboxes: dict[str, w.Checkbox] = {}
        self.order_ids: list[str] = []
        self.reply_box = w.Textarea(layout=w.Layout(width="100%", height="120px"))
        self.submit = w.Button(button_style="primary", icon="paper-plane")
        self.submit.on_click(self._guarded(self._submit))
        self.again = w.Button(icon="refresh")
        self.again.on_click(self._guarded(self.restart))
        self.next_button = w.Button(button_style="success", icon="arrow-right")
        self.next_button.on_click(self._guarded(self._open_next))
        self.next_id: str | None = None
        # Called after the player opens a case or reaches an ending (the case picker follows).
        self.on_change: Callable[[], None] | None = None
        self._guarded(self._start)()

    @property
    def lang(self) -> str:
        return self.lang_switch.value

    def _guarded(self, action: Callable) -> Callable:
        return guarded(self.status, lambda: self.lang, action)

    # --- attempt lifecycle ----------------------------------------------------------------

    def _new_attempt(self) -> Attempt:
        # A fresh shuffle per attempt (recorded in its state), so trainees don't share an order.
        seed = self.seed if self.seed is not None else secrets.randbelow(2**31)
        return Attempt(self.library, self.scenario_id, lang=self.lang, seed=seed)

    def _start(self) -> None:
        self.attempt, self.attempt_id, self.summary = self._new_attempt(), None, None
        note = ""
        if self.store is not None and self.trainee:
            found = self.store.resume(self.library, self.trainee, self.scenario_id)
            if found:
                self.attempt_id, self.attempt = found
                note = t("player.resumed", self.lang) if self.attempt.answers else ""
        self.status.value = f'<p class="as-note">{ch.esc(note)}</p>' if note else ""
        self._shown_at = time.monotonic()
        self._render()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def open_case(self, scenario_id: str) -> None:
        """Switch to another case (resuming it if the trainee left it unfinished)."""
        self.library.scenarios[scenario_id]
        self.scenario_id = scenario_id
        self._start()

    def restart(self) -> None:
        self.attempt, self.attempt_id, self.summary = self._new_attempt(), None, None
        self.status.value = ""
        self._shown_at = time.monotonic()
        self._render()

    def _open_next(self) -> None:
        if self.next_id:
            self.open_case(self.next_id)

    def answer(self, value) -> None:
        """Give an answer to the current step (what every control ends up calling)."""
        try:
            parse_answer(self.attempt.step, value)
        except AnswerError as err:  # not an answer yet: say why, in the trainee's language
            self.status.value = ch.error_html(err.in_lang(self.lang))
            return
        seconds = round(time.monotonic() - self._shown_at, 1)
        before = self.attempt.to_state()
        try:
            if self.store is not None and self.trainee and self.attempt_id is None:
                self.attempt_id = self.store.start_attempt(self.trainee, self.attempt)
            grade = self.attempt.answer(value, seconds=seconds)
            if self.attempt_id is not None:
                self.store.save_answer(self.attempt_id, self.attempt, grade)
        except Exception as err:
            # Not saved means not counted: go back to the step as it was before the click.
            log.exception("aftersales: an answer could not be saved")
            self.attempt = Attempt.from_state(self.library, before)
            self.status.value = ch.error_html(t("player.save_failed", self.lang, error=err))
            self._render()
            return
        self.status.value = ""
        self._shown_at = time.monotonic()
        self._render()

    # --- the conversation -----------------------------------------------------------------

    def _answer_body(self, step, answer, feedback: dict) -> tuple[str, str | None]:
        """What the agent said or did, as text (and as highlighted HTML for a reply)."""
        lang = self.lang
        if step.kind == "remark":
            return answer, None
        if step.kind == "reply":
            hits = [
                (r["phrase"], r["outcome"])
                for r in feedback["rules"]
                if r.get("phrase") and r["outcome"] in ("followed", "violated")
            ]
            return answer, ch.highlighted(answer, hits)
        texts = {o.id: o.text.in_lang(lang) for o in step.options}
        if step.kind == "choice":
            return texts[answer], None
        if step.kind == "order":
            return "\n".join(f"{n}. {texts[i]}" for n, i in enumerate(answer, 1)), None
        picked = [f"• {texts[i]}" for i in answer]
        return "\n".join(picked) or t("player.nothing_ticked", lang), None

    def _lines_html(self, lines) -> str:
        name = self.attempt.scenario.context.customer.name.in_lang(self.lang)
        return "".join(
            ch.line_html(x.who, x.text.in_lang(self.lang), self.lang, name, x.at) for x in lines
        )

    def _conversation(self) -> str:
        sc, lang = self.attempt.scenario, self.lang
        name = sc.context.customer.name.in_lang(lang)
        parts = [ch.call_bar(sc, lang)]
        for record, grade in zip(self.attempt.answers, self.attempt.grades, strict=True):
            step = sc.step(record["step"])
            fb = step_feedback(self.library, grade, lang, sc, record["answer"])
            text, body = self._answer_body(step, record["answer"], fb)
            parts.append(self._lines_html(step.conversation()))
            parts.append(ch.line_html("agent", text, lang, name, body_html=body))
            parts.append(ch.feedback_html(fb, lang))
        if not self.attempt.finished:
            parts.append(self._lines_html(self.attempt.step.conversation()))
        channel = "as-phone" if sc.context.channel == "phone" else "as-chatview"
        return f'<div class="{channel}">{"".join(parts)}</div>'

    def _render(self) -> None:
        self.attempt.lang = self.lang
        self.header.value = ch.case_panel(self.attempt.scenario, self.lang)
        self.chat.value = self._conversation()
        self.mood.value = ch.mood_html(self.attempt.mood, self.lang)
        if self.attempt.finished:
            self._render_ending()
            return
        view = self.attempt.view()
        hint = {
            "choice": "player.pick_one",
            "multi": "player.pick_many",
            "evidence": "player.pick_many",
            "order": "player.pick_order",
        }.get(view.kind)
        deadline = (
            f'<p class="as-hint">{ch.esc(t("player.deadline", self.lang))}{ch.colon(self.lang)}'
            f"{ch.esc(view.deadline)}</p>"
            if view.deadline
            else ""
        )
        if view.kind == "remark":
            hint = "player.remark_hint"
        timer = (
            ch.timer_html(view.within, time.monotonic() - self._shown_at, self.lang)
            if view.within
            else ""
        )
        self.prompt.value = (
            f'<div class="as-prompt">{ch.esc(t("player.step", self.lang, n=view.number))} · '
            f"{ch.esc(view.prompt)}</div>"
            + (f'<p class="as-hint">{ch.esc(t(hint, self.lang))}</p>' if hint else "")
            + deadline
            + timer
        )
        self.controls.children = self._controls(view)

    # --- controls -------------------------------------------------------------------------

    def _controls(self, view) -> tuple:
        self.option_buttons, self.checkboxes = {}, {}
        self.submit.description = t("player.send", self.lang)
        if view.kind == "choice":
            for option in view.options:
                # The whole text, wrapping (see .as-option in PLAYER_CSS); focusable and
                # pressed with Enter or Space like any button.
                button = w.Button(
                    description=option.text, layout=w.Layout(width="100%", height="auto")
                )
                button.add_class("as-option")
                button.on_click(self._guarded(lambda oid=option.id: self.answer(oid)))
                self.option_buttons[option.id] = button
            return tuple(self.option_buttons.values())
        if view.kind in ("multi", "evidence"):
            for option in view.options:
                box = w.Checkbox(
                    description=option.text, indent=False, layout=w.Layout(width="100%")
                )
                box.add_class("as-check")
                self.checkboxes[option.id] = box
            return (*self.checkboxes.values(), self.submit)
        if view.kind == "order":
            self._order_texts = {o.id: o.text for o in view.options}
            self.order_ids = [o.id for o in view.options]
            self.order_box = w.VBox(layout=w.Layout(width="100%"))
            self._order_rows()
            return (self.order_box, self.submit)
        # A remark opens with the remark already on the order, as the workbench does: the
        # trainee adds to it (and can, by mistake, overwrite it: that is what is graded).
        self.reply_box.value = view.original or ""
        self.reply_box.placeholder = t(
            "player.remark_hint" if view.kind == "remark" else "player.placeholder", self.lang
        )
        self.reply_box.max_length = view.max_chars
        return (self.reply_box, self.submit)

    def _order_rows(self) -> None:
        rows = []
        for n, oid in enumerate(self.order_ids):
            up = w.Button(icon="arrow-up", tooltip=t("player.up", self.lang), disabled=n == 0)
            down = w.Button(
                icon="arrow-down",
                tooltip=t("player.down", self.lang),
                disabled=n == len(self.order_ids) - 1,
            )
            up.on_click(self._guarded(lambda oid=oid: self.move_item(oid, -1)))
            down.on_click(self._guarded(lambda oid=oid: self.move_item(oid, 1)))
            card = w.HTML(
                f'<div class="as-card">{n + 1}. {ch.esc(self._order_texts[oid])}</div>',
                layout=w.Layout(width="100%"),
            )
            row = w.HBox([up, down, card], layout=w.Layout(width="100%"))
            row.add_class("as-orderrow")
            rows.append(row)
        self.order_box.children = tuple(rows)

    def move_item(self, option_id: str, offset: int) -> None:
        i = self.order_ids.index(option_id)
        j = i + offset
        if 0 <= j < len(self.order_ids):
            self.order_ids[i], self.order_ids[j] = self.order_ids[j], self.order_ids[i]
            self._order_rows()

    def _submit(self) -> None:
        kind = self.attempt.step.kind
        if kind in ("multi", "evidence"):
            self.answer([oid for oid, box in self.checkboxes.items() if box.value])
        elif kind == "order":
            self.answer(list(self.order_ids))
        else:
            self.answer(self.reply_box.value)

    # --- the ending -----------------------------------------------------------------------

    def _render_ending(self) -> None:
        lang = self.lang
        result = self.attempt.result()
        self.summary = attempt_summary(self.library, result, lang, self.trainee, self.attempt_id)
        rows = attempt_rules(self.library, result, lang)
        practise = to_practise(rows)
        self.prompt.value = ch.ending_html(self.summary, rows, practise, self.library, lang)
        statuses = (
            self.store.scenario_status(self.trainee)
            if self.store is not None and self.trainee
            else {}
        )
        self.next_id = next_case(
            self.library, self.scenario_id, statuses, [r["rule"] for r in practise]
        )
        self.again.description = t("player.again", lang)
        buttons = [self.again]
        if self.next_id:
            title = self.library.scenarios[self.next_id].title.in_lang(lang)
            self.next_button.description = t("player.next_case", lang, title=title)
            self.next_button.layout = w.Layout(width="auto")
            buttons.insert(0, self.next_button)
        self.controls.children = (w.HBox(buttons),)
        self._changed()
