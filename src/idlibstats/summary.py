"""A plain-text summary of a package, for ``idlibstats summary``.  [stub: issue 3]"""

from __future__ import annotations

import os

__all__ = ["summary"]


def summary(path: str | os.PathLike[str] | None = None) -> str:
    """Return a short text summary of the package: tables, rows, figures by topic, periods, claim groups."""
    raise NotImplementedError
