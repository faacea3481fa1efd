"""Benchmark comparison: sentence splitting and aligning articles of about 1,000 words.

    python bench/bench_compare.py [--runs N] [--seed S]

Inputs, built in this process:
- "seed pair": two ~1,000-word articles made of the cleaned seed bodies, so they share real
  reworded passages, quotes and names (A: Eunews + EconoTimes + half of Hürriyet; B: Business
  Standard + all of Hürriyet), the realistic case;
- "generated pair": two ~1,000-word articles from `corpus.py` (one topic, shared vocabulary,
  few real matches), the case with many weak candidates;
- "six articles": the generated pair plus four more of ~1,000 words.

Timings are wall-clock (`time.perf_counter`), the median of `--runs` runs after one warm-up,
through the public API `parallax.index.compare.compare` (splitting, features, alignment,
quotes, names, wire copies: everything `parallax compare` computes). The splitter is timed
alone too, and against pysbd when it is installed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from parallax.index.cleaner import clean_text  # noqa: E402
from parallax.index.compare import compare  # noqa: E402
from parallax.index.model import Article  # noqa: E402
from parallax.index.sentences import split_sentences  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_body(prefix: str) -> list[str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return clean_text(path.read_text(encoding="utf-8"), name=path.name).article.paragraphs


def timed(fn: Callable[[], object], runs: int) -> float:
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def per_1000(ms: float, n_words: int) -> str:
    return f"{ms / n_words * 1000:.3f} ms per 1000 words"


def words(article: Article) -> int:
    return article.words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    eunews, hurriyet, business, econotimes = (seed_body(p) for p in ("000", "002", "003", "004"))
    seed_a = Article(outlet="A", paragraphs=eunews + econotimes + hurriyet[: len(hurriyet) // 2])
    seed_b = Article(outlet="B", paragraphs=business + hurriyet)
    generated = []
    for doc in generate(3000, seed=args.seed):
        if 900 <= len(doc.body.split()) <= 1150:
            generated.append(Article(outlet=doc.outlet, paragraphs=doc.body.split("\n\n")))
            if len(generated) == 6:
                break

    print(f"runs: median of {args.runs}")
    print("sentence splitting")
    text = seed_a.body
    n_words = len(text.split())
    ms = timed(lambda: split_sentences(text), args.runs * 4)
    print(f"  split_sentences   {n_words:5d} words  {ms:7.3f} ms  ({per_1000(ms, n_words)})")
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        ms_sbd = timed(lambda: segmenter.segment(text), max(3, args.runs // 3))
        print(
            f"  pysbd (oracle)    {n_words:5d} words  {ms_sbd:7.3f} ms  "
            f"({per_1000(ms_sbd, n_words)})"
        )
    except ImportError:
        print("  pysbd not installed: no oracle timing")

    print("compare (everything `parallax compare` computes)")
    cases = [
        ("seed pair", [seed_a, seed_b]),
        ("generated pair", generated[:2]),
        ("six articles", generated[:6]),
    ]
    for name, articles in cases:
        pairs = [(f"a{i}", a) for i, a in enumerate(articles)]
        ms = timed(lambda pairs=pairs: compare(pairs), args.runs)
        sizes = "+".join(str(words(a)) for a in articles)
        result = compare(pairs)
        shared = len(result.shared_rows())
        print(
            f"  {name:<15} {sizes:>32} words  {ms:7.1f} ms  "
            f"({len(result.pairs)} pairs, {shared} shared rows, {len(result.quotes)} quotes)"
        )


if __name__ == "__main__":
    main()
