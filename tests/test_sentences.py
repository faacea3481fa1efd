"""The sentence splitter: tables of news sentences, the seeds, and properties on any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", ["One.", "Two."]),
        ("Mr. Lavrov met Marco Rubio.", ["Mr. Lavrov met Marco Rubio."]),
        (
            "Gen. Smith and Dr. Jones spoke. They agreed.",
            ["Gen. Smith and Dr. Jones spoke.", "They agreed."],
        ),
        (
            "It began (Feb. 27) in Istanbul. It ended.",
            ["It began (Feb. 27) in Istanbul.", "It ended."],
        ),
        ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
        ("The U.S. State Department agreed.", ["The U.S. State Department agreed."]),
        ("Talks with the U.S. The meeting ended.", ["Talks with the U.S.", "The meeting ended."]),
        ("Donald J. Trump spoke. He left.", ["Donald J. Trump spoke.", "He left."]),
        ("J.K. Rowling wrote it.", ["J.K. Rowling wrote it."]),
        ("At 9 a.m. Moscow time it began.", ["At 9 a.m. Moscow time it began."]),
        ("It opened at 9 a.m. The talks lasted.", ["It opened at 9 a.m.", "The talks lasted."]),
        ("Growth was 3.5 percent. Prices rose.", ["Growth was 3.5 percent.", "Prices rose."]),
        ("It cost $1.2bn in 2025. That was all.", ["It cost $1.2bn in 2025.", "That was all."]),
        ("“Why?” he asked. She left.", ["“Why?” he asked.", "She left."]),
        ("“We are ready.” Lavrov smiled.", ["“We are ready.”", "Lavrov smiled."]),
        ('"We are ready." Lavrov smiled.', ['"We are ready."', "Lavrov smiled."]),
        ("“Why now?” Lavrov asked. He left.", ["“Why now?” Lavrov asked.", "He left."]),
        ('"Done?" President Trump asked reporters.', ['"Done?" President Trump asked reporters.']),
        ("He said: “It is over.” Then he left.", ["He said: “It is over.”", "Then he left."]),
        ("“We hope,” he said, “for peace.”", ["“We hope,” he said, “for peace.”"]),
        ("Wait... and see. Done!", ["Wait... and see.", "Done!"]),
        ("It was regional… Then came more.", ["It was regional…", "Then came more."]),
        ("Apple Inc. said so. Shares rose.", ["Apple Inc. said so.", "Shares rose."]),
        ("Peace? Yes! Now.", ["Peace?", "Yes!", "Now."]),
        ("Reports (AP). The rest.", ["Reports (AP).", "The rest."]),
        (
            "First paragraph without a stop\n\nSecond one.",
            ["First paragraph without a stop", "Second one."],
        ),
        ("A headline\nThe body starts.", ["A headline", "The body starts."]),
        (
            "in Washington. I\nn the meantime, he spoke.",
            ["in Washington.", "I\nn the meantime, he spoke."],
        ),
        (
            "– António Costa (@eucopresident) February 27, 2025",
            ["– António Costa (@eucopresident) February 27, 2025"],
        ),
        (
            "FERGUSON, Mo. -- Attorney General Eric Holder said so. He left.",
            ["FERGUSON, Mo. -- Attorney General Eric Holder said so.", "He left."],
        ),
        ("DOVER, Del. — The vote passed.", ["DOVER, Del. — The vote passed."]),
        ("See eunews.it for more. Bye.", ["See eunews.it for more.", "Bye."]),
        ("He visited St. Petersburg. It rained.", ["He visited St. Petersburg.", "It rained."]),
        (
            "The ministry (i.e. the state) paid. Fine.",
            ["The ministry (i.e. the state) paid.", "Fine."],
        ),
        ("  \n\n  ", []),
        ("", []),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_index_the_text() -> None:
    text = "  Mr. Lavrov spoke.\n\n“It is over,” he said.  "
    sentences = split_sentences(text)
    assert [(s.start, s.end) for s in sentences] == [(2, 19), (21, 43)]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_seed_body() -> None:
    body = (SEEDS / "001_df3f194443e8ec7b.txt").read_text(encoding="utf-8")
    got = texts(body)
    assert got[0] == (
        "Brussels – The second round of talks between Russian and U.S. officials to prepare the "
        "negotiating “table” for peace in Ukraine began this morning (Feb. 27) in Istanbul, Turkey."
    )
    assert (
        "The meeting is being held at the headquarters of the U.S. Consulate General in Istanbul."
        in got
    )
    assert any(s.endswith("to the work of the Russian embassy.”") for s in got)
    assert "– António Costa (@eucopresident) February 27, 2025" in got
    assert len(got) == 24


def test_agrees_with_pysbd_on_the_seed_bodies() -> None:
    """pysbd (slow, rule-heavy) as an oracle: the same boundaries on clean paragraphs."""
    pysbd = pytest.importorskip("pysbd")
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    body = (SEEDS / "001_df3f194443e8ec7b.txt").read_text(encoding="utf-8")
    ours = mine = 0
    for paragraph in body.split("\n"):
        if "\u2013 " in paragraph[:2] or not paragraph.strip():
            continue
        theirs = [s.strip() for s in seg.segment(paragraph) if s.strip()]
        got = texts(paragraph)
        ours += len(set(theirs) & set(got))
        mine += len(theirs)
    assert ours >= 0.9 * mine


_PIECES = list("abcXYZ .!?…\"'“”‘’«»()[]\n\t-–—,:;0123456789") + [
    "Mr.",
    "U.S.",
    "Feb.",
    " J. ",
    "...",
]
_NEWSY = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), _NEWSY))
def test_properties(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        assert s.text == text[s.start : s.end]
        assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
        assert s.start >= previous_end  # in order, no overlap
        assert not text[previous_end : s.start].strip()  # nothing but whitespace between
        previous_end = s.end
    assert not text[previous_end:].strip()
