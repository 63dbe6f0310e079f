"""The language processes of the full build: how build.py starts them, what each gets in its
environment, and how it ended.

``python -m sesguide build`` builds each language with its own ``mkdocs build --strict``. Started
one by one, each of those processes spends about 0.3 s of CPU importing the same modules (MkDocs
and its plugins, the theme, Markdown and its extensions, Jinja, Babel, matplotlib, the core) before
it builds anything: on a 2-core machine, where the build keeps both cores busy, that repeated
start-up is time the build waits for. So where it can (os.fork), the build starts one process,
``python -m hooks.fork_languages`` (the MkDocs side of the house, beside the hooks), which loads
all of it once and forks a child per language that runs MkDocs' own command line (_Forked);
elsewhere the processes are started one by one (_OneByOne). No MkDocs imports here.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import LANGUAGES
from .options import ENV

# -- the build's side: starting the language processes and reading how they ended ---------------


@dataclass
class LangResult:
    lang: str
    returncode: int
    output: str
    seconds: float


def mkdocs_env(lang: str, extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.pop(ENV["site_url"], None)  # the build's options say which public root; nothing inherited does
    env.update(
        {
            "BUILD_ONLY_LOCALE": lang,
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(extra or {})
    return env


def _start(root: Path, lang: str, out: Path, config: str, env_extra: dict | None):
    """One language's `mkdocs build`, with `env_extra` (that language's options) in its environment."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", config, "-d", str(out)]
    return subprocess.Popen(
        cmd, cwd=root, env=mkdocs_env(lang, env_extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


class _OneByOne:
    """The language processes started one by one (`python -m mkdocs build` each), where there is no
    os.fork; results in the order the languages were started."""

    def __init__(self, root: Path, work: Path, jobs: int, config: str, envs: dict[str, dict]):
        self.args = (root, work, config, envs)
        self.pending, self.jobs = list(LANGUAGES), max(1, jobs)
        self.running: list[tuple[str, float, subprocess.Popen]] = []
        self._fill()

    def _fill(self) -> None:
        root, work, config, envs = self.args
        while self.pending and len(self.running) < self.jobs:
            lang = self.pending.pop(0)
            self.running.append((lang, time.perf_counter(), _start(root, lang, work / lang, config, envs.get(lang))))

    def results(self):
        while self.running:
            lang, t0, proc = self.running[0]
            output, _ = proc.communicate()
            self.running.pop(0)
            self._fill()
            yield LangResult(lang, proc.returncode, output, time.perf_counter() - t0)

    def kill(self) -> None:
        for _, _, proc in self.running:
            proc.kill()
            proc.communicate()


class _Forked:
    """The language processes forked from one process that has loaded MkDocs once (hooks/fork_languages.py);
    results in the order the languages end."""

    def __init__(self, root: Path, work: Path, jobs: int, config: str, envs: dict[str, dict]):
        self.work, self.t0 = work, time.perf_counter()
        cmd = [sys.executable, "-m", "hooks.fork_languages", *LANGUAGES, "--work", str(work), "--config", config]
        cmd += ["--jobs", str(jobs), "--options", json.dumps(envs)]
        self.log = open(work / "langprocs.log", "w+", encoding="utf-8")  # noqa: SIM115  (closed in results/kill)
        # its own process group: stopping the build stops the forked language processes too
        self.proc = subprocess.Popen(
            cmd,
            cwd=root,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            start_new_session=True,
        )

    def results(self):
        assert self.proc.stdout is not None
        ended, stray = set(), []
        for line in self.proc.stdout:
            try:
                r = json.loads(line)
            except ValueError:  # not a report: shown with the failure below, if there is one
                stray.append(line)
                continue
            ended.add(r["lang"])
            output = (self.work / f"{r['lang']}.log").read_text(encoding="utf-8", errors="replace")
            # seconds since the processes were started, the shared start-up included (as _OneByOne)
            yield LangResult(r["lang"], r["returncode"], output, time.perf_counter() - self.t0)
        self.proc.wait()
        self.log.seek(0)
        failure = ("".join(stray) + self.log.read()).strip()
        self.log.close()
        for lang in LANGUAGES:  # the forking process itself failed before this language ended
            if lang not in ended:
                yield LangResult(lang, self.proc.returncode or 1, failure, 0.0)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.communicate()
        self.log.close()


def launcher():
    """How this machine starts the language processes: forked where it can (_Forked), else one by one."""
    return _Forked if hasattr(os, "fork") else _OneByOne
