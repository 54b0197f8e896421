r"""Portable patterns: the subset of regular expressions that Python, RE2 and XSD read alike.

A Table Schema ``pattern`` is an XML Schema (XSD) regular expression, matched against the
whole value. ``frictionless`` matches it with Python's :mod:`re` as ``^P$``; idlibstats with
Arrow's RE2 kernel (:func:`anchored`). The three engines agree only on a subset, which the
package's patterns keep to (a test checks every pattern of ``datapackage.json`` with
:func:`portability_problems`):

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

__all__ = ["anchored", "one_line_head", "portability_problems"]

_META = set("\\|.^?*+{}()[]$")
_ESCAPABLE = set("\\|.-^?*+{}()[]") | {"n", "r", "t"}
_QUANTIFIERS = set("?*+{")


def anchored(pattern: str) -> str:
    """Return ``pattern`` wrapped to match a whole value in RE2 (Arrow's regex kernels)."""
    return f"^(?:{pattern})$"


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.problems: list[str] = []

    def peek(self) -> str | None:
        return self.p[self.i] if self.i < len(self.p) else None

    def fail(self, what: str) -> None:
        self.problems.append(f"{what} at position {self.i}")

    def regex(self, depth: int) -> int:
        """Parse branches; return the number of top-level '|'."""
        bars = 0
        self.branch(depth)
        while self.peek() == "|":
            bars += 1
            self.i += 1
            self.branch(depth)
        return bars

    def branch(self, depth: int) -> None:
        while self.peek() is not None and self.peek() not in "|)":
            self.piece(depth)
            if self.problems:
                return

    def piece(self, depth: int) -> None:
        self.atom(depth)
        if self.peek() is not None and self.peek() in _QUANTIFIERS:
            self.quantifier()
            if self.peek() is not None and self.peek() in _QUANTIFIERS:
                self.fail("a lazy, possessive or repeated quantifier")

    def quantifier(self) -> None:
        if self.peek() != "{":
            self.i += 1
            return
        end = self.p.find("}", self.i)
        body = self.p[self.i + 1: end] if end > 0 else ""
        low, _, high = body.partition(",")
        if end < 0 or not low.isascii() or not low.isdigit() or (
                high and not (high.isascii() and high.isdigit())):
            self.fail("a quantifier other than {n}, {n,} or {n,m}")
            return
        if high and int(high) < int(low):
            self.fail("a quantifier {n,m} with m < n")
        self.i = end + 1

    def escape(self) -> None:
        char = self.p[self.i + 1: self.i + 2]
        if char not in _ESCAPABLE:
            self.fail(f"the escape \\{char} (not read alike by Python, RE2 and XSD)")
        self.i += 2

    def atom(self, depth: int) -> None:
        char = self.peek()
        if char == "(":
            if self.p[self.i + 1: self.i + 2] == "?":
                self.fail("a '(?' construct (non-capturing group, lookaround, flag...)")
                return
            self.i += 1
            self.regex(depth + 1)
            if self.peek() != ")":
                self.fail("an unclosed group")
                return
            self.i += 1
        elif char == "[":
            self.char_class()
        elif char == "\\":
            self.escape()
        elif char == ".":
            self.i += 1
        elif char in _META or char in "]}":
            self.fail(f"an unescaped {char!r}")
        else:
            self.i += 1

    def class_char(self) -> bool:
        char = self.peek()
        if char is None:
            self.fail("an unclosed character class")
            return False
        if char == "\\":
            self.escape()
        elif char in "[-^&~|":
            self.fail(f"an unescaped {char!r} in a character class")
            return False
        else:
            self.i += 1
        return True

    def char_class(self) -> None:
        self.i += 1
        if self.peek() == "^":
            self.i += 1
        if self.peek() == "]":
            self.fail("an empty character class")
            return
        while self.peek() != "]":
            if not self.class_char():
                return
            if self.peek() == "-" and self.p[self.i + 1: self.i + 2] != "]":
                self.i += 1
                if not self.class_char():
                    return
        self.i += 1


def portability_problems(pattern: str) -> list[str]:
    """Return why ``pattern`` is outside the portable subset (empty list: it is inside).

    Parameters
    ----------
    pattern : str
        A Table Schema ``pattern``.

    Returns
    -------
    list of str
        One sentence per problem found (parsing stops at the first).
    """
    parser = _Parser(pattern)
    bars = parser.regex(0)
    if not parser.problems and parser.i != len(pattern):
        parser.fail(f"an unbalanced {pattern[parser.i]!r}")
    if not parser.problems and bars:
        parser.problems.append("an alternation at the top: wrap the pattern in a group, or "
                               "frictionless's ^P$ anchors only its first and last branch")
    return parser.problems


def one_line_head(pattern: str) -> str | None:
    """Return ``H`` for a portable pattern ``H.*``, else None.

    On a value without a newline, ``H.*`` matches the whole value exactly when ``H``
    matches a prefix of it, so the check can stop after the prefix.
    """
    if not pattern.endswith(".*") or portability_problems(pattern):
        return None
    head = pattern[:-2]
    return head if head and not portability_problems(head) else None
