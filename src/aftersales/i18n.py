"""Every UI string in English and simplified Chinese, in one table.

Content (rules, cases, levels) carries its own `en`/`zh` text; this table holds what the
program itself says: labels, verdicts, outcomes, errors and command-line summaries. A test
checks that every key has both languages, and the browser test checks that none of the
English strings shows in the Chinese view. Chinese strings use full-width punctuation.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- shared words -----------------------------------------------------------------------
    "verdict.followed": {"en": "followed", "zh": "做到了"},
    "verdict.violated": {"en": "violated", "zh": "违反了"},
    "verdict.missed": {"en": "missed", "zh": "没做到"},
    "verdict.avoided": {"en": "avoided", "zh": "避开了"},
    "outcome.resolved": {"en": "resolved", "zh": "问题解决"},
    "outcome.exchanged": {"en": "exchanged", "zh": "已换货"},
    "outcome.refunded": {"en": "refunded", "zh": "已退款"},
    "outcome.reshipped": {"en": "reshipped", "zh": "已补发"},
    "outcome.escalated": {"en": "escalated", "zh": "已升级处理"},
    "outcome.bad-review": {"en": "bad review", "zh": "收到差评"},
    "outcome.complaint": {"en": "complaint", "zh": "被投诉"},
    "outcome.dispute-won": {"en": "dispute won", "zh": "纠纷胜诉"},
    "outcome.dispute-lost": {"en": "dispute lost", "zh": "纠纷败诉"},
    "outcome.call-ended": {"en": "call ended", "zh": "通话结束"},
    "channel.chat": {"en": "Chat", "zh": "在线聊天"},
    "channel.phone": {"en": "Phone call", "zh": "电话"},
    "speaker.customer": {"en": "Customer", "zh": "顾客"},
    "speaker.agent": {"en": "You", "zh": "你"},
    "speaker.supervisor": {"en": "Supervisor", "zh": "主管"},
    "speaker.colleague": {"en": "Colleague", "zh": "同事"},
    "speaker.narration": {"en": "What happens", "zh": "情况"},
    "family.stock-out": {"en": "Stock-out notice", "zh": "缺货通知"},
    "family.lost-parcel": {"en": "Logistics and lost parcels", "zh": "物流与丢件"},
    "family.abusive-caller": {"en": "Abusive callers", "zh": "情绪激动的来电"},
    "family.dispute-evidence": {"en": "Disputes and evidence", "zh": "纠纷与举证"},
    "family.returns-quality": {"en": "Returns and quality", "zh": "退换货与质量问题"},
    "family.order-remarks": {"en": "Order remarks", "zh": "订单备注"},
    "status.new": {"en": "new", "zh": "未练习"},
    "status.passed": {"en": "passed", "zh": "已通过"},
    "status.again": {"en": "practise again", "zh": "需再练"},
    "status.unfinished": {"en": "unfinished", "zh": "未完成"},
    "error.unexpected": {
        "en": "Something went wrong: {error}. Nothing was changed; try again.",
        "zh": "出了点问题：{error}。数据没有改动，请再试一次。",
    },
    # --- player -----------------------------------------------------------------------------
    "player.mood": {"en": "Mood", "zh": "顾客情绪"},
    "player.mood.furious": {"en": "furious", "zh": "非常愤怒"},
    "player.mood.upset": {"en": "upset", "zh": "不满"},
    "player.mood.uneasy": {"en": "uneasy", "zh": "有些不安"},
    "player.mood.calm": {"en": "calm", "zh": "平静"},
    "player.mood.pleased": {"en": "pleased", "zh": "满意"},
    "player.send": {"en": "Send", "zh": "发送"},
    "player.up": {"en": "Move up", "zh": "上移"},
    "player.down": {"en": "Move down", "zh": "下移"},
    "player.again": {"en": "Play this case again", "zh": "重新练习本案例"},
    "player.next_case": {"en": "Next case: {title}", "zh": "下一个案例：{title}"},
    "player.score": {"en": "Score", "zh": "得分"},
    "player.passed": {"en": "Passed", "zh": "通过"},
    "player.failed": {"en": "Not passed", "zh": "未通过"},
    "player.failed.critical": {
        "en": "Not passed: a critical rule was broken ({rules}).",
        "zh": "未通过：违反了关键规则（{rules}）。",
    },
    "player.failed.score": {
        "en": "Not passed: the score is under the pass mark of {mark}.",
        "zh": "未通过：得分低于及格线 {mark} 分。",
    },
    "player.passed.reason": {
        "en": "Passed: {mark} or more and no critical rule broken.",
        "zh": "通过：不低于 {mark} 分，且没有违反关键规则。",
    },
    "player.outcome": {"en": "Outcome", "zh": "结果"},
    "player.rules_heading": {"en": "Every rule in this case", "zh": "本案例涉及的每条规则"},
    "player.practise": {"en": "Practise next", "zh": "接下来要练的"},
    "player.story": {"en": "How it ended", "zh": "结局"},
    "player.resumed": {
        "en": "Welcome back: your unfinished attempt is restored.",
        "zh": "欢迎回来：已恢复你上次未完成的练习。",
    },
    "player.placeholder": {
        "en": "Write your reply to the customer…",
        "zh": "写下你给顾客的回复……",
    },
    "player.model_answer": {"en": "Model answer", "zh": "参考答案"},
    "player.your_reply": {"en": "Your reply", "zh": "你的回复"},
    "player.situation": {"en": "Situation", "zh": "情况"},
    "player.order": {"en": "Order", "zh": "订单"},
    "player.item": {"en": "Item", "zh": "商品"},
    "player.amount": {"en": "Amount", "zh": "金额"},
    "player.status": {"en": "Status", "zh": "状态"},
    "player.customer": {"en": "Customer", "zh": "顾客"},
    "player.source": {"en": "Source", "zh": "出处"},
    "player.quote": {"en": "Original words", "zh": "原文"},
    "player.pick_one": {"en": "Choose one reply.", "zh": "选择一条回复。"},
    "player.pick_many": {"en": "Tick every one that applies.", "zh": "勾选所有适用的项。"},
    "player.pick_order": {
        "en": "Put the steps in order: select one, then move it.",
        "zh": "把步骤排好顺序：先选中一项，再上下移动。",
    },
    "player.deadline": {"en": "Deadline", "zh": "截止时间"},
    "player.step": {"en": "Step {n}", "zh": "第 {n} 步"},
    "player.case": {"en": "Case", "zh": "案例"},
    "player.family": {"en": "Family", "zh": "类别"},
    "player.open": {"en": "Open", "zh": "打开"},
    "player.critical_mark": {"en": "critical", "zh": "关键"},
    "player.save_failed": {
        "en": "Your answer could not be saved ({error}). It was not counted; try again.",
        "zh": "你的回答没能保存（{error}），这一步没有计入，请再试一次。",
    },
    "player.why.followed": {"en": "You did this.", "zh": "你做到了这一点。"},
    "player.why.avoided": {"en": "You avoided this trap.", "zh": "你避开了这个坑。"},
    "player.why.missed": {
        "en": "Another answer did this; yours did not.",
        "zh": "另一个选项做到了这一点，你的回答没有。",
    },
    "player.why.violated": {"en": "Your answer broke this rule.", "zh": "你的回答违反了这条规则。"},
    "player.why.reply_found": {"en": "Found in your reply: ", "zh": "在你的回复中找到："},
    "player.why.reply_missing": {
        "en": "Your reply does not do this yet.",
        "zh": "你的回复还没有做到这一点。",
    },
    "player.why.order": {
        "en": "{share}% of the steps are in the right order.",
        "zh": "{share}% 的步骤顺序正确。",
    },
    "player.why.picked": {"en": "You ticked: {items}", "zh": "你勾选了：{items}"},
    "player.why.not_picked": {"en": "You left out: {items}", "zh": "你漏选了：{items}"},
    # --- seeds: readable names of the source files ------------------------------------------
    # --- mentor review ----------------------------------------------------------------------
    # --- progress and cohort views (charts) -------------------------------------------------
    # --- terminal and command line ----------------------------------------------------------
}


def lang_of(lang: str | None) -> str:
    return "zh" if lang and lang.lower().startswith("zh") else "en"


def t(key: str, lang: str | None, **values) -> str:
    """The UI string `key` in `lang` ("en" or "zh"), with `{name}` fields filled in."""
    text = STRINGS[key][lang_of(lang)]
    return text.format(**values) if values else text


def outcome_word(outcome: str, lang: str | None) -> str:
    return t(f"outcome.{outcome}", lang)
