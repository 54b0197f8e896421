"""The checked, typed Arrow columns of a table as a pandas DataFrame, dtypes from the schema.

The loaders (:mod:`idlibstats.datapackage.read`) turn the typed columns the validation
engine leaves into the frame they return (the mapping: :mod:`idlibstats.datapackage.schema`).
Text columns become pandas' ``"string"`` dtype (Arrow-backed: no copy), enums
``Categorical`` with the enum as categories, integers ``Int64``, numbers ``Float64``, dates
``datetime64[us]``, booleans ``boolean``; missing cells are missing (``pd.NA``, ``NaT``),
never an empty string or a zero.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.schema import DATE_DTYPE, field_dtype

__all__ = ["to_frame"]


def _combined(values: Any) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _column(spec: dict[str, Any], values: Any) -> Any:
    dtype = field_dtype(spec)
    if dtype == "string":  # Arrow-backed: the chunks are shared, not copied
        return pd.array(values, dtype=pd.StringDtype(na_value=pd.NA))
    values = _combined(values)
    nulls = values.is_null().to_numpy(zero_copy_only=False)
    if isinstance(dtype, pd.CategoricalDtype):
        codes = pc.index_in(values, value_set=pa.array(list(dtype.categories), pa.string()))
        codes = pc.fill_null(codes, -1).to_numpy(zero_copy_only=False)
        return pd.Categorical.from_codes(codes, dtype=dtype)
    if dtype == "Int64":
        data = pc.fill_null(values, 0).to_numpy(zero_copy_only=False).astype("int64")
        return pd.arrays.IntegerArray(data, nulls)
    if dtype == "Float64":
        data = pc.fill_null(values, 0.0).to_numpy(zero_copy_only=False).astype("float64")
        return pd.arrays.FloatingArray(data, nulls)
    if dtype == DATE_DTYPE:
        return values.cast(pa.timestamp("us")).to_numpy(zero_copy_only=False).astype(DATE_DTYPE)
    if dtype == "boolean":
        data = pc.fill_null(values, False).to_numpy(zero_copy_only=False).astype(bool)
        return pd.arrays.BooleanArray(data, nulls)
    raise ValueError(f"field {spec.get('name')!r}: no column for dtype {dtype!r}")


def to_frame(schema: dict[str, Any], typed: dict[str, Any], n: int) -> pd.DataFrame:
    """Return the typed columns as a DataFrame (RangeIndex, columns in schema order).

    Parameters
    ----------
    schema : dict
        The Table Schema.
    typed : dict
        Field name -> Arrow array of typed values (nulls where missing).
    n : int
        Number of rows.

    Returns
    -------
    pandas.DataFrame
        One column per field.
    """
    columns = {spec["name"]: _column(spec, typed[spec["name"]]) for spec in schema["fields"]}
    return pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False)
