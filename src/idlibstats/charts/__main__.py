"""``python -m idlibstats.charts [OUTDIR] [--markdown FILE]... [--package PATH]``.

Writes the README's charts. The command line, not the charts: it loads the package's tables
(:func:`idlibstats.chart_tables`) and hands them to :func:`idlibstats.charts.save_charts`,
which also puts each chart's description into the Markdown files' image alt text.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Write the README's charts, and their descriptions as the Markdown images' alt text.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (without the program name); ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        0 on success.
    """
    import matplotlib as mpl

    mpl.use("Agg")
    from idlibstats.api import chart_tables
    from idlibstats.charts.output import save_charts

    parser = argparse.ArgumentParser(prog="python -m idlibstats.charts",
                                     description="Write the charts as PNG files.")
    parser.add_argument("outdir", nargs="?", default="docs/img")
    parser.add_argument("--markdown", action="append", default=[], metavar="FILE",
                        help="a Markdown file whose chart images get the charts' "
                             "descriptions as alt text (repeatable)")
    parser.add_argument("--package", default=None, help="data package to read")
    args = parser.parse_args(argv)
    for target in save_charts(args.outdir, chart_tables(args.package),
                              markdown=args.markdown):
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
