"""Failure paths through the real build command: tiny mutations of a copy of the project, each
asserting a non-zero exit, the exact message, and that the previous site/ survives."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from projectkit import copy_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


def run(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sesguide", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**ENV, **(env or {})},
        timeout=300,
    )


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def tree_digest(site: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(site.rglob("*")):
        if f.is_file():
            h.update(f.relative_to(site).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()


# (name, mutation, exact expected lines in stderr)
def m_missing_sv(p):
    (p / "docs/sv/ecqs/leading-people.md").unlink()
    return [
        "docs/sv/ecqs/leading-people.md: missing Swedish page for qualification ecq-2025-4 "
        "(registry: data/qualifications.yml)",
        "  Fix: Create it (translate docs/en/ecqs/leading-people.md), or remove the entry from the registry.",
        "docs/en/ecqs/leading-people.md: the Swedish twin docs/sv/ecqs/leading-people.md is missing",
    ]


def m_missing_en(p):
    (p / "docs/en/qrb.md").unlink()
    return ["docs/sv/qrb.md: the English page docs/en/qrb.md is missing (orphan Swedish page)"]


def m_orphan(p):
    src = (
        (p / "docs/en/ecqs/achieving-results.md").read_text(encoding="utf-8").replace("qualification: ecq-2025-5\n", "")
    )
    (p / "docs/en/ecqs/extra.md").write_text(src, encoding="utf-8")
    (p / "docs/sv/ecqs/extra.md").write_text(
        (p / "docs/sv/ecqs/achieving-results.md")
        .read_text(encoding="utf-8")
        .replace("qualification: ecq-2025-5\n", ""),
        encoding="utf-8",
    )
    return [
        "docs/en/ecqs/extra.md: page in a qualification folder is not in the registry (orphan)",
        "docs/sv/ecqs/extra.md: page in a qualification folder is not in the registry (orphan)",
    ]


def m_id_mismatch(p):
    f = p / "docs/sv/ecqs/leading-people.md"
    edit(f, "qualification: ecq-2025-4", "qualification: ecq-2006-2")
    n = line_of(f, "qualification: ecq-2006-2")
    return [
        f"docs/sv/ecqs/leading-people.md:{n}: front matter says qualification 'ecq-2006-2' but the registry "
        "lists this page as 'ecq-2025-4'"
    ]


def m_heading_id(p):
    f = p / "docs/sv/qrb.md"
    text = f.read_text(encoding="utf-8")
    m = re.search(r"^## .*\{ #([a-z0-9-]+) \}$", text, re.M)
    edit(f, "{ #" + m.group(1) + " }", "{ #" + m.group(1) + "-sv }")
    n = line_of(f, "{ #" + m.group(1) + "-sv }")
    return [
        f"docs/sv/qrb.md: heading ID '#{m.group(1)}' (English line "
        f"{line_of(p / 'docs/en/qrb.md', '{ #' + m.group(1) + ' }')}) is missing in the Swedish page",
        f"docs/sv/qrb.md:{n}: heading ID '#{m.group(1)}-sv' does not exist in the English page docs/en/qrb.md",
    ]


def m_number(p):
    f = p / "docs/sv/pay.md"
    text = f.read_text(encoding="utf-8")
    m = re.search(r"(?<![\d ])(20[0-2]\d)(?![\d])", text.split("---", 2)[2])
    year = m.group(1)
    wrong = str(int(year) + 30)
    body_start = text.index("---", 3)
    idx = text.index(year, body_start)
    f.write_text(text[:idx] + wrong + text[idx + 4 :], encoding="utf-8")
    n = line_of(f, wrong)
    return [f"docs/sv/pay.md:{n}: the number '{wrong}' does not appear in the English page docs/en/pay.md"]


def m_malformed_yaml(p):
    f = p / "data/pay.yml"
    edit(f, "  - year: 2012\n", "  - year: 2012\n   bad: [unclosed\n")
    return ["data/pay.yml:", "invalid YAML"]


def m_duplicate_key(p):
    f = p / "data/qualifications.yml"
    edit(f, "    framework: ecq-2025\n    order: 4\n", "    framework: ecq-2025\n    order: 4\n    order: 5\n")
    return ["found duplicate key 'order'"]


def m_schema(p):
    f = p / "data/pay.yml"
    edit(f, "minimum: 151661", 'minimum: "151,661"')
    n = line_of(f, 'minimum: "151,661"')
    return [
        f"data/pay.yml:{n}: years[16].minimum: expected a whole number, found text '151,661'",
        "  Fix: Write digits only, without separators, currency signs or quotes.",
    ]


def m_unknown_marker(p):
    f = p / "docs/en/pay.md"
    edit(f, "<!-- data:pay-table -->", "<!-- data:pay-tabel -->")
    n = line_of(f, "<!-- data:pay-tabel -->")
    return [f"docs/en/pay.md:{n}: unknown data marker 'data:pay-tabel'"]


def m_missing_fingerprint(p):
    f = p / "docs/sv/cdp.md"
    text = f.read_text(encoding="utf-8")
    f.write_text(re.sub(r"translation:\n  source_hash: [0-9a-f]+\n", "", text), encoding="utf-8")
    return [
        "docs/sv/cdp.md:1: no translation fingerprint (translation.source_hash) in the front matter",
        "  Fix: After translating, run: make translation-stamp PAGE=cdp.md",
    ]


def m_forbidden_term(p):
    f = p / "docs/sv/about-ses.md"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.rstrip("\n") + "\n\nDen högsta tjänsten är ett felaktigt namn.\n", encoding="utf-8")
    n = len(f.read_text(encoding="utf-8").splitlines())
    return [f"docs/sv/about-ses.md:{n}: forbidden term 'den högsta tjänsten' (termbase entry 'ses')"]


def m_script(p):
    f = p / "docs/sv/cdp.md"
    f.write_text(f.read_text(encoding="utf-8").rstrip("\n") + "\n\n<script>alert('x')</script>\n", encoding="utf-8")
    n = len(f.read_text(encoding="utf-8").splitlines())
    return [f"docs/sv/cdp.md:{n}: raw HTML <script> is not allowed in pages"]


CASES = [
    m_missing_sv,
    m_missing_en,
    m_orphan,
    m_id_mismatch,
    m_heading_id,
    m_number,
    m_malformed_yaml,
    m_duplicate_key,
    m_schema,
    m_unknown_marker,
    m_missing_fingerprint,
    m_forbidden_term,
    m_script,
]


@pytest.mark.parametrize("mutate", CASES, ids=[c.__name__[2:] for c in CASES])
def test_build_fails_with_message(project, mutate):
    expected = mutate(project)
    r = run(project, "build", "--site-dir", str(project / "site"))
    assert r.returncode != 0
    for line in expected:
        assert line in r.stderr, f"expected:\n{line}\n--- got:\n{r.stderr}"
    assert not (project / "site").exists()


def test_template_error_fails_the_build_and_keeps_the_old_site(project):
    site = project / "site"
    assert run(project, "build", "--site-dir", str(site)).returncode == 0
    before = tree_digest(site)
    edit(project / "templates/pay-table.md.j2", "{{ row.year }}", "{{ row.yeer }}")
    r = run(project, "build", "--site-dir", str(site))
    assert r.returncode != 0
    assert "docs/en/pay.md:" in r.stderr and "data:pay-table:" in r.stderr and "yeer" in r.stderr
    assert "Data markers could not be rendered" in r.stderr
    assert f"The build failed; {site} was left as it was." in r.stderr
    assert tree_digest(site) == before


def test_failed_source_check_keeps_the_old_site(project):
    site = project / "site"
    assert run(project, "build", "--site-dir", str(site)).returncode == 0
    before = tree_digest(site)
    (project / "docs/sv/ecqs/2006/leading-change.md").unlink()
    r = run(project, "build", "--site-dir", str(site))
    assert r.returncode != 0 and "missing Swedish page for qualification ecq-2006-1" in r.stderr
    assert tree_digest(site) == before
    assert not list(project.glob(".build-*")), "temporary build directories are cleaned up"


def test_mkdocs_itself_fails_with_a_plugin_error(project):
    """The hook enforces the same rules when MkDocs is run directly (strict or not)."""
    f = project / "docs/sv/pay.md"
    head, sep, body = f.read_text(encoding="utf-8").partition("\n---\n")
    assert "2026" in body
    f.write_text(head + sep + body.replace("2026", "2062", 1), encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(project / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**ENV, "BUILD_ONLY_LOCALE": "sv"},
        timeout=300,
    )
    assert r.returncode != 0
    assert "the number '2062' does not appear in the English page docs/en/pay.md" in r.stderr + r.stdout
    assert "Aborted with a BuildError" in r.stderr + r.stdout


def test_mkdocs_without_a_language_says_how_to_build(project):
    r = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(project / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        env={k: v for k, v in ENV.items() if k != "BUILD_ONLY_LOCALE"},
        timeout=300,
    )
    assert r.returncode != 0
    assert "BUILD_ONLY_LOCALE is not set to en or sv" in r.stderr + r.stdout


def test_check_command_reports_all_problems_at_once(project):
    m_missing_fingerprint(project)
    m_script(project)
    m_forbidden_term(project)
    r = run(project, "check")
    assert r.returncode == 1
    assert "The site sources have problems (3 problems):" in r.stderr


def test_hostile_files_and_embeds_fail_the_build_and_keep_the_old_site(project, tmp_path):
    """Round 2 of the hostile corpus through the real build: a symlink that would publish a file
    from outside the repository, an image from another host, invisible characters in a termbase
    phrase, markup in front matter and a page made to exhaust Markdown. Each fails naming the
    source file (and line or key), and the site built before survives unchanged."""
    site = project / "site"
    assert run(project, "build", "--site-dir", str(site)).returncode == 0
    before = tree_digest(site)
    secret = tmp_path / "runner-environ"
    secret.write_text("GITHUB_TOKEN=ghs_not_for_publishing\n")
    os.symlink(secret, project / "docs/sv/bakgrund.png")
    pay = project / "docs/sv/pay.md"
    edit(pay, "\n## ", "\n![Diagram](https://tracker.example/p.png)\n\n## ")
    img_line = line_of(pay, "tracker.example")
    qrb = project / "docs/sv/qrb.md"
    edit(qrb, "\ntitle: ", "\ntitle: <b>QRB</b> ")
    cdp = project / "docs/sv/cdp.md"
    cdp.write_text(cdp.read_text(encoding="utf-8") + "\n" + "[a " * 5000 + "\n", encoding="utf-8")
    r = run(project, "build", "--site-dir", str(site))
    assert r.returncode != 0
    for line in (
        f"docs/sv/bakgrund.png: symbolic link (to {secret}) is not allowed in docs/",
        f"docs/sv/pay.md:{img_line}: an image from another site (https://tracker.example/p.png) is not allowed",
        f"docs/sv/qrb.md:{line_of(qrb, 'title: ')}: front matter 'title' contains markup or template syntax ('<')",
        f"docs/sv/cdp.md:{line_of(cdp, '[a [a')}: a block has more than 200 '[' characters",
    ):
        assert line in r.stderr, f"expected:\n{line}\n--- got:\n{r.stderr}"
    assert "Traceback" not in r.stderr
    assert tree_digest(site) == before
    assert not list(project.glob(".build-*"))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_built_html_that_slips_through_stops_the_build_in_either_language(project, lang):
    """The built-HTML check is the last line behind the source checks: here a template change puts
    an <iframe> into every page of one language only. English pages are checked in their language
    process, Swedish pages by the build itself (build.CHECKED_HERE); either way the build stops,
    names the built file and line, and leaves the old site as it was."""
    site = project / "site"
    assert run(project, "build", "--site-dir", str(site)).returncode == 0
    before = tree_digest(site)
    edit(
        project / "overrides/main.html",
        '  <meta charset="utf-8">\n',
        f'  <meta charset="utf-8">\n  {{% if s.lang == "{lang}" %}}<iframe src="https://evil.example/"></iframe>{{% endif %}}\n',
    )
    r = run(project, "build", "--site-dir", str(site))
    assert r.returncode != 0
    shown = "site/" if lang == "en" else "site/sv/"
    assert f"{shown}pay/index.html:" in r.stderr and "built page contains <iframe> element" in r.stderr, r.stderr
    other = "site/sv/pay/index.html" if lang == "en" else "site/pay/index.html"
    assert other not in r.stderr  # the other language's pages are clean
    assert f"The build failed; {site} was left as it was." in r.stderr
    assert tree_digest(site) == before
