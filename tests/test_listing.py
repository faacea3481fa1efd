"""The saved article list (index/listing.py): what the reader shows first, and the small
changes the background process announces."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.index.listing import (
    apply_delta,
    listing_path,
    listing_row,
    read_head,
    read_listing,
    read_rows,
    rows_delta,
    sort_key,
    write_listing,
)
from parallax.index.model import ArticleSummary


def summary(
    i: int, title: str | None, day: int | None, outlet: str | None = "Daily"
) -> ArticleSummary:
    published = date(2025, 1, 1).fromordinal(date(2025, 1, 1).toordinal() + day) if day else None
    return ArticleSummary(
        id=f"a{i}", title=title, outlet=outlet, published=published, author=None,
        agency=None, sources=(), words=10 * i,
    )  # fmt: skip


def test_write_then_read_gives_the_same_list_and_says_what_changed(tmp_path: Path) -> None:
    first = sorted([summary(1, "Beta", 3), summary(2, "alpha", 3), summary(3, "Undated", None)],
                   key=sort_key)  # fmt: skip
    assert [s.id for s in first] == ["a2", "a1", "a3"]  # newest first, by title, undated last
    assert write_listing(tmp_path, first) is None  # nothing to compare with
    assert read_listing(tmp_path) == first
    assert write_listing(tmp_path, first) == ([], [])  # unchanged: not written again
    second = [summary(4, "New", 9), first[0], first[2]]
    changed, removed = write_listing(tmp_path, second)
    assert [row[0] for row in changed] == ["a4"] and removed == ["a1"]
    assert read_listing(tmp_path) == second


def test_a_damaged_or_foreign_listing_is_none(tmp_path: Path) -> None:
    assert read_listing(tmp_path) is None
    path = listing_path(tmp_path)
    path.parent.mkdir(parents=True)
    for text in ("{not json", "[]", '{"version": 99, "articles": []}', "\x00\x01"):
        path.write_text(text, encoding="utf-8")
        assert read_listing(tmp_path) is None
    path.write_text('{"version": 1, "articles": [["ok", "T", null, null, null, null, 1],'
                    ' ["short"], ["bad-date", "T", null, "2025-13-45", null, null, 1]]}')  # fmt: skip
    assert [s.id for s in read_listing(tmp_path)] == ["ok"]  # a malformed row is left out


titles = st.one_of(st.none(), st.text(max_size=8))
days = st.one_of(st.none(), st.integers(1, 30))


@given(
    before=st.lists(st.tuples(titles, days), max_size=12),
    after=st.lists(st.tuples(titles, days), max_size=12),
    keep=st.lists(st.booleans(), max_size=12),
)
def test_applying_a_delta_gives_the_new_list_in_order(before, after, keep) -> None:
    old = sorted((summary(i, t, d) for i, (t, d) in enumerate(before)), key=sort_key)
    # The new list: some old articles kept (some retitled), some gone, some new ones.
    new = [s for s, k in zip(old, keep, strict=False) if k]
    new = [summary(int(s.id[1:]), (s.title or "") + "!", None) if i % 3 == 0 else s
           for i, s in enumerate(new)]  # fmt: skip
    new += [summary(100 + i, t, d) for i, (t, d) in enumerate(after)]
    new.sort(key=sort_key)
    changed, removed = rows_delta([listing_row(s) for s in old], [listing_row(s) for s in new])
    assert apply_delta(old, changed, removed) == new


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(
    listed=st.lists(st.tuples(st.one_of(st.none(), st.text(max_size=12)), days), max_size=12),
    wanted=st.integers(0, 14),
)
def test_the_head_of_a_listing_is_its_first_rows_and_its_count(
    tmp_path: Path, listed, wanted: int
) -> None:
    # Titles of any text: line breaks, quotes, "],[", a lone surrogate-free anything.
    summaries = sorted((summary(i, t, d) for i, (t, d) in enumerate(listed)), key=sort_key)
    write_listing(tmp_path, summaries)
    rows = read_rows(tmp_path)
    assert rows is not None and len(rows) == len(summaries)
    assert read_head(tmp_path, wanted) == (rows[:wanted], len(summaries))
    listing_path(tmp_path).unlink()


def test_a_listing_in_one_line_has_no_head_but_is_read(tmp_path: Path) -> None:
    path = listing_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"version":1,"articles":[["a","T",null,null,null,null,1]]}', encoding="utf-8")
    assert read_head(tmp_path, 10) is None
    assert [s.id for s in read_listing(tmp_path)] == ["a"]
    # Unchanged, it is still written again a row per line, so the next start reads its head.
    assert write_listing(tmp_path, read_listing(tmp_path)) == ([], [])
    assert read_head(tmp_path, 10) == ([["a", "T", None, None, None, None, 1]], 1)
    for broken in ('{"version":1,"count":2,"articles":[\n["a",\n', '{"version":1,"count":x'):
        path.write_text(broken, encoding="utf-8")
        assert read_head(tmp_path, 10) is None


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(labels=st.lists(st.text(max_size=10), max_size=6))
def test_the_saved_story_list_reads_back_as_it_was(tmp_path: Path, labels: list[str]) -> None:
    # The reader's copy of the stories (a story per line): any label, none at all.
    from parallax.index.api import read_story_list, save_story_list
    from parallax.index.stories.stories import Story, StoryArticle

    stories = [
        Story(f"s{i}", label, "story", None, [StoryArticle(f"a{i}", label or None, "main")])
        for i, label in enumerate(labels)
    ]
    save_story_list(tmp_path, stories)
    assert read_story_list(tmp_path) == stories
    path = tmp_path / ".parallax" / "story-list.json"
    rows = [{**s.to_json(), "by_user": False} for s in stories]
    path.write_text(json.dumps(rows), encoding="utf-8")  # as an older version wrote it
    assert read_story_list(tmp_path) == stories
    path.unlink()
