"""Benchmark the cleaner: speed on the seeds and on generated pages, and quality against truth.

    python bench/bench_clean.py [--pages N] [--seed S] [--show K] [--template NAME]
                                [--dump DIR] [--check]

Everything goes through the public API, `parallax.index.cleaner.clean_text`, as installed.
Speed is wall-clock (`time.perf_counter`) around the `clean_text` calls only, in this one
process pinned to one CPU where the OS allows it. Quality is measured on pages from
`pagegen.py`, whose ground truth is written next to each page as it is generated.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pagegen import (  # noqa: E402
    FIELDS,
    LONG_LINE_WORDS,
    TEMPLATES,
    GeneratedPage,
    PageScore,
    generate_pages,
    score_page,
)
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
TARGET_RECALL = 0.97
TARGET_DROP = 0.90

CleanFn = Callable[..., object]


def _pin_one_cpu() -> str:
    """Run on one CPU, so the pages/second figure is a one-core figure."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def bench_seeds(clean: CleanFn, min_seconds: float = 1.0) -> tuple[int, int, float, int]:
    """(files, pages cleaned, seconds, bytes cleaned): the seed set, repeated for >= min_seconds."""
    files = sorted(SEEDS.glob("*.txt"))
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    for name, text in texts:  # warm-up: imports, regex compilation
        clean(text, name=name)
    pages = size = 0
    elapsed = 0.0
    while elapsed < min_seconds:
        t0 = time.perf_counter()
        for name, text in texts:
            clean(text, name=name)
        elapsed += time.perf_counter() - t0
        pages += len(texts)
        size += sum(len(t.encode()) for _, t in texts)
    return len(texts), pages, elapsed, size


def clean_all(
    clean: CleanFn, pages: list[GeneratedPage]
) -> tuple[list[object | None], list[float], list[str]]:
    """Clean every page; returns the results (None on error), per-page seconds, error lines."""
    results: list[object | None] = []
    times: list[float] = []
    errors: list[str] = []
    for i, page in enumerate(pages):
        t0 = time.perf_counter()
        try:
            res = clean(page.text, name=f"gen-{i:05d}.txt")
        except Exception as exc:  # a crash is a result too: count it, keep going
            res = None
            errors.append(f"page {i} ({page.template}): {type(exc).__name__}: {exc}")
        times.append(time.perf_counter() - t0)
        results.append(res)
    return results, times, errors


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _short(text: str, n: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _dump(pages: list[GeneratedPage], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for i, p in enumerate(pages):
        (directory / f"gen-{i:05d}.txt").write_text(p.text, encoding="utf-8", newline="")
        truth = {k: v for k, v in vars(p).items() if k != "text"}
        truth["published"] = p.published.isoformat() if p.published else None
        (directory / f"gen-{i:05d}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def main(argv: list[str] | None = None, clean: CleanFn | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3000, help="generated pages (default 3000)")
    ap.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    ap.add_argument("--show", type=int, default=5, help="worst pages to detail (default 5)")
    ap.add_argument("--template", choices=sorted(TEMPLATES), help="only this page template")
    ap.add_argument("--dump", type=Path, help="also write the pages and their truth here")
    ap.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if body recall or boilerplate drop misses its target",
    )
    args = ap.parse_args(argv)
    con = Console(highlight=False)

    if clean is None:
        try:
            from parallax.index.cleaner import clean_text as clean
        except ImportError as exc:
            con.print(
                f"cannot import parallax.index.cleaner.clean_text ({exc}); install the "
                "project first: pip install -e .",
                markup=False,
            )
            return 2

    pin = _pin_one_cpu()

    # --- speed on the seeds ------------------------------------------------------------------
    nfiles, nseed, tseed, bseed = bench_seeds(clean)

    # --- generated pages ---------------------------------------------------------------------
    t0 = time.perf_counter()
    pages = generate_pages(args.pages, args.seed, args.template)
    tgen = time.perf_counter() - t0
    if args.dump:
        _dump(pages, args.dump)
    results, times, errors = clean_all(clean, pages)
    tclean = sum(times)
    bgen = sum(len(p.text.encode()) for p in pages)

    speed = Table(title=f"Speed (one process, {pin})", title_justify="left")
    for col in ("set", "pages", "seconds", "pages/s", "MB/s", "median ms", "max ms"):
        speed.add_column(col, justify="right" if col != "set" else "left")
    speed.add_row(
        f"seeds ({nfiles} files, repeated)",
        str(nseed),
        f"{tseed:.2f}",
        f"{nseed / tseed:,.0f}",
        f"{bseed / tseed / 1e6:.2f}",
        "",
        "",
    )
    speed.add_row(
        f"generated (seed {args.seed})",
        str(len(pages)),
        f"{tclean:.2f}",
        f"{len(pages) / tclean:,.0f}",
        f"{bgen / tclean / 1e6:.2f}",
        f"{1000 * median(times):.2f}",
        f"{1000 * max(times):.1f}",
    )
    con.print(speed)
    con.print(f"(generating the pages took {tgen:.2f} s, not counted)")

    # --- quality ---------------------------------------------------------------------------
    scores: list[PageScore] = []
    for page, res in zip(pages, results, strict=True):
        if res is None:
            sc = PageScore(page.template, error="raised")
            sc.body_words = sum(len(p.split()) for p in page.body_paragraphs)
            sc.boiler_lines = len(page.boilerplate_lines)
            sc.long_lines = sum(len(b.split()) >= LONG_LINE_WORDS for b in page.boilerplate_lines)
            sc.fields = dict.fromkeys(FIELDS, False)
        else:
            sc = score_page(page, res.article)
        scores.append(sc)

    def agg(sel: list[PageScore]) -> dict[str, float]:
        bw = sum(s.body_words for s in sel)
        bl = sum(s.boiler_lines for s in sel)
        ow = sum(s.out_words for s in sel)
        ll = sum(s.long_lines for s in sel)
        out = {
            "recall": sum(s.body_kept for s in sel) / bw if bw else 1.0,
            "drop": 1 - sum(s.boiler_kept for s in sel) / bl if bl else 1.0,
            "long_drop": 1 - sum(s.long_kept for s in sel) / ll if ll else 1.0,
            "precision": sum(s.body_kept for s in sel) / ow if ow else 1.0,
        }
        for f in FIELDS:
            out[f] = sum(s.fields.get(f, False) for s in sel) / len(sel) if sel else 0.0
        return out

    total = agg(scores)
    qual = Table(title=f"Quality on {len(pages)} generated pages", title_justify="left")
    qual.add_column("measure")
    qual.add_column("value", justify="right")
    qual.add_column("target", justify="right")
    qual.add_row(
        "body words kept (recall)",
        _pct(total["recall"]),
        f"≥ {_pct(TARGET_RECALL)}",
        style=None if total["recall"] >= TARGET_RECALL else "bold red",
    )
    qual.add_row(
        "boilerplate lines dropped",
        _pct(total["drop"]),
        f"≥ {_pct(TARGET_DROP)}",
        style=None if total["drop"] >= TARGET_DROP else "bold red",
    )
    qual.add_row(f"  of which prose-like (≥ {LONG_LINE_WORDS} words)", _pct(total["long_drop"]), "")
    qual.add_row("cleaned words that are body (precision)", _pct(total["precision"]), "")
    for f in FIELDS:
        label = f"{f} exact match" if f in ("title", "published") else f"{f} match"
        qual.add_row(label, _pct(total[f]), "")
    qual.add_row(
        "pages where clean_text raised",
        str(len(errors)),
        "0",
        style=None if not errors else "bold red",
    )
    con.print(qual)
    for e in errors[:5]:
        con.print("  " + e, markup=False)

    per = Table(title="Per template", title_justify="left")
    per.add_column("template")
    per.add_column("pages", justify="right")
    for col in ("recall", "drop", "prose drop", "precision", *FIELDS):
        per.add_column(col, justify="right")
    by_t: dict[str, list[PageScore]] = {}
    for s in scores:
        by_t.setdefault(s.template, []).append(s)
    for name in sorted(by_t, key=lambda n: agg(by_t[n])["recall"]):
        a = agg(by_t[name])
        per.add_row(
            name,
            str(len(by_t[name])),
            *(_pct(a[k]) for k in ("recall", "drop", "long_drop", "precision", *FIELDS)),
        )
    con.print(per)

    kinds_total: Counter = Counter()
    kinds_kept: Counter = Counter()
    for s in scores:
        kinds_total.update(s.boiler_by_kind)
        kinds_kept.update(s.kept_by_kind)
    kt = Table(title="Boilerplate kept, by kind (worst first)", title_justify="left")
    kt.add_column("kind")
    kt.add_column("lines", justify="right")
    kt.add_column("kept", justify="right")
    kt.add_column("kept %", justify="right")
    for kind in sorted(kinds_total, key=lambda k: -kinds_kept[k] / kinds_total[k])[:14]:
        kt.add_row(
            kind,
            str(kinds_total[kind]),
            str(kinds_kept[kind]),
            _pct(kinds_kept[kind] / kinds_total[kind]),
        )
    con.print(kt)

    mism = Table(title="Field mismatches (first 2 per field)", title_justify="left")
    mism.add_column("field")
    mism.add_column("page")
    mism.add_column("expected")
    mism.add_column("got")
    for f in FIELDS:
        shown = 0
        for i, (s, p) in enumerate(zip(scores, pages, strict=True)):
            if s.error or s.fields.get(f, True):
                continue
            mism.add_row(
                f,
                f"{i} {p.template}",
                _short(repr(getattr(p, f)), 50),
                _short(repr(s.got.get(f)), 50),
            )
            shown += 1
            if shown == 2:
                break
    con.print(mism)

    # --- the worst pages ---------------------------------------------------------------------
    tpl = f", {args.template!r}" if args.template else ""
    worst = sorted(range(len(scores)), key=lambda i: (scores[i].recall, scores[i].drop))[
        : args.show
    ]
    con.print(
        f"[bold]{args.show} worst pages by body recall[/bold] (page #i is "
        f"generate_page(random.Random('{args.seed}-i'){tpl}); or use --dump)"
    )
    for i in worst:
        s, p = scores[i], pages[i]
        con.print(
            f"[bold]#{i} {p.template}[/bold]: recall {_pct(s.recall)}, drop "
            f"{_pct(s.drop)}{' (raised)' if s.error else ''}"
        )
        for para in s.lost_paragraphs[:3]:
            con.print("   lost body: " + _short(para), markup=False)
        for kind, line in s.kept_lines[:3]:
            con.print(f"   kept {kind}: " + _short(line), markup=False)
    worst_drop = sorted(range(len(scores)), key=lambda i: scores[i].drop)[: min(3, args.show)]
    con.print("[bold]Worst pages by boilerplate drop[/bold]")
    for i in worst_drop:
        s, p = scores[i], pages[i]
        con.print(
            f"[bold]#{i} {p.template}[/bold]: drop {_pct(s.drop)} "
            f"({s.boiler_kept}/{s.boiler_lines} kept)"
        )
        for kind, line in s.kept_lines[:4]:
            con.print(f"   kept {kind}: " + _short(line), markup=False)

    if args.check and (total["recall"] < TARGET_RECALL or total["drop"] < TARGET_DROP or errors):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
