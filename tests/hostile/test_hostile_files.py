"""Hostile contributions that are files rather than text: symbolic links that reach outside the
repository, special files, files too large to review. Each must be refused by the source check,
naming the path, before anything reads or publishes them; valid spacing characters stay allowed.
"""

from __future__ import annotations

import os
import time

import pytest
from ses_sitekit import make_site

from sesguide import sourcefiles

SECRET = "RUNNER_TOKEN=ghs_supersecret\n"


def messages(problems):
    return [str(p).split("\n  Fix: ")[0] for p in problems]


@pytest.fixture
def site(tmp_path):
    s = make_site(tmp_path / "repo")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "environ").write_text(SECRET)
    return s


def outside(site) -> str:
    return str(site.root.parent / "outside" / "environ")


def test_symlinked_asset_in_docs_pointing_outside_is_refused(site):
    os.symlink(outside(site), site.docs / "sv" / "bild.png")
    problems = site.check()
    assert messages(problems) == [f"docs/sv/bild.png: symbolic link (to {outside(site)}) is not allowed in docs/"]
    assert "git add the real file" in problems[0].fix


def test_symlink_inside_the_repository_is_refused_in_docs_too(site):
    os.symlink("../../data/pay.yml", site.docs / "en" / "pay.yml")
    assert messages(site.check()) == ["docs/en/pay.yml: symbolic link (to ../../data/pay.yml) is not allowed in docs/"]


def test_symlinked_folder_in_docs_is_refused_and_not_followed(site):
    os.symlink(str(site.root.parent / "outside"), site.docs / "sv" / "extra")
    (site.root.parent / "outside" / "page.md").write_text("# Secret { #secret }\n")
    got = messages(site.check())
    assert got == [f"docs/sv/extra: symbolic link (to {site.root.parent / 'outside'}) is not allowed in docs/"]


def test_symlinked_markdown_page_to_a_device_never_hangs(site):
    os.symlink("/dev/zero", site.docs / "sv" / "noll.md")
    t0 = time.monotonic()
    got = messages(site.check())
    assert "docs/sv/noll.md: symbolic link (to /dev/zero) is not allowed in docs/" in got
    assert time.monotonic() - t0 < 30  # a read of /dev/zero would never end


def test_language_folder_itself_a_symlink(site):
    real = site.root.parent / "elsewhere"
    (site.docs / "sv").rename(real)
    os.symlink(str(real), site.docs / "sv")
    assert f"docs/sv: symbolic link (to {real}) is not allowed in docs/" in messages(site.check())


@pytest.mark.parametrize("folder", ["data", "overrides", "templates"])
def test_symlink_outside_the_repository_in_other_source_folders(site, folder):
    (site.root / folder).mkdir(exist_ok=True)
    os.symlink(outside(site), site.root / folder / "x.html")
    assert f"{folder}/x.html: symbolic link to {outside(site)} points outside the repository or to no file" in messages(
        site.check()
    )


def test_dangling_symlink_in_overrides(site):
    (site.root / "overrides").mkdir(exist_ok=True)
    os.symlink("missing.html", site.root / "overrides" / "x.html")
    assert messages(site.check()) == [
        "overrides/x.html: symbolic link to missing.html points outside the repository or to no file"
    ]


def test_symlink_inside_the_repository_is_allowed_outside_docs(site):
    (site.root / "overrides").mkdir(exist_ok=True)
    (site.root / "overrides" / "real.html").write_text("<p>x</p>")
    os.symlink("real.html", site.root / "overrides" / "alias.html")
    assert site.check() == []


def test_named_pipe_in_docs_is_refused(site):
    os.mkfifo(site.docs / "en" / "pipe.md")
    t0 = time.monotonic()
    got = messages(site.check())
    assert "docs/en/pipe.md: a named pipe (FIFO) is not allowed in the site sources" in got
    assert time.monotonic() - t0 < 30


def test_page_over_the_size_limit_is_refused_unread(site):
    big = site.read("docs/sv/index.md") + ("Lång rad med text.\n\n" * 14000)
    site.write("docs/sv/index.md", big)
    kib = len(big.encode()) // 1024
    assert messages(site.check()) == [f"docs/sv/index.md: the file is {kib} KiB; the limit is 128 KiB"]


def test_data_file_over_the_size_limit_is_refused_unread(site):
    text = site.read("data/glossary.yml") + "#" + "x" * (1024 * 1024) + "\n"
    site.write("data/glossary.yml", text)
    kib = len(text.encode()) // 1024
    got = messages(site.check())
    assert f"data/glossary.yml: the file is {kib} KiB; the limit is 1024 KiB" in got


def test_swedish_numbers_with_no_break_spaces_pass(site):
    """Typography's no-break spaces (U+00A0, U+202F) in Swedish numbers are not invisible characters
    and keep number parity with the English twin."""
    en = site.read("docs/en/index.md").replace("\n## ", "\nThe minimum is $151,661 and the cap $228,000.\n\n## ", 1)
    sv = site.read("docs/sv/index.md").replace(
        "\n## ", "\nGolvet är 151\u00a0661 USD och taket 228\u202f000 USD.\n\n## ", 1
    )
    assert en != site.read("docs/en/index.md") and sv != site.read("docs/sv/index.md")
    site.write("docs/en/index.md", en)
    site.write("docs/sv/index.md", sv)
    site.stamp("index.md")
    assert site.check() == []


def test_check_reports_every_file_problem_at_once(site):
    os.symlink(outside(site), site.docs / "sv" / "a.png")
    os.mkfifo(site.docs / "en" / "b.md")
    site.write("docs/sv/index.md", site.read("docs/sv/index.md") + "Dold\u200btext.\n")
    got = messages(site.check())
    assert len([m for m in got if "symbolic link" in m or "named pipe" in m or "U+200B" in m]) == 3


def test_sources_digest_does_not_read_links(site):
    os.symlink("/dev/zero", site.docs / "sv" / "z.bin")
    t0 = time.monotonic()
    sourcefiles.sources_digest(site.root)
    assert time.monotonic() - t0 < 30
