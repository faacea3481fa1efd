"""Finding meetings in articles of any outlet, and grouping them: synthetic articles in other
styles than the seeds, and arbitrary text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.index.model import Article
from parallax.index.stories.gazetteer import Gazetteer
from parallax.index.stories.meetings import ArticleMeetings, Event, Meeting, extract, group

G = Gazetteer.load()


def article(title: str, *paragraphs: str, published: date | None = None, **kw: str) -> Article:
    return Article(title=title, paragraphs=list(paragraphs), published=published, **kw)  # type: ignore[arg-type]


def main_event(a: Article) -> Event:
    found = extract(a, G)
    assert found.main is not None, [e.to_json() for e in found.events]
    return found.main


def meetings_of(articles: dict[str, Article]) -> list[Meeting]:
    found = {k: extract(a, G) for k, a in articles.items()}
    return group(found, G, {k: a.outlet for k, a in articles.items()})


def test_talks_in_a_capital_on_a_weekday() -> None:
    e = main_event(
        article(
            "China and Japan hold talks on maritime tensions",
            "Chinese and Japanese officials held talks in Beijing on Monday, the first such "
            "meeting in two years.",
            published=date(2025, 3, 5),
        )
    )
    assert set(e.parties) == {"China", "Japan"}
    assert e.city == "beijing"
    assert e.date is not None and e.date.iso() == "2025-03-03"
    assert not e.planned and e.kind == "talks" and e.level == "officials"


def test_a_future_meeting_next_week() -> None:
    e = main_event(
        article(
            "Ministers to meet",
            "The foreign ministers of France and Germany will meet in Geneva next week to "
            "discuss energy, officials said on Tuesday.",
            published=date(2025, 6, 11),
        )
    )
    assert e.planned
    assert set(e.parties) == {"France", "Germany"}
    assert e.city == "geneva" and e.country_place == "Switzerland"
    assert e.date is not None and e.date.iso() == "2025-W25"  # not the Tuesday it was said


def test_officials_are_mapped_to_the_countries_the_text_gives_them() -> None:
    found = extract(
        article(
            "Leaders meet",
            "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in "
            "Tokyo on Saturday.",
            "Modi later said the meeting was productive, according to his Japanese counterpart, "
            "who spoke to the Kremlin spokesman Dmitry Peskov.",
            published=date(2023, 3, 20),
        ),
        G,
    )
    assert found.people["modi"].country == "India"
    assert found.people["kishida"].country == "Japan"
    assert found.people["peskov"].country == "Russia"
    main = found.main
    assert main is not None and set(main.people) >= {"modi", "kishida"}
    assert main.level == "leaders" and main.date is not None and main.date.iso() == "2023-03-18"


def test_speakers_and_calls_are_not_parties() -> None:
    e = main_event(
        article(
            "Talks in Vienna",
            "Iranian and European negotiators met in Vienna on Friday, Russian Foreign Minister "
            "Sergei Lavrov said after a phone call with Chinese President Xi Jinping.",
            published=date(2024, 5, 11),
        )
    )
    assert set(e.parties) == {"Iran", "EU"}
    assert e.city == "vienna"


def test_name_variants_compare_equal() -> None:
    a = main_event(article("Talks", "Ukrainian and Turkish officials met in Kiev on Monday.",
                           published=date(2024, 4, 3)))  # fmt: skip
    b = main_event(article("Talks", "Officials of Ukraine and Türkiye met in Kyiv on Monday.",
                           published=date(2024, 4, 3)))  # fmt: skip
    assert a.city == b.city == "kyiv"
    assert set(a.parties) == set(b.parties) == {"Ukraine", "Turkey"}


def test_a_passing_mention_is_not_the_main_meeting() -> None:
    found = extract(
        article(
            "Iran nuclear deal hopes fade",
            "Hopes are fading for a new nuclear deal, and oil prices rose.",
            "After last month's meeting in Doha between Iranian and US negotiators, no new date "
            "has been set.",
            published=date(2025, 4, 2),
        ),
        G,
    )
    assert found.main is None
    (mention,) = found.events
    assert mention.city == "doha" and set(mention.parties) == {"Iran", "US"}
    assert mention.date is not None and mention.date.iso() == "2025-03"


def test_two_outlets_one_summit_and_later_talks_in_the_same_city_apart() -> None:
    meetings = meetings_of(
        {
            "herald-summit": article(
                "Modi, Kishida hold summit in Tokyo",
                "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida "
                "in Tokyo on Saturday, and the two leaders agreed to deepen defence ties.",
                published=date(2023, 3, 19), outlet="Herald",
            ),
            "times-summit": article(
                "India and Japan agree defence deal at Tokyo summit",
                "Narendra Modi and Fumio Kishida held a summit in Tokyo over the weekend.",
                published=date(2023, 3, 20), outlet="Times",
            ),
            "times-talks": article(
                "Indian and Japanese officials hold talks in Tokyo",
                "Indian and Japanese officials held talks in Tokyo on Wednesday on trade.",
                published=date(2023, 5, 25), outlet="Times",
            ),
            "post-other-city": article(
                "India, Japan talks in Delhi",
                "Indian and Japanese officials held talks in New Delhi on Saturday.",
                published=date(2023, 3, 19), outlet="Post",
            ),
        }
    )  # fmt: skip
    by_main = {tuple(sorted(m.main_ids)): m for m in meetings}
    assert set(by_main) == {
        ("herald-summit", "times-summit"), ("times-talks",), ("post-other-city",),
    }  # fmt: skip
    summit = by_main[("herald-summit", "times-summit")]
    assert summit.kind == "summit" and summit.place == "Tokyo"
    assert summit.label.startswith("Kishida–Modi summit · Tokyo")


def test_a_roughly_dated_article_joins_its_meeting_and_no_other() -> None:
    meetings = meetings_of(
        {
            "wire": article(
                "Iran and US negotiators meet in Doha",
                "Iranian and US negotiators met in Doha on Tuesday for indirect talks.",
                published=date(2025, 3, 12), outlet="Wire",
            ),
            # No date in the text: only the article's own date says when.
            "paper": article(
                "US, Iran negotiators hold talks in Qatar capital Doha",
                "US and Iranian negotiators held talks in Doha, officials said.",
                published=date(2025, 3, 13), outlet="Paper",
            ),
            # The same parties and city, reported months later: another round.
            "later": article(
                "US, Iran negotiators hold talks in Doha",
                "US and Iranian negotiators held talks in Doha.",
                published=date(2025, 9, 1), outlet="Paper",
            ),
        }
    )  # fmt: skip
    by_main = {tuple(sorted(m.main_ids)) for m in meetings}
    assert by_main == {("paper", "wire"), ("later",)}


def test_talks_named_without_who_where_or_when_make_no_meeting() -> None:
    found = extract(
        article(
            "Russia rejects talks",
            "Moscow said on Monday it saw no point in talks.",
            published=date(2025, 1, 8),
        ),  # fmt: skip
        G,
    )
    assert group({"x": found}, G) == []
    summit = extract(
        article(
            "G7 summit opens",
            "Leaders of the Group of Seven opened their summit on Friday.",
            published=date(2023, 5, 19),
        ),  # fmt: skip
        G,
    )
    (meeting,) = group({"g7": summit}, G)
    assert meeting.parties == ["G7"] and meeting.kind == "summit"


def test_an_article_about_no_meeting_has_none() -> None:
    found = extract(
        article(
            "Oil prices rise",
            "Brent crude rose 2% in London on Monday as supply tightened.",
            published=date(2025, 1, 8),
        ),  # fmt: skip
        G,
    )
    assert found.events == []
    assert group({"oil": found}, G) == []


def test_found_meetings_survive_json() -> None:
    found = extract(
        article(
            "Talks",
            "Chinese and Japanese officials held talks in Beijing on Monday.",
            published=date(2025, 3, 5),
        ),  # fmt: skip
        G,
    )
    again = ArticleMeetings.from_json(found.to_json())
    assert again.to_json() == found.to_json()


# Arbitrary text, with the words extraction looks for mixed in so it gets past the first checks.
_PIECES = [
    " met ",
    " talks ",
    " in ",
    " Istanbul",
    " Russian",
    " U.S.",
    " on Friday",
    " will meet ",
    " Feb. 27",
    " President ",
    " Lavrov",
    " summit",
    " between ",
    " and ",
    ", ",
    ". ",
    " Sergei Lavrov",
    " last week",
    " the ",
    "\n\n",
    " hosted",
    " No ",
    " (",
    ")",
]
_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=60).map(
    "".join
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.one_of(st.none(), st.text(max_size=80)), st.text(max_size=400),
       st.one_of(st.none(), st.dates()))  # fmt: skip
def test_extraction_and_grouping_never_raise(
    title: str, standfirst: str | None, body: str, published: date | None
) -> None:
    a = Article(title=title or None, standfirst=standfirst, published=published,
                paragraphs=[p for p in body.split("\n\n") if p.strip()])  # fmt: skip
    found = extract(a, G)
    for event in found.events:
        for field, start, end in event.spans:
            text = {"title": a.title, "standfirst": a.standfirst, "body": a.body}[field]
            assert text is not None and 0 <= start <= end <= len(text)
    assert ArticleMeetings.from_json(found.to_json()).to_json() == found.to_json()
    group({"x": found, "y": found}, G)


@pytest.mark.parametrize(
    "text",
    ["[Live] talks between Russia and Ukraine in Istanbul", "\x1b[31mmet\x1b[0m in Paris on Friday",
     "", ".", "in in in", "met met met met"],
)  # fmt: skip
def test_odd_text(text: str) -> None:
    extract(article(text, text, published=date(2025, 1, 1)), G)


@pytest.mark.parametrize(
    ("title", "lead", "published", "expected"),
    [
        # A headline's "X to <verb>" is a meeting to come; the date said with "said" is not its.
        ("US, China to resume trade talks",
         "U.S. and Chinese trade negotiators will resume talks in Washington next week, the "
         "White House said on Friday.",
         date(2019, 5, 10),
         {"parties": {"US", "China"}, "city": "washington", "date": "2019-W20", "planned": True}),
        # What talks are about is not who takes part in them.
        ("EU leaders to discuss Ukraine aid at Brussels summit",
         "European Union leaders will meet in Brussels on Thursday to discuss a new aid package "
         "for Ukraine, diplomats said.",
         date(2024, 1, 29),
         {"parties": {"EU"}, "city": "brussels", "date": "2024-02-01", "planned": True}),
        # An institution after "at the" is a place in its capital.
        ("Putin hosts Xi",
         "Russian President Vladimir Putin hosted Chinese leader Xi Jinping at the Kremlin on "
         "Tuesday for talks on energy and Ukraine.",
         date(2023, 3, 21),
         {"parties": {"Russia", "China"}, "city": "moscow", "date": "2023-03-21", "planned": False}),
        # A meeting on the sidelines of a summit is where and when the summit is.
        ("Ministers meet",
         "Japanese Foreign Minister Yoko Kamikawa met her Indian counterpart on the sidelines "
         "of the G20 summit in Rio de Janeiro on Monday.",
         date(2024, 11, 19),
         {"parties": {"Japan", "India"}, "city": "rio de janeiro", "date": "2024-11-18"}),
        # A dateline is where the story was filed, not who met.
        ("EU and China hold summit",
         "BRUSSELS (Reuters) - European Union and Chinese leaders met in Beijing on Thursday.",
         date(2023, 12, 8),
         {"parties": {"EU", "China"}, "city": "beijing", "date": "2023-12-07"}),
        # Where the date sits before "officials said" across a comma, it is the meeting's.
        ("Talks in Doha",
         "Qatari envoy Omar Haddad will meet Egyptian envoy Ali Salem in Doha on July 18, "
         "officials said.",
         date(2024, 7, 12),
         {"parties": {"Qatar", "Egypt"}, "city": "doha", "date": "2024-07-18", "planned": True}),
    ],
)  # fmt: skip
def test_reading_table(title: str, lead: str, published: date, expected: dict[str, object]) -> None:
    e = main_event(article(title, lead, published=published))
    seen = {
        "parties": {p for p, w in e.parties.items() if w >= 0.4 * max(e.parties.values())},
        "city": e.city,
        "date": e.date.iso() if e.date else None,
        "planned": e.planned,
    }
    assert {k: seen[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They told us nothing", []),
        ("a turkey for dinner", []),
        ("The US and the U.S.A. and the United States", ["US", "US", "US"]),
        ("Türkiye, Turkiye and Turkey", ["Turkey", "Turkey", "Turkey"]),
        ("Kiev or Kyiv", ["Ukraine", "Ukraine"]),
        ("talks in St. Petersburg and Saint Petersburg", ["Russia", "Russia"]),
        ("the Kremlin and the White House", ["Russia", "US"]),
        ("Russian and Ukrainian", ["Russia", "Ukraine"]),
        ("NATO, the EU and the UN", ["NATO", "EU", "UN"]),
    ],
)  # fmt: skip
def test_gazetteer_names(text: str, expected: list[str]) -> None:
    from parallax.index.stories.gazetteer import tokenize

    tokens = tokenize(text, G.aliases)
    found, i = [], 0
    while i < len(tokens):
        hit = G.match(tokens, i) if tokens[i].word else None
        if hit:
            found.append(hit[1].country)
            i += hit[0]
        else:
            i += 1
    assert found == expected


def test_people_get_the_country_their_apposition_or_possessive_gives() -> None:
    found = extract(
        article(
            "Talks in Riyadh",
            "Sergey Lavrov, Russia's foreign minister, met Marco Rubio, the U.S. secretary of "
            "state, in Riyadh on Tuesday.",
            "Ukraine's Zelensky said he was not invited. Wang Yi, China's top diplomat, agreed.",
            published=date(2025, 2, 20),
        ),
        G,
    )
    countries = {k: p.country for k, p in found.people.items()}
    assert countries == {"lavrov": "Russia", "rubio": "US", "zelensky": "Ukraine", "yi": "China"}
    main = found.main
    assert main is not None and set(main.parties) == {"Russia", "US"}
    assert main.city == "riyadh" and main.date is not None and main.date.iso() == "2025-02-18"


def test_a_person_named_once_with_a_country_is_placed_everywhere() -> None:
    # Eunews names "Rubio and Lavrov" without countries; other articles give them.
    arts = {
        "one": article("Rubio and Lavrov meet in Riyadh",
                       "Marco Rubio and Sergei Lavrov met in Riyadh on Tuesday.",
                       published=date(2025, 2, 19), outlet="One"),
        "two": article("US and Russia talk in Riyadh",
                       "U.S. Secretary of State Marco Rubio met Russian Foreign Minister Sergey "
                       "Lavrov in Riyadh on Tuesday.", published=date(2025, 2, 18), outlet="Two"),
    }  # fmt: skip
    (meeting,) = meetings_of(arts)
    assert set(meeting.main_ids) == {"one", "two"}
    assert set(meeting.parties) == {"Russia", "US"}


def test_a_meeting_in_the_lead_under_another_headline_is_a_mention() -> None:
    found = extract(
        article(
            "Mortgage rates hit decade high",
            "Polish and Czech officials met in Warsaw on Monday to discuss the housing market.",
            "Mortgage rates rose for a third month, the central bank said.",
            published=date(2025, 1, 29),
        ),
        G,
    )
    assert found.main is None
    assert [e.city for e in found.events] == ["warsaw"]


def test_without_title_or_standfirst_the_lead_is_the_heading() -> None:
    found = extract(
        Article(
            paragraphs=["Polish and Czech officials met in Warsaw on Monday.", "Prices rose."],
            published=date(2025, 1, 29),
        ),
        G,
    )
    assert found.main is not None and found.main.city == "warsaw"
    assert set(found.main.parties) == {"Poland", "Czech Republic"}


def test_an_announced_meeting_and_its_report_weeks_later_are_one() -> None:
    meetings = meetings_of(
        {
            "announced": article(
                "Canada and Mexico to hold trade talks in Geneva",
                "Canadian and Mexican negotiators will hold talks in Geneva, officials said.",
                published=date(2025, 3, 1), outlet="One",
            ),
            "held": article(
                "Canada, Mexico trade talks end in Geneva",
                "Canadian and Mexican negotiators met in Geneva on Thursday.",
                published=date(2025, 4, 11), outlet="Two",
            ),
            # Reported before the announcement: another meeting.
            "earlier": article(
                "Canada, Mexico trade talks end in Geneva",
                "Canadian and Mexican negotiators met in Geneva on Thursday.",
                published=date(2025, 1, 10), outlet="Two",
            ),
        }
    )  # fmt: skip
    assert {tuple(sorted(m.main_ids)) for m in meetings} == {("announced", "held"), ("earlier",)}
    (later,) = [m for m in meetings if "held" in m.main_ids]
    assert later.date is not None and later.date.iso() == "2025-04-10"


def test_a_text_without_stops_is_read_in_pieces() -> None:
    from parallax.index.stories.meetings import MAX_SENTENCE_CHARS

    body = "Russian officials met U.S. envoys in Geneva on Monday, said Lavrov and " * 300
    found = extract(article("Talks", body, published=date(2025, 1, 8)), G)
    main = found.main
    assert main is not None and main.city == "geneva" and set(main.parties) == {"Russia", "US"}
    for _, start, end in main.spans:
        assert 0 <= start < end <= len(body) and end - start <= MAX_SENTENCE_CHARS
