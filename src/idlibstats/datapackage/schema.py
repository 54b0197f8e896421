"""Pandas dtypes from a Frictionless Table Schema: the one place that maps one to the other.

=====================================  ==========================================
Table Schema field                     pandas dtype
=====================================  ==========================================
``string`` with ``constraints.enum``   ``Categorical``, categories = the enum in
                                       schema order, ordered iff the field says
                                       ``"categoriesOrdered": true``
``string``                             ``"string"`` (missing: ``pd.NA``)
``integer``                            ``"Int64"`` (nullable)
``number``                             ``"Float64"`` (nullable)
``date``                               ``"datetime64[us]"`` (:data:`DATE_DTYPE`)
``boolean``                            ``"boolean"`` (nullable)
=====================================  ==========================================

Dates are ``datetime64[us]``: the resolution pandas 3 itself gives when it parses date
text (``pd.read_csv(parse_dates=...)``, ``pd.to_datetime``), so a typed table and a plain
``read_csv`` of the same file compare equal without a cast.

Only the schema's ``missingValues`` (default ``[""]``) mean "no value": ``NA``, ``null`` or
``N/A`` in a cell stay text.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd

__all__ = [
    "CONSTRAINTS",
    "DATE_DTYPE",
    "FIELD_TYPES",
    "columns_doc",
    "dtype_name",
    "field_dtype",
    "key_fields",
    "missing_values",
    "pandas_dtypes",
    "schema_problems",
]

DATE_DTYPE = "datetime64[us]"
"""The dtype of every ``date`` field."""

FIELD_TYPES = ("string", "integer", "number", "date", "boolean")
"""The Table Schema field types the library reads (anything else is refused)."""

CONSTRAINTS = frozenset({
    "required", "unique", "enum", "pattern", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
})
"""The constraints the loader enforces (a schema using any other is refused, not ignored)."""

_SCHEMA_KEYS = frozenset({"fields", "primaryKey", "foreignKeys", "missingValues", "$schema"})
_FIELD_KEYS = frozenset({
    "name", "type", "format", "title", "description", "example", "constraints",
    "categoriesOrdered", "rdfType", "trueValues", "falseValues", "missingValues",
})


def field_dtype(field: dict[str, Any]) -> Any:
    """Return the pandas dtype for one Table Schema field descriptor.

    Parameters
    ----------
    field : dict
        A field descriptor (``name``, ``type``, optional ``constraints``).

    Returns
    -------
    pandas dtype or str
        ``CategoricalDtype`` for a string enum, else ``"string"``, ``"Int64"``,
        ``"Float64"``, :data:`DATE_DTYPE` or ``"boolean"``.

    Raises
    ------
    ValueError
        For a field type the library does not handle.
    """
    kind = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    if kind == "string" and enum is not None:
        ordered = bool(field.get("categoriesOrdered"))
        return pd.CategoricalDtype(categories=list(enum), ordered=ordered)
    dtypes = {"string": "string", "integer": "Int64", "number": "Float64",
              "date": DATE_DTYPE, "boolean": "boolean"}
    if kind not in dtypes:
        raise ValueError(f"field {field.get('name')!r}: type {kind!r} is not handled by idlibstats")
    return dtypes[kind]


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


def missing_values(schema: dict[str, Any], field: dict[str, Any] | None = None) -> list[str]:
    """Return the strings that mean 'no value' (Table Schema default: ``[""]``).

    A field's own ``missingValues`` replace the schema's for that field. Only these are
    missing: ``NA``, ``null`` or ``N/A`` in a cell stay text.

    Parameters
    ----------
    schema : dict
        A Table Schema descriptor.
    field : dict, optional
        One of its fields.
    """
    if field is not None and "missingValues" in field:
        return list(field["missingValues"])
    return list(schema.get("missingValues", [""]))


def key_fields(value: Any) -> list[Any]:
    """Return the fields of a key (``primaryKey``, a foreign key's ``fields``) as a list.

    Parameters
    ----------
    value : str, list of str or None
        The key as the schema writes it: one field name, a list of them, or nothing.

    Returns
    -------
    list
        The field names, in order; empty for no key.
    """
    return [value] if isinstance(value, str) else list(value or [])


def schema_problems(schema: Any) -> list[str]:
    """Return what the loader cannot enforce in a Table Schema (empty list: all of it).

    A misspelt key (``foreignkeys``), an unknown constraint or field type would otherwise
    switch a check off without a word, so they are reported instead.

    Parameters
    ----------
    schema : dict
        A Table Schema descriptor.

    Returns
    -------
    list of str
        One sentence per problem.
    """
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return ["schema must be an object with a 'fields' list"]
    problems = [f"schema key {key!r} is unknown (a typo would switch a check off)"
                for key in schema if key not in _SCHEMA_KEYS]
    names = []
    for field in schema["fields"]:
        name = field.get("name") if isinstance(field, dict) else None
        if not isinstance(name, str) or not name:
            problems.append("every field needs a 'name'")
            continue
        names.append(name)
        problems += [f"field {name}: key {key!r} is unknown"
                     for key in field if key not in _FIELD_KEYS]
        if field.get("type", "string") not in FIELD_TYPES:
            problems.append(f"field {name}: type {field.get('type')!r} is not handled by "
                            "idlibstats")
        problems += [f"field {name}: constraint {key!r} is not enforced by idlibstats"
                     for key in field.get("constraints", {}) if key not in CONSTRAINTS]
        if field.get("type") == "date" and field.get("format", "default") == "any":
            problems.append(f"field {name}: date format 'any' is not handled by idlibstats")
    if len(set(names)) != len(names):
        problems.append("field names must be unique")
    for key in key_fields(schema.get("primaryKey")):
        if key not in names:
            problems.append(f"primaryKey field {key!r} is not a field")
    for fk in schema.get("foreignKeys", []) or []:
        ref = fk.get("reference", {}) if isinstance(fk, dict) else {}
        here = key_fields(fk.get("fields") if isinstance(fk, dict) else None)
        there = key_fields(ref.get("fields"))
        if not here or len(here) != len(there):  # no reference.resource: this resource
            problems.append(f"foreignKey {fk!r} needs fields and as many reference.fields")
        problems += [f"foreignKey field {key!r} is not a field" for key in here if key not in names]
    return problems


def dtype_name(field: dict[str, Any]) -> str:
    """Return the name of a field's pandas dtype, as a docstring shows it."""
    dtype = field_dtype(field)
    return "category" if isinstance(dtype, pd.CategoricalDtype) else str(dtype)


def columns_doc(schema: dict[str, Any], indent: int = 8, width: int = 92) -> str:
    """Return a reST table of a Table Schema's columns: name, pandas dtype, description.

    The loaders' docstrings are built with it from the descriptor, so the data dictionary is
    written once, in ``datapackage.json``.

    Parameters
    ----------
    schema : dict
        A Table Schema descriptor.
    indent : int, default 8
        Spaces before each line.
    width : int, default 92
        Longest line, indent included (descriptions wrap below it).

    Returns
    -------
    str
        The table, one line per row (wrapped descriptions continue on the next lines).
    """
    rows = [(f["name"], dtype_name(f), f.get("description", "")) for f in schema["fields"]]
    name_w = max(len("column"), *(len(r[0]) for r in rows))
    type_w = max(len("dtype"), *(len(r[1]) for r in rows))
    text_w = max(20, width - indent - name_w - type_w - 4)
    pad = " " * indent
    rule = f"{pad}{'=' * name_w}  {'=' * type_w}  {'=' * text_w}"
    lines = [rule, f"{pad}{'column':<{name_w}}  {'dtype':<{type_w}}  meaning", rule]
    for name, dtype, text in rows:
        wrapped = textwrap.wrap(text, text_w) or [""]
        lines.append(f"{pad}{name:<{name_w}}  {dtype:<{type_w}}  {wrapped[0]}".rstrip())
        lines += [f"{pad}{'':<{name_w}}  {'':<{type_w}}  {more}" for more in wrapped[1:]]
    lines.append(rule)
    return "\n".join(lines)
