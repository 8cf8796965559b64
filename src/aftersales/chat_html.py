"""HTML pieces of the case player: the case panel, the conversation, feedback and the ending.

Every piece of text passes through `esc`, including content: a trainee's reply and a mentor's
comment are shown as text, never as markup. No emoji: marks are plain Latin-1 characters and
CSS, so nothing depends on an emoji font being installed.
"""

from __future__ import annotations

from .feedback import first_sentence
from .grading import PASS_MARK, clock
from .html import esc
from .i18n import t

# Scoped to .as-player; overrides ipywidgets' one-line, ellipsised buttons and checkbox labels
# so an option's whole text wraps inside its card.
PLAYER_CSS = """<style>
.as-player{font-size:14px;line-height:1.45;color:#1f2328}
.as-player .widget-html-content,.as-player .widget-html-content *{line-height:1.45}
.as-player .widget-html-content{font-size:14px}
.as-player h3{margin:4px 0 6px;font-size:18px}
.as-case{background:#f6f8fa;border:1px solid #d0d7de;border-radius:8px;padding:8px 12px;
 font-size:13.5px;line-height:1.45;margin:4px 0}
.as-case .as-meta{color:#57606a;margin-bottom:4px}
.as-case dl{display:grid;grid-template-columns:max-content 1fr;gap:1px 12px;margin:4px 0 0}
.as-case dt{color:#57606a;white-space:nowrap}.as-case dd{margin:0}
.as-mood{display:flex;align-items:center;gap:8px;font-size:13.5px;margin:6px 0}
.as-mood .as-bar{width:140px;height:10px;background:#e5e7eb;border-radius:5px;overflow:hidden}
.as-mood .as-fill{height:10px;border-radius:5px}
.as-row{display:flex;gap:8px;margin:8px 0;align-items:flex-start}
.as-row.as-agent{flex-direction:row-reverse}
.as-avatar{width:30px;height:30px;border-radius:50%;display:flex;align-items:center;
 justify-content:center;font-weight:600;font-size:13px;flex:none;color:#fff}
.as-customer .as-avatar{background:#6e7781}.as-agent .as-avatar{background:#0969da}
.as-supervisor .as-avatar,.as-colleague .as-avatar{background:#9a6700}
.as-body{max-width:78%;display:flex;flex-direction:column}
.as-agent .as-body{align-items:flex-end}
.as-who{font-size:12px;color:#57606a;margin:0 4px 2px}
.as-bubble{padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.as-customer .as-bubble{background:#f1f3f5}.as-agent .as-bubble{background:#dbeafe}
.as-supervisor .as-bubble,.as-colleague .as-bubble{background:#fff8e1;border:1px solid #eed48a}
.as-narration{text-align:center;font-style:italic;color:#57606a;font-size:13px;margin:8px 32px}
.as-phone .as-callbar{background:#1f2328;color:#fff;border-radius:8px;padding:6px 12px;
 font-size:13px;margin:6px 0}
.as-phone .as-row{display:grid;grid-template-columns:120px 1fr;gap:10px;margin:0;
 padding:5px 4px;border-bottom:1px solid #eaeef2}
.as-phone .as-avatar{display:none}.as-phone .as-body{max-width:none}
.as-phone .as-who{font-weight:600;color:#1f2328;margin:0}
.as-phone .as-bubble{background:none;border:none;padding:0;border-radius:0}
.as-phone .as-agent .as-who{color:#0969da}
.as-phone .as-row.as-agent{flex-direction:initial}.as-phone .as-agent .as-body{align-items:stretch}
.as-phone .as-narration{text-align:left;margin:6px 0 6px 130px}
.as-prompt{font-weight:600;margin:10px 0 4px}
.as-hint{color:#57606a;font-size:13px;margin:0 0 4px}
@property --as-s{syntax:'<integer>';inherits:true;initial-value:0}
@property --as-m{syntax:'<integer>';inherits:true;initial-value:0}
@property --as-sec{syntax:'<integer>';inherits:true;initial-value:0}
.as-timer{font-size:13px;color:#24292f;margin:2px 0 6px;--as-m:calc((var(--as-s) - 30) / 60);
  --as-sec:calc(var(--as-s) - var(--as-m) * 60);
  animation:as-count 3600s linear var(--as-delay) forwards}
.as-clock::after{counter-reset:m var(--as-m) s var(--as-sec);
  content:counter(m) ":" counter(s,decimal-leading-zero);font-weight:600;font-variant-numeric:tabular-nums}
.as-timebar{height:6px;background:#eaeef2;border-radius:3px;overflow:hidden;margin-top:3px;max-width:320px}
.as-timefill{height:100%;width:0;background:#2da44e;
  animation:as-fill var(--as-limit) linear var(--as-delay) forwards,
    as-late 1ms linear calc(var(--as-limit) + var(--as-delay)) forwards}
@keyframes as-count{from{--as-s:0}to{--as-s:3600}}
@keyframes as-fill{from{width:0}to{width:100%}}
@keyframes as-late{to{background:#cf222e}}
.as-remark-original{font-size:13px;background:#f6f8fa;border-left:3px solid #8c959f;padding:4px 8px;margin:2px 0 6px;white-space:pre-wrap}
.as-fb{border-left:3px solid #d0d7de;margin:2px 0 12px 38px;padding:4px 10px;font-size:13.5px}
.as-fb p{margin:2px 0 6px}
.as-fb ul{list-style:none;padding:0;margin:0}
.as-fb li{margin:0 0 6px}
.as-verdict{display:inline-block;white-space:nowrap;min-width:5.5em;padding:0 6px;
 border-radius:4px;font-weight:600;font-size:12.5px;text-align:center;margin-right:6px}
.v-followed,.v-avoided{background:#dafbe1;color:#116329}
.v-missed{background:#fff1e5;color:#953800}.v-violated{background:#ffebe9;color:#a40e26}
.as-crit{color:#a40e26;font-size:12px;white-space:nowrap}
.as-src{color:#57606a;font-size:12.5px}
.as-fb details{display:inline;font-size:12.5px;color:#57606a}
.as-fb summary{display:inline;cursor:pointer;text-decoration:underline dotted}
.as-model{background:#f6f8fa;border-radius:6px;padding:6px 10px;margin-top:6px}
.as-model b{display:block;font-size:12.5px;color:#57606a}
mark.as-hit-followed{background:#c8f0d0}mark.as-hit-violated{background:#ffc9c9}
.as-ending{border:1px solid #d0d7de;border-radius:8px;padding:8px 14px;margin-top:10px}
.as-ending h4{margin:2px 0 6px}.as-ending .as-story{font-style:italic;margin:0 0 6px}
.as-ending .as-score{font-size:16px;font-weight:600}
.as-pass{color:#116329}.as-fail{color:#a40e26}
.as-ending ul.as-rows{columns:2;column-gap:18px;list-style:none;padding:0;margin:6px 0}
.as-ending ul.as-rows li{break-inside:avoid;margin:0 0 3px;font-size:13px}
.as-error{background:#ffebe9;color:#a40e26;border-radius:6px;padding:6px 10px}
.as-note{color:#57606a;font-style:italic}
.as-player .as-option.widget-button,.as-player .as-option.jupyter-button{white-space:normal!important;
 height:auto!important;text-align:left!important;line-height:1.45!important;padding:9px 12px!important;
 overflow:visible!important;text-overflow:clip!important;margin:3px 0!important;
 background:#fff!important;border:1px solid #d0d7de!important;border-radius:8px!important;
 box-shadow:none!important;color:#1f2328!important;font-size:14px!important}
.as-player .as-option.widget-button:hover{border-color:#0969da!important;background:#f3f8ff!important}
.as-player .as-option.widget-button:focus{outline:2px solid #0969da!important}
.as-player .as-check{height:auto!important;width:100%!important;margin:2px 0!important}
.as-player .as-check label,.as-player .as-check span{white-space:normal!important;overflow:visible!important;
 text-overflow:clip!important;height:auto!important;line-height:1.45!important}
.as-player .as-check .widget-label-basic{align-items:flex-start!important;
 border:1px solid #d0d7de;border-radius:8px;padding:7px 10px;width:100%;box-sizing:border-box}
.as-player .as-check input{margin:4px 8px 0 0!important;flex:none}
.as-player .as-orderrow{align-items:center;margin:2px 0;width:100%}
.as-player .as-orderrow .as-card{border:1px solid #d0d7de;border-radius:8px;padding:6px 10px;
 white-space:normal;line-height:1.45}
.as-player .as-orderrow .widget-html{flex:1 1 auto}
.as-player .as-orderrow .widget-button{width:34px;flex:none}
</style>"""

MOOD_BANDS = ((20, "furious", "#cf222e"), (40, "upset", "#e16f24"), (55, "uneasy", "#d4a72c"),
              (75, "calm", "#57ab5a"), (101, "pleased", "#1a7f37"))  # fmt: skip


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f"({text})"


def initials(name: str) -> str:
    """'Ms Wu' -> 'W', '吴女士' -> '吴': the surname the customer is addressed by."""
    name = name.strip()
    if not name:
        return "?"
    if name[0] > "\u2e80":
        return name[0]
    return name.split()[-1][0].upper()


def mood_html(mood: int, lang: str) -> str:
    _, word, colour = next(b for b in MOOD_BANDS if mood < b[0])
    return (
        f'<div class="as-mood"><span>{esc(t("player.mood", lang) + colon(lang).strip())}</span>'
        f'<b class="as-moodword">{esc(t(f"player.mood.{word}", lang))}</b>'
        f'<span class="as-bar"><span class="as-fill" style="display:block;width:{mood}%;'
        f'background:{colour}"></span></span></div>'
    )


def case_panel(scenario, lang: str) -> str:
    ctx = scenario.context
    order = ctx.order
    rows = [(t("player.order", lang), order.id), (t("player.item", lang), order.item.in_lang(lang))]
    if order.amount is not None:
        rows.append((t("player.amount", lang), f"¥{order.amount:g}"))
    if order.status is not None:
        rows.append((t("player.status", lang), order.status.in_lang(lang)))
    rows.append((t("player.customer", lang), ctx.customer.persona.in_lang(lang)))
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return (
        f"<h3>{esc(scenario.title.in_lang(lang))}</h3>"
        f'<div class="as-case"><div class="as-meta">{esc(t(f"channel.{ctx.channel}", lang))} · '
        f"{esc(ctx.customer.name.in_lang(lang))}</div>"
        f"<div>{esc(ctx.situation.in_lang(lang))}</div><dl>{dl}</dl></div>"
    )


def call_bar(scenario, lang: str) -> str:
    if scenario.context.channel != "phone":
        return ""
    name = scenario.context.customer.name.in_lang(lang)
    return f'<div class="as-callbar">{esc(t("channel.phone", lang))} · {esc(name)}</div>'


def line_html(
    who: str,
    text: str,
    lang: str,
    customer_name: str,
    at: str | None = None,
    body_html: str | None = None,
    agent_name: str | None = None,
) -> str:
    """One line of the conversation: a bubble (or a transcript row on the phone), narration
    as a stage direction in italics. `body_html` is already escaped (see `highlighted`)."""
    if who == "narration":
        stamp = f"{esc(at)} · " if at else ""
        return f'<div class="as-narration">{stamp}{esc(text)}</div>'
    if who == "customer":
        name, mark = customer_name, initials(customer_name)
    elif who == "agent":  # the trainee: "You" in the player, their name in a mentor's view
        name = agent_name or t("speaker.agent", lang)
        mark = initials(name) if agent_name else name[0]
    else:
        name = t(f"speaker.{who}", lang)
        mark = name[0]
    stamp = f" · {esc(at)}" if at else ""
    return (
        f'<div class="as-row as-{who}"><div class="as-avatar">{esc(mark)}</div>'
        f'<div class="as-body"><div class="as-who">{esc(name)}{stamp}</div>'
        f'<div class="as-bubble">{body_html if body_html is not None else esc(text)}</div>'
        f"</div></div>"
    )


def highlighted(text: str, hits: list[tuple[str, str]]) -> str:
    """The reply, escaped, with each (phrase, verdict) the checker found marked where it is."""
    spans = []
    for phrase, verdict in hits:
        start = text.find(phrase) if phrase else -1
        if start >= 0 and not any(s < start + len(phrase) and start < e for s, e, _ in spans):
            spans.append((start, start + len(phrase), verdict))
    out, pos = [], 0
    for start, end, verdict in sorted(spans):
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="as-hit-{verdict}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def verdict_badge(row: dict) -> str:
    mark = {"followed": "+", "avoided": "+", "missed": "–", "violated": "×"}[row["verdict_key"]]
    return f'<span class="as-verdict v-{row["verdict_key"]}">{mark} {esc(row["verdict"])}</span>'


def source_html(row: dict, lang: str) -> str:
    src = row["source"]
    return (
        f'<span class="as-src">{esc(t("player.source", lang))}{colon(lang)}{esc(src["label"])}</span> '
        f"<details><summary>{esc(t('player.quote', lang))}</summary> “{esc(src['quote'])}”</details>"
    )


def rule_line(row: dict, lang: str) -> str:
    crit = (
        f' <span class="as-crit">{esc(paren(t("player.critical_mark", lang), lang))}</span>'
        if row["critical"]
        else ""
    )
    why = row["why"]
    if row.get("phrase") and row["verdict_key"] in ("followed", "violated"):
        why = t("player.why.reply_found", lang) + f"“{row['phrase']}”"
    return (
        f'<li class="as-rule" data-rule="{esc(row["rule"])}">{verdict_badge(row)}'
        f"<b>{esc(row['title'])}</b>{crit} — {esc(why)} {source_html(row, lang)}</li>"
    )


def feedback_html(feedback: dict, lang: str) -> str:
    message = f"<p>{esc(feedback['message'])}</p>" if feedback.get("message") else ""
    rules = "".join(rule_line(r, lang) for r in feedback["rules"])
    model = ""
    if feedback.get("model_answer"):
        model = (
            f'<div class="as-model"><b>{esc(t("player.model_answer", lang))}</b>'
            f'<span style="white-space:pre-wrap">{esc(feedback["model_answer"])}</span></div>'
        )
    return f'<div class="as-fb">{message}<ul>{rules}</ul>{model}</div>'


def ending_html(summary: dict, rows: list[dict], practise: list[dict], library, lang: str) -> str:
    if summary["passed"]:
        verdict = (
            f'<span class="as-pass">{esc(t("player.passed.reason", lang, mark=PASS_MARK))}</span>'
        )
    elif summary["critical_violations"]:
        titles = ("、" if lang == "zh" else ", ").join(
            library.rules[r].title.in_lang(lang) for r in summary["critical_violations"]
        )
        verdict = (
            f'<span class="as-fail">{esc(t("player.failed.critical", lang, rules=titles))}</span>'
        )
    else:
        verdict = (
            f'<span class="as-fail">{esc(t("player.failed.score", lang, mark=PASS_MARK))}</span>'
        )
    items = "".join(f"<li>{verdict_badge(r)}{esc(r['title'])}</li>" for r in rows)
    practise_html = ""
    if practise:
        names = "".join(
            f"<li><b>{esc(r['title'])}</b> — {esc(first_sentence(r['text']))}</li>"
            for r in practise
        )
        practise_html = (
            f"<b>{esc(t('player.practise', lang))}</b><ul style='margin:2px 0'>{names}</ul>"
        )
    return (
        f'<div class="as-ending"><h4>{esc(t("player.story", lang))}</h4>'
        f'<p class="as-story">{esc(summary["ending"])}</p>'
        f'<div class="as-score">{esc(t("player.score", lang))}{colon(lang)}{summary["score"]}/100 · '
        f"{esc(t('player.outcome', lang))}{colon(lang)}{esc(t('outcome.' + summary['outcome'], lang))}</div>"
        f"<div>{verdict}</div>"
        f"<b>{esc(t('player.rules_heading', lang))}</b><ul class='as-rows'>{items}</ul>"
        f"{practise_html}</div>"
    )


def timer_html(within: int, elapsed: float, lang: str) -> str:
    """A clock that runs in the browser (CSS animations, no kernel round trips): the time so
    far and a bar that fills over the limit and turns red after it. `elapsed` keeps it going
    from where it was when the step is drawn again (a language switch)."""
    limit = clock(within)
    style = f"--as-limit:{within}s;--as-delay:-{max(0.0, elapsed):.1f}s"
    return (
        f'<div class="as-timer" role="timer" style="{style}">'
        f"{esc(t('player.time_limit', lang, limit=limit))} "
        f'<span class="as-clock"></span><div class="as-timebar"><div class="as-timefill">'
        f"</div></div></div>"
    )


def error_html(message: str) -> str:
    return f'<div class="as-error">{esc(message)}</div>'
