"""How well ``idlibstats draft`` reads: recall, labels and false rows.

Run from the project root (``make draft-eval`` does this)::

    .venv/bin/python benchmarks/draft_eval.py
    IDLIBSTATS_REPORT_TEXTS=../shared/seeds .venv/bin/python benchmarks/draft_eval.py

Two measurements:

1. **The test corpora** (``tests/curation/draft_corpus/*.json``, in :data:`CORPORA` order):
   sentences written for the tests, each with every row the draft must give.
   ``classes.json`` and ``classes20.json`` have one or more cases per failure class of issues
   13 and 20; ``round2.json`` and ``round3.json`` (issue 13) and ``round20.json``,
   ``round20b.json``, ``round20c.json``, ``round20d.json``, ``round20e.json`` and
   ``round20f.json`` (issue 20) were holdouts, each measured once at a freeze of the rules and
   then used to improve them (``round20d`` in issue 20's second round, ``round20e`` in its
   third, ``round20f`` in its fourth); ``dev20.json``, ``dev20b.json``, ``dev20c.json``,
   ``dev20d.json`` and ``dev20e.json`` hold the sentences issue 20's rules were developed on.
   The tests require ``classes``, ``round2``, ``round3`` and ``classes20`` to be read
   exactly, and no wrong label to go unflagged on ``classes20``, the ``dev20`` batches and
   the issue-20 rounds. ``holdout.json`` (issue 13) is only measured, never tuned to, as is
   every name in :data:`MEASURED_ONLY` (a new blind holdout is added there, one line).
   A draft row matches an expected row with the same ``value_as_written`` and value
   (a vague row: no value).
2. **The five seed reports** (when ``IDLIBSTATS_REPORT_TEXTS`` is set): the recorded rows of
   ``data/figures.csv`` are the expected rows; a draft row matches a recorded one with the
   same value whose excerpt overlaps it in the text on a phrase giving the value (as in
   ``tests/curation/test_draft.py``).

For each it prints:

- ``recall``: expected rows with a value that the draft gives / expected rows with a value;
- ``vague``: vague amounts shown / expected (corpus only; the seeds record none);
- ``indicator``, ``population``, ``all four``: among the matched rows, the share whose
  indicator, population, or value + qualifier + indicator + population are right;
- ``part_of``: among matched rows that are parts of a total, the share pointing to it;
- ``false rows``: draft rows with a value that match no expected row / draft rows with a
  value (on the seeds also ``extras`` = rows with a value - recorded figures, which counts
  a repeat of a headline figure as an extra, as the issue's '44 rows / 9 extras' does);
- ``flagged``: rows with a ``needs_review`` reason, and how many of the matched rows with a
  wrong label carry one (``wrong but flagged``).

Nothing here is a test; ``tests/curation/test_draft_corpus.py`` asserts on the same functions.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "curation" / "draft_corpus"
#: The holdouts only measured, never tuned to. Adding a new blind holdout is this one line:
#: put its name here (its file in ``tests/curation/draft_corpus/``); ``CORPORA`` then measures
#: it last, ``TUNED`` leaves it out and the tests that assert on tuned corpora never see it.
MEASURED_ONLY: tuple[str, ...] = ("holdout", "holdout20m")
#: The corpora, in the order they were written (the measured-only holdouts last).
CORPORA = (
    "classes", "round2", "round3",
    "classes20", "dev20", "round20", "round20b", "round20c", "round20d", "dev20b", "dev20c",
    "round20e", "dev20d", "round20f", "dev20e", "round20g", "dev20f", "round20h", "dev20g",
    "round20i", "dev20h", "round20j", "dev20i", "round20k", "dev20j", "round20l", "dev20k",
    *MEASURED_ONLY,
)
SID = "tst-2019-05-01"


@dataclass
class Score:
    """Counts for one corpus or report set."""

    expected: int = 0  # expected rows with a value
    found: int = 0
    vague_expected: int = 0
    vague_found: int = 0
    matched: int = 0  # matched rows, valued and vague
    indicator: int = 0
    population: int = 0
    all_four: int = 0
    parts: int = 0
    parts_right: int = 0
    rows: int = 0  # draft rows with a value
    false_rows: int = 0
    vague_rows: int = 0
    flagged: int = 0
    wrong: int = 0
    wrong_flagged: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            if name == "problems":
                self.problems += other.problems
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))


def _same(a: object, b: object) -> bool:
    return (pd.isna(a) and pd.isna(b)) if (pd.isna(a) or pd.isna(b)) else a == b


def load_corpus(name: str) -> list[dict]:
    """Return the cases of ``tests/curation/draft_corpus/NAME.json``."""
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))["cases"]


def _package_hash() -> str:
    """Hash the files the draft reads besides the text: the package's schema and indicators."""
    digest = hashlib.sha256()
    for path in (ROOT / "datapackage.json", ROOT / "data" / "indicators.csv"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _drafted_once(text: str, package_hash: str) -> tuple[pd.DataFrame, Any, tuple[dict, ...]]:
    from idlibstats.curation.draft.frame import draft_text

    frame, reading = draft_text(text, SID, ROOT)
    return frame, reading, tuple(rows_of(frame))


def drafted(text: str) -> tuple[pd.DataFrame, Any]:
    """Return ``draft_text(text, SID, ROOT)``, drafted once per process for a text and package.

    The draft is a pure function of the text and of the package's schema and indicators
    (hashed into the key), so the tests that score every corpus, count the rules and check
    every row share one draft of each sentence instead of drafting it again in each test.
    The frame is a copy, so a caller may change it; the reading is shared (read it only).
    """
    frame, reading, _ = _drafted_once(text, _package_hash())
    return frame.copy(), reading


def drafted_rows(text: str) -> tuple[list[dict[str, Any]], Any]:
    """Return the rows of :func:`drafted`'s frame (as :func:`rows_of` gives them) and the reading.

    Made once per text with the draft; each call gives new dicts, so a caller may change
    them; the reading is shared (read it only).
    """
    _, reading, rows = _drafted_once(text, _package_hash())
    return [dict(row) for row in rows], reading


def rows_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of a draft as dicts of column name to value, in order.

    The values ``iterrows`` gives (a missing one is NA), read column by column: ``iterrows``
    first makes the whole typed frame one array of objects, which took most of the time of
    scoring a corpus whose drafts are already made.
    """
    if frame.empty:  # a fifth of the corpus sentences draft nothing
        return []
    names = list(frame.columns)
    columns = [_values(column.array) for _, column in frame.items()]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _values(array: Any) -> list[Any]:
    """Return ``array.tolist()``; a category or Arrow string column's without pandas' loop.

    ``Categorical.tolist`` takes its categories for every value through pandas (a
    millisecond per column of a draft of a few rows); its list is the category of each code
    and NaN for a missing one (code -1), as here. An Arrow string column's ``tolist`` with a
    missing value in it takes about 50 microseconds however short it is (most of a draft's
    text columns are all missing: a third of the time of :func:`rows_of`); its list is
    Arrow's own, each missing value (None) as the dtype's ``na_value``, as here.
    """
    if isinstance(array, pd.Categorical):
        categories = _categories(array.dtype)
        return [categories[code] if code >= 0 else float("nan") for code in array.codes.tolist()]
    if isinstance(array, pd.arrays.ArrowStringArray):
        missing = array.dtype.na_value
        return [missing if value is None else value
                for value in array.__arrow_array__().to_pylist()]
    return array.tolist()


@functools.lru_cache(maxsize=64)
def _categories(dtype: pd.CategoricalDtype) -> list[Any]:
    """The categories of ``dtype`` as a list (shared: read it only)."""
    return dtype.categories.tolist()


def match_case(case: dict, rows: list[dict[str, Any]]) -> dict[int, int]:
    """Return expected row index -> draft row index: same value as written and value."""
    used: dict[int, int] = {}
    for i, want in enumerate(case["rows"]):
        for j, row in enumerate(rows):
            if j in used.values():
                continue
            if row["value_as_written"] == want["as_written"] and _same(row["value"], want["value"]):
                used[i] = j
                break
    return used


def score_case(case: dict, drafted: pd.DataFrame) -> Score:
    """Score the draft of one corpus case against its expected rows."""
    if "needs_review" not in drafted.columns:  # a draft from before the column existed
        drafted = drafted.assign(needs_review=pd.NA)
    return score_rows(case, rows_of(drafted))


def score_rows(case: dict, rows: list[dict[str, Any]]) -> Score:
    """Score the rows of a draft (:func:`rows_of`) against a corpus case's expected rows."""
    score = Score()
    used = match_case(case, rows)  # expected index -> draft index
    for i, want in enumerate(case["rows"]):
        vague = want["value"] is None
        score.vague_expected += vague
        score.expected += not vague
        if i not in used:
            score.problems.append(f"missing {want['as_written']!r} in {case['text'][:60]!r}")
    ids = [row["figure_id"] for row in rows]
    for i, j in used.items():
        want, row = case["rows"][i], rows[j]
        score.vague_found += want["value"] is None
        score.found += want["value"] is not None
        _labels(score, want, row, case["text"])
        if want["part_of"] is not None:
            score.parts += 1
            total = used.get(want["part_of"])
            score.parts_right += total is not None and _same(row["part_of"], ids[total])
        elif not pd.isna(row["part_of"]):
            score.problems.append(f"{want['as_written']!r} is no part, drafted part_of")
        reasons = "" if pd.isna(row["needs_review"]) else str(row["needs_review"])
        for reason in want["review"]:
            if reason not in reasons:
                score.problems.append(f"{want['as_written']!r}: no review reason {reason!r}")
        if not want["review"] and reasons:
            score.problems.append(f"{want['as_written']!r}: unexpected review {reasons!r}")
    for j, row in enumerate(rows):
        vague = pd.isna(row["value"])
        score.rows += not vague
        score.vague_rows += vague
        score.flagged += not pd.isna(row["needs_review"])
        if j not in used.values():
            score.false_rows += not vague
            score.problems.append(f"false row {row['value_as_written']!r} in {case['text'][:60]!r}")
    return score


def _labels(score: Score, want: dict, row: dict[str, Any] | pd.Series, where: str) -> None:
    indicator = _same(row["indicator"], want["indicator"])
    population = _same(row["population"], want["population"])
    qualifier = _same(row["qualifier"], want["qualifier"])
    score.matched += 1
    score.indicator += indicator
    score.population += population
    four = indicator and population and qualifier and _same(row["value"], want["value"])
    score.all_four += four
    if not four:
        score.wrong += 1
        score.wrong_flagged += not pd.isna(row["needs_review"])
        got = (row["qualifier"], row["indicator"], row["population"])
        expected = (want["qualifier"], want["indicator"], want["population"])
        score.problems.append(f"{want['as_written']!r} in {where[:50]!r}: {got} != {expected}")


def score_corpus(name: str) -> Score:
    """Draft every case of a corpus and score it."""
    total = Score()
    for case in load_corpus(name):
        total.add(score_rows(case, drafted_rows(case["text"])[0]))
    return total


def score_seeds(folder: str | os.PathLike[str]) -> tuple[Score, dict[str, tuple[int, int]]]:
    """Score the draft of each seed report against its recorded rows.

    Returns the score and, per source, (draft rows with a value, vague rows).
    """
    import idlibstats
    from idlibstats.curation.draft import draft_figures
    from idlibstats.text.textnorm import norm, text_sha256

    figures = idlibstats.figures(ROOT)
    sources = idlibstats.sources(ROOT)
    by_hash = dict(zip(sources["text_sha256"].astype(str), sources["source_id"], strict=True))
    total, per_source = Score(), {}
    for path in sorted(Path(folder).glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        source_id = by_hash.get(text_sha256(raw))
        if source_id is None:
            continue
        text = norm(raw)
        drafted = draft_figures(raw, str(source_id), ROOT)
        recorded = figures[figures["source_id"] == source_id]
        score = _score_report(recorded, drafted, text)
        per_source[str(source_id)] = (score.rows, score.vague_rows)
        total.add(score)
    return total, per_source


def _score_report(recorded: pd.DataFrame, drafted: pd.DataFrame, text: str) -> Score:
    from idlibstats.curation.match import drafted_matches_recorded

    score = Score()
    if "needs_review" not in drafted.columns:  # a draft from before the column existed
        drafted = drafted.assign(needs_review=pd.NA)
    rows = [row for _, row in drafted.iterrows()]
    hit: dict[str, int] = {}  # recorded figure_id -> draft index of its best match
    matched_rows: set[int] = set()
    for _, fig in recorded.iterrows():
        score.expected += 1
        hits = [j for j, row in enumerate(rows) if drafted_matches_recorded(fig, row, text)]
        matched_rows.update(hits)
        if not hits:
            score.problems.append(f"missing {fig['figure_id']}")
            continue
        score.found += 1
        best = next((j for j in hits if j not in hit.values()), hits[0])
        hit[str(fig["figure_id"])] = best
        want = {
            "value": int(fig["value"]),
            "qualifier": fig["qualifier"],
            "indicator": fig["indicator"],
            "population": fig["population"],
            "as_written": fig["value_as_written"],
        }
        _labels(score, want, rows[best], str(fig["excerpt"]))
    ids = list(drafted["figure_id"])
    for _, fig in recorded.iterrows():
        if pd.isna(fig["part_of"]) or str(fig["figure_id"]) not in hit:
            continue
        score.parts += 1
        total = hit.get(str(fig["part_of"]))
        row = rows[hit[str(fig["figure_id"])]]
        score.parts_right += total is not None and _same(row["part_of"], ids[total])
    for j, row in enumerate(rows):
        vague = pd.isna(row["value"])
        score.rows += not vague
        score.vague_rows += vague
        score.flagged += not pd.isna(row["needs_review"])
        if not vague and j not in matched_rows:
            score.false_rows += 1
            score.problems.append(f"false row {row['value_as_written']!r}: {row['excerpt']!r}")
    return score


#: The corpora the rules were developed or tuned on.
TUNED = tuple(name for name in CORPORA if name not in MEASURED_ONLY)


def count_rules(names: tuple[str, ...] = TUNED) -> dict[tuple[str, str], list[int]]:
    """Count, per rule, the labels it decided on the corpora and how many were wrong.

    Returns
    -------
    dict
        (label, rule name) -> [labels decided, wrong, wrong with no ``needs_review``
        reason], over the matched rows of every case of ``names``.
    """
    counts: dict[tuple[str, str], list[int]] = {}
    for name in names:
        for case in load_corpus(name):
            rows, reading = drafted_rows(case["text"])
            for i, j in match_case(case, rows).items():
                want, row, draft = case["rows"][i], rows[j], reading.drafts[j]
                for label in ("indicator", "population"):
                    tally = counts.setdefault((label, draft.rules[label]), [0, 0, 0])
                    wrong = not _same(row[label], want[label])
                    tally[0] += 1
                    tally[1] += wrong
                    tally[2] += wrong and pd.isna(row["needs_review"])
    return counts


def rules_report(counts: dict[tuple[str, str], list[int]]) -> str:
    """Return the per-rule counts as a Markdown table, with each rule's class."""
    from idlibstats.curation.draft.rules import RULES

    lines = [
        "## labels decided per rule, on the tuned corpora",
        "| label | rule | class | decided | wrong | wrong, no reason |",
        "|---|---|---|---|---|---|",
    ]
    for key, rule in RULES.items():
        decided, wrong, silent = counts.get(key, [0, 0, 0])
        lines.append(f"| {key[0]} | {key[1]} | {rule.kind} | {decided} | {wrong} | {silent} |")
    return "\n".join(lines)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.0%}" if whole else "-"


def report(name: str, score: Score, extras: int | None = None) -> str:
    """Return the figures of one score as Markdown lines."""
    lines = [
        f"## {name}",
        f"- recall: {_pct(score.found, score.expected)}",
        f"- vague amounts shown: {_pct(score.vague_found, score.vague_expected)}",
        f"- indicator right: {_pct(score.indicator, score.matched)}",
        f"- population right: {_pct(score.population, score.matched)}",
        f"- all four (value, qualifier, indicator, population) right: "
        f"{_pct(score.all_four, score.matched)}",
        f"- part_of pointing to its total: {_pct(score.parts_right, score.parts)}",
        f"- false rows: {_pct(score.false_rows, score.rows)} of the rows with a value"
        f" (plus {score.vague_rows} vague rows with no value)",
        f"- rows with a needs_review reason: {_pct(score.flagged, score.rows + score.vague_rows)};"
        f" wrong labels that carry one: {_pct(score.wrong_flagged, score.wrong)}",
    ]
    if extras is not None:
        lines.append(f"- rows with a value: {score.rows}; extras (rows - recorded): {extras}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the figures; ``-v`` also lists every miss, wrong label and false row.

    ``--rules`` prints instead, per rule that decides a label, how many labels it decided
    on the tuned corpora and how many were wrong (:func:`count_rules`).
    """
    args = argv if argv is not None else sys.argv[1:]
    if "--rules" in args:
        print(rules_report(count_rules()))
        return 0
    verbose = "-v" in args
    out = []
    for name in CORPORA:
        if (CORPUS / f"{name}.json").exists():
            score = score_corpus(name)
            out.append(report(f"corpus {name}.json", score))
            if verbose:
                out += [f"    {p}" for p in score.problems]
    folder = os.environ.get("IDLIBSTATS_REPORT_TEXTS")
    if folder:
        score, per_source = score_seeds(folder)
        out.append(report(f"seed reports in {folder}", score, score.rows - score.expected))
        out += [f"    {sid}: {rows} rows with a value, {vague} vague" for sid, (rows, vague) in
                sorted(per_source.items())]
        if verbose:
            out += [f"    {p}" for p in score.problems]
    else:
        out.append("(seed reports skipped: IDLIBSTATS_REPORT_TEXTS is not set)")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
