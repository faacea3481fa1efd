"""Shortcuts the cleaner takes for speed, each against the plain definition it stands for."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.cleaner.text import fold

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
    st.sampled_from(["The", "ÉTÉ", "don’t", "İl", "U.S.", "x_y", "straße", "ΣΑΣ", "-", "K"])
    | st.text(max_size=4),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=50))
def test_the_opening_words_are_the_body_s_first_words_lowered(lines):
    from parallax.index.cleaner.body import build_units, classify_units
    from parallax.index.cleaner.pipeline import _LANGUAGE_WORDS, _opening_words

    units = build_units([line.replace("\n", " ").replace("\r", " ") for line in lines])
    classify_units(units)
    plain = [t for u in units[:40] for t in u.tokens][:_LANGUAGE_WORDS]
    assert _opening_words(units) == " ".join(plain).lower().split()


def _plain_runs(units):
    from parallax.index.cleaner.body import _MAX_SHORT_GAP, _MAX_SOFT_GAP, BREAKING, Run

    def breaks(gap):
        short = sum(1 for u in gap if u.label is None)
        return (
            any(u.label in BREAKING for u in gap)
            or len(gap) > _MAX_SOFT_GAP
            or short > _MAX_SHORT_GAP
        )

    runs = []
    for index in [u.index for u in units if u.prose]:
        if runs and not breaks(units[runs[-1].end + 1 : index]):
            runs[-1].units.append(index)
            runs[-1].end = index
        else:
            runs.append(Run([index], index, index))
    return runs


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.sampled_from([None, None, None, "byline", "tags", "caption", "related_block"]),
        ),
        max_size=60,
    )
)
def test_runs_of_prose_break_where_the_gap_says(shapes):
    from parallax.index.cleaner.body import Unit, find_runs

    units = []
    for index, (prose, label) in enumerate(shapes):
        unit = Unit(index, [index], "x", "x", ["x"])
        unit.prose, unit.label = prose and label is None, label
        units.append(unit)
    assert find_runs(units) == _plain_runs(units)
