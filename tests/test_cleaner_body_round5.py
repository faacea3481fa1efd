"""Shortcuts of the cleaner's first pass (round 5), each against its plain form."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.cleaner import pipeline
from parallax.index.cleaner.text import collapse, soft_normalise, strip_html_residue


def test_ascii_controls_are_the_ascii_characters_not_printable_but_the_line_break():
    refused = {chr(c) for c in range(128) if not chr(c).isprintable()}
    assert set(pipeline._ASCII_CONTROLS) == refused - {"\n"}


def _plain_normalise(text: str) -> tuple[list[str], list[str], list[tuple]]:
    """`_normalise_lines` the long way: each line soft-normalised, then its residue stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    lines = [soft_normalise(raw) for raw in raw_lines]
    changes = []
    for number, soft in enumerate(lines):
        stripped = strip_html_residue(soft)
        if stripped != soft:
            changes.append((number + 1, raw_lines[number], collapse(stripped)))
            lines[number] = stripped
    return raw_lines, lines, changes


_PIECES = st.sampled_from(
    ["word", " ", "\n", "\r\n", "\t", "\x07", "\x1f", "\x7f", "\x00", "\x85", "é", "e\u0301"]
    + ["\u1100\u1161", "<\u0338", "\u226e", "\xa0", "\u200b", "’", "“", "\u2028", "\ue000"]
    + ["<b>", "</a>", "&amp;", "&#233;", "a & b", "x < y", "\u212b", "\U0001f600"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=4), max_size=16).map("".join))
def test_lines_are_normalised_as_the_long_way_does(text):
    changes: list = []
    raw_lines, lines = pipeline._normalise_lines(text, changes)
    assert (raw_lines, lines, [(c.line, c.before, c.after) for c in changes]) == (
        _plain_normalise(text)
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ascii line", "\t", "\x1f", "\x7f", "\n", "é", "’"]), max_size=12))
def test_a_control_in_an_ascii_line_is_seen_beside_lines_that_are_not_ascii(pieces):
    text = "".join(pieces)
    assert pipeline._normalise_lines(text, [])[1] == _plain_normalise(text)[1]


def _page(specs) -> list:
    from parallax.index.cleaner.body import Unit
    from parallax.index.cleaner.text import words

    units = []
    for index, (tokens, ending, label, prose, complete, repeated) in enumerate(specs):
        text = " ".join(tokens) + ending or "x"
        unit = Unit(index, [index], text, text, words(text))
        unit.label = label
        unit.prose = prose
        unit.complete = prose and complete
        unit.repeated = repeated
        units.append(unit)
    return units


_KEY_WORDS = st.sampled_from(
    ["s", "as", "bus", "gas", "cats", "class", "glass", "stores", "storms"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            _KEY_WORDS
            | st.sampled_from(["their", "these", "with", "über", "ßs"])
            | st.text("sS é", max_size=9),
            max_size=8,
        ).map(" ".join),
        min_size=1,
        max_size=5,
    )
)
def test_stems_are_the_vocabulary_cut_as_documented(keys):
    from parallax.index.cleaner import body
    from parallax.index.cleaner.text import ALL_FUNCTION_WORDS

    units = _page([([key], "", None, True, True, False) for key in keys])
    for unit, key in zip(units, keys, strict=True):
        unit.key = key
    vocabulary = {t for key in keys for t in key.split() if len(t) > 3} - ALL_FUNCTION_WORDS
    plain = {(word[:-1] if word.endswith("s") else word)[:6] for word in vocabulary}
    assert body._stems(units, range(len(units))) == plain
