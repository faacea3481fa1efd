"""Article text as Rich `Text`: never parsed as markup, control characters removed."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from parallax.index.textio import strip_control_chars

__all__ = ["MONTHS", "human_date", "line", "plain"]

# Month names spelled out here: strftime("%b") follows the locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plain(value: object, style: str = "") -> Text:
    """A Text of `value` as written: "[Live] talks [/]" stays that, ESC sequences go."""
    # Newlines inside a one-line value (a title, a name) would break a table row.
    return Text(strip_control_chars(str(value)).replace("\n", " "), style=style)


def line(value: object, style: str = "") -> Text:
    """`plain`, kept on one line and cut with "…" where it does not fit (a table cell)."""
    text = plain(value, style)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def human_date(value: date | None) -> str:
    """`27 Feb 2025`, or "" for None."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
