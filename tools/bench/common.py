"""What every part of the benchmark shares: the project root, the targets, logging."""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Not copied into the measured snapshot: anywhere in the tree / only at its top (tools/bench is copied).
COPY_IGNORE_ANYWHERE = (".venv*", "__pycache__", ".pytest_cache", ".build-*", "node_modules")
COPY_IGNORE_TOP = ("site", "test-artifacts", "tests", "bench", "mkdocs_*")
# Pages whose first view is broken down file by file in the report; the target is judged on every page.
WEIGHT_PAGES = ("ecqs/leading-people/", "sv/ecqs/leading-people/")
PREVIEW_PAGE = "ecqs/leading-people.md"
KIB = 1024
# Debian's Chromium, for the page weight (browser.py), Lighthouse (lighthouse.py) and the browser tests
CHROMIUM = os.environ.get("SESGUIDE_CHROMIUM", "/usr/bin/chromium")
# How the benchmark and the browser tests start Chromium: headless, and quiet and offline (no
# update checks, sync or other background requests that would count as page weight or fail CI).
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# name -> (description, limit, unit)
TARGETS = {
    "a/b": ("bilingual build ≤ 1.3 × English-only build", 1.30, "×"),
    "a/c": ("hooks + checks + finalize ≤ 10 % of build time (a/c ≤ 1.10)", 1.10, "×"),
    "t500/t50": ("500 pages ≤ 12 × the time of 50 pages", 12.0, "×"),
    "preview": ("translator preview rebuild ≤ 2 s (median)", 2.0, "s"),
    # measured by Chromium on the served build: everything fetched until the network is idle, gzip -9
    "first_typical": ("first view of a typical content page (median) ≤ 60 KiB gzip, each language", 60.0, "KiB"),
    "first_worst": ("first view of the heaviest content page ≤ 75 KiB gzip, each language", 75.0, "KiB"),
    "twin": ("the twin page in the other language, after one page ≤ 15 KiB gzip", 15.0, "KiB"),
    "first_search": ("first search (search code and index chunks) ≤ 80 KiB gzip, each language", 80.0, "KiB"),
    "lh_performance": ("Lighthouse mobile performance ≥ 98 (typical and heaviest page, each language)", 98, "score"),
    "lh_other": ("Lighthouse accessibility, best practices, SEO = 100 (same pages)", 100, "score"),
}


def log(msg: str) -> None:
    print(msg, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass

    def ver(pkg):
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "not installed"

    def git(*args):
        try:
            r = subprocess.run(
                ["git", "--no-optional-locks", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=10
            )
            return r.stdout.strip() if r.returncode == 0 else ""
        except (OSError, subprocess.TimeoutExpired):
            return ""

    changed = git("status", "--porcelain", "--untracked-files=no")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": ver("mkdocs"),
        "material": ver("mkdocs-material"),
        "i18n": ver("mkdocs-static-i18n"),
        "markdown": ver("Markdown"),
        "pyyaml": ver("PyYAML"),
        "commit": git("rev-parse", "--short", "HEAD") or "unknown",
        "modified_files": len(changed.splitlines()) if changed else 0,
    }


def verdict(key: str, value: float) -> str:
    """Sizes and times pass at or below the limit; scores ("score") at or above it."""
    _, limit, unit = TARGETS[key]
    return "PASS" if (value >= limit if unit == "score" else value <= limit) else "FAIL"


def fmt_s(v: float) -> str:
    return "–" if v != v else (f"{v:.2f} s" if v != float("inf") else "timeout")
