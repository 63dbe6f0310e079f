"""htmlcheck: the last line of defence, on built HTML."""

import pytest

from sesguide import htmlcheck

OK_SCRIPT = "var x = 1;"
OK_HASH = htmlcheck.script_hash(OK_SCRIPT)


@pytest.mark.parametrize(
    "html, findings",
    [
        ('<p>fine</p>\n<a href="https://example.org/">x</a>', []),
        ('<p>\n<img src="x.png" onload="alert(1)"></p>', [(2, "event handler attribute onload= on <img>")]),
        ('<div ONCLICK="x()">', [(1, "event handler attribute onclick= on <div>")]),
        ('<a href="javascript:alert(1)">x</a>', [(1, "javascript: URL in href of <a>")]),
        ('<a href=" java\tscript:alert(1)">x</a>', [(1, "javascript: URL in href of <a>")]),
        ('<a href="jav&#x61;script:alert(1)">x</a>', [(1, "javascript: URL in href of <a>")]),
        ('<a href="VBScript:x">x</a>', [(1, "vbscript: URL in href of <a>")]),
        ('<a href="data:text/html,<script>x</script>">x</a>', [(1, "data: URL in href of <a>")]),
        ('<img src="data:image/png;base64,AAAA">', []),
        (
            '<form action="javascript:x"></form>',
            [(1, "javascript: URL in action of <form>"), (1, "<form> element (the site has no forms)")],
        ),
        (
            '\n\n<iframe src="https://evil.example/"></iframe>',
            [(3, "<iframe src> fetched from another host: https://evil.example/"), (3, "<iframe> element")],
        ),
        (
            '<object data="x.swf"></object><embed src="x"><base href="https://evil.example/">',
            [(1, "<object> element"), (1, "<embed> element"), (1, "<base> element")],
        ),
        ('<form action="https://evil.example/"><input></form>', [(1, "<form> element (the site has no forms)")]),
        ('<form class="md-search__form" name="search"><input></form>', [(1, "<form> element (the site has no forms)")]),
        ('<a href="https://x.example/" target="_blank">x</a>', [(1, 'target="_blank" link without rel="noopener"')]),
        ('<a href="https://x.example/" target="_blank" rel="noopener noreferrer">x</a>', []),
        (
            '<script src="https://evil.example/x.js"></script>',
            [(1, "<script src> from another origin: https://evil.example/x.js")],
        ),
        ('<script src="//evil.example/x.js"></script>', [(1, "<script src> from another origin: //evil.example/x.js")]),
        (
            '<script src="data:text/javascript,alert(1)"></script>',
            [
                (1, "data: URL in src of <script>"),
                (1, "<script src> from another origin: data:text/javascript,alert(1)"),
            ],
        ),
        ('<script src="../assets/javascripts/bundle.js"></script>', []),
        # Resources the browser fetches by itself come from this site only (links elsewhere are fine).
        (
            '<img src="https://tracker.example/p.gif" alt="">',
            [(1, "<img src> fetched from another host: https://tracker.example/p.gif")],
        ),
        (
            '<img src=" //tracker.example/p.gif" alt="">',
            [(1, "<img src> fetched from another host:  //tracker.example/p.gif")],
        ),
        (
            '<img src="/\\tracker.example/p.gif" alt="">',
            [(1, "<img src> fetched from another host: /\\tracker.example/p.gif")],
        ),
        (
            '<img src="a.png" srcset="a2.png 2x, https://tracker.example/p.png 3x" alt="">',
            [(1, "<img srcset> fetched from another host: https://tracker.example/p.png")],
        ),
        (
            '<video poster="http://tracker.example/p.jpg"></video>',
            [(1, "<video poster> fetched from another host: http://tracker.example/p.jpg")],
        ),
        (
            '<table background="https://tracker.example/t.png"></table>',
            [(1, "<table background> fetched from another host: https://tracker.example/t.png")],
        ),
        (
            "<p style=\"background:url( 'https://tracker.example/s.png')\">x</p>",
            [(1, "<p style url()> fetched from another host: https://tracker.example/s.png")],
        ),
        (
            '<link rel="stylesheet" href="https://fonts.example/css">',
            [(1, "<link href> fetched from another host: https://fonts.example/css")],
        ),
        (
            '<link rel="canonical" href="https://ses-guide.github.io/pay/"><link rel="stylesheet" href="../assets/x.css">',
            [],
        ),
        ('<img src="../assets/images/logo.svg" srcset="logo@2x.png 2x" alt="">', []),
    ],
)
def test_scan_findings(html, findings):
    assert htmlcheck.scan(html).findings == findings


def test_scan_collects_inline_scripts_but_not_json():
    s = htmlcheck.scan(
        '<script>var a;</script>\n<script type="application/json">{"a": 1}</script>\n<script type="module">b()</script>'
    )
    assert s.inline_scripts == [(1, "var a;"), (3, "b()")]


def write(site_dir, rel, html):
    p = site_dir / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html, encoding="utf-8")


def test_check_site(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", f"<html>\n<script>{OK_SCRIPT}</script>\n</html>")
    write(site, "sv/index.html", f"<script>{OK_SCRIPT}</script>\n<script>alert(1)</script>")
    write(site, "pay/index.html", '<meta http-equiv="refresh" content="0; url=https://evil.example/">')
    write(site, "old/index.html", '<meta http-equiv="Refresh" content="0; url=../qrb/">')
    write(site, "qrb/index.html", '<p>\n<iframe src="https://evil.example/"></iframe>')
    bad_hash = htmlcheck.script_hash("alert(1)")
    got = [(p.path, p.line, p.message) for p in htmlcheck.check_site(site, {OK_HASH}, {"old/index.html"})]
    assert got == [
        ("site/pay/index.html", None, 'built page contains <meta http-equiv="refresh">'),
        ("site/qrb/index.html", 2, "built page contains <iframe src> fetched from another host: https://evil.example/"),
        ("site/qrb/index.html", 2, "built page contains <iframe> element"),
        ("site/sv/index.html", 2, f"inline script {bad_hash} is not on the allowlist"),
    ]


def test_check_site_clean(tmp_path):
    write(tmp_path, "index.html", f"<script>{OK_SCRIPT}</script><a href='x/'>x</a>")
    assert htmlcheck.check_site(tmp_path, {OK_HASH}, set()) == []
    assert len(htmlcheck.check_site(tmp_path, set(), set())) == 1


def test_script_hash_and_allowlist(tmp_path):
    assert htmlcheck.script_hash("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    (tmp_path / "security").mkdir()
    (tmp_path / "security" / "inline-scripts.txt").write_text(
        f"# theme scripts\n{OK_HASH} material palette\n\nsha256-abc\n", encoding="utf-8"
    )
    assert htmlcheck.load_allowlist(tmp_path) == {OK_HASH, "sha256-abc"}
    assert htmlcheck.load_allowlist(tmp_path / "nowhere") == set()


def test_csp_lists_allowed_hashes():
    csp = htmlcheck.csp({"sha256-b", "sha256-a"})
    # 'wasm-unsafe-eval' (the search's WebAssembly) and nothing broader: no 'unsafe-eval', no 'unsafe-inline'
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b';" in csp
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in csp
    assert "object-src 'none'" in csp and "base-uri 'self'" in csp and "frame-ancestors 'none'" in csp
    assert htmlcheck.headers(set())["X-Frame-Options"] == "DENY"


def test_svg_animate_javascript_url():
    html = '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>'
    assert htmlcheck.scan(html).findings == [(1, "javascript: URL in values of <animate>")]
