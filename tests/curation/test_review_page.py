"""The draft's review page: one self-contained file, every row highlighted, links both ways.

The page is read as HTML here (what it holds), and opened in headless Chromium
(``tests/browser.py``) for what a curator's browser does with it: the highlights, the links,
no console error, nothing fetched. A report's text is untrusted: the sentences below try to
inject markup, and must come out as text.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from browser import open_page, open_pages
from conftest import REPORTS, ROOT, after_package_line, needs_reports

import idlibstats
from idlibstats.cli import main
from idlibstats.curation.draft import draft_text
from idlibstats.curation.draft.review_page import review_page
from idlibstats.text.textnorm import text_sha256

SID = "tst-2019-05-01"
# Written for the test: a headline, figures, a year and a date, a caption, a link, markup.
REPORT = """Jets kill 9 in Idlib market <script>alert("x")</script>

At least 9 civilians, including 4 children, were killed on 4 May 2019, and 30 were wounded.
Photo: 3 children in the rubble (AFP)
Jets hit 12 facilities across the province overnight. More: https://example.org/a?b=1
"><img src=x onerror="alert(1)"> Some 300 families fled, <b>the council</b> said.
"""


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_of: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in {"meta", "input", "br"}:
            self._open.append(attributes.get("id"))
            if attributes.get("id"):
                self.text_of[attributes["id"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"meta", "input", "br"} and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for element in self._open:
            if element:
                self.text_of[element] += data


def page_of(text: str) -> tuple[str, pd.DataFrame]:
    rows, drafted = draft_text(text, SID, ROOT)
    return review_page(rows, drafted, title=f"report.txt ({SID})"), rows


def parsed(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    return tags


# --- what the page holds --------------------------------------------------------------------


def test_the_page_loads_nothing_and_links_only_within_itself():
    html, _ = page_of(REPORT)
    tags = parsed(html)
    names = [tag for tag, _ in tags.tags]
    assert not {"link", "img", "iframe", "object", "embed", "base"} & set(names)
    assert names.count("script") == 1 and names.count("style") == 1
    for tag, attributes in tags.tags:
        assert "src" not in attributes, tag
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        if "href" in attributes:
            assert str(attributes["href"]).startswith("#"), attributes
    csp = next(a for t, a in tags.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in str(csp["content"])


def test_the_reports_markup_comes_out_as_text():
    html, _ = page_of(REPORT)
    tags = parsed(html)
    report = tags.text_of["line-1"] + tags.text_of["line-6"]
    assert '<script>alert("x")</script>' in report
    assert '"><img src=x onerror="alert(1)">' in report and "<b>the council</b>" in report
    assert "https://example.org/a?b=1" in tags.text_of["line-5"]


def test_every_row_has_one_highlight_that_links_to_it_and_back():
    html, rows = page_of(REPORT)
    tags = parsed(html)
    marks = {a["id"]: a for t, a in tags.tags if t == "a" and "figure" in str(a.get("class"))}
    assert len(marks) == len(rows) > 5
    for _, row in rows.iterrows():
        figure_id = row["figure_id"]
        mark = marks[f"n-{figure_id}"]
        assert mark["href"] == f"#row-{figure_id}"
        assert tags.text_of[f"n-{figure_id}"] == row["value_as_written"]
        state = "sure" if pd.isna(row["needs_review"]) else "review"
        assert mark["class"] == f"figure {state}"
        row_tag = next(a for t, a in tags.tags if t == "tr" and a.get("id") == f"row-{figure_id}")
        assert row_tag["class"] == state
        assert ("a", {"href": f"#n-{figure_id}", "title": figure_id}) in tags.tags


def test_numbers_left_out_and_captions_are_shown_as_such():
    html, _ = page_of(REPORT)
    tags = parsed(html)
    skipped = [a["title"] for t, a in tags.tags if t == "span" and a.get("class") == "skipped"]
    assert "left out: year" in skipped and "left out: day of month" in skipped
    caption = next(a for t, a in tags.tags if t == "p" and a.get("id") == "line-4")
    assert caption["class"] == "caption"
    caption_html = re.search(r'<p id="line-4" class="caption">(.*?)</p>', html).group(1)
    assert "<a " not in caption_html and "3 children" in caption_html


def test_the_summary_counts_rows_flags_and_numbers_left_out():
    html, rows = page_of(REPORT)
    flagged = int(rows["needs_review"].notna().sum())
    summary = parsed(html).text_of["summary"]
    assert summary.startswith(f"{len(rows)} rows drafted: {flagged} need review, "
                              f"{len(rows) - flagged} raise no doubt; ")


@pytest.mark.parametrize("text", ["", "  \n\t\n", "\ufeff\n"])
def test_an_empty_report_has_a_page_that_says_so(text):
    html, rows = page_of(text)
    tags = parsed(html)
    assert rows.empty
    assert tags.text_of["empty"] == "The report is empty or blank: nothing to review."
    assert "No rows drafted." in tags.text_of["rows"]


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def report(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("IDLIBSTATS_PACKAGE", str(ROOT))
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_the_cli_writes_the_page_and_still_prints_the_csv(report, tmp_path, capsys):
    out = tmp_path / "review.html"
    assert main(["draft", str(report), "--source-id", SID, "--html", str(out)]) == 0
    captured = capsys.readouterr()
    rows = pd.read_csv(io.StringIO(captured.out))
    assert len(rows) > 5
    assert after_package_line(captured.err).splitlines()[-1] == f"wrote {out} (review page)"
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert {p.name for p in tmp_path.iterdir()} == {"report.txt", "review.html"}


def test_the_cli_never_overwrites_a_page_without_force(report, tmp_path, capsys):
    out = tmp_path / "review.html"
    out.write_text("mine", encoding="utf-8")
    assert main(["draft", str(report), "--source-id", SID, "--html", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = after_package_line(captured.err).splitlines()
    assert line == f"error: {out}: exists; add --force to replace it"
    assert out.read_text("utf-8") == "mine"
    assert main(["draft", str(report), "--source-id", SID, "--html", str(out), "--force"]) == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert {p.name for p in tmp_path.iterdir()} == {"report.txt", "review.html"}


def test_force_goes_with_html(report, capsys):
    assert main(["draft", str(report), "--source-id", SID, "--force"]) == 2
    assert after_package_line(capsys.readouterr().err).strip() == (
        "error: --force goes with --html")


def test_a_page_that_cannot_be_written_is_one_error_line(report, tmp_path, capsys):
    out = tmp_path / "no such folder" / "review.html"
    assert main(["draft", str(report), "--source-id", SID, "--html", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = after_package_line(captured.err).splitlines()
    assert line.startswith(f"error: {out}: cannot write the review page: ")


@pytest.mark.parametrize("content", ["", "   \n\t\n", "\ufeff\n"])
def test_an_empty_report_gives_the_header_a_page_and_a_warning(tmp_path, capsys, monkeypatch,
                                                                content):
    monkeypatch.setenv("IDLIBSTATS_PACKAGE", str(ROOT))
    empty = tmp_path / "empty.txt"
    empty.write_text(content, encoding="utf-8")
    out = tmp_path / "empty.html"
    assert main(["draft", str(empty), "--source-id", SID, "--html", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("figure_id,") and len(captured.out.splitlines()) == 1
    warning, wrote = after_package_line(captured.err).splitlines()
    assert warning == f"warning: {empty}: the report is empty or blank: nothing to draft"
    assert wrote == f"wrote {out} (review page)"
    assert "nothing to review" in out.read_text("utf-8")


# --- in the browser -------------------------------------------------------------------------


#: What the page shows after a link is followed, in one round trip: where the location
#: points, which element is the :target, and whether the element named is visible (as
#: Playwright's ``is_visible``: a box of some size, and not ``visibility: hidden``).
AFTER_CLICK = """id => {
  const target = document.querySelector(':target');
  const shown = document.getElementById(id);
  const box = shown.getBoundingClientRect();
  return [location.hash, target && target.id,
          box.width > 0 && box.height > 0 && getComputedStyle(shown).visibility !== 'hidden'];
}"""


def check_in_browser(page, problems: list[str], rows: pd.DataFrame) -> None:
    """Check a loaded page: no problem, each row's highlight shown, links both ways (real
    clicks), nothing loaded.

    A click is the mouse's, on the link's place, without Playwright's waits for a stable,
    uncovered element (``force``, ``no_wait_after``: seconds over the seed reports' rows):
    a link hidden or covered would take the click elsewhere, and where the location and
    the ``:target`` land is asserted after each click."""
    assert page.evaluate("performance.getEntriesByType('resource').length") == 0
    assert page.locator("script").count() == 1
    marks = {mark_id: (text, classes) for mark_id, text, classes in page.eval_on_selector_all(
        "a.figure", "marks => marks.map(m => [m.id, m.innerText, m.className])")}
    assert len(marks) == len(rows)
    for _, row in rows.iterrows():
        figure_id = row["figure_id"]
        text, classes = marks[f"n-{figure_id}"]
        assert text == row["value_as_written"]
        colour = "sure" if pd.isna(row["needs_review"]) else "review"
        assert colour in classes
        page.locator(f"#n-{figure_id}").click(force=True, no_wait_after=True)
        assert page.evaluate(AFTER_CLICK, f"row-{figure_id}") == [
            f"#row-{figure_id}", f"row-{figure_id}", True]
        page.locator(f"#row-{figure_id} td.id a").click(force=True, no_wait_after=True)
        assert page.evaluate(AFTER_CLICK, f"n-{figure_id}") == [
            f"#n-{figure_id}", f"n-{figure_id}", True]
    assert problems == []


def test_in_the_browser_every_row_has_its_highlight_and_the_links_work(tmp_path):
    html, rows = page_of(REPORT)
    path = tmp_path / "review.html"
    path.write_text(html, encoding="utf-8")
    with open_page(path) as loaded:
        check_in_browser(loaded.page, loaded.problems, rows)


def test_in_the_browser_the_toggle_keeps_only_the_rows_that_need_review(tmp_path):
    html, rows = page_of(REPORT)
    path = tmp_path / "review.html"
    path.write_text(html, encoding="utf-8")
    flagged = int(rows["needs_review"].notna().sum())
    assert 0 < flagged < len(rows)
    with open_page(path) as loaded:
        page = loaded.page
        assert page.locator("tbody tr:visible").count() == len(rows)
        page.locator("#only-review").check()
        assert page.locator("tbody tr:visible").count() == flagged
        page.locator("#only-review").uncheck()
        assert page.locator("tbody tr:visible").count() == len(rows)
        assert loaded.problems == []


def test_in_the_browser_an_empty_report_page_says_so(tmp_path):
    html, _ = page_of("")
    path = tmp_path / "empty.html"
    path.write_text(html, encoding="utf-8")
    with open_page(path) as loaded:
        assert "nothing to review" in loaded.page.inner_text("section.report")
        assert loaded.page.locator("a.figure").count() == 0
        assert loaded.problems == []


@needs_reports
def test_in_the_browser_the_page_of_every_seed_report_works(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("IDLIBSTATS_PACKAGE", str(ROOT))
    sources = idlibstats.sources(ROOT)
    by_hash = dict(zip(sources["text_sha256"], sources["source_id"], strict=True))
    reports = sorted(Path(REPORTS).glob("*.txt"))
    assert len(reports) == 5
    pages = {}
    for report in reports:
        source_id = by_hash[text_sha256(report.read_text(encoding="utf-8"))]
        out = tmp_path / f"{source_id}.html"
        assert main(["draft", str(report), "--source-id", source_id, "--html", str(out)]) == 0
        rows = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str,
                           keep_default_na=False, na_values=[""])
        assert len(rows) > 3
        pages[out] = rows
    for rows, loaded in zip(pages.values(), open_pages(pages), strict=True):
        check_in_browser(loaded.page, loaded.problems, rows)
