"""One JupyterLab server per test process, for every test that needs one.

The server runs from this environment (``sys.executable -m jupyterlab``) with throw-away
config, data, runtime and home directories, a random token, a free loopback port, no browser
and the read-only extension manager (no PyPI look-ups): nothing touches the user's setup and
no traffic leaves 127.0.0.1.

A start costs seconds of CPU (the server imports jupyter_server, JupyterLab and their
extensions), so :func:`shared_server` starts one on the first call and keeps it until the
process exits (:func:`start_shared_server` starts it without waiting for it to answer, for
a test with other work to do meanwhile); the modules that use it are one unit of work in
``make test`` (the root ``conftest.py``), so one server serves them all. Its root folder
is a throw-away one holding ``notebooks``, a link to the repository's ``notebooks/`` (the
folder ``make lab`` serves), and :func:`scratch_folder` gives a test a folder of its own
beside it for the notebooks it writes.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
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
        self._ready = False

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

    def wait_until_ready(self) -> None:
        """Return once the server answers (at once if it already has); fail if it exits."""
        if self._ready:
            return
        for _ in range(MAX_TRIES):
            if self.proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with {self.proc.returncode}:\n"
                            f"{self.output()}")
            try:
                status, _ = self.request("GET", "/api/status")
                if status == 200:
                    self._ready = True
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        pytest.fail(f"jupyter lab did not answer on {self.base}:\n{self.output()}")


#: Server extensions the tests never use: the language-server proxy looks for language
#: servers when it starts (node and npm among them), and the terminals need terminado.
UNUSED_SERVER_EXTENSIONS = ("jupyter_lsp", "jupyter_server_terminals")
#: The lab's plugins that ask the language-server proxy for its status (a 404 without it).
UNUSED_LAB_PLUGINS = ("@jupyterlab/lsp-extension",
                      "@jupyterlab/notebook-extension:language-server",
                      "@jupyterlab/fileeditor-extension:language-server")


def _without_language_servers_and_terminals(config: Path) -> None:
    """Turn off, in the throw-away ``config`` folder, what no test uses (a third of a
    second of the server's start-up); ``make lab`` keeps them all."""
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    (config / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": dict.fromkeys(UNUSED_SERVER_EXTENSIONS, False)}}),
        encoding="utf-8")
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": dict.fromkeys(UNUSED_LAB_PLUGINS, True)}), encoding="utf-8")


@contextmanager
def lab_server(home: Path, root: Path, *, wait: bool = True) -> Iterator[Server]:
    """Run JupyterLab on ``root`` with throw-away directories under ``home``; yield it.

    With ``wait=False`` it is yielded as soon as it is started: call
    :meth:`Server.wait_until_ready` before the first request.
    """
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
    _without_language_servers_and_terminals(home / "config")
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
        if wait:
            srv.wait_until_ready()
        yield srv
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)



_SHARED: dict[str, Any] = {}


def start_shared_server() -> None:
    """Start this process's JupyterLab server, if it is not started yet, without waiting.

    A test that has other work to do first (drawing a chart) calls this before it: the
    server starts meanwhile, and :func:`shared_server` then waits for it.
    """
    if "server" not in _SHARED:
        stack = ExitStack()
        atexit.register(stack.close)
        top = Path(tempfile.mkdtemp(prefix="idlibstats-lab-"))
        stack.callback(shutil.rmtree, top, ignore_errors=True)
        root = top / "root"
        root.mkdir()
        (root / "notebooks").symlink_to(NOTEBOOKS, target_is_directory=True)
        (top / "home").mkdir()
        _SHARED["root"] = root
        _SHARED["server"] = stack.enter_context(lab_server(top / "home", root, wait=False))


def shared_server() -> Server:
    """Return this process's JupyterLab server, started on the first call, once it answers.

    Its root folder holds ``notebooks`` (a link to the repository's notebooks); the server
    and its folders go when the process exits.
    """
    start_shared_server()
    server: Server = _SHARED["server"]
    server.wait_until_ready()
    return server


def scratch_folder(name: str) -> tuple[Server, Path]:
    """Return the shared server and a new empty folder ``name`` under its root."""
    server = shared_server()
    folder = _SHARED["root"] / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return server, folder
