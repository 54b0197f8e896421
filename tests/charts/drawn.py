"""What a drawn chart shows, measured from the figure itself: text boxes and bar edges.

The chart tests use these to find overlapping text, a label across a bar's edge, a span
drawn wider than its dates and the populations one value axis carries. Everything is
measured in display coordinates after ``fig.canvas.draw()``, with the renderer's own text
extents (``Text.get_window_extent``), so what is checked is what a reader sees.
The figure is drawn without rendering pixels (``Figure.draw_without_rendering``): the
layout, the texts' places and the order they are drawn in are those of
``fig.canvas.draw()``, box for box (checked on every chart at 100 and 150 dpi when this
was changed), at a third of the cost.

:func:`real_charts` draws every chart of the real package once per test process, for all
the chart test modules to share: drawing the six charts costs seconds of CPU, and the tests
only read (and draw) what the chart functions made. :func:`real_png` makes each one's PNG
once, for the same reason.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from unittest.mock import patch

import numpy as np
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from idlibstats.charts import Chart, ChartTables

#: Boxes that share less than this many pixels each way do not overlap (anti-aliasing).
TOLERANCE = 0.5


@functools.cache
def real_tables() -> ChartTables:
    """The real package's chart tables, loaded once per test process (never modified)."""
    import idlibstats as ils

    return ils.chart_tables()


@functools.cache
def real_charts() -> dict[str, Chart]:
    """Every chart of :data:`idlibstats.charts.CHARTS` drawn from :func:`real_tables`, once.

    The charts are drawn with every loader of the package refusing (as
    ``test_frames.py``'s ``no_loading``): a chart that reads the package instead of the
    tables it is given fails every test that uses this drawing. Tests share the figures:
    they may draw them (at any dpi, putting it back) but must not change what is drawn.
    """
    import idlibstats as ils
    from idlibstats import charts
    from idlibstats.datapackage import read

    tables = real_tables()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a chart read the package")

    # `import idlibstats` binds `figures` when it is first used (PEP 562). Bound now, the
    # patch below puts the function back; unbound, the patch would delete the name on exit
    # and the next use would bind the still-patched `read.figures`, refusing for the rest of
    # the process.
    assert ils.figures is read.figures
    with ExitStack() as stack:
        for name in [*read.list_tables(), "load_table", "list_tables"]:
            if hasattr(read, name):
                stack.enter_context(patch.object(read, name, refuse))
        stack.enter_context(patch.object(ils, "figures", refuse))
        return {name: draw(tables) for name, draw in charts.CHARTS.items()}


@functools.cache
def real_png(name: str) -> bytes:
    """The README's PNG of the real chart ``name`` (``Chart.png()``: 150 dpi, cropped), made
    once per test process: the defect checks lay the chart out as this image is, and
    ``charts.__main__`` writes these bytes (test_charts.py)."""
    return Chart.png(real_charts()[name])  # the method, even where a test stands in for it


@dataclass(frozen=True)
class TextBox:
    """A visible text and the box it covers on the canvas (its bbox patch, if it has one)."""

    text: str
    box: Bbox
    artist: Text


def drawn_texts(fig: Figure) -> list[Text]:
    """Lay the figure out and return the texts the renderer drew, in drawing order.

    Tick labels outside an axis' view keep stale positions and are not drawn: asking the
    renderer which texts it drew, rather than the figure which texts it holds, leaves them
    out.
    """
    return [a for a in _drawing_order(fig) if isinstance(a, Text)]


def _drawing_order(fig: Figure) -> list[Text | FancyArrowPatch]:
    """Draw the figure once; return the texts and arrows the renderer drew, in that order."""
    order: list[Text | FancyArrowPatch] = []
    draw_text, draw_arrow = Text.draw, FancyArrowPatch.draw

    def spy_text(self: Text, renderer: object) -> None:
        order.append(self)
        draw_text(self, renderer)

    def spy_arrow(self: FancyArrowPatch, renderer: object) -> None:
        order.append(self)
        draw_arrow(self, renderer)

    with patch.object(Text, "draw", spy_text), patch.object(FancyArrowPatch, "draw", spy_arrow):
        fig.draw_without_rendering()
    return list(dict.fromkeys(order))


def text_boxes(fig: Figure) -> list[TextBox]:
    """Return every drawn, visible, non-empty text of the figure with the box it covers."""
    return _boxes(fig, drawn_texts(fig))


def _boxes(fig: Figure, texts: list[Text]) -> list[TextBox]:
    """The boxes of ``texts`` as the last draw of ``fig`` placed them (visible, non-empty)."""
    renderer = fig.canvas.get_renderer()
    out = []
    for text in texts:
        if not text.get_visible() or not text.get_text().strip():
            continue
        patch = text.get_bbox_patch()
        box = (patch.get_window_extent(renderer) if patch is not None
               else text.get_window_extent(renderer))
        if box.width <= 0 or box.height <= 0:
            continue
        out.append(TextBox(text.get_text(), box, text))
    return out


def _overlap(a: Bbox, b: Bbox) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE
            and min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANCE)


def overlapping_texts(fig: Figure) -> list[tuple[str, str]]:
    """Return the pairs of texts whose boxes overlap (each pair once)."""
    return _overlapping(text_boxes(fig))


def _overlapping(boxes: list[TextBox]) -> list[tuple[str, str]]:
    corners = _corners([tb.box for tb in boxes])
    if corners is None:  # a NaN corner: the pairwise loop, as it always was
        return [(a.text, b.text) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if _overlap(a.box, b.box)]
    x0, y0, x1, y1 = (corners[:, k] for k in range(4))
    # every pair at once, the same arithmetic as _overlap; pairs (i < j) in _overlap's order
    wide = np.minimum.outer(x1, x1) - np.maximum.outer(x0, x0) > TOLERANCE
    tall = np.minimum.outer(y1, y1) - np.maximum.outer(y0, y0) > TOLERANCE
    rows, cols = np.nonzero(np.triu(wide & tall, k=1))
    return [(boxes[i].text, boxes[j].text) for i, j in zip(rows, cols, strict=True)]


def _corners(boxes: Sequence[Bbox]) -> np.ndarray | None:
    """The boxes' (x0, y0, x1, y1) as rows of an array, None if any is NaN.

    Measuring a few hundred texts against each other (and against a few hundred bars) with
    a Bbox per pair cost more than drawing the chart; one array gives the same comparisons.
    """
    corners = np.array([box.get_points().ravel() for box in boxes], dtype=float).reshape(
        len(boxes), 4)
    return None if np.isnan(corners).any() else corners


#: The ``gid`` prefixes of the rectangles that draw data: a figure's bar, a month's cell, a
#: span's bar (a shaded background, a legend key or a frame is not one).
DATA_GIDS = ("figure:", "month:", "span:", "rate:")


def bars(fig: Figure) -> Iterator[Rectangle]:
    """Yield the rectangles drawn as data (bars, cells, spans): not frames, not legend keys."""
    for ax in fig.axes:
        for shape in ax.patches:
            if (isinstance(shape, Rectangle) and shape.get_visible()
                    and str(shape.get_gid()).startswith(DATA_GIDS)):
                yield shape


def legends_over_bars(fig: Figure) -> list[tuple[str, str]]:
    """Return (legend's first entry, bar gid) for each legend drawn over a data bar."""
    fig.draw_without_rendering()
    return _legends_over_bars(fig)


def _legends_over_bars(fig: Figure,
                       edges: list[tuple[Rectangle, Bbox]] | None = None
                       ) -> list[tuple[str, str]]:
    """:func:`legends_over_bars` as the last draw of ``fig`` placed them."""
    renderer = fig.canvas.get_renderer()
    edges = _bar_edges(fig) if edges is None else edges
    found = []
    for legend in _legends_of(fig):
        box = legend.get_window_extent(renderer)
        for bar, edge in edges:
            if _overlap(box, edge):
                texts = legend.get_texts()
                found.append((texts[0].get_text() if texts else "", str(bar.get_gid())))
    return found


def _bar_edges(fig: Figure) -> list[tuple[Rectangle, Bbox]]:
    """Each data bar and its box, as the last draw of ``fig`` placed them."""
    renderer = fig.canvas.get_renderer()
    return [(bar, bar.get_window_extent(renderer)) for bar in bars(fig)]


def _legends_of(fig: Figure) -> list[Legend]:
    return [a.get_legend() for a in fig.axes if a.get_legend() is not None] + list(fig.legends)


def texts_across_bar_edges(fig: Figure) -> list[tuple[str, str]]:
    """Return (text, bar gid) for each text that is partly inside and partly outside a bar."""
    return _across_bar_edges(fig, text_boxes(fig))


def _across_bar_edges(fig: Figure, boxes: list[TextBox],
                      edges: list[tuple[Rectangle, Bbox]] | None = None
                      ) -> list[tuple[str, str]]:
    edges = _bar_edges(fig) if edges is None else edges
    legends = _legends_of(fig)
    # a legend's texts are never measured against bars: found once per text, not per bar
    outside = [tb for tb in boxes if not any(
        tb.artist in legend.get_texts() or tb.artist is legend.get_title()
        for legend in legends)]
    corners = _corners([tb.box for tb in outside])
    crossing = []
    for bar, edge in edges:
        if edge.width <= 1 or edge.height <= 1:
            continue
        if corners is None:
            candidates = outside
        else:  # _overlap's arithmetic on every text at once, then each candidate as before
            ex0, ey0, ex1, ey1 = edge.get_points().ravel()
            near = ((np.minimum(corners[:, 2], ex1) - np.maximum(corners[:, 0], ex0)
                     > TOLERANCE)
                    & (np.minimum(corners[:, 3], ey1) - np.maximum(corners[:, 1], ey0)
                       > TOLERANCE))
            candidates = [outside[i] for i in np.flatnonzero(near)]
        for tb in candidates:
            box = tb.box
            if not _overlap(box, edge):
                continue
            inside = (box.x0 >= edge.x0 - TOLERANCE and box.x1 <= edge.x1 + TOLERANCE
                      and box.y0 >= edge.y0 - TOLERANCE and box.y1 <= edge.y1 + TOLERANCE)
            if not inside:
                crossing.append((tb.text, str(bar.get_gid())))
    return crossing


def leaders_over_texts(fig: Figure) -> list[tuple[str, str]]:
    """Return (text, leader's anchor) for each leader line drawn over another text.

    A leader line (an annotation's line, arrowstyle '-') may pass behind a label's opaque
    box, never over its text: the check follows the order the renderer draws in. Texts
    whose box holds an end of the leader (its own label, its anchor's) are not counted.
    """
    order = _drawing_order(fig)
    return _leaders_over(fig, order, _boxes(fig, [a for a in order if isinstance(a, Text)]))


def _leaders_over(fig: Figure, order: list[Text | FancyArrowPatch],
                  drawn_boxes: list[TextBox]) -> list[tuple[str, str]]:
    boxes = {id(tb.artist): tb for tb in drawn_boxes}
    owner = {id(a.arrow_patch): a for a in fig.findobj(Annotation)  # lines, not arrowheads
             if a.arrow_patch and (a.arrowprops or {}).get("arrowstyle") == "-"}
    crossing = []
    for i, arrow in enumerate(order):
        if not isinstance(arrow, FancyArrowPatch) or id(arrow) not in owner:
            continue
        path = arrow.get_path().transformed(arrow.get_transform())
        ends = path.vertices[[0, -1]]
        for j, text in enumerate(order):
            tb = boxes.get(id(text))
            if tb is None or (j > i and _opaque(tb.artist)):
                continue  # an opaque box drawn after the leader covers it
            if tb.artist is owner[id(arrow)] or any(
                    tb.box.padded(2).contains(x, y) for x, y in ends):
                continue
            if path.intersects_bbox(tb.box, filled=False):
                crossing.append((tb.text, str(owner[id(arrow)].xy)))
    return crossing


def defects(fig: Figure) -> dict[str, list[tuple[str, str]]]:
    """Draw the figure once and return what the four checks above find in that drawing.

    ``texts`` (:func:`overlapping_texts`), ``edges`` (:func:`texts_across_bar_edges`),
    ``legends`` (:func:`legends_over_bars`) and ``leaders`` (:func:`leaders_over_texts`),
    each as that function returns it: one render of a chart costs up to a second, and the
    figure does not change between the checks.
    """
    return measure(fig)[0]


def measure(fig: Figure) -> tuple[dict[str, list[tuple[str, str]]], list[TextBox]]:
    """Draw the figure once: what :func:`defects` finds, and :func:`text_boxes` of the
    same drawing (for tests that read the texts drawn, without drawing again)."""
    order = _drawing_order(fig)
    boxes = _boxes(fig, [a for a in order if isinstance(a, Text)])
    edges = _bar_edges(fig)  # measured once for both checks that read them
    return {"texts": _overlapping(boxes), "edges": _across_bar_edges(fig, boxes, edges),
            "legends": _legends_over_bars(fig, edges),
            "leaders": _leaders_over(fig, order, boxes)}, boxes


def _opaque(text: Text) -> bool:
    """Tell whether a text is drawn on a box that hides what is under it."""
    box = text.get_bbox_patch()
    return box is not None and box.get_facecolor()[3] == 1.0 and (
        box.get_alpha() is None or box.get_alpha() == 1.0)
