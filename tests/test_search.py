"""Search that forgives, in Chromium: misspellings, word forms, spellings and questions find the
intended entry first, from the moment results appear; words only in an entry's text find it too."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from helpers import FIRST_RESULT_SPY


pytestmark = pytest.mark.browser

# query -> the entry it must put first. Across categories: concepts, defences, techniques,
# therapies, theories, people, evidence and debates.
FORGIVING = {
    # typing errors, within two edits of a title or alias
    "transferance": "transference",
    "countertransferance": "countertransference",
    "projektion": "projection",
    "repressoin": "repression",
    "sublimaton": "sublimation",
    "free asociation": "free-association",
    "therapeutic aliance": "therapeutic-alliance",
    "melanie kline": "melanie-klein",
    "winicott": "donald-winnicott",
    "interpretaton": "interpretation",
    "psychoanalisis": "psychoanalysis",
    "mentalizaton": "mentalization",
    "dodo bird verdit": "dodo-bird-verdict",
    "meta analisys": "meta-analysis",
    "kernburg": "otto-kernberg",
    # word forms and plurals
    "projections": "projection",
    "interpretations": "interpretation",
    "transitional objects": "transitional-object",
    "selfobjects": "selfobject",
    "dreams": "dreams",
    "randomised controlled trials": "randomized-controlled-trial",
    # British and American spellings
    "defense mechanism": "defence-mechanism",
    "borderline personality organization": "borderline-personality-organization",
    "cognitive behavioral therapy": "cognitive-behavioural-therapy",
    "randomized controlled trial": "randomized-controlled-trial",
    "idealization and devaluation": "idealization-and-devaluation",
    # questions
    "what is the unconscious": "unconscious",
    "what is transference": "transference",
    "who was Melanie Klein": "melanie-klein",
    "who was Sigmund Freud?": "sigmund-freud",
    "what does countertransference mean": "countertransference",
    "what is a defence mechanism": "defence-mechanism",
    "what are mature defences": "mature-defences",
    "who is Otto Kernberg": "otto-kernberg",
    "what is the therapeutic alliance": "therapeutic-alliance",
    "what is an effect size": "effect-size",
}


def first_result(page, site_url, query: str) -> tuple[str, str]:
    """The first result's path and text the moment the list first holds one."""
    page.goto(f"{site_url}?q={quote(query)}")
    page.wait_for_function("() => window.__firstResult")
    card = page.locator("li.md-search-result__item").first
    return urlsplit(page.evaluate("window.__firstResult")).path, card.inner_text()


def test_misspellings_word_forms_spellings_and_questions_find_the_entry_first(browser, site_url):
    assert len(FORGIVING) >= 30
    page = browser.new_page()
    page.add_init_script(FIRST_RESULT_SPY)
    misses = {}
    for query, slug in FORGIVING.items():
        path, _ = first_result(page, site_url, query)
        if not path.endswith(f"/glossary/{slug}/"):
            misses[query] = path
    page.close()
    assert misses == {}


def test_a_result_card_shows_the_definition(browser, site_url):
    page = browser.new_page()
    page.add_init_script(FIRST_RESULT_SPY)
    _, text = first_result(page, site_url, "transference")
    assert "Also called" not in text and "experiences someone new" in text
    _, text = first_result(page, site_url, "countertransferance")  # nothing matches as typed
    assert "Did you mean Countertransference?" in text
    page.close()


# Words that occur only in the text of one entry (not in any title, alias or summary).
IN_TEXT_ONLY = {"chimney sweeping": "anna-o", "Billroth": "josef-breuer", "Menninger": None}


def test_words_that_occur_only_in_an_entrys_text_find_it(browser, site_url):
    import json
    import urllib.request

    with urllib.request.urlopen(site_url + "search/search_index.json") as response:
        docs = json.load(response)["docs"]
    entries = {d["location"]: d for d in docs if d["location"].startswith("glossary/") and "words" in d}
    assert len(entries) > 100
    page = browser.new_page()
    page.add_init_script(FIRST_RESULT_SPY)
    checked = 0
    for phrase, slug in IN_TEXT_ONLY.items():
        holders = [loc for loc, d in entries.items() if all(w.lower() in d["words"].split() for w in phrase.split())]
        assert holders, phrase
        in_names = [loc for loc, d in entries.items() if phrase.lower() in (d["title"] + " " + d["text"]).lower()]
        assert in_names == [], phrase  # the phrase is only in the entries' text
        page.goto(f"{site_url}?q={quote(phrase)}")
        page.wait_for_function("() => window.__firstResult")
        found = {
            urlsplit(a.get_attribute("href")).path.lstrip("/")
            for a in page.locator("li.md-search-result__item a.md-search-result__link").all()
        }
        assert set(holders) <= found, (phrase, holders, found)
        if slug:
            assert f"glossary/{slug}/" in holders
        checked += 1
    page.close()
    assert checked == len(IN_TEXT_ONLY)
