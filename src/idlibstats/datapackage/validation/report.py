"""Where a validation run puts its problems: the one setting 'first error' or 'all errors'.

A :class:`Report` is made once, at the top of a run (``Report("first")`` by the loaders,
``Report("all")`` by ``idlibstats validate``); every check adds its problems to it as
:class:`~idlibstats.datapackage.errors.DataPackageError` (file, row, field, message). In ``first``
mode
the first problem is raised at once; in ``all`` mode they are gathered in
:attr:`Report.problems`.
"""

from __future__ import annotations

from typing import Literal

from idlibstats.datapackage.errors import DataPackageError

__all__ = ["ALL_ERRORS", "FIRST_ERROR", "Report"]

FIRST_ERROR = "first"
"""Stop at the first problem and raise it (the loaders)."""
ALL_ERRORS = "all"
"""Gather every problem (``idlibstats validate``)."""


class Report:
    """The problems of one validation run.

    Parameters
    ----------
    errors : {"first", "all"}, default "first"
        ``"first"`` raises the first problem added; ``"all"`` gathers them all.
    """

    def __init__(self, errors: Literal["first", "all"] = FIRST_ERROR) -> None:
        if errors not in (FIRST_ERROR, ALL_ERRORS):
            raise ValueError(f"errors must be 'first' or 'all', not {errors!r}")
        self.errors = errors
        self.problems: list[DataPackageError] = []

    @property
    def first_only(self) -> bool:
        """True when the first problem ends the run (it is raised)."""
        return self.errors == FIRST_ERROR

    def add(self, problem: DataPackageError) -> None:
        """Record ``problem``; in ``first`` mode, raise it.

        Raises
        ------
        DataPackageError
            ``problem`` itself, in ``first`` mode.
        """
        self.problems.append(problem)
        if self.first_only:
            raise problem
