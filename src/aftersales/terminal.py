"""Terminal practice mode for `aftersales play`: the case, each step, the answer, the ending.

Everything is printed in the trainee's language (`AFTERSALES_LANG`) through the i18n table and
wrapped to the terminal's width; Chinese characters count as two columns. Options are shown as
letters (a, b, c ...), never by their ids, and the answer is typed as letters: `b`, `a,c`, or
`c,a,b,d` for an order. Anything that is not a valid answer says why and asks again.

`Terminal.ask` lets `KeyboardInterrupt` (Ctrl-C) and `EOFError` (Ctrl-D) through: `cmd_play`
turns both into the "progress saved" message, since each answer is stored as it is given.
"""

from __future__ import annotations

import shutil
import string
import sys
import textwrap
import unicodedata
from contextlib import contextmanager

from .engine import StepView, check_reply_text
from .errors import AnswerError
from .grading import PASS_MARK, clock
from .i18n import outcome_word, t

LETTERS = string.ascii_lowercase
MIN_WIDTH, MAX_WIDTH = 40, 100
# Separators a trainee may type between letters, including what a Chinese input method gives.
SEPARATORS = ",，、;； \t/"
# Full-width punctuation that must not start a line (it stays with the character before it).
NO_LINE_START = "，。、；：！？）】」』》”’…"


class Retry(Exception):
    """An answer that cannot be taken as it is; the message says why in the trainee's language."""


# --- layout ------------------------------------------------------------------------------------


def screen_width() -> int:
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def _cells(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cells(text: str) -> int:
    """Columns `text` takes in a terminal (a Chinese character takes two)."""
    return sum(_cells(ch) for ch in text)


def _is_wide(text: str) -> bool:
    return any(_cells(ch) == 2 for ch in text)


def _tokens(text: str) -> list[str]:
    """Runs of spaces, runs of narrow characters (words), and single wide characters."""
    tokens: list[str] = []
    for ch in text:
        if _cells(ch) == 2 or (tokens and _cells(tokens[-1][-1]) == 2):
            tokens.append(ch)
        elif tokens and tokens[-1][-1].isspace() == ch.isspace():
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def _wrap_wide(text: str, width: int, first: str, rest: str) -> list[str]:
    lines: list[list[str]] = [[]]
    used = cells(first)

    def limit() -> int:
        return width - (cells(first) if len(lines) == 1 else cells(rest))

    def room() -> int:
        return width - used

    for token in _tokens(text):
        size = cells(token)
        if token.isspace():
            if lines[-1] and size <= room():
                lines[-1].append(token)
                used += size
            continue
        if size <= room():
            lines[-1].append(token)
            used += size
            continue
        carried: list[str] = []
        if token in NO_LINE_START and len(lines[-1]) > 1:
            carried = [lines[-1].pop()]  # the character before moves down with the mark
        while lines[-1] and lines[-1][-1].isspace():
            lines[-1].pop()
        lines.append(carried)
        used = cells(rest) + sum(cells(c) for c in carried)
        while cells(token) > room() and limit() > 0:  # a word longer than a line is cut
            cut, taken = "", 0
            for ch in token:
                if taken + _cells(ch) > room():
                    break
                cut, taken = cut + ch, taken + _cells(ch)
            if not cut:
                break
            lines[-1].append(cut)
            lines.append([])
            used = cells(rest)
            token = token[len(cut) :]
        lines[-1].append(token)
        used += cells(token)
    return [(first if i == 0 else rest) + "".join(parts).rstrip() for i, parts in enumerate(lines)]


def wrap(text: str, width: int, indent: str = "", hang: str | None = None) -> list[str]:
    """`text` wrapped to `width` columns: the first line starts with `indent`, the next ones
    with `hang` (default: as many spaces as `indent` is wide). Line breaks in `text` are kept."""
    hang = " " * cells(indent) if hang is None else hang
    out: list[str] = []
    for n, paragraph in enumerate(text.splitlines() or [""]):
        first = indent if n == 0 else hang
        if not paragraph.strip():
            out.append(first.rstrip())
        elif _is_wide(paragraph + first + hang):
            out += _wrap_wide(paragraph.strip(), width, first, hang)
        else:
            out += textwrap.wrap(
                paragraph.strip(),
                width,
                initial_indent=first,
                subsequent_indent=hang,
                break_on_hyphens=False,
            ) or [first.rstrip()]
    return out


# --- reading answers ---------------------------------------------------------------------------


def letter(index: int) -> str:
    return LETTERS[index]


def hint(view: StepView, lang: str) -> str:
    n = len(view.options)
    if view.kind == "choice":
        return t("cli.hint.choice", lang, first="a", last=letter(n - 1))
    if view.kind in ("multi", "evidence"):
        return t(f"cli.hint.{view.kind}", lang)
    if view.kind == "order":
        example = ",".join(letter(i) for i in reversed(range(n)))
        return t("cli.hint.order", lang, n=n, example=example)
    return t(f"cli.hint.{view.kind}", lang)


def parse_letters(view: StepView, typed: str, lang: str) -> str | list[str]:
    """The option id (choice) or ids (multi, evidence, order) that the typed letters stand for;
    raises `Retry` with the reason in `lang` when the letters do not make an answer."""
    text = unicodedata.normalize("NFKC", typed).strip().lower()
    for sep in SEPARATORS:
        text = text.replace(sep, ",")
    parts = [p for p in text.split(",") if p]
    if view.kind in ("multi", "evidence") and parts in (["-"], ["0"]):
        return []
    if not parts:
        raise Retry(t("cli.retry.empty", lang))
    letters: list[str] = []
    for part in parts:
        # "cab" is read as c, a, b: every letter stands for one option.
        letters += list(part) if part.isalpha() and part.isascii() else [part]
    known = LETTERS[: len(view.options)]
    unknown = [x for x in letters if len(x) != 1 or x not in known]
    if unknown:
        raise Retry(t("cli.retry.unknown", lang, given=unknown[0], first="a", last=known[-1]))
    twice = next((x for i, x in enumerate(letters) if x in letters[:i]), None)
    if twice:
        raise Retry(t("cli.retry.twice", lang, given=twice))
    ids = [view.options[known.index(x)].id for x in letters]
    if view.kind == "choice":
        if len(ids) != 1:
            raise Retry(t("cli.retry.one", lang))
        return ids[0]
    if view.kind == "order" and len(ids) != len(view.options):
        raise Retry(t("cli.retry.all", lang, n=len(view.options)))
    return ids


def check_reply(view: StepView, text: str, lang: str) -> str:
    try:
        return check_reply_text(text, view.max_chars)
    except AnswerError as err:
        raise Retry(err.in_lang(lang)) from None


@contextmanager
def prefilled(text: str | None):
    """Start the next input line with `text`, editable, as the order remark box in the
    workbench starts with the remark already there (needs readline: a real terminal)."""
    try:
        import readline
    except ImportError:  # no line editing here: the trainee types the whole remark
        readline = None
    if not text or readline is None:
        yield
        return
    readline.set_startup_hook(lambda: readline.insert_text(text))
    try:
        yield
    finally:
        readline.set_startup_hook()


# --- the terminal ------------------------------------------------------------------------------


class Terminal:
    """Prints a case in `lang` and reads answers; `read` is `input` unless a test passes one."""

    def __init__(self, lang: str, out=None, read=input, width: int | None = None):
        self.lang = lang
        self.out = out
        self.read = read
        self.width = width or screen_width()

    def _t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def say(self, text: str = "", indent: str = "", hang: str | None = None) -> None:
        out = self.out or sys.stdout
        for line in wrap(text, self.width, indent, hang):
            print(line, file=out)
        out.flush()

    def rule_line(self, char: str = "─", title: str = "") -> None:
        if title:
            fill = max(3, self.width - cells(title) - 4)
            self.say(f"{char * 2} {title} {char * fill}")
        else:
            self.say(char * self.width)

    def _bracket(self, text: str) -> str:
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def field(self, label: str, value: str) -> None:
        colon = "：" if self.lang == "zh" else ": "
        self.say(value, indent=f"  {label}{colon}")

    # --- before step 1 ----------------------------------------------------------------------

    def context(self, scenario) -> None:
        lang, ctx = self.lang, scenario.context
        self.say()
        self.rule_line("═")
        self.say(scenario.title.in_lang(lang), indent="  ")
        self.rule_line("═")
        self.field(self._t("cli.channel"), t(f"channel.{ctx.channel}", lang))
        customer = ctx.customer.name.in_lang(lang)
        persona = ctx.customer.persona.in_lang(lang)
        dash = "——" if lang == "zh" else " — "
        self.field(self._t("cli.customer"), f"{customer}{dash}{persona}" if persona else customer)
        order = ctx.order
        self.field(self._t("cli.order"), f"{order.id} · {order.item.in_lang(lang)}")
        if order.amount is not None:
            self.field(self._t("cli.amount"), money(order.amount))
        if order.status is not None:
            self.field(self._t("cli.status"), order.status.in_lang(lang))
        self.field(self._t("cli.situation"), ctx.situation.in_lang(lang))

    def resumed(self, step_number: int) -> None:
        self.say()
        self.say(self._t("cli.resumed", n=step_number), indent="  ")

    # --- a step -----------------------------------------------------------------------------

    def step(self, view: StepView, customer: str | None = None) -> None:
        self.say()
        self.rule_line("─", self._t("cli.step", n=view.number))
        for line in view.lines:
            self.conversation_line(line, customer)
        self.say()
        self.say(view.prompt, indent="  ")
        if view.deadline:
            self.field(self._t("cli.deadline"), view.deadline)
        if view.kind == "remark":
            self.say(self._t("cli.remark_format"), indent="  ")
            if view.original:
                self.field(self._t("cli.remark_on_order"), view.original)
        if view.within:
            self.say(self._t("cli.time_limit", limit=clock(view.within)), indent="  ")
        for i, option in enumerate(view.options):
            self.say(option.text, indent=f"    {letter(i)})  ")

    def conversation_line(self, line, customer: str | None) -> None:
        at = f"{line.at} " if line.at else ""
        if line.who == "narration":
            text = f"（{line.text}）" if self.lang == "zh" else f"[{line.text}]"
            self.say(text, indent=f"  {at}")
            return
        who = customer if line.who == "customer" and customer else self._t(f"speaker.{line.who}")
        colon = "：" if self.lang == "zh" else ": "
        self.say(line.text, indent=f"  {at}{who}{colon}")

    def ask(self, view: StepView) -> str | list[str]:
        """Read an answer until it is a valid one: option ids, or the text of a reply."""
        prompt = hint(view, self.lang)
        while True:
            try:
                if view.options:
                    return parse_letters(view, self.read(f"  {prompt} > "), self.lang)
                self.say(prompt, indent="  ")
                lines: list[str] = []
                with prefilled(view.original if view.kind == "remark" else None):
                    first = self.read("  > ")
                if first != "":
                    lines.append(first)
                    while (line := self.read("  > ")) != "":
                        lines.append(line)
                return check_reply(view, "\n".join(lines), self.lang)
            except Retry as why:
                self.problem(str(why))

    def problem(self, message: str) -> None:
        gap = "" if self.lang == "zh" else " "
        self.say(f"{message}{gap}{self._t('cli.retry.again')}", indent="  ! ")

    # --- feedback ---------------------------------------------------------------------------

    def feedback(self, feedback: dict) -> None:
        """One line per rule: verdict word, title, rule id in brackets; then why."""
        if feedback.get("message"):
            self.say(feedback["message"], indent="  → ")
        for rule in feedback["rules"]:
            bad = rule.get("verdict_key", rule["outcome"]) not in ("followed", "avoided")
            critical = f" · {self._t('cli.critical')}" if bad and rule.get("critical") else ""
            self.say(
                f"{rule['title']}{self._bracket(rule['rule'])}{critical}",
                indent=f"    [{rule['verdict']}] ",
            )
            if not bad:
                continue
            if rule.get("phrase"):
                self.say(self._t("cli.found", phrase=rule["phrase"]), indent="        ")
            if rule.get("why"):
                self.say(rule["why"], indent="        ")
            source = rule.get("source") or {}
            if source.get("quote"):
                label = source.get("label") or source.get("file", "")
                colon = "：" if self.lang == "zh" else ": "
                self.say(
                    f"{label}{colon}“{source['quote']}”",
                    indent=f"        {self._t('cli.source')} · ",
                )
        if feedback.get("model_answer"):
            self.field(self._t("cli.model_answer"), feedback["model_answer"])

    # --- the end ----------------------------------------------------------------------------

    def ending(self, summary: dict, library) -> None:
        self.say()
        self.rule_line("═", self._t("cli.story"))
        if summary.get("ending"):
            self.say(summary["ending"], indent="  ")
        self.say()
        self.say(self._t("cli.score", score=summary["score"]), indent="  ")
        self.say(reason(summary, library, self.lang), indent="  ")
        self.say(
            self._t("cli.outcome", outcome=outcome_word(summary["outcome"], self.lang)),
            indent="  ",
        )
        if summary.get("attempt_id") is not None:
            self.say(self._t("cli.saved", attempt=summary["attempt_id"]), indent="  ")
        self.rule_line("═")


def money(amount: float) -> str:
    """¥159, ¥1,199.50: the shop sells in yuan."""
    text = f"{amount:,.2f}"
    return "¥" + (text[:-3] if text.endswith(".00") else text)


def rule_titles(library, rule_ids, lang: str) -> str:
    titles = [library.rules[r].title.in_lang(lang) if r in library.rules else r for r in rule_ids]
    return ("、" if lang == "zh" else "; ").join(titles)


def reason(summary: dict, library, lang: str) -> str:
    """Why the attempt passed or not: the critical rules broken, or the pass mark."""
    if summary["passed"]:
        return t("cli.passed", lang, mark=PASS_MARK)
    if summary.get("critical_violations"):
        rules = rule_titles(library, summary["critical_violations"], lang)
        return t("cli.failed.critical", lang, rules=rules)
    return t("cli.failed.score", lang, mark=PASS_MARK)
