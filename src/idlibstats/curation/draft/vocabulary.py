"""The words the draft may write, from the package's schema: qualifiers, indicators, populations.

Nothing here is a list in code: the figures schema's ``qualifier`` and ``population`` enums
and the ``indicators`` table say what a drafted row may hold. A word that maps to a
population code the schema does not have is flagged, not written.

Reading it means validating the ``indicators`` table (about 13 ms), so a process that drafts
many texts from one package reads it once: :meth:`Vocabulary.of` keeps the vocabulary of a
package folder for as long as the bytes of its descriptor, its resources' files and its
checklists stay the same (they are hashed on every call; an edit reads the package again).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import (
    DESCRIPTOR,
    Package,
    inside,
    locate_package,
    open_package,
    read_regular,
)
from idlibstats.datapackage.schema import pandas_dtypes
from idlibstats.datapackage.validation.checklist import CHECKS_DIR

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
    def of(cls, package: str | os.PathLike[str] | Package | None = None) -> Vocabulary:
        """Read the vocabulary of a package (default: the one the library finds).

        A package folder whose files have not changed since the last call gives the same
        (shared, read-only) vocabulary without reading it again; an opened
        :class:`~idlibstats.datapackage.locate.Package` is always read.
        """
        if isinstance(package, Package):
            return cls._read(package)
        root = locate_package(package)
        files = _package_files_hash(root)
        if files is None:  # a file cannot be read: reading the package says which
            return cls._read(root)
        return _vocabulary_of(root, files)

    @classmethod
    def _read(cls, package: str | os.PathLike[str] | Package) -> Vocabulary:
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

    @cached_property
    def dtypes(self) -> dict[str, Any]:
        """The pandas dtype of each field of the figures schema, in order (read only)."""
        return pandas_dtypes(self.schema)

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


@functools.lru_cache(maxsize=8)
def _vocabulary_of(root: Path, files_hash: str) -> Vocabulary:
    """Return the vocabulary of the package in ``root`` whose files hash to ``files_hash``."""
    return Vocabulary._read(root)


def _package_files_hash(root: Path) -> str | None:
    """Hash every file the vocabulary's reading depends on, or None if one cannot be read.

    The descriptor, each resource's file and each checklist of ``checks/``: the figures
    schema and the ``indicators`` table come from them, and so does what validating the
    table reads (its foreign keys, its row rules).
    """
    digest = hashlib.sha256()
    try:
        descriptor = read_regular(root / DESCRIPTOR, DESCRIPTOR)
        digest.update(descriptor)
        paths = _resource_paths(descriptor)
        if paths is None:
            return None  # a multi-file resource or a schema in its own file: not hashed
        checks = root / CHECKS_DIR
        named = [(inside(root, path, "resource"), path) for path in paths]
        if checks.is_dir():
            named += [(file, f"{CHECKS_DIR}/{file.name}") for file in sorted(checks.glob("*.json"))]
        for path, rel in named:
            digest.update(b"\0" + rel.encode() + b"\0")
            digest.update(read_regular(path, rel))
    except (DataPackageError, OSError, ValueError, AttributeError, RecursionError):
        return None
    return digest.hexdigest()


@functools.lru_cache(maxsize=8)
def _resource_paths(descriptor: bytes) -> tuple[str, ...] | None:
    """Return each resource's path in the descriptor's bytes (parsed once for the same bytes).

    None when a resource has several files or its schema in a file of its own.
    """
    resources = json.loads(descriptor).get("resources", [])
    if not all(isinstance(res, dict) and isinstance(res.get("path"), str)
               and not isinstance(res.get("schema"), str) for res in resources):
        return None
    return tuple(res["path"] for res in resources)


def _enum(schema: dict[str, Any], name: str) -> list[str]:
    for field in schema["fields"]:
        if field["name"] == name:
            return list(field.get("constraints", {}).get("enum", []))
    raise DataPackageError(f"the figures schema has no field {name!r}", code="schema-error")
