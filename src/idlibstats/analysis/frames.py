"""The one check every analysis function makes of the figures it is given."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["require_figures"]


def require_figures(
    figures: pd.DataFrame | None, needed: Iterable[str], *, function: str, takes: str | None = None
) -> pd.DataFrame:
    """Return ``figures`` if it is a frame with the ``needed`` columns; raise otherwise.

    Analysis never loads the package: a missing frame is a programming error, and the
    message says how to get one.

    Parameters
    ----------
    figures : pandas.DataFrame or None
        The figures, as :func:`idlibstats.figures` returns them (or a filtered copy).
    needed : iterable of str
        The columns the function reads.
    function : str
        The function's public name (``bounds``, ``reconcile``, ``monthly``).
    takes : str, optional
        The subject of the message, when several functions share the check
        (default: ``'<function> takes'``).

    Returns
    -------
    pandas.DataFrame
        ``figures`` itself.

    Raises
    ------
    TypeError
        If ``figures`` is None.
    ValueError
        If a needed column is missing (the message lists them).
    """
    if figures is None:
        raise TypeError(f"{takes or function + ' takes'} the figures as a DataFrame (analysis "
                        f"never loads the package): pass idlibstats.figures(), or call "
                        f"idlibstats.{function}(), which loads them")
    missing = [c for c in needed if c not in figures.columns]
    if missing:
        raise ValueError(f"{function} needs the column(s) {missing}")
    return figures
