"""The figures an analysis function is given, and the frames it returns.

The one check every analysis function makes of the figures it is given, and the one rule for
the dtypes of what it returns: a column named as a column of the figures has its dtype.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["like_figures", "require_figures"]


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


def like_figures(out: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Return ``out`` with every column it shares with ``figures`` in the figures' dtype.

    A vocabulary of the Table Schema (``population``, ``measure`` ...) is a category in
    :func:`idlibstats.figures`, with the schema's values as its categories; a frame computed
    from the figures gives the same column the same dtype, so the two compare, merge and
    filter alike. A value the categories lack is added to them, never turned into a NaN.

    Parameters
    ----------
    out : pandas.DataFrame
        A frame an analysis function computed from ``figures``.
    figures : pandas.DataFrame
        The figures it was computed from.

    Returns
    -------
    pandas.DataFrame
        ``out``, its shared categorical columns cast (in place).
    """
    for column in out.columns.intersection(figures.columns):
        dtype = figures[column].dtype
        if not isinstance(dtype, pd.CategoricalDtype) or out[column].dtype == dtype:
            continue
        values = out[column].dropna().astype(str).unique().tolist()
        extra = [v for v in values if v not in set(dtype.categories)]
        if extra:
            dtype = pd.CategoricalDtype([*dtype.categories, *sorted(extra)], dtype.ordered)
        out[column] = out[column].astype(object).astype(dtype)
    return out
