"""The ``idlibstats`` command line: each error is one line on stderr; exit 0 ok, 1 failed.

This module only parses arguments and prints; the work is done by the library modules.

Every command that reads a package takes it as an optional positional argument. Without
one, the package is found by the library's one rule: ``$IDLIBSTATS_PACKAGE`` if set, else the
nearest folder at or above the current one that holds a ``datapackage.json``, else the copy
that comes with the library (bundled in the wheel, or the source checkout): see
:func:`resolve_package`. Each such command first writes one line to
standard error, ``package: DIR (why)``, so the user sees which package was read while
standard output stays clean for pipes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from idlibstats import __version__
from idlibstats.datapackage import locate
from idlibstats.datapackage.errors import DataPackageError

__all__ = ["main", "resolve_package"]

# What a reader killed by SIGPIPE reports (128 + 13), as ``yes | head -1`` does.
EXIT_BROKEN_PIPE = 141
FORMATS = ("text", "json", "github")  # of ``idlibstats validate``


def resolve_package(package: str | None) -> tuple[Path, str]:
    """Return the package directory a command reads, and why that one.

    The library's one rule (:func:`idlibstats.datapackage.locate.resolve_package`): the
    argument, else ``$IDLIBSTATS_PACKAGE``, else the nearest folder at or above the current
    one that holds ``datapackage.json``, else the package that comes with the library.

    Parameters
    ----------
    package : str or None
        The command's package argument, if given.

    Returns
    -------
    tuple of (pathlib.Path, str)
        The directory holding ``datapackage.json``, and the reason: ``argument``,
        ``$IDLIBSTATS_PACKAGE``, ``current folder``, ``enclosing folder``, ``bundled with
        idlibstats`` or ``source checkout``.

    Raises
    ------
    DataPackageError
        If no descriptor is found where the rule points.
    """
    return locate.resolve_package(package)


PACKAGE_HELP = ("package directory or datapackage.json (default: $IDLIBSTATS_PACKAGE, else the "
                "nearest folder at or above the current one that holds datapackage.json, else "
                "the installed package)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="idlibstats",
        description="Figures reported on the 2019 Idlib offensive: validate, summarise, export.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a data package; one line per problem")
    p.add_argument("path", nargs="?", metavar="PACKAGE", help=PACKAGE_HELP)
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text: one 'error:' line per problem on standard error, 'valid' on "
                   "standard output; json: a report shaped like frictionless's (valid, stats, "
                   "tasks[].errors[] with type, rowNumber, fieldName, note) on standard "
                   "output; github: one GitHub workflow annotation per problem on standard "
                   "output (default: text)")
    p.add_argument("--json", dest="format", action="store_const", const="json",
                   help="the same as --format json")

    p = sub.add_parser("summary", help="print what a package holds")
    p.add_argument("path", nargs="?", metavar="PACKAGE", help=PACKAGE_HELP)

    p = sub.add_parser(
        "export", help="export for HDX: the figures (--hxl) or the month floors (--monthly)")
    p.add_argument("path", nargs="?", metavar="PACKAGE", help=PACKAGE_HELP)
    p.add_argument("--hxl", action="store_true", help="CSV with an HXL hashtag row")
    p.add_argument("--monthly", action="store_true",
                   help="one row per month, integer floors safe to sum down a column "
                   "(with --hxl: with a hashtag row)")
    p.add_argument("--national", action="store_true",
                   help="with --monthly: keep the figures for all of Syria")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    p.add_argument("--path", dest="path_option", help=argparse.SUPPRESS)  # the old spelling

    p = sub.add_parser("draft", help="draft figure rows (CSV) from a report's plain text")
    p.add_argument("report", help="the report as a UTF-8 text file")
    p.add_argument("--source-id", required=True, help="source_id the rows will carry")
    p.add_argument("--html", metavar="OUT.html",
                   help="also write a review page: the report with every drafted number "
                   "highlighted beside its row (one self-contained file)")
    p.add_argument("--force", action="store_true", help="with --html: overwrite OUT.html")

    p = sub.add_parser("verify-excerpts", help="check every excerpt against the report texts")
    p.add_argument("path", nargs="?", metavar="PACKAGE", help=PACKAGE_HELP)
    p.add_argument("--texts", required=True, help="folder of report texts (*.txt)")
    p.add_argument("--path", dest="path_option", help=argparse.SUPPRESS)  # the old spelling

    p = sub.add_parser("stamp", help="curators: record each CSV's bytes and hash in the "
                       "descriptor, then validate the package")
    p.add_argument("path", nargs="?", metavar="PACKAGE", help=PACKAGE_HELP)
    return parser


@contextlib.contextmanager
def _data_errors() -> Iterator[None]:
    """Word a ``ValueError`` of the computations (a figure they cannot bound) as data's fault."""
    try:
        yield
    except DataPackageError:
        raise
    except ValueError as exc:
        raise DataPackageError(str(exc), code="data-error") from None


def _run(args: argparse.Namespace) -> int:
    path = getattr(args, "path", None) or getattr(args, "path_option", None)
    root, why = resolve_package(path)
    print(f"package: {root} ({why})", file=sys.stderr)
    args.path = str(root)
    if args.command == "validate":
        return _validate(args.path, args.format)
    if args.command == "summary":
        from idlibstats.summary import summary

        with _data_errors():
            text = summary(args.path)
        print(text)
        return 0
    if args.command == "export":
        from idlibstats.datapackage import read

        if not (args.hxl or args.monthly):
            print("error: say what to export: --hxl (the figures) and/or --monthly",
                  file=sys.stderr)
            return 2
        if args.national and not args.monthly:
            print("error: --national goes with --monthly", file=sys.stderr)
            return 2
        figs = read.figures(args.path)
        try:
            with _data_errors():
                if args.monthly:  # the month bounds: the solver (scipy) is imported here only
                    from idlibstats.exports.monthly_csv import to_monthly_csv

                    text = to_monthly_csv(
                        figs, read.indicators(args.path), args.output, hxl=args.hxl,
                        populations=read.populations(args.path), national=args.national,
                        overwrite=args.force)
                else:
                    from idlibstats.exports.hxl import to_hxl

                    text = to_hxl(figs, read.sources(args.path), read.organisations(args.path),
                                  read.indicators(args.path), args.output,
                                  overwrite=args.force)
        except FileExistsError:
            raise DataPackageError("exists; add --force to replace it", file=args.output,
                                   code="write-error") from None
        except OSError as exc:  # no such folder, no permission, disk full...
            reason = exc.strerror or str(exc)
            raise DataPackageError(f"cannot write the export: {reason}", file=args.output,
                                   code="write-error") from None
        if text is not None:
            sys.stdout.write(text)
        else:
            what = f"{len(figs)} figures"
            if args.monthly:
                what = f"month floors of {what}"
            print(f"wrote {args.output} ({what}{', HXL' if args.hxl else ''})")
        return 0
    if args.command == "draft":
        return _draft(args)
    if args.command == "verify-excerpts":
        from idlibstats.curation.verify import verify_excerpts

        problems = verify_excerpts(args.texts, args.path)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"every excerpt traces verbatim to its report in {args.texts}")
        return 0
    if args.command == "stamp":
        from idlibstats.datapackage.stamp import stamp
        from idlibstats.datapackage.validate import validate_package

        changed = stamp(args.path)
        for name in changed:
            print(f"stamped {name}")
        if not changed:
            print("nothing to stamp: every resource's bytes and hash are current")
        # A stamp records the bytes; it does not make them right: say what is still wrong.
        problems = validate_package(args.path)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            print(f"error: the package is stamped but not valid: {len(problems)} problem(s) "
                  "above", file=sys.stderr)
            return 1
        return 0
    raise AssertionError(args.command)  # argparse rejects unknown commands first


def _validate(path: str, form: str) -> int:
    """Validate the package; write the report in format ``form``; exit 1 if it is not valid."""
    from idlibstats.datapackage.validate import validation_report

    report = validation_report(path)
    if form == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif form == "github":
        from idlibstats.datapackage.annotations import annotations

        for line in annotations(report):
            print(line)
    else:
        for problem in report.problems():
            print(f"error: {problem}", file=sys.stderr)
        if report.valid:
            print("valid")
    return 0 if report.valid else 1


def _draft(args: argparse.Namespace) -> int:
    """Draft rows as CSV on standard output, and the review page if asked (``--html``).

    An empty or blank report, like a report in which no number looks like a figure, gives
    the header alone, a page that says so, and a ``warning:`` line.
    """
    from idlibstats.curation.draft import draft_text
    from idlibstats.curation.draft.review_page import review_page, write_review_page
    from idlibstats.curation.draft.sentences import is_blank
    from idlibstats.datapackage.locate import read_regular

    if args.force and not args.html:
        print("error: --force goes with --html", file=sys.stderr)
        return 2
    try:  # a regular file only: a FIFO is refused, never waited on
        text = read_regular(Path(args.report), args.report).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataPackageError(f"cannot read the report: {exc}", file=args.report,
                               code="encoding-error") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text reads it
    rows, drafted = draft_text(text, args.source_id, args.path)
    if args.html:
        page = review_page(rows, drafted, title=f"{Path(args.report).name} ({args.source_id})")
        try:
            write_review_page(args.html, page, overwrite=args.force)
        except FileExistsError:
            raise DataPackageError("exists; add --force to replace it", file=args.html,
                                   code="write-error") from None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise DataPackageError(f"cannot write the review page: {reason}",
                                   file=args.html, code="write-error") from None
    rows.to_csv(sys.stdout, index=False, lineterminator="\n")
    if is_blank(text):
        print(f"warning: {args.report}: the report is empty or blank: nothing to draft",
              file=sys.stderr)
    elif rows.empty:
        print(f"warning: {args.report}: no number in the report looks like a figure",
              file=sys.stderr)
    else:
        flagged = int(rows["needs_review"].notna().sum())
        print(f"drafted {len(rows)} rows, {flagged} with a reason in needs_review",
              file=sys.stderr)
    if args.html:
        print(f"wrote {args.html} (review page)", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failed, 2 usage).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 when the data or a file is at fault (one ``error:`` line each),
        141 when the reader of standard output went away early (as ``head`` does).
    """
    args = _parser().parse_args(argv)
    try:
        status = _run(args)
        sys.stdout.flush()  # here, not at exit, so a closed pipe is caught below
        return status
    except (DataPackageError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (``idlibstats summary | head -1``): not an error of ours.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # the one guard: never a traceback
        print(unexpected(exc, getattr(args, "path", None) or getattr(args, "report", None)),
              file=sys.stderr)
        return 1


def unexpected(exc: BaseException, where: str | None) -> str:
    """Word an exception idlibstats did not expect as one ``error:`` line asking for a report.

    Parameters
    ----------
    exc : BaseException
        The exception.
    where : str or None
        The package (or file) being read.

    Returns
    -------
    str
        ``error: PATH: unexpected TYPE: MESSAGE (a bug in idlibstats ...)``, one line.
    """
    text = " ".join(str(exc).split())[:300]
    place = f"{where}: " if where else ""
    return (f"error: {place}unexpected {type(exc).__name__}: {text} (a bug in idlibstats "
            f"{_version()}: please report it with this line)")


def _version() -> str:
    from idlibstats import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
