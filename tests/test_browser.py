"""JupyterLab in a real Chromium, driven as a trainee and a mentor would: Run All, click, type,
reload. Every step asserts what a person sees, and leaves a screenshot in test-artifacts/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
import yaml
from jupyter_server import jupyter
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from aftersales.engine import best_answers
from aftersales.i18n import STRINGS

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
BLENDER = "discontinued-blender-no-restock"
VIEWPORT = {"width": 1400, "height": 1000}
pytestmark = pytest.mark.browser


@pytest.fixture
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: .ci/run installs Debian's chromium")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run the browser test")
    return CHROMIUM


@contextmanager
def lab_as(tmp_path: Path, repo_root: Path, name: str, lang: str, db: Path):
    root = tmp_path / f"lab-{name}"
    if not root.exists():
        shutil.copytree(repo_root / "notebooks", root)
    env = {"AFTERSALES_DB": str(db), "AFTERSALES_TRAINEE": name, "AFTERSALES_LANG": lang}
    with jupyter("lab", root, tmp_path, env) as server:
        yield server


@contextmanager
def browser_page(chromium: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        try:
            yield browser.new_page(viewport=VIEWPORT)
        finally:
            browser.close()


def open_and_run_all(page, server: dict, notebook: str) -> None:
    # ?reset: only this notebook, not the tabs a previous visit left open.
    page.goto(f"{server['url']}/lab/tree/{notebook}?reset&token={server['token']}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    select_kernel = page.locator(".jp-Dialog button", has_text="Select")
    # A browser that saw another server may be asked which kernel to start.
    with suppress(PlaywrightTimeout):
        select_kernel.click(timeout=3_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    page.click(".jp-NotebookPanel .jp-Cell >> nth=0")
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@contextmanager
def shot_on_failure(page, name: str):
    """What the page showed when a step failed, next to the traceback."""
    try:
        yield
    except Exception:
        shot(page, name)
        raise


CLIPPED = """els => els.filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
                 .map(e => e.innerText)"""


def assert_whole_text_visible(page, selector: str, expected: set[str], numbered=False) -> None:
    """Every option shows its whole text: the text is there and no element is clipped."""
    items = page.locator(selector)
    texts = {re.sub(r"\s+", " ", t).strip() for t in items.all_inner_texts()}
    if numbered:
        texts = {re.sub(r"^\d+\.\s*", "", t) for t in texts}
    assert texts == {re.sub(r"\s+", " ", t).strip() for t in expected}
    assert items.evaluate_all(CLIPPED) == []
    for i in range(items.count()):
        assert items.nth(i).is_visible()


def english_leaks(text: str) -> list[str]:
    words = {
        v["en"]
        for v in STRINGS.values()
        if v["en"] != v["zh"] and re.search(r"[A-Za-z]{3}", v["en"]) and "{" not in v["en"]
    }
    return sorted(w for w in words if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", text))


def play_case(page, library, scenario_id: str, lang: str, tag: str, overrides: dict) -> None:
    """Play the case in the last player on the page to its end, checking each step as a person
    would: whole option texts, feedback under its answer, an ending that fits one screen."""
    scenario = library.scenarios[scenario_id]
    answers = {**best_answers(library, scenario_id), **overrides}
    for step in scenario.steps:
        if step.kind in ("reply", "remark") and step.id not in overrides:
            answers[step.id] = step.model_answer.in_lang(lang)
    player = page.locator(".as-player.widget-vbox").last
    player.locator(".as-prompt").first.wait_for(timeout=120_000)
    current = scenario.steps[0].id
    for n in range(1, 20):
        step = scenario.step(current)
        texts = {o.id: o.text.in_lang(lang) for o in getattr(step, "options", ())}
        page.wait_for_function(
            "p => document.querySelector('.as-player.widget-vbox:last-of-type .as-prompt') && "
            "[...document.querySelectorAll('.as-prompt')].some(e => e.innerText.includes(p))",
            arg=step.prompt.in_lang(lang),
            timeout=30_000,
        )
        player.locator(".as-prompt").last.scroll_into_view_if_needed()
        shot(page, f"{tag}-step-{n}-options")
        if step.kind == "choice":
            assert_whole_text_visible(page, ".as-player .as-option", set(texts.values()))
            player.locator(".as-option", has_text=texts[answers[current]][:40]).first.click()
        elif step.kind in ("multi", "evidence"):
            assert_whole_text_visible(
                page, ".as-player .as-check .widget-label-basic", set(texts.values())
            )
            for oid in answers[current]:
                player.locator(".as-check", has_text=texts[oid][:40]).locator("input").check()
            player.locator("button", has_text=STRINGS["player.send"][lang]).click()
        elif step.kind == "order":
            assert_whole_text_visible(
                page, ".as-player .as-card", set(texts.values()), numbered=True
            )
            _put_in_order(player, texts, list(answers[current]))
            player.locator("button", has_text=STRINGS["player.send"][lang]).click()
        else:
            box = player.locator("textarea")
            if step.kind == "remark" and step.original:
                # the editor starts with the remark already on the order
                assert box.input_value() == step.original.text.in_lang(lang)
            if getattr(step, "within", None):
                assert_clock_runs(player)
            box.fill(answers[current])
            player.locator("button", has_text=STRINGS["player.send"][lang]).click()
        page.wait_for_function(
            "n => document.querySelectorAll('.as-player.widget-vbox .as-fb').length >= n", arg=n
        )
        feedback = player.locator(".as-fb").nth(n - 1)
        answer = player.locator(".as-row.as-agent").nth(n - 1)
        assert answer.bounding_box()["y"] < feedback.bounding_box()["y"], (
            "feedback under its answer"
        )
        feedback.scroll_into_view_if_needed()
        shot(page, f"{tag}-step-{n}")
        if player.locator(".as-ending").count():
            break
        current = _current_step(page, scenario, lang)
    ending = player.locator(".as-ending")
    ending.scroll_into_view_if_needed()
    box = ending.bounding_box()
    assert box["height"] <= VIEWPORT["height"] - 200, f"the ending fits one screen: {box}"
    shot(page, f"{tag}-ending")
    if lang == "zh":
        seen = player.inner_text() + " ".join(
            page.locator(".widget-dropdown select").all_inner_texts()
        )
        assert english_leaks(seen) == []


def assert_clock_runs(player) -> None:
    """The time so far is on screen and moves on its own (it is drawn by CSS in the browser)."""
    timer = player.locator(".as-timer").last
    timer.locator(".as-clock").wait_for()
    assert timer.is_visible() and timer.bounding_box()["width"] > 100

    def seconds() -> int:  # the animated value the clock's text is drawn from
        return int(timer.evaluate("e => getComputedStyle(e).getPropertyValue('--as-s')"))

    first = seconds()
    player.page.wait_for_timeout(2200)
    assert seconds() >= first + 2, "the clock did not move"


def _shown_order(player, texts: dict[str, str]) -> list[str]:
    by_text = {t: oid for oid, t in texts.items()}
    return [
        by_text[re.sub(r"^\d+\.\s*", "", c).strip()]
        for c in player.locator(".as-card").all_inner_texts()
    ]


def _put_in_order(player, texts: dict[str, str], wanted: list[str]) -> None:
    for position, oid in enumerate(wanted):
        while (shown := _shown_order(player, texts)).index(oid) > position:
            row = player.locator(".as-orderrow").nth(shown.index(oid))
            row.locator("button").first.click()
            player.page.wait_for_timeout(150)


def _current_step(page, scenario, lang: str) -> str:
    prompts = page.locator(".as-player.widget-vbox .as-prompt").last.inner_text()
    for step in scenario.steps:
        if step.prompt.in_lang(lang) in prompts:
            return step.id
    raise AssertionError(f"no step with prompt {prompts!r}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_trainee_plays_a_whole_case_in_jupyterlab(chromium, tmp_path, repo_root, library, lang):
    db = tmp_path / "browser.sqlite"
    with (
        lab_as(tmp_path, repo_root, "browser.trainee", lang, db) as server,
        browser_page(chromium) as page,
        shot_on_failure(page, f"trainee-{lang}-failure"),
    ):
        open_and_run_all(page, server, "00_start_here.ipynb")
        play_case(page, library, BLENDER, lang, f"trainee-{lang}", {"first-reply": "restock-soon"})


def test_a_reload_mid_case_brings_the_conversation_back(chromium, tmp_path, repo_root, library):
    db = tmp_path / "browser.sqlite"
    first = next(
        o for o in library.scenarios[BLENDER].steps[0].options if o.id == "say-discontinued"
    )
    with (
        lab_as(tmp_path, repo_root, "reload.trainee", "en", db) as server,
        browser_page(chromium) as page,
        shot_on_failure(page, "reload-failure"),
    ):
        open_and_run_all(page, server, "00_start_here.ipynb")
        player = page.locator(".as-player.widget-vbox").last
        player.locator(".as-option", has_text=first.text.en[:40]).first.click(timeout=120_000)
        player.locator(".as-fb").first.wait_for()
        page.reload()
        open_and_run_all(page, server, "00_start_here.ipynb")
        player = page.locator(".as-player.widget-vbox").last
        player.locator(".as-row.as-agent").first.wait_for(timeout=120_000)
        assert first.text.en[:60] in player.locator(".as-row.as-agent").first.inner_text()
        assert "Welcome back" in player.inner_text()
        step = library.scenarios[BLENDER].step("price-gap")
        assert step.prompt.en in player.locator(".as-prompt").last.inner_text()
        player.locator(".as-option").first.click()
        page.wait_for_function(
            "() => document.querySelectorAll('.as-player.widget-vbox .as-fb').length >= 2"
        )
        shot(page, "reload-resumed")


def _aftersales(*args: str, db: Path) -> str:
    exe = Path(sys.executable).parent / "aftersales"
    return subprocess.run(
        [str(exe), *args], env={**os.environ, "AFTERSALES_DB": str(db), "AFTERSALES_LANG": "en"},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def test_a_mentor_reviews_and_the_trainee_sees_the_comment(chromium, tmp_path, repo_root, library):
    db = tmp_path / "mentor.sqlite"
    answers = best_answers(library, BLENDER)
    flags = [
        "--choose=first-reply=restock-soon",
        "--reply=angry=Sorry! The PB-280 is in stock, or a refund?",
    ]
    flags += [f"--choose={k}={','.join(v) if isinstance(v, list | tuple) else v}" for k, v in answers.items()
              if k not in ("first-reply", "angry") and library.scenarios[BLENDER].step(k).kind != "reply"]  # fmt: skip
    _aftersales("play", BLENDER, "--trainee", "wen", *flags, db=db)
    _aftersales("role", "set", "mentor.li", "mentor", db=db)
    comment = "Lead with the PB-280 before the refund."
    with browser_page(chromium) as page, shot_on_failure(page, "mentor-failure"):
        _review_then_read(page, tmp_path, repo_root, library, db, comment)


def _review_then_read(page, tmp_path, repo_root, library, db, comment):
    with lab_as(tmp_path, repo_root, "someone", "en", db) as server:
        open_and_run_all(page, server, "90_mentor_review.ipynb")
        page.locator(".as-error", has_text="aftersales role set someone mentor").wait_for(
            timeout=120_000
        )
        page.locator("button", has_text="Save review").click()
        page.locator(".as-error", has_text="is not a mentor").nth(1).wait_for()
        shot(page, "mentor-not-a-mentor")
    with lab_as(tmp_path, repo_root, "mentor.li", "zh", db) as server:
        open_and_run_all(page, server, "90_mentor_review.ipynb")
        review = page.locator(".as-player.widget-vbox").last
        review.locator("mark").first.wait_for(timeout=120_000)
        assert library.scenarios[BLENDER].title.zh in review.inner_text()
        assert english_leaks(review.inner_text()) == []
        review.locator("mark").first.scroll_into_view_if_needed()
        shot(page, "mentor-review-zh")
    with lab_as(tmp_path, repo_root, "mentor.li", "en", db) as server:
        open_and_run_all(page, server, "90_mentor_review.ipynb")
        review = page.locator(".as-player.widget-vbox").last
        review.locator("mark").first.wait_for(timeout=120_000)
        assert library.scenarios[BLENDER].title.en in review.inner_text()
        assert "Model answer" in review.inner_text()
        review.locator(".widget-toggle-buttons").first.locator(
            "button", has_text="violated"
        ).click()
        review.locator("textarea").fill(comment)
        shot(page, "mentor-review")
        review.locator("button", has_text="Save review").click()
        review.locator(".as-note", has_text="saved").wait_for()
        shot(page, "mentor-saved")
    with lab_as(tmp_path, repo_root, "wen", "en", db) as server:
        open_and_run_all(page, server, "80_my_progress.ipynb")
        page.locator(f"text={comment}").first.wait_for(timeout=120_000)
        page.locator(f"text={comment}").first.scroll_into_view_if_needed()
        shot(page, "trainee-sees-comment")


def _widest_ending(library, scenario_id: str, lang: str) -> str:
    """The ending with the most to show: every rule of the case as a row, the longest story, the
    critical rules by title, and three rules to practise."""
    from aftersales.chat_html import PLAYER_CSS, ending_html
    from aftersales.feedback import rule_citation
    from aftersales.grading import RuleOutcome

    scenario = library.scenarios[scenario_id]
    rules = sorted(scenario.rule_ids())
    rows = [
        rule_citation(library, RuleOutcome(r, ("violated", "missed", "followed")[i % 3], "s", None, 0.0), lang)
        for i, r in enumerate(rules)
    ]  # fmt: skip
    story = max((e.text.in_lang(lang) for e in scenario.endings), key=len)
    critical = [r for r in rules if library.rules[r].critical]
    summary = {"passed": False, "critical_violations": critical, "ending": story, "score": 55,
               "outcome": scenario.endings[0].outcome}  # fmt: skip
    ending = ending_html(summary, rows, rows[:3], library, lang)
    return f'{PLAYER_CSS}<div class="as-player" style="width:860px">{ending}</div>'


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_ending_of_the_library_fits_one_screen(chromium, library, lang):
    assert library.scenarios
    tallest = (0.0, "")
    with browser_page(chromium) as page:
        for scenario_id in library.scenarios:
            page.set_content(_widest_ending(library, scenario_id, lang))
            height = page.locator(".as-ending").bounding_box()["height"]
            # JupyterLab's menus, toolbar and the two buttons under the ending take ~200 px.
            assert height <= VIEWPORT["height"] - 200, (scenario_id, height)
            assert (
                page.locator(".as-verdict").evaluate_all(
                    "els => els.filter(e => e.getBoundingClientRect().height > 30).length"
                )
                == 0
            ), "a verdict label never wraps"
            tallest = max(tallest, (height, scenario_id))
        page.set_content(_widest_ending(library, tallest[1], lang))
        shot(page, f"ending-tallest-{lang}")


def test_the_playbook_and_the_cohort_read_in_chinese(chromium, tmp_path, repo_root, library):
    db = tmp_path / "cohort.sqlite"
    _aftersales("demo-data", "--trainees", "8", "--seed", "7", db=db)
    with (
        lab_as(tmp_path, repo_root, "mentor.wang", "zh", db) as server,
        browser_page(chromium) as page,
        shot_on_failure(page, "zh-views-failure"),
    ):
        open_and_run_all(page, server, "01_playbook.ipynb")
        browser = page.locator(".as-player.widget-vbox").first
        browser.locator(".as-rulecard").first.wait_for(timeout=120_000)
        everything = browser.locator(".as-rulecard").count()
        assert everything == len(library.rules)
        browser.locator("input[type=text]").fill("快递")
        page.wait_for_function(
            "n => document.querySelectorAll('.as-rulecard').length < n", arg=everything
        )
        assert english_leaks(browser.inner_text()) == []
        shot(page, "playbook-search-zh")
        open_and_run_all(page, server, "91_cohort_dashboard.ipynb")
        page.locator(".jp-OutputArea-output img").first.wait_for(timeout=120_000)
        image = page.locator(".jp-OutputArea-output img").first
        image.scroll_into_view_if_needed()
        box = image.bounding_box()
        area = page.locator(".jp-OutputArea-output").first.bounding_box()
        assert box["width"] <= area["width"] + 1, "the heatmap fits the notebook's width"
        shot(page, "cohort-heatmap-zh")


def test_a_phone_case_and_a_dispute_with_evidence_in_chinese(
    chromium, tmp_path, repo_root, library
):
    db = tmp_path / "browser.sqlite"
    kettle = "leaking-kettle-intervention"
    with (
        lab_as(tmp_path, repo_root, "zh.trainee", "zh", db) as server,
        browser_page(chromium) as page,
        shot_on_failure(page, "evidence-zh-failure"),
    ):
        open_and_run_all(page, server, "40_dispute_evidence.ipynb")
        player = page.locator(".as-player.widget-vbox").last
        player.locator(".as-phone .as-callbar").wait_for(timeout=120_000)
        player.locator(".as-prompt").last.scroll_into_view_if_needed()
        shot(page, "phone-case-zh")
        picker = page.locator(".widget-dropdown:has(label:text-is('案例')) select")
        labels = [x.replace("\xa0", " ") for x in picker.locator("option").all_inner_texts()]
        statuses = [label.rsplit(" · ", 1)[-1] for label in labels]
        assert labels and set(statuses) <= {"未练习", "未完成", "已通过", "需再练"}, labels
        title = library.scenarios[kettle].title.zh
        picker.select_option(index=next(i for i, x in enumerate(labels) if x.startswith(title)))
        exactly_button(page, "打开").click()
        page.locator(".as-player h3", has_text=title).last.wait_for()
        play_case(page, library, kettle, "zh", "evidence-zh", {})


FAMILY_NOTEBOOK = {
    "stock-out": "10_stock_out.ipynb",
    "lost-parcel": "20_lost_parcel.ipynb",
    "abusive-caller": "30_abusive_caller.ipynb",
    "dispute-evidence": "40_dispute_evidence.ipynb",
    "returns-quality": "50_returns_and_quality.ipynb",
    "order-remarks": "60_order_remarks.ipynb",
    "bad-review": "70_bad_reviews.ipynb",
}


def exactly_button(page, label: str):
    """A button whose text is exactly `label` (an option may contain the same word)."""
    return page.locator("button", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def _cases_with(library, test) -> list[str]:
    """Practice cases (not worked examples, which the picker leaves out) with a step like that."""
    examples = ARTIFACTS.parent / "notebooks" / "worked_examples.yaml"
    worked = {v["case"] for v in yaml.safe_load(examples.read_text(encoding="utf-8")).values()}
    return sorted(
        s.id
        for s in library.scenarios.values()
        if s.id not in worked and any(test(step) for step in s.steps)
    )


def _open_case(page, server, library, scenario_id: str, lang: str) -> None:
    scenario = library.scenarios[scenario_id]
    open_and_run_all(page, server, FAMILY_NOTEBOOK[scenario.family])
    case = STRINGS["player.case"][lang]
    picker = page.locator(f".widget-dropdown:has(label:text-is('{case}')) select").last
    picker.wait_for(timeout=120_000)
    labels = [x.replace("\xa0", " ") for x in picker.locator("option").all_inner_texts()]
    title = scenario.title.in_lang(lang)
    picker.select_option(index=next(i for i, x in enumerate(labels) if x.startswith(title)))
    exactly_button(page, STRINGS["player.open"][lang]).last.click()
    page.locator(".as-player h3", has_text=title).last.wait_for()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_remark_and_a_timed_reply_play_to_the_end_in_jupyterlab(
    chromium, tmp_path, repo_root, library, lang
):
    remark = _cases_with(library, lambda s: s.kind == "remark" and s.original)[0]
    timed = _cases_with(library, lambda s: s.kind == "reply" and s.within)[0]
    db = tmp_path / "browser.sqlite"
    with (
        lab_as(tmp_path, repo_root, f"{lang}.writer", lang, db) as server,
        browser_page(chromium) as page,
        shot_on_failure(page, f"remark-timed-{lang}-failure"),
    ):
        for tag, scenario_id in ((f"remark-{lang}", remark), (f"timed-{lang}", timed)):
            _open_case(page, server, library, scenario_id, lang)
            play_case(page, library, scenario_id, lang, tag, {})


def test_a_written_remark_reaches_the_mentor_in_both_languages(
    chromium, tmp_path, repo_root, library
):
    case = "price-drop-after-purchase"
    step = next(s for s in library.scenarios[case].steps if s.kind == "remark")
    answers = best_answers(library, case)
    answers[step.id] = step.model_answer.zh
    flags = [
        f"--{'remark' if library.scenarios[case].step(k).kind == 'remark' else 'choose'}="
        f"{k}={','.join(v) if isinstance(v, list | tuple) else v}"
        for k, v in answers.items()
    ]
    db = tmp_path / "remark.sqlite"
    _aftersales("play", case, "--trainee", "wen", *flags, db=db)
    _aftersales("role", "set", "mentor.li", "mentor", db=db)
    with browser_page(chromium) as page, shot_on_failure(page, "mentor-remark-failure"):
        for lang in ("zh", "en"):
            with lab_as(tmp_path, repo_root, "mentor.li", lang, db) as server:
                open_and_run_all(page, server, "90_mentor_review.ipynb")
                review = page.locator(".as-player.widget-vbox").last
                review.locator(".as-who", has_text="wen").first.wait_for(timeout=120_000)
                shown = " ".join(review.inner_text().split())
                assert " ".join(step.prompt.in_lang(lang).split()) in shown
                assert " ".join(step.model_answer.zh.split())[:30] in shown  # her remark
                if lang == "zh":
                    assert english_leaks(review.inner_text()) == []
                review.locator(".as-who", has_text="wen").first.scroll_into_view_if_needed()
                shot(page, f"mentor-remark-{lang}")
