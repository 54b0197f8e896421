"""Keys: the primary key and ``unique`` fields of a table, and its foreign keys.

:func:`check_unique` reports repeated values of a ``unique`` field and repeated primary
keys, naming the row that holds the first copy. :func:`check_foreign_keys` reports values
that the referenced table (or the table itself) does not hold; another table's keys come
from :func:`referenced_keys`, which reads only its key columns (after checking its bytes
and hash), so that checking ``figures`` does not load the tables it points to. Both read
the text cells of a :class:`~idlibstats.rawcsv.RawTable` and skip cells already reported.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from idlibstats.cells import missing_mask
from idlibstats.errors import DataPackageError, Sink, show
from idlibstats.package import Package
from idlibstats.rawcsv import RawTable, check_bytes, parse
from idlibstats.schema import key_fields, missing_values

__all__ = ["check_foreign_keys", "check_unique", "primary_key", "referenced_keys"]


def primary_key(schema: dict[str, Any]) -> list[str]:
    """Return the fields of a Table Schema's ``primaryKey`` (a string or a list), in order.

    Parameters
    ----------
    schema : dict
        The Table Schema.

    Returns
    -------
    list of str
        The key's field names; empty when the schema has none.
    """
    return key_fields(schema.get("primaryKey"))


def check_unique(table: RawTable, schema: dict[str, Any], sink: Sink,
                 missing: list[str]) -> None:
    """Report repeated values of ``unique`` fields, then repeated primary keys.

    Parameters
    ----------
    table : RawTable
        The table's cells as text.
    schema : dict
        Its Table Schema.
    sink : Sink
        Where problems go.
    missing : list of str
        The schema's ``missingValues`` (a missing value is never a repeat).
    """
    pk = primary_key(schema)
    for spec in schema["fields"]:
        name = spec["name"]
        if not (spec.get("constraints", {}) or {}).get("unique") or pk == [name]:
            continue
        col = table.text[name]
        keep = table.usable(name) & ~missing_mask(col.to_numpy(dtype=object), missing)
        _duplicates(table, col[keep], name, f"is not unique in {name}", sink)
    if pk:
        kept = table.text[pk][table.usable(*pk)]
        col = (kept[pk[0]] if len(pk) == 1 else
               pd.Series(list(zip(*(kept[c] for c in pk), strict=True)), index=kept.index,
                         dtype=object))
        _duplicates(table, col, ", ".join(pk), f"primary key ({', '.join(pk)}) is repeated", sink)


def _duplicates(table: RawTable, col: pd.Series, field_name: str, words: str,
                sink: Sink) -> None:
    """Report each value of ``col`` (index: row positions) already seen in an earlier row."""
    dup = col.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    first_row = {}
    for pos, value in zip(col.index, col.to_numpy(), strict=True):
        first_row.setdefault(value, int(pos) + 2)
    for pos, value in zip(col.index[dup], col.to_numpy()[dup], strict=True):
        shown = show(value if not isinstance(value, tuple) else ", ".join(value))
        sink.add(DataPackageError(f"{words}: {shown} is already in row {first_row[value]}",
                                  file=table.rel, row=int(pos) + 2, field=field_name))


def referenced_keys(package: Package, name: str, fields: list[str],
                    cache: dict[Any, Any] | None = None) -> set[Any]:
    """Return the set of key values (tuples for composite keys) of resource ``name``.

    Reads only the key columns (after checking the file's bytes and hash), so that
    checking ``figures``' references does not load the tables they point to.

    Parameters
    ----------
    package : Package
        The opened package.
    name : str
        The referenced resource.
    fields : list of str
        Its key fields.
    cache : dict, optional
        Key sets already read, by ``(name, fields)``; the result is added to it.

    Returns
    -------
    set
        The key values (tuples for composite keys), without those holding a missing value.

    Raises
    ------
    DataPackageError
        If that file cannot be read or does not fit its descriptor's bytes, hash or header.
    """
    tag = (name, tuple(fields))
    if cache is not None and tag in cache:
        return cache[tag]
    resource = package.resource(name)
    names = [f["name"] for f in resource["schema"]["fields"]]
    for f in fields:
        if f not in names:
            raise DataPackageError(f"foreign key points to {name}.{f}, which is not a field",
                                   file="datapackage.json")
    data = package.resource_path(name).read_bytes()
    sink = Sink(collect=False)
    finish = check_bytes(data, resource, resource["path"], sink)
    table = parse(data, resource, resource["path"], names, sink, usecols=fields)
    if finish is not None:
        finish()
    assert table is not None
    keys = _key_set(table.text, fields, set(missing_values(resource["schema"])))
    if cache is not None:
        cache[tag] = keys
    return keys


def _key_set(text: pd.DataFrame, fields: list[str], missing: set[str]) -> set[Any]:
    """Collect the values of columns ``fields`` (tuples for several) but any with a missing cell."""
    if len(fields) == 1:
        keys = set(text[fields[0]].tolist())
        return keys - missing if missing else keys
    rows = zip(*(text[f].tolist() for f in fields), strict=True)
    return {t for t in rows if not any(v in missing for v in t)} if missing else set(rows)


def _in_set(values: np.ndarray, keys: set[Any]) -> np.ndarray:
    """``values`` (objects) found in ``keys``: one set lookup per distinct value."""
    codes, uniques = pd.factorize(values)
    known = np.fromiter((u in keys for u in uniques), bool, count=len(uniques))
    return known[codes] if len(values) else np.zeros(0, bool)


def check_foreign_keys(package: Package, name: str, table: RawTable, schema: dict[str, Any],
                       missing: list[str], sink: Sink, cache: dict[Any, Any] | None) -> None:
    """Report the values of each foreign key that the table it references does not hold.

    Parameters
    ----------
    package : Package
        The opened package (another table's key columns are read from it).
    name : str
        The resource name of ``table``.
    table : RawTable
        The table's cells as text; reported cells are marked in it (collect mode).
    schema : dict
        Its Table Schema (``foreignKeys``).
    missing : list of str
        The schema's ``missingValues`` (a key whose cells are all missing is not checked).
    sink : Sink
        Where problems go.
    cache : dict or None
        Referenced key sets already read, shared across tables.

    Raises
    ------
    DataPackageError
        In raise mode, the first problem, or the referenced table's own problem.
    """
    for fk in schema.get("foreignKeys", []) or []:
        here, ref = key_fields(fk["fields"]), fk["reference"]
        there, target = key_fields(ref["fields"]), ref.get("resource") or name
        cells = table.text[here]
        blank = np.logical_and.reduce([missing_mask(cells[f].to_numpy(dtype=object), missing)
                                       for f in here])
        check = table.usable(*here) & ~blank
        if not check.any():
            continue
        if target == name:
            keys = _key_set(table.text, there, set())
        else:
            try:
                keys = referenced_keys(package, target, there, cache)
            except DataPackageError as exc:
                if not sink.collect:
                    raise
                if cache is None or ("_reported", target) not in cache:
                    source = exc.file or target
                    sink.add(DataPackageError(
                        f"foreign key {', '.join(here)} cannot be checked until {source} is "
                        "fixed (see its own error)", file=table.rel, field=", ".join(here)))
                    if cache is not None:
                        cache[("_reported", target)] = True
                continue
        if len(here) == 1:
            found = _in_set(cells[here[0]].to_numpy(dtype=object), keys)
        else:
            found = pd.MultiIndex.from_frame(cells).isin(list(keys))
        bad = check & ~found
        if not bad.any():
            continue
        target_file = package.resource(target).get("path", target)
        for i in np.flatnonzero(bad):
            value = ", ".join(cells.iloc[i].tolist())
            sink.add(DataPackageError(
                f"{show(value)} is not a known {', '.join(there)} in {target} ({target_file})",
                file=table.rel, row=int(i) + 2, field=", ".join(here)))
        if sink.collect:
            table.mark(here, bad)


