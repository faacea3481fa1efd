"""The bar on top: the search field, a status line (hits, "did you mean", what the query
language made of the query) and the progress of reading sources and indexing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, ProgressBar, Static

from parallax.tui.text import plain

__all__ = ["SearchBar"]

PLACEHOLDER = '/ search: words, "phrases", -not, outlet:name, date:2025-02 (? for help)'


class SearchBar(Horizontal):
    """The search field, the status beside it, and a progress bar while work runs."""

    DEFAULT_CSS = """
    SearchBar { height: 1; background: $panel; }
    SearchBar > Input { border: none; height: 1; width: 1fr; padding: 0 1; background: $panel; }
    SearchBar > Input:focus { border: none; background: $boost; }
    SearchBar > #search-status {
        width: auto; max-width: 60%; height: 1; padding: 0 1; color: $text-muted;
    }
    SearchBar > #progress-label { width: auto; height: 1; padding: 0 0 0 1; color: $text-accent; }
    SearchBar > ProgressBar { width: 25; height: 1; padding: 0 0 0 1; }
    SearchBar > ProgressBar Bar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="query")  # focused, the query is selected
        yield Static(id="search-status", markup=False)
        yield Static(id="progress-label", markup=False)
        yield ProgressBar(id="progress", show_eta=False, show_percentage=False)

    def on_mount(self) -> None:
        self.hide_progress()

    @property
    def input(self) -> Input:
        return self.query_one("#query", Input)

    def set_status(self, text: Text | str) -> None:
        status = self.query_one("#search-status", Static)
        status.update(plain(text) if isinstance(text, str) else text)

    def set_progress(self, label: str, done: int | None = None, total: int | None = None) -> None:
        """Show `label`, and a bar when `total` is known."""
        self.query_one("#progress-label", Static).update(plain(label))
        self.query_one("#progress-label").display = True
        bar = self.query_one(ProgressBar)
        bar.display = bool(total)
        if total:
            bar.update(total=total, progress=done or 0)

    def hide_progress(self) -> None:
        self.query_one("#progress-label").display = False
        self.query_one(ProgressBar).display = False
