"""Label decluttering: move a chart's labels until none covers another or what is drawn."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

#: An axes and a box in its data coordinates (x0, y0, x1, y1) that labels must not cover.
Obstacle = tuple[Axes, tuple[float, float, float, float]]


def _nudges(step: float) -> Iterable[tuple[float, float]]:
    """Offsets (dy, dx) in points to try for a label: nearest first, up before down."""
    for i in range(80):
        for dy in ((0,) if i == 0 else (i * step, -i * step)):
            for dx in (0, -30, 30, -60, 60, -90, 90, -120, 120, -150, 150, -180, 180):
                yield dy, dx


def _upright(step: float) -> Iterable[tuple[float, float]]:
    """Offsets (dy, dx) in points: straight up or down, nearest first, then sideways."""
    yield 0, 0
    for i in range(1, 160):
        yield i * step, 0
        yield -i * step, 0
    yield from _nudges(step)


def declutter(
    fig: Figure,
    labels: Sequence[Annotation],
    obstacles: Sequence[Obstacle],
    avoid: Sequence[Artist] = (),
    *,
    stack: bool = False,
) -> None:
    """Move labels up, in steps of points, until none covers an earlier one or an obstacle.

    ``avoid`` are drawn artists (a legend) that labels must not cover either. With
    ``stack``, labels are moved straight up or down first, and none is placed below the
    previous label of its axes and alignment that it would sit beside: give them from the
    lowest anchor to the highest, and a column of labels keeps that order, so their leader
    lines do not cross.
    Labels are left out of the layout (they stay inside their axes' headroom), so moving
    them does not move the axes; a label is never moved above its axes' top.
    """
    if not labels:
        return
    for label in labels:
        label.set_in_layout(False)
    renderer = _lay_out(fig, labels)
    # a marker or a line is drawn wider than its data box: pad by half a marker (6 pt)
    pad = 6 * fig.dpi / 72
    placed = [
        Bbox(ax.transData.transform([(x0, y0), (x1, y1)])).padded(pad)
        for ax, (x0, y0, x1, y1) in obstacles
    ]
    placed += [a.get_window_extent(renderer).padded(2) for a in avoid]
    step = 3.0
    to_px = fig.dpi / 72
    last: dict[tuple[int, str], Bbox] = {}  # with stack: the last label of an axes and side
    for label in labels:
        # a label's box (its bbox patch) is drawn round the text: pad by the box's own pad
        margin = 2 + _box_pad(label) * to_px
        frame = label.axes.get_window_extent(renderer) if label.axes else None
        x0, y0 = label.xyann
        # an offset in points moves the text rigidly: measure it once, then translate
        start = Text.get_window_extent(label, renderer).padded(margin)
        column = (id(label.axes), label.get_horizontalalignment())
        below = last.get(column) if stack else None
        for dy, dx in (_upright(step) if stack else _nudges(step)):
            box = start.translated(dx * to_px, dy * to_px)
            inside = frame is None or (
                box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y1 <= frame.y1
                and box.y0 >= frame.y0
            )
            in_order = below is None or box.y0 >= below.y0 or not (
                box.x0 < below.x1 and below.x0 < box.x1)
            if inside and in_order and not any(box.overlaps(p) for p in placed):
                label.xyann = (x0 + dx, y0 + dy)
                break
        else:
            box = start
        placed.append(box)
        last[column] = box


def _lay_out(fig: Figure, labels: Sequence[Annotation]) -> RendererBase:
    """Place the axes, labels and arrows as ``fig.draw_without_rendering()`` does; no drawing.

    What :func:`declutter` measures is the axes' places (the layout engine's), their data
    limits and the labels' positions: ``Figure.draw`` applies the axes' aspect, runs the
    layout engine, and each axes applies its pending autoscaling and each annotation
    places its text and its arrow when drawn. Those steps alone, without drawing every artist (half
    the cost), give the same boxes.
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ax in fig.axes:
        locator = ax.get_axes_locator()
        ax.apply_aspect(locator(ax, renderer) if locator else None)
    engine = fig.get_layout_engine()
    if fig.axes and engine is not None:
        engine.execute(fig)
    for ax in fig.axes:
        ax.viewLim  # noqa: B018 - applies a pending autoscale, as Axes.draw does
    for note in {*labels, *fig.findobj(Annotation)}:  # the labels, and arrows drawn as notes
        note.update_positions(renderer)
    return renderer


def _box_pad(label: Text) -> float:
    """Return the pad of a label's bbox patch in points (0 when it has none)."""
    patch = label.get_bbox_patch()
    if patch is None:
        return 0.0
    return float(getattr(patch.get_boxstyle(), "pad", 0.0)) * label.get_fontsize()


def leaders_under(labels: Sequence[Annotation]) -> None:
    """Draw each label's leader line under every label's box, from where its text starts.

    A line from a label to its point may have to pass another label: drawn first, under
    the labels' opaque boxes, it passes behind that label instead of over its text. Call it
    after :func:`declutter` (the lines follow the labels' final places).
    """
    drawn = [label for label in labels if label.arrowprops and label.axes is not None]
    if not drawn:
        return
    top = max(label.get_zorder() for label in labels)
    for label in drawn:
        assert label.axes is not None and label.arrowprops is not None
        line = label.axes.annotate(
            "", xy=label.xy, xycoords=label.xycoords, xytext=label.xyann,
            textcoords=label.anncoords, arrowprops=dict(label.arrowprops),
            annotation_clip=False, va=label.get_va(), ha=label.get_ha(),
            fontsize=label.get_fontsize(), zorder=top - 0.5)
        line.set_in_layout(False)
        label.arrowprops = None
        label.arrow_patch = None
        label.set_zorder(top + 0.5)
        box = label.get_bbox_patch()
        if box is not None:
            box.set_alpha(1.0)
