"""Check that every figure's excerpt is verbatim in its report's text.

For users who keep the report texts in a folder (the texts are not part of the package):
each ``*.txt`` is normalised and hashed with :func:`idlibstats.text.textnorm.text_sha256` and
matched to ``sources.text_sha256``. Every figure's excerpt must then be found verbatim in
its report's normalised text, contain the figure's value, and contain the value as written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import read_regular
from idlibstats.text.textnorm import norm, numbers_in, text_sha256

__all__ = ["check_excerpt", "verify_excerpts"]


@dataclass(frozen=True)
class _Text:
    name: str
    text: str
    sha256: str


@dataclass(frozen=True)
class _Found:
    """Where a source's text is: the matching file, or one that differs, or none."""

    text: _Text | None
    differs: tuple[_Text, ...] = ()


def check_excerpt(excerpt: str, value: int, value_as_written: str | None, text: str) -> list[str]:
    """Return what is wrong with one figure's excerpt against its report's text.

    Parameters
    ----------
    excerpt : str
        The figure's excerpt.
    value : int
        The figure's value: some number phrase of the excerpt must give it.
    value_as_written : str or None
        The number and its wording as written; if given it must be in the excerpt.
    text : str
        The report's text (normalised here; normalising twice changes nothing).

    Returns
    -------
    list of str
        Problems, each a short sentence; empty when the excerpt traces to the text.
    """
    phrase = norm(excerpt)
    if not phrase or phrase not in norm(text):
        return [f"excerpt not found verbatim: {excerpt!r}"]
    problems = []
    if value not in {n.value for n in numbers_in(phrase)}:
        problems.append(f"value {value} is not written in its excerpt {excerpt!r}")
    if value_as_written and norm(value_as_written) not in phrase:
        problems.append(f"value_as_written {value_as_written!r} is not in its excerpt {excerpt!r}")
    return problems


def _read_texts(folder: Path) -> tuple[list[_Text], list[str]]:
    if not folder.is_dir():
        raise DataPackageError(f"no folder of report texts at {folder}", code="scheme-error")
    texts, problems = [], []
    for file in sorted(folder.glob("*.txt")):
        try:  # a regular file only: a FIFO named *.txt is refused, never waited on
            raw = read_regular(file, file.name).decode("utf-8")
            raw = raw.replace("\r\n", "\n").replace("\r", "\n")  # as read_text reads it
        except (DataPackageError, UnicodeDecodeError) as exc:
            problems.append(f"{file.name}: cannot read as UTF-8 text: {exc}")
            continue
        texts.append(_Text(file.name, norm(raw), text_sha256(raw)))
    return texts, problems


def _locate(sources: pd.DataFrame, texts: list[_Text]) -> dict[str, _Found]:
    """Map each source_id to its text (by hash), or to texts with its headline."""
    by_hash = {t.sha256: t for t in texts}
    unmatched = [t for t in texts if t.sha256 not in set(sources["text_sha256"].astype(str))]
    found = {}
    for source_id, sha, headline in sources[["source_id", "text_sha256", "headline"]].itertuples(
        index=False
    ):
        text = by_hash.get(str(sha))
        wanted = norm(str(headline)).lower()
        differs = () if text else tuple(t for t in unmatched if wanted in t.text.lower())
        found[str(source_id)] = _Found(text, differs)
    return found


def _figure_problems(row: pd.Series, found: _Found | None, folder: Path, sha: str) -> list[str]:
    figure, source = row["figure_id"], row["source_id"]
    written = None if pd.isna(row["value_as_written"]) else str(row["value_as_written"])
    excerpt, value = str(row["excerpt"]), int(row["value"])
    if found is None:
        return [f"{figure}: source {source} is not in sources"]
    if found.text is not None:
        problems = check_excerpt(excerpt, value, written, found.text.text)
        return [f"{figure}: {p} (source {source}, {found.text.name})" for p in problems]
    if not found.differs:
        return [f"{figure}: source {source}: no text in {folder} with text_sha256 {sha}"]
    lines = []
    for other in found.differs:
        problems = check_excerpt(excerpt, value, written, other.text)
        state = "; ".join(problems) if problems else "its excerpt is still found in it"
        lines.append(
            f"{figure}: source {source}: {other.name} in {folder} differs from the recorded text "
            f"(text_sha256 {other.sha256}, recorded {sha}); {state}"
        )
    return lines


def verify_excerpts(
    texts: str | os.PathLike[str], package: str | os.PathLike[str] | None = None
) -> list[str]:
    """Return one line per problem (empty list: every excerpt traces to its report).

    Parameters
    ----------
    texts : str or path-like
        A folder of report texts (``*.txt``, UTF-8), named in any way: each is matched to
        its source by ``sources.text_sha256`` of its normalised text.
    package : str or path-like, optional
        The data package to check (its directory or ``datapackage.json``); by default the
        one :func:`idlibstats.datapackage.locate.locate_package` finds.

    Returns
    -------
    list of str
        Problems, each naming the figure_id (or the unreadable file): a source with no
        text of its hash in the folder (``source X: no text in DIR with text_sha256
        ...``), a text whose headline matches a source but whose hash does not (``...
        differs from the recorded text``, saying whether the excerpt is still in it), an
        excerpt not verbatim in its report, or an excerpt without the figure's value or
        value as written.

    Raises
    ------
    DataPackageError
        If ``texts`` is not a folder, or the package does not load.
    """
    from idlibstats.datapackage.read import figures, sources

    folder = Path(texts)
    found_texts, problems = _read_texts(folder)
    source_table = sources(package)
    located = _locate(source_table, found_texts)
    ids, hashes = source_table["source_id"].astype(str), source_table["text_sha256"].astype(str)
    recorded = dict(zip(ids, hashes, strict=True))
    for _, row in figures(package).iterrows():
        source = str(row["source_id"])
        problems += _figure_problems(row, located.get(source), folder, recorded.get(source, ""))
    return problems
