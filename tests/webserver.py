"""A real HTTP server on 127.0.0.1 for the feed tests (the standard library's, in a thread).

    site = Site(); site.route("/feed.xml", body, content_type="application/rss+xml", etag="v1")
    site.url("/feed.xml")  ->  "http://127.0.0.1:PORT/feed.xml"

A route answers 304 to a matching If-None-Match / If-Modified-Since; `site.hits` counts
requests per path and `site.conditional` the conditional ones.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    gzip: bool = False
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self.active: Counter[str] = Counter()
        self.peak = 0
        self.agents: list[str] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                site._serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # A client that stops reading (a response over max_file_mb) is not the server's error.
        self.server.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", **kwargs: object) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(data, **kwargs)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        with self._lock:
            self.hits[path] += 1
            self.active["all"] += 1
            self.peak = max(self.peak, self.active["all"])
            self.agents.append(request.headers.get("User-Agent", ""))
        try:
            self._answer(request, path)
        finally:
            with self._lock:
                self.active["all"] -= 1

    def _answer(self, request: BaseHTTPRequestHandler, path: str) -> None:
        route = self.routes.get(path)
        if route is None:
            return self._send(request, 404, b"not found", "text/plain", {})
        if route.delay:
            time.sleep(route.delay)
        if route.handler is not None:
            return route.handler(request)
        inm = request.headers.get("If-None-Match")
        ims = request.headers.get("If-Modified-Since")
        if inm or ims:
            with self._lock:
                self.conditional[path] += 1
        if (route.etag and inm == route.etag) or (
            route.last_modified and ims == route.last_modified
        ):
            return self._send(request, 304, b"", route.content_type, self._validators(route))
        headers = {**self._validators(route), **route.headers}
        body = route.body
        if route.gzip and "gzip" in request.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(request, route.status, body, route.content_type, headers)

    @staticmethod
    def _validators(route: Route) -> dict[str, str]:
        out = {}
        if route.etag:
            out["ETag"] = route.etag
        if route.last_modified:
            out["Last-Modified"] = route.last_modified
        return out

    @staticmethod
    def _send(
        request: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str],
    ) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        if status != 304:
            request.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            request.send_header(name, value)
        request.end_headers()
        if status != 304:
            request.wfile.write(body)


def rss(site: Site, items: list[tuple[str, str]], title: str = "Test Feed", extra: str = "") -> str:
    """An RSS 2.0 feed of (guid, page path) items."""
    parts = [
        f"<item><title>Story {guid}</title><link>{site.url(path)}</link><guid>{guid}</guid>"
        f"<pubDate>Mon, 03 Feb 2025 10:{n:02d}:00 GMT</pubDate>{extra}</item>"
        for n, (guid, path) in enumerate(items)
    ]
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{site.base}/</link>" + "".join(parts) + "</channel></rss>"
    )


_WORDS = (
    "officials said the talks would continue next week in the capital after a long day of "
    "meetings between the two delegations who discussed trade energy and security matters"
).split()


def article_page(title: str, n: int = 0, words: int = 220) -> str:
    """A small news page with a real article body (generated text, deterministic)."""
    paragraphs = []
    for p in range(6):
        chosen = [_WORDS[(n * 7 + p * 13 + i * 3) % len(_WORDS)] for i in range(words // 6)]
        sentence = " ".join(chosen)
        paragraphs.append(f"<p>{title} report {n}-{p}: {sentence.capitalize()}.</p>")
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta name="author" content="Jane Writer"></head><body>'
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1><p class='byline'>By Jane Writer</p>"
        + "".join(paragraphs)
        + "</article><footer>Copyright Test News</footer></body></html>"
    )
