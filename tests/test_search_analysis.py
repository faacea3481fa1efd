"""The search analysis: folding, the alias table (shipped and the user's), the fused analyzer
held to the chain of whoosh parts it stands for, and the query reader's date forms."""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from parallax.index.analysis import (
    NewsAnalyzer,
    fold,
    load_aliases,
    reference_analyzer,
)
from parallax.index.search.query import date_range, parse

ROOT = Path(__file__).resolve().parent.parent
ALIASES = load_aliases()
TEXT = NewsAnalyzer(ALIASES)
NAMES = NewsAnalyzer(ALIASES, stem=False)


# ---- folding and aliases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Türkiye", "turkiye"),
        ("Erdoğan", "erdogan"),
        ("António", "antonio"),
        ("İstanbul", "istanbul"),  # "İ".lower() is "i" plus a combining dot
        ("Tu\u0308rkiye", "turkiye"),  # decomposed (NFD) text
        ("Straße", "strasse"),
        ("KYIV", "kyiv"),
    ],
)
def test_fold(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Zelensky Zelenskiy Zelenskyy", ["zelenski"] * 3),
        ("Kiev’s Kyiv", ["kyiv", "s", "kyiv"]),
        ("Sergei Sergey", ["sergei", "sergei"]),
        ("Turkey Türkiye Turkiye", ["turkei"] * 3),  # canonical "turkey", then stemmed
        ("U.S. US u.s. USA", ["us"] * 4),
        ("US-Russia talks", ["us", "russia", "talk"]),
    ],
)
def test_variants_fold_to_one_term(text: str, terms: list[str]) -> None:
    assert TEXT.terms(text) == terms


def test_the_alias_comes_before_the_stemmer() -> None:
    # "zelenskyy" stems to "zelenskyi" on its own; as an alias of "zelensky" it becomes
    # "zelenski" like the others.
    assert NewsAnalyzer({}).terms("Zelenskyy") == ["zelenskyi"]
    assert TEXT.terms("Zelenskyy") == TEXT.terms("Zelensky") == ["zelenski"]


def test_shipped_table_is_well_formed() -> None:
    table = tomllib.loads((files("parallax.index") / "aliases.toml").read_text("utf-8"))
    assert len(table) >= 100
    seen: dict[str, str] = {}
    for canonical, variants in table.items():
        assert canonical == fold(canonical) and " " not in canonical
        assert variants and len(set(variants)) == len(variants), canonical
        for variant in variants:
            assert fold(variant) not in table, f"{variant} is also a canonical word"
            assert fold(variant) not in seen, f"{variant} is in {seen.get(fold(variant))} too"
            seen[fold(variant)] = canonical
    for variant, canonical in (("kiev", "kyiv"), ("zelenskiy", "zelensky"), ("sergey", "sergei")):
        assert ALIASES[variant] == canonical


def test_user_aliases_extend_and_override_the_shipped_table() -> None:
    table = load_aliases({"Navalny": ["Nawalny", "NAVALNIY"], "kiev": ["kyiv"], "bar": ["foo."]})
    assert table["nawalny"] == table["navalniy"] == "navalny"
    # The user's canonical word stands for itself, and takes its variants from the shipped one.
    assert "kiev" not in table and table["kyiv"] == "kiev" and table["kyyiv"] == "kiev"
    assert table["foo"] == "bar"
    assert ALIASES["kiev"] == "kyiv"  # the shipped table is not changed by that


def test_alias_chains_resolve() -> None:
    table = load_aliases({"ukrainian_capital": ["kyiv"]})
    assert table["kiev"] == table["kyiv"] == "ukrainian_capital"


# ---- the fused analyzer is the reference chain --------------------------------------------------

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def tokens(analyzer: object, text: str, **kwargs: object) -> list[tuple]:
    return [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in analyzer(text, positions=True, chars=True, **kwargs)  # type: ignore[operator]
    ]


@pytest.mark.parametrize("stem", [True, False])
def test_fused_analyzer_equals_the_whoosh_chain_on_the_seeds(stem: bool) -> None:
    fused, chain = NewsAnalyzer(ALIASES, stem=stem), reference_analyzer(ALIASES, stem=stem)
    for text in SEED_TEXTS:
        expected = [t for t in tokens(chain, text) if t[3] - t[2] <= 60]  # long junk: not indexed
        assert tokens(fused, text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_fused_analyzer_equals_the_whoosh_chain_on_any_text(text: str) -> None:
    chain = reference_analyzer(ALIASES)
    assert tokens(TEXT, text) == [t for t in tokens(chain, text) if t[3] - t[2] <= 60]


def test_fast_paths_agree_with_the_tokens() -> None:
    text = SEED_TEXTS[2]
    toks = tokens(TEXT, text)
    assert TEXT.terms(text) == [t[0] for t in toks]
    assert TEXT.spans(text) == [(t[0], t[2], t[3]) for t in toks]
    positions: dict[str, list[int]] = {}
    for term, pos, _, _ in toks:
        positions.setdefault(term, []).append(pos)
    assert TEXT.term_positions(text) == positions
    assert TEXT.words(text) == [t[0] for t in tokens(TEXT, text, no_morph=True)]


def test_offsets_point_into_the_original_text() -> None:
    text = "İstanbul: Tu\u0308rkiye’s Erdoğan met U.S. envoys."
    for term, start, end in TEXT.spans(text):
        assert TEXT.terms(text[start:end]) == [term]
    assert [text[s:e] for _, s, e in TEXT.spans(text)][:4] == [
        "İstanbul", "Tu\u0308rkiye", "s", "Erdoğan",
    ]  # fmt: skip


# ---- dates --------------------------------------------------------------------------------------

D = date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", (D(2025, 1, 1), D(2026, 1, 1))),
        ("2025-02", (D(2025, 2, 1), D(2025, 3, 1))),
        ("2025-12", (D(2025, 12, 1), D(2026, 1, 1))),
        ("2025-02-27", (D(2025, 2, 27), D(2025, 2, 28))),
        ("2025/2/7", (D(2025, 2, 7), D(2025, 2, 8))),
        (">2025-02-20", (D(2025, 2, 21), None)),
        (">=2025-02-20", (D(2025, 2, 20), None)),
        ("<2025-03", (None, D(2025, 3, 1))),
        ("<=2025-03", (None, D(2025, 4, 1))),
        ("2025-02-01..2025-02-28", (D(2025, 2, 1), D(2025, 3, 1))),
        ("2025-01..2025-02", (D(2025, 1, 1), D(2025, 3, 1))),
        ("2025-02-01..", (D(2025, 2, 1), None)),
        ("..2025-02", (None, D(2025, 3, 1))),
        ("today", (D(2025, 3, 5), D(2025, 3, 6))),
        ("yesterday", (D(2025, 3, 4), D(2025, 3, 5))),
        ("last week", (D(2025, 2, 27), D(2025, 3, 6))),
        ("Last  Week", (D(2025, 2, 27), D(2025, 3, 6))),
        ("last month", (D(2025, 2, 4), D(2025, 3, 6))),
        ("last 3 days", (D(2025, 3, 3), D(2025, 3, 6))),
        ("this month", (D(2025, 3, 1), D(2025, 3, 6))),
        ("this week", (D(2025, 3, 3), D(2025, 3, 6))),  # 2025-03-05 is a Wednesday
    ],
)
def test_date_forms(value: str, expected: tuple[date | None, date | None]) -> None:
    assert date_range(value, D(2025, 3, 5)) == expected


@pytest.mark.parametrize(
    "value", ["soon", "2025-13", "2025-02-30", "25-02", "..", ">", "last 0 days", "2025-02-01..x"]
)
def test_dates_that_mean_nothing(value: str) -> None:
    with pytest.raises(ValueError, match=r"^date:.* is not a date I can read \(try "):
        date_range(value, D(2025, 3, 5))


# ---- the query reader never raises --------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "lavrov", "Kiev", "AND", "OR", "NOT", "(", ")", '"', "“", "-", "+", "*", ":", "outlet:",
        "date:", "date:>", "..", "2025-02", "title:", "author:", "agency:ap", " ", "  ", "\x00",
        "\n", "é", "İ", "U.S.", "zelen*", '"last week"', "\\", "^2", "~", "[", "]", "{", "}",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=40).map("".join)))
@example('DATE:"0\n0')  # a line break inside a quoted value reached the message
def test_any_query_is_read_without_raising(text: str) -> None:
    parsed = parse(text, TEXT, NAMES, today=D(2025, 3, 5))
    assert not any("please report" in m for m in parsed.messages), parsed.messages
    assert all("\n" not in m for m in parsed.messages)
    if parsed.query is None:
        assert parsed.messages
    if parsed.query is not None:
        repr(parsed.query)


def test_deep_nesting_and_long_queries_are_read() -> None:
    for text in ["(" * 5000 + "x", "NOT " * 5000 + "x", "-(" * 3000, "x " * 50_000, ")" * 5000]:
        parsed = parse(text, TEXT, NAMES)
        assert not any("please report" in m for m in parsed.messages)


def test_control_characters_are_spaces() -> None:
    parsed = parse("lav\x00rov", TEXT, NAMES)
    assert [w.folded for w in parsed.words] == ["lav", "rov"]


def test_nfd_text_is_one_word() -> None:
    assert unicodedata.normalize("NFD", "Türkiye") != "Türkiye"
    assert TEXT.terms(unicodedata.normalize("NFD", "Türkiye")) == TEXT.terms("Türkiye")
