"""Where a run puts its errors: the first raised (the loaders) or all gathered (validate)."""

from __future__ import annotations

from idlibstats.datapackage.errors import DataPackageError

__all__ = ["Report"]


class Report:
    """The errors of one validation run.

    ``stop_at_first``: the first error added is raised (the loaders); else every error is
    gathered in :attr:`errors` (``idlibstats validate``; pandera's 'lazy').
    """

    def __init__(self, *, stop_at_first: bool) -> None:
        self.stop_at_first = stop_at_first
        self.errors: list[DataPackageError] = []

    def add(self, error: DataPackageError) -> None:
        """Record ``error``; raise it when stopping at the first."""
        self.errors.append(error)
        if self.stop_at_first:
            raise error
