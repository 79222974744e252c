"""On a 360x740 phone, as a student: an entry reads in a few screens, and the concept map is legible
where it is drawn (a list of the same relations where it would not be)."""

from __future__ import annotations

import json
import urllib.request

import pytest


pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
MAX_SCREENS = 10  # for an entry of up to five minutes' reading


def phone_screens(browser, site_url) -> dict[str, tuple[int, float]]:
    """Every entry: (reading minutes, page height in phone screens)."""
    with urllib.request.urlopen(site_url + "glossary.json") as response:
        entries = json.load(response)["entries"]
    page = browser.new_page(viewport=PHONE)
    screens = {}
    for entry in entries:
        page.goto(f"{site_url}glossary/{entry['slug']}/", wait_until="load")
        screens[entry["slug"]] = (
            entry["reading_minutes"],
            page.evaluate("document.documentElement.scrollHeight / innerHeight"),
        )
    page.close()
    return screens


def test_an_entry_of_up_to_five_minutes_fits_in_ten_phone_screens(browser, site_url):
    screens = phone_screens(browser, site_url)
    assert len(screens) > 100
    # Most entries take five minutes or less: the limit is held on them (not on an empty selection).
    short = {slug: n for slug, (minutes, n) in screens.items() if minutes <= 5}
    assert len(short) > 100, sorted({minutes for minutes, _ in screens.values()})
    too_long = {slug: round(n, 1) for slug, n in short.items() if n > MAX_SCREENS}
    assert too_long == {}


MAP_GEOMETRY = """() => {
  const svg = document.querySelector('figure.concept-map svg');
  if (getComputedStyle(svg).display === 'none') return null;
  const scale = svg.getScreenCTM().a;
  const fonts = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const boxes = [...svg.querySelectorAll('a rect, rect.cmap-centre')].map(r => r.getBoundingClientRect())
    .map(b => [b.left, b.top, b.right, b.bottom]);
  return {fonts, boxes};
}"""


@pytest.mark.parametrize("width", [1280, 1600, 900])
def test_concept_map_labels_and_targets_are_legible_where_it_is_drawn(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + "glossary/transference/", wait_until="load")
    geometry = page.evaluate(MAP_GEOMETRY)
    figure = page.locator("figure.concept-map")
    if geometry is None:  # not room enough: the same relations as a list
        assert figure.locator("ul.cmap-list").is_visible()
    else:
        assert min(geometry["fonts"]) >= 12, geometry["fonts"]
        boxes = geometry["boxes"]
        assert all(right - left >= 24 and bottom - top >= 24 for left, top, right, bottom in boxes)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
        assert not figure.locator("ul.cmap-list").is_visible()
    page.close()


def test_concept_map_is_a_list_where_narrow_and_left_out_on_a_phone(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "glossary/transference/", wait_until="load")
    assert page.evaluate(MAP_GEOMETRY) is not None
    # Where the figure has less room (larger text, a narrow window beside another), a list.
    page.evaluate("document.querySelector('figure.concept-map').style.width = '500px'")
    assert page.evaluate(MAP_GEOMETRY) is None
    items = page.locator("figure.concept-map ul.cmap-list li")
    assert items.count() >= 2 and items.first.is_visible()
    assert ":" in items.first.inner_text()
    page.set_viewport_size(PHONE)  # the lists above already name every relation
    assert not page.locator("figure.concept-map").is_visible() and not page.locator("#concept-map").is_visible()
    assert page.locator("#what-to-read-next").is_visible()
    page.close()
