"""The index's own words, in memory, for "did you mean".

whoosh finds the words within an edit distance of a typed word by walking a Levenshtein
automaton over the term dictionary on disk: every step is a binary search of seeks and small
reads, 50–100 ms a word at 10,000 articles, paid again on each key typed while a word is
unfinished. Here each segment's spelling words are read once into a sorted list (the segment
never changes), and the same automaton walks that list with `bisect`: the same words, about
ten times sooner. A segment merged away is forgotten at the next lookup.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left
from typing import Any

from whoosh.automata import fsa, lev

SPELL_FIELD = "spell"


class Vocabulary:
    """The spelling words of an index's segments, each segment's read once."""

    def __init__(self) -> None:
        self._segments: dict[str, list[str]] = {}

    def within(self, reader: Any, text: str, maxdist: int, prefix: int = 1) -> set[str]:
        """The words of `reader`'s segments within `maxdist` Damerau-Levenshtein edits of
        `text`, sharing its first `prefix` letters (as whoosh's `terms_within`)."""
        dfa = lev.levenshtein_automaton(text, maxdist, prefix).to_dfa()
        found: set[str] = set()
        current: dict[str, list[str]] = {}
        for leaf, _ in reader.leaf_readers():
            words = self._words(leaf)
            current[_segment_id(leaf)] = words
            if words:
                found.update(fsa.find_all_matches(dfa, _lookup(words)))
        self._segments = current
        return found

    def _words(self, leaf: Any) -> list[str]:
        key = _segment_id(leaf)
        words = self._segments.get(key)
        if words is None:
            words = []
            with contextlib.suppress(Exception):  # a segment without spelling words
                field = leaf.schema[SPELL_FIELD]
                # In UTF-8 byte order on disk: the order of Python's strings too.
                words = [field.from_bytes(b) for b in leaf.lexicon(SPELL_FIELD)]
            self._segments[key] = words
        return words


def _segment_id(leaf: Any) -> str:
    try:
        return str(leaf.segment().segment_id())
    except Exception:  # not a segment reader: never cached across calls
        return f"reader-{id(leaf)}"


def _lookup(words: list[str]) -> Any:
    """The first word >= s, or None: what the automaton walk asks of a term dictionary."""

    def first_at_or_after(s: str) -> str | None:
        i = bisect_left(words, s)
        return words[i] if i < len(words) else None

    return first_at_or_after
