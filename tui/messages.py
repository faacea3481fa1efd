"""Messages the reader's parts send each other."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

__all__ = ["ALL_ARTICLES", "FilterChosen", "ListFilter", "ResultsShown"]


@dataclass(frozen=True)
class ListFilter:
    """Which articles the list shows: all of them, one outlet's (`outlet`; None with
    `unknown_outlet` for those whose outlet is not known), or a given set of ids."""

    label: str
    outlet: str | None = None
    unknown_outlet: bool = False
    ids: frozenset[str] | None = None

    @property
    def is_all(self) -> bool:
        return self.outlet is None and not self.unknown_outlet and self.ids is None

    def admits(self, article_id: str, outlet: str | None) -> bool:
        """True if the article with this id and outlet belongs in the list."""
        if self.ids is not None and article_id not in self.ids:
            return False
        if self.unknown_outlet:
            return outlet is None
        return self.outlet is None or outlet == self.outlet


ALL_ARTICLES = ListFilter("All")


class FilterChosen(Message):
    """The user picked a source (or "All") in the source list."""

    def __init__(self, chosen: ListFilter) -> None:
        super().__init__()
        self.chosen = chosen


class ResultsShown(Message):
    """A search result is on screen (tests and the bench wait for it)."""

    def __init__(self, result: object) -> None:
        super().__init__()
        self.result = result
