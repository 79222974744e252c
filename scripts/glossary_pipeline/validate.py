"""Stage 2, validate: each file against its schema, then the files against each other.

Every problem is collected; nothing stops at the first. Files with schema errors
still take part in the cross-file checks as far as their data allows, so one run
tells a contributor everything.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Callable

from .model import (
    Article,
    Corpus,
    Diagnostic,
    Entry,
    Misconception,
    Question,
    ReadingItem,
    ReadingList,
    Review,
    SourceFile,
    Work,
)
from .parse import leading_lines, locate, parse_body
from .completeness import (
    Standards,
    check_completeness,
    check_indented_code,
    check_invisible,
    check_placeholders,
    read_standards,
)
from .review import check_review, read_contributors
from .safety import check_body_safety, check_field_safety
from .schema import check_schema, delete_item_line
from .similar import closest_work, near_key, suggestion

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def normalise_term(text: str) -> str:
    """The form in which titles and aliases are compared: case and spacing ignored."""
    return " ".join(text.casefold().split())


def validate_sources(
    sources: list[SourceFile], unreadable: frozenset[str] = frozenset(), today: dt.date | None = None
) -> tuple[Corpus, list[Diagnostic]]:
    """Check every file, build the corpus from what can be used, report all problems.

    `unreadable` holds the paths of files the load stage could not read: names they
    would define are taken to exist, so one broken file is reported once, not once
    for every file that links to it.
    """
    diagnostics: list[Diagnostic] = []
    corpus = Corpus()
    folded: dict[str, dict[str, str]] = {"entry": {}, "article": {}, "reading-list": {}}
    for source in sources:
        diagnostics += check_schema(source)
        diagnostics += check_field_safety(source)
        diagnostics += check_invisible(source)
        if source.kind in ("entry", "article"):
            diagnostics += check_placeholders(source)
        if not isinstance(source.data, dict):
            continue
        if source.kind == "entry":
            diagnostics += check_body(source)
            _add_unique(corpus.entries, folded["entry"], build_entry(source), source, diagnostics)
        elif source.kind == "article":
            diagnostics += check_body(source)
            _add_unique(corpus.articles, folded["article"], build_article(source), source, diagnostics)
        elif source.kind == "reading-list":
            _add_unique(corpus.reading_lists, folded["reading-list"], build_reading_list(source), source, diagnostics)
        elif source.kind == "bibliography":
            diagnostics += add_works(corpus, source)
        elif source.kind == "contributors":
            corpus.contributors = read_contributors(source)
        elif source.kind == "standards":
            corpus.standards = read_standards(source)
    diagnostics += check_terms(corpus)
    for entry in corpus.entries.values():
        diagnostics += check_completeness(entry, corpus.standards or Standards())
    contributors_unreadable = any(p.endswith("contributors.yaml") for p in unreadable)
    for entry in corpus.entries.values():
        diagnostics += check_review(
            entry, None if contributors_unreadable else corpus.contributors, today or dt.date.today()
        )
    diagnostics += check_cross_references(corpus, unreadable)
    return corpus, diagnostics


def drop_shadowed(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """On a line that still holds template text, say that only: 'title: $title' is one problem."""
    template_lines = {(d.path, d.line) for d in diagnostics if d.code == "E211"}
    return [d for d in diagnostics if d.code == "E211" or (d.path, d.line) not in template_lines]


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _strings(data: dict, key: str) -> list[str]:
    value = data.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _records(data: dict, key: str) -> list[dict]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def build_entry(source: SourceFile) -> Entry:
    """An Entry from loaded front matter, tolerating fields the schema already reported."""
    data = source.data
    review = data.get("review") if isinstance(data.get("review"), dict) else None
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
        **_related(data),
        references=_strings(data, "references"),
        key_points=_strings(data, "key_points"),
        misconceptions=[
            Misconception(str(m.get("misconception", "")), str(m.get("correction", "")))
            for m in _records(data, "misconceptions")
        ],
        questions=[Question(str(q.get("question", "")), str(q.get("answer", ""))) for q in _records(data, "questions")],
        review=Review(**{k: str(v) for k, v in review.items() if k in Review.__dataclass_fields__})
        if review and "status" in review
        else None,
        former_slugs=_strings(data, "former_slugs"),
        autolink=data.get("autolink") is not False,
    )


def _related(data: dict) -> dict:
    """`related` items: 'slug' (see also) or 'slug: relation'; malformed items were reported by the schema."""
    related, relations = [], {}
    for item in data.get("related") if isinstance(data.get("related"), list) else []:
        if isinstance(item, dict) and len(item) == 1:
            ((slug, relation),) = item.items()
            item = str(slug)
            relations[item] = relation if isinstance(relation, str) else "see-also"
        if isinstance(item, str):
            related.append(item)
            relations.setdefault(item, "see-also")
    return {"related": related, "relations": relations}


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


def build_reading_list(source: SourceFile) -> ReadingList:
    data = source.data
    items = []
    for raw in _records(data, "items"):
        kinds = [k for k in ("entry", "article", "work", "url", "section") if isinstance(raw.get(k), str)]
        kind = kinds[0] if kinds else ""
        questions = raw.get("questions") if isinstance(raw.get("questions"), list) else []
        objectives = raw.get("objectives") if isinstance(raw.get("objectives"), list) else []
        minutes = (
            raw.get("minutes")
            if isinstance(raw.get("minutes"), int) and not isinstance(raw.get("minutes"), bool)
            else None
        )
        items.append(
            ReadingItem(
                kind,
                raw.get(kind, "") if kind else "",
                str(raw.get("note", "")),
                [q for q in questions if isinstance(q, str)],
                minutes,
                [o for o in objectives if isinstance(o, str)],
                str(raw.get("title", "")),
            )
        )
    return ReadingList(
        slug=source.stem,
        title=_text(data, "title") or source.stem,
        audience=_text(data, "audience"),
        level=_text(data, "level"),
        objectives=_strings(data, "objectives"),
        items=items,
        source=source,
        summary=_text(data, "summary"),
        path=data.get("path") is True,
        questions=_strings(data, "questions"),
    )


def add_works(corpus: Corpus, source: SourceFile) -> list[Diagnostic]:
    """Add the bibliography's works; a repeated id names both places."""
    diagnostics = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(_records(source.data, "works")):
        key = raw.get("id")
        if not isinstance(key, str):
            continue
        if key in first_index:
            pos = source.locate(("works", index, "id"))
            first = source.locate(("works", first_index[key], "id"))
            diagnostics.append(
                Diagnostic(
                    source.path,
                    pos.line,
                    pos.col,
                    "E306",
                    f"work id '{key}' is already used on line {first.line}",
                    "give each work its own id, or merge the two",
                )
            )
            continue
        first_index[key] = index
        corpus.works[key] = Work(
            key=key,
            authors=str(raw.get("authors", "")),
            year=raw.get("year", "n.d."),
            title=str(raw.get("title", "")),
            venue=str(raw.get("venue", "")),
            doi=str(raw.get("doi", "")),
            url=str(raw.get("url", "")),
            note=str(raw.get("note", "")),
        )
    return diagnostics


def check_body(source: SourceFile) -> list[Diagnostic]:
    """The body must hold text, be safe, and start its sections at '##' (the title is the page's '#')."""
    if not source.body.strip():
        return [
            Diagnostic(
                source.path,
                source.body_line,
                1,
                "E209",
                "the text after the front matter is empty",
                "write the explanation below the closing '---'",
            )
        ]
    out = check_body_safety(source) + check_indented_code(source)
    parsed = parse_body(source.body, source.kind)
    for number in range(1, 1 + sum(1 for h in parsed.headings if h.level == 1)):
        line, col = locate(
            source.body, source.kind, lambda p: sum(1 for h in p.headings if h.level == 1), number, ("#",)
        )
        out.append(
            Diagnostic(
                source.path,
                source.body_line + leading_lines(source.body) + line,
                col,
                "E209",
                "a top-level heading '# ...' in the text; the title is already the page heading",
                "use '## ' for sections",
            )
        )
    return out


def _add_unique(
    table: dict, folded: dict[str, str], item: Any, source: SourceFile, diagnostics: list[Diagnostic]
) -> None:
    """Add by slug; the slug must be the file name's valid form and unique ignoring case."""
    slug = item.slug
    if not SLUG_RE.match(slug):
        diagnostics.append(
            Diagnostic(
                source.path,
                1,
                1,
                "E301",
                f"file name '{slug}' is not a valid slug",
                slug_hint(slug, source.path[source.path.rfind(".") :]),
            )
        )
    key = unicodedata.normalize("NFKC", slug).casefold()
    other_slug = folded.get(key)
    if other_slug is not None:
        kept, dropped = table[other_slug], item
        if not SLUG_RE.match(other_slug) and SLUG_RE.match(slug):
            # Keep the file whose name is valid, so other files' links to it still resolve.
            kept, dropped = item, table.pop(other_slug)
            table[slug] = item
            folded[key] = slug
        diagnostics.append(
            Diagnostic(
                dropped.source.path,
                1,
                1,
                "E302",
                f"slug '{dropped.slug}' differs only by case from {kept.source.path}",
                "two pages cannot share a URL: merge the files or rename one",
            )
        )
        return
    folded[key] = slug
    table[slug] = item


def slug_hint(slug: str, suffix: str) -> str:
    """How to rename a file; non-ASCII letters are named, since some look exactly like Latin ones."""
    foreign = [c for c in slug if not c.isascii()]
    if foreign:
        names = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unknown')})" for c in dict.fromkeys(foreign))
        return f"the name contains {names}; use only a-z, 0-9 and hyphens"
    return f"rename the file to '{slugify(slug)}{suffix}' (lowercase words joined by hyphens)"


def slugify(text: str) -> str:
    """A slug from a title: 'Defence mechanism' -> 'defence-mechanism'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entry"


def by_age(entries) -> list[Entry]:
    """Established files first, so that a clash is reported on the file that brought it."""
    return sorted(entries, key=lambda e: (e.source.newness, e.source.path))


def check_terms(corpus: Corpus) -> list[Diagnostic]:
    """Titles and aliases find one entry each: no alias twice, no alias equal to another's title."""
    diagnostics = []
    owners: dict[str, tuple[str, str]] = {}  # normalised term -> (slug, "title" or "alias")
    entries = by_age(corpus.entries.values())
    for entry in entries:
        owners.setdefault(normalise_term(entry.title), (entry.slug, "title"))
    for entry in entries:
        title_owner = owners[normalise_term(entry.title)]
        if title_owner[0] != entry.slug:
            other = corpus.entries[title_owner[0]]
            pos = entry.source.locate(("title",))
            diagnostics.append(
                Diagnostic(
                    entry.source.path,
                    pos.line,
                    pos.col,
                    "E303",
                    f"title '{entry.title}' is also the title of {other.source.path}",
                    "merge the two entries, or make one title more specific",
                )
            )
        for index, alias in enumerate(entry.aliases):
            term = normalise_term(alias)
            owner = owners.get(term)
            pos = entry.source.locate(("aliases", index))
            if owner is None:
                owners[term] = (entry.slug, "alias")
            elif owner[0] == entry.slug:
                if owner[1] == "title":
                    fix = delete_item_line(entry.source, ("aliases", index))
                    diagnostics.append(
                        Diagnostic(
                            entry.source.path,
                            pos.line,
                            pos.col,
                            "E303",
                            f"alias '{alias}' repeats the entry's own title",
                            "remove the alias" + ("; 'glossary check --fix' can do this" if fix else ""),
                            fix=fix,
                        )
                    )
            else:
                other = corpus.entries[owner[0]]
                diagnostics.append(
                    Diagnostic(
                        entry.source.path,
                        pos.line,
                        pos.col,
                        "E303",
                        f"alias '{alias}' is already the {owner[1]} of {other.source.path}",
                        "a name can lead to only one entry: remove it here or there",
                    )
                )
    return diagnostics + check_near_duplicates(entries)


def check_near_duplicates(entries: list[Entry]) -> list[Diagnostic]:
    """A title or alias that is another entry's term spelt another way ('Ödipus complex', 'defense')."""
    diagnostics = []
    seen: dict[str, tuple[Entry, str]] = {}
    for entry in entries:
        for index, term in enumerate([entry.title, *entry.aliases]):
            key = near_key(term)
            first = seen.setdefault(key, (entry, term)) if key else (entry, term)
            other, other_term = first
            if other.slug == entry.slug or normalise_term(other_term) == normalise_term(term):
                continue  # the same entry, or an exact clash (E303)
            pos = entry.source.locate(("title",) if index == 0 else ("aliases", index - 1))
            diagnostics.append(
                Diagnostic(
                    entry.source.path,
                    pos.line,
                    pos.col,
                    "W610",
                    f"'{term}' looks like '{other_term}' of {other.source.path}",
                    "if it is the same term, add to that entry instead (as an alias if "
                    "the spelling is used); if not, make the title more specific",
                    "warning",
                )
            )
    return diagnostics


def _suggest_work(key: str, works: list[str]) -> str:
    close = closest_work(key, works)
    if close:
        return f"did you mean '{close}'?"
    return (
        "add the work to content/bibliography.yaml first, or use the id it has there "
        "(search that file for the author's surname)"
    )


def check_cross_references(corpus: Corpus, unreadable: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Every related slug, reference key and reading-list item resolves."""
    diagnostics = []
    slugs, works = list(corpus.entries), list(corpus.works)
    broken_slugs = {p.rsplit("/", 1)[-1].rsplit(".", 1)[0] for p in unreadable}
    bibliography_unreadable = any(p.endswith("bibliography.yaml") for p in unreadable)

    def report(source: SourceFile, path: tuple, code: str, message: str, hint: str) -> None:
        pos = source.locate(path)
        diagnostics.append(Diagnostic(source.path, pos.line, pos.col, code, message, hint))

    def check_refs(source: SourceFile, refs: list[str]) -> None:
        if bibliography_unreadable:
            return
        for index, key in enumerate(refs):
            if key not in corpus.works:
                report(
                    source,
                    ("references", index),
                    "E305",
                    f"reference '{key}' is not in the bibliography",
                    _suggest_work(key, works),
                )

    diagnostics += check_former_slugs(corpus)
    for entry in corpus.entries.values():
        for index, slug in enumerate(entry.related):
            if slug in entry.related[:index]:
                report(
                    entry.source,
                    ("related", index),
                    "E208",
                    f"'related' lists '{slug}' more than once",
                    "keep one: write 'slug: relation' once to say how it relates",
                )
            elif slug == entry.slug:
                report(entry.source, ("related", index), "E308", "the entry lists itself as related", "remove it")
            elif slug not in corpus.entries and slug not in broken_slugs:
                report(
                    entry.source,
                    ("related", index),
                    "E304",
                    f"related entry '{slug}' does not exist",
                    suggestion(slug, slugs) or "use the slug of an existing entry (its file name without '.md')",
                )
        check_refs(entry.source, entry.references)
    for article in corpus.articles.values():
        check_refs(article.source, article.references)
    for reading_list in corpus.reading_lists.values():
        diagnostics.extend(check_reading_items(corpus, reading_list, broken_slugs))
    return diagnostics


def check_reading_items(corpus: Corpus, reading_list: ReadingList, broken: set[str] = frozenset()) -> list[Diagnostic]:
    """Each item names exactly one existing entry, article or work."""
    diagnostics = []
    source = reading_list.source
    tables: dict[str, Callable[[str], bool]] = {
        "entry": corpus.entries.__contains__,
        "article": corpus.articles.__contains__,
        "work": corpus.works.__contains__,
    }
    for index, raw in enumerate(_records(source.data, "items")):
        named = [k for k in (*tables, "url", "section") if k in raw]
        pos = source.locate(("items", index))
        if len(named) != 1:
            diagnostics.append(
                Diagnostic(
                    source.path,
                    pos.line,
                    pos.col,
                    "E309",
                    f"item {index + 1} names {len(named) or 'none'} of entry, article, work, url, section",
                    "give each item exactly one of 'entry:', 'article:', 'work:' or 'url:' (with "
                    "'title:'), or start a section (a week) with 'section:'",
                )
            )
            continue
        if named[0] == "url" and not raw.get("title"):
            diagnostics.append(
                Diagnostic(
                    source.path,
                    pos.line,
                    pos.col,
                    "E309",
                    f"item {index + 1} is an outside reading without a title",
                    "add 'title:' with the reading's title under its 'url:'",
                )
            )
        if named[0] in ("section", "url"):
            continue
        kind, target = named[0], raw[named[0]]
        if isinstance(target, str) and not tables[kind](target) and target not in broken:
            pool = {"entry": list(corpus.entries), "article": list(corpus.articles), "work": list(corpus.works)}[kind]
            pos = source.locate(("items", index, kind))
            diagnostics.append(
                Diagnostic(
                    source.path,
                    pos.line,
                    pos.col,
                    "E307",
                    f"{kind} '{target}' does not exist",
                    suggestion(target, pool) or f"use the slug or id of an existing {kind}",
                )
            )
    return diagnostics


def check_former_slugs(corpus: Corpus) -> list[Diagnostic]:
    """A former slug becomes a redirect, so it may belong to no current entry and to one former owner."""
    diagnostics = []
    owners: dict[str, str] = {}
    for entry in corpus.entries.values():
        for index, old in enumerate(entry.former_slugs):
            pos = entry.source.locate(("former_slugs", index))
            if old in corpus.entries:
                clash = (
                    "this entry's own slug" if old == entry.slug else f"the slug of {corpus.entries[old].source.path}"
                )
                diagnostics.append(
                    Diagnostic(
                        entry.source.path,
                        pos.line,
                        pos.col,
                        "E310",
                        f"former slug '{old}' is {clash}",
                        "remove it: the URL is in use",
                    )
                )
            elif owners.setdefault(old, entry.slug) != entry.slug:
                other = corpus.entries[owners[old]].source.path
                diagnostics.append(
                    Diagnostic(
                        entry.source.path,
                        pos.line,
                        pos.col,
                        "E310",
                        f"former slug '{old}' is also listed by {other}",
                        "an old URL can redirect to one entry only",
                    )
                )
    return diagnostics
