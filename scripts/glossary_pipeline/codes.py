"""Stable diagnostic codes, defined once here: each with a short name and one sentence,
listed in CONTRIBUTING.md (generated from this table: `python -m glossary_pipeline.codes`).

Producers name a code as `Code.E101`, so a typo fails at once (and under mypy) rather
than printing a code nobody can look up. A code never changes meaning once published;
retire a code rather than reuse it.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """A diagnostic code; its value is the code as printed ('E101'), so it compares equal to that text."""

    short: str
    description: str

    def __new__(cls, code: str, short: str, description: str) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member.short = short
        member.description = description
        return member

    # 1xx: the file itself could not be read as content
    E101 = ("E101", "yaml-syntax", "The YAML (front matter or data file) is not valid YAML.")
    E102 = ("E102", "not-utf8", "The file is not UTF-8 text.")
    E103 = (
        "E103",
        "front-matter",
        "The entry or article does not start with a front matter block between '---' lines.",
    )
    E104 = ("E104", "duplicate-key", "The same field appears twice in one mapping.")
    E105 = (
        "E105",
        "yaml-unsupported",
        "The YAML uses a feature the content does not allow (anchors, aliases, tags, deep nesting).",
    )
    E106 = ("E106", "file-too-large", "The file is larger than any real entry could be.")
    E107 = (
        "E107",
        "wrong-file",
        "A file in a content folder is not of the kind that folder holds (or is a symbolic link).",
    )
    E108 = ("E108", "tab-indent", "A line of YAML is indented with a tab or a non-breaking space.")
    E109 = (
        "E109",
        "list-indent",
        "A list item is indented further than the item above it, so YAML reads it as part of that item.",
    )
    # 2xx: a field is missing, unknown or has the wrong shape
    E201 = ("E201", "missing-field", "A required field is missing.")
    E202 = ("E202", "unknown-field", "A field is not part of the content model (often a typo).")
    E203 = ("E203", "wrong-type", "A field has the wrong type (text, list, number or mapping).")
    E204 = ("E204", "not-allowed", "A field's value is not one of the allowed values.")
    E205 = ("E205", "length", "A text is too long or too short.")
    E206 = ("E206", "format", "A value does not have the required format (slug, date, DOI, URL, plain text).")
    E207 = ("E207", "too-few", "A list has fewer items than required.")
    E208 = ("E208", "duplicate-item", "A list names the same item twice.")
    E209 = ("E209", "empty-body", "The Markdown body is empty or uses a top-level heading.")
    E210 = (
        "E210",
        "unlabelled-example",
        "A '## A fictional example' section does not say in its first paragraph that it is invented.",
    )
    E211 = (
        "E211",
        "template-text",
        "Text or a placeholder from the new-entry template is still in the file, or a template section is empty.",
    )
    # 3xx: files disagree with each other
    E301 = ("E301", "file-name", "The file name is not a valid slug (lowercase words joined by hyphens).")
    E302 = ("E302", "duplicate-slug", "Two files have slugs that differ only by case.")
    E303 = ("E303", "duplicate-term", "A title or alias is already used by another entry.")
    E304 = ("E304", "unknown-related", "A 'related' slug names no entry.")
    E305 = ("E305", "unknown-reference", "A reference key is not in the bibliography.")
    E306 = ("E306", "duplicate-work", "Two works in the bibliography share an id.")
    E307 = ("E307", "unknown-item", "A reading-list item names no entry, article or work.")
    E308 = ("E308", "self-related", "An entry lists itself as related.")
    E309 = ("E309", "reading-item", "A reading-list item must name exactly one of entry, article or work.")
    E310 = (
        "E310",
        "former-slug",
        "A former slug is the slug or former slug of another entry, so its old URL cannot redirect.",
    )
    E311 = ("E311", "unknown-contributor", "A review record names someone who is not in content/contributors.yaml.")
    E312 = (
        "E312",
        "review-record",
        "A review record does not hold together: self-review, a missing reviewer or date, a date in the future, or a clinical review without a qualification.",
    )
    # 4xx: links in the text
    E401 = ("E401", "unknown-wikilink", "A [[wikilink]] names no entry by slug, title or alias.")
    E402 = ("E402", "unknown-section", "A [[slug#section]] wikilink names a section the entry does not have.")
    # 5xx: content that could harm a reader
    E501 = (
        "E501",
        "unsafe-html",
        "Raw HTML outside the allowed elements and attributes (no script, iframe, style, event handlers...).",
    )
    E502 = (
        "E502",
        "unsafe-url",
        "A link uses an address other than http(s), mailto:, tel: or a page of the site (javascript:, data:...).",
    )
    E503 = ("E503", "remote-image", "An image is loaded from another site; images must be files of this site.")
    # 6xx: warnings, errors only with --strict
    W601 = ("W601", "no-references", "The entry cites no work from the bibliography.")
    W602 = ("W602", "orphan", "No other page links to or mentions the entry, and no entry lists it as related.")
    W603 = ("W603", "long-summary", "The summary is longer than the 250 characters that read well in a tooltip.")
    W604 = ("W604", "stale-review", "The entry was last reviewed (or written) more than 24 months ago.")
    W605 = ("W605", "reading-level", "An introductory entry reads above the target level (Flesch-Kincaid grade 14).")
    W606 = ("W606", "template-text", "Retired: template text is now error E211.")
    W607 = (
        "W607",
        "unmatched-citation",
        "An in-text citation (author and year) matches no work in the page's references.",
    )
    W608 = (
        "W608",
        "indented-code",
        "A paragraph indented by a tab or four spaces shows as a block of code, not as text.",
    )
    W609 = (
        "W609",
        "invisible-character",
        "A non-breaking space or an invisible character (often pasted from a word processor) where it changes how the text reads or links.",
    )
    W610 = (
        "W610",
        "near-duplicate",
        "A title or alias differs from another entry's only by accents, spelling variant or plural.",
    )


# Codes no longer reported; kept so that their meaning is never reused.
RETIRED: frozenset[Code] = frozenset({Code.W606})

# code -> (short name, one-sentence description), as text, for readers that do not need the enum.
CODES: dict[str, tuple[str, str]] = {code.value: (code.short, code.description) for code in Code}


def describe(code: str) -> str:
    """The one-sentence description of a code."""
    return Code[code].description
