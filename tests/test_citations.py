"""In Chromium: citations lead to their references and back, phone numbers can be tapped,
the header's title fits a phone, and axe with every rule passes a page with a table."""

from __future__ import annotations

import re
import unicodedata

import pytest
from helpers import axe_violations, visit


pytestmark = pytest.mark.browser

ARTICLE = "article.md-content__inner"
# True once the element is in the viewport and not under the sticky header.
IN_VIEW = """(selector) => {
  const element = document.querySelector(selector);
  if (!element) return false;
  const box = element.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  return box.top >= header - 1 && box.bottom <= window.innerHeight + 1;
}"""


def test_a_citation_leads_to_its_reference_and_the_reference_leads_back(browser, site_url):
    page, _, errors = visit(browser, site_url + "glossary/transference/")
    citation = page.locator(f"{ARTICLE} a.citation", has_text="Freud, 1914").first
    key = citation.get_attribute("href").rsplit("#ref-", 1)[1]
    assert key == "freud1914" and citation.get_attribute("id") == "cite-freud1914"  # its first citation
    citation.click()
    page.wait_for_function("location.hash === '#ref-freud1914'")
    page.wait_for_function(IN_VIEW, arg="#ref-freud1914")
    item = page.locator("#ref-freud1914")
    assert item.inner_text().startswith("Freud, S. (1914).")
    back = item.get_by_role("link", name="Back to the text")
    assert back.inner_text().strip() == "↩"
    back.click()
    page.wait_for_function("location.hash === '#cite-freud1914'")
    page.wait_for_function(IN_VIEW, arg="#cite-freud1914")
    assert errors == []
    page.close()


def test_every_citation_link_and_back_link_has_its_target(browser, site_url):
    page, _, _ = visit(browser, site_url + "articles/alongside-other-treatments/")
    missing = page.evaluate("""() => [...document.querySelectorAll('a.citation, a.citation-back')]
        .map(a => new URL(a.href).hash.slice(1)).filter(id => !document.getElementById(id))""")
    assert missing == []
    assert page.locator(f"{ARTICLE} a.citation").count() >= 20
    # "(NICE, 2022)" names a corporate author by its short name.
    assert (
        page.locator(f"{ARTICLE} a.citation", has_text="NICE, 2022")
        .first.get_attribute("href")
        .endswith("#ref-nice_ng222_2022")
    )
    page.close()


def _order(authors: str, year: str) -> tuple[str, str]:
    plain = unicodedata.normalize("NFKD", authors).encode("ascii", "ignore").decode()
    return plain.casefold(), year


@pytest.mark.parametrize("path", ["glossary/transference/", "articles/alongside-other-treatments/"])
def test_references_are_sorted_by_author_then_year(browser, site_url, path):
    page, _, _ = visit(browser, site_url + path)
    texts = page.locator(f"{ARTICLE} li[id^='ref-']").all_inner_texts()
    assert len(texts) >= 6
    found = [re.match(r"^(.+?) \((\d{4}[a-z]?)\)\. ", text).groups() for text in texts]
    assert found == sorted(found, key=lambda pair: _order(*pair))
    page.close()


# Three or more digits, in groups joined by spaces or hyphens: 112, 116 123, 13 11 14, 9-8-8.
PHONE_LIKE = r"\d(?:[ -]?\d){2,}"


def test_every_phone_number_on_finding_help_can_be_tapped(browser, site_url):
    page, _, _ = visit(browser, site_url + "finding-help/")
    found = page.evaluate(
        """(pattern) => {
      const walker = document.createTreeWalker(document.querySelector('article.md-content__inner'), NodeFilter.SHOW_TEXT);
      const out = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(new RegExp(pattern, 'g'))) {
          const link = node.parentElement.closest('a[href^="tel:"]');
          out.push([match[0], link ? link.getAttribute('href') : null, link ? link.textContent : null]);
        }
      }
      return out;
    }""",
        PHONE_LIKE,
    )
    numbers = [number for number, _, _ in found]
    for expected in ["112", "999", "911", "000", "111", "988", "9-8-8", "116 123", "13 11 14", "1737"]:
        assert expected in numbers
    untappable = [number for number, href, _ in found if href is None]
    assert untappable == []
    for number, href, text in found:
        assert text.strip() == number  # the whole number is the link, not a part of it
        digits = re.sub(r"\D", "", number)
        # The number dialled is the number shown (an international prefix may come first).
        assert re.fullmatch(rf"tel:(\+\d{{1,3}})?{digits}", href), href
    page.close()


@pytest.mark.parametrize("path", ["", "glossary/transference/", "articles/alongside-other-treatments/"])
def test_header_title_is_not_cut_off_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert title.is_visible()
    width, client = title.evaluate("element => [element.scrollWidth, element.clientWidth]")
    assert 0 < width <= client, (width, client)
    assert title.locator(".site-title__short").is_visible()
    assert title.locator(".site-title__short").inner_text().strip() == "PDT Glossary"
    # Screen readers still hear the full name; the short one is hidden from them.
    assert "Psychodynamic Psychotherapy Glossary" in page.locator(".md-header__title").aria_snapshot()
    assert "PDT Glossary" not in page.locator(".md-header__title").aria_snapshot()
    assert page.title().endswith("Psychodynamic Psychotherapy Glossary")
    context.close()


def test_header_shows_the_full_name_on_a_wider_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert title.inner_text().strip() == "Psychodynamic Psychotherapy Glossary"
    assert not title.locator(".site-title__short").is_visible()
    width, client = title.evaluate("element => [element.scrollWidth, element.clientWidth]")
    assert width <= client
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_axe_rule_passes_on_the_article_with_a_comparison_table(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    found = {}
    # The article with the comparison table, and the pages with citation and telephone links.
    for path in ["articles/alongside-other-treatments/", "glossary/transference/", "finding-help/"]:
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        found[path] = axe_violations(page)
        page.close()
    context.close()
    assert {path: v for path, v in found.items() if v} == {}
