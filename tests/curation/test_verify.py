"""verify-excerpts: every figure's excerpt is verbatim in its report's text and gives its value."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, copy_real_package, needs_reports

import idlibstats
from idlibstats.cli import main
from idlibstats.curation.verify import check_excerpt, verify_excerpts
from idlibstats.datapackage.errors import DataPackageError
from idlibstats.text.textnorm import norm, text_sha256

# --- helpers: a copy of the package that the loader still accepts --------------------------


def copy_package(tmp_path: Path) -> Path:
    return copy_real_package(tmp_path / "pkg")


def edit_csv(root: Path, resource: str, old: str, new: str) -> None:
    """Replace ``old`` (exactly once) in a resource's CSV and record its new bytes and hash."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    entry = next(r for r in descriptor["resources"] if r["name"] == resource)
    path = root / entry["path"]
    data = path.read_bytes()
    assert data.count(old.encode()) == 1, f"{old!r} is not once in {entry['path']}"
    data = data.replace(old.encode(), new.encode())
    path.write_bytes(data)
    entry["bytes"] = len(data)
    entry["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    (root / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2) + "\n", encoding="utf-8"
    )


def figure(figure_id: str):
    figs = idlibstats.figures(ROOT)
    return figs[figs["figure_id"] == figure_id].iloc[0]


def figure_ids(source_id: str | None = None) -> set[str]:
    figs = idlibstats.figures(ROOT)
    if source_id is not None:
        figs = figs[figs["source_id"] == source_id]
    return set(figs["figure_id"].astype(str))


def named(problems: list[str]) -> set[str]:
    """The figure_ids the problem lines start with."""
    return {line.split(":", 1)[0] for line in problems}


# --- check_excerpt on short texts ---------------------------------------------------------

TEXT = "Rescuers said \u201cat least 12 civilians\u201d were  killed.\nOver 138,500 people fled."


def test_an_excerpt_in_the_text_with_its_value_passes():
    assert check_excerpt('"at least 12 civilians" were killed', 12, "at least 12", TEXT) == []
    assert check_excerpt("Over 138,500 people fled", 138_500, "Over 138,500", TEXT) == []


def test_excerpts_are_compared_after_normalisation_across_lines():
    assert check_excerpt("killed. Over 138,500", 138_500, None, TEXT) == []


def test_a_changed_letter_in_the_excerpt_fails():
    assert check_excerpt("at least 12 civilians\u201d were kilTed", 12, None, TEXT) != []


def test_an_excerpt_without_the_value_fails():
    problems = check_excerpt("Over 138,500 people fled", 138_000, None, TEXT)
    assert problems and "value 138000" in problems[0]


def test_an_excerpt_without_the_value_as_written_fails():
    problems = check_excerpt("Over 138,500 people fled", 138_500, "more than 138,500", TEXT)
    assert problems and "value_as_written" in problems[0]


def test_an_empty_excerpt_fails():
    assert check_excerpt("", 1, None, TEXT) != []


# --- verify_excerpts on a copy of the package with a text the test writes -----------------

OWN = "mee-2019-12-02"


def own_text(headline: str, excerpts: list[str]) -> str:
    """A stand-in report: the headline and the source's excerpts, as short sentences."""
    return headline + "\n\nSome words first. " + ". ".join(excerpts) + ". Some words last.\n"


@pytest.fixture
def own_package(tmp_path):
    """A package copy whose source OWN's text_sha256 is that of a text written here."""
    root = copy_package(tmp_path)
    sources = idlibstats.sources(ROOT).set_index("source_id")
    figs = idlibstats.figures(ROOT)
    excerpts = list(dict.fromkeys(figs.loc[figs["source_id"] == OWN, "excerpt"].astype(str)))
    text = own_text(str(sources.loc[OWN, "headline"]), excerpts)
    edit_csv(root, "sources", str(sources.loc[OWN, "text_sha256"]), text_sha256(text))
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "own.txt").write_text(text, encoding="utf-8")
    return root, texts, text


def test_a_source_with_its_text_passes_and_the_others_are_reported(own_package):
    root, texts, _ = own_package
    problems = verify_excerpts(texts, root)
    assert named(problems) == figure_ids() - figure_ids(OWN)
    for line in problems:
        assert ": no text in " in line and "with text_sha256 " in line
    assert any(f"source tna-2019-05-03: no text in {texts}" in line for line in problems)


def test_a_changed_excerpt_letter_is_reported_naming_the_figure(own_package):
    root, texts, _ = own_package
    target = f"{OWN}-04"
    excerpt = str(figure(target)["excerpt"])
    edit_csv(root, "figures", excerpt, excerpt.replace("towns", "tovns"))
    own = [line for line in verify_excerpts(texts, root) if OWN in line]
    assert named(own) == {target}
    assert "excerpt not found verbatim" in own[0]


def test_a_changed_letter_in_the_text_is_reported_as_differing(own_package):
    root, texts, text = own_package
    target = f"{OWN}-10"
    changed = text.replace("370,000 people", "370,000 peeple")
    assert changed != text
    (texts / "own.txt").write_text(changed, encoding="utf-8")
    own = [line for line in verify_excerpts(texts, root) if f"source {OWN}" in line]
    assert named(own) == figure_ids(OWN)
    assert all("own.txt" in line and "differs from the recorded text" in line for line in own)
    broken = [line for line in own if "excerpt not found verbatim" in line]
    assert named(broken) == {target}


def test_a_changed_headline_leaves_the_source_without_text(own_package):
    root, texts, text = own_package
    (texts / "own.txt").write_text(
        text.replace("almost 100 dead", "almost 100 deaf", 1), encoding="utf-8"
    )
    own = [line for line in verify_excerpts(texts, root) if f"source {OWN}" in line]
    assert named(own) == figure_ids(OWN)
    assert all("no text in" in line for line in own)


def test_an_unreadable_text_is_reported_by_name(own_package):
    root, texts, _ = own_package
    (texts / "bad.txt").write_bytes(b"\xff\xfe not utf-8 \x80")
    problems = verify_excerpts(texts, root)
    assert any(line.startswith("bad.txt: cannot read") for line in problems)


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(DataPackageError, match="no folder"):
        verify_excerpts(tmp_path / "nowhere", ROOT)


def test_the_cli_exits_1_with_error_lines(own_package, capsys):
    root, texts, _ = own_package
    assert main(["verify-excerpts", str(root), "--texts", str(texts)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"package: {root.resolve()} (argument)"
    assert err[1:] and all(line.startswith("error: ") for line in err[1:])


# --- the real reports (outside the project) -----------------------------------------------


@needs_reports
def test_every_excerpt_of_the_package_traces_to_its_report():
    assert verify_excerpts(REPORTS, ROOT) == []
    assert main(["verify-excerpts", str(ROOT), "--texts", REPORTS]) == 0


@needs_reports
def test_a_changed_letter_in_an_excerpt_fails_naming_that_figure(tmp_path):
    root = copy_package(tmp_path)
    target = "tna-2019-06-06-02"
    excerpt = str(figure(target)["excerpt"])
    edit_csv(root, "figures", excerpt, excerpt.replace("villages", "vilages"))
    problems = verify_excerpts(REPORTS, root)
    assert len(problems) == 1
    assert named(problems) == {target}
    assert "excerpt not found verbatim" in problems[0]


@needs_reports
def test_a_changed_letter_in_a_report_fails_naming_its_source_and_figures(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    target = figure("tna-2019-06-06-07")  # '3013 airstrikes by the regime and Russia ...'
    excerpt = norm(str(target["excerpt"]))
    changed_file = None
    for path in sorted(Path(REPORTS).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if excerpt in norm(text) and changed_file is None:
            text = text.replace("3013 airstrikes", "3013 airstrokes")
            changed_file = path.name
        (texts / path.name).write_text(text, encoding="utf-8")
    assert changed_file is not None
    problems = verify_excerpts(texts, ROOT)
    source = str(target["source_id"])
    assert named(problems) == figure_ids(source)
    assert all(f"source {source}: {changed_file}" in line for line in problems)
    assert all("differs from the recorded text" in line for line in problems)
    assert named([line for line in problems if "not found verbatim" in line]) == {
        target["figure_id"]
    }
