"""How fast this machine's CPU is right now: a fixed pure-Python loop, timed in CPU seconds.

A virtual machine's share of the host's CPU moves over minutes, and CPU time with it, so a
``make test`` time means little without this figure measured just before it
(docs/benchmarks.md, "Fifth round"). Run: ``.venv/bin/python benchmarks/cpu_reference.py``.
"""

from __future__ import annotations

import statistics
import time

#: Iterations of the loop: about 3 s of CPU on this project's 2-core machine when it is fast.
ITERATIONS = 30_000_000


def reference_loop(iterations: int = ITERATIONS) -> float:
    """Return the CPU seconds of ``x += i`` for ``iterations`` values of ``i``."""
    start = time.process_time()
    x = 0
    for i in range(iterations):
        x += i
    return time.process_time() - start


def main() -> None:
    """Print the CPU seconds of three runs of the loop and their median."""
    runs = [reference_loop() for _ in range(3)]
    print(" ".join(f"{r:.2f}" for r in runs), f"median {statistics.median(runs):.2f} s of CPU")


if __name__ == "__main__":
    main()
