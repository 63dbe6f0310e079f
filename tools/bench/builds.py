"""Sections (a), (a') and (b), the real builds, and (c), the same builds with the hooks disabled."""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

from sesguide import LANGUAGES
from sesguide.options import ENV

from .common import median
from .project import _resolve_tags, read_config, write_config
from .timing import Command

# Environment of the measured commands beyond the benchmark's own (as sesguide.build gives its
# language processes); SITE_URL is removed, so every build uses mkdocs.yml's public root.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}
UNSET = (ENV["site_url"],)
_LINE = re.compile(r"^build: .* written in ([\d.]+) s \(check ([\d.]+) s, (.*), jobs=\d+\)$", re.M)


def _remove(path: Path) -> str:
    return f"rm -rf {shlex.quote(str(path))}"


def full_build(root: Path, work: Path, jobs: int, label: str) -> Command:
    """`python -m sesguide build` as a contributor runs it; its summary lines go to a log for _parts."""
    out = work / f"site-{label}"
    argv = [sys.executable, "-m", "sesguide", "build", "--site-dir", str(out), "--jobs", str(jobs)]
    return Command(label, argv, root, QUIET, UNSET, prepare=_remove(out), log=work / f"{label}.log")


def english_only(root: Path, work: Path, label: str = "b") -> Command:
    """One language alone, as `make serve-en` builds it: BUILD_ONLY_LOCALE=en mkdocs build --strict."""
    out = work / f"site-{label}"
    argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)]
    return Command(label, argv, root, {**QUIET, "BUILD_ONLY_LOCALE": "en"}, UNSET, prepare=_remove(out))


def _parts(command: Command) -> dict:
    """Medians of the phases `sesguide build` reports in its summary line, over the logged runs: the
    parent's source check (it runs beside the language processes), when each language was built
    (seconds after the language processes started), and the rest (merge, finalize, swap)."""
    text = command.log.read_text(encoding="utf-8") if command.log and command.log.exists() else ""
    runs = []
    for total, check, langs in _LINE.findall(text):
        per = {f"build_{k}": float(v) for k, v in re.findall(r"(\w+) ([\d.]+) s", langs)}
        runs.append({"total": float(total), "check": float(check), **per})
    if not runs:
        raise SystemExit(f"bench: no build summary in the output of {command.label}:\n{text[-2000:]}")
    return {
        "check": median([x["check"] for x in runs]),
        **{f"build_{lang}": median([x[f"build_{lang}"] for x in runs]) for lang in LANGUAGES},
        "after": median([x["total"] - max(x[f"build_{lang}"] for lang in LANGUAGES) for x in runs]),
    }


# -- (c) hooks disabled ------------------------------------------------------------------------------

NO_HOOKS_EXPLAINED = (
    "Hooks disabled (c) = the two per-language `mkdocs build --strict` processes, run in parallel (each started on "
    "its own, not forked as in (a)), with a "
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


def no_hooks(root: Path, work: Path, configs: dict[str, Path], label: str = "c") -> Command:
    """The per-language builds of the hook-less configurations, in parallel as in (a), as one
    shell command (so hyperfine times both): it fails when either build fails."""
    lines = []
    for lang in LANGUAGES:
        out = work / f"nohooks-{lang}"
        argv = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-f",
            str(configs[lang]),
            "-d",
            str(out),
        ]
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in {**QUIET, "BUILD_ONLY_LOCALE": lang}.items())
        lines.append(f"env {env} {shlex.join(argv)}")
    *others, last = lines
    script = "".join(f"{line} & p{i}=$!; " for i, line in enumerate(others)) + f"{last}; s=$?; "
    script += "".join(f"wait $p{i} || s=1; " for i in range(len(others))) + "exit $s"
    prepare = " && ".join(_remove(work / f"nohooks-{lang}") for lang in LANGUAGES)
    return Command(label, ["sh", "-c", script], root, {}, UNSET, prepare=prepare)
