"""Two store objects on one data folder stand for two processes: each article's write, inside
`writing()`, first catches up with the other's (through the journal), so nothing is stored
twice and nothing is lost, whichever folds the journal into store.json."""

from __future__ import annotations

import hashlib
from pathlib import Path

from test_store import full_page, prose

from parallax.index.model import Article
from parallax.index.store import ArticleStore


def write(store: ArticleStore, article: Article, path: str, version: str = "1") -> str | None:
    sha = hashlib.sha256(f"{path}:{version}".encode()).hexdigest()
    with store.writing():
        result = store.known_source(path, sha, 1, 1) or store.put(
            article, path=path, sha=sha, size=1, mtime_ns=1
        )
    return result.article_id


def test_a_second_writer_sees_the_first_ones_article_and_merges_into_it(tmp_path: Path) -> None:
    a, b = ArticleStore(tmp_path), ArticleStore(tmp_path)  # both opened before any write
    body = prose(1)
    first = write(a, full_page(body), "/src/one.txt")
    # The same page saved at another path, written by the other writer: one article.
    second = write(b, full_page(body), "/src/copy.txt")
    assert first == second
    assert [s.id for s in a.summaries()] == [first]
    assert {s.path for s in a.get(first).article.sources} == {"/src/one.txt", "/src/copy.txt"}
    # The same bytes at the same path again, by the first writer: unchanged.
    assert write(a, full_page(body), "/src/copy.txt") == first
    assert len(list((tmp_path / "articles").iterdir())) == 1


def test_folding_the_journal_by_one_writer_loses_nothing_of_the_other(tmp_path: Path) -> None:
    a, b = ArticleStore(tmp_path), ArticleStore(tmp_path)
    ids = {write(a, full_page(prose(n), title=f"A {n}"), f"/a/{n}") for n in range(3)}
    a.save()  # store.json rewritten, journal emptied
    ids |= {write(b, full_page(prose(10 + n), title=f"B {n}"), f"/b/{n}") for n in range(3)}
    assert len(ids) == 6
    assert {s.id for s in a.summaries()} == ids
    b.save()
    fresh = ArticleStore(tmp_path)
    assert {s.id for s in fresh.summaries()} == ids
    assert fresh.article_of_source("/a/1") in ids and fresh.article_of_source("/b/2") in ids
    assert (tmp_path / ".parallax" / "store.journal").stat().st_size == 0


def test_a_line_cut_short_by_a_killed_writer_is_skipped(tmp_path: Path) -> None:
    a = ArticleStore(tmp_path)
    kept = write(a, full_page(prose(1), title="Kept"), "/a/1")
    with open(tmp_path / ".parallax" / "store.journal", "ab") as journal:
        journal.write(b'{"records": {"half')  # a writer killed mid-line
    b = ArticleStore(tmp_path)
    assert [s.id for s in b.summaries()] == [kept]
    other = write(b, full_page(prose(2), title="Other"), "/a/2")
    assert {s.id for s in ArticleStore(tmp_path).summaries()} == {kept, other}
    assert {s.id for s in a.summaries()} == {kept, other}
