"""Turning spans of text in a parsed Markdown document into elements, for the linkers.

Both the term linker (autolink.py) and the citation linker (citations.py) find spans in the
text of the parsed document and wrap each in a link. Working on the tree, not on the
Markdown, leaves code (atomic text), existing links and headings alone by construction.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable, Iterable

from markdown.util import AtomicString

# A span of text to wrap: start, end, and the element that will hold the span's text.
Span = tuple[int, int, etree.Element]


def wrap_spans(text: str, spans: Iterable[Span]) -> tuple[str, list[etree.Element]]:
    """Text before the first span, and one element per span, each carrying the text after it."""
    elements: list[etree.Element] = []
    leading, last = text, 0
    for start, end, element in spans:
        element.text = AtomicString(text[start:end])
        if elements:
            elements[-1].tail = text[last:start]
        else:
            leading = text[:start]
        elements.append(element)
        last = end
    if elements:
        elements[-1].tail = text[last:]
    return leading, elements


def rewrite_text(
    parent: etree.Element,
    split: Callable[[str], tuple[str, list[etree.Element]]],
    enter: Callable[[etree.Element], bool],
) -> None:
    """Apply `split` to every text and tail under parent, in reading order, entering only
    the children `enter` accepts (their tails are still rewritten)."""
    if parent.text and not isinstance(parent.text, AtomicString):
        parent.text, new = split(parent.text)
        for offset, element in enumerate(new):
            parent.insert(offset, element)
    for child in list(parent):
        if enter(child):
            rewrite_text(child, split, enter)
        if child.tail and not isinstance(child.tail, AtomicString):
            child.tail, new = split(child.tail)
            position = list(parent).index(child) + 1
            for offset, element in enumerate(new):
                parent.insert(position + offset, element)
