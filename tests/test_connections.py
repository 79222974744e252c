"""An entry page a student can read on a phone: a short "What to read next" with reasons,
every other connection once in one compact list, and a concept map whose boxes never overlap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary_pipeline.conceptmap import MAX_NODES, NODE_H, NODE_W, _positions
from glossary_pipeline.pipeline import build_project
from helpers import assemble, FIXTURES, ROOT


def write_entry(
    project: Path,
    slug: str,
    related: list[str],
    summary: str = "A summary long enough for the check.",
    body: str = "Text.",
    extra: str = "",
) -> None:
    items = "".join(f"\n  - {item}" for item in related)
    (project / "glossary" / f"{slug}.md").write_text(
        f"---\ntitle: {slug.replace('-', ' ').capitalize()}\nsummary: {summary}\ncategory: core-concept\n"
        f"level: introductory\nrelated:{items or ' []'}\nreferences: [freud1914]\n{extra}---\n{body}\n",
        encoding="utf-8",
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = assemble(tmp_path / "p", FIXTURES / "base")
    for slug in [f"idea-{n}" for n in range(1, 9)]:
        write_entry(project, slug, ["transference"])
    write_entry(
        project,
        "hub",
        [
            "idea-1: broader",
            "idea-2: contrast",
            "idea-3",
            "idea-4: developed-from",
            "idea-5",
            "idea-6",
            "idea-7",
            "idea-8",
        ],
    )
    write_entry(project, "mentioner", [], summary="A summary that mentions Hub by name, long enough.")
    write_entry(
        project,
        "misconceived",
        [],
        extra="misconceptions:\n  - misconception: Hub is the same as idea 1.\n    correction: It is not.\n",
    )
    return project


def page(project: Path, slug: str) -> str:
    result = build_project(project)
    assert result.errors == [], result.errors
    return next(p.content for p in result.pages if p.src_uri == f"glossary/{slug}.md")


def section(content: str, heading: str) -> str:
    return content.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]


def test_what_to_read_next_holds_six_with_a_reason_each(project: Path):
    content = page(project, "hub")
    items = re.findall(
        r'^- \[(.+?)\]\(.+?\): <span class="why">(.+)</span>$', section(content, "What to read next"), flags=re.M
    )
    assert [title for title, _ in items] == ["Idea 1", "Idea 2", "Idea 3", "Idea 4", "Idea 5", "Idea 6"]
    reasons = dict(items)
    assert reasons["Idea 1"] == "The broader idea" and reasons["Idea 2"] == "A contrasting idea"
    assert reasons["Idea 4"] == "What it grew out of"
    assert reasons["Idea 3"] == "A summary long enough for the check"  # see also: what it is


def test_every_other_connection_is_named_once_in_one_compact_list(project: Path):
    content = page(project, "hub")
    connected = section(content, "Also connected")
    names = re.findall(r"\[([^\]]+)\]\(", connected)
    # The two related entries beyond six, and the pages that mention Hub in their summary or misconceptions.
    assert sorted(names) == ["Idea 7", "Idea 8", "Mentioner", "Misconceived"]
    assert len(names) == len(set(names))
    assert "<details" not in connected  # short lists stay open


def test_a_long_list_of_connections_is_folded(project: Path):
    for n in range(20):
        write_entry(project, f"fan-{n:02d}", ["hub"])
    connected = section(page(project, "hub"), "Also connected")
    assert connected.count("<details") == 1 and "24 pages mention Hub or list it as related" in connected


def test_the_related_entry_shows_the_relation_from_its_side(project: Path):
    content = page(project, "idea-1")
    assert '- [Hub](hub.md): <span class="why">A narrower idea</span>' in section(content, "What to read next")


@pytest.mark.parametrize("count", range(1, MAX_NODES + 1))
def test_concept_map_boxes_never_overlap(count):
    boxes = [(x - NODE_W / 2, y - NODE_H / 2, x + NODE_W / 2, y + NODE_H / 2) for x, y in _positions(count)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_a_reading_path_links_each_step_to_the_next(project: Path):
    (project / "content" / "reading-lists").mkdir(parents=True, exist_ok=True)
    (project / "content" / "reading-lists" / "path.yaml").write_text(
        "title: First steps\naudience: Students\nlevel: introductory\npath: true\nobjectives: [Learn.]\n"
        "items:\n  - entry: transference\n  - work: freud1914\n  - entry: hub\n  - entry: idea-1\n",
        encoding="utf-8",
    )
    result = build_project(project)
    assert result.errors == []
    pages = {p.src_uri: p.content for p in result.pages}
    middle = pages["glossary/hub.md"]
    assert "Step 2 of 3 in [First steps](../reading-lists/path.md)" in middle  # the work is not a page: no step
    assert "[← Transference](transference.md)" in middle and "[Next: Idea 1 →](idea-1.md)" in middle
    assert "[←" not in pages["glossary/transference.md"].split("Reading path", 1)[1].split("</nav>")[0]
    assert "Reading path" not in pages["glossary/idea-2.md"]


def test_the_one_hour_introduction_is_a_path_of_about_an_hour_that_the_home_page_links():
    from glossary_pipeline.pipeline import check_project
    from glossary_pipeline.reading import total_minutes

    result = check_project(ROOT)
    path = result.index.corpus.reading_lists["one-hour-introduction"]
    assert path.path
    minutes, partial = total_minutes(result.index, path)
    assert 50 <= minutes <= 70 and not partial
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "(reading-lists/one-hour-introduction.md)" in home
