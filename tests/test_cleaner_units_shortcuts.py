"""Shortcuts of the units, the body and the text primitives, each against the plain definition it
stands for."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from test_cleaner_rules import _first_rule  # the engine's definition

from parallax.index.cleaner import rules as _rules
from parallax.index.cleaner.text import fold

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _plain_fold(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["’", "Don", "ß", "É", "e\u0301", "İ", "ﬁ", " ", "K", "\u212a", "’’"])
        | st.text(alphabet=st.characters(max_codepoint=127), max_size=4)
        | st.text(max_size=3),
        max_size=10,
    ).map("".join)
)
def test_fold_is_lower_case_without_accents(text):
    assert fold(text) == _plain_fold(text)


_LINE = st.lists(
    st.sampled_from(["The", "ÉTÉ", "don’t", "İl", "U.S.", "x_y", "straße", "ΣΑΣ", "-", "K"])
    | st.text(max_size=4),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=50))
def test_the_opening_words_are_the_body_s_first_words_lowered(lines):
    from parallax.index.cleaner.body import build_units, classify_units
    from parallax.index.cleaner.pipeline import _LANGUAGE_WORDS, _opening_words

    units = build_units([line.replace("\n", " ").replace("\r", " ") for line in lines])
    classify_units(units)
    plain = [t for u in units[:40] for t in u.tokens][:_LANGUAGE_WORDS]
    assert _opening_words(units) == " ".join(plain).lower().split()


def _plain_runs(units):
    from parallax.index.cleaner.body import _MAX_SHORT_GAP, _MAX_SOFT_GAP, BREAKING, Run

    def breaks(gap):
        short = sum(1 for u in gap if u.label is None)
        return (
            any(u.label in BREAKING for u in gap)
            or len(gap) > _MAX_SOFT_GAP
            or short > _MAX_SHORT_GAP
        )

    runs = []
    for index in [u.index for u in units if u.prose]:
        if runs and not breaks(units[runs[-1].end + 1 : index]):
            runs[-1].units.append(index)
            runs[-1].end = index
        else:
            runs.append(Run([index], index, index))
    return runs


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.sampled_from([None, None, None, "byline", "tags", "caption", "related_block"]),
        ),
        max_size=60,
    )
)
def test_runs_of_prose_break_where_the_gap_says(shapes):
    from parallax.index.cleaner.body import Unit, find_runs

    units = []
    for index, (prose, label) in enumerate(shapes):
        unit = Unit(index, [index], "x", "x", ["x"])
        unit.prose, unit.label = prose and label is None, label
        units.append(unit)
    assert find_runs(units) == _plain_runs(units)


def _plain_units(lines):
    from parallax.index.cleaner.body import _hard_wrapped, _wraps
    from parallax.index.cleaner.text import collapse, words

    stripped = [line.strip() for line in lines]
    blocks = []
    if _hard_wrapped(lines, stripped):
        current = []
        for number, line in enumerate(stripped):
            if line:
                current.append(number)
            elif current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
    else:
        last = -2
        for number, line in enumerate(stripped):
            if not line:
                continue
            if last == number - 1 and line[0].islower() and _wraps(lines[last], lines[number]):
                blocks[-1].append(number)
            else:
                blocks.append([number])
            last = number
    units = []
    for block in blocks:
        raw = " ".join(stripped[n] for n in block)
        text = collapse(raw)
        units.append((len(units), block, raw, text, words(text)))
    return units


_WRAPPED_LINE = st.sampled_from(
    [
        "",
        "   ",
        "The council met on Tuesday to talk about the plan for the new bridge and",
        "then voted to delay the work until the spring of next year, when the money",
        "arrives.",
        "Menu",
        "said the mayor, who  had hoped\tfor more.",
        "  indented line that opens in lower case and runs on for a while longer",
    ]
) | st.text(max_size=12)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WRAPPED_LINE, max_size=30))
def test_units_are_the_page_s_lines_or_blocks(lines):
    from parallax.index.cleaner.body import build_units

    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    got = [(u.index, u.lines, u.raw, u.text, u.tokens) for u in build_units(lines)]
    assert got == _plain_units(lines)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WRAPPED_LINE, max_size=30))
def test_hard_wrapping_is_half_of_the_long_lines_wrapped(lines):
    from parallax.index.cleaner.body import _hard_wrapped
    from parallax.index.cleaner.rules import ends_sentence

    stripped = [line.strip() for line in lines]
    long_lines = [i for i, line in enumerate(stripped) if len(line) >= 40]
    wrapped = sum(
        1
        for i in long_lines
        if i + 1 < len(lines)
        and stripped[i + 1]
        and 50 <= len(lines[i].rstrip()) <= 100
        and not ends_sentence(lines[i].rstrip())
    )
    expected = len(long_lines) >= 6 and wrapped / len(long_lines) >= 0.5
    assert _hard_wrapped(lines) == expected


def _plain_one_story(run, units):
    from parallax.index.cleaner.body import (
        _COHESION,
        _HEADS_TOLD,
        _MIN_COHESIVE,
        _introduced,
        _stems,
    )

    if len(run.units) < _MIN_COHESIVE or 2 * run.complete_count(units) < len(run.units):
        return False
    per_unit = [_stems(units, (i,)) for i in run.units]
    shares = []
    for k, own in enumerate(per_unit):
        if not own:
            continue
        others = set().union(*(v for j, v in enumerate(per_unit) if j != k))
        shares.append(len(own & others) / len(own))
    if not shares or sum(shares) / len(shares) < _COHESION:
        return False
    told = set().union(*per_unit)
    heads = [_stems(units, (i - 1,)) for i in run.units[1:] if _introduced(units[i - 1])]
    heads = [h for h in heads if h]
    return not heads or sum(1 for h in heads if h & told) >= _HEADS_TOLD * len(heads)


_PARAGRAPH = st.lists(
    st.sampled_from(["harbour", "harbours", "ferry", "council", "winter", "storm", "the", "and"])
    | st.sampled_from(["timetable", "bridge", "money", "weather", "about", "which", "x"]),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PARAGRAPH, st.booleans(), st.booleans()), min_size=1, max_size=14))
def test_one_story_is_paragraphs_sharing_their_words(shapes):
    from parallax.index.cleaner.body import Run, Unit, _one_story

    units = []
    for index, (text, prose, complete) in enumerate(shapes):
        unit = Unit(index, [index], text + ".", text + ".", text.split())
        unit.key, unit.prose, unit.complete = text, prose, complete
        units.append(unit)
    prose = [u.index for u in units if u.prose]
    if prose:
        run = Run(prose, prose[0], prose[-1])
        assert _one_story(run, units) == _plain_one_story(run, units)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["25/02/2025", "02/25/2025", "3/4/1999", "1", "/", "2024", " ", "x"])
            | st.text(alphabet="0123456789/ \n", max_size=6),
            max_size=6,
        ).map("".join),
        max_size=8,
    ),
    st.sampled_from([None, "en", "de"]),
)
def test_the_numeric_date_order_is_read_text_by_text(texts, language):
    from parallax.index.cleaner.dates import _NUMERIC, numeric_order

    day_first = any(int(a) > 12 for t in texts for a, _ in _NUMERIC.findall(t))
    month_first = any(int(b) > 12 for t in texts for _, b in _NUMERIC.findall(t))
    if day_first != month_first:
        expected: bool | None = day_first
    elif not (day_first or month_first) and language not in (None, "en"):
        expected = True
    else:
        expected = None
    assert numeric_order(texts, language) == expected


def test_bullet_marks_are_the_characters_a_bullet_opens_with():
    import sys

    from parallax.index.cleaner.rules import _BULLET, _BULLET_MARKS

    opens = {
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and _BULLET.match(chr(c) + " x") is not None
    }
    assert opens == _BULLET_MARKS


_TOKENS = st.lists(
    st.sampled_from(["the", "The", "THE", "tHe", "und", "Più", "è", "É", "dass", "x", "İn"])
    | st.sampled_from(["ﬁ", "K", "\u212a", "ß", "Of", "oF", "a", "A", "is", "IS", "été", "ÉTÉ"])
    | st.text(max_size=4),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_TOKENS)
def test_function_words_are_counted_as_their_lower_case_is(tokens):
    from parallax.index.cleaner.text import ALL_FUNCTION_WORDS, count_function_words

    plain = sum(1 for t in tokens if t.lower() in ALL_FUNCTION_WORDS)
    assert count_function_words(tokens) == plain
    ascii_tokens = [t for t in tokens if t.isascii()]
    plain = sum(1 for t in ascii_tokens if t.lower() in ALL_FUNCTION_WORDS)
    assert count_function_words(ascii_tokens, ascii=True) == plain


@settings(max_examples=300, deadline=None)
@given(_TOKENS, st.sampled_from(["", ".", "…", ":", "?'"]))
def test_prose_shape_counts_function_words_as_the_ratio_does(tokens, end):
    from parallax.index.cleaner.rules import (
        _FIRST_WORDS,
        ends_sentence,
        is_truncated,
        prose_shape,
        words,
    )
    from parallax.index.cleaner.text import ALL_FUNCTION_WORDS, function_word_ratio

    # The definition as it was written: the first half's function words settle it, else
    # the whole line's ratio.
    for line in (" ".join(tokens) + end, " ".join(tokens * 3) + end):
        found = words(line)
        n = len(found)
        complete = ends_sentence(line)
        shaped = n >= 8 and (complete or 20 <= n < 300 or is_truncated(line))
        first = found[: max(_FIRST_WORDS, n // 2)]
        settled = (
            n > _FIRST_WORDS and sum(t.lower() in ALL_FUNCTION_WORDS for t in first) / n >= 0.12
        )
        prose = shaped and (settled or function_word_ratio(found) >= 0.12)
        assert prose_shape(line, found) == (prose, prose and complete)


def _words_of(*patterns: re.Pattern[str]) -> list[str]:
    return sorted({word for p in patterns for word in re.findall(r"[^\W\d_]{2,}", p.pattern)})


_LINK_OR_TAG_WORDS = _words_of(_rules._RELATED_LINK, _rules._TAGS)


_LABEL = st.lists(st.sampled_from(_LINK_OR_TAG_WORDS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["", "", "", " ", "(", "* ", "x", "\u212a"]),
    _LABEL | _LABEL.map(str.title) | _LABEL.map(str.upper),
    st.sampled_from(["", ":", " :", ": ", " | ", "|", " …", "."]),
    st.sampled_from(["", "Story", " Story", "“a”", "x", " the plan"]) | st.text(max_size=3),
)
def test_related_links_and_tags_begin_as_their_rules_say(before, label, mark, after):
    line = before + label + mark + after
    # related_link and tags are tried only on lines opening with one of the beginnings of
    # their anchored regexes (a precondition: every line either matches opens so).
    from parallax.index.cleaner import rules

    lowered = line.lower()
    if any(char in line for char in rules._CASE_ODD):
        return  # (read as ASCII by the case-blind regex: the engine takes no shortcut)
    for name in ("related_link", "tags"):
        rule = next(r for r in rules.LINE_RULES if r.name == name)
        if rule.matches(line):
            assert lowered.startswith(rule.starts), (name, line)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["", "Home", "Menu", "By Jane Doe", "* News", "Share", "  ", "© 2025"])
        | st.lists(
            st.sampled_from(["The", "council", "met", "and", "voted", "on", "the", "plan"]),
            min_size=8,
            max_size=30,
        ).map(lambda words: " ".join(words) + "."),
        max_size=40,
    ).map(lambda lines: [line.rstrip(".") if i % 3 else line for i, line in enumerate(lines)]),
    st.booleans(),
)
def test_the_drops_alone_are_in_the_order_of_the_lines(lines, wrapped):
    # The drop log is sorted only when other changes join it: the drops come in line order
    # (hard-wrapped pages' blocks too).
    from parallax.index.cleaner.pipeline import clean_text

    if wrapped:
        lines = [part for line in lines for part in (line[:60], line[60:])]
    changes = clean_text("\n".join(lines)).changes
    drops = [c.line for c in changes if c.action == "drop"]
    assert drops == sorted(set(drops))
    if len(drops) == len(changes):  # (then the log is the drops, unsorted)
        keys = [(c.line, c.action != "drop") for c in changes]
        assert keys == sorted(keys)


_LONG_WORD = st.sampled_from(
    ["https://example.org/" + "a" * 60, "Reuters/Jane", "photo", "©", "Read more:", "·", "*"]
    + ["newsletter", "Sign up", "cookies", "/", "|", "»", "Getty Images", "x" * 90, "2025"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LONG_WORD | st.text(max_size=6), min_size=1, max_size=30).map(" ".join))
def test_long_lines_of_few_words_are_labelled_as_trying_each_rule(line):
    # A line over the engine's whole-line length with few words is scanned with the short
    # lines' automaton (its ends-only hints aside): the same labels.
    line = line.replace("\n", " ")
    for text in (line, line + " " + "y" * 250, "z" * 250 + " " + line):
        n_words = len(_rules.words(text))
        assert _rules._classify(text, n_words) == _first_rule(text, n_words), text


def _plain_rules_to_try(n_words: int, mask: int):
    """The rules the engine tries on a line of `n_words` words whose hints and preconditions
    make `mask`: those that may see so many words, whose needed bits the mask holds."""
    if n_words == 0:
        mask |= _rules._ALL_PRE
    return tuple(
        pair
        for (pair, need), rule in zip(_rules._NEEDED, _rules.LINE_RULES, strict=True)
        if n_words <= rule.max_words and mask & need == need
    )


_ALL_BITS = sorted(set(_rules._BIT.values()) | set(_rules._PRE_BIT.values()))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 90) | st.sampled_from([9_999, 10_000, 10_001, 20_000]),
            st.sets(st.sampled_from(_ALL_BITS)).map(sum),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_the_rules_to_try_are_those_the_words_and_the_mask_allow(pairs):
    # The rules are kept by word class and the mask's bits that count for it: a pair met
    # after another of the same class and bits gets the same rules as built anew.
    saved = dict(_rules._TO_TRY), dict(_rules._TO_TRY_CLASS)
    _rules._TO_TRY.clear()
    _rules._TO_TRY_CLASS.clear()
    try:
        for n_words, mask in pairs:
            assert _rules._rules_to_try(n_words, mask) == _plain_rules_to_try(n_words, mask)
    finally:
        _rules._TO_TRY.clear()
        _rules._TO_TRY.update(saved[0])
        _rules._TO_TRY_CLASS.clear()
        _rules._TO_TRY_CLASS.update(saved[1])
