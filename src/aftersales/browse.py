"""RuleBrowser: search the playbook and filter it by chapter, in the reader's language; and the
level ladder as a readable table. Views over the loaded library; no store needed."""

from __future__ import annotations

import ipywidgets as w

from . import chat_html as ch
from .content import Library
from .feedback import source_label
from .guard import guarded
from .i18n import t

ALL = ""


def rule_html(rule, lang: str) -> str:
    kind = t(f"rules.kind.{rule.kind}", lang)
    tags = [kind, t("rules.weight", lang, n=rule.weight)]
    if rule.critical:
        tags.append(t("player.critical_mark", lang))
    label = source_label(rule.source, lang)
    quote = rule.source.quote.replace("**", "")
    return (
        f'<div class="as-rulecard" data-rule="{ch.esc(rule.id)}" style="border:1px solid #d0d7de;'
        f'border-radius:8px;padding:8px 12px;margin:6px 0">'
        f"<b>{ch.esc(rule.title.in_lang(lang))}</b> "
        f'<span class="as-src">{ch.esc(" · ".join(tags))}</span>'
        f"<div>{ch.esc(rule.text.in_lang(lang))}</div>"
        f'<div class="as-src">{ch.esc(t("player.source", lang))}{ch.colon(lang)}{ch.esc(label)} '
        f"<details style='display:inline'><summary style='display:inline;cursor:pointer'>"
        f"{ch.esc(t('player.quote', lang))}</summary> “{ch.esc(quote)}”</details>"
        f' <code style="font-size:11px;color:#8c959f">{ch.esc(rule.id)}</code></div></div>'
    )


def matches(rule, query: str) -> bool:
    if not query:
        return True
    haystack = " ".join(
        [rule.id, rule.title.en, rule.title.zh, rule.text.en, rule.text.zh, rule.source.quote]
    ).casefold()
    return all(word in haystack for word in query.casefold().split())


class RuleBrowser(w.VBox):
    def __init__(self, library: Library, lang: str = "en", chapters: tuple[str, ...] = ()):
        super().__init__(layout=w.Layout(max_width="860px"))
        self.add_class("as-player")
        self.library, self.lang = library, lang
        self.status = w.HTML()
        self.query = w.Text(
            placeholder=t("rules.search_hint", lang),
            description=t("rules.search", lang),
            continuous_update=True,
            layout=w.Layout(width="60%"),
        )
        self.chapter = w.Dropdown(
            options=[(t("rules.all_chapters", lang), ALL)]
            + [(c.title.in_lang(lang), c.chapter) for c in library.chapters],
            value=chapters[0] if len(chapters) == 1 else ALL,
            description=t("rules.chapter", lang),
            layout=w.Layout(width="40%"),
        )
        self.only = set(chapters) if len(chapters) > 1 else set()
        self.count = w.HTML()
        self.listing = w.HTML()
        for control in (self.query, self.chapter):
            control.observe(guarded(self.status, lambda: self.lang, self.refresh), names="value")
        self.children = (
            w.HTML(ch.PLAYER_CSS),
            w.HBox([self.query, self.chapter]),
            self.count,
            self.listing,
            self.status,
        )
        self.refresh()

    def shown(self) -> list:
        return [
            r
            for r in self.library.rules.values()
            if (not self.chapter.value or r.chapter == self.chapter.value)
            and (not self.only or r.chapter in self.only)
            and matches(r, self.query.value.strip())
        ]

    def refresh(self) -> None:
        rules = self.shown()
        self.count.value = (
            f'<p class="as-hint">{ch.esc(t("rules.count", self.lang, n=len(rules)))}</p>'
        )
        self.listing.value = "".join(rule_html(r, self.lang) for r in rules)


def ladder_html(library: Library, lang: str) -> str:
    """The promotion ladder: each level's title, what it means and what it takes, in words."""
    rows = []
    for level in library.ladder.levels:
        c = level.criteria
        needs = []
        if c.months_at_previous:
            needs.append(t("levels.tenure", lang, n=c.months_at_previous))
        if c.clean_months:
            needs.append(t("levels.clean", lang, n=c.clean_months, attempts=c.min_attempts))
        if c.assessment:
            titles = [
                library.scenarios[s].title.in_lang(lang)
                for s in c.assessment
                if s in library.scenarios
            ]
            needs.append(
                t("levels.assessment", lang, cases=("、" if lang == "zh" else ", ").join(titles))
            )
        criteria = (
            ("；" if lang == "zh" else "; ").join(needs) if needs else t("levels.entry", lang)
        )
        rows.append(
            f"<tr><td style='white-space:nowrap;vertical-align:top'><b>{ch.esc(level.title.in_lang(lang))}</b></td>"
            f"<td>{ch.esc(level.text.in_lang(lang))}<br><span class='as-src'>{ch.esc(criteria)}</span></td></tr>"
        )
    return (
        f"{ch.PLAYER_CSS}<table class='as-player' style='max-width:860px'>{''.join(rows)}</table>"
    )
