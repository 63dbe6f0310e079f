"""The résumé planner (prepare/planner/) in Chromium under the production CSP: typing, the gap
status in the live region, reload keeps the entries, clear removes them, nothing is sent over
the network, axe-core finds nothing with entries on the page, the keyboard reaches every control,
the interface speaks the page's language, the printed view is the summary, and without
JavaScript the page is a readable checklist."""

from __future__ import annotations

import json

import pytest

from .conftest import WIDE, describe_violations, run_axe, settle

PAGES = {"en": "/prepare/planner/", "sv": "/sv/prepare/planner/"}
KEY = "sesguide-planner-v1"
ADD = {"en": "Add a story", "sv": "Lägg till en berättelse"}
TITLE = {"en": "Short title", "sv": "Kort rubrik"}
RESULT = {
    "en": "Result, with a measure (a number, a percentage, a date)",
    "sv": "Resultat, med ett mått (ett antal, en procentsats, ett datum)",
}
CLEAR = {"en": "Clear all entries", "sv": "Radera allt du har skrivit"}
ECQ1 = {
    "en": "Commitment to the Rule of Law and the Principles of the American Founding",
    "sv": "Engagemang för rättsstaten och principerna bakom USA:s grundande",
}
ECQ3 = {"en": "Merit and Competence", "sv": "Meriter och kompetens"}
NO_JS_TEXT = {"en": "The interactive planner needs JavaScript", "sv": "Det interaktiva verktyget kräver JavaScript"}


def open_planner(page, base_url, lang):
    """The planner page with an empty store (the browser context is shared by the tests)."""
    page.goto(base_url + PAGES[lang])
    page.evaluate("(k) => localStorage.removeItem(k)", KEY)
    page.reload()
    page.get_by_role("button", name=ADD[lang]).wait_for()


def status_text(page) -> str:
    return page.locator(".sesguide-planner__status[role=status][aria-live=polite]").inner_text()


def add_story(page, lang, title, result="", ecq=ECQ1):
    page.get_by_role("button", name=ADD[lang]).click()
    story = page.locator("fieldset.sesguide-planner__story").last
    story.get_by_label(TITLE[lang]).fill(title)
    if result:
        story.get_by_label(RESULT[lang]).fill(result)
    story.get_by_role("checkbox", name=ecq[lang]).check()
    return story


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_typing_shows_the_stories_and_the_gaps(page, base_url, lang):
    open_planner(page, base_url, lang)
    assert "5" in status_text(page)  # "No stories yet: all 5 ECQs are gaps."
    add_story(page, lang, "Budget review 2024", "Saved 12% of the travel budget")
    # The summary table names the story under the ticked ECQ and reports the other four as gaps.
    row = page.locator(".sesguide-planner__table tbody tr").filter(has_text=ECQ1[lang])
    assert "Budget review 2024" in row.inner_text()
    assert page.locator(".sesguide-planner__table tr.sesguide-planner__gap").count() == 4
    text = status_text(page)
    assert "1" in text and ECQ3[lang] in text and ECQ1[lang] not in text, text
    # What was typed is in this browser's localStorage, as data.
    stored = json.loads(page.evaluate("(k) => localStorage.getItem(k)", KEY))
    assert stored["stories"][0]["title"] == "Budget review 2024"
    assert stored["stories"][0]["ecqs"] == ["ecq-2025-1"]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_reload_keeps_the_entries_and_clear_removes_them(page, base_url, lang):
    open_planner(page, base_url, lang)
    add_story(page, lang, "Merger of two offices", "Cut processing time from 40 to 25 days", ecq=ECQ3)
    page.reload()
    story = page.locator("fieldset.sesguide-planner__story")
    assert story.count() == 1
    assert story.get_by_label(TITLE[lang]).input_value() == "Merger of two offices"
    assert story.get_by_role("checkbox", name=ECQ3[lang]).is_checked()
    assert not story.get_by_role("checkbox", name=ECQ1[lang]).is_checked()

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=CLEAR[lang]).click()
    assert page.locator("fieldset.sesguide-planner__story").count() == 0
    assert page.evaluate("(k) => localStorage.getItem(k)", KEY) is None
    page.reload()
    page.get_by_role("button", name=ADD[lang]).wait_for()
    assert page.locator("fieldset.sesguide-planner__story").count() == 0


def test_clear_asks_first_and_keeps_the_entries_when_refused(page, base_url):
    open_planner(page, base_url, "en")
    add_story(page, "en", "Kept story")
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name=CLEAR["en"]).click()
    assert page.locator("fieldset.sesguide-planner__story").count() == 1
    assert page.evaluate("(k) => localStorage.getItem(k)", KEY) is not None


def test_nothing_is_sent_over_the_network(page, base_url):
    open_planner(page, base_url, "en")
    page.wait_for_load_state("networkidle")
    sent = []
    page.on("request", lambda r: sent.append(f"{r.method} {r.url}"))
    add_story(page, "en", "Secret project", "Delivered 3 months early")
    page.get_by_role("button", name=ADD["en"]).click()
    page.locator("fieldset.sesguide-planner__story").last.get_by_label(TITLE["en"]).fill("Another story")
    page.wait_for_timeout(1000)  # the debounced status update has run
    assert sent == [], f"the planner made requests while the reader typed: {sent}"
    # And the script has no way to send: it never touches fetch, XMLHttpRequest or sendBeacon.
    js = page.evaluate("() => fetch(document.querySelector('script[src*=planner]').src).then(r => r.text())")
    for api in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "innerHTML"):
        assert api not in js, f"planner.js uses {api}"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_axe_finds_nothing_with_entries_on_the_page(page, base_url, lang):
    open_planner(page, base_url, lang)
    add_story(page, lang, "Story one", "Result one")
    add_story(page, lang, "Story two", ecq=ECQ3)
    for size in (WIDE, {"width": 375, "height": 812}):
        page.set_viewport_size(size)
        settle(page)
        violations = run_axe(page)
        assert not violations, f"axe-core on {PAGES[lang]} at {size['width']} px:\n" + describe_violations(violations)
        assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_interface_is_in_the_page_language_and_labelled(page, base_url, lang):
    open_planner(page, base_url, lang)
    add_story(page, lang, "x")
    # Every form control has an accessible name from a <label>.
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.sesguide-planner input, .sesguide-planner textarea')]
        .filter(el => !el.labels || el.labels.length === 0).map(el => el.id)""")
    assert unlabelled == []
    assert page.get_by_role("button", name=CLEAR[lang]).is_visible()
    texts = page.locator(".sesguide-planner").inner_text()
    other = "sv" if lang == "en" else "en"
    assert ADD[other] not in texts and CLEAR[other] not in texts


def test_keyboard_alone_adds_a_story_ticks_an_ecq_and_removes_it(page, base_url):
    open_planner(page, base_url, "en")
    page.get_by_role("button", name=ADD["en"]).focus()
    page.keyboard.press("Enter")
    # Focus moves to the new story's title field.
    assert page.evaluate("() => document.activeElement.id").endswith("-title")
    page.keyboard.type("Typed with the keyboard")
    for _ in range(4):  # title -> challenge -> action -> result -> first ECQ
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    assert "Typed with the keyboard" in page.locator(".sesguide-planner__table").inner_text()
    for _ in range(5):  # past the other four ECQs to the remove button
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Remove story 1"
    page.keyboard.press("Enter")
    assert page.locator("fieldset.sesguide-planner__story").count() == 0
    assert page.evaluate("() => document.activeElement.textContent") == ADD["en"]
    assert "Story removed." in status_text(page)


def test_the_printed_view_is_the_summary_without_the_controls(page, base_url):
    open_planner(page, base_url, "en")
    add_story(page, "en", "Printed story", "Printed result")
    page.emulate_media(media="print")
    try:
        assert not page.locator(".sesguide-planner__form").is_visible()
        assert not page.get_by_role("button", name=CLEAR["en"]).is_visible()
        details = page.locator(".sesguide-planner__details")
        assert details.is_visible() and "Printed result" in details.inner_text()
        assert page.locator(".sesguide-planner__table").is_visible()
        assert not page.locator(".md-sidebar").first.is_visible()
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_without_javascript_the_page_is_a_readable_checklist(browser, base_url, lang):
    ctx = browser.new_context(viewport=WIDE, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(base_url + PAGES[lang])
        body = page.locator(".md-content").inner_text()
        assert NO_JS_TEXT[lang] in body
        assert page.locator(".sesguide-planner").count() == 0
        # One paper table per ECQ, each under its ECQ heading, with empty rows to fill in.
        for hid in ("rule-of-law", "driving-efficiency", "merit-and-competence", "leading-people", "achieving-results"):
            assert page.locator(f"h3#{hid}").count() == 1
        assert page.locator(".md-content table").count() == 5
        assert page.locator(".md-content table tbody tr").count() == 10
        page.emulate_media(media="print")
        assert page.locator(".md-content table").first.is_visible()
        assert not page.locator(".md-header").is_visible()
    finally:
        ctx.close()


def test_entries_from_storage_are_shown_as_text_never_as_markup(page, base_url):
    """What is in localStorage is untrusted (another script on the origin, a tampered profile):
    it is shown as text, and unknown fields and ECQ IDs are dropped."""
    page.goto(base_url + PAGES["en"])
    hostile = {
        "version": 1,
        "stories": [
            {
                "title": "<img src=x onerror=window.__pwned=1>",
                "result": "<b>r</b>",
                "ecqs": ["ecq-2025-2", "javascript:alert(1)"],
                "extra": "x",
            },
            "not a story",
        ],
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(hostile)])
    page.reload()
    page.get_by_role("button", name=ADD["en"]).wait_for()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".sesguide-planner img").count() == 0
    assert page.locator("fieldset.sesguide-planner__story").count() == 1
    assert page.locator(".sesguide-planner__story input[type=text]").input_value().startswith("<img")
    assert page.locator(".sesguide-planner__story input[type=checkbox]:checked").count() == 1
