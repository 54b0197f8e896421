"""JupyterLab opens the notebooks: a real server on 127.0.0.1, its contents and kernels APIs.

The server runs from this environment (``sys.executable -m jupyterlab``) with throw-away
config, data, runtime and home directories, a random token, a free loopback port, no browser
and the read-only extension manager (no PyPI look-ups): nothing touches the user's setup and
no traffic leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
# No proxy, whatever the environment says: every request goes straight to 127.0.0.1.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
MAX_TRIES = 240  # polls of /api/status, 0.25 s apart: a bound, not a speed requirement


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A running JupyterLab server and a tiny client for its REST API."""

    def __init__(self, port: int, token: str, proc: subprocess.Popen[bytes], log: Path):
        self.base = f"http://127.0.0.1:{port}"
        self.token = token
        self.proc = proc
        self.log = log

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", f"token {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with OPENER.open(req, timeout=30) as resp:
                raw = resp.read()
                return resp.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as err:
            with err:  # close the error's response and its socket
                return err.code, None

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@contextmanager
def lab_server(home: Path, root: Path) -> Iterator[Server]:
    """Run JupyterLab on ``root`` with throw-away directories under ``home``; yield it."""
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLBACKEND": "Agg",
    }
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    token = secrets.token_hex(24)
    port = _free_port()
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    log = home / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                cwd=home)
    srv = Server(port, token, proc, log)
    try:
        for _ in range(MAX_TRIES):
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{srv.output()}")
            try:
                status, _ = srv.request("GET", "/api/status")
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        else:
            pytest.fail(f"jupyter lab did not answer on 127.0.0.1:{port}:\n{srv.output()}")
        yield srv
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with lab_server(tmp_path_factory.mktemp("jupyter-home"), NOTEBOOKS) as srv:
        yield srv


def test_api_refuses_requests_without_the_token(server: Server) -> None:
    req = urllib.request.Request(server.base + "/api/contents")
    with pytest.raises(urllib.error.HTTPError) as err:
        OPENER.open(req, timeout=30)
    with err.value:
        assert err.value.code == 403


def test_contents_lists_every_notebook(server: Server) -> None:
    status, listing = server.request("GET", "/api/contents")
    assert status == 200
    served = {item["name"] for item in listing["content"] if item["type"] == "notebook"}
    on_disk = {p.name for p in NOTEBOOKS.glob("*.ipynb")}
    assert len(on_disk) >= 4
    assert served == on_disk


@pytest.mark.parametrize("path", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_each_notebook_opens_with_its_cells(server: Server, path: str) -> None:
    status, model = server.request("GET", f"/api/contents/{path}?content=1")
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
