"""The MkDocs hooks' own policy: when a language process of the full build may skip its teardown."""

import importlib.util
import logging
from pathlib import Path

import pytest

HOOKS = Path(__file__).resolve().parents[2] / "hooks" / "sesguide_hooks.py"


@pytest.fixture
def hooks(monkeypatch):
    spec = importlib.util.spec_from_file_location("sesguide_hooks_under_test", HOOKS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exits = []
    monkeypatch.setattr(module.os, "_exit", exits.append)
    module.exits = exits
    yield module
    logging.getLogger("mkdocs").removeHandler(module._WARNINGS)


def test_a_clean_language_process_of_the_full_build_exits_at_once(hooks):
    hooks.on_startup("build", dirty=False)
    hooks._COMMAND["exit_at_once"] = True  # what on_post_build sets when it succeeded
    hooks.on_shutdown()
    assert hooks.exits == [0]


def test_a_warning_lets_strict_mode_fail_the_usual_way(hooks):
    hooks.on_startup("build", dirty=False)
    hooks._COMMAND["exit_at_once"] = True
    logging.getLogger("mkdocs.plugins.example").warning("a warning strict mode turns into a failure")
    hooks.on_shutdown()
    assert hooks.exits == []


def test_other_runs_and_failed_builds_end_the_usual_way(hooks):
    hooks.on_startup("serve", dirty=False)
    hooks.on_shutdown()  # on_post_build did not succeed, or it is not the full build's process
    assert hooks.exits == []
