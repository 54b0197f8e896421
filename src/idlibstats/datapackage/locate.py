"""Find a data package on disk and read its descriptor, safely.

The one rule for finding the package, for the library and the command line alike
(documented once, in docs/getting-started.md, "Which package is read"):

1. an explicit ``package`` argument (a directory holding ``datapackage.json``, the file
   itself, or an opened :class:`Package`);
2. otherwise the environment variable ``IDLIBSTATS_PACKAGE``, read the same way;
3. otherwise the nearest folder at or above the current folder that holds a
   ``datapackage.json`` (as git finds its repository);
4. otherwise the package that comes with the library: the copy bundled in the installed
   wheel (``idlibstats/_package``), or the root of the source checkout this module sits in
   (an editable install).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from idlibstats.datapackage.errors import DataPackageError

__all__ = ["DESCRIPTOR", "ENV_VAR", "Package", "PackageArg", "inside", "library_package",
           "locate_package", "open_package", "read_regular", "resolve_package"]

DESCRIPTOR = "datapackage.json"
ENV_VAR = "IDLIBSTATS_PACKAGE"
SCHEME = "scheme-error"  # frictionless's code for a file that cannot be read


def _root(package: str | os.PathLike[str]) -> Path:
    """Return the directory of a package named by its folder or its ``datapackage.json``."""
    try:
        root = Path(package).expanduser().resolve()
        if root.is_file() and root.name == DESCRIPTOR:
            root = root.parent
        found = (root / DESCRIPTOR).is_file()
    except (OSError, RuntimeError, ValueError) as exc:  # a NUL, a loop, a name too long
        raise DataPackageError(f"cannot be used as a package path: {_reason(exc)}",
                               file=repr(str(package))[1:-1], code="package-error") from None
    if not found:
        raise DataPackageError(f"no {DESCRIPTOR} in {root}", file=str(root / DESCRIPTOR),
                               code="package-error")
    return root


def _enclosing() -> tuple[Path, str] | None:
    """Return the nearest folder at or above the current one holding a descriptor."""
    try:
        here = Path.cwd().resolve()
    except OSError:  # the current folder was removed
        return None
    for folder in (here, *here.parents):
        if (folder / DESCRIPTOR).is_file():
            return folder, "current folder" if folder == here else "enclosing folder"
    return None


def library_package() -> tuple[Path, str]:
    """Return the package that comes with the library (step 4 of the rule), and which.

    Returns
    -------
    tuple of (pathlib.Path, str)
        The copy bundled in the installed wheel (``bundled with idlibstats``), else the root
        of the source checkout this module sits in (``source checkout``).

    Raises
    ------
    DataPackageError
        If neither holds a ``datapackage.json``.
    """
    bundled = Path(str(resources.files("idlibstats") / "_package"))
    if (bundled / DESCRIPTOR).is_file():
        return bundled, "bundled with idlibstats"
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / DESCRIPTOR).is_file():
        return checkout, "source checkout"
    raise DataPackageError(
        f"no {DESCRIPTOR} found: pass a package, set {ENV_VAR}, work in a folder that holds "
        "one, or install the idlibstats wheel", code="package-error"
    )


def resolve_package(
    package: str | os.PathLike[str] | Package | None = None,
) -> tuple[Path, str]:
    """Return the directory of the data package to read, and why that one.

    The one rule of the library and the command line: the ``package`` argument, else
    ``$IDLIBSTATS_PACKAGE``, else the nearest folder at or above the current one that
    holds ``datapackage.json``, else the package that comes with the library.

    Parameters
    ----------
    package : str, path-like or Package, optional
        A package directory, its ``datapackage.json``, or an opened package.

    Returns
    -------
    tuple of (pathlib.Path, str)
        The absolute directory that holds ``datapackage.json``, and the reason:
        ``argument``, ``$IDLIBSTATS_PACKAGE``, ``current folder``, ``enclosing folder``,
        ``bundled with idlibstats`` or ``source checkout``.

    Raises
    ------
    DataPackageError
        If no descriptor is found where the rule points.
    """
    if isinstance(package, Package):
        return package.root, "argument"
    if package is not None:
        return _root(package), "argument"
    if os.environ.get(ENV_VAR):
        return _root(os.environ[ENV_VAR]), f"${ENV_VAR}"
    return _enclosing() or library_package()


def locate_package(package: str | os.PathLike[str] | Package | None = None) -> Path:
    """Return the directory of the data package to read.

    Parameters
    ----------
    package : str, path-like or Package, optional
        A package directory, or its ``datapackage.json``. When omitted:
        ``$IDLIBSTATS_PACKAGE``, else the nearest folder at or above the current one that
        holds ``datapackage.json``, else the copy bundled in the wheel (or, in an editable
        install, the root of the source checkout). :func:`resolve_package` also says which.

    Returns
    -------
    pathlib.Path
        The absolute directory that holds ``datapackage.json``.

    Raises
    ------
    DataPackageError
        If no descriptor is found where the rule points.
    """
    return resolve_package(package)[0]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, RuntimeError):  # Path.resolve() on a link that points to itself
        return "a symbolic link loop"
    return str(exc)


def read_regular(path: Path, rel: str) -> bytes:
    """Return the bytes of ``path``, which must be a regular file; never wait on it.

    The one way the library reads a file a package (or a user) names: a folder, a FIFO, a
    socket or a device is refused by name before a byte is read (a FIFO is opened without
    waiting for a writer, so nothing hangs), and every operating-system error (missing,
    no permission, a link loop, a name too long, a NUL in the path) becomes one
    :class:`DataPackageError`.

    Parameters
    ----------
    path : pathlib.Path
        The file to read.
    rel : str
        How messages name it (a path inside the package, or as the user typed it).

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    DataPackageError
        If ``path`` is not a readable regular file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DataPackageError("file is missing", file=rel, code=SCHEME) from None
    except (OSError, ValueError) as exc:
        raise DataPackageError(f"cannot be read: {_reason(exc)}", file=rel, code=SCHEME) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise DataPackageError("is a folder, not a file", file=rel, code=SCHEME)
        if not stat.S_ISREG(mode):
            raise DataPackageError("is not a regular file (a FIFO, socket or device); "
                                   "idlibstats reads only files", file=rel, code=SCHEME)
        # FileIO.readall sizes its buffer from fstat: one copy, no chunks joined.
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as file:
            return file.readall()
    except OSError as exc:
        raise DataPackageError(f"cannot be read: {_reason(exc)}", file=rel, code=SCHEME) from None
    finally:
        os.close(fd)


def _check_path_text(rel: str, where: str) -> None:
    """Refuse a path that is absolute, a URL, climbs out, holds a NUL or is too long."""
    if "://" in rel or rel.startswith(("/", "\\")) or ":" in rel.split("/")[0]:
        raise DataPackageError(
            f"{where}: path {rel[:80]!r} is absolute or a URL; only paths inside the package "
            "are read", file=DESCRIPTOR, code="resource-error")
    if ".." in rel.replace("\\", "/").split("/"):
        raise DataPackageError(
            f"{where}: path {rel[:80]!r} climbs out of the package; only paths inside it are "
            "read", file=DESCRIPTOR, code="resource-error")
    if "\x00" in rel or len(rel) > 1024:
        raise DataPackageError(f"{where}: path {rel[:60]!r} holds a NUL byte or is longer "
                               "than 1024 characters", file=DESCRIPTOR, code="resource-error")


def inside(root: Path, rel: str, where: str) -> Path:
    """Return ``root / rel``, refusing a path that is absolute, a URL, or leads outside ``root``.

    Links are followed before the check, so a link inside the package that points outside
    it is refused too.

    Raises
    ------
    DataPackageError
        Naming ``datapackage.json`` and ``where`` (``resource figures``).
    """
    _check_path_text(rel, where)
    try:
        full = (root / rel).resolve()
        outside = not full.is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError) as exc:
        raise DataPackageError(f"cannot be read: {_reason(exc)}", file=rel, code=SCHEME) from None
    if outside:
        raise DataPackageError(f"{where}: path {rel!r} leads outside the package",
                               file=DESCRIPTOR, code="resource-error")
    return full


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
                f"no resource named {name!r}; the package has: {known}",
                file=str(self.root / DESCRIPTOR),  # which package: found above, perhaps
                code="resource-error") from None

    def resource_path(self, name: str) -> Path:
        """Return the file of resource ``name``, refusing paths that leave the package.

        A path must be relative, use ``/``, and stay inside the package root: absolute
        paths, ``..`` and URLs are refused before anything is opened, so a descriptor
        cannot make the loader read elsewhere on disk or go to the network.

        Raises
        ------
        DataPackageError
            If the path is missing, or not a single relative path inside the package.
        """
        path = self.resource(name).get("path")
        where = f"resource {name}"
        if not isinstance(path, str) or not path:
            raise DataPackageError(f"{where}: 'path' must be one relative file path",
                                   file=DESCRIPTOR, code="resource-error")
        return inside(self.root, path, where)

    def read(self, name: str) -> bytes:
        """Return the bytes of resource ``name``'s file (see :meth:`resource_path`).

        Raises
        ------
        DataPackageError
            If the path is unsafe, or the file is missing, not a regular file or unreadable.
        """
        return read_regular(self.resource_path(name), self.resource(name)["path"])


PackageArg = str | os.PathLike[str] | Package | None
"""How every function that reads a package takes it: a directory, its ``datapackage.json``,
an opened :class:`Package`, or None for the package :func:`resolve_package` finds."""


def open_package(package: PackageArg = None) -> Package:
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
    from idlibstats.datapackage.profile import descriptor_problem

    root = locate_package(package)
    try:
        text = read_regular(root / DESCRIPTOR, DESCRIPTOR).decode("utf-8")
        descriptor = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DataPackageError(f"is not valid UTF-8 JSON: {exc}", file=DESCRIPTOR,
                               code="package-error") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataPackageError("must be a JSON object with a 'resources' list", file=DESCRIPTOR,
                               code="package-error")
    for resource in descriptor["resources"]:  # said plainly, before the profile's pattern
        if isinstance(resource, dict) and isinstance(resource.get("path"), str):
            _check_path_text(resource["path"], f"resource {resource.get('name')}")
    problem = descriptor_problem(text)
    if problem is not None:
        raise problem
    return Package(root=root, descriptor=descriptor)
