"""Find a data package on disk and read its descriptor, safely.

The rule for finding the package (documented in the README, section "Where the data comes from"):

1. an explicit ``path`` argument (a directory holding ``datapackage.json``, or the file itself);
2. otherwise the environment variable ``IDLIBSTATS_PACKAGE``, read the same way;
3. otherwise the copy bundled inside the installed wheel (``idlibstats/_package``);
4. otherwise the root of the source checkout this module sits in (an editable install).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from idlibstats.datapackage.errors import DataPackageError

__all__ = ["DESCRIPTOR", "ENV_VAR", "Package", "locate_package", "open_package"]

DESCRIPTOR = "datapackage.json"
ENV_VAR = "IDLIBSTATS_PACKAGE"


def locate_package(package: str | os.PathLike[str] | Package | None = None) -> Path:
    """Return the directory of the data package to read.

    Parameters
    ----------
    package : str or path-like, optional
        A package directory, or its ``datapackage.json``. When omitted, the environment
        variable ``IDLIBSTATS_PACKAGE``, then the copy bundled in the wheel, then the root
        of the source checkout are tried, in that order.

    Returns
    -------
    pathlib.Path
        The absolute directory that holds ``datapackage.json``.

    Raises
    ------
    DataPackageError
        If no descriptor is found where the rule points.
    """
    if isinstance(package, Package):
        return package.root
    if package is None and os.environ.get(ENV_VAR):
        package = os.environ[ENV_VAR]
    if package is not None:
        root = Path(package).expanduser().resolve()
        if root.is_file() and root.name == DESCRIPTOR:
            root = root.parent
        if not (root / DESCRIPTOR).is_file():
            raise DataPackageError(f"no {DESCRIPTOR} in {root}", file=str(root / DESCRIPTOR))
        return root
    bundled = Path(str(resources.files("idlibstats") / "_package"))
    if (bundled / DESCRIPTOR).is_file():
        return bundled
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise DataPackageError(
        f"no {DESCRIPTOR} found: pass path=..., set {ENV_VAR}, or install the idlibstats wheel"
    )


@dataclass(frozen=True)
class Package:
    """A data package on disk: its root directory and its parsed descriptor.

    Use :func:`open_package` to make one.
    """

    root: Path
    descriptor: dict[str, Any]

    @cached_property
    def resources(self) -> dict[str, dict[str, Any]]:
        """The descriptor's resources by name, in descriptor order."""
        return {res["name"]: res for res in self.descriptor.get("resources", [])}

    def resource(self, name: str) -> dict[str, Any]:
        """Return the descriptor of resource ``name``.

        Raises
        ------
        DataPackageError
            If the package has no such resource.
        """
        try:
            return self.resources[name]
        except KeyError:
            known = ", ".join(self.resources)
            raise DataPackageError(
                f"no resource named {name!r}; the package has: {known}", file=DESCRIPTOR
            ) from None

    def resource_path(self, name: str) -> Path:
        """Return the file of resource ``name``, refusing paths that leave the package.

        A path must be relative, use ``/``, and stay inside the package root: absolute
        paths, ``..`` and URLs are refused before anything is opened, so a descriptor
        cannot make the loader read elsewhere on disk or go to the network.

        Raises
        ------
        DataPackageError
            If the path is missing, not a single relative path inside the package, or the
            file does not exist.
        """
        path = self.resource(name).get("path")
        where = f"resource {name}"
        if not isinstance(path, str) or not path:
            raise DataPackageError(f"{where}: 'path' must be one relative file path",
                                   file=DESCRIPTOR)
        if "://" in path or path.startswith(("/", "\\")) or ":" in path.split("/")[0]:
            raise DataPackageError(
                f"{where}: path {path!r} is absolute or a URL; only paths inside the package "
                "are read",
                file=DESCRIPTOR,
            )
        if ".." in path.replace("\\", "/").split("/"):
            raise DataPackageError(
                f"{where}: path {path!r} climbs out of the package; only paths inside it are read",
                file=DESCRIPTOR,
            )
        full = (self.root / path).resolve()
        if not full.is_relative_to(self.root.resolve()):
            raise DataPackageError(f"{where}: path {path!r} leads outside the package",
                                   file=DESCRIPTOR)
        if not full.is_file():
            raise DataPackageError("file is missing", file=path)
        return full


def open_package(package: str | os.PathLike[str] | Package | None = None) -> Package:
    """Locate a data package (see :func:`locate_package`) and read its descriptor.

    Parameters
    ----------
    package : str or path-like, optional
        A package directory or its ``datapackage.json``.

    Returns
    -------
    Package
        The package root and its descriptor.

    Raises
    ------
    DataPackageError
        If the descriptor is missing, not UTF-8 or not a JSON object with resources.
    """
    if isinstance(package, Package):  # already open
        return package
    root = locate_package(package)
    try:
        descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataPackageError(f"is not valid UTF-8 JSON: {exc}", file=DESCRIPTOR) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataPackageError("must be a JSON object with a 'resources' list", file=DESCRIPTOR)
    return Package(root=root, descriptor=descriptor)
