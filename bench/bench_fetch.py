"""Fetching from feeds: 500 pages behind 5 feeds on a local HTTP server (127.0.0.1).

    python bench/bench_fetch.py                 # 500 pages, 5 feeds, seed 0
    python bench/bench_fetch.py --pages 1000 --feeds 10 --keep /tmp/fetchbench

The pages are bench/pagegen.py scrapes made into HTML (each line a block, the headline in
<title> and <h1>); each feed (RSS 2.0, with an ETag) lists its share of them. The first
`fetch` reads the feeds, fetches every page, cleans it (trafilatura + Parallax's rules) and
stores it (the cleaning in two helper processes, or in this one with PARALLAX_FETCH_PROCS=1);
its pages/s is printed with and without the indexing that follows, with peak RSS (ru_maxrss:
this process, server threads included, and the largest helper). A second `fetch` must make only
conditional feed requests and fetch no page: the request counts are printed for both runs.
"""

from __future__ import annotations

import argparse
import html
import random
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from pagegen import generate_page  # noqa: E402


def page_html(text: str, title: str) -> bytes:
    blocks = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"</head><body><header><a href='/'>Home</a></header><main><h1>{html.escape(title)}</h1>"
        f"{blocks}</main><footer>© Bench News</footer></body></html>"
    ).encode()


def feed_xml(base: str, feed: int, items: list[tuple[int, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(title)}</title><link>{base}/p/{n}.html?utm_source=rss</link>"
        f"<guid>page-{n}</guid><pubDate>Mon, 03 Feb 2025 {n % 24:02d}:{n % 60:02d}:00 GMT"
        "</pubDate></item>"
        for n, title in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed {feed}</title>'
        f"<link>{base}/</link>{entries}</channel></rss>"
    ).encode()


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str, str | None]] = {}
        self.hits = {"feed": 0, "feed_304": 0, "page": 0}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                body, kind, etag = server.routes.get(path, (b"", "text/plain", None))
                is_feed = path.startswith("/feed")
                with server.lock:
                    server.hits["feed" if is_feed else "page"] += 1
                if etag and self.headers.get("If-None-Match") == etag:
                    with server.lock:
                        server.hits["feed_304"] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def reset(self) -> None:
        self.hits = dict.fromkeys(self.hits, 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--feeds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="keep the data folder here")
    args = parser.parse_args()

    from parallax.index.api import Corpus
    from parallax.index.config import load_config
    from parallax.index.feeds import fetch_feeds, subscribe

    rng = random.Random(args.seed)
    server = Server()
    per_feed: dict[int, list[tuple[int, str]]] = {f: [] for f in range(args.feeds)}
    started = time.perf_counter()
    total_bytes = 0
    for n in range(args.pages):
        page = generate_page(rng)
        body = page_html(page.text, page.title)
        total_bytes += len(body)
        server.routes[f"/p/{n}.html"] = (body, "text/html; charset=utf-8", None)
        per_feed[n % args.feeds].append((n, page.title))
    for f, items in per_feed.items():
        server.routes[f"/feed{f}.xml"] = (
            feed_xml(server.base, f, items),
            "application/rss+xml",
            f'"feed{f}-v1"',
        )
    print(
        f"{args.pages} pages ({total_bytes / args.pages / 1024:.0f} KB each on average) behind "
        f"{args.feeds} feeds, made in {time.perf_counter() - started:.1f} s"
    )

    folder = args.keep or Path(tempfile.mkdtemp(prefix="parallax-fetch-"))
    folder.mkdir(parents=True, exist_ok=True)
    config_file = folder / "config.toml"
    config_file.write_text(f"sources = []\nmax_new_per_feed = {args.pages}\n", encoding="utf-8")
    config = load_config(config_file, folder / "data", env={})
    for f in range(args.feeds):
        subscribe(config, f"{server.base}/feed{f}.xml")
    server.reset()

    corpus = Corpus.open(config)
    started = time.perf_counter()
    report = fetch_feeds(corpus)
    fetched = time.perf_counter() - started
    corpus.after_store(report.article_ids)
    indexed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pages = report.new + report.updated + report.unchanged
    print(
        f"first fetch: {report.new} new, {report.updated} updated, {len(report.failed)} failed "
        f"in {fetched:.1f} s = {pages / fetched:.1f} pages/s fetched, cleaned and stored "
        f"(target >= 20); with indexing and stories {indexed:.1f} s = {pages / indexed:.1f} pages/s"
    )
    print(f"  requests: client {dict(report.counts)}; server {server.hits}")
    print(
        f"  peak RSS: {rss:.0f} MB (this process), {helpers:.0f} MB (the largest cleaning "
        "helper process; PARALLAX_FETCH_PROCS=1 cleans here instead)"
    )
    for failure in report.failed[:5]:
        print(f"  failed: {failure['url']}: {failure['reason']}")

    server.reset()
    corpus = Corpus.open(config)
    started = time.perf_counter()
    again = fetch_feeds(corpus)
    took = time.perf_counter() - started
    print(
        f"second fetch: {again.new} new, {again.unchanged} unchanged in {took * 1000:.0f} ms; "
        f"requests: client {dict(again.counts)}; server {server.hits}"
    )
    ok = server.hits["page"] == 0 and server.hits["feed"] == server.hits["feed_304"]
    print("  only conditional feed requests, no page fetched" if ok else "  MISSED: see counts")
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
