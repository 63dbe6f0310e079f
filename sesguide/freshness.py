"""Translation freshness: each Swedish page records a fingerprint of the English text it translates.

Policy (see CONTRIBUTING.md):
- a Swedish page without a fingerprint fails the build (``make translation-stamp PAGE=...``);
- an outdated page (English changed since the recorded fingerprint) does NOT fail the build, so
  English fixes are never blocked; readers see a notice with a link to the English page, and the
  page is listed as outdated on the status page and in /i18n-status.json;
- an English change that needs no re-translation (typo, link fix) is re-stamped in the same pull
  request with ``make translation-stamp PAGE=...`` and said so in the PR description.

A hash, unlike a commit ID, survives squash merges and shallow clones.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import pages as pagemod
from .problems import Problem, ProblemsFound
from .urls import SOURCE_LANGUAGE, TRANSLATED_LANGUAGE

HASH_LEN = 16
IGNORED_META = {"last_reviewed", "translation"}


def fingerprint(english_text: str) -> str:
    """sha256 of the English page as a translator sees it: body plus translatable front matter."""
    meta, _, body, _ = pagemod.split_front_matter(english_text.replace("\r\n", "\n"), "<english>")
    parts = [f"{k}: {meta[k]}" for k in ("title", "description") if k in meta]
    lines = [ln.rstrip() for ln in body.strip().split("\n")]
    norm = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    digest = hashlib.sha256(("\n".join(parts) + "\n\n" + norm).encode("utf-8")).hexdigest()
    return digest[:HASH_LEN]


def recorded(sv_meta: dict) -> str | None:
    t = sv_meta.get("translation")
    if isinstance(t, dict) and isinstance(t.get("source_hash"), str):
        return t["source_hash"]
    return None


@dataclass
class Status:
    path: str
    state: str  # current | outdated | missing | unstamped
    en_last_reviewed: str | None
    sv_last_reviewed: str | None
    english_changed: str | None
    recorded_hash: str | None
    current_hash: str | None


def _git(root: Path, *args: str) -> str | None:
    try:
        r = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout if r.returncode == 0 else None


def english_change_date(root: Path, en_file: Path, fallback: str | None) -> str | None:
    """Date of the last commit that touched the English file, or its last_reviewed date."""
    rel = str(en_file.relative_to(root)) if en_file.is_relative_to(root) else str(en_file)
    out = _git(root, "log", "-1", "--format=%cs", "--", rel)
    dirty = _git(root, "status", "--porcelain", "--", rel)
    if out and out.strip() and not (dirty and dirty.strip()):
        return out.strip()
    return fallback


def english_change_dates(root: Path, docs: Path) -> dict[str, str]:
    """{page path: date of the last commit touching docs/en/<path>} in two git calls, for pages
    without uncommitted changes (those fall back to their last_reviewed date)."""
    en = docs / SOURCE_LANGUAGE
    rel = str(en.relative_to(root)) if en.is_relative_to(root) else str(en)
    log = _git(root, "log", "--format=@%cs", "--name-only", "--", rel)
    dirty = _git(root, "status", "--porcelain", "--", rel) or ""
    if log is None:
        return {}
    dirty_paths = {ln[3:].strip() for ln in dirty.splitlines() if ln.strip()}
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line.strip() and line not in dirty_paths:
            page = line[len(rel) + 1 :] if line.startswith(rel + "/") else None
            if page and page not in dates:
                dates[page] = date
    return dates


def page_status(root: Path, docs: Path, path: str, with_dates: bool = True, dates: dict | None = None) -> Status:
    en_file, sv_file = docs / SOURCE_LANGUAGE / path, docs / TRANSLATED_LANGUAGE / path
    en_text = en_file.read_text(encoding="utf-8") if en_file.exists() else None
    en_meta = pagemod.split_front_matter(en_text, str(en_file))[0] if en_text else {}
    cur = fingerprint(en_text) if en_text is not None else None
    en_rev = str(en_meta.get("last_reviewed")) if en_meta.get("last_reviewed") else None
    if dates is not None:
        changed = dates.get(path, en_rev)
    elif with_dates and en_text is not None:
        changed = english_change_date(root, en_file, en_rev)
    else:
        changed = en_rev
    if not sv_file.exists():
        return Status(path, "missing", en_rev, None, changed, None, cur)
    sv_meta = pagemod.split_front_matter(sv_file.read_text(encoding="utf-8"), str(sv_file))[0]
    rec = recorded(sv_meta)
    sv_rev = str(sv_meta.get("last_reviewed")) if sv_meta.get("last_reviewed") else None
    if rec is None:
        state = "unstamped"
    else:
        state = "current" if rec == cur else "outdated"
    return Status(path, state, en_rev, sv_rev, changed, rec, cur)


def all_status(root: Path, docs: Path, with_dates: bool = True) -> list[Status]:
    paths = sorted(set(pagemod.list_pages(docs, SOURCE_LANGUAGE)) | set(pagemod.list_pages(docs, TRANSLATED_LANGUAGE)))
    dates = english_change_dates(root, docs) if with_dates else None
    return [page_status(root, docs, p, with_dates, dates) for p in paths if (docs / SOURCE_LANGUAGE / p).exists()]


def missing_fingerprints(sv_pages: list) -> list[Problem]:
    out = []
    for page in sv_pages:
        if recorded(page.meta) is None:
            out.append(
                Problem(
                    page.file,
                    page.meta_lines.get("translation", 1),
                    "no translation fingerprint (translation.source_hash) in the front matter",
                    f"After translating, run: make translation-stamp PAGE={page.path}",
                )
            )
    return out


def stamp(root: Path, docs: Path, path: str) -> str:
    """Record the current English fingerprint in the Swedish page's front matter; return it."""
    en_file, sv_file = docs / SOURCE_LANGUAGE / path, docs / TRANSLATED_LANGUAGE / path
    if not en_file.exists():
        raise ProblemsFound(
            [
                Problem(
                    f"docs/{SOURCE_LANGUAGE}/{path}",
                    None,
                    "the page does not exist",
                    "Give the path below docs/en and docs/sv, e.g. ecqs/leading-people.md.",
                )
            ],
            "Nothing to stamp",
        )
    if not sv_file.exists():
        raise ProblemsFound(
            [
                Problem(
                    f"docs/{TRANSLATED_LANGUAGE}/{path}",
                    None,
                    "the page does not exist",
                    "Translate it first, then stamp it.",
                )
            ],
            "Nothing to stamp",
        )
    value = fingerprint(en_file.read_text(encoding="utf-8"))
    text = sv_file.read_text(encoding="utf-8").replace("\r\n", "\n")
    m = pagemod.FRONT_MATTER_RE.match(text)
    block = f"translation:\n  source_hash: {value}\n"
    if not m:
        text = f"---\n{block}---\n\n" + text
    else:
        fm = m.group(1) or ""
        fm = re.sub(r"^translation:.*?(?=^\S|\Z)", "", fm, flags=re.S | re.M)
        if fm and not fm.endswith("\n"):
            fm += "\n"
        text = "---\n" + fm + block + "---\n" + text[m.end() :]
    sv_file.write_text(text, encoding="utf-8")
    return value


def english_diff(root: Path, docs: Path, path: str, recorded_hash: str | None) -> tuple[str, str]:
    """(how, text): a unified diff of the English since the recorded version, or the current English."""
    en_file = docs / SOURCE_LANGUAGE / path
    rel = str(en_file.relative_to(root)) if en_file.is_relative_to(root) else str(en_file)
    current = en_file.read_text(encoding="utf-8")
    log = _git(root, "log", "--format=%H %cs", "--", rel) if recorded_hash else None
    for entry in (log or "").split("\n"):
        if not entry.strip():
            continue
        commit, date = entry.split(" ", 1)
        old = _git(root, "show", f"{commit}:{rel}")
        if old is not None and fingerprint(old) == recorded_hash:
            diff = difflib.unified_diff(
                old.split("\n"),
                current.split("\n"),
                f"{rel} (translated version, {commit[:10]}, {date})",
                f"{rel} (now)",
                lineterm="",
            )
            return "diff", "\n".join(diff)
    return "current", current
