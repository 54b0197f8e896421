"""Competing claims: one row per claim group, as a range, never a sum.  [stub: issue 3]"""

from __future__ import annotations

import pandas as pd

__all__ = ["reconcile"]


def reconcile(figures: pd.DataFrame | None = None, *, band: float = 0.1) -> pd.DataFrame:
    """Return one row per ``claim_group``: low / best / high across its claims, claimants, contradiction flag."""
    raise NotImplementedError
