"""The installed wheel carries its own copy of the data package, and the loader finds it.

The wheel is built offline from this checkout (hatchling is pinned in requirements.lock)
and imported from an unpacked copy, ahead of the editable install, in a subprocess.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", dist],
        cwd=ROOT, check=True, capture_output=True,
    )
    (wheel,) = dist.glob("idlibstats-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def test_the_wheel_ships_the_package_byte_for_byte(unpacked_wheel: Path) -> None:
    bundled = unpacked_wheel / "idlibstats" / "_package"
    descriptor = json.loads((bundled / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor == json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        data = (bundled / resource["path"]).read_bytes()
        assert "sha256:" + hashlib.sha256(data).hexdigest() == resource["hash"]
    assert sorted(p.name for p in (bundled / "checks").iterdir()) == sorted(
        p.name for p in (ROOT / "checks").iterdir())
    assert (unpacked_wheel / "idlibstats" / "py.typed").is_file()


@pytest.fixture(scope="module")
def bundled_run(unpacked_wheel: Path,
                tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """One new process, in a folder with no package, on the unpacked wheel: the library's
    answers as JSON on standard output, then ``python -m idlibstats validate`` (the module
    run as ``__main__``, as ``-m`` does) giving the process its exit status and stderr.

    One process for both tests below: each start imports pandas, pyarrow and frictionless
    again (seconds of CPU).
    """
    script = (
        "import idlibstats as ils, json, runpy, sys\n"
        "print(json.dumps({'module': ils.__file__, 'package': str(ils.locate_package()),\n"
        "                  'figures': len(ils.figures()),\n"
        "                  'valid': ils.validate_package() == []}), flush=True)\n"
        "sys.argv = ['idlibstats', 'validate']\n"
        "runpy.run_module('idlibstats', run_name='__main__', alter_sys=True)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "IDLIBSTATS_PACKAGE"}
    env["PYTHONPATH"] = str(unpacked_wheel)
    return subprocess.run([sys.executable, "-c", script],
                          cwd=tmp_path_factory.mktemp("elsewhere"), env=env,
                          capture_output=True, text=True, check=False)


def test_an_installed_wheel_loads_its_own_copy(unpacked_wheel: Path,
                                               bundled_run: subprocess.CompletedProcess[str]
                                               ) -> None:
    assert bundled_run.returncode == 0, bundled_run.stderr
    seen = json.loads(bundled_run.stdout.splitlines()[0])
    assert Path(seen["module"]).is_relative_to(unpacked_wheel)
    assert Path(seen["package"]) == unpacked_wheel / "idlibstats" / "_package"
    assert seen["figures"] == 35
    assert seen["valid"] is True


@pytest.fixture(scope="module")
def wheel_metadata(unpacked_wheel: Path) -> tuple[Path, str]:
    (info,) = unpacked_wheel.glob("idlibstats-*.dist-info")
    return info, (info / "METADATA").read_text(encoding="utf-8")


def test_the_wheel_licence_covers_code_and_data(wheel_metadata: tuple[Path, str]) -> None:
    info, metadata = wheel_metadata
    headers = metadata.split("\n\n", 1)[0].splitlines()
    assert "License-Expression: MIT AND CC-BY-4.0" in headers
    assert {"License-File: LICENSE", "License-File: LICENSE-DATA"} <= set(headers)
    for name in ("LICENSE", "LICENSE-DATA"):
        assert (info / "licenses" / name).read_bytes() == (ROOT / name).read_bytes()


def test_the_wheel_has_the_one_version(wheel_metadata: tuple[Path, str],
                                       unpacked_wheel: Path) -> None:
    _, metadata = wheel_metadata
    (version,) = [line.split(": ", 1)[1] for line in metadata.splitlines()
                  if line.startswith("Version: ")]
    bundled = json.loads((unpacked_wheel / "idlibstats/_package/datapackage.json").read_text(
        encoding="utf-8"))
    assert version == bundled["version"]
    import idlibstats

    assert version == idlibstats.__version__


def test_the_installed_cli_reads_the_copy_in_the_current_folder(
        unpacked_wheel: Path, bundled_run: subprocess.CompletedProcess[str],
        tmp_path: Path) -> None:
    """Issue 12: installed from the wheel, `idlibstats validate` checked the bundled copy."""
    from badinput import FIGURES, set_cell
    from conftest import copy_real_package, restamp_package

    copy = copy_real_package(tmp_path / "copy")
    set_cell(FIGURES, 15, "value", "2720")(copy)
    restamp_package(copy)
    env = {k: v for k, v in os.environ.items() if k != "IDLIBSTATS_PACKAGE"}
    env["PYTHONPATH"] = str(unpacked_wheel)
    run = subprocess.run([sys.executable, "-m", "idlibstats", "validate"], cwd=copy, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert run.stderr.splitlines()[0] == f"package: {copy.resolve()} (current folder)"
    assert "'272' says 272, but value is 2720" in run.stderr
    # Elsewhere (a folder with no package above it): the copy the wheel bundles.
    assert bundled_run.returncode == 0, bundled_run.stderr
    assert bundled_run.stderr.strip().endswith("(bundled with idlibstats)")
