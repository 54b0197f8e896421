r"""Full-match a regex pattern against a whole column in one call where that is exact.

Checking a Table Schema ``pattern`` value by value costs one Python call per cell. When no
value holds a newline and the pattern cannot match one (nor look behind or ahead past one,
nor use ``\A``/``\Z``), the values joined by newlines fully match
``(?>P(?=\n|\Z))(?:\n(?>P(?=\n|\Z)))*+`` exactly when every value fully matches ``P``: one
regex call for the column. Only when it fails are the values tried one by one, to find
which. The pattern is anchored as ``(?:P)`` and full-matched, so an alternation such as
``SY|SY-ID`` applies to the whole value.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import numpy as np

__all__ = ["compiled", "not_matching"]

_NEWLINE_CATEGORIES = {"CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD",
                       "CATEGORY_LINEBREAK", "CATEGORY_UNI_SPACE", "CATEGORY_UNI_NOT_DIGIT",
                       "CATEGORY_UNI_NOT_WORD", "CATEGORY_UNI_LINEBREAK"}


def _class_has_newline(items: list[Any]) -> bool:
    negate, member = False, False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            member |= arg == 10
        elif name == "RANGE":
            member |= arg[0] <= 10 <= arg[1]
        elif name == "CATEGORY":
            member |= str(arg) in _NEWLINE_CATEGORIES
        else:
            return True  # unknown: assume the worst
    return member != negate


def _stays_on_one_line(items: Any) -> bool:
    """Tell whether a parsed pattern can never match a newline (nor look past one)."""
    for op, arg in items:
        name = str(op)
        if name in ("LITERAL",):
            if arg == 10:
                return False
        elif name == "NOT_LITERAL":
            if arg != 10:
                return False
        elif name == "ANY":
            continue  # DOTALL is refused by the caller
        elif name == "IN":
            if _class_has_newline(arg):
                return False
        elif name == "AT":
            if str(arg) in ("AT_BEGINNING_STRING", "AT_END_STRING"):
                return False
        elif name == "SUBPATTERN":
            if arg[1] & re.S or not _stays_on_one_line(arg[3]):
                return False
        elif name == "ATOMIC_GROUP":
            if not _stays_on_one_line(arg):
                return False
        elif name == "BRANCH":
            if not all(_stays_on_one_line(alt) for alt in arg[1]):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if not _stays_on_one_line(arg[2]):
                return False
        else:  # lookarounds, back-references, conditionals: no shortcut
            return False
    return True


@lru_cache(maxsize=256)
def compiled(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Compile a pattern for one value and (when safe) one for a column joined by newlines."""
    one = re.compile(f"(?:{pattern})")
    whole = None
    try:
        if not one.flags & re.S and _stays_on_one_line(sre_parse.parse(pattern)):
            line = f"(?>(?:{pattern})(?=\n|\\Z))"  # one value, then commit
            whole = re.compile(f"{line}(?:\n{line})*+")
    except (re.error, RecursionError, TypeError, ValueError):
        whole = None
    return one, whole


def not_matching(values: np.ndarray, pattern: str, one_line: bool) -> np.ndarray:
    """Boolean mask of ``values`` (str objects) that do not fully match ``pattern``.

    A column is first tried in one regex call over its values joined by newlines; that is
    exact when no value holds a newline (``one_line``) and the pattern cannot match one.
    Only when it fails is each value tried, to find which.
    """
    one, whole = compiled(pattern)
    if len(values) == 0:
        return np.zeros(0, bool)
    if one_line and whole is not None and whole.fullmatch("\n".join(values)) is not None:
        return np.zeros(len(values), bool)
    match = one.fullmatch
    return np.fromiter((match(v) is None for v in values), bool, count=len(values))
