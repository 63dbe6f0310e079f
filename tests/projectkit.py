"""Shared by the integration tests: where the project is, and how to copy it for mutation."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv*", "site", "node_modules", "test-artifacts", ".build-*", "__pycache__", ".pytest_cache", "tests"
)


def copy_project(dest: Path) -> Path:
    """A full copy of the project sources (for failure-path builds that mutate them)."""
    shutil.copytree(ROOT, dest, ignore=COPY_IGNORE)
    return dest
