"""Small HTML builders for the widgets. Every piece of text passes through `esc`: a trainee's
reply, a mentor's comment and even content strings are shown as text, never as markup."""

from __future__ import annotations

from html import escape

MOOD_COLOURS = ((30, "#d9534f"), (60, "#f0ad4e"), (101, "#5cb85c"))
VERDICT_COLOURS = {"followed": "#2e7d32", "violated": "#c62828", "missed": "#ef6c00"}


def esc(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def bubble(text: str, who: str) -> str:
    side = "flex-start" if who == "customer" else "flex-end"
    colour = "#f1f0f0" if who == "customer" else "#dcf3ff"
    return (
        f'<div style="display:flex;justify-content:{side};margin:4px 0">'
        f'<div class="as-bubble as-{who}" style="background:{colour};border-radius:12px;padding:6px 10px;'
        f'max-width:75%;white-space:pre-wrap">{esc(text)}</div></div>'
    )


def mood_bar(mood: int, label: str) -> str:
    colour = next(c for limit, c in MOOD_COLOURS if mood < limit)
    return (
        f'<div class="as-mood" title="{esc(label)} {mood}/100">{esc(label)} '
        f'<span style="display:inline-block;width:120px;height:10px;background:#eee;border-radius:5px">'
        f'<span style="display:inline-block;width:{int(mood * 1.2)}px;height:10px;background:{colour};'
        f'border-radius:5px"></span></span> {mood}</div>'
    )


def rule_rows(rules: list[dict], show_source: bool = True) -> str:
    """Feedback rules (see feedback.rule_citation) as a table with verdict, rule, source."""
    rows = []
    for r in rules:
        colour = VERDICT_COLOURS[r["outcome"]]
        source = (
            f"<br><small>{esc(r['source']['file'])}: “{esc(r['source']['quote'])}”</small>"
            if show_source
            else ""
        )
        evidence = f"<br><small><i>{esc(r['evidence'])}</i></small>" if r.get("evidence") else ""
        rows.append(
            f'<tr><td style="color:{colour};font-weight:bold">{esc(r["verdict"])}</td>'
            f"<td><code>{esc(r['rule'])}</code> {esc(r['title'])}{evidence}{source}</td></tr>"
        )
    return '<table class="as-rules">' + "".join(rows) + "</table>"


def bars(items: list[tuple[str, float | None]], width: int = 200) -> str:
    """Horizontal bars for values in 0..1 (None: not enough evidence yet)."""
    rows = []
    for label, value in items:
        if value is None:
            bar = '<span style="color:#999">–</span>'
        else:
            colour = "#5cb85c" if value >= 0.8 else "#f0ad4e" if value >= 0.5 else "#d9534f"
            bar = (
                f'<span style="display:inline-block;width:{int(value * width)}px;height:10px;background:{colour}"></span>'
                f" {value:.2f}"
            )
        rows.append(f"<tr><td><code>{esc(label)}</code></td><td>{bar}</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def sparkline(values: list[float], width: int = 320, height: int = 60) -> str:
    """Scores 0..100 over time as an inline SVG line with the pass mark."""
    if not values:
        return "<i>–</i>"
    step = width / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{height - v / 100 * height:.1f}" for i, v in enumerate(values)
    )
    pass_y = height - 0.8 * height
    return (
        f'<svg width="{width}" height="{height}" style="background:#fafafa">'
        f'<line x1="0" y1="{pass_y}" x2="{width}" y2="{pass_y}" stroke="#bbb" stroke-dasharray="4"/>'
        f'<polyline fill="none" stroke="#1976d2" stroke-width="2" points="{points}"/></svg>'
    )


def heat_table(frame, fmt="{:.2f}") -> str:
    """A DataFrame of values in 0..1 as a coloured table; labels escaped."""
    head = "".join(f"<th style='writing-mode:vertical-rl'>{esc(c)}</th>" for c in frame.columns)
    rows = []
    for index, row in frame.iterrows():
        cells = []
        for value in row:
            if value != value:  # NaN: not enough evidence
                cells.append("<td style='background:#f5f5f5'></td>")
            else:
                red, green = int(255 * (1 - value)), int(200 * value)
                cells.append(
                    f"<td style='background:rgb({red},{green},80);color:#fff'>{fmt.format(value)}</td>"
                )
        rows.append(f"<tr><th>{esc(index)}</th>{''.join(cells)}</tr>")
    return f"<table class='as-heat'><tr><th></th>{head}</tr>{''.join(rows)}</table>"
