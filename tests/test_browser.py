"""The browser helper reports what a reader's browser would show as broken."""

from __future__ import annotations

from pathlib import Path

from browser import open_page


def test_a_clean_page_has_no_problems(tmp_path: Path) -> None:
    page = tmp_path / "clean.html"
    page.write_text("<!doctype html><title>ok</title><p id='p'>fine</p>", encoding="utf-8")
    with open_page(page) as loaded:
        assert loaded.page.inner_text("#p") == "fine"
        assert loaded.problems == []


def test_console_errors_exceptions_and_missing_files_are_problems(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><title>broken</title><img alt='a' src='missing.png'>"
                    "<script>console.error('said'); undefinedName()</script>", encoding="utf-8")
    with open_page(page) as loaded:
        text = "\n".join(loaded.problems)
    assert "console error: said" in text
    assert "undefinedName" in text
    assert "missing.png" in text
