"""`make audit`: known vulnerabilities in the hash-pinned Python requirements.

The audit is pip-audit (itself hash-pinned in requirements-audit.txt) over requirements.txt and
requirements-audit.txt, in strict mode. This module keeps the project's policy around it: the
dated exceptions in security/audit-exceptions.txt are checked first (a malformed or expired entry
fails the audit) and passed on as --ignore-vuln, and pip-audit's vulnerability service is chosen.

pip-audit's default service, PyPI, serves advisory data per release at
``/pypi/<name>/<version>/json``. Some build networks let through only what installing needs, and
not that address; pip-audit would then report every package as "not found", which says nothing
about vulnerabilities. So ``auto`` probes the address once and, if it is unreachable, runs
pip-audit with its other service, OSV (``--vulnerability-service osv``, api.osv.dev), which holds
the same advisories. If neither can be reached, pip-audit fails and so does the audit; it never
passes unaudited.

Exit codes: 0 no known vulnerability (or only excepted ones); 1 a vulnerability or an exceptions
file problem; 2 the audit could not be completed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sesguide.problems import Problem, ProblemsFound

EXCEPTIONS = "security/audit-exceptions.txt"
REQUIREMENTS = ("requirements.txt", "requirements-audit.txt")
PYPI = "https://pypi.org/pypi"
MAX_EXCEPTION_DAYS = 90

# fetch(url) -> (HTTP status or None when unreachable, parsed JSON or None)
Fetch = Callable[[str], "tuple[int | None, dict | None]"]


@dataclass(frozen=True)
class Pin:
    file: str
    line: int
    name: str  # canonical (PEP 503) name
    version: str


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def read_pins(root: Path, files: Sequence[str] = REQUIREMENTS) -> list[Pin]:
    """Every ``name==version`` line of the lock files, once per (name, version)."""
    pins: dict[tuple[str, str], Pin] = {}
    for rel in files:
        path = root / rel
        if not path.exists():
            continue
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = _PIN.match(text)
            if m:
                key = (canonical(m.group(1)), m.group(2))
                pins.setdefault(key, Pin(rel, n, key[0], key[1]))
    return list(pins.values())


_ENTRY = re.compile(
    r"^--ignore-vuln\s+(?P<id>[A-Za-z0-9][A-Za-z0-9_.:-]*)\s+#\s*(?P<added>\d{4}-\d{2}-\d{2})\s+"
    r"(?P<reason>\S.*?),\s*review by\s+(?P<review>\d{4}-\d{2}-\d{2})\s*$"
)
_FORM = "--ignore-vuln ID  # YYYY-MM-DD reason, review by YYYY-MM-DD"


def read_exceptions(root: Path, today: dt.date) -> tuple[list[str], list[Problem]]:
    """The advisory IDs to ignore, and every problem with the exceptions file."""
    path = root / EXCEPTIONS
    if not path.exists():
        return [], []
    ids: list[str] = []
    problems: list[Problem] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue

        def problem(message: str, fix: str, n: int = n) -> None:
            problems.append(Problem(EXCEPTIONS, n, message, fix))

        m = _ENTRY.match(text)
        if not m:
            problem(
                f"not an exception entry: {text!r}",
                f"write it as `{_FORM}` (see SECURITY.md), or start the line with '#'",
            )
            continue
        try:
            added = dt.date.fromisoformat(m["added"])
            review = dt.date.fromisoformat(m["review"])
        except ValueError as exc:
            problem(f"{m['id']}: {exc}", "use real calendar dates, YYYY-MM-DD")
            continue
        if added > today:
            problem(f"{m['id']}: added {added}, which is in the future", "use the date the exception was added")
        elif review < today:
            problem(
                f"{m['id']}: the review date {review} has passed",
                "raise the pin if a fixed version now exists; otherwise renew the entry with a new "
                "reason and a review date at most 90 days ahead",
            )
        elif (review - added).days > MAX_EXCEPTION_DAYS:
            problem(
                f"{m['id']}: review by {review} is {(review - added).days} days after {added}",
                f"set a review date at most {MAX_EXCEPTION_DAYS} days after the date added",
            )
        else:
            ids.append(m["id"])
    return ids, problems


def fetch_json(url: str, timeout: float = 30.0) -> tuple[int | None, dict | None]:
    req = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "sesguide-audit"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        return None, None


def per_release_reachable(pin: Pin, fetch: Fetch) -> bool:
    status, data = fetch(f"{PYPI}/{pin.name}/{pin.version}/json")
    return status == 200 and isinstance(data, dict) and "vulnerabilities" in data


SERVICES = {"pip-audit": "pypi", "osv": "osv"}  # --mode -> pip-audit's --vulnerability-service


def run(
    root: Path,
    pip_audit: str | None,
    mode: str = "auto",
    today: dt.date | None = None,
    fetch: Fetch = fetch_json,
    runner=subprocess.call,
    out=sys.stdout,
    err=sys.stderr,
) -> int:
    today = today or dt.date.today()
    ignored, problems = read_exceptions(root, today)
    if problems:
        print(ProblemsFound(problems, "The audit exceptions have problems").report(), file=err)
        return 1
    pins = read_pins(root)
    if not pins:
        print(f"audit: no pinned requirements found in {', '.join(REQUIREMENTS)}", file=err)
        return 2
    if mode == "auto":
        mode = "pip-audit" if per_release_reachable(pins[0], fetch) else "osv"
        if mode == "osv":
            print(
                f"audit: PyPI's per-release advisory address ({PYPI}/{pins[0].name}/{pins[0].version}/json) "
                "is not reachable from here; pip-audit asks OSV (api.osv.dev) instead.",
                file=out,
            )
    if not pip_audit:
        print("audit: pip-audit is not installed; run `make audit`", file=err)
        return 2
    cmd = [
        pip_audit,
        "--strict",
        "--require-hashes",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--vulnerability-service",
        SERVICES[mode],
    ]
    for rel in REQUIREMENTS:
        if (root / rel).exists():
            cmd += ["-r", str(root / rel)]
    for vuln in ignored:
        cmd += ["--ignore-vuln", vuln]
    print("audit: " + " ".join(cmd[:1] + [c.replace(str(root) + "/", "") for c in cmd[1:]]), file=out)
    return runner(cmd)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(
        prog="python -m tools.audit", description="known vulnerabilities in the pinned requirements (network: pypi.org)"
    )
    p.add_argument("--pip-audit", help="path of the pip-audit program (make audit installs it)")
    p.add_argument(
        "--mode",
        choices=("auto", "pip-audit", "osv"),
        default="auto",
        help="pip-audit: PyPI's advisory data; osv: OSV's; auto: PyPI if its per-release data is reachable, else OSV",
    )
    args = p.parse_args(argv)
    return run(Path(__file__).resolve().parents[1], args.pip_audit, mode=args.mode)


if __name__ == "__main__":
    sys.exit(main())
