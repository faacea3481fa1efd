"""Benchmark search: build, size, memory, open and query latency, against naive Whoosh.

    python bench/bench_search.py [--sizes 1000,10000] [--seed S] [--runs N] [--no-naive]
                                 [--builds N] [--keep DIR] [--timeout SECONDS] [--json PATH]
                                 [--check]

For each corpus size, `corpus.py` writes the articles once to a JSON-lines file; then one
fresh child process per (size, setup) reads it and measures, so peak memory (`ru_maxrss`)
belongs to that build alone:

- Parallax: `SearchIndex.open(dir).update(docs)` as the reader runs it, then `SearchIndex.open`
  several times (median), then the query mix through `search(q, limit=20)`, touching every
  hit's snippet and match positions so lazily computed ones are paid for.
- naive Whoosh: a default schema (TEXT fields with the StandardAnalyzer, stored bodies), the
  default `ix.writer()` with one commit, and a search that fetches the top 20 hits and calls
  `hit.highlights("body")` on each (re-analysing the stored body), with the exact total.

Timings are wall-clock (`time.perf_counter`); every query kind runs `--runs` times after a
warm-up pass, the kinds interleaved. Up to 2,000 articles each setup is built three times
(`--builds`), each in a fresh process, and the fastest build counts: a build of a second or
two moves a lot with whatever else the machine does. Build times include reading the corpus
file, which is shown on its own line ("input") and is the same for both setups.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import GENERATOR_VERSION, QUERY_WORDS, generate  # noqa: E402

TARGET_BUILD_RATIO = 3.0
# Small corpora build in a second or two, where a busy machine moves the time a lot: each
# setup is built this many times and the fastest counts.
SMALL_SIZE = 2_000
SMALL_BUILDS = 3
TARGET_OPEN_MS = 100.0
TARGET_MEMORY_MB = 300.0
OPEN_REPEATS = 7
TODAY = date(2026, 1, 1)  # "today" for relative dates: the day after the corpus ends

_Q = QUERY_WORDS
_OUTLET_Q = _Q["outlet"].lower()
_MISSPELT = _Q["common"][: len(_Q["common"]) // 2] + _Q["common"][len(_Q["common"]) // 2 + 1 :]
# kind -> (Parallax query, the same for naive Whoosh)
QUERY_MIX: dict[str, tuple[str, str]] = {
    "common word": (_Q["common"], _Q["common"]),
    "rare word": (_Q["rare"], _Q["rare"]),
    # Plain words: any of them, all of them first (naive: the same words ANDed, as its
    # parser's default; its OR of them, for the two that need the tail).
    "two words": (_Q["and"], _Q["and"]),
    "rare + common": (f"{_Q['rare']} {_Q['common']}", f"{_Q['rare']} OR {_Q['common']}"),
    "five words": (
        f"{_Q['common']} {_Q['and']} talks {_Q['rare']}",
        f"{_Q['common']} OR {_Q['and'].replace(' ', ' OR ')} OR talks OR {_Q['rare']}",
    ),
    "phrase": (_Q["phrase"], _Q["phrase"]),
    "prefix": (_Q["prefix"], _Q["prefix"]),
    "field filter": (f'outlet:"{_OUTLET_Q}" talks', f'outlet:"{_OUTLET_Q}" talks'),
    "date range": (f"date:{_Q['month']}", f"published:{_Q['month']}"),
    "name variant": (_Q["alias"], _Q["alias"]),
    # A word typed with a letter missing: it matches nothing, so "did you mean" looks for the
    # closest words of the index (naive Whoosh just finds nothing).
    "misspelled": (_MISSPELT, _MISSPELT),
}


def search_target_ms(n: int) -> float | None:
    """The p95 bound for a corpus of n articles: 50 ms up to 10k, 150 ms up to 100k."""
    if n <= 10_000:
        return 50.0
    if n <= 100_000:
        return 150.0
    return None


# ============================================================================================
# The child: one setup, one size, in a fresh process


def _rss_mb() -> float:
    """Resident memory now, in MB (Linux /proc; elsewhere the peak so far)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return _peak_mb()[0]


def _peak_mb() -> tuple[float, float]:
    """(this process's peak RSS, the largest peak of its finished children), in MB."""
    scale = 1 / 2**20 if sys.platform == "darwin" else 1 / 1024  # bytes on macOS, KiB elsewhere
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return own, kids


def _records(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            rec["published"] = date.fromisoformat(rec["published"]) if rec["published"] else None
            yield rec


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def _pct(times: list[float], p: int) -> float:
    if len(times) == 1:
        return times[0]
    return statistics.quantiles(times, n=100, method="inclusive")[p - 1]


def _time_queries(run: Callable[[str], int], queries: dict[str, str], runs: int) -> dict:
    """Warm up once, then run every kind `runs` times, interleaved; ms per call and hit counts."""
    first: dict[str, float] = {}
    hits: dict[str, int] = {}
    for kind, q in queries.items():
        t0 = time.perf_counter()
        hits[kind] = run(q)
        first[kind] = 1000 * (time.perf_counter() - t0)
    times: dict[str, list[float]] = {k: [] for k in queries}
    for _ in range(runs):
        for kind, q in queries.items():
            t0 = time.perf_counter()
            run(q)
            times[kind].append(1000 * (time.perf_counter() - t0))
    every = [t for ts in times.values() for t in ts]
    return {
        "kinds": {
            k: {
                "query": queries[k],
                "hits": hits[k],
                "first_ms": first[k],
                "p50_ms": statistics.median(ts),
                "p95_ms": _pct(ts, 95),
                "max_ms": max(ts),
            }
            for k, ts in times.items()
        },
        "p50_ms": statistics.median(every),
        "p95_ms": _pct(every, 95),
    }


def child_parallax(corpus: Path, workdir: Path, runs: int, build_only: bool = False) -> dict:
    out: dict = {"rss_start_mb": _rss_mb()}
    from parallax.index.search import IndexDoc, SearchIndex

    out["rss_imported_mb"] = _rss_mb()

    t0 = time.perf_counter()
    n = sum(1 for _ in (IndexDoc(**r) for r in _records(corpus)))
    out["input_s"] = time.perf_counter() - t0
    out["docs"] = n

    data_dir = workdir / "data"
    data_dir.mkdir(parents=True)
    t0 = time.perf_counter()
    index = SearchIndex.open(data_dir)
    report = index.update(IndexDoc(**r) for r in _records(corpus))
    _close(index)
    out["build_s"] = time.perf_counter() - t0
    summary = getattr(report, "summary", None)
    out["report"] = " / ".join(
        [summary() if callable(summary) else str(report)[:200], *getattr(report, "messages", [])]
    )
    out["peak_build_mb"], out["peak_build_children_mb"] = _peak_mb()
    out["size_mb"] = _dir_mb(data_dir)
    if build_only:
        return out

    opens = []
    for _ in range(OPEN_REPEATS):
        t0 = time.perf_counter()
        index = SearchIndex.open(data_dir)
        opens.append(1000 * (time.perf_counter() - t0))
        _close(index)
    out["open_ms"] = statistics.median(opens)
    out["open_max_ms"] = max(opens)
    t0 = time.perf_counter()
    index = SearchIndex.open(data_dir)
    index.search(_Q["common"], limit=20, today=TODAY)
    out["open_first_query_ms"] = 1000 * (time.perf_counter() - t0)

    took: dict[str, list[float]] = {}

    def run(q: str) -> int:
        res = index.search(q, limit=20, today=TODAY)
        for hit in res.hits:  # snippets and positions may be computed on access: pay for them
            _ = (hit.snippet, hit.matches)
        took.setdefault(q, []).append(res.took_ms)
        return res.total

    out["search"] = _time_queries(run, {k: v[0] for k, v in QUERY_MIX.items()}, runs)
    for info in out["search"]["kinds"].values():
        info["took_p50_ms"] = statistics.median(took[info["query"]])
    out["peak_mb"], out["peak_children_mb"] = _peak_mb()
    _close(index)
    return out


def _close(index: object) -> None:
    close = getattr(index, "close", None)
    if callable(close):
        close()


def child_naive(corpus: Path, workdir: Path, runs: int, build_only: bool = False) -> dict:
    out: dict = {"rss_start_mb": _rss_mb()}
    from whoosh import fields, index
    from whoosh.qparser import MultifieldParser

    out["rss_imported_mb"] = _rss_mb()
    t0 = time.perf_counter()
    out["docs"] = sum(1 for _ in _records(corpus))
    out["input_s"] = time.perf_counter() - t0

    text = ("title", "standfirst", "body", "outlet", "author", "agency", "dateline")
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        published=fields.DATETIME(stored=True),
        digest=fields.STORED,
        **{name: fields.TEXT(stored=True) for name in text},
    )
    ix_dir = workdir / "naive"
    ix_dir.mkdir(parents=True)
    t0 = time.perf_counter()
    ix = index.create_in(str(ix_dir), schema)
    writer = ix.writer()
    for rec in _records(corpus):
        day = rec.pop("published")
        if day is not None:
            rec["published"] = datetime(day.year, day.month, day.day)
        writer.add_document(**{k: v for k, v in rec.items() if v is not None})
    writer.commit()
    out["build_s"] = time.perf_counter() - t0
    out["peak_build_mb"], out["peak_build_children_mb"] = _peak_mb()
    out["size_mb"] = _dir_mb(ix_dir)
    if build_only:
        return out

    opens = []
    for _ in range(OPEN_REPEATS):
        t0 = time.perf_counter()
        searcher = index.open_dir(str(ix_dir)).searcher()
        opens.append(1000 * (time.perf_counter() - t0))
        searcher.close()
    out["open_ms"] = statistics.median(opens)
    out["open_max_ms"] = max(opens)

    ix = index.open_dir(str(ix_dir))
    searcher = ix.searcher()
    parser = MultifieldParser(["title", "standfirst", "body"], ix.schema)

    def run(q: str) -> int:
        results = searcher.search(parser.parse(q), limit=20)
        total = len(results)
        for hit in results:
            hit.fields()
            hit.highlights("body")
        return total

    t0 = time.perf_counter()
    run(_Q["common"])
    out["open_first_query_ms"] = out["open_ms"] + 1000 * (time.perf_counter() - t0)
    out["search"] = _time_queries(run, {k: v[1] for k, v in QUERY_MIX.items()}, runs)
    out["peak_mb"], out["peak_children_mb"] = _peak_mb()
    searcher.close()
    return out


# ============================================================================================
# The parent: write the corpora, run the children, print the tables


def write_corpus(n: int, seed: int, path: Path) -> dict:
    t0 = time.perf_counter()
    words = chars = 0
    with path.open("w", encoding="utf-8") as f:
        for doc in generate(n, seed):
            rec = doc.fields()
            rec["published"] = doc.published.isoformat() if doc.published else None
            words += len(doc.body.split())
            chars += len(doc.body)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return {
        "docs": n,
        "words": words,
        "body_mb": chars / 2**20,
        "generate_s": time.perf_counter() - t0,
    }


def run_child(
    setup: str, corpus: Path, workdir: Path, runs: int, timeout: float, build_only: bool = False
) -> dict:
    out = workdir / f"{setup}.json"
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        setup,
        "--corpus",
        str(corpus),
        "--workdir",
        str(workdir),
        "--runs",
        str(runs),
        "--out",
        str(out),
        *(["--build-only"] if build_only else []),
    ]
    try:
        proc = subprocess.run(cmd, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0 or not out.exists():
        return {"error": f"child exited with status {proc.returncode} (its output is above)"}
    return json.loads(out.read_text())


def best_build(setup: str, corpus: Path, sdir: Path, args: argparse.Namespace, builds: int) -> dict:
    """The full run (build, open, searches) plus builds-1 more builds in fresh processes,
    alternating with nothing else; build time and docs/s are the fastest build's."""
    times = []
    for k in range(1, builds):
        extra = run_child(setup, corpus, sdir / f"{setup}-build{k}", args.runs, args.timeout, True)
        if "error" in extra:
            return extra
        times.append(extra["build_s"])
        shutil.rmtree(sdir / f"{setup}-build{k}", ignore_errors=True)
    full = run_child(setup, corpus, sdir / setup, args.runs, args.timeout)
    if "error" in full:
        return full
    times.append(full["build_s"])
    full["build_runs_s"] = times
    full["build_s"] = min(times)
    return full


def _fmt(x: float | None, spec: str = ".1f", unit: str = "") -> str:
    return "—" if x is None else f"{x:{spec}}{unit}"


def _status(ok: bool | None) -> str:
    if ok is None:
        return ""
    return "[green]met[/green]" if ok else "[bold red]missed[/bold red]"


def evaluate(n: int, ours: dict, naive: dict | None) -> list[tuple[str, str, str, bool | None]]:
    """(target, value, bound, met) for one size; met is None where there is no bound."""
    if "error" in ours:
        return [("all", ours["error"], "", False)]
    rows: list[tuple[str, str, str, bool | None]] = []

    def check(name: str, value: float, bound: float | None, fmt: str, higher: bool = False):
        met = None if bound is None else (value >= bound if higher else value <= bound)
        shown = "—" if bound is None else ("≥ " if higher else "≤ ") + fmt.format(bound)
        rows.append((name, fmt.format(value), shown, met))

    if naive and "error" not in naive:
        ratio = (ours["docs"] / ours["build_s"]) / (naive["docs"] / naive["build_s"])
        check("build docs/s vs naive", ratio, TARGET_BUILD_RATIO, "{:.2f}×", higher=True)
    bound = search_target_ms(n)
    check("search p95 (mix, snippets)", ours["search"]["p95_ms"], bound, "{:.1f} ms")
    worst_kind, worst = max(ours["search"]["kinds"].items(), key=lambda kv: kv[1]["p95_ms"])
    check(f"  slowest kind: {worst_kind}", worst["p95_ms"], bound, "{:.1f} ms")
    check("open (median)", ours["open_ms"], TARGET_OPEN_MS, "{:.1f} ms")
    peak = max(ours["peak_mb"], ours["peak_build_mb"]) + ours["peak_children_mb"]
    check("peak memory (RSS)", peak, TARGET_MEMORY_MB, "{:.0f} MB")
    return rows


def print_size(con, n: int, meta: dict, ours: dict, naive: dict | None) -> None:
    from rich.table import Table

    con.print(
        f"\n[bold]{n:,} articles[/bold]: {meta['words']:,} body words, "
        f"{meta['body_mb']:.0f} MB of body text, generated in {meta['generate_s']:.1f} s"
    )
    for name, res in (("Parallax", ours), ("naive", naive)):
        if res and "error" in res:
            con.print(f"[bold red]{name}: {res['error']}[/bold red]")
    if "error" in ours:
        return
    nv = naive if naive and "error" not in naive else None

    def ratio(a: float | None, b: float | None) -> str:
        return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"

    def row(label: str, key: str, spec: str = ".1f", unit: str = "") -> tuple[str, ...]:
        a = ours.get(key)
        b = nv.get(key) if nv else None
        return (label, _fmt(a, spec, unit), _fmt(b, spec, unit), ratio(a, b))

    t = Table(title=f"Index, {n:,} articles", title_justify="left")
    for col in ("measure", "Parallax", "naive Whoosh", "ours/naive"):
        t.add_column(col, justify="left" if col == "measure" else "right")
    t.add_row(*row("input: read + parse corpus file", "input_s", ".2f", " s"))
    runs = len(ours.get("build_runs_s") or [0])
    label = "build (incl. input)" + (f", fastest of {runs}" if runs > 1 else "")
    t.add_row(*row(label, "build_s", ".2f" if runs > 1 else ".1f", " s"))
    if runs > 1:

        def spread(d: dict | None) -> str:
            times = (d or {}).get("build_runs_s") or []
            return " / ".join(f"{x:.2f}" for x in times) or "—"

        t.add_row("  every build, s", spread(ours), spread(nv), "")
    dps = ours["docs"] / ours["build_s"]
    ndps = nv["docs"] / nv["build_s"] if nv else None
    t.add_row("build docs/s", f"{dps:,.0f}", _fmt(ndps, ",.0f"), ratio(dps, ndps))
    t.add_row(*row("index size", "size_mb", ".1f", " MB"))
    t.add_row(*row("RSS after imports", "rss_imported_mb", ".0f", " MB"))
    t.add_row(*row("peak RSS after build", "peak_build_mb", ".0f", " MB"))
    if ours["peak_build_children_mb"] or (nv and nv["peak_build_children_mb"]):
        t.add_row(
            *row("  peak RSS of writer sub-processes", "peak_build_children_mb", ".0f", " MB")
        )
    t.add_row(*row("peak RSS overall (after searches)", "peak_mb", ".0f", " MB"))
    t.add_row(*row(f"open (median of {OPEN_REPEATS})", "open_ms", ".1f", " ms"))
    t.add_row(*row("open (slowest)", "open_max_ms", ".1f", " ms"))
    t.add_row(*row("open + first query", "open_first_query_ms", ".1f", " ms"))
    so, sn = ours["search"], nv["search"] if nv else None
    for label, key in (("search p50 (mix)", "p50_ms"), ("search p95 (mix)", "p95_ms")):
        a, b = so[key], sn[key] if sn else None
        t.add_row(label, _fmt(a, ".1f", " ms"), _fmt(b, ".1f", " ms"), ratio(a, b))
    con.print(t)

    q = Table(title=f"Query mix, {n:,} articles (limit 20, snippets)", title_justify="left")
    for col in (
        "kind",
        "query",
        "hits",
        "p50",
        "p95",
        "max",
        "took_ms",
        "naive hits",
        "naive p50",
        "naive p95",
        "p95 ours/naive",
    ):
        q.add_column(col, justify="left" if col in ("kind", "query") else "right")
    bound = search_target_ms(n)
    for kind, k in so["kinds"].items():
        kn = sn["kinds"][kind] if sn else None
        q.add_row(
            kind,
            k["query"],
            f"{k['hits']:,}",
            f"{k['p50_ms']:.1f}",
            f"{k['p95_ms']:.1f}",
            f"{k['max_ms']:.1f}",
            f"{k['took_p50_ms']:.1f}",
            f"{kn['hits']:,}" if kn else "—",
            _fmt(kn and kn["p50_ms"]),
            _fmt(kn and kn["p95_ms"]),
            ratio(k["p95_ms"], kn and kn["p95_ms"]),
            style="bold red" if bound and k["p95_ms"] > bound else None,
        )
    con.print(q)
    con.print(f"update report: {ours['report']}", markup=False, style="dim")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)"
    )
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--runs", type=int, default=30, help="timed runs per query kind (default 30)")
    ap.add_argument("--no-naive", action="store_true", help="skip the naive Whoosh baseline")
    ap.add_argument(
        "--builds",
        type=int,
        default=None,
        help=f"builds per setup, the fastest counted (default {SMALL_BUILDS} up to "
        f"{SMALL_SIZE:,} articles, where one build takes seconds; 1 above)",
    )
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (corpora, indexes)")
    ap.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="seconds allowed per child process (default 3600)",
    )
    ap.add_argument("--json", type=Path, help="also write every measurement here")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    # The child side: one setup on one corpus, results as JSON (used by the parent only).
    ap.add_argument("--child", choices=["parallax", "naive"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        fn = child_parallax if args.child == "parallax" else child_naive
        result = fn(args.corpus, args.workdir, args.runs, args.build_only)
        args.out.write_text(json.dumps(result))
        return 0

    from rich.console import Console
    from rich.table import Table

    # Piped output (a note, a log) gets room for the query table instead of 80 columns.
    con = Console(highlight=False, width=None if sys.stdout.isatty() else 150)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        con.print(f"--sizes wants numbers separated by commas, got {args.sizes!r}", markup=False)
        return 2
    try:
        import parallax.index.search  # noqa: F401
    except ImportError as exc:
        con.print(
            f"cannot import parallax.index.search ({exc}); install the project first: "
            "pip install -e .",
            markup=False,
        )
        return 2

    con.print(
        f"search bench: sizes {', '.join(f'{n:,}' for n in sizes)}, seed {args.seed}, "
        f"corpus v{GENERATOR_VERSION}, {args.runs} runs per query kind, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        root = args.keep
    else:
        root = Path(tempfile.mkdtemp(prefix="parallax-bench-"))
    everything: dict = {}
    verdicts: list[tuple[int, str, str, str, bool | None]] = []
    try:
        for n in sizes:
            sdir = root / f"n{n}"
            if sdir.exists():
                shutil.rmtree(sdir)
            sdir.mkdir(parents=True)
            corpus = sdir / "corpus.jsonl"
            con.print(f"[dim]{n:,}: generating the corpus…[/dim]")
            meta = write_corpus(n, args.seed, corpus)
            builds = args.builds or (SMALL_BUILDS if n <= SMALL_SIZE else 1)
            con.print(f"[dim]{n:,}: Parallax build + searches…[/dim]")
            ours = best_build("parallax", corpus, sdir, args, builds)
            naive = None
            if not args.no_naive:
                con.print(f"[dim]{n:,}: naive Whoosh build + searches…[/dim]")
                naive = best_build("naive", corpus, sdir, args, builds)
            everything[str(n)] = {"corpus": meta, "parallax": ours, "naive": naive}
            print_size(con, n, meta, ours, naive)
            verdicts += [(n, *v) for v in evaluate(n, ours, naive)]
            if not args.keep:
                shutil.rmtree(sdir, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    t = Table(title="Targets", title_justify="left")
    for col in ("size", "target", "value", "bound", "status"):
        t.add_column(col, justify="right" if col in ("size", "value", "bound") else "left")
    for n, name, value, bound, ok in verdicts:
        t.add_row(f"{n:,}", name, value, bound, _status(ok))
    con.print()
    con.print(t)
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1))
    missed = any(ok is False for *_, ok in verdicts)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
