"""One-line entry points for the notebooks' hidden cells: each returns a widget or HTML.

A trainee's notebook shows prose and widgets only; the code behind them is here, so a notebook
cell reads `practice("stock-out")` and nothing else.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .content import Library, load_library
from .identity import trainee_name, ui_lang

EXAMPLES_FILE = Path("notebooks") / "worked_examples.yaml"
MODEL = "model"  # a worked example's answer to a written step: the step's model answer


@cache
def library() -> Library:
    return load_library()


@cache
def store():
    from .store import Store

    return Store.open()


def worked_examples() -> dict[str, dict]:
    return yaml.safe_load((library().root / EXAMPLES_FILE).read_text(encoding="utf-8"))


def example_cases() -> frozenset[str]:
    """Cases shown with their answers somewhere: never offered as practice."""
    return frozenset(e["case"] for e in worked_examples().values())


def worked_example(key: str, lang: str | None = None):
    """The example case played with its recorded answers, as a static page with feedback."""
    from IPython.display import HTML

    from .chat_html import PLAYER_CSS
    from .player import ScenarioPlayer

    example = worked_examples()[key]
    player = ScenarioPlayer(library(), example["case"], lang=lang or ui_lang(), seed=0)
    while not player.attempt.finished:
        answer = example["answers"][player.attempt.current]
        if answer == MODEL:  # written steps: the model answer, in the reader's language
            answer = player.attempt.step.model_answer.in_lang(player.lang)
        player.attempt.answer(answer)
    player._render()
    page = player.header.value + player.chat.value + player.prompt.value
    return HTML(f'{PLAYER_CSS}<div class="as-player" style="max-width:860px">{page}</div>')


def practice(family: str, case: str | None = None):
    from .picker import CasePicker

    return CasePicker(
        library(),
        store(),
        trainee_name(),
        lang=ui_lang(),
        family=family,
        exclude=tuple(example_cases()),
        case=case,
    )


def playbook(*chapters: str):
    from .browse import RuleBrowser

    return RuleBrowser(library(), lang=ui_lang(), chapters=chapters)


def ladder():
    from IPython.display import HTML

    from .browse import ladder_html

    return HTML(ladder_html(library(), ui_lang()))


def progress():
    from .dashboards import ProgressView

    return ProgressView(library(), store(), trainee_name(), lang=ui_lang())


def mentor_review():
    from .review import ReviewQueue

    return ReviewQueue(library(), store(), trainee_name(), lang=ui_lang())


def cohort():
    from .dashboards import CohortDashboard

    return CohortDashboard(library(), store(), lang=ui_lang())
