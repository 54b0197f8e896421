"""Load the package's tables into typed pandas DataFrames, refusing data that does not fit.

Provisional core (strict types); hardened in the loader work (issue 3 / issue 5).
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from idlibstats.errors import DataPackageError
from idlibstats.package import Package, open_package
from idlibstats.schema import missing_values, pandas_dtypes

__all__ = [
    "corroborations",
    "deaths",
    "displacement",
    "figures",
    "indicators",
    "injuries",
    "list_tables",
    "load_table",
    "organisations",
    "sources",
    "strikes",
    "wire_credits",
]

PathArg = str | os.PathLike[str] | None


def _read(package: Package, name: str) -> pd.DataFrame:
    resource = package.resource(name)
    schema = resource["schema"]
    path = package.resource_path(name)
    rel = resource["path"]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    missing = set(missing_values(schema))
    out: dict[str, Any] = {}
    for field, dtype in pandas_dtypes(schema).items():
        if field not in raw.columns:
            raise DataPackageError("column is missing", file=rel, row=1, field=field)
        text = raw[field]
        is_missing = text.isin(missing)
        values = text.mask(is_missing)
        if dtype == "Int64":
            numbers = pd.to_numeric(values, errors="coerce")
            bad = ~is_missing & (numbers.isna() | (numbers % 1 != 0))
            _raise_first(bad, text, rel, field, "is not an integer")
            out[field] = numbers.astype("Int64")
        elif isinstance(dtype, str) and dtype.startswith("datetime64"):
            dates = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
            bad = ~is_missing & dates.isna()
            _raise_first(bad, text, rel, field, "is not a date (YYYY-MM-DD)")
            out[field] = dates
        elif isinstance(dtype, pd.CategoricalDtype):
            bad = ~is_missing & ~values.isin(dtype.categories)
            _raise_first(bad, text, rel, field, f"is not one of {list(dtype.categories)}")
            out[field] = values.astype(dtype)
        else:
            out[field] = values.astype(dtype)
    return pd.DataFrame(out)


def _raise_first(bad: pd.Series, text: pd.Series, file: str, field: str, problem: str) -> None:
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataPackageError(f"{text.iloc[i]!r} {problem}", file=file, row=i + 2, field=field)


def load_table(name: str, path: PathArg = None) -> pd.DataFrame:
    """Load one table of the package as a typed DataFrame.

    Parameters
    ----------
    name : str
        The resource name (see :func:`list_tables`).
    path : str or path-like, optional
        Another package to read (its directory or ``datapackage.json``); by default the
        package found by :func:`idlibstats.package.locate_package`.

    Returns
    -------
    pandas.DataFrame
        One column per schema field, dtypes from the Table Schema.

    Raises
    ------
    DataPackageError
        If the table does not fit its schema; the message names file, row and field.
    """
    return _read(open_package(path), name)


def list_tables(path: PathArg = None) -> list[str]:
    """Return the names of the package's tables, in descriptor order."""
    return list(open_package(path).resources)


def sources(path: PathArg = None) -> pd.DataFrame:
    """Load ``sources``: one row per news report."""
    return load_table("sources", path)


def wire_credits(path: PathArg = None) -> pd.DataFrame:
    """Load ``wire_credits``: the wire agencies each report credits."""
    return load_table("wire_credits", path)


def organisations(path: PathArg = None) -> pd.DataFrame:
    """Load ``organisations``: claimants and relaying agencies."""
    return load_table("organisations", path)


def indicators(path: PathArg = None) -> pd.DataFrame:
    """Load ``indicators``: what a figure can count."""
    return load_table("indicators", path)


def figures(path: PathArg = None) -> pd.DataFrame:
    """Load ``figures``: one row per number a report gives."""
    return load_table("figures", path)


def corroborations(path: PathArg = None) -> pd.DataFrame:
    """Load ``corroborations``: other outlets' confirmations and caveats."""
    return load_table("corroborations", path)


def _by_indicator(path: PathArg, wanted: set[str]) -> pd.DataFrame:
    figs = figures(path)
    return figs[figs["indicator"].isin(wanted)].reset_index(drop=True)


def deaths(path: PathArg = None) -> pd.DataFrame:
    """Figures of people killed (indicator ``killed``)."""
    return _by_indicator(path, {"killed"})


def injuries(path: PathArg = None) -> pd.DataFrame:
    """Figures of people injured (indicator ``injured``)."""
    return _by_indicator(path, {"injured"})


def displacement(path: PathArg = None) -> pd.DataFrame:
    """Figures of people displaced (indicators of topic ``displacement``)."""
    inds = indicators(path)
    return _by_indicator(path, set(inds.loc[inds["topic"] == "displacement", "indicator"]))


def strikes(path: PathArg = None) -> pd.DataFrame:
    """Figures of strikes and attacks (indicators of topic ``strikes``)."""
    inds = indicators(path)
    return _by_indicator(path, set(inds.loc[inds["topic"] == "strikes", "indicator"]))
