"""Speed of the loader and the computations on synthetic packages of growing size.

Run from the project root (``make bench`` does this)::

    .venv/bin/python benchmarks/run.py                      # 100, 10,000, 100,000 rows
    .venv/bin/python benchmarks/run.py --sizes 100 1000 --repeat 3

Each synthetic package is the real one (same datapackage.json, same schema, same other
tables) with ``data/figures.csv`` grown to N rows: the 35 real rows, then copies of them
with unique ids (``tna-2019-05-03-r000001-01``), their own claim groups and ``part_of``
links, values scaled by 0.5-1.5 (a scaled value is written as plain digits, and its
excerpt starts with them) and dates moved back by up to 60 days; the figures
resource's ``bytes`` and ``hash`` are restamped so ``frictionless validate`` accepts it.

For each size, in one run, the median of ``--repeat`` timings (``time.perf_counter``):

- ``idlibstats.figures(path)``, the library's typed, checked loader, and
  ``pandas.read_csv`` of the same file with the same dtypes (``schema.pandas_dtypes``)
  and ``parse_dates``, the floor any loader pays: timed alternately, so that both see the
  same load on a shared machine, in wall time and in CPU time (every thread: the loader
  uses two cores, ``read_csv`` one);
- frictionless ``Resource.to_pandas()`` (skipped when the previous size predicts more than
  ``--to-pandas-limit`` seconds);
- ``monthly("killed", "all")`` and ``reconcile()`` on the loaded frame, with time per row;
- ``frictionless validate datapackage.json`` in a subprocess (once per size above 100);
- ``figures()`` and ``read_csv``, each as the first call of its own new process,
  alternating.

Then, on the real package: ``import idlibstats`` in a new process (and whether matplotlib
came with it), ``idlibstats validate .`` against ``frictionless validate datapackage.json``.

Prints a Markdown table (and the machine) on standard output. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import idlibstats  # noqa: E402
from idlibstats.datapackage.schema import missing_values, pandas_dtypes  # noqa: E402

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def make_package(target: Path, n_rows: int, seed: int = 2019) -> Path:
    """Write a synthetic package of ``n_rows`` figures under ``target``; return its root."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "data", target / "data", dirs_exist_ok=True)
    shutil.copytree(ROOT / "checks", target / "checks", dirs_exist_ok=True)  # row rules run
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    real = pd.read_csv(ROOT / "data" / "figures.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    parts = [real]
    copies = -(-max(n_rows - len(real), 0) // len(real))
    for k in range(1, copies + 1):
        rep = real.copy()
        tag = f"r{k:06d}"
        rep["figure_id"] = rep["figure_id"].str.replace(r"-(\d{2})$", rf"-{tag}-\1", regex=True)
        has_parent = rep["part_of"] != ""
        rep.loc[has_parent, "part_of"] = rep.loc[has_parent, "part_of"].str.replace(
            r"-(\d{2})$", rf"-{tag}-\1", regex=True)
        rep["claim_group"] = rep["claim_group"] + f"-{tag}"
        value = rep["value"].astype("int64")
        scaled = np.maximum(1, np.rint(value * rng.uniform(0.5, 1.5, len(rep)))).astype("int64")
        rep["value"] = np.where(value > 0, scaled, value).astype(str)
        # the wording must say the value and the excerpt hold the wording (the wording rule)
        changed = rep["value"] != real["value"]
        rep.loc[changed, "value_as_written"] = rep.loc[changed, "value"]
        rep.loc[changed, "excerpt"] = rep.loc[changed, "value"] + " " + rep.loc[changed,
                                                                              "excerpt"]
        # every date of a copy moves back by the same 0-60 days, so the row rules and the
        # rules across tables still hold (a claim dated the report's own date stays put)
        days = np.where(rep["claimed_on_basis"] == "report_date", 0,
                        rng.integers(-60, 1, len(rep)))
        shift = pd.to_timedelta(days, unit="D")
        for col in ("period_start", "period_end", "claimed_on"):
            rep[col] = (pd.to_datetime(rep[col]) + shift).dt.strftime("%Y-%m-%d")
        parts.append(rep)
    figures = pd.concat(parts, ignore_index=True).head(n_rows)
    # each copy keeps the corroborations that show its inferred claimants (the loader refuses
    # an inferred claimant without one); the others would only grow a table not measured here
    corr = pd.read_csv(ROOT / "data" / "corroborations.csv", dtype=str, keep_default_na=False)
    corr_parts = [corr]
    inferred = set(real.loc[real["claimant_basis"] == "inferred", "figure_id"])
    needed = corr[corr["figure_id"].isin(inferred)]
    for k in range(1, copies + 1):
        rep = needed.copy()
        rep["figure_id"] = rep["figure_id"].str.replace(r"-(\d{2})$", rf"-r{k:06d}-\1",
                                                        regex=True)
        rep["corroboration_id"] = [f"c{k:06d}{i:03d}" for i in range(len(rep))]
        corr_parts.append(rep)
    corroborations = pd.concat(corr_parts, ignore_index=True)
    corroborations = corroborations[corroborations["figure_id"].isin(figures["figure_id"])]
    for name, frame in (("figures", figures), ("corroborations", corroborations)):
        csv_path = target / "data" / f"{name}.csv"
        frame.to_csv(csv_path, index=False, lineterminator="\n")
        data = csv_path.read_bytes()
        for resource in descriptor["resources"]:
            if resource["name"] == name:
                resource["bytes"] = len(data)
                resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    (target / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def median_of(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Return the median of ``repeat`` timings of ``fn()`` and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def median_of_pair(
    fn_a: Callable[[], object], fn_b: Callable[[], object], repeat: int
) -> tuple[float, object, float, object, float]:
    """Time ``fn_a`` and ``fn_b`` alternately (so both see the same machine load).

    Returns the median wall time and last result of each, and the ratio of their median
    CPU times (``time.process_time``: every thread of the process, so a function that
    runs on two cores is not flattered by a second core that happens to be free).
    Each result is dropped at once (the last run's are kept), so that no call but the last
    runs beside a frame of an earlier one.
    """
    times_a, times_b, cpu_a, cpu_b = [], [], [], []
    res_a = res_b = None
    for i in range(repeat):
        keep = i == repeat - 1
        cpu, start = time.process_time(), time.perf_counter()
        out = fn_a()
        times_a.append(time.perf_counter() - start)
        cpu_a.append(time.process_time() - cpu)
        res_a, out = (out if keep else None), None
        cpu, start = time.process_time(), time.perf_counter()
        out = fn_b()
        times_b.append(time.perf_counter() - start)
        cpu_b.append(time.process_time() - cpu)
        res_b, out = (out if keep else None), None
    return (statistics.median(times_a), res_a, statistics.median(times_b), res_b,
            statistics.median(cpu_a) / statistics.median(cpu_b))


FRESH = ("import sys, time; sys.path.insert(0, sys.argv[3]); sys.path.insert(0, sys.argv[4])\n"
         "import idlibstats, run\n"
         "from pathlib import Path\n"
         "load = idlibstats.figures if sys.argv[2] == 'figures' else run.read_csv_plain\n"
         "t = time.perf_counter(); load(Path(sys.argv[1]))\n"
         "print(time.perf_counter() - t)")


def fresh_process_load(root: Path, what: str = "figures") -> float:
    """Seconds of ``figures(root)`` (or ``read_csv_plain``) as the first call of a new process."""
    done = subprocess.run([sys.executable, "-c", FRESH, str(root), what, str(ROOT / "src"),
                           str(ROOT / "benchmarks")],
                          capture_output=True, text=True, check=True)
    return float(done.stdout)


def fresh_pair(root: Path, repeat: int) -> tuple[float, float]:
    """Medians of ``figures()`` and of plain ``read_csv``, each the first call of a new
    process, the two alternating (so that they see the same machine load)."""
    ours, plain = [], []
    for _ in range(repeat):
        ours.append(fresh_process_load(root, "figures"))
        plain.append(fresh_process_load(root, "read_csv"))
    return statistics.median(ours), statistics.median(plain)


def import_time() -> tuple[float, float, bool]:
    """Seconds of ``import idlibstats`` in a new process, then of its first use.

    ``import idlibstats`` imports each public name's module when it is first used, so the
    import alone is near zero: the second figure times ``idlibstats.figures`` (the loader's
    modules: pandas, pyarrow), what a script that loads the package waits for. The flag:
    whether matplotlib came with either.
    """
    script = ("import sys, time; sys.path.insert(0, sys.argv[1]); t = time.perf_counter()\n"
              "import idlibstats\n"
              "t1 = time.perf_counter()\n"
              "idlibstats.figures\n"
              "t2 = time.perf_counter()\n"
              "print(t1 - t, t2 - t1, 'matplotlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "src")],
                          capture_output=True, text=True, check=True)
    bare, first_use, plotted = done.stdout.split()
    return float(bare), float(first_use), plotted == "True"


def command_time(args: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and exit status of a command (this checkout's src/ first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    return time.perf_counter() - start, done.returncode


def read_csv_plain(root: Path) -> pd.DataFrame:
    """``pandas.read_csv`` with the schema's dtypes and date parsing: the baseline."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "figures")
    dtypes = pandas_dtypes(resource["schema"])
    dates = [k for k, v in dtypes.items() if isinstance(v, str) and v.startswith("datetime")]
    return pd.read_csv(
        root / resource["path"],
        dtype={k: v for k, v in dtypes.items() if k not in dates},
        parse_dates=dates,
        date_format="%Y-%m-%d",
        keep_default_na=False,
        na_values=missing_values(resource["schema"]),
        encoding="utf-8",
    )


def to_pandas_frictionless(root: Path) -> pd.DataFrame:
    """Frictionless's own ``Resource.to_pandas()``."""
    from frictionless import Package

    package = Package(str(root / "datapackage.json"))
    return package.get_resource("figures").to_pandas()


def frictionless_validate(root: Path, timeout: float) -> tuple[float, str]:
    """Time ``frictionless validate datapackage.json`` in a subprocess; return (s, outcome)."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [str(FRICTIONLESS), "validate", "datapackage.json"],
            cwd=root, capture_output=True, text=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired:
        return float("nan"), f"timeout > {timeout:.0f} s"
    elapsed = time.perf_counter() - start
    return elapsed, "valid" if done.returncode == 0 else f"INVALID (exit {done.returncode})"


def fmt(seconds: float, rows: int | None = None) -> str:
    """Format seconds (and microseconds per row)."""
    if seconds != seconds:  # NaN
        return "skipped"
    text = f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"
    if rows:
        text += f" ({seconds / rows * 1e6:.1f} µs/row)"
    return text


def machine() -> str:
    """One line about the machine."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, pandas {pd.__version__}; "
            f"load average {load}")


def real_package_rows(repeat: int) -> list[str]:
    """``import idlibstats``; ``idlibstats validate`` against ``frictionless validate``."""
    imports = [import_time() for _ in range(repeat)]
    bare = statistics.median(t for t, _, _ in imports)
    first_use = statistics.median(t for _, t, _ in imports)
    plotted = any(p for _, _, p in imports)
    ours = [command_time([sys.executable, "-m", "idlibstats", "validate", "."], ROOT)
            for _ in range(repeat)]
    theirs = [command_time([str(FRICTIONLESS), "validate", "datapackage.json"], ROOT)
              for _ in range(repeat)]
    t_ours, t_theirs = (statistics.median(t for t, _ in runs) for runs in (ours, theirs))
    codes = {code for _, code in ours + theirs}
    return [
        f"| `import idlibstats` (new process) | {fmt(bare)} | public names imported when "
        f"first used |",
        f"| then `idlibstats.figures` (the loader's modules) | {fmt(first_use)} | matplotlib "
        f"imported: {'YES' if plotted else 'no'} |",
        f"| `idlibstats validate .` (real package, new process) | {fmt(t_ours)} | "
        f"{t_theirs / t_ours:.1f}x faster than frictionless |",
        f"| `frictionless validate datapackage.json` (real package) | {fmt(t_theirs)} | "
        f"exit statuses {sorted(codes)} |",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=7, help="timings per step (median kept)")
    parser.add_argument("--fresh-repeat", type=int, default=5,
                        help="new processes per loader (median kept)")
    parser.add_argument("--slow-repeat", type=int, default=1,
                        help="timings of to_pandas and validate above 100 rows")
    parser.add_argument("--to-pandas-limit", type=float, default=120.0,
                        help="skip to_pandas when the last size predicts more seconds")
    parser.add_argument("--validate-timeout", type=float, default=600.0)
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args(argv)

    before = machine()
    print(f"machine: {before}", file=sys.stderr)
    lines = []
    notes = []
    last_tp: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="idlibstats-bench-") as tmp:
        for n in args.sizes:
            root = make_package(Path(tmp) / f"n{n}", n)
            # Every load checks everything (there is no memory of checked tables): the
            # loader and plain read_csv alternate, medians kept. A new process pays the
            # imports of Arrow's kernels once more: timed apart.
            t_load, figs, t_csv, plain, cpu_ratio = median_of_pair(
                lambda root=root: idlibstats.figures(root),
                lambda root=root: read_csv_plain(root),
                args.repeat,
            )
            t_fresh, t_fresh_csv = fresh_pair(root, args.fresh_repeat)
            assert len(figs) == n, (len(figs), n)
            assert list(plain.columns) == list(figs.columns)
            slow = args.repeat if n <= 100 else args.slow_repeat
            predicted = last_tp[1] * n / last_tp[0] if last_tp else 0.0
            if predicted > args.to_pandas_limit:
                t_tp = float("nan")
                notes.append(f"to_pandas skipped at {n:,} rows: {predicted:.0f} s predicted "
                             f"from the previous size (limit {args.to_pandas_limit:.0f} s).")
            else:
                t_tp, _ = median_of(lambda root=root: to_pandas_frictionless(root), slow)
                last_tp = (n, t_tp)
            t_month, m = median_of(
                lambda figs=figs: idlibstats.monthly("killed", "all", figs), args.repeat)
            t_rec, r = median_of(lambda figs=figs: idlibstats.reconcile(figs), args.repeat)
            if args.no_validate:
                t_val, outcome = float("nan"), "not run"
            else:
                runs = [frictionless_validate(root, args.validate_timeout) for _ in range(slow)]
                t_val, outcome = min(runs)
            lines.append(
                f"| {n:,} | {fmt(t_csv)} | {fmt(t_load)} | **{t_load / t_csv:.2f}x** | "
                f"{cpu_ratio:.2f}x | {fmt(t_fresh_csv)} | {fmt(t_fresh)} | "
                f"{t_fresh / t_fresh_csv:.2f}x | {fmt(t_tp)} | "
                f"{fmt(t_month, n)} [{len(m):,} rows out] | {fmt(t_rec, n)} [{len(r):,} groups] "
                f"| {fmt(t_val)} ({outcome}) |"
            )
            print(f"done {n:,} rows", file=sys.stderr)
    real = real_package_rows(min(args.repeat, 5))
    print(f"Machine at start: {before}\nMachine at end: {machine()}\n")
    print("| figure rows | `read_csv` (same dtypes) | `figures()`, every check | ratio "
          "| CPU-time ratio | new process: `read_csv` | new process: `figures()` | ratio "
          "| frictionless `to_pandas()` "
          "| `monthly('killed')` | `reconcile()` | `frictionless validate` |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(lines))
    print(f"\nMedians of {args.repeat} alternating runs in one process (CPU time: every "
          f"thread); new process: each the first call of its own process, alternating, "
          f"median of {args.fresh_repeat}; to_pandas and validate: {args.slow_repeat} run "
          f"above 100 rows.\n")
    print("| the real package | time | |\n|---|---:|---|")
    print("\n".join(real))
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
