"""Alignment parts on made-up text: features, pairs, rows, quotes, speakers, spellings, wire
copies (a synthetic wire story run by two outlets), and properties on arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from parallax.index.analysis import load_aliases
from parallax.index.compare import compare
from parallax.index.compare.align import Match, build_rows
from parallax.index.compare.features import Vocabulary, word_overlap
from parallax.index.compare.names import find_variants, skeleton
from parallax.index.compare.people import find_mentions
from parallax.index.compare.quotes import find_speech, quote_spans
from parallax.index.compare.wire import credited_agency, find_syndication
from parallax.index.model import Article
from parallax.index.sentences import split_sentences

ALIASES = load_aliases()


def article(outlet: str, *paragraphs: str, agency: str | None = None) -> Article:
    return Article(outlet=outlet, agency=agency, paragraphs=list(paragraphs))


def speech(text: str):
    return find_speech(text, split_sentences(text), ALIASES)


# ---- features ---------------------------------------------------------------------------------


def test_terms_fold_names_synonyms_and_british_spelling() -> None:
    v = Vocabulary(ALIASES)
    a = v.features("Sergey Lavrov condemned the illicit normalisation in Kiev.")
    b = v.features("Sergei Lavrov denounced the unlawful normalization in Kyiv.")
    assert a.terms == b.terms
    assert word_overlap(a.words, b.words) < 1.0  # the words themselves differ


def test_us_is_a_name_not_the_pronoun_or_useful() -> None:
    v = Vocabulary(ALIASES)
    assert "US" in v.features("The U.S. said so.").terms
    assert v.features("The US said so.").terms == v.features("The U.S. said so.").terms
    assert "US" not in v.features("It was useful to us.").terms


# ---- pairs and rows ---------------------------------------------------------------------------


def test_reworded_same_and_unique() -> None:
    a = article(
        "A",
        "The foreign minister said the talks were useful and constructive.",
        "Rain fell over the capital for a third day.",
        "The central bank raised interest rates by half a point on Tuesday.",
    )
    b = article(
        "B",
        "The central bank raised interest rates by half a point on Tuesday!",
        "A volcano erupted on a remote island.",
        "Talks were constructive and useful, the foreign minister stated.",
    )
    c = compare([("a", a), ("b", b)])
    kinds = {(p.a[1], p.b[1]): p.kind for p in c.pairs}
    assert kinds == {(0, 2): "reworded", (2, 0): "same"}
    assert c.unique == {"a": [1], "b": [1]}


def test_two_outlets_telling_one_event_in_their_own_words() -> None:
    a = article(
        "Daily A",
        "BERLIN – German Chancellor Friedrich Merz said on Wednesday that Europe must take more "
        "responsibility for its own defence.",
        "“We cannot rely on others to guarantee our security any longer,” Merz told reporters.",
        "Tusk welcomed the proposal. “This is a historic moment for our cooperation,” he said.",
        "Poland spends more than 4% of its GDP on defence, the highest share in NATO.",
    )
    b = article(
        "Paper B",
        "The Polish prime minister, Donald Tusk, called the plan “a historic moment for our "
        "co-operation”.",
        "Berlin and Warsaw have clashed for years over reparations for the Second World War.",
        "Merz argued that Europe can no longer count on others to ensure its security, "
        "according to a transcript released by his office.",
        "Poland devotes over 4 percent of economic output to its military, more than any other "
        "NATO member.",
    )
    c = compare([("a", a), ("b", b)])
    assert {(p.a[1], p.b[1]): p.kind for p in c.pairs} == {
        (1, 2): "reworded",  # the same words of Merz, quoted and reported
        (3, 0): "reworded",  # Tusk's quote, framed differently: matched through the quote
        (4, 3): "reworded",
    }
    tusk = next(q for q in c.quotes if len(q.texts) == 2 and "historic" in q.texts["a"])
    assert tusk.speaker == "Donald Tusk"
    assert c.unique == {"a": [0, 2], "b": [1]}


def test_shared_names_alone_do_not_make_a_match() -> None:
    a = article("A", "Donald Trump and Vladimir Putin will hold a summit in Riyadh.")
    b = article("B", "Donald Trump criticised Vladimir Putin over strikes on Kyiv hospitals.")
    assert compare([("a", a), ("b", b)]).pairs == []


def test_rows_keep_every_article_in_reading_order() -> None:
    matches = {
        (0, 1): [Match(1, 2, "same", 1.0)],
        (0, 2): [],
        (1, 2): [Match(0, 0, "reworded", 0.5)],
    }
    rows = build_rows(["a", "b", "c"], [3, 4, 2], matches)
    for article_id, count in (("a", 3), ("b", 4), ("c", 2)):
        order = [i for r in rows for i in r.cells.get(article_id, ())]
        assert order == list(range(count))
    shared = [r for r in rows if r.kind != "unique"]
    assert [r.cells for r in shared] == [{"b": (0,), "c": (0,)}, {"a": (1,), "b": (2,)}]


def test_six_articles_at_most_and_no_repeats() -> None:
    one = article("A", "Text.")
    with pytest.raises(ValueError, match="2 to 6"):
        compare([("a", one)])
    with pytest.raises(ValueError, match="2 to 6"):
        compare([(str(i), one) for i in range(7)])
    with pytest.raises(ValueError, match="twice"):
        compare([("a", one), ("a", one)])


# ---- quotes and speakers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“We will not give up our land,” Volodymyr Zelensky said.", "Volodymyr Zelensky"),
        ("“We will not give up our land,” said Volodymyr Zelensky.", "Volodymyr Zelensky"),
        ("According to Olaf Scholz, “this is a very dangerous moment.”", "Olaf Scholz"),
        (
            "Kremlin spokesman Dmitry Peskov spoke on Monday. “The talks went well enough,” the "
            "Kremlin spokesman told reporters.",
            "Dmitry Peskov",
        ),
        (
            "Marco Rubio flew home. Later he said: “We made real progress on embassies.”",
            "Marco Rubio",
        ),
        (
            "Marco Rubio met Sergei Lavrov. “It was a useful first meeting,” Lavrov said.",
            "Sergei Lavrov",
        ),
        (
            "Lavrov's deputy Sergei Ryabkov, speaking to state media, said that “the work has "
            "only just begun.”",
            "Sergei Ryabkov",
        ),
        ("Olaf Scholz spoke. “We are ready. We will win this together,” he said.", "Olaf Scholz"),
        ("“We are ready for anything,” Macron said. “And we will win.”", "Macron"),
        (
            "Emmanuel Macron was asked about it.\n\n“We are ready for anything,” the French "
            "president said.",
            "Emmanuel Macron",
        ),
    ],
)
def test_speakers(text: str, speaker: str) -> None:
    quotes = speech(text).quotes
    assert quotes and quotes[-1].speaker == speaker


def test_an_indefinite_speaker_is_kept_as_written() -> None:
    quotes = speech(
        "“Both sides identified concrete steps,” a State Department spokesman said."
    ).quotes
    assert quotes[0].speaker == "a State Department spokesman" and quotes[0].speaker_key is None


def test_quote_marks_lost_in_the_scrape() -> None:
    body = 'He said the aim was to resolve "systemic problems that have accumulated over years.'
    assert [body[s:e] for s, e in quote_spans(body)] == [
        "systemic problems that have accumulated over years."
    ]
    body = 'Putin said that part of the elites will try to disrupt the dialogue," adding more.'
    assert [body[s:e] for s, e in quote_spans(body)] == [
        "part of the elites will try to disrupt the dialogue"
    ]


def test_scare_quotes_are_not_quotes() -> None:
    assert quote_spans("They prepared the “table” for “Western elites” to see.") == []


def test_the_same_quote_translated_differently_is_matched() -> None:
    a = article(
        "A",
        "Foreign Minister Sergei Lavrov spoke in Doha. “The illegal actions of the previous "
        "administration created artificial obstacles for our embassy,” Lavrov said.",
    )
    b = article(
        "B",
        "Russian Foreign Minister Sergey Lavrov said the unlawful actions of the former "
        "administration had created artificial barriers to the embassy's work.",
        "Nobody else spoke.",
    )
    c = compare([("a", a), ("b", b)])
    matched = [q for q in c.quotes if len(q.texts) == 2]
    assert len(matched) == 1 and "Lavrov" in (matched[0].speaker or "")


def test_quotes_of_different_speakers_are_not_matched() -> None:
    a = article(
        "A", "Olaf Scholz met Emmanuel Macron. “We stand united with Ukraine,” Scholz said."
    )
    b = article(
        "B", "Olaf Scholz met Emmanuel Macron. “We stand united with Ukraine,” Macron said."
    )
    c = compare([("a", a), ("b", b)])
    assert all(len(q.texts) == 1 for q in c.quotes)


# ---- names ------------------------------------------------------------------------------------


def test_people_and_their_titles() -> None:
    got = [
        (m.name, m.title)
        for m in find_mentions(
            "Turkish President Recep Tayyip Erdogan met the European Council's António Costa."
        )
    ]
    assert got == [("Recep Tayyip Erdogan", "Turkish President"), ("António Costa", "")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A given name that ends like a nationality is still a given name.
        ("said party spokesman Brian Kovacs.", [("Brian Kovacs", "spokesman")]),
        ("Brazilian Jair Bolsonaro spoke.", [("Jair Bolsonaro", "Brazilian")]),
        ("Congresswoman Lena Varga voted.", [("Lena Varga", "Congresswoman")]),
        # A sentence adverb is not a given name; a lone surname needs a title or an earlier
        # full name.
        ("Plus Doyle said no.", []),
        ("Later Mark Doyle said no.", [("Mark Doyle", "")]),
    ],
)
def test_names_among_titles_and_openers(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.name, m.title) for m in find_mentions(text)] == expected


def test_a_speaker_has_one_name_across_the_articles() -> None:
    """One outlet writes "President Varga" throughout, the other her full name: both
    outlets' quotes of her carry the full name, and a shared quote too."""
    a = article(
        "A",
        "President Varga signed the budget on Monday.",
        "“This budget keeps every promise we made to the voters,” Varga said.",
        "“We will not raise taxes on working families this year,” Varga added.",
    )
    b = article(
        "B",
        "President Lena Varga signed the budget on Monday after a long night of talks.",
        "“This budget keeps every promise we made to the voters,” Lena Varga said.",
    )
    c = compare([("a", a), ("b", b)])
    assert {q.speaker for q in c.quotes} == {"Lena Varga"}
    assert any(len(q.texts) == 2 for q in c.quotes)


def test_transliterations_meet() -> None:
    assert skeleton("zelenskyy") == skeleton("zelenskiy") == skeleton("zelenskii")
    assert skeleton("medvedyev") != skeleton("medinsky")


def test_variants_from_the_table_and_from_transliteration() -> None:
    variants = find_variants(
        [
            ("a", "Dmytro Kuleba spoke in Kiev. Mr Kuleba met Mikhail Mishustin."),
            ("b", "Dmitro Kuleba spoke in Kyiv. Kuleba met Mikhail Mishustin."),
        ],
        ALIASES,
    )
    spellings = {v.entity: v.spellings for v in variants}
    kuleba = next(s for e, s in spellings.items() if "Kuleba" in e)
    assert kuleba == {"a": "Dmytro Kuleba", "b": "Dmitro Kuleba"}
    assert next(s for e, s in spellings.items() if e in ("Kyiv", "Kiev")) == {
        "a": "Kiev",
        "b": "Kyiv",
    }
    assert not any("Mishustin" in e for e in spellings)  # spelled alike


# ---- wire copies ------------------------------------------------------------------------------

WIRE = [
    "Ministers from the two countries met for six hours behind closed doors on Thursday and agreed to restore embassy staffing, a senior official said after the talks ended late in the evening.",
    "The official, who spoke on condition of anonymity because he was not authorised to brief reporters, said a second round would follow within weeks in the same city.",
    "Relations between the two capitals have been at their lowest point in decades after a series of expulsions that left both missions barely able to issue visas.",
]


def test_a_wire_story_run_by_two_outlets_one_without_credit() -> None:
    credited = article(
        "Outlet One", *WIRE, "Outlet One's own closing line about markets.", agency="AP"
    )
    uncredited = article("Outlet Two", "A paragraph the second outlet added on top.", *WIRE[:2])
    other = article(
        "Outlet Three", "A different story about football and the weather in spring, told in full."
    )
    c = compare([("one", credited), ("two", uncredited), ("three", other)])
    assert len(c.syndication) == 1
    wire = c.syndication[0]
    assert wire.ids == ["one", "two"] and wire.agency == "AP" and wire.shared > 0.7
    assert {p.kind for p in c.pairs if {p.a[0], p.b[0]} == {"one", "two"}} == {"same"}


def test_a_wire_story_no_copy_credits_is_still_found() -> None:
    one = article("Outlet One", *WIRE)
    two = article("Outlet Two", *WIRE[1:])
    wire = compare([("one", one), ("two", two)]).syndication
    assert len(wire) == 1 and wire[0].agency is None


def test_an_agency_credited_in_the_text() -> None:
    assert credited_agency("ISTANBUL (AP) — Talks began.") == "AP"
    assert credited_agency("Talks began.\n\nMore later. — Reuters") == "Reuters"
    assert credited_agency("Talks began in the map of the world.") is None


def test_syndication_shares_are_of_the_shorter_copy() -> None:
    long_copy = " ".join(WIRE) + " " + " ".join(f"extra{i} words here now" for i in range(200))
    found = find_syndication([("a", long_copy, None), ("b", WIRE[0] + " " + WIRE[1], None)])
    assert found and found[0].shared == 1.0


# ---- properties -------------------------------------------------------------------------------

_PIECES = [
    "“", "”", '"', "'", "’", " ", "\n", "\n\n", ".", ",", "said", " he ", "she said", "Mr.",
    "Sergei Lavrov", "Lavrov", "according to", "the Kremlin leader", "a spokesman", "—", "(",
    ")", "U.S.", "Kiev", "Kyiv", "word", "Another Name", "x", "1.5", "…", "said that", ":",
]  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=200), st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)
)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
@example("0 0 0 ,”")  # a quote that opens on nothing: its text had a trailing space
def test_speech_never_raises_and_quotes_lie_in_the_text(text: str) -> None:
    sentences = split_sentences(text)
    found = find_speech(text, sentences, ALIASES)
    for q in found.quotes:
        assert text[q.start : q.end] == q.text and q.text.strip() == q.text
        assert 0 <= q.sentence < len(sentences)
    for index in found.reported:
        assert 0 <= index < len(sentences)


@settings(max_examples=60, deadline=None)
@given(_TEXT, _TEXT)
def test_compare_never_raises_and_covers_every_sentence(one: str, two: str) -> None:
    c = compare([("a", article("A", one)), ("b", article("B", two))])
    for a in c.articles:
        placed = sorted(i for r in c.rows for i in r.cells.get(a.id, ()))
        assert placed == list(range(len(a.sentences)))
    for p in c.pairs:
        assert p.a[0] == "a" and p.b[0] == "b" and 0 < p.score <= 1.0
    c.to_json()
    c.to_markdown()


def test_a_spelling_in_capitals_is_the_same_spelling() -> None:
    variants = find_variants(
        [("a", "RIYADH – Talks in Riyadh went on."), ("b", "Talks in Riyadh ended.")], ALIASES
    )
    assert not any("Riyadh" in v.entity or "RIYADH" in v.entity for v in variants)
