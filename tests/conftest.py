"""Shared fixtures: a throw-away copy of the real data package, a way to re-stamp it, and
the marker for tests that need the report texts (``IDLIBSTATS_REPORT_TEXTS``).

``package_copy`` copies ``datapackage.json``, ``data/`` and ``checks/`` into a temporary
directory and returns it; edit files there freely. ``restamp(root)`` then records the new
``bytes`` and ``hash`` of every CSV in that copy's descriptor, so that a test exercises the
edit itself rather than the hash mismatch it causes. Unlike ``idlibstats stamp`` it stamps
any bytes (a BOM, CRLF line ends), so those can be tested past the hash check too.

The hypothesis profile ``"slow"`` (``@settings(settings.get_profile("slow"), ...)``) gives
the property tests that take seconds :data:`SLOW_EXAMPLES` examples: fewer in ``make test``,
all of them under ``IDLIBSTATS_LONG_TESTS=1`` (``make test-long``, and CI). How ``make test``
shares the tests out between the cores is in the project's top ``conftest.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

#: The folder of report texts, kept outside the project; .ci/run points it at ../shared/seeds.
REPORTS = os.environ.get("IDLIBSTATS_REPORT_TEXTS")
needs_reports = pytest.mark.skipif(
    not REPORTS,
    reason="IDLIBSTATS_REPORT_TEXTS is not set: the report texts live outside the project "
    "(.ci/run points it at ../shared/seeds)",
)


def copy_real_package(root: Path) -> Path:
    """Copy the real package (descriptor, data/, checks/) into the new directory ``root``."""
    root.mkdir(parents=True)
    shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "checks", root / "checks")
    return root


def restamp_package(root: Path) -> None:
    """Record every resource's current ``bytes`` and ``sha256`` hash in ``root``'s descriptor."""
    descriptor_path = Path(root) / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        file = Path(root) / resource["path"]
        if file.is_file():
            data = file.read_bytes()
            resource["bytes"] = len(data)
            resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    descriptor_path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                               encoding="utf-8")


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """Return a temporary copy of the real package (descriptor, data/, checks/)."""
    return copy_real_package(tmp_path / "package")


@pytest.fixture
def restamp() -> Callable[[Path], None]:
    """Return :func:`restamp_package` (re-record bytes and hashes of a package copy)."""
    return restamp_package


def after_package_line(err: str) -> str:
    """Return a command's standard error without its first line, which names the package.

    Every ``idlibstats`` command starts by saying which package it read
    (``package: DIR (why)``); tests of what follows check that line is there and drop it.
    """
    first, _, rest = err.partition("\n")
    assert first.startswith("package: "), err
    return rest


# --- the slow property tests ------------------------------------------------------------------

#: ``IDLIBSTATS_LONG_TESTS=1``: the slow property tests with their full number of examples.
LONG_TESTS = os.environ.get("IDLIBSTATS_LONG_TESTS") == "1"
#: Examples per slow property test: at least as many as each had before profiles (40 to
#: 100) in the long run, a fifth of the most in ``make test``.
SLOW_EXAMPLES = 100 if LONG_TESTS else 20
settings.register_profile("slow", max_examples=SLOW_EXAMPLES, deadline=None)
