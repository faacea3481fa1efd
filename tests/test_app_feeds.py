"""The reader's `R`: the feeds are fetched by a separate process, new articles appear in the
list, and the source list's Feeds section shows each feed's unread count and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from webserver import Site, article_page, rss

from parallax.index.config import load_config
from parallax.tui.app import ParallaxApp
from parallax.tui.widgets.source_list import SourceList


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    # A proxy from the environment must not carry requests for the loopback address away.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = Site()
    yield server
    server.close()


async def wait_for(pilot: Pilot, condition: Callable[[], object], tries: int = 1500) -> bool:
    for _ in range(tries):  # the fetch is another process: wait for it, up to ~30 s
        await pilot.pause(0.02)
        if condition():
            return True
    return False


def feed_rows(app: ParallaxApp) -> dict[str, int]:
    sources = app.query_one(SourceList)
    rows = {}
    for section in sources._sections:
        if section.title == "Feeds":
            rows = {entry.label: count for entry, count in section.entries}
    return rows


async def test_r_fetches_in_another_process_and_shows_feeds_with_unread_counts(
    site: Site, tmp_path: Path
) -> None:
    for i in range(3):
        site.route(f"/a/{i}.html", article_page(f"Harbour talks {i} resume", i))
    items = [(f"g{i}", f"/a/{i}.html") for i in range(3)]
    site.route("/feed.xml", rss(site, items, "Port News"), content_type="application/rss+xml")
    site.route("/broken.xml", "not a feed {", content_type="application/xml")
    conf = tmp_path / "config.toml"
    conf.write_text("sources = []\n", encoding="utf-8")
    (tmp_path / "feeds.toml").write_text(
        f'[[feed]]\nname = "Port News"\nurl = "{site.url("/feed.xml")}"\n'
        f'[[feed]]\nname = "Broken"\nurl = "{site.url("/broken.xml")}"\n',
        encoding="utf-8",
    )
    app = ParallaxApp(load_config(conf, tmp_path / "data", env={}))
    async with app.run_test(size=(140, 40)) as pilot:
        assert await wait_for(pilot, lambda: app.load_done)
        assert app.summaries == []
        await pilot.press("R")
        assert await wait_for(pilot, lambda: len(app.summaries) == 3 and not app.refreshing)
        assert sorted(s.title or "" for s in app.summaries) == [
            f"Harbour talks {i} resume" for i in range(3)
        ]
        assert await wait_for(pilot, lambda: feed_rows(app) == {"Port News": 3, "⚠ Broken": 0})
        # Reading an article lowers its feed's unread count.
        await pilot.press("r")
        assert await wait_for(pilot, lambda: feed_rows(app).get("Port News") == 2)
        # A second R: the feed answers, nothing new, nothing fetched again.
        hits = sum(site.hits[f"/a/{i}.html"] for i in range(3))
        await pilot.press("R")
        assert await wait_for(pilot, lambda: site.hits["/feed.xml"] == 2 and not app.refreshing)
        assert sum(site.hits[f"/a/{i}.html"] for i in range(3)) == hits == 3
