"""The draft's review page: the report with every drafted number highlighted beside its row.

One self-contained HTML page (inline style and script, no link to anything outside it, and
a Content-Security-Policy that forbids loading anything), so that it opens offline and a
report's text can never make it fetch or run anything: every piece of report text is
escaped. The report is shown line by line as the draft read it (normalised); each drafted
number is a link to its row, coloured by whether the row needs review, and each row links
back to its number. Numbers the draft left out (years, dates, durations...) are shown in
grey with the reason, and caption lines are marked as not read, so that a curator sees at
a glance what was found and what was skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from idlibstats.curation.draft.model import Line
from idlibstats.curation.draft.reader import DraftedText
from idlibstats.io.atomic import write_atomic

__all__ = ["review_page", "write_review_page"]

#: The row columns the table shows, in order, with their headings.
_COLUMNS = (
    ("value_as_written", "as written"),
    ("value", "value"),
    ("qualifier", "qualifier"),
    ("indicator", "indicator"),
    ("population", "population"),
    ("period_as_written", "period"),
    ("part_of", "part of"),
    ("needs_review", "needs review"),
    ("how", "how it was decided"),
    ("excerpt", "excerpt"),
)

_STYLE = """
:root { --review: #fcd34d; --sure: #86efac; --skipped: #e5e7eb; --ink: #111827; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--ink); }
header { padding: 0.6rem 1rem; border-bottom: 1px solid #d1d5db; background: #f9fafb; }
header h1 { font-size: 1.15rem; margin: 0 0 0.2rem; }
header p { margin: 0.15rem 0; }
.legend span { padding: 0 0.3rem; margin-right: 0.5rem; border-radius: 3px; }
main { display: grid; grid-template-columns: minmax(18rem, 2fr) 3fr;
  height: calc(100vh - 7.5rem); }
.report, .rows { overflow: auto; padding: 0.5rem 1rem; }
.report { border-right: 1px solid #d1d5db; }
.report p { margin: 0 0 0.7rem; }
.report p.caption { color: #6b7280; font-style: italic; }
.report p.caption::after { content: " (caption: not read)"; font-size: 0.8em; }
.report p.empty { color: #6b7280; }
a.figure { color: inherit; text-decoration: none; padding: 0 0.15rem; border-radius: 3px; }
a.figure.review { background: var(--review); border-bottom: 2px dashed #b45309; }
a.figure.sure { background: var(--sure); border-bottom: 2px solid #15803d; }
.skipped { background: var(--skipped); color: #4b5563; padding: 0 0.15rem; border-radius: 3px; }
:target { outline: 3px solid #2563eb; outline-offset: 1px; scroll-margin: 4rem 0; }
tr:target td { background: #dbeafe; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 0.25rem 0.4rem; text-align: left;
  vertical-align: top; }
thead th { position: sticky; top: 0; background: #f9fafb; }
tr.review td:first-child { border-left: 4px solid #b45309; }
tr.sure td:first-child { border-left: 4px solid #15803d; }
body.only-review tr.sure { display: none; }
body.only-review a.figure.sure { background: none; border-bottom: 1px dotted #15803d; }
td.flags { color: #92400e; min-width: 10rem; }
td.id { white-space: nowrap; }
td.how, td.excerpt { min-width: 14rem; }
"""

_SCRIPT = """
document.getElementById("only-review").addEventListener("change", function (event) {
  document.body.classList.toggle("only-review", event.target.checked);
});
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


@dataclass(frozen=True)
class _Mark:
    """A stretch of a line to highlight: a drafted number or a number left out."""

    start: int
    end: int
    html: str  # the opening tag; the text and the closing tag are added around it
    close: str


def review_page(rows: pd.DataFrame, drafted: DraftedText, *, title: str) -> str:
    """Return the review page of a draft as one self-contained HTML document.

    Parameters
    ----------
    rows : pandas.DataFrame
        The draft rows (:func:`idlibstats.curation.draft.draft_figures`), in the order of
        ``drafted.drafts``.
    drafted : DraftedText
        What the draft read (:func:`idlibstats.curation.draft.draft_text`).
    title : str
        What the page is about (the report's file name and source id); escaped.

    Returns
    -------
    str
        The page. Each drafted number is ``<a class="figure review|sure" id="n-ID"
        href="#row-ID">``; each row is ``<tr id="row-ID" class="review|sure">`` with a
        link back to ``#n-ID``.
    """
    ids = list(rows["figure_id"].astype(str))
    review = [not pd.isna(cell) for cell in rows["needs_review"]]
    marks: dict[int, list[_Mark]] = {}
    for draft, figure_id, flagged in zip(drafted.drafts, ids, review, strict=True):
        start = draft.sentence.start + draft.amount.start
        end = draft.sentence.start + draft.amount.end
        state = "review" if flagged else "sure"
        tip = "needs review" if flagged else "no doubt raised"
        tag = (f'<a class="figure {state}" id="n-{escape(figure_id)}" '
               f'href="#row-{escape(figure_id)}" title="{escape(figure_id)}: {tip}">')
        marks.setdefault(draft.sentence.line, []).append(_Mark(start, end, tag, "</a>"))
    for sentence, number in drafted.skipped:
        start, end = sentence.start + number.start, sentence.start + number.end
        tag = f'<span class="skipped" title="left out: {escape(number.reason)}">'
        marks.setdefault(sentence.line, []).append(_Mark(start, end, tag, "</span>"))
    report = _report_html(drafted.lines, marks)
    table = _table_html(rows, ids, review)
    flagged = sum(review)
    summary = (f"{len(ids)} rows drafted: {flagged} need review, {len(ids) - flagged} raise no "
               f"doubt; {len(drafted.skipped)} numbers left out as not figures.")
    return "\n".join((
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Draft review: {escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>Draft review: {escape(title)}</h1>",
        f'<p id="summary">{escape(summary)}</p>',
        '<p class="legend"><span style="background: var(--review)">needs review</span>'
        '<span style="background: var(--sure)">no doubt raised (check it all the same)</span>'
        '<span style="background: var(--skipped)">left out: not a figure</span>'
        '<label><input type="checkbox" id="only-review"> only the rows that need review'
        "</label></p>",
        "</header>",
        "<main>",
        f'<section class="report" aria-label="The report as the draft read it">{report}</section>',
        f'<section class="rows" aria-label="The drafted rows">{table}</section>',
        "</main>",
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ))


def write_review_page(
    path: str | os.PathLike[str], page: str, *, overwrite: bool = False
) -> Path:
    """Write the page atomically (:func:`idlibstats.io.atomic.write_atomic`).

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is false.
    """
    return write_atomic(path, page, overwrite=overwrite)


def _report_html(lines: list[Line], marks: dict[int, list[_Mark]]) -> str:
    shown = [line for line in lines if line.text]
    if not shown:
        return '<p class="empty" id="empty">The report is empty or blank: nothing to review.</p>'
    paragraphs = []
    for line in shown:
        css = ' class="caption"' if line.caption else ""
        body = _marked(line.text, marks.get(line.index, []))
        paragraphs.append(f'<p id="line-{line.index + 1}"{css}>{body}</p>')
    return "\n".join(paragraphs)


def _marked(text: str, marks: list[_Mark]) -> str:
    """Escape ``text`` and wrap each mark's stretch in its tags (overlaps are skipped)."""
    out, at = [], 0
    for mark in sorted(marks, key=lambda m: m.start):
        if mark.start < at:
            continue
        out.append(escape(text[at : mark.start]))
        out.append(f"{mark.html}{escape(text[mark.start : mark.end])}{mark.close}")
        at = mark.end
    out.append(escape(text[at:]))
    return "".join(out)


def _table_html(rows: pd.DataFrame, ids: list[str], review: list[bool]) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for _, label in _COLUMNS)
    if rows.empty:
        body = f'<tr><td colspan="{len(_COLUMNS) + 1}">No rows drafted.</td></tr>'
    else:
        body = "\n".join(
            _row_html(row, figure_id, flagged)
            for (_, row), figure_id, flagged in zip(rows.iterrows(), ids, review, strict=True)
        )
    return (f"<table><thead><tr><th>row</th>{head}</tr></thead>"
            f'<tbody id="rows">{body}</tbody></table>')


def _row_html(row: pd.Series, figure_id: str, flagged: bool) -> str:
    cells = []
    for column, _ in _COLUMNS:
        value = row[column]
        text = "" if pd.isna(value) else str(value)
        if column == "part_of" and text:
            text_html = _row_link(f"row-{text}", text)
        else:
            text_html = escape(text).replace("; ", ";<br>")
        css = {"needs_review": ' class="flags"', "how": ' class="how"',
               "excerpt": ' class="excerpt"'}.get(column, "")
        cells.append(f"<td{css}>{text_html}</td>")
    state = "review" if flagged else "sure"
    link = _row_link(f"n-{figure_id}", figure_id)
    return (f'<tr id="row-{escape(figure_id)}" class="{state}"><td class="id">{link}</td>'
            f'{"".join(cells)}</tr>')


def _row_link(target: str, figure_id: str) -> str:
    """Link to ``#target``, shown as the id's last part ('-07'), the whole id as its title."""
    short = "-" + figure_id.rsplit("-", 1)[-1]
    return f'<a href="#{escape(target)}" title="{escape(figure_id)}">{escape(short)}</a>'
