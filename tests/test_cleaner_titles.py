"""Headlines of text scrapes: page shapes written for these tests, each the shape of a kind of
page (a blog's list of posts, a wiki entry, a review with its standfirst, a search box) around
an ordinary article."""

from __future__ import annotations

from parallax.index.cleaner import clean_text
from parallax.index.cleaner.body import build_units, classify_units
from parallax.index.cleaner.metadata import headline_like, person_line, score_headlines

LEAD = (
    "The harbour authority said on Monday that the ferries to the islands would run on a "
    "reduced timetable over the winter, as storms closed the northern route twice last month."
)
SECOND = (
    "Crews will be moved to the southern route until March, the authority said, and tickets "
    "already bought for the northern crossing will be refunded in full."
)
THIRD = (
    "Islanders said the change would make the trip to the mainland longer, but most agreed "
    "that the storms had left the authority little choice this year."
)


def lines(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def test_a_sentence_between_a_short_headline_and_the_byline_is_the_standfirst() -> None:
    text = lines(
        "Menu",
        "Harbour Gazette",
        "Winter Crossings",
        "The harbour authority cuts the northern ferry route for the winter after two storms "
        "closed it last month.",
        "Jane Doe on 3 March 2024",
        LEAD,
        SECOND,
        THIRD,
    )
    assert clean_text(text).article.title == "Winter Crossings"


def test_a_bulleted_post_heading_over_its_byline_is_the_title() -> None:
    text = lines(
        "Harbour Notes",
        "Writing about boats",
        "* Ferry timetables change for the winter season",
        "Posted by Jane Doe 21.10.2019",
        LEAD,
        SECOND,
        THIRD,
    )
    assert clean_text(text).article.title == "Ferry timetables change for the winter season"


def test_a_wiki_headword_the_article_is_about_is_the_title() -> None:
    text = lines(
        "Lighthouse",
        "From Example Wiki",
        "Jump to: navigation, search",
        "Lighthouse",
        "Information",
        "Built: 1902",
        "Height: 30 metres",
        "Lamp: Fresnel lens",
        "Best Views: Harbour Cliff Pier Beach Island Ferry",
        "Contents",
        "* 1 History",
        "* 2 Keepers",
        "The lighthouse stands on the cliff above the harbour and guided the ferries to the "
        "islands for more than a century before the light was automated.",
        "The lighthouse was built in 1902 after a storm wrecked two ferries on the rocks below "
        "the cliff, and its first keeper lived in the cottage beside it.",
        "Today the lighthouse is a museum, open in the summer, and the cottage is a cafe.",
    )
    assert clean_text(text).article.title == "Lighthouse"


def test_a_search_box_printed_again_and_again_is_not_the_title() -> None:
    title = "Ferries cut the northern route for the winter"
    text = lines(
        "Menu",
        "Find a timetable or a port",
        "Advanced search",
        "Find a timetable or a port",
        "Advanced search",
        "Find a timetable or a port",
        title,
        "Jane Doe",
        LEAD,
        SECOND,
        THIRD,
    )
    assert clean_text(text).article.title == title


# --- authors -------------------------------------------------------------------------------


def test_a_byline_going_on_over_the_next_line_names_everyone() -> None:
    text = lines(
        "Menu",
        "Ferries cut the northern route for the winter",
        "Jane Doe, Staff Writer, Harbour Desk",
        "& John Roe, Senior Editor, Island Programme",
        "March 3, 2024",
        LEAD,
        SECOND,
        THIRD,
    )
    assert clean_text(text).article.author == "Jane Doe; John Roe"


def test_a_handle_under_a_bare_by_is_the_author() -> None:
    text = lines(
        "Menu",
        "Ferries cut the northern route for the winter",
        "by",
        "harbourfan42",
        "March 3, 2024",
        LEAD,
        SECOND,
        THIRD,
    )
    assert clean_text(text).article.author == "harbourfan42"


def test_a_name_after_the_date_under_the_headline_is_the_author() -> None:
    for line in ("The Harbour Gazette 03/03/2024 Jane Doe", "3 March 2024 | Jane Doe"):
        text = lines("Menu", "Ferries cut the northern route for the winter", line, LEAD, SECOND)
        assert clean_text(text).article.author == "Jane Doe", line


def test_the_title_the_comments_heading_names_is_the_title() -> None:
    title = "Ferry timetables for the winter season"
    settings = [f"Setting {n}: Harbour Option {n}" for n in range(30)]
    text = lines(
        "Harbour Notes",
        title,
        *settings,
        "Menu Sound Volume",
        LEAD,
        SECOND,
        THIRD,
        f"3 thoughts on “{title}”",
        "Jane Doe says:",
        "Thanks for the timetables, they helped a lot this week.",
    )
    result = clean_text(text)
    assert result.article.title == title
    assert result.origins["title"].startswith("the comments' heading")


def test_a_blogs_name_with_its_owner_is_not_a_byline() -> None:
    assert person_line("Jane Doe's blog") is None
    assert person_line("Jane Doe’s Notes") is None
    assert person_line("Jane Doe") == "Jane Doe"


def test_a_row_of_menu_links_between_its_entries_is_not_the_title() -> None:
    title = "Winter storms change the northern ferry timetable this year"
    text = lines(
        "Menu",
        "Back Ferries Ports Islands Tickets Timetables Offers Cruises Parking",
        "* Timetables",
        "Ferries Ports Islands Tickets Timetables Offers Cruises Parking",
        "* Ports",
        "Harbours Beaches Walks Museums Markets Festivals Restaurants Hotels",
        "* Walks",
        title,
        "Jane Doe",
        LEAD,
        SECOND,
        THIRD,
    )
    assert clean_text(text).article.title == title


def _title_score(*above: str) -> float:
    title = "Winter storms change the northern ferry timetable this year"
    text = lines("Menu", *above, title, "Jane Doe", LEAD, SECOND, THIRD)
    units = build_units(text.splitlines())
    classify_units(units)
    start = next(u.index for u in units if u.text == LEAD)
    return next(h.score for h in score_headlines(units, start) if h.unit.text == title)


def test_a_widget_printed_again_and_again_does_not_push_the_headline_under_it_down() -> None:
    box = ("Find a ferry port", "Advanced search") * 2 + ("Find a ferry port",)
    assert _title_score(*box) == _title_score("Advanced search")


def test_a_calendar_header_and_a_line_cut_short_are_not_headlines() -> None:
    for line in ("Mo Tu We Th Fr Sa Su", "Ferries and ports of the islands and"):
        assert not headline_like(line), line


def test_a_headline_with_a_beat_word_is_not_a_byline() -> None:
    title = "Harbour Ferry Services Travel Advice"
    text = lines("Menu", "Mo Tu We Th Fr Sa Su", "Mo Tu We Th Fr Sa Su", title, LEAD, SECOND)
    assert clean_text(text).article.title == title


def test_the_only_heading_right_over_the_article_is_the_title() -> None:
    text = lines("* About", "* Blog", "Winter crossings", "1. ferries", LEAD, SECOND, THIRD)
    assert clean_text(text).article.title == "Winter crossings"


def test_a_short_sentence_atop_the_page_is_its_title() -> None:
    text = lines("Time to move on.", "Dear readers,", LEAD, SECOND, THIRD, "Jane")
    result = clean_text(text)
    assert result.article.title == "Time to move on."
    assert "Time to move on." not in result.article.paragraphs
    # A lead of one sentence opening a page is the article's, not its heading.
    lead = "The harbour authority closed the northern route to ferries on Monday."
    assert lead in clean_text(lines(lead, LEAD, SECOND, THIRD)).article.paragraphs


def test_a_name_signing_the_post_over_its_date_is_the_author() -> None:
    for name in ("Jane", "Jane Doe"):
        text = lines("Time to move on.", "Dear readers,", LEAD, SECOND, THIRD, name, "3 May 2024")
        result = clean_text(text)
        assert result.article.author == name
        assert result.origins["author"].startswith("the name signing the article")
    text = lines("Time to move on.", "Dear readers,", LEAD, SECOND, THIRD, "Thanks", "3 May 2024")
    assert clean_text(text).article.author is None


JOURNAL = "Harbour Reports volume 3, Article number: 12 ( 2024 ) Cite this article"


def test_a_papers_authors_with_their_affiliation_marks_are_the_authors() -> None:
    title = "Ferry timetables and island health: a winter study"
    for line, want in (
        ("* Jane Doe1", "Jane Doe"),
        ("* Jane Doe1,2*", "Jane Doe"),
    ):
        text = lines("Menu", title, line, JOURNAL, LEAD, SECOND, THIRD)
        assert clean_text(text).article.author == want, line


def test_a_section_label_over_the_standfirst_is_not_the_title() -> None:
    title = "Fewer crossings as the storm season begins"
    text = lines(
        "Menu",
        title,
        "Island Life",
        "The harbour authority cuts the northern ferry route for the winter after two storms "
        "closed it last month.",
        "Jane Doe on 3 March 2024",
        LEAD,
        SECOND,
        THIRD,
    )
    assert clean_text(text).article.title == title


def test_a_wire_and_outlet_credit_under_the_headline_is_the_author_and_gives_the_agency() -> None:
    title = "Ferries cut the northern route for the winter"
    for line, author, agency in (
        ("AFP/Harbour Times - news@harbour.example", "AFP/Harbour Times", "AFP"),
        ("Reuters / Harbour Times", "Reuters / Harbour Times", "Reuters"),
    ):
        article = clean_text(lines("Menu", title, line, LEAD, SECOND, THIRD)).article
        assert (article.author, article.agency) == (author, agency), line


HEADLINE = "Winter ferries cut back as storms close the northern route"


def test_the_sites_name_after_the_headline_is_cut_when_the_footer_names_the_site() -> None:
    for separator in (" | ", " - ", " — "):
        text = lines(
            "Menu",
            HEADLINE + separator + "The Harbour Gazette",
            "3 March 2024",
            LEAD,
            SECOND,
            THIRD,
            "© 2024 The Harbour Gazette. All rights reserved.",
        )
        article = clean_text(text).article
        assert article.title == HEADLINE, separator
        assert article.outlet == "Harbour Gazette"


def test_the_sites_name_after_the_headline_is_cut_when_the_masthead_prints_it() -> None:
    text = lines("Harbour Gazette", HEADLINE + " | Harbour Gazette", "3 March 2024", LEAD, SECOND)
    article = clean_text(text).article
    assert (article.title, article.outlet) == (HEADLINE, "Harbour Gazette")


def test_a_headlines_own_dash_stays() -> None:
    for title in ("Ferries - islanders: what the winter timetable means", HEADLINE + " | Analysis"):
        article = clean_text(lines("Menu", title, "3 March 2024", LEAD, SECOND, THIRD)).article
        assert article.title == title
