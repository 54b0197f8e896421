"""Regular-expression fragments more than one stage of the draft reads: months, days, units."""

from __future__ import annotations

import re

__all__ = ["DAY", "MONTH", "MONTHS", "STRONG_BOUNDARY_RE", "UNIT"]

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
#: A month, or its abbreviation ('Aug.', 'Sept').
MONTHS = rf"(?:{MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: Units of time ('four days', 'eight-year').
UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|mins?|seconds?|decades?)"
#: What ends a clause for certain: a semicolon, or ', while', ', but', ', whereas'.
STRONG_BOUNDARY_RE = re.compile(r";|,\s*(?:while|but|whereas)\b", re.IGNORECASE)
