"""The check contract: a code, what the check applies to, and a run over a table's typed state.

A :class:`FieldCheck` runs once per field it applies to (in schema order), a
:class:`TableCheck` once per table. ``run`` reads the
:class:`~idlibstats.datapackage.validation.state.TableState` (cells as text, which are
missing, typed values, which cells already have an error) and reports each problem under
the check's code, with ``state.flag`` (cells) or ``state.error`` (rows, the file). Checks
run in the order of the one tuple that registers them,
:data:`idlibstats.datapackage.registry.CHECKS`, after the file is read and typed; a check
may rely on those before it (the keys skip cells a constraint refused). CONTRIBUTING,
'Adding a check', has a template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from idlibstats.datapackage.validation.state import TableState

__all__ = ["Check", "FieldCheck", "TableCheck", "run_checks"]


@dataclass(frozen=True)
class FieldCheck:
    """A check of one field's cells: ``applies(state, field)``, ``run(state, field)``.

    ``field`` is the field's descriptor; ``code`` is the error code of what it reports.
    """

    code: str
    applies: Callable[[TableState, dict[str, Any]], bool]
    run: Callable[[TableState, dict[str, Any]], None]


@dataclass(frozen=True)
class TableCheck:
    """A check of a whole table: ``applies(state)``, ``run(state)``; ``code`` as above."""

    code: str
    applies: Callable[[TableState], bool]
    run: Callable[[TableState], None]


Check = FieldCheck | TableCheck
"""Either kind of check."""


def run_checks(state: TableState, checks: tuple[Check, ...]) -> None:
    """Run each check, in order, on every field (or the table) it applies to.

    Parameters
    ----------
    state : TableState
        The table, read and typed.
    checks : tuple of Check
        The checks (:data:`idlibstats.datapackage.registry.CHECKS`).
    """
    for check in checks:
        if isinstance(check, FieldCheck):
            for spec in state.fields:
                if check.applies(state, spec):
                    check.run(state, spec)
        elif check.applies(state):
            check.run(state)
