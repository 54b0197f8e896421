"""Exports never overwrite unless asked, and an interrupted write leaves the old file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import idlibstats
from idlibstats.exports.atomic import write_atomic


def test_an_existing_file_is_kept_unless_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old\n")
    with pytest.raises(FileExistsError, match="overwrite"):
        write_atomic(target, "new\n")
    assert target.read_bytes() == b"old\n"
    write_atomic(target, "new\n", overwrite=True)
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_an_interrupted_export_leaves_the_old_file_and_no_debris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "figures-hxl.csv"
    target.write_bytes(b"the previous export\n")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if step == "fsync":
        monkeypatch.setattr(os, "fsync", interrupt)
    else:
        monkeypatch.setattr(Path, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        idlibstats.to_hxl(path=target, overwrite=True)
    assert target.read_bytes() == b"the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["figures-hxl.csv"]


def test_a_completed_export_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "figures-hxl.csv"
    target.write_bytes(b"the previous export\n")
    idlibstats.to_hxl(path=target, overwrite=True)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("#meta+id")
    assert len(lines) == 2 + len(idlibstats.figures())


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_usual_mode_under_the_umask(tmp_path: Path, umask: int,
                                                        mode: int) -> None:
    old = os.umask(umask)
    try:
        idlibstats.to_hxl(path=tmp_path / "figures-hxl.csv")
        write_atomic(tmp_path / "plain.txt", "x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "figures-hxl.csv").stat().st_mode & 0o777 == mode  # not mkstemp's 0600
    assert (tmp_path / "plain.txt").stat().st_mode & 0o777 == mode
    assert os.umask(old) == old  # the umask is left as it was


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX file modes")
def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    target.write_bytes(b"old\n")
    target.chmod(0o664)
    write_atomic(target, "new\n", overwrite=True)
    assert target.stat().st_mode & 0o777 == 0o664
