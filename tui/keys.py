"""Every key of the reader, in one place: the bindings of each part, with ids (the names a
user remaps in config.toml's `[keys]`) and descriptions (the footer and the help screen)."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

from parallax.index.config import ConfigError

__all__ = [
    "APP_KEYS",
    "COMPARE_KEYS",
    "MENTIONS_KEYS",
    "ROW_KEYS",
    "ARTICLE_KEYS",
    "LIST_KEYS",
    "SECTIONS",
    "SOURCE_KEYS",
    "check_keymap",
]

APP_KEYS: list[Binding] = [
    Binding("question_mark", "help", "Help", id="help"),
    # Priority: "/" and the keys typed after it reach the search field even in one burst
    # (in the search field itself, "/" is text: check_action lets it through).
    Binding("slash", "focus_search", "Search", id="search", priority=True),
    # Enter in the search field: the list takes the keys that follow at once.
    Binding(
        "enter", "submit_query", "Search: to the results", show=False, id="to_results",
        priority=True,
    ),
    Binding("escape", "back", "Back", id="back"),
    Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="next_pane", priority=True),
    Binding(
        "shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="previous_pane",
        priority=True,
    ),
    Binding("n", "next_match", "Next match", id="next_match"),
    Binding("N", "previous_match", "Previous match", show=False, id="previous_match"),
    Binding("s", "cycle_sort", "Sort", id="sort"),
    Binding("b", "toggle_sources", "Sources", id="toggle_sources"),
    Binding("r", "toggle_read", "Read/unread", id="toggle_read"),
    Binding("o", "open_url", "Open in browser", id="open_in_browser"),
    Binding("y", "copy_link", "Copy link", show=False, id="copy_link"),
    Binding("c", "compare", "Compare", id="compare"),
    Binding("m", "mark", "Mark to compare", show=False, id="mark"),
    Binding("R", "refresh_feeds", "Refresh feeds", show=False, id="refresh"),
    Binding("q", "quit", "Quit", id="quit"),
]  # fmt: skip

# Moving in a list: the article list and the source list share them (and so a remapping).
_MOVE_KEYS: list[Binding] = [
    Binding("j", "cursor_down", "Down", show=False, id="down"),
    Binding("k", "cursor_up", "Up", show=False, id="up"),
    Binding("g", "first", "Top", show=False, id="top"),
    Binding("G", "last", "Bottom", show=False, id="bottom"),
]

LIST_KEYS: list[Binding] = [
    *_MOVE_KEYS,
    # "enter", not "⏎": terminals disagree on that symbol's width, which shifts the footer.
    Binding("enter", "select_cursor", "Open", key_display="enter", id="open"),
]

SOURCE_KEYS: list[Binding] = [
    *_MOVE_KEYS,
    Binding("enter", "select", "Filter", key_display="enter", id="filter"),
]

ARTICLE_KEYS: list[Binding] = [
    Binding("j", "scroll_down", "Down", show=False, id="down"),
    Binding("k", "scroll_up", "Up", show=False, id="up"),
    Binding("g", "scroll_home", "Top", show=False, id="top"),
    Binding("G", "scroll_end", "Bottom", show=False, id="bottom"),
    Binding("space", "page_down", "Page down", show=False, id="page_down"),
]

# The compare screen's keys (ROW_KEYS on its list of rows), with ids ("down", "up", "top" and
# "bottom" are the reader's list keys, so one remapping moves in every list). Here, not in
# screens/compare.py, so that the reader's start does not import that screen.
ROW_KEYS: list[Binding] = [
    Binding("j", "cursor_down", "Down", show=False, id="down"),
    Binding("k", "cursor_up", "Up", show=False, id="up"),
    Binding("g", "first", "Top", show=False, id="top"),
    Binding("G", "last", "Bottom", show=False, id="bottom"),
]
COMPARE_KEYS: list[Binding] = [
    Binding("escape", "close", "Close", id="compare_close"),
    Binding("q", "close", "Close", show=False, id="compare_quit"),
    Binding("enter", "open", "Open", show=False, key_display="enter", id="compare_open"),
    Binding("d", "toggle_differences", "Differences", id="compare_differences"),
    Binding("n", "next_shared(1)", "Next shared", id="compare_next_shared"),
    Binding("N", "next_shared(-1)", "Previous shared", show=False, id="compare_previous_shared"),
    Binding("left,h", "outlet(-1)", "Outlet", key_display="←→", id="compare_previous_outlet"),
    Binding("right,l", "outlet(1)", "Next outlet", show=False, id="compare_next_outlet"),
    Binding("s", "toggle_summary", "Summary", id="compare_summary"),
    Binding("M", "mentions", "Mentions", id="compare_mentions"),
]

# The mentions screen's: ids as in COMPARE_KEYS (moving in the list: ROW_KEYS, on its list).
MENTIONS_KEYS: list[Binding] = [
    Binding("escape", "close", "Close", id="mentions_close"),
    Binding("q", "close", "Close", show=False, id="mentions_quit"),
    Binding("enter", "open", "Open", key_display="enter", id="mentions_open"),
]

# The help screen's sections: a title and the bindings it explains, in order.
SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", APP_KEYS),
    ("Article list", LIST_KEYS),
    ("Source list", SOURCE_KEYS),
    ("Article", ARTICLE_KEYS),
    ("Compare screen", COMPARE_KEYS),
    ("Mentions screen", MENTIONS_KEYS),
]

# Keys that are not bindings of ours but belong in the help (Textual's own, and the arrows).
BUILTIN_KEYS: list[tuple[str, str]] = [
    ("↑ ↓ PgUp PgDn Home End", "move, as j/k/g/G do"),
    ("ctrl+p", "command palette: search, jump to an outlet, theme, rebuild the index…"),
    ("ctrl+q", "quit at once"),
    ("mouse", "click to select, wheel to scroll"),
]


def binding_ids() -> set[str]:
    """Every id a `[keys]` table may remap."""
    return {b.id for _, bindings in SECTIONS for b in bindings if b.id}


def check_keymap(keymap: Mapping[str, str], config_file: str) -> dict[str, str]:
    """The `[keys]` table as a Textual keymap; ConfigError (one line) for an unknown action."""
    known = binding_ids()
    for name in keymap:
        if name not in known:
            import difflib

            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            hint = f'did you mean "{close[0]}"?' if close else "known: " + ", ".join(sorted(known))
            raise ConfigError(f'config {config_file}: unknown action "keys.{name}"; {hint}')
    return dict(keymap)
