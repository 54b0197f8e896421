"""Label decluttering: move a chart's labels until none covers another or what is drawn."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

#: An axes and a box in its data coordinates (x0, y0, x1, y1) that labels must not cover.
Obstacle = tuple[Axes, tuple[float, float, float, float]]


def _nudges(step: float) -> Iterable[tuple[float, float]]:
    """Offsets (dy, dx) in points to try for a label: sideways first, then up."""
    for i in range(80):
        for dx in (0, -30, 30, -60, 60, -90, 90, -120, 120):
            yield i * step, dx


def _declutter(fig: Figure, labels: Sequence[Annotation], obstacles: Sequence[Obstacle]) -> None:
    """Move labels up, in steps of points, until none covers an earlier one or an obstacle.

    Labels are left out of the layout (they stay inside their axes' headroom), so moving
    them does not move the axes; a label is never moved above its axes' top.
    """
    if not labels:
        return
    for label in labels:
        label.set_in_layout(False)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    placed = [
        Bbox(ax.transData.transform([(x0, y0), (x1, y1)])).padded(1)
        for ax, (x0, y0, x1, y1) in obstacles
    ]
    step = 3.0
    for label in labels:
        frame = label.axes.get_window_extent(renderer) if label.axes else None
        x0, y0 = label.xyann
        for dy, dx in _nudges(step):
            label.xyann = (x0 + dx, y0 + dy)
            box = Text.get_window_extent(label, renderer).padded(2)
            inside = frame is None or (
                box.x0 >= frame.x0 and box.x1 <= frame.x1 + 40 and box.y1 <= frame.y1
            )
            if inside and not any(box.overlaps(p) for p in placed):
                break
        else:
            label.xyann = (x0, y0)
        placed.append(Text.get_window_extent(label, renderer).padded(2))
