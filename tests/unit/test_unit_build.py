"""searchindex.SearchIndex: Pagefind indexes each language beside the other build steps, on a copy of its pages."""

import json

import pytest

from sesguide import build, langprocs, search, searchindex
from sesguide.problems import Problem, ProblemsFound


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "demote_repeated_headings", lambda site, dirs: 0)
    root = tmp_path / "site"
    (root / "sv" / "a").mkdir(parents=True)
    (root / "index.html").write_text("<h2>home</h2>", encoding="utf-8")
    (root / "sv" / "a" / "index.html").write_text("<h2>a</h2>", encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "style.css").write_text("a{}", encoding="utf-8")
    return root


def test_pagefind_reads_a_copy_and_the_bundles_land_in_the_site(site, tmp_path, monkeypatch):
    """Each language's pages are copied from the folder its build wrote them to, to where they sit
    in the merged site; Pagefind reads the copy while the steps beside it rewrite the site, and
    the languages' bundles become the site's one bundle."""
    built = tmp_path / "built"
    for rel in ("en/index.html", "sv/a/index.html", "sv/assets/x.css"):
        (built / rel).parent.mkdir(parents=True, exist_ok=True)
        (built / rel).write_text((site / rel.removeprefix("en/")).read_text() if rel.endswith(".html") else "")
    seen = {}

    def fake_index(pages, lang, bundle):
        seen[lang] = sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*") if p.is_file())
        (site / "index.html").write_text("rewritten meanwhile", encoding="utf-8")  # the purge, the sharing ...
        if lang == "en":
            seen["home"] = (pages / "index.html").read_text(encoding="utf-8")
        (bundle / "index").mkdir(parents=True)
        (bundle / "pagefind.js").write_text("js", encoding="utf-8")
        (bundle / "index" / f"{lang}_1.pf_index").write_text(lang, encoding="utf-8")
        entry = {"version": "1", "languages": {lang: {"page_count": 1}}}
        (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")

    monkeypatch.setattr(searchindex, "index_language", fake_index)
    indexes = []
    for lang in ("sv", "en"):  # the order they finish in does not matter
        searchindex.copy_for_search(built / lang, lang, tmp_path / f"copy-{lang}")
        indexes.append(searchindex.SearchIndex(tmp_path / f"copy-{lang}", lang, tmp_path / f"bundle-{lang}"))
    assert searchindex.finish_search(indexes, site) >= 0
    assert seen == {"en": ["index.html"], "sv": ["sv/a/index.html"], "home": "<h2>home</h2>"}
    bundle = site / search.BUNDLE
    assert (bundle / "pagefind.js").read_text(encoding="utf-8") == "js"
    assert sorted(p.name for p in (bundle / "index").iterdir()) == ["en_1.pf_index", "sv_1.pf_index"]
    assert list(json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]) == ["en", "sv"]


def test_a_pagefind_failure_stops_the_build(site, tmp_path, monkeypatch):
    def failing(pages, lang, bundle):
        raise ProblemsFound([Problem("site/", None, "Pagefind failed", "Read its message.")], "The search index failed")

    monkeypatch.setattr(searchindex, "index_language", failing)
    index = searchindex.SearchIndex(tmp_path / "copy", "en", tmp_path / "bundle")
    with pytest.raises(ProblemsFound, match="Pagefind failed"):
        searchindex.finish_search([index], site)
    assert not (site / search.BUNDLE).exists()


def test_after_first_runs_while_the_last_language_process_still_runs(tmp_path, monkeypatch):
    """The build makes the site-wide files once the first language process has ended, on the core
    it freed: the last process here ends only when it sees what after_first wrote."""
    import subprocess
    import sys

    flag = tmp_path / "made"
    waits = (
        "import pathlib, sys, time\n"
        "for _ in range(200):\n"
        f"    if pathlib.Path({str(flag)!r}).exists(): sys.exit(0)\n"
        "    time.sleep(0.05)\n"
        "sys.exit(3)"  # after 10 s: after_first never ran while this process was running
    )
    scripts = {"en": "print('en done')", "sv": waits}

    def start(root, lang, out, config, env_extra):
        return subprocess.Popen(
            [sys.executable, "-c", scripts[lang]], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    monkeypatch.setattr(langprocs, "_start", start)
    monkeypatch.setattr(build, "launcher", lambda: langprocs._OneByOne)  # where there is no os.fork
    seen = []

    def after_first(result):
        seen.append((result.lang, result.returncode, result.output))
        flag.write_text("x")

    results = build.build_languages(tmp_path, tmp_path, jobs=2, after_first=after_first)
    assert seen == [("en", 0, "en done\n")]
    assert [(r.lang, r.returncode) for r in results] == [("en", 0), ("sv", 0)]


def test_repeated_headings_are_demoted_per_language_before_the_copy(tmp_path):
    """copy_for_search demotes in the language's own folder (the pages that are merged) and copies
    the demoted pages; a heading repeated in the other language does not count."""
    heading = '<h2 id="x">Shared</h2>'
    built = tmp_path / "built"
    for i in range(search.REPEATED):
        page = built / "en" / f"p{i}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<main data-pagefind-body>{heading}</main>", encoding="utf-8")
    one = built / "sv" / "p0" / "index.html"
    one.parent.mkdir(parents=True)
    one.write_text(f"<main data-pagefind-body>{heading}</main>", encoding="utf-8")
    for lang in ("en", "sv"):
        searchindex.copy_for_search(built / lang, lang, tmp_path / f"copy-{lang}")
    en = (built / "en" / "p0" / "index.html").read_text(encoding="utf-8")
    assert search.DEMOTED in en and (tmp_path / "copy-en" / "p0" / "index.html").read_text(encoding="utf-8") == en
    assert (tmp_path / "copy-sv" / "sv" / "p0" / "index.html").read_text(encoding="utf-8") == one.read_text()
    assert search.DEMOTED not in one.read_text(encoding="utf-8")


def _gone(pgid: int) -> bool:
    """Whether no process of the group is left (waiting up to 5 s for the kernel to clean up)."""
    import os
    import time

    for _ in range(100):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_an_interrupt_stops_the_language_processes_started_one_by_one(tmp_path, monkeypatch):
    import subprocess
    import sys

    started = []

    def start(root, lang, out, config, env_extra):
        started.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], stdout=subprocess.PIPE))
        return started[-1]

    monkeypatch.setattr(langprocs, "_start", start)
    monkeypatch.setattr(build, "launcher", lambda: langprocs._OneByOne)

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build.build_languages(tmp_path, tmp_path, jobs=2, check_first=interrupted)
    assert len(started) == 2 and all(p.poll() is not None for p in started)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="forking needs POSIX")
def test_an_interrupt_stops_the_forked_language_processes(tmp_path, monkeypatch):
    """The forking process runs in its own process group (so the build can stop all of it at
    once); Ctrl-C in the build reaches it that way."""
    import os
    import time

    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    here = os.path.dirname(os.path.dirname(os.path.abspath(langprocs.__file__)))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])))
    seen = {}

    class Spy(langprocs._Forked):
        def __init__(self, *args):
            super().__init__(*args)
            seen["pgid"] = self.proc.pid

    monkeypatch.setattr(build, "launcher", lambda: Spy)

    def interrupted():
        time.sleep(0.2)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build.build_languages(tmp_path, tmp_path, jobs=2, check_first=interrupted)
    assert _gone(seen["pgid"])
