"""Curators' tool: draft figure rows from a report's plain text.  [stub: issue 6]"""

from __future__ import annotations

import pandas as pd

__all__ = ["draft_figures"]


def draft_figures(text: str, source_id: str) -> pd.DataFrame:
    """Return draft rows (the figures table's columns) for every number the text gives."""
    raise NotImplementedError
