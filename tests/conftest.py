"""Shared fixtures: one strict bilingual build per test session, in subprocesses, into a temp dir."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sesguide.build import build  # noqa: E402

COPY_IGNORE = shutil.ignore_patterns(".git", ".venv*", "site", "node_modules", "test-artifacts", ".build-*",
                                     "__pycache__", ".pytest_cache", "tests")


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The real site, built exactly as `make build` does (strict, both languages, checks)."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT, out, jobs=2)
    return out, result


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    return site_build[0]


def copy_project(dest: Path) -> Path:
    """A full copy of the project sources (for failure-path builds that mutate them)."""
    shutil.copytree(ROOT, dest, ignore=COPY_IGNORE)
    return dest
