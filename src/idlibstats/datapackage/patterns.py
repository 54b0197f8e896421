r"""Portable patterns: the subset of regular expressions that Python, RE2 and XSD read alike.

A Table Schema ``pattern`` is an XML Schema (XSD) regular expression, matched against the
whole value. ``frictionless`` matches it with Python's :mod:`re` as ``^P$``; idlibstats with
Arrow's RE2 kernel. The three engines agree only on a subset, which every descriptor read
keeps to (:mod:`idlibstats.datapackage.profile` checks each pattern with
:func:`portability_problems` as the descriptor is read, before any table):

- literal characters, ``.``, and escapes of the metacharacters ``\ | . - ^ ? * + { } ( ) [ ]``
  and of ``\n``, ``\r``, ``\t``;
- character classes ``[...]`` and ``[^...]`` of characters, such escapes and ranges ``a-z``
  (a literal ``-`` or ``^`` escaped);
- groups ``(...)``, alternation ``|``, quantifiers ``?``, ``*``, ``+``, ``{n}``, ``{n,}``,
  ``{n,m}``.

Left out, because an engine lacks it or reads it differently: non-capturing groups
``(?:...)`` and every other ``(?...)`` (XSD has none: groups there capture nothing anyway),
lookarounds and back-references (RE2, XSD), lazy and possessive quantifiers (XSD), the
anchors ``^`` and ``$`` (literal characters in XSD), the shorthands ``\d``, ``\s``, ``\w``
and their negations (Unicode in Python, ASCII in RE2, their own sets in XSD: write the class),
``\b`` and the other escapes. An alternation at the top must sit inside a group, because
frictionless anchors the pattern as ``^P$`` without one: ``SY|SY-ID`` would accept any value
starting with ``SY``.
"""

from __future__ import annotations

import re

__all__ = ["portability_problems"]

_ESCAPABLE = set("\\|.-^?*+{}()[]") | {"n", "r", "t"}
# one token: an escape, a character class, a group's start, a {...} quantifier, a character
_TOKEN = re.compile(r"\\.?|\[\^?(?P<body>(?:\\.?|[^\]\\])*)(?P<end>\]?)|\(\??|\{[^}]*\}?|.",
                    re.S)


def _escape_problem(token: str) -> str | None:
    if token[1:] in _ESCAPABLE:
        return None
    return f"the escape {token} (not read alike by Python, RE2 and XSD)"


def _class_problem(body: str, closed: bool) -> str | None:
    """Why a character class ``[body]`` is outside the subset, or None."""
    items = re.findall(r"\\.?|.", body, re.S)
    if not closed or not items:
        return "an unclosed character class" if not closed else "an empty character class"
    k = 0
    while k < len(items):  # a character or an escape, or a range of two of them
        ranged = k + 2 < len(items) and items[k + 1] == "-"
        for item in (items[k], items[k + 2]) if ranged else (items[k],):
            if item.startswith("\\") and _escape_problem(item):
                return _escape_problem(item)
            if item in "[-^&~|":
                return f"an unescaped {item!r} in a character class"
        k += 3 if ranged else 1
    return None


def _quantifier_problem(token: str) -> str | None:
    low, _, high = token[1:-1].partition(",") if token.endswith("}") else ("x", "", "")
    if not (low.isascii() and low.isdigit()) or (high and not (high.isascii()
                                                             and high.isdigit())):
        return "a quantifier other than {n}, {n,} or {n,m}"
    return "a quantifier {n,m} with m < n" if high and int(high) < int(low) else None


def portability_problems(pattern: str) -> list[str]:
    """Return why ``pattern`` is outside the portable subset (empty list: it is inside).

    Parameters
    ----------
    pattern : str
        A Table Schema ``pattern``.

    Returns
    -------
    list of str
        The first problem found, and where (empty when there is none).
    """
    depth, bars, last = 0, 0, "start"  # last: "start" (of a branch), "atom", "quantifier"
    for match in _TOKEN.finditer(pattern):
        token, problem = match.group(), None
        if token[0] in "?*+{":
            problem = ("a lazy, possessive or repeated quantifier" if last == "quantifier"
                       else f"an unescaped {token[0]!r}" if last == "start"
                       else _quantifier_problem(token) if token[0] == "{" else None)
            last = "quantifier"
        elif token == "(?":
            problem = "a '(?' construct (non-capturing group, lookaround, flag...)"
        elif token in ("(", "|"):
            depth, bars = depth + (token == "("), bars + (token == "|" and not depth)
            last = "start"
        elif token == ")":
            problem, depth, last = (None if depth else "an unbalanced ')'"), depth - 1, "atom"
        elif token in ("^", "$", "]", "}"):
            problem = f"an unescaped {token!r}"
        else:  # a character, '.', an escape, a class
            problem = (_escape_problem(token) if token[0] == "\\" else
                       _class_problem(match["body"], bool(match["end"])) if token[0] == "["
                       else None)
            last = "atom"
        if problem:
            return [f"{problem} at position {match.start()}"]
    if depth:
        return [f"an unclosed group at position {len(pattern)}"]
    if bars:
        return ["an alternation at the top: wrap the pattern in a group, or frictionless's "
                "^P$ anchors only its first and last branch"]
    return []
