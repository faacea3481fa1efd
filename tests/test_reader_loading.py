"""The reader's loading: the stored articles listed at once, the slow work in a background
process (held back here by a gate file, so the tests see the reader before and after it),
what it finds filled in as it arrives, its errors and its death reported; and the layout:
the source list hidden and remembered, headlines readable at 140×45 and 80×24."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from test_app import TODAY, copy_data, ready, seed_data, settle  # noqa: F401
from textual.widgets import Static

from parallax.index.config import Config, load_config
from parallax.index.listing import listing_path
from parallax.index.state import ReaderState
from parallax.tui.app import ParallaxApp
from parallax.tui.widgets.article_list import ArticleList
from parallax.tui.widgets.article_view import ArticleView
from parallax.tui.widgets.source_list import SourceList

# Waits for a file to exist, then becomes the background process (same pid).
GATE = """
import os, sys, time
while not os.path.exists(sys.argv[1]):
    time.sleep(0.02)
os.execv(sys.argv[2], sys.argv[2:])
"""

NEW_ARTICLE = """\
---
title: Zanzibar ferry talks resume after a long pause
outlet: Harbour Gazette
published: 2025-03-02
---
Negotiators met again in Stone Town on Sunday to talk about the ferry route.

The zanzibar ferry talks had stopped in the autumn.
"""


@pytest.fixture
def gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The background process waits until the returned file exists (`gate.touch()`)."""
    from parallax.tui import background

    release = tmp_path / "release-the-background"
    real = background.command

    def gated(*args: object, **kwargs: object) -> list[str]:
        return [sys.executable, "-c", GATE, str(release), *real(*args, **kwargs)]

    monkeypatch.setattr(background, "command", gated)
    return release


@pytest.fixture
def sources(tmp_path: Path, user_config) -> Path:
    """An empty folder configured as the only source."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    user_config(f"sources = [{json.dumps(str(folder))}]\n")
    return folder


@pytest.fixture
def config(seed_data: Path, tmp_path: Path, sources: Path) -> Config:  # noqa: F811
    return copy_data(seed_data, tmp_path / "data")


async def until(pilot, condition) -> bool:
    """Let the app run until `condition()` holds (about 10 s at most), without waiting for
    its workers: the one that follows the background process waits at the gate."""
    for _ in range(500):
        await pilot.pause(0.02)
        if condition():
            return True
    return False


def list_ids(app: ParallaxApp) -> list[str]:
    return app.query_one(ArticleList).ids


async def test_stored_articles_are_listed_and_searched_before_the_background_runs(
    config: Config, gate: Path
) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        assert await until(pilot, lambda: app.index_ready and len(list_ids(app)) == 4)
        assert await until(pilot, lambda: app._process is not None)
        assert not app.load_done  # the process waits at the gate
        assert app.query_one("#progress-label").display
        await pilot.press("slash", *"Kiev")
        assert await until(pilot, lambda: app.result is not None)
        assert app.result.total == 3  # the index as it is, opened read-only
        gate.touch()
        await ready(pilot)
        assert not app.query_one("#progress-label").display


async def test_new_articles_appear_as_the_background_stores_them_and_the_cursor_stays(
    config: Config, gate: Path, sources: Path
) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        assert await until(pilot, lambda: len(list_ids(app)) == 4)
        table = app.query_one(ArticleList)
        chosen = list_ids(app)[2]
        table.select_id(chosen)
        await pilot.pause()
        (sources / "ferry.md").write_text(NEW_ARTICLE, encoding="utf-8")
        gate.touch()
        await ready(pilot)
        ids = list_ids(app)
        assert len(ids) == 5 and app.by_id[ids[0]].title.startswith("Zanzibar ferry talks")
        assert table.current_id == chosen  # a row came in above it: the cursor stayed on it
        assert "Harbour Gazette" in [f.label for f in app.query_one(SourceList).filters]
        await pilot.press("slash", *"zanzibar")  # and the index the background updated finds it
        await settle(pilot)
        assert list_ids(app) == [ids[0]]


async def test_browsing_works_while_the_index_is_built_and_the_search_then_runs(
    config: Config, gate: Path
) -> None:
    shutil.rmtree(config.data_dir / "index")  # a first run: no index yet
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        assert await until(pilot, lambda: len(list_ids(app)) == 4)
        assert not app.index_ready
        assert app.query_one("#progress-label").display
        await pilot.press("j", "enter")  # reading works meanwhile
        assert await until(pilot, lambda: app.query_one(ArticleView).article is not None)
        await pilot.press("slash", *"Kiev")
        await pilot.pause(0.2)
        assert app.query_one("#list-empty").region.height > 0
        assert "not ready yet" in str(app.query_one("#list-empty", Static).content)
        assert "when the index is ready" in str(app.query_one("#search-status", Static).content)
        gate.touch()
        await ready(pilot)
        assert len(list_ids(app)) == 3
        assert not app.query_one("#progress-label").display


async def test_the_first_rows_come_first_then_the_rest_and_the_remembered_article(
    config: Config, gate: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.tui import app as app_module

    monkeypatch.setattr(app_module, "FIRST_ROWS", 2)  # a screenful, as 200 are of 10,000
    state, _ = ReaderState.load(config.data_dir)
    rows = json.loads(listing_path(config.data_dir).read_text(encoding="utf-8"))["articles"]
    state.selected = rows[3][0]  # beyond the first rows
    state.save(config.data_dir)
    app = ParallaxApp(config, today=TODAY)
    shown_first: list[list[str]] = []
    loaded = app._articles_loaded

    def spy(summaries, final=False, total=None):  # noqa: ANN001
        shown_first.append([s.id for s in summaries])
        loaded(summaries, final, total)
        if total is not None:  # only the first rows: the status counts all of them
            assert "4 articles" in str(app.query_one("#search-status", Static).content)

    app._articles_loaded = spy  # type: ignore[method-assign]
    async with app.run_test(size=(140, 45)) as pilot:
        assert await until(pilot, lambda: len(list_ids(app)) == 4)
        assert shown_first[0] == [row[0] for row in rows[:2]]
        # The whole list came in after the first frame, and the cursor went to the article
        # the reader was on when it last closed.
        assert app.query_one(ArticleList).current_id == rows[3][0]
        assert "4 articles" in str(app.query_one("#search-status", Static).content)
        assert "Eunews" in [f.label for f in app.query_one(SourceList).filters]
        gate.touch()
        await ready(pilot)


async def test_without_a_saved_listing_the_articles_come_from_the_background(
    config: Config,
) -> None:
    listing_path(config.data_dir).unlink(missing_ok=True)  # a data folder of an older version
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert len(list_ids(app)) == 4
    assert listing_path(config.data_dir).is_file()


async def test_a_source_that_cannot_be_read_is_a_notification(
    config: Config, sources: Path
) -> None:
    (sources / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        messages = [n.message for n in app._notifications]
        assert any("1 source file could not be read" in m for m in messages), messages
        assert len(list_ids(app)) == 4


async def test_a_killed_background_process_is_reported_and_the_reader_carries_on(
    config: Config, gate: Path
) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        assert await until(pilot, lambda: app._process is not None and list_ids(app))
        app._process.kill()
        await ready(pilot)
        messages = [n.message for n in app._notifications]
        assert any("background work stopped" in m for m in messages), messages
        assert app.is_running and len(list_ids(app)) == 4
        await pilot.press("slash", *"Kiev")
        await settle(pilot)
        assert len(list_ids(app)) == 3


async def test_quitting_ends_the_background_process(config: Config, gate: Path) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        assert await until(pilot, lambda: app._process is not None)
        process = app._process
        await pilot.press("q")
    await process.wait()
    assert process.returncode is not None


# ---- the layout -------------------------------------------------------------------------------


async def test_the_source_list_hides_with_b_and_that_is_remembered(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        table = app.query_one(ArticleList)
        wide = table.title_width
        assert app.query_one(SourceList).region.width > 0
        await pilot.press("b")
        await pilot.pause()
        assert app.query_one(SourceList).region.width == 0
        assert table.title_width > wide and table.region.x == 0
        await pilot.press("q")
    assert ReaderState.load(config.data_dir)[0].sources_hidden

    again = ParallaxApp(config, today=TODAY)
    async with again.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert again.query_one(SourceList).region.width == 0
        await pilot.press("shift+tab")  # hidden, it still opens over the list when asked for
        assert again.query_one(SourceList).region.width > 0
        await pilot.press("escape", "b")
        await pilot.pause()
        assert again.query_one(SourceList).region.width > 0
        assert not again.state.sources_hidden


def test_the_toggle_key_can_be_remapped(user_config) -> None:
    user_config('[keys]\ntoggle_sources = "f2"\n')
    app = ParallaxApp(load_config(), today=TODAY)
    assert app.keymap == {"toggle_sources": "f2"}


@pytest.mark.parametrize(("size", "least"), [((140, 45), 50), ((80, 24), 40), ((200, 60), 50)])
async def test_headlines_get_the_room(config: Config, size: tuple[int, int], least: int) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        table = app.query_one(ArticleList)
        assert table.title_width >= least
        assert table.virtual_size.width <= table.size.width  # nothing scrolls sideways
        # Every headline of the seeds shows whole, or at least its first `least` characters.
        for row, article_id in enumerate(list_ids(app), start=1):
            title = app.by_id[article_id].title
            assert title[: min(len(title), least - 1)] in table.render_line(row).text
        # The article pane's heading is the whole headline.
        heading = app.query_one("#article-title", Static).content
        assert str(heading) == app.by_id[table.current_id].title
