"""Benchmarks, run by hand or by `make bench-matcher`: figures, not pass/fail tests.

The matcher benchmark builds the one combined pattern for N synthetic terms and scans
N synthetic pages of realistic length, as the link stage does for backlinks and the
renderer does for automatic links.
"""

from __future__ import annotations

import argparse
import json
import random
import time

from .links import TermMatcher

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa", "dro", "fen", "gul", "his", "jor", "tran",
             "sfe", "ren", "ce", "psy", "cho", "dy", "na", "mic", "the", "ra", "py", "al", "li", "an"]


# Prose is made of other syllables, so the only mentions are the ones planted.
FILLER_SYLLABLES = ["bo", "cu", "de", "fi", "go", "hu", "ja", "ke", "lu", "mo", "nu", "po", "qui", "sto", "wu"]


def make_word(rng: random.Random, syllables: list[str] = SYLLABLES) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def make_terms(count: int, seed: int = 1) -> list[tuple[str, str]]:
    """Distinct terms of one to three words, each with its own slug (titles and aliases alike)."""
    rng, terms, seen = random.Random(seed), [], set()
    while len(terms) < count:
        term = " ".join(make_word(rng) for _ in range(rng.choice([1, 1, 2, 2, 3])))
        if term not in seen:
            seen.add(term)
            terms.append((term.capitalize(), f"t{len(terms)}"))
    return terms


def make_pages(count: int, terms: list[tuple[str, str]], words: int = 440, mentions: int = 8, seed: int = 2) -> list[str]:
    """Pages of ordinary-looking prose with a few term mentions each."""
    rng = random.Random(seed)
    filler = [make_word(rng, FILLER_SYLLABLES) for _ in range(2000)] + ["the", "and", "of", "a", "to", "in", "is", "that"] * 200
    pages = []
    for _ in range(count):
        body = [rng.choice(filler) for _ in range(words)]
        for _ in range(mentions):
            body.insert(rng.randrange(len(body)), rng.choice(terms)[0].lower())
        pages.append(" ".join(body))
    return pages


def bench_matcher(terms: int, pages: int) -> dict:
    """Time building the matcher and scanning every page once."""
    term_list = make_terms(terms)
    page_list = make_pages(pages, term_list)
    start = time.perf_counter()
    matcher = TermMatcher(term_list)
    built = time.perf_counter()
    found = sum(1 for page in page_list for _ in matcher.find(page))
    scanned = time.perf_counter()
    megabytes = sum(len(p) for p in page_list) / 1e6
    return {"terms": terms, "pages": pages, "text_mb": round(megabytes, 2), "build_s": round(built - start, 3),
            "scan_s": round(scanned - built, 3), "mentions": found,
            "mb_per_s": round(megabytes / max(scanned - built, 1e-9), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="glossary-bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated sizes: N terms over N pages")
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    rows = [bench_matcher(n, n) for n in (int(s) for s in args.sizes.split(","))]
    print(f"{'terms':>6} {'pages':>6} {'text MB':>8} {'build s':>8} {'scan s':>7} {'MB/s':>6} {'mentions':>9}")
    for r in rows:
        print(f"{r['terms']:>6} {r['pages']:>6} {r['text_mb']:>8} {r['build_s']:>8} {r['scan_s']:>7} {r['mb_per_s']:>6} {r['mentions']:>9}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
