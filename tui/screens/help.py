"""The help screen: every key (generated from the bindings, remappings included) and the
search query language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from parallax.tui.keys import BUILTIN_KEYS, SECTIONS

__all__ = ["QUERY_ROWS", "HelpScreen", "help_text", "key_rows"]

# The README's "Search" section, in short: (what to type, what it finds).
QUERY_ROWS: list[tuple[str, str]] = [
    ("`putin lavrov`", "any of the words, those with all of them first"),
    ("`+putin lavrov`", "`putin` required, `lavrov` ranks"),
    ('`"western elites"`', "the words next to each other"),
    ("`kiev OR kyiv`, `lavrov AND istanbul`",
     "either word; both. OR binds tighter than AND: `kiev OR kyiv talks` is "
     "(kiev OR kyiv), talks ranking. Brackets group: `(medinsky OR ryabkov) -saudi`"),
    ('`-putin`, `NOT putin`, `-"western elites"`', "not that word or phrase"),
    ("`negoti*`", "a word starting with `negoti`"),
    ('`outlet:eunews`, `outlet:"business standard"`', "that outlet"),
    ('`author:"simone de la feld"`, `agency:ap`, `dateline:istanbul`, `title:summit`',
     "that in the byline field or title"),
    ("`date:2025-02`, `date:2025-02-27`, `date:2025`", "published that month, day or year"),
    ("`date:>2025-02-20`, `date:>=…`, `date:<2025-03`, `date:<=…`",
     "after, from, before, up to"),
    ("`date:2025-02-01..2025-02-28`, `date:2025-02..`, `date:..2025-02`",
     "a range, both ends included"),
    ('`date:today`, `date:yesterday`, `date:"last week"`, `date:"last 3 days"`',
     "relative to today"),
]  # fmt: skip

QUERY_NOTES = """\
Every spelling finds every spelling (`Kiev` and `Kyiv`, `Zelensky` and `Zelenskiy`), accents
never matter and words are stemmed (`talks` finds `talk`). A word that finds nothing gets a
"did you mean" from the words of your own articles: press Enter to take it. Results come best
first; `s` sorts them newest first.
"""

KEYMAP_NOTE = (
    "Every key can be changed in your config.toml by its action's id, e.g.\n"
    '  [keys]\n  search = "/,ctrl+f"\n  next_match = "n,f3"'
)


def key_rows(
    keymap: Mapping[str, str], key_display: Callable[[Binding], str]
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per part of the reader: (keys as shown, what they do, the id to remap them by), with
    the user's remapping applied."""
    sections = []
    for title, bindings in SECTIONS:
        rows = []
        for binding in bindings:
            keys = keymap.get(binding.id or "", binding.key)
            shown = " ".join(
                key_display(Binding(k.strip(), binding.action)) for k in keys.split(",")
            )
            rows.append((shown, binding.description, binding.id or ""))
        sections.append((title, rows))
    return sections


def help_text(keymap: Mapping[str, str], key_display: Callable[[Binding], str]) -> Group:
    """The whole help: the keys of each part, Textual's own keys, then the query language."""
    parts: list[Any] = [Text("Parallax: keys and search", style="bold")]
    for title, rows in key_rows(keymap, key_display):
        parts += [Text(""), Text(title, style="bold underline")]
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", min_width=12, no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(style="dim", no_wrap=True)
        for keys, what, binding_id in rows:
            table.add_row(keys, what, binding_id)
        parts.append(table)
    parts += [Text(""), Text("Also", style="bold underline")]
    also = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    also.add_column(style="bold", min_width=12, no_wrap=True)
    also.add_column(ratio=1)
    for keys, what in BUILTIN_KEYS:
        also.add_row(keys, what)
    parts += [also, Text(""), Text(KEYMAP_NOTE), Text(""), Text("Search", style="bold underline")]
    language = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    language.add_column(style="bold", ratio=1)
    language.add_column(ratio=1)
    for query, meaning in QUERY_ROWS:
        language.add_row(query.replace("`", ""), meaning.replace("`", ""))
    parts += [language, Text(""), Text(" ".join(QUERY_NOTES.replace("`", "").split()))]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """The keys and the query language; Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="close_help"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 100%; height: 90%; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-align: left; border-subtitle-align: right;
    }
    """

    def __init__(self, content: Group) -> None:
        super().__init__()
        self.content = content

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "Esc closes"
            yield Static(self.content, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
