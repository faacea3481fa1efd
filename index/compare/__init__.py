"""Compare coverage: align the sentences of 2 to 6 articles, match their quotes, list the
names they spell differently and the wire copies among them. No Textual here."""

from .align import Row
from .comparison import (
    MAX_ARTICLES,
    ComparedArticle,
    CompareError,
    Comparison,
    Pair,
    QuoteGroup,
    compare,
)
from .names import Variant
from .wire import Syndication

__all__ = [
    "MAX_ARTICLES",
    "CompareError",
    "ComparedArticle",
    "Comparison",
    "Pair",
    "QuoteGroup",
    "Row",
    "Syndication",
    "Variant",
    "compare",
]
