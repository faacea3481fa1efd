"""The reader (placeholder): the list of stored articles. The full reader comes later.

The first screen is drawn at once; the configured sources are synced and the list loaded in a
thread worker, so a slow disk or a big folder never delays first paint.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from parallax.index.api import AddReport, ArticleSummary, Corpus
from parallax.index.config import Config
from parallax.index.textio import strip_control_chars


def _cell(value: str | None, placeholder: str = "—") -> Text:
    # A Text cell is never parsed as markup: a headline "[Live] talks" shows as written.
    return Text(strip_control_chars(value) if value else placeholder, no_wrap=True)


class ParallaxApp(App[None]):
    """A list of the articles in the corpus: title, outlet, date."""

    TITLE = "Parallax"
    CSS = """
    #status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    #articles {
        height: 1fr;
    }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config

    def compose(self) -> ComposeResult:
        yield Static("Reading sources…", id="status", markup=False)
        table: DataTable[Text] = DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        # Title last: a long one runs off the right edge instead of pushing the others off.
        table.add_column("Published", key="published")
        table.add_column("Outlet", key="outlet")
        table.add_column("Title", key="title")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.load_articles()

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_articles(self) -> None:
        """Sync the configured sources and read the list, off the UI thread."""
        try:
            corpus = Corpus.open(self.config)
            report = corpus.sync()
            summaries = corpus.articles()
            problems = len(corpus.problems)
        except Exception as err:  # a store error must show on screen, not kill the app
            self.call_from_thread(self._show_status, f"Cannot open the articles: {err}")
            return
        self.call_from_thread(self._show_articles, summaries, report, problems)

    def _show_articles(
        self, summaries: list[ArticleSummary], report: AddReport, problems: int
    ) -> None:
        table = self.query_one("#articles", DataTable)
        table.clear()
        for s in summaries:
            table.add_row(
                _cell(s.published.isoformat() if s.published else None),
                _cell(s.outlet),
                _cell(s.title, "(untitled)"),
                key=s.id,
            )
        status = f"{len(summaries)} article{'s' if len(summaries) != 1 else ''}"
        failed = report.count("failed")
        if failed:
            status += f" · {failed} source file{'s' if failed != 1 else ''} could not be read"
        if problems:
            status += f" · {problems} stored file{'s' if problems != 1 else ''} skipped"
        if failed or problems:
            status += " (run `parallax articles` for details)"
        self._show_status(status)
        table.focus()

    def _show_status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(strip_control_chars(message)))
