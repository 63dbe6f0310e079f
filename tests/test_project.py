"""Project guardrails: pins, configuration choices that other features depend on, the two commands."""

from __future__ import annotations

import re
import subprocess
import sys

from projectkit import ROOT

from sesguide import check


def test_sources_pass_every_check():
    problems = check.check_site(ROOT)
    assert [str(p) for p in problems] == []


def test_check_command_is_quick_and_clean():
    r = subprocess.run([sys.executable, "-m", "sesguide", "check"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("check: all sources are consistent")


def test_requirements_are_exact_and_hashed():
    text = (ROOT / "requirements.txt").read_text()
    reqs = re.findall(r"^([A-Za-z0-9_.-]+)==([^ \\\n]+)", text, re.M)
    names = {n.lower(): v for n, v in reqs}
    version = lambda name: tuple(int(x) for x in names[name].split("."))  # noqa: E731
    assert version("mkdocs") < (2,)  # MkDocs 2 drops plugins and theme overrides
    assert version("mkdocs-material") >= (9, 8, 2)  # the last maintenance line
    assert version("jinja2") >= (3, 1, 6)  # the sandbox fixes
    direct = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.in").read_text(), re.M))
    assert {n.lower(): v for n, v in direct.items()} == {n.lower(): names[n.lower()] for n in direct}, (
        "requirements.txt is not compiled from requirements.in: run make lock"
    )
    assert "mkdocs-macros-plugin" not in names
    blocks = re.split(r"\n(?=[A-Za-z])", text.split("\n\n", 1)[-1])
    for block in blocks:
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]
    assert not re.search(r"^[A-Za-z0-9_.-]+\s*(>=|~=|<|>)", text, re.M)


def test_mkdocs_config_guards():
    cfg = (ROOT / "mkdocs.yml").read_text()
    assert re.search(r"^\s+font: false$", cfg, re.M), "no Google Fonts"
    assert "navigation.instant" not in cfg, "breaks the contextual language switcher"
    assert "mermaid" not in cfg.lower(), "Mermaid would load from a CDN"
    assert "macros" not in cfg, "Markdown is never a template"
    assert "snippets" not in cfg, "pymdownx.snippets can include arbitrary files"
    assert re.search(r"^\s+docs_structure: folder$", cfg, re.M)
    for key in ("anchors", "not_found", "omitted_files", "unrecognized_links", "absolute_links"):
        assert re.search(rf"^\s+{key}: warn$", cfg, re.M), key


def test_readme_opens_with_the_two_commands():
    first = (ROOT / "README.md").read_text().split("\n")[:4]
    assert first == ["```sh", "make serve", "make test", "```"]


def test_ci_runs_the_readme_test_command():
    lines = [ln.strip() for ln in (ROOT / ".ci/run").read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    assert "make test" in lines
    assert "set -euo pipefail" in lines


def test_workflows_are_hardened():
    wf = ROOT / ".github" / "workflows"
    for f in wf.glob("*.yml"):
        text = re.sub(r"(^|\s)#.*$", "", f.read_text(), flags=re.M)  # comments may explain, not configure
        assert "pull_request_target" not in text, f
        for uses in re.findall(r"uses:\s*(\S+)", text):
            assert re.search(r"@[0-9a-f]{40}$", uses), f"{f.name}: {uses} is not pinned to a commit SHA"
        assert re.search(r"^permissions:\s*\n\s+contents: read", text, re.M), f


def test_lock_files_carry_no_machine_specific_package_sources():
    # pip-compile copies index and find-links options from the local pip configuration; a path
    # that exists only on one machine makes every other install warn or look in the wrong place.
    for name in ("requirements.txt", "requirements-audit.txt"):
        text = (ROOT / name).read_text()
        body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
        assert not re.search(r"^\s*(--index-url|--extra-index-url|--find-links|-f |-i )", body, re.M), name
        assert "file://" not in body, name


def test_pull_request_workflow_runs_the_tests_and_the_real_audit():
    text = (ROOT / ".github/workflows/pr.yml").read_text()
    runs = [r.strip() for r in re.findall(r"^\s+run:\s*(.+)$", text, re.M)]
    assert "make test" in runs
    assert "make audit AUDIT_MODE=pip-audit" in runs, "the PR audit must be pip-audit itself, never the fallback"
