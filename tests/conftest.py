"""Shared fixtures: one strict bilingual build per test session, in subprocesses, into a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from projectkit import ROOT  # noqa: F401

from sesguide.build import build


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The real site, built exactly as `make build` does (strict, both languages, checks)."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT, out, jobs=2)
    return out, result


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    return site_build[0]
