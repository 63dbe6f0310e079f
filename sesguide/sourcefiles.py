"""The files a build reads from a contribution: only regular files inside the repository, of a
size a reviewer can read.

MkDocs copies every non-Markdown file under docs/ into the site as it is, and the theme loads
templates from overrides/ and templates/. A symbolic link in a pull request could therefore
publish a file from outside the checkout (a CI runner's secrets or environment), and a FIFO or
device would hang the build. So:

- docs/ holds no symbolic links at all (nothing there needs one);
- data/, overrides/ and templates/ may hold links only to files inside the repository;
- none of them holds anything but regular files and folders.

Size limits keep a page or data file from exhausting the build (Python-Markdown's inline
parser is quadratic in some inputs); the structural limits for Markdown are in ``limits``.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from .problems import Problem

NO_LINKS = ("docs",)
INSIDE_LINKS_ONLY = ("data", "overrides", "templates")
MAX_PAGE_BYTES = 128 * 1024  # the longest page today is about 22 KiB
MAX_DATA_BYTES = 1024 * 1024  # the largest data file today is about 60 KiB


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _walk(base: Path):
    """Every entry below base, without following links (os.walk does not descend into them)."""
    for folder, dirs, files in os.walk(base, followlinks=False):
        for name in sorted(dirs + files):
            yield Path(folder) / name


def _kind(mode: int) -> str | None:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return None


def check_files(root: Path, docs: Path | None = None) -> list[Problem]:
    root = root.resolve()
    docs = docs if docs is not None else root / "docs"
    bases = [(docs, True)] + [(root / name, False) for name in INSIDE_LINKS_ONLY]
    out: list[Problem] = []
    for base, no_links in bases:
        if base.is_symlink():
            out.append(_link_problem(base, root, no_links=True))
            continue
        if not base.is_dir():
            continue
        for path in _walk(base):
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                if no_links or not _inside(path, root):
                    out.append(_link_problem(path, root, no_links))
                continue
            kind = _kind(st.st_mode)
            if kind:
                out.append(
                    Problem(
                        _shown(path, root),
                        None,
                        f"{kind} is not allowed in the site sources",
                        "Remove it: the sources hold only regular files and folders.",
                    )
                )
                continue
            limit = (
                MAX_PAGE_BYTES
                if path.suffix == ".md" and base == docs
                else MAX_DATA_BYTES
                if stat.S_ISREG(st.st_mode) and path.suffix in (".yml", ".yaml")
                else None
            )
            if limit and st.st_size > limit:
                out.append(too_large(_shown(path, root), st.st_size, limit))
    return out


def too_large(shown: str, size: int, limit: int) -> Problem:
    return Problem(
        shown,
        None,
        f"the file is {size // 1024} KiB; the limit is {limit // 1024} KiB",
        "Split it into several pages or files; a file this large is not readable in review and "
        "can make the build run for minutes.",
    )


def _inside(path: Path, root: Path) -> bool:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop
        return False
    return target.is_relative_to(root) and target.is_file()


def _link_problem(path: Path, root: Path, no_links: bool) -> Problem:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    if no_links:
        return Problem(
            _shown(path, root),
            None,
            f"symbolic link (to {target}) is not allowed in docs/",
            "Replace the link with the file itself (git add the real file); docs/ must hold only "
            "regular files, or a file from outside the repository could be published.",
        )
    return Problem(
        _shown(path, root),
        None,
        f"symbolic link to {target} points outside the repository or to no file",
        "Replace the link with the file itself, or point it at a file inside the repository.",
    )


def is_plain_file(path: Path) -> bool:
    """A regular file that is not a link (what readers of the sources may open)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def sources_digest(root: Path, docs: Path | None = None) -> str:
    """A fingerprint of everything check_site reads (pages and data files), so a build that has
    just checked the sources can tell its per-language MkDocs processes not to check them again."""
    docs = docs or root / "docs"
    h = hashlib.sha256()
    for base in (docs, root / "data"):
        for f in sorted(p for p in base.rglob("*") if is_plain_file(p)):
            h.update(str(f.relative_to(root) if f.is_relative_to(root) else f).encode() + b"\0")
            h.update(f.read_bytes() + b"\0")
    return h.hexdigest()
