"""Open a page in headless Chromium (Debian's ``chromium``) and collect what went wrong.

The browser tests (the documentation site, the draft review page) use this one helper.
Playwright drives the system browser, ``/usr/bin/chromium`` (``IDLIBSTATS_CHROMIUM`` names
another); Playwright's own browser download is never used. ``make browser`` installs
Debian's package when it is missing (``make test`` calls it). Without a browser the tests are
skipped with the reason, unless ``IDLIBSTATS_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where
they fail instead: CI must never pass a browser test by skipping it.

A test process starts Chromium once, on its first page, and keeps it until it exits; each
:func:`open_page` (or :func:`open_pages`) gets a new browser context, a clean profile.

>>> with open_page(path) as page:          # doctest: +SKIP
...     page.problems                       # console errors, uncaught exceptions, failed loads
>>> for page in open_pages(paths):          # doctest: +SKIP
...     page.problems                       # many pages, one context
"""

from __future__ import annotations

import atexit
import os
import shutil
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


class _Chromium:
    """One headless Chromium for this test process, started on first use.

    A start costs a second or two of CPU; each page still gets a context of its own (its
    own cookies, storage and cache, as a fresh profile had), so what one test's page did
    never reaches another's. The browser is closed when the process exits.
    """

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None

    def new_context(self) -> Any:
        if self._browser is None or not self._browser.is_connected():
            executable = require_chromium()
            from playwright.sync_api import sync_playwright  # only the browser tests need it

            if self._playwright is None:
                self._playwright = sync_playwright().start()
                atexit.register(self.close)
            self._browser = self._playwright.chromium.launch(
                executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
        return self._browser.new_context()

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None


_CHROMIUM = _Chromium()


@contextmanager
def _browser() -> Iterator[Any]:
    """Yield a new browser context (a throw-away profile) of this process's Chromium."""
    context = _CHROMIUM.new_context()
    try:
        yield context
    finally:
        context.close()


class _Tab:
    """One tab, its problems recorded into the :class:`Page` of the document it shows."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.loaded = Page(self.page)
        self.page.on("console", lambda m: self.loaded.problems.append(
            f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.loaded.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.loaded.problems.append(
            f"request failed: {r.url} ({r.failure})"))

    def load(self, target: str | Path) -> Page:
        """Show ``target`` in this tab; return it with a list of problems of its own."""
        if self.page.url != "about:blank":  # leave the last page before the next one counts
            self.page.goto("about:blank")
        self.loaded = Page(self.page)
        self.page.goto(_url(target), wait_until="load")
        return self.loaded


@contextmanager
def open_page(target: str | Path) -> Iterator[Page]:
    """Load ``target`` (a file path or a URL) in headless Chromium and yield it.

    ``problems`` collects console errors, uncaught page exceptions and failed requests
    (a broken link to an image, a script or a style sheet), each as one line.
    """
    with _browser() as context:
        yield _Tab(context).load(target)


def open_pages(targets: Iterable[str | Path]) -> Iterator[Page]:
    """Load each of ``targets`` in turn in one headless Chromium, yielding each page loaded.

    The pages are shown one after the other in one tab (a new tab costs a renderer process
    of its own), each with its own ``problems`` (as for :func:`open_page`): what the page
    before did is not counted against the next.
    """
    with _browser() as context:
        tab = _Tab(context)
        for target in targets:
            yield tab.load(target)
