"""The other inputs: saved HTML pages and Markdown with front matter."""

from __future__ import annotations

from datetime import date

import pytest

from parallax.index.cleaner import CleanError, clean_html, clean_markdown

HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Envoys meet in Geneva for ceasefire talks | The Daily Planet</title>
<meta property="og:title" content="Envoys meet in Geneva for ceasefire talks">
<meta property="og:site_name" content="The Daily Planet">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-03T10:15:00Z">
<link rel="canonical" href="https://www.dailyplanet.example/world/geneva-talks">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Envoys meet in Geneva for ceasefire talks</h1>
<p class="byline">By Jane Doe</p>
<p>GENEVA (AP) — Envoys from the two warring sides met in Geneva on Sunday for the first
direct talks in months, diplomats said, in a meeting hosted by the Swiss foreign ministry.</p>
<p>The talks, which lasted more than six hours, focused on a possible pause in the fighting
and on the exchange of prisoners held by both sides since the start of the war.</p>
<p>"We are here to listen, not to make promises," one envoy told reporters as he left.</p>
</article>
<aside><h2>Related</h2><ul><li><a href="/a">Floods hit northern Italy</a></li></ul></aside>
<footer><p>© 2024 The Daily Planet. All rights reserved.</p></footer>
</body></html>
"""


def test_html_page() -> None:
    article = clean_html(HTML).article
    assert article.title == "Envoys meet in Geneva for ceasefire talks"
    assert article.author == "Jane Doe"
    assert article.published == date(2024, 3, 3)
    assert article.outlet == "The Daily Planet"
    assert article.url == "https://www.dailyplanet.example/world/geneva-talks"
    assert article.dateline == "GENEVA"
    assert article.agency == "AP"
    assert article.paragraphs[0].startswith("GENEVA (AP) — Envoys")
    assert len(article.paragraphs) == 3
    assert "Floods" not in article.body and "rights reserved" not in article.body


def test_html_dateline_from_the_lead_under_a_question_headline() -> None:
    # A long question the text rules do not take for a headline: the lead is read anyway.
    page = HTML.replace(
        "Envoys meet in Geneva for ceasefire talks",
        "¿Cuál sería el papel de los enviados en el juicio contra ellos?",
    )
    article = clean_html(page).article
    assert (article.dateline, article.agency) == ("GENEVA", "AP")


def test_html_outlet_from_the_domain_table_wins() -> None:
    article = clean_html(HTML, outlets={"dailyplanet.example": "Daily Planet"}).article
    assert article.outlet == "Daily Planet"


def test_html_without_an_article() -> None:
    with pytest.raises(CleanError):
        clean_html("<html><body><nav>Home</nav></body></html>")


MARKDOWN = """---
title: "[Live] talks [/] resume"
outlet: Daily Planet
published: 2024-03-03
author: Jane Doe
---
First paragraph of the article, already clean.

Second paragraph.
"""


def test_markdown_is_taken_as_clean() -> None:
    result = clean_markdown(MARKDOWN)
    article = result.article
    assert result.origins["published"] == "front matter"  # `clean --explain` says so
    assert article.title == "[Live] talks [/] resume"
    assert article.outlet == "Daily Planet"
    assert article.published == date(2024, 3, 3)
    assert article.paragraphs == [
        "First paragraph of the article, already clean.",
        "Second paragraph.",
    ]


WIRE_MARKDOWN = """---
title: Envoys meet for talks
outlet: Daily Planet
{extra}---

{lead} Envoys met on Sunday for the first direct talks in months, diplomats said.

The talks lasted more than six hours, the foreign ministry said in a statement.

{last}
"""


@pytest.mark.parametrize(
    ("extra", "lead", "last", "dateline", "agency"),
    [
        ("", "FERGUSON, Mo. —", "They will meet again.", "FERGUSON", None),
        ("", "GENEVA (AP) —", "They will meet again.", "GENEVA", "AP"),
        (
            "",
            "WASHINGTON —",
            "The Associated Press contributed to this report.",
            "WASHINGTON",
            "AP",
        ),
        ("", "", "They will meet again. — Reuters", None, "Reuters"),
        ("", "", "They will meet again.", None, None),
        # What the front matter says stands.
        ("dateline: Bern\nagency: AFP\n", "GENEVA (AP) —", "They will meet again.", "Bern", "AFP"),
    ],
)
def test_markdown_dateline_and_agency_from_its_text(
    extra: str, lead: str, last: str, dateline: str | None, agency: str | None
) -> None:
    result = clean_markdown(WIRE_MARKDOWN.format(extra=extra, lead=lead, last=last))
    assert (result.article.dateline, result.article.agency) == (dateline, agency)
    if dateline and not extra:
        assert result.origins["dateline"].startswith("dateline")
    assert result.origins["title"] == "front matter"
    assert result.article.paragraphs[0].startswith(lead)  # the text itself is unchanged


@pytest.mark.parametrize(
    ("front", "first", "title", "kept"),
    [
        # The front matter's title written again atop the body, as clippers save it.
        ("title: Envoys meet for talks\n", "Envoys meet for talks", "Envoys meet for talks", False),
        (
            "title: Envoys meet for talks\n",
            "# Envoys Meet For Talks",
            "Envoys meet for talks",
            False,
        ),
        (
            "title: Envoys meet for talks\n",
            "## Envoys meet for talks ##",
            "Envoys meet for talks",
            False,
        ),
        # No title in the front matter: a heading opening the text is the title.
        ("outlet: Daily Planet\n", "# Envoys meet for talks", "Envoys meet for talks", False),
        # A first line that is not the headline stays.
        (
            "title: Envoys meet for talks\n",
            "Envoys meet for talks again",
            "Envoys meet for talks",
            True,
        ),
        ("outlet: Daily Planet\n", "Envoys meet for talks", None, True),
        ("outlet: Daily Planet\n", "#hashtag of the day", None, True),
    ],
)
def test_markdown_headline_atop_the_body(
    front: str, first: str, title: str | None, kept: bool
) -> None:
    text = f"---\n{front}---\n\n{first}\n\nGENEVA (AP) — Envoys met on Sunday.\n\nMore.\n"
    result = clean_markdown(text)
    assert result.article.title == title
    assert (result.article.paragraphs[0] == first) is kept
    if not kept:  # the dateline under the headline is the lead's
        assert result.article.paragraphs[0].startswith("GENEVA")
        assert (result.article.dateline, result.article.agency) == ("GENEVA", "AP")
        assert [(c.line, c.action, c.before) for c in result.changes] == [(5, "drop", first)]


def test_markdown_that_is_only_its_headline_keeps_it() -> None:
    result = clean_markdown("---\ntitle: Talks end\n---\nTalks end\n")
    assert result.article.paragraphs == ["Talks end"]


def test_broken_front_matter_is_one_clear_error() -> None:
    with pytest.raises(CleanError) as error:
        clean_markdown("---\ntitle: [unclosed\n---\nBody text.\n")
    assert "front matter" in str(error.value)
    assert "\n" not in str(error.value)
