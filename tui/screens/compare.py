"""The compare screen: how 2 to 6 outlets told one story, sentence by sentence.

Entry points (the screen computes the comparison in a thread worker, with a loading indicator):

    app.push_screen(CompareScreen.for_articles(corpus, ["article-id", "article-id", ...]))
    app.push_screen(CompareScreen.for_meeting(corpus, meeting_id_or_label))
    app.push_screen(MentionsScreen(corpus, meeting_id_or_label))  # tui/screens/mentions.py

`corpus` is an `index.api.Corpus` (or anything with its `compare`, `compare_meeting` and
`meeting` methods). Enter on a row posts `OpenSentence` (it bubbles from the screen to the app:
handle it there with `on_open_sentence`, pop the screen and show that sentence in the reader).

Keys (COMPARE_KEYS, and ROW_KEYS on the list: j/k/g/G): Enter opens the row's sentence in the
chosen outlet (←/→ choose it); `n`/`N` go to the next/previous shared row; `d` switches between
all sentences and differences only (what some outlets have and others lack); `s` hides or shows
the summary; `M` lists what each outlet said of the meeting (meetings only); Esc/q closes.
For the help screen, list COMPARE_KEYS and mentions.MENTIONS_KEYS in its sections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..keys import COMPARE_KEYS, ROW_KEYS
from ..text import human_date, plain

if TYPE_CHECKING:
    from parallax.index.compare import Comparison, Row

__all__ = [
    "COMPARE_KEYS",
    "ROW_KEYS",
    "CompareRows",
    "column_widths",
    "CompareScreen",
    "OpenSentence",
    "shared_by_all",
    "side_by_side",
    "speakers_of",
]

# Not colour alone: every row says what it is with a glyph and a word.
KIND_MARK = {"same": "= same", "reworded": "≈ reworded", "unique": "· only here"}
MARK_WIDTH = max(len(m) for m in KIND_MARK.values())
# Narrower columns than this are hard to read: below it the outlets stack in each row.
MIN_COLUMN = 40
STACK_INDENT = 4  # stacked rows: the text under its outlet's name


class OpenSentence(Message):
    """Open sentence `sentence` (an index of `split_sentences(body)`, or None when the text is
    in the title or standfirst) of article `article_id`; `start`/`end` are offsets into `field`
    ("title", "standfirst" or "body") of that article."""

    def __init__(
        self, article_id: str, sentence: int | None, start: int, end: int, field: str = "body"
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.sentence = sentence
        self.start = start
        self.end = end
        self.field = field


@dataclass(frozen=True)
class _Styles:
    """Theme styles for the rows, read from CompareRows' component classes."""

    same: Style
    reworded: Style
    unique: Style
    outlet: Style
    detail: Style
    speaker: Style

    def of(self, kind: str) -> Style:
        return getattr(self, kind)


# The keys (ROW_KEYS, COMPARE_KEYS) are in keys.py with the reader's own.


_STYLE_NAMES = ("same", "reworded", "unique", "outlet", "detail", "speaker")


class CompareRows(OptionList):
    """The aligned rows: one option per row, its outlets side by side (or stacked when the
    screen is narrow). One list, so every outlet scrolls with the others."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-rows--same",
        "compare-rows--reworded",
        "compare-rows--unique",
        "compare-rows--outlet",
        "compare-rows--detail",
        "compare-rows--speaker",
    }
    BINDINGS: ClassVar[list[BindingType]] = list(ROW_KEYS)
    DEFAULT_CSS = """
    CompareRows {
        height: 1fr;
        max-height: 100%;
        border: none;
        padding: 0;
        scrollbar-gutter: stable;
        &:focus { border: none; }
        & > .compare-rows--same { color: $text-success; text-style: bold; }
        & > .compare-rows--reworded { color: $text-warning; text-style: bold; }
        & > .compare-rows--unique { color: $text-muted; }
        & > .compare-rows--outlet { color: $text-primary; text-style: bold; }
        & > .compare-rows--detail { color: $text-muted; }
        & > .compare-rows--speaker { color: $text-accent; text-style: italic; }
    }
    """

    class Resized(Message):
        """The list's width changed: rows laid out for the old one must be drawn again."""

    def on_resize(self, event: Resize) -> None:
        self.post_message(self.Resized())

    @property
    def row_width(self) -> int:
        """The width rows are laid out to (the content region, scrollbar gutter excluded)."""
        return self.scrollable_content_region.width

    def styles_for_rows(self) -> _Styles:
        """The theme's styles for row parts, as solid colours over the list's background (a
        translucent colour such as $text-muted would lose its alpha in a Rich style and show
        white on a light theme) and without a background (the cursor row keeps its own)."""

        def get(name: str) -> Style:
            full = self.get_component_rich_style(f"compare-rows--{name}")
            return Style(color=full.color, bold=full.bold, italic=full.italic)

        return _Styles(*(get(name) for name in _STYLE_NAMES))


class CompareScreen(Screen[None]):
    """2 to 6 articles side by side: a summary, a header per outlet, the aligned sentences."""

    DEFAULT_CSS = """
    CompareScreen {
        layout: vertical;
        #compare-title { height: auto; padding: 0 1; background: $panel; text-style: bold; }
        #compare-summary-box { height: auto; max-height: 35%; padding: 0 1; }
        #compare-summary { height: auto; }
        #compare-headers { height: auto; border-bottom: solid $border-blurred; }
        #compare-rows { height: 1fr; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(COMPARE_KEYS)

    def __init__(
        self,
        load: Callable[[], Comparison],
        title: str,
        corpus: Any = None,
        meeting_id: str | None = None,
    ) -> None:
        super().__init__()
        self._load = load
        self._title = title
        self._corpus = corpus
        self._meeting_id = meeting_id
        self.comparison: Comparison | None = None
        self.differences_only = False
        self.stacked = False
        self.shown: list[Row] = []
        self._focus = 0  # which outlet Enter opens, when the row has it
        self._speakers: dict[str, dict[int, str]] = {}
        self._drawn_width = 0  # the list width the rows were laid out for

    @classmethod
    def for_articles(cls, corpus: Any, ids: Sequence[str]) -> CompareScreen:
        """Compare these stored articles (2 to 6 ids), in this order."""
        chosen = list(ids)
        return cls(lambda: corpus.compare(chosen), f"Comparing {len(chosen)} articles", corpus)

    @classmethod
    def for_meeting(cls, corpus: Any, meeting_id: str) -> CompareScreen:
        """Compare the articles of one meeting (those mainly about it; all that speak of it if
        fewer than two are), the first six if there are more."""
        return cls(lambda: corpus.compare_meeting(meeting_id), "Comparing", corpus, meeting_id)

    def compose(self) -> ComposeResult:
        yield Static(plain(self._title), id="compare-title")
        with VerticalScroll(id="compare-summary-box", can_focus=False):
            yield Static("", id="compare-summary")
        yield Static("", id="compare-headers")
        yield CompareRows(id="compare-rows")
        yield Footer(compact=True)  # the keys fit at 80 columns

    def on_mount(self) -> None:
        self.query_one(CompareRows).loading = True
        # After the refresh: the new theme's styles reach the widgets' CSS only then.
        self.app.theme_changed_signal.subscribe(
            self, lambda _theme: self.call_after_refresh(self._refresh_all)
        )
        self._compute()

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compute(self) -> None:
        from parallax.index.compare import CompareError

        try:
            comparison = self._load()
            title = self._meeting_title()
        except (CompareError, LookupError, ValueError, OSError) as err:
            message = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._show, comparison, title)

    def _meeting_title(self) -> str | None:
        if self._meeting_id is None or self._corpus is None:
            return None
        return f"Comparing: {self._corpus.meeting(self._meeting_id).label}"

    def _failed(self, message: str) -> None:
        if not self.is_attached:  # closed while comparing
            return
        rows = self.query_one(CompareRows)
        rows.loading = False
        self.query_one("#compare-summary", Static).update(plain(f"Cannot compare: {message}"))

    def _show(self, comparison: Comparison, title: str | None) -> None:
        if not self.is_attached:  # closed while comparing
            return
        self.comparison = comparison
        if title:
            self._title = title
        self._speakers = speakers_of(comparison)
        rows = self.query_one(CompareRows)
        rows.loading = False
        self.stacked = self._is_narrow()
        self._refresh_all()
        rows.focus()

    # -- drawing --

    def _width(self) -> int:
        return self.query_one(CompareRows).row_width or max(self.size.width - 2, 20)

    def _is_narrow(self) -> bool:
        if self.comparison is None:
            return False
        return min(column_widths(self._width(), len(self.comparison.articles))[1:]) < MIN_COLUMN

    @on(CompareRows.Resized)
    def _resized(self) -> None:
        if self.comparison is not None and self._width() != self._drawn_width:
            self.stacked = self._is_narrow()
            self._draw_headers()
            self._draw_rows()

    def _refresh_all(self) -> None:
        if self.comparison is None or not self.is_mounted:
            return
        self._draw_title()
        self._draw_summary()
        self._draw_headers()
        self._draw_rows()

    def _draw_title(self) -> None:
        c = self.comparison
        assert c is not None
        mode = "differences only" if self.differences_only else "all sentences"
        text = plain(self._title, style="bold")
        text.append_text(plain(f"  ·  {mode}  ·  {len(self.shown)} of {len(c.rows)} rows"))
        self.query_one("#compare-title", Static).update(text)

    def _draw_summary(self) -> None:
        from parallax.index.compare.report import summary_lines

        c = self.comparison
        assert c is not None
        labels = c.labels()
        lines = [plain("• ") + plain(line) for line in summary_lines(c)]
        for q in c.quotes:
            if len(q.texts) < 2:
                continue
            who = ", ".join(labels[i] for i in q.texts)
            line = plain(f"• {q.speaker or 'Speaker unknown'} quoted by {who}: ")
            # The words as quoted: the shortest telling (an outlet that reports the same
            # words without marks gives the whole sentence, "…, Putin said.").
            words = min(q.texts.values(), key=len, default="")
            line.append_text(plain(f"“{words}”", "italic"))
            line.no_wrap, line.overflow = True, "ellipsis"  # one line each: the rows show all
            lines.append(line)
        self.query_one("#compare-summary", Static).update(Group(*lines))

    def _draw_headers(self) -> None:
        c = self.comparison
        assert c is not None
        styles = self.query_one(CompareRows).styles_for_rows()
        labels = c.labels()
        blocks = []
        for n, a in enumerate(c.articles):
            head = plain("▸ " if n == self._focus else "  ", styles.outlet)
            head.append_text(plain(labels[a.id], styles.outlet))
            details = [human_date(a.published), a.author, a.agency and f"agency: {a.agency}"]
            detail = plain(" · ".join(d for d in details if d), styles.detail)
            blocks.append((head, detail))
        if self.stacked:
            lines = [h + plain("  ") + d for h, d in blocks]
            self.query_one("#compare-headers", Static).update(Text("\n").join(lines))
            return
        cells = [Content("")] + [Content.from_rich_text(h + Text("\n  ") + d) for h, d in blocks]
        widths = column_widths(self._width(), len(c.articles))
        lines = side_by_side(cells, widths)
        self.query_one("#compare-headers", Static).update(Content("\n").join(lines))

    def _draw_rows(self) -> None:
        c = self.comparison
        assert c is not None
        rows = self.query_one(CompareRows)
        highlighted = rows.highlighted
        keep = self.shown[highlighted] if highlighted is not None and self.shown else None
        self.shown = [r for r in c.rows if not (self.differences_only and shared_by_all(c, r))]
        styles = rows.styles_for_rows()
        draw = self._stacked_row if self.stacked else self._wide_row
        self._drawn_width = self._width()
        rows.clear_options()
        rows.add_options(Option(draw(row, styles), id=str(n)) for n, row in enumerate(self.shown))
        if self.shown:
            rows.highlighted = self.shown.index(keep) if keep in self.shown else 0
        self._draw_title()

    def _cell(self, article_id: str, indexes: tuple[int, ...], styles: _Styles) -> Text:
        c = self.comparison
        assert c is not None
        cell = Text()
        for n, i in enumerate(indexes):
            if n:
                cell.append(" ")
            cell.append_text(plain(f"{i} ", styles.detail))
            cell.append_text(plain(c.sentence(article_id, i).text))
        speakers = [self._speakers.get(article_id, {}).get(i) for i in indexes]
        names = list(dict.fromkeys(s for s in speakers if s))
        if names:
            cell.append("\n")  # `plain` keeps a value on one line
            cell.append_text(plain("— " + ", ".join(names), styles.speaker))
        return cell

    def _wide_row(self, row: Row, styles: _Styles) -> Content:
        c = self.comparison
        assert c is not None
        widths = column_widths(self._drawn_width, len(c.articles))
        cells = [Content.from_rich_text(plain(KIND_MARK[row.kind], styles.of(row.kind)))]
        for a in c.articles:
            cells.append(Content.from_rich_text(self._cell(a.id, row.cells.get(a.id, ()), styles)))
        return Content("\n").join([*side_by_side(cells, widths), Content("")])

    def _stacked_row(self, row: Row, styles: _Styles) -> Content:
        c = self.comparison
        assert c is not None
        labels = c.labels()
        present = [a for a in c.articles if row.cells.get(a.id)]
        mark = plain(KIND_MARK[row.kind], styles.of(row.kind))
        indent = Content(" " * STACK_INDENT)
        lines: list[Content] = []
        for a in present:
            head = plain("  " + labels[a.id], styles.outlet)
            if len(present) == 1:  # a unique row: its mark and outlet on one line
                head = mark + head
            elif not lines:
                lines.append(Content.from_rich_text(mark))
            lines.append(Content.from_rich_text(head))
            cell = Content.from_rich_text(self._cell(a.id, row.cells[a.id], styles))
            width = max(self._drawn_width - STACK_INDENT, 10)
            lines.extend(indent + line for line in cell.wrap(width))
        lines.append(Content(""))
        return Content("\n").join(lines)

    # -- actions --

    def action_close(self) -> None:
        self.dismiss(None)

    def action_toggle_differences(self) -> None:
        self.differences_only = not self.differences_only
        if self.comparison is not None:
            self._draw_rows()

    def action_open(self) -> None:
        self.query_one(CompareRows).action_select()

    def action_next_shared(self, step: int) -> None:
        """Move to the next (step 1) or previous (-1) row two outlets or more share."""
        rows = self.query_one(CompareRows)
        n = rows.highlighted if rows.highlighted is not None else -step
        for k in range(n + step, len(self.shown) if step > 0 else -1, step):
            if self.shown[k].kind != "unique":
                rows.highlighted = k
                return
        self.notify("No more shared rows that way", timeout=2)

    def action_toggle_summary(self) -> None:
        box = self.query_one("#compare-summary-box")
        box.display = not box.display

    def action_outlet(self, step: int) -> None:
        if self.comparison is None:
            return
        self._focus = (self._focus + step) % len(self.comparison.articles)
        self._draw_headers()

    def action_mentions(self) -> None:
        from .mentions import MentionsScreen

        if self._meeting_id is not None:
            self.app.push_screen(MentionsScreen(self._corpus, self._meeting_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mentions":
            return self._meeting_id is not None and self._corpus is not None
        return True

    @on(OptionList.OptionSelected, "#compare-rows")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        c = self.comparison
        if c is None or event.option_index >= len(self.shown):
            return
        row = self.shown[event.option_index]
        order = c.articles[self._focus :] + c.articles[: self._focus]
        for a in order:
            i = row.first(a.id)
            if i is not None:
                s = a.sentences[i]
                self.post_message(OpenSentence(a.id, i, s.start, s.end))
                return


def shared_by_all(c: Comparison, row: Row) -> bool:
    """True if every article of the comparison tells this row's fact ("differences only" hides
    such rows and keeps what some outlets have and others lack)."""
    return row.kind != "unique" and all(row.cells.get(a.id) for a in c.articles)


def speakers_of(c: Comparison) -> dict[str, dict[int, str]]:
    """Who speaks in each sentence: the quotes' speakers, and whom a sentence reports."""
    out = {article_id: dict(found) for article_id, found in c.speakers.items()}
    for q in c.quotes:
        if q.speaker:
            for article_id, i in q.sentences.items():
                out.setdefault(article_id, {}).setdefault(i, q.speaker)
    return out


def column_widths(width: int, columns: int) -> list[int]:
    """The widths of the mark column and of each outlet's column in `width` cells (one space
    between columns; the last column takes what division leaves)."""
    free = max(width - MARK_WIDTH - columns, 2 * columns)  # a wide character needs two
    each = free // columns
    return [MARK_WIDTH] + [each] * (columns - 1) + [free - each * (columns - 1)]


def side_by_side(cells: list[Content], widths: list[int]) -> list[Content]:
    """Cells wrapped to their widths and set side by side, line by line. Laid out once per
    draw, so the list measures plain lines instead of tables (6 outlets × 60 rows stay fast)."""
    columns = [cell.wrap(w) if cell.plain else [] for cell, w in zip(cells, widths, strict=True)]
    blank = Content("")
    lines = []
    for y in range(max((len(col) for col in columns), default=0)):
        parts = []
        for col, w in zip(columns, widths, strict=True):
            piece = col[y] if y < len(col) else blank
            parts.append(piece.pad_right(max(w - piece.cell_length, 0)))
        lines.append(Content(" ").join(parts))
    return lines
