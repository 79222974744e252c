"""The content report (`glossary report`, `make report`): what the glossary holds and what needs care.

Editors read it to see the state of the whole glossary at once: how much there is, how
well sourced and how readable it is, whether it covers the required concepts, which
entries nothing leads to, and which are due for another review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import datetime as dt
import re
import statistics
from pathlib import Path

import yaml

from .advice import REVIEW_MONTHS, months_between, reading_grade, review_date
from .parse import parse_body
from .names import normalise_term

if TYPE_CHECKING:  # the report reads a run's result; it does not run the pipeline
    from .index import Index
    from .links import LinkResult
    from .model import Corpus
    from .pipeline import Result

Concept = dict[str, object]  # one required concept as its YAML file gives it
Report = dict[str, Any]  # the report's figures: JSON, nested as `glossary report --format json` prints them


def _checked(result: Result) -> tuple[Corpus, Index, LinkResult]:
    """What a run without errors produced (the command reports errors before it asks for figures)."""
    if result.corpus is None or result.index is None or result.links is None:
        raise ValueError("the content report needs a run without errors")
    return result.corpus, result.index, result.links


def names_on_site(result: Result) -> set[str]:
    """Every title, alias and section heading of an entry, normalised."""
    corpus, index, _ = _checked(result)
    names = set(index.terms)
    for entry in corpus.entries.values():
        names |= {normalise_term(h.text) for h in parse_body(entry.body, "entry").headings if 2 <= h.level <= 4}
    return names


def concept_names(concept: Concept) -> list[str]:
    """A required concept's name, the name without its bracketed part, and its listed aliases."""
    name = str(concept.get("name", ""))
    aliases = concept.get("aliases")
    listed = [str(a) for a in aliases] if isinstance(aliases, list) else []
    return [name, re.sub(r"\s*\(.*?\)", "", name), *listed]


def read_concepts(path: Path) -> list[Concept] | None:
    """The required concepts, or None if the file is missing or not the expected shape."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    concepts = data.get("concepts") if isinstance(data, dict) else None
    return [c for c in concepts if isinstance(c, dict)] if isinstance(concepts, list) else None


def summarise_content(result: Result, concepts: list[Concept] | None, today: dt.date) -> Report:
    """The report's figures, as plain data (also printed as JSON)."""
    corpus, index, links = _checked(result)
    entries = sorted(corpus.entries.values(), key=lambda e: e.slug)
    words = {e.slug: parse_body(e.body, "entry").words for e in entries}
    references = {e.slug: len(e.references) for e in entries}
    summary_grades = {e.slug: round(reading_grade(e.summary), 1) for e in entries}
    body_grades = {e.slug: round(reading_grade(parse_body(e.body, "entry").prose), 1) for e in entries}
    orphans = [e.slug for e in entries if not links.mentioned_in.get(e.slug) and not index.related_from.get(e.slug)]
    due: list[str] = []
    unreviewed: list[str] = []
    for entry in entries:
        reviewed = review_date(entry)
        if entry.review is None or not entry.review.reviewed_by:
            unreviewed.append(entry.slug)
        if reviewed is None or months_between(reviewed, today) > REVIEW_MONTHS:
            due.append(entry.slug)
    coverage = None
    if concepts is not None:
        names = names_on_site(result)
        missing = [
            str(c.get("name")) for c in concepts if not any(normalise_term(n) in names for n in concept_names(c))
        ]
        coverage = {"required": len(concepts), "covered": len(concepts) - len(missing), "missing": missing}
    return {
        "date": today.isoformat(),
        "entries": len(entries),
        "articles": len(corpus.articles),
        "levels": {
            level: sum(1 for e in entries if e.level == level) for level in ("introductory", "intermediate", "advanced")
        },
        "reading_lists": len(corpus.reading_lists),
        "works": len(corpus.works),
        "words": {
            "total": sum(words.values()),
            "article_total": sum(parse_body(a.body, "article").words for a in corpus.articles.values()),
            **_spread(words),
        },
        "references_per_entry": {
            "mean": round(statistics.mean(references.values()), 1) if references else 0,
            **_spread(references),
        },
        "reading_grade": {"summaries": _grade(summary_grades), "bodies": _grade(body_grades)},
        "coverage": coverage,
        "not_linked": orphans,
        "due_for_review": due,
        "not_reviewed_by_second_reader": unreviewed,
    }


def _spread(values: dict[str, int]) -> Report:
    if not values:
        return {}
    low, high = min(values, key=lambda s: values[s]), max(values, key=lambda s: values[s])
    return {"median": statistics.median(values.values()), "lowest": [low, values[low]], "highest": [high, values[high]]}


def _grade(grades: dict[str, float]) -> Report:
    if not grades:
        return {}
    hardest = sorted(grades, key=lambda s: -grades[s])[:3]
    return {
        "mean": round(statistics.mean(grades.values()), 1),
        "median": statistics.median(grades.values()),
        "hardest": [[s, grades[s]] for s in hardest],
    }


def format_content_report(data: Report) -> str:
    """The report as text for people."""
    w, r, g = data["words"], data["references_per_entry"], data["reading_grade"]
    lines = [
        f"Content report, {data['date']}",
        "",
        f"Entries: {data['entries']}   Articles: {data['articles']}   Reading lists: {data['reading_lists']}   "
        f"Works in the bibliography: {data['works']}",
        "Levels: " + ", ".join(f"{level} {count}" for level, count in data["levels"].items()),
    ]
    if data["entries"]:
        lines += [
            f"Words in entry bodies: {w['total']:,} in all; median {w['median']:g}; "
            f"shortest {w['lowest'][1]} ({w['lowest'][0]}); longest {w['highest'][1]} ({w['highest'][0]})",
            f"Words in articles: {w['article_total']:,}",
            f"References per entry: mean {r['mean']}, median {r['median']:g}, "
            f"fewest {r['lowest'][1]} ({r['lowest'][0]}), most {r['highest'][1]} ({r['highest'][0]})",
            "Reading level (Flesch-Kincaid grade; lower is easier):",
            f"  summaries: mean {g['summaries']['mean']}, median {g['summaries']['median']:g}; hardest: "
            + ", ".join(f"{s} {v}" for s, v in g["summaries"]["hardest"]),
            f"  bodies:    mean {g['bodies']['mean']}, median {g['bodies']['median']:g}; hardest: "
            + ", ".join(f"{s} {v}" for s, v in g["bodies"]["hardest"]),
        ]
    coverage = data["coverage"]
    if coverage is None:
        lines.append("Coverage of the required concepts: not measured (file not found; pass --concepts PATH)")
    else:
        lines.append(
            f"Coverage of the required concepts (shared/): {coverage['covered']} of {coverage['required']} concepts "
            "(by title, alias or section heading)"
            + (": missing " + ", ".join(coverage["missing"]) if coverage["missing"] else "")
        )
    for key, label in (
        ("not_linked", "Entries nothing links to or mentions"),
        ("due_for_review", f"Due for review (no review in the last {REVIEW_MONTHS} months)"),
        ("not_reviewed_by_second_reader", "Not yet checked by a second reader"),
    ):
        slugs = data[key]
        lines.append(f"{label}: {len(slugs)}" + (": " + ", ".join(slugs) if slugs else ""))
    return "\n".join(lines)
