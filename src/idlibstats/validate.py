"""Validate a whole package: every table, keys, hashes and row rules.  [stub: issue 3/5]"""

from __future__ import annotations

import os

from idlibstats.errors import DataPackageError

__all__ = ["validate_package"]


def validate_package(path: str | os.PathLike[str] | None = None) -> list[DataPackageError]:
    """Return every problem found in the package (empty list: valid). Reads only; writes nothing."""
    raise NotImplementedError
