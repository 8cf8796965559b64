"""ReviewQueue: a mentor's queue of written answers.

Each item shows what a mentor needs to judge a reply without opening anything else: the case
and step, the customer's message being answered, the reply with the checker's evidence marked,
the model answer, the checker's verdicts to confirm or override, and the mentor's earlier
comments to reuse. Saving goes through the store, which alone decides who is a mentor.
"""

from __future__ import annotations

import ipywidgets as w

from . import chat_html as ch
from .content import Library
from .engine import Attempt
from .feedback import evidence_text
from .guard import guarded
from .i18n import t

VERDICTS = ("followed", "violated", "missed")


class ReviewQueue(w.VBox):
    def __init__(self, library: Library, store, mentor: str, lang: str = "en"):
        super().__init__(layout=w.Layout(max_width="860px"))
        self.add_class("as-player")
        self.library, self.store, self.mentor, self.lang = library, store, mentor, lang
        self.banner = w.HTML()
        self.picker = w.Dropdown(
            description=t("review.answer", lang), layout=w.Layout(width="100%")
        )
        self.detail = w.HTML()
        self.verdicts: dict[str, w.ToggleButtons] = {}
        self.verdict_box = w.VBox()
        self.snippets = w.Dropdown(layout=w.Layout(width="100%"))
        self.comment = w.Textarea(
            placeholder=t("review.comment", lang), layout=w.Layout(width="100%", height="90px")
        )
        self.save = w.Button(
            description=t("review.save", lang), button_style="success", icon="check"
        )
        self.status = w.HTML()
        self.picker.observe(self._guarded(self._show), names="value")
        self.snippets.observe(self._guarded(self._use_snippet), names="value")
        self.save.on_click(self._guarded(self.record))
        self.children = (
            w.HTML(ch.PLAYER_CSS),
            self.banner,
            self.picker,
            self.detail,
            self.verdict_box,
            w.HTML(f"<b>{ch.esc(t('review.comment', lang))}</b>"),
            self.snippets,
            self.comment,
            self.save,
            self.status,
        )
        self._guarded(self.refresh)()

    def _guarded(self, action):
        return guarded(self.status, lambda: self.lang, action)

    def refresh(self) -> None:
        is_mentor = self.store.role(self.mentor) == "mentor"
        self.banner.value = (
            "" if is_mentor else ch.error_html(t("review.not_mentor", self.lang, name=self.mentor))
        )
        self.queue = self.store.review_queue()
        self.picker.options = [(self._label(q), i) for i, q in enumerate(self.queue)]
        self.picker.value = 0 if self.queue else None
        none = t("review.snippet_none", self.lang)
        self.snippets.options = [(none, "")] + [
            (s if len(s) <= 90 else s[:88] + "…", s)
            for s in self.store.comment_snippets(self.mentor)
        ]
        self.snippets.value = ""
        self._show()

    def _label(self, item: dict) -> str:
        scenario = self.library.scenarios.get(item["scenario_id"])
        title = scenario.title.in_lang(self.lang) if scenario else item["scenario_id"]
        return f"#{item['attempt_id']} {item['trainee']} · {title}"

    def _use_snippet(self) -> None:
        if self.snippets.value:
            gap = "\n" if self.comment.value.strip() else ""
            self.comment.value = self.comment.value.rstrip() + gap + self.snippets.value
            self.snippets.value = ""

    def _show(self) -> None:
        lang = self.lang
        if not self.queue or self.picker.value is None:
            self.detail.value = f"<p>{ch.esc(t('review.empty', lang))}</p>"
            self.verdict_box.children = ()
            return
        item = self.queue[self.picker.value]
        scenario = self.library.scenarios.get(item["scenario_id"])
        found = self.store.review_detail(item["attempt_id"], item["step_id"])
        auto = {row["rule"]: row for row in found["auto"]}
        head = (
            f'<p class="as-hint">{ch.esc(t("review.queue_size", lang, n=len(self.queue)))}</p>'
            f"<p><b>{ch.esc(t('review.trainee', lang))}</b>{ch.colon(lang)}{ch.esc(item['trainee'])}"
        )
        if scenario is None:  # the case was removed from the library since
            self.detail.value = head + f"</p><pre>{ch.esc(item['text'])}</pre>"
        else:
            self.detail.value = head + self._context(scenario, item, found["state"], auto)
        self.verdicts = {
            rule: w.ToggleButtons(
                options=[(t(f"verdict.{v}", lang), v) for v in VERDICTS],
                value=row["outcome"],
                description=self._rule_title(rule),
                style={"description_width": "initial", "button_width": "90px"},
                layout=w.Layout(width="100%"),
            )
            for rule, row in auto.items()
        }
        self.verdict_box.children = (
            w.HTML(f"<b>{ch.esc(t('review.checker', lang))}</b>"),
            *self.verdicts.values(),
        )

    def _rule_title(self, rule_id: str) -> str:
        rule = self.library.rules.get(rule_id)
        return rule.title.in_lang(self.lang) if rule else rule_id

    def _context(self, scenario, item: dict, state: dict, auto: dict) -> str:
        lang = self.lang
        step = scenario.step(item["step_id"])
        name = scenario.context.customer.name.in_lang(lang)
        said = "".join(
            ch.line_html(x.who, x.text.in_lang(lang), lang, name, x.at) for x in step.conversation()
        )
        hits = [
            (row["evidence"], row["outcome"])
            for row in auto.values()
            if row["evidence"] and row["outcome"] in ("followed", "violated")
        ]
        reply = ch.line_html(
            "agent",
            item["text"],
            lang,
            name,
            body_html=ch.highlighted(item["text"], hits),
            agent_name=item["trainee"],
        )
        path = self._path(scenario, state)
        worded = {r: evidence_text(step, r, row["evidence"], lang) for r, row in auto.items()}
        found = "".join(
            f"<li>{ch.esc(self._rule_title(r))}{ch.colon(lang)}{ch.esc(t('verdict.' + row['outcome'], lang))}"
            + (f" — {ch.esc(t('review.found', lang))} “{ch.esc(worded[r])}”" if worded[r] else "")
            + "</li>"
            for r, row in auto.items()
        )
        model = step.model_answer.in_lang(lang) if step.kind in ("reply", "remark") else ""
        return (
            f" · <b>{ch.esc(t('review.case', lang))}</b>{ch.colon(lang)}{ch.esc(scenario.title.in_lang(lang))}"
            f" · <b>{ch.esc(t('review.step', lang))}</b>{ch.colon(lang)}{ch.esc(step.prompt.in_lang(lang))}</p>"
            f'<p class="as-hint">{ch.esc(t("review.path", lang))}{ch.colon(lang)}{ch.esc(path)}</p>'
            f"<b>{ch.esc(t('review.customer_said', lang))}</b>{said}"
            f"<b>{ch.esc(t('review.reply', lang))}</b>{reply}"
            f'<div class="as-fb"><ul>{found}</ul><div class="as-model"><b>{ch.esc(t("player.model_answer", lang))}</b>'
            f'<span style="white-space:pre-wrap">{ch.esc(model)}</span></div></div>'
        )

    def _path(self, scenario, state: dict) -> str:
        """The steps the trainee went through, by prompt, in the mentor's language."""
        try:
            attempt = Attempt.from_state(self.library, state)
        except Exception:  # content changed since: the path can no longer be replayed
            return "–"
        steps = [scenario.step(a["step"]).prompt.in_lang(self.lang) for a in attempt.answers]
        return " → ".join(f"{n}. {p}" for n, p in enumerate(steps, 1))

    def record(self) -> int | None:
        if not self.queue or self.picker.value is None:
            return None
        item = self.queue[self.picker.value]
        verdicts = {rule: toggle.value for rule, toggle in self.verdicts.items()}
        review_id = self.store.record_review(
            self.mentor, item["attempt_id"], item["step_id"], verdicts, self.comment.value
        )
        self.comment.value = ""
        self.refresh()
        self.status.value = f'<p class="as-note">{ch.esc(t("review.saved", self.lang, id=review_id, trainee=item["trainee"]))}</p>'
        return review_id
