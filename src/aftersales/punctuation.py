"""Half-width punctuation in Chinese text: `你好,都三天了` should read `你好，都三天了`.

`find_half_width` is a pure function over one string; `check_punctuation` walks the YAML data of
one content file and reports each `zh` string that needs fixing as a `Problem`. Quotes from the
seed files (`source`) and the checker's regular expressions (`detect`) are left alone.

A mark is flagged when it follows Chinese: a CJK character, full-width punctuation or a Chinese
quotation mark, or a mark flagged just before it (`？！`, `），`). A `(`...`)` pair is flagged when
either bracket follows Chinese or the pair encloses Chinese. Everything else is taken to be
legitimate ASCII: decimals (`3.5`), times (`15:30`), thousands (`1,199`), model names (`PB-300`),
English words and URLs, and the ellipsis `...`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .yamlsource import Problem, locate

FULL_WIDTH = {
    ",": "，",
    ".": "。",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}
SKIPPED_KEYS = frozenset({"source", "detect"})

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Ideographs, CJK symbols and punctuation, full-width forms, Chinese quotes, the ellipsis.
_CHINESE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026]"
)
_CLOSING = "”’」』）"


@dataclass(frozen=True)
class Misuse:
    """One half-width mark at `index` of the text that should be `full`."""

    index: int
    mark: str
    full: str


def _paren_flags(text: str) -> set[int]:
    """Indices of `(` and `)` that belong to Chinese text."""
    flagged: set[int] = set()
    stack: list[int] = []

    def after_chinese(i: int) -> bool:
        return i > 0 and bool(_CHINESE.match(text[i - 1]))

    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                start = stack.pop()
                inner = text[start + 1 : i]
                if after_chinese(start) or after_chinese(i) or _CJK.search(inner):
                    flagged.update((start, i))
            elif after_chinese(i):
                flagged.add(i)
    flagged.update(i for i in stack if after_chinese(i))
    return flagged


def find_half_width(text: str) -> list[Misuse]:
    """Every half-width mark in `text` that is used as Chinese punctuation, left to right."""
    flagged = _paren_flags(text)
    found: list[Misuse] = []
    for i, ch in enumerate(text):
        if ch not in FULL_WIDTH:
            continue
        if ch in "()":
            if i in flagged:
                found.append(Misuse(i, ch, FULL_WIDTH[ch]))
            continue
        if i == 0:
            continue
        before, after = text[i - 1], text[i + 1 : i + 2]
        if ch == "." and "." in (before, after):
            continue  # an ellipsis, not a full stop
        if ch == "." and after.isascii() and after.isalnum():
            continue  # a decimal, a domain or a file name: 3.5, taobao.com, 淘宝.com
        chinese_before = bool(_CHINESE.match(before)) or (i - 1) in flagged
        # `699,东西呢`, `EMS,不接受`, `订单 8842-0316:儿童`: ASCII before, Chinese after.
        chinese_after = bool(_CHINESE.match(after)) and after not in _CLOSING
        # `现在再买要 129!` ends a Chinese sentence.
        at_end = not text[i + 1 :].strip(_CLOSING + " ") and bool(_CJK.search(text))
        if not (chinese_before or chinese_after or at_end):
            continue
        flagged.add(i)
        found.append(Misuse(i, ch, FULL_WIDTH[ch]))
    return found


def to_full_width(text: str) -> str:
    """`text` with every mark `find_half_width` reports replaced by its full-width form."""
    chars = list(text)
    for misuse in find_half_width(text):
        chars[misuse.index] = misuse.full
    return "".join(chars)


def message(misuse: Misuse) -> str:
    return f"zh text uses half-width '{misuse.mark}' after a Chinese character; use '{misuse.full}'"


def check_punctuation(data: object, label: str) -> list[Problem]:
    """One problem per half-width mark kind in each `zh` string of a content file's data."""
    problems: list[Problem] = []

    def walk(node: object, loc: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SKIPPED_KEYS:
                    continue
                if key == "zh" and isinstance(value, str):
                    seen: set[str] = set()
                    for misuse in find_half_width(value):
                        if misuse.mark not in seen:
                            seen.add(misuse.mark)
                            problems.append(
                                Problem(label, locate(data, (*loc, key)), message(misuse))
                            )
                else:
                    walk(value, (*loc, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*loc, i))

    walk(data, ())
    return problems
