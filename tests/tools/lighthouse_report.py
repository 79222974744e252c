"""Lighthouse report for the built site, with the mobile settings Lighthouse uses by default.

Usage: python tests/tools/lighthouse_report.py [--site site] [--out docs/quality/lighthouse.json]

It serves site/ on 127.0.0.1 with gzip (as any real host does), runs the npm package
`lighthouse` (installed by `npm ci`) with Debian's Chromium on each page type three times,
reports the median (single runs vary by a few points on a busy machine), prints a table
and writes JSON. The scores are recorded in docs/quality.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import socket
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE_TYPES = {
    "home": "",
    "entry": "glossary/transference/",
    "a-z index": "glossary/",
    "category": "categories/defence-mechanism/",
    "article": "articles/overview/",
    "reading list": "reading-lists/one-hour-introduction/",
    "builder": "reading-lists/builder/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser asks, as production hosts serve them."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        import io

        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_lighthouse(url: str) -> dict:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    result = subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}: {result.stderr[-500:]}")
    report = json.loads(result.stdout)
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", default=str(ROOT / "site"), help="the built site (built with SITE_URL set to the served origin)"
    )
    parser.add_argument("--port", type=int, default=0, help="port to serve on (must match the site's SITE_URL)")
    parser.add_argument("--out", help="write the scores as JSON here")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per page; the median is reported, as Lighthouse advises"
    )
    args = parser.parse_args(argv)
    port = args.port or free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=args.site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scores = {}
    try:
        for name, path in PAGE_TYPES.items():
            runs = [run_lighthouse(f"http://127.0.0.1:{port}/{path}") for _ in range(args.runs)]
            scores[name] = {c: sorted(r[c] for r in runs)[len(runs) // 2] for c in CATEGORIES}
            print(f"{name:14} " + "  ".join(f"{c} {scores[name][c]:>3}" for c in CATEGORIES), flush=True)
    finally:
        server.shutdown()
    misses = [(n, c, s[c]) for n, s in scores.items() for c in CATEGORIES if s[c] < TARGETS[c]]
    if args.out:
        Path(args.out).write_text(json.dumps({"targets": TARGETS, "scores": scores}, indent=2) + "\n")
    for name, category, score in misses:
        print(f"below target: {name} {category} {score} < {TARGETS[category]}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
