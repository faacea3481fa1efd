"""The article: what the cleaner produces and the store keeps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Metadata fields, in the order they are written to front matter and JSON.
METADATA_FIELDS = (
    "title",
    "standfirst",
    "outlet",
    "author",
    "published",
    "dateline",
    "agency",
    "section",
    "url",
    "language",
)


@dataclass(frozen=True)
class Source:
    """A raw file an article came from."""

    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What a list of articles shows. (Slots: the reader keeps one per stored article, up to
    100,000 and more, and makes them all at start.)"""

    id: str
    title: str | None
    outlet: str | None
    published: date | None
    author: str | None
    agency: str | None
    sources: tuple[Source, ...]
    words: int

    def to_json(self) -> dict[str, Any]:
        """The `parallax articles --json` contract: `sources` is the list of source file paths."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "author": self.author,
            "agency": self.agency,
            "sources": [s.path for s in self.sources],
            "words": self.words,
        }


@dataclass
class Article:
    """A cleaned article. Unknown values are None, never guessed."""

    title: str | None = None
    standfirst: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    dateline: str | None = None
    agency: str | None = None
    section: str | None = None
    url: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The body as text: paragraphs separated by one blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    def metadata(self) -> dict[str, object]:
        """The metadata fields as plain JSON-ready values (dates as YYYY-MM-DD)."""
        out: dict[str, object] = {}
        for name in METADATA_FIELDS:
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, date) else value
        return out

    def to_clean_json(self) -> dict[str, object]:
        """The `parallax clean --json` contract: metadata plus `body`."""
        return {**self.metadata(), "body": self.body}


@dataclass(frozen=True, init=False)
class Change:
    """One line the cleaner dropped or changed, and the rule that did it."""

    line: int  # 1-based line number in the input
    rule: str
    action: str  # "drop" or "change" or "meta"
    before: str
    after: str | None = None

    def __init__(
        self, line: int, rule: str, action: str, before: str, after: str | None = None
    ) -> None:
        # The generated __init__ of a frozen dataclass sets each field through
        # object.__setattr__; a page makes hundreds of these (one per dropped line).
        fields = self.__dict__
        fields["line"] = line
        fields["rule"] = rule
        fields["action"] = action
        fields["before"] = before
        fields["after"] = after


class CleanResult:
    """An article plus the explanation of how it was made.

    `changes`: every line dropped or changed, and the rule that did it, in the order of the
    lines. `origins`: where each metadata field came from, for `clean --explain`: field -> a
    short phrase ("json-ld headline", 'dateline "(AP) —"', "capture header"); fields not
    found are absent.

    The cleaner may hand over the drop log as `more`, a function making the full list of
    changes from those given: only `clean --explain` reads it, so adding pages never pays for
    one object per dropped line. It is made when `changes` is first read (or the result
    pickled, for a helper process).
    """

    __slots__ = ("article", "origins", "_changes", "_more")

    def __init__(
        self,
        article: Article,
        changes: list[Change] | None = None,
        origins: dict[str, str] | None = None,
        *,
        more: Callable[[list[Change]], list[Change]] | None = None,
    ) -> None:
        self.article = article
        self.origins = {} if origins is None else origins
        self._changes = [] if changes is None else changes
        self._more = more

    @property
    def changes(self) -> list[Change]:
        if self._more is not None:
            more, self._more = self._more, None
            self._changes = more(self._changes)
        return self._changes

    @changes.setter
    def changes(self, value: list[Change]) -> None:
        self._changes, self._more = value, None

    def __getstate__(self) -> tuple[Article, list[Change], dict[str, str]]:
        return self.article, self.changes, self.origins

    def __setstate__(self, state: tuple[Article, list[Change], dict[str, str]]) -> None:
        self.article, self._changes, self.origins = state
        self._more = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CleanResult):
            return NotImplemented
        return (self.article, self.changes, self.origins) == (
            other.article,
            other.changes,
            other.origins,
        )

    __hash__ = None  # type: ignore[assignment]  # (mutable, as the dataclass it was)

    def __repr__(self) -> str:
        return (
            f"CleanResult(article={self.article!r}, changes={self.changes!r}, "
            f"origins={self.origins!r})"
        )
