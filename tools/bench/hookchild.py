"""One instrumented language build for section (h): ``python -m tools.bench.hookchild LANG OUT``.

Run in the project copy being measured (cwd), with the environment of a language process. It times
each hook event and the core functions the hooks call, builds the site into OUT, and prints one
JSON line: {"imports", "load_config", "build", "events", "functions"}.
"""

from __future__ import annotations

import json
import sys
import time

T_START = time.perf_counter()

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

import sesguide.buildstate  # noqa: E402  (after T_START: the imports are part of what is timed)
import sesguide.check  # noqa: E402
import sesguide.data  # noqa: E402
import sesguide.freshness  # noqa: E402
import sesguide.htmlcheck  # noqa: E402
import sesguide.render  # noqa: E402
import sesguide.yamlload  # noqa: E402

# (module or class, function name, row label in the report)
WRAPPED = (
    (sesguide.data, "load", "sesguide.data.load (data/*.yml)"),
    (sesguide.check, "check_site", "sesguide.check.check_site"),
    (sesguide.freshness, "all_status", "sesguide.freshness.all_status"),
    (sesguide.freshness, "_git", "git subprocess calls (freshness._git)"),
    (sesguide.yamlload, "loads", "YAML parsing (yamlload.loads)"),
    (sesguide.render.Renderer, "_render", "Jinja data templates (Renderer._render)"),
    (sesguide.render, "environment", "Jinja environment setup"),
    (sesguide.check, "sources_digest", "sesguide.check.sources_digest"),
    (sesguide.htmlcheck, "check_site", "built-HTML security check (htmlcheck.check_site)"),
    (sesguide.buildstate, "minify_own_assets", "sesguide.buildstate.minify_own_assets"),
)


def timed(fn, key: str, stats: dict):
    """fn, adding its wall time and call count to stats[key]."""
    def inner(*a, **k):
        t0 = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            s = stats.setdefault(key, [0.0, 0])
            s[0] += time.perf_counter() - t0
            s[1] += 1
    return inner


def main(lang: str, out: str) -> dict:
    functions: dict = {}
    for owner, name, key in WRAPPED:
        fn = getattr(owner, name, None)
        if fn is not None:  # a renamed function drops its row instead of failing the benchmark
            setattr(owner, name, timed(fn, key, functions))
    t_imports = time.perf_counter() - T_START
    t0 = time.perf_counter()
    cfg = load_config("mkdocs.yml", strict=True, site_dir=out)
    t_load = time.perf_counter() - t0
    events: dict = {}
    for ev, methods in cfg.plugins.events.items():
        for i, m in enumerate(methods):
            if "sesguide_hooks" in str(getattr(m, "__module__", "")):
                methods[i] = timed(m, "on_" + ev, events)
    t0 = time.perf_counter()
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    cfg.plugins.on_shutdown()
    return {"imports": t_imports, "load_config": t_load, "build": time.perf_counter() - t0,
            "events": events, "functions": functions}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
