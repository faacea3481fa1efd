"""The metadata finders' shortcuts (speed, round 5) answer as the plain forms they stand for."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_cleaner_shortcuts import _lines  # lines of pieces, noise and odd cases

from parallax.index.cleaner import metadata
from parallax.index.cleaner.text import words

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


def test_capitals_are_the_regex_classes() -> None:
    capital = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž]")
    bio_first = re.compile(r"[A-ZÀ-ÖØ-Þ]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (capital.match(char) is not None) == (char in metadata._CAPITALS)
        assert (bio_first.match(char) is not None) == (char in metadata._BIO_OPENS)
    assert metadata._CAPITAL.pattern == capital.pattern
    assert metadata._BIO.pattern.startswith(r"(?P<name>(?:[A-ZÀ-ÖØ-Þ]")


_NAME_WORDS = ["Jane", "DOE", "doe", "DoeMarch", "janeUpdated", "McDonald", "O’Neil", "x", "É"]
_NAME_WORDS += ["aS", "zW", "Ab", "ı", "ſ", "1", "-", "dT", "DOEmarch"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_NAME_WORDS), max_size=4).map("".join))
def test_a_word_may_be_glued_where_the_regex_finds_glue(word) -> None:
    assert metadata._may_be_glued(word) == (metadata._GLUED_HINT.search(word) is not None)


_HEADLINE_OPENERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
_HEADLINE_OPENERS += [chr(c) for c in range(ord("A"), ord("Z") + 1)]
_HEADLINE_OPENERS += ["please", "Search", "most read", "Foto 2 de 5", "Photo 1 of 3", "image"]
_HEADLINE_OPENERS += ["BILD 1 / 2", "slide", "published", "Posted", "UPDATED", "last updated"]
_HEADLINE_OPENERS += ["publicado", "actualizado", "pubblicato", "aggiornato", "veröffentlicht"]
_HEADLINE_OPENERS += ["aktualisiert", "publié", "mis à jour", "media caption", "Video caption"]
_HEADLINE_OPENERS += ["ſearch", "İmage", "(x)", "2025", " ", "\n", ",", "...", "…", "/", "\\"]


@settings(max_examples=1500, deadline=None)
@given(_lines(_HEADLINE_OPENERS, max_size=5))
@example("Search\n")
@example("Headline,\n")
@example("Headline...\n\n")
def test_not_headline_answers_as_its_three_regexes(line) -> None:
    plain = bool(
        metadata._NOT_HEADLINE_START.match(line)
        or metadata._NOT_HEADLINE_END.search(line, max(0, len(line) - 4))
        or metadata._NOT_HEADLINE_ANYWHERE.search(line)
    )
    assert metadata._not_headline(line) == plain


_LABEL_OPENERS = ["author", "Author:", "AUTHOR -", "written by", "Written  by", "posted by"]
_LABEL_OPENERS += ["Posted by:", "about the author", "About The Author —", "Jane Doe", "w", "a"]
_LABEL_OPENERS += [
    "Jane Doe is a senior writer",
    " is ",
    "is",
    "p",
    "•",
    "* ",
    "o ",
    "1. ",
    "12) ",
    "٣. ",
    "ſ",
    "İ",
    " ",
    ":",
    "–",
    "x",
]


@settings(max_examples=800, deadline=None)
@given(_lines(_LABEL_OPENERS, max_size=5))
@example("About the author Jane Doe")
@example("Posted by: Jane Doe")
@example("Jane Doe\tis a senior writer")
def test_author_label_and_bullet_as_their_regexes(line) -> None:
    found, plain = metadata._author_label(line), metadata._AUTHOR_LABEL.match(line)
    assert (found and found.span()) == (plain and plain.span())
    if not metadata._may_be_bulleted(line):
        assert metadata._BULLET_START.match(line) is None
    if not metadata._may_be_bio(line):
        assert metadata._BIO.match(line) is None


def test_a_bullet_opens_with_what_may_be_bulleted_says() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        for line in (f"{char} x", f"{char}{char} x", f"{char}. x", f"{char}) x"):
            if metadata._BULLET_START.match(line):
                assert metadata._may_be_bulleted(line)


def test_each_author_label_in_each_case() -> None:
    for label in ["author", "written by", "posted by", "about the author"]:
        for form in (label, label.upper(), label.title(), label.capitalize()):
            line = f"{form}: Jane Doe"
            assert metadata._author_label(line).span() == metadata._AUTHOR_LABEL.match(line).span()


_TITLE_PIECES = ["Headline", "of", "the", "Year", "don't", "U.S.", "COVID-19", "well-known", "x"]
_TITLE_PIECES += ["abc", "abcd", "ab12cdef", "élan", "Straße", "_under_score", "2025", "’", "ſ"]


@settings(max_examples=1000, deadline=None)
@given(_lines(_TITLE_PIECES, max_size=10))
@example("Don't Miss the Well-Known COVID-19 Story of 2025")
@example("abc1defg hijk_lmno")
def test_long_words_are_the_regex_runs(line) -> None:
    assert metadata._long_words(line, words(line)) == metadata._TITLE_WORD.findall(line)


_COMMENT_PIECES = ["comment", "Comments", "COMMENT", "replies", "Replies", "response", "respond"]
_COMMENT_PIECES += ["repl\u0131es", "reſpond", "comment\u017f", "leave a reply", "x", "2"]


@settings(max_examples=800, deadline=None)
@given(_lines(_COMMENT_PIECES, max_size=6))
def test_no_comments_heading_where_its_words_are_missing(line) -> None:
    if not metadata._COMMENTS_WORDS.may_hold(line):
        assert metadata._COMMENTS.search(line) is None


_SPLIT_PIECES = ["Jane Doe", "John Roe", "and", "And", "und", "y", "e", "et", "og", "och", "en"]
_SPLIT_PIECES += [",", ";", "/", "&", " ", "\t", "\u2003", "\n", "x", "band", "ye", "É"]


@settings(max_examples=1000, deadline=None)
@given(_lines(_SPLIT_PIECES, max_size=8))
@example("Jane Doe\u2003y\u2003John Roe")
@example("Jane Doe & John Roe")
def test_names_are_split_as_the_regex_splits_them(line) -> None:
    assert metadata._split_names(line) == metadata._NAME_SPLIT.split(line)


_CUT_PIECES = ["Jane Doe", "Reporter", " ", "|", "•", "·", "—", "–", "-", "\t", "\n", "x", "É"]


@settings(max_examples=800, deadline=None)
@given(_lines(_CUT_PIECES, max_size=8))
@example("Jane Doe · Reporter")
def test_a_person_line_is_cut_as_the_regex_cuts_it(line) -> None:
    plain = metadata._PERSON_LINE_CUT.split(line, maxsplit=1)[0]
    assert metadata._person_head(line) == plain


_TOKEN_PIECES = ["Jane", "jane", "DOE", "Ā", "ā", "É", "J", "2", "²", "_", "'", "’", ".", "-"]
_TOKEN_PIECES += ["ſ", "\u0130", "ß", "\n", " ", "Mc", "A.", "B.", "Σ", "Ж"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_PIECES), min_size=1, max_size=5).map("".join))
@example("Jane\n")
@example("Ā2b")
def test_name_tokens_as_the_regex(token) -> None:
    assert metadata._name_token(token) == (metadata._NAME_TOKEN.match(token) is not None)


def test_word_characters_are_what_isalnum_tells() -> None:
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (word.fullmatch(char) is not None) == (char.isalnum() or char == "_")
