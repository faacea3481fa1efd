"""Benchmark meetings: finding them in 10k stored articles (cold), again (cached), after a few
articles change (incremental), and how well articles are grouped against the generated truth.

    python bench/bench_meetings.py [--n 10000] [--seed S] [--keep DIR]

The articles are `corpus.py`'s (bodies of 150-1500 words, 60 outlets) with meeting reports
written in: a pool of meetings (two or three countries, a city, a day, officials or leaders
with names), each reported by a few articles published from a week before it (a meeting to
come) to three days after, in several styles (weekdays, dates, demonyms, "Foreign Minister X
of Y will meet his Z counterpart", and no date at all), and a third of the articles mention
another meeting in passing. One meeting in seven has a twin: the same parties in the same
city one to three weeks later, which must stay apart. The articles are written as Markdown
files in a fresh data folder and taken in by the store before the clock starts; then, timed:

- cold: `Corpus.meetings()` with no cache: hash the files, read and parse them, extract, group
- cached: the same on a new Corpus (the cache holds every article)
- incremental: after 10 articles changed and 10 were added

Grouping is scored on the main meetings: pairwise precision (two articles put in one meeting
really report the same one) and recall (two articles reporting one meeting are put together),
and how many articles got a main meeting at all. Target: cold ≤ 60 s at 10k.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import article as corpus_article  # noqa: E402

from parallax.index.api import Corpus, load_config  # noqa: E402
from parallax.index.model import Article  # noqa: E402
from parallax.index.store import _render  # noqa: E402

# (country, demonym, [cities]) — the meeting's parties and places.
COUNTRIES = [
    ("Russia", "Russian", ["Moscow", "Sochi"]),
    ("Ukraine", "Ukrainian", ["Kyiv", "Lviv"]),
    ("United States", "American", ["Washington", "New York"]),
    ("China", "Chinese", ["Beijing", "Shanghai"]),
    ("Japan", "Japanese", ["Tokyo", "Osaka"]),
    ("India", "Indian", ["New Delhi", "Mumbai"]),
    ("France", "French", ["Paris"]),
    ("Germany", "German", ["Berlin", "Munich"]),
    ("Turkey", "Turkish", ["Ankara", "Istanbul"]),
    ("Iran", "Iranian", ["Tehran"]),
    ("Saudi Arabia", "Saudi", ["Riyadh", "Jeddah"]),
    ("Qatar", "Qatari", ["Doha"]),
    ("Egypt", "Egyptian", ["Cairo"]),
    ("Israel", "Israeli", ["Jerusalem"]),
    ("Brazil", "Brazilian", ["Brasilia"]),
    ("South Africa", "South African", ["Pretoria", "Johannesburg"]),
    ("Poland", "Polish", ["Warsaw"]),
    ("Italy", "Italian", ["Rome", "Milan"]),
    ("Spain", "Spanish", ["Madrid"]),
    ("Canada", "Canadian", ["Ottawa"]),
    ("Mexico", "Mexican", ["Mexico City"]),
    ("South Korea", "South Korean", ["Seoul"]),
    ("Pakistan", "Pakistani", ["Islamabad"]),
    ("Switzerland", "Swiss", ["Geneva", "Bern"]),
    ("Austria", "Austrian", ["Vienna"]),
    ("Norway", "Norwegian", ["Oslo"]),
    ("Kenya", "Kenyan", ["Nairobi"]),
    ("Indonesia", "Indonesian", ["Jakarta"]),
    ("Vietnam", "Vietnamese", ["Hanoi"]),
    ("Hungary", "Hungarian", ["Budapest"]),
]
FIRST = ["Anna", "Pavel", "Li", "Kenji", "Ravi", "Marie", "Jonas", "Emre", "Hassan", "Omar",
         "Lucas", "Thabo", "Piotr", "Giulia", "Carlos", "Min-jun", "Imran", "Lars", "Amina",
         "Nguyen"]  # fmt: skip
LAST = ["Orlov", "Kovalenko", "Wei", "Tanaka", "Sharma", "Dubois", "Keller", "Yilmaz",
        "Rahimi", "Haddad", "Silva", "Mokoena", "Nowak", "Ricci", "Lopez", "Park", "Qureshi",
        "Berg", "Njoroge", "Tran", "Halvorsen", "Szabo", "Santoso", "Moreau"]  # fmt: skip
TITLES_OFFICIALS = ["Foreign Minister", "Deputy Foreign Minister", "envoy", "Defence Minister"]
TITLES_LEADERS = ["President", "Prime Minister"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_DAY = date(2024, 1, 1)


@dataclass(frozen=True)
class Event:
    parties: tuple[int, ...]  # indexes into COUNTRIES
    city: str
    day: date
    leaders: bool
    people: tuple[str, ...]  # one "First Last" per party


def events(n: int, rng: random.Random) -> list[Event]:
    out = []
    for _ in range(n):
        parties = tuple(rng.sample(range(len(COUNTRIES)), 3 if rng.random() < 0.15 else 2))
        host = rng.choice([*parties, rng.randrange(len(COUNTRIES))])
        city = rng.choice(COUNTRIES[host][2])
        day = FIRST_DAY + timedelta(days=rng.randrange(720))
        people = tuple(f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in parties)
        out.append(Event(parties, city, day, rng.random() < 0.3, people))
        if rng.random() < 0.15:
            # A trap: the same parties in the same city a week or three later, another round.
            later = day + timedelta(days=rng.randint(8, 20))
            out.append(Event(parties, city, later, out[-1].leaders, people))
    return out


def _when(day: date, published: date, rng: random.Random) -> str:
    gap = (day - published).days
    if gap == 0:
        return rng.choice(["today", "on " + WEEKDAYS[day.weekday()]])
    if -6 <= gap < 0:
        return "on " + WEEKDAYS[day.weekday()]
    if 0 < gap <= 6:
        return rng.choice(
            ["on " + WEEKDAYS[day.weekday()], f"on {MONTHS[day.month - 1]} {day.day}"]
        )
    return rng.choice(
        [f"on {MONTHS[day.month - 1]} {day.day}", f"on {day.day} {MONTHS[day.month - 1]}"]
    )


def report(e: Event, published: date, rng: random.Random) -> tuple[str, str]:
    """A title and a lead paragraph reporting meeting `e` in an article of `published`."""
    names = [COUNTRIES[p][0] for p in e.parties]
    dems = [COUNTRIES[p][1] for p in e.parties]
    when = _when(e.day, published, rng)
    future = e.day > published
    who = " and ".join([", ".join(dems[:-1]), dems[-1]]) if len(dems) > 2 else " and ".join(dems)
    countries = (
        " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 2 else " and ".join(names)
    )
    group = "leaders" if e.leaders else rng.choice(["officials", "diplomats", "negotiators"])
    if e.leaders:
        title_a = [rng.choice(TITLES_LEADERS) for _ in e.parties]
        kind = "summit"
    else:
        title_a = [rng.choice(TITLES_OFFICIALS) for _ in e.parties]
        kind = rng.choice(["talks", "meeting"])
    person = [f"{dems[k]} {title_a[k]} {e.people[k]}" for k in range(len(e.parties))]
    if future:
        title = rng.choice([f"{countries} to hold {kind} in {e.city}",
                            f"{who} {group} set to meet in {e.city}"])  # fmt: skip
        lead = rng.choice([
            f"{who} {group} will meet in {e.city} {when} to discuss trade and security.",
            f"{person[0]} will meet {person[1]} in {e.city} {when}, officials said.",
            f"Preparations are underway for {kind} between {countries} in {e.city} {when}.",
        ])  # fmt: skip
    else:
        title = rng.choice([f"{countries} hold {kind} in {e.city}",
                            f"{who} {group} meet in {e.city}", f"{e.city} {kind} end"])  # fmt: skip
        lead = rng.choice([
            f"{who} {group} met in {e.city} {when} to discuss trade and security.",
            f"{person[0]} met {person[1]} in {e.city} {when}, the two sides said.",
            f"{kind.capitalize()} between {countries} took place in {e.city} {when}.",
            f"Delegations from {countries} held talks in {e.city} {when}, the first in a year.",
            # No date at all: only the article's own date says when.
            f"{who} {group} held talks in {e.city}, the two sides said.",
        ])  # fmt: skip
    return title, lead


def passing(e: Event, published: date, rng: random.Random) -> str:
    dems = [COUNTRIES[p][1] for p in e.parties]
    month = MONTHS[e.day.month - 1]
    return rng.choice([
        f"The talks follow a meeting in {e.city} on {month} {e.day.day} between {dems[0]} and "
        f"{dems[1]} officials.",
        f"Earlier, {dems[0]} and {dems[1]} diplomats had met in {e.city} on {e.day.day} {month}.",
    ])  # fmt: skip


def meeting_article(i: int, pool: list[Event], seed: int) -> tuple[str, Article, int]:
    """Article i: (id, article, the index of the meeting it reports)."""
    rng = random.Random(seed * 7919 + i)
    # A few meetings get many articles, most get a handful.
    k = (
        min(len(pool) - 1, int(rng.paretovariate(1.2)) - 1)
        if rng.random() < 0.2
        else rng.randrange(len(pool))
    )
    e = pool[k]
    published = e.day + timedelta(days=rng.randint(-6, 3))
    doc = corpus_article(i, seed)
    title, lead = report(e, published, rng)
    paragraphs = [lead, *[p for p in doc.body.split("\n\n") if p.strip()][:12]]
    if rng.random() < 0.33:
        other = pool[rng.randrange(len(pool))]
        if other.day < published and other is not e:
            paragraphs.insert(min(3, len(paragraphs)), passing(other, published, rng))
    a = Article(title=title, outlet=doc.outlet, published=published, paragraphs=paragraphs,
                author=doc.author, language="en")  # fmt: skip
    return f"m{i:06d}-{doc.id}", a, k


def write(data_dir: Path, items: list[tuple[str, Article, int]]) -> None:
    articles = data_dir / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for article_id, a, _ in items:
        (articles / f"{article_id}.md").write_text(_render(a, {}), encoding="utf-8")


def score(meetings: list, truth: dict[str, int]) -> tuple[float, float, float]:
    """(pairwise precision, pairwise recall, share of articles with a main meeting)."""
    found: dict[str, int] = {}
    for n, m in enumerate(meetings):
        for a in m.articles:
            if a.role == "main":
                found[a.id] = n
    by_truth: dict[int, list[str]] = defaultdict(list)
    for article_id, k in truth.items():
        by_truth[k].append(article_id)
    by_found: dict[int, list[str]] = defaultdict(list)
    for article_id, n in found.items():
        by_found[n].append(article_id)
    together = sum(
        1 for ids in by_found.values() for a, b in combinations(ids, 2) if truth[a] == truth[b]
    )
    found_pairs = sum(len(ids) * (len(ids) - 1) // 2 for ids in by_found.values())
    true_pairs = sum(len(ids) * (len(ids) - 1) // 2 for ids in by_truth.values())
    recalled = sum(1 for ids in by_truth.values() for a, b in combinations(ids, 2)
                   if a in found and b in found and found[a] == found[b])  # fmt: skip
    precision = together / found_pairs if found_pairs else 1.0
    recall = recalled / true_pairs if true_pairs else 1.0
    return precision, recall, len(found) / len(truth)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles (10000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="keep the data folder here")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    pool = events(max(10, args.n // 4), rng)
    work = Path(tempfile.mkdtemp(prefix="bench-meetings-"))
    data_dir = args.keep or work / "data"
    config_file = work / "config.toml"
    config_file.write_text("sources = []\n", encoding="utf-8")
    try:
        t = time.perf_counter()
        items = [meeting_article(i, pool, args.seed) for i in range(args.n)]
        write(data_dir, items)
        truth = {article_id: k for article_id, _, k in items}
        print(f"{args.n} articles, {len(set(truth.values()))} meetings reported "
              f"(written in {time.perf_counter() - t:.1f} s)")  # fmt: skip
        config = load_config(config_file, data_dir, env={})
        t = time.perf_counter()
        taking_in = Corpus.open(config)
        taking_in.articles()  # the store takes the files in (not timed below)
        taking_in.store.save()
        print(f"store open       {time.perf_counter() - t:7.2f} s (not part of meetings)")

        t = time.perf_counter()
        meetings = Corpus.open(config).meetings()
        cold = time.perf_counter() - t
        print(f"cold             {cold:7.2f} s  ({args.n / cold:,.0f} articles/s), "
              f"{len(meetings)} meetings  target ≤ 60 s at 10k: "
              f"{'ok' if cold * 10_000 / args.n <= 60 else 'MISSED'}")  # fmt: skip

        t = time.perf_counter()
        again = Corpus.open(config).meetings()
        print(f"cached           {time.perf_counter() - t:7.2f} s")
        assert [m.id for m in again] == [m.id for m in meetings]

        changed = items[:10]
        more = [meeting_article(args.n + i, pool, args.seed) for i in range(10)]
        for _, a, _ in changed:
            a.paragraphs.append("An extra paragraph, so the file changed.")
        write(data_dir, changed + more)
        truth.update({article_id: k for article_id, _, k in more})
        t = time.perf_counter()
        corpus = Corpus.open(config)
        meetings = corpus.meetings()
        print(f"incremental      {time.perf_counter() - t:7.2f} s  (10 changed, 10 added; "
              f"store open included)")  # fmt: skip

        precision, recall, covered = score(meetings, truth)
        print(f"grouping         precision {precision:.3f}  recall {recall:.3f}  "
              f"articles with a main meeting {covered:.1%}")  # fmt: skip
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
