"""Concept maps: an entry's neighbourhood as a small inline SVG, made at build time.

The SVG needs no JavaScript and carries its own text alternative (<title> and <desc>);
every node is a link. The page's "What to read next" and "Mentioned in" lists hold the
same information as text.
"""

from __future__ import annotations

import math
from html import escape

from .model import Entry
from .urls import entry_uri, relative_url

MAX_NODES = 10
WIDTH, HEIGHT = 680, 340
RELATION_LABELS = {"related": "related entry", "links": "this entry mentions it", "mentioned": "mentions this entry"}


def pick_neighbours(related: list[Entry], links_to: list[Entry], mentioned_by: list[Entry]) -> list[tuple[Entry, str]]:
    """Up to MAX_NODES neighbours, related entries first, each with its strongest relation."""
    chosen: dict[str, tuple[Entry, str]] = {}
    for group, relation in ((related, "related"), (links_to, "links"), (mentioned_by, "mentioned")):
        for entry in group:
            if entry.slug not in chosen and len(chosen) < MAX_NODES:
                chosen[entry.slug] = (entry, relation)
    return list(chosen.values())


def _label_lines(title: str, width: int = 21) -> list[str]:
    """Wrap a title onto at most two lines."""
    words, lines, current = title.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], (" ".join(lines[1:]))[: width - 1] + "…"]
    return lines


def _text(x: float, y: float, title: str, css: str) -> str:
    lines = _label_lines(title)
    top = y - (len(lines) - 1) * 8
    spans = "".join(f'<tspan x="{x:.0f}" y="{top + i * 16:.0f}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="{css}" text-anchor="middle" dominant-baseline="middle">{spans}</text>'


def render_concept_map(entry: Entry, neighbours: list[tuple[Entry, str]]) -> str:
    """The SVG for one entry, as a single raw-HTML block (no blank lines, so Markdown keeps it whole)."""
    if not neighbours:
        return ""
    here = entry_uri(entry.slug)
    cx, cy = WIDTH / 2, HEIGHT / 2
    rx, ry = WIDTH / 2 - 95, HEIGHT / 2 - 45
    edges, nodes = [], []
    for i, (other, relation) in enumerate(neighbours):
        angle = -math.pi / 2 + 2 * math.pi * i / len(neighbours)
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        edges.append(f'<line class="cmap-edge cmap-{relation}" x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.0f}" y2="{y:.0f}"/>')
        label = f"{other.title} ({RELATION_LABELS[relation]})"
        # xlink:href, not href: Material's instant navigation rewrites every a[href], and
        # an SVG link's href cannot be assigned to (a console error on every page).
        nodes.append(f'<a xlink:href="{relative_url(here, entry_uri(other.slug))}" aria-label="{escape(label)}">'
                     f'<rect class="cmap-node cmap-{relation}" x="{x - 78:.0f}" y="{y - 20:.0f}" width="156" height="40" rx="8"/>'
                     f'{_text(x, y, other.title, "cmap-label")}</a>')
    description = "; ".join(f"{other.title}: {RELATION_LABELS[relation]}" for other, relation in neighbours)
    title_id, desc_id = f"cmap-title-{entry.slug}", f"cmap-desc-{entry.slug}"
    centre = (f'<rect class="cmap-centre" x="{cx - 88:.0f}" y="{cy - 24:.0f}" width="176" height="48" rx="10"/>'
              + _text(cx, cy, entry.title, "cmap-centre-label"))
    return (f'<figure class="concept-map">'
            f'<svg xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="{title_id} {desc_id}">'
            f'<title id="{title_id}">Concept map of {escape(entry.title)}</title>'
            f'<desc id="{desc_id}">{escape(entry.title)} is connected to: {escape(description)}.</desc>'
            + "".join(edges) + centre + "".join(nodes) +
            '</svg><figcaption>Solid lines: related entries. Dashed lines: entries this one mentions, '
            'or that mention it. Select a box to open that entry.</figcaption></figure>')
