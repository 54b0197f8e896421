"""One API: the exports take the same argument order, the functions that take frames load the
package's when given none, a missing indicator is said in words, the same column has the same
dtype in every frame, and every public function has a full numpydoc docstring."""

from __future__ import annotations

import inspect
from pathlib import Path

import pandas as pd
import pytest

import idlibstats as ils
from idlibstats import cli

EXPORTS = ("to_hxl", "to_monthly_csv")


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_takes_the_figures_then_the_path(name: str) -> None:
    params = list(inspect.signature(getattr(ils, name)).parameters.values())
    assert [p.name for p in params[:2]] == ["figures", "path"]
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params[:2])
    assert all(p.kind is p.KEYWORD_ONLY for p in params[2:])


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_given_a_path_first_says_the_order(name: str, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(TypeError, match=rf"{name}\(\) takes the figures first, then the path"):
        getattr(ils, name)(target)
    with pytest.raises(TypeError, match="figures first"):
        getattr(ils, name)(str(target), ils.figures())
    assert not target.exists()


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_writes_a_filtered_frame_given_first(name: str, tmp_path: Path) -> None:
    figs = ils.figures()
    sohr = figs[figs["claimant"] == "SOHR"]
    target = tmp_path / "out.csv"
    assert getattr(ils, name)(sohr, target) is None
    assert target.read_text(encoding="utf-8") == getattr(ils, name)(sohr)


@pytest.mark.parametrize("name", ["monthly", "spans", "monthly_summary"])
def test_no_indicator_is_said_in_words_with_the_choices(name: str) -> None:
    indicators = sorted(ils.figures()["indicator"].dropna().unique())
    with pytest.raises(ValueError, match=rf"{name}\(\) needs an indicator") as raised:
        getattr(ils, name)()
    assert all(f"'{indicator}'" in str(raised.value) for indicator in indicators)
    assert "monthly_table()" in str(raised.value)


@pytest.mark.parametrize("name", ["monthly", "spans", "monthly_summary"])
def test_the_figures_given_as_the_indicator_say_the_order(name: str) -> None:
    """``monthly(figures)`` is a TypeError that shows the call, not a pandas alignment error
    (the library's own functions say the same without the function's name)."""
    figs = ils.figures()
    with pytest.raises(TypeError, match=rf"^{name}\(\) takes the indicator first.*"
                                        rf"idlibstats\.{name}\('killed', figures\)"):
        getattr(ils, name)(figs)
    analysis_function = getattr(ils.analysis.monthly, name)
    with pytest.raises(TypeError, match="takes the indicator first, a string such as"):
        analysis_function(figs, figures=figs, populations=ils.populations())


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    """Every analysis frame of the package's figures, each function called with no frame.

    Worked out once for the module (the month table alone takes a second or two).
    """
    return {
        "bounds": ils.bounds(),
        "reconcile": ils.reconcile(),
        "monthly": ils.monthly("killed"),
        "monthly(model=True)": ils.monthly("killed", model=True),
        "monthly(movements=True)": ils.monthly("displaced", movements=True),
        "spans": ils.spans("killed"),
        "monthly_summary": ils.monthly_summary("killed"),
        "monthly_table": ils.monthly_table(),
        "rates": ils.rates(),
    }


@pytest.mark.parametrize("name", ["bounds", "reconcile", "monthly_table"])
def test_a_function_of_the_figures_loads_the_package_s_when_given_none(
        name: str, frames: dict[str, pd.DataFrame]) -> None:
    function = getattr(ils, name)
    pd.testing.assert_frame_equal(frames[name], function(ils.figures()))


def test_a_column_has_the_dtype_of_figures_in_every_analysis_frame(
        frames: dict[str, pd.DataFrame]) -> None:
    """population is the Table Schema's category in figures() and everywhere it appears."""
    figures = ils.figures()
    differ = {
        (name, column): (str(figures[column].dtype), str(frame[column].dtype))
        for name, frame in frames.items() for column in frame.columns
        if column in figures.columns and frame[column].dtype != figures[column].dtype}
    assert differ == {}


def test_population_s_categories_are_the_schema_s() -> None:
    import json

    from conftest import ROOT

    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    (field,) = [f for r in descriptor["resources"] if r["name"] == "figures"
                for f in r["schema"]["fields"] if f["name"] == "population"]
    assert list(ils.monthly("killed")["population"].cat.categories) == (
        field["constraints"]["enum"])


@pytest.mark.parametrize("name", sorted(set(ils.__all__) - {"__version__"}))
def test_help_is_a_full_numpydoc_docstring(name: str) -> None:
    obj = getattr(ils, name)
    doc = inspect.getdoc(obj) or ""
    assert len(doc.splitlines()) >= 5, f"{name}: a stub"
    if inspect.isclass(obj):
        return  # DataPackageError: what it carries is in its docstring
    has_params = bool(inspect.signature(obj).parameters)
    if has_params:
        assert "\nParameters\n----------\n" in doc, f"{name}: no Parameters"
        for param in inspect.signature(obj).parameters:
            assert f"\n{param}" in doc or f", {param}" in doc, f"{name}: {param} undocumented"
    assert "\nReturns\n-------\n" in doc, f"{name}: no Returns"


@pytest.mark.parametrize("command", ["validate", "summary", "export", "verify-excerpts",
                                     "stamp"])
def test_the_usage_line_names_the_package_as_the_docs_do(command: str,
                                                         capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    usage = capsys.readouterr().out.split("\n\n", 1)[0]
    assert "[PACKAGE]" in usage and "[path]" not in usage


def test_charts_exports_what_the_api_page_documents_and_nothing_else() -> None:
    """``charts.__all__`` is what users call: each name has an entry on the API page, and
    every chart the page documents is exported (test-only constants live in their modules)."""
    import re

    from conftest import ROOT

    from idlibstats import charts

    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"idlibstats\.charts\.(\w+)", page))
    assert set(charts.__all__) == documented
    assert all(hasattr(charts, name) for name in charts.__all__)
