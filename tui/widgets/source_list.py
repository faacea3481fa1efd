"""The source list: "All", every outlet with its article count, and further sections (the
meetings, once they exist) below; picking one filters the article list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from parallax.tui.keys import SOURCE_KEYS
from parallax.tui.messages import ALL_ARTICLES, FilterChosen, ListFilter
from parallax.tui.text import plain

__all__ = ["SourceList", "SourceSection", "outlet_section"]

UNKNOWN_OUTLET = "Unknown outlet"


@dataclass(frozen=True)
class SourceSection:
    """A titled group of entries: (filter, article count) pairs."""

    title: str
    entries: Sequence[tuple[ListFilter, int]]


def outlet_section(outlets: Iterable[str | None]) -> tuple[int, SourceSection]:
    """The total and the "Outlets" section for the outlets of all articles (one per article)."""
    counts = Counter(outlets)
    total = sum(counts.values())
    named = sorted((o for o in counts if o is not None), key=lambda o: (o.casefold(), o))
    entries = [(ListFilter(o, outlet=o), counts[o]) for o in named]
    if counts.get(None):
        entries.append((ListFilter(UNKNOWN_OUTLET, unknown_outlet=True), counts[None]))
    return total, SourceSection("Outlets", entries)


class SourceRow:
    """One entry: its label, cut with "…" where it does not fit, and its count at the right
    edge. (A rich Table does the same at many times the cost, and the list measures every
    entry each time it is filled.)"""

    def __init__(self, label: Text, count: Text) -> None:
        self.label = label
        self.count = count

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        count = self.count.copy()
        count.truncate(width)
        label = self.label.copy()
        label.truncate(max(0, width - count.cell_len - 1), overflow="ellipsis", pad=True)
        row = Text(no_wrap=True)  # ends with a line break: Textual counts them for the height
        row.append_text(label)
        if label.cell_len:
            row.append(" ")
        row.append_text(count)
        row.truncate(width, pad=True)
        yield row

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


class SourceList(OptionList):
    """ "All" on top, then each section's entries; Enter or a click picks one."""

    BINDINGS = SOURCE_KEYS
    COMPONENT_CLASSES = {"source-list--count", "source-list--heading"}
    DEFAULT_CSS = """
    SourceList > .source-list--count { color: $text-muted; }
    SourceList > .source-list--heading { color: $text-accent; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._filters: dict[str, ListFilter] = {}
        self._total = 0
        self._sections: list[SourceSection] = []

    def show(self, total: int, sections: Sequence[SourceSection], chosen: ListFilter) -> None:
        """Show "All" (with `total`) and `sections`; keep `chosen` highlighted if still there."""
        self._total, self._sections = total, list(sections)
        self._filters = {"all": ALL_ARTICLES}
        options: list[Option | None] = [Option(self._row("All", total), id="all")]
        for s, section in enumerate(sections):
            options.append(None)
            options.append(Option(self._heading(section.title), disabled=True))
            for e, (entry, count) in enumerate(section.entries):
                option_id = f"{s}.{e}"
                self._filters[option_id] = entry
                options.append(Option(self._row(entry.label, count), id=option_id))
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        for option_id, entry in self._filters.items():
            if entry == chosen:
                self.highlighted = self.get_option_index(option_id)
                return
        self.highlighted = 0 if highlighted is None else min(highlighted, self.option_count - 1)

    @property
    def filters(self) -> list[ListFilter]:
        """Every entry the list offers, "All" first."""
        return list(self._filters.values())

    def choose(self, chosen: ListFilter) -> None:
        """Highlight `chosen` (when it is in the list) without announcing it."""
        for option_id, entry in self._filters.items():
            if entry == chosen:
                self.highlighted = self.get_option_index(option_id)

    def restyle(self) -> None:
        """Draw the rows again in the current theme's colours."""
        current = (
            self._filters.get(self.highlighted_option.id or "") if self.highlighted_option else None
        )
        self.show(self._total, self._sections, current or ALL_ARTICLES)

    def _row(self, label: str, count: int) -> SourceRow:
        return SourceRow(plain(label), Text(f"{count:,}", style=self._style("source-list--count")))

    def _heading(self, title: str) -> Text:
        return plain(title, style=self._style("source-list--heading"))

    def _style(self, component: str) -> str:
        # Before the widget is mounted the theme's styles are not known yet: plain text then.
        try:
            return str(self.get_component_rich_style(component, partial=True))
        except Exception:
            return ""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = self._filters.get(event.option.id or "")
        if chosen is not None:
            self.post_message(FilterChosen(chosen))
