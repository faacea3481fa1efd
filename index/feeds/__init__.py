"""Feeds and pages from the web: `http` (a polite client), `parse` (RSS, Atom, JSON Feed,
discovery, addresses), `subscriptions` (feeds.toml, OPML), `state` (what each feed gave),
`fetch` (subscribing and refreshing)."""

from .fetch import (
    FeedInfo,
    FetchEvent,
    FetchReport,
    feed_articles,
    feed_list,
    fetch_feeds,
    fetch_pages,
    import_subscriptions,
    page_address,
    subscribe,
    unsubscribe,
)
from .http import FetchError, HttpClient
from .parse import FeedError
from .subscriptions import (
    Subscription,
    SubscriptionError,
    export_opml,
    parse_opml,
    read_subscriptions,
)

__all__ = [
    "FeedError",
    "FeedInfo",
    "FetchError",
    "FetchEvent",
    "FetchReport",
    "HttpClient",
    "Subscription",
    "SubscriptionError",
    "export_opml",
    "feed_articles",
    "feed_list",
    "fetch_feeds",
    "fetch_pages",
    "import_subscriptions",
    "page_address",
    "parse_opml",
    "read_subscriptions",
    "subscribe",
    "unsubscribe",
]
