"""The charts' look: each claimant's style (from the data), the style and axis helpers.

The claimants' colours, patterns and markers are data: the package's ``claimant_styles``
table (Okabe and Ito's colour-blind-safe set, one fixed colour per claimant), read into a
:class:`ClaimantStyles`. Every chart is drawn under :data:`_STYLE` (see :func:`styled`) on a
figure of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Patch

from idlibstats.charts.chart import DPI, Chart

P = ParamSpec("P")
R = TypeVar("R")

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

#: Neutral grey for figures no one is named for (claimant ``unattributed``) and for
#: claimants the package gives no style (``claimant_styles``).
NEUTRAL_GREY = "#999999"

#: The marker of a claimant the package gives no style.
DEFAULT_MARKER = "o"


@dataclass(frozen=True)
class ClaimantStyles:
    """How each claimant is drawn, from the package's ``claimant_styles`` table.

    One fixed colour per claimant (``organisations.organisation_id``), the same in every
    chart; for the lighter of two claimants whose colours share a hue (sky blue beside blue,
    orange beside vermillion), a pattern on every filled shape and a marker shape, so that
    the two stay apart when pale, hatched or printed in grey. A claimant without a row is
    drawn in :data:`NEUTRAL_GREY`, plain, with circles.

    Attributes
    ----------
    colours, hatches, markers : dict of str to str
        By ``organisation_id``: hex colour, matplotlib hatch (claimants with one only),
        matplotlib marker.
    """

    colours: dict[str, str] = field(default_factory=dict)
    hatches: dict[str, str] = field(default_factory=dict)
    markers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_frame(cls, styles: pd.DataFrame) -> ClaimantStyles:
        """Read the styles from the ``claimant_styles`` table (:func:`idlibstats.claimant_styles`).

        Parameters
        ----------
        styles : pandas.DataFrame
            Columns ``organisation_id``, ``colour``, ``hatch`` (missing: a plain fill) and
            ``marker``.

        Returns
        -------
        ClaimantStyles
        """
        ids = [str(i) for i in styles["organisation_id"]]
        return cls(
            colours=dict(zip(ids, (str(c) for c in styles["colour"]), strict=True)),
            hatches={i: str(h) for i, h in zip(ids, styles["hatch"], strict=True)
                     if pd.notna(h)},
            markers=dict(zip(ids, (str(m) for m in styles["marker"]), strict=True)),
        )

    def colour(self, claimant: str) -> str:
        """Return the fixed colour of a claimant (:data:`NEUTRAL_GREY` without a style).

        Parameters
        ----------
        claimant : str
            An ``organisations.organisation_id``, e.g. ``"sohr"``.

        Returns
        -------
        str
            A hex colour.
        """
        return self.colours.get(str(claimant), NEUTRAL_GREY)

    def hatch(self, claimant: str) -> str | None:
        """Return the fill pattern of a claimant (None: a plain fill).

        Parameters
        ----------
        claimant : str
            An ``organisations.organisation_id``.

        Returns
        -------
        str or None
            A matplotlib hatch, or None.
        """
        return self.hatches.get(str(claimant))

    def marker(self, claimant: str) -> str:
        """Return the marker a claimant's points are drawn with (a circle by default).

        Parameters
        ----------
        claimant : str
            An ``organisations.organisation_id``.

        Returns
        -------
        str
            A matplotlib marker, :data:`DEFAULT_MARKER` without a style.
        """
        return self.markers.get(str(claimant), DEFAULT_MARKER)

    def handles(self, claimants: Iterable[str], short: dict[str, str]) -> list[Patch]:
        """Return legend patches, one per claimant, in its colour, labelled with its short name."""
        return [
            Patch(facecolor=self.colour(c), edgecolor="#333333", linewidth=0.4,
                  hatch=self.hatch(c), label=short.get(c, c))
            for c in dict.fromkeys(claimants)
        ]


#: Smallest type size, in points, as the text is displayed (README column or JupyterLab).
MIN_PT = 9.0
#: Widths, in CSS pixels (96 per inch), the charts are displayed at: GitHub's README column
#: at desktop width (a wider PNG is scaled down to it) and JupyterLab's output area on a
#: 1280-pixel screen with the file browser open.
README_COLUMN_PX = 830
JUPYTER_COLUMN_PX = 900
#: Width of every chart, in inches: at 96 px per inch it fits both columns unscaled, so a
#: 9-pt text in the figure is displayed at 9 pt or more.
WIDTH = 8.3
#: The size of the charts' type: never below :data:`MIN_PT`.
FONT = MIN_PT
TITLE = 11.5  # suptitles

_STYLE = {
    "font.size": FONT,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.fontsize": FONT,
    "legend.frameon": False,
    "xtick.labelsize": FONT,
    "ytick.labelsize": FONT,
    "hatch.linewidth": 0.8,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
}


def tint(colour: str, strength: float) -> tuple[float, float, float]:
    """Mix a colour with white: ``strength`` 1 is the colour, 0 is white (opaque, no alpha)."""
    r, g, b = mpl.colors.to_rgb(colour)
    return (1 - strength + strength * r, 1 - strength + strength * g, 1 - strength + strength * b)


def ink(colour: object) -> str:
    """Black or white, whichever reads better on ``colour``."""
    r, g, b = mpl.colors.to_rgb(colour)
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "#ffffff"


def gid(row: pd.Series) -> str:
    """Return the ``gid`` of the artist drawing a figure: ``figure:<figure_id>``."""
    return f"figure:{row['figure_id']}"


def thousands(x: float, _pos: int | None = None) -> str:
    """Format an axis value with thousands separators (a matplotlib tick formatter)."""
    return f"{x:,.0f}"


def new_figure(width: float, height: float) -> Chart:
    """Return a new chart of the given size in inches, with its own Agg canvas."""
    fig = Chart(figsize=(width, height), layout="constrained", dpi=100)
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(h_pad=0.06, w_pad=0.06)
    return fig


def styled(draw: Callable[P, R]) -> Callable[P, R]:
    """Draw the chart under the package's style (fonts, grid, spines), whatever the rc."""

    @functools.wraps(draw)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with mpl.rc_context(_STYLE):
            return draw(*args, **kwargs)

    return wrapper


def month_axis(ax: Axes) -> None:
    """Put a tick and a label at the start of each month on the x axis."""
    locator = mdates.MonthLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def up_arrow(ax: Axes, x: object, y: float, colour: str, length: float = 18) -> None:
    """Mark an open end: an arrow from (x, y), ``length`` points up (or down if negative)."""
    ax.annotate(
        "",
        xy=(x, y),
        xytext=(0, length),
        textcoords="offset points",
        arrowprops={"arrowstyle": "<-", "color": colour, "lw": 1.3, "shrinkA": 0, "shrinkB": 0},
        annotation_clip=False,
    )
