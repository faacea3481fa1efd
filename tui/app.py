"""The reader: sources on the left, the article list, the article below it (beside it on wide
terminals), and a search bar on top that searches as you type.

The first screen is drawn at once. Then what is known is shown — the articles as last listed
(index/listing.py), the search index as it is, the stories as last kept — and the slow work
runs in a separate process at a lower priority (tui/background.py: reading the configured
sources, indexing, placing articles in stories); its events fill in the rest as it arrives,
each read back from what it saved. Nothing slow runs in this process: a thread worker here
only reads a file, opens the index or runs one search.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.containers import Container, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from parallax.index.config import Config
from parallax.index.listing import read_head, read_listing, summaries_from_rows
from parallax.index.state import ReaderState, StateError
from parallax.index.textio import strip_control_chars
from parallax.tui.background import DEFAULT_STEPS, Move
from parallax.tui.keys import APP_KEYS, check_keymap
from parallax.tui.messages import ALL_ARTICLES, FilterChosen, ListFilter, ResultsShown
from parallax.tui.text import plain
from parallax.tui.widgets.article_list import ArticleList
from parallax.tui.widgets.article_view import ArticleView
from parallax.tui.widgets.search_bar import SearchBar
from parallax.tui.widgets.source_list import SourceList, SourceSection, outlet_section

if TYPE_CHECKING:
    import asyncio

    from parallax.index.api import CorpusView
    from parallax.index.search import Hit, SearchIndex, SearchResult
    from parallax.index.store import ArticleSummary, StoredArticle
    from parallax.index.stories.stories import Story
    from parallax.tui.screens.compare import OpenSentence

__all__ = ["ParallaxApp"]

# The source list shows this many stories (the most recent); the palette finds any of them.
LISTED_STORIES = 50
STORY_GLYPHS = {"meeting": "◆ ", "story": ""}

# Typing pauses this long before a search starts: one search per burst of keys.
SEARCH_DEBOUNCE = 0.03
# Moving the cursor pauses this long before the article under it is read; longer while
# searching, so drawing an article never holds up the next keystroke's results.
PREVIEW_DEBOUNCE = 0.06
PREVIEW_DEBOUNCE_SEARCHING = 0.3
# Hits fetched at first (each costs a snippet); scrolling near the end fetches twice as many.
SEARCH_PAGE = 15
SEARCH_MAX = 1000
# Below this width the sources hide until asked for (Tab, or the toggle_sources key).
NARROW_WIDTH = 110
SOURCES_WIDTH = 25  # with its border (app.tcss)
# The list and the article side by side only from this width (of what the sources leave):
# the article's column (84) and a list whose titles keep 56 columns or more; narrower, the
# article goes below the list, which then has the whole width for its headlines.
SIDE_BY_SIDE_WIDTH = 170
SAVE_DELAY = 1.0
# The first rows of the saved listing are read before the first frame, so that it shows the
# headlines; the whole listing is read by a worker after it.
FIRST_ROWS = 200
# What the progress says when the background process starts with a step.
_STEP_LABELS = {
    "sync": "Reading sources…",
    "listing": "Listing…",
    "index": "Indexing…",
    "move": "Moving the article…",
    "analysis": "Grouping stories…",
}
# The workers that read back what the background process saved.
_READING_GROUPS = ("listing", "index-open", "stories")


class ParallaxApp(App[None]):
    """The reader. `today` fixes what relative dates in queries mean (tests); None is today."""

    TITLE = "Parallax"
    # Absolute: Textual resolves a relative path against a subclass's own file.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS = APP_KEYS
    # A callable: the palette's module is imported when the palette first opens.
    COMMANDS = App.COMMANDS | {lambda: _reader_commands()}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, config: Config, *, today: date | None = None) -> None:
        # What was imported lives as long as the app: the collector need not walk it again
        # and again while the first screen is built.
        gc.freeze()
        super().__init__()
        self.config = config
        self.today = today
        config_file = str(config.files[-1]) if config.files else "config.toml"
        self.keymap = check_keymap(config.keys, config_file)  # ConfigError before the screen
        self.state, self._state_problem = ReaderState.load(config.data_dir)
        if self.state.theme and self.state.theme in self.available_themes:
            self.theme = self.state.theme
        self.set_keymap(self.keymap)
        # The corpus as last saved (cheap to read: the background process writes it), and its
        # search index, opened read-only, which answers searches from any thread.
        self._view: CorpusView | None = None
        self._index: SearchIndex | None = None
        # The background process's worker and process, and the runs asked for meanwhile.
        self._background: Any = None
        self._process: asyncio.subprocess.Process | None = None
        self._background_queue: list[tuple[tuple[str, ...], bool, list[Move]]] = []
        # Moves to a story shown at once, until the background process has written them and
        # grouped the stories again: article id -> (story, whether it is written yet).
        self._pending_moves: dict[str, tuple[str | None, bool]] = {}
        self._moves_running: list[Move] = []
        self._saved_stories: list[Story] = []
        self._closing = False  # the app is ending: what the process says no longer matters
        self.summaries: list[ArticleSummary] = []
        self.by_id: dict[str, ArticleSummary] = {}
        self.loaded = False
        self.list_filter: ListFilter = ALL_ARTICLES
        self.browse_sort = "newest"
        self.search_sort = "relevance"
        self.result: SearchResult | None = None
        self.hits: dict[str, Hit] = {}
        self.index_ready = False
        # True once the background process has ended, well or not, and what it saved is shown
        # (tests and the bench wait on it). `index_ready`: searches are answered.
        self.load_done = False
        self.index_note = "Reading articles…"
        self._search_generation = 0
        # The search running now (None when none is), and when the last one started.
        self._in_flight: int | None = None
        self._search_started = 0.0
        self._search_limit = SEARCH_PAGE
        self._search_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self._restore_selection = self.state.selected
        # The stories the articles tell (found by a worker after the list is shown), the
        # source-list filter of each (story id), and the articles marked with `m` to compare.
        self.stories: list[Story] = []
        self._story_filters: dict[ListFilter, str] | None = {}
        self._outlets: tuple[int, Any] | None = None
        self.marked: list[str] = []
        # An article to open at a passage (from the compare screen): (id, (start, end)).
        self._open_at: tuple[str, tuple[int, int]] | None = None
        # Feeds (tui/refresh.py): (name, stored article ids, last error) per subscribed feed.
        self.feeds: list[tuple[str, frozenset[str], str | None]] = []
        self.refreshing = False
        self._landed: Timer | None = None
        self._painted = False  # the first frame is drawn (the source list waits for it)
        # How many articles there are while only the first rows of the listing are shown.
        self._listing_total: int | None = None

    # ---- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The layout's classes before the widgets are styled a first time, not after (that
        # would style them all again before the first frame).
        self._layout_classes(self.size.width, update=False)
        yield SearchBar(id="search-bar")
        with Container(id="main"):
            yield SourceList(id="sources")
            with Container(id="reading"):
                with Vertical(id="list-pane"):
                    yield ArticleList(id="articles")
                    yield Static(id="list-empty", markup=False)
                yield ArticleView(id="article")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fit(self.size.width)
        self.search_bar.input.value = self.state.query
        self.search_bar.set_progress("Reading articles…")
        self.article_view.show_message("Reading articles…")
        self.article_list.focus()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._state_problem:
            self.notify(self._state_problem, severity="warning", timeout=8)
        if self.config.refresh_minutes:
            self.set_interval(self.config.refresh_minutes * 60, self.action_refresh_feeds)
        # The first screenful of the listing before the first frame (a file's first lines);
        # the whole of it is read by a worker after that frame.
        self._listed_at_mount = False
        head = read_head(self.config.data_dir, FIRST_ROWS)
        if head is not None:
            rows, total = head
            self._listed_at_mount = len(rows) == total
            self._articles_loaded(
                summaries_from_rows(rows), total=None if self._listed_at_mount else total
            )
        self._show_empty("Reading articles…")  # (after: a message shown, then hidden, costs)

    def on_ready(self) -> None:
        # After the first frame: reading the listing and opening the index would hold it up,
        # and so would measuring every entry of the source list.
        self._painted = True
        self._show_sources()
        self.list_stored()

    def on_resize(self, event: Any) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int | None = None) -> None:
        """The layout for a terminal `width` columns wide: the sources shown or tucked away,
        the article beside the list or below it."""
        stacked = self._layout_classes(self.size.width if width is None else width)
        lines = 1 if stacked else 2
        table = self.article_list
        if table.snippet_lines != lines:
            table.snippet_lines = lines
            table.fit_columns()

    def _layout_classes(self, width: int, *, update: bool = True) -> bool:
        """Set the layout's classes for `width` columns; True when the article goes below the
        list (-stacked)."""
        narrow = width < NARROW_WIDTH
        tucked = narrow or self.state.sources_hidden
        reading = width - (0 if tucked else SOURCES_WIDTH)
        stacked = reading < SIDE_BY_SIDE_WIDTH
        classes = {"-narrow": narrow, "-tucked": tucked, "-stacked": stacked}
        if not tucked:
            classes["-sources-open"] = False
        self.update_classes(classes, update=update)  # one restyle of every widget, not one each
        return stacked

    @property
    def _reader(self) -> CorpusView:
        """The corpus as last saved (made on first use: its imports wait for the first paint)."""
        if self._view is None:
            self._view = _corpus_view(self.config)
        return self._view

    # ---- the parts ------------------------------------------------------------------------

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def source_list(self) -> SourceList:
        return self.query_one(SourceList)

    def source_filters(self) -> list[ListFilter]:
        """Every filter the source list offers ("All" first)."""
        return self.source_list.filters

    # ---- loading: the listing here, the slow work in the background process ---------------------

    @work(thread=True, exclusive=True, group="listing", exit_on_error=False)
    def list_stored(self) -> None:
        """The articles as last listed, the stories as last kept and the index as it is:
        what is known before any source is read (each a file read, no more)."""
        summaries = None
        if not self._listed_at_mount:
            with suppress(Exception):  # only a summary: else the background process lists
                summaries = read_listing(self.config.data_dir)
        self.call_from_thread(self._listed, summaries)
        view = self._reader  # its imports (YAML, the stories) here, not in the UI thread
        self._open_index(announce=False)
        with suppress(Exception):  # the stories come again once the background groups them
            stories = view.stories()
            if stories:
                self.call_from_thread(self._stories_found, stories)

    def _listed(self, summaries: list[ArticleSummary] | None) -> None:
        if summaries is not None:
            self._articles_loaded(summaries)
        self.start_background()
        self.load_feeds()

    def _open_index(self, *, announce: bool) -> None:
        """(In a thread worker.) Open the search index read-only and warm it up; with
        `announce`, say when it cannot be used (the background process has written it)."""
        from parallax.index.search import SearchIndex

        index = None
        try:
            index = SearchIndex.open(self.config.data_dir, aliases=self.config.aliases)
            problem = None
            if index.needs_everything and not announce:
                index = None  # none yet, or to be rebuilt: the background process sees to it
            elif index.needs_everything:
                problem = index.problem  # it answers searches with what is wrong
            else:
                index.search("parallax", limit=1)  # the searcher and its caches, now
        except Exception as err:  # a broken index must not stop browsing
            problem = f"The search index could not be opened: {err}"
        self.call_from_thread(self._index_opened, index, problem, announce)

    @work(thread=True, group="index-open", exit_on_error=False)
    def reopen_index(self) -> None:
        self._open_index(announce=True)

    @work(thread=True, group="index-open", exit_on_error=False)
    def warm_index(self, index: SearchIndex) -> None:
        """The open index caught up with what the background process committed (its searcher
        refreshed: only the new segments are read) before the next keystroke needs it."""
        with suppress(Exception):
            index.search("parallax", limit=1)
        if self.query_text:
            self.call_from_thread(self._start_search)  # the newest articles may be hits now
        self.call_from_thread(self._check_done)

    def _index_opened(self, index: SearchIndex | None, problem: str | None, fresh: bool) -> None:
        if index is not None:
            self._index = index
            if self._view is not None:
                self._view._index = index
            if not self.index_ready:
                self.index_ready = True
                if self.query_text:
                    self._start_search()
                else:
                    self._update_status()
            elif self.query_text and fresh:
                self._start_search()  # the newest articles may be among the hits now
            gc.freeze()  # the index's caches live as long as the app
        if problem:
            self.notify(problem, severity="warning", timeout=10)
        self._check_done()

    def start_background(
        self,
        steps: Sequence[str] = DEFAULT_STEPS,
        rebuild: bool = False,
        moves: Sequence[Move] = (),
    ) -> None:
        """Run `steps` in the background process (after the one running now, if any; moves
        asked for meanwhile go together in one run)."""
        self.load_done = False
        if self._background is not None:
            for queued_steps, queued_rebuild, queued_moves in self._background_queue:
                if (queued_steps, queued_rebuild) == (tuple(steps), rebuild):
                    queued_moves.extend(moves)
                    return
            self._background_queue.append((tuple(steps), rebuild, list(moves)))
            return
        self._moves_running = list(moves)
        self._background = self.run_worker(
            self._run_background(tuple(steps), rebuild, tuple(moves)),
            group="background",
            exit_on_error=False,
        )

    async def _run_background(
        self, steps: tuple[str, ...], rebuild: bool, moves: tuple[Move, ...] = ()
    ) -> None:
        """Start the background process and act on its events until it ends."""
        import asyncio

        from parallax.tui import background

        self.search_bar.set_progress(_STEP_LABELS.get(steps[0], "Working…") if steps else "")
        try:
            process = await background.start(self.config, steps, rebuild=rebuild, moves=moves)
        except OSError as err:
            self.notify(f"Cannot start the background work: {err}", severity="error")
            self._background_ended(steps, finished=True)
            return
        self._process = process
        errors: list[str] = []

        async def drain_stderr() -> None:
            assert process.stderr is not None
            async for line in process.stderr:
                errors.append(line.decode("utf-8", "replace").rstrip())
                del errors[:-5]

        drain = asyncio.create_task(drain_stderr())
        finished = False
        try:
            async for event in background.events(process):
                if self._closing:
                    break
                if event["event"] == "done":
                    finished = True
                else:
                    self._on_background_event(event)
            await process.wait()
            await drain
        finally:
            self._process = None
            if process.returncode is None:
                with suppress(ProcessLookupError):
                    process.kill()
        if self._closing:
            return
        if not finished:
            last = next((line for line in reversed(errors) if line.strip()), "")
            why = f": {strip_control_chars(last)[:200]}" if last else ""
            self.notify(
                f"The background work stopped (exit code {process.returncode}){why}. "
                "The list and the search show what was saved; reopen Parallax to finish it.",
                severity="error",
                timeout=15,
            )
        self._background_ended(steps, finished)

    def _on_background_event(self, event: dict[str, Any]) -> None:
        kind = event["event"]
        if kind == "progress":
            self.show_progress(str(event.get("label") or ""), event.get("done"), event.get("total"))
        elif kind == "articles":
            if event.get("reload") or self._listing_total is not None:
                self.reload_listing()  # (a change to the first rows only would lose the rest)
            else:
                from parallax.index.listing import apply_delta

                changed, removed = event.get("changed") or [], event.get("removed") or []
                summaries = self.summaries
                if changed or removed:
                    summaries = apply_delta(summaries, changed, removed)
                self._articles_loaded(summaries, final=True)
        elif kind == "index":
            index = self._index
            if index is None or index.needs_everything or event.get("rebuilt"):
                self.reopen_index()  # none yet, or made anew
            elif event.get("changed"):
                self.warm_index(index)
        elif kind == "moved":
            self._moved(str(event.get("article")), failed=bool(event.get("failed")))
        elif kind == "analysis":
            # The stories as grouped again include the moves written before.
            for article_id, (_, written) in list(self._pending_moves.items()):
                if written:
                    del self._pending_moves[article_id]
            self.read_stories()
        elif kind == "notice":
            severity = event.get("severity")
            severity = severity if severity in ("information", "warning", "error") else "warning"
            message = str(event.get("message") or "")
            if message.startswith("Cannot read the articles"):
                self._load_failed(message)
            else:
                self.notify(message, severity=severity, timeout=10, markup=False)

    def _background_ended(self, steps: tuple[str, ...], finished: bool) -> None:
        self._background = None
        queued = {i for _, _, moves in self._background_queue for i, _ in moves}
        unconfirmed = [
            i
            for i, _ in self._moves_running
            if i in self._pending_moves and not self._pending_moves[i][1] and i not in queued
        ]
        self._moves_running = []
        if unconfirmed:  # the process ended before writing them: show the stories as saved
            for article_id in unconfirmed:
                self._pending_moves.pop(article_id, None)
            self._stories_found(self._saved_stories)
        if not self.loaded:  # the articles were never listed: show what there is
            self.loaded = True
            self._refresh_list()
        if not finished and self._index is None and not self._index_reopening():
            self.reopen_index()  # search what was saved
        if self._background_queue:
            steps, rebuild, moves = self._background_queue.pop(0)
            self.start_background(steps, rebuild, moves)
            return
        self._check_done()

    def _index_reopening(self) -> bool:
        return any(w.is_running for w in self.workers if w.group == "index-open")

    def _check_done(self) -> None:
        if self._background is not None or self.load_done:
            return
        if any(w.is_running for w in self.workers if w.group in _READING_GROUPS):
            self.set_timer(0.02, self._check_done)  # what the process saved is being read
            return
        self.load_done = True
        self.index_ready = True  # with no index, a search says there is none
        self.search_bar.hide_progress()
        self._update_status()

    @work(thread=True, exclusive=True, group="listing", exit_on_error=False)
    def reload_listing(self) -> None:
        """The whole listing again (the background process saved a new one)."""
        try:
            summaries = self._reader.articles()
        except Exception as err:
            self.call_from_thread(self.notify, f"Cannot read the article list: {err}")
            return
        self.call_from_thread(self._articles_loaded, summaries, True)

    def _articles_loaded(
        self, summaries: list[ArticleSummary], final: bool = False, total: int | None = None
    ) -> None:
        """Show `summaries` (the articles in list order; only the first `total` when given,
        the rest to come: the sources then wait for them all)."""
        self.summaries = summaries
        self.by_id = {s.id: s for s in summaries}
        self.loaded = self.loaded or final or bool(summaries)
        self._listing_total = total
        self._outlets = None if total is not None else outlet_section(s.outlet for s in summaries)
        if not self.list_filter.is_all and not any(
            self.list_filter.admits(s.id, s.outlet) for s in summaries
        ):
            self.list_filter = ALL_ARTICLES
        self._show_sources()
        # Tens of thousands of summaries live as long as the app: keep the garbage collector
        # from walking them all again and again (100 ms pauses while typing).
        gc.freeze()
        if self.result is None or not self.query_text:
            self._refresh_list()
        else:
            self._update_status()

    def _show_sources(self) -> None:
        """All · Feeds (when there are any) · Outlets · Stories (the most recent several
        outlets tell, each with its number of outlets; meetings marked ◆)."""
        # Every story's filter is made when asked for (the palette, `c`): tens of thousands at
        # 100,000 articles, where the list shows LISTED_STORIES.
        self._story_filters = None
        if self._outlets is None or not self._painted:
            return
        total, section = self._outlets
        feeds = self.feed_section()
        sections = [*([feeds] if feeds is not None else []), section]
        entries = []
        by_id = self.by_id
        for story in self.stories:
            if len(entries) >= LISTED_STORIES:
                break
            outlets = {by_id[i].outlet for i in story.main_ids if i in by_id}
            if len(outlets) < 2:
                continue
            entry = self.story_filter(story)
            if entry is not None:
                entries.append((entry, len(outlets)))
        if entries:
            sections.append(SourceSection("Stories", entries))
        self.source_list.show(total, sections, self.list_filter)

    @property
    def story_filters(self) -> dict[ListFilter, str]:
        """The source-list filter of every story (listed or not), and its story's id."""
        if self._story_filters is None:
            self._story_filters = {}
            for story in self.stories:
                entry = self.story_filter(story)
                if entry is not None:
                    self._story_filters[entry] = story.id
        return self._story_filters

    def feed_section(self) -> SourceSection | None:
        """The "Feeds" section above the outlets, each feed with its unread articles (a mark on
        those whose last fetch failed); None while there are no feeds."""
        if not self.feeds:
            return None
        read = self.state.read
        rows = [
            (ListFilter(("⚠ " if error else "") + name, ids=ids), len(ids - read))
            for name, ids, error in self.feeds
        ]
        return SourceSection("Feeds", rows)

    def story_filter(self, story: Story) -> ListFilter | None:
        """The source-list filter of a story: the stored articles that tell or mention it."""
        ids = frozenset(a.id for a in story.articles if a.id in self.by_id)
        if not ids:
            return None
        glyph = STORY_GLYPHS.get(story.kind, "")
        return ListFilter(f"{glyph}{story.label}", ids=ids)

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def read_stories(self) -> None:
        """The stories as the background process (or `add`, `fetch`) last kept them."""
        try:
            stories = self._reader.stories()
        except Exception as err:  # stories are a help, never a reason to stop reading
            self.call_from_thread(
                self.notify, f"Could not read the stories: {err}", severity="warning"
            )
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._stories_found, stories)

    def _story_ids(self, id_or_label: str) -> list[str] | None:
        """For `story:` in a search: the story's main articles (all for a story only
        mentioned); None if no story found so far has this id or label."""
        from parallax.index.stories.stories import UnknownStoryError, find_story

        try:
            story = find_story(list(self.stories), id_or_label)
        except UnknownStoryError:
            return None
        return story.main_ids or story.article_ids()

    def _stories_found(self, stories: list[Story]) -> None:
        """Show `stories` as saved, with the moves not yet grouped again on top."""
        self._saved_stories = stories
        if self._pending_moves:
            from parallax.index.stories.stories import moved

            for article_id, (story, _) in self._pending_moves.items():
                if article_id in self.by_id:
                    stories = moved(stories, article_id, story, self.by_id)
        self.stories = stories
        gc.freeze()  # tens of thousands of stories live until the next grouping: as summaries
        self._show_sources()

    def move_to_story(self, article_id: str, story_id: str | None) -> None:
        """Put the article in a story (None: one of its own): shown at once; the background
        process writes it as `story:` in the article's front matter, then groups the stories
        again."""
        self._pending_moves[article_id] = (story_id, False)
        self._stories_found(self._saved_stories)
        self.start_background(("move", "analysis"), moves=[(article_id, story_id)])

    def _moved(self, article_id: str, *, failed: bool) -> None:
        """The background process wrote a move (or could not: the stories as saved again)."""
        if article_id not in self._pending_moves:
            return
        if failed:
            del self._pending_moves[article_id]
            self._stories_found(self._saved_stories)
            return
        self._pending_moves[article_id] = (self._pending_moves[article_id][0], True)
        self.notify("Moved; grouping the stories again…", timeout=3)

    def _load_failed(self, message: str) -> None:
        self.loaded = True
        self.notify(message, severity="error", timeout=15, markup=False)
        self._refresh_list()

    def show_progress(self, label: str, done: int | None, total: int | None) -> None:
        self.index_note = label
        self.search_bar.set_progress(label, done, total)
        if self.query_text and not self.index_ready and not self.article_list.row_count:
            self._show_empty(self._building_message())

    # ---- feeds: R and refresh_minutes (the fetch runs in another process) -------------------

    def action_refresh_feeds(self) -> None:
        if not self.refreshing:
            self.refreshing = True
            self.search_bar.set_progress("Fetching feeds…")
            self.refresh_feeds()

    @work(exclusive=True, group="refresh", exit_on_error=False)
    async def refresh_feeds(self) -> None:
        """`parallax fetch` in a child process; its events drive the progress and the list."""
        from parallax.tui.refresh import run_fetch

        try:
            await run_fetch(self.config, self._fetch_event)
        finally:
            self.refreshing = False

    def _fetch_event(self, event: dict[str, Any]) -> None:
        kind = event.get("kind")
        if kind == "progress" and event.get("total"):
            done, total = int(event.get("done", 0)), int(event["total"])
            self.search_bar.set_progress(f"Fetching {done:,}/{total:,}", done, total)
        elif kind == "article" and event.get("status") in ("added", "updated", "merged"):
            if self._landed is None:  # new articles appear as they land, a few at a time
                self._landed = self.set_timer(0.5, self._reload_landed)
        elif kind in ("done", "error"):
            self.search_bar.hide_progress()
            self._reload_landed()
            self.read_stories()  # `fetch` placed what it stored
            self.load_feeds()
            if kind == "error":
                self.notify(f"Fetching failed: {event.get('reason')}", severity="error")
            else:
                failed = event.get("failed") or []
                line = f"Fetched: {event.get('new', 0)} new, {event.get('updated', 0)} updated"
                if failed:
                    line += f"; {len(failed)} failed (`parallax feeds` lists the errors)"
                self.notify(line, severity="warning" if failed else "information")

    def _reload_landed(self) -> None:
        """The list again: the background process saves the listing and says what changed."""
        if self._landed is not None:
            self._landed.stop()
        self._landed = None
        self.start_background(("listing",))

    @work(thread=True, group="feeds", exit_on_error=False)
    def load_feeds(self, reader: CorpusView | None = None) -> None:
        """Each subscribed feed's stored articles and last error, for the source list."""
        from parallax.index.feeds import SubscriptionError, feed_articles, feed_list

        reader = reader or self._reader

        try:  # the feed state and the article files only: never waits for the store
            infos = feed_list(reader)
            ids = feed_articles(reader)
        except (SubscriptionError, OSError) as err:
            self.call_from_thread(self.notify, str(err), severity="warning")
            return
        feeds = [(f.name, frozenset(ids.get(f.url, ())), f.last_error) for f in infos]
        self.call_from_thread(self._feeds_loaded, feeds)

    def _feeds_loaded(self, feeds: list[tuple[str, frozenset[str], str | None]]) -> None:
        self.feeds = feeds
        self._show_sources()

    # ---- the list ---------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.search_bar.input.value.strip()

    def _browse_rows(self) -> list[ArticleSummary]:
        rows = [s for s in self.summaries if self.list_filter.admits(s.id, s.outlet)]
        if self.browse_sort == "oldest":
            dated = [s for s in rows if s.published]
            dated.reverse()
            rows = dated + [s for s in rows if not s.published]
        return rows

    def _refresh_list(self) -> None:
        """Fill the list from the current search result, or the filtered articles."""
        table = self.article_list
        keep = self._restore_selection or table.current_id or self.article_view_id
        read = self.state.read
        if self.query_text and self.result is not None:
            hits = [h for h in self.result.hits if self.list_filter.admits(h.id, h.outlet)]
            self.hits = {h.id: h for h in hits}
            table.show_hits(hits, self.by_id, read)
        elif self.query_text and not self.index_ready:
            self.hits = {}
            table.show_articles([], read)  # the search runs once the index is open
        else:
            self.hits = {}
            table.show_articles(self._browse_rows(), read)
        if table.row_count:
            found = table.select_id(keep)
            if not found:
                table.move_cursor(0)
            if found or self._listing_total is None:  # else it may be further down the list
                self._restore_selection = None
            self._set_empty(None)
        else:
            self._set_empty(self._empty_message())
            self.article_view.show_message(self._empty_article_message())
        self._update_status()
        self._preview_soon()

    @property
    def article_view_id(self) -> str | None:
        article = self.article_view.article
        return article.id if article is not None else None

    def _set_empty(self, message: str | None) -> None:
        pane = self.query_one("#list-pane")
        pane.set_class(message is not None, "-empty")
        if message is not None:
            self.query_one("#list-empty", Static).update(plain_block(message))

    def _show_empty(self, message: str) -> None:
        if not self.article_list.row_count:
            self._set_empty(message)

    def _empty_message(self) -> str:
        if not self.loaded:
            return "Reading articles…"
        if not self.summaries:
            return (
                "No articles yet.\n\n"
                "Add some with `parallax add PATH` (files, folders or globs), or list your folders "
                "under `sources` in config.toml: the reader reads them each time it starts."
            )
        if self.query_text:
            if not self.index_ready and (self.result is None or not self.result.hits):
                return self._building_message()
            return self._no_hits_message()
        return f"No articles in “{self.list_filter.label}”. Esc shows all."

    def _building_message(self) -> str:
        return (
            f"The search index is not ready yet ({self.index_note.rstrip('…').lower()}…).\n\n"
            "Results appear by themselves as soon as it is; browsing works meanwhile."
        )

    def _no_hits_message(self) -> str:
        result = self.result
        lines = [f"No articles match “{self.query_text}”"]
        if not self.list_filter.is_all:
            lines[0] += f" in {self.list_filter.label}"
        lines[0] += "."
        if result is not None and result.suggestion:
            lines.append(f"Did you mean: {result.suggestion}? Press Enter to search for it.")
        if result is not None and result.message:
            lines.append(result.message)
        lines.append(
            'All words must appear: try fewer words, OR between spellings, "quotes" only for '
            "exact phrases, or a wider date:. Press ? for the query language."
        )
        return "\n\n".join(lines)

    def _empty_article_message(self) -> str:
        if not self.loaded:
            return "Reading articles…"
        if not self.summaries:
            return "Nothing to read yet."
        return "No article selected."

    def _update_status(self) -> None:
        status = Text()
        waiting = not self.index_ready and (self.result is None or not self.result.hits)
        if self.query_text and waiting:
            status.append("searching when the index is ready")
        elif self.query_text and self.result is not None:
            result = self.result
            shown = len(self.hits)
            if result.suggestion:
                status.append("Did you mean: ", style="italic")
                status.append_text(plain(result.suggestion, style="bold"))
                status.append("? ")
            if result.total and result.all_words < result.total:  # some miss a word
                status.append(f"{result.all_words:,} with all words · {result.total:,} with some")
            elif result.total:
                noun = "match" if result.total == 1 else "matches"
                status.append(f"{result.total:,} {noun}")
            if result.total:
                if shown < result.total:
                    more = "; more as you scroll" if self._search_limit < SEARCH_MAX else ""
                    status.append(f" ({shown:,} shown{more})")
                sort = "best first" if self.search_sort == "relevance" else "newest first"
                status.append(f" · {sort}")
            elif not result.suggestion:
                status.append("no matches")
            if result.message and result.hits:
                status.append(" · ")
                status.append_text(plain(result.message))
        elif self.query_text:
            pass  # the first search is on its way
        else:
            n = self.article_list.row_count
            if self._listing_total is not None and self.list_filter.is_all:
                n = self._listing_total  # the rest of the list is on its way
            status.append(f"{n:,} article{'s' if n != 1 else ''}")
            if not self.list_filter.is_all:
                status.append(" in ")
                status.append_text(plain(self.list_filter.label))
            status.append(f" · {self.browse_sort} first")
        self.search_bar.set_status(status)

    # ---- choosing a source ------------------------------------------------------------------

    def on_filter_chosen(self, message: FilterChosen) -> None:
        self.choose_filter(message.chosen)

    def choose_filter(self, chosen: ListFilter) -> None:
        """Show only the articles `chosen` admits (in the search too, if there is one)."""
        self.list_filter = chosen
        self.source_list.choose(chosen)
        self.set_class(False, "-sources-open")
        self.article_list.focus()
        if self.query_text and self.index_ready:
            self._start_search()
        else:
            self._refresh_list()

    # ---- searching --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "query":
            return
        self._search_generation += 1
        if self._search_timer is not None:
            self._search_timer.stop()
        self.state.query = event.value.strip()
        self._save_soon()
        if not self.query_text:
            self.result = None
            self._refresh_list()
            return
        if self.index_ready or self._index is not None:
            # The first key after a pause searches at once; keys that come while a search
            # runs (or right after one started) wait for a pause in the typing.
            idle = self._in_flight is None
            if idle and time.monotonic() - self._search_started >= SEARCH_DEBOUNCE:
                self._start_search()
            else:
                self._search_timer = self.search_bar.set_timer(SEARCH_DEBOUNCE, self._start_search)
        else:
            self._refresh_list()

    def _start_search(self, more: bool = False) -> None:
        """Search for the query; `more` fetches more hits of the same query (scrolling)."""
        self._search_timer = None
        if self._index is None or not self.query_text:
            return
        self._search_limit = min(SEARCH_MAX, self._search_limit * 2) if more else SEARCH_PAGE
        self._search_generation += 1
        self._in_flight = self._search_generation
        self._search_started = time.monotonic()
        self.run_search(
            self._search_generation,
            self.query_text,
            self.list_filter,
            self.search_sort,
            self._search_limit,
        )

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(
        self, generation: int, query: str, chosen: ListFilter, sort: str, limit: int
    ) -> None:
        """Search in a thread; a newer search cancels this one, whose result is then dropped."""
        index = self._index
        if index is None:
            return
        worker = get_current_worker()
        # A filter the index cannot apply (unknown outlet, a set of ids) filters the hits here.
        if not (chosen.outlet or chosen.is_all):
            limit = SEARCH_MAX
        try:
            result = index.search(
                query,
                limit=limit,
                outlet=chosen.outlet,
                sort="date" if sort == "date" else "relevance",
                today=self.today,
                stories=self._story_ids,
            )
        except Exception as err:  # never a crash for a search
            self.call_from_thread(self._search_failed, generation, f"The search failed: {err}")
            return
        if worker.is_cancelled:  # a newer search started: its result is the one to show
            return
        self.call_from_thread(self._show_result, generation, result)

    def _search_failed(self, generation: int, message: str) -> None:
        if self._in_flight == generation:
            self._in_flight = None
        self.notify(message, severity="error")

    def _show_result(self, generation: int, result: SearchResult) -> None:
        if generation != self._search_generation or not self.query_text:
            return  # a newer query is on its way
        self._in_flight = None
        self.result = result
        self._refresh_list()
        self.post_message(ResultsShown(result))

    # ---- the article ------------------------------------------------------------------------

    def on_article_list_highlighted(self, event: ArticleList.Highlighted) -> None:
        self._preview_soon()
        result, table = self.result, self.article_list
        near_end = table.cursor >= table.row_count - 3
        if (
            self.hits
            and result is not None
            and near_end
            and len(result.hits) < result.total
            and len(result.hits) >= self._search_limit  # not already fetching more
            and self._search_limit < SEARCH_MAX
        ):
            self._start_search(more=True)

    def on_article_list_selected(self, event: ArticleList.Selected) -> None:
        article_id = event.article_id
        self.load_article(article_id)
        self._set_read(article_id, True)
        self.article_view.focus()

    def _preview_soon(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        delay = PREVIEW_DEBOUNCE_SEARCHING if self.query_text else PREVIEW_DEBOUNCE
        # The list owns the timer: it ends with the list when the app closes.
        self._preview_timer = self.article_list.set_timer(delay, self._preview)

    def _preview(self) -> None:
        self._preview_timer = None
        article_id = self.article_list.current_id
        if article_id is None:
            return
        if self.article_view_id == article_id and not self.hits:
            return
        self.load_article(article_id)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: str) -> None:
        """Read one article in a thread and show it, its search matches marked."""
        reader = self._reader
        from parallax.index.api import BrokenArticleError, UnknownArticleError

        try:
            stored = reader.article(article_id)
        except (UnknownArticleError, BrokenArticleError) as err:
            self.call_from_thread(
                self.article_view.show_message, f"Cannot show this article: {err}"
            )
            return
        except Exception as err:
            self.call_from_thread(
                self.article_view.show_message,
                f"Cannot read this article ({type(err).__name__}: {err})",
            )
            return
        if get_current_worker().is_cancelled:
            return
        self.call_from_thread(self._show_article, stored)

    def _show_article(self, stored: StoredArticle) -> None:
        hit = self.hits.get(stored.id)
        matches = hit.matches if hit else ()
        if self._open_at is not None and self._open_at[0] == stored.id:
            matches = [self._open_at[1]]  # the passage chosen on the compare screen
            self._open_at = None
        self.article_view.show(stored, matches)
        self.state.selected = stored.id
        self._save_soon()
        self.refresh_bindings()

    # ---- read marks and state ------------------------------------------------------------

    def current_article_id(self) -> str | None:
        """The article open or under the cursor, if any."""
        return self._current_article_id()

    def _current_article_id(self) -> str | None:
        if self.focused is self.article_view and self.article_view_id:
            return self.article_view_id
        return self.article_list.current_id or self.article_view_id

    def _set_read(self, article_id: str, read: bool) -> None:
        if read:
            self.state.read.add(article_id)
        else:
            self.state.read.discard(article_id)
        self.article_list.mark(article_id, read)
        self._save_soon()
        if any(article_id in ids for _, ids, _ in self.feeds):
            self._show_sources()  # a feed's unread count changed

    @property
    def is_settled(self) -> bool:
        """True when nothing the user started is still on its way: no search, article or
        scroll pending (tests and the bench wait for it; a save may still be pending)."""
        return (
            self.load_done
            and self._search_timer is None
            and self._preview_timer is None
            and self._in_flight is None
            and not any(w.is_running for w in self.workers if w.group in ("search", "article"))
            and not self.article_view.scroll_pending
        )

    def _save_soon(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_state)

    def save_state(self) -> None:
        """Write the reader's state now; a failure is a notification."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        try:
            self.state.save(self.config.data_dir)
        except StateError as err:
            self.notify(str(err), severity="warning", timeout=8)

    def _theme_changed(self, theme: Any) -> None:
        self.state.theme = self.theme
        if not self.screen_stack or not self.is_running:  # the signal can come as it closes
            self.save_state()
            return
        try:
            self.source_list.restyle()
            self.article_view.restyle()
        except NoMatches:  # the main screen is being taken down
            self.save_state()
            return
        self._save_soon()
        self._refresh_list()

    # ---- actions ----------------------------------------------------------------------------

    # What the reader's own screen does: hidden (and off) while another screen is on top.
    _READER_ACTIONS = frozenset(
        {
            "focus_search", "submit_query", "back", "cycle_pane", "next_match", "previous_match",
            "cycle_sort", "toggle_read", "open_url", "copy_link", "compare", "mark",
            "toggle_sources",
        }
    )  # fmt: skip

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._READER_ACTIONS and len(self.screen_stack) > 1:
            return False
        if action == "focus_search":
            return self.focused is not self.search_bar.input  # there, "/" is typed
        if action == "submit_query":
            return self.focused is self.search_bar.input
        if action in ("next_match", "previous_match"):
            return bool(self.article_view.matches)
        if action in ("open_url", "copy_link"):
            article = self.article_view.article
            return bool(article and article.article.url)
        if action == "toggle_read":
            return self._current_article_id() is not None
        return True

    async def action_quit(self) -> None:
        self.save_state()
        self.exit()

    def on_unmount(self) -> None:
        if self._save_timer is not None:  # however the app ends, what was pending is kept
            self.save_state()
        self._closing = True
        self.stop_background()

    def stop_background(self) -> None:
        """End the background process (what it saved stays; the next start goes on)."""
        self._background_queue.clear()
        process = self._process
        if process is not None and process.returncode is None:
            with suppress(ProcessLookupError):
                process.terminate()

    def action_help(self) -> None:
        from parallax.tui.screens.help import HelpScreen, help_text

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_text(self.keymap, self.get_key_display)))

    def action_focus_search(self) -> None:
        self.set_class(False, "-sources-open")
        # At once, not after a refresh: the keys typed right after "/" go to the field.
        self.screen.set_focus(self.search_bar.input)

    def action_submit_query(self) -> None:
        """Enter in the search field: a suggested spelling when nothing matched, else the list
        (at once: the keys typed right after Enter are the list's)."""
        query_input = self.search_bar.input
        result = self.result
        suggestion = result.suggestion if result is not None and not result.hits else None
        if suggestion and suggestion != query_input.value.strip():
            query_input.value = suggestion
            query_input.cursor_position = len(suggestion)
            return
        self.screen.set_focus(self.article_list)

    def action_back(self) -> None:
        focused = self.focused
        search = self.search_bar.input
        if focused is search:
            if search.value:
                search.value = ""
            else:
                self.article_list.focus()
        elif focused is self.article_view or self.has_class("-sources-open"):
            self.set_class(False, "-sources-open")
            self.article_list.focus()
        elif self.query_text:
            search.value = ""
        elif not self.list_filter.is_all:
            self.choose_filter(ALL_ARTICLES)

    def action_cycle_pane(self, step: int) -> None:
        panes: list[Widget] = [self.source_list, self.article_list, self.article_view]
        focused = self.focused
        current = next(
            (i for i, pane in enumerate(panes) if focused is not None and _within(focused, pane)),
            None,
        )
        # From the search field, forward is into the list.
        target = (1 if step > 0 else 2) if current is None else (current + step) % len(panes)
        tucked = self.has_class("-tucked")
        self.set_class(tucked and target == 0, "-sources-open")
        panes[target].focus()

    def action_toggle_sources(self) -> None:
        """Hide or show the source list (remembered); where it is tucked away for want of
        room, show it over the list until a source is picked."""
        if self.has_class("-narrow"):
            opening = not self.has_class("-sources-open")
            self.set_class(opening, "-sources-open")
            (self.source_list if opening else self.article_list).focus()
            return
        self.state.sources_hidden = not self.state.sources_hidden
        self._save_soon()
        if self.state.sources_hidden and _within(self.focused, self.source_list):
            self.article_list.focus()
        self._fit()

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        number, total = self.article_view.step_match(step)
        if total:
            self.search_bar.set_status(f"match {number} of {total}")

    def action_cycle_sort(self) -> None:
        if self.query_text:
            self.search_sort = "date" if self.search_sort == "relevance" else "relevance"
            self._start_search()
        else:
            self.browse_sort = "oldest" if self.browse_sort == "newest" else "newest"
            self._refresh_list()

    def action_toggle_read(self) -> None:
        article_id = self._current_article_id()
        if article_id is not None:
            self._set_read(article_id, article_id not in self.state.read)

    def action_open_url(self) -> None:
        url = self._article_url()
        if url:
            self.open_in_browser(url)

    def action_copy_link(self) -> None:
        url = self._article_url()
        if url:
            self.copy_to_clipboard(url)
            self.notify(f"Copied {url}", timeout=3, markup=False)

    # ---- comparing ------------------------------------------------------------------------

    def action_mark(self) -> None:
        """Mark or unmark the article for a comparison of the marked ones (`c`)."""
        article_id = self._current_article_id()
        if article_id is None:
            return
        if article_id in self.marked:
            self.marked.remove(article_id)
        else:
            self.marked.append(article_id)
        count = len(self.marked)
        hint = " (c compares them)" if count >= 2 else ""
        self.notify(f"{count} article{'s' if count != 1 else ''} marked{hint}", timeout=3)

    def action_compare(self) -> None:
        """Compare the marked articles; else the story chosen in the source list; else the
        story the current article tells."""
        from parallax.tui.screens.compare import CompareScreen

        reader = self._reader
        if not self.summaries:
            self.notify("The articles are still being read; try again in a moment.")
            return
        marked = [i for i in self.marked if i in self.by_id]
        if len(marked) >= 2:
            if len(marked) > 6:
                self.notify("Comparing the first 6 marked articles.", timeout=4)
            self.push_screen(CompareScreen.for_articles(reader, marked[:6]))
            return
        chosen = self.story_filters.get(self.list_filter)
        if chosen is None:
            article_id = self._current_article_id()
            if article_id is None:
                self.notify("Choose an article, a story, or mark articles with m.")
                return
            if not self.stories:
                self.notify("Still grouping the stories; try again in a moment.")
                return
            chosen = next((s.id for s in self.stories if article_id in s.main_ids), None)
        story = next((s for s in self.stories if s.id == chosen), None)
        if story is None:
            self.notify("This article is in no story yet; mark articles with m to compare them.")
            return
        mains = [i for i in story.main_ids if i in self.by_id]
        ids = mains if len(mains) >= 2 else [i for i in story.article_ids() if i in self.by_id]
        if len(ids) < 2:
            self.notify(
                "Only this article tells this story: nothing to compare it with "
                "(mark articles with m, or move it to another story from the palette).",
                timeout=5,
            )
            return
        if story.kind == "meeting":
            self.push_screen(CompareScreen.for_meeting(reader, story.id))
        else:
            self.push_screen(CompareScreen.for_articles(reader, ids[:6]))

    def on_open_sentence(self, message: OpenSentence) -> None:
        """Enter on the compare or mentions screen: back to the reader, at that passage."""
        from parallax.tui.screens.compare import CompareScreen
        from parallax.tui.screens.mentions import MentionsScreen

        while isinstance(self.screen, (CompareScreen, MentionsScreen)):
            self.pop_screen()
        if message.field == "body" and message.end > message.start:
            self._open_at = (message.article_id, (message.start, message.end))
        self.load_article(message.article_id)
        self.article_view.focus()

    def action_rebuild_index(self) -> None:
        """Build the search index anew (in the background process; searches go on meanwhile
        against the index as it is)."""
        self.search_bar.set_progress("Rebuilding the index…")
        self.start_background(("index",), rebuild=True)

    def _article_url(self) -> str | None:
        article = self.article_view.article
        if article is None or not article.article.url:
            self.notify("This article has no web address.", severity="warning", timeout=3)
            return None
        return article.article.url

    @work(thread=True, exclusive=True, group="browser", exit_on_error=False)
    def open_in_browser(self, url: str) -> None:
        """Open `url` in a graphical browser; without one, copy it instead of taking over the
        terminal with a text browser."""
        import webbrowser

        if not _has_graphical_browser():
            self.call_from_thread(self.copy_to_clipboard, url)
            self.call_from_thread(
                self.notify, f"No browser to open here; copied {url}", timeout=5, markup=False
            )
            return
        try:
            opened = webbrowser.open(url)
        except Exception:
            opened = False
        if not opened:
            self.call_from_thread(self.copy_to_clipboard, url)
            self.call_from_thread(
                self.notify, f"Could not open a browser; copied {url}", timeout=5, markup=False
            )


def _corpus_view(config: Config) -> CorpusView:
    from parallax.index.api import CorpusView  # Whoosh and YAML: after the first paint

    return CorpusView(config)


def _reader_commands() -> type:
    from parallax.tui.commands import ReaderCommands

    return ReaderCommands


def _within(widget: Widget | None, pane: Widget) -> bool:
    node: Any = widget
    while node is not None:
        if node is pane:
            return True
        node = node.parent
    return False


def _has_graphical_browser() -> bool:
    if os.environ.get("BROWSER"):
        return True
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def plain_block(message: str) -> Text:
    """A message of ours (it may hold article words, like a query): never markup, and its
    line breaks kept."""
    return Text(strip_control_chars(message))
