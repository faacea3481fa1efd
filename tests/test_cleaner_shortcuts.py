"""Shortcuts the cleaner takes for speed, each against the plain definition it stands for."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.cleaner.body import build_units
from parallax.index.cleaner.text import fold, words

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _plain_fold(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["’", "Don", "ß", "É", "e\u0301", "İ", "ﬁ", " ", "K", "\u212a", "’’"])
        | st.text(alphabet=st.characters(max_codepoint=127), max_size=4)
        | st.text(max_size=3),
        max_size=10,
    ).map("".join)
)
def test_fold_is_lower_case_without_accents(text):
    assert fold(text) == _plain_fold(text)


_LINE = st.lists(
    st.sampled_from(["Home", "don’t", "U.S.", "-", "  ", "\t", "é", "x_y", "’", "Menu", "a"])
    | st.text(max_size=4),
    max_size=8,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=5), st.lists(st.integers(0, 4), max_size=20))
def test_units_repeating_a_text_have_its_words_and_key(pool, picks):
    pool = [line.replace("\n", " ").replace("\r", " ") for line in pool]
    lines = [pool[pick % len(pool)] for pick in picks] + pool
    for unit in build_units(lines):
        assert unit.tokens == words(unit.text)
        assert unit.n_words == len(unit.tokens)
        assert unit.key == _plain_fold(" ".join(unit.tokens))
