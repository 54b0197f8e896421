"""The analysis takes frames and returns frames: it never reads a package.

``idlibstats.bounds()``, ``reconcile()``, ``monthly()``... (``idlibstats.api``) load the
package's tables when given none; the functions of ``idlibstats.analysis`` refuse to.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import idlibstats
from idlibstats.analysis import bounds, claims, monthly

ANALYSIS = Path(idlibstats.__file__).parent / "analysis"


def test_analysis_modules_import_no_loader() -> None:
    for path in ANALYSIS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("idlibstats.datapackage"), path.name


@pytest.mark.parametrize("call", [
    lambda: bounds.bounds(),
    lambda: claims.reconcile(),
    lambda: monthly.monthly("killed"),
    lambda: monthly.spans("killed"),
    lambda: monthly.monthly_summary("killed"),
])
def test_no_frame_is_refused_not_loaded(call) -> None:
    with pytest.raises(TypeError, match="never loads the package"):
        call()


def test_a_filtered_frame_is_computed_on_alone() -> None:
    figs = idlibstats.figures()
    few = figs[figs["claimant"] == "sohr"]
    groups = idlibstats.reconcile(few)
    assert set(groups["claim_group"]) == set(few["claim_group"])
    assert len(bounds.bounds(few)) == len(few)
