"""One profiled language build for section (h): ``python -m tools.bench.hookchild LANG OUT``.

Run in the project copy being measured (cwd), with the environment of a language process. It
builds the site into OUT under cProfile and prints one JSON line with the time spent in each hook
event and in the core functions the hooks call (cumulative seconds and calls, from pstats), plus
the start-up phases. cProfile slows Python code down, so compare the rows with each other, not
with the wall times of the other sections.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import sys
import time

T_START = time.perf_counter()

from mkdocs.commands.build import build  # noqa: E402  (after T_START: the imports are part of what is timed)
from mkdocs.config import load_config  # noqa: E402

import sesguide.buildstate  # noqa: E402, F401  (imported here so the import time is counted)

HOOKS = "sesguide_hooks.py"
# (file name, function name, row label in the report)
FUNCTIONS = (
    ("data.py", "load", "sesguide.data.load (data/*.yml)"),
    ("schema.py", "validate", "JSON Schema validation (schema.validate)"),
    ("check.py", "check_site", "sesguide.check.check_site"),
    ("sourcefiles.py", "sources_digest", "sesguide.sourcefiles.sources_digest"),
    ("freshness.py", "all_status", "sesguide.freshness.all_status"),
    ("freshness.py", "_git", "git subprocess calls (freshness._git)"),
    ("yamlload.py", "loads", "YAML parsing (yamlload.loads)"),
    ("render.py", "_render", "Jinja data templates (Renderer._render)"),
    ("render.py", "environment", "Jinja environment setup"),
    ("htmlcheck.py", "check_site", "built-HTML security check (htmlcheck.check_site)"),
    ("assets.py", "minify_own_assets", "sesguide.assets.minify_own_assets"),
)


def rows(stats: pstats.Stats) -> tuple[dict, dict]:
    """(hook events, core functions): {label: [cumulative seconds, calls]}."""
    events: dict = {}
    functions: dict = {}
    wanted = {(f, n): label for f, n, label in FUNCTIONS}
    for (path, _line, name), (_cc, calls, _tt, cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        file = path.replace("\\", "/").rsplit("/", 1)[-1]
        if file == HOOKS and name.startswith("on_"):
            events[name] = [cum, calls]
        elif (file, name) in wanted and "/sesguide/" in path.replace("\\", "/"):
            functions[wanted[(file, name)]] = [cum, calls]
    return events, functions


def main(lang: str, out: str) -> dict:
    t_imports = time.perf_counter() - T_START
    t0 = time.perf_counter()
    cfg = load_config("mkdocs.yml", strict=True, site_dir=out)
    t_load = time.perf_counter() - t0
    profile = cProfile.Profile()
    t0 = time.perf_counter()
    profile.enable()
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    cfg.plugins.on_shutdown()
    profile.disable()
    t_build = time.perf_counter() - t0
    events, functions = rows(pstats.Stats(profile))
    return {"imports": t_imports, "load_config": t_load, "build": t_build, "events": events, "functions": functions}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
