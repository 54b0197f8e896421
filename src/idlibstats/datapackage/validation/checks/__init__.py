"""One small check per kind of rule, each reporting (file, row, field, message).

Cell checks (``check(ctx, field)``), run field by field in schema order:
:mod:`.required`, :mod:`.types` (which also types the column), :mod:`.enum`,
:mod:`.pattern`, :mod:`.bounds` (lengths, minimum and maximum). Table checks
(``check(ctx)``), run after them: :mod:`.keys` (``unique`` fields and the primary key),
:mod:`.foreign_keys`, :mod:`.row_rules` (``checks/<resource>.json``) and
:mod:`.cross_tables` (rules that read another table) and :mod:`.wording` (the number as
written says the value, and the excerpt holds it). The bytes, the encoding, the hash, the
header and the rows' shape are checked before any of these, as the file is read
(:mod:`idlibstats.datapackage.validation.source`).
"""

from idlibstats.datapackage.validation.checks import (
    bounds,
    cross_tables,
    enum,
    foreign_keys,
    keys,
    pattern,
    required,
    row_rules,
    types,
    wording,
)

CELL_CHECKS = (required.check, types.check, enum.check, pattern.check, bounds.check)
"""Checks of one field's cells, in the order they run."""

TABLE_CHECKS = (keys.check, foreign_keys.check, row_rules.check, cross_tables.check,
                wording.check)
"""Checks of a whole table, in the order they run (after every cell check)."""

__all__ = ["CELL_CHECKS", "TABLE_CHECKS"]
