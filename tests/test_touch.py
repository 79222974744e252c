"""Tap to preview, on a phone: the first tap on a term link shows its definition, the second opens it.

The same served site and browser as test_browser.py, in a 360×740 touch context. Every wait is
for a state (the preview shown, hidden, a new address), never for a length of time.
"""

from __future__ import annotations

import pytest
from helpers import axe_violations, visit


pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
ENTRY = "glossary/projection/"
TERMS = "article.md-content__inner a.glossary-auto"


@pytest.fixture
def phone(browser):  # noqa: F811  (the fixture imported above)
    """Open a page on a touch phone; return it with its console errors. Closes its context after the test."""
    contexts = []

    def open_page(url: str, scheme: str = "light"):
        context = browser.new_context(has_touch=True, is_mobile=True, viewport=PHONE, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url, wait_until="networkidle")
        return page, errors

    yield open_page
    for context in contexts:
        context.close()


def preview_of(page, term: str):
    """The open preview for a term: a dialog named after it, holding the "Open <term>" link."""
    preview = page.get_by_role("dialog", name=term, exact=True)
    preview.wait_for()
    return preview


def wait_closed(page):
    page.locator("#glossary-tip").wait_for(state="hidden")


def wait_for_entry(page, summary: str):
    """The entry's own page is showing: its summary is the one the preview gave."""
    page.wait_for_function(
        "(summary) => { const shown = document.querySelector('article .glossary-summary');"
        " return shown && shown.textContent.trim() === summary; }",
        arg=summary,
    )


def inside_viewport(box: dict) -> bool:
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= PHONE["width"]
        and box["y"] + box["height"] <= PHONE["height"]
    )


def test_first_tap_previews_the_definition_and_a_second_tap_opens_the_entry(phone, site_url):
    page, errors = phone(site_url + ENTRY)
    link = page.locator(TERMS).first
    term, target, summary = link.inner_text().strip(), link.get_attribute("href"), link.get_attribute("title")
    entry_summary = page.evaluate(
        "async (href) => { const doc = new DOMParser().parseFromString(await (await fetch(href)).text(), 'text/html');"
        " return doc.querySelector('.glossary-summary').textContent.trim(); }",
        target,
    )
    assert summary == entry_summary

    link.tap()
    preview = preview_of(page, term)
    assert page.url == site_url + ENTRY  # the first tap stays on the page
    assert preview.locator("#glossary-tip-text").inner_text().strip() == summary
    open_link = preview.get_by_role("link", name=f"Open {term}", exact=True)
    assert open_link.get_attribute("href") == target
    assert inside_viewport(preview.bounding_box())
    size = open_link.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24  # WCAG 2.5.8 target size

    # Said to screen readers: the link is described by the definition, and a polite live region speaks it.
    assert page.locator("#" + link.get_attribute("aria-describedby")).inner_text().strip() == summary
    status = page.locator("#glossary-tip-status")
    assert status.get_attribute("role") == "status" and status.text_content().strip() == summary
    assert link.get_attribute("title") is None  # no native tooltip on top

    link.tap()  # the second tap on the same term opens its entry, through instant navigation
    page.wait_for_url(target)
    wait_for_entry(page, summary)
    wait_closed(page)
    assert errors == []


def test_tapping_open_in_the_preview_opens_the_entry(phone, site_url):
    page, errors = phone(site_url + ENTRY)
    link = page.locator(TERMS).nth(1)
    term, target, summary = link.inner_text().strip(), link.get_attribute("href"), link.get_attribute("title")
    link.tap()
    preview_of(page, term).get_by_role("link", name=f"Open {term}", exact=True).tap()
    page.wait_for_url(target)
    wait_for_entry(page, summary)
    wait_closed(page)
    assert errors == []


def test_preview_closes_on_a_tap_elsewhere_and_on_escape(phone, site_url):
    page, errors = phone(site_url + ENTRY)
    first, second = page.locator(TERMS).nth(0), page.locator(TERMS).nth(2)  # the next term is under the preview
    first.tap()
    preview_of(page, first.inner_text().strip())
    page.locator("#glossary-tip-text").tap()  # reading it, the finger may rest on the definition: it stays
    assert page.evaluate(
        "() => { const tip = document.getElementById('glossary-tip');"
        " return !tip.hidden && !('closing' in tip.dataset); }"
    )
    page.locator("article.md-content__inner .glossary-summary").tap(
        position={"x": 30, "y": 10}
    )  # a tap elsewhere, on text
    wait_closed(page)
    assert first.get_attribute("aria-describedby") is None
    assert page.locator("#glossary-tip-status").text_content() == ""  # cleared, so the next preview is announced afresh

    first.tap()  # after closing, a tap previews again rather than opening
    preview_of(page, first.inner_text().strip())
    preview_text = page.locator("#glossary-tip-text")
    second.tap()  # another term while one is open: its own preview, still on the page
    preview_of(page, second.inner_text().strip())
    assert preview_text.inner_text().strip() == second.get_attribute("data-summary")
    assert first.get_attribute("aria-describedby") is None

    page.keyboard.press("Escape")
    wait_closed(page)
    assert page.url == site_url + ENTRY
    assert errors == []


def test_preview_stays_on_screen_wherever_the_term_is(phone, site_url):
    page, errors = phone(site_url + ENTRY)
    # Terms further down than a screen, so each can be scrolled to either edge; some end near the right edge.
    links = [link for link in page.locator(TERMS).all() if link.evaluate("a => a.getBoundingClientRect().top") > 800][
        :4
    ]
    assert len(links) == 4
    for link in links:
        term = link.inner_text().strip()
        page.evaluate("window.scrollTo(0, 0)")
        # Scrolled down each time (scrolling up brings out the theme's "Back to top" button over the text):
        # first to the bottom edge of the screen, where the preview must open upwards, then just under the header.
        for edge, where in [("bottom", "innerHeight - 4"), ("top", "56")]:
            top = link.evaluate(
                f"a => {{ const rect = a.getBoundingClientRect(); window.scrollBy(0, rect.{edge} - ({where}));"
                f" return a.getBoundingClientRect().{edge} - ({where}); }}"
            )
            assert abs(top) < 1, (term, edge, top)  # the page could scroll that far: the term is at the edge
            link.tap()
            preview = preview_of(page, term)
            assert inside_viewport(preview.bounding_box()), (term, edge, preview.bounding_box())
            page.keyboard.press("Escape")
            wait_closed(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # and never sideways
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_with_the_preview_open(phone, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page, errors = phone(site_url + ENTRY, scheme)
    link = page.locator(TERMS).first
    link.tap()
    preview_of(page, link.inner_text().strip())
    assert axe_violations(page) == []
    # Target size (WCAG 2.2, off in axe by default) for the preview's link.
    sized = Axe().run(page, context="#glossary-tip", options={"runOnly": ["target-size"]}).response
    assert sized["violations"] == [] and sized["passes"], sized["violations"]
    open_link = page.locator(".glossary-tip__open")
    page.keyboard.press("Shift")  # a keyboard on a tablet: from now on the focus must show
    open_link.focus()
    assert open_link.evaluate(
        "a => a.matches(':focus-visible') && getComputedStyle(a).outlineStyle !== 'none'"
        " && parseFloat(getComputedStyle(a).outlineWidth) >= 2"
    )
    assert axe_violations(page) == []
    assert errors == []


def test_a_mouse_click_still_opens_the_entry_at_once(browser, site_url):  # noqa: F811
    page, _, errors = visit(browser, site_url + ENTRY)  # a desktop: mouse and keyboard, no touch
    link = page.locator(TERMS).first
    target, summary = link.get_attribute("href"), link.get_attribute("title")
    link.click()
    page.wait_for_url(target)
    wait_for_entry(page, summary)
    assert page.locator("#glossary-tip[role=dialog]").count() == 0  # no preview on the way
    assert errors == []
    page.close()
