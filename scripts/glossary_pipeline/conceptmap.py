"""Concept maps: an entry's neighbourhood as a small inline SVG, made at build time.

The entry sits in the middle; up to eight neighbours stand in two columns beside it, so no
two boxes overlap, and every edge is labelled with how the two relate. The SVG needs no
JavaScript and carries its own text alternative (<title> and <desc>); every node is a
link. Narrow screens, where the labels would be too small to read, get the same relations
as a list instead (site.css chooses).
"""

from __future__ import annotations

from html import escape

from .index import Neighbour
from .model import Entry
from .urls import entry_uri, relative_url

MAX_NODES = 8
PER_COLUMN = MAX_NODES // 2
WIDTH = 760
NODE_W, NODE_H, ROW = 180, 52, 68  # user units; at the widths the map is shown, one unit is about one pixel
CENTRE_W, CENTRE_H = 190, 60
LEFT_X, RIGHT_X = 10 + NODE_W / 2, WIDTH - 10 - NODE_W / 2
# Relations the text makes, beside those the content names.
MENTIONS, MENTIONED_IN = "mentions", "mentioned in"


def pick_neighbours(
    following: list[Neighbour], links_to: list[Entry], mentioned_by: list[Entry]
) -> list[tuple[Entry, str]]:
    """Up to MAX_NODES neighbours with their edge labels: the entries to read next first, then mentions."""
    chosen: dict[str, tuple[Entry, str]] = {}
    for neighbour in following:
        chosen.setdefault(neighbour.entry.slug, (neighbour.entry, neighbour.edge))
    for group, label in ((links_to, MENTIONS), (mentioned_by, MENTIONED_IN)):
        for entry in group:
            if len(chosen) < MAX_NODES:
                chosen.setdefault(entry.slug, (entry, label))
    return list(chosen.values())[:MAX_NODES]


def _label_lines(title: str, width: int = 20) -> list[str]:
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
    top = y - (len(lines) - 1) * 9
    spans = "".join(f'<tspan x="{x:.0f}" y="{top + i * 18:.0f}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="{css}" text-anchor="middle" dominant-baseline="middle">{spans}</text>'


def _positions(count: int) -> list[tuple[float, float]]:
    """Node centres: alternately right and left, each column from the top."""
    left, right = count // 2, count - count // 2
    height = max(left, right, 1) * ROW
    out = []
    for i in range(count):
        column, row = (RIGHT_X, i // 2) if i % 2 == 0 else (LEFT_X, i // 2)
        rows = right if i % 2 == 0 else left
        out.append((column, (height - rows * ROW) / 2 + row * ROW + ROW / 2))
    return out


def render_concept_map(entry: Entry, neighbours: list[tuple[Entry, str]]) -> str:
    """The map for one entry, as one raw-HTML block (no blank lines, so Markdown keeps it whole)."""
    if not neighbours:
        return ""
    here = entry_uri(entry.slug)
    positions = _positions(len(neighbours))
    height = max(len(neighbours) - len(neighbours) // 2, 1) * ROW
    cx, cy = WIDTH / 2, height / 2
    edges, labels, nodes, items = [], [], [], []
    for (other, relation), (x, y) in zip(neighbours, positions):
        side = 1 if x > cx else -1
        x1, x2 = cx + side * CENTRE_W / 2, x - side * NODE_W / 2
        edges.append(f'<line class="cmap-edge" x1="{x1:.0f}" y1="{cy:.0f}" x2="{x2:.0f}" y2="{y:.0f}"/>')
        # The label sits by the edge, next to the neighbour's box.
        # Above the edge where it climbs towards the middle, below it where it falls, so the two never cross.
        lx, ly = x2 - side * 6, (y - 9) if y <= cy else (y + 20)
        labels.append(
            f'<text class="cmap-relation" x="{lx:.0f}" y="{ly:.0f}" text-anchor="{"start" if side < 0 else "end"}">'
            f"{escape(relation)}</text>"
        )
        url = relative_url(here, entry_uri(other.slug))
        nodes.append(
            f'<a href="{url}" aria-label="{escape(other.title)} ({escape(relation)})">'
            f'<rect class="cmap-node" x="{x - NODE_W / 2:.0f}" y="{y - NODE_H / 2:.0f}" width="{NODE_W}" '
            f'height="{NODE_H}" rx="8"/>{_text(x, y, other.title, "cmap-label")}</a>'
        )
        items.append(
            f'<li><span class="cmap-list-relation">{escape(relation.capitalize())}:</span> '
            f'<a href="{url}">{escape(other.title)}</a></li>'
        )
    description = "; ".join(f"{other.title} ({relation})" for other, relation in neighbours)
    title_id, desc_id = f"cmap-title-{entry.slug}", f"cmap-desc-{entry.slug}"
    centre = (
        f'<rect class="cmap-centre" x="{cx - CENTRE_W / 2:.0f}" y="{cy - CENTRE_H / 2:.0f}" width="{CENTRE_W}" '
        f'height="{CENTRE_H}" rx="10"/>' + _text(cx, cy, entry.title, "cmap-centre-label")
    )
    # The links in the SVG are written with href: the sanitiser renames them to xlink:href, which
    # Material's instant navigation leaves alone (it cannot assign an SVG link's href).
    return (
        f'<figure class="concept-map">'
        f'<svg viewBox="0 0 {WIDTH} {height:.0f}" role="group" aria-labelledby="{title_id} {desc_id}">'
        f'<title id="{title_id}">Concept map of {escape(entry.title)}</title>'
        f'<desc id="{desc_id}">{escape(entry.title)} is connected to: {escape(description)}.</desc>'
        + "".join(edges)
        + centre
        + "".join(labels)
        + "".join(nodes)
        + f'</svg><ul class="cmap-list">{"".join(items)}</ul>'
        "<figcaption>How this entry connects to others: each line says how the two relate "
        "(as the entries name it, or that one mentions the other). Select a box to open that entry."
        "</figcaption></figure>"
    )
