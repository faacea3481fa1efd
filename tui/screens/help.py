"""The help screen: every key (generated from the bindings, remappings included) and the
search query language."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from parallax.tui.keys import BUILTIN_KEYS, SECTIONS

__all__ = ["QUERY_LANGUAGE", "HelpScreen", "help_markdown"]

# The README's "Search" section, in short: (what to type, what it finds).
QUERY_ROWS: list[tuple[str, str]] = [
    ("`putin lavrov`", "both words (AND is the default)"),
    ('`"western elites"`', "the words next to each other"),
    ("`kiev OR kyiv`, `lavrov AND istanbul`",
     "either word; both. OR binds tighter than AND: `kiev OR kyiv talks` is "
     "(kiev OR kyiv) AND talks. Brackets group: `(medinsky OR ryabkov) -saudi`"),
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

QUERY_LANGUAGE = "\n".join(
    ["| query | finds articles with |", "|---|---|"]
    + [f"| {query} | {meaning} |" for query, meaning in QUERY_ROWS]
    + ["", QUERY_NOTES]
)

KEYMAP_NOTE = """\
Every key above can be changed in your config.toml, by the action's id (in brackets):

```toml
[keys]
search = "/,ctrl+f"
next_match = "n,f3"
```
"""


def help_markdown(keymap: Mapping[str, str], key_display: object) -> str:
    """The help text: a table of keys per part of the reader, then the query language.
    `keymap` is the user's remapping; `key_display(binding)` names a key for people."""
    show = key_display if callable(key_display) else (lambda b: b.key)
    out = ["# Parallax", ""]
    for title, bindings in SECTIONS:
        out += [f"## {title}", "", "| key | action | id |", "|---|---|---|"]
        for binding in bindings:
            keys = keymap.get(binding.id or "", binding.key)
            shown = " ".join(
                f"`{_cell(show(Binding(k.strip(), binding.action)))}`" for k in keys.split(",")
            )
            out.append(f"| {shown} | {_cell(binding.description)} | {binding.id} |")
        out.append("")
    out += ["## Also", "", "| key | action |", "|---|---|"]
    out += [f"| `{keys}` | {_cell(what)} |" for keys, what in BUILTIN_KEYS]
    out += ["", KEYMAP_NOTE, "## Search", "", QUERY_LANGUAGE]
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


class HelpScreen(ModalScreen[None]):
    """The keys and the query language; Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="close_help"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; max-width: 100%; height: 90%; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen #help-close { color: $text-muted; text-align: right; width: 1fr; }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static("Esc closes", id="help-close")
            yield Markdown(self.text, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
