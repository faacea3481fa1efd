"""The article list: a read marker, the date, the title, the outlet and the wire agency; in a
search, each hit also shows its snippet with the matched words marked.

It draws only the rows on screen (Textual's line API): showing 100,000 articles, or going from
a search back to all of them, costs the same as showing ten.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from parallax.tui.keys import LIST_KEYS
from parallax.tui.text import line, plain

if TYPE_CHECKING:
    from parallax.index.search import Hit
    from parallax.index.store import ArticleSummary

__all__ = ["ArticleList"]

UNREAD = "●"
# Each column but the title carries its own space, so the title gets the rest.
MARK_WIDTH = 2
DATE_WIDTH = 11
AGENCY_WIDTH = 10
# The outlet column is as wide as the longest outlet name listed (up to MAX_OUTLET_WIDTH), as
# long as the title keeps TITLE_AIM columns; below that it gives way down to MIN_OUTLET_WIDTH
# (names cut with "…"), and the wire column goes first.
MAX_OUTLET_WIDTH = 26
MIN_OUTLET_WIDTH = 12
TITLE_AIM = 56
MIN_TITLE_WIDTH = 16
HEADER = ("", "Date", "Title", " Outlet", " Wire")


def column_widths(width: int, outlet: int, agency: bool) -> tuple[int, int, int]:
    """(title, outlet, wire) widths for a list `width` columns wide whose longest outlet name
    is `outlet` characters (each with its leading space), with a wire column if `agency`."""
    outlet = max(MIN_OUTLET_WIDTH, min(MAX_OUTLET_WIDTH, outlet + 1))
    wire = AGENCY_WIDTH if agency else 0
    room = width - MARK_WIDTH - DATE_WIDTH
    if room - outlet - wire < TITLE_AIM:
        wire = 0  # the wire agency is on the article's metadata line too
    title = room - outlet - wire
    if title < TITLE_AIM:
        give = min(outlet - MIN_OUTLET_WIDTH, TITLE_AIM - title)
        outlet, title = outlet - give, title + give
    return max(MIN_TITLE_WIDTH, title), outlet, wire


@dataclass(frozen=True)
class _Row:
    """One hit of a search: what its cells show. (When browsing, the rows are the
    ArticleSummary objects themselves, which have the same fields but the snippet.)"""

    id: str
    title: str | None
    outlet: str | None
    agency: str | None
    published: date | None
    snippet: str = ""
    snippet_matches: tuple[tuple[int, int], ...] = ()


class ArticleList(ScrollView, can_focus=True):
    """One row per article (or hit); the cursor row is the article on show."""

    BINDINGS = [
        *LIST_KEYS,
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "Top", show=False),
        Binding("end", "last", "Bottom", show=False),
    ]
    COMPONENT_CLASSES = {
        "article-list--header",
        "article-list--cursor",
        "article-list--unread",
        "article-list--match",
        "article-list--snippet",
        "article-list--muted",
    }
    DEFAULT_CSS = """
    ArticleList { background: $surface; }
    ArticleList > .article-list--header { text-style: bold; background: $panel; }
    ArticleList > .article-list--cursor {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    ArticleList:focus > .article-list--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    ArticleList > .article-list--unread { color: $accent; text-style: bold; }
    ArticleList > .article-list--match { background: $warning 40%; text-style: bold; }
    ArticleList > .article-list--snippet { color: $text-muted; }
    ArticleList > .article-list--muted { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, layout=False)

    class Highlighted(Message):
        """The cursor moved to another article."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class Selected(Message):
        """Enter or a click on an article: open it."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.snippet_lines = 2
        self._rows: list[_Row] | list[ArticleSummary] = []
        self._index: dict[str, int] = {}
        self._read: Collection[str] = ()
        self._hits = False
        # First line of each row (hits are taller), and the total; None when all are 1 line.
        self._tops: list[int] | None = None
        self._lines = 0
        self._title_width = MIN_TITLE_WIDTH
        self._fitted_width = -1  # the width the columns were fitted to
        self._outlet_width = MIN_OUTLET_WIDTH
        self._agency_width = AGENCY_WIDTH
        # The longest outlet name among the rows, and whether any row has a wire agency.
        self._longest_outlet = 0
        self._any_agency = False
        # Wrapped snippets by row id, for the current width and theme (cleared when they change).
        self._snippets: dict[str, list[Text]] = {}
        # Component styles, looked up once per theme: every line drawn needs several.
        self._styles: dict[str, Style] = {}

    # -- filling --

    def show_articles(self, summaries: Sequence[ArticleSummary], read: Collection[str]) -> None:
        """One row per article, in the order given."""
        self._fill(list(summaries), read, hits=False)

    def show_hits(
        self, hits: Sequence[Hit], summaries: dict[str, ArticleSummary], read: Collection[str]
    ) -> None:
        """One taller row per hit: the title, then its snippet with the matches marked."""
        rows = []
        for hit in hits:
            summary = summaries.get(hit.id)
            rows.append(
                _Row(
                    hit.id,
                    hit.title,
                    hit.outlet,
                    summary.agency if summary else None,
                    hit.published,
                    hit.snippet,
                    tuple(hit.snippet_matches),
                )
            )
        self._fill(rows, read, hits=True)

    def _fill(
        self, rows: list[_Row] | list[ArticleSummary], read: Collection[str], *, hits: bool
    ) -> None:
        keep = self.current_id
        self._rows, self._read, self._hits = rows, read, hits
        self._index = {row.id: i for i, row in enumerate(rows)}
        self._snippets.clear()
        outlets = {row.outlet for row in rows}
        longest = max((len(o) for o in outlets if o), default=1)
        any_agency = any(row.agency for row in rows)
        if (longest, any_agency) != (self._longest_outlet, self._any_agency):
            self._longest_outlet, self._any_agency = longest, any_agency
            self._fit_widths()
        self._layout_rows()
        self.cursor = self._index.get(keep or "", 0) if rows else 0
        self.refresh()

    def _layout_rows(self) -> None:
        if self._hits:
            tops, top = [], 0
            for row in self._rows:
                tops.append(top)
                top += self._height(row)
            self._tops, self._lines = tops, top
        else:
            self._tops, self._lines = None, len(self._rows)
        self.virtual_size = Size(self.size.width, self._lines + 1)  # + the header

    def _height(self, row: _Row | ArticleSummary) -> int:
        return 1 + (self.snippet_lines if self._hits and _snippet(row) else 0)

    def mark(self, article_id: str, read: bool) -> None:
        """Show `article_id` as read or unread (the read set is the app's: just redraw)."""
        if article_id in self._index:
            self.refresh()

    # -- reading (for the app and tests) --

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def ids(self) -> list[str]:
        """The article ids in list order."""
        return [row.id for row in self._rows]

    @property
    def current_id(self) -> str | None:
        """The id of the article under the cursor."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor].id
        return None

    def get_row_at(self, index: int) -> list[Text]:
        """The cells of row `index` as shown: marker, date, title (and snippet), outlet, wire."""
        row = self._rows[index]
        return [
            self._marker(row.id),
            Text(_date(row.published)),
            self._title_cell(row),
            line(" " + (row.outlet or "—")),
            line(" " + (row.agency or "")),
        ]

    def select_id(self, article_id: str | None) -> bool:
        """Put the cursor on `article_id`; False if it is not in the list."""
        index = self._index.get(article_id or "")
        if index is None:
            return False
        self.cursor = index
        return True

    def move_cursor(self, row: int) -> None:
        self.cursor = row

    # -- the cursor --

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        article_id = self.current_id
        if article_id is not None:
            self.post_message(self.Highlighted(article_id))

    def _row_top(self, index: int) -> int:
        return self._tops[index] if self._tops is not None else index

    def _scroll_to_cursor(self) -> None:
        if not self._rows:
            return
        top = self._row_top(self.cursor)
        bottom = top + self._height(self._rows[self.cursor])
        visible = max(1, self.scrollable_content_region.height - 1)  # the header stays on top
        y = self.scroll_offset.y
        if top < y:
            y = top
        elif bottom > y + visible:
            y = bottom - visible
        if y != self.scroll_offset.y:
            self.scroll_to(y=y, animate=False, force=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_page_down(self) -> None:
        self.cursor += self._rows_per_page()

    def action_page_up(self) -> None:
        self.cursor -= self._rows_per_page()

    def _rows_per_page(self) -> int:
        rows = max(1, self.scrollable_content_region.height - 1)
        return max(1, rows // (1 + self.snippet_lines) if self._hits else rows)

    def action_select_cursor(self) -> None:
        article_id = self.current_id
        if article_id is not None:
            self.post_message(self.Selected(article_id))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:  # the header
            return
        line_number = self.scroll_offset.y + event.y - 1
        index = self._row_at_line(line_number)
        if index is not None:
            self.focus()
            self.cursor = index
            self.action_select_cursor()

    def _row_at_line(self, line_number: int) -> int | None:
        if not 0 <= line_number < self._lines:
            return None
        if self._tops is None:
            return line_number
        from bisect import bisect_right

        return bisect_right(self._tops, line_number) - 1

    # -- drawing --

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Give the title every column the others do not need, so nothing scrolls sideways."""
        self._fit_widths()
        self._snippets.clear()
        self._layout_rows()
        self._scroll_to_cursor()
        self.refresh()

    def _fit_widths(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        self._fitted_width = width
        self._title_width, self._outlet_width, self._agency_width = column_widths(
            width, self._longest_outlet, self._any_agency
        )

    @property
    def title_width(self) -> int:
        """How many columns a title gets."""
        return self._title_width

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._snippets.clear()
        self._styles.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._fitted_width and width:
            # The first frame (and a frame after a resize) is drawn before the Resize event
            # comes: fit the columns now, or the headlines would show cut short in it.
            self._fit_widths()
            self._snippets.clear()
        base = self.rich_style
        if y == 0:
            header = self._style("article-list--header")
            cells = [Text(label) for label in HEADER]
            return self._strip(cells, width, base + header)
        line_number = self.scroll_offset.y + y - 1
        index = self._row_at_line(line_number)
        if index is None:
            return Strip.blank(width, base)
        row = self._rows[index]
        style = base
        if index == self.cursor:
            # Looked up each time, not cached: its colours change with focus.
            style = base + self.get_component_rich_style("article-list--cursor")
        offset = line_number - self._row_top(index)
        if offset == 0:
            cells = [
                self._marker(row.id),
                Text(_date(row.published), style=self._style("article-list--muted")),
                line(row.title or "(untitled)", style="bold" if self._hits else ""),
                line(" " + (row.outlet or "—")),
                line(" " + (row.agency or ""), style=self._style("article-list--muted")),
            ]
        else:
            snippet = self._snippet_lines(row)
            piece = snippet[offset - 1] if offset - 1 < len(snippet) else Text("")
            cells = [Text(""), Text(""), piece, Text(""), Text("")]
        return self._strip(cells, width, style)

    def _strip(self, cells: list[Text], width: int, style: Style) -> Strip:
        widths = [MARK_WIDTH, DATE_WIDTH, self._title_width, self._outlet_width, self._agency_width]
        out = Text(no_wrap=True, end="")
        for cell, cell_width in zip(cells, widths, strict=True):
            if not cell_width:
                continue
            cell = cell.copy()
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            out.append_text(cell)
        segments = [
            Segment(text, style + seg_style if seg_style else style)
            for text, seg_style, _ in out.render(self.app.console)
            if text != "\n"
        ]
        return Strip(segments).adjust_cell_length(width, style)

    def _marker(self, article_id: str) -> Text:
        unread = article_id not in self._read
        return Text(UNREAD if unread else " ", style=self._style("article-list--unread"))

    def _title_cell(self, row: _Row | ArticleSummary) -> Text:
        cell = plain(row.title or "(untitled)")
        for piece in self._snippet_lines(row):
            cell.append("\n")
            cell.append_text(piece)
        return cell

    def _snippet_lines(self, row: _Row | ArticleSummary) -> list[Text]:
        """The snippet wrapped to the title column, cut with "…" after `snippet_lines`."""
        if not isinstance(row, _Row) or not row.snippet or self.snippet_lines < 1:
            return []
        cached = self._snippets.get(row.id)
        if cached is None:
            cached = self._snippets[row.id] = self._wrap_snippet(row)
        return cached

    def _wrap_snippet(self, row: _Row) -> list[Text]:
        width = self._title_width
        text, matches = _lead_to_match(row.snippet, row.snippet_matches, width // 3)
        snippet = plain(text, style=self._style("article-list--snippet"))
        # Not partial: the translucent background is blended with the list's own.
        match_style = self.get_component_rich_style("article-list--match")
        for start, end in matches:
            snippet.stylize(match_style, start, end)
        lines = list(snippet.wrap(self.app.console, width))
        shown = lines[: self.snippet_lines]
        if len(lines) > len(shown):
            last = shown[-1]
            last.rstrip()
            last.truncate(width - 1)
            last.append("…")
        for piece in shown:
            piece.rstrip()
        return shown

    def _style(self, component: str) -> Style:
        style = self._styles.get(component)
        if style is None:
            style = self._styles[component] = self.get_component_rich_style(component, partial=True)
        return style


def _date(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"


def _snippet(row: _Row | ArticleSummary) -> str:
    return row.snippet if isinstance(row, _Row) else ""


def _lead_to_match(
    snippet: str, matches: Sequence[tuple[int, int]], context: int
) -> tuple[str, list[tuple[int, int]]]:
    """The snippet started a few words before its first match (so the match is on the first
    line even in a narrow column), with the match offsets moved along."""
    if not matches or matches[0][0] <= context + 1:
        return snippet, list(matches)
    cut = snippet.rfind(" ", 0, matches[0][0] - context)
    if cut <= 0:
        return snippet, list(matches)
    shift = cut  # the text after the space, behind a one-character "…"
    return "…" + snippet[cut + 1 :], [(s - shift, e - shift) for s, e in matches if s > cut]
