"""Check that every figure's excerpt is verbatim in its report's text.  [stub: issue 6]"""

from __future__ import annotations

import os

__all__ = ["verify_excerpts"]


def verify_excerpts(
    texts: str | os.PathLike[str], path: str | os.PathLike[str] | None = None
) -> list[str]:
    """Return one line per problem (empty list: every excerpt traces to its report)."""
    raise NotImplementedError
