"""Charts for the year-end documents, drawn with matplotlib into PNG pictures.

matplotlib is imported inside the drawing functions, so only builds that make year-end
documents pay for it, and it draws on the Agg canvas without pyplot: no window, no global
state. The PNG files carry no time stamp and no software version, so equal figures give
equal bytes and a build stays reproducible.

Each picture is kept in the build cache (grantgen/core/cache.py) under a digest of what it
shows (its data, captions, the labels of its values, grantgen's code and libraries and the
fonts matplotlib knows): a build whose charts have not changed does not load matplotlib.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from grantgen.core import cache

#: matplotlib's modules as drawing a chart loads them, each after those it needs, so that
#: importing them in this order loads one part of matplotlib at a time (at most a tenth of a
#: second each): a build loads what it can ahead while the facts are read, never making the
#: build wait long for one (grantgen/pipeline/warmup.py); what is left loads when a chart is
#: drawn
MODULES = ("pyparsing", "matplotlib", "matplotlib.font_manager", "matplotlib.text",
           "matplotlib.collections", "matplotlib.image", "matplotlib.axis",
           "matplotlib.legend", "matplotlib.axes", "matplotlib.projections",
           "matplotlib.figure", "matplotlib.backends.backend_agg", "PIL.PngImagePlugin")

#: the colours of the built-in templates: the accent green first, then contrasting hues
PALETTE = ("#1F5C4B", "#E0A526", "#5B8DB8", "#B5553C", "#7FB3A3", "#8C7BB8", "#A5A5A5",
           "#3E7D5A")
TOTAL_COLOUR = "#404040"
BUDGET_COLOUR = "#B9D3CA"
ACTUAL_COLOUR = "#1F5C4B"
TEXT_COLOUR = "#333333"
GRID_COLOUR = "#D9D9D9"
#: the width of a chart in the document: the text width of an A4 page in the templates
WIDTH_CM = 16.0
DPI = 200
#: the white margin around a chart's labels and legend, in inches
MARGIN_IN = 0.05
#: zlib's effort for the PNG (0-9; PIL's default 6): 1 takes a quarter less time to encode
#: a chart for a file about 15 % larger (some 50 kB), which a Word document does not feel
PNG_EFFORT = 1


@dataclass(frozen=True)
class Chart:
    """A picture for a document: the PNG, its caption and its alternative text."""

    name: str
    png: bytes
    caption: str
    #: what the chart shows, in words, for readers who cannot see it (docx `descr`)
    alt: str
    width_cm: float = WIDTH_CM

    def __str__(self) -> str:  # what a template shows if it prints the chart as text
        return self.caption


@dataclass(frozen=True)
class Series:
    """One named row of values of a bar chart; None where there is no value."""

    label: str
    values: tuple[float | None, ...]
    colour: str | None = None


@lru_cache(maxsize=1)
def _font() -> str:
    """The documents' font (Arial) or its metric twin, else matplotlib's own."""
    from matplotlib import font_manager

    names = {font.name for font in font_manager.fontManager.ttflist}
    for name in ("Arial", "Liberation Sans", "Arimo", "DejaVu Sans"):
        if name in names:
            return name
    return "sans-serif"


def _style() -> dict:
    return {"font.family": _font(), "font.size": 8.5, "text.color": TEXT_COLOUR,
            "axes.labelcolor": TEXT_COLOUR, "xtick.color": TEXT_COLOUR,
            "ytick.color": TEXT_COLOUR, "axes.edgecolor": "#808080", "svg.hashsalt": "grantgen",
            "axes.spines.top": False, "axes.spines.right": False}


def _png(figure) -> bytes:
    """The figure as an RGB PNG (no transparency, no text chunks, no time stamp), laid out
    first (_fit) with the renderer it is then drawn with, once."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(figure)
    canvas.renderer = _renderer(canvas)
    canvas._lastKey = _key_of(canvas)  # type: ignore[assignment]  # matplotlib's own cache
    _fit(figure, canvas.get_renderer())
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", dpi=(DPI, DPI), compress_level=PNG_EFFORT)
    return buffer.getvalue()


def _key_of(canvas) -> tuple:
    width, height = canvas.get_width_height(physical=True)
    return width, height, canvas.figure.dpi


def _renderer(canvas):
    """The Agg renderer for a canvas of this size, one per size for the process: matplotlib
    keeps the measures of texts per renderer, and the charts of a build share most of
    their texts (names, years, ticks), so each is measured once, not once per chart. The
    canvas clears the renderer before it draws."""
    from matplotlib.backends.backend_agg import RendererAgg

    key = _key_of(canvas)
    if key not in _RENDERERS:
        if len(_RENDERERS) >= 8:
            _RENDERERS.pop(next(iter(_RENDERERS)))
        _RENDERERS[key] = RendererAgg(*key)
    return _RENDERERS[key]


_RENDERERS: dict[tuple, object] = {}


#: how many times at most _fit measures: once at the default margins, once at the margins
#: found (where the ticks may differ, a longer axis taking more of them), rarely a third
FIT_ROUNDS = 3


#: the least height the plot keeps, in inches, however tall its legend
MIN_PLOT_IN = 1.2


def _fit(figure, renderer) -> None:
    """Set the margins around the plot so that its tick labels, axis title and value labels,
    and the legend below them, fit inside the figure with MARGIN_IN to spare, whatever
    their length and font: the plot gives way, never a label.

    This is what matplotlib's constrained layout works out (same padding: the legend's
    height and twice the margin below, the margin around the plot's decorations), for
    the one plot these charts have, without its grid solver: measure how far the
    decorations stick out of the plot, set the margins with subplots_adjust, and measure
    again until nothing moves (the ticks, and so their labels, may change with the plot's
    size). Text extents are cached by matplotlib, so the later rounds are cheap."""
    (axes,) = figure.axes
    width, height = figure.bbox.width, figure.bbox.height
    pad_x, pad_y = MARGIN_IN * figure.dpi, MARGIN_IN * figure.dpi
    below = sum(legend.get_tightbbox(renderer).height + 2 * pad_y
                for legend in figure.legends)
    for _round in range(FIT_ROUNDS):
        plot = axes.get_position().transformed(figure.transFigure)
        ink = axes.get_tightbbox(renderer)
        left = pad_x + plot.x0 - ink.x0
        right = pad_x + ink.x1 - plot.x1
        bottom = below + pad_y + plot.y0 - ink.y0
        top = pad_y + ink.y1 - plot.y1
        if height - bottom - top < MIN_PLOT_IN * figure.dpi:
            # a legend of many names leaves no room for the plot: the picture grows taller
            # (it is as wide as the page; the document takes its height as it comes)
            figure.set_size_inches(width / figure.dpi,
                                   (bottom + top) / figure.dpi + MIN_PLOT_IN)
            height = figure.bbox.height
            plot = axes.get_position().transformed(figure.transFigure)
        # labels wider than the page: the plot keeps a fifth of the width (the labels
        # are wrapped before, so this is for words longer than a page can hold)
        spare = width - left - right - width / 5
        if spare < 0:
            left, right = left + spare * left / (left + right), right + spare * right / (
                left + right)
        wanted = (left / width, bottom / height, 1 - right / width, 1 - top / height)
        now = (plot.x0 / width, plot.y0 / height, plot.x1 / width, plot.y1 / height)
        if max(abs(a - b) * size for a, b, size in zip(
                wanted, now, (width, height, width, height), strict=True)) < 0.5:
            return  # within half a pixel: settled
        figure.subplots_adjust(*wanted)


#: the size of the value above a bar, in points; about how wide the plot is, in points (the
#: chart's width less its axis labels)
VALUE_POINTS = 6.5
PLOT_POINTS = WIDTH_CM / 2.54 * 72 * 0.85


def _ems(text: str) -> float:
    """About how wide `text` is, in ems: a digit or letter 0.64 (DejaVu Sans; Arial's are
    narrower), a full stop, comma or space half that."""
    return sum(0.32 if c in ".,  " else 0.64 for c in text)

#: a label longer than this many characters is wrapped onto lines of its own
LABEL_CHARACTERS = 28
#: about how many characters of legend text (at 7.5 pt) fit across a chart
LEGEND_CHARACTERS = 100


def _wrapped(text: str, width: int = LABEL_CHARACTERS) -> str:
    return textwrap.fill(text, width, break_long_words=False) if len(text) > width else text


def _legend(figure, handles: list) -> None:
    """The legend below the plot, in as many columns (at most five) as fit across, its
    long names wrapped."""
    for handle in handles:
        handle.set_label(_wrapped(handle.get_label()))
    longest = max((len(line) for h in handles for line in h.get_label().split("\n")),
                  default=1)
    columns = max(1, min(len(handles), 5, LEGEND_CHARACTERS // (longest + 6)))
    figure.legend(handles=handles, loc="outside lower center", ncols=columns, frameon=False,
                  fontsize=7.5, handlelength=1.2, columnspacing=1.4)


def _figure(height_cm: float):
    """A figure as wide as the text of a page; _png() lays it out so that every label, the
    axis titles and the legend fit inside it."""
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), dpi=DPI, facecolor="white")


def grouped_bars(name: str, groups: list[str], series: list[Series], caption: str, alt: str,
                 number: Callable[[float], str], axis_label: str = "",
                 height_cm: float = 7.5) -> Chart:
    """Vertical bars per group (e.g. per year), one bar per series that has a value there,
    centred on the group, each labelled with its value."""
    key = _key("grouped_bars", name, groups, series, caption, alt, number, axis_label,
               height_cm)
    png = _cached(key, lambda: _grouped_png(groups, series, number, axis_label, height_cm))
    return Chart(name, png, caption, alt)


def _grouped_png(groups: list[str], series: list[Series], number: Callable[[float], str],
                 axis_label: str, height_cm: float) -> bytes:
    import matplotlib
    from matplotlib.ticker import FuncFormatter

    with matplotlib.rc_context(_style()):
        figure = _figure(height_cm)
        axes = figure.add_subplot()
        colours = {s.label: s.colour or PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
        # bars no wider than a fifth of a group, so a single year does not fill the chart
        width = min(0.8 / max(1, len(series)), 0.2)
        highest = max((v for s in series for v in s.values if v is not None), default=0)
        # where each series' bars stand: one call per series, not per bar (fast with many)
        bars: list[list[tuple[float, float]]] = [[] for _s in series]
        for g, _group in enumerate(groups):
            present = [n for n, s in enumerate(series)
                       if g < len(s.values) and s.values[g] is not None]
            for i, n in enumerate(present):
                value = cast(float, series[n].values[g])  # present: not None
                bars[n].append((g + (i - (len(present) - 1) / 2) * width, value))
        # each bar carries its value when every value fits above its bar; with many
        # locations the bars are too narrow for any, and labels would only overlap (the
        # values are in the document's tables and the chart's alternative text)
        slot = width * PLOT_POINTS / max(1, len(groups))  # from one bar's centre to the next
        labelled = all(_ems(number(value)) * VALUE_POINTS <= slot
                       for placed in bars for _x, value in placed)
        for s, placed in zip(series, bars, strict=True):
            if not placed:
                continue
            xs, values = zip(*placed, strict=True)
            axes.bar(xs, values, width * 0.92, color=colours[s.label], zorder=2)
            for x, value in placed if labelled else ():
                axes.annotate(number(value), (x, value), xytext=(0, 2),
                              textcoords="offset points", ha="center", va="bottom",
                              fontsize=VALUE_POINTS)
        axes.set_xticks(range(len(groups)), groups)
        axes.tick_params(axis="x", length=0)
        axes.set_xlim(-0.5, len(groups) - 0.5)
        axes.set_ylim(0, highest * 1.12 if highest else 1)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
        axes.grid(axis="y", color=GRID_COLOUR, linewidth=0.6, zorder=0)
        if axis_label:
            # as long as the plot is high, at most
            axes.set_ylabel(_wrapped(axis_label, int(height_cm * 4)))
        _legend(figure, [matplotlib.patches.Patch(color=colours[s.label], label=s.label)
                         for s in series])
        return _png(figure)


def paired_bars(name: str, categories: list[str], first: Series, second: Series, caption: str,
                alt: str, number: Callable[[float], str]) -> Chart:
    """Horizontal bar pairs per category (e.g. budget against actual), top to bottom in the
    given order, each labelled with its value."""
    key = _key("paired_bars", name, categories, [first, second], caption, alt, number, "", 0)
    png = _cached(key, lambda: _paired_png(categories, first, second, number))
    return Chart(name, png, caption, alt)


def _paired_png(categories: list[str], first: Series, second: Series,
                number: Callable[[float], str]) -> bytes:
    import matplotlib
    from matplotlib.ticker import FuncFormatter

    height_cm = 2.4 + 1.25 * len(categories)
    with matplotlib.rc_context(_style()):
        figure = _figure(height_cm)
        axes = figure.add_subplot()
        bar = 0.38
        highest = max((v for s in (first, second) for v in s.values if v is not None),
                      default=0)
        for offset, s, colour in ((-bar / 2, first, first.colour or BUDGET_COLOUR),
                                  (bar / 2, second, second.colour or ACTUAL_COLOUR)):
            placed = [(i + offset, value) for i, value in enumerate(s.values)
                      if value is not None]
            if not placed:
                continue
            # one call per series, not per bar: each call is a container and a rescale
            ys, values = zip(*placed, strict=True)
            axes.barh(ys, values, bar * 0.92, color=colour, zorder=2)
            for y, value in placed:
                axes.annotate(number(value), (value, y), xytext=(3, 0),
                              textcoords="offset points", ha="left", va="center",
                              fontsize=6.5)
        axes.set_yticks(range(len(categories)), [_wrapped(c) for c in categories])
        axes.invert_yaxis()
        axes.tick_params(axis="y", length=0)
        axes.set_xlim(0, highest * 1.2 if highest else 1)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
        axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(5))
        axes.grid(axis="x", color=GRID_COLOUR, linewidth=0.6, zorder=0)
        _legend(figure, [matplotlib.patches.Patch(color=first.colour or BUDGET_COLOUR,
                                                  label=first.label),
                         matplotlib.patches.Patch(color=second.colour or ACTUAL_COLOUR,
                                                  label=second.label)])
        return _png(figure)


# ---- the cache of pictures -------------------------------------------------------------------
_SIMPLE = (str, int, float, bool, type(None))


def _function_key(function: Callable) -> list | None:
    """What a formatting function is: its name, code and the values it closes over; None
    when that is not known (the picture is then drawn every time)."""
    if isinstance(function, functools.partial):
        inner = _function_key(function.func)
        if inner is None or not all(type(a) in _SIMPLE for a in function.args) or not all(
                type(v) in _SIMPLE for v in function.keywords.values()):
            return None
        return ["partial", inner, list(function.args), sorted(function.keywords.items())]
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    cells = [cell.cell_contents for cell in getattr(function, "__closure__", None) or ()]
    defaults = list(getattr(function, "__defaults__", None) or ())
    if not all(type(v) in _SIMPLE for v in cells + defaults):
        return None
    return [getattr(function, "__module__", ""), getattr(function, "__qualname__", ""),
            code.co_code.hex(), cells, defaults]


@lru_cache(maxsize=1)
def fonts_fingerprint() -> str:
    """A digest of the font list matplotlib keeps (it picks fonts from that list, and makes
    it anew when fonts change), found without loading matplotlib."""
    home = Path.home()
    folders = [os.environ.get("MPLCONFIGDIR") or "",
               str(Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib")]
    digest = hashlib.sha256()
    for folder in folders:
        if folder and Path(folder).is_dir():
            for path in sorted(Path(folder).glob("fontlist-*.json")):
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
            break
    return digest.hexdigest()


def _key(kind: str, name: str, groups: list[str], series: list[Series], caption: str,
         alt: str, number: Callable[[float], str], axis_label: str,
         height_cm: float) -> str | None:
    """The digest of everything a picture is drawn from; None when it cannot be known."""
    function = _function_key(number)
    if function is None or cache.active() is None:
        return None
    values = [v for s in series for v in s.values if v is not None]
    made_of = [kind, name, groups, [[s.label, list(s.values), s.colour] for s in series],
               caption, alt, [number(v) for v in values], function, axis_label, height_cm,
               WIDTH_CM, DPI, PALETTE, TOTAL_COLOUR, BUDGET_COLOUR, ACTUAL_COLOUR, TEXT_COLOUR,
               GRID_COLOUR]
    try:
        text = json.dumps(made_of, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return cache.digest("chart", cache.code_fingerprint(), fonts_fingerprint(), text)


def _cached(key: str | None, draw: Callable[[], bytes]) -> bytes:
    """The picture under `key` in the build cache, or drawn (and kept there)."""
    store = cache.active()
    if store is None or key is None:
        return draw()
    png = store.get("charts", key)
    if png is None:
        png = draw()
        store.put("charts", key, png)
    return png
