"""The outlet a text scrape names in its own furniture (copyright lines, "Welcome to …"),
when the file gives no address. Invented pages; the footers follow forms real sites use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parallax.index.cleaner import clean_text
from parallax.index.cleaner.metadata import outlet_name

BODY = [
    "Envoys from the two warring sides met on Sunday for the first direct talks in months, "
    "diplomats said, in a meeting hosted by the foreign ministry.",
    "The talks, which lasted more than six hours, focused on a possible pause in the fighting "
    "and on the exchange of prisoners held by both sides since the start of the war.",
    "A second round is expected later this month, the foreign ministry said in a statement, "
    "without giving a date for the meeting or naming the delegates.",
]


def page(*footer: str) -> str:
    lines = ["Menu", "Search", "Ceasefire talks resume in the capital as envoys meet"]
    lines += ["By Jane Doe", "March 3, 2024", *BODY, "Related stories", *footer]
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        (("© 2024 The Harbour Courier. All rights reserved.",), "Harbour Courier"),
        (("© Copyright 2024, Harbour Courier",), "Harbour Courier"),
        (("Copyright © 2024 · Harbour Courier | Privacy Policy",), "Harbour Courier"),
        (("©2024 | ALL RIGHTS RESERVED | HARBOUR COURIER",), "HARBOUR COURIER"),
        (("Copyright © 2011-2024 Harbour Courier Ltd. All rights reserved.",), "Harbour Courier"),
        (("Harbour Courier © 2024. All rights reserved",), "Harbour Courier"),
        (("© 2024 Harbour Courier. Proudly powered by a blog engine",), "Harbour Courier"),
        (
            ("Copyright 2024 Harbour Media Inc. This material may not be published.",),
            "Harbour Media",
        ),
        (("© Harbour Courier 2024",), "Harbour Courier"),
        (
            ("© 2024 The Harbour Courier. All rights reserved. Do Not Sell My Data",),
            "Harbour Courier",
        ),
        (("Welcome to Harbour Courier, your island's daily news",), "Harbour Courier"),
        (("Derechos Reservados © 2024, Diario del Puerto",), "Diario del Puerto"),
        # No outlet: appeals, bare years, licences, pictures' credits.
        (("Subscribe to our newsletter", "Subscribe to our newsletter"), None),
        (("© 2024. All rights reserved.",), None),
        (("Copyright © 2024 · All Rights Reserved",), None),
        (("Text licensed CC BY-SA 4.0",), None),
        (("(Image: © Studio Lumen)",), None),
    ],
)
def test_the_outlet_a_footer_names(footer: tuple[str, ...], outlet: str | None) -> None:
    assert clean_text(page(*footer)).article.outlet == outlet


@pytest.mark.parametrize(
    ("caught", "name"),
    [
        ("Harbour Courier. Proudly powered by", "Harbour Courier"),
        ("Harbour Media Inc This material", "Harbour Media"),
        ("Harbour Courier 2014 - 2024", "Harbour Courier"),
        ("Copyright Harbour Courier", "Harbour Courier"),
        ("St. Lucia Courier", "St. Lucia Courier"),
        ("Harbour Courier Published by Island Media", "Harbour Courier"),
        ("2024", None),
        ("Privacy Policy", None),
    ],
)
def test_outlet_name(caught: str, name: str | None) -> None:
    assert outlet_name(caught) == name


@given(st.text(max_size=120))
def test_outlet_name_never_raises_and_adds_nothing(text: str) -> None:
    name = outlet_name(text)
    assert name is None or all(word.strip(".,;:®™") in text for word in name.split())
