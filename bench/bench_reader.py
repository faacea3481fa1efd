"""The reader's speed: the first open after `parallax add`, keypresses while the background
process works, memory; and cold start to first paint.

    python bench/bench_reader.py                          # 10k articles (~6 min the first time)
    python bench/bench_reader.py --sizes 10000,100000 --keep /tmp/rb   # and 100k (long)
    python bench/bench_reader.py --runs 3 --starts 5 --keep /tmp/rb    # reuse the corpora

Run it from the repo root with the project importable as `parallax` (installed, or the dev
path). For each size it writes that many generated articles (corpus.py) as Markdown files,
runs `parallax add` on the folder in a fresh data folder (its time and its own report printed:
it stores, indexes and finds the meetings), keeps that folder aside, and then, each run on a
fresh copy of it (a first open after `add`; the default config, so the seed sources are new):

- first useful screen: a fresh process on a pseudo-terminal (140×45), from its start until
  the first headline's text is on the terminal (read from the pty), beside a minimal Textual
  app (a Static and a Footer) until its word is, in turns, `--starts` times each; the ratio of
  the medians. Also the reader's own hook (the frame after the first rows were listed)
  against the minimal app's Ready event.
- keypress → updated results: a fresh headless reader; from the moment its rows are listed it
  types six queries one key at a time, `--gap` seconds apart, while the background process
  still reads sources, indexes and finds meetings; each time runs to the frame after the new
  hits were put in the list (debounce included). Also when searches were first answered
  (index open) and when the background work ended.
- memory: the resident size of the reader's processes together (the screen's and the
  background's, with its children), sampled every 50 ms: peak, and with all rows listed once
  the background ended.

Then cold start to first paint on the seed corpus (`--starts`), as before: `parallax`, the app
module, and the minimal app, by both measures.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

# The child reports the wall-clock time of its first frame into this file, then exits.
_PAINT_HOOK = """
import os, time
def _ready(self, event=None):
    with open(os.environ["BENCH_PAINT_FILE"], "w") as out:
        out.write(repr(time.time()))
    self.exit()
"""

CHILDREN = {
    "parallax": _PAINT_HOOK
    + """
import parallax.tui.app as app_module
app_module.ParallaxApp.on_ready = _ready
from parallax.tui.cli import main
main([])
""",
    "reader app": _PAINT_HOOK
    + """
from parallax.index.config import load_config
from parallax.tui.app import ParallaxApp
ParallaxApp.on_ready = _ready
ParallaxApp(load_config()).run()
""",
    "minimal Textual app": _PAINT_HOOK
    + """
from textual.app import App
from textual.widgets import Footer, Static
class Minimal(App):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self):
        yield Static("Hello")
        yield Footer()
Minimal.on_ready = _ready
Minimal().run()
""",
}


# Where the children keep their compiled bytecode when the environment says not to write it
# (PYTHONDONTWRITEBYTECODE): else every start would compile the project's modules again, which
# an installed package never does (pip compiles them), while Textual's come compiled.
PYCACHE: Path | None = None


def _env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PARALLAX_DATA_DIR"] = str(data_dir)
    env["TERM"] = env.get("TERM") or "xterm-256color"
    env["COLUMNS"], env["LINES"] = "140", "45"
    env.update(extra or {})
    return env


# Escape sequences, so that text on the terminal can be found in what a child wrote to it.
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    rb"|\x1b[\]P_^][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC and other strings
    rb"|\x1b[@-_]"
)


def first_paint(code: str, data_dir: Path, text: str | None = None) -> tuple[float, float | None]:
    """Seconds from starting a Python process running `code` on a 140×45 pseudo-terminal to its
    first frame as the child reports it (its hook), and to `text` appearing on the terminal
    (what the child wrote to it, escape sequences aside; None without `text`)."""
    with tempfile.NamedTemporaryFile(suffix=".paint", delete=False) as handle:
        paint_file = Path(handle.name)
    paint_file.unlink()
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 140, 0, 0))
    needle = text.encode("utf-8") if text else None
    written, seen = bytearray(), None
    started = time.time()
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=_env(data_dir, {"BENCH_PAINT_FILE": str(paint_file)}),
        close_fds=True,
    )
    os.close(secondary)
    deadline = started + 60
    try:
        while child.poll() is None and time.time() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(primary, 65536)  # drain the screen so the child never blocks
                except OSError:
                    break
                if needle is not None and seen is None:
                    written += chunk
                    if needle in _ESCAPES.sub(b"", written):
                        seen = time.time() - started
        child.wait(timeout=max(1.0, deadline - time.time()))
    finally:
        if child.poll() is None:
            child.kill()
        os.close(primary)
    if not paint_file.exists():
        raise RuntimeError(f"the child never painted (exit {child.returncode})")
    painted = float(paint_file.read_text())
    paint_file.unlink()
    return painted - started, seen


def first_headline(data_dir: Path) -> str:
    """The start of the headline the reader lists first (newest first: the listing's order)."""
    from parallax.index.listing import read_rows

    rows = read_rows(data_dir) or []
    title = next((str(row[1]) for row in rows if row[1]), "")
    return title[:24]


def seed_data(folder: Path) -> Path:
    """The seed corpus, stored and indexed (a second run, not a first)."""
    from parallax.index.api import Corpus
    from parallax.index.config import load_config

    Corpus.open(load_config(data_dir=folder)).update_index()
    return folder


def article_files(folder: Path, n: int) -> Path:
    """n generated articles as Markdown files with front matter (reused if already there)."""
    from corpus import generate

    from parallax.index.model import Article
    from parallax.index.store import _render

    marker = folder / f".bench-{n}"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for doc in generate(n):
        article = Article(
            title=doc.title, standfirst=doc.standfirst, outlet=doc.outlet, author=doc.author,
            published=doc.published, dateline=doc.dateline, agency=doc.agency,
            paragraphs=doc.body.split("\n\n"),
        )  # fmt: skip
        (folder / f"{doc.id}.md").write_text(_render(article, {}), encoding="utf-8")
    print(f"  wrote {n:,} article files in {time.perf_counter() - started:.1f} s", flush=True)
    marker.write_text("ok")
    return folder


def added_data(folder: Path, files: Path, n: int) -> Path:
    """A data folder made by `parallax add` on the files (reused if already there); prints the
    command's time and the end of its report."""
    marker = folder / ".bench-added"
    if marker.exists():
        print(f"  `parallax add` of {n:,} files: reused {folder}")
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    no_sources = folder.parent / "no-sources.toml"
    no_sources.write_text("sources = []\n", encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from parallax.tui.cli import main; sys.exit(main())",
         "--config", str(no_sources), "--data-dir", str(folder), "add", str(files)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    took = time.perf_counter() - started
    tail = done.stdout.strip().splitlines()[-1:] + done.stderr.strip().splitlines()[-2:]
    print(f"  `parallax add` of {n:,} files: {took:.1f} s (exit {done.returncode})")
    for line in tail:
        print(f"    {line}")
    marker.write_text("ok")
    return folder


def fresh_copy(pristine: Path, work: Path) -> Path:
    """A copy of the data folder as `add` left it: each run is a first open after `add`. The
    article files are hard links (100,000 of them copy slowly): the store replaces an article
    file, it never writes into one; everything else is copied."""

    def copy(source: str, target: str) -> None:
        if Path(source).parent.name == "articles" and source.endswith(".md"):
            try:
                os.link(source, target)
                return
            except OSError:
                pass
        shutil.copy2(source, target)

    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(pristine, work, copy_function=copy)
    return work


# The reader, until the frame after its first rows were put in the list (a headline on screen).
_ROWS_CHILD = (
    _PAINT_HOOK
    + """
from parallax.index.config import load_config
from parallax.tui.app import ParallaxApp

class FirstRows(ParallaxApp):
    def _articles_loaded(self, *args, **kwargs):
        super()._articles_loaded(*args, **kwargs)
        if self.article_list.row_count and not getattr(self, "_timed", False):
            self._timed = True
            self.call_after_refresh(lambda: _ready(self))

FirstRows(load_config()).run()
"""
)


_TYPING_CHILD = """
import asyncio, json, os, resource, sys, time
from datetime import date
from pathlib import Path
from textual import events
from parallax.index.config import load_config
from parallax.tui.app import ParallaxApp

QUERIES = json.loads(sys.argv[1])
GAP = float(sys.argv[2])
STARTED = time.perf_counter()
shown_at = []

class Timed(ParallaxApp):
    def on_results_shown(self, message):
        # Drawn: the next frame after the list was filled.
        self.call_after_refresh(lambda: shown_at.append(time.perf_counter()))

def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

def family(root):
    # root and every process below it
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = open(f"/proc/{name}/stat").read()
                parents[int(name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    out, todo = {root}, [root]
    while todo:
        p = todo.pop()
        for child, parent in parents.items():
            if parent == p and child not in out:
                out.add(child)
                todo.append(child)
    return out

memory = {"peak": 0.0, "peak_background": 0.0}

async def sample(app):
    while True:
        whole = app.summaries and getattr(app, "_listing_total", None) is None
        if whole and "whole_list_s" not in memory:
            memory["whole_list_s"] = time.perf_counter() - STARTED  # not only the first rows
        pids = family(os.getpid())
        total = sum(rss_mb(p) for p in pids)
        memory["peak"] = max(memory["peak"], total)
        if app._process is not None:
            memory["peak_background"] = max(memory["peak_background"], total - rss_mb(os.getpid()))
        await asyncio.sleep(0.05)

async def wait_for(count, since, limit=5.0):
    while len(shown_at) < count and time.perf_counter() - since < limit:
        await asyncio.sleep(0.0005)

async def main():
    app = Timed(load_config(), today=date(2025, 12, 31))
    out = {}
    async with app.run_test(size=(140, 45)) as pilot:
        sampler = asyncio.create_task(sample(app))
        while not app.article_list.row_count:
            await asyncio.sleep(0.005)
        listed = time.perf_counter()
        out["rows_s"] = listed - STARTED
        out["rows"] = app.article_list.row_count
        latencies, busy = [], 0
        first_answer = None
        for query in QUERIES:
            await pilot.press("slash")
            for ch in query:
                before = len(shown_at)
                pressed = time.perf_counter()
                running = app._process is not None
                key = "space" if ch == " " else ch
                app.post_message(events.Key(key, ch))
                await wait_for(before + 1, pressed)
                if len(shown_at) > before:
                    latencies.append(shown_at[-1] - pressed)
                    busy += running
                    if first_answer is None:
                        first_answer = shown_at[-1] - STARTED
                if app.index_ready and "index_s" not in out:
                    out["index_s"] = time.perf_counter() - STARTED
                if app.load_done and "done_s" not in out:
                    out["done_s"] = time.perf_counter() - STARTED
                await asyncio.sleep(GAP)
            await pilot.press("escape")
            await pilot.pause()
        while not app.load_done:
            await asyncio.sleep(0.05)
        out.setdefault("done_s", time.perf_counter() - STARTED)
        out.setdefault("index_s", out["done_s"])
        out["first_answer_s"] = first_answer
        await pilot.pause(0.5)
        out["rows_after"] = app.article_list.row_count
        out["latencies_ms"] = [x * 1000 for x in latencies]
        out["answered_while_busy"] = busy
        out["keys"] = sum(len(q) for q in QUERIES)
        out["rss_listed_mb"] = sum(rss_mb(p) for p in family(os.getpid()))
        out["peak_mb"] = memory["peak"]
        out["peak_background_mb"] = memory["peak_background"]
        out["whole_list_s"] = memory.get("whole_list_s", out["done_s"])
        sampler.cancel()
    print("RESULT " + json.dumps(out))

asyncio.run(main())
"""

QUERIES = ["government", "peace talks", "energy prices", "negotiat*", "kyiv", "lavrov"]


def first_open(data_dir: Path, gap: float) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _TYPING_CHILD, json.dumps(QUERIES), str(gap)],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"the typing run failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _compare_starts(
    label: str,
    ours: list[float | None],
    minimal: list[float | None],
    what: str,
    target: str = " (target ≤ 1.5×)",
) -> None:
    """Print the best and median of `ours` beside the minimal app's, and the medians' ratio."""
    if any(t is None for t in ours + minimal):
        print(f"  {label}: not seen on the terminal in every run")
        return
    mine, theirs = [t for t in ours if t is not None], [t for t in minimal if t is not None]
    median, minimal_median = statistics.median(mine), statistics.median(theirs)
    print(
        f"  {label}: median {median * 1000:.0f} ms (best {min(mine) * 1000:.0f});"
        f" minimal Textual app ({what}) median {minimal_median * 1000:.0f} ms"
        f" (best {min(theirs) * 1000:.0f}): {median / minimal_median:.2f}×{target}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000", help="corpus sizes, comma-separated (10000)")
    parser.add_argument("--runs", type=int, default=3, help="first opens per size (3)")
    parser.add_argument("--starts", type=int, default=5, help="cold starts per app (5)")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the corpora here")
    parser.add_argument(
        "--gap", type=float, default=0.15, help="seconds between keys, as a quick typist (0.15)"
    )
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-reader-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (a shared machine?)")
    global PYCACHE
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        PYCACHE = base / "pycache"
        print(f"  (PYTHONDONTWRITEBYTECODE is set: the children keep bytecode in {PYCACHE})")
    minimal_code = CHILDREN["minimal Textual app"]

    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        print(f"\n{n:,} articles: `parallax add`, then the reader's first open")
        files = article_files(base / f"files-{n}", n)
        pristine = added_data(base / f"added-{n}", files, n)
        work = base / f"open-{n}"
        headline = first_headline(pristine)
        screens: list[tuple[float, float | None]] = []
        minimal: list[tuple[float, float | None]] = []
        opens = []
        first_paint(_ROWS_CHILD, fresh_copy(pristine, work), headline)  # bytecode, file cache
        first_paint(minimal_code, work, "Hello")
        for _ in range(max(1, args.starts)):
            screens.append(first_paint(_ROWS_CHILD, fresh_copy(pristine, work), headline))
            minimal.append(first_paint(minimal_code, work, "Hello"))
        for _ in range(args.runs):
            opens.append(first_open(fresh_copy(pristine, work), args.gap))
        _compare_starts(
            "first useful screen: a headline on the 140×45 terminal",
            [seen for _, seen in screens], [seen for _, seen in minimal], "“Hello”",
        )  # fmt: skip
        _compare_starts(
            "  (the frame after the rows were listed, the reader's own hook)",
            [hooked for hooked, _ in screens], [hooked for hooked, _ in minimal], "Ready", "",
        )  # fmt: skip
        for key, label in (
            ("rows_s", "rows listed (headless)"),
            ("whole_list_s", "the whole list in (headless)"),
            ("index_s", "searches answered (index open)"),
            ("done_s", "background work ended"),
        ):
            values = [o[key] for o in opens]
            print(
                f"  {label:<32} best {min(values):5.2f} s, median"
                f" {statistics.median(values):5.2f} s"
            )
        for i, o in enumerate(opens, 1):
            lat = o["latencies_ms"]
            print(
                f"  run {i}: {len(lat)} of {o['keys']} keys answered"
                f" ({o['answered_while_busy']} while the background worked):"
                f" p50 {percentile(lat, 50):.0f} ms, p95 {percentile(lat, 95):.0f} ms,"
                f" max {max(lat):.0f} ms; {o['rows_after']:,} rows in the end;"
                f" memory peak {o['peak_mb']:.0f} MB (background {o['peak_background_mb']:.0f}),"
                f" {o['rss_listed_mb']:.0f} MB listed after"
            )
        p95s = [percentile(o["latencies_ms"], 95) for o in opens]
        print(
            f"  keypress → results p95: best {min(p95s):.0f} ms, median"
            f" {statistics.median(p95s):.0f} ms (target ≤ 100 ms at 10k, ≤ 150 ms at 100k)"
        )
        peak = max(o["peak_mb"] for o in opens)
        print(f"  memory, the reader's processes together: peak {peak:.0f} MB (target ≤ 300 MB)")
        shutil.rmtree(work, ignore_errors=True)

    if args.starts:
        print(f"\ncold start to first paint (median of {args.starts}, 140×45 pty, seed corpus)")
        seeds = seed_data(base / "seeds")
        headline = first_headline(seeds)
        texts = {"parallax": headline, "reader app": headline, "minimal Textual app": "Hello"}
        results = {}
        for name, code in CHILDREN.items():
            first_paint(code, seeds, texts[name])  # unmeasured: bytecode and file cache warm
        for _ in range(args.starts):  # each in turn, so that a busy moment hits all alike
            for name, code in CHILDREN.items():
                results.setdefault(name, []).append(first_paint(code, seeds, texts[name]))
        for name in ("parallax", "reader app"):
            _compare_starts(
                f"{name}: its first headline on the terminal",
                [seen for _, seen in results[name]],
                [seen for _, seen in results["minimal Textual app"]], "“Hello”",
            )  # fmt: skip
            _compare_starts(
                f"{name}: its Ready event (the first frame)",
                [hooked for hooked, _ in results[name]],
                [hooked for hooked, _ in results["minimal Textual app"]], "Ready", "",
            )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
