"""One docstring for a computation and for its ``import idlibstats`` name that loads the tables.

The analysis (:mod:`idlibstats.analysis`) and the exports (:mod:`idlibstats.exports`) take
frames; :mod:`idlibstats.api` gives them to ``import idlibstats`` with the tables loaded from
a ``package`` when none are given. Rather than copy each numpydoc docstring (and let the
copies drift), :func:`loads_tables` builds the wrapper's docstring from the wrapped
function's when the module is imported: the same text, with the Parameters of the wrapper's
own signature, in its order, the tables it loads said so, a ``package`` parameter, and
:class:`~idlibstats.datapackage.errors.DataPackageError` among the errors. ``help()``,
JupyterLab's ``?`` and the documentation site (Sphinx autodoc) all show that text.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["loads_tables", "wrapper_docstring"]

F = TypeVar("F", bound=Callable[..., object])

_SECTION = re.compile(r"^(?P<title>[A-Z][A-Za-z ]+)\n-{3,}\n", re.M)
_ENTRY = re.compile(r"^(?P<names>[*\w][\w, *]*?)(?: : (?P<type>.*))?$")
_INDENT = "    "

PACKAGE_DOC = (
    "The data package to load {tables} from: a folder holding ``datapackage.json``, or that "
    "file. By default the package :func:`idlibstats.locate_package` finds: "
    "``$IDLIBSTATS_PACKAGE``, else the nearest folder at or above the current one that "
    "holds ``datapackage.json``, else the copy that comes with the library."
)


def _sections(doc: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a cleaned numpydoc docstring into its head and its (title, body) sections."""
    found = list(_SECTION.finditer(doc))
    if not found:
        return doc.rstrip() + "\n", []
    head = doc[:found[0].start()]
    sections = []
    for match, after in zip(found, [*found[1:], None], strict=True):
        body = doc[match.end():after.start() if after else len(doc)]
        sections.append((match["title"], body.rstrip("\n") + "\n"))
    return head, sections


def _entries(body: str) -> list[tuple[list[str], str | None, list[str]]]:
    """Parameters section -> [(names, type, description lines)], in order."""
    entries: list[tuple[list[str], str | None, list[str]]] = []
    for line in body.splitlines():
        match = _ENTRY.match(line) if line and not line[0].isspace() else None
        if match:
            names = [name.strip() for name in match["names"].split(",") if name.strip()]
            entries.append((names, match["type"], []))
        elif entries:
            entries[-1][2].append(line)
    return entries


def _and(words: Sequence[str]) -> str:
    quoted = [f"``{word}``" for word in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def wrapper_docstring(wrapped: Callable[..., object], wrapper: Callable[..., object],
                      tables: Sequence[str]) -> str:
    """Return ``wrapped``'s docstring rewritten for ``wrapper``, which loads ``tables``.

    Parameters
    ----------
    wrapped : callable
        The function that takes frames (its numpydoc docstring is the source).
    wrapper : callable
        The function users call; its signature says which parameters it has.
    tables : sequence of str
        The tables the wrapper loads from ``package``: each is either one of its
        parameters (loaded when the caller passes none) or a parameter of ``wrapped`` only
        (always loaded).

    Returns
    -------
    str
        The docstring: ``wrapped``'s head and sections, its Parameters limited to and
        ordered by ``wrapper``'s signature, a ``package`` entry, and
        ``DataPackageError`` in Raises.
    """
    head, sections = _sections(inspect.cleandoc(wrapped.__doc__ or ""))
    own = list(inspect.signature(wrapper).parameters)
    optional = [t for t in tables if t in own]
    always = [t for t in tables if t not in own]
    if not any(title == "Parameters" for title, _ in sections):
        sections.insert(0, ("Parameters", ""))
    origin = (f"This is :func:`{wrapped.__module__}.{wrapped.__qualname__}` with the tables "
              "loaded from ``package`` when they are not given.")
    out = [head.rstrip() + "\n\n" + "\n".join(_wrap(origin, indent="")) + "\n"]
    for title, body in sections:
        if title == "Parameters":
            body = _parameters(body, own, optional, always)
        if title == "Raises":
            body = body.rstrip("\n") + "\n" + _raises(tables)
        out.append(f"\n{title}\n{'-' * len(title)}\n{body}")
    if not any(title == "Raises" for title, _ in sections):
        out.append("\nRaises\n------\n" + _raises(tables))
    return "".join(out).rstrip() + "\n"


def _raises(tables: Sequence[str]) -> str:
    why = (f"If a table loaded from ``package`` ({_and(tables)}) does not fit its schema; "
           "the message names file, row and field.")
    return "\n".join(["DataPackageError", *_wrap(why)]) + "\n"


def _parameters(body: str, own: list[str], optional: list[str], always: list[str]) -> str:
    kept = []
    for names, kind, lines in _entries(body):
        names = [name for name in names if name in own and name != "package"]  # added below
        if not names:
            continue
        if len(names) == 1 and names[0] in optional and kind and "optional" not in kind:
            kind = f"{kind}, optional"  # the package entry says it is loaded when omitted
        kept.append((own.index(names[0]), names, kind, _trim(lines)))
    kept.sort(key=lambda entry: entry[0])
    text = []
    for _, names, kind, lines in kept:
        text.append(", ".join(names) + (f" : {kind}" if kind else ""))
        text += lines
    if "package" in own:
        loaded = [f"{_and(optional)} (when omitted)"] if optional else []
        loaded += [_and(always)] if always else []
        text.append("package : str or path-like, optional")
        text += _wrap(PACKAGE_DOC.format(tables=" and ".join(loaded) or "the tables"))
    return "\n".join(text) + "\n"


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _wrap(text: str, width: int = 88, indent: str = _INDENT) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)


def loads_tables(wrapped: Callable[..., object], *tables: str) -> Callable[[F], F]:
    """Give the decorated function the docstring of ``wrapped``, rewritten for it.

    Parameters
    ----------
    wrapped : callable
        The function the decorated one calls with the tables loaded.
    *tables : str
        The tables the decorated function loads from its ``package`` (see
        :func:`wrapper_docstring`).

    Returns
    -------
    callable
        A decorator that sets ``__doc__`` and returns the function itself (its signature
        stays its own: no ``__wrapped__``).
    """
    def decorate(wrapper: F) -> F:
        wrapper.__doc__ = wrapper_docstring(wrapped, wrapper, tables)
        return wrapper

    return decorate
