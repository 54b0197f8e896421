"""What each fast path of the loader is worth: ``figures()`` at 100,000 rows with and without it.

Run from the project root (``make bench`` runs it after ``run.py``)::

    .venv/bin/python benchmarks/fast_paths.py                 # 100,000 rows, 7 rounds
    .venv/bin/python benchmarks/fast_paths.py --rows 10000 --rounds 3 --only wording

The package is ``run.py``'s synthetic one (the real schema and checklist, ``figures.csv``
grown to ``--rows``). Each fast path that stayed in the engine is replaced, for one call,
by the plain way of doing the same thing (a monkeypatch below: the code that was, or would
be, there without it); ``figures()`` is timed with it and without it, alternately, in one
process, and the ratio of each pair kept: the median of those ratios (wall time, and CPU
time of every thread) is what removing the fast path would cost. Issue 19's rule: a fast
path whose removal costs less than 5% is removed. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402

import idlibstats  # noqa: E402
from idlibstats.datapackage.rules import wording  # noqa: E402
from idlibstats.datapackage.validation import (  # noqa: E402
    checklist,
    constraints,
    keys,
    source,
    types,
)


@contextlib.contextmanager
def patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    """Replace ``owner.name`` by ``value`` for the duration."""
    old = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, old)


def _hash_here(data: bytes, algorithm: str) -> Callable[[], str]:
    digest = hashlib.new(algorithm, data).hexdigest()
    return lambda: digest


def _row_by_row(formula: Any, columns: dict[str, tuple[str, Any]], n: int) -> np.ndarray:
    """Each row's Python values through the formula, as frictionless evaluates it."""
    code = compile(formula.text, "<formula>", "eval")
    names = list(formula.names)
    values = [columns[name][1].to_pylist() for name in names]
    ok = np.zeros(n, bool)
    for i, row in enumerate(zip(*values, strict=True)):
        try:
            ok[i] = bool(eval(code, {"__builtins__": {}}, dict(zip(names, row, strict=True))))
        except Exception:  # frictionless fails the row on any error, so does this
            ok[i] = False
    return ok


def _found_in_python(state: Any, here: list[str], keys_: Any, rows: Any = None) -> np.ndarray:
    local = [state.key_values(f) for f in here]
    if not isinstance(keys_, set):
        keys_ = {(k,) for k in keys_.to_pylist()}
    rows = zip(*(c.to_pylist() for c in local), strict=True)
    return np.fromiter((row in keys_ for row in rows), bool, count=state.n)


def _always_copied(state: Any, spec: dict[str, Any]) -> Any:
    if spec.get("type", "string") == "string":
        text, missing = state.text(spec["name"]), state.is_missing(spec["name"])
        return pc.if_else(pa.array(missing), pa.scalar(None, text.type), text)
    return ORIGINAL_TYPED(state, spec)


ORIGINAL_TYPED = types._typed

FAST_PATHS: dict[str, tuple[str, Callable[[], contextlib.AbstractContextManager[None]]]] = {
    "arrow": ("Arrow's parser for one line per row (without: every file by the exact csv "
              "reader)", lambda: patched(source, "_arrow_read", lambda *a, **k: None)),
    "hash-thread": ("sha256 in a thread while the CSV is parsed (without: before it)",
                    lambda: patched(source, "_hash", _hash_here)),
    "pattern-head": ("a pattern H.* matched as ^H when no cell holds a newline (without: "
                     "the whole pattern)", lambda: patched(constraints, "_one_line_head",
                                                           lambda pattern: None)),
    "text-kept": ("a text column with nothing missing kept as it is (without: copied with "
                  "nulls)", lambda: patched(types, "_typed", _always_copied)),
    "wording": ("a plain wording ('at least 12') read by Arrow (without: each distinct "
                "wording by the number parser)", lambda: patched(wording, "_PLAIN", "^$x")),
    "foreign-keys": ("a one-field foreign key looked up by Arrow (without: a Python set)",
                     lambda: patched(keys, "_found", _found_in_python)),
    "row-rules": ("the checklist's formulas on whole columns (without: row by row, as "
                  "frictionless evaluates them)", lambda: patched(checklist, "holds",
                                                                  _row_by_row)),
}


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    """Time ``figures()`` with and without each fast path; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7, help="pairs per fast path")
    parser.add_argument("--only", nargs="+", choices=list(FAST_PATHS), default=list(FAST_PATHS))
    args = parser.parse_args(argv)
    before = run.machine()
    print(f"machine: {before}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="idlibstats-fast-paths-") as tmp:
        root = run.make_package(Path(tmp) / "package", args.rows)
        load = lambda: idlibstats.figures(root)  # noqa: E731
        expected = load()
        for key in args.only:  # every variant loads the same frame
            with FAST_PATHS[key][1]():
                assert load().equals(expected), key
        pairs: dict[str, list[tuple[float, float, float, float]]] = {k: [] for k in args.only}
        for i in range(args.rounds):
            for key in args.only:
                with_it = _timed(load)
                with FAST_PATHS[key][1]():
                    without = _timed(load)
                pairs[key].append((*with_it, *without))
            print(f"round {i + 1} of {args.rounds}", file=sys.stderr)
    print(f"Machine at start: {before}\nMachine at end: {run.machine()}\n")
    print(f"`figures()` at {args.rows:,} rows, with and without each fast path, alternately; "
          f"medians of {args.rounds} pairs (the ratios: median of each pair's ratio).\n")
    print("| fast path | with | without | removal costs (wall) | (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for key in args.only:
        got = pairs[key]
        wall = statistics.median(b[2] / b[0] for b in got) - 1
        cpu = statistics.median(b[3] / b[1] for b in got) - 1
        print(f"| `{key}`: {FAST_PATHS[key][0]} | {statistics.median(b[0] for b in got) * 1e3:.0f}"
              f" ms | {statistics.median(b[2] for b in got) * 1e3:.0f} ms | {wall:+.1%} | "
              f"{cpu:+.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
