"""The process that forks the language builds of ``python -m sesguide build`` after loading MkDocs
once (see sesguide/langprocs.py, which starts it and reads what it reports).

    python -m hooks.fork_languages --work DIR --config mkdocs.yml --jobs 2 --options JSON LANG...

``--options`` holds each language's build options as environment variables (BuildOptions.to_env);
a child's environment is sesguide.langprocs.mkdocs_env of the language and those, as for a process
started from scratch. Each child writes what MkDocs prints to ``DIR/<lang>.log`` and builds into
``DIR/<lang>``; for each child that ends, this process prints one JSON line (language, exit code,
seconds) in the order they end. Like the hooks, this is the MkDocs side: the core does not import
MkDocs. POSIX only (os.fork).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time

from sesguide.langprocs import mkdocs_env


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
    p = argparse.ArgumentParser(prog="python -m hooks.fork_languages")
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
