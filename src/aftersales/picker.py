"""CasePicker: choose a family and a case (each marked new / passed / practise again), and play
it in the player below, instead of editing a string in a code cell."""

from __future__ import annotations

import ipywidgets as w

from . import chat_html as ch
from .cases import families, family_cases, status_of
from .content import Library
from .guard import guarded
from .i18n import t
from .player import ScenarioPlayer


class CasePicker(w.VBox):
    def __init__(
        self,
        library: Library,
        store=None,
        trainee: str | None = None,
        lang: str = "en",
        family: str | None = None,
        exclude: tuple[str, ...] = (),
        case: str | None = None,
    ):
        super().__init__(layout=w.Layout(max_width="860px"))
        self.library, self.store, self.trainee, self.lang = library, store, trainee, lang
        self.exclude = set(exclude)  # the worked example's case: never offered as practice
        self.status = w.HTML()
        self.family = w.Dropdown(
            options=[(t(f"family.{f}", lang), f) for f in families(library)],
            value=family or (library.scenarios[case].family if case else families(library)[0]),
            description=t("player.family", lang),
            layout=w.Layout(width="100%"),
        )
        self.case = w.Dropdown(description=t("player.case", lang), layout=w.Layout(width="100%"))
        self.open_button = w.Button(
            description=t("player.open", lang), icon="play", button_style="primary"
        )
        self.family.observe(guarded(self.status, lambda: self.lang, self._fill), names="value")
        self.open_button.on_click(guarded(self.status, lambda: self.lang, self._open))
        self._fill()
        if case is not None:
            self.case.value = case
        self.player = ScenarioPlayer(
            library, self.case.value, lang=lang, trainee=trainee, store=store
        )
        self.player.on_change = self._follow
        self.children = (
            w.HTML(ch.PLAYER_CSS),
            w.HBox([self.family, self.case, self.open_button], layout=w.Layout(width="100%")),
            self.status,
            self.player,
        )

    def _statuses(self) -> dict[str, str]:
        if self.store is None or not self.trainee:
            return {}
        return self.store.scenario_status(self.trainee)

    def _fill(self) -> None:
        statuses = self._statuses()
        ids = [c for c in family_cases(self.library, self.family.value) if c not in self.exclude]
        self.case.options = [
            (
                f"{self.library.scenarios[c].title.in_lang(self.lang)} · "
                f"{t('status.' + status_of(statuses, c), self.lang)}",
                c,
            )
            for c in ids
        ]
        # Start where the trainee left off, else at the first case not yet passed.
        unfinished = [c for c in ids if status_of(statuses, c) == "unfinished"]
        todo = [c for c in ids if status_of(statuses, c) != "passed"]
        self.case.value = (unfinished or todo or ids)[0] if ids else None

    def _open(self) -> None:
        if self.case.value:
            self.player.open_case(self.case.value)
            self.status.value = ""

    def _follow(self) -> None:
        """Keep the dropdowns and the statuses in step with the case the player shows."""
        shown = self.player.scenario_id
        family = self.library.scenarios[shown].family
        if self.family.value != family:
            self.family.value = family  # refills the cases through its observer
        else:
            self._fill()
        if shown in {v for _, v in self.case.options}:
            self.case.value = shown
