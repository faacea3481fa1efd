"""Full-text search: the index (`index.py`) and its parts — the documents and schema, the query
language, the evaluator, highlighting, the segment writer and its helper process."""

from .documents import IndexDoc
from .index import DocSource, Hit, IndexBusy, IndexReport, SearchIndex, SearchResult

__all__ = [
    "DocSource",
    "Hit",
    "IndexBusy",
    "IndexDoc",
    "IndexReport",
    "SearchIndex",
    "SearchResult",
]
