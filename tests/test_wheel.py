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


def test_an_installed_wheel_loads_its_own_copy(unpacked_wheel: Path, tmp_path: Path) -> None:
    script = (
        "import idlibstats as ils, json\n"
        "print(json.dumps({'module': ils.__file__, 'package': str(ils.locate_package()),\n"
        "                  'figures': len(ils.figures()),\n"
        "                  'valid': ils.validate_package() == []}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "IDLIBSTATS_PACKAGE"}
    env["PYTHONPATH"] = str(unpacked_wheel)
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True)
    seen = json.loads(run.stdout)
    assert Path(seen["module"]).is_relative_to(unpacked_wheel)
    assert Path(seen["package"]) == unpacked_wheel / "idlibstats" / "_package"
    assert seen["figures"] == 35
    assert seen["valid"] is True
