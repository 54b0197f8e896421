"""A chart shown in JupyterLab carries its description as the image's alt text.

JupyterLab's image renderer ignores an ``alt`` in an output's metadata, so a chart displays
as ``text/html``, an ``<img alt=...>`` (which JupyterLab prefers to ``image/png``, and keeps
through its sanitizer for an untrusted notebook). This test opens a notebook holding a chart's
output, as the kernel records it, in a real JupyterLab (the process's shared server,
``tests/labserver.py``) in headless Chromium and reads the image's ``alt`` from the page.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from pathlib import Path

import nbformat
import pytest
from browser import open_page
from drawn import real_tables
from labserver import scratch_folder, start_shared_server

from idlibstats import charts


def _notebook_with(chart: charts.Chart, path: Path) -> None:
    """Write a notebook whose one cell shows ``chart`` as the kernel records its display.

    The notebook names no kernel, so the lab starts none (it asks which to start, and the
    question is left open): the output shows from the file as it does with a kernel, and
    no kernel spends a second of CPU starting for nothing.
    """
    data, metadata = chart._repr_mimebundle_()
    cell = nbformat.v4.new_code_cell("charts.strikes_chart(frames)", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)


def test_jupyterlab_shows_the_chart_with_its_alt_text() -> None:
    start_shared_server()  # it starts while the chart is drawn
    chart = charts.strikes_chart(real_tables())
    srv, folder = scratch_folder("alt-text")
    _notebook_with(chart, folder / "chart.ipynb")
    with open_page(f"{srv.base}/lab/tree/{folder.name}/chart.ipynb?token={srv.token}"
                   ) as loaded:
        loaded.page.wait_for_selector(".jp-OutputArea-output img", timeout=120_000)
        alts = loaded.page.eval_on_selector_all(
            ".jp-OutputArea-output img", "images => images.map(i => i.getAttribute('alt'))")
    _, sessions = srv.request("GET", "/api/sessions")
    assert [s["path"] for s in sessions if s["path"].startswith(f"{folder.name}/")] == []
    assert alts == [chart.alt_text]
    assert "3,013 airstrikes" in alts[0]


@pytest.mark.parametrize("name", ["intensity", "known_by_month"])
def test_the_display_bundle_puts_the_description_in_every_form(name) -> None:
    chart = charts.CHARTS[name](real_tables())
    data, metadata = chart._repr_mimebundle_()
    assert set(data) == {"text/html", "image/png", "text/plain"}
    assert metadata["image/png"]["alt"] == chart.alt_text
    assert data["text/plain"] == chart.alt_text
