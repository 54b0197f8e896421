"""GitHub workflow annotations from a validation report: one ``::error`` line per problem.

``idlibstats validate --format github`` prints these on standard output, where a GitHub
Actions runner reads them and shows each problem on the line of the file it names (a pull
request's 'Files changed' included). A row's line is its line in the file: the same number
unless a cell above it holds a newline, in which case the file is read again to find it.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from idlibstats.datapackage.validate import PackageReport
from idlibstats.datapackage.validation.source import dialect_of

__all__ = ["annotations"]


def _escape(text: str, is_property: bool = False) -> str:
    """Escape text as GitHub's workflow commands require (``%``, line ends; ``:`` and ``,``)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def _line_starts(path: Path, resource: dict) -> dict[int, int]:
    """Return the file line on which each row (header = 1) starts, when some differ."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    dialect = dialect_of(resource)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect["delimiter"],
                        quotechar=dialect["quoteChar"])
    starts, line = {}, 1
    try:
        for row, _ in enumerate(reader, start=1):
            starts[row] = line
            line = reader.line_num + 1
    except csv.Error:
        pass
    return starts if any(row != line for row, line in starts.items()) else {}


def annotations(report: PackageReport, cwd: Path | None = None) -> list[str]:
    """Return one GitHub workflow annotation per problem of ``report``.

    Parameters
    ----------
    report : PackageReport
        From :func:`idlibstats.datapackage.validate.validation_report`.
    cwd : pathlib.Path, optional
        The folder the files' paths are made relative to (default: the current folder; in
        a workflow, the repository's root).

    Returns
    -------
    list of str
        ``::error file=PATH,line=ROW,title=CODE::MESSAGE`` (``file`` and ``line`` only
        where the problem has them), in the order of :meth:`PackageReport.problems`.
    """
    cwd, package = cwd or Path.cwd(), report.package
    files = {} if package is None else {r.get("path"): r for r in package.resources.values()}
    starts: dict[str, dict[int, int]] = {}
    out = []
    for problem in report.problems():
        where = []
        if problem.file is not None:
            path = Path(problem.file) if package is None else package.root / problem.file
            where.append(f"file={_escape(os.path.relpath(path, cwd), True)}")
            if problem.row is not None:
                if problem.file in files and problem.file not in starts:
                    starts[problem.file] = _line_starts(path, files[problem.file])
                line = starts.get(problem.file, {}).get(problem.row, problem.row)
                where.append(f"line={line}")
        where.append(f"title={_escape(problem.code, True)}")
        out.append(f"::error {','.join(where)}::{_escape(str(problem))}")
    return out
