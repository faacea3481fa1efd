"""Benchmark ranking: R-precision of short, typed queries on real stories, against naive Whoosh.

    python bench/bench_ranking.py [--queries bench/ranking_queries.json] [--show 10]
                                  [--weights title=4,standfirst=2,body=1] [--json PATH]

The stories are BASIL's (`../shared/realdata/basil`): 60 US-politics events, each told by
three outlets (180 articles, Markdown with front matter: title, outlet, published). The queries
(`ranking_queries.json`) are one per event, two to six words a reader might remember, written
before any weight was tuned on them. Each query's relevant articles are its event's three, so
R-precision is the share of them among its first three hits, averaged over the queries.

In the same run, two indexes of the same articles:
- Parallax: `SearchIndex` with its default query (any word; all words first), as the reader
  and `parallax search` run it;
- naive Whoosh: title and body in one TEXT field with whoosh's StemmingAnalyzer, BM25F, and
  the query's words ORed (`QueryParser(..., group=OrGroup)`).

`--weights` changes the section weights for this run only (for tuning). The worst queries
(lowest R-precision for Parallax, then the most below naive) are listed with their first hits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `../shared` beside the repository (or beside the folder of worktrees that holds it)
BASIL = (
    next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
    / "realdata"
    / "basil"
)
QUERIES = Path(__file__).resolve().parent / "ranking_queries.json"
TARGET = 0.95
R = 3  # articles per event


@dataclass
class Article:
    id: str
    event: str
    title: str
    outlet: str | None
    published: date | None
    body: str


def load_articles(basil: Path) -> list[Article]:
    import frontmatter

    events = {
        Path(e["file"]).stem: e["event"] for e in json.loads((basil / "events.json").read_text())
    }
    out = []
    for path in sorted((basil / "articles").glob("*.md")):
        post = frontmatter.load(str(path))
        published = post.get("published")
        if isinstance(published, str):
            try:
                published = date.fromisoformat(published)
            except ValueError:
                published = None
        out.append(
            Article(
                id=path.stem,
                event=events[path.stem],
                title=str(post.get("title") or ""),
                outlet=post.get("outlet"),
                published=published if isinstance(published, date) else None,
                body=post.content,
            )
        )
    return out


def parallax_ranker(articles: list[Article], workdir: Path, weights: dict[str, float] | None):
    from parallax.index.search import IndexDoc, SearchIndex, documents

    if weights:
        documents.SECTION_WEIGHTS.update(weights)
    index = SearchIndex.open(workdir / "parallax")
    index.update(
        [
            IndexDoc(
                id=a.id,
                title=a.title,
                standfirst=None,
                body=a.body,
                outlet=a.outlet,
                author=None,
                agency=None,
                dateline=None,
                published=a.published,
                digest=hashlib.sha256((a.title + a.body).encode()).hexdigest(),
            )
            for a in articles
        ]
    )

    def rank(query: str, k: int) -> list[str]:
        return [hit.id for hit in index.search(query, limit=k).hits]

    return rank


def naive_ranker(articles: list[Article], workdir: Path):
    from whoosh import index as windex
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import OrGroup, QueryParser

    schema = Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=StemmingAnalyzer()))
    path = workdir / "naive"
    path.mkdir()
    ix = windex.create_in(str(path), schema)
    writer = ix.writer()
    for a in articles:
        writer.add_document(id=a.id, content=a.title + "\n\n" + a.body)
    writer.commit()
    parser = QueryParser("content", schema, group=OrGroup)
    searcher = ix.searcher()

    def rank(query: str, k: int) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(query), limit=k)]

    return rank


def average_precision(ranked: list[str], relevant: set[str]) -> float:
    """Precision at each relevant hit among the first 10, averaged over the relevant ones."""
    found, total = 0, 0.0
    for i, doc in enumerate(ranked[:10], 1):
        if doc in relevant:
            found += 1
            total += found / i
    return total / len(relevant)


def r_precision(ranked: list[str], relevant: set[str]) -> float:
    return len(set(ranked[: len(relevant)]) & relevant) / len(relevant)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--basil", type=Path, default=BASIL)
    ap.add_argument("--queries", type=Path, default=QUERIES)
    ap.add_argument("--show", type=int, default=10, help="list this many worst queries")
    ap.add_argument("--weights", default="", help="section weights, e.g. title=4,body=1")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)

    if not (args.basil / "events.json").is_file():
        print(f"no BASIL data at {args.basil} (expected ../shared/realdata/basil)", file=sys.stderr)
        return 2
    weights = {}
    for part in filter(None, (p.strip() for p in args.weights.split(","))):
        name, _, value = part.partition("=")
        weights[name.strip()] = float(value)
    articles = load_articles(args.basil)
    by_event: dict[str, set[str]] = {}
    for a in articles:
        by_event.setdefault(a.event, set()).add(a.id)
    queries = json.loads(args.queries.read_text(encoding="utf-8"))
    titles = {a.id: a.title for a in articles}

    with tempfile.TemporaryDirectory(prefix="bench-ranking-") as tmp:
        ours = parallax_ranker(articles, Path(tmp), weights)
        naive = naive_ranker(articles, Path(tmp))
        rows = []
        for q in queries:
            relevant = by_event[q["event"]]
            got_ours, got_naive = ours(q["query"], 10), naive(q["query"], 10)
            rows.append(
                {
                    "query": q["query"],
                    "event": q["event"],
                    "ours": r_precision(got_ours, relevant),
                    "naive": r_precision(got_naive, relevant),
                    "ap_ours": average_precision(got_ours, relevant),
                    "ap_naive": average_precision(got_naive, relevant),
                    "hits": got_ours[: R + 1],
                    "relevant": sorted(relevant),
                }
            )

    n = len(rows)
    mean_ours = sum(r["ours"] for r in rows) / n
    mean_naive = sum(r["naive"] for r in rows) / n
    print(f"{len(articles)} articles, {n} queries ({args.queries.name})")
    if weights:
        print(f"weights: {weights}")
    print(f"R-precision  Parallax {mean_ours:.3f}   naive Whoosh {mean_naive:.3f}")
    print(
        f"queries      Parallax all 3 found: {sum(r['ours'] == 1 for r in rows)}   "
        f"naive: {sum(r['naive'] == 1 for r in rows)};  "
        f"Parallax better on {sum(r['ours'] > r['naive'] for r in rows)}, "
        f"worse on {sum(r['ours'] < r['naive'] for r in rows)}"
    )
    map_ours = sum(r["ap_ours"] for r in rows) / n
    map_naive = sum(r["ap_naive"] for r in rows) / n
    print(f"MAP@10       Parallax {map_ours:.3f}   naive Whoosh {map_naive:.3f}")
    ok = mean_ours >= TARGET and mean_ours >= mean_naive
    print(f"target       ≥ {TARGET} and not below naive: {'met' if ok else 'NOT met'}")
    worst = sorted(rows, key=lambda r: (r["ours"], r["ours"] - r["naive"]))
    shown = [r for r in worst if r["ours"] < 1 or r["ours"] < r["naive"]][: args.show]
    if shown:
        print("\nworst queries (Parallax / naive; first hits, * = relevant):")
    for r in shown:
        marks = ", ".join(
            ("*" if h in r["relevant"] else "") + titles[h][:40] for h in r["hits"][:R]
        )
        print(f"  {r['ours']:.2f} / {r['naive']:.2f}  {r['query']!r}: {marks}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "parallax": mean_ours,
                    "naive": mean_naive,
                    "map_parallax": map_ours,
                    "map_naive": map_naive,
                    "queries": rows,
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
