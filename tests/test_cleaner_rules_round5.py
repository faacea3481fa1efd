"""The line engine's round-5 shortcuts, each against the plain form it stands for."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cleaner_rules import _LINE, _first_rule  # the engine's definition

from parallax.index.cleaner import rules as _rules

# The strings a rule that reads a long line's ends only looks for (a caption's credit).
_ENDS_HINTS = sorted({hint for rule in _rules.LINE_RULES if rule.ends_only for hint in rule.hints})
_FILLER = st.lists(
    st.sampled_from([*"abcdefghij klmnop.,é…/()", "  ", " … ", "\u0130", "word "]), max_size=80
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    _FILLER,
    st.sampled_from(_ENDS_HINTS),
    st.sampled_from(_ENDS_HINTS),
    st.integers(min_value=0, max_value=300),
    st.integers(min_value=-3, max_value=3),
    st.booleans(),
)
def test_a_long_line_s_credit_is_looked_for_at_its_ends(filler, hint, other, at, shift, title):
    # A long line holding an ends-only rule's hint somewhere: near the line's start, its end,
    # across the places where `line_ends` cuts it, in its middle. The engine finds these
    # hints with the line's own scan and keeps those in the ends: it must answer as reading
    # `line_ends` does.
    body = (filler * (1 + 300 // (len(filler) + 1)))[:300] or "x" * 300
    for place in (at, _rules._HEAD - len(hint) + shift, 300 - _rules._TAIL + shift):
        place = max(0, min(place, len(body)))
        text = body[:place] + hint + body[place:] + " " + other
        for line in (text, text.title() if title else text.upper(), " word" * 40 + text):
            n_words = len(_rules.words(line))
            assert _rules._classify(line, n_words) == _first_rule(line, n_words), line


@settings(max_examples=300, deadline=None)
@given(_LINE, _LINE, st.integers(min_value=0, max_value=60))
def test_long_lines_of_each_length_answer_as_the_rules_in_turn(head, tail, padding):
    # Lines past `_WHOLE` characters, of few words (the short lines' scan) and of many
    # (the long lines' own scans), with the rules' pieces at both ends.
    for filler in ("x" * 250, " word" * padding + " " + "y" * 250):
        line = head + " " + filler + " " + tail
        n_words = len(_rules.words(line))
        assert _rules._classify(line, n_words) == _first_rule(line, n_words), line


# Credits that name a picture's source, each holding a single hint of the caption's, and
# neutral words around them.
_CREDITS = ["cc by", "CC-BY 4.0", "source: Jane Roe, cc", "Getty", "/ AFP", "(pic: Jane/x)"]
_NEUTRAL = st.lists(st.sampled_from(["lorem", "ipsum", "dolor", "amet", "é", "ü"]), max_size=80)


@pytest.mark.parametrize("credit", _CREDITS)
@pytest.mark.parametrize("edge", ["head", "tail"])
@settings(max_examples=20, deadline=None)
@given(_NEUTRAL)
def test_a_credit_at_the_edge_of_a_long_line_s_ends(credit, edge, neutral):
    # The credit ending where the line's kept start ends, or starting where its kept end
    # starts (a few characters either way): found by the rule exactly when `line_ends`
    # keeps it.
    filler = (" ".join(neutral) + " ") * 60 or "lorem " * 60
    for shift in range(-4, 5):
        if edge == "head":
            start = max(0, _rules._HEAD - len(credit) + shift)
            line = filler[:start] + credit + " " + filler[:300]
        else:
            line = filler[:300] + " " + credit + filler[: _rules._TAIL - len(credit) + shift]
        n_words = len(_rules.words(line))
        assert _rules._classify(line, n_words) == _first_rule(line, n_words), line


_PATTERNS = [value for value in vars(_rules).values() if isinstance(value, _rules.re.Pattern)] + [
    _rules._CAPTION,
    _rules._NEWSLETTER,
    _rules._EDITORIAL_NOTE,
    _rules._LEGAL,
]
_ALTERNATIVES = [(pattern, _rules.Alternatives(pattern)) for pattern in _PATTERNS]
_SURROGATES = st.sampled_from(["\ud800", "\udfff", "\udc80"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE | _SURROGATES, max_size=4).map("".join))
def test_alternatives_answer_as_the_regex_with_lone_surrogates_too(line):
    # (text from a broken feed: the automaton of the gates cannot read a lone surrogate)
    for pattern, alternatives in _ALTERNATIVES:
        assert alternatives(line) == (pattern.search(line) is not None), pattern.pattern[:60]


_BULLETY = st.lists(
    st.sampled_from(["*", "•", "·", "+", " ", "  ", "\t", "\n", "\u3000", "-", "_", "Home"])
    | st.sampled_from(["News", "Talks resume in Geneva", "o'clock", "é.b", "x.", "Read more."])
    | st.text(max_size=3),
    max_size=30,
).map("".join)


def _plain_bullet_menu(line: str) -> bool:
    """`is_bullet_menu` as first written: each entry's words counted apart."""
    if (
        len(line) < 24
        or line.count("* ") + line.count("• ") + line.count("· ") + line.count("+ ") < 3
    ):
        return False
    parts = _rules._INLINE_BULLET.split(line)
    if len(parts) < 4:
        return False
    items = [p.strip() for p in parts if p.strip()]
    counts = [len(_rules.words(p)) for p in items]
    if sum(counts) <= _rules._MENU_ITEM_WORDS * len(items):
        return True
    low, high = _rules._HEADLINE_ITEM_WORDS
    return len(items) >= 3 and all(
        low <= n <= high and not p.endswith(_rules._SENTENCE_ITEM_END)
        for p, n in zip(items, counts, strict=True)
    )


@settings(max_examples=500, deadline=None)
@given(_BULLETY)
def test_the_inline_bullets_split_as_their_regex(line):
    for text in (line, "* " + line, "•\n" + line, " * " + line):
        assert _rules._inline_bullet_split(text) == _rules._INLINE_BULLET.split(text)


@settings(max_examples=500, deadline=None)
@given(_BULLETY, st.integers(min_value=0, max_value=12))
def test_a_menu_run_is_told_from_the_line_s_word_count(line, repeat):
    # The word count the engine gives is the entries' words, counted apart.
    for text in (line, "* " + line * repeat, ("• Home " + line) * repeat):
        expected = _plain_bullet_menu(text)
        assert _rules.is_bullet_menu(text) == expected
        assert _rules.is_bullet_menu(text, len(_rules.words(text))) == expected
        n_words = len(_rules.words(text))
        assert _rules._classify(text, n_words) == _first_rule(text, n_words), text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=12), min_size=3, max_size=8),
    st.sampled_from(["* ", "• ", "+ ", "x · "]),
    st.sampled_from(["", ".", ","]),
)
def test_a_menu_run_at_its_words_limit(sizes, bullet, end):
    # Entries around the limit of words per entry, closing a sentence or not.
    text = " ".join(bullet + " ".join(["word"] * size) + end for size in sizes)
    n_words = len(_rules.words(text))
    assert _rules.is_bullet_menu(text, n_words) == _plain_bullet_menu(text), text
    assert _rules._classify(text, n_words) == _first_rule(text, n_words), text


_CODEY = st.lists(
    st.sampled_from(["()", " ()", "x()", "_()", "é()", "function", "function (", "Xfunction("])
    | st.sampled_from(["var x =", "_var x=", "var  y = 1", "?.", "a?.b", "{{", "}}", "%>", "${"])
    | st.sampled_from(["App", ".", "Main", ".Init", "a", "B", "?", " ", "\t", "Drupal", "é", "."])
    | st.text(max_size=3),
    max_size=16,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_CODEY)
def test_template_code_is_found_as_its_plain_regex(line):
    plain_code = _rules.re.compile(_rules._TEMPLATE_CODE)
    for text in (line, line.title(), "x " + line, line.replace(" ", "")):
        assert _rules._template_code(text) == (plain_code.search(text) is not None), text
        assert _rules._template_found(text) == (_rules._TEMPLATE.search(text) is not None), text


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "x", "é ", "The ", "a.", "Q", "()"]) | st.text(max_size=4),
    st.lists(st.sampled_from(["App", "Main", "x", "Init", "é", "Ab", "B"]), min_size=1, max_size=4),
    st.sampled_from([".", "?.", ". ", ".."]),
    st.sampled_from(["", " x", ".", "?.Z"]) | st.text(max_size=4),
)
def test_a_dotted_name_is_found_wherever_it_starts(before, names, dot, after):
    # A name of dotted parts ("Drupal.Settings.Path") after anything, a space or not.
    for glue in ("", " ", "\t", "x"):
        text = before + glue + dot.join(names) + after
        assert _rules._template_found(text) == (_rules._TEMPLATE.search(text) is not None), text


def _plain_ui_words(line: str) -> bool:
    """`is_ui_words` by its definition: a few words, all of the interface's."""
    if len(line) > 60:
        return False
    tokens = _rules._UI_TOKEN.findall(line)
    return 0 < len(tokens) <= 5 and _rules._UI_WORDS.issuperset(map(str.lower, tokens))


_UI_LINE = st.lists(
    st.sampled_from(sorted(_rules._UI_WORDS))
    | st.sampled_from(["Menü", "Größe", "Área", "Español", "ÉDITION", "2", " ", "  ", "·", "|"])
    | st.sampled_from(["+", "-", "_", "é", "Ü", "\u0130", "\u212a", "ſ"])
    | st.text(max_size=3),
    max_size=7,
).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_UI_LINE)
def test_ui_words_answer_as_their_definition(line):
    # Lines outside ASCII too: their first run of letters is looked at first.
    for text in (line, line.title(), line.upper(), "é " + line, "1. " + line):
        assert _rules.is_ui_words(text) == _plain_ui_words(text), text
