"""The cleaner: raw page scrape -> Article, as a sequence of small named rules.

    clean_text(text, *, name=None, url=None, outlets=None) -> CleanResult
        A flattened web page (the text of `seeds/`).
    clean_markdown(text, ...) -> CleanResult
        A Markdown file with front matter: already clean, taken as it is.
    clean_html(text, ...) -> CleanResult
        A saved web page: trafilatura extracts the text, then the same metadata rules.

The line rules live in `rules.py`, body selection in `body.py`, metadata in `metadata.py`,
repairs of flattening artefacts in `repair.py`; `pipeline.py` puts them in order.
"""

from .formats import clean_html, clean_markdown
from .pipeline import MIN_ARTICLE_WORDS, CleanError, clean_text

__all__ = ["MIN_ARTICLE_WORDS", "CleanError", "clean_html", "clean_markdown", "clean_text"]
