"""Pandas dtypes from a Frictionless Table Schema: the one place that maps one to the other.

Field type ``string`` with an ``enum`` constraint becomes a pandas ``Categorical`` whose
categories are the enum, in the schema's order (ordered when the field says
``"categoriesOrdered": true``); other strings become ``string``; ``integer`` becomes
nullable ``Int64``; ``number`` becomes ``Float64``; ``date`` becomes ``datetime64``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["field_dtype", "missing_values", "pandas_dtypes"]


def field_dtype(field: dict[str, Any]) -> Any:
    """Return the pandas dtype for one Table Schema field descriptor.

    Parameters
    ----------
    field : dict
        A field descriptor (``name``, ``type``, optional ``constraints``).

    Returns
    -------
    pandas dtype or str
        ``CategoricalDtype`` for an enum, else ``"string"``, ``"Int64"``, ``"Float64"``,
        ``"datetime64[ns]"`` or ``"boolean"``.

    Raises
    ------
    ValueError
        For a field type the library does not handle.
    """
    kind = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.CategoricalDtype(categories=list(enum), ordered=bool(field.get("categoriesOrdered")))
    if kind == "string":
        return "string"
    if kind == "integer":
        return "Int64"
    if kind == "number":
        return "Float64"
    if kind == "date":
        return "datetime64[ns]"
    if kind == "boolean":
        return "boolean"
    raise ValueError(f"field {field.get('name')!r}: type {kind!r} is not handled by idlibstats")


def pandas_dtypes(schema: dict[str, Any]) -> dict[str, Any]:
    """Return ``{field name: pandas dtype}`` for every field of a Table Schema, in order.

    Parameters
    ----------
    schema : dict
        A Table Schema descriptor.

    Returns
    -------
    dict
        Field names mapped to the dtypes of :func:`field_dtype`.
    """
    return {field["name"]: field_dtype(field) for field in schema["fields"]}


def missing_values(schema: dict[str, Any]) -> list[str]:
    """Return the strings that mean 'no value' in this schema (Table Schema default: ``[""]``).

    Only these are missing: ``NA``, ``null`` or ``N/A`` in a cell stay text.
    """
    return list(schema.get("missingValues", [""]))
