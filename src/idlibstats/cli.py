"""The ``idlibstats`` command line: each error is one line on stderr; exit 0 ok, 1 failed.

This module only parses arguments and prints; the work is done by the library modules.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from idlibstats.errors import DataPackageError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="idlibstats",
        description="Figures reported on the 2019 Idlib offensive: validate, summarise, export.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a data package; one line per problem")
    p.add_argument(
        "path", nargs="?", help="package directory or datapackage.json (default: see README)"
    )

    p = sub.add_parser("summary", help="print what a package holds")
    p.add_argument("path", nargs="?", help="package directory or datapackage.json")

    p = sub.add_parser(
        "export", help="export for HDX: the figures (--hxl) or the month floors (--monthly)")
    p.add_argument("--hxl", action="store_true", help="CSV with an HXL hashtag row")
    p.add_argument("--monthly", action="store_true",
                   help="one row per month, integer floors safe to sum down a column "
                   "(with --hxl: with a hashtag row)")
    p.add_argument("--national", action="store_true",
                   help="with --monthly: keep the figures for all of Syria")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    p.add_argument("--path", help="package directory or datapackage.json")

    p = sub.add_parser("draft", help="draft figure rows (CSV) from a report's plain text")
    p.add_argument("report", help="the report as a UTF-8 text file")
    p.add_argument("--source-id", required=True, help="source_id the rows will carry")

    p = sub.add_parser("verify-excerpts", help="check every excerpt against the report texts")
    p.add_argument("--texts", required=True, help="folder of report texts (*.txt)")
    p.add_argument("--path", help="package directory or datapackage.json")

    p = sub.add_parser("stamp", help="curators: record each CSV's bytes and hash in the descriptor")
    p.add_argument("path", nargs="?", help="package directory or datapackage.json")
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        from idlibstats.validate import validate_package

        problems = validate_package(args.path)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            return 1
        print("valid")
        return 0
    if args.command == "summary":
        from idlibstats.summary import summary

        print(summary(args.path))
        return 0
    if args.command == "export":
        from idlibstats.hxl import to_hxl
        from idlibstats.load import figures
        from idlibstats.monthly_export import to_monthly_csv

        if not (args.hxl or args.monthly):
            print("error: say what to export: --hxl (the figures) and/or --monthly",
                  file=sys.stderr)
            return 2
        if args.national and not args.monthly:
            print("error: --national goes with --monthly", file=sys.stderr)
            return 2
        try:
            if args.monthly:
                text = to_monthly_csv(
                    args.output, hxl=args.hxl, figures=figures(args.path),
                    national=args.national, overwrite=args.force, package=args.path)
            else:
                text = to_hxl(
                    figures(args.path), args.output, overwrite=args.force, package=args.path
                )
        except FileExistsError:
            raise
        except OSError as exc:  # no such folder, no permission, disk full...
            reason = exc.strerror or str(exc)
            raise DataPackageError(f"cannot write the export: {reason}", file=args.output) from None
        if text is not None:
            sys.stdout.write(text)
        return 0
    if args.command == "draft":
        from idlibstats.draft import draft_figures

        try:
            text = Path(args.report).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataPackageError(f"cannot read the report: {exc}", file=args.report) from None
        if not text.replace("\ufeff", "").replace("\u200b", "").strip():
            raise DataPackageError(
                "the report is empty or blank: nothing to draft", file=args.report
            )
        rows = draft_figures(text, args.source_id)
        rows.to_csv(sys.stdout, index=False, lineterminator="\n")
        if rows.empty:
            print(
                f"warning: {args.report}: no number in the report looks like a figure",
                file=sys.stderr,
            )
        else:
            flagged = int(rows["needs_review"].notna().sum())
            print(
                f"drafted {len(rows)} rows, {flagged} with a reason in needs_review",
                file=sys.stderr,
            )
        return 0
    if args.command == "verify-excerpts":
        from idlibstats.verify import verify_excerpts

        problems = verify_excerpts(args.texts, args.path)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"every excerpt traces verbatim to its report in {args.texts}")
        return 0
    if args.command == "stamp":
        from idlibstats.stamp import stamp

        for name in stamp(args.path):
            print(f"stamped {name}")
        return 0
    raise AssertionError(args.command)  # argparse rejects unknown commands first


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failed, 2 usage).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 when the data or a file is at fault (one ``error:`` line each).
    """
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (DataPackageError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
