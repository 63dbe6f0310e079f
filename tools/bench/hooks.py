"""Section (h): where the time inside one language build goes (the hooks and the core functions
they call), and what the parent process of (a) spends on the check and finalize."""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sesguide.build import build
from sesguide.langprocs import mkdocs_env
from sesguide.options import ENV

from .project import _resolve_tags, read_config
from .timing import wait_quiet


def child_env_of_build(root: Path, work: Path) -> dict[str, dict]:
    """The extra environment sesguide.build.build() gives each language process (captured from a real
    build, so the profile runs the language builds exactly as (a) does)."""
    from sesguide import build as buildmod

    captured: dict[str, dict] = {}
    original = buildmod.build_languages

    def spy(root, work, jobs=2, config="mkdocs.yml", envs=None, **kwargs):
        captured.update({lang: dict(extra) for lang, extra in (envs or {}).items()})
        return original(root, work, jobs, config, envs, **kwargs)

    setattr(buildmod, "build_languages", spy)  # noqa: B010  (a spy for this one build)
    try:
        build(root, work / f"envcapture-{secrets.token_hex(4)}", jobs=2)
    finally:
        buildmod.build_languages = original
    # the profiled process must write its profile: it may not skip its teardown
    return {lang: {k: v for k, v in extra.items() if k != ENV["exit_at_once"]} for lang, extra in captured.items()}


def hook_profile(root: Path, work: Path, lang: str, extra: dict | None = None) -> dict:
    out = work / f"hookprof-{secrets.token_hex(4)}"
    wait_quiet()
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "tools.bench.hookchild", lang, str(out)],
        cwd=root,
        env=mkdocs_env(lang, extra),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    shutil.rmtree(out, ignore_errors=True)
    if r.returncode != 0:
        raise SystemExit(f"bench: the hook profile of {lang} failed:\n{r.stdout}{r.stderr}")
    data = json.loads(r.stdout.strip().splitlines()[-1])
    data["wall"] = wall
    return data


def finalize_profile(root: Path, work: Path) -> dict:
    """Time finalize() and the source check as the parent process of (a) runs them."""
    from sesguide import check, finalize, htmlcheck

    site = work / f"fin-{secrets.token_hex(4)}"
    build(root, site, jobs=2)
    out = {}
    t0 = time.perf_counter()
    check.check_site(root)
    out["check_site (parent)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    htmlcheck.check_site(site, htmlcheck.load_allowlist(root), set())
    out["built-HTML security check of both languages at once (for comparison; (a) runs it per language)"] = (
        time.perf_counter() - t0
    )
    for f in ("sitemap.xml", "robots.txt", "i18n-status.json", "_headers"):
        (site / f).unlink(missing_ok=True)
    shutil.rmtree(site / "api", ignore_errors=True)
    t0 = time.perf_counter()
    finalize.finalize(root, site, site_url=_resolve_tags(read_config(root)).get("site_url"))
    out["finalize (all of it)"] = time.perf_counter() - t0
    shutil.rmtree(site, ignore_errors=True)
    return out
