"""Feeds and pages from the web, against a real HTTP server on 127.0.0.1 (tests/webserver.py):
each feed format, discovery, conditional requests, slow and failing responses, redirects,
OPML, and the failures that must stay one line each. DNS and TLS failures come from an
injected httpx transport. Nothing reaches beyond the loopback address."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from webserver import Site, article_page, rss

from parallax.index.api import Corpus
from parallax.index.config import load_config
from parallax.index.feeds import (
    HttpClient,
    Subscription,
    SubscriptionError,
    export_opml,
    fetch_feeds,
    parse_opml,
    read_subscriptions,
)
from parallax.index.feeds.parse import normalise_url, parse_feed
from parallax.tui.cli import main


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    # A proxy from the environment must not carry requests for the loopback address away.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = Site()
    yield server
    server.close()


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    path = tmp_path / "conf" / "config.toml"
    path.parent.mkdir()
    path.write_text("sources = []\n", encoding="utf-8")
    return path


def cli(capsys: pytest.CaptureFixture[str], conf: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--config", str(conf), "--data-dir", str(conf.parent.parent / "data"), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def corpus_for(conf: Path) -> Corpus:
    return Corpus.open(load_config(conf, conf.parent.parent / "data", env={}))


def pages(site: Site, n: int, prefix: str = "/a") -> list[tuple[str, str]]:
    items = []
    for i in range(n):
        path = f"{prefix}/{i}.html"
        site.route(path, article_page(f"Harbour talks {prefix[1:]} {i} resume", i))
        items.append((f"{prefix}-guid-{i}", path))
    return items


def titles(conf: Path) -> list[str]:
    return sorted(s.title or "" for s in corpus_for(conf).articles())


# ---- the formats --------------------------------------------------------------------------


def _rss091(site: Site, items: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<item><title>Story {g}</title><link>{site.url(p)}</link></item>" for g, p in items
    )
    return (
        '<?xml version="1.0"?><rss version="0.91"><channel><title>Old Feed</title>'
        f"<link>{site.base}/</link><description>d</description><language>en</language>{body}"
        "</channel></rss>"
    )


def _rss10(site: Site, items: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<item rdf:about="{site.url(p)}"><title>Story {g}</title><link>{site.url(p)}</link>'
        "<dc:date>2025-02-03T10:00:00Z</dc:date></item>"
        for g, p in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{site.base}/"><title>RDF Feed</title><link>{site.base}/</link>'
        f"<description>d</description></channel>{body}</rdf:RDF>"
    )


def _atom(site: Site, items: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<entry><title>Story {g}</title><link href="{site.url(p)}"/><id>urn:{g}</id>'
        "<updated>2025-02-03T10:00:00Z</updated></entry>"
        for g, p in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Feed</title><id>urn:feed</id><updated>2025-02-03T10:00:00Z</updated>"
        f"{body}</feed>"
    )


def _json(site: Site, items: list[tuple[str, str]]) -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON Feed",
            "items": [
                {"id": g, "url": site.url(p), "title": f"Story {g}", "content_text": "x"}
                for g, p in items
            ],
        }
    )


FORMATS = {
    "rss091": (_rss091, "application/rss+xml", "Old Feed"),
    "rss10": (_rss10, "application/rdf+xml", "RDF Feed"),
    "rss20": (lambda s, i: rss(s, i, "RSS Feed"), "application/rss+xml", "RSS Feed"),
    "atom": (_atom, "application/atom+xml", "Atom Feed"),
    "jsonfeed": (_json, "application/feed+json", "JSON Feed"),
}


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_each_feed_format_is_subscribed_and_fetched(
    kind: str, site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, content_type, title = FORMATS[kind]
    site.route("/feed", make(site, pages(site, 3)), content_type=content_type)
    code, out, _ = cli(capsys, conf, "feeds", "add", site.url("/feed"))
    assert code == 0 and f'"{title}"' in out
    code, out, err = cli(capsys, conf, "fetch", "--json")
    assert code == 0, err
    assert json.loads(out) == {"feeds": 1, "new": 3, "updated": 0, "unchanged": 0, "failed": []}
    assert titles(conf) == [f"Harbour talks a {i} resume" for i in range(3)]
    article = corpus_for(conf).articles()[0]
    stored = corpus_for(conf).article(article.id)
    assert stored.article.url and stored.article.url.startswith(site.base)
    # The page's bytes are kept in the data folder as the article's source.
    source = Path(stored.article.sources[0].path)
    assert source.is_file() and b"Harbour talks" in source.read_bytes()


def test_a_web_page_finds_its_feed_through_link_alternate(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.route("/news/feed.xml", rss(site, pages(site, 2)), content_type="application/rss+xml")
    site.route(
        "/news/",
        '<html><head><link rel="alternate" type="application/rss+xml" href="feed.xml">'
        "</head><body>Front page</body></html>",
    )
    code, out, _ = cli(capsys, conf, "feeds", "add", site.url("/news/"), "--name", "My News")
    assert code == 0
    assert read_subscriptions(conf.parent / "feeds.toml") == [
        Subscription("My News", site.url("/news/feed.xml"))
    ]
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert json.loads(out)["new"] == 2


def test_a_page_naming_no_feed_is_refused_in_one_line(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.route("/plain", "<html><body>nothing here</body></html>")
    code, _, err = cli(capsys, conf, "feeds", "add", site.url("/plain"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "names no feed" in err
    assert not (conf.parent / "feeds.toml").exists()


# ---- conditional requests -----------------------------------------------------------------


def test_first_fetch_after_add_is_conditional_and_still_takes_the_entries(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = pages(site, 3)
    site.route("/feed.xml", rss(site, items), content_type="application/rss+xml", etag='"v1"')
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert site.conditional["/feed.xml"] == 1  # answered 304
    assert json.loads(out)["new"] == 3
    # The second fetch: one conditional feed request, no page fetched again.
    before = sum(site.hits[p] for _, p in items)
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert code == 0 and json.loads(out)["new"] == 0
    assert site.conditional["/feed.xml"] == 2
    assert sum(site.hits[p] for _, p in items) == before == 3


def test_last_modified_is_sent_back(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stamp = "Mon, 03 Feb 2025 10:00:00 GMT"
    site.route("/feed.xml", rss(site, pages(site, 1)), content_type="text/xml", last_modified=stamp)
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    cli(capsys, conf, "fetch")
    cli(capsys, conf, "fetch")
    assert site.conditional["/feed.xml"] == 2


def test_a_stored_page_is_fetched_again_only_when_its_entry_says_updated(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = pages(site, 2)
    site.route("/feed.xml", rss(site, items), content_type="application/rss+xml")
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    cli(capsys, conf, "fetch")
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert json.loads(out) == {"feeds": 1, "new": 0, "updated": 0, "unchanged": 2, "failed": []}
    assert site.hits["/a/0.html"] == 1
    # Entry 0 says it was updated, with a new text.
    site.route("/a/0.html", article_page("Harbour talks a 0 resume", 99))
    feed = rss(site, items).replace("10:00:00", "11:30:00", 1)
    site.route("/feed.xml", feed, content_type="application/rss+xml")
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert json.loads(out) == {"feeds": 1, "new": 0, "updated": 1, "unchanged": 1, "failed": []}
    assert site.hits["/a/0.html"] == 2 and site.hits["/a/1.html"] == 1
    assert len(titles(conf)) == 2


def test_a_page_that_failed_is_tried_again_even_when_the_feed_answers_304(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = pages(site, 2)
    site.route("/a/1.html", "busy", status=500)
    site.route("/feed.xml", rss(site, items), content_type="application/rss+xml", etag='"v1"')
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert code == 1 and json.loads(out)["new"] == 1
    site.route("/a/1.html", article_page("Harbour talks a 1 resume", 1))
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert site.conditional["/feed.xml"] == 2  # 304 both times
    assert code == 0
    assert json.loads(out) == {"feeds": 1, "new": 1, "updated": 0, "unchanged": 1, "failed": []}
    assert site.hits["/a/0.html"] == 1
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert json.loads(out)["new"] == 0 and site.hits["/a/1.html"] == 2


def test_first_fetch_takes_at_most_max_new_per_feed_newest_first(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf.write_text("sources = []\nmax_new_per_feed = 2\n", encoding="utf-8")
    site.route("/feed.xml", rss(site, pages(site, 5)), content_type="application/rss+xml")
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert json.loads(out)["new"] == 2
    # rss() dates entry n at 10:0n: the newest are 4 and 3.
    assert titles(conf) == ["Harbour talks a 3 resume", "Harbour talks a 4 resume"]


def test_entries_are_deduplicated_by_guid_and_by_address(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = pages(site, 2)
    tracked = [(g, p + "?utm_source=feed&utm_medium=rss") for g, p in items]
    site.route("/one.xml", rss(site, items, "One"), content_type="application/rss+xml")
    site.route("/two.xml", rss(site, tracked, "Two"), content_type="application/rss+xml")
    doubled = [*items, ("a-guid-0", "/a/0.html?fbclid=zzz")]
    site.route("/three.xml", rss(site, doubled, "Three"), content_type="application/rss+xml")
    for path in ("/one.xml", "/two.xml", "/three.xml"):
        cli(capsys, conf, "feeds", "add", site.url(path))
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert code == 0
    assert json.loads(out)["new"] == 2
    assert site.hits["/a/0.html"] == 1 and site.hits["/a/1.html"] == 1
    assert len(titles(conf)) == 2


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTP://Example.COM:80/a?utm_source=x&id=3#top", "http://example.com/a?id=3"),
        ("https://example.com?fbclid=1", "https://example.com/"),
        ("https://example.com:8443/p?gclid=1&q=a+b", "https://example.com:8443/p?q=a+b"),
    ],
)
def test_addresses_drop_tracking_parameters(given: str, expected: str) -> None:
    assert normalise_url(given) == expected


# ---- failures: one line each, the rest goes on, nothing stored changes ----------------------


def _one_failure(out: str) -> list[dict[str, str]]:
    report = json.loads(out)
    return report["failed"]


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"status": 404, "body": "gone"}, "HTTP 404"),
        ({"status": 410, "body": "gone"}, "HTTP 410"),
        ({"status": 500, "body": "oops"}, "HTTP 500"),
        ({"body": b"%PDF-1.4 binary", "content_type": "application/pdf"}, "PDF"),
        ({"body": b"\x89PNG\r\n\x1a\nxxxx", "content_type": "image/png"}, "image"),
        ({"body": "<html><body><p>Subscribe to read.</p></body></html>"}, "no article text"),
    ],
)
def test_a_failing_page_is_one_line_and_the_others_are_stored(
    site: Site,
    conf: Path,
    capsys: pytest.CaptureFixture[str],
    route: dict[str, object],
    reason: str,
) -> None:
    items = pages(site, 2)
    site.route("/bad.html", **route)  # type: ignore[arg-type]
    site.route("/feed.xml", rss(site, [*items, ("bad", "/bad.html")]), content_type="text/xml")
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    code, out, err = cli(capsys, conf, "fetch", "--json")
    assert code == 1
    failed = _one_failure(out)
    assert [f["url"] for f in failed] == [site.url("/bad.html")]
    assert reason in failed[0]["reason"] and "\n" not in failed[0]["reason"]
    assert json.loads(out)["new"] == 2
    assert [line for line in err.splitlines() if "bad.html" in line] == [
        f"parallax: warning: {site.url('/bad.html')}: {failed[0]['reason']}"
    ]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("this is not xml at all {", "not"),
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><tit', "XML"),
        ("<html><body>a page</body></html>", "web page"),
    ],
)
def test_a_broken_feed_fails_in_one_line_and_shows_in_feeds(
    site: Site,
    conf: Path,
    capsys: pytest.CaptureFixture[str],
    snapshot: object,
    body: str,
    reason: str,
) -> None:
    site.route("/good.xml", rss(site, pages(site, 2)), content_type="application/rss+xml")
    site.route("/feed.xml", rss(site, pages(site, 1, "/b")), content_type="application/rss+xml")
    cli(capsys, conf, "feeds", "add", site.url("/good.xml"))
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    cli(capsys, conf, "fetch")
    articles = conf.parent.parent / "data" / "articles"
    before = snapshot(articles)  # type: ignore[operator]
    site.route("/feed.xml", body, content_type="application/xml")
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert code == 1
    failed = _one_failure(out)
    assert [f["url"] for f in failed] == [site.url("/feed.xml")]
    assert reason in failed[0]["reason"]
    assert snapshot(articles) == before  # type: ignore[operator]
    code, out, _ = cli(capsys, conf, "feeds", "--json")
    listed = {f["url"]: f for f in json.loads(out)}
    assert listed[site.url("/feed.xml")]["last_error"] == failed[0]["reason"]
    assert listed[site.url("/feed.xml")]["articles"] == 1
    assert listed[site.url("/good.xml")] == {
        "name": "Test Feed",
        "url": site.url("/good.xml"),
        "articles": 2,
        "last_fetched": listed[site.url("/good.xml")]["last_fetched"],
        "last_error": None,
    }


def test_a_page_without_text_stores_the_entry_content_marked_so(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.route("/paywall.html", "<html><body><script>app()</script></body></html>")
    content = article_page("Harbour talks behind a paywall", 7).replace("<", "&lt;")
    extra = f"<description>{content}</description>"
    site.route(
        "/feed.xml",
        rss(site, [("p", "/paywall.html")], extra=extra),
        content_type="application/rss+xml",
    )
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert code == 0 and json.loads(out)["new"] == 1
    corpus = corpus_for(conf)
    stored = corpus.article(corpus.articles()[0].id)
    assert "body_from" in stored.extra and "feed entry" in stored.extra["body_from"]
    assert "Harbour talks behind a paywall" in stored.body


def test_a_larger_response_than_max_file_mb_is_refused(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf.write_text("sources = []\nmax_file_mb = 1\n", encoding="utf-8")
    site.route("/huge.html", "<html><body>" + "x" * (1_200_000) + "</body></html>")
    code, out, err = cli(capsys, conf, "add", site.url("/huge.html"))
    assert code == 1 and "larger than max_file_mb (1 MB)" in out


def test_redirects_are_followed_and_a_loop_is_one_line(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages(site, 1)
    site.route("/moved", status=301, headers={"Location": "/a/0.html"})
    site.route("/loop1", status=302, headers={"Location": "/loop2"})
    site.route("/loop2", status=302, headers={"Location": "/loop1"})
    code, out, _ = cli(capsys, conf, "add", site.url("/moved"), site.url("/loop1"))
    assert code == 1
    assert "added" in out and "redirect loop" in out
    assert titles(conf) == ["Harbour talks a 0 resume"]


def test_add_url_mixed_with_paths_stores_both(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pages(site, 1)
    md = tmp_path / "note.md"
    md.write_text(
        "---\ntitle: A saved note\noutlet: Me\n---\n\n" + "Words of a saved note. " * 20,
        encoding="utf-8",
    )
    code, out, _ = cli(capsys, conf, "add", str(md), site.url("/a/0.html?utm_campaign=z"))
    assert code == 0
    assert titles(conf) == ["A saved note", "Harbour talks a 0 resume"]
    # Cleaned again offline from the kept page: the same article, with its address.
    corpus = corpus_for(conf)
    stored = corpus.article(next(s.id for s in corpus.articles() if s.title != "A saved note"))
    again = corpus.clean_file(Path(stored.article.sources[0].path))
    assert again.article.title == stored.article.title
    assert again.article.url == site.url("/a/0.html")


def test_slow_and_refused_and_gzip_and_user_agent(site: Site, conf: Path) -> None:
    pages(site, 1)
    site.route("/slow.html", article_page("Slow", 1), delay=1.5)
    site.route("/zipped.html", article_page("Harbour talks zipped", 3), gzip=True)
    feed = rss(site, [("a", "/a/0.html"), ("s", "/slow.html"), ("z", "/zipped.html")])
    feed = feed.replace("</channel>", "<item><link>http://127.0.0.1:9/x</link></item></channel>")
    site.route("/feed.xml", feed, content_type="application/rss+xml")
    corpus = corpus_for(conf)
    client = HttpClient(max_bytes=10 << 20, timeout=httpx.Timeout(0.5))
    report = fetch_feeds(corpus, client=client, feeds=[Subscription("Feed", site.url("/feed.xml"))])
    reasons = {f["url"]: f["reason"] for f in report.failed}
    assert reasons == {
        site.url("/slow.html"): "timed out: the server did not answer in time",
        "http://127.0.0.1:9/x": "connection refused by 127.0.0.1",
    }
    assert report.new == 2
    assert all(agent.startswith("Parallax/") for agent in site.agents)


def test_at_most_two_requests_at_a_time_per_host(site: Site, conf: Path) -> None:
    items = pages(site, 8)
    for _, path in items:
        site.routes[path].delay = 0.2
    site.route("/feed.xml", rss(site, items), content_type="application/rss+xml")
    report = fetch_feeds(corpus_for(conf), feeds=[Subscription("F", site.url("/feed.xml"))])
    assert report.new == 8
    assert site.peak == 2


def test_retry_after_is_honoured_on_503_and_429(site: Site, conf: Path) -> None:
    pages(site, 1)
    calls = {"n": 0}
    page = article_page("Harbour talks after a wait", 4).encode()

    def busy_then_ok(request: object) -> None:
        calls["n"] += 1
        status, body = (503, b"busy") if calls["n"] == 1 else (200, page)
        request.send_response(status)  # type: ignore[attr-defined]
        request.send_header("Retry-After", "1")  # type: ignore[attr-defined]
        request.send_header("Content-Length", str(len(body)))  # type: ignore[attr-defined]
        request.end_headers()  # type: ignore[attr-defined]
        request.wfile.write(body)  # type: ignore[attr-defined]

    site.route("/busy.html", handler=busy_then_ok)
    site.route("/limited.html", status=429, headers={"Retry-After": "3600"})
    feed = rss(site, [("b", "/busy.html"), ("l", "/limited.html")])
    site.route("/feed.xml", feed, content_type="application/rss+xml")
    report = fetch_feeds(corpus_for(conf), feeds=[Subscription("F", site.url("/feed.xml"))])
    assert report.new == 1 and calls["n"] == 2
    assert report.failed == [
        {
            "url": site.url("/limited.html"),
            "reason": "HTTP 429 Too Many Requests (asked to wait 3600 s, more than 60)",
        }
    ]
    assert site.hits["/limited.html"] == 1


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("[Errno -2] Name or service not known", "cannot find the host news.invalid (DNS"),
        ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "TLS error with"),
    ],
)
def test_dns_and_tls_failures_through_an_injected_transport(
    conf: Path, message: str, reason: str
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(message, request=request)

    client = HttpClient(max_bytes=1 << 20, transport=httpx.MockTransport(refuse))
    report = fetch_feeds(
        corpus_for(conf), client=client, feeds=[Subscription("F", "https://news.invalid/feed")]
    )
    assert len(report.failed) == 1 and report.failed[0]["reason"].startswith(reason)


# ---- subscriptions and OPML ----------------------------------------------------------------


def test_opml_round_trip_keeps_folders_as_groups(
    tmp_path: Path, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>'
        '<outline text="World"><outline text="Wire &amp; Co" type="rss" '
        'xmlUrl="https://wire.example/rss"/><outline title="Daily" xmlUrl="https://daily.example/feed"/>'
        '</outline><outline text="Loose" xmlUrl="https://loose.example/atom"/></body></opml>',
        encoding="utf-8",
    )
    code, out, _ = cli(capsys, conf, "feeds", "import", str(opml))
    assert code == 0 and "3 feeds added" in out
    expected = [
        Subscription("Wire & Co", "https://wire.example/rss", "World"),
        Subscription("Daily", "https://daily.example/feed", "World"),
        Subscription("Loose", "https://loose.example/atom", None),
    ]
    assert read_subscriptions(conf.parent / "feeds.toml") == expected
    code, out, _ = cli(capsys, conf, "feeds", "export")
    assert sorted(parse_opml(out.encode(), "stdout"), key=lambda s: s.url) == sorted(
        expected, key=lambda s: s.url
    )
    code, out, _ = cli(capsys, conf, "feeds", "import", str(opml))
    assert "0 feeds added, 3 already subscribed" in out


def test_two_writers_of_the_subscriptions_at_once_lose_nothing(conf: Path) -> None:
    # One writer holds the file (it has read it and is about to write) while another imports:
    # the import waits for it, reads its change, and both feeds are kept.
    import threading
    import time

    from parallax.index.feeds import import_subscriptions
    from parallax.index.feeds.subscriptions import editing_subscriptions

    config = load_config(conf, conf.parent.parent / "data", env={})
    inside = threading.Event()

    def first() -> None:
        with editing_subscriptions(config.feeds_path) as feeds:
            inside.set()
            time.sleep(0.3)  # the other writer starts meanwhile
            feeds.append(Subscription("First", "https://first.example/rss"))

    writer = threading.Thread(target=first)
    writer.start()
    assert inside.wait(5)
    added, _ = import_subscriptions(config, [Subscription("Second", "https://second.example/rss")])
    writer.join()
    assert added == 1
    assert [f.name for f in read_subscriptions(config.feeds_path)] == ["First", "Second"]


def test_remove_by_name_or_url_keeps_the_articles(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.route("/one.xml", rss(site, pages(site, 1), "One"), content_type="text/xml")
    site.route("/two.xml", rss(site, pages(site, 1, "/b"), "Two"), content_type="text/xml")
    cli(capsys, conf, "feeds", "add", site.url("/one.xml"))
    cli(capsys, conf, "feeds", "add", site.url("/two.xml"))
    cli(capsys, conf, "fetch")
    assert cli(capsys, conf, "feeds", "remove", "one")[0] == 0
    assert cli(capsys, conf, "feeds", "remove", site.url("/two.xml"))[0] == 0
    assert read_subscriptions(conf.parent / "feeds.toml") == []
    assert len(titles(conf)) == 2
    code, _, err = cli(capsys, conf, "feeds", "remove", "nothing")
    assert code == 1 and 'no feed named "nothing"' in err


def test_a_hand_broken_subscriptions_file_is_one_line(
    conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (conf.parent / "feeds.toml").write_text('[[feed]]\nname = "x"\nurl = "ftp://x"\n', "utf-8")
    code, _, err = cli(capsys, conf, "fetch")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "feeds.toml: feed 1" in err and "http" in err


def test_subscriptions_live_beside_the_config_or_in_the_platform_folder(
    isolated_user_dirs: Path, tmp_path: Path
) -> None:
    assert load_config(env={}).feeds_path == isolated_user_dirs / ".config/parallax/feeds.toml"
    conf = tmp_path / "elsewhere" / "my.toml"
    conf.parent.mkdir()
    conf.write_text("", encoding="utf-8")
    assert load_config(conf, env={}).feeds_path == tmp_path / "elsewhere" / "feeds.toml"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("refresh_minutes = -1", 'key "refresh_minutes" must be a whole number of minutes'),
        ('refresh_minutes = "5"', 'key "refresh_minutes" must be a whole number of minutes'),
        ("max_new_per_feed = 0", 'key "max_new_per_feed" must be a whole number of articles'),
    ],
)
def test_feed_config_keys_are_validated(tmp_path: Path, line: str, expected: str) -> None:
    from parallax.index.config import ConfigError

    conf = tmp_path / "config.toml"
    conf.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(conf, env={})
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_export_and_parse_survive_odd_names() -> None:
    feeds = [Subscription('Ä "quoted" <name> & co', "https://x.example/f?a=1&b=2", "G/1")]
    assert parse_opml(export_opml(feeds).encode(), "x") == feeds


def test_a_truncated_atom_feed_is_refused_not_half_read() -> None:
    from parallax.index.feeds import FeedError

    text = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
    text += "<entry><title>a</title><link href='http://x/a'/></entry><entry><title>b"
    with pytest.raises(FeedError):
        parse_feed(text.encode(), "http://x/feed")


def test_subscription_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text("[[feed]\n", encoding="utf-8")
    with pytest.raises(SubscriptionError) as caught:
        read_subscriptions(path)
    assert str(path) in str(caught.value)


def test_quiet_prints_only_failures_and_events_are_json_lines(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = pages(site, 2)
    site.route("/feed.xml", rss(site, [*items, ("x", "/missing.html")]), content_type="text/xml")
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    code, out, err = cli(capsys, conf, "fetch", "--quiet")
    assert code == 1 and out == ""
    assert err.strip() == f"parallax: warning: {site.url('/missing.html')}: HTTP 404 Not Found"
    site.route("/feed.xml", rss(site, items), content_type="text/xml")
    code, out, _ = cli(capsys, conf, "fetch", "--events")
    events = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert events[-1] == {
        "kind": "done", "feeds": 1, "new": 0, "updated": 0, "unchanged": 2, "failed": []
    }  # fmt: skip
    assert {"kind": "feed", "url": site.url("/feed.xml"), "status": "read"} in events


def test_a_large_run_cleans_in_helper_processes_with_the_same_result(
    site: Site, conf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import parallax.index.feeds.fetch as fetch

    items = pages(site, 3)
    site.route("/bad.pdf", b"%PDF-1.4", content_type="application/pdf")
    site.route("/feed.xml", rss(site, [*items, ("pdf", "/bad.pdf")]), content_type="text/xml")
    monkeypatch.setattr(fetch, "PARALLEL_FROM", 1)
    monkeypatch.setenv(fetch.PROCS_ENV, "2")
    pool = fetch._cleaner_pool(3)
    assert pool is not None
    try:  # a helper starts with this `parallax` and cleans a page in its own process
        url = site.url("/a/0.html")
        job = fetch._Job(url, fetch.Entry("g", url, None, None), "")
        assert pool.submit(os.getpid).result() != os.getpid()
        response = HttpClient(max_bytes=1 << 20).get(url)
        cleaned = pool.submit(fetch.clean_fetched, job, response, None, {}).result()
        assert cleaned[0].article.title == "Harbour talks a 0 resume"
    finally:
        pool.shutdown()
    report = fetch_feeds(corpus_for(conf), feeds=[Subscription("F", site.url("/feed.xml"))])
    assert report.new == 3
    assert [f["url"] for f in report.failed] == [site.url("/bad.pdf")]
    assert titles(conf) == [f"Harbour talks a {i} resume" for i in range(3)]


def test_a_page_that_later_gives_its_text_replaces_the_entry_content(
    site: Site, conf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.route("/late.html", "<html><body><script>app()</script></body></html>")
    content = article_page("Harbour talks behind a paywall", 7).replace("<", "&lt;")
    extra = f"<description>{content}</description>"
    feed = rss(site, [("p", "/late.html")], extra=extra)
    site.route("/feed.xml", feed, content_type="application/rss+xml")
    cli(capsys, conf, "feeds", "add", site.url("/feed.xml"))
    cli(capsys, conf, "fetch")
    [first] = corpus_for(conf).articles()
    # The entry says it was updated, and the page now gives its own, longer text.
    site.route("/late.html", article_page("Harbour talks behind a paywall", 8))
    site.route(
        "/feed.xml", feed.replace("10:00:00", "11:30:00", 1), content_type="application/rss+xml"
    )
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert code == 0
    assert json.loads(out) == {"feeds": 1, "new": 0, "updated": 1, "unchanged": 0, "failed": []}
    corpus = corpus_for(conf)
    [now] = corpus.articles()
    assert now.id == first.id
    stored = corpus.article(now.id)
    assert "body_from" not in stored.extra
    assert [Path(s.path).name.endswith(".entry.html") for s in stored.article.sources] == [False]
    assert not list((conf.parent.parent / "data").rglob("*.entry.*"))
    # Nothing is lost on the next run: the page is known, the entry unchanged.
    code, out, _ = cli(capsys, conf, "fetch", "--json")
    assert json.loads(out)["unchanged"] == 1 and len(corpus_for(conf).articles()) == 1
