"""Normalise free text before matching: NFKC (full-width to half-width), case, and
traditional to simplified Chinese, so one set of patterns serves every way a reply is typed."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_CJK = re.compile(r"[\u3400-\u9fff]")


@cache
def _t2s():
    import opencc  # deferred: the converter loads its dictionaries on first use

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # Curly apostrophes survive NFKC; patterns are written with the ASCII one.
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if _CJK.search(text):
        text = _t2s().convert(text)
    return text


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))
