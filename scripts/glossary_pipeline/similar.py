"""Which names are close: for "did you mean" hints, and for titles that are the same term spelt another way.

A hint that proposes the wrong thing is worse than none (for a citation it names a
different work), so suggestions are made only within two edits, and a bibliography id
is suggested only for the same author and year.
"""

from __future__ import annotations

import re
import unicodedata

MAX_EDITS = 2
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
# British and American spellings, and the Latin digraphs, reduced to one form.
_VARIANTS = [
    (r"(?<=[a-z])our\b", "or"),
    (r"is(ation|ing|e|ed|es)\b", r"iz\1"),
    (r"ys(e|ed|es|ing)\b", r"yz\1"),
    (r"ence\b", "ense"),
    (r"ll(ing|ed|or)\b", r"l\1"),
    (r"oe|ae", "e"),
    (r"ph", "f"),
]
_BIB_ID = re.compile(r"^([a-z_]+?)_?((?:1[5-9]|20)\d\d)")


def edit_distance(a: str, b: str, limit: int = MAX_EDITS) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), or limit + 1 once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
    return current[-1]


def closest(name: str, candidates: list[str]) -> str | None:
    """The one candidate within two edits of name (case ignored), or None if none or several tie."""
    folded = name.casefold()
    scored = sorted((edit_distance(folded, c.casefold()), c) for c in candidates)
    if not scored or scored[0][0] > MAX_EDITS:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # two equally close: no guess
    return scored[0][1]


def closest_work(key: str, keys: list[str]) -> str | None:
    """A bibliography id close to key, and only one of the same author (within one edit) and the same year."""
    typed = _BIB_ID.match(key)
    if not typed:
        return None
    same = []
    for candidate in keys:
        found = _BIB_ID.match(candidate)
        if found and found.group(2) == typed.group(2) and edit_distance(found.group(1), typed.group(1), 1) <= 1:
            same.append(candidate)
    return closest(key, same)


def suggestion(name: str, candidates: list[str]) -> str:
    found = closest(name, candidates)
    return f"did you mean '{found}'?" if found else ""


def near_key(term: str) -> str:
    """One form for a term's spellings: accents, case, spacing, hyphens, British/American, plural."""
    text = unicodedata.normalize("NFKD", term.translate(_GERMAN)).encode("ascii", "ignore").decode().casefold()
    words = [
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in re.sub(r"[^a-z0-9 ]+", " ", text).split()
    ]
    text = " ".join(words)
    for pattern, replacement in _VARIANTS:
        text = re.sub(pattern, replacement, text)
    return text.replace(" ", "")
