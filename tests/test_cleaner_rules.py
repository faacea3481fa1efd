"""Each cleaner rule on its own, and the cleaner on page shapes the seeds do not have."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.cleaner import clean_text
from parallax.index.cleaner import rules as _rules
from parallax.index.cleaner.body import build_units, classify_units
from parallax.index.cleaner.dates import find_dates, is_date_only
from parallax.index.cleaner.repair import repair_split_word, split_fused_subhead, vocabulary
from parallax.index.cleaner.rules import classify_line, looks_like_prose
from parallax.index.cleaner.text import fold

LINES = [
    ("• Politics", "navigation"),
    ("* World", "navigation"),
    ("Home » Europe » Talks resume in Geneva", "breadcrumb"),
    ("News / Europe / Talks resume", "breadcrumb"),
    ("Related Articles", "related_block"),
    ("Also Read", "related_block"),
    ("You may also like", "related_block"),
    ("Most Read", "related_block"),
    ("Tags: ukraine, russia, diplomacy", "tags"),
    ("Topics : US Russia", "tags"),
    ("5 min read", "reading_widget"),
    ("Listen to this article", "reading_widget"),
    ("8 minutos de lectura", "reading_widget"),
    ("Lesezeit: 4 Minuten", "reading_widget"),
    ("3 min di lettura", "reading_widget"),
    ("Escuchá este artículo", "reading_widget"),
    ("Artikel anhören", "reading_widget"),
    ("Regístrate para acceder a 10 artículos gratis por mes", "newsletter"),
    ("Share on Facebook Twitter WhatsApp", "social_share"),
    ("Share this article:", "social_share"),
    ("Email this story", "social_share"),
    ("Share", "ui_widget"),
    ("Suggested articles", "related_block"),
    ("Suggested Topics:", "tags"),
    ("14:40", "timestamp"),
    ("(Representational image)", "caption"),
    ("File photo", "caption"),
    ("Continue reading below", "editorial_note"),
    ("Scroll to continue with content", "editorial_note"),
    ("Click here to read more", "editorial_note"),
    ("Also Watch", "related_block"),
    ("Published By: Jane Roe", "byline"),
    ("Get the latest news on WhatsApp", "newsletter"),
    ("Catch all the latest news and updates here.", "newsletter"),
    ("Promoted", "ui_widget"),
    ("Updated 10:15 a.m. ET", "timestamp"),
    ("3 hours ago", "timestamp"),
    ("Save articles to read later and create your own reading list.", "reading_widget"),
    ("Add to reading list", "reading_widget"),
    (
        "Hi, this is Jane Roe. I wrote this story. Please consider supporting our work.",
        "newsletter",
    ),
    ("Donate now", "newsletter"),
    ("Support us", "newsletter"),
    ("Source: Harbour Times and news agencies", "syndication_note"),
    ("(With inputs from agencies)", "syndication_note"),
    ("No Result", "ui_widget"),
    ("LinkedIN Icon", "ui_widget"),
    ("Sign up for our daily newsletter", "newsletter"),
    ("Welcome to The Daily Planet", "newsletter"),
    ("We use cookies to improve your experience.", "cookie_notice"),
    ("Copyright © 2024 Daily Planet Media Ltd. All rights reserved", "legal_footer"),
    ("VAT number: 123456789", "legal_footer"),
    ("A man walks past a damaged building in Kharkiv. (Photo by Jane Roe / AFP)", "caption"),
    ("Source: Jane Roe, CC BY-SA 4.0, via Wikimedia Commons", "caption"),
    ("Getty Images", "caption"),
    ("By Jane Doe", "byline"),
    ("Written by Jean-Paul de la Fontaine", "byline"),
    ("27 February 2025", "date_line"),
    ("Published: Feb 28 2025 | 9:19 AM IST", "date_line"),
    ("Friday, 5 December 2025", "date_line"),
    ("OPERAIO ANZIANO OPERAI ANZIANI LAVORO", "keyword_caps"),
    ("US ,", "markup_residue"),
    ("___", "markup_residue"),
    (
        "This article is republished from The Conversation under a Creative Commons license.",
        "editorial_note",
    ),
    ("(Updates with comment from the ministry in paragraph 5)", "editorial_note"),
    (
        "Jane Doe does not work for, consult, own shares in or receive funding from any company",
        "editorial_note",
    ),
    ("Watch: Floods hit the north", "editorial_note"),
    ("Report a correction or typo", "editorial_note"),
    ("Media playback is unsupported on your device", "editorial_note"),
    ("Continue reading the main story", "editorial_note"),
    ("LEER ARTÍCULO COMPLETO", "editorial_note"),
    ("Site.Models.Page?.Title?.ToString() Headline", "template_residue"),
    ("{{ article.title }}", "template_residue"),
    (
        "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)",
        "syndication_note",
    ),
    ("Read more: Floods hit the north as rivers burst their banks", "related_link"),
    ("See also: Talks resume in Geneva", "related_link"),
    ("Also Read | Ferries cancelled as the storm reaches the coast", "related_link"),
    ("MORE: Talks resume in Geneva after a week of silence", "related_link"),
    ("Read: Why the harbour closed for a month", "related_link"),
    ("LEE MÁS | El puerto vuelve a abrir tras la tormenta", "related_link"),
    ("Le puede interesar: El puerto vuelve a abrir tras la tormenta", "related_link"),
    ("Leggi anche:", "related_link"),
    ("Te puede interesar", "related_link"),
    ("Síguenos en Google News", "newsletter"),
    ("Siga-nos no Instagram", "newsletter"),
    ("Explore further", "related_block"),
    ("Find more by Jane Roe", "related_block"),
    ("More about the harbour strike", "related_block"),
    ("* Edition: English * Français * Home * World * Sport * Opinion", "menu_run"),
    ("+ Gifts + Holidays + Entertaining + Garden + Food", "menu_run"),
    (
        "* Rivers rise again in the north as the rain goes on * Talks between the two "
        "delegations resume in Geneva next week * Why the harbour closed for a month",
        "menu_run",
    ),
    ("About the author", "author_box"),
    ("About the Authors:", "author_box"),
    ("Über den Autor", "author_box"),
    ("Ähnliche Beiträge", "related_block"),
    ("Noticias relacionadas", "related_block"),
    ("Articoli correlati", "related_block"),
    ("Articles similaires", "related_block"),
    ("Leia também:", "related_block"),
    ("Please understand that comments are moderated and may not all be published.", "newsletter"),
    ("The Daily Planet would like to send you push notifications.", "newsletter"),
    ("Advertising disclosure: we may receive compensation for some links.", "editorial_note"),
    ("Image copyright Jane Roe", "caption"),
    ("(Credit: Jane Roe / Example Agency)", "caption"),
    ("The harbour of the old town. Foto: Archivo Example.", "caption"),
    ("Read every story for as little as $6 a month.", "newsletter"),
    ("Ferries wait at the harbour on Sunday. Jane Roe/Reuters files", "caption"),
    ("If you are already a subscriber, log in for immediate access to this story.", "newsletter"),
    ("Receive a daily digest of our best stories in your mailbox.", "newsletter"),
    ("Support our reporting for $5 a month. Cancel anytime.", "newsletter"),
    ("Para comentar debes registrarte y completar tus datos.", "newsletter"),
    ("Your email address will not be published. Required fields are marked *", "newsletter"),
    ("Like this dish? Add all the ingredients to your basket.", "newsletter"),
    (
        "The Harbour Times is not responsible for the opinions of its contributors.",
        "editorial_note",
    ),
]


@pytest.mark.parametrize(("line", "rule"), LINES, ids=[line for line, _ in LINES])
def test_line_rule(line: str, rule: str) -> None:
    assert classify_line(line) == rule


BODY_LINES = [
    "The agencies said the harbour would reopen on Sunday, after the storm had passed.",
    "Support us, the mayor told the crowd of fishermen at the harbour on Sunday.",
    "Agencies",  # alone, it credits a picture as often as a story
    "At 14:40 the first ferry left the harbour.",
    "Click here to watch the video of the storm, which the harbour master filmed from the pier "
    "on Sunday as the first waves broke over the wall.",
    "This post originally appeared on the Harbour Times.",  # the annotated pages keep it
    "Published by Harbour Press in 1999",
    # the signature under an embedded post: part of what the article quotes
    "— Jane Roe (@janeroe) February 27, 2025",
    "Share this article with anyone who still thinks the harbour will reopen this year.",
    "Suggested by the harbour master, the new ferry timetable starts on Sunday.",
    "The ferry ran for as little as $6 a day before the storm, the harbour master said.",
    "* The harbour reopened on Sunday after the storm, and the first ferries left at noon.",
    "She is already a member of the harbour committee, the mayor said on Sunday.",
    "The port said it is not responsible for the content of the cargo it ships.",
    "By Thursday evening, negotiators in Geneva had agreed on a draft that both sides could sign.",
    "The minister said the deal would be signed next week, after parliament gives its consent.",
    "“We will not accept this,” he said.",
    "Photos of the meeting were later shared by the ministry, which called the talks useful.",
    "A video by the group showed the convoy leaving the city before dawn on Tuesday.",
    "Welcome to hell, one of the soldiers told reporters as they arrived at the front line.",
    "Key points:",
    "He said:",
    "Next: we install the package and restart the service on every machine.",
    "Here are the five things to add to your bag before the ferry leaves the harbour.",
    "Reporters who report an error to the desk get an answer within the hour, she said.",
    "More about this recipe",
    "A common mistake is to think that the list is built again each time load() is called.",
    "* The ferries leave at noon from the old harbour on every day of the week. * Tickets "
    "for the crossing are sold on board only, in cash or by card. * Dogs travel free of "
    "charge on every crossing to the islands.",
]


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_lines_are_not_furniture(line: str) -> None:
    assert classify_line(line) is None


def test_prose_shape() -> None:
    assert looks_like_prose(
        "The talks lasted six hours and ended without a statement from either side."
    )
    assert not looks_like_prose("Donald Trump, Volodymyr Zelensky")
    assert not looks_like_prose(
        "Russia open to Europe's involvement in peace talks on Ukraine: Putin"
    )
    # A paragraph cut short is prose; a page's list of headlines flattened into one line
    # (hundreds of words, no sentence closed) is not.
    cut = (
        "The talks lasted six hours and ended without a statement from either side, and the "
        "delegates left the building one by one through the back door while the"
    )
    assert looks_like_prose(cut)
    headlines = " ".join(
        f"Talks on the {n}th point of the harbour plan resume in Geneva" for n in range(40)
    )
    assert not looks_like_prose(headlines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27 February 2025", date(2025, 2, 27)),
        ("Feb. 27, 2025", date(2025, 2, 27)),
        ("Feb 28 2025 | 9:19 AM IST", date(2025, 2, 28)),
        ("2025-02-27T10:00:00Z", date(2025, 2, 27)),
        ("Friday, February 28, 2025", date(2025, 2, 28)),
        ("27.02.2025", date(2025, 2, 27)),
        ("13/02/2025", date(2025, 2, 13)),
        ("02/13/2025", date(2025, 2, 13)),
        ("27 febbraio 2025", date(2025, 2, 27)),
        ("5 de mayo de 2025", date(2025, 5, 5)),
        # a date and its time printed apart, flattened without a space
        ("February 27, 20252:31 PM GMTUpdated 3 hours ago", date(2025, 2, 27)),
        ("27 February 202511:05 CET", date(2025, 2, 27)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert [d.value for d in find_dates(text)] == [expected]


def test_ambiguous_and_impossible_dates_are_not_guessed() -> None:
    assert find_dates("03/04/2025") == ()
    assert find_dates("31 February 2025") == ()
    assert find_dates("in 2025 the talks") == ()
    assert find_dates("Feb 27, 202512345") == ()


def test_date_only() -> None:
    assert is_date_only("Updated: 27 February 2025, 10:15 CET")
    assert not is_date_only("The talks began on 27 February 2025 in Istanbul.")


def test_split_word_repair_is_certain_or_not_done() -> None:
    vocab = vocabulary("In the meantime the talks went on. In Geneva. n the end")
    assert repair_split_word("It ended. I", "n the meantime, more.", vocab) == (
        "It ended.",
        "In the meantime, more.",
    )
    vocab = vocabulary("I think so. I think not. Ithink")
    assert repair_split_word("It ended. I", "think so.", vocabulary("I think so. think")) is None
    del vocab


def test_fused_subheading() -> None:
    assert split_fused_subhead(
        "A new start  The two sides agreed on Tuesday to resume regular flights between the capitals."
    ) == (
        "A new start",
        "The two sides agreed on Tuesday to resume regular flights between the capitals.",
    )
    # An ordinary double space inside a sentence is not a subheading.
    assert (
        split_fused_subhead("The talks, he said,  were long and difficult for everyone involved.")
        is None
    )


WIRE_PAGE = """\
Menu
Search
• World
• Business
• Sport
Home > World > Europe
Ceasefire talks resume in Geneva as envoys meet
Envoys from both sides met for the first time in months, raising hopes of a pause in the fighting.
By Jane Doe and John Roe | Reuters
Published: March 3, 2024 10:15 AM
Updated: March 4, 2024
Delegates arrive at the Palais des Nations in Geneva. REUTERS/Denis Balibouse
GENEVA (Reuters) - Envoys from the two warring sides met in Geneva on Sunday for the first direct talks in months, diplomats said, in a meeting hosted by the Swiss foreign ministry.
The talks, which lasted more than six hours, focused on a possible pause in the fighting and on the exchange of prisoners held by both sides since the start of the war.
Advertisement
"We are here to listen, not to make promises," one envoy told reporters as he left the building late in the evening.
A second round is expected later this month, the Swiss foreign ministry said in a statement, without giving a date for the meeting.
Reporting by Jane Doe; Editing by John Roe
Read more
Floods hit northern Italy as rivers burst their banks
Thousands of people were evacuated from their homes on Saturday as heavy rain caused rivers to burst their banks across the region.
Markets rally as inflation eases
Shares rose across Europe on Friday after figures showed inflation slowing for a third month.
© 2024 Reuters. All rights reserved.
"""


def test_a_wire_page_of_an_unseen_shape() -> None:
    article = clean_text(WIRE_PAGE).article
    assert article.title == "Ceasefire talks resume in Geneva as envoys meet"
    assert article.standfirst.startswith("Envoys from both sides met")
    assert article.author == "Jane Doe; John Roe"  # several names: one string, "; " between
    assert article.agency == "Reuters"
    assert article.dateline == "GENEVA"
    assert article.published == date(2024, 3, 3)
    assert article.section == "Europe"
    assert article.paragraphs[0].startswith("GENEVA (Reuters) - Envoys")
    assert article.paragraphs[-1] == "Reporting by Jane Doe; Editing by John Roe"
    assert "Advertisement" not in article.body
    assert "Floods hit" not in article.body
    assert "Thousands of people were evacuated" not in article.body
    assert "Shares rose" not in article.body
    assert len(article.paragraphs) == 5


def test_the_published_date_wins_over_the_updated_one() -> None:
    result = clean_text(WIRE_PAGE)
    assert result.article.published == date(2024, 3, 3)


def test_an_updated_date_alone_is_the_closest_to_publication() -> None:
    # Most often the day it was published: taken last, when the page gives no other date.
    page = WIRE_PAGE.replace("Published: March 3, 2024 10:15 AM\n", "")
    result = clean_text(page)
    assert result.article.published == date(2024, 3, 4)
    assert result.origins["published"].startswith("updated date under the title")


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("12/30/2023 05:03 AM EST", date(2023, 12, 30)),  # month first: 30 is no month
        ("01.21.2024 07:00 AM", date(2024, 1, 21)),
        ("Thursday, 4 January 2024 at 07:46", date(2024, 1, 4)),  # a weekday and a time
    ],
)
def test_date_lines_under_the_headline(line: str, published: date) -> None:
    page = WIRE_PAGE.replace("Published: March 3, 2024 10:15 AM\nUpdated: March 4, 2024\n", "")
    page = page.replace(
        "By Jane Doe and John Roe | Reuters\n", f"By Jane Doe and John Roe | Reuters\n{line}\n"
    )
    assert clean_text(page).article.published == published


def test_the_date_of_a_byline_run_into_its_share_buttons() -> None:
    buttons = " ".join(f"* Share on site{n}" for n in range(12))
    page = WIRE_PAGE.replace("Published: March 3, 2024 10:15 AM\nUpdated: March 4, 2024\n", "")
    page = page.replace(
        "By Jane Doe and John Roe | Reuters\n", f"By Jane Doe 3 March 2024, 3:51 pm {buttons}\n"
    )
    result = clean_text(page)
    assert result.article.published == date(2024, 3, 3)


def test_a_weekday_date_with_its_time_far_above_the_headline_is_the_published_date() -> None:
    filler = "".join(f"Section {n}\n" for n in range(12))
    page = WIRE_PAGE.replace("Published: March 3, 2024 10:15 AM\nUpdated: March 4, 2024\n", "")
    page = page.replace("Menu\n", f"Menu\nSunday, 3 March 2024 at 07:46\n{filler}", 1)
    assert clean_text(page).article.published == date(2024, 3, 3)


def test_a_capture_day_above_the_headline_is_not_the_published_date() -> None:
    page = "Sunday, 7 December 2025\n" + WIRE_PAGE.replace(
        "Published: March 3, 2024 10:15 AM\nUpdated: March 4, 2024\n", ""
    )
    assert clean_text(page).article.published is None


def test_hard_wrapped_text_keeps_its_paragraphs() -> None:
    paragraph = (
        "The negotiators met again on Monday in the old town hall, where the first round of\n"
        "talks had ended without agreement two weeks earlier, and both delegations said the\n"
        "atmosphere had improved since then.\n"
    )
    days = ["Monday", "Tuesday", "Wednesday", "Thursday"]
    page = "Talks resume in the old town hall\n\n" + "\n".join(
        paragraph.replace("Monday", day) for day in days
    )
    article = clean_text(page).article
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].startswith(
        "The negotiators met again on Monday in the old town hall, where"
    )
    assert "first round of talks had ended" in article.paragraphs[0]


def test_markup_and_terminal_codes_are_data() -> None:
    page = (
        "[bold]Live[/bold] talks \x1b[31mred\x1b[0m headline here today\n\n"
        + "The talks went on for many hours and the delegates said they would meet again soon. " * 3
        + "\x07\x1b]0;evil\x07"
    )
    article = clean_text(page).article
    assert "\x1b" not in article.body and "\x07" not in article.body
    assert "\x1b" not in (article.title or "")


@pytest.mark.parametrize("text", ["", "\n\n\n", "   ", "\x00\x01", "a", "Title only"])
def test_degenerate_input(text: str) -> None:
    result = clean_text(text)
    assert result.article.paragraphs == [] or all(p.strip() for p in result.article.paragraphs)


# The rule engine answers as the rules' own regexes do, however it speeds them up.

_PATTERNS = [
    value
    for name, value in vars(_rules).items()
    if name.isupper() and isinstance(value, re.Pattern)
]
# Pieces the rules look for, in every case, with odd characters a case-blind regex reads as
# ASCII letters (İ ı ſ K) and the marks lines carry.
_PIECES = sorted(
    {
        piece
        for pattern in _PATTERNS
        for piece in (
            _rules._needed_text(p, pattern.flags)
            for p in _rules._top_level_alternatives(pattern.pattern)
        )
        if piece
    }
    | {hint for rule in _rules.LINE_RULES for hint in rule.hints}
    # The engine's shortcuts: what lines start with, hold, end with.
    | {text for rule in _rules.LINE_RULES for text in (*rule.starts, *rule.needs, *rule.ends)}
    # Words of the interface ("share", "menu") that the rules take in any order.
    | set(_rules._UI_WORDS)
    # The words of every alternative, nested ones too ("see also", "most read").
    | {word for pattern in _PATTERNS for word in re.findall(r"[^\W\d_]{2,}", pattern.pattern)}
)
_ODD_CASE = str.maketrans({"i": "\u0131", "I": "\u0130", "s": "\u017f", "k": "\u212a"})
_LINE = st.lists(
    st.one_of(
        st.sampled_from(_PIECES),
        st.sampled_from(_PIECES).map(str.upper),
        st.sampled_from(_PIECES).map(str.title),
        st.sampled_from(_PIECES).map(lambda piece: piece.translate(_ODD_CASE)),
        st.sampled_from(
            [
                " ",
                "  ",
                ": ",
                "(",
                ")",
                " / ",
                "©",
                "…",
                "\u0130",
                "\u0131",
                "\u017f",
                "\u212a",
                "2025",
                "\n",
                ",",
                "*",
                "• ",
                "By ",
                "19",
            ]
        ),
        st.text(max_size=4),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_LINE)
def test_alternatives_answer_as_the_regex(line):
    for pattern in _PATTERNS:
        assert _rules.Alternatives(pattern)(line) == (pattern.search(line) is not None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=14), _LINE)
def test_hint_scan_finds_every_hint_the_line_holds(hints, line):
    # Hints overlapping, or beginning one another ("read", "read the", "credit", "editor").
    line = line + "".join(hints[:2])
    assert _rules.HintScan(hints).found(line) == {hint for hint in hints if hint in line}


@pytest.mark.parametrize(
    ("hints", "line"),
    [
        (["credit", "editor"], "creditors"),
        (["read", "read the", "the"], "read them"),
        (["(", "(c)", "c)"], "(c) 2025"),
        (["aa", "aaa"], "aaaa"),
    ],
)
def test_hint_scan_sees_hints_inside_and_overlapping_others(hints, line):
    assert _rules.HintScan(hints).found(line) == {hint for hint in hints if hint in line}


@pytest.mark.parametrize(
    "line",
    [
        "Creditor-in-chief: Jane Doe",
        "Read the full story (c)",
        "1 Comment",
        "« Back",
        "+ Follow",
        "(Share)",
        "² Share",
        "Menu",
        "* * *",  # (no word: every precondition is taken as met)
        "—",
    ],
)
def test_rule_engine_sees_a_hint_inside_another(line):
    n_words = len(_rules.words(line))
    for _ in range(2):  # (the second time from the rules kept for the line's mask)
        assert _rules._classify(line, n_words) == _first_rule(line, n_words)


def _first_rule(line: str, n_words: int) -> str | None:
    """The engine's definition: the first rule, in order, that may see a line of that length,
    whose hints (if it has any) the line holds in lower case, and that matches it."""
    lowered = line.lower()
    for rule in _rules.LINE_RULES:
        if n_words > rule.max_words:
            continue
        text = _rules.line_ends(lowered) if rule.ends_only else lowered
        if rule.hints and not any(hint in text for hint in rule.hints):
            continue
        if rule.matches(line):
            return rule.name
    return None


@settings(max_examples=300, deadline=None)
@given(_LINE, st.integers(min_value=0, max_value=120))
def test_rule_engine_answers_as_trying_each_rule_in_turn(line, padding):
    # Long lines too (the credit of a caption is looked for at their ends only).
    for text in (line, line + " word" * padding + " " + line):
        n_words = len(_rules.words(text))
        assert _rules._classify(text, n_words) == _first_rule(text, n_words)


@settings(max_examples=300, deadline=None)
@given(_LINE)
def test_line_rules_meet_their_preconditions(line):
    # A rule's `starts`, `ends`, `needs` and `upper` are facts of every line it recognises
    # (lines with words, without the odd capitals a case-blind regex reads as ASCII).
    for text in (line, line.strip(), line.title(), line.upper()):
        lowered = text.lower()
        if not _rules.words(text) or any(char in text for char in _rules._CASE_ODD):
            continue
        matched = [rule for rule in _rules.LINE_RULES if rule.matches(text)]
        for rule in matched:
            # (a rule in two steps, as template_residue: the line meets the precondition of
            # one of the steps that recognise it, so the engine still names it)
            assert any(
                _meets_precondition(other, text, lowered)
                for other in matched
                if other.name == rule.name
            ), (rule.name, text)


def _meets_precondition(rule, text: str, lowered: str) -> bool:
    shortcuts = (rule.starts, rule.ends, rule.needs, rule.upper)
    return not any(shortcuts) or (
        lowered.startswith(rule.starts or "\0")
        or (
            rule.starts_unlettered
            and not lowered[:1].isalpha()
            and lowered[:1] not in (rule.unlettered_never or "\0")
        )
        or text[-1:] in (rule.ends or "\0")
        or any(need in lowered for need in rule.needs)
        or (rule.upper and text.isupper())
    )


@pytest.mark.parametrize(
    ("pattern", "matched", "expected"),
    [
        (r"^(?:ab|cd)e", False, ("ab", "cd")),
        (r"^x?yz", False, ("xy", "yz")),
        (r"^(?:posted|by)\s+\w", False, ("by", "po")),
        (r"(?i)^Ab", False, ("ab",)),
        (r"[ab]c", True, ("ac", "bc")),
        (r"^[*•]\s*\S", False, ("*", "•")),
        (r"^a(?=b)c", False, ("ac",)),
        (r"^(?:ab)*c", False, ("ab", "c")),
        (r"ab", False, ()),  # found anywhere: no beginning
        (r"^\w+", False, ()),  # any word
        (r"^(?:a|\d)", False, ()),  # a digit may begin it: no beginning for that branch
        (r"^a|b", False, ()),  # the second alternative is found anywhere
    ],
)
def test_beginnings_of_a_pattern(pattern, matched, expected):
    assert _rules.beginnings(re.compile(pattern), matched=matched) == expected


@pytest.mark.parametrize(
    ("hints", "line"),
    [
        ({"a": 1, "bc": 2, "abc": 4}, "xabcx"),
        ({"read": 1, "the": 8}, "nothing here"),
        ({}, "empty"),
    ],
)
def test_hint_scan_mask_ors_the_values_of_what_it_finds(hints, line):
    expected = 0
    for hint, value in hints.items():
        if hint in line:
            expected |= value
    assert _rules.HintScan(hints).mask(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "\u017fign up now",
        "All rights re\u017ferved",
        "Getty \u0130mages",
        "We use coo\u212aies",
        "L\u0131sten",
    ],
)
def test_alternatives_read_odd_capitals_as_the_regex_does(line):
    for pattern in _PATTERNS:
        assert _rules.Alternatives(pattern)(line) == (pattern.search(line) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | _LINE)
def test_words_of_ascii_text_are_the_unicode_regex_words(text):
    assert _rules.words(text) == re.findall(r"[^\W_]+(?:['’.\-][^\W_]+)*", text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["e\u0301", "\u00e9", "\u1100\u1161", "\u00a0", "\t", "\x07", "’", "<b>"])
        | st.text(max_size=6),
        max_size=12,
    ).map("".join)
)
def test_lines_are_normalised_as_one_by_one(text):
    from parallax.index.cleaner.pipeline import _normalise_lines
    from parallax.index.cleaner.text import soft_normalise, strip_html_residue

    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert _normalise_lines(text, []) == (
        raw_lines,
        [strip_html_residue(soft_normalise(raw)) for raw in raw_lines],
    )


# Shortcuts of the shape tests, against their plain definitions.

_ENDINGS = st.lists(
    st.sampled_from(
        ["word", " ", ".", "!", "?", ":", ";", '"', "'", "”", "’", "»", ")", "]", "(", "…"]
        + ["...", "\n", "(AP)", " (Reuters)", "x" * 45, "é"]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_ENDINGS)
def test_ends_sentence_answers_as_its_regex(line):
    expected = bool(_rules._TERMINAL.search(line)) and not _rules.is_truncated(line)
    assert _rules.ends_sentence(line) == expected


def _plain_prose(line: str, tokens: list[str]) -> bool:
    n = len(tokens)
    if n < 8 or _rules.function_word_ratio(tokens) < 0.12:
        return False
    return _rules.ends_sentence(line) or _rules.is_truncated(line) or n >= 20


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "of", "Zebra", "quartz", "Lynx", "glyph", "a", "And", "x7"]),
        max_size=80,
    ),
    st.sampled_from(["", ".", "…", ":"]),
)
def test_prose_test_answers_as_its_definition(tokens, end):
    line = " ".join(tokens) + end
    tokens = _rules.words(line)
    assert _rules.looks_like_prose(line, tokens) == _plain_prose(line, tokens)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "of", "Zebra", "quartz", "a", "x7"]),
        max_size=40,
    ),
    st.sampled_from(["", ".", "…", ":", ".)", "?'"]),
)
def test_prose_shape_is_prose_and_whether_it_ends_a_sentence(tokens, end):
    line = " ".join(tokens) + end
    tokens = _rules.words(line)
    prose = _plain_prose(line, tokens)
    ends = bool(_rules._TERMINAL.search(line)) and not _rules.is_truncated(line)
    assert _rules.prose_shape(line, tokens) == (prose, prose and ends)


_CODE_BITS = st.lists(
    st.sampled_from(
        ["App", "Drupal", "x", "é", "Settings", ".", "?.", "?", "()", "(", "{", "}", "%", "<"]
        + [">", "$", "function", "var ", " = ", "[object Object]", " ", "\n", "_", "A", "b"]
    )
    | st.text(max_size=3),
    max_size=16,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_CODE_BITS | _LINE)
def test_template_code_test_answers_as_its_regex(line):
    assert _rules._template_found(line) == (_rules._TEMPLATE.search(line) is not None)


_PLAIN_AGENCY_SLASH = re.compile(r"\b(?:reuters|afp|ap|epa|aa|xinhua)/[a-z]", re.IGNORECASE)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Reuters", "AFP", "ap", "EPA", "aa", "Xinhua", "/", "x", "J", " ", "\u212a"]
        )
        | st.sampled_from(["cheap", "a", "_", "é", "1"]),
        max_size=10,
    ).map("".join)
    | _LINE
)
def test_agency_credit_regex_finds_what_its_plain_form_finds(line):
    agency_slash = re.compile(_rules._AGENCY_SLASH, re.IGNORECASE)
    assert (agency_slash.search(line) is None) == (_PLAIN_AGENCY_SLASH.search(line) is None)


@settings(max_examples=200, deadline=None)
@given(_LINE, st.integers(min_value=0, max_value=60))
def test_a_lone_surrogate_is_read_as_any_other_character(line, padding):
    # Text from a broken feed or given to the API may hold one; the hint scans read UTF-8.
    for text in (line + "\udcff", "\ud800" + line + " word" * padding):
        n_words = len(_rules.words(text))
        assert _rules._classify(text, n_words) == _first_rule(text, n_words)
        # (hints hold neither a surrogate nor U+FFFD, the character it is read as)
        hints = ["credit", "©", "x", *line.replace("\ufffd", "").split()[:3]]
        assert _rules.HintScan(hints).found(text) == {hint for hint in hints if hint in text}


@pytest.mark.parametrize(
    "line",
    [
        "(Updates with minister's comments)",
        "(ADDS background on the talks)",
        "(Recasts, adds details)",
        "(Corrects spelling of name in paragraph 3)",
        "(Refiles to fix typo)",
        "(Changes headline)",
        "(Update 2)",
    ],
)
def test_a_wire_story_s_note_is_an_editorial_note(line):
    assert classify_line(line) == "editorial_note"


def _plain_ui_words(line: str) -> bool:
    tokens = re.findall(r"[^\W\d_]+|[+\-]", line)
    return (
        len(line) <= 60
        and 0 < len(tokens) <= 5
        and all(token.lower() in _rules._UI_WORDS for token in tokens)
    )


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(sorted(_rules._UI_WORDS))
        | st.sampled_from([" ", "+", "-", "A+", "1", "·", "İ", "é", "_", "Share", "x" * 30]),
        max_size=8,
    ).map(" ".join)
    | _LINE
)
def test_interface_words_test_answers_as_its_definition(line):
    assert _rules.is_ui_words(line) == _plain_ui_words(line)


_PLAIN_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9é_ '’.-,\n\u0131"), max_size=40))
def test_words_are_the_plain_regex_words(text):
    assert _rules.words(text) == _PLAIN_WORD.findall(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", " ", "  ", "\n", "\r\n", "\t", "é", "e\u0301", "\u200b", "\x07"])
        | st.sampled_from(["<b>", "&amp;", "\xa0", "\u0130", "Σ", "\u2000", "\u212b", "\t"])
        | st.text(max_size=3),
        max_size=14,
    ).map("".join)
)
def test_normalised_lines_are_each_line_soft_normalised(text):
    from parallax.index.cleaner.pipeline import _normalise_lines
    from parallax.index.cleaner.text import soft_normalise, strip_html_residue

    raw_lines, lines = _normalise_lines(text, [])
    assert raw_lines == text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert lines == [strip_html_residue(soft_normalise(raw)) for raw in raw_lines]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "THE", "ΣΑΣ", "İl", "und", "DER", "é", "x", "de", "la", "Il", "a"]),
        max_size=40,
    )
)
def test_language_is_the_one_with_most_function_words(tokens):
    from parallax.index.cleaner.text import FUNCTION_WORDS, detect_language

    # The plain definition: each language's function words counted in the lowered words.
    lowered = [t.lower() for t in tokens[:500]]
    best, best_hits, second = None, 0, 0
    for code, vocab in FUNCTION_WORDS.items():
        hits = sum(w in vocab for w in lowered)
        if hits > best_hits:
            best, best_hits, second = code, hits, best_hits
        elif hits > second:
            second = hits
    few = len(lowered) < 8 or best_hits < 4 or best_hits / len(lowered) < 0.08
    if few or best_hits < second * 1.3:
        best = None
    assert detect_language("", tokens) == best


def test_a_change_is_a_frozen_record():
    import dataclasses

    from parallax.index.model import Change

    change = Change(3, "byline", "drop", "By Jane Doe")
    assert change == Change(line=3, rule="byline", action="drop", before="By Jane Doe")
    assert hash(change) == hash(Change(3, "byline", "drop", "By Jane Doe"))
    assert change != Change(3, "byline", "drop", "By Jane Doe", "x")
    assert dataclasses.asdict(change) == {
        "line": 3,
        "rule": "byline",
        "action": "drop",
        "before": "By Jane Doe",
        "after": None,
    }
    assert dataclasses.replace(change, line=4).line == 4
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.line = 5  # type: ignore[misc]


def test_changes_are_listed_by_line_a_drop_before_a_change():
    text = "Home » News » Story\n\n<b>Title of the story</b>\n\n" + (
        "The council met on Monday and the members voted for the plan after a long debate. " * 3
    )
    changes = clean_text(text).changes
    keys = [(c.line, c.action != "drop") for c in changes]
    assert keys == sorted(keys)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", ".", "!", "”", ")", " ", "  ", "I", "In", "Thr", "abc", "\n"])
        | st.text(max_size=2),
        max_size=10,
    ).map("".join)
)
def test_tail_fragment_test_answers_as_its_regex(paragraph):
    from parallax.index.cleaner import repair

    expected = repair._TAIL_FRAGMENT.search(paragraph) is not None
    assert repair.has_tail_fragment(paragraph) == expected


@settings(max_examples=300, deadline=None)
@given(_LINE)
def test_navigation_rule_is_a_bullet_in_few_words(line):
    rule = _rules.RULES_BY_NAME["navigation"]
    for text in (line, "• " + line, "* " + line.strip()):
        fits = len(_rules.words(text)) <= rule.max_words
        assert (fits and rule.matches(text)) == _rules.is_bullet_nav(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=6), st.lists(_LINE, max_size=8)
)
def test_hint_scan_finds_the_texts_holding_a_hint(hints, texts):
    hints = [h for h in hints if "\n" not in h] or ["x"]
    texts = [t.replace("\n", " ") for t in texts]
    expected = [i for i, t in enumerate(texts) if any(h in t for h in hints)]
    assert _rules.HintScan(hints).holding(texts) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=6), st.lists(st.integers(0, 5), max_size=30))
def test_a_page_s_lines_are_labelled_and_keyed_as_one_by_one(pool, picks):
    # A page repeats its short lines (menus, buttons): classify_units labels each repeat as
    # classify_line labels the line, and keys each unit by its folded words.
    pool = [line.replace("\n", " ") for line in pool]
    lines = [pool[pick % len(pool)] for pick in picks] + pool
    units = build_units(lines)
    classify_units(units)
    for unit in units:
        assert unit.label == classify_line(unit.text, unit.n_words), unit.text
        assert unit.key == fold(" ".join(unit.tokens))
