"""What the index stores of an article: the document, the schema, and the fields one document
is written as. Shared by the index (`index.py`) and its helper process (`segworker.py`)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from whoosh import formats
from whoosh.fields import ID, NUMERIC, STORED, TEXT, FieldType, Schema

from ..analysis import NewsAnalyzer, Sections, WeightedPositions, fold


@dataclass(frozen=True)
class IndexDoc:
    """One article as the index sees it. `digest` changes whenever anything in it changes."""

    id: str
    title: str | None
    standfirst: str | None
    body: str
    outlet: str | None
    author: str | None
    agency: str | None
    dateline: str | None
    published: date | None
    digest: str


class _Text(TEXT):
    """TEXT with positions, from NewsAnalyzer; its value may be Sections (weighted texts)."""

    def __init__(self, analyzer: NewsAnalyzer, stored: bool = False) -> None:
        super().__init__(analyzer=analyzer, phrase=True, stored=stored)
        self.format = WeightedPositions()


class _Vocabulary(FieldType):
    """The words "did you mean" picks corrections from: folded, not stemmed, given as a list.

    Each word is written once per commit, with the first article that has it (see
    `_Spelling`), not once per article: the vocabulary costs almost nothing to build. A word
    whose only entry went with a deleted article is missing until a rebuild; suggestions are
    checked against the index before they are made. Scorable only so whoosh writes a length
    column: without one its codec looks for that file on disk at every posting.
    """

    def __init__(self) -> None:
        self.format = formats.Existence()
        self.analyzer = NewsAnalyzer({}, stem=False)
        self.column_type = None
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None


# How much a word counts where it is: BM25F's field weights (see README "Search"). The
# sections are indexed as one field, so a word's weight is its weighted count and a query
# word reads one posting list.
SECTION_WEIGHTS = {"title": 8.0, "standfirst": 2.0, "body": 1.0, "byline": 0.5}


def _schema(text: NewsAnalyzer, names: NewsAnalyzer) -> Schema:
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        digest=ID(sortable=True),
        # Title, standfirst, body and byline (outlet, author, agency, dateline), weighted.
        text=_Text(text),
        title=_Text(text, stored=True),  # on its own too, for title:
        body=STORED(),  # compressed, for snippets and match offsets
        spell=_Vocabulary(),
        outlet=_Text(names, stored=True),
        outlet_key=ID(sortable=True),
        author=_Text(names),
        agency=_Text(names),
        dateline=_Text(names),
        # The day number (date.toordinal()); undated articles get 0 in the sort column. Signed:
        # whoosh's ranges over unsigned numeric fields match values beyond their end.
        published=NUMERIC(int, bits=32, signed=True, stored=True, sortable=True, default=0),
    )


class _Spelling:
    """The words of each document not yet given to the vocabulary in this commit."""

    def __init__(self, analyzer: NewsAnalyzer) -> None:
        self.analyzer = analyzer
        self.seen: set[str] = set()

    def new_words(self, words: set[str]) -> list[str] | None:
        """Of a document's folded words, those not seen before in this commit. Only words of
        letters: "did you mean" corrects nothing else."""
        found = words - self.seen
        self.seen |= found
        return sorted(w for w in found if w.isalpha()) or None


def _fields(doc: IndexDoc, spelling: _Spelling) -> dict[str, Any]:
    published = doc.published
    byline = " ".join(v for v in (doc.outlet, doc.author, doc.agency, doc.dateline) if v)
    weights = SECTION_WEIGHTS
    text = Sections(
        (
            (doc.title or "", weights["title"]),
            (doc.standfirst or "", weights["standfirst"]),
            (doc.body or "", weights["body"]),
            (byline, weights["byline"]),
        )
    )
    # Analysed here once: the postings for the writer, every word for the vocabulary.
    words: set[str] = set()
    text.analyzed = (spelling.analyzer, text.weighted_positions(spelling.analyzer, words))
    return {
        "id": doc.id,
        "digest": doc.digest,
        "text": text,
        "title": doc.title or None,
        "body": zlib.compress((doc.body or "").encode("utf-8"), 1),
        "spell": spelling.new_words(words),
        "outlet": doc.outlet or None,
        "outlet_key": fold(doc.outlet) if doc.outlet else None,
        "author": doc.author or None,
        "agency": doc.agency or None,
        "dateline": doc.dateline or None,
        "published": published.toordinal() if published else None,
    }
