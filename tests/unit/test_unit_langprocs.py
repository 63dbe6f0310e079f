"""hooks/fork_languages.py and sesguide.langprocs: the language processes forked from one process
that has loaded MkDocs once."""

import importlib.util
import json
import os
import time
from pathlib import Path

import pytest

from sesguide import build, langprocs

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
_spec = importlib.util.spec_from_file_location("fork_languages_under_test", HOOKS / "fork_languages.py")
forker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(forker)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking needs POSIX")


def _fake_build(lang, work, config, env):
    """What a forked child runs instead of `mkdocs build` here: it prints, waits, exits."""
    os.dup2(os.open(os.path.join(work, f"{lang}.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
    os.write(1, f"{lang} built with {env['BUILD_ONLY_LOCALE']} {env.get('SESGUIDE_HTML_CHECK', '-')}\n".encode())
    time.sleep(float(env["DELAY"]))
    os._exit(int(env["CODE"]))


def _run(tmp_path, capfd, jobs, envs):
    forker.run(["en", "sv"], str(tmp_path), "mkdocs.yml", jobs, envs, child=_fake_build)
    return [json.loads(line) for line in capfd.readouterr().out.splitlines()]


def test_each_language_is_reported_as_it_ends_with_its_exit_code_and_output(tmp_path, capfd):
    envs = {
        "en": langprocs.mkdocs_env("en", {"SESGUIDE_HTML_CHECK": "1", "DELAY": "0.6", "CODE": "0"}),
        "sv": langprocs.mkdocs_env("sv", {"DELAY": "0", "CODE": "3"}),
    }
    ended = _run(tmp_path, capfd, 2, envs)
    assert [(r["lang"], r["returncode"]) for r in ended] == [("sv", 3), ("en", 0)]  # sv ends first
    assert (tmp_path / "en.log").read_text() == "en built with en 1\n"
    assert (tmp_path / "sv.log").read_text() == "sv built with sv -\n"


def test_one_job_builds_the_languages_one_after_the_other(tmp_path, capfd):
    envs = {lang: langprocs.mkdocs_env(lang, {"DELAY": "0.3", "CODE": "0"}) for lang in ("en", "sv")}
    t0 = time.perf_counter()
    ended = _run(tmp_path, capfd, 1, envs)
    assert [r["lang"] for r in ended] == ["en", "sv"] and time.perf_counter() - t0 >= 0.6


def test_the_build_reads_the_processes_it_forked(tmp_path, monkeypatch):
    """build_languages over langprocs, on a project whose MkDocs configuration is broken: each
    language process reports the error itself (the shared start-up only warms up)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    here = os.path.dirname(os.path.dirname(os.path.abspath(langprocs.__file__)))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])))
    results = build.build_languages(tmp_path, work, jobs=2)
    assert [r.lang for r in results] == ["en", "sv"]
    assert all(r.returncode != 0 and "mkdocs.yml" in r.output for r in results), [r.output for r in results]


def test_a_line_that_is_not_a_report_is_shown_with_the_failure(tmp_path):
    """Whatever else the forking process prints is not taken for a report; if a language then never
    ends, its result carries that text (and the process's stderr) instead of a traceback here."""
    import subprocess
    import sys

    (tmp_path / "en.log").write_text("en built\n", encoding="utf-8")
    forked = langprocs._Forked.__new__(langprocs._Forked)
    forked.work, forked.t0 = tmp_path, 0.0
    forked.log = open(tmp_path / "langprocs.log", "w+", encoding="utf-8")  # noqa: SIM115
    script = (
        'print(\'a plugin says hello\'); print(\'{"lang": "en", "returncode": 0, "seconds": 1}\'); raise SystemExit(3)'
    )
    forked.proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=forked.log, text=True)
    results = {r.lang: r for r in forked.results()}
    assert (results["en"].returncode, results["en"].output) == (0, "en built\n")
    assert results["sv"].returncode == 3 and "a plugin says hello" in results["sv"].output
