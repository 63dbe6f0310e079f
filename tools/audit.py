"""`make audit`: known vulnerabilities in the hash-pinned Python requirements.

The audit is pip-audit (itself hash-pinned in requirements-audit.txt) against PyPI's advisory
data, which PyPI serves per release at ``/pypi/<name>/<version>/json``. Before pip-audit runs,
this module checks the dated exceptions in security/audit-exceptions.txt (a malformed or expired
entry fails the audit) and probes that per-release address once.

Some build networks let through only what installing needs: the package index and each project's
page ``/pypi/<name>/json``, but not the per-release address. pip-audit then reports every package
as "not found on PyPI", which says nothing about vulnerabilities. In that case this module reads
the same advisory records from the project page, where PyPI lists the vulnerabilities of the
project's *latest* release. For a pin that is the latest release, those are exactly the records
pip-audit would get; a pin that is not the latest cannot be audited that way and is reported as
not audited (exit 2), never as clean. No request goes anywhere but pypi.org.

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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
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
    name: str       # canonical (PEP 503) name
    version: str


@dataclass(frozen=True)
class Finding:
    pin: Pin
    vuln_id: str
    aliases: tuple[str, ...]
    fixed_in: tuple[str, ...]
    link: str


@dataclass
class LatestResult:
    findings: list[Finding] = field(default_factory=list)
    excepted: list[Finding] = field(default_factory=list)
    behind: list[tuple[Pin, str]] = field(default_factory=list)       # (pin, latest release)
    unreachable: list[tuple[Pin, str]] = field(default_factory=list)  # (pin, what happened)
    audited: int = 0


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


_ENTRY = re.compile(r"^--ignore-vuln\s+(?P<id>[A-Za-z0-9][A-Za-z0-9_.:-]*)\s+#\s*(?P<added>\d{4}-\d{2}-\d{2})\s+"
                    r"(?P<reason>\S.*?),\s*review by\s+(?P<review>\d{4}-\d{2}-\d{2})\s*$")
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
            problem(f"not an exception entry: {text!r}",
                    f"write it as `{_FORM}` (see SECURITY.md), or start the line with '#'")
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
            problem(f"{m['id']}: the review date {review} has passed",
                    "raise the pin if a fixed version now exists; otherwise renew the entry with a new "
                    "reason and a review date at most 90 days ahead")
        elif (review - added).days > MAX_EXCEPTION_DAYS:
            problem(f"{m['id']}: review by {review} is {(review - added).days} days after {added}",
                    f"set a review date at most {MAX_EXCEPTION_DAYS} days after the date added")
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


def _same_version(a: str, b: str) -> bool:
    try:
        from packaging.version import InvalidVersion, Version
        try:
            return Version(a) == Version(b)
        except InvalidVersion:
            return a == b
    except ImportError:  # pragma: no cover - packaging is pinned in requirements.txt
        return a == b


def audit_latest(pins: Sequence[Pin], ignored: Sequence[str], fetch: Fetch, workers: int = 8) -> LatestResult:
    """Vulnerabilities of each pin from PyPI's project page, valid only where the pin is the latest release."""
    ignore = {i.upper() for i in ignored}
    result = LatestResult()

    def one(pin: Pin):
        return pin, fetch(f"{PYPI}/{pin.name}/json")

    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(one, pins))
    for pin, (status, data) in answers:
        if status != 200 or not isinstance(data, dict):
            result.unreachable.append((pin, f"HTTP {status}" if status else "no answer"))
            continue
        info, vulns = data.get("info"), data.get("vulnerabilities")
        latest = info.get("version") if isinstance(info, dict) else None
        if not isinstance(latest, str) or not isinstance(vulns, list):
            result.unreachable.append((pin, "the answer has no release version or vulnerability list"))
            continue
        if not _same_version(pin.version, latest):
            result.behind.append((pin, latest))
            continue
        result.audited += 1
        for v in vulns:
            if not isinstance(v, dict) or v.get("withdrawn"):
                continue
            f = Finding(pin, str(v.get("id", "?")), tuple(map(str, v.get("aliases") or ())),
                        tuple(map(str, v.get("fixed_in") or ())), str(v.get("link") or ""))
            names = {f.vuln_id.upper(), *(a.upper() for a in f.aliases)}
            (result.excepted if names & ignore else result.findings).append(f)
    return result


def finding_problem(f: Finding) -> Problem:
    aka = f" ({', '.join(f.aliases)})" if f.aliases else ""
    fixed = f"fixed in {', '.join(f.fixed_in)}" if f.fixed_in else "no fixed version listed"
    link = f"; {f.link}" if f.link else ""
    return Problem(f.pin.file, f.pin.line, f"{f.pin.name} {f.pin.version}: {f.vuln_id}{aka}, {fixed}{link}",
                   "raise the pin in requirements.in (or requirements-audit.in) to a fixed version and run "
                   "`make lock`; only if none can be pinned, add a dated exception to "
                   f"{EXCEPTIONS} (see SECURITY.md)")


def report_latest(result: LatestResult, out=sys.stdout, err=sys.stderr) -> int:
    for f in result.excepted:
        print(f"audit: {f.pin.name} {f.pin.version}: {f.vuln_id} is excepted in {EXCEPTIONS}", file=out)
    rc = 0
    if result.findings:
        print(ProblemsFound([finding_problem(f) for f in result.findings],
                            "Known vulnerabilities in the pinned requirements").report(), file=err)
        rc = 1
    incomplete = [Problem(p.file, p.line, f"{p.name} {p.version} is not the latest release ({latest}), so "
                          "PyPI's project page does not say whether it is affected",
                          "raise the pin with `make lock` (after checking the release notes), or run "
                          "`make audit` where pypi.org/pypi/<name>/<version>/json is reachable "
                          "(the pull-request workflow's audit job)")
                  for p, latest in result.behind]
    incomplete += [Problem(p.file, p.line, f"{p.name} {p.version}: PyPI's project page could not be read ({why})",
                           "run `make audit` again with access to pypi.org") for p, why in result.unreachable]
    if incomplete:
        print(ProblemsFound(incomplete, "Not audited").report(), file=err)
        rc = rc or 2
    if rc == 0:
        n = result.audited
        print(f"audit: no known vulnerabilities in {n} pinned package{'s' if n != 1 else ''} "
              "(PyPI advisory data for the latest release, which every pin is)", file=out)
    return rc


def run(root: Path, pip_audit: str | None, mode: str = "auto", today: dt.date | None = None,
        fetch: Fetch = fetch_json, runner=subprocess.call, out=sys.stdout, err=sys.stderr) -> int:
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
        mode = "pip-audit" if per_release_reachable(pins[0], fetch) else "latest"
        if mode == "latest":
            print(f"audit: PyPI's per-release advisory address ({PYPI}/{pins[0].name}/{pins[0].version}/json) "
                  "is not reachable from here, so pip-audit cannot look packages up; reading the same "
                  "advisory records from each project's page instead (valid for pins that are the "
                  "latest release).", file=out)
    if mode == "pip-audit":
        if not pip_audit:
            print("audit: pip-audit is not installed; run `make audit`", file=err)
            return 2
        cmd = [pip_audit, "--strict", "--require-hashes", "--disable-pip", "--progress-spinner", "off"]
        for rel in REQUIREMENTS:
            if (root / rel).exists():
                cmd += ["-r", str(root / rel)]
        for vuln in ignored:
            cmd += ["--ignore-vuln", vuln]
        print("audit: " + " ".join(cmd[:1] + [c.replace(str(root) + "/", "") for c in cmd[1:]]), file=out)
        return runner(cmd)
    return report_latest(audit_latest(pins, ignored, fetch), out, err)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    p = argparse.ArgumentParser(prog="python -m tools.audit",
                                description="known vulnerabilities in the pinned requirements (network: pypi.org)")
    p.add_argument("--pip-audit", help="path of the pip-audit program (make audit installs it)")
    p.add_argument("--mode", choices=("auto", "pip-audit", "latest"), default="auto",
                   help="auto: pip-audit if PyPI's per-release data is reachable, else the latest-release check")
    args = p.parse_args(argv)
    return run(Path(__file__).resolve().parents[1], args.pip_audit, mode=args.mode)


if __name__ == "__main__":
    sys.exit(main())
