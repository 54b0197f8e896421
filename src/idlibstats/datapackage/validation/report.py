"""Where a validation run puts its errors: raised at the first (the loaders) or all gathered.

A :class:`Report` is made once per table, at the top of a run; every step and check adds
its errors to it as :class:`~idlibstats.datapackage.errors.DataPackageError` (code, file,
row, field, message).
"""

from __future__ import annotations

from idlibstats.datapackage.errors import DataPackageError

__all__ = ["Report"]


class Report:
    """The errors of one validation run.

    Parameters
    ----------
    stop_at_first : bool
        True: the first error added is raised (the loaders); False: every error is
        gathered in :attr:`errors` (``idlibstats validate``; pandera's 'lazy').
    """

    def __init__(self, *, stop_at_first: bool) -> None:
        self.stop_at_first = stop_at_first
        self.errors: list[DataPackageError] = []

    def add(self, error: DataPackageError) -> None:
        """Record ``error``; when stopping at the first, raise it.

        Raises
        ------
        DataPackageError
            ``error`` itself, when ``stop_at_first``.
        """
        self.errors.append(error)
        if self.stop_at_first:
            raise error
