"""The body of a text scrape: which runs of prose are the article (small pages written here)."""

from __future__ import annotations

import textwrap

from parallax.index.cleaner import clean_text

HEADER = """\
Menu
* Home
* Blog
* About
Caching database queries in a small web service
By Jane Doe
March 3, 2024
"""

PARAGRAPHS = [
    "Our web service answered most requests in a few milliseconds, but a handful of pages "
    "took whole seconds. The profiler showed the same database query running again and again "
    "for every request, even when nothing in the database had changed.",
    "The obvious answer was a cache in front of the query. We wanted it small, easy to clear, "
    "and safe when two requests arrive at once, so we started with the standard library.",
]

CODE = """\
import functools
@functools.lru_cache(maxsize=256)
def load_prices(region):
    rows = database.query(region)
    return tuple(rows)
load_prices.cache_clear()
"""

AFTER = (
    "With the cache in place the slow pages answered in milliseconds too. The query now runs "
    "once per region, and the database load dropped to a tenth of what it was. Clearing the "
    "cache after every write keeps the prices right for each request and each region."
)

FOOTER = """\
Related posts
Ten tips for a faster laptop
Our favourite conference talks of the year
© 2024 Example Blog. All rights reserved.
"""


def test_a_code_block_does_not_end_the_article() -> None:
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + CODE + AFTER + "\n" + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body
    assert "def load_prices(region):" in body  # the block is the article's
    assert AFTER in body  # and so is the prose after it
    assert "Ten tips" not in body


def test_a_table_between_paragraphs_of_one_article_is_kept() -> None:
    table = "region requests before after\nnorth 1200 2.1 s 0.01 s\nsouth 800 1.7 s 0.02 s\n"
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + table + AFTER + "\n" + FOOTER
    body = clean_text(page).article.body
    assert "north 1200 2.1 s 0.01 s" in body
    assert AFTER in body


def test_prose_of_another_subject_after_a_block_is_not_the_article() -> None:
    other = (
        "Spring brings the first asparagus to the market stalls, and the farmers along the river "
        "expect a generous harvest this year after a mild and rainy winter in the valley."
    )
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + CODE + other + "\n" + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[1] in body
    assert "asparagus" not in body


def test_a_wrapped_passage_in_an_unwrapped_page_is_one_paragraph() -> None:
    wrapped = (
        "The committee met again on Thursday in the old library, where the first\n"
        "round of talks had ended without any agreement two weeks earlier, and\n"
        "both sides said the mood had improved since then.\n"
    )
    page = HEADER + wrapped + "\n".join(PARAGRAPHS) + "\n" + FOOTER
    article = clean_text(page).article
    joined = " ".join(line.strip() for line in wrapped.splitlines())
    assert joined in article.paragraphs
    assert PARAGRAPHS[1] in article.paragraphs


def test_lines_of_code_are_not_joined_as_wrapped_prose() -> None:
    code = "from service.cache import load_prices, clear_prices, warm_up\nfrom service.db import query\n"
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + code + AFTER + "\n" + FOOTER
    body = clean_text(page).article.body
    assert "warm_up from service.db" not in body


BLOG = """\
Notes From The Workshop
Here is where I write about the tools I build and the tricks I learn along the way.
Wednesday, October 16, 2019
Caching Queries In A Small Service
Caching queries in a small service
"""


def test_a_blogs_motto_and_name_are_not_the_headline() -> None:
    # The page's heading printed twice (as written, then in another case), under the blog's
    # name and motto; the article's words name the blog too.
    opening = "Regular readers of Notes From The Workshop know the service. " + PARAGRAPHS[0]
    page = BLOG + opening + "\n" + PARAGRAPHS[1] + "\n"
    article = clean_text(page).article
    assert article.title == "Caching Queries In A Small Service"


LATER = [
    "The cache also changed how the service behaves under load. During the evening peak the "
    "database used to queue hundreds of identical queries; now each region's prices are read "
    "once and every later request is answered from memory.",
    "We still clear the cache after every write to the prices table, so no request ever sees "
    "stale prices for its region, and the database load stays low all day.",
]
VIDEOS = "".join(
    f"Watch: {topic} in {place}\nVideo Channel\n"
    for topic in ("Storm damage", "Harbour fire", "Election night", "Marathon finish")
    for place in ("the north", "the south", "the capital", "the islands", "the valley")
)


def test_the_article_goes_on_after_a_long_insert() -> None:
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + VIDEOS + "\n".join(LATER) + "\n" + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body and LATER[1] in body
    assert "Harbour fire" not in body


def test_another_story_after_a_long_insert_is_not_the_article() -> None:
    other = [
        "Spring brings the first asparagus to the market stalls, and the farmers along the "
        "river expect a generous harvest this year after a mild and rainy winter.",
        "Growers say the warm weeks of March let the shoots come early, and the first crates "
        "sold out before noon at the Saturday market in the old square.",
    ]
    page = HEADER + "\n".join(PARAGRAPHS + LATER) + "\n" + VIDEOS + "\n".join(other) + "\n"
    body = clean_text(page).article.body
    assert LATER[1] in body
    assert "asparagus" not in body


def test_a_long_line_under_the_headline_is_its_standfirst_not_the_title() -> None:
    page = (
        "Menu\n* Home\n* Science\nScience and technology\n"
        "Why small things beat big servers\n"
        "An interview with Jane Doe on the database query cache that made requests answer in "
        "milliseconds\n" + "\n".join(PARAGRAPHS) + "\n" + FOOTER
    )
    article = clean_text(page).article
    assert article.title == "Why small things beat big servers"


def test_tags_and_a_credit_after_the_article_are_not_a_block_inside_it() -> None:
    tail = (
        "Reporting by Jane Doe; Editing by John Roe\n"
        "Our standards, opens new tab\n"
        "Suggested Topics:\nDatabases\nWeb services\n"
        "The database team at the service writes every month about the queries, the cache "
        "and the requests that keep the prices right for each region.\n"
    )
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + tail
    body = clean_text(page).article.body
    assert PARAGRAPHS[1] in body
    assert "Suggested Topics" not in body
    assert "Web services" not in body


# An article told under its own short subheadings: each paragraph opened by a heading, as a
# list of teasers is, but all about one subject.
SECTIONS = [
    (
        "Why a cache",
        "The service ran the same price query for every request, so a cache in "
        "front of the query was the first idea, and the database load was the reason for it.",
    ),
    (
        "Choosing the cache",
        "A small cache of prices per region was enough for the service; "
        "the standard library cache kept the prices of each region in memory for every request.",
    ),
    (
        "Clearing the cache",
        "The prices change when a write reaches the database, so the "
        "service clears the cache of prices after every write and the next request reads again.",
    ),
    (
        "What the cache changed",
        "With the cache of prices in place, each region's query runs "
        "once, requests answer in milliseconds and the database load dropped for the service.",
    ),
]
ABOUT = (
    "Example Blog is written by a small team of engineers who like tidy servers, quiet "
    "pagers and long walks. We publish when we have learned something worth telling, and we "
    "answer every letter our readers send us, even the angry ones about tabs and spaces.\n"
    "Our archive goes back to the first year of the blog, when we still ran everything on one "
    "machine under a desk, and the posts from that time are kept as they were written.\n"
)


def test_an_article_under_its_own_subheadings_is_not_a_list_of_teasers() -> None:
    article = "".join(f"{head}\n{text}\n" for head, text in SECTIONS)
    page = ABOUT + HEADER + article + FOOTER
    body = clean_text(page).article.body
    assert all(text in body for _, text in SECTIONS)
    assert "long walks" not in body


TEASERS = [
    (
        "Harbour fire",
        "Firefighters worked through the night at the old harbour, where a "
        "warehouse of timber burned until the early morning hours on Sunday.",
    ),
    (
        "Marathon record",
        "A runner from the valley broke the course record at the city "
        "marathon, finishing two minutes ahead of the favourite in the rain.",
    ),
    (
        "New library",
        "The town council approved plans for a new library beside the station, "
        "with a reading garden and a hall for concerts and lectures.",
    ),
    (
        "Storm warning",
        "Forecasters warned of strong winds along the coast, and ferries to the "
        "islands were cancelled for the rest of the week.",
    ),
]


def test_teasers_of_different_stories_stay_out_of_the_body() -> None:
    teasers = "".join(f"{head}\n{text}\n" for head, text in TEASERS)
    page = HEADER + "\n".join(PARAGRAPHS) + "\nMore stories\n" + teasers
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body
    assert "marathon" not in body and "Firefighters" not in body


BOX = "Why we moved our prices to a new database last year\nBy John Roe\nMay 2, 2023\n"


def test_a_boxed_teaser_with_its_own_byline_inside_the_article_does_not_cut_it() -> None:
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + BOX + "\n".join(LATER) + "\n" + FOOTER
    article = clean_text(page).article
    assert PARAGRAPHS[0] in article.body and LATER[1] in article.body
    assert "new database last year" not in article.body
    assert article.title == "Caching database queries in a small web service"
    assert article.author == "Jane Doe"


def test_another_story_above_a_byline_is_not_the_article() -> None:
    other = [
        "Spring brings the first asparagus to the market stalls, and the farmers along the "
        "river expect a generous harvest this year after a mild and rainy winter.",
        "Growers say the warm weeks of March let the shoots come early, and the first crates "
        "sold out before noon at the Saturday market in the old square.",
    ]
    page = "\n".join(other) + "\n" + HEADER + "\n".join(PARAGRAPHS + LATER) + "\n" + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body
    assert "asparagus" not in body


ANNOUNCED = (
    "The whole change fits in three lines of the configuration file, which we keep in the "
    "repository with the service. In short:"
)
SETTINGS = "cache_size = 256\ncache_ttl = 60s\ncache_clear_on_write = true\n"


def test_a_list_the_last_paragraph_announces_is_the_articles() -> None:
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + ANNOUNCED + "\n" + SETTINGS + FOOTER
    body = clean_text(page).article.body
    assert "cache_clear_on_write = true" in body
    assert "Ten tips" not in body and "Related posts" not in body


def test_lines_after_a_paragraph_that_announces_nothing_stay_out() -> None:
    closing = PARAGRAPHS[1].replace("library.", "library, and that was all.")
    page = HEADER + PARAGRAPHS[0] + "\n" + closing + "\n" + SETTINGS + FOOTER
    body = clean_text(page).article.body
    assert "cache_size" not in body


def test_prose_after_a_block_continues_the_article_in_other_forms_of_its_words() -> None:
    # The paragraph after the code says "caches", "databases", "profilers": the same words.
    after = (
        "Both caches sit beside the databases now, and the profilers show them plainly: "
        "hardly anything waits, nothing repeats, and everybody sleeps through the night."
    )
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + CODE + after + "\n" + FOOTER
    body = clean_text(page).article.body
    assert after in body


def test_the_box_about_the_author_ends_the_article() -> None:
    box = (
        "About the author\n"
        "Jane Doe writes about databases, caches and small web services, and has run the "
        "servers behind them for twenty years in three countries.\n"
        "Before that she answered requests at a help desk, where the database query that "
        "never finished taught her to love a cache and two very cold basements.\n"
    )
    page = HEADER + "\n".join(PARAGRAPHS + LATER) + "\n" + box
    body = clean_text(page).article.body
    assert LATER[1] in body
    assert "basements" not in body


def test_the_authors_bio_and_what_follows_it_are_not_the_article() -> None:
    tail = (
        "Jane Doe is a senior writer covering databases and the people who keep them running. "
        "She was previously an engineer at a small bank.\n"
        "Senior Writer\n"
        "Featured Video\n"
        "How a small team keeps a busy database fast in the evening peak\n"
        "Example Blog is where engineers tell each other what they learned, every week, for "
        "anyone who runs a service and wants it to stay up.\n"
    )
    page = HEADER + "\n".join(PARAGRAPHS + LATER) + "\n" + tail
    article = clean_text(page).article
    assert LATER[1] in article.body
    assert "senior writer" not in article.body
    assert "wants it to stay up" not in article.body


COMMENTS = [
    "The caching part of the service and the database query story is exactly what happened "
    "to our own service last year, and the cache of prices saved our database too.",
    "Our service has the same database query problem, and every request waited for it. "
    "Clearing the cache after every write is the part I had never thought about.",
    "A very long reply about the service: the database, the cache, the query, the requests, "
    "the region and the prices, all of it told again at length by a reader who liked it, "
    "with every detail of the cache and of the database in the service that runs the query. "
    "The reader goes on about the evening peak, the identical queries queued by the hundred, "
    "the memory the cache takes, the writes that clear it, and the tenth of the load that is "
    "left, and ends by thanking the team for a post that the whole office read twice.",
]


def test_the_readers_comments_are_not_the_article() -> None:
    comments = "".join(
        f"Reader {n}\nMarch {n + 4}, 2024 at 9:1{n} am\n{text}\n" for n, text in enumerate(COMMENTS)
    )
    page = HEADER + "\n".join(PARAGRAPHS) + "\n12 Comments\n" + comments + "Leave a Reply\n"
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body
    assert "reader who liked it" not in body and "never thought about" not in body


def test_a_link_to_the_comments_above_the_article_does_not_hide_it() -> None:
    page = HEADER + "34 comments\n" + "\n".join(PARAGRAPHS + LATER) + "\n" + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body and LATER[1] in body


def test_a_header_the_first_paragraph_swallowed_is_not_the_body() -> None:
    # A hard-wrapped page: the breadcrumb and a headline asked as a question look like prose.
    question = "Why does a small web service need a cache in front of its database?"
    page = (
        "Menu\n\nSearch\n\n1. Home 2. Engineering 3. " + question + "\n\n" + question + "\n\n"
        "Jane Doe\nUpdated March 3, 2024 at 10:42 am\n\n"
        + "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS + LATER)
        + "\n\n"
        + FOOTER
    )
    article = clean_text(page).article
    assert article.paragraphs[0].startswith("Our web service")
    assert article.title == question
    assert article.author == "Jane Doe"


def test_a_salutation_the_first_paragraph_goes_on_from_is_the_articles() -> None:
    opening = "after ten years of running this small service, " + PARAGRAPHS[0][0].lower()
    opening += PARAGRAPHS[0][1:]
    page = HEADER + "Dear readers,\n*\n" + opening + "\n" + "\n".join(LATER) + "\n" + FOOTER
    body = clean_text(page).article.body
    assert body.startswith("Dear readers,")


def test_the_newsrooms_credit_under_a_wire_story_is_kept() -> None:
    credit = "Additional reporting by John Roe; Editing by Jane Poe and Max Moe"
    page = HEADER + "\n".join(PARAGRAPHS + LATER) + "\n" + credit + "\nSee more stories\nLogin\n"
    body = clean_text(page).article.body
    assert body.endswith(credit)


def test_a_header_with_its_standfirst_and_a_byline_run_together_is_not_the_body() -> None:
    # A hard-wrapped page: the menu, the breadcrumb, the headline, the standfirst, then the
    # byline run together with the sharing buttons.
    headline = "How to keep a small web service fast with one cache"
    page = (
        "* Give a gift subscription this link opens in a new tab * Free app this link opens\n\n"
        "1. Example Blog 2. Engineering Notes 3. Services and Servers 4. Databases 5. "
        + headline
        + "\n\n"
        + headline
        + "\n\n"
        "Follow these tips for a cache in front of your database, whether it is big, small, or "
        "somewhere in between, for fast pages.\n\n"
        "By Jane Doe Updated March 3, 2024 Save Share Tweet Print Credit: Example Images\n\n"
        + "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS + LATER)
        + "\n\n"
        + FOOTER
    )
    article = clean_text(page).article
    assert article.paragraphs[0].startswith("Our web service")
    assert article.title == headline


def test_a_gallery_of_dated_pictures_is_not_the_article_under_a_byline() -> None:
    caption = (
        "Crowds gather along the {} as the ferries return after the storm, and the harbour "
        "master waves the first boats in under a bright and cold morning sky."
    )
    places = ("quay", "pier", "beach", "bridge", "old lighthouse")
    gallery = "".join(f"Pictures of the week\nMarch {day}, 2024\n" for day in range(4, 10))
    gallery += "".join(caption.format(place) + "\n" for place in places)
    page = HEADER + "\n".join(PARAGRAPHS) + "\nShow all 8\n" + gallery + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body
    assert "harbour master" not in body


def test_a_repeated_headline_at_the_top_of_the_run_starts_the_article_after_it() -> None:
    headline = "Caching database queries in a small web service"
    label = (
        "/ News Information based on facts and checked first hand by the reporter, or reported "
        "and checked by sources."
    )
    page = f"Menu\n{headline}\nHome\n{label}\n{headline}\n" + "\n".join(PARAGRAPHS + LATER)
    article = clean_text(page + "\n" + FOOTER).article
    assert article.title == headline
    assert article.paragraphs[0] == PARAGRAPHS[0]


def test_a_block_the_article_announces_between_its_paragraphs_is_kept() -> None:
    settings = SETTINGS + "cache_region = north\n"
    page = (
        HEADER
        + PARAGRAPHS[0]
        + "\n"
        + ANNOUNCED
        + "\n"
        + settings
        + "\n".join(LATER)
        + "\n"
        + FOOTER
    )
    body = clean_text(page).article.body
    assert "cache_clear_on_write = true" in body and "cache_region = north" in body
    assert LATER[1] in body


STEPS = [
    "Heat the oven to 180 degrees. Butter a round tin, then pour in the melted butter and the "
    "brown sugar, and lay the pineapple rings over the bottom of the tin.",
    "Beat the eggs with the flour and the milk until smooth, pour the batter over the fruit and "
    "bake for forty minutes, until a skewer comes out clean from the middle of the cake.",
]
INGREDIENTS = "Ingredients\n1/4\ncup butter\n1\ncup brown sugar\n8\npineapple rings\n"


def test_a_recipes_ingredients_open_its_steps() -> None:
    page = (
        "Menu\nRecipes\nPineapple upside-down cake\nBy Jane Doe\nMarch 3, 2024\n"
        + INGREDIENTS
        + "Steps\n"
        + "\n".join(STEPS)
        + "\n"
        + FOOTER
    )
    body = clean_text(page).article.body
    assert "cup brown sugar" in body and STEPS[1] in body


def test_the_recipe_card_under_the_story_is_the_articles() -> None:
    card = "Print Rate\nServings: 8\nKeyword: pineapple cake\nAuthor: Jane Doe\n"
    page = (
        HEADER
        + "\n".join(PARAGRAPHS)
        + "\n"
        + card
        + INGREDIENTS
        + "Instructions\n"
        + "\n".join(STEPS)
        + "\n"
        + FOOTER
    )
    article = clean_text(page).article
    assert PARAGRAPHS[0] in article.body and STEPS[1] in article.body
    assert "Servings" not in article.body


def _story(date: str, headline: str, paragraphs: list[str]) -> str:
    """One article of a page that loads the next story under the one asked for: each in the
    same template (section, date, headline, a fixed photo line, buttons, text, tags)."""
    return (
        f"News\n{date}\n{headline}\nPhoto 1 of 1\nShare\nPrint\n"
        + "\n".join(paragraphs)
        + "\nTags: city, council\n"
    )


def test_of_several_articles_in_one_template_the_first_is_the_pages() -> None:
    longer = [
        "Spring brings the first asparagus to the market stalls, and the farmers along the "
        "river expect a generous harvest this year after a mild and rainy winter.",
        "Growers say the warm weeks of March let the shoots come early, and the first crates "
        "sold out before noon at the Saturday market in the old square.",
        "The market's manager said the stalls will stay open two hours longer on Saturdays "
        "until the end of the season, because the queues reached the fountain by nine.",
        "Restaurants along the square have put asparagus soup on their menus already, and one "
        "chef said he buys every crate the nearest farm can spare before the market opens.",
    ]
    page = (
        "Menu\n* Home\n* City\n"
        + _story("6 May 2022 05:30", "Caching database queries in a small web service", PARAGRAPHS)
        + _story("5 May 2022 20:00", "Asparagus season opens early at the river market", longer)
        + FOOTER
    )
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body and PARAGRAPHS[1] in body
    assert "asparagus" not in body


def test_a_bulleted_link_between_two_paragraphs_is_not_the_articles() -> None:
    link = "* Ten things to know about the city's new parking rules"
    page = HEADER + PARAGRAPHS[0] + "\n" + link + "\n" + "\n".join(LATER) + "\n" + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[0] in body and LATER[0] in body
    assert "parking rules" not in body


def test_a_bulleted_list_the_paragraph_announces_stays_in_the_article() -> None:
    announced = PARAGRAPHS[0].replace("had changed.", "had changed. We tried two fixes:")
    items = "* A cache in front of the query\n* A second database for reading\n"
    page = HEADER + announced + "\n" + items + "\n".join(LATER) + "\n" + FOOTER
    body = clean_text(page).article.body
    assert "A cache in front of the query" in body and LATER[0] in body


RELATED_BOX = (
    "Related stories\n* Ten tips for a faster laptop\n* Our favourite conference talks\n"
    "* Why we moved to a new office\n"
)
CLOSING = (
    "The cache has been running for a month now, and the database has not queued a single "
    "query since the first week."
)


def test_the_closing_paragraph_after_a_box_of_related_links_is_the_articles() -> None:
    share = "* Twitter\n* Facebook\n"
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + RELATED_BOX + CLOSING + "\n" + share + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[1] in body and CLOSING in body
    assert "faster laptop" not in body


def test_a_teaser_after_a_box_of_related_links_stays_out() -> None:
    more = "Our favourite conference talks of the spring\n"
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + RELATED_BOX + CLOSING + "\n" + more + FOOTER
    body = clean_text(page).article.body
    assert PARAGRAPHS[1] in body and CLOSING not in body


def test_a_recipe_that_names_itself_under_each_tab_keeps_its_ingredients() -> None:
    name = "Pineapple upside-down cake with cream\n"
    page = (
        "Menu\nRecipes\n* Ingredients\n* How to prepare\n"
        + "INGREDIENTS\n"
        + name
        + "* 1/4 cup of soft butter\n* 1 cup of brown sugar\n* 8 rings of pineapple\n"
        + "HOW TO PREPARE\n"
        + name
        + "\n".join(STEPS)
        + "\n"
        + FOOTER
    )
    body = clean_text(page).article.body
    assert "1 cup of brown sugar" in body and STEPS[1] in body


def test_the_headline_under_a_links_label_is_not_the_articles() -> None:
    link = "Lea también:\nTen tips for a faster laptop\n"
    page = HEADER + PARAGRAPHS[0] + "\n" + link + "\n".join([PARAGRAPHS[1], *LATER]) + "\n"
    body = clean_text(page + FOOTER).article.body
    assert PARAGRAPHS[0] in body and LATER[1] in body
    assert "faster laptop" not in body and "Lea también" not in body


def test_the_authors_box_under_the_article_is_not_the_articles() -> None:
    box = (
        "* Author\n* Recent Posts\nJane Doe\n"
        "I'm Jane, and I have looked after web services for twelve years now. On this blog I "
        "write about the small fixes that keep them quick, and about the big ones that did not.\n"
        "Latest posts by Jane Doe (see all)\n* Ten tips for a faster laptop - May 2, 2024\n"
    )
    page = HEADER + "\n".join(PARAGRAPHS + LATER) + "\n" + box + FOOTER
    body = clean_text(page).article.body
    assert LATER[1] in body
    assert "twelve years" not in body


def test_a_closing_line_over_the_share_buttons_ends_the_article() -> None:
    closing = "Every request now finds its prices in memory"
    page = HEADER + "\n".join(PARAGRAPHS) + "\n" + closing + "\nShare\nTweet\n" + FOOTER
    assert closing in clean_text(page).article.body


def test_a_comment_form_over_the_share_buttons_is_not_the_articles() -> None:
    page = HEADER + "\n".join(PARAGRAPHS) + "\nLeave a Reply\nShare\nTweet\n" + FOOTER
    assert "Leave a Reply" not in clean_text(page).article.body
