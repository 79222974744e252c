"""Stable diagnostic codes: one sentence each, documented in CONTRIBUTING.md.

A code never changes meaning once published; retire a code rather than reuse it.
"""

from __future__ import annotations

# code -> (short name, one-sentence description)
CODES: dict[str, tuple[str, str]] = {
    # 1xx: the file itself could not be read as content
    "E101": ("yaml-syntax", "The YAML (front matter or data file) is not valid YAML."),
    "E102": ("not-utf8", "The file is not UTF-8 text."),
    "E103": ("front-matter", "The entry or article does not start with a front matter block between '---' lines."),
    "E104": ("duplicate-key", "The same field appears twice in one mapping."),
    "E105": (
        "yaml-unsupported",
        "The YAML uses a feature the content does not allow (anchors, aliases, tags, deep nesting).",
    ),
    "E106": ("file-too-large", "The file is larger than any real entry could be."),
    "E107": ("wrong-file", "A file in a content folder is not of the kind that folder holds (or is a symbolic link)."),
    "E108": ("tab-indent", "A line of YAML is indented with a tab or a non-breaking space."),
    "E109": (
        "list-indent",
        "A list item is indented further than the item above it, so YAML reads it as part of that item.",
    ),
    # 2xx: a field is missing, unknown or has the wrong shape
    "E201": ("missing-field", "A required field is missing."),
    "E202": ("unknown-field", "A field is not part of the content model (often a typo)."),
    "E203": ("wrong-type", "A field has the wrong type (text, list, number or mapping)."),
    "E204": ("not-allowed", "A field's value is not one of the allowed values."),
    "E205": ("length", "A text is too long or too short."),
    "E206": ("format", "A value does not have the required format (slug, date, DOI, URL, plain text)."),
    "E207": ("too-few", "A list has fewer items than required."),
    "E208": ("duplicate-item", "A list names the same item twice."),
    "E209": ("empty-body", "The Markdown body is empty or uses a top-level heading."),
    "E210": (
        "unlabelled-example",
        "A '## A fictional example' section does not say in its first paragraph that it is invented.",
    ),
    "E211": (
        "template-text",
        "Text or a placeholder from the new-entry template is still in the file, or a template section is empty.",
    ),
    # 3xx: files disagree with each other
    "E301": ("file-name", "The file name is not a valid slug (lowercase words joined by hyphens)."),
    "E302": ("duplicate-slug", "Two files have slugs that differ only by case."),
    "E303": ("duplicate-term", "A title or alias is already used by another entry."),
    "E304": ("unknown-related", "A 'related' slug names no entry."),
    "E305": ("unknown-reference", "A reference key is not in the bibliography."),
    "E306": ("duplicate-work", "Two works in the bibliography share an id."),
    "E307": ("unknown-item", "A reading-list item names no entry, article or work."),
    "E308": ("self-related", "An entry lists itself as related."),
    "E309": ("reading-item", "A reading-list item must name exactly one of entry, article or work."),
    "E310": (
        "former-slug",
        "A former slug is the slug or former slug of another entry, so its old URL cannot redirect.",
    ),
    "E311": ("unknown-contributor", "A review record names someone who is not in content/contributors.yaml."),
    "E312": (
        "review-record",
        "A review record does not hold together: self-review, a missing reviewer or date, a date in the future, or a clinical review without a qualification.",
    ),
    # 4xx: links in the text
    "E401": ("unknown-wikilink", "A [[wikilink]] names no entry by slug, title or alias."),
    "E402": ("unknown-section", "A [[slug#section]] wikilink names a section the entry does not have."),
    # 5xx: content that could harm a reader
    "E501": (
        "unsafe-html",
        "Raw HTML outside the allowed elements and attributes (no script, iframe, style, event handlers...).",
    ),
    "E502": (
        "unsafe-url",
        "A link uses an address other than http(s), mailto:, tel: or a page of the site (javascript:, data:...).",
    ),
    "E503": ("remote-image", "An image is loaded from another site; images must be files of this site."),
    # 6xx: warnings, errors only with --strict
    "W601": ("no-references", "The entry cites no work from the bibliography."),
    "W602": ("orphan", "No other page links to or mentions the entry, and no entry lists it as related."),
    "W603": ("long-summary", "The summary is longer than the 250 characters that read well in a tooltip."),
    "W604": ("stale-review", "The entry was last reviewed (or written) more than 24 months ago."),
    "W605": ("reading-level", "An introductory entry reads above the target level (Flesch-Kincaid grade 14)."),
    "W606": ("template-text", "Retired: template text is now error E211."),
    "W607": ("unmatched-citation", "An in-text citation (author and year) matches no work in the page's references."),
    "W608": ("indented-code", "A paragraph indented by a tab or four spaces shows as a block of code, not as text."),
    "W609": (
        "invisible-character",
        "A non-breaking space or an invisible character (often pasted from a word processor) where it changes how the text reads or links.",
    ),
    "W610": (
        "near-duplicate",
        "A title or alias differs from another entry's only by accents, spelling variant or plural.",
    ),
}
# Codes no longer reported; kept so that their meaning is never reused.
RETIRED = {"W606"}


def describe(code: str) -> str:
    """The one-sentence description of a code."""
    return CODES[code][1]
