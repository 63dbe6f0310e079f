"""The language processes of the full build: how build.py starts them and learns how they ended
(launcher), and the process that forks them after loading MkDocs once (main).

``python -m sesguide build`` builds each language with its own ``mkdocs build --strict``. Started
one by one, each of those processes spends about 0.3 s of CPU importing the same modules (MkDocs
and its plugins, the theme, Markdown and its extensions, Jinja, Babel, matplotlib, the core) before
it builds anything: on a 2-core machine, where the build keeps both cores busy, that repeated
start-up is time the build waits for. Here one process loads all of it and forks a child per
language (at most ``--jobs`` at a time); each child sets its language's environment and runs
MkDocs' own command line, as a process started from scratch would.

    python -m sesguide.langprocs --work DIR --config mkdocs.yml --jobs 2 --options JSON LANG...

``--options`` holds each language's build options as environment variables (BuildOptions.to_env);
a child's environment is mkdocs_env of the language and those, as for a started process.

Each child writes what MkDocs prints to ``DIR/<lang>.log`` and builds into ``DIR/<lang>``; for
each child that ends, this process prints one JSON line (language, exit code, seconds), in the
order they end, so the build can use a core as soon as one is free. Only on POSIX (os.fork);
elsewhere the processes are started one by one (_OneByOne). No MkDocs import happens before
main() runs.
"""

from __future__ import annotations

import argparse
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
    """The language processes forked from one process that has loaded MkDocs once (langprocs.py);
    results in the order the languages end."""

    def __init__(self, root: Path, work: Path, jobs: int, config: str, envs: dict[str, dict]):
        self.work, self.t0 = work, time.perf_counter()
        cmd = [sys.executable, "-m", "sesguide.langprocs", *LANGUAGES, "--work", str(work), "--config", config]
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
        ended = set()
        for line in self.proc.stdout:
            r = json.loads(line)
            ended.add(r["lang"])
            output = (self.work / f"{r['lang']}.log").read_text(encoding="utf-8", errors="replace")
            # seconds since the processes were started, the shared start-up included (as _OneByOne)
            yield LangResult(r["lang"], r["returncode"], output, time.perf_counter() - self.t0)
        self.proc.wait()
        self.log.seek(0)
        failure = self.log.read().strip()
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


# -- the forking process ------------------------------------------------------------------------


def preload(config: str) -> None:
    """Import what every language build imports: loading the configuration imports the theme,
    the plugins, the Markdown extensions and the hooks (and with them the core); matplotlib is
    imported when the first figure is drawn. Nothing is built and no state is kept."""
    import matplotlib

    matplotlib.use("svg", force=False)
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    from mkdocs.commands import build  # noqa: F401
    from mkdocs.config import load_config

    load_config(config)


def _child(lang: str, work: str, config: str, env: dict) -> None:
    """In the forked child: the language's environment, its output to its log, MkDocs' command."""
    os.environ.clear()
    os.environ.update(env)
    log = os.open(os.path.join(work, f"{lang}.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    code = 1
    try:
        from mkdocs.__main__ import cli

        cli(["build", "--strict", "--clean", "-f", config, "-d", os.path.join(work, lang)], prog_name="mkdocs")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001  (printed to the log, like an uncaught error in a process)
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def run(langs: list[str], work: str, config: str, jobs: int, envs: dict[str, dict], child=None) -> None:
    """Fork a child per language (at most `jobs` at a time) with the environment `envs[lang]`;
    `child(lang, work, config, env)` is what a child runs (and never returns from)."""
    child = child or _child
    pending = list(langs)
    running: dict[int, tuple[str, float]] = {}
    while pending or running:
        while pending and len(running) < max(1, jobs):
            lang = pending.pop(0)
            pid = os.fork()
            if pid == 0:
                child(lang, work, config, envs[lang])
            running[pid] = (lang, time.perf_counter())
        pid, status = os.wait()
        lang, t0 = running.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        print(json.dumps({"lang": lang, "returncode": code, "seconds": round(time.perf_counter() - t0, 3)}), flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m sesguide.langprocs")
    p.add_argument("langs", nargs="+")
    p.add_argument("--work", required=True)
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--options", required=True, help="JSON: {lang: its build options as environment variables}")
    args = p.parse_args(argv)
    options = json.loads(args.options)
    envs = {lang: mkdocs_env(lang, options.get(lang)) for lang in args.langs}
    os.environ.update(envs[args.langs[0]])  # the configuration loads as in the first language's build
    try:
        with contextlib.redirect_stdout(sys.stderr):  # stdout carries the results only
            preload(args.config)
    except Exception:  # noqa: BLE001  (a warm-up: each child then reports the error itself)
        pass
    run(args.langs, args.work, args.config, args.jobs, envs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
