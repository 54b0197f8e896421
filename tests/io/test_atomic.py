"""Exports never overwrite unless asked, and an interrupted write leaves the old file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import idlibstats
from idlibstats.io.atomic import write_atomic


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


# Issue 18: only a regular file inside a writable folder is ever written.
def _refused(target: Path, overwrite: bool, words: str) -> None:
    with pytest.raises(OSError) as info:
        write_atomic(target, "new\n", overwrite=overwrite)
    assert words in (info.value.strerror or ""), info.value


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_link_is_never_replaced(tmp_path: Path, overwrite: bool) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    _refused(link, overwrite, "is a symbolic link")
    assert link.is_symlink() and real.read_bytes() == b"old\n"


def test_a_dangling_link_is_not_replaced_without_force_or_with_it(tmp_path: Path) -> None:
    link = tmp_path / "dangling.csv"
    link.symlink_to(tmp_path / "nowhere.csv")
    for overwrite in (False, True):
        _refused(link, overwrite, "is a symbolic link")
    assert link.is_symlink() and not (tmp_path / "nowhere.csv").exists()


def test_a_fifo_a_folder_and_an_empty_path_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _refused(fifo, True, "is not a regular file (a device, FIFO or socket)")
    _refused(tmp_path, True, "is a folder, not a file")
    with pytest.raises(OSError, match="the output path is empty"):
        write_atomic("", "new\n", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_device_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """``-o /dev/null --force`` as root would have renamed a file over the device."""
    before = Path("/dev/null").stat()
    _refused(Path("/dev/null"), True, "is not a regular file")
    after = Path("/dev/null").stat()
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not any(p.name.startswith(".null.") for p in Path("/dev").iterdir())


def test_a_missing_folder_is_refused_before_the_work_as_the_write_would_refuse_it(
        tmp_path: Path) -> None:
    """``check_target`` (called before an export works out its table) meets the error the
    temporary file would meet: the same type, errno and words, naming the folder."""
    from idlibstats.io.atomic import check_target

    target = tmp_path / "no-such-folder" / "deeper" / "out.csv"
    for refuse in (lambda: check_target(target, False), lambda: write_atomic(target, "x\n")):
        with pytest.raises(FileNotFoundError) as info:
            refuse()
        assert (info.value.errno, info.value.strerror) == (2, "No such file or directory")
        assert info.value.filename == str(target.parent)
    assert list(tmp_path.iterdir()) == []
