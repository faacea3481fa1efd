"""The article list: a read marker, the date, the title, the outlet and the wire agency; in a
search, each hit also shows its snippet with the matched words marked."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from parallax.tui.keys import LIST_KEYS
from parallax.tui.text import line, plain

if TYPE_CHECKING:
    from parallax.index.search import Hit
    from parallax.index.store import ArticleSummary

__all__ = ["ArticleList"]

UNREAD = "●"
# No cell padding: each column but the title carries its own space, so the title gets them.
MARK_WIDTH = 2
DATE_WIDTH = 11
OUTLET_WIDTH = 15
AGENCY_WIDTH = 6
MIN_TITLE_WIDTH = 16


class ArticleList(DataTable[Text]):
    """One row per article (or hit), keyed by article id."""

    BINDINGS = LIST_KEYS
    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "article-list--unread",
        "article-list--match",
        "article-list--snippet",
        "article-list--muted",
    }
    DEFAULT_CSS = """
    ArticleList > .article-list--unread { color: $accent; text-style: bold; }
    ArticleList > .article-list--match { background: $warning 40%; text-style: bold; }
    ArticleList > .article-list--snippet { color: $text-muted; }
    ArticleList > .article-list--muted { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=0)
        self.snippet_lines = 2
        self._outlets: dict[str, str | None] = {}
        # The hits on show, to lay them out again when the width changes.
        self._hits: tuple[list[Hit], dict[str, ArticleSummary], Collection[str]] | None = None
        # Title last but one, as wide as the pane allows (set on resize).
        self.add_column(Text(""), width=MARK_WIDTH, key="read")
        self.add_column("Date", width=DATE_WIDTH, key="published")
        self.add_column("Title", width=MIN_TITLE_WIDTH, key="title")
        self.add_column(" Outlet", width=OUTLET_WIDTH, key="outlet")
        self.add_column(" Wire", width=AGENCY_WIDTH, key="agency")

    # -- filling --

    def show_articles(self, summaries: Sequence[ArticleSummary], read: Collection[str]) -> None:
        """One row per article, in the order given."""
        self._hits = None
        self._outlets = {s.id: s.outlet for s in summaries}
        self.clear()
        muted = self._style("article-list--muted")
        for s in summaries:
            self.add_row(
                self._marker(s.id in read),
                Text(s.published.isoformat() if s.published else "—", style=muted),
                line(s.title or "(untitled)"),
                _spaced(line(s.outlet or "—")),
                _spaced(line(s.agency or "", style=muted)),
                key=s.id,
            )

    def show_hits(
        self, hits: Sequence[Hit], summaries: dict[str, ArticleSummary], read: Collection[str]
    ) -> None:
        """One taller row per hit: the title, then its snippet with the matches marked."""
        self._hits = (list(hits), summaries, read)
        self._outlets = {h.id: h.outlet for h in hits}
        self.clear()
        muted = self._style("article-list--muted")
        width = self._title_width()
        for hit in hits:
            summary = summaries.get(hit.id)
            cell, lines = self._hit_cell(hit, width)
            self.add_row(
                self._marker(hit.id in read),
                Text(hit.published.isoformat() if hit.published else "—", style=muted),
                cell,
                _spaced(line(hit.outlet or "—")),
                _spaced(line(summary.agency if summary and summary.agency else "", style=muted)),
                key=hit.id,
                height=lines,
            )

    def _hit_cell(self, hit: Hit, width: int) -> tuple[Text, int]:
        """The title on one line, then up to `snippet_lines` lines of snippet, cut with "…"."""
        cell = plain(hit.title or "(untitled)", style="bold")
        cell.truncate(width, overflow="ellipsis")
        if not hit.snippet or self.snippet_lines < 1:
            return cell, 1
        text, matches = _lead_to_match(hit.snippet, hit.snippet_matches, width // 3)
        snippet = plain(text, style=self._style("article-list--snippet"))
        match_style = self._style("article-list--match")
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
            cell.append("\n")
            cell.append_text(piece)
        return cell, 1 + len(shown)

    def mark(self, article_id: str, read: bool) -> None:
        """Show `article_id` as read or unread (if it is in the list)."""
        if article_id in self.rows:
            self.update_cell(article_id, "read", self._marker(read))

    @property
    def current_id(self) -> str | None:
        """The id of the article under the cursor."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # the cursor is past the rows while the list is refilled
            return None
        return key.value

    def select_id(self, article_id: str | None) -> bool:
        """Put the cursor on `article_id`; False if it is not in the list."""
        if article_id is None or article_id not in self.rows:
            return False
        self.move_cursor(row=self.get_row_index(article_id), animate=False, scroll=True)
        return True

    def _marker(self, read: bool) -> Text:
        return Text(" " if read else UNREAD, style=self._style("article-list--unread"))

    def _style(self, component: str) -> str:
        try:
            return str(self.get_component_rich_style(component, partial=True))
        except Exception:  # not mounted yet: no theme to take colours from
            return ""

    # -- layout --

    def on_resize(self) -> None:
        self.fit_columns()

    def _title_width(self) -> int:
        fixed = MARK_WIDTH + DATE_WIDTH + OUTLET_WIDTH + AGENCY_WIDTH
        # Room for the vertical scrollbar, which comes and goes with the number of rows.
        return max(MIN_TITLE_WIDTH, self.size.width - fixed - self.styles.scrollbar_size_vertical)

    def fit_columns(self) -> None:
        """Give the title every column the others do not need, so nothing scrolls sideways."""
        width = self._title_width()
        column = self.columns.get("title")  # type: ignore[call-overload]
        if column is None or column.width == width:
            return
        column.width = width
        if self._hits is not None:  # snippets are wrapped to the width: lay them out again
            keep = self.current_id
            self.show_hits(*self._hits)
            self.select_id(keep)
            return
        # DataTable recomputes its size lazily; tell it a width changed.
        self._require_update_dimensions = True
        self._clear_caches()
        self.refresh()

    # -- moving --

    def action_first(self) -> None:
        self.action_scroll_top()

    def action_last(self) -> None:
        self.action_scroll_bottom()


def _spaced(cell: Text) -> Text:
    """`cell` after one space: the gap between it and the column before."""
    out = Text(" ", end="", no_wrap=True, overflow="ellipsis")
    return out.append_text(cell)


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
    shift = cut + 1 - 1  # the text after the space, behind a one-character "…"
    return "…" + snippet[cut + 1 :], [(s - shift, e - shift) for s, e in matches if s > cut]
