"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A path into a YAML document: keys and list indexes, e.g. ("questions", 1, "answer").
FieldPath = tuple[Any, ...]


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    col: int


@dataclass(frozen=True)
class Edit:
    """Replace the text between two positions of a file (end exclusive) with new text."""

    start: Position
    end: Position
    text: str


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the content, in the shape contributors read."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: str = "error"  # "error" or "warning"
    fix: tuple[Edit, ...] = ()  # set only when the fix is unambiguous; applied by `check --fix`
    # What the problem is about, as data, so that no consumer reads it back out of the message:
    # the field it sits in, e.g. ("references", 1), and the name it concerns (a slug, a work's id,
    # a wikilink's target, a term or a value), or "" when the problem is about the file as a whole.
    field: FieldPath = ()
    subject: str = ""

    @classmethod
    def at(
        cls,
        source: SourceFile,
        field: FieldPath,
        code: str,
        message: str,
        hint: str = "",
        *,
        subject: str = "",
        severity: str = "error",
        key: bool = False,
        fix: tuple[Edit, ...] = (),
    ) -> Diagnostic:
        """A problem with one field of a loaded file, placed where that field (or its key) sits."""
        pos = source.locate(field, key=key)
        return cls(source.path, pos.line, pos.col, code, message, hint, severity, fix, tuple(field), subject)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)


@dataclass
class SourceFile:
    """A loaded file: its YAML data, where every field sits, and its Markdown body."""

    path: str  # relative to the project root, with forward slashes
    kind: str  # "entry", "article", "reading-list", "bibliography", "contributors", "standards" or "page" (docs/)
    data: Any
    value_positions: dict[FieldPath, Position] = field(default_factory=dict)
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    value_ends: dict[FieldPath, Position] = field(default_factory=dict)  # where each scalar value ends
    lines: list[str] = field(default_factory=list)  # the file's text, for fixes that edit whole lines
    body: str = ""
    body_line: int = 1  # the line of the file on which the body starts
    newness: tuple[bool, float] = (False, 0.0)  # (changed in this pull request, modification time): see load.newness

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0]

    def locate(self, path: FieldPath, *, key: bool = False) -> Position:
        """Where a field is; falls back to the nearest enclosing field that exists."""
        table = self.key_positions if key else self.value_positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_positions:
                return self.value_positions[probe]
            probe = probe[:-1]
        return self.value_positions.get((), Position(1, 1))


@dataclass
class Work:
    """A bibliography entry."""

    key: str
    authors: str
    year: int | str
    title: str
    venue: str
    doi: str = ""
    url: str = ""
    note: str = ""


@dataclass
class Question:
    question: str
    answer: str


@dataclass
class Misconception:
    misconception: str
    correction: str


@dataclass
class Review:
    status: str
    written_by: str = ""
    written_on: str = ""
    reviewed_by: str = ""
    reviewed_on: str = ""
    clinician_reviewed_by: str = ""
    clinician_reviewed_on: str = ""
    notes: str = ""


@dataclass
class Entry:
    """A glossary entry: one term, one file."""

    slug: str
    title: str
    summary: str
    category: str
    level: str
    body: str
    source: SourceFile
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # slugs, in the order the entry lists them
    relations: dict[str, str] = field(default_factory=dict)  # related slug -> relation type (see index.RELATIONS)
    references: list[str] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    misconceptions: list[Misconception] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    review: Review | None = None
    former_slugs: list[str] = field(default_factory=list)
    autolink: bool = True


@dataclass
class Article:
    """A long-form article from content/articles/."""

    slug: str
    title: str
    summary: str
    order: int
    body: str
    source: SourceFile
    references: list[str] = field(default_factory=list)
    autolink: bool = True


@dataclass
class ReadingItem:
    kind: str  # "entry", "article", "work" or "url" (a reading on another site); or "section" (a week)
    target: str  # the slug or id; for a section, its title; for a url, the address
    note: str = ""
    questions: list[str] = field(default_factory=list)  # for a section: its discussion questions
    minutes: int | None = None  # a trainer's estimate, for works; entries and articles are timed
    objectives: list[str] = field(default_factory=list)  # a section's own objectives
    title: str = ""  # an outside reading's title


@dataclass
class ReadingList:
    slug: str
    title: str
    audience: str
    level: str
    objectives: list[str]
    items: list[ReadingItem]
    source: SourceFile
    summary: str = ""
    path: bool = False  # a reading path: its pages link to the one before and after
    questions: list[str] = field(default_factory=list)  # discussion questions for the whole list


@dataclass
class Corpus:
    """Everything the content holds, after validation."""

    entries: dict[str, Entry] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    works: dict[str, Work] = field(default_factory=dict)
    reading_lists: dict[str, ReadingList] = field(default_factory=dict)
    contributors: dict[str, Any] | None = None  # id -> review.Contributor; None without content/contributors.yaml
    standards: Any = None  # completeness.Standards; the schema alone without content/standards.yaml


@dataclass(frozen=True)
class GeneratedPage:
    """A page for the renderer: where it goes, its Markdown (or the file's text, or bytes for a
    binary download such as the Anki deck), and the file to edit."""

    src_uri: str
    content: str | bytes
    edit_path: str | None = None  # relative to the project root
