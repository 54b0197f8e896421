"""JupyterLab opens the notebooks: a real server on 127.0.0.1, its contents and kernels APIs.

The server (``tests/labserver.py``: this environment's JupyterLab, throw-away directories,
a random token, loopback only) serves a folder holding ``notebooks``, a link to the
repository's ``notebooks/``, the folder ``make lab`` serves; one server per test process,
shared with the other modules that need one.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from labserver import NOTEBOOKS, OPENER, Server, shared_server


@pytest.fixture(scope="module")
def server() -> Server:
    return shared_server()


def test_api_refuses_requests_without_the_token(server: Server) -> None:
    req = urllib.request.Request(server.base + "/api/contents/notebooks")
    with pytest.raises(urllib.error.HTTPError) as err:
        OPENER.open(req, timeout=30)
    with err.value:
        assert err.value.code == 403


def test_contents_lists_every_notebook(server: Server) -> None:
    status, listing = server.request("GET", "/api/contents/notebooks")
    assert status == 200
    served = {item["name"] for item in listing["content"] if item["type"] == "notebook"}
    on_disk = {p.name for p in NOTEBOOKS.glob("*.ipynb")}
    assert len(on_disk) >= 4
    assert served == on_disk


@pytest.mark.parametrize("path", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_each_notebook_opens_with_its_cells(server: Server, path: str) -> None:
    status, model = server.request("GET", f"/api/contents/notebooks/{path}?content=1")
    assert status == 200
    assert model["type"] == "notebook"
    cells = model["content"]["cells"]
    on_disk = json.loads((NOTEBOOKS / path).read_text(encoding="utf-8"))["cells"]
    assert len(cells) == len(on_disk) > 0
    assert [c["cell_type"] for c in cells] == [c["cell_type"] for c in on_disk]
    assert model["content"]["metadata"]["kernelspec"]["name"] == "python3"
    assert any(c["cell_type"] == "code" and "assert" in c["source"] for c in cells)


def test_kernel_starts_and_stops(server: Server) -> None:
    status, kernel = server.request("POST", "/api/kernels", {"name": "python3"})
    assert status == 201
    kernel_id = kernel["id"]
    try:
        status, kernels = server.request("GET", "/api/kernels")
        assert status == 200
        assert kernel_id in {k["id"] for k in kernels}
    finally:
        status, _ = server.request("DELETE", f"/api/kernels/{kernel_id}")
    assert status == 204
    status, kernels = server.request("GET", "/api/kernels")
    assert kernel_id not in {k["id"] for k in kernels}
