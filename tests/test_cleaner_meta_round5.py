"""The metadata finders' shortcuts (speed, round 5) answer as the plain forms they stand for."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_cleaner_shortcuts import _lines  # lines of pieces, noise and odd cases

from parallax.index.cleaner import metadata

_BY_OPENERS = ["by", "By", "BY", "byline", "bylines", "Written by", "posted by", "Published by"]
_BY_OPENERS += ["reported by", "Words by", "Words written by", "text by", "Story by", "Reporting"]
_BY_OPENERS += ["reporting by", "compiled by", "Edited by", "photo by", "Photos and text by"]
_BY_OPENERS += ["von", "Von ", "por", "Por:", "par", "PAR ", "escribe", "Escrito por", "autor"]
_BY_OPENERS += ["Autora:", "autore", "Autorin", "author", "Author:", "reporter", "Writer: "]
_BY_OPENERS += ["texto", "Text:", "byJane", "ByJane", "Jane", "Doe", "2025", "st", "co", "w"]
_BY_OPENERS += ["\u017ftory by", "\u017fTORY BY", "b\u0131", "\u212a", "é", "Über"]


def _same_by_match(line: str) -> bool:
    found, plain = metadata._by_match(line), metadata._BY.match(line)
    return (found and found.span()) == (plain and plain.span())


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        _lines(_BY_OPENERS, max_size=6),
        st.lists(st.sampled_from(_BY_OPENERS + [" ", ":", ", ", "\t", "x"]), max_size=5).map(
            "".join
        ),
    )
)
@example("\u017ftory by Jane Doe")
def test_byline_start_is_matched_as_the_regex_matches_it(line) -> None:
    assert _same_by_match(line)


def test_every_byline_opening_is_known() -> None:
    # Each word a match of `_BY` may open a line with, in each case, and "by" after it.
    opening = ["by", "byline", "written", "posted", "published", "reported", "words", "text"]
    opening += ["words written", "story", "reporting", "compiled", "edited", "photo", "photos"]
    opening += ["photos and text", "von", "por", "par", "escribe", "escrito por", "autor"]
    opening += ["autora", "autore", "autorin", "author", "reporter", "writer", "texto"]
    for word in opening:
        for line in (f"{word} by Jane Doe", f"{word} Jane Doe", f"{word}: Jane Doe"):
            for form in (line, line.upper(), line.title()):
                assert _same_by_match(form)
    assert metadata._by_match("Escrito por Jane Doe") is not None
    assert metadata._by_match("byJane Doe") is not None


def test_a_bullet_and_a_space_are_the_regex_classes() -> None:
    bullet_class = re.compile(r"[•·▪●◦‣∙■□►▸*+-]")
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (bullet_class.fullmatch(char) is not None) == (char in metadata._BULLETS)
        assert (space.fullmatch(char) is not None) == char.isspace()


_BULLET_PIECES = ["•", "·", "*", "+", "-", "o", "O", "1.", "12)", "123.", "٣.", " ", "\u2003"]
_BULLET_PIECES += ["Headline", "Title of a post", "Jane Doe", "2025", "\t", "\n", "x"]


@settings(max_examples=1500, deadline=None)
@given(_lines(_BULLET_PIECES, max_size=6))
@example("• Headline of a post")
@example("•\u2003Headline of a post")
@example("o Headline of a post")
@example("1. Headline of a post")
def test_headline_shaped_answers_as_headline_like(line) -> None:
    metadata.headline_like.cache_clear()
    shaped = metadata._headline_shaped(line)
    metadata.headline_like.cache_clear()
    assert shaped == _plain_headline_like(line)


def _plain_headline_like(text: str) -> bool:
    """`metadata.headline_like` with its bullet and byline tests as the plain regexes."""
    if metadata._BULLET_START.match(text) or metadata._BY.match(text):
        return False
    return metadata.headline_like.__wrapped__(text)
