"""Subscribing and refreshing: `subscribe` (a feed or a page naming its feed), `fetch_feeds`
(every feed, then each entry's page not stored yet, cleaned and stored article by article),
`feed_list` (what `parallax feeds` shows), `feed_articles` (each feed's stored articles).

Pages are stored as sources in `<data>/pages/<host>/<hash of the address>.html` (the bytes as
served, a `.json` beside it giving the address), so an article can be cleaned again offline.
Every failure (a feed, a page) is one line in the report; the rest goes on, and nothing already
stored changes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from ..model import Source
from .http import FetchError, HttpClient, Response
from .parse import ACCEPT, Entry, FeedError, ParsedFeed, feed_links, normalise_url, parse_feed
from .state import FeedState
from .subscriptions import (
    Subscription,
    SubscriptionError,
    editing_subscriptions,
    read_subscriptions,
)

if TYPE_CHECKING:
    from ..api import Corpus
    from ..config import Config

__all__ = [
    "BODY_FROM_FEED",
    "FeedInfo",
    "FetchEvent",
    "FetchReport",
    "feed_articles",
    "feed_list",
    "fetch_feeds",
    "fetch_pages",
    "page_address",
    "subscribe",
    "unsubscribe",
]

PAGES_DIR = "pages"
WORKERS = 8
# The front matter mark of an article whose body is the feed entry's own content.
BODY_FROM_FEED = {"body_from": "feed entry (the page gave no article text)"}

Kind = Literal["feed", "article", "failed", "progress"]


@dataclass(frozen=True)
class FetchEvent:
    """Progress of a run: a feed read, an article stored (status: added, updated…), a
    failure (reason), or how far the pages are (done of total)."""

    kind: Kind
    url: str = ""
    done: int = 0
    total: int = 0
    status: str | None = None
    article_id: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The event as `fetch --events` prints it: only the keys its kind uses."""
        out = {k: v for k, v in self.__dict__.items() if v not in (None, "")}
        if self.kind != "progress":
            out.pop("done", None)
            out.pop("total", None)
        return out


@dataclass
class FetchReport:
    feeds: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # new and updated, for after_store
    counts: dict[str, int] = field(default_factory=dict)  # HTTP requests made

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_json(self) -> dict[str, Any]:
        """The `parallax fetch --json` contract."""
        return {
            "feeds": self.feeds,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": list(self.failed),
        }

    def summary(self) -> str:
        text = (
            f"{self.feeds} feed{'s' if self.feeds != 1 else ''}: {self.new} new, "
            f"{self.updated} updated, {self.unchanged} unchanged"
        )
        return text + (f", {len(self.failed)} failed" if self.failed else "")


@dataclass(frozen=True)
class FeedInfo:
    name: str
    url: str
    group: str | None
    articles: int
    last_fetched: str | None
    last_error: str | None

    def to_json(self) -> dict[str, Any]:
        """The `parallax feeds --json` contract."""
        return {
            "name": self.name,
            "url": self.url,
            "articles": self.articles,
            "last_fetched": self.last_fetched,
            "last_error": self.last_error,
        }


Progress = Callable[[FetchEvent], None]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# ---- pages --------------------------------------------------------------------------------


def page_path(data_dir: Path, url: str, suffix: str = ".html") -> Path:
    """Where the bytes of the page at `url` are kept (one file per address)."""
    host = (urlsplit(url).hostname or "unknown").lower()
    digest = hashlib.sha256(url.encode()).hexdigest()[:20]
    return data_dir / PAGES_DIR / host / f"{digest}{suffix}"


def page_address(path: Path) -> str | None:
    """The address a kept page was fetched from (its `.json` beside it), or None."""
    try:
        data = json.loads(path.with_suffix(".json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) else None


def _write_page(path: Path, content: bytes, meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, data in ((path, content), (path.with_suffix(".json"), json.dumps(meta).encode())):
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)


_NOT_PAGES = {
    b"%PDF": "a PDF, not a web page",
    b"\x89PNG": "an image (PNG), not a web page",
    b"\xff\xd8\xff": "an image (JPEG), not a web page",
    b"GIF8": "an image (GIF), not a web page",
    b"PK\x03\x04": "an archive (ZIP), not a web page",
}


def _not_a_page(response: Response) -> str | None:
    for magic, what in _NOT_PAGES.items():
        if response.content.startswith(magic):
            return what
    kind = response.content_type
    if kind == "application/pdf":
        return "a PDF, not a web page"
    if kind.startswith(("image/", "audio/", "video/", "font/")):
        return f"{kind.split('/')[0]} ({kind}), not a web page"
    return None


@dataclass
class _Job:
    """One page to fetch for an entry (several feeds may share it)."""

    url: str
    entry: Entry
    feed: str


class _Run:
    """One `fetch_feeds` or `fetch_pages` run: stores pages as they arrive."""

    def __init__(self, corpus: Corpus, client: HttpClient, progress: Progress | None) -> None:
        self.corpus = corpus
        self.config = corpus.config
        self.store = corpus.store
        self.client = client
        self.progress = progress or (lambda event: None)
        self.report = FetchReport()

    def fail(self, url: str, reason: str) -> None:
        self.report.failed.append({"url": url, "reason": reason})
        self.progress(FetchEvent("failed", url=url, reason=reason))

    def fetch_page(self, job: _Job) -> Response:
        return self.client.get(job.url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")

    def store_page(self, job: _Job, cleaned: _Cleaned) -> tuple[str, str | None] | None:
        """Store one cleaned page: (its status, "added"…, and article id), or None when it
        failed (the failure is reported)."""
        result, content, marked, why = cleaned
        if result is None:
            self.fail(job.url, why or "no article text found in the page")
            return None
        path = page_path(self.config.data_dir, job.url, ".entry.html" if marked else ".html")
        # The feed entry's content stood for this page while it gave no text: the page's
        # text now replaces it in the same article.
        entry = None if marked else page_path(self.config.data_dir, job.url, ".entry.html")
        sha = hashlib.sha256(content).hexdigest()
        key = str(path)
        result.article.sources = [Source(key, sha)]
        with self.store.writing():
            replaces = str(entry) if entry and self.store.article_of_source(str(entry)) else None
            put = self.store.known_source(key, sha, len(content), 0) or self.store.put(
                result.article,
                path=key,
                sha=sha,
                size=len(content),
                mtime_ns=0,
                extra=BODY_FROM_FEED if marked else dict.fromkeys(BODY_FROM_FEED),
                replaces=replaces,
            )
            if put.status != "failed":
                _write_page(path, content, {"url": job.url, "feed": job.feed, "fetched": _now()})
                if replaces and self.store.article_of_source(replaces) is None:
                    assert entry is not None
                    for stale in (entry, entry.with_suffix(".json")):
                        stale.unlink(missing_ok=True)
        if put.status == "failed":
            self.fail(job.url, put.reason or "it could not be stored")
            return None
        if put.status == "added":
            self.report.new += 1
        elif put.status in ("updated", "merged"):
            self.report.updated += 1
        else:
            self.report.unchanged += 1
        if put.article_id and put.status != "unchanged":
            self.report.article_ids.append(put.article_id)
        self.progress(
            FetchEvent("article", url=job.url, status=put.status, article_id=put.article_id)
        )
        return put.status, put.article_id

    def run_pages(
        self, jobs: list[_Job], on_done: Callable[[_Job, tuple[str, str | None] | None], None]
    ) -> None:
        """Fetch the jobs' pages (8 threads, 2 per host), clean each (in two helper processes
        for a large run, else here) and store it here as it comes, one article at a time."""
        total, done = len(jobs), 0
        outlets = dict(self.config.outlets)
        self.progress(FetchEvent("progress", done=0, total=total))

        def finish(job: _Job, cleaned: _Cleaned) -> None:
            nonlocal done
            done += 1
            on_done(job, self.store_page(job, cleaned))
            self.progress(FetchEvent("progress", done=done, total=total))

        for job in jobs:
            if not job.entry.url:  # an entry without a page: its own content is the article
                finish(job, clean_fetched(job, None, None, outlets))
        fetchable = [job for job in jobs if job.entry.url]
        cleaners = _cleaner_pool(len(fetchable))
        with ThreadPoolExecutor(WORKERS) as pool:
            fetching: dict[Future[Any], _Job] = {
                pool.submit(self.fetch_page, job): job for job in fetchable
            }
            cleaning: dict[Future[Any], tuple[_Job, Response | None, str | None]] = {}
            try:
                while fetching or cleaning:
                    ready, _ = wait([*fetching, *cleaning], return_when=FIRST_COMPLETED)
                    for future in ready:
                        if future in fetching:
                            job = fetching.pop(future)
                            try:
                                response, error = future.result(), None
                            except FetchError as err:
                                response, error = None, str(err)
                            if cleaners is not None and response is not None:
                                task = cleaners.submit(clean_fetched, job, response, None, outlets)
                                cleaning[task] = (job, response, error)
                            else:
                                finish(job, clean_fetched(job, response, error, outlets))
                        else:
                            job, response, error = cleaning.pop(future)
                            try:
                                cleaned = future.result()
                            except Exception:  # a helper died: clean it here instead
                                cleaned = clean_fetched(job, response, error, outlets)
                            finish(job, cleaned)
            finally:
                if cleaners is not None:
                    cleaners.shutdown(cancel_futures=True)


# (the article, the bytes stored as its source, whether it is the feed entry's own content,
# why it failed)
_Cleaned = tuple[Any, bytes, bool, str | None]

# A large run cleans its pages in helper processes (the cleaning is most of the work), started
# fresh (spawn: this process has threads) with the same `parallax` package as this one.
PARALLEL_FROM = 40
PROCS_ENV = "PARALLAX_FETCH_PROCS"
_BOOTSTRAP = """
import importlib.util, sys, types
if importlib.util.find_spec("parallax") is None:
    m = types.ModuleType("parallax"); m.__path__ = PATHS; sys.modules["parallax"] = m
"""


def _cleaner_pool(pages: int) -> Any:
    """Two helper processes to clean `pages` pages, or None to clean them in this one."""
    try:
        procs = int(os.environ.get(PROCS_ENV, "2"))
    except ValueError:
        procs = 2
    if procs < 2 or pages < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import parallax

    bootstrap = _BOOTSTRAP.replace("PATHS", repr(list(parallax.__path__)))
    try:
        return ProcessPoolExecutor(
            max_workers=procs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exec,  # builtins.exec pickles by name: the bootstrap runs first
            initargs=(bootstrap,),
        )
    except (OSError, ValueError):
        return None


def clean_fetched(
    job: _Job, response: Response | None, error: str | None, outlets: dict[str, str]
) -> _Cleaned:
    """Clean a fetched page (or, when it gives no article text, the feed entry's content).
    Pure: runs in a helper process as well as here."""
    from ..api import clean_html_bytes
    from ..textio import InputError

    result = None
    content = b""
    why = error
    if response is not None:
        why = _not_a_page(response)
        if why is None:
            content = response.content
            try:
                result = clean_html_bytes(content, job.url, outlets)
                if not result.article.paragraphs:
                    result, why = None, "no article text found in the page"
            except InputError as err:
                why = err.reason
            except ValueError as err:
                why = str(err) or "no article text found in the page"
            except Exception as err:  # a cleaner bug must not stop the run
                why = f"the cleaner crashed ({type(err).__name__}: {err}); please report this"
    if result is None and (response or not job.entry.url) and job.entry.content.strip():
        # A paywall or a script-only page: the entry's own content, marked so.
        entry = job.entry.content.encode("utf-8")
        try:
            cleaned = clean_html_bytes(entry, job.url, outlets, title=job.entry.title)
        except (InputError, ValueError):
            cleaned = None
        if cleaned is not None and cleaned.article.paragraphs:
            return cleaned, entry, True, None
    return result, content, False, why


# ---- fetching feeds ---------------------------------------------------------------------


def fetch_feeds(
    corpus: Corpus,
    *,
    client: HttpClient | None = None,
    progress: Progress | None = None,
    feeds: Iterable[Subscription] | None = None,
) -> FetchReport:
    """Read every subscribed feed (conditionally), fetch the page of each entry not stored yet
    or updated since (at most `max_new_per_feed` on a feed's first fetch), clean and store it.
    Does not index: the caller runs `corpus.after_store(report.article_ids)`."""
    config = corpus.config
    subs = list(feeds) if feeds is not None else read_subscriptions(config.feeds_path)
    own = client is None
    client = client or HttpClient(max_bytes=config.max_bytes)
    run = _Run(corpus, client, progress)
    run.report.feeds = len(subs)
    state = FeedState(config.data_dir)
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            answers = list(pool.map(lambda s: _read_feed(client, state, s), subs))
        jobs: list[_Job] = []
        planned: set[str] = set()
        for sub, parsed, response, error in answers:
            record = state.feed(sub.url)
            record["last_fetched"] = _now()
            if error is not None:
                record["last_error"] = error
                run.fail(sub.url, error)
                continue
            record["last_error"] = None
            if response is not None and response.status != 304:
                record["etag"], record["last_modified"] = response.etag, response.last_modified
                state.keep_body(sub.url, response.content)
            run.progress(FetchEvent("feed", url=sub.url, status="read"))
            if parsed is None:  # 304 and its entries were taken before: nothing new
                continue
            jobs += _plan(run, state, sub, parsed, planned)
            record["taken"] = True
            record["retry"] = []
        if jobs:

            def done(job: _Job, stored: tuple[str, str | None] | None) -> None:
                record = state.feed(job.feed)
                if stored is None:  # tried again next time, even if the feed answers 304
                    record["retry"].append(job.url)
                    return
                record["pages"][job.url] = [job.entry.updated or "", stored[1]]
                state.set_guid(job.entry.guid, job.url)

            run.run_pages(jobs, done)
        with corpus.store.writing():
            state.save()
    finally:
        run.report.counts = dict(client.counts)
        if own:
            client.close()
        corpus.store.save()
    return run.report


def _read_feed(
    client: HttpClient, state: FeedState, sub: Subscription
) -> tuple[Subscription, ParsedFeed | None, Response | None, str | None]:
    """(sub, parsed entries or None when there is nothing to take, response, error)."""
    record = state.peek(sub.url)
    try:
        response = client.get(
            sub.url, etag=record.get("etag"), last_modified=record.get("last_modified"),
            accept=ACCEPT,
        )  # fmt: skip
        if response.status == 304:
            if record.get("taken") and not record.get("retry"):
                return sub, None, response, None
            body = state.last_body(sub.url)  # after `feeds add`: its entries are still due
            if body is None:
                return sub, None, response, None
            return sub, parse_feed(body, sub.url), response, None
        return (
            sub,
            parse_feed(response.content, response.url, response.content_type),
            response,
            None,
        )
    except (FetchError, FeedError) as err:
        return sub, None, None, str(err)


def _plan(
    run: _Run, state: FeedState, sub: Subscription, parsed: ParsedFeed, planned: set[str]
) -> list[_Job]:
    """The entries of one feed whose page must be fetched: not stored yet, or updated since.
    Duplicates (by guid, by address) are taken once."""
    record = state.feed(sub.url)
    first = not record.get("taken")
    # page address -> [the entry's updated time, its article id] as last stored
    seen_pages: dict[str, list[Any]] = record["pages"]
    jobs: list[_Job] = []
    entries = parsed.entries
    if first:  # newest first, so the cap keeps the latest
        entries = sorted(entries, key=lambda e: e.updated or "", reverse=True)
    new = 0
    for entry in entries:
        url = state.guids.get(entry.guid) or entry.url
        if url is None:
            url = normalise_url(sub.url) + "#" + hashlib.sha256(entry.guid.encode()).hexdigest()
        if url in planned:
            continue
        planned.add(url)
        stored = run.store.article_of_source(str(page_path(run.config.data_dir, url))) or (
            run.store.article_of_source(str(page_path(run.config.data_dir, url, ".entry.html")))
        )
        if stored is not None:
            known = _seen(seen_pages.get(url))
            if known is None or not entry.updated or known == entry.updated:
                run.report.unchanged += 1
                seen_pages[url] = [known if known is not None else entry.updated or "", stored]
                state.set_guid(entry.guid, url)
                continue
        elif first:
            if new >= run.config.max_new_per_feed:
                continue
            new += 1
        jobs.append(_Job(url, entry, sub.url))
    return jobs


def fetch_pages(
    corpus: Corpus,
    urls: Iterable[str],
    *,
    client: HttpClient | None = None,
    progress: Progress | None = None,
) -> FetchReport:
    """Fetch, clean and store web pages by address (`parallax add URL`)."""
    own = client is None
    client = client or HttpClient(max_bytes=corpus.config.max_bytes)
    run = _Run(corpus, client, progress)
    try:
        jobs = []
        for url in dict.fromkeys(normalise_url(u) for u in urls):
            jobs.append(_Job(url, Entry(url, url, None, None), ""))
        run.run_pages(jobs, lambda job, status: None)
    finally:
        run.report.counts = dict(client.counts)
        if own:
            client.close()
        corpus.store.save()
    return run.report


# ---- subscriptions ----------------------------------------------------------------------


def subscribe(
    config: Config, url: str, *, name: str | None = None, client: HttpClient | None = None
) -> Subscription:
    """Add a feed to the subscriptions: `url` is a feed, or a web page whose
    `<link rel="alternate">` names one. The feed is read once (its name, its validators, its
    body kept for the first fetch). SubscriptionError (one line) when it cannot be."""
    read_subscriptions(config.feeds_path)  # a broken file is reported before any request
    own = client is None
    client = client or HttpClient(max_bytes=config.max_bytes)
    try:
        try:
            response = client.get(url, accept=ACCEPT)
            try:
                parsed = parse_feed(response.content, response.url, response.content_type)
            except FeedError as err:
                links = feed_links(response.content, response.url)
                if not links:
                    raise SubscriptionError(f"{url}: {err}; and the page names no feed") from None
                response = client.get(links[0], accept=ACCEPT)
                parsed = parse_feed(response.content, response.url, response.content_type)
        except (FetchError, FeedError) as err:
            raise SubscriptionError(f"{url}: {err}") from None
    finally:
        if own:
            client.close()
    feed_url = response.url
    title = name or parsed.title or urlsplit(feed_url).hostname or feed_url
    # Read again under the lock: another `feeds add` may have written since the first read.
    with editing_subscriptions(config.feeds_path) as feeds:
        for feed in feeds:
            if normalise_url(feed.url) == normalise_url(feed_url):
                raise SubscriptionError(f'{feed_url}: already subscribed, as "{feed.name}"')
        sub = Subscription(_unique_name(title.strip(), feeds), feed_url)
        state = FeedState(config.data_dir)
        record = state.feed(feed_url)
        record.update(etag=response.etag, last_modified=response.last_modified, taken=False)
        state.keep_body(feed_url, response.content)
        from ..store import ArticleStore

        with ArticleStore(config.data_dir).writing():
            state.save()
        feeds.append(sub)
    return sub


def _unique_name(name: str, feeds: list[Subscription]) -> str:
    taken = {f.name.casefold() for f in feeds}
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def unsubscribe(config: Config, name_or_url: str) -> Subscription:
    """Remove a feed by name (any case) or address; its stored articles stay."""
    wanted = name_or_url.strip()
    with editing_subscriptions(config.feeds_path) as feeds:
        for feed in feeds:
            if (
                feed.name.casefold() == wanted.casefold()
                or feed.url == wanted
                or (
                    wanted.startswith(("http://", "https://"))
                    and normalise_url(feed.url) == normalise_url(wanted)
                )
            ):
                feeds.remove(feed)
                return feed
    names = ", ".join(f'"{f.name}"' for f in feeds[:5]) or "none yet"
    raise SubscriptionError(f'no feed named "{wanted}" (feeds: {names}); see `parallax feeds`')


def import_subscriptions(config: Config, feeds: list[Subscription]) -> tuple[int, int]:
    """Add `feeds` (from OPML) to the subscriptions; (added, already there)."""
    with editing_subscriptions(config.feeds_path) as current:
        known = {normalise_url(f.url) for f in current}
        added = 0
        for feed in feeds:
            if normalise_url(feed.url) in known:
                continue
            known.add(normalise_url(feed.url))
            current.append(Subscription(_unique_name(feed.name, current), feed.url, feed.group))
            added += 1
    return added, len(feeds) - added


def _seen(value: Any) -> str | None:
    """The updated time remembered for a page (None if the page is not remembered)."""
    if isinstance(value, list) and value:
        return str(value[0])
    return None


def feed_articles(corpus: Corpus, feeds: list[Subscription] | None = None) -> dict[str, list[str]]:
    """Each feed's stored articles (by feed address), as its last fetch recorded them (only
    the data folder's feed state and article files are read: no store, cheap for a reader)."""
    config = corpus.config
    subs = feeds if feeds is not None else read_subscriptions(config.feeds_path)
    state = FeedState(config.data_dir)
    articles = config.data_dir / "articles"
    out: dict[str, list[str]] = {}
    for sub in subs:
        ids: list[str] = []
        for value in state.peek(sub.url).get("pages", {}).values():
            found = value[1] if isinstance(value, list) and len(value) > 1 else None
            if isinstance(found, str) and found not in ids and (articles / f"{found}.md").is_file():
                ids.append(found)
        out[sub.url] = ids
    return out


def feed_list(corpus: Corpus) -> list[FeedInfo]:
    """The subscribed feeds with their stored article count, last fetch and last error."""
    subs = read_subscriptions(corpus.config.feeds_path)
    state = FeedState(corpus.config.data_dir)
    articles = feed_articles(corpus, subs)
    return [
        FeedInfo(
            name=s.name,
            url=s.url,
            group=s.group,
            articles=len(articles.get(s.url, [])),
            last_fetched=state.peek(s.url).get("last_fetched"),
            last_error=state.peek(s.url).get("last_error"),
        )
        for s in subs
    ]
