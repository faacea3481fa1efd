"""The reader's background process: the slow work — reading the configured sources, indexing,
the analysis that follows (meetings, stories) — at a lower priority, never in a thread of the
process that draws the screen.

The reader starts it with `start()` (an asyncio subprocess) and reads `events()`; the process
runs a list of steps and reports as JSON lines on its stdout, one object per line:

    {"event": "progress", "label": "Indexing 3/5", "done": 3, "total": 5}
    {"event": "articles", "changed": [rows], "removed": [ids]}   # or {"reload": true}
    {"event": "index", "changed": true, "rebuilt": false}   # the index on disk is up to date
    {"event": "analysis"}                        # the analysis on disk is up to date: reread it
    {"event": "moved", "article": "id", "story": "id or label" or null}   # or "failed": true
    {"event": "notice", "severity": "warning", "message": "…"}
    {"event": "done"}

What the events announce is read back from what the steps saved (the listing, the index, the
stories): the events carry no more than a small change to the list. A step that fails
says so in a notice and the next steps still run, except after a store that cannot be read.

Steps (`STEPS`, run in the order given): `sync` (the configured sources into the store, then the
listing), `listing` (the listing only: after `parallax fetch` stored articles), `index` (the
search index, `--rebuild` to build it anew), `move` (each `--move '["article id", "story"]'`
written as `story:` in the article's front matter; null for a story of its own), `analysis`
(`Corpus.analyse()`: meetings and stories). A new kind of work is one more function there.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parallax.index.api import Corpus
    from parallax.index.config import Config

__all__ = ["DEFAULT_STEPS", "NICENESS", "STEPS", "events", "main", "start"]

DEFAULT_STEPS = ("sync", "index", "analysis")
NICENESS = 19  # the lowest: on a busy 2-core machine the screen keeps its core
PROGRESS_EVERY = 0.1  # seconds between progress events
# A change to the list bigger than this is announced as "reload the listing", not in the event.
MAX_DELTA_ROWS = 500
# Longest event line the reader accepts (a delta of MAX_DELTA_ROWS rows is far below it).
LINE_LIMIT = 16 << 20

# The child imports this package from where the parent did (installed, or a work tree set up
# as in tests/conftest.py), whatever its sys.path would say; as index/search/segworker.py does.
_BOOT = """
import json, sys, types
top = types.ModuleType(sys.argv[1])
top.__path__ = json.loads(sys.argv[2])
sys.modules[sys.argv[1]] = top
from MODULE import main
sys.exit(main(sys.argv[3:]))
""".replace("MODULE", __name__)


# ---- the reader's end ------------------------------------------------------------------------


Move = tuple[str, str | None]  # (article id, story id or label; None: a story of its own)


def command(
    config: Config, steps: Sequence[str], *, rebuild: bool = False, moves: Sequence[Move] = ()
) -> list[str]:
    """The command line that runs `steps` for `config`'s data folder (`moves` for the `move`
    step)."""
    top = sys.modules[__package__.partition(".")[0]]
    args = [
        sys.executable, "-c", _BOOT, top.__name__, json.dumps([str(p) for p in top.__path__]),
        "--data-dir", str(config.data_dir), "--steps", ",".join(steps),
    ]  # fmt: skip
    if len(config.files) > 1:  # the user's own file (the shipped one is always read)
        args += ["--config", str(config.files[-1])]
    else:
        args += ["--no-user-config"]
    if rebuild:
        args.append("--rebuild")
    for article_id, story in moves:
        args += ["--move", json.dumps([article_id, story], ensure_ascii=False)]
    return args


async def start(
    config: Config,
    steps: Sequence[str] = DEFAULT_STEPS,
    *,
    rebuild: bool = False,
    moves: Sequence[Move] = (),
) -> asyncio.subprocess.Process:
    """Start the background process (OSError if it cannot be started)."""
    return await asyncio.create_subprocess_exec(
        *command(config, steps, rebuild=rebuild, moves=moves),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        limit=LINE_LIMIT,
    )


async def events(process: asyncio.subprocess.Process) -> AsyncIterator[dict[str, Any]]:
    """The process's events as they come, until its stdout closes; a line that is not an event
    (it should not happen) is skipped."""
    assert process.stdout is not None
    while True:
        try:
            line = await process.stdout.readline()
        except (ValueError, asyncio.LimitOverrunError):  # a line past LINE_LIMIT
            continue
        if not line:
            return
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and isinstance(event.get("event"), str):
            yield event


# ---- the process ------------------------------------------------------------------------------


@dataclass
class Run:
    """One run of the steps: the corpus (opened by `sync`, or by the first step that needs it),
    how to report, and the options."""

    config: Config
    emit: Callable[..., None]
    rebuild: bool = False
    moves: list[Move] = field(default_factory=list)
    corpus: Corpus | None = None
    _last_progress: float = field(default=0.0)

    def open(self) -> Corpus:
        if self.corpus is None:
            from parallax.index.api import Corpus

            self.corpus = Corpus.open(self.config)
        return self.corpus

    def progress(self, label: str, done: int | None = None, total: int | None = None) -> None:
        now = time.monotonic()
        if now - self._last_progress < PROGRESS_EVERY and not (total and done == total):
            return
        self._last_progress = now
        self.emit("progress", label=label, done=done, total=total)

    def notice(self, message: str, severity: str = "warning") -> None:
        self.emit("notice", severity=severity, message=message)


def _sync(run: Run) -> bool:
    """The configured sources into the store; the listing saved; the change announced."""
    return _list(run, sync=True)


def _listing(run: Run) -> bool:
    """The listing saved again (another process stored articles: `fetch`); the change announced."""
    return _list(run, sync=False)


def _list(run: Run, *, sync: bool) -> bool:
    from parallax.index.api import AddReport
    from parallax.index.listing import listing_row, read_rows, rows_delta

    run.progress("Reading sources…" if sync else "Listing…")
    before = read_rows(run.config.data_dir)  # what the reader listed
    try:
        corpus = run.open()
        done = 0

        def on_file(item: object) -> None:
            nonlocal done
            done += 1
            run.progress(f"Reading sources… {done:,}")

        report = corpus.sync(progress=on_file) if sync else AddReport()
        summaries = corpus.articles()
    except Exception as err:  # the store cannot be read: nothing else can be done
        run.notice(f"Cannot read the articles: {err}", "error")
        return False
    try:
        corpus.save_listing(summaries)
    except OSError as err:
        run.notice(f"Cannot save the article list: {err}")
    delta = None if before is None else rows_delta(before, [listing_row(s) for s in summaries])
    if delta is None or len(delta[0]) > MAX_DELTA_ROWS:
        run.emit("articles", reload=True)
    else:
        run.emit("articles", changed=delta[0], removed=delta[1])
    failed = report.count("failed")
    problems = corpus.problems
    parts = []
    if failed:
        parts.append(f"{failed} source file{'s' if failed != 1 else ''} could not be read")
    if problems:
        parts.append(f"{len(problems)} stored file{'s' if len(problems) != 1 else ''} skipped")
    if parts:
        run.notice("; ".join(parts) + " (`parallax articles` says why)")
    return True


def _index(run: Run) -> bool:
    """The search index brought up to date (or rebuilt)."""
    from parallax.index.api import IndexBusy

    try:
        corpus = run.open()
        index = corpus.index
        if index.problem:
            run.notice(index.problem)
        run.progress("Rebuilding the index…" if run.rebuild else "Indexing…")

        def on_doc(done: int, total: int | None) -> None:
            run.progress(f"Indexing {done:,}/{total:,}" if total else "Indexing…", done, total)

        wait = 10.0 if index.needs_everything else 0.0
        rebuilt = run.rebuild or index.needs_everything
        report = corpus.update_index(rebuild=run.rebuild, progress=on_doc, sync=False, wait=wait)
    except IndexBusy as err:
        run.notice(f"{err}; searching the index as it is")
        run.emit("index", changed=False)
        return True
    except Exception as err:  # a broken index must not stop the rest
        run.notice(f"The search index could not be updated: {err}")
        return True
    run.emit("index", changed=report.changed or report.rebuilt, rebuilt=report.rebuilt or rebuilt)
    return True


def _analysis(run: Run) -> bool:
    """The analysis of the articles (the meetings, then the stories), saved in the data
    folder: `Corpus.analyse`."""
    run.progress("Grouping stories…")
    try:
        corpus = run.open()
        messages = corpus.analyse()
    except Exception as err:  # a help, never a reason to stop reading
        run.notice(f"Could not group the stories: {err}")
        return True
    for message in messages[:3]:
        run.notice(message)
    run.emit("analysis")
    return True


def _move(run: Run) -> bool:
    """Each move written as `story:` in the article's front matter (the store's lock, for that
    article only); whether any was, else the stories need no regrouping."""
    written = False
    for article_id, story in run.moves:
        try:
            run.open().move_to_story(article_id, story)
        except Exception as err:  # an unknown article, an unwritable file: nothing changed
            run.notice(f"Could not move the article: {err}", "error")
            run.emit("moved", article=article_id, story=story, failed=True)
            continue
        written = True
        run.emit("moved", article=article_id, story=story)
    return written


STEPS: dict[str, Callable[[Run], bool]] = {
    "sync": _sync,
    "listing": _listing,
    "index": _index,
    "move": _move,
    "analysis": _analysis,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the steps, reporting on stdout (anything else printed goes to stderr)."""
    import argparse  # here: the reader imports this module for its start() and DEFAULT_STEPS

    parser = argparse.ArgumentParser(prog="parallax-background", description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--no-user-config", action="store_true")
    parser.add_argument("--steps", default=",".join(DEFAULT_STEPS))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--move", action="append", default=[], type=_move_arg)
    args = parser.parse_args(argv)
    out = _event_stream()
    with suppress(OSError, AttributeError):  # the screen's process comes first
        os.nice(NICENESS)

    def emit(event: str, **fields: Any) -> None:
        with suppress(OSError, ValueError):  # the reader went away: nobody to tell
            out.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
            out.flush()

    from parallax.index.config import ConfigError, load_config

    try:
        env = {} if args.no_user_config else os.environ
        config = load_config(args.config, args.data_dir, env=env)
    except ConfigError as err:
        emit("notice", severity="error", message=str(err))
        emit("done")
        return 2
    run = Run(config, emit, rebuild=args.rebuild, moves=args.move)
    for name in args.steps.split(","):
        step = STEPS.get(name.strip())
        if step is None:
            emit("notice", severity="error", message=f"unknown background step {name!r}")
            continue
        if not step(run):
            break
    emit("done")
    return 0


def _move_arg(value: str) -> Move:
    """`--move '["article id", "story" or null]'`."""
    try:
        article_id, story = json.loads(value)
    except (ValueError, TypeError) as err:
        raise ValueError(f"not a move: {value!r}") from err
    if not isinstance(article_id, str) or not (story is None or isinstance(story, str)):
        raise ValueError(f"not a move: {value!r}")
    return article_id, story


def _event_stream() -> IO[str]:
    """The real stdout, kept for events; fd 1 then points at stderr, so a stray print from a
    library cannot break a line the reader is parsing."""
    events_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(events_fd, "w", encoding="utf-8", buffering=1)


if __name__ == "__main__":
    raise SystemExit(main())
