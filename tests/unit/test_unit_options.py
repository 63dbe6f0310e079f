"""options: the one translation between a build's environment and the object the core takes."""

from sesguide import htmlcheck
from sesguide.options import BuildOptions


def test_nothing_set_means_a_plain_one_language_build():
    assert BuildOptions.from_env({}) == BuildOptions()
    assert BuildOptions().to_env() == {}


def test_what_the_parent_build_sends_arrives_unchanged():
    sent = BuildOptions(
        checked_digest="abc123", html_check=True, collect_csp=True, site_url="https://example.org/", exit_at_once=True
    )
    assert BuildOptions.from_env(sent.to_env()) == sent
    assert sent.to_env()["SITE_URL"] == "https://example.org/"


def test_only_the_value_1_switches_a_check_on():
    assert BuildOptions.from_env({"SESGUIDE_HTML_CHECK": "yes", "SESGUIDE_COLLECT_CSP": "0"}) == BuildOptions()
    assert BuildOptions.from_env({"SESGUIDE_EXIT_AT_ONCE": "true"}) == BuildOptions()


def test_collecting_inline_scripts_accepts_any_hash(tmp_path):
    (tmp_path / "security").mkdir()
    (tmp_path / "security" / "inline-scripts.txt").write_text("sha256-abc  # on 3 pages\n")
    assert htmlcheck.allowlist(tmp_path) == {"sha256-abc"}
    assert "sha256-anything" in htmlcheck.allowlist(tmp_path, collecting=True)
    assert "sha256-anything" not in htmlcheck.allowlist(tmp_path)
