"""Property tests for what parses text from the web: feeds, pages naming feeds, addresses,
the subscriptions file and OPML."""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.index.feeds import FeedError, Subscription, export_opml, parse_opml
from parallax.index.feeds.parse import feed_links, normalise_url, parse_feed
from parallax.index.feeds.subscriptions import read_subscriptions, write_subscriptions

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
name = text.map(str.strip).filter(bool)
SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_feed_or_one_feed_error(data: bytes) -> None:
    try:
        feed = parse_feed(data, "http://example.test/feed")
    except FeedError as err:
        assert "\n" not in str(err)
    else:
        assert all(entry.guid for entry in feed.entries)


@SETTINGS
@given(st.text(max_size=300))
def test_xmlish_text_never_raises_anything_but_feed_error(body: str) -> None:
    data = f'<?xml version="1.0"?><rss version="2.0"><channel>{body}</channel></rss>'.encode()
    with contextlib.suppress(FeedError):
        parse_feed(data, "http://example.test/feed")


@SETTINGS
@given(st.binary(max_size=2000))
def test_feed_links_never_raise(data: bytes) -> None:
    assert isinstance(feed_links(data, "http://example.test/"), list)


query_key = st.sampled_from(["utm_source", "utm_medium", "fbclid", "gclid", "id", "page", "q"])


@SETTINGS
@given(
    st.sampled_from(["http", "HTTPS"]),
    st.sampled_from(["Example.COM", "news.example.org:8080", "127.0.0.1:80"]),
    st.lists(st.text("abc-_/", max_size=8), max_size=3),
    st.lists(st.tuples(query_key, st.text("xyz09", max_size=4)), max_size=4),
    st.text("abc", max_size=4),
)
def test_addresses_lose_tracking_parameters_and_stay_put(
    scheme: str, host: str, path: list[str], query: list[tuple[str, str]], fragment: str
) -> None:
    from urllib.parse import urlencode

    url = f"{scheme}://{host}/{'/'.join(path)}?{urlencode(query)}#{fragment}"
    once = normalise_url(url)
    assert normalise_url(once) == once
    parts = urlsplit(once)
    assert not parts.fragment and parts.scheme == scheme.lower()
    kept = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
    assert kept == [k for k, _ in query if k in ("id", "page", "q")]


subscription = st.builds(
    Subscription,
    name,
    st.sampled_from(["https://a.example/feed", "http://b.example/rss?x=1&y=2"]),
    st.none() | name,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(subscription, max_size=5))
def test_the_subscriptions_file_reads_back_what_was_written(
    tmp_path: Path, feeds: list[Subscription]
) -> None:
    path = tmp_path / "feeds.toml"
    write_subscriptions(path, feeds)
    assert read_subscriptions(path) == feeds


xml_name = name.filter(lambda s: all(c >= " " and c not in "\ufffe\uffff" for c in s))


@SETTINGS
@given(
    st.lists(
        st.builds(Subscription, xml_name, st.just("https://a.example/f"), st.none() | xml_name),
        max_size=5,
    )
)
def test_opml_reads_back_what_was_exported(feeds: list[Subscription]) -> None:
    back = parse_opml(export_opml(feeds).encode(), "x")
    # The same feeds (a group's feeds are together in one folder, so the order may change).
    assert sorted(back, key=repr) == sorted(feeds, key=repr)
