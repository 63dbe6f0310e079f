"""The browser harness itself: the checks above can fail. Each test makes one thing go wrong on
a real page and asserts the recorder or axe notices; and the server really sends the
production CSP, and a missing Chromium fails (never skips) the browser tests."""

from __future__ import annotations

import pytest

from sesguide import htmlcheck

from . import conftest as bc


def test_server_sends_the_production_csp(page, base_url, expected_csp):
    resp = page.goto(base_url + "/sv/pay/")
    headers = resp.headers
    assert headers.get("content-security-policy") == expected_csp
    assert "'unsafe-inline'" not in expected_csp and "'unsafe-eval'" not in expected_csp
    allow = htmlcheck.load_allowlist(bc.ROOT)
    assert allow, "security/inline-scripts.txt lists no hashes: Material's inline scripts would be blocked"
    for name, value in htmlcheck.SECURITY_HEADERS.items():
        if name != "Strict-Transport-Security":
            assert headers.get(name.lower()) == value, name
    missing = page.goto(base_url + "/sv/no-such-page/")
    assert missing.status == 404 and missing.headers.get("content-security-policy") == expected_csp
    assert page.evaluate("() => document.documentElement.lang") == "sv", "the Swedish 404 page"


def test_csp_violations_are_detected(page, context, base_url):
    page.goto(base_url + "/")
    context.recorder.start("canary: CSP")
    # An inline style attribute and an inline script: both blocked by the production CSP.
    page.evaluate("""() => {
        const d = document.createElement('div'); d.setAttribute('style', 'color: red'); document.body.append(d);
        const s = document.createElement('script'); s.textContent = 'window.__x = 1'; document.body.append(s);
    }""")
    f = context.recorder.current
    # Violation reports are queued as tasks: wait until both have arrived (or time out).
    page.wait_for_function("() => new Promise(r => setTimeout(() => r(true), 0))")
    for _ in range(40):
        if sum("securitypolicyviolation" in m for m in f.csp) >= 2:
            break
        page.wait_for_timeout(25)
    assert any("securitypolicyviolation: style-src" in m for m in f.csp), f.csp
    assert any("securitypolicyviolation: script-src" in m for m in f.csp), f.csp
    assert any(m.startswith("console") for m in f.csp), f.csp
    assert page.evaluate("() => window.__x") is None, "an inline script ran despite the CSP"


def test_console_errors_and_failed_requests_are_detected(page, context, base_url):
    page.goto(base_url + "/")
    f = context.recorder.start("canary: errors")
    page.evaluate("() => { console.error('canary error'); return fetch('/no-such-file.json').then(r => r.status); }")
    page.evaluate("() => { setTimeout(() => { throw new Error('canary exception'); }, 0); }")
    context.recorder.wait_quiet(page)
    page.wait_for_function("() => new Promise(r => setTimeout(() => r(true), 50))")
    assert any("canary error" in m for m in f.console_errors), f.console_errors
    assert any("no-such-file.json" in m and "404" in m for m in f.failed_requests), f.failed_requests
    assert any("canary exception" in m for m in f.page_errors), f.page_errors


def test_requests_to_other_hosts_are_detected_and_blocked(page, context, base_url):
    page.goto(base_url + "/")
    f = context.recorder.start("canary: third party")
    # Navigation is not limited by the CSP, so this request would leave the machine; the
    # recorder notes it and the route aborts it.
    try:
        page.goto("https://example.invalid/tracker.gif", timeout=5000)
    except Exception:
        pass
    assert "https://example.invalid/tracker.gif" in f.external_requests, f.external_requests
    assert any("example.invalid" in m for m in f.failed_requests), f.failed_requests


def test_axe_finds_a_violation(page, base_url):
    page.goto(base_url + "/")
    page.evaluate("""() => {
        const b = document.createElement('button'); document.querySelector('article').append(b);   // no name
        const i = document.createElement('img'); i.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; // no alt
        document.querySelector('article').append(i);
    }""")
    ids = {v["id"] for v in bc.run_axe(page)}
    assert {"button-name", "image-alt"} <= ids, ids


def test_missing_chromium_fails_with_install_instructions(monkeypatch, tmp_path):
    monkeypatch.setattr(bc, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(pytest.fail.Exception) as exc:
        bc.require_chromium()
    assert "sudo apt-get install chromium" in str(exc.value) and "make test" in str(exc.value)
