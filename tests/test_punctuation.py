"""Half-width punctuation in Chinese text: what is flagged, what is legitimate ASCII, and where
`aftersales validate` reports it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from clirun import run

from aftersales.content import check_library
from aftersales.punctuation import check_punctuation, find_half_width, to_full_width
from aftersales.yamlsource import load_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "broken" / "half-width-punctuation.yaml"
CONTENT_FILES = sorted(
    [
        *(Path(__file__).resolve().parents[1] / "scenarios").glob("*/*.yaml"),
        *(Path(__file__).resolve().parents[1] / "playbook").glob("*.yaml"),
    ]
)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("你好,都三天了", "你好，都三天了"),
        ("我的破壁机怎么还没发货?", "我的破壁机怎么还没发货？"),
        ("实在不好意思!PB-300 卖得太火", "实在不好意思！PB-300 卖得太火"),
        ("备注:日期、处理人", "备注：日期、处理人"),
        ("PB-280 也有,349 元;或者退款", "PB-280 也有，349 元；或者退款"),
        ("你们这是什么店啊?!", "你们这是什么店啊？！"),
        ("说的是“退款”,不是退钱", "说的是“退款”，不是退钱"),
        # ASCII before, Chinese after: the mark still belongs to the Chinese sentence.
        ("我花了699,东西呢?", "我花了699，东西呢？"),
        ("接受快递和 EMS,不接受平邮", "接受快递和 EMS，不接受平邮"),
        ("订单 8842-0316:儿童羽绒服", "订单 8842-0316：儿童羽绒服"),
        # A Chinese sentence that ends on a number.
        ("现在再买要 129!", "现在再买要 129！"),
        # Brackets: after Chinese, around Chinese, or both.
        ("新款 PB-320(459 元)有现货", "新款 PB-320（459 元）有现货"),
        ("型号(PB-300)停产了", "型号（PB-300）停产了"),
        ("(主管批了。)现在是下午", "（主管批了。）现在是下午"),
        ("发来照片),就这样", "发来照片），就这样"),
        ("就在缝线那里.", "就在缝线那里。"),
    ],
)
def test_half_width_marks_in_chinese_are_found_and_fixed(text, fixed):
    found = find_half_width(text)
    assert found
    assert all(text[m.index] == m.mark for m in found)
    assert to_full_width(text) == fixed
    assert find_half_width(fixed) == []


@pytest.mark.parametrize(
    "text",
    [
        "重 3.5 公斤",  # decimal
        "秤上显示 0.61kg",
        "1.7L 玻璃电热水壶",
        "周日 23:59 前",  # time
        "下午2:50",
        "现在是 15:30",
        "1,199 元",  # thousands
        "PB-300 破壁料理机",  # model name
        "订单 2024-0930-7781",
        "吊牌写的是黑色 S 码",
        "命名 jacket.jpg",  # file name
        "见 https://example.com/a?b=1,2 的说明",  # URL
        "吴女士说 “OK, thanks!” 就走了",  # English inside zh
        "“I'm sorry, we can offer a refund.”",
        "等一下...好吧",  # ellipsis
        "她说……算了",
        "Hello, world. (No Chinese here.)",
        "",
    ],
)
def test_legitimate_ascii_is_not_flagged(text):
    assert find_half_width(text) == []


def test_only_learner_facing_zh_is_checked_not_quotes_or_patterns():
    data = {
        "title": {"en": "Hi, you", "zh": "你好,你"},
        "source": {"file": "001.txt", "quote": "原文,照抄"},
        "detect": {"zh": ["抱歉,", "对不起?"]},
        "lines": [{"who": "customer", "text": {"en": "Where?", "zh": "在哪?"}}],
    }
    messages = [p.message for p in check_punctuation(data, "x.yaml")]
    assert messages == [
        "zh text uses half-width ',' after a Chinese character; use '，'",
        "zh text uses half-width '?' after a Chinese character; use '？'",
    ]


def test_each_mark_is_reported_once_per_text():
    data = {"text": {"en": "a", "zh": "一,二,三?四?"}}
    messages = [p.message for p in check_punctuation(data, "x.yaml")]
    assert len(messages) == 2
    assert "half-width ','" in messages[0] and "half-width '?'" in messages[1]


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shipped_content_has_no_half_width_punctuation(path):
    data, problems = load_yaml(path, path.name)
    assert problems == []
    assert [str(p) for p in check_punctuation(data, path.name)] == []


def test_broken_fixture_reports_path_line_and_message(content_copy):
    shutil.copy(FIXTURE, content_copy / "scenarios" / "stock-out" / FIXTURE.name)
    _, problems = check_library(content_copy)
    assert [str(p) for p in problems] == [
        f"scenarios/stock-out/{FIXTURE.name}:21: "
        "zh text uses half-width ',' after a Chinese character; use '，'"
    ]


def test_validate_prints_the_punctuation_problem(content_copy):
    shutil.copy(FIXTURE, content_copy / "scenarios" / "stock-out" / FIXTURE.name)
    result = run("validate", "--root", str(content_copy))
    assert result.returncode == 1
    assert (
        f"scenarios/stock-out/{FIXTURE.name}:21: "
        "zh text uses half-width ',' after a Chinese character; use '，'"
    ) in result.stdout.splitlines()
