"""What each outlet said about one meeting: the sentences of every article that speak of it,
those that only mention it in passing first.

    app.push_screen(MentionsScreen(corpus, meeting_id_or_label))

`corpus` is an `index.api.Corpus` (its `meeting`, `article` and `sentences`). Enter on a
passage posts `OpenSentence` (tui/screens/compare.py); Esc/q closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..keys import MENTIONS_KEYS
from ..text import human_date, plain
from .compare import CompareRows, OpenSentence

__all__ = ["MENTIONS_KEYS", "Mention", "MentionsScreen", "mentions_of"]


@dataclass(frozen=True)
class Mention:
    """One passage of an article about the meeting."""

    article_id: str
    outlet: str
    published: str
    role: str
    field: str
    start: int
    end: int
    text: str
    sentence: int | None  # its sentence in the body (None in the title or standfirst)


def mentions_of(corpus: Any, meeting_id: str) -> tuple[str, list[Mention]]:
    """The meeting's label and the passages of its articles that speak of it (mentions first,
    then the articles mainly about it), in each article's reading order."""
    meeting = corpus.meeting(meeting_id)
    out: list[Mention] = []
    articles = sorted(meeting.articles, key=lambda a: a.role != "mention")
    for part in articles:
        stored = corpus.article(part.id)
        article = stored.article
        sentences = corpus.sentences(part.id)
        for field, start, end in part.spans:
            text = getattr(article, field, None) or ""
            sentence = None
            if field == "body":
                sentence = next(
                    (n for n, s in enumerate(sentences) if s.start <= start < s.end), None
                )
            out.append(
                Mention(
                    part.id,
                    article.outlet or part.id,
                    human_date(article.published),
                    part.role,
                    field,
                    start,
                    end,
                    text[start:end],
                    sentence,
                )
            )
    return meeting.label, out


class MentionsScreen(Screen[None]):
    """Per outlet, the passages that speak of one meeting."""

    DEFAULT_CSS = """
    MentionsScreen {
        layout: vertical;
        #mentions-title { height: auto; padding: 0 1; background: $panel; text-style: bold; }
        #mentions-rows { height: 1fr; padding: 0 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(MENTIONS_KEYS)

    def __init__(self, corpus: Any, meeting_id: str) -> None:
        super().__init__()
        self._corpus = corpus
        self._meeting_id = meeting_id
        self.mentions: list[Mention] = []

    def compose(self) -> ComposeResult:
        yield Static(plain("What each outlet said"), id="mentions-title")
        yield CompareRows(id="mentions-rows")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(CompareRows).loading = True
        self._load()

    @work(thread=True, exclusive=True, group="mentions", exit_on_error=False)
    def _load(self) -> None:
        try:
            label, found = mentions_of(self._corpus, self._meeting_id)
        except (LookupError, ValueError, OSError) as err:
            message = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._show, label, found)

    def _failed(self, message: str) -> None:
        if not self.is_attached:  # closed while loading
            return
        self.query_one(CompareRows).loading = False
        self.query_one("#mentions-title", Static).update(plain(f"No mentions: {message}"))

    def _show(self, label: str, found: list[Mention]) -> None:
        if not self.is_attached:  # closed while loading
            return
        self.mentions = found
        rows = self.query_one(CompareRows)
        rows.loading = False
        styles = rows.styles_for_rows()
        self.query_one("#mentions-title", Static).update(
            plain(f"What each outlet said about: {label}")
        )
        options = []
        for n, m in enumerate(found):
            parts: list[RenderableType] = []
            if n == 0 or found[n - 1].article_id != m.article_id:  # the outlet once per article
                if n:
                    parts.append(Text(""))
                head = plain(m.outlet, styles.outlet)
                role = "mentions it" if m.role == "mention" else "is about it"
                head.append_text(plain(f"  {' · '.join(x for x in (m.published, role) if x)}"))
                head.stylize(styles.detail, len(m.outlet))
                parts.append(head)
            where = plain(f"{m.field}: " if m.field != "body" else "", styles.detail)
            parts.append(Padding(where + plain(" ".join(m.text.split())), (0, 0, 0, 2)))
            options.append(Option(Group(*parts), id=str(n)))
        rows.add_options(options)
        rows.focus()

    def action_open(self) -> None:
        self.query_one(CompareRows).action_select()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#mentions-rows")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        m = self.mentions[event.option_index]
        self.post_message(OpenSentence(m.article_id, m.sentence, m.start, m.end, m.field))
