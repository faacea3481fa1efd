"""The command palette's reader commands (Ctrl+P): search, jump to an outlet or any story,
move the article to another story, rebuild the index, open or copy the article's link, sort,
help. Textual adds its own (theme, quit…)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from parallax.tui.app import ParallaxApp

__all__ = ["ReaderCommands"]

# The palette offers to move an article to the stories this many days around its date.
MOVE_DAYS = 60


class ReaderCommands(Provider):
    """The reader's commands, and one "Outlet: …" command per outlet in the source list."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: ParallaxApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Search", "Type a query: words, phrases, outlet:, date:", app.action_focus_search),
            ("Help", "Keys and the query language", app.action_help),
            ("Rebuild the search index", "Build the index anew from the articles",
             app.action_rebuild_index),
            ("Open in browser", "Open the article's web page", app.action_open_url),
            ("Copy link", "Copy the article's web address", app.action_copy_link),
            ("Toggle read", "Mark the article read or unread", app.action_toggle_read),
            ("Compare coverage", "The marked articles, the chosen story, or this article's",
             app.action_compare),
            ("Mark to compare", "Add or remove the article from the comparison",
             app.action_mark),
            ("Sort", "Best first or newest first (oldest first when browsing)",
             app.action_cycle_sort),
        ]  # fmt: skip
        stories = set(app.story_filters)
        for entry in app.source_filters():
            if entry in stories:
                continue  # every story comes below, listed or not
            label = "All articles" if entry.is_all else f"Outlet: {entry.label}"
            commands.append((label, "Show only these articles", partial(app.choose_filter, entry)))
        for entry in app.story_filters:
            commands.append(
                (f"Story: {entry.label}", "Show its articles", partial(app.choose_filter, entry))
            )
        article_id = app.current_article_id()
        if article_id is not None and app.stories:
            commands.extend(self._moves(app, article_id))
        return commands

    @staticmethod
    def _moves(app: ParallaxApp, article_id: str) -> list[tuple[str, str, Callable[[], object]]]:
        """Moving the article to a story of its own, or to another story of its time (within
        MOVE_DAYS of its date; any story when either is undated)."""
        summary = app.by_id.get(article_id)
        day = summary.published if summary is not None else None
        move = partial(app.move_to_story, article_id)
        help_text = "Writes story: in its front matter"
        out: list[tuple[str, str, Callable[[], object]]] = [
            ("Move article to a story of its own", help_text, partial(move, None))
        ]
        by_id = {s.id: s for s in app.stories}
        for entry, story_id in app.story_filters.items():
            story = by_id.get(story_id)
            if story is None or article_id in story.main_ids:
                continue
            if day is not None and _far(story.date, day):
                continue
            out.append((f"Move article to: {entry.label}", help_text, partial(move, story_id)))
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)


def _far(when: str | None, day: date) -> bool:
    """Whether a story's date (YYYY-MM-DD; a meeting's may be a week or a range) is more than
    MOVE_DAYS from `day`."""
    if when is None or len(when) != 10:
        return False
    try:
        return abs((date.fromisoformat(when) - day).days) > MOVE_DAYS
    except ValueError:
        return False
