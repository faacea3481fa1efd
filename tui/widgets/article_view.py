"""The article pane: the title, the standfirst, a metadata line, then the body as paragraphs of
a comfortable width, with every search match marked and `n`/`N` to go from one to the next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from parallax.tui.keys import ARTICLE_KEYS
from parallax.tui.text import human_date, plain

if TYPE_CHECKING:
    from parallax.index.store import StoredArticle

__all__ = ["ArticleView", "metadata_line"]

_SCROLL_TRIES = 5


def metadata_line(stored: StoredArticle) -> list[str]:
    """outlet · author · published · dateline · agency · sources, the known ones only."""
    a = stored.article
    parts = [a.outlet, a.author, human_date(a.published), a.dateline]
    if a.agency:
        parts.append(f"via {a.agency}")
    n = len(a.sources)
    if n:
        parts.append(f"{n} source file{'s' if n != 1 else ''}")
    return [p for p in parts if p]


class ArticleView(VerticalScroll, can_focus=True):
    """One article, or a line saying what to do when there is none."""

    BINDINGS = ARTICLE_KEYS
    COMPONENT_CLASSES = {"article-view--match", "article-view--current-match"}
    DEFAULT_CSS = """
    ArticleView > .article-view--match { background: $warning 35%; }
    ArticleView > .article-view--current-match {
        background: $accent; color: $text; text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: StoredArticle | None = None
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        # A scroll to the current match waits for the new text to be laid out.
        self.scroll_pending = False

    def compose(self) -> ComposeResult:
        yield Static(id="article-empty", markup=False)
        yield Static(id="article-title", markup=False)
        yield Static(id="article-standfirst", markup=False)
        yield Static(id="article-meta", markup=False)
        yield Static(id="article-url", markup=False)
        yield Static(id="article-body", markup=False)

    def show(self, stored: StoredArticle, matches: Sequence[tuple[int, int]] = ()) -> None:
        """Show `stored`, its body's `matches` marked; the first match is the current one."""
        same = self.article is not None and self.article.id == stored.id
        self.article = stored
        self.matches = [(s, e) for s, e in matches if 0 <= s < e <= len(stored.body)]
        self.current = 0 if self.matches else -1
        a = stored.article
        self.query_one("#article-empty").display = False
        self.query_one("#article-body").display = True
        self._set("#article-title", plain(a.title or "(untitled)"))
        self._set("#article-standfirst", plain(a.standfirst) if a.standfirst else None)
        self._set("#article-meta", plain(" · ".join(metadata_line(stored))))
        self._set("#article-url", plain(a.url) if a.url else None)
        self._render_body()
        if not same:
            self.scroll_home(animate=False)
        if self.matches:
            self.scroll_pending = True
            self.call_after_refresh(self._scroll_to_current)

    def show_message(self, message: str) -> None:
        """No article: `message` says why and what to do."""
        self.article, self.matches, self.current = None, [], -1
        for child in self.query(Static):
            child.display = child.id == "article-empty"
        self.query_one("#article-empty", Static).update(plain(message))
        self.scroll_home(animate=False)

    def step_match(self, step: int) -> tuple[int, int]:
        """Make the next (`step` 1) or previous (-1) match current and scroll to it; returns
        (its number from 1, how many)."""
        if not self.matches:
            return 0, 0
        self.current = (self.current + step) % len(self.matches)
        self._render_body()
        self._scroll_to_current()
        return self.current + 1, len(self.matches)

    def restyle(self) -> None:
        """Mark the matches again in the current theme's colours."""
        if self.article is not None:
            self._render_body()

    def _set(self, selector: str, text: Text | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = text is not None and bool(text.plain)
        widget.update(text if text is not None else "")

    def _render_body(self) -> None:
        assert self.article is not None
        body = plain_body(self.article.body)
        match_style = self._style("article-view--match")
        current_style = self._style("article-view--current-match")
        for i, (start, end) in enumerate(self.matches):
            body.stylize(current_style if i == self.current else match_style, start, end)
        self.query_one("#article-body", Static).update(body)

    def _scroll_to_current(self, tries: int = _SCROLL_TRIES, previous: int = -1) -> None:
        self.scroll_pending = False
        if not (0 <= self.current < len(self.matches)) or self.article is None:
            return
        body = self.query_one("#article-body", Static)
        width = body.content_size.width
        console = self.app.console
        lines = len(plain_body(self.article.body).wrap(console, width)) if width > 0 else -1
        if lines != body.content_size.height:  # the new text is not laid out yet
            if tries:
                self.scroll_pending = True
                self.call_after_refresh(self._scroll_to_current, tries - 1, previous)
            return
        end = self.matches[self.current][1]
        # Greedy wrapping breaks the text up to a word as the whole text does: the number of
        # lines of the body up to the match's end is the match's line.
        line = len(plain_body(self.article.body[:end]).wrap(console, width)) - 1
        top = body.virtual_region.y + line
        # The match a third of the way down: some of what leads to it stays in view. A match
        # the first screen shows well is left where it is, under the title and the details.
        height = self.scrollable_content_region.height
        wanted = 0 if top < height * 2 // 3 else max(0, top - height // 3)
        self.scroll_to(y=wanted, animate=False, force=True, immediate=True)
        if wanted != previous and tries:
            # Again after the next refresh, until the answer stays the same: the scrollable
            # size may still have been the previous article's, which limits the scroll.
            self.scroll_pending = True
            self.call_after_refresh(self._scroll_to_current, tries - 1, wanted)

    def _style(self, component: str) -> str:
        try:
            # Not partial: a translucent background is blended with the pane's own.
            return str(self.get_component_rich_style(component))
        except Exception:  # not mounted yet
            return ""


def plain_body(body: str) -> Text:
    """The body as Text: paragraphs apart by a blank line, offsets as in the stored body."""
    from parallax.index.textio import strip_control_chars

    cleaned = strip_control_chars(body)
    # Stripping must not move the match offsets: keep the text as it is when nothing went.
    return Text(cleaned if len(cleaned) == len(body) else _same_length(body))


def _same_length(body: str) -> str:
    """`body` with each control character replaced by a space, so offsets stay put."""
    return "".join(
        " " if (ord(c) < 32 and c not in "\n\t") or 127 <= ord(c) < 160 else c for c in body
    )
