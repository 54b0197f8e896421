"""A chart: a matplotlib figure that carries its description (alternative text) with it.

Every chart of :mod:`idlibstats.charts` returns a :class:`Chart`, whose :attr:`Chart.alt_text`
the chart writes from the data it draws (what, which claimants, which span). Wherever the
chart is shown, the description goes with the image:

- in JupyterLab and in HTML built from the executed notebooks (``jupyter nbconvert --to
  html``, MyST-NB): the chart displays as ``text/html``, an ``<img>`` with the description as
  its ``alt`` attribute (neither JupyterLab nor nbconvert's ``lab`` template read alt text
  from an ``image/png`` output, and MyST-NB reads it only from cell metadata), with the same
  PNG as ``image/png`` (its output metadata carries ``alt`` too, for nbconvert's ``classic``
  template) and the description as ``text/plain``;
- in the README: ``python -m idlibstats.charts docs/img --markdown README.md`` (``make
  charts``) writes each PNG and puts its description in the Markdown image's alt text.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any

from matplotlib.figure import Figure

#: Resolution of the PNG a chart is shown and saved with (the figure is 8.3 in wide).
DPI = 150
#: Pixels per inch the PNG is displayed at in a notebook (the figure's own dpi, as inline).
SCREEN_DPI = 100
#: White space round a saved or displayed chart, in inches.
PAD_INCHES = 0.15


class Chart(Figure):
    """A matplotlib :class:`~matplotlib.figure.Figure` that carries its alternative text.

    Attributes
    ----------
    alt_text : str
        The chart's description, written from the data it draws ('' until the chart
        function sets it; every chart of :mod:`idlibstats.charts` sets it).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alt_text = ""

    def png(self, dpi: float = DPI) -> bytes:
        """Return the chart as PNG bytes, cropped to what is drawn, on white, no timestamp.

        Parameters
        ----------
        dpi : float, default :data:`DPI`
            Resolution.

        Returns
        -------
        bytes
        """
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight",
                     pad_inches=PAD_INCHES, facecolor="white", metadata={"Software": None})
        return buffer.getvalue()

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
        """Return the chart for Jupyter: HTML ``<img alt=...>``, the PNG, the description.

        IPython asks for this first; matplotlib's inline backend may then replace the PNG
        with its own rendering of the same figure, which leaves the HTML, the PNG's ``alt``
        metadata and the text in place.
        """
        data = self.png()
        width = _png_width(data) * SCREEN_DPI // DPI
        encoded = base64.b64encode(data).decode("ascii")
        alt = html.escape(self.alt_text, quote=True)
        bundle = {
            "text/html": f'<img src="data:image/png;base64,{encoded}" alt="{alt}" '
                         f'width="{width}"/>',
            "image/png": encoded,
            "text/plain": self.alt_text,
        }
        metadata: dict[str, dict[str, object]] = {
            "image/png": {"alt": self.alt_text, "width": width},
        }
        return bundle, metadata


def _png_width(data: bytes) -> int:
    """Return the width in pixels of a PNG, from its IHDR chunk."""
    return int.from_bytes(data[16:20], "big")
