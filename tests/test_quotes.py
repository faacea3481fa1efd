"""Who said it: quotes and their speakers on small texts written for these tests (the
attribution forms, pronouns, titles, quotes over several sentences or paragraphs, marks
lost in a scrape, posts, nested and curly or straight marks)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from parallax.index.analysis import load_aliases
from parallax.index.compare.people import person_key
from parallax.index.compare.quotes import Quote, article_quotes
from parallax.index.sentences import split_sentences

ALIASES = load_aliases()


def quotes(text: str) -> list[Quote]:
    return article_quotes(text, ALIASES)


def speaker_of(text: str, words: str) -> str | None:
    found = [q for q in quotes(text) if words in q.text]
    assert len(found) == 1, [q.text for q in quotes(text)]
    return found[0].speaker


@pytest.mark.parametrize(
    "text, words, speaker",
    [
        ("“We will build the bridge,” Anna Kowalski said.", "bridge", "Anna Kowalski"),
        ("“We will build the bridge,” said Anna Kowalski.", "bridge", "Anna Kowalski"),
        ("According to Anna Kowalski, “the bridge opens in May.”", "bridge", "Anna Kowalski"),
        ("Anna Kowalski told reporters that “the bridge opens in May.”", "May", "Anna Kowalski"),
        (
            "“The bridge opens in May,” Anna Kowalski, the transport minister, said.",
            "May",
            "Anna Kowalski",
        ),
        ("Anna Kowalski wrote: “The bridge opens in May.”", "May", "Anna Kowalski"),
        (
            "In a statement, Anna Kowalski said: “The bridge opens in May.”",
            "May",
            "Anna Kowalski",
        ),
        ("Anna Kowalski wrote on Twitter: “Proud of this team today.”", "team", "Anna Kowalski"),
        # A title and a surname: the full name the article gave.
        (
            "Sen. Mark Doyle spoke first. “We have the votes for it,” Mr. Doyle said.",
            "votes",
            "Mark Doyle",
        ),
        (
            "Mark Doyle met Lena Varga in the morning. “It went well,” Doyle told reporters.",
            "went well",
            "Mark Doyle",
        ),
        # A role: whoever was given that title.
        (
            "President Lena Varga arrived late. Mark Doyle waited. “This is our moment for "
            "the country,” the president said.",
            "moment",
            "Lena Varga",
        ),
        # The sentence's subject speaks through a participle.
        (
            "Mark Doyle defended the plan on Monday, saying “it will pay for itself.”",
            "pay",
            "Mark Doyle",
        ),
        ("Lena Varga met Mark Doyle, who said “the plan is dead.”", "dead", "Mark Doyle"),
        # An organisation when no person is named.
        ("“We regret the long delay,” the Transport Ministry said.", "delay", "Transport Ministry"),
        # A few words are a quote when a verb of saying or calling frames them.
        ("Mark Doyle called the plan “reckless” on Monday.", "reckless", "Mark Doyle"),
        (
            'Mark Doyle was quick to retort: "With all respect, that is nonsense."',
            "nonsense",
            "Mark Doyle",
        ),
        (
            "“We need more time for this” than anyone thinks, said Senator Lena Varga.",
            "time",
            "Lena Varga",
        ),
        (
            "Mark Doyle, who had said little in the long weeks of talks before the vote, "
            "responded, “Are you suggesting I enjoy this?”",
            "suggesting",
            "Mark Doyle",
        ),
        # Someone else's role is not the person last named.
        (
            "Mark Doyle spoke first. “We do not comment on it,” the spokesperson said.",
            "comment",
            "the spokesperson",
        ),
        # Whose role it is: the holder speaks, not the person named.
        (
            "Mark Doyle stayed away. “He will answer every charge in court,” Doyle's lawyer said.",
            "charge",
            "Doyle's lawyer",
        ),
        (
            "Mark Doyle stayed away. “We expect the case to be dropped,” said a lawyer for "
            "Mark Doyle.",
            "dropped",
            "a lawyer for Mark Doyle",
        ),
        (
            "“The talks went well,” said spokesman Mark Doyle.",
            "talks",
            "Mark Doyle",
        ),
        # Said in the next sentence.
        ("“We will not sign this deal.” Mark Doyle said it twice.", "deal", "Mark Doyle"),
        # Nobody is said to have said it.
        ("Rain fell. “Nobody knows what comes next for the city.”", "Nobody", None),
    ],
)
def test_attribution_forms(text: str, words: str, speaker: str | None) -> None:
    assert speaker_of(text, words) == speaker


def test_he_and_she_are_the_latest_subject_of_that_gender() -> None:
    text = (
        "Lena Varga and Mark Doyle met on Monday. Mr. Doyle left first. "
        "“I am tired of waiting for them,” she said."
    )
    assert speaker_of(text, "tired") == "Lena Varga"
    text = "Mark Doyle spoke after the vote. “We will be back next year,” he said."
    assert speaker_of(text, "back") == "Mark Doyle"


def test_a_pronoun_learns_its_gender_from_the_text() -> None:
    text = (
        "Lena Varga said she would run again. Mark Doyle spoke next. "
        "“Nobody else can do this job,” she said."
    )
    assert speaker_of(text, "Nobody") == "Lena Varga"


def test_a_quote_going_on_keeps_its_speaker() -> None:
    text = "“We are ready,” Mark Doyle said on Monday. “We have always been ready for this.”"
    assert [q.speaker for q in quotes(text)] == ["Mark Doyle", "Mark Doyle"]


def test_a_quote_over_two_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Lena Varga said: “We started early and worked until late at night.\n\n"
        "“Then we started again and kept on going.”\n\nThe council met later."
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Lena Varga", "Lena Varga"]
    assert found[1].text.startswith("Then we started")


def test_several_quotes_in_one_sentence_share_its_speaker() -> None:
    text = "“They want chaos” and “they will try again,” the mayor warned. Lena Varga is mayor."
    text = "Mayor Lena Varga spoke. " + text
    assert [q.speaker for q in quotes(text)] == ["Lena Varga", "Lena Varga"]


def test_a_paragraph_after_said_colon_is_quoted_without_marks() -> None:
    text = (
        "Mark Doyle answered on Twitter, saying:\n\n"
        "The council has failed the city again and again. Time to go!\n\n"
        "The council did not reply."
    )
    (found,) = quotes(text)
    assert found.text.startswith("The council has failed") and found.speaker == "Mark Doyle"


def test_a_post_signed_with_a_handle_is_quoted() -> None:
    text = (
        "Lena Varga thanked the volunteers.\n\n"
        "Good day for the city and its people.\n\n"
        "– Lena Varga (@lenavarga) March 3, 2024\n\nThe work goes on."
    )
    (found,) = quotes(text)
    assert found.text == "Good day for the city and its people."
    assert found.speaker == "Lena Varga"


def test_a_post_after_said_colon_is_one_quote() -> None:
    text = (
        "Lena Varga wrote on Monday:\n\nGood day for the city.\n\nThanks to all of you.\n\n"
        "– Lena Varga (@lenavarga) March 3, 2024"
    )
    (found,) = quotes(text)
    assert found.text == "Good day for the city.\n\nThanks to all of you."
    assert found.speaker == "Lena Varga"


@pytest.mark.parametrize(
    "text, quoted",
    [
        (
            'Mark Doyle said that the plan will work for everyone," adding more.',
            "the plan will work for everyone",
        ),
        (
            'Lena Varga said the aim was "to fix the roads before winter comes.',
            "to fix the roads before winter comes.",
        ),
    ],
)
def test_marks_lost_in_a_scrape(text: str, quoted: str) -> None:
    (found,) = quotes(text)
    assert found.text == quoted and found.speaker in {"Mark Doyle", "Lena Varga"}


@pytest.mark.parametrize(
    "open_, close, inner_open, inner_close",
    [("“", "”", "‘", "’"), ('"', '"', "'", "'"), ("«", "»", "‹", "›")],
)
def test_curly_straight_and_nested_marks(
    open_: str, close: str, inner_open: str, inner_close: str
) -> None:
    text = (
        f"{open_}He told me {inner_open}never again{inner_close} and he meant it,{close} "
        "Lena Varga said."
    )
    (found,) = quotes(text)
    assert found.text == f"He told me {inner_open}never again{inner_close} and he meant it"
    assert found.speaker == "Lena Varga"


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    assert quotes("The so-called “peace plan” was shelved by the council.") == []
    text = "Mark Doyle said on “Meet the Press” that he would run."
    assert [q.text for q in quotes(text)] == []


def test_a_name_is_given_in_full_even_when_the_full_name_comes_later() -> None:
    text = "“We will win this,” Mr. Doyle said. Later, Mark Doyle left the hall."
    assert speaker_of(text, "win") == "Mark Doyle"


def test_two_people_of_one_surname_keep_their_names() -> None:
    text = (
        "Lena Varga spoke first. “We will fix the roads,” Lena Varga said. "
        "“I asked her to do it,” said Tom Varga, her brother. “It took a while,” he added."
    )
    assert speaker_of(text, "roads") == "Lena Varga"
    assert speaker_of(text, "asked her") == "Tom Varga"
    assert speaker_of(text, "a while") == "Tom Varga"


def test_a_junior_is_not_his_father() -> None:
    assert person_key("Mark Doyle Jr.", ALIASES) != person_key("Mark Doyle", ALIASES)
    text = "Mark Doyle met Mark Doyle Jr. on Monday. “I am my own man,” Doyle Jr. said."
    assert speaker_of(text, "own man") == "Mark Doyle Jr"


_PIECES = [
    "“", "”", "‘", "’", '"', "'", "«", "»", " ", "\n", "\n\n", ".", ",", ":", "said", " he ",
    "she said", "Mr.", "Sen.", "Lena Varga", "Varga", "according to", "the mayor", "saying",
    "who", "called", "– Lena Varga (@lv) May 1, 2024", "Jr.", "White House", "—", "(", ")",
    "word", "x", "…", "Le", "de", "Van", "J.", "The", "Justice",
]  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=300), st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)
)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
@example("“")
@example(":\n\nx\n\n– A B (@c)")
@example("Le café de l'élève. “Words said here,” Le said.")
@example("He said:\n\nOne line here.\n\nTwo lines here.\n\n–   (@a)\n\n– Lena Varga (@lv)")
def test_never_raises_and_quotes_lie_in_the_text(text: str) -> None:
    sentences = split_sentences(text)
    for q in quotes(text):
        assert text[q.start : q.end] == q.text and q.text.strip() == q.text and q.text
        assert 0 <= q.sentence < len(sentences)
        assert sentences[q.sentence].start <= q.start < max(sentences[q.sentence].end, q.start + 1)
        assert q.speaker is None or q.speaker.strip()
