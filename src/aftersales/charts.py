"""Matplotlib figures for the progress and cohort views, rendered to PNG bytes.

Figures are built with `matplotlib.figure.Figure` directly, never through pyplot: no global
figure list holds them (memory is freed with the last reference), nothing is shown, and the
notebook's own backend is left alone; PNGs are drawn by the Agg canvas. Sizes are in inches at
DPI, so a figure WIDTH_IN wide is WIDTH_IN * DPI = 900 pixels, the width of a notebook cell.

Chinese labels need a CJK font: the first of CJK_FONTS found on the machine is registered with
matplotlib and put first in `font.sans-serif` while a figure is built and drawn (a context, not
a global setting). Without one, figures still render; Chinese glyphs then show as boxes and a
single log message says why, instead of one warning per missing glyph.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from .analytics import MASTERED, MIN_EVIDENCE
from .content import Library
from .grading import PASS_MARK
from .i18n import t

log = logging.getLogger(__name__)

DPI = 100
WIDTH_IN = 9.0  # 900 px at DPI
CJK_FONTS = (
    # (family name, font files to try); Debian/Ubuntu paths first, then common others.
    (
        "WenQuanYi Zen Hei",
        (
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
        ),
    ),
    (
        "Noto Sans CJK SC",
        (
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        ),
    ),
    ("Noto Sans SC", ()),
    ("Source Han Sans SC", ()),
    ("Microsoft YaHei", ()),
    ("PingFang SC", ()),
)
# Colour-blind-safe: viridis for mastery; Okabe-Ito blue and orange for two-way contrasts.
MASTERY_CMAP = mpl.colormaps["viridis"]
BLUE, ORANGE, GREY = "#0072B2", "#E69F00", "#999999"
TOO_FEW_COLOUR, EMPTY_COLOUR = "#d9d9d9", "#f5f5f5"
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_TOKENS = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}]+")
_CLOSING = set("，。、；：！？）」』》")


@cache
def cjk_font() -> str | None:
    """The family name of a CJK font matplotlib can use (registered if needed), or None."""
    known = {f.name for f in font_manager.fontManager.ttflist}
    for family, files in CJK_FONTS:
        if family in known:
            return family
        for path in files:
            if Path(path).is_file():
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError) as err:
                    log.warning("cannot load CJK font %s: %s", path, err)
                    continue
                if family in {f.name for f in font_manager.fontManager.ttflist}:
                    return family
    log.warning(
        "no CJK font found (install fonts-wqy-zenhei): Chinese chart labels will show as boxes"
    )
    return None


def _weight(family: str) -> int | str:
    found = [f.weight for f in font_manager.fontManager.ttflist if f.name == family]
    return found[0] if found else "normal"


@contextmanager
def _style():
    """One font for every text of a figure: the CJK font when there is one (it has Latin
    letters too), at the one weight it ships (WenQuanYi Zen Hei: 500 only), so matplotlib
    neither substitutes weights nor falls back to a font without Chinese glyphs. No bold and
    no italic text in the charts for the same reason."""
    family = cjk_font()
    rc = {"font.size": 9, "axes.unicode_minus": False}
    if family:
        weight = _weight(family)
        rc |= {
            "font.family": [family],
            "font.weight": weight,
            "axes.labelweight": weight,
            "axes.titleweight": weight,
            "figure.titleweight": weight,
        }
    with mpl.rc_context(rc), warnings.catch_warnings():
        if family is None:
            # Said once by cjk_font(); one warning per missing glyph would add nothing.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def _figure(height_in: float) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG bytes, at the figure's own size and DPI (no tight cropping)."""
    buffer = io.BytesIO()
    with _style():
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    fig.clear()  # release the artists at once; the figure itself is not kept anywhere
    return buffer.getvalue()


def plain(text: object) -> str:
    """Text shown as written: matplotlib would read `$...$` in a name or title as math."""
    return str(text).replace("$", r"\$")


def _units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int, max_lines: int = 3) -> str:
    """Wrap `text` to lines of `width` units (a Chinese character counts 2), at spaces between
    words and between any two Chinese characters; never start a line with closing punctuation.
    Text longer than `max_lines` ends in an ellipsis at a word boundary."""
    tokens = _TOKENS.findall(text)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token.isspace():
            if line:
                line += " "
            continue
        if line and _units(line + token) > width and token not in _CLOSING:
            lines.append(line.rstrip())
            line = ""
        while _units(token) > width:  # one word wider than a line: break it
            cut = width
            while _units(token[:cut]) > width:
                cut -= 1
            lines.append(token[:cut])
            token = token[cut:]
        line += token
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and _units(last) > width - 1:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip(" ,;:，、") + "…"]
    return "\n".join(lines)


# --- trainee ----------------------------------------------------------------------------------


def _say_empty(ax, message: str) -> None:
    """A chart with nothing to draw says so in its middle instead of showing empty axes."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            color="#555555", fontsize=11)  # fmt: skip


def score_figure(
    scores: Sequence[float],
    lang: str,
    passed: Sequence[bool] | None = None,
    pass_mark: float = PASS_MARK,
) -> Figure:
    """Score (0-100) of each finished attempt, oldest first, with the pass mark drawn."""
    scores = [float(s) for s in scores]
    passed = [bool(p) for p in passed] if passed is not None else [s >= pass_mark for s in scores]
    with _style():
        fig = _figure(3.0)
        ax = fig.add_subplot()
        x = np.arange(1, len(scores) + 1)
        ax.axhline(pass_mark, color="#555555", linestyle="--", linewidth=1.2, zorder=1)
        ax.annotate(
            t("charts.pass_mark", lang, mark=int(pass_mark)),
            xy=(1, pass_mark),
            xycoords=("axes fraction", "data"),
            xytext=(-4, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            color="#555555",
        )
        if scores:
            ax.plot(x, scores, color=BLUE, linewidth=1.5, zorder=2)
            ok = np.array(passed)
            ys = np.array(scores)
            ax.scatter(x[ok], ys[ok], s=36, color=BLUE, zorder=3, label=t("charts.passed", lang))
            ax.scatter(
                x[~ok],
                ys[~ok],
                s=36,
                facecolor="white",
                edgecolor=ORANGE,
                linewidth=1.8,
                zorder=3,
                label=t("charts.not_passed", lang),
            )
            if len(scores) <= 20:
                for xi, yi in zip(x, ys, strict=True):
                    ax.annotate(
                        f"{yi:.0f}",
                        (xi, yi),
                        xytext=(0, -13 if yi > 92 else 6),
                        textcoords="offset points",
                        ha="center",
                        fontsize=7.5,
                        color="#333333",
                    )
            fig.legend(loc="outside upper right", frameon=False, ncols=2, fontsize=8)
            ax.set_xlim(0.5, max(len(scores), 1) + 0.5)
        else:
            ax.set_xlim(0.5, 5.5)
            _say_empty(ax, t("charts.no_attempts", lang))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=12, min_n_ticks=1))
        ax.set_ylim(-3, 103)
        ax.set_yticks([0, 20, 40, 60, 80, 100])
        ax.set_xlabel(t("charts.attempt", lang))
        ax.set_ylabel(t("charts.score", lang))
        ax.set_yticks([10, 30, 50, 70, 90], minor=True)
        ax.grid(axis="y", which="both", color="#f0f0f0", linewidth=0.8, zorder=0)
        ax.tick_params(axis="y", which="minor", length=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig


def mastery_figure(
    library: Library,
    mastery: Mapping[str, float],
    evidence: Mapping[str, int],
    lang: str,
    min_evidence: int = MIN_EVIDENCE,
) -> Figure:
    """One bar per rule the trainee has answered, grouped by chapter and labelled by title;
    rules with fewer than `min_evidence` answers say so instead of showing a bar."""
    rows: list[tuple[str, str, float | None, int]] = []  # kind, label, value, answers
    for chapter in library.chapters:
        answered = [r for r in chapter.rules if evidence.get(r.id, 0) > 0]
        if not answered:
            continue
        rows.append(("chapter", chapter.title.in_lang(lang), None, 0))
        for rule in answered:
            value = mastery.get(rule.id)
            value = None if value is None or value != value else float(value)
            rows.append(("rule", rule.title.in_lang(lang), value, int(evidence[rule.id])))
    with _style():
        fig = _figure(max(1.6, 0.8 + 0.24 * len(rows)))
        ax = fig.add_subplot()
        if not rows:
            ax.set_axis_off()
            _say_empty(ax, t("charts.no_answers", lang))
            return fig
        y = np.arange(len(rows))
        labels = []
        for i, (kind, label, value, n) in enumerate(rows):
            if kind == "chapter":
                labels.append(plain(wrap(label, 66, 1)))
                ax.axhspan(i - 0.5, i + 0.5, color="#eeeeee", linewidth=0, zorder=0)
                continue
            labels.append(plain(wrap(label, 66, 1)))
            if value is None:
                ax.text(
                    0.01,
                    i,
                    t("charts.too_few", lang, n=n, need=min_evidence),
                    va="center",
                    color="#666666",
                    fontsize=8,
                )
                continue
            colour = BLUE if value >= MASTERED else ORANGE
            ax.barh(i, value, height=0.7, color=colour)
            ax.text(
                value + 0.01,
                i,
                f"{value:.0%} · {t('charts.answers', lang, n=n)}",
                va="center",
                fontsize=8,
                color="#333333",
            )
        ax.set_yticks(y, labels)
        for tick, (kind, *_rest) in zip(ax.get_yticklabels(), rows, strict=True):
            if kind == "chapter":
                tick.set_fontsize(10)
                tick.set_color("black")
            else:
                tick.set_color("#333333")
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(len(rows) - 0.5, -0.8)
        ax.set_xlim(0, 1.32)
        ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0], ["0%", "20%", "40%", "60%", "80%", "100%"])
        ax.axvline(MASTERED, color=GREY, linestyle="--", linewidth=1)
        ax.text(
            MASTERED,
            -0.75,
            t("charts.mastered_line", lang, share=f"{MASTERED:.0%}"),
            ha="center",
            va="bottom",
            fontsize=8,
            color="#555555",
        )
        ax.set_xlabel(t("charts.mastery", lang))
        ax.tick_params(axis="x", labeltop=len(rows) > 15)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig


# --- mentor -----------------------------------------------------------------------------------


def heatmap_figure(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: np.ndarray,
    counts: np.ndarray,
    lang: str,
) -> Figure:
    """Mastery (0-1, NaN: not enough answers) of each row x column, colour-blind-safe, with the
    number of answers behind each cell written in it; grey hatched cells have too few answers,
    empty cells none. Fits WIDTH_IN whatever the number of columns (a chapter has few)."""
    values = np.asarray(values, dtype=float)
    counts = np.asarray(counts, dtype=float)
    n_rows, n_cols = values.shape if values.size else (len(row_labels), len(column_labels))
    cell_width = 7.2 / max(n_cols, 1)  # inches left for cells after names and margins
    units = max(8, int(cell_width * DPI / 4.6))  # label width in half-em units at 7.5 pt
    header = max((wrap(str(c), units, 4).count("\n") + 1 for c in column_labels), default=1)
    with _style():
        fig = _figure(1.25 + 0.16 * header + 0.34 * max(n_rows, 1))
        ax = fig.add_subplot()
        if not n_rows or not n_cols:
            ax.set_axis_off()
            _say_empty(ax, t("charts.no_answers", lang))
            return fig
        ax.imshow(
            np.ma.masked_invalid(values),
            cmap=MASTERY_CMAP,
            vmin=0,
            vmax=1,
            aspect="auto",
            interpolation="nearest",
        )
        for (i, j), value in np.ndenumerate(values):
            n = 0 if counts[i, j] != counts[i, j] else int(counts[i, j])
            if value == value:
                shade = MASTERY_CMAP(value)
                light = 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2] > 0.55
                ax.text(
                    j,
                    i,
                    f"{value:.0%}\n{t('charts.n', lang, n=n)}",
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    linespacing=1.1,
                    color="black" if light else "white",
                )
            else:
                face = TOO_FEW_COLOUR if n else EMPTY_COLOUR
                ax.add_patch(
                    Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        facecolor=face,
                        hatch="///" if n else None,
                        edgecolor="white",
                        linewidth=0,
                    )
                )
                if n:
                    ax.text(
                        j,
                        i,
                        t("charts.n", lang, n=n),
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="#333333",
                        bbox={"facecolor": TOO_FEW_COLOUR, "edgecolor": "none", "pad": 1},
                    )
        ax.set_xticks(
            np.arange(n_cols), [plain(wrap(str(c), units, 4)) for c in column_labels], fontsize=7.5
        )
        ax.set_yticks(np.arange(n_rows), [plain(r) for r in row_labels])
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
        ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = fig.colorbar(
            ScalarMappable(Normalize(0, 1), MASTERY_CMAP),
            ax=ax,
            location="bottom",
            shrink=0.6,
            aspect=45,
            pad=0.02,
        )
        bar.set_ticks(
            [0, 0.2, 0.4, 0.6, 0.8, 1.0], labels=["0%", "20%", "40%", "60%", "80%", "100%"]
        )
        bar.set_label(t("charts.heat_legend", lang, need=MIN_EVIDENCE), fontsize=8, color="#333333")
        bar.ax.tick_params(labelsize=7.5)
    return fig


def chapter_heatmap_figure(library: Library, cells, chapter: str, lang: str) -> Figure:
    """Trainees x the rules of one chapter. `cells`: analytics.cohort_cells(frames)."""
    found = next(c for c in library.chapters if c.chapter == chapter)
    rules = [r.id for r in found.rules]
    names = sorted(cells.trainee.unique()) if len(cells) else []
    values = _pivot(cells, names, rules, "mastery")
    counts = _pivot(cells, names, rules, "evidence")
    titles = [library.rules[r].title.in_lang(lang) for r in rules]
    return heatmap_figure(names, titles, values, counts, lang)


def chapters_overview_figure(library: Library, cells, lang: str) -> Figure:
    """Trainees x chapters: mean mastery over the chapter's rules that have one, all answers."""
    chapter_of = {r.id: c.chapter for c in library.chapters for r in c.rules}
    ids = [c.chapter for c in library.chapters]
    names = sorted(cells.trainee.unique()) if len(cells) else []
    per = cells.assign(chapter=cells.rule_id.map(chapter_of)) if len(cells) else cells
    if len(per):
        grouped = per.groupby(["trainee", "chapter"]).agg(
            mastery=("mastery", "mean"), evidence=("evidence", "sum")
        )
        per = grouped.reset_index().rename(columns={"chapter": "rule_id"})
    values = _pivot(per, names, ids, "mastery")
    counts = _pivot(per, names, ids, "evidence")
    titles = [c.title.in_lang(lang) for c in library.chapters]
    return heatmap_figure(names, titles, values, counts, lang)


def _pivot(cells, rows: list[str], columns: list[str], field: str) -> np.ndarray:
    if not len(cells):
        return np.full((len(rows), len(columns)), np.nan)
    table = cells.pivot_table(
        index="trainee", columns="rule_id", values=field, aggfunc="first", observed=False
    )
    return table.reindex(index=rows, columns=columns).to_numpy(dtype=float)
