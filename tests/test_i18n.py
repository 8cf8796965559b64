"""The UI string table: every key in both languages, Chinese with full-width punctuation, and a
word for every outcome, family, verdict and seed the views can show."""

from __future__ import annotations

import re
import string

import pytest

from aftersales.i18n import STRINGS, t
from aftersales.models import FAMILIES, OUTCOMES, REMARK_FIELDS, SPEAKERS
from aftersales.punctuation import find_half_width


def test_the_table_is_not_empty_and_every_key_has_both_languages():
    assert len(STRINGS) > 100
    for key, value in STRINGS.items():
        assert set(value) == {"en", "zh"}, key
        assert value["en"].strip() and value["zh"].strip(), key


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_chinese_strings_use_full_width_punctuation(key):
    assert find_half_width(STRINGS[key]["zh"]) == [], STRINGS[key]["zh"]


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_both_languages_take_the_same_fields(key):
    fields = {f for _, f, _, _ in string.Formatter().parse(STRINGS[key]["en"]) if f}
    assert fields == {f for _, f, _, _ in string.Formatter().parse(STRINGS[key]["zh"]) if f}, key


def test_every_word_the_views_need_is_there(library):
    needed = [f"outcome.{o}" for o in OUTCOMES]
    needed += [f"family.{f}" for f in FAMILIES]
    needed += [f"speaker.{s}" for s in SPEAKERS if s != "customer"]
    needed += [f"verdict.{v}" for v in ("followed", "violated", "missed", "avoided")]
    needed += [f"seed.{r.source.file[:3]}" for r in library.rules.values() if r.source.file]
    needed += [f"remark.field.{f}" for f in REMARK_FIELDS]
    assert [k for k in needed if k not in STRINGS] == []


def test_chinese_words_have_no_latin_letters_but_commands_and_ids():
    for key, value in STRINGS.items():
        words = re.sub(
            r"(aftersales |review record|role show)[^，。：）]*|\{\w+\}|[A-Z][A-Za-z]*|--[a-z-]+|=[a-z|]+|mentor|trainee|PB-\d+",
            "",
            value["zh"],
        )
        assert not re.search(r"[a-z]{3,}", words), (key, value["zh"])


def test_fields_are_filled_in():
    assert t("player.step", "zh", n=3) == "第 3 步"
    assert t("player.step", "en", n=3) == "Step 3"
