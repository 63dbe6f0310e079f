"""Sections (a), (a') and (b), the real builds, and (c), the same builds with the hooks disabled."""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sesguide import LANGUAGES
from sesguide.build import BuildFailed, build, mkdocs_env

from .common import median
from .project import _resolve_tags, read_config, write_config


def run_full(root: Path, work: Path, jobs: int) -> dict:
    out = work / f"site-{secrets.token_hex(4)}"
    try:
        t = build(root, out, jobs=jobs)
    except BuildFailed as exc:
        raise SystemExit(f"bench: the full build failed:\n{exc}") from None
    t.pop("logs", None)
    return t


def _parts(res: list[dict]) -> dict:
    """Medians of the phases build() reports: the parent's source check (it runs while the language
    processes start), each language process, and the rest (merge, finalize, swap)."""
    return {
        "check": median([x["check"] for x in res]),
        "build_en": median([x["build_en"] for x in res]),
        "build_sv": median([x["build_sv"] for x in res]),
        "after": median([x["total"] - max(x["build_en"], x["build_sv"]) for x in res]),
    }


def clean(work: Path):
    def _clean():
        for d in work.iterdir():
            shutil.rmtree(d, ignore_errors=True)

    return _clean


def run_english_only(root: Path, work: Path) -> None:
    out = work / f"en-{secrets.token_hex(4)}"
    r = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
        cwd=root,
        env=mkdocs_env("en"),
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        raise SystemExit(f"bench: the English-only build failed:\n{r.stdout}{r.stderr}")


# -- (c) hooks disabled ------------------------------------------------------------------------------

NO_HOOKS_EXPLAINED = (
    "Hooks disabled (c) = the two per-language `mkdocs build --strict` processes, run in parallel as in (a), with a "
    "generated copy of mkdocs.yml per language that has no `hooks:` entry. What the hooks did is replaced by static "
    "values computed once before timing: the `registry:` nav items expanded to the qualification pages, "
    "`extra.sesguide` (the template data the overrides read), `extra.alternate`, the per-language `site_url`, the "
    "Swedish permalink title and the per-language search `lang`. NOT done in (c): the source checks (in the parent "
    "and again in each language process), loading data/ and the translation status (git calls) per process, the "
    "data markers (tables of qualifications, pay, glossary, sources and status are not rendered, so those pages are "
    "smaller), the page footer and abbreviation list, anchor aliases, the merge and finalize (sitemap, API JSON, "
    "i18n status, redirects, _headers, the built-HTML security check). Because data-rendered anchors are missing, "
    "the copy sets validation.links.anchors to `info`; everything else stays strict."
)


def no_hooks_configs(root: Path) -> dict[str, Path]:
    """Write mkdocs.nohooks-<lang>.yml into root (a temp copy) with static equivalents of the hooks' work."""
    from sesguide.buildstate import BuildState

    base = read_config(root)
    base.pop("hooks", None)
    base = _resolve_tags(base)
    paths = {}
    for lang in LANGUAGES:
        cfg = json.loads(json.dumps(base))  # deep copy of plain data
        state = BuildState.start(root, root / cfg.get("docs_dir", "docs"), lang, cfg.get("site_url"))
        cfg["site_url"] = state.lang_site_url
        cfg["nav"] = state.expand_nav(cfg["nav"])
        extra = cfg.setdefault("extra", {})
        extra["alternate"] = [{"name": state.text("language_switch"), "link": "/", "lang": state.other_lang}]
        extra["sesguide"] = state.template_info()
        exts = []
        for ext in cfg.get("markdown_extensions", []):
            if ext == "toc" or (isinstance(ext, dict) and "toc" in ext):
                opts = dict(ext["toc"] or {}) if isinstance(ext, dict) else {}
                opts["permalink_title"] = state.text("permalink_title")
                ext = {"toc": opts}
            exts.append(ext)
        cfg["markdown_extensions"] = exts
        plugins = []
        for p in cfg.get("plugins", []):
            if p == "search" or (isinstance(p, dict) and "search" in p):
                opts = dict(p["search"] or {}) if isinstance(p, dict) else {}
                opts["lang"] = [lang]
                p = {"search": opts}
            elif isinstance(p, dict) and "i18n" in p:
                p = {"i18n": dict(p["i18n"], build_only_locale=lang)}
            plugins.append(p)
        cfg["plugins"] = plugins
        cfg.setdefault("validation", {}).setdefault("links", {})["anchors"] = "info"
        path = root / f"mkdocs.nohooks-{lang}.yml"
        write_config(path, cfg)
        paths[lang] = path
    return paths


def run_no_hooks(root: Path, work: Path, configs: dict[str, Path]) -> dict:
    tag = secrets.token_hex(4)
    procs, t0 = {}, time.perf_counter()
    for lang in LANGUAGES:
        cmd = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-f",
            str(configs[lang]),
            "-d",
            str(work / f"nohooks-{tag}-{lang}"),
        ]
        procs[lang] = subprocess.Popen(
            cmd, cwd=root, env=mkdocs_env(lang), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    per = {}
    for lang, p in procs.items():
        out, _ = p.communicate()
        per[lang] = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit(f"bench: the hooks-disabled {lang} build failed:\n{out}")
    return per
