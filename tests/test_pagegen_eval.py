"""A regression floor for the cleaner on generated pages (bench/pagegen.py).

The bench (`python bench/bench_clean.py`) reports the real numbers against the targets
(body recall >= 97%, boilerplate dropped >= 90%); this test only fails when the cleaner falls
clearly below them, on a fixed set of 60 pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from parallax.index.cleaner import clean_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import pagegen  # noqa: E402

N_PAGES = 60
SEED = 2025
RECALL_FLOOR = 0.95
DROP_FLOOR = 0.85


@pytest.fixture(scope="module")
def pages() -> list[pagegen.GeneratedPage]:
    return pagegen.generate_pages(N_PAGES, seed=SEED)


def _aggregate(scores: list[pagegen.PageScore]) -> tuple[float, float]:
    recall = sum(s.body_kept for s in scores) / sum(s.body_words for s in scores)
    drop = 1 - sum(s.boiler_kept for s in scores) / sum(s.boiler_lines for s in scores)
    return recall, drop


def test_generated_pages_floor(pages: list[pagegen.GeneratedPage]) -> None:
    scores = [
        pagegen.score_page(p, clean_text(p.text, name=f"gen-{i}.txt").article)
        for i, p in enumerate(pages)
    ]
    recall, drop = _aggregate(scores)
    worst = sorted(scores, key=lambda s: s.recall)[:3]
    detail = ", ".join(f"{s.template} {s.recall:.0%}" for s in worst)
    assert recall >= RECALL_FLOOR, (
        f"body recall {recall:.1%} < {RECALL_FLOOR:.0%} (worst: {detail})"
    )
    assert drop >= DROP_FLOOR, f"boilerplate dropped {drop:.1%} < {DROP_FLOOR:.0%}"


def test_the_scoring_can_fail(pages: list[pagegen.GeneratedPage]) -> None:
    """The truth scores perfectly and keeping every line scores far below the floor, so the
    floor above measures the cleaner, not the generator."""

    class Kept:
        def __init__(self, paragraphs: list[str]) -> None:
            self.paragraphs = paragraphs

    truth = [pagegen.score_page(p, Kept(p.body_paragraphs)) for p in pages]
    assert _aggregate(truth) == (1.0, 1.0)
    everything = [
        pagegen.score_page(p, Kept([ln for ln in p.text.splitlines() if ln.strip()])) for p in pages
    ]
    assert _aggregate(everything)[1] < 0.2


def test_generator_is_reproducible() -> None:
    a = pagegen.generate_pages(5, seed=7)
    b = pagegen.generate_pages(5, seed=7)
    assert [p.text for p in a] == [p.text for p in b]
    assert {p.template for p in pagegen.generate_pages(200, seed=1)} == set(pagegen.TEMPLATES)
