"""Each chart's source footnote: the claimant and report of every figure shown."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from idlibstats.charts.data import full_names
from idlibstats.charts.style import FONT
from idlibstats.charts.wording import date_text

#: ``gid`` of the footnote :class:`~matplotlib.text.Text` that names each chart's sources.
SOURCE_NOTE_GID = "source-note"


def _wrap(text: str, width_in: float, fontsize: float) -> str:
    chars = max(40, int(width_in * 72 / (fontsize * 0.56)))
    return "\n".join(
        textwrap.fill(par, chars, break_on_hyphens=False) for par in text.split("\n")
    )


def source_note(
    figs: pd.DataFrame,
    sources: pd.DataFrame,
    organisations: pd.DataFrame,
) -> str:
    """Return the footnote naming, for each claimant shown, the reports that relay it.

    Built from the data: the claimant's name (``organisations.name``) and each report's
    publisher and publication date (``sources``); a publisher or date the curators inferred
    is starred.

    Parameters
    ----------
    figs : pandas.DataFrame
        The figures a chart shows (rows of :func:`idlibstats.figures`).
    sources, organisations : pandas.DataFrame
        The package's ``sources`` and ``organisations`` (:func:`idlibstats.chart_tables`).

    Returns
    -------
    str
        One line of text, e.g. ``"Sources (claimant: report): Syrian Civil Defence: The New
        Arab, 6 Jun 2019* | ..."``.
    """
    names = full_names(organisations)
    merged = figs[["claimant", "source_id"]].merge(sources, on="source_id", how="left")
    merged = merged.sort_values(["published", "source_id"], kind="stable")
    starred = False
    parts = []
    for claimant in dict.fromkeys(merged["claimant"]):
        reports = merged[merged["claimant"] == claimant].drop_duplicates("source_id")
        texts = []
        for _, rep in reports.iterrows():
            pub_star = "*" if rep["publisher_basis"] == "inferred" else ""
            date_star = "*" if rep["published_basis"] == "inferred" else ""
            starred = starred or bool(pub_star or date_star)
            texts.append(f"{rep['publisher']}{pub_star} {date_text(rep['published'])}{date_star}")
        parts.append(f"{names.get(claimant, claimant)}: {', '.join(texts)}")
    note = "Sources (claimant: report): " + " | ".join(parts) + "."
    if starred:
        note += " * publisher or publication date inferred by the curators."
    return note


def footnote_text(fig: Figure) -> str:
    """Return a chart's source footnote as one line (the wrapping undone).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A chart drawn by this module.

    Returns
    -------
    str
        The footnote's text: notes, then the sources.

    Raises
    ------
    ValueError
        If the figure has no footnote, or more than one.
    """
    notes = fig.findobj(lambda a: a.get_gid() == SOURCE_NOTE_GID)
    if len(notes) != 1:
        raise ValueError(f"expected one source footnote, found {len(notes)}")
    note = notes[0]
    assert isinstance(note, Text)
    return " ".join(note.get_text().split())


def footnote(
    fig: Figure,
    figs: pd.DataFrame,
    srcs: pd.DataFrame,
    orgs: pd.DataFrame,
    notes: Iterable[str] = (),
) -> Text:
    """Put the source footnote under ``fig``: each claimant shown and the reports relaying it."""
    width = fig.get_figwidth()
    fontsize = FONT
    body = [f"Note: {n}" for n in notes]
    body.append(source_note(figs, srcs, orgs))
    body.append(
        "Figures are claims as the reports give them, not verified counts. "
        "Data: idlibstats (data/figures.csv), figure ids in the notebooks."
    )
    text = _wrap("\n".join(body), width, fontsize)
    return fig.supxlabel(
        text,
        x=0.01,
        ha="left",
        va="bottom",
        fontsize=fontsize,
        color="#333333",
        gid=SOURCE_NOTE_GID,
        linespacing=1.35,
        multialignment="left",
    )
