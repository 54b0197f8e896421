"""Bounds (low, best, high) of each figure from its value and wording.  [stub: issue 3]"""

from __future__ import annotations

import pandas as pd

__all__ = ["bounds"]


def bounds(figures: pd.DataFrame | None = None, *, band: float = 0.1) -> pd.DataFrame:
    """Return the figures with ``low``, ``best``, ``high`` (Int64; high <NA> = open) and ``bound_rule``.

    Rules: exact v -> [v, v]; at_least v -> [v, open]; more_than v -> [v+1, open];
    almost v -> [ceil(v*(1-band)), v-1]; about v -> [ceil(v*(1-band)), floor(v*(1+band))].
    best is the bound nearest the number as written (v, v+1 or v-1).
    """
    raise NotImplementedError
