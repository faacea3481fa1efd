"""Wire agencies, datelines, bylines and headlines on small pages written for these tests.

Each table row is one form a page uses; the page around it is the same ordinary article, so a
row fails only when its form is misread.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.cleaner import clean_text
from parallax.index.cleaner.metadata import find_title, headline_like, names_in, person_line
from parallax.index.cleaner.wire import (
    agency_name,
    credit_agency,
    lead_agency,
    parse_dateline,
    signoff_agency,
)

TITLE = "Ceasefire talks resume in the capital as envoys meet"
SECOND = (
    "The talks, which lasted more than six hours, focused on a possible pause in the fighting "
    "and on the exchange of prisoners held by both sides since the start of the war."
)
THIRD = (
    "A second round is expected later this month, the foreign ministry said in a statement, "
    "without giving a date for the meeting or naming the delegates."
)
LEAD_TEXT = (
    "Envoys from the two warring sides met on Sunday for the first direct talks in months, "
    "diplomats said, in a meeting hosted by the foreign ministry."
)


def page(
    lead: str,
    *,
    above: tuple[str, ...] = (),
    byline: str | None = "By Jane Doe",
    last: str = THIRD,
    after: tuple[str, ...] = ("Related stories", "© 2024 Example Media. All rights reserved."),
) -> str:
    lines = ["Menu", "Search", "Home > World > Europe", *above, TITLE]
    if byline is not None:
        lines.append(byline)
    lines += ["March 3, 2024", lead, SECOND, last, *after]
    return "\n\n".join(lines) + "\n"


# --- datelines -----------------------------------------------------------------------------

DATELINES = [
    ("MOSCOW (AP) — " + LEAD_TEXT, "MOSCOW", "AP"),
    ("ISTANBUL, June 2 (Reuters) - " + LEAD_TEXT, "ISTANBUL", "Reuters"),
    ("ISTANBUL, June 2, 2025 (Reuters) - " + LEAD_TEXT, "ISTANBUL", "Reuters"),
    ("New Delhi [India], May 5 (ANI): " + LEAD_TEXT, "New Delhi", "ANI"),
    ("MOSCOW, February 27. /TASS/. " + LEAD_TEXT, "MOSCOW", "TASS"),
    ("PARIS (AFP) - " + LEAD_TEXT, "PARIS", "AFP"),
    ("BEIJING, March 3 (Xinhua) -- " + LEAD_TEXT, "BEIJING", "Xinhua"),
    ("ANKARA (AA) - " + LEAD_TEXT, "ANKARA", "Anadolu"),
    ("BERLIN (dpa) - " + LEAD_TEXT, "BERLIN", "dpa"),
    ("Madrid, 4 May (EFE).- " + LEAD_TEXT, "Madrid", "EFE"),
    ("Moscú, 27 feb (EFE).- " + LEAD_TEXT, "Moscú", "EFE"),
    ("Roma, 4 de mayo de 2025 (EFE).- " + LEAD_TEXT, "Roma", "EFE"),
    ("ROME (ANSA) - " + LEAD_TEXT, "ROME", "ANSA"),
    ("TOKYO (Kyodo) -- " + LEAD_TEXT, "TOKYO", "Kyodo"),
    ("TOKYO, Feb. 27 Kyodo - " + LEAD_TEXT, "TOKYO", "Kyodo"),  # the agency bare after the day
    ("SEOUL, June 2, 2025 Yonhap -- " + LEAD_TEXT, "SEOUL", "Yonhap"),
    ("SEOUL, June 2 (Yonhap) -- " + LEAD_TEXT, "SEOUL", "Yonhap"),
    ("ISLAMABAD, May 5 (APP): " + LEAD_TEXT, "ISLAMABAD", "APP"),
    ("KUALA LUMPUR, May 5 (Bernama) -- " + LEAD_TEXT, "KUALA LUMPUR", "Bernama"),
    ("New Delhi, May 5 (PTI) " + LEAD_TEXT, "New Delhi", "PTI"),
    ("MUMBAI, May 5 (IANS) " + LEAD_TEXT, "MUMBAI", "IANS"),
    ("KOLKATA, May 5 (UNI) " + LEAD_TEXT, "KOLKATA", "UNI"),
    ("MOSCOW (RIA Novosti) - " + LEAD_TEXT, "MOSCOW", "RIA Novosti"),
    ("WASHINGTON, D.C. (AP) — " + LEAD_TEXT, "WASHINGTON", "AP"),
    ("SAN JUAN, Puerto Rico (AP) — " + LEAD_TEXT, "SAN JUAN", "AP"),
    ("(AFP) — PARIS — " + LEAD_TEXT, "PARIS", "AFP"),
    ("BRUSSELS — " + LEAD_TEXT, "BRUSSELS", None),
    ("Brussels – " + LEAD_TEXT, "Brussels", None),
    ("GENEVA: " + LEAD_TEXT, "GENEVA", None),
    ("BRUSSELS—" + LEAD_TEXT, "BRUSSELS", None),
    ("DOVER, Del. –- " + LEAD_TEXT, "DOVER", None),
    ("SPRINGFIELD, Ill. -- " + LEAD_TEXT, "SPRINGFIELD", None),
    ("İSTANBUL — " + LEAD_TEXT, "İSTANBUL", None),
    ("DENVER (KXYZ) — " + LEAD_TEXT, "DENVER", None),  # a station's call sign is no agency
    ("NORTH SHORE, ILL. (WXYZ) - " + LEAD_TEXT, "NORTH SHORE", None),
]


@pytest.mark.parametrize(("lead", "place", "agency"), DATELINES, ids=[r[0][:24] for r in DATELINES])
def test_dateline_forms(lead: str, place: str, agency: str | None) -> None:
    result = clean_text(page(lead))
    article = result.article
    assert (article.dateline, article.agency) == (place, agency)
    assert article.paragraphs[0] == lead  # the dateline stays in the text
    assert result.origins["dateline"].startswith("dateline")
    if agency:
        assert result.origins["agency"].startswith('dateline "')


def test_the_dateline_of_the_paragraph_after_a_short_standfirst() -> None:
    standfirst = "Envoys met for the first time in months, raising hopes of a pause."
    article = clean_text(page("DENVER (KXYZ) -- " + LEAD_TEXT, above=())).article
    assert article.dateline == "DENVER"
    text = page(LEAD_TEXT).replace(LEAD_TEXT, standfirst + "\n\nDENVER (KXYZ) -- " + LEAD_TEXT)
    assert clean_text(text).article.dateline == "DENVER"


@pytest.mark.parametrize(
    ("line", "place"),
    [("WASHINGTON —", "WASHINGTON"), ("Brussels –", "Brussels"), ("Jane Doe —", None)],
)
def test_a_dateline_on_a_line_of_its_own(line: str, place: str | None) -> None:
    assert parse_dateline(line)[0] == place


def test_the_dateline_under_a_headline_the_body_starts_with() -> None:
    # A headline that ends its sentence joins the body's first run; the lead is under it.
    title = "Storm Brings Rare Calm to the Capital, but Will It Last?"
    text = "\n\n".join([title, "BRUSSELS — " + LEAD_TEXT, SECOND, THIRD]) + "\n"
    article = clean_text(text).article
    assert article.title == title
    assert article.dateline == "BRUSSELS"


NOT_DATELINES = [
    "Analysts: the market fell sharply on Monday as traders sold shares across the board.",
    "WARNING: this story contains details some readers may find upsetting to read today.",
    "The app (which is free) crashed for many users on Monday, the company said in a note.",
    "Reuters reported on Monday that the envoys had met in secret for the first time.",
    "The talks ended without agreement, and the envoys said they would meet again soon.",
    "Jane Doe – the minister said on Monday that the talks would continue next week.",
    "Russia—Ukraine talks ended on Monday without agreement, the envoys said in a statement.",
    "Jane Doe (KXYZ) - the minister said on Monday that the talks would continue next week.",
    "MOSCOW-based traders sold shares across the board on Monday as the rouble fell again.",
    "PARIS, May 5 Reuters reported that the envoys had met in secret for the first time.",
]


@pytest.mark.parametrize("lead", NOT_DATELINES)
def test_a_lead_without_a_dateline(lead: str) -> None:
    place, agency, _ = parse_dateline(lead)
    assert place is None and agency is None
    assert lead_agency(lead)[0] is None


# --- credits without a place ---------------------------------------------------------------

CREDITS = [
    # (byline, last paragraph, lines after the article, agency)
    ("By Jane Doe, Reuters", THIRD, (), "Reuters"),
    ("By Jane Doe | AFP", THIRD, (), "AFP"),
    ("Reuters", THIRD, (), "Reuters"),
    ("By Associated Press", THIRD, (), "AP"),
    ("Reuters Staff", THIRD, (), "Reuters"),
    ("By Press Trust of India", THIRD, (), "PTI"),
    ("By Jane Doe", THIRD + " — Reuters", (), "Reuters"),
    ("By Jane Doe", THIRD + " (via AP)", (), "AP"),
    ("By Jane Doe", THIRD, ("With AFP",), "AFP"),
    ("By Jane Doe", THIRD, ("(With inputs from PTI)",), "PTI"),
    ("By Jane Doe", THIRD, ("— Reuters",), "Reuters"),
    ("By Jane Doe", THIRD, ("The Associated Press contributed to this report.",), "AP"),
    (
        "By Jane Doe",
        THIRD,
        ("Copyright 2024 The Associated Press. All rights reserved.",),
        "AP",
    ),
    ("By JANE DOE and JOHN ROE Associated Press", THIRD, (), "AP"),
    ("Reuters | Published: March 3, 2024", THIRD, (), "Reuters"),
    ("Source: Xinhua| 2024-03-03 09:12:33|Editor: Jane Doe", THIRD, (), "Xinhua"),
    ("Anadolu Agency", THIRD, (), "Anadolu"),
    (
        "By Jane Doe",
        THIRD,
        ("Associated Press writers John Roe in Kyiv and Ann Poe in Moscow contributed.",),
        "AP",
    ),
    ("By Jane Doe", THIRD, ("AP writer John Roe contributed to this report.",), "AP"),
    ("By Jane Doe", THIRD, ("With AFP and Reuters",), "AFP"),
    ("By Jane Doe", THIRD, ("— With reporting from AFP",), "AFP"),
    ("By Jane Doe", THIRD + " (TASS)", (), "TASS"),
    ("By Jane Doe", THIRD + " /ANI/", (), "ANI"),
    ("By Jane Doe", THIRD, ("(TASS)",), "TASS"),
    ("By Jane Doe", THIRD, ("[AFP]",), "AFP"),
    ("By Jane Doe", THIRD, ("Reporting by John Roe; Editing by Ann Poe",), None),
    ("By Jane Doe", THIRD, (), None),
    ("By Jane Doe", THIRD, ("Photo by John Roe / AFP",), None),
]


@pytest.mark.parametrize(("byline", "last", "after", "agency"), CREDITS)
def test_credit_forms(byline: str, last: str, after: tuple[str, ...], agency: str | None) -> None:
    result = clean_text(page(LEAD_TEXT, byline=byline, last=last, after=(*after, "Related")))
    assert result.article.agency == agency
    assert result.article.dateline is None
    assert ("agency" in result.origins) == (agency is not None)


@pytest.mark.parametrize("credit", ["(AP)", "— AP", "AFP", "/ANI/"])
def test_a_short_closing_line_above_the_credit_stays_in_the_article(credit: str) -> None:
    closing = "The talks lasted six hours."
    after = (closing, credit, "Share this article", "Related stories")
    result = clean_text(page(LEAD_TEXT, after=after))
    assert result.article.paragraphs[-1] == closing
    assert result.article.agency is not None


def test_the_lines_above_an_appeal_are_the_appeal_s_not_the_article_s() -> None:
    after = ("Follow the harbour story", "Stand with the fishermen today.", "Donate now", "Related")
    result = clean_text(page(LEAD_TEXT, after=after))
    assert result.article.paragraphs[-1] == THIRD


def test_an_embedded_post_and_its_signature_do_not_end_the_article() -> None:
    post = "Good talks with our partners today. More soon."
    after = (post, "— John Roe (@johnroe) March 3, 2024", SECOND.replace("talks", "meetings"))
    result = clean_text(page(LEAD_TEXT, after=(*after, "Related")))
    assert result.article.paragraphs[-1] == SECOND.replace("talks", "meetings")


def test_a_live_pages_time_stamps_are_not_its_text() -> None:
    lines = ["Menu", TITLE, "March 3, 2024", "15:02", LEAD_TEXT, "14:40", SECOND, "14:10", THIRD]
    article = clean_text("\n\n".join(lines) + "\n").article
    assert article.paragraphs == [LEAD_TEXT, SECOND, THIRD]


def test_a_picture_credit_is_not_the_story_s_agency() -> None:
    above = ("Envoys arrive for the talks. (Photo by John Roe / AFP)",)
    assert clean_text(page(LEAD_TEXT, above=above)).article.agency is None


def test_the_agency_and_place_line() -> None:
    result = clean_text(page(LEAD_TEXT, byline="AP Istanbul"))
    assert (result.article.dateline, result.article.agency) == ("Istanbul", "AP")
    assert result.article.author is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("AP", "AP"),
        ("Associated Press", "AP"),
        ("the associated press", "AP"),
        ("dpa", "dpa"),
        ("DPA", "dpa"),
        ("app", None),  # short spellings count only as written
        ("uni", None),
        ("Agence France-Presse", "AFP"),
        ("xinhua news agency", "Xinhua"),
        ("Anadolu Agency", "Anadolu"),
        ("Kyodo News", "Kyodo"),
    ],
)
def test_agency_spellings(text: str, name: str | None) -> None:
    assert agency_name(text) == name


def test_signoff_and_credit_lines() -> None:
    assert signoff_agency("He said the talks would go on. — Reuters")[0] == "Reuters"
    assert signoff_agency("He said the talks would go on, via the app.")[0] is None
    assert credit_agency("Reporting by Jane Doe; Editing by John Roe")[0] is None
    assert credit_agency("Jane Doe / AP")[0] == "AP"


# --- authors -------------------------------------------------------------------------------

AUTHORS = [
    ("By Jane Doe, John Roe and Ann Lee", "Jane Doe; John Roe; Ann Lee"),
    ("By JANE DOE and JOHN ROE", "Jane Doe; John Roe"),
    ("By Jane Doe & John Roe", "Jane Doe; John Roe"),
    ("By Jane Doe, Staff Writer", "Jane Doe"),
    ("By Jane Doe Staff Writer", "Jane Doe"),
    ("Jane Doe, Chief Political Correspondent", "Jane Doe"),
    ("Written by Jane Doe on July 27, 2017", "Jane Doe"),
    ("Posted by Jane Doe | View all posts by Jane Doe", "Jane Doe"),
    ("by: Jane Doe", "Jane Doe"),
    ("By Jane Doe | jdoe@example.com", "Jane Doe"),
    ("By Jane Doe @janedoe", "Jane Doe"),
    ("By Jane Doe, Reuters", "Jane Doe"),
    ("By Jane de la Cruz", "Jane de la Cruz"),
    ("By J. R. Smith", "J. R. Smith"),
    ("Jane DoeFriday, 28 February 2025", "Jane Doe"),
    ("Jane Doe Updated Mar 12, 2020", "Jane Doe"),
    ("Von Jana Schmidt", "Jana Schmidt"),
    ("Por Juan Pérez", "Juan Pérez"),
]


@pytest.mark.parametrize(("byline", "author"), AUTHORS)
def test_author_lines(byline: str, author: str) -> None:
    result = clean_text(page(LEAD_TEXT, byline=byline))
    assert result.article.author == author
    assert "author" in result.origins


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Staff Writer", "Staff Writer"),
        ("by Example Staff Report • 3 March 2024", "Example Staff Report"),
        ("Written by News Desk on March 3, 2024", "News Desk"),
    ],
)
def test_a_newsrooms_credit_is_the_author_when_no_person_is_named(byline: str, author: str) -> None:
    result = clean_text(page(LEAD_TEXT, byline=byline))
    assert result.article.author == author
    assert result.origins["author"].startswith("byline credit")


def test_a_syndication_note_after_the_article_names_no_author() -> None:
    note = "(This story has not been edited by Harbour Chronicle staff and is auto-generated "
    note += "from a syndicated feed.)"
    text = page(LEAD_TEXT, byline=None, after=(note, "Related stories"))
    assert clean_text(text).article.author is None


def test_the_writers_name_between_standfirst_and_date_is_no_section_label() -> None:
    standfirst = "Envoys from both sides met for six hours and agreed to meet again this month."
    text = page(LEAD_TEXT, byline=f"{standfirst}\n\nJane Doe")
    article = clean_text(text).article
    assert article.title == TITLE
    assert article.author == "Jane Doe"


def test_a_blogs_post_line_names_its_writers_handle() -> None:
    result = clean_text(page(LEAD_TEXT, byline="by jdoe on March 3, 2024"))
    assert result.article.author == "jdoe"
    assert result.origins["author"].startswith("byline handle")


@pytest.mark.parametrize(
    ("footer", "author"),
    [
        ("© 2024 Jane Doe", "Jane Doe"),
        ("Copyright (c) 2012- Jane Doe. All rights reserved. Design by Templates.", "Jane Doe"),
        ("Archive – RSS – 2009-2024 by Jane Doe – Powered by Example", "Jane Doe"),
        ("© 2024 Example Media Ltd. All rights reserved.", None),
        ("© 2024 Doe Davis, LLC. All rights reserved.", None),
        ("© Copyright Example Daily News", None),
        ("All content © 2024 Harbour Chronicle. Reproduction in whole or in part forbidden.", None),
    ],
)
def test_a_personal_sites_copyright_names_its_author(footer: str, author: str | None) -> None:
    text = page(LEAD_TEXT, byline=None, after=("Related stories", footer))
    assert clean_text(text).article.author == author


def test_by_on_its_own_line() -> None:
    assert clean_text(page(LEAD_TEXT, byline="By\n\nJane Doe")).article.author == "Jane Doe"


@pytest.mark.parametrize(
    "byline",
    [
        "By The Daily Example",  # the site, not a person
        "How To Grow and Care For Roses",
        "Share this with Facebook",
        None,
    ],
)
def test_not_an_author(byline: str | None) -> None:
    assert clean_text(page(LEAD_TEXT, byline=byline)).article.author is None


def test_a_commenter_is_not_the_author() -> None:
    after = (
        "3 comments",
        "+ Jim Smith June 20, 2024 at 12:50 pm",
        "Great article, thanks for writing it up so clearly.",
    )
    assert clean_text(page(LEAD_TEXT, byline=None, after=after)).article.author is None


def test_names_in_and_person_line() -> None:
    assert names_in("Jane Doe, Staff Attorney, Some Justice Program", explicit=True) == ["Jane Doe"]
    assert person_line("Jane Doe, Senior Reporter") == "Jane Doe"
    assert person_line("Texas voters approved the amendment") is None


# --- headlines -----------------------------------------------------------------------------

UI_LINES = [
    "Skip to main content",
    "Expand / Collapse search",
    "Listen to this article",
    "This is an audio version of the article",
    "2 min read · Last updated 3 March 2025",
    "Share this with Facebook",
    "Your Account",
    "Please enter a search term.",
]


@pytest.mark.parametrize("line", UI_LINES)
def test_ui_text_is_never_the_title(line: str) -> None:
    assert not headline_like(line)
    article = clean_text(page(LEAD_TEXT, above=(line, line))).article
    assert article.title == TITLE


NOT_HEADLINES = [
    "← Winter notes from the harbour",
    "Spring notes from the harbour →",
    "Envoys meet in the capital on Sunday. Photo: Example Agency",
    "Delegates arrive for the talks. Foto: Archivo",
    "Example Media Europe AB",
    "Example Holdings Ltd",
    "My channels: Comedy / Travel / Vlogs",
]


@pytest.mark.parametrize("line", NOT_HEADLINES)
def test_post_links_captions_companies_and_menus_are_never_the_title(line: str) -> None:
    assert not headline_like(line)
    article = clean_text(page(LEAD_TEXT, above=(line, line))).article
    assert article.title == TITLE


@pytest.mark.parametrize("label", ["Album Reviews", "World Politics Analysis"])
def test_a_section_label_between_the_headline_and_its_byline_is_not_the_title(label: str) -> None:
    text = page(LEAD_TEXT, byline=f"{label}\n\nBy Jane Doe")
    article = clean_text(text).article
    assert article.title == TITLE
    assert article.author == "Jane Doe"


def test_a_blogs_name_over_its_motto_is_not_the_title() -> None:
    # The blog's name, its motto (a sentence longer than the name), then the post's headline
    # with its byline and date.
    text = page(
        LEAD_TEXT,
        above=(
            "Example Notes - A Harbour Blog",
            "A harbour blog of talks, ferries, storms and daily news.",
        ),
    )
    assert clean_text(text).article.title == TITLE


def test_the_repeated_line_above_the_byline_is_the_title() -> None:
    above = ("Europe", TITLE, "Markets rally as inflation eases across the region")
    result = clean_text(page(LEAD_TEXT, above=above))
    assert result.article.title == TITLE
    assert result.origins["title"].startswith("repeated line")


def test_a_capture_header_gives_a_title_only_when_headline_like() -> None:
    text = page(LEAD_TEXT)
    with_headline = f" date 2024-03-03 {TITLE}\n\n" + text.replace(TITLE, "", 1)
    assert clean_text(with_headline).article.title == TITLE
    for rest in ("Skip to main content", "Manage preferences", "14 minutes ago", "Jobs"):
        with_ui = f" date 2024-03-03 {rest}\n\n" + text
        assert clean_text(with_ui).article.title == TITLE, rest
    digits = "3 dead after floods hit the capital"
    with_number = f" date 2024-03-03 {digits}\n\n" + text.replace(TITLE, digits)
    assert clean_text(with_number).article.title == digits


# --- never raises --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_parsers_never_raise(text: str) -> None:
    parse_dateline(text)
    lead_agency(text)
    signoff_agency(text)
    credit_agency(text)
    names_in(text, explicit=True)
    person_line(text)
    headline_like(text)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                TITLE,
                "By Jane Doe and John Roe",
                "MOSCOW (AP) — " + LEAD_TEXT,
                SECOND,
                "March 3, 2024",
                "— Reuters",
                "Skip to main content",
                "(TASS)",
                "",
                "By",
                "Jane DoeFriday, 28 February 2025",
            ]
        )
        | st.text(max_size=80),
        max_size=12,
    )
)
def test_clean_text_with_wire_forms_never_raises(lines: list[str]) -> None:
    result = clean_text("\n\n".join(lines))
    assert all(isinstance(v, str) for v in result.origins.values())
    assert find_title([], 0, None) is None


# --- several authors stay one string everywhere ---------------------------------------------


def test_several_authors_are_one_string_in_the_store_and_search(tmp_path) -> None:
    from datetime import date

    from parallax.index.api import Corpus
    from parallax.index.config import load_config

    source = tmp_path / "story.txt"
    source.write_text(page(LEAD_TEXT, byline="By Jane Doe and John Roe"), encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    corpus = Corpus.open(load_config(config, tmp_path / "data", env={}))
    report = corpus.add([source])
    assert report.ok and report.count("added") == 1
    [summary] = corpus.articles()
    assert summary.author == "Jane Doe; John Roe"
    stored = corpus.article(summary.id)
    assert stored.article.author == "Jane Doe; John Roe"
    text = next((tmp_path / "data").rglob("*.md")).read_text(encoding="utf-8")
    assert "author: Jane Doe; John Roe" in text
    corpus.update_index()
    for query in ('author:"john roe"', "author:doe"):
        result = corpus.search(query, update=False, today=date(2024, 3, 10))
        assert [hit.id for hit in result.hits] == [summary.id], query


def test_a_line_of_capitals_is_a_dateline_only_when_a_known_place() -> None:
    assert clean_text(page(LEAD_TEXT, byline="MOSCOW")).article.dateline == "MOSCOW"
    assert clean_text(page(LEAD_TEXT, byline="PDF")).article.dateline is None


def test_the_author_s_bio_closing_the_page_is_not_the_article() -> None:
    bio = "Jane Doe is a senior writer covering diplomacy and the talks between the two sides."
    article = clean_text(page(LEAD_TEXT, last=THIRD + "\n\n" + bio)).article
    assert article.author == "Jane Doe"
    assert article.paragraphs[-1] == THIRD


def test_the_author_s_bio_names_the_author_when_no_byline_does() -> None:
    bio = "Jane Doe is a senior writer for the paper, covering diplomacy and the talks."
    result = clean_text(page(LEAD_TEXT, byline=None, last=THIRD + "\n\n" + bio))
    assert result.article.author == "Jane Doe"
    assert result.origins["author"].startswith("the author's bio")
    assert result.article.paragraphs[-1] == THIRD


def test_an_author_line_closing_the_article() -> None:
    result = clean_text(page(LEAD_TEXT, byline=None, last=THIRD + "\n\nAuthor: Jane Doe"))
    assert result.article.author == "Jane Doe"
