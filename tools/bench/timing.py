"""Timed runs with hyperfine (Debian's `hyperfine`, installed by `make sysdeps`) on a shared machine.

hyperfine times each command as a whole process (wall, user and system time per run) and reports
every run in its JSON export; this module only builds its command lines, reads that JSON and
records how busy the machine was. Two commands are measured alternately (A B A B ...: one hyperfine
call per round), so a change in the machine's load affects both alike, which a ratio between them
needs. Before each round the benchmark waits (bounded) for the CPUs to be idle; the 1-minute load
average and the CPU share other processes used during the round are recorded for the report.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .common import log

QUIET_SHARE = 0.10  # other processes may use at most 10 % of all CPUs before a round starts
QUIET_WAIT_MAX = 10.0  # seconds to wait for that per round
QUIET_WAIT_BUDGET = 120.0  # seconds of waiting in the whole benchmark
_waited = [0.0]
CONTENTION: dict[str, dict] = {}  # label -> own CPU, others' share and load average of each round


@dataclass
class Command:
    """One command to time: argv, run in `cwd` with `env` added to the benchmark's environment."""

    label: str
    argv: list[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    unset: tuple[str, ...] = ()  # variables removed from the environment (e.g. SITE_URL)
    prepare: str = ""  # shell command hyperfine runs (untimed) before every run, e.g. removing the output
    log: Path | None = None  # the command's output is appended here (hyperfine's --output keeps one run)

    def shell(self) -> str:
        """The command line hyperfine runs (through sh): `cd DIR && env -u V K=V ... argv [>> log]`."""
        env = [
            *(f"-u {shlex.quote(v)}" for v in self.unset),
            *(f"{k}={shlex.quote(v)}" for k, v in sorted(self.env.items())),
        ]
        line = f"cd {shlex.quote(str(self.cwd))} && " + (f"env {' '.join(env)} " if env else "") + shlex.join(self.argv)
        return line + (f" >> {shlex.quote(str(self.log))} 2>&1" if self.log else "")


def hyperfine_path() -> str:
    found = shutil.which("hyperfine")
    if not found:
        raise SystemExit(
            "bench: hyperfine is not installed; run `make sysdeps` (as root) or `apt-get install hyperfine`"
        )
    return found


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs from /proc/stat; (0, 0) where there is none."""
    try:
        parts = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0, 0
    vals = [int(x) for x in parts[:8]]
    idle = vals[3] + vals[4]
    return sum(vals) - idle, sum(vals)


def wait_quiet() -> None:
    """Wait (up to QUIET_WAIT_MAX, QUIET_WAIT_BUDGET in all) until other processes leave the CPUs idle."""
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


def _hyperfine(commands: list[Command], runs: int, warmup: int) -> list[dict]:
    """One hyperfine call over `commands`; its JSON results, one per command, in order."""
    with tempfile.TemporaryDirectory(prefix="bench-hyperfine-") as tmp:
        export = Path(tmp) / "results.json"
        argv = [hyperfine_path(), "--style", "none", "--runs", str(runs), "--warmup", str(warmup)]
        argv += ["--export-json", str(export)]
        for c in commands:
            argv += ["--prepare", c.prepare or "true"]
        for c in commands:
            argv += ["--command-name", c.label]
        argv += [c.shell() for c in commands]
        r = subprocess.run(argv, capture_output=True, text=True)
        if r.returncode != 0:
            names = ", ".join(c.label for c in commands)
            raise SystemExit(f"bench: hyperfine failed for {names}:\n{r.stdout}{r.stderr}")
        return json.loads(export.read_text(encoding="utf-8"))["results"]


def _record(label: str, result: dict, share: float, load: float) -> None:
    c = CONTENTION.setdefault(label, {"share": [], "cpu": [], "load": []})
    c["cpu"].append(result["user"] + result["system"])  # hyperfine's mean over the round's runs
    c["share"].append(share)
    c["load"].append(load)


def timed(commands: list[Command], runs: int, warmup: int = 1, alternate: bool = False) -> dict[str, list[float]]:
    """Wall-clock seconds of `runs` counted runs of each command, after `warmup` discarded runs.

    alternate=True: one hyperfine call per round with every command once (A B A B ...);
    otherwise one call per command with all its runs."""
    rounds = [(commands, 1)] * runs if alternate else [([c], runs) for c in commands]
    times: dict[str, list[float]] = {c.label: [] for c in commands}
    hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    warmed: set[str] = set()
    for group, n in rounds:
        cold = [c for c in group if c.label not in warmed]
        if warmup and cold:  # discarded runs, in a call of their own so their CPU time is not counted
            _hyperfine(cold, warmup, 0)
            for c in cold:  # nor their output
                if c.log:
                    c.log.unlink(missing_ok=True)
        warmed.update(c.label for c in group)
        wait_quiet()
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        b0, _ = _cpu_jiffies()
        t0 = time.perf_counter()
        results = _hyperfine(group, n, 0)
        wall = time.perf_counter() - t0
        b1, _ = _cpu_jiffies()
        own = sum((res["user"] + res["system"]) * len(res["times"]) for res in results)
        share = max(0.0, (b1 - b0) / hz - own) / (wall * (os.cpu_count() or 1))
        for c, res in zip(group, results, strict=True):
            times[c.label] += res["times"]
            _record(c.label, res, share, load)
            log(
                f"  {c.label}: {', '.join(f'{t:.2f}' for t in res['times'])} s (own CPU {res['user'] + res['system']:.2f} s; "
                f"others used {share:.0%} of the CPUs; load {load:.2f})"
            )
    return times
