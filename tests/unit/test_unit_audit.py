"""audit: dated exceptions, and which of pip-audit's vulnerability services runs. PyPI and pip-audit
are replaced by fakes: no test touches the network."""

import datetime as dt
import io
from pathlib import Path

import pytest

from tools import audit

TODAY = dt.date(2026, 11, 23)
PROJECT = Path(__file__).resolve().parents[2]

LOCK = """\
# header
--find-links /somewhere

jinja2==3.1.6 \\
    --hash=sha256:aaa
    # via mkdocs
PyYAML==6.0.3 \\
    --hash=sha256:bbb
"""
LOCK_AUDIT = """\
pip-audit==2.10.1 \\
    --hash=sha256:ccc
pyyaml==6.0.3 \\
    --hash=sha256:bbb
"""


def project(tmp_path, exceptions=None, lock=LOCK, lock_audit=LOCK_AUDIT):
    (tmp_path / "requirements.txt").write_text(lock)
    (tmp_path / "requirements-audit.txt").write_text(lock_audit)
    if exceptions is not None:
        (tmp_path / "security").mkdir()
        (tmp_path / audit.EXCEPTIONS).write_text(exceptions)
    return tmp_path


class FakePyPI:
    """Project pages from ``projects``; the per-release address answers only if ``per_release``."""

    def __init__(self, projects, per_release=False):
        self.projects, self.per_release, self.urls = projects, per_release, []

    def __call__(self, url):
        self.urls.append(url)
        parts = url.removeprefix(audit.PYPI + "/").split("/")
        if len(parts) == 3:  # name/version/json
            return (200, {"info": {}, "vulnerabilities": []}) if self.per_release else (404, None)
        page = self.projects.get(parts[0])
        return (200, page) if page is not None else (None, None)


def page(version, *vulns):
    return {"info": {"version": version}, "vulnerabilities": list(vulns)}


CLEAN = {"jinja2": page("3.1.6"), "pyyaml": page("6.0.3"), "pip-audit": page("2.10.1")}


def run(root, fetch, mode="auto", pip_audit_rc=0):
    """audit.run with a fake pip-audit that exits with ``pip_audit_rc``; returns (rc, out, err, commands)."""
    out, err = io.StringIO(), io.StringIO()
    calls = []
    rc = audit.run(
        root,
        "/venv-audit/bin/pip-audit",
        mode=mode,
        today=TODAY,
        fetch=fetch,
        runner=lambda cmd: calls.append(cmd) or pip_audit_rc,
        out=out,
        err=err,
    )
    return rc, out.getvalue(), err.getvalue(), calls


# --- lock files and exceptions ---------------------------------------------------------------


def test_pins_are_read_once_each_with_file_and_line(tmp_path):
    pins = audit.read_pins(project(tmp_path))
    assert [(p.file, p.line, p.name, p.version) for p in pins] == [
        ("requirements.txt", 4, "jinja2", "3.1.6"),
        ("requirements.txt", 7, "pyyaml", "6.0.3"),
        ("requirements-audit.txt", 1, "pip-audit", "2.10.1"),
    ]


def test_a_valid_exception_is_passed_on(tmp_path):
    root = project(
        tmp_path, "# comment\n\n--ignore-vuln GHSA-abcd-efgh-ijkl  # 2026-11-01 dev server only, review by 2027-01-30\n"
    )
    assert audit.read_exceptions(root, TODAY) == (["GHSA-abcd-efgh-ijkl"], [])


@pytest.mark.parametrize(
    "line, message, fix",
    [
        (
            "--ignore-vuln PYSEC-2026-1",
            "not an exception entry: '--ignore-vuln PYSEC-2026-1'",
            "write it as `--ignore-vuln ID  # YYYY-MM-DD reason, review by YYYY-MM-DD`",
        ),
        ("--ignore-vuln PYSEC-2026-1  # 2026-11-01 no review date", "not an exception entry", "write it as"),
        ("ignore PYSEC-2026-1", "not an exception entry", "or start the line with '#'"),
        (
            "--ignore-vuln PYSEC-2026-1  # 2026-08-01 old, review by 2026-10-30",
            "PYSEC-2026-1: the review date 2026-10-30 has passed",
            "renew the entry with a new reason",
        ),
        (
            "--ignore-vuln PYSEC-2026-1  # 2026-11-20 long, review by 2027-11-20",
            "PYSEC-2026-1: review by 2027-11-20 is 365 days after 2026-11-20",
            "at most 90 days after the date added",
        ),
        (
            "--ignore-vuln PYSEC-2026-1  # 2026-12-01 early, review by 2027-01-01",
            "PYSEC-2026-1: added 2026-12-01, which is in the future",
            "the date the exception was added",
        ),
        (
            "--ignore-vuln PYSEC-2026-1  # 2026-11-31 bad day, review by 2027-01-01",
            "PYSEC-2026-1: day is out of range for month",
            "real calendar dates",
        ),
    ],
)
def test_a_bad_exception_fails_the_audit_before_any_request(tmp_path, line, message, fix):
    root = project(tmp_path, f"# entries\n{line}\n")
    fetch = FakePyPI(CLEAN)
    rc, out, err, calls = run(root, fetch)
    assert rc == 1 and fetch.urls == [] and calls == []
    assert "The audit exceptions have problems (1 problem):" in err
    assert f"{audit.EXCEPTIONS}:2: {message}" in err
    assert fix in err


# --- which audit runs ------------------------------------------------------------------------


def test_pip_audit_runs_when_pypi_serves_per_release_data(tmp_path):
    root = project(tmp_path, "--ignore-vuln GHSA-abcd-efgh-ijkl  # 2026-11-01 dev server only, review by 2027-01-30\n")
    fetch = FakePyPI(CLEAN, per_release=True)
    rc, out, err, calls = run(root, fetch, pip_audit_rc=1)
    assert rc == 1  # pip-audit's own exit code is the result
    assert fetch.urls == [f"{audit.PYPI}/jinja2/3.1.6/json"]
    (cmd,) = calls
    assert cmd == [
        "/venv-audit/bin/pip-audit",
        "--strict",
        "--require-hashes",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--vulnerability-service",
        "pypi",
        "-r",
        str(root / "requirements.txt"),
        "-r",
        str(root / "requirements-audit.txt"),
        "--ignore-vuln",
        "GHSA-abcd-efgh-ijkl",
    ]


def test_mode_pip_audit_never_falls_back(tmp_path):
    fetch = FakePyPI(CLEAN)
    rc, out, err, calls = run(project(tmp_path), fetch, mode="pip-audit")
    assert rc == 0 and len(calls) == 1 and fetch.urls == []


def test_unreachable_per_release_data_switches_to_pip_audits_osv_service(tmp_path):
    fetch = FakePyPI(CLEAN)
    rc, out, err, calls = run(project(tmp_path), fetch)
    assert rc == 0 and fetch.urls == [f"{audit.PYPI}/jinja2/3.1.6/json"]  # one probe, nothing re-implemented
    (cmd,) = calls
    assert cmd[cmd.index("--vulnerability-service") + 1] == "osv"
    assert "pip-audit asks OSV (api.osv.dev) instead" in out


def test_mode_osv_asks_no_pypi_address_first(tmp_path):
    fetch = FakePyPI(CLEAN, per_release=True)
    rc, out, err, calls = run(project(tmp_path), fetch, mode="osv")
    assert fetch.urls == [] and calls[0][calls[0].index("--vulnerability-service") + 1] == "osv"


def test_reachable_per_release_data_uses_the_pypi_service(tmp_path):
    rc, out, err, calls = run(project(tmp_path), FakePyPI(CLEAN, per_release=True))
    assert calls[0][calls[0].index("--vulnerability-service") + 1] == "pypi"


@pytest.mark.parametrize("mode", ["auto", "pip-audit", "osv"])
def test_a_vulnerability_found_by_pip_audit_fails_the_audit_in_every_mode(tmp_path, mode):
    rc, out, err, calls = run(project(tmp_path), FakePyPI(CLEAN), mode=mode, pip_audit_rc=1)
    assert rc == 1 and len(calls) == 1


def test_exceptions_reach_pip_audit_with_either_service(tmp_path):
    root = project(tmp_path, "--ignore-vuln GHSA-abcd-efgh-ijkl  # 2026-11-01 dev server only, review by 2027-01-30\n")
    rc, out, err, calls = run(root, FakePyPI(CLEAN), mode="osv")
    assert calls[0][-2:] == ["--ignore-vuln", "GHSA-abcd-efgh-ijkl"]


def test_without_pip_audit_the_audit_is_not_completed(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    rc = audit.run(
        project(tmp_path), None, mode="osv", today=TODAY, fetch=FakePyPI(CLEAN), runner=lambda cmd: 0, out=out, err=err
    )
    assert rc == 2 and "pip-audit is not installed" in err.getvalue()


def test_no_lock_files_is_not_a_pass(tmp_path):
    rc, out, err, _ = run(tmp_path, FakePyPI(CLEAN))
    assert rc == 2 and "no pinned requirements found" in err


# --- the committed files ---------------------------------------------------------------------


def test_the_committed_exceptions_and_lock_files_parse():
    ids, problems = audit.read_exceptions(PROJECT, dt.date.today())
    assert problems == []
    pins = audit.read_pins(PROJECT)
    names = {p.name for p in pins}
    assert {"mkdocs", "mkdocs-material", "jinja2", "pip-audit"} <= names and len(pins) >= 60
