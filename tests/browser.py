"""Open a page in headless Chromium (Debian's ``chromium``) and collect what went wrong.

The browser tests (the documentation site, the draft review page) use this one helper.
Playwright drives the system browser, ``/usr/bin/chromium`` (``IDLIBSTATS_CHROMIUM`` names
another); Playwright's own browser download is never used. ``make browser`` installs
Debian's package when it is missing (``make test`` calls it). Without a browser the tests are
skipped with the reason, unless ``IDLIBSTATS_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where
they fail instead: CI must never pass a browser test by skipping it.

>>> with open_page(path) as page:          # doctest: +SKIP
...     page.problems                       # console errors, uncaught exceptions, failed loads
>>> for page in open_pages(paths):          # doctest: +SKIP
...     page.problems                       # many pages, one browser (a start costs seconds)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

#: Flags for a headless, offline start as root: no sandbox (root), no GPU, and none of the
#: background connections this machine's closed network would refuse.
CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


def chromium_path() -> str | None:
    """Return the Chromium executable to drive, or None when there is none."""
    named = os.environ.get("IDLIBSTATS_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """Return the Chromium executable, or skip (fail under ``IDLIBSTATS_REQUIRE_BROWSER=1``)."""
    path = chromium_path()
    if path is None:
        reason = ("no Chromium: `make browser` installs Debian's chromium (or set "
                  "IDLIBSTATS_CHROMIUM to a Chromium executable)")
        if os.environ.get("IDLIBSTATS_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@dataclass
class Page:
    """A loaded page and what went wrong while loading it."""

    page: Any  # playwright.sync_api.Page
    problems: list[str] = field(default_factory=list)


def _url(target: str | Path) -> str:
    if isinstance(target, str) and "://" in target:
        return target
    return Path(target).resolve().as_uri()


@contextmanager
def _browser() -> Iterator[Any]:
    """Start headless Chromium with a throw-away profile; yield its browser context."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright  # only the browser tests need it

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield context
        finally:
            context.close()


def _load(context: Any, target: str | Path) -> Page:
    page = context.new_page()
    loaded = Page(page)
    page.on("console", lambda m: loaded.problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: loaded.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: loaded.problems.append(
        f"request failed: {r.url} ({r.failure})"))
    page.goto(_url(target), wait_until="load")
    return loaded


@contextmanager
def open_page(target: str | Path) -> Iterator[Page]:
    """Load ``target`` (a file path or a URL) in headless Chromium and yield it.

    ``problems`` collects console errors, uncaught page exceptions and failed requests
    (a broken link to an image, a script or a style sheet), each as one line.
    """
    with _browser() as context:
        yield _load(context, target)


def open_pages(targets: Iterable[str | Path]) -> Iterator[Page]:
    """Load each of ``targets`` in turn in one headless Chromium, yielding each page loaded.

    Each page is a new tab with its own ``problems`` (as for :func:`open_page`), closed when
    the next is loaded; starting the browser once makes a site of twenty pages a matter of
    seconds.
    """
    with _browser() as context:
        for target in targets:
            loaded = _load(context, target)
            try:
                yield loaded
            finally:
                loaded.page.close()
