"""The words the draft may write, from the package's schema: qualifiers, indicators, populations.

Nothing here is a list in code: the figures schema's ``qualifier`` and ``population`` enums
and the ``indicators`` table say what a drafted row may hold. A word that maps to a
population code the schema does not have is flagged, not written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import open_package

__all__ = ["Vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """The figures schema and what it allows.

    Attributes
    ----------
    schema : dict
        The figures resource's Table Schema.
    qualifiers, populations : frozenset of str
        The ``qualifier`` and ``population`` enums.
    indicators : dict
        Each indicator of the ``indicators`` table and its unit (``people``, ``facilities``...).
    """

    schema: dict[str, Any]
    qualifiers: frozenset[str]
    populations: frozenset[str]
    indicators: dict[str, str]

    @classmethod
    def of(cls, package: str | os.PathLike[str] | None = None) -> Vocabulary:
        """Read the vocabulary of a package (default: the one the library finds)."""
        from idlibstats.datapackage.read import indicators

        schema = open_package(package).resource("figures")["schema"]
        table = indicators(package)
        units = dict(zip(table["indicator"].astype(str), table["unit"].astype(str), strict=True))
        return cls(
            schema,
            frozenset(_enum(schema, "qualifier")),
            frozenset(_enum(schema, "population")),
            units,
        )

    def check_source_id(self, source_id: str) -> None:
        """Raise DataPackageError if ``source_id`` cannot make valid figure ids."""
        for field in self.schema["fields"]:
            if field["name"] != "figure_id":
                continue
            pattern = field.get("constraints", {}).get("pattern")
            if pattern and not re.fullmatch(pattern, f"{source_id}-01"):
                raise DataPackageError(
                    f"source_id {source_id!r} does not make figure ids matching {pattern!r}",
                    code="constraint-error")

    def check_qualifiers(self, emitted: set[str]) -> None:
        """Raise DataPackageError if the schema lacks a qualifier the draft writes."""
        missing = sorted(emitted - self.qualifiers)
        if missing:
            raise DataPackageError(f"the figures schema's qualifier enum lacks {missing}",
                                   code="schema-error")


def _enum(schema: dict[str, Any], name: str) -> list[str]:
    for field in schema["fields"]:
        if field["name"] == name:
            return list(field.get("constraints", {}).get("enum", []))
    raise DataPackageError(f"the figures schema has no field {name!r}", code="schema-error")
