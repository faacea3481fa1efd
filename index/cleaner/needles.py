"""Cheap exact pre-tests for the cleaner's costly regexes.

A regex that can only match where one of a few strings stands (an agency's name, "subscribe",
a handle's "@") need not run on a line that holds none of them. `Needles.may_hold` tells in
one pass over the line (an Aho-Corasick automaton, ahocorasick-rs) whether it holds one;
when it says no, the regex would have found nothing, so skipping it gives the same answer.

Strings that the regex matches without case (`re.IGNORECASE`) are looked for in the line
lower-cased. That is exact for ASCII strings: an ASCII letter of a pattern matches, without
case, its two cases and, outside ASCII, only "İ", "ı", "ſ" and the Kelvin sign ("K"), which
`str.lower` does not turn into that letter. A line holding one of those four is always
passed on to the regex (tests check the four against all of Unicode).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import ahocorasick_rs

# The characters outside ASCII that `re` matches to an ASCII letter when case is ignored.
ODD_CASE = frozenset("\u0130\u0131\u017f\u212a")
# (looked for one by one: four substring searches, where `ODD_CASE.isdisjoint(text)` read the
# text character by character, ~10 us on 1000 characters)
_ODD_A, _ODD_B, _ODD_C, _ODD_D = sorted(ODD_CASE)

_Find = Callable[[str], list[tuple[int, int, int]]]


def _automaton(strings: Iterable[str]) -> _Find | None:
    kept = [string for string in dict.fromkeys(strings) if string]
    if not kept:
        return None
    return ahocorasick_rs.AhoCorasick(
        kept, implementation=ahocorasick_rs.Implementation.DFA
    ).find_matches_as_indexes


def _holds(find: _Find, text: str) -> bool:
    try:
        return bool(find(text))
    except UnicodeEncodeError:
        return True  # a lone surrogate, which the automaton (UTF-8) cannot read: maybe


class Needles:
    """Whether a text may hold one of some strings: `exact` ones as written, `folded` ones
    (ASCII only) as `re.IGNORECASE` matches them. No means none is there; yes means maybe."""

    def __init__(self, exact: Iterable[str] = (), folded: Iterable[str] = ()) -> None:
        folded = [string.lower() for string in folded]
        if not all(string.isascii() for string in folded):
            raise ValueError("folded needles must be ASCII")
        self._exact = _automaton(exact)
        self._folded = _automaton(folded)

    def may_hold(self, text: str) -> bool:
        if self._exact is not None and _holds(self._exact, text):
            return True
        if self._folded is not None:
            if not text.isascii() and (
                _ODD_A in text or _ODD_B in text or _ODD_C in text or _ODD_D in text
            ):
                return True
            return _holds(self._folded, text.lower())
        return False
