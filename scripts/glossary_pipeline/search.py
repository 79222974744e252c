"""Full-text search for entries, kept small: each entry's distinct words, as one more search field.

The entry pages keep their bodies out of the theme's search index, which would otherwise
hold every page's whole text (several kilobytes an entry). Instead each entry's document
gets a `words` field: the distinct words of everything a student reads on the page, in
lower case, stop words left out. A phrase heard in a lecture finds the entry that explains
it; the field weighs less than titles, aliases and summaries, so those still rank first.
"""

from __future__ import annotations

import json
import re

from .index import LEVELS, Index
from .parse import parse_body
from .urls import entry_uri, output_url

WORDS_FIELD = "words"
LEVEL_FIELD = "level"
WORDS_BOOST = 0.3  # below the theme's text (1, the summary), title (1,000) and tags (1,000,000)
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
# Lunr's English stop words and a few more that carry no meaning on their own.
STOP_WORDS = set(
    """a able about across after all almost also am among an and any are as at be because been but by can
cannot could dear did do does either else ever every for from get got had has have he her hers him his how however i if
in into is it its just least let like likely may me might most must my neither no nor not of off often on only or other
our own rather said say says she should since so some than that the their them then there these they this tis to too
twas us wants was we were what when where which while who whom why will with would yet you your""".split()
)


def entry_words(index: Index, slug: str) -> str:
    """The distinct words a student reads on an entry page, for search."""
    entry = index.corpus.entries[slug]
    texts = [
        parse_body(entry.body, "entry").prose,
        *entry.key_points,
        *(m.misconception + " " + m.correction for m in entry.misconceptions),
        *(q.question + " " + q.answer for q in entry.questions),
    ]
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD_RE.findall(text.lower()):
            word = word.replace("’", "'").removesuffix("'s")
            if len(word) > 2 and word not in STOP_WORDS:
                seen.setdefault(word, None)
    return " ".join(seen)


def add_entry_words(search_index: str, index: Index) -> str:
    """The theme's search index (JSON text) with every entry's words added as a low-weight field."""
    data = json.loads(search_index)
    config = data.setdefault("config", {})
    config.setdefault("fields", {})[WORDS_FIELD] = {"boost": WORDS_BOOST}
    locations = {output_url(entry_uri(entry.slug)): entry.slug for entry in index.entries}
    for doc in data.get("docs", []):
        slug = locations.get(doc.get("location"))
        if slug:
            doc[WORDS_FIELD] = entry_words(index, slug)
            # Not a search field: shown on the result (assets/search-worker.js), so a student
            # sees at a glance whether an entry is introductory or for trainees.
            doc[LEVEL_FIELD] = LEVELS.get(index.corpus.entries[slug].level, "")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
