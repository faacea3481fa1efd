"""The reader, driven by Pilot on the seed corpus: browse, filter, search, read, resize, quit."""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console as RichConsole
from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.worker import WorkerCancelled

from parallax.index.api import Corpus
from parallax.index.config import Config, load_config
from parallax.index.state import ReaderState
from parallax.tui.app import ParallaxApp
from parallax.tui.widgets.article_list import UNREAD, ArticleList
from parallax.tui.widgets.article_view import ArticleView
from parallax.tui.widgets.source_list import SourceList, SourceRow

TODAY = date(2025, 6, 1)


def build_seed_data(folder: Path) -> Path:
    """A data folder holding the seed corpus, synced and indexed."""
    corpus = Corpus.open(load_config(data_dir=folder))
    corpus.update_index()
    return folder


def copy_data(built: Path, target: Path) -> Config:
    """A private copy of a built data folder, and the config that opens it."""
    shutil.copytree(built, target)
    return load_config(data_dir=target)


async def wait_until(pilot: Pilot, condition: Callable[[], object]) -> bool:
    """Let the workers finish and the screen refresh until `condition()` holds (30 s at
    most: the background process is slow on a loaded machine); whether it did."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with suppress(WorkerCancelled):  # a search the next key's search replaced
            await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if condition():
            return True
    return False


async def settle(pilot: Pilot) -> None:
    """Wait until what the last keys started (searches, articles, scrolls) is on screen."""
    await wait_until(pilot, lambda: pilot.app.is_settled)
    await pilot.pause()
    await pilot.pause()


async def ready(pilot: Pilot) -> None:
    """Wait for the first load: articles listed, sources read, index up to date."""
    await wait_until(pilot, lambda: pilot.app.load_done)
    await settle(pilot)


def rendered(renderable: object, width: int = 100) -> str:
    """What a Rich renderable prints, as plain text."""
    console = RichConsole(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


OUTLETS = ["Business Standard", "EconoTimes", "Eunews", "Hürriyet Daily News"]


@pytest.fixture(scope="module")
def seed_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("parallax.index.cleaner")
    return build_seed_data(tmp_path_factory.mktemp("seed-data") / "data")


@pytest.fixture
def config(seed_data: Path, tmp_path: Path) -> Config:
    return copy_data(seed_data, tmp_path / "data")


def list_ids(app: ParallaxApp) -> list[str]:
    return app.query_one(ArticleList).ids


def source_labels(app: ParallaxApp) -> list[str]:
    """ "All" and the outlets (the stories below them are not outlets)."""
    return [f.label for f in app.query_one(SourceList).filters if f.ids is None]


async def test_launch_shows_four_articles_and_four_outlets(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        table = app.query_one(ArticleList)
        assert table.row_count == 4
        assert source_labels(app) == ["All", *OUTLETS]
        # Newest first, undated last; every article unread; the first one is on show.
        outlets = [str(table.get_row_at(i)[3]).strip() for i in range(4)]
        assert outlets == ["Business Standard", "Eunews", "Hürriyet Daily News", "EconoTimes"]
        assert all(str(table.get_row_at(i)[0]) == UNREAD for i in range(4))
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.id == list_ids(app)[0]
        assert "4 articles" in str(app.query_one("#search-status", Static).content)
        assert not app.query_one("#progress").display


async def test_choosing_an_outlet_lists_only_its_articles(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("shift+tab")  # list -> sources
        sources = app.query_one(SourceList)
        assert app.focused is sources
        await pilot.press("j", "j", "j")  # All -> Business Standard, EconoTimes, Eunews
        await pilot.press("enter")
        await settle(pilot)
        assert [app.by_id[i].outlet for i in list_ids(app)] == ["Eunews"]
        assert app.focused is app.query_one(ArticleList)
        await pilot.press("escape")  # back to all
        await settle(pilot)
        assert len(list_ids(app)) == 4


async def test_search_kiev_gives_three_hits_with_highlighted_snippets_and_n_jumps(
    config: Config,
) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"Kiev")
        await settle(pilot)
        table = app.query_one(ArticleList)
        assert table.row_count == 3
        match_style = str(table.get_component_rich_style("article-list--match"))
        for i in range(3):
            cell: Text = table.get_row_at(i)[2]
            marked = [
                cell.plain[s.start : s.end] for s in cell.spans if str(s.style) == match_style
            ]
            assert marked and all(m.casefold() in ("kiev", "kyiv") for m in marked), cell.plain
        assert "3 matches" in str(app.query_one("#search-status", Static).content)

        # Open the first hit (Hürriyet, two matches) and go from match to match.
        await pilot.press("enter")  # from the search field into the list
        await pilot.press("enter")  # open
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert app.focused is view
        assert view.article is not None and len(view.matches) >= 2
        body = view.article.body
        assert all(body[s:e].casefold() in ("kiev", "kyiv") for s, e in view.matches)
        assert view.current == 0
        await pilot.press("n")
        assert view.current == 1
        assert "match 2 of" in str(app.query_one("#search-status", Static).content)
        await pilot.press("N")
        assert view.current == 0
        # Leaving the search gives the whole list back.
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert table.row_count == 4


async def test_a_match_near_the_top_keeps_the_articles_head_in_view(config: Config) -> None:
    # At 80x24 the article pane is short: a match in the first lines is shown with the title,
    # the details and the address above it, not scrolled up a third of the pane.
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"istanbul", "enter", "enter")
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and view.matches
        assert view.matches[0][0] < 200  # in the body's first lines
        assert view.scroll_y == 0


async def test_slash_starts_a_new_query_and_the_old_one_can_be_edited(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Kiev", "enter")  # search, then into the list
        await settle(pilot)
        await pilot.press("slash", *"talks")  # the query was selected: typing replaces it
        await settle(pilot)
        assert app.query_text == "talks"
        await pilot.press("enter", "slash", "end", *" istanbul")  # or go on from its end
        await settle(pilot)
        assert app.query_text == "talks istanbul"


async def test_slash_typed_right_after_enter_is_the_search_key(config: Config) -> None:
    # Enter and "/" in one burst (a fast typist, a script): the focus moves with each key as
    # it comes, so the "/" starts a new search; it is not text in the old query.
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Kiev")
        await settle(pilot)
        app.post_message(events.Key("enter", None))
        app.post_message(events.Key("slash", "/"))
        for character in "talks":
            app.post_message(events.Key(character, character))
        await settle(pilot)
        assert app.query_text == "talks"
        assert app.focused is app.query_one("#query", Input)


async def test_keys_typed_right_after_slash_are_the_query(config: Config) -> None:
    # "/" and a query in one burst, from the list: not one key reaches the list ("r" marks
    # read, "o" opens the browser, enter opens an article).
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        app.article_list.focus()
        await settle(pilot)
        read_before = set(app.state.read)
        app.post_message(events.Key("slash", "/"))
        for character in "trump or russia":
            key = "space" if character == " " else character
            app.post_message(events.Key(key, character))
        app.post_message(events.Key("enter", None))
        await settle(pilot)
        assert app.query_text == "trump or russia"
        assert app.focused is app.article_list
        assert set(app.state.read) == read_before
        # In the search field "/" is text.
        await pilot.press("slash", "end", *"/x")
        assert app.query_text == "trump or russia/x"


async def test_toggle_read_marks_the_row_and_is_remembered(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        first = list_ids(app)[0]
        table = app.query_one(ArticleList)
        await pilot.press("r")
        assert first in app.state.read
        assert str(table.get_row_at(0)[0]) == " "
        await pilot.press("r")
        assert first not in app.state.read
        assert str(table.get_row_at(0)[0]) == UNREAD
        await pilot.press("j", "enter")  # opening an article marks it read
        await settle(pilot)
        second = list_ids(app)[1]
        assert second in app.state.read
        await pilot.press("q")
    assert app.return_code == 0
    saved, problem = ReaderState.load(config.data_dir)
    assert problem is None and saved.read == {second} and saved.selected == second

    # The next run shows it read, with the cursor on it.
    again = ParallaxApp(config, today=TODAY)
    async with again.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        table = again.query_one(ArticleList)
        assert table.current_id == second
        assert str(table.get_row_at(1)[0]) == " "


async def test_last_query_is_restored(config: Config) -> None:
    ReaderState(query="lavrov").save(config.data_dir)
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert app.query_one("#query", Input).value == "lavrov"
        assert app.result is not None and app.result.total == 3


async def test_resize_to_80x24_stacks_the_panes(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert app.query_one(SourceList).display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.has_class("-narrow")
        table, view = app.query_one(ArticleList), app.query_one(ArticleView)
        # Sources hidden, the list above the article, both the full width, nothing sideways.
        assert app.query_one(SourceList).region.width == 0
        assert table.region.y < view.region.y
        assert table.region.width == 80 and view.region.width == 80
        assert table.virtual_size.width <= table.size.width
        assert table.row_count == 4
        # Tab to the sources shows them over the list; choosing one hides them again.
        await pilot.press("shift+tab")
        assert app.has_class("-sources-open") and app.query_one(SourceList).region.width > 0
        await pilot.press("enter")
        await settle(pilot)
        assert not app.has_class("-sources-open")
        await pilot.resize_terminal(140, 45)
        await settle(pilot)
        assert not app.has_class("-narrow")


async def test_quit(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_did_you_mean_and_enter_takes_it(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"lavorv")
        await settle(pilot)
        assert app.query_one(ArticleList).row_count == 0
        empty = str(app.query_one("#list-empty", Static).content)
        assert "Did you mean: lavrov?" in empty
        assert "Did you mean" in str(app.query_one("#search-status", Static).content)
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one("#query", Input).value == "lavrov"
        assert app.query_one(ArticleList).row_count == 3


async def test_sort_by_date_in_a_search_and_oldest_first_when_browsing(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        newest = list_ids(app)
        await pilot.press("s")
        await settle(pilot)
        assert list_ids(app) == [*newest[:3][::-1], newest[3]]  # undated stays last
        await pilot.press("slash", *"talks", "enter", "s")
        await settle(pilot)
        dates = [app.by_id[i].published for i in list_ids(app)]
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True)


async def test_help_lists_the_keys_and_the_query_language(config: Config) -> None:
    from parallax.tui.screens.help import HelpScreen

    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.content)
        for needle in ("Next match", "toggle_read", "date:2025-02", "outlet:eunews", "[keys]"):
            assert needle in text
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_jumps_to_an_outlet(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"outlet: econotimes")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.list_filter.label == "EconoTimes"
        assert [app.by_id[i].outlet for i in list_ids(app)] == ["EconoTimes"]


async def test_theme_is_remembered(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("q")
    assert ReaderState.load(config.data_dir)[0].theme == "textual-light"
    again = ParallaxApp(config, today=TODAY)
    assert again.theme == "textual-light"


# ---- article text is data -------------------------------------------------------------------

CRAFTED = """\
---
title: "\\e[31m[Live] talks [/]\\e[0m"
outlet: "[b]Daily[/b] Example"
published: 2025-03-01
url: https://example.com/live
---
A body with \x1b[2J\x1b[Hescape codes and [red]markup[/red] that must stay text, talks.

A \x1b]0;evil title\x07second paragraph about talks.
"""


@pytest.fixture
def crafted(tmp_path: Path, user_config) -> Config:
    """A data folder with one hand-written article full of markup and escape codes."""
    user_config("sources = []")
    data = tmp_path / "crafted"
    (data / "articles").mkdir(parents=True)
    (data / "articles" / "crafted-live-talks.md").write_text(CRAFTED, encoding="utf-8")
    return load_config(data_dir=data)


async def test_markup_and_escape_codes_in_an_article_show_as_plain_text(crafted: Config) -> None:
    app = ParallaxApp(crafted, today=TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(ArticleList)
        assert table.row_count == 1
        assert table.get_row_at(0)[2].plain == "[Live] talks [/]"
        assert table.get_row_at(0)[3].plain.strip() == "[b]Daily[/b] Example"
        assert [f.label for f in app.query_one(SourceList).filters] == [
            "All",
            "[b]Daily[/b] Example",
        ]
        view = app.query_one(ArticleView)
        title = app.query_one("#article-title", Static).content
        body = app.query_one("#article-body", Static).content
        assert isinstance(title, Text) and title.plain == "[Live] talks [/]"
        assert isinstance(body, Text) and "[red]markup[/red]" in body.plain
        assert "\x1b" not in body.plain and "\x07" not in body.plain
        # Searching marks the matches at the right place although codes were in the body.
        await pilot.press("slash", *"talks")
        await settle(pilot)
        assert view.matches and all(
            view.article.body[s:e].casefold().startswith("talk") for s, e in view.matches
        )
        screen = app.export_screenshot()
        assert "[Live]" in screen and "\x1b" not in screen


# ---- keys, empty states, errors -------------------------------------------------------------


async def test_keys_can_be_remapped_in_the_config(
    seed_data: Path, tmp_path: Path, user_config
) -> None:
    user_config('[keys]\nsearch = "ctrl+f"\nnext_match = "n,f3"\n')
    config = copy_data(seed_data, tmp_path / "data")
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert not isinstance(app.focused, Input)  # "/" is no longer search
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)
        await pilot.press(*"kiev", "enter", "enter")
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert len(view.matches) >= 2
        await pilot.press("f3")
        assert view.current == 1
        from parallax.tui.screens.help import help_text

        shown = rendered(help_text(app.keymap, app.get_key_display))
        assert "ctrl+f" in shown and "f3" in shown


def test_an_unknown_action_in_keys_is_one_line(user_config, capsys) -> None:
    from parallax.index.config import ConfigError
    from parallax.tui.cli import main

    path = user_config('[keys]\nserch = "ctrl+f"\n')
    with pytest.raises(ConfigError, match=r'unknown action "keys.serch"; did you mean "search"'):
        ParallaxApp(load_config())
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "keys.serch" in err


async def test_empty_corpus_says_how_to_add_articles(tmp_path: Path, user_config) -> None:
    user_config("sources = []")
    app = ParallaxApp(load_config(data_dir=tmp_path / "empty"), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.query_one(ArticleList).row_count == 0
        empty = str(app.query_one("#list-empty", Static).content)
        assert "No articles yet" in empty and "parallax add" in empty
        assert app.query_one("#list-empty").region.height > 0
        await pilot.press("slash", *"kiev")  # nothing to search: the same advice
        await settle(pilot)
        assert "parallax add" in str(app.query_one("#list-empty", Static).content)


async def test_a_broken_stored_file_is_a_notification_not_a_crash(config: Config) -> None:
    (config.data_dir / "articles" / "broken-file.md").write_text(
        "---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8"
    )
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert app.query_one(ArticleList).row_count == 4
        messages = [n.message for n in app._notifications]
        assert any("stored file" in m and "skipped" in m for m in messages), messages


async def test_an_unreadable_data_folder_is_a_notification(tmp_path: Path, user_config) -> None:
    user_config("sources = []")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    app = ParallaxApp(load_config(data_dir=blocker), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"kiev")
        await settle(pilot)
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any("Cannot read the articles" in m and "not a directory" in m for m in messages), (
            messages
        )


async def test_open_without_a_browser_copies_the_link(config: Config, monkeypatch) -> None:
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        eunews = next(i for i in list_ids(app) if app.by_id[i].outlet == "Eunews")
        app.query_one(ArticleList).select_id(eunews)
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.clipboard == "https://www.eunews.it/en/?p=419969"
        assert any("copied" in n.message for n in app._notifications)


async def test_rebuilding_the_index_from_the_palette_keeps_search_working(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.action_rebuild_index()
        assert not app.load_done  # the background process rebuilds it; searches go on
        await ready(pilot)
        assert app.index_ready
        await pilot.press("slash", *"Kiev")
        await settle(pilot)
        assert app.query_one(ArticleList).row_count == 3


async def test_scrolling_to_the_end_of_the_hits_fetches_more(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    import parallax.tui.app as app_module

    monkeypatch.setattr(app_module, "SEARCH_PAGE", 1)
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"talks")
        await settle(pilot)
        # One hit was asked for; the cursor on it is near the end of the list, so more are
        # fetched (twice as many each time) until all four are there.
        table = app.query_one(ArticleList)
        assert app.result is not None and app.result.total == 4
        assert table.row_count == 4 and len(app.result.hits) == 4


async def test_the_cursor_row_follows_focus_and_theme(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one(ArticleList)

        def cursor_background() -> object:
            strip = table.render_line(1)  # the first row, under the header: the cursor's
            return strip._segments[-1].style.bgcolor

        focused = cursor_background()
        await pilot.press("tab")  # to the article pane
        await pilot.pause()
        blurred = cursor_background()
        assert focused != blurred
        app.theme = "textual-light"
        await pilot.pause()
        assert cursor_background() not in (blurred, None)
        assert cursor_background() != blurred


async def test_mouse_click_opens_an_article_and_picks_a_source(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        ids = list_ids(app)
        await pilot.click(ArticleList, offset=(20, 2))  # line 0 is the header: the second row
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.id == ids[1]
        assert ids[1] in app.state.read and app.focused is view
        # Lines: "All", a separator, the "Outlets" heading, then the first outlet.
        await pilot.click(SourceList, offset=(2, 3))
        await settle(pilot)
        assert app.list_filter.label == OUTLETS[0]
        assert [app.by_id[i].outlet for i in list_ids(app)] == [OUTLETS[0]]


# ---- stories and the compare screen ---------------------------------------------------------


async def test_stories_are_listed_below_the_outlets_and_filter_the_list(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert await wait_until(pilot, lambda: app.stories), "the stories were never listed"
        listed = [f for f in app.query_one(SourceList).filters if f.ids is not None]
        # Only the story two outlets tell is listed; it is a meeting (its glyph) of 2 outlets.
        assert [f.label for f in listed] == ["◆ US–Russia talks · Istanbul · 27 Feb 2025"]
        app.choose_filter(listed[0])
        await pilot.pause()
        assert sorted(list_ids(app)) == [
            "business-standard-russian-us-diplomats-meet-in-istanbul",
            "eunews-ukraine-second-round-of-us-russia-talks-in-istanbul",
        ]


async def test_the_palette_finds_any_story_and_moves_an_article_to_a_story_of_its_own(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.tui.commands import ReaderCommands

    def not_here(*args: object) -> None:
        raise AssertionError("the screen's process wrote the article")

    # The background process writes the move: this process must not.
    monkeypatch.setattr(Corpus, "move_to_story", not_here)
    business = "business-standard-russian-us-diplomats-meet-in-istanbul"
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert await wait_until(pilot, lambda: app.stories), "the stories were never listed"
        table = app.query_one(ArticleList)
        table.move_cursor(row=list_ids(app).index(business))
        await pilot.pause()
        names = [name for name, _, _ in ReaderCommands(app.screen)._commands()]
        # Stories one outlet tells are not in the source list but the palette finds them.
        assert "Story: ◆ Russia–Ukraine talks (planned) · Istanbul" in names
        assert "Move article to: ◆ Putin–Trump summit (planned) · reported 23 Feb 2025" in names
        move = next(c for n, _, c in ReaderCommands(app.screen)._commands()
                    if n == "Move article to a story of its own")  # fmt: skip
        move()
        # Shown at once, before the background process has written anything: the article
        # tells a story of its own, and the Istanbul story (two outlets) is no longer listed.
        (own,) = [s for s in app.stories if business in s.main_ids]
        assert own.main_ids == [business] and own.label.startswith("Russian, US diplomats")
        assert not any(f.ids for f in app.query_one(SourceList).filters)
        assert not app.load_done
        await ready(pilot)
        text = (config.data_dir / "articles" / f"{business}.md").read_text(encoding="utf-8")
        assert "\nstory: " in text
        # Grouped again by the background process, as it was shown.
        (own,) = [s for s in app.stories if business in s.main_ids]
        assert own.main_ids == [business] and not app._pending_moves
        assert not any(f.ids for f in app.query_one(SourceList).filters)
        assert "Moved" in " ".join(str(n.message) for n in app._notifications)


async def test_a_move_that_cannot_be_written_is_said_and_undone(config: Config) -> None:
    business = "business-standard-russian-us-diplomats-meet-in-istanbul"
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert await wait_until(pilot, lambda: app.stories), "the stories were never listed"
        before = [(s.id, s.main_ids) for s in app.stories]
        (config.data_dir / "articles" / f"{business}.md").unlink()  # gone meanwhile
        app.move_to_story(business, None)
        assert [s.main_ids for s in app.stories if business in s.main_ids] == [[business]]
        await ready(pilot)
        assert [(s.id, s.main_ids) for s in app.stories] == before
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Could not move the article") for m in messages), messages


async def test_c_compares_the_articles_story_and_enter_opens_the_passage(
    config: Config,
) -> None:
    from parallax.tui.screens.compare import CompareScreen

    eunews = "eunews-ukraine-second-round-of-us-russia-talks-in-istanbul"
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert await wait_until(pilot, lambda: app.stories), "the stories were never listed"
        table = app.query_one(ArticleList)
        table.move_cursor(row=list_ids(app).index(eunews))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        screen = app.screen
        assert await wait_until(pilot, lambda: screen.comparison is not None)  # in a worker
        assert {a.id for a in screen.comparison.articles} == {
            eunews,
            "business-standard-russian-us-diplomats-meet-in-istanbul",
        }
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.article_view.matches)
        assert not isinstance(app.screen, CompareScreen)
        assert app.article_view.matches  # the passage is marked and scrolled to


async def test_m_marks_articles_and_c_compares_the_marked(config: Config) -> None:
    from parallax.tui.screens.compare import CompareScreen

    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        table = app.query_one(ArticleList)
        ids = list_ids(app)
        for row in (0, 2):
            table.move_cursor(row=row)
            await pilot.pause()
            await pilot.press("m")
        assert app.marked == [ids[0], ids[2]]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_a_search_can_keep_one_story(config: Config) -> None:
    app = ParallaxApp(config, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert await wait_until(pilot, lambda: app.stories), "the stories were never listed"
        story = next(s for s in app.stories if len(s.main_ids) == 2)
        await pilot.press("slash", *f"story:{story.id}", "enter")
        assert await wait_until(pilot, lambda: sorted(list_ids(app)) == sorted(story.main_ids))


@pytest.mark.parametrize("width", [12, 20, 25])
def test_a_source_entry_keeps_its_count_at_the_edge_and_cuts_a_long_name(width: int) -> None:
    console = RichConsole(width=width, file=io.StringIO(), color_system=None)
    with console.capture() as long_one:
        console.print(SourceRow(Text("Hürriyet Daily News [Weekend]"), Text("10,000")))
    with console.capture() as short_one:
        console.print(SourceRow(Text("All"), Text("7")))
    line = long_one.get().rstrip("\n")
    assert len(line) == width
    assert line.endswith(" 10,000") and line.startswith("Hü") and "…" in line
    assert short_one.get().rstrip("\n") == "All" + " " * (width - 4) + "7"
