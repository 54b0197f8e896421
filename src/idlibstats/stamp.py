"""Curators' tool: record each CSV's ``bytes`` and ``hash`` in datapackage.json.  [stub: issue 5]"""

from __future__ import annotations

import os

__all__ = ["stamp"]


def stamp(path: str | os.PathLike[str] | None = None) -> list[str]:
    """Update ``bytes`` and ``hash`` of every resource in the descriptor; return the names changed."""
    raise NotImplementedError
