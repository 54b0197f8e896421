"""Time ``monthly("killed", "all")`` of this checkout against another commit's, fairly.

Run from the project root::

    .venv/bin/python benchmarks/monthly_compare.py                 # against main, 100,000 rows
    .venv/bin/python benchmarks/monthly_compare.py --ref 12286db --rows 10000 --repeat 9

Both run on one synthetic package (``benchmarks/run.py``'s ``make_package``: the real
tables, ``figures.csv`` grown to ``--rows`` rows), each in its own long-lived process that
imported only its own ``src/`` (the other commit's is taken with ``git archive``), and
loaded the figures once. The parent asks them in turn, so both see the same machine load,
and prints the median of ``--repeat`` timings of each (``time.perf_counter``) and their
ratio. Each call is ``idlibstats.monthly("killed", "all", figures)`` as a user writes it (the
new one also loads the small ``populations`` table it reads). Nothing here is a test.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import machine, make_package  # noqa: E402

WORKER = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import idlibstats
figures = idlibstats.figures(sys.argv[2])
idlibstats.monthly("killed", "all", figures)  # warm: imports, first solver call
for _ in sys.stdin:
    start = time.perf_counter()
    months = idlibstats.monthly("killed", "all", figures)
    print(time.perf_counter() - start, len(months), flush=True)
"""


def other_src(ref: str, target: Path) -> Path:
    """Extract ``src/`` of commit ``ref`` into ``target``; return the ``src`` folder."""
    archive = subprocess.run(["git", "archive", ref, "src"], cwd=ROOT, capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def main(argv: list[str] | None = None) -> int:
    """Time both and print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="main", help="the commit to compare with")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="idlibstats-compare-") as tmp:
        package = make_package(Path(tmp) / "package", args.rows)
        sources = {args.ref: other_src(args.ref, Path(tmp) / "other"),
                   "this checkout": ROOT / "src"}
        workers = {name: subprocess.Popen(
            [sys.executable, "-c", WORKER, str(src), str(package)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True) for name, src in sources.items()}
        times: dict[str, list[float]] = {name: [] for name in workers}
        rows: dict[str, int] = {}
        for _ in range(args.repeat):
            for name, worker in workers.items():
                worker.stdin.write("go\n")  # type: ignore[union-attr]
                worker.stdin.flush()  # type: ignore[union-attr]
                seconds, n = worker.stdout.readline().split()  # type: ignore[union-attr]
                times[name].append(float(seconds))
                rows[name] = int(n)
        for worker in workers.values():
            worker.stdin.close()  # type: ignore[union-attr]
            worker.wait()
    print(f"`monthly('killed', 'all')` on {args.rows:,} figure rows, medians of "
          f"{args.repeat} alternating calls, one process each ({machine()}):\n")
    print("| code | median | fastest | slowest | rows out |\n|---|---:|---:|---:|---:|")
    for name, ts in times.items():
        print(f"| {name} | {statistics.median(ts) * 1000:.1f} ms | {min(ts) * 1000:.1f} ms | "
              f"{max(ts) * 1000:.1f} ms | {rows[name]:,} |")
    ratio = statistics.median(times["this checkout"]) / statistics.median(times[args.ref])
    print(f"\nratio, this checkout / {args.ref}: **{ratio:.2f}x**")
    return 0


if __name__ == "__main__":
    sys.exit(main())
