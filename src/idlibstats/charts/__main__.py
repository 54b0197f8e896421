"""``python -m idlibstats.charts [OUTDIR] [--package PATH]``: write the README's charts."""

from idlibstats.charts.output import main

if __name__ == "__main__":
    raise SystemExit(main())
