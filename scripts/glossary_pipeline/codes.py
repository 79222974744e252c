"""Stable diagnostic codes, defined once here: each with a short name and one sentence,
listed in CONTRIBUTING.md, whose rows tests/test_docs.py checks against this table (`python -m
glossary_pipeline.codes` prints how each row begins).

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
    E103 = ("E103", "front-matter", "The entry or article does not start with front matter between `---` lines.")
    E104 = ("E104", "duplicate-key", "The same field appears twice.")
    E105 = ("E105", "yaml-unsupported", "YAML anchors, aliases, tags or very deep nesting.")
    E106 = ("E106", "file-too-large", "The file is larger than any real entry could be (512 KB).")
    E107 = ("E107", "wrong-file", "A content folder holds a file of the wrong kind, or a symbolic link.")
    E108 = (
        "E108",
        "tab-indent",
        "A line of YAML is indented with a tab or a non-breaking space (often pasted from a word processor).",
    )
    E109 = (
        "E109",
        "list-indent",
        "A list item is indented further than the item above it, so YAML reads it as part of that item.",
    )
    # 2xx: a field is missing, unknown or has the wrong shape
    E201 = ("E201", "missing-field", "A required field is missing.")
    E202 = ("E202", "unknown-field", "A field that is not part of the content model, often a typo.")
    E203 = ("E203", "wrong-type", "A field has the wrong type.")
    E204 = ("E204", "not-allowed", "A value is not one of the allowed values.")
    E205 = (
        "E205",
        "length",
        "A text is too long or too short (an entry's text: the words per level in `content/standards.yaml`).",
    )
    E206 = ("E206", "format", "A value does not have the required form (slug, date, DOI, URL, plain text).")
    E207 = (
        "E207",
        "too-few",
        "A list has fewer items than required (for entries, the numbers in `content/standards.yaml`).",
    )
    E208 = ("E208", "duplicate-item", "A list names the same item twice.")
    E209 = ("E209", "empty-body", "The text after the front matter is empty, or uses a top-level `# ` heading.")
    E210 = (
        "E210",
        "unlabelled-example",
        "A `## A fictional example` section does not say in its first paragraph that it is invented.",
    )
    E211 = (
        "E211",
        "template-text",
        "Text or a placeholder from the new-entry template is still in the file (`REPLACE:`, `$title`, `$author`, `$today`), or a template section has no text.",
    )
    # 3xx: files disagree with each other
    E301 = ("E301", "file-name", "The file name is not a valid slug.")
    E302 = ("E302", "duplicate-slug", "Two files have slugs that differ only by case.")
    E303 = ("E303", "duplicate-term", "A title or alias is already used by another entry.")
    E304 = ("E304", "unknown-related", "A `related` slug names no entry.")
    E305 = ("E305", "unknown-reference", "A reference id is not in the bibliography.")
    E306 = ("E306", "duplicate-work", "Two works in the bibliography share an id.")
    E307 = ("E307", "unknown-item", "A reading-list item names no entry, article or work.")
    E308 = ("E308", "self-related", "An entry lists itself as related.")
    E309 = (
        "E309",
        "reading-item",
        "A reading-list item must name exactly one of `entry`, `article` or `work`, or start a section with `section`.",
    )
    E310 = (
        "E310",
        "former-slug",
        "A former slug is the slug or former slug of another entry, so its old address cannot redirect.",
    )
    E311 = ("E311", "unknown-contributor", "A review record names someone who is not in `content/contributors.yaml`.")
    E312 = (
        "E312",
        "review-record",
        "A review record does not hold together: self-review, `status: reviewed` without a reviewer and date, a date in the future, or a clinical review without a qualification.",
    )
    # 4xx: links in the text
    E401 = ("E401", "unknown-wikilink", "A `[[wikilink]]` names no entry by slug, title or alias.")
    E402 = ("E402", "unknown-section", "A `[[slug#section]]` wikilink names a section the entry does not have.")
    # 5xx: content that could harm a reader
    E501 = (
        "E501",
        "unsafe-html",
        "Raw HTML outside the allowed elements and attributes, or a theme-reserved `id`/`class`.",
    )
    E502 = (
        "E502",
        "unsafe-url",
        "A link or image uses an address other than `http(s)`, `mailto:`, `tel:` or a page of the site (`javascript:`, `data:`..., also when disguised with entities, capitals or spaces).",
    )
    E503 = ("E503", "remote-image", "An image is loaded from another site.")
    # 6xx: warnings, errors only with --strict
    W601 = ("W601", "no-references", "The entry cites no work from the bibliography.")
    W602 = ("W602", "orphan", "No other page links to or mentions the entry, and no entry lists it as related.")
    W603 = ("W603", "long-summary", "The summary is longer than 250 characters, which read well in a tooltip.")
    W604 = ("W604", "stale-review", "The entry was last reviewed (or written) more than 24 months ago.")
    W605 = ("W605", "reading-level", "An introductory entry reads above Flesch-Kincaid grade 14.")
    W606 = ("W606", "template-text", "Retired: template text is now error E211.")
    W607 = (
        "W607",
        "unmatched-citation",
        'An in-text citation such as "(Freud, 1914)" or "Grünbaum (1984)" matches no work in the entry\'s `references` by first author and year.',
    )
    W608 = (
        "W608",
        "indented-code",
        "A paragraph that starts with a tab or four spaces shows as a block of code, not as text.",
    )
    W609 = (
        "W609",
        "invisible-character",
        "A non-breaking space in a title, alias or list item, or a zero-width character anywhere (often pasted from a word processor).",
    )
    W610 = (
        "W610",
        "near-duplicate",
        'A title or alias is another entry\'s term spelt another way (accents, British/American spelling, plural): "Ödipus complex" beside "Oedipus complex".',
    )


# Codes no longer reported; kept so that their meaning is never reused.
RETIRED: frozenset[Code] = frozenset({Code.W606})

# code -> (short name, one-sentence description), as text, for readers that do not need the enum.
CODES: dict[str, tuple[str, str]] = {code.value: (code.short, code.description) for code in Code}


def guide_rows() -> list[str]:
    """How each code's row in CONTRIBUTING.md's tables begins: code, name, meaning (then its example
    and fix, which only the guide holds). A retired code keeps its row, so its meaning stays known."""
    return [f"| {code} | {code.short} | {code.description} |" for code in Code]


if __name__ == "__main__":  # python -m glossary_pipeline.codes: the rows' beginnings, for a new code
    print("\n".join(guide_rows()))
