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
    "family.bad-review": {"en": "Bad reviews", "zh": "中差评处理"},
    "family.order-remarks": {"en": "Order remarks", "zh": "订单备注"},
    "status.new": {"en": "new", "zh": "未练习"},
    "status.passed": {"en": "passed", "zh": "已通过"},
    "status.again": {"en": "practise again", "zh": "需再练"},
    "status.unfinished": {"en": "unfinished", "zh": "未完成"},
    "answer.ended": {"en": "The attempt has ended.", "zh": "这次练习已经结束。"},
    "answer.not_ended": {
        "en": "The attempt has not ended; step '{step}' is next.",
        "zh": "这次练习还没结束，下一步是“{step}”。",
    },
    "answer.need_reply": {
        "en": "Your reply is empty: write at least one line.",
        "zh": "回复是空的：请至少写一行。",
    },
    "answer.too_long": {
        "en": "Your reply has {n} characters; the limit is {limit}.",
        "zh": "你的回复有 {n} 个字符，上限是 {limit} 个。",
    },
    "answer.no_option": {
        "en": "Step '{step}' has no option {given}; options: {options}.",
        "zh": "步骤“{step}”没有选项 {given}；可选的有：{options}。",
    },
    "answer.twice": {
        "en": "Step '{step}': an option is given twice.",
        "zh": "步骤“{step}”：有一个选项给了两次。",
    },
    "answer.one": {
        "en": "Step '{step}' takes exactly one option.",
        "zh": "步骤“{step}”只能选一个选项。",
    },
    "answer.all": {
        "en": "Step '{step}' needs all {n} items in order.",
        "zh": "步骤“{step}”需要把全部 {n} 项排好顺序。",
    },
    "answer.time_taken": {
        "en": "answered in {taken} (limit {limit})",
        "zh": "用时 {taken}（时限 {limit}）",
    },
    "answer.original_kept": {
        "en": "the original remark is kept",
        "zh": "原备注保留了",
    },
    "answer.original_lost": {
        "en": "the original remark was changed or removed",
        "zh": "原备注被改动或删掉了",
    },
    "answer.field_missing": {"en": "{field}: not recorded", "zh": "{field}：没有写"},
    "answer.field_sep": {"en": ": ", "zh": "："},
    "answer.list_sep": {"en": "; ", "zh": "；"},
    # --- remark fields, in seed 004's order ---------------------------------------------------
    "remark.field.name": {"en": "Name", "zh": "姓名"},
    "remark.field.size": {"en": "Size", "zh": "尺寸"},
    "remark.field.pattern": {"en": "Pattern or customisation", "zh": "图案有无修改或定制"},
    "remark.field.ship_date": {"en": "Ship date", "zh": "发货时间"},
    "remark.field.delivery": {"en": "Delivery", "zh": "配送情况"},
    "remark.field.notes": {"en": "Special notes", "zh": "特殊备注"},
    "remark.field.change": {"en": "Change and its time", "zh": "更改时间及内容"},
    "remark.field.handler": {"en": "Handler and date", "zh": "处理人和日期"},
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
    "player.time_limit": {
        "en": "The customer is waiting: time limit {limit}, time so far",
        "zh": "顾客在等：时限 {limit}，已用时",
    },
    "player.remark_hint": {
        "en": "The order remark. Format: name, size, pattern or customisation, ship date, "
        "delivery, special notes. An existing remark stays: add to it.",
        "zh": "订单备注。格式：姓名，尺寸，图案有无修改或定制，发货时间，配送情况，特殊备注。"
        "已有的备注要保留，在后面补充。",
    },
    "player.your_remark": {"en": "Your remark", "zh": "你的备注"},
    "player.step": {"en": "Step {n}", "zh": "第 {n} 步"},
    "player.case": {"en": "Case", "zh": "案例"},
    "player.family": {"en": "Family", "zh": "类别"},
    "player.open": {"en": "Open", "zh": "打开"},
    "player.critical_mark": {"en": "critical", "zh": "关键"},
    "player.save_failed": {
        "en": "Your answer could not be saved ({error}). It was not counted; try again.",
        "zh": "你的回答没能保存（{error}），这一步没有计入，请再试一次。",
    },
    "player.nothing_ticked": {"en": "(nothing ticked)", "zh": "（什么都没勾选）"},
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
    # --- playbook browser and level ladder -------------------------------------------------
    "rules.kind.do": {"en": "do", "zh": "要做"},
    "rules.kind.dont": {"en": "never do", "zh": "不能做"},
    "rules.weight": {"en": "weight {n}", "zh": "权重 {n}"},
    "rules.search": {"en": "Search", "zh": "搜索"},
    "rules.search_hint": {
        "en": "a word in English or Chinese, e.g. courier",
        "zh": "输入中文或英文关键词，例如：快递",
    },
    "rules.chapter": {"en": "Chapter", "zh": "章节"},
    "rules.all_chapters": {"en": "All chapters", "zh": "全部章节"},
    "rules.count": {"en": "{n} rules", "zh": "共 {n} 条规则"},
    "levels.entry": {"en": "Where everyone starts.", "zh": "所有人的起点。"},
    "levels.tenure": {
        "en": "{n} months at the level below",
        "zh": "在下一级满 {n} 个月",
    },
    "levels.clean": {
        "en": "{n} months in a row without a mistake, with at least {attempts} cases practised",
        "zh": "连续 {n} 个月没有失误，期间至少练习 {attempts} 个案例",
    },
    "levels.assessment": {"en": "assessment: pass {cases}", "zh": "考核：通过{cases}"},
    # --- seeds: readable names of the source files ------------------------------------------
    "seed.000": {"en": "After-sales work summary (seed 000)", "zh": "售后服务工作总结（种子 000）"},
    "seed.001": {
        "en": "Seller forum: doing after-sales well (seed 001)",
        "zh": "卖家论坛：售后服务怎么做（种子 001）",
    },
    "seed.002": {"en": "Senior agent's handbook (seed 002)", "zh": "资深客服手册（种子 002）"},
    "seed.003": {
        "en": "Logistics after-sales work summary (seed 003)",
        "zh": "物流客服售后工作总结（种子 003）",
    },
    "seed.004": {
        "en": "E-commerce customer-service summaries (seed 004)",
        "zh": "电商客服工作总结（种子 004）",
    },
    "seed.other": {"en": "{name}", "zh": "{name}"},
    # --- mentor review ----------------------------------------------------------------------
    "review.not_mentor": {
        "en": "{name} is not a mentor, so reviews cannot be saved. A mentor can be made with: aftersales role set {name} mentor",
        "zh": "{name} 不是导师，不能保存点评。可以用这条命令设为导师：aftersales role set {name} mentor",
    },
    "review.empty": {"en": "No written answers wait for review.", "zh": "没有待点评的书面回答。"},
    "review.answer": {"en": "Answer", "zh": "回答"},
    "review.case": {"en": "Case", "zh": "案例"},
    "review.step": {"en": "Step", "zh": "步骤"},
    "review.trainee": {"en": "Trainee", "zh": "学员"},
    "review.customer_said": {"en": "The customer's message", "zh": "顾客的消息"},
    "review.reply": {"en": "The trainee's reply", "zh": "学员的回复"},
    "review.checker": {
        "en": "The checker's verdicts (change any you disagree with)",
        "zh": "自动判定（不同意的可以修改）",
    },
    "review.found": {"en": "found", "zh": "找到"},
    "review.comment": {"en": "Comment for the trainee", "zh": "给学员的点评"},
    "review.snippets": {"en": "Reuse one of your comments", "zh": "复用你写过的点评"},
    "review.snippet_none": {"en": "(pick a saved comment)", "zh": "（选择一条写过的点评）"},
    "review.save": {"en": "Save review", "zh": "保存点评"},
    "review.saved": {
        "en": "Review {id} saved; {trainee} will see it in their progress.",
        "zh": "点评 {id} 已保存，{trainee} 会在学习进度里看到。",
    },
    "review.path": {"en": "Path", "zh": "作答路径"},
    "review.queue_size": {"en": "Answers waiting for review: {n}", "zh": "待点评的回答：{n} 条"},
    # --- progress and cohort views (charts) -------------------------------------------------
    "progress.no_attempts": {
        "en": "No finished attempts yet for {name}. Open a case from the start page to begin.",
        "zh": "{name} 还没有完成的练习。从开始页面打开一个案例，开始练习吧！",
    },
    "progress.level": {"en": "Level: {level}", "zh": "级别：{level}"},
    "progress.counts": {
        "en": "{finished} finished attempts, {passed} passed, {unfinished} unfinished",
        "zh": "已完成 {finished} 次练习，通过 {passed} 次，未完成 {unfinished} 次",
    },
    "progress.counts.one": {
        "en": "1 finished attempt, {passed} passed, {unfinished} unfinished",
        "zh": "已完成 1 次练习，通过 {passed} 次，未完成 {unfinished} 次",
    },
    "progress.next": {"en": "Next case: {title}", "zh": "下一个案例：{title}"},
    "progress.scores": {"en": "Scores over time", "zh": "历次得分"},
    "progress.mastery": {"en": "Mastery per rule", "zh": "规则掌握度"},
    "progress.mastery_help": {
        "en": "Mastery counts your recent answers most; a rule needs {need} answers before it shows.",
        "zh": "掌握度更看重你最近的回答；一条规则至少要有 {need} 次作答才会显示。",
    },
    "progress.not_practised": {
        "en": "Rules not practised yet: {n} of {total}.",
        "zh": "还没有练到的规则：{n} 条（共 {total} 条）。",
    },
    "progress.comments": {"en": "Mentor comments", "zh": "导师点评"},
    "progress.no_comments": {"en": "No comments from mentors yet.", "zh": "导师还没有点评。"},
    "progress.step": {"en": "step {n}", "zh": "第 {n} 步"},
    "progress.comment_where": {"en": "{case}, {step}", "zh": "{case}，{step}"},
    "progress.casebook": {"en": "Casebook", "zh": "案例笔记"},
    "progress.note_case": {"en": "Case", "zh": "案例"},
    "progress.note_placeholder": {
        "en": "What did you learn? Compare with similar cases.",
        "zh": "学到了什么？和类似的案例比较一下。",
    },
    "progress.save_note": {"en": "Save note", "zh": "保存笔记"},
    "progress.note_saved": {"en": "Note saved.", "zh": "笔记已保存。"},
    "progress.note_empty": {"en": "Write something before saving.", "zh": "请先写点内容再保存。"},
    "progress.note_too_long": {
        "en": "A note is at most {max} characters; this one has {n}. Nothing was saved.",
        "zh": "笔记最多 {max} 个字符，这条有 {n} 个，没有保存。",
    },
    "progress.notes_written": {"en": "Written", "zh": "时间"},
    "progress.notes_text": {"en": "Note", "zh": "笔记"},
    "progress.no_notes": {"en": "No notes yet.", "zh": "还没有笔记。"},
    "charts.pass_mark": {"en": "pass mark {mark}", "zh": "及格线 {mark} 分"},
    "charts.passed": {"en": "passed", "zh": "通过"},
    "charts.not_passed": {"en": "not passed", "zh": "未通过"},
    "charts.no_attempts": {"en": "No finished attempts yet", "zh": "还没有完成的练习"},
    "charts.attempt": {"en": "Attempt", "zh": "练习次序"},
    "charts.score": {"en": "Score", "zh": "得分"},
    "charts.no_answers": {"en": "No answers yet", "zh": "还没有作答记录"},
    "charts.too_few": {
        "en": "not enough answers yet ({n} of {need})",
        "zh": "作答次数还不够（{n}/{need}）",
    },
    "charts.answers": {"en": "{n} answers", "zh": "{n} 次作答"},
    "charts.mastered_line": {"en": "mastered ({share})", "zh": "已掌握（{share}）"},
    "charts.mastery": {"en": "Mastery", "zh": "掌握度"},
    "charts.n": {"en": "n={n}", "zh": "{n} 次"},
    "charts.heat_legend": {
        "en": "Colour: mastery · n: answers · hatched grey: fewer than {need} answers",
        "zh": "颜色：掌握度 · 数字：作答次数 · 灰色斜线：作答少于 {need} 次",
    },
    "cohort.mastery": {"en": "Mastery: trainees × rules", "zh": "掌握度：学员 × 规则"},
    "cohort.chapter": {"en": "Chapter", "zh": "章节"},
    "cohort.overview": {"en": "All chapters (overview)", "zh": "全部章节（总览）"},
    "cohort.heat_help": {
        "en": "Each cell is a trainee's mastery of a rule (recent answers count most) and n, the "
        "number of answers behind it. Hatched grey: fewer than {need} answers, so no mastery "
        "yet; empty: never answered. The overview averages the rules of each chapter.",
        "zh": "每一格是学员对一条规则的掌握度（最近的回答权重更高），以及背后的作答次数。灰色斜线："
        "作答少于 {need} 次，暂无掌握度；空白：从未作答。总览是每章各条规则的平均值。",
    },
    "cohort.no_trainees": {
        "en": "No trainee has finished an attempt yet.",
        "zh": "还没有学员完成练习。",
    },
    "cohort.difficulty": {"en": "Case difficulty", "zh": "案例难度"},
    "cohort.difficulty_help": {
        "en": "Cases with at least {min} finished attempts, hardest first; {skipped} cases with "
        "fewer are left out.",
        "zh": "只列出至少有 {min} 次完成练习的案例，最难的排在前面；另有 {skipped} 个案例练习次数不足，未列出。",
    },
    "cohort.difficulty_none": {
        "en": "No case has {min} finished attempts yet, so no difficulty is shown.",
        "zh": "还没有案例达到 {min} 次完成练习，暂不显示难度。",
    },
    "cohort.case": {"en": "Case", "zh": "案例"},
    "cohort.attempts": {"en": "Finished attempts", "zh": "完成次数"},
    "cohort.pass_rate": {"en": "Pass rate", "zh": "通过率"},
    "cohort.mean_score": {"en": "Mean score", "zh": "平均分"},
    "cohort.checker": {"en": "Checker vs mentors", "zh": "自动判分与导师是否一致"},
    "cohort.mentors": {"en": "Mentor vs mentor", "zh": "导师之间是否一致"},
    "cohort.kappa_help": {
        "en": "Agreement is the share of answers on which both gave the same verdict. Kappa "
        "discounts the agreement expected by chance: 1 is full agreement, 0 no better than "
        "chance, below 0 worse than chance. It needs at least {min} answers.",
        "zh": "一致率是双方判定相同的答案所占的比例。Kappa 系数扣除了碰巧一致的部分：1 表示完全一致，"
        "0 表示和随机差不多，小于 0 表示比随机还差。至少要有 {min} 条才计算。",
    },
    "cohort.one_verdict_help": {
        "en": "*: one side gave the same verdict every time, so kappa cannot show agreement "
        "beyond chance (it can be 0 even at high agreement); read the agreement instead.",
        "zh": "*：其中一方每次的判定都相同，Kappa 无法反映超出随机的一致（一致率很高时也可能为 0），请看一致率。",
    },
    "cohort.rule": {"en": "Rule", "zh": "规则"},
    "cohort.items": {"en": "Answers (n)", "zh": "条数（n）"},
    "cohort.agreement": {"en": "Agreement", "zh": "一致率"},
    "cohort.kappa": {"en": "Kappa", "zh": "Kappa 系数"},
    "cohort.too_few": {"en": "too few (under {min})", "zh": "太少（不足 {min} 条）"},
    "cohort.no_reviews": {
        "en": "No answers reviewed by mentors yet.",
        "zh": "导师还没有复核任何答案。",
    },
    "cohort.no_pairs": {
        "en": "No answer has been reviewed by two mentors yet.",
        "zh": "还没有被两位导师都复核过的答案。",
    },
    # --- terminal and command line ----------------------------------------------------------
    "cli.channel": {"en": "Channel", "zh": "渠道"},
    "cli.customer": {"en": "Customer", "zh": "顾客"},
    "cli.order": {"en": "Order", "zh": "订单"},
    "cli.amount": {"en": "Amount", "zh": "金额"},
    "cli.status": {"en": "Status", "zh": "状态"},
    "cli.situation": {"en": "Situation", "zh": "情况说明"},
    "cli.step": {"en": "Step {n}", "zh": "第 {n} 步"},
    "cli.deadline": {"en": "Deadline", "zh": "截止时间"},
    "cli.hint.choice": {
        "en": "Type one letter ({first} to {last})",
        "zh": "输入一个字母（{first} 到 {last}）",
    },
    "cli.hint.multi": {
        "en": "Type the letters of every option that applies, e.g. a,c (- for none)",
        "zh": "输入所有适用选项的字母，例如 a,c（都不适用请输入 -）",
    },
    "cli.hint.evidence": {
        "en": "Type the letters of everything you upload, e.g. a,c (- for nothing)",
        "zh": "输入要上传的每一项的字母，例如 a,c（什么都不上传请输入 -）",
    },
    "cli.hint.order": {
        "en": "Type all {n} letters in order, e.g. {example}",
        "zh": "按顺序输入全部 {n} 个字母，例如 {example}",
    },
    "cli.hint.reply": {
        "en": "Write your reply; an empty line sends it",
        "zh": "写下你的回复，空一行即发送",
    },
    "cli.hint.remark": {
        "en": "Edit the remark (the line starts with the remark on the order; keep it and "
        "add to it); an empty line saves it",
        "zh": "编辑备注（这一行已填好订单原有的备注，保留它并在后面补充），空一行即保存",
    },
    "cli.remark_on_order": {"en": "Remark on the order", "zh": "订单原备注"},
    "cli.remark_format": {
        "en": "Format: name, size, pattern or customisation, ship date, delivery, special notes",
        "zh": "格式：姓名，尺寸，图案有无修改或定制，发货时间，配送情况，特殊备注",
    },
    "cli.time_limit": {
        "en": "The customer is waiting: time limit {limit}, the clock runs from now.",
        "zh": "顾客在等：时限 {limit}，从现在开始计时。",
    },
    "cli.retry.empty": {"en": "Nothing was typed.", "zh": "还没有输入任何内容。"},
    "cli.retry.unknown": {
        "en": "There is no option “{given}”: the letters are {first} to {last}.",
        "zh": "没有选项“{given}”：可选的字母是 {first} 到 {last}。",
    },
    "cli.retry.one": {
        "en": "This step takes exactly one letter.",
        "zh": "这一步只能选一个字母。",
    },
    "cli.retry.twice": {"en": "“{given}” is typed twice.", "zh": "“{given}”输入了两次。"},
    "cli.retry.all": {
        "en": "Put all {n} letters in order, each one once.",
        "zh": "请按顺序输入全部 {n} 个字母，每个一次。",
    },
    "cli.retry.again": {"en": "Please try again.", "zh": "请再试一次。"},
    "cli.critical": {"en": "critical", "zh": "关键"},
    "cli.found": {"en": "Found in your reply: {phrase}", "zh": "在你的回复中找到：{phrase}"},
    "cli.source": {"en": "Source", "zh": "出处"},
    "cli.model_answer": {"en": "Model answer", "zh": "参考答案"},
    "cli.story": {"en": "How it ended", "zh": "结局"},
    "cli.score": {"en": "Score: {score}/100", "zh": "得分：{score}/100"},
    "cli.passed": {
        "en": "Passed: {mark} or more and no critical rule broken.",
        "zh": "通过：不低于 {mark} 分，且没有违反关键规则。",
    },
    "cli.failed.critical": {
        "en": "Not passed: a critical rule was broken ({rules}).",
        "zh": "未通过：违反了关键规则（{rules}）。",
    },
    "cli.failed.score": {
        "en": "Not passed: the score is under the pass mark of {mark}.",
        "zh": "未通过：得分低于及格线 {mark} 分。",
    },
    "cli.outcome": {"en": "Outcome: {outcome}", "zh": "结果：{outcome}"},
    "cli.saved": {"en": "Saved as attempt {attempt}.", "zh": "已保存为练习记录 {attempt}。"},
    "cli.resumed": {
        "en": "Welcome back: your unfinished attempt continues at step {n}.",
        "zh": "欢迎回来：从第 {n} 步继续你上次未完成的练习。",
    },
    "cli.interrupted": {
        "en": "Progress saved; resume with: {command}",
        "zh": "进度已保存；继续练习请运行：{command}",
    },
    "cli.play.passed": {"en": "passed", "zh": "通过"},
    "cli.play.failed": {"en": "not passed", "zh": "未通过"},
    "cli.play.summary": {
        "en": "{scenario}: {score}/100, {verdict} ({outcome}), attempt {attempt}",
        "zh": "{scenario}：{score}/100，{verdict}（{outcome}），练习记录 {attempt}",
    },
    "cli.play.critical": {
        "en": "Critical rules broken: {rules}",
        "zh": "违反的关键规则：{rules}",
    },
    "cli.play.missing": {
        "en": "no answer for step '{step}' ({kind}); give --choose or --reply {step}=...",
        "zh": "步骤“{step}”（{kind}）没有答案；请用 --choose 或 --reply {step}=... 给出",
    },
    "cli.play.pairs": {
        "en": "{flag} takes STEP=ANSWER, got {given}",
        "zh": "{flag} 的格式是 STEP=ANSWER，收到的是 {given}",
    },
    "cli.play.seconds": {
        "en": "--seconds takes STEP=N (a number of seconds), got {given}",
        "zh": "--seconds 的格式是 STEP=N（秒数），收到的是 {given}",
    },
    "cli.kind.choice": {"en": "choice", "zh": "单选"},
    "cli.kind.multi": {"en": "multi", "zh": "多选"},
    "cli.kind.evidence": {"en": "evidence", "zh": "举证"},
    "cli.kind.order": {"en": "order", "zh": "排序"},
    "cli.kind.reply": {"en": "reply", "zh": "回复"},
    "cli.validate.ok": {
        "en": "ok: {rules} rules, {scenarios} scenarios",
        "zh": "检查通过：{rules} 条规则，{scenarios} 个案例",
    },
    "cli.rules.do": {"en": "do", "zh": "要做"},
    "cli.rules.dont": {"en": "don't", "zh": "不要做"},
    "cli.rules.line": {
        "en": "{id} ({kind}, weight {weight}){critical}: {title}",
        "zh": "{id}（{kind}，权重 {weight}）{critical}：{title}",
    },
    "cli.scenarios.line": {
        "en": "{id}  [{family}, level {level}]  {title}  ({kinds})",
        "zh": "{id}  【{family}，难度 {level}】  {title}  （{kinds}）",
    },
    "cli.progress.total": {
        "en": "Attempts: {finished} finished, {unfinished} unfinished",
        "zh": "练习：已完成 {finished} 次，未完成 {unfinished} 次",
    },
    "cli.progress.row": {
        "en": "Attempts: {finished} finished, {unfinished} unfinished; passed: {passed}; mean score: {mean}",
        "zh": "练习：已完成 {finished} 次，未完成 {unfinished} 次；通过 {passed} 次；平均分：{mean}",
    },
    "cli.progress.level": {"en": "Level: {level}", "zh": "级别：{level}"},
    "cli.progress.weakest": {"en": "Weakest rules: {rules}", "zh": "最薄弱的规则：{rules}"},
    "cli.progress.next": {"en": "Practise next: {title}", "zh": "接下来练：{title}"},
    "cli.progress.none": {"en": "none yet", "zh": "暂无"},
    "cli.progress.no_trainee": {
        "en": "no trainee named '{name}' in the store",
        "zh": "进度库里没有名为“{name}”的学员",
    },
    "cli.review.item": {
        "en": "Attempt {attempt} · {trainee} · {scenario} / {step}: {text}",
        "zh": "练习记录 {attempt} · {trainee} · {scenario} / {step}：{text}",
    },
    "cli.review.empty": {
        "en": "No written answers are waiting for review.",
        "zh": "没有等待点评的书面回答。",
    },
    "cli.review.recorded": {"en": "Review {id} recorded.", "zh": "已记录点评 {id}。"},
    "cli.review.needs": {
        "en": "review record needs --attempt and --step",
        "zh": "review record 需要 --attempt 和 --step",
    },
    "cli.review.unknown_rules": {
        "en": "unknown rule id(s): {rules}",
        "zh": "未知的规则编号：{rules}",
    },
    "cli.review.bad_verdict": {
        "en": "--verdict takes RULE=followed|violated|missed, got {given}",
        "zh": "--verdict 的格式是 RULE=followed|violated|missed，收到的是 {given}",
    },
    "cli.review.not_mentor": {
        "en": "'{name}' is not a mentor; only mentors can record reviews (make one with: aftersales role set {name} mentor)",
        "zh": "“{name}”不是导师，只有导师才能记录点评（设为导师：aftersales role set {name} mentor）",
    },
    "cli.role.mentor": {"en": "mentor", "zh": "导师"},
    "cli.role.trainee": {"en": "trainee", "zh": "学员"},
    "cli.role.set": {"en": "{name} is now a {role}.", "zh": "{name} 现在是{role}。"},
    "cli.role.show": {"en": "{name} is a {role}.", "zh": "{name} 是{role}。"},
    "cli.role.new": {
        "en": "{name} is not in the store yet; newcomers start as a trainee.",
        "zh": "进度库里还没有 {name}；新用户默认是学员。",
    },
    "cli.role.bad": {
        "en": "the role is mentor or trainee, not '{role}'",
        "zh": "角色只能是 mentor 或 trainee，不能是“{role}”",
    },
    "cli.role.show_usage": {
        "en": "role show takes only a NAME",
        "zh": "role show 只需要一个名字",
    },
    "cli.demo.added": {
        "en": "added {trainees} trainees, {attempts} attempts, {reviews} reviews",
        "zh": "已添加 {trainees} 名学员、{attempts} 次练习、{reviews} 条点评",
    },
    "cli.demo.bad_count": {
        "en": "--trainees must be at least 1",
        "zh": "--trainees 至少为 1",
    },
    "cli.regrade.done": {
        "en": "re-graded {attempts} attempts; {changed} changed score or pass; {skipped} no longer fit the content",
        "zh": "已重新评分 {attempts} 次练习；{changed} 次的得分或是否通过有变化；{skipped} 次与当前内容不再匹配",
    },
}


def lang_of(lang: str | None) -> str:
    return "zh" if lang and lang.lower().startswith("zh") else "en"


def t(key: str, lang: str | None, **values) -> str:
    """The UI string `key` in `lang` ("en" or "zh"), with `{name}` fields filled in."""
    text = STRINGS[key][lang_of(lang)]
    return text.format(**values) if values else text


def outcome_word(outcome: str, lang: str | None) -> str:
    return t(f"outcome.{outcome}", lang)
