"""Stage 2, validate (first half): the content model built from loaded files.

Building never judges: it takes what a file's data allows, tolerating fields the schema
check reports, so that a file with a typo still takes part in the cross-file checks.
"""

from __future__ import annotations

from typing import Any

from .model import Article, Entry, Misconception, Question, ReadingItem, ReadingList, Review, SourceFile, Work

Data = dict[str, Any]


def _text(data: Data, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _strings(data: Data, key: str) -> list[str]:
    value = data.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def read_records(data: Data, key: str) -> list[Data]:
    """The mappings of a list field, skipping items of another shape (the schema reports those)."""
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def build_entry(source: SourceFile) -> Entry:
    """An Entry from loaded front matter, tolerating fields the schema already reported."""
    data = source.data
    review = data.get("review") if isinstance(data.get("review"), dict) else None
    related, relations = _read_related(data)
    return Entry(
        slug=source.stem,
        title=_text(data, "title") or source.stem,
        summary=" ".join(_text(data, "summary").split()),
        category=_text(data, "category"),
        level=_text(data, "level"),
        body=source.body,
        source=source,
        aliases=_strings(data, "aliases"),
        tags=_strings(data, "tags"),
        related=related,
        relations=relations,
        references=_strings(data, "references"),
        key_points=_strings(data, "key_points"),
        misconceptions=[
            Misconception(str(m.get("misconception", "")), str(m.get("correction", "")))
            for m in read_records(data, "misconceptions")
        ],
        questions=[
            Question(str(q.get("question", "")), str(q.get("answer", ""))) for q in read_records(data, "questions")
        ],
        review=Review(**{k: str(v) for k, v in review.items() if k in Review.__dataclass_fields__})
        if review and "status" in review
        else None,
        former_slugs=_strings(data, "former_slugs"),
        autolink=data.get("autolink") is not False,
    )


def _read_related(data: Data) -> tuple[list[str], dict[str, str]]:
    """`related` items: 'slug' (see also) or 'slug: relation'; malformed items were reported by the schema."""
    related: list[str] = []
    relations: dict[str, str] = {}
    items = data.get("related")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and len(item) == 1:
            ((slug, relation),) = item.items()
            item = str(slug)
            relations[item] = relation if isinstance(relation, str) else "see-also"
        if isinstance(item, str):
            related.append(item)
            relations.setdefault(item, "see-also")
    return related, relations


def build_article(source: SourceFile) -> Article:
    data = source.data
    order = data.get("order") if isinstance(data.get("order"), int) else 999
    return Article(
        slug=source.stem,
        title=_text(data, "title") or source.stem,
        summary=" ".join(_text(data, "summary").split()),
        order=order,
        body=source.body,
        source=source,
        references=_strings(data, "references"),
        autolink=data.get("autolink") is not False,
    )


def _build_reading_item(raw: Data) -> ReadingItem:
    kinds = [k for k in ("entry", "article", "work", "url", "section") if isinstance(raw.get(k), str)]
    kind = kinds[0] if kinds else ""
    questions = raw.get("questions")
    objectives = raw.get("objectives")
    minutes = raw.get("minutes")
    return ReadingItem(
        kind,
        raw.get(kind, "") if kind else "",
        str(raw.get("note", "")),
        [q for q in questions if isinstance(q, str)] if isinstance(questions, list) else [],
        minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else None,
        [o for o in objectives if isinstance(o, str)] if isinstance(objectives, list) else [],
        str(raw.get("title", "")),
    )


def build_reading_list(source: SourceFile) -> ReadingList:
    data = source.data
    return ReadingList(
        slug=source.stem,
        title=_text(data, "title") or source.stem,
        audience=_text(data, "audience"),
        level=_text(data, "level"),
        objectives=_strings(data, "objectives"),
        items=[_build_reading_item(raw) for raw in read_records(data, "items")],
        source=source,
        summary=_text(data, "summary"),
        path=data.get("path") is True,
        questions=_strings(data, "questions"),
    )


def build_works(source: SourceFile) -> dict[str, Work]:
    """The bibliography's works by id; of two works with one id the first counts (the check reports both)."""
    works: dict[str, Work] = {}
    for raw in read_records(source.data, "works"):
        key = raw.get("id")
        if not isinstance(key, str) or key in works:
            continue
        works[key] = Work(
            key=key,
            authors=str(raw.get("authors", "")),
            year=raw.get("year", "n.d."),
            title=str(raw.get("title", "")),
            venue=str(raw.get("venue", "")),
            doi=str(raw.get("doi", "")),
            url=str(raw.get("url", "")),
            note=str(raw.get("note", "")),
        )
    return works
