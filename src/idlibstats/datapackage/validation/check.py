"""The check contract: a code, what the check applies to, and a run over a table's typed state.

A :class:`FieldCheck` runs once per field it applies to, a :class:`TableCheck` once per
table; ``run`` reads the :class:`~.state.TableState` and reports under the check's code with
``state.flag`` (cells) or ``state.error``. Checks run in the order of
:data:`idlibstats.datapackage.registry.CHECKS`, after the table is read and typed; a check
may rely on those before it. CONTRIBUTING, 'Adding a check', has a template.
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
    """Run each of ``checks``, in order, on every field of ``state`` (or table) it applies to."""
    for check in checks:
        if isinstance(check, FieldCheck):
            for spec in state.fields:
                if check.applies(state, spec):
                    check.run(state, spec)
        elif check.applies(state):
            check.run(state)
