"""The Nu HTML Checker (vnu.jar from node_modules, pinned in package.json) over every built HTML
page, in one Java run: 0 errors, apart from the short allowlist below of markup that comes from
Material's base template and cannot be changed from our overrides."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from projectkit import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Each entry: the exact start of vnu's message, a fragment that must be in vnu's extract (the
# markup around the error), and why it is accepted. Keep this list as short as possible.
ALLOWED = [
    {
        "message": "Attribute “autocomplete” is only allowed when the input type is",
        "extract": (
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        ),
        "reason": 'Material 9.8.1 base.html writes autocomplete="off" on its two hidden state checkboxes (drawer '
        "and search) so Firefox does not restore them checked after a reload. They are outside every "
        "template block, so only a full copy of base.html could change them, which would freeze far "
        "more of Material than this harmless attribute is worth. Browsers ignore it on checkboxes.",
    },
]

# A page with known errors, checked in the same Java run to prove the checker reports errors.
CANARY = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head><body>'
    '<p id="x">one</p><p id="x">duplicate id</p><label tabindex="">empty tabindex</label></body></html>'
)


def matches(entry: dict, msg: dict) -> bool:
    extract = msg.get("extract") or ""
    return msg.get("message", "").startswith(entry["message"]) and any(e in extract for e in entry["extract"])


def allowed(msg: dict) -> bool:
    return any(matches(a, msg) for a in ALLOWED)


@pytest.fixture(scope="session")
def vnu_messages(site, tmp_path_factory):
    if shutil.which("java") is None:
        pytest.fail(
            "Java is not installed; the HTML checker needs it. Install it with "
            "`sudo apt-get install default-jre-headless`, or run `make test` as root.",
            pytrace=False,
        )
    if not VNU.exists():
        pytest.fail(
            f"{VNU.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts` (or `make test`).", pytrace=False
        )
    canary = tmp_path_factory.mktemp("vnu-canary") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files = sorted(site.rglob("*.html"))
    cmd = [
        "java",
        "-Xss4m",
        "-jar",
        str(VNU),
        "--errors-only",
        "--format",
        "json",
        "--exit-zero-always",
        *map(str, files),
        str(canary),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    try:
        report = json.loads(proc.stderr or proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not produce JSON (exit {proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    by_file: dict[str, list[dict]] = {}
    for m in report.get("messages", []):
        url = m.get("url", "")
        path = url[len("file:") :] if url.startswith("file:") else url
        by_file.setdefault(path, []).append(m)
    return {"files": files, "canary": str(canary), "by_file": by_file, "site": site}


def describe(site: Path, path: str, m: dict) -> str:
    try:
        name = Path(path).relative_to(site).as_posix()
    except ValueError:
        name = path
    where = f"{name}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}"
    extract = (m.get("extract") or "").replace("\n", " ").strip()
    kind = m.get("type", "") + ("/" + m["subType"] if m.get("subType") else "")
    return f"{where}: [{kind}] {m.get('message')}\n    {extract[:200]}"


def test_the_checker_reports_errors(vnu_messages):
    msgs = vnu_messages["by_file"].get(vnu_messages["canary"], [])
    texts = " | ".join(m.get("message", "") for m in msgs)
    assert any("Duplicate ID" in m.get("message", "") for m in msgs), texts
    assert any("tabindex" in m.get("message", "") for m in msgs), texts


def test_every_built_page_is_valid_html(vnu_messages):
    site, files = vnu_messages["site"], vnu_messages["files"]
    assert len(files) >= 60, f"only {len(files)} HTML files"
    problems = []
    for path, msgs in sorted(vnu_messages["by_file"].items()):
        if path == vnu_messages["canary"]:
            continue
        problems += [describe(site, path, m) for m in msgs if not allowed(m)]
    assert not problems, f"{len(problems)} HTML errors (Nu HTML Checker):\n" + "\n".join(problems[:100])


def test_allowlist_is_still_needed(vnu_messages):
    """An entry that no longer matches anything must be removed (e.g. after a Material upgrade)."""
    used = {a["message"] for msgs in vnu_messages["by_file"].values() for m in msgs for a in ALLOWED if matches(a, m)}
    stale = [a["message"] for a in ALLOWED if a["message"] not in used]
    assert not stale, f"allowlist entries that match no error any more; delete them: {stale}"
