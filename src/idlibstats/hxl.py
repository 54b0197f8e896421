"""HXL-tagged CSV export of the figures, for HDX.  [stub: issue 3]"""

from __future__ import annotations

import os

import pandas as pd

__all__ = ["to_hxl"]


def to_hxl(
    figures: pd.DataFrame | None = None,
    path: str | os.PathLike[str] | None = None,
    *,
    overwrite: bool = False,
) -> str | None:
    """Return (path None) or write (atomically) the figures as CSV with an HXL hashtag row."""
    raise NotImplementedError
