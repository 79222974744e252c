"""Benchmarks (`make bench`, `python tools/bench.py`): figures, not pass/fail tests.

For synthetic glossaries of 100, 1,000 and 5,000 entries (realistic sizes, links and
aliases) it times each pipeline stage and the full MkDocs build, measures peak memory, HTML
per entry page and the search index, and builds the same pages with plain MkDocs and
Material (the generated pages exported as ordinary Markdown, no plugin) so the pipeline's
overhead is a ratio measured side by side. `--matcher` times the term matcher alone.

It lives outside the installed package, and measures this checkout's pipeline (scripts/),
here and in the builds it runs, whatever is installed. The stages it times are the
pipeline's own list (pipeline.STAGES), so it runs exactly what the build runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from glossary_pipeline.links import TermMatcher  # noqa: E402  (after the path above)
from glossary_pipeline.model import GeneratedPage  # noqa: E402
from glossary_pipeline.pipeline import STAGES, build_project  # noqa: E402

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "te",
    "vo",
    "zi",
    "pa",
    "dro",
    "fen",
    "gul",
    "his",
    "jor",
    "tran",
    "sfe",
    "ren",
    "ce",
    "psy",
    "cho",
    "dy",
    "na",
    "mic",
    "the",
    "ra",
    "py",
    "al",
    "li",
    "an",
]
# Prose is made of other syllables, so the only mentions are the ones planted.
FILLER_SYLLABLES = ["bo", "cu", "de", "fi", "go", "hu", "ja", "ke", "lu", "mo", "nu", "po", "qui", "sto", "wu"]
# The targets of the benchmark issue: (what, at most, how to read it from the results).
TARGETS = [
    ("Pipeline stages, 5,000 entries (s)", 2.0, lambda d, by: by[5000]["stages_s"]["total"]),
    ("`glossary check` on the real content (s)", 0.5, lambda d, by: d["check_s"]),
    ("Full build / plain MkDocs, 1,000 entries", 1.10, lambda d, by: by[1000]["build_ratio"]),
    ("5,000-entry build / 1,000-entry build", 5.5, lambda d, by: round(by[5000]["build_s"] / by[1000]["build_s"], 2)),
    ("HTML per entry page, 5,000 entries (KB)", 40, lambda d, by: by[5000]["html_kb_per_entry"]),
    ("Peak memory, 5,000 entries (MB)", 1024, lambda d, by: by[5000]["peak_mb"]),
    ("Live preview, changed sentence (s)", 3.0, lambda d, by: d["live_reload_s"]["text"]),
    ("Live preview, changed title (s)", 3.0, lambda d, by: d["live_reload_s"]["title"]),
    ("Search index, 5,000 entries (MB)", 10, lambda d, by: by[5000]["search_index_mb"]),
]


def check_targets(data: dict) -> list[tuple[str, float, float, bool]]:
    """Each target with its measured figure and whether it is met; those this run did not measure are left out."""
    by = {r["entries"]: r for r in data["sizes"]}
    verdicts = []
    for name, limit, measure in TARGETS:
        try:
            value = measure(data, by)
        except (KeyError, TypeError):  # not measured in this run (--quick, or the preview failed)
            continue
        verdicts.append((name, limit, value, value <= limit))
    return verdicts


def make_word(rng: random.Random, syllables: list[str] = SYLLABLES) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def make_terms(count: int, seed: int = 1) -> list[tuple[str, str]]:
    """Distinct terms of one to three words, each with its own slug (titles and aliases alike)."""
    rng, terms, seen = random.Random(seed), [], set()
    while len(terms) < count:
        term = " ".join(make_word(rng) for _ in range(rng.choice([1, 1, 2, 2, 3])))
        if term not in seen:
            seen.add(term)
            terms.append((term.capitalize(), f"t{len(terms)}"))
    return terms


def make_pages(
    count: int, terms: list[tuple[str, str]], words: int = 440, mentions: int = 8, seed: int = 2
) -> list[str]:
    """Pages of ordinary-looking prose with a few term mentions each."""
    rng = random.Random(seed)
    filler = [make_word(rng, FILLER_SYLLABLES) for _ in range(2000)] + [
        "the",
        "and",
        "of",
        "a",
        "to",
        "in",
        "is",
        "that",
    ] * 200
    pages = []
    for _ in range(count):
        body = [rng.choice(filler) for _ in range(words)]
        for _ in range(mentions):
            body.insert(rng.randrange(len(body)), rng.choice(terms)[0].lower())
        pages.append(" ".join(body))
    return pages


def bench_matcher(terms: int, pages: int) -> dict:
    """Time building the matcher and scanning every page once."""
    term_list = make_terms(terms)
    page_list = make_pages(pages, term_list)
    start = time.perf_counter()
    matcher = TermMatcher(term_list)
    built = time.perf_counter()
    found = sum(1 for page in page_list for _ in matcher.find(page))
    scanned = time.perf_counter()
    megabytes = sum(len(p) for p in page_list) / 1e6
    return {
        "terms": terms,
        "pages": pages,
        "text_mb": round(megabytes, 2),
        "build_s": round(built - start, 3),
        "scan_s": round(scanned - built, 3),
        "mentions": found,
        "mb_per_s": round(megabytes / max(scanned - built, 1e-9), 2),
    }


# --- synthetic projects ---------------------------------------------------------------


def _entry_text(rng: random.Random, n: int, index: int, titles: list[str], slugs: list[str], works: int) -> str:
    """One entry of about the real entries' size: ~400 words, 3 sections, 3 related, mentions of others."""
    related = sorted({slugs[(index + k * 7 + 1) % n] for k in range(3)} - {slugs[index]})
    paragraphs = []
    for _ in range(6):
        words = [make_word(rng, FILLER_SYLLABLES) for _ in range(60)]
        words.insert(rng.randrange(60), titles[rng.randrange(n)].lower())
        paragraphs.append(" ".join(words).capitalize() + ".")
    body = (
        f"{paragraphs[0]}\n\n## What it means\n\n{paragraphs[1]} See [[{related[0]}]].\n\n{paragraphs[2]}\n\n"
        f"## Where the idea came from\n\n{paragraphs[3]}\n\n{paragraphs[4]}\n\n## How it is used today\n\n{paragraphs[5]}\n"
    )
    aliases = "".join(f"  - {titles[index].lower()} {suffix}\n" for suffix in ("theory", "concept"))
    return (
        f"---\ntitle: {titles[index]}\naliases:\n{aliases}summary: >-\n  A short definition of {titles[index].lower()} "
        f"that a first-year student can follow, in one or two plain sentences.\ncategory: core-concept\n"
        f"tags: [synthetic]\nlevel: intermediate\nrelated:\n"
        + "".join(f"  - {r}\n" for r in related)
        + f"references:\n  - w{index % works}\n  - w{(index + 1) % works}\nkey_points:\n"
        + "".join(f"  - Key point {k} about {titles[index].lower()} in one sentence.\n" for k in range(3))
        + "questions:\n"
        + "".join(
            f"  - question: What is question {k} about {titles[index].lower()}?\n"
            f"    answer: A short model answer to question {k}.\n"
            for k in range(2)
        )
        + "review:\n  status: draft\n  written_by: benchmark\n  written_on: 2026-01-01\n---\n"
        + body
    )


def make_project(root: Path, entries: int, repo: Path) -> Path:
    """A project like the real one (config, theme overrides, docs pages) with synthetic content."""
    rng = random.Random(entries)
    for part in ("docs", "overrides"):
        shutil.copytree(repo / part, root / part)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / "index.md").write_text("---\ntitle: Home\n---\n# Home\n\nA synthetic glossary for benchmarks.\n")
    titles = [t for t, _ in make_terms(entries, seed=entries)]
    slugs = [re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") for t in titles]
    (root / "glossary").mkdir()
    for i in range(entries):
        (root / "glossary" / f"{slugs[i]}.md").write_text(
            _entry_text(rng, entries, i, titles, slugs, 50), encoding="utf-8"
        )
    (root / "content" / "articles").mkdir(parents=True)
    works = "".join(
        f"- id: w{k}\n  authors: Author, A.\n  year: {1950 + k}\n  title: Work number {k}\n  venue: A Journal, {k}\n"
        for k in range(50)
    )
    (root / "content" / "bibliography.yaml").write_text("works:\n" + works, encoding="utf-8")
    (root / "content" / "articles" / "overview.md").write_text(
        "---\ntitle: Overview\nsummary: A synthetic article for the benchmark.\norder: 1\n---\n"
        + "\n\n".join(make_pages(1, [(titles[0], slugs[0])], words=800))
        + "\n",
        encoding="utf-8",
    )
    return root


def time_stages(root: Path) -> tuple[dict[str, float], list[GeneratedPage]]:
    """Seconds for each pipeline stage (pipeline.STAGES, by name), run in this process as the build runs them."""
    timings: dict[str, float] = {}
    result = build_project(root, "Bench", "http://127.0.0.1:8000/", timings=timings)
    if result.errors:
        raise SystemExit(f"the synthetic corpus has errors, e.g. {result.errors[0]}")
    times = {name: round(timings[name], 3) for name, _ in STAGES}
    times["total"] = round(sum(times.values()), 3)
    return times, result.pages


def checkout_env() -> dict[str, str]:
    """The environment for a build or check run by the benchmark: this checkout's pipeline first."""
    path = os.pathsep.join(p for p in (str(ROOT / "scripts"), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}


def run_build(config: Path, site: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one `mkdocs build --strict`."""
    env = {**checkout_env(), "SITE_URL": "http://127.0.0.1:8000/"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    gnu_time = Path("/usr/bin/time").exists()
    if gnu_time:
        command = ["/usr/bin/time", "-f", "%M"] + command
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed: {result.stderr[-800:]}")
    if gnu_time:
        peak_kb = int(result.stderr.strip().splitlines()[-1])
    else:  # the largest child so far: an upper bound for this build
        import resource

        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(seconds, 2), round(peak_kb / 1024, 1)


def make_plain_project(root: Path, project: Path, pages) -> Path:
    """The same pages as ordinary Markdown in docs/, built by MkDocs and Material without the pipeline."""
    shutil.copytree(project / "docs", root / "docs")
    shutil.copytree(project / "overrides", root / "overrides")
    for page in pages:
        target = root / "docs" / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page.content, bytes):  # a binary download (the Anki deck)
            target.write_bytes(page.content)
        else:
            target.write_text(page.content, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - glossary:\n(      .*\n)+", "", config)  # no plugin: nothing generated, nothing linked
    config += (
        "not_in_nav: |\n  /glossary/*\n  /categories/*\n  /articles/*\n  /reading-lists/*\n  /schemas/*\n"
        "  /changes.md\n  /downloads.md\n  /levels/*\n  /releases/*\n"
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def bench_size(entries: int, repo: Path, work: Path) -> dict:
    project = make_project(work / f"p{entries}", entries, repo)
    stages, pages = time_stages(project)
    site = work / f"site{entries}"
    plain_config = make_plain_project(work / f"plain{entries}", project, pages)
    # Single builds on a shared 2-core machine vary by 20% or more, so the two builds take
    # turns and each figure is a median (three runs each, one at 5,000 entries, to keep
    # `make bench` to minutes).
    runs = [
        (run_build(project / "mkdocs.yml", site), run_build(plain_config, work / f"plainsite{entries}"))
        for _ in range(3 if entries <= 1000 else 1)
    ]
    build_s = sorted(r[0][0] for r in runs)[len(runs) // 2]
    plain_s = sorted(r[1][0] for r in runs)[len(runs) // 2]
    peak_mb, plain_mb = max(r[0][1] for r in runs), max(r[1][1] for r in runs)
    entry_pages = list((site / "glossary").glob("*/index.html"))
    html_kb = sum(p.stat().st_size for p in entry_pages) / len(entry_pages) / 1024
    index_bytes = (site / "search" / "search_index.json").stat().st_size
    return {
        "entries": entries,
        "stages_s": stages,
        "build_s": build_s,
        "plain_build_s": plain_s,
        "build_ratio": round(build_s / plain_s, 2),
        "peak_mb": peak_mb,
        "plain_peak_mb": plain_mb,
        "html_kb_per_entry": round(html_kb, 1),
        "search_index_mb": round(index_bytes / 1e6, 2),
        "search_index_kb_per_entry": round(index_bytes / 1024 / entries, 2),
    }


def time_check(repo: Path, runs: int = 3) -> float:
    """Median wall seconds of `glossary check` on the real content, as a contributor runs it."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "glossary_pipeline", "check", "--root", str(repo)],
            capture_output=True,
            env=checkout_env(),
        )
        times.append(time.perf_counter() - start)
    return round(sorted(times)[len(times) // 2], 3)


def time_live_reload(repo: Path, work: Path, timeout: float = 60.0) -> dict:
    """Seconds from saving one entry under `make serve` until the served page shows the change.

    Two edits: a sentence in the text (the usual edit: only pages whose Markdown changes are
    built again) and the title of a much-linked entry (every page that links to it or mentions
    it is built again).
    """
    import socket
    import urllib.request

    project = work / "serve"
    project.mkdir(parents=True)
    for part in ("mkdocs.yml", "docs", "overrides", "glossary", "content"):
        source = repo / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/glossary/transference/"
    env = checkout_env()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(project / "mkdocs.yml"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + timeout
        while "Transference" not in page():
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.2)
        entry = project / "glossary" / "transference.md"
        times = {}
        for edit, old, new in (
            ("text", "## What it means\n", "## What it means\n\nBODYMARK "),
            ("title", "title: Transference", "title: Transference TITLEMARK"),
        ):
            time.sleep(1.5)  # let the watcher settle after the last build
            entry.write_text(entry.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
            saved = time.monotonic()
            mark = new.split()[-1]
            while mark not in page():
                if time.monotonic() - saved > timeout:
                    raise SystemExit(f"the {edit} edit never appeared")
                time.sleep(0.1)
            times[edit] = round(time.monotonic() - saved, 2)
        return times
    finally:
        server.terminate()
        server.wait(timeout=10)


def print_table(rows: list[dict], check_s: float) -> None:
    stages = [name for name, _ in STAGES]
    print(
        f"\n{'entries':>7} " + " ".join(f"{name[:8]:>8}" for name in stages) + f" {'stages':>7} "
        f"{'build':>7} {'plain':>7} {'ratio':>6} {'peak MB':>8} {'KB/page':>8} {'index MB':>9} {'KB/entry':>9}"
    )
    for r in rows:
        s = r["stages_s"]
        print(
            f"{r['entries']:>7} " + " ".join(f"{s[name]:>8}" for name in stages) + " "
            f"{s['total']:>7} {r['build_s']:>7} {r['plain_build_s']:>7} {r['build_ratio']:>6} {r['peak_mb']:>8} "
            f"{r['html_kb_per_entry']:>8} {r['search_index_mb']:>9} {r['search_index_kb_per_entry']:>9}"
        )
    print(f"\n`glossary check` on the real content: {check_s} s")
    by = {r["entries"]: r for r in rows}
    if 1000 in by and 5000 in by:
        print(f"5,000-entry build / 1,000-entry build: {by[5000]['build_s'] / by[1000]['build_s']:.2f}")


def write_docs_page(data: dict, path: Path) -> None:
    """docs/benchmarks.md from the JSON, so the page always shows the last measured run."""
    rows = data["sizes"]
    lines = [
        "---",
        "title: Benchmarks",
        "description: How fast the content pipeline and the site build are, measured.",
        "---",
        "",
        "# Benchmarks",
        "",
        f"Measured on {data['date']} on {data['machine']}, with `make bench` (`python tools/bench.py`). "
        "Synthetic glossaries of realistic entries (about 400 words, aliases, related entries, references, "
        "questions, wikilinks and mentions of other terms) are built twice: with the pipeline, and as plain "
        "Markdown pages with MkDocs and Material alone, taking turns; build times are the median of three "
        "runs each (one at 5,000 entries). Times are wall-clock seconds on a noisy machine: read them to "
        "about ±10%.",
        "",
        "| Entries | Pipeline stages (s) | Full build (s) | Plain MkDocs (s) | Ratio | Peak memory (MB) | HTML per entry page (KB) | Search index (MB) | Index per entry (KB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['entries']:,} | {r['stages_s']['total']} | {r['build_s']} | {r['plain_build_s']} | "
            f"{r['build_ratio']} | {r['peak_mb']} | {r['html_kb_per_entry']} | {r['search_index_mb']} | "
            f"{r['search_index_kb_per_entry']} |"
        )
    stages = [name for name, _ in STAGES]
    lines += [
        "",
        "Pipeline stages (`pipeline.STAGES`), in seconds:",
        "",
        "| Entries | " + " | ".join(name.capitalize() for name in stages) + " |",
        "|---:|" + "---:|" * len(stages),
    ]
    lines += [f"| {r['entries']:,} | " + " | ".join(str(r["stages_s"][n]) for n in stages) + " |" for r in rows]
    lines += ["", f"`glossary check` on the real content: {data['check_s']} s."]
    if data.get("live_reload_s"):
        reload = data["live_reload_s"]
        lines.append(
            f"Live preview (`make serve`, real content): after saving an entry, a changed sentence appeared "
            f"{reload['text']} s later (only pages whose Markdown changed are built again); a changed title "
            f"appeared {reload['title']} s later (every page that links to or mentions the term is built again)."
        )
    lines.append("")
    if data.get("matcher"):
        lines += [
            "Term matcher alone (one pattern for every title and alias):",
            "",
            "| Terms | Pages | Text (MB) | Build (s) | Scan (s) | MB/s |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {m['terms']:,} | {m['pages']:,} | {m['text_mb']} | {m['build_s']} | {m['scan_s']} | {m['mb_per_s']} |"
            for m in data["matcher"]
        ]
        lines.append("")
    verdicts = check_targets(data)
    if verdicts:
        lines += ["## Targets", "", "| Target | At most | Measured | Met |", "|---|---:|---:|---|"]
        lines += [
            f"| {name} | {limit} | {value} | {'yes' if met else '**no**'} |" for name, limit, value, met in verdicts
        ]
        lines.append("")
        if not all(met for *_, met in verdicts):
            lines += [
                "Where a time is over its target, the cost is the pipeline's own Python work for each entry: "
                "reading its YAML with the position of every field (for file:line messages), the schema "
                "checks, finding term mentions and writing the page's Markdown (about 0.9 ms an entry), and "
                "since 2026-12-06 rendering each body once with the site's own Markdown configuration, so "
                "that the safety check sees exactly what the renderer sees (about 1 ms an entry more, in the "
                "validate stage). Automatic term links, added while MkDocs renders each page, add about "
                "0.6 ms a page more. Each entry's print handout (handout.py) is made at build time "
                "too, from the check's one parse of its body (until the third session of 2026-12-06 it "
                "rendered each body a second time: the generate stage at 5,000 entries took 10.5 s then); "
                "it adds about 8 KB to each entry page, which carries it for printing, and keeps pages just "
                "over their 40 KB target. "
                "The search index is over its size target because it now holds each "
                "entry's distinct words, so that words found only in an entry's text find it; what a reader "
                "downloads before the first result, compressed as hosts serve it, is within its 10 MB target "
                "(see the next section).",
                "",
            ]
    # Keep what tests/tools/reader_benchmark.py measured in the browser (between its markers).
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = "<!-- search-benchmark -->", "<!-- /search-benchmark -->"
    if start in old and end in old:
        lines += ["", old[old.index(start) : old.index(end) + len(end)], ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="glossary-bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 entries only (for CI)")
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated corpus sizes")
    parser.add_argument("--matcher", action="store_true", help="time the term matcher alone (1,000 and 5,000 terms)")
    parser.add_argument("--json", default="bench-results/bench.json", help="where to write the results")
    parser.add_argument("--docs", help="also write this Markdown page (docs/benchmarks.md)")
    args = parser.parse_args(argv)
    if args.matcher:
        rows = [bench_matcher(n, n) for n in (1000, 5000)]
        for r in rows:
            print(r)
        return 0
    repo = ROOT
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for n in sizes:
            print(f"building {n} entries...", flush=True)
            rows.append(bench_size(n, repo, Path(tmp)))
        live_reload_s = None
        if not args.quick:
            try:  # one figure that cannot be measured must not cost the others
                live_reload_s = time_live_reload(repo, Path(tmp))
            except (OSError, subprocess.SubprocessError, SystemExit) as err:
                print(f"live preview not measured: {err}", file=sys.stderr)
    data = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "sizes": rows,
        "check_s": time_check(repo),
        "live_reload_s": live_reload_s,
        "matcher": [bench_matcher(n, n) for n in (1000, 5000)] if not args.quick else [],
    }
    if live_reload_s:
        print(
            f"live preview: a changed sentence appeared {live_reload_s['text']} s after saving, "
            f"a changed title {live_reload_s['title']} s"
        )
    print_table(rows, data["check_s"])
    for name, limit, value, met in check_targets(data):
        print(f"{'met    ' if met else 'NOT MET'}  {name}: {value} (target at most {limit})")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if args.docs:
        write_docs_page(data, Path(args.docs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
