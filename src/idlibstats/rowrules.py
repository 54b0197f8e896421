"""Row rules: the ``row-constraint`` formulas of ``checks/<resource>.json``, evaluated fast.

The checklist file is the single source of truth, shared with
``frictionless validate --checklist``. Frictionless evaluates each formula per row with
``simpleeval`` and fails a row when the result is falsy or evaluation raises (for example
``None >= date``). Here a formula made of names, constants, comparisons, ``is None``,
``in (...)``, ``and``, ``or`` and ``not`` is evaluated on whole columns with the same
semantics (including Python's short-circuit: an error on the right of ``or`` only counts
where the left is false); anything else falls back to ``simpleeval`` row by row.
"""

from __future__ import annotations

import ast
import json
import operator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import simpleeval

__all__ = ["formula_names", "load_checklist", "rule_holds", "rule_holds_rowwise"]


def load_checklist(path: Path) -> list[str]:
    """Return the row-constraint formulas of a checklist file.

    Parameters
    ----------
    path : pathlib.Path
        A frictionless checklist (``{"checks": [{"type": "row-constraint", ...}]}``).

    Returns
    -------
    list of str
        The formulas, in file order.

    Raises
    ------
    ValueError
        If the file is not such a checklist, or holds a check the library cannot run (it
        would otherwise be skipped without a word).
    """
    try:
        checklist = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"is not valid UTF-8 JSON: {exc}") from None
    checks = checklist.get("checks") if isinstance(checklist, dict) else None
    if not isinstance(checks, list):
        raise ValueError("must be a JSON object with a 'checks' list")
    formulas = []
    for check in checks:
        if not isinstance(check, dict) or check.get("type") != "row-constraint":
            raise ValueError(f"check {check!r} is not a row-constraint; idlibstats runs only those")
        formula = check.get("formula")
        if not isinstance(formula, str):
            raise ValueError(f"check {check!r} has no formula")
        try:
            ast.parse(formula, mode="eval")
        except SyntaxError as exc:
            raise ValueError(f"formula {formula!r} is not an expression: {exc.msg}") from None
        formulas.append(formula)
    return formulas


def formula_names(formula: str) -> list[str]:
    """Return the names a formula reads, in order of first use."""
    seen: dict[str, None] = {}
    for node in ast.walk(ast.parse(formula, mode="eval")):
        if isinstance(node, ast.Name):
            seen.setdefault(node.id, None)
    return list(seen)


class _UnsupportedError(Exception):
    """The formula uses something the vectorised evaluator does not translate."""


@dataclass
class _Vec:
    kind: str          # "num", "date", "str", "bool", "none"
    value: Any         # numpy array (or scalar for constants)
    null: Any          # bool array or bool scalar
    err: Any = np.False_  # rows where Python would raise


def _column(frame: pd.DataFrame, name: str) -> _Vec:
    if name not in frame.columns:
        raise _UnsupportedError(name)
    col = frame[name]
    null = col.isna().to_numpy()
    dtype = col.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return _Vec("bool", col.fillna(False).to_numpy(dtype=bool), null)
    if pd.api.types.is_integer_dtype(dtype):
        return _Vec("num", col.to_numpy(dtype="int64", na_value=0), null)
    if pd.api.types.is_numeric_dtype(dtype):
        return _Vec("num", col.to_numpy(dtype="float64", na_value=0.0), null)
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return _Vec("date", col.to_numpy(dtype="datetime64[us]"), null)
    values = col.astype(object).to_numpy(copy=True)
    values[null] = ""
    return _Vec("str", values, null)


def _constant(value: Any) -> _Vec:
    no = np.False_  # numpy booleans: ``~False`` would be the integer -1
    if value is None:
        return _Vec("none", None, np.True_, no)
    if isinstance(value, bool):
        return _Vec("bool", np.bool_(value), no, no)
    if isinstance(value, int | float):
        return _Vec("num", value, no, no)
    if isinstance(value, str):
        return _Vec("str", value, no, no)
    raise _UnsupportedError(repr(value))


_ORDER = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}


def _eq(a: _Vec, b: _Vec) -> Any:
    both_null = a.null & b.null
    if {a.kind, b.kind} == {"num", "bool"}:
        raise _UnsupportedError("bool compared with a number")
    if a.kind == "none" or b.kind == "none" or a.kind != b.kind:
        return both_null
    return (np.asarray(a.value == b.value, dtype=bool) & ~a.null & ~b.null) | both_null


def _compare(op: ast.cmpop, a: _Vec, b: _Vec, n: int) -> _Vec:
    err = a.err | b.err
    if isinstance(op, ast.Is | ast.IsNot):
        if b.kind != "none" and a.kind != "none":
            raise _UnsupportedError("'is' between two values")
        other = a if b.kind == "none" else b
        value = other.null if isinstance(op, ast.Is) else ~np.asarray(other.null)
        return _Vec("bool", np.broadcast_to(value, n), np.False_, err)
    if isinstance(op, ast.Eq | ast.NotEq):
        value = _eq(a, b)
        value = value if isinstance(op, ast.Eq) else ~np.asarray(value)
        return _Vec("bool", np.broadcast_to(value, n), np.False_, err)
    if type(op) in _ORDER:
        if "bool" in (a.kind, b.kind):
            raise _UnsupportedError("ordering of booleans")
        if a.kind != b.kind or a.kind == "none":
            return _Vec("bool", np.zeros(n, bool), np.False_, np.ones(n, bool))
        err = err | a.null | b.null
        value = np.asarray(_ORDER[type(op)](a.value, b.value), dtype=bool)
        return _Vec("bool", np.broadcast_to(value, n), np.False_, np.broadcast_to(err, n))
    raise _UnsupportedError(type(op).__name__)


def _in(node: ast.Compare, left: _Vec, right: ast.expr, negate: bool) -> _Vec:
    if not isinstance(right, ast.Tuple | ast.List | ast.Set):
        raise _UnsupportedError("'in' needs a literal tuple or list")
    options = [_constant(elt.value) if isinstance(elt, ast.Constant) else None
               for elt in right.elts]
    if any(o is None for o in options):
        raise _UnsupportedError("'in' needs constants")
    hit = np.zeros(np.shape(left.null), bool) if np.ndim(left.null) else np.False_
    for option in options:
        hit = hit | _eq(left, option)  # type: ignore[arg-type]
    return _Vec("bool", ~hit if negate else hit, np.False_, left.err)


def _eval(node: ast.expr, frame: pd.DataFrame, n: int) -> _Vec:
    if isinstance(node, ast.Name):
        return _column(frame, node.id)
    if isinstance(node, ast.Constant):
        return _constant(node.value)
    if isinstance(node, ast.UnaryOp):
        inner = _eval(node.operand, frame, n)
        if isinstance(node.op, ast.Not) and inner.kind == "bool":
            return _Vec("bool", ~np.broadcast_to(inner.value, n), np.False_, inner.err)
        if isinstance(node.op, ast.USub) and inner.kind == "num" and np.ndim(inner.value) == 0:
            return _Vec("num", -inner.value, np.False_)
        raise _UnsupportedError(type(node.op).__name__)
    if isinstance(node, ast.BoolOp):
        parts = [_eval(v, frame, n) for v in node.values]
        if any(p.kind != "bool" for p in parts):
            raise _UnsupportedError("'and'/'or' on non-boolean values")
        acc = parts[0]
        value, err = np.broadcast_to(acc.value, n), np.broadcast_to(acc.err, n)
        for part in parts[1:]:
            right, right_err = np.broadcast_to(part.value, n), np.broadcast_to(part.err, n)
            reached = ~err & (~value if isinstance(node.op, ast.Or) else value)
            err = err | (reached & right_err)
            value = np.where(reached, right, value)
        return _Vec("bool", value, np.False_, err)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, frame, n)
        result: _Vec | None = None
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                step = _in(node, left, right_node, isinstance(op, ast.NotIn))
                right = left
            else:
                right = _eval(right_node, frame, n)
                step = _compare(op, left, right, n)
            if result is None:
                result = step
            else:  # a < b < c is (a < b) and (b < c), short-circuit
                prev_v, prev_e = np.broadcast_to(result.value, n), np.broadcast_to(result.err, n)
                reached = ~prev_e & prev_v
                result = _Vec("bool", np.where(reached, np.broadcast_to(step.value, n), prev_v),
                              np.False_, prev_e | (reached & np.broadcast_to(step.err, n)))
            left = right
        assert result is not None
        return result
    raise _UnsupportedError(type(node).__name__)


def rule_holds(formula: str, frame: pd.DataFrame) -> np.ndarray:
    """Return, per row, whether ``formula`` holds, as ``frictionless`` would decide.

    Parameters
    ----------
    formula : str
        A ``row-constraint`` formula (Python expression over the field names).
    frame : pandas.DataFrame
        Typed rows (as the loader returns them).

    Returns
    -------
    numpy.ndarray of bool
        True where the row satisfies the rule; False where the result is falsy or
        evaluating it would raise.
    """
    n = len(frame)
    try:
        result = _eval(ast.parse(formula, mode="eval").body, frame, n)
        if result.kind != "bool":
            raise _UnsupportedError("result is not a comparison")
    except _UnsupportedError:
        return rule_holds_rowwise(formula, frame)
    return np.broadcast_to(result.value & ~np.asarray(result.err), n).copy()


def _python_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def rule_holds_rowwise(formula: str, frame: pd.DataFrame) -> np.ndarray:
    """Evaluate ``formula`` row by row with ``simpleeval``, exactly as frictionless does.

    Row values are Python objects: ``int``, ``float``, ``datetime.date``, ``str`` or
    ``None``. Slow (one Python call per row); :func:`rule_holds` uses it only for formulas
    it cannot vectorise.
    """
    columns = {name: [_python_value(v) for v in frame[name].astype(object)] for name in frame}
    ok = np.zeros(len(frame), bool)
    for i in range(len(frame)):
        row = {name: values[i] for name, values in columns.items()}
        try:
            ok[i] = bool(simpleeval.EvalWithCompoundTypes(names=row).eval(formula))
        except Exception:  # frictionless fails the row on any error, so do we
            ok[i] = False
    return ok
