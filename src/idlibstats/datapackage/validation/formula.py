"""The row rules' formulas: one small evaluator, on whole columns, with Python's semantics.

A ``row-constraint`` formula of ``checks/<resource>.json`` is a Python expression over the
fields of one row; ``frictionless validate --checklist`` evaluates it row by row (with
``simpleeval``) on the row's Python values (``int``, ``float``, ``datetime.date``, ``str``,
``None`` for a missing cell) and fails a row when the result is falsy or evaluation raises
(``None >= date``, ``'x' < 5``). This module evaluates the same formulas on whole Arrow
columns, giving the same verdict for every row. It reads a deliberately small language,
checked when the checklist is loaded (:func:`compile_formula`), so that no formula is ever
half-understood:

- field names and constants (text, numbers, ``True``, ``False``, ``None``);
- comparisons ``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` (chains too), ``is None``,
  ``is not None``, ``in (...)`` and ``not in (...)`` with constants;
- ``and``, ``or``, ``not`` and parentheses over comparisons.

Anything else (calls, arithmetic, attribute access, a bare name as a truth value) is refused
with a message naming it.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow.compute as pc

from idlibstats.datapackage.validation.state import mask

__all__ = ["Formula", "column_kind", "compile_formula", "holds"]

_ORDER = {ast.Lt: pc.less, ast.LtE: pc.less_equal, ast.Gt: pc.greater,
          ast.GtE: pc.greater_equal}
_KINDS = {"string": "str", "integer": "num", "number": "num", "date": "date",
          "boolean": "bool"}
_INT64 = 2**63


@dataclass(frozen=True)
class Formula:
    """A checked formula: its text, its syntax tree and the fields it reads (in order)."""

    text: str
    tree: ast.expr
    names: tuple[str, ...]


def _check_value(node: ast.expr, kinds: dict[str, str]) -> None:
    """Refuse a value other than a field (not boolean) or a constant (a 64-bit integer)."""
    if isinstance(node, ast.Name):
        if node.id not in kinds:
            raise ValueError(f"reads {node.id!r}, which is not a field of the table")
        if kinds[node.id] == "bool":
            raise ValueError(f"reads the boolean field {node.id!r}")
        return
    sign = isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
    inner = node.operand if sign else node  # type: ignore[attr-defined]
    value = inner.value if isinstance(inner, ast.Constant) else None
    if not isinstance(inner, ast.Constant) or (sign and (
            isinstance(value, bool) or not isinstance(value, int | float))):
        raise ValueError(f"uses {ast.unparse(node)!r}, which is not a field name or a constant")
    if isinstance(value, bool) or not (value is None or isinstance(value, str | int | float)):
        raise ValueError(f"uses the constant {value!r}")
    if isinstance(value, int) and not -_INT64 <= (-value if sign else value) < _INT64:
        raise ValueError(f"uses the constant {'-' if sign else ''}{value}, which is outside the "
                         "64-bit integers")


def _is_truth(node: ast.expr) -> bool:
    return (isinstance(node, ast.Compare | ast.BoolOp)
            or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)))


def _is_truth_pair(node: ast.Compare) -> bool:
    """Tell whether ``node`` compares two truth values: ``(a == b) == (c == d)``."""
    if not any(_is_truth(x) for x in [node.left, *node.comparators]):
        return False
    if len(node.ops) != 1 or not isinstance(node.ops[0], ast.Eq | ast.NotEq):
        raise ValueError("compares a truth value other than with == or != to another one")
    return True


def _check_truth(node: ast.expr, kinds: dict[str, str]) -> None:
    """Refuse anything but comparisons joined by and, or, not (and True, False)."""
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _check_truth(value, kinds)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check_truth(node.operand, kinds)
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return
    elif isinstance(node, ast.Compare) and _is_truth_pair(node):
        _check_truth(node.left, kinds)
        _check_truth(node.comparators[0], kinds)
    elif isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        if not any(isinstance(x, ast.Name) for x in operands):
            raise ValueError("compares constants only: a rule must read a field")
        _check_value(node.left, kinds)
        for left, op, right in zip(operands[:-1], node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                if not isinstance(right, ast.Tuple | ast.List | ast.Set) or not all(
                        isinstance(e, ast.Constant) for e in right.elts):
                    raise ValueError("'in' needs a literal tuple of constants")
                for element in right.elts:
                    _check_value(element, kinds)
                continue
            _check_value(right, kinds)
            if isinstance(op, ast.Is | ast.IsNot):
                if not any(isinstance(x, ast.Constant) and x.value is None
                           for x in (left, right)):
                    raise ValueError("'is' and 'is not' only compare with None")
            elif not isinstance(op, ast.Eq | ast.NotEq) and type(op) not in _ORDER:
                raise ValueError(f"uses the operator {type(op).__name__}")
    else:
        raise ValueError(f"uses {ast.unparse(node)!r} as a truth value; write a comparison")


def compile_formula(text: str, fields: dict[str, str]) -> Formula:
    """Parse formula ``text`` and check it against ``fields`` (name -> Table Schema type).

    Raises ValueError if it is not an expression, or uses something outside the language
    above. A formula already compiled against the same fields is not parsed again (every
    table of every check reads the checklist: the same formulas, the same fields).
    """
    return _compiled(text, tuple(fields.items()))


@functools.lru_cache(maxsize=1024)
def _compiled(text: str, field_types: tuple[tuple[str, str], ...]) -> Formula:
    """:func:`compile_formula`, by the formula and its fields' names and types (immutable)."""
    fields = dict(field_types)
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"formula {text!r} is not an expression: {exc.msg}") from None
    try:
        _check_truth(tree, {name: column_kind(kind) for name, kind in fields.items()})
        if not any(isinstance(node, ast.Name) for node in ast.walk(tree)):
            raise ValueError("compares constants only: a rule must read a field")
    except ValueError as exc:
        raise ValueError(f"formula {text!r} {exc}; idlibstats evaluates comparisons of "
                         "fields and constants joined by and, or, not") from None
    names = dict.fromkeys(node.id for node in ast.walk(tree) if isinstance(node, ast.Name))
    return Formula(text, tree, tuple(names))


# ---------------------------------------------------------------- evaluation


@dataclass
class _Value:
    kind: str  # "num", "date", "str", "none"
    data: Any  # an Arrow array, or a Python constant
    null: np.ndarray  # rows where the value is None


@dataclass
class _Truth:
    value: np.ndarray  # the result
    err: np.ndarray  # rows where Python would raise


def _value(node: ast.expr, columns: dict[str, _Value], n: int) -> _Value:
    if isinstance(node, ast.Name):
        return columns[node.id]
    if isinstance(node, ast.UnaryOp):  # a negative number
        return _Value("num", -node.operand.value, np.zeros(n, bool))  # type: ignore[attr-defined]
    value = node.value  # type: ignore[attr-defined]
    kind = "none" if value is None else "str" if isinstance(value, str) else "num"
    return _Value(kind, value, np.full(n, value is None))


def _equal(a: _Value, b: _Value) -> np.ndarray:
    both_none = a.null & b.null
    if "none" in (a.kind, b.kind) or a.kind != b.kind:
        return both_none
    return (mask(pc.equal(a.data, b.data)) & ~a.null & ~b.null) | both_none


def _compare(op: ast.cmpop, a: _Value, b: _Value, n: int) -> _Truth:
    no = np.zeros(n, bool)
    if isinstance(op, ast.Is | ast.IsNot):
        other = a if b.kind == "none" else b
        return _Truth(other.null.copy() if isinstance(op, ast.Is) else ~other.null, no)
    if isinstance(op, ast.Eq | ast.NotEq):
        return _Truth(_equal(a, b) if isinstance(op, ast.Eq) else ~_equal(a, b), no)
    if "none" in (a.kind, b.kind) or a.kind != b.kind:
        return _Truth(no, ~no)  # Python raises TypeError in every row
    err = a.null | b.null
    return _Truth(mask(_ORDER[type(op)](a.data, b.data)) & ~err, err)


def _then(first: _Truth, second: _Truth, is_or: bool) -> _Truth:
    """``first and second`` (or ``or``): the second is evaluated only where it is reached."""
    reached = ~first.err & (~first.value if is_or else first.value)
    return _Truth(np.where(reached, second.value, first.value), first.err | (reached & second.err))


def _truth(node: ast.expr, columns: dict[str, _Value], n: int) -> _Truth:
    if isinstance(node, ast.Constant):
        return _Truth(np.full(n, bool(node.value)), np.zeros(n, bool))
    if isinstance(node, ast.UnaryOp):  # not
        inner = _truth(node.operand, columns, n)
        return _Truth(~inner.value, inner.err)
    if isinstance(node, ast.BoolOp):
        result = _truth(node.values[0], columns, n)
        for part in node.values[1:]:
            result = _then(result, _truth(part, columns, n), isinstance(node.op, ast.Or))
        return result
    assert isinstance(node, ast.Compare)
    if _is_truth_pair(node):  # Python compares True/False; both sides are evaluated
        a, b = _truth(node.left, columns, n), _truth(node.comparators[0], columns, n)
        equal = a.value == b.value
        return _Truth(equal if isinstance(node.ops[0], ast.Eq) else ~equal, a.err | b.err)
    left, result = _value(node.left, columns, n), None
    for op, right_node in zip(node.ops, node.comparators, strict=True):
        if isinstance(op, ast.In | ast.NotIn):
            hit = np.zeros(n, bool)
            for element in right_node.elts:  # type: ignore[attr-defined]
                hit |= _equal(left, _value(element, columns, n))
            step, right = _Truth(~hit if isinstance(op, ast.NotIn) else hit, hit & False), left
        else:
            right = _value(right_node, columns, n)
            step = _compare(op, left, right, n)
        result = step if result is None else _then(result, step, False)  # a < b < c
        left = right
    assert result is not None
    return result


def holds(formula: Formula, columns: dict[str, tuple[str, Any]], n: int) -> np.ndarray:
    """Return, per row of ``n``, whether ``formula`` holds, as frictionless decides it.

    ``columns`` maps a field name to (its :func:`column_kind`, Arrow array of typed values,
    null where missing). False where the result is false or Python would raise.
    """
    values = {name: _Value(kind, data, mask(pc.is_null(data)))  # each field's nulls once
              for name, (kind, data) in columns.items() if name in formula.names}
    result = _truth(formula.tree, values, n)
    return result.value & ~result.err


def column_kind(field_type: str) -> str:
    """Return the evaluator's kind for a Table Schema field type."""
    return _KINDS.get(field_type, "str")
