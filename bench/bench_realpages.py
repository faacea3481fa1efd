"""Benchmark the cleaner on real pages: quality against gold, and speed, in one process.

    python bench/bench_realpages.py [--only html|text] [--show N] [--json FILE] [--runs R]
                                    [--data DIR] [--no-speed]

The pages are `../shared/realdata/pages` (201 real pages, each as saved HTML and as text;
relative to the repo root). The scoring is `../shared/realdata/score_pages.py`'s own (its
functions are imported): body snippets precision/recall/F1, and title/author/date accuracy over
the pages whose gold has them. Each page goes through `parallax.index.api.clean_file` with the
shipped config, as `parallax clean FILE --json` does, but in this process. trafilatura's
`extract()` with default settings runs on the same HTML, side by side.

Speed: pages/s of each path, timed here with `time.perf_counter` around the calls only (best
of `--runs` passes): ours on the HTML files, `trafilatura.extract` on the same HTML, ours on
the text files. Beside ours, the first pass: the cleaner's caches of lines it has seen are
still empty then (emptied before each form's first pass), as for pages a user adds once. Loading
the cleaner's modules (compiling their patterns) is done once per process before any pass, and
printed apart: it is no cost per page.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent


def _default_data() -> Path:
    """`../shared/realdata` beside the checkout (or beside the folder holding a worktree)."""
    for folder in (REPO.parent, REPO.parent.parent):
        if (folder / "shared" / "realdata").is_dir():
            return folder / "shared" / "realdata"
    return REPO.parent / "shared" / "realdata"


TARGETS = {"f1": 0.94, "f1_margin": 0.02, "title": 0.85, "author": 0.85, "date": 0.93}


def _load_scorer(data: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_pages", data / "score_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _import_parallax() -> None:
    """Make `parallax` importable from a checkout (the repo's top folder), as tests do."""
    if importlib.util.find_spec("parallax") is None:
        import types

        namespace = types.ModuleType("parallax")
        namespace.__path__ = [str(REPO)]
        sys.modules["parallax"] = namespace


def score(sp: ModuleType, gold: dict, outs: dict[str, dict | None]) -> dict:
    """score_pages' figures for one form: body P/R/F1, metadata hits, and the worst pages."""
    tp = fn = fp = errors = 0
    meta = {"title": [0, 0], "author": [0, 0], "date": [0, 0]}
    worst = []
    for key in sorted(gold):
        g, o = gold[key], outs.get(key)
        if o is None:
            errors += 1
            o = {}
        t, n, f = sp.body_counts(o.get("body") or "", g)
        tp, fn, fp = tp + t, fn + n, fp + f
        worst.append((n + f, key, n, f))
        for field, got, want in (
            ("title", sp.norm(o.get("title")), sp.norm(g["title"])),
            ("author", sp.authors(o.get("author")), sp.authors(g["author"])),
            ("date", str(o.get("published") or ""), g["date"] or ""),
        ):
            if want:
                meta[field][1] += 1
                meta[field][0] += got == want
    p, r, f1 = sp.prf(tp, fn, fp)
    worst.sort(reverse=True)
    return {"errors": errors, "precision": p, "recall": r, "f1": f1, "meta": meta, "worst": worst}


def run_ours(files: dict[str, Path], config) -> tuple[dict[str, dict | None], float]:
    from parallax.index.api import clean_file

    outs: dict[str, dict | None] = {}
    elapsed = 0.0
    for key, path in files.items():
        t0 = time.perf_counter()
        try:
            result = clean_file(path, config)
        except Exception:  # a refusal or a crash: the page is "not cleaned", as in score_pages
            elapsed += time.perf_counter() - t0
            outs[key] = None
        else:
            elapsed += time.perf_counter() - t0  # (the call only, as trafilatura's is timed)
            outs[key] = result.article.to_clean_json()
    return outs, elapsed


def load_cleaner() -> float:
    """Seconds to import the cleaner (its modules compile their patterns), once per process."""
    t0 = time.perf_counter()
    import parallax.index.cleaner  # noqa: F401

    return time.perf_counter() - t0


def empty_line_caches() -> None:
    """Forget every line the cleaner's finders remember, as in a process new to these pages."""
    import functools

    for name, module in list(sys.modules.items()):
        if name.startswith("parallax.index.cleaner"):
            for value in vars(module).values():
                # (the small caches hold data files read once, not lines)
                if isinstance(value, functools._lru_cache_wrapper) and (
                    (value.cache_info().maxsize or 1 << 30) > 64
                ):
                    value.cache_clear()


def run_trafilatura(files: dict[str, Path]) -> dict[str, dict | None]:
    """trafilatura on the HTML as score_pages runs it (no comments), with its own metadata."""
    import trafilatura

    outs: dict[str, dict | None] = {}
    for key, path in files.items():
        html = path.read_text(encoding="utf-8", errors="replace")
        found = trafilatura.extract_metadata(html)
        outs[key] = {
            "body": trafilatura.extract(html, include_comments=False) or "",
            "title": found.title if found else None,
            "author": found.author if found else None,
            "published": found.date if found else None,
        }
    return outs


def time_trafilatura(files: dict[str, Path]) -> float:
    """Seconds `trafilatura.extract` takes, default settings, on the pages (reading aside)."""
    import trafilatura

    htmls = [p.read_text(encoding="utf-8", errors="replace") for p in files.values()]
    elapsed = 0.0
    for html in htmls:
        t0 = time.perf_counter()
        trafilatura.extract(html)
        elapsed += time.perf_counter() - t0
    return elapsed


def _row(name: str, s: dict) -> str:
    m = s["meta"]
    cells = [
        f"{s['precision']:.3f}",
        f"{s['recall']:.3f}",
        f"{s['f1']:.3f}",
        *(f"{m[f][0]}/{m[f][1]} ({m[f][0] / max(1, m[f][1]):.0%})" for f in m),
        str(s["errors"]),
    ]
    return f"| {name} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="the realdata folder")
    ap.add_argument("--only", choices=["html", "text"], help="one form only")
    ap.add_argument("--show", type=int, default=0, help="list the N worst pages of each form")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--runs", type=int, default=1, help="timing passes; the best is shown")
    ap.add_argument("--no-speed", action="store_true", help="skip the timing passes")
    args = ap.parse_args(argv)

    args.data = args.data or _default_data()
    pages = args.data / "pages"
    if not (pages / "gold.json").is_file() or not (args.data / "score_pages.py").is_file():
        print(f"no real pages at {args.data} (pages/gold.json, score_pages.py); nothing to measure")
        return 0
    _import_parallax()
    from parallax.index.config import default_config_path, load_config

    sp = _load_scorer(args.data)
    gold = json.loads((pages / "gold.json").read_text(encoding="utf-8"))
    config = load_config(config_path=default_config_path(), env={})
    keys = sorted(gold)
    forms = [f for f in ("html", "text") if args.only in (None, f)]
    files = {
        "html": {k: pages / "html" / f"{k}.html" for k in keys},
        "text": {k: pages / "text" / f"{k}.txt" for k in keys},
    }

    import trafilatura

    scores: dict[str, dict] = {}
    speed: dict[str, float] = {}
    first: dict[str, float] = {}  # the first pass: every cache of the cleaner cold
    loading = load_cleaner()
    for form in forms:
        empty_line_caches()
        outs, elapsed = run_ours(files[form], config)
        scores[form] = score(sp, gold, outs)
        speed[form] = first[form] = elapsed
    if "html" in forms:
        scores["trafilatura"] = score(sp, gold, run_trafilatura(files["html"]))
    if not args.no_speed:
        for run in range(args.runs):
            if run:
                for form in forms:
                    speed[form] = min(speed[form], run_ours(files[form], config)[1])
            if "html" in forms:
                elapsed = time_trafilatura(files["html"])
                speed["trafilatura"] = min(speed.get("trafilatura", elapsed), elapsed)

    print(f"{len(keys)} real pages from {pages}")
    print("| form | body P | body R | body F1 | title | author | date | not cleaned |")
    print("|---|---|---|---|---|---|---|---|")
    names = {
        "html": "HTML, Parallax",
        "trafilatura": f"HTML, trafilatura {trafilatura.__version__}",
    }
    for form in ("html", "trafilatura", "text"):
        if form in scores:
            print(_row(names.get(form, "text, Parallax"), scores[form]))
    if not args.no_speed:
        best = f" (best of {args.runs})" if args.runs > 1 else ""
        print(f"speed, one process{best}; loading the cleaner once: {loading * 1000:.0f} ms")
        for form in ("html", "trafilatura", "text"):
            if form in speed:
                label = {"html": "ours, HTML", "trafilatura": "trafilatura.extract, HTML"}
                cold = (
                    f"   (first pass, caches cold: {len(keys) / first[form]:.1f})"
                    if form in first and args.runs > 1
                    else ""
                )
                print(
                    f"  {label.get(form, 'ours, text'):28} {len(keys) / speed[form]:7.1f} pages/s"
                    + cold
                )
    if "html" in scores:
        s, t = scores["html"], scores["trafilatura"]
        m = s["meta"]
        misses = []
        if s["f1"] < max(TARGETS["f1"], t["f1"] + TARGETS["f1_margin"]):
            misses.append(f"body F1 {s['f1']:.3f} (target ≥ .94 and ≥ trafilatura + .02)")
        for field in ("title", "author", "date"):
            if m[field][0] / max(1, m[field][1]) < TARGETS[field]:
                misses.append(f"{field} {m[field][0]}/{m[field][1]}")
        if not args.no_speed and len(keys) / speed["html"] < 0.5 * len(keys) / speed["trafilatura"]:
            misses.append("HTML speed below half of trafilatura's")
        print("HTML targets: " + ("all met" if not misses else "missed: " + "; ".join(misses)))
    for form in forms:
        for _, key, n, f in scores[form]["worst"][: args.show]:
            print(f"  {form} {key}: {n} wanted snippets missing, {f} unwanted kept")
    if args.json:
        figures = {form: {k: v for k, v in s.items() if k != "worst"} for form, s in scores.items()}
        figures["pages_per_second"] = {f: len(keys) / t for f, t in speed.items()}
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
