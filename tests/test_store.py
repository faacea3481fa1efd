"""The article store: ids, hand edits that survive, merging copies, broken files left alone."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from parallax.index.model import Article, Source
from parallax.index.store import (
    ArticleStore,
    BrokenArticleError,
    UnknownArticleError,
    article_id_base,
    slugify,
)

_SYLLABLES = ["ka", "lo", "mi", "ster", "ven", "dor", "pa", "ri", "tus", "el", "na", "gro", "bi"]
_VOCABULARY = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "s")})


def prose(seed: int, words: int = 120, paragraphs: int = 3) -> list[str]:
    """Deterministic filler text: distinct seeds give texts sharing no 5-word run."""
    rng = random.Random(seed)
    per = max(1, words // paragraphs)
    return [
        " ".join(rng.choice(_VOCABULARY) for _ in range(per)).capitalize() + "."
        for _ in range(paragraphs)
    ]


def full_page(body: list[str], **meta) -> Article:
    values = dict(
        title="Ukraine, second round of US-Russia talks in Istanbul. Putin accuses “Western "
        "elites” of not wanting peace",
        standfirst="After the first meeting in Riyadh, officials meet in Turkey.",
        outlet="Eunews",
        author="Simone De La Feld",
        published=date(2025, 2, 27),
        dateline="Brussels",
        section="World politics",
        url="https://www.eunews.it/en/?p=419969",
        language="en",
    )
    values.update(meta)
    return Article(paragraphs=list(body), **values)


def put(store: ArticleStore, article: Article, path: str, version: str = "1"):
    """Store `article` as made from the source file `path` (its bytes stand in as `version`)."""
    sha = hashlib.sha256(f"{path}:{version}".encode()).hexdigest()
    return store.put(
        article, path=path, sha=sha, size=len(version), mtime_ns=hash(version) & 0xFFFF
    )


def known(store: ArticleStore, path: str, version: str = "1"):
    sha = hashlib.sha256(f"{path}:{version}".encode()).hexdigest()
    return store.known_source(path, sha, len(version), hash(version) & 0xFFFF)


def md_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "articles").glob("*.md"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- ids ------------------------------------------------------------------------------------


def test_id_is_outlet_then_title_cut_at_a_phrase() -> None:
    assert article_id_base(full_page(["Body."])) == (
        "eunews-ukraine-second-round-of-us-russia-talks-in-istanbul"
    )


def test_id_folds_to_ascii_and_stays_short() -> None:
    article = Article(
        title="Erdoğan’s Türkiye: İstanbul café talks with Zelenskyy and Şahin continue "
        "through the weekend as delegations arrive",
        outlet="Hürriyet Daily News",
        paragraphs=["x"],
    )
    article_id = article_id_base(article)
    assert article_id.startswith("hurriyet-daily-news-erdogans-turkiye-istanbul-cafe-talks")
    assert len(article_id) <= 64
    assert article_id == article_id.encode("ascii").decode().lower()
    assert not article_id.endswith("-")


def test_id_without_outlet_or_title() -> None:
    assert article_id_base(Article(title="Talks resume", paragraphs=["x"])) == "talks-resume"
    body_only = Article(paragraphs=["Brussels – The second round of talks began this morning."])
    assert article_id_base(body_only) == "brussels-the-second-round-of-talks-began-this-morning"


def test_slugify() -> None:
    assert slugify("Hürriyet Daily News") == "hurriyet-daily-news"
    assert slugify("Straße & Łódź") == "strasse-and-lodz"


def test_colliding_ids_get_a_number(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    first = put(store, full_page(prose(1)), "/src/a.txt")
    second = put(store, full_page(prose(2)), "/src/b.txt")
    third = put(store, full_page(prose(3)), "/src/c.txt")
    assert first.status == second.status == third.status == "added"
    assert second.article_id == f"{first.article_id}-2"
    assert third.article_id == f"{first.article_id}-3"


# ---- writing and re-adding ------------------------------------------------------------------


def test_article_file_is_markdown_with_front_matter(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    result = put(store, full_page(["First paragraph.", "Second paragraph."]), "/src/a.txt")
    text = store.path_of(result.article_id).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Ukraine, second round")
    keys = [line.split(":")[0] for line in text.split("---")[1].splitlines() if line[:1].isalpha()]
    assert keys == [
        "title", "standfirst", "outlet", "author", "published", "dateline", "agency",
        "section", "url", "language", "words", "sources",
    ]  # fmt: skip
    assert "published: '2025-02-27'" in text
    assert "\n---\n\nFirst paragraph.\n\nSecond paragraph.\n" in text
    stored = store.get(result.article_id)
    assert stored.article.published == date(2025, 2, 27)
    assert stored.article.sources == [Source("/src/a.txt", stored.article.sources[0].sha256)]
    assert stored.front_matter()["words"] == 4


def test_same_source_twice_is_unchanged_and_writes_nothing(
    tmp_path: Path, snapshot: Callable[[Path], dict[str, bytes]]
) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1)), "/src/a.txt")
    store.save()
    before = snapshot(tmp_path)

    store = ArticleStore(tmp_path)
    assert store.unchanged_source("/src/a.txt", 1, hash("1") & 0xFFFF) == added.article_id
    result = known(store, "/src/a.txt")
    assert result is not None and result.status == "unchanged"
    assert result.article_id == added.article_id
    store.save()
    assert snapshot(tmp_path) == before


def test_same_bytes_at_a_second_path_join_the_sources(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1)), "/src/a.txt")
    sha = store.get(added.article_id).article.sources[0].sha256
    result = store.known_source("/copy/a.txt", sha, 1, 5)
    assert result is not None and result.status == "merged"
    paths = [s.path for s in store.get(added.article_id).article.sources]
    assert paths == ["/src/a.txt", "/copy/a.txt"]


def test_hand_edited_title_survives_every_later_run(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1), title="Cleaner title", author="A. One"), "/src/a.txt")
    store.save()
    path = store.path_of(added.article_id)
    edit(path, "title: Cleaner title", "title: My own title")

    # The same source again: nothing to do, the edit is intact.
    store = ArticleStore(tmp_path)
    assert known(store, "/src/a.txt").status == "unchanged"
    store.save()
    assert "title: My own title" in path.read_text(encoding="utf-8")

    # The source changed: unedited fields take the new values, the edited title stays.
    store = ArticleStore(tmp_path)
    changed = full_page(prose(11), title="New cleaner title", author="B. Two")
    result = put(store, changed, "/src/a.txt", version="2")
    store.save()
    assert result.status == "updated" and result.article_id == added.article_id
    stored = ArticleStore(tmp_path).get(added.article_id)
    assert stored.article.title == "My own title"
    assert stored.article.author == "B. Two"
    assert stored.article.paragraphs == prose(11)

    # And once more: the edit still wins.
    store = ArticleStore(tmp_path)
    put(store, full_page(prose(12), title="Third title", author="C. Three"), "/src/a.txt", "3")
    store.save()
    summary = {s.id: s for s in ArticleStore(tmp_path).summaries()}[added.article_id]
    assert summary.title == "My own title"
    assert summary.author == "C. Three"


def test_hand_edited_body_survives_a_changed_source(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1), title="Old"), "/src/a.txt")
    store.save()
    path = store.path_of(added.article_id)
    edit(path, prose(1)[1], "A paragraph the reader rewrote by hand.")

    store = ArticleStore(tmp_path)
    assert put(store, full_page(prose(2), title="New"), "/src/a.txt", "2").status == "updated"
    stored = store.get(added.article_id)
    assert stored.article.paragraphs == [
        prose(1)[0],
        "A paragraph the reader rewrote by hand.",
        prose(1)[2],
    ]
    assert stored.article.title == "New"


def test_unknown_front_matter_keys_are_kept(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1)), "/src/a.txt")
    store.save()
    path = store.path_of(added.article_id)
    edit(path, "language: en\n", "language: en\ntags:\n- ukraine\n- diplomacy\n")
    store = ArticleStore(tmp_path)
    put(store, full_page(prose(2)), "/src/a.txt", "2")
    stored = store.get(added.article_id)
    assert stored.extra == {"tags": ["ukraine", "diplomacy"]}
    assert "tags:\n- ukraine\n- diplomacy\n" in path.read_text(encoding="utf-8")


# ---- copies ---------------------------------------------------------------------------------


def _body_only_copy(body: list[str]) -> list[str]:
    # The same text extracted differently: one word split across lines, spacing changed.
    first = body[0].split(" ")
    first[5] = first[5][:2] + "\n" + first[5][2:]
    return ["  ".join(first), *body[1:]]


@pytest.mark.parametrize("full_first", [True, False])
def test_body_only_copy_and_full_page_merge_in_either_order(
    tmp_path: Path, full_first: bool
) -> None:
    body = prose(7, words=300)
    full = full_page(body)
    body_only = Article(paragraphs=_body_only_copy(body))
    order = [(full, "/src/000.txt"), (body_only, "/src/001.txt")]
    if not full_first:
        order.reverse()
    store = ArticleStore(tmp_path)
    results = [put(store, article, path) for article, path in order]
    store.save()

    assert [r.status for r in results] == ["added", "merged"]
    files = md_files(tmp_path)
    assert len(files) == 1
    article_id = "eunews-ukraine-second-round-of-us-russia-talks-in-istanbul"
    assert files[0].stem == article_id == results[1].article_id
    stored = ArticleStore(tmp_path).get(article_id)
    assert sorted(s.path for s in stored.article.sources) == ["/src/000.txt", "/src/001.txt"]
    assert stored.article.metadata() == full.metadata()
    assert stored.article.paragraphs == body  # the copy with more metadata gives the body

    # Re-adding both changes nothing.
    store = ArticleStore(tmp_path)
    assert [known(store, path).status for _, path in order] == ["unchanged", "unchanged"]


def test_merge_fills_missing_fields_from_either_copy(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    body = prose(3)
    put(store, Article(title="Talks", outlet="Eunews", author="S. D.", paragraphs=body), "/a")
    result = put(store, Article(title="Talks", published=date(2025, 2, 27), paragraphs=body), "/b")
    stored = store.get(result.article_id)
    assert (stored.article.author, stored.article.published) == ("S. D.", date(2025, 2, 27))


def test_same_text_from_two_outlets_stays_two_articles(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    body = prose(5)
    a = put(store, Article(title="Summit", outlet="Hürriyet Daily News", paragraphs=body), "/a")
    b = put(store, Article(title="Summit", outlet="Associated Press", paragraphs=body), "/b")
    assert (a.status, b.status) == ("added", "added")
    assert a.article_id != b.article_id
    assert len(md_files(tmp_path)) == 2


def test_copies_with_unknown_outlets_merge(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    body = prose(5)
    put(store, Article(paragraphs=body), "/a")
    assert put(store, Article(paragraphs=[*body, "Share this article."]), "/b").status == "merged"


def test_different_stories_do_not_merge(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    shared = prose(9, words=40, paragraphs=1)
    put(store, Article(title="One", paragraphs=[*prose(1), *shared]), "/a")
    # Shares a quoted paragraph, but most of each text is its own.
    result = put(store, Article(title="Two", paragraphs=[*prose(2), *shared]), "/b")
    assert result.status == "added"


def test_a_short_text_inside_a_long_one_is_not_a_copy(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    body = prose(4, words=300)
    put(store, Article(paragraphs=body), "/long")
    short = " ".join(body[0].split()[:12])
    assert put(store, Article(paragraphs=[short]), "/short").status == "added"


def test_body_only_article_gets_a_real_id_when_the_full_page_arrives(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    body = prose(8, words=200)
    first = put(store, Article(paragraphs=body), "/src/001.txt")
    assert first.article_id.startswith(slugify(" ".join(body[0].split()[:3])))
    second = put(store, full_page(body), "/src/000.txt")
    store.save()
    assert second.article_id == "eunews-ukraine-second-round-of-us-russia-talks-in-istanbul"
    assert not store.path_of(first.article_id).exists()
    store = ArticleStore(tmp_path)
    assert [s.id for s in store.summaries()] == [second.article_id]
    assert known(store, "/src/001.txt").article_id == second.article_id


def test_user_title_on_a_body_only_article_keeps_its_id(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    body = prose(8, words=200)
    first = put(store, Article(paragraphs=body), "/src/001.txt")
    store.save()
    edit(store.path_of(first.article_id), "title: null", "title: My title")
    store = ArticleStore(tmp_path)
    second = put(store, full_page(body), "/src/000.txt")
    assert second.article_id == first.article_id
    stored = store.get(first.article_id)
    assert stored.article.title == "My title"
    assert stored.article.outlet == "Eunews"


def test_a_source_that_became_another_story_leaves_the_merged_article(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    body = prose(6)
    merged = put(store, full_page(body), "/src/000.txt")
    put(store, Article(paragraphs=body), "/src/001.txt")
    result = put(store, Article(title="Something else", paragraphs=prose(60)), "/src/001.txt", "2")
    assert result.status == "added"
    assert result.article_id != merged.article_id
    sources = [s.path for s in store.get(merged.article_id).article.sources]
    assert sources == ["/src/000.txt"]


# ---- broken files and bookkeeping -----------------------------------------------------------


def test_broken_front_matter_is_reported_skipped_and_never_touched(
    tmp_path: Path, snapshot: Callable[[Path], dict[str, bytes]]
) -> None:
    store = ArticleStore(tmp_path)
    ids = [
        put(store, full_page(prose(i), title=f"Story {i}"), f"/src/{i}.txt").article_id
        for i in range(3)
    ]
    store.save()
    broken = store.path_of(ids[1])
    edit(broken, "title: Story 1\n", "title: [unclosed\n")
    broken_bytes = broken.read_bytes()

    store = ArticleStore(tmp_path)
    assert [s.id for s in store.summaries()] == [ids[0], ids[2]]
    assert len(store.problems) == 1
    assert str(broken) in store.problems[0] and "\n" not in store.problems[0]
    assert "not valid YAML" in store.problems[0]
    with pytest.raises(BrokenArticleError, match="parallax edit"):
        store.get(ids[1])

    # Its changed source, and a copy of it, are refused rather than written over it.
    assert put(store, full_page(prose(1), title="Story 1"), "/src/1.txt", "2").status == "failed"
    assert put(store, full_page(prose(1), title="Story 1"), "/elsewhere/1.txt").status == "failed"
    # Other work goes on.
    assert put(store, full_page(prose(9), title="Story 9"), "/src/9.txt").status == "added"
    store.save()
    assert broken.read_bytes() == broken_bytes
    assert len(ArticleStore(tmp_path).summaries()) == 3


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("---\ntitle:", "title:", "no front matter"),
        ("published: '2025-02-27'", "published: last week", "published"),
        ("title: Story", "title:\n  nested: Story", "title"),
        ("sources:\n", "sources: nope\nx:\n", "sources"),
    ],
)
def test_each_kind_of_broken_front_matter(tmp_path: Path, old: str, new: str, why: str) -> None:
    store = ArticleStore(tmp_path)
    article_id = put(store, full_page(prose(1), title="Story"), "/src/a.txt").article_id
    store.save()
    edit(store.path_of(article_id), old, new)
    store = ArticleStore(tmp_path)
    assert store.summaries() == []
    assert why in store.problems[0]


def test_lost_bookkeeping_is_rebuilt_from_the_articles(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1)), "/src/a.txt")
    store.save()
    (tmp_path / ".parallax" / "store.json").unlink()
    store = ArticleStore(tmp_path)
    assert [s.id for s in store.summaries()] == [added.article_id]
    assert known(store, "/src/a.txt").status == "unchanged"  # the front matter lists the path
    assert len(md_files(tmp_path)) == 1


def test_unreadable_bookkeeping_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    put(store, full_page(prose(1)), "/src/a.txt")
    store.save()
    state = tmp_path / ".parallax" / "store.json"
    state.write_text("{ not json", encoding="utf-8")
    store = ArticleStore(tmp_path)
    assert "bookkeeping is unreadable" in store.problems[0]
    put(store, full_page(prose(2), title="Other"), "/src/b.txt")
    store.save()
    assert json.loads(state.read_text(encoding="utf-8"))["version"] == 1
    (aside,) = state.parent.glob("store.json.broken-*")
    assert aside.read_text(encoding="utf-8") == "{ not json"


def test_deleted_article_file_is_forgotten(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1)), "/src/a.txt")
    store.save()
    store.path_of(added.article_id).unlink()
    store = ArticleStore(tmp_path)
    assert store.summaries() == []
    assert known(store, "/src/a.txt") is None  # it will be added again


def test_unknown_id_suggests_close_ones(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1)), "/src/a.txt")
    with pytest.raises(UnknownArticleError) as info:
        store.get("eunews-ukraine")
    assert f'"{added.article_id}"' in str(info.value)
    with pytest.raises(UnknownArticleError):
        store.get("../../etc/passwd")


def test_summaries_show_hand_edits(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path)
    added = put(store, full_page(prose(1)), "/src/a.txt")
    store.save()
    edit(store.path_of(added.article_id), "outlet: Eunews", "outlet: EU News")
    (summary,) = ArticleStore(tmp_path).summaries()
    assert summary.outlet == "EU News"
    assert summary.words == 120
