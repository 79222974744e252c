"""What a reader waits for and scrolls through, measured in Chromium (a benchmark, not a test).

Usage: python tests/tools/reader_benchmark.py [--entries 5000] [--docs docs/benchmarks.md]

- Entry length on a phone: every entry page of the real content at 360x740, in screens,
  against its reading time.
- Search, on the real content and on a synthetic glossary of --entries entries (made like
  `make bench` makes them): the bytes a reader's browser downloads from opening a page to
  the first search result (served with gzip, as real hosts do; also without), and the time
  from each key press to the results being shown, with Chromium's CPU slowed down 4x
  (a mid-range phone), while typing several queries a letter at a time.

It builds each site with SITE_URL set to the address it serves, and writes its results
between the search-benchmark markers of docs/benchmarks.md (`make bench` keeps them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from lighthouse_report import GzipHandler, free_port  # noqa: E402

QUERIES = ["transference", "defence mechanism", "what is the unconscious", "countertransferance"]
SYNTHETIC_QUERIES = ["theory", "concept of", "key point"]
START, END = "<!-- search-benchmark -->", "<!-- /search-benchmark -->"
# Time from a key press until the result list or its count changes, measured in the page.
KEYSTROKE_SPY = """
window.__keys = [];
document.addEventListener("keydown", () => { window.__pressed = performance.now(); }, true);
new MutationObserver(() => {
  if (window.__pressed) { window.__keys.push(performance.now() - window.__pressed); window.__pressed = 0; }
}).observe(document, { childList: true, subtree: true, characterData: true });
"""


def build(project: Path, site: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])


def serve(site: Path, port: int, gzip_on: bool) -> ThreadingHTTPServer:
    handler = GzipHandler if gzip_on else __import__("test_browser").QuietHandler
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic"],
    )


def bytes_to_first_result(browser, url: str, query: str) -> int:
    """Bytes on the wire from opening the home page with a query to its first result."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    received: dict[str, float] = {}
    cdp.on(
        "Network.loadingFinished", lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"])
    )
    page.goto(f"{url}?q={query}")
    page.locator("li.md-search-result__item").first.wait_for(timeout=120_000)
    total = int(sum(received.values()))
    context.close()
    return total


def keystroke_times(browser, url: str, queries: list[str]) -> list[float]:
    """Milliseconds from each key press to the results changing, with the CPU slowed 4x."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.add_init_script(KEYSTROKE_SPY)
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.focus()  # Material opens its search when the box takes the focus
    # Wait until the index is ready: a first search shows results.
    box.press_sequentially("a")
    page.locator("li.md-search-result__item").first.wait_for(timeout=120_000)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    times: list[float] = []
    for query in queries:
        box.fill("")
        page.evaluate("window.__keys = []; window.__pressed = 0")
        for char in query:
            box.press(char if char != " " else "Space")
            page.wait_for_function("() => !window.__pressed", timeout=30_000)
        times += page.evaluate("window.__keys")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    context.close()
    return times


def phone_screens(browser, url: str, site: Path) -> list[tuple[str, int, float]]:
    entries = json.loads((site / "glossary.json").read_text(encoding="utf-8"))["entries"]
    page = browser.new_page(viewport={"width": 360, "height": 740})
    out = []
    for entry in entries:
        page.goto(f"{url}glossary/{entry['slug']}/", wait_until="load")
        out.append(
            (
                entry["slug"],
                entry["reading_minutes"],
                page.evaluate("document.documentElement.scrollHeight / innerHeight"),
            )
        )
    page.close()
    return out


def measure_search(playwright, project: Path, label: str, queries: list[str], entries: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        site = Path(tmp) / "site"
        build(project, site, url)
        index_bytes = (site / "search" / "search_index.json").stat().st_size
        browser = launch(playwright)
        row = {"glossary": label, "entries": entries, "index_mb": round(index_bytes / 1e6, 2)}
        for gzip_on in (True, False):
            server = serve(site, port, gzip_on)
            try:
                row["bytes_gzip" if gzip_on else "bytes_plain"] = bytes_to_first_result(browser, url, queries[0])
                if gzip_on:
                    times = keystroke_times(browser, url, queries)
                    row.update(
                        keys=len(times),
                        median_ms=round(statistics.median(times)),
                        p90_ms=round(sorted(times)[int(0.9 * (len(times) - 1))]),
                        max_ms=round(max(times)),
                    )
                    row["screens"] = phone_screens(browser, url, site) if label == "real content" else None
            finally:
                server.shutdown()
                server.server_close()
        browser.close()
        return row


def format_block(rows: list[dict], date: str) -> str:
    lines = [
        START,
        "## Reading on a phone and searching",
        "",
        f"Measured on {date} with `python tests/tools/reader_benchmark.py` in Chromium (headless), "
        "serving the built site on 127.0.0.1.",
        "",
    ]
    real = next((r for r in rows if r.get("screens")), None)
    if real:
        by_minutes: dict[int, list[float]] = {}
        for _, minutes, screens in real["screens"]:
            by_minutes.setdefault(minutes, []).append(screens)
        lines += [
            "Entry pages at 360×740 (one screen is 740 CSS px), by reading time:",
            "",
            "| Reading time | Entries | Median screens | Longest | Target |",
            "|---:|---:|---:|---:|---|",
        ]
        for minutes in sorted(by_minutes):
            values = by_minutes[minutes]
            lines.append(
                f"| {minutes} min | {len(values)} | {statistics.median(values):.1f} | {max(values):.1f} | "
                + ("at most 10 screens" if minutes <= 5 else "–")
                + " |"
            )
        longest = max(real["screens"], key=lambda s: s[2])
        lines += ["", f"Longest entry page: {longest[0]} ({longest[2]:.1f} screens, {longest[1]} min).", ""]
    lines += [
        "Search: bytes downloaded from opening a page with a query to its first result (page, theme, "
        "search index and worker), and the time from each key press to the results changing while typing "
        f"queries a letter at a time ({len(QUERIES)} on the real content, {len(SYNTHETIC_QUERIES)} on the "
        "synthetic glossary) with the CPU slowed 4× (a mid-range phone). Targets: at most 100 ms a key "
        "press; at most 10 MB before the first result at 5,000 entries.",
        "",
        "| Glossary | Entries | Search index (MB) | Downloaded, gzip (MB) | Downloaded, no compression (MB) | "
        "Key presses | Median (ms) | 90th percentile (ms) | Slowest (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['glossary']} | {r['entries']:,} | {r['index_mb']} | {r['bytes_gzip'] / 1e6:.2f} | "
            f"{r['bytes_plain'] / 1e6:.2f} | {r['keys']} | {r['median_ms']} | {r['p90_ms']} | {r['max_ms']} |"
        )
    for r in rows:
        slow = r["max_ms"] > 100
        big = r["entries"] >= 5000 and r["bytes_gzip"] > 10e6
        lines.append("")
        lines.append(
            f"{r['glossary'].capitalize()}: key presses "
            + (
                f"met the 100 ms target at the median and 90th percentile; the slowest took {r['max_ms']} ms, "
                "over the target"
                if slow
                else "all met the 100 ms target"
            )
            + (
                f"; {r['bytes_gzip'] / 1e6:.1f} MB before the first result with gzip "
                f"({'over' if big else 'within'} the 10 MB target; {r['bytes_plain'] / 1e6:.1f} MB uncompressed)."
                if r["entries"] >= 5000
                else "."
            )
        )
    lines += [
        "",
        "The index holds each entry's title, aliases (as tags), summary and the distinct words of its "
        "text (a low-weight field), not its whole text: full text for every entry would make the index "
        "several times larger, and every page loads it. Hosts such as GitHub Pages compress it with gzip.",
        END,
    ]
    return "\n".join(lines)


def write_block(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    if START in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000, help="size of the synthetic glossary (0 to skip it)")
    parser.add_argument("--docs", help="write the results into this page (docs/benchmarks.md)")
    parser.add_argument("--json", default=str(ROOT / "bench-results" / "reader.json"))
    parser.add_argument("--from-json", action="store_true", help="only write --docs from the last results in --json")
    args = parser.parse_args(argv)
    if args.from_json:
        write_block(
            Path(args.docs),
            format_block(json.loads(Path(args.json).read_text(encoding="utf-8")), dt.date.today().isoformat()),
        )
        return 0
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "tools"))  # the benchmark's synthetic projects (tools/bench.py)
    from playwright.sync_api import sync_playwright

    from bench import make_project
    from glossary_pipeline.pipeline import check_project

    rows = []
    with sync_playwright() as playwright:
        real = len(check_project(ROOT).index.entries)
        rows.append(measure_search(playwright, ROOT, "real content", QUERIES, real))
        if args.entries:
            with tempfile.TemporaryDirectory() as tmp:
                project = make_project(Path(tmp) / "p", args.entries, ROOT)
                rows.append(measure_search(playwright, project, "synthetic", SYNTHETIC_QUERIES, args.entries))
        elif Path(args.json).is_file():  # keep the last synthetic figures (they take minutes to measure)
            rows += [r for r in json.loads(Path(args.json).read_text(encoding="utf-8")) if r["glossary"] == "synthetic"]
    for row in rows:
        shown = {k: v for k, v in row.items() if k != "screens"}
        print(json.dumps(shown))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.docs:
        write_block(Path(args.docs), format_block(rows, dt.date.today().isoformat()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
