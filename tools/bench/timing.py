"""Timed runs on a shared machine: wait for idle CPUs, record what other processes used."""

from __future__ import annotations

import os
import time
from pathlib import Path

from .common import log

# Other work on the machine (other builds, test suites) distorts wall-clock times on 2 cores. Before each
# run the benchmark waits (bounded) for the CPUs to be idle, and it records how much CPU time other
# processes used during each run, so RESULTS.md can say how quiet the machine was.
QUIET_SHARE = 0.10  # other processes may use at most 10 % of all CPUs before a run starts
QUIET_WAIT_MAX = 10.0  # seconds to wait for that per run
QUIET_WAIT_BUDGET = 120.0  # seconds of waiting in the whole benchmark
RETRY_DEADLINE = 540.0  # no more repeated runs once the benchmark has run this long
_STARTED = time.perf_counter()
ACCEPT_SHARE = 0.15  # a counted run during which others used more than this is repeated ...
MAX_ATTEMPTS = 3  # ... at most this many times in all
_waited = [0.0]
CONTENTION: dict[str, dict] = {}


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs from /proc/stat; (0, 0) where there is none."""
    try:
        parts = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0, 0
    vals = [int(x) for x in parts[:8]]
    idle = vals[3] + vals[4]
    return sum(vals) - idle, sum(vals)


def _own_cpu() -> float:
    import resource

    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def wait_quiet() -> None:
    if _waited[0] >= QUIET_WAIT_BUDGET:
        return
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < QUIET_WAIT_MAX and _waited[0] + (time.perf_counter() - t0) < QUIET_WAIT_BUDGET:
        b0, n0 = _cpu_jiffies()
        time.sleep(0.5)
        b1, n1 = _cpu_jiffies()
        if n1 == n0 or (b1 - b0) / (n1 - n0) < QUIET_SHARE:
            break
    _waited[0] += time.perf_counter() - t0


def _measure(fn, cleanup):
    wait_quiet()
    hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    b0, _ = _cpu_jiffies()
    c0 = _own_cpu()
    t0 = time.perf_counter()
    res = fn()
    t = time.perf_counter() - t0
    own = _own_cpu() - c0
    b1, _ = _cpu_jiffies()
    share = max(0.0, (b1 - b0) / hz - own) / (t * (os.cpu_count() or 1))
    if cleanup:
        cleanup()
    return t, own, share, res


def timed_runs(
    fn, runs: int, warmup: int = 1, label: str = "", cleanup=None, max_attempts: int | None = None
) -> tuple[list[float], list]:
    """Run fn() warmup + runs times; return the wall-clock seconds and results of the counted runs.

    cleanup() (untimed) runs after each run. A counted run during which other processes used more
    than ACCEPT_SHARE of the CPUs is repeated (at most MAX_ATTEMPTS times; then the least disturbed
    attempt counts). Own CPU time and the other processes' share are recorded in CONTENTION."""
    times, results = [], []
    for i in range(warmup + runs):
        tries = []
        while True:
            tries.append(_measure(fn, cleanup))
            t, own, share, _ = tries[-1]
            name = f"run {i + 1 - warmup}" if i >= warmup else "warm-up"
            log(f"  {label} {name}: {t:.2f} s (own CPU {own:.2f} s; other processes used {share:.0%} of the CPUs)")
            if (
                i < warmup
                or share <= ACCEPT_SHARE
                or len(tries) >= (max_attempts or MAX_ATTEMPTS)
                or time.perf_counter() - _STARTED > RETRY_DEADLINE
            ):
                break
            log("    (repeated: the machine was busy)")
        if i >= warmup:
            t, own, share, res = min(tries, key=lambda x: x[2])
            times.append(t)
            results.append(res)
            c = CONTENTION.setdefault(label, {"share": [], "cpu": [], "repeated": 0})
            c["share"].append(share)
            c["cpu"].append(own)
            c["repeated"] += len(tries) - 1
    return times, results
