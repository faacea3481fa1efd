"""The `parallax` command: no arguments opens the reader, subcommands work on the corpus.

Textual is imported only when the reader starts, so `parallax clean` and friends start fast.
Every error a user can cause is one line on stderr (`parallax: ...`) and an exit code:
2 for usage and configuration, 1 for input that failed. Never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NoReturn

from parallax.index.config import Config, ConfigError, load_config
from parallax.index.textio import strip_control_chars

if TYPE_CHECKING:
    from parallax.index.api import AddItem, Corpus, IndexReport, SearchResult
    from parallax.index.model import Change, CleanResult

PROG = "parallax"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_MATCH_STYLE = "bold reverse"
_STATUS_STYLE = {
    "added": "green",
    "merged": "cyan",
    "updated": "blue",
    "unchanged": "dim",
    "skipped": "yellow",
    "failed": "red",
}


class _UsageError(Exception):
    """Bad command-line usage (exit 2)."""


class _Failed(Exception):
    """An input that could not be processed (exit 1)."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line instead of usage + error."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message}; see `{self.prog} --help`")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as err:
        return _fail(str(err), EXIT_USAGE)
    except SystemExit as done:  # --help and --version
        return int(done.code or 0)
    try:
        return int(args.run(args))
    except (ConfigError, _UsageError) as err:
        return _fail(str(err), EXIT_USAGE)
    except _failures() as err:  # evaluated only when something was raised
        return _fail(str(err), EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        # The reader of our output went away (`parallax articles | head`): not an error.
        with suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _api() -> ModuleType:
    """The corpus API, imported when a command needs it: the reader paints its first screen
    before the store, the index and Whoosh are loaded."""
    from parallax.index import api

    return api


def _failures() -> tuple[type[BaseException], ...]:
    """The errors a user's input can cause: one line and exit code 1."""
    api = _api()
    return (
        _Failed,
        api.InputError,
        api.UnknownArticleError,
        api.UnknownMeetingError,
        api.UnknownStoryError,
        api.BrokenArticleError,
        api.StoreError,
        api.IndexBusy,
    )


# ---- parser ---------------------------------------------------------------------------------


def _build_parser() -> argparse.ArgumentParser:
    # The global options work before or after the subcommand (`parallax articles --data-dir X`):
    # subcommands repeat them with SUPPRESS so an absent one does not reset the global value.
    def add_globals(p: argparse.ArgumentParser, default: Any) -> None:
        p.add_argument(
            "--config",
            type=Path,
            default=default,
            metavar="PATH",
            help="your config file (default: $PARALLAX_CONFIG, then the platform config folder)",
        )
        p.add_argument(
            "--data-dir",
            type=Path,
            default=default,
            metavar="PATH",
            help="where articles are stored (default: $PARALLAX_DATA_DIR, then config data_dir)",
        )

    parser = _Parser(
        prog=PROG,
        description="A terminal news reader. With no command, opens the reader.",
    )
    add_globals(parser, None)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.set_defaults(run=_run_reader)
    common = _Parser(add_help=False)
    add_globals(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "clean", parents=[common], help="clean one file and print it (stores nothing)"
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the article as one JSON object")
    p.add_argument(
        "--explain", action="store_true", help="print every dropped or changed line and its rule"
    )
    p.set_defaults(run=_run_clean)

    p = sub.add_parser(
        "add", parents=[common], help="add files, folders, globs or web pages (URL) to the store"
    )
    p.add_argument("paths", nargs="+", metavar="PATH|URL")
    p.set_defaults(run=_run_add)

    # -- feeds --
    p = sub.add_parser(
        "feeds",
        parents=[common],
        help="list, add, remove, import or export feed subscriptions",
        description="With no action, list the subscribed feeds. The subscriptions live in "
        "feeds.toml beside your config file (see the README).",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(run=_run_feeds)
    actions = p.add_subparsers(title="actions", metavar="ACTION", parser_class=_Parser)
    q = actions.add_parser("add", parents=[common], help="subscribe to a feed (or a page's feed)")
    q.add_argument("url", metavar="URL")
    q.add_argument("--name", help="the feed's name (default: its title)")
    q.set_defaults(run=_run_feeds_add)
    q = actions.add_parser("remove", parents=[common], help="unsubscribe (articles stay)")
    q.add_argument("feed", metavar="NAME|URL")
    q.set_defaults(run=_run_feeds_remove)
    q = actions.add_parser(
        "import", parents=[common], help="subscribe to the feeds of an OPML file"
    )
    q.add_argument("file", type=Path, metavar="FILE.opml")
    q.set_defaults(run=_run_feeds_import)
    q = actions.add_parser("export", parents=[common], help="print the subscriptions as OPML")
    q.set_defaults(run=_run_feeds_export)

    p = sub.add_parser(
        "fetch",
        parents=[common],
        help="read every feed and store the new articles (exit 1 if something failed)",
    )
    p.add_argument(
        "--json", action="store_true", help="print {feeds, new, updated, unchanged, failed}"
    )
    p.add_argument("--quiet", action="store_true", help="print only failures")
    p.add_argument(
        "--events",
        action="store_true",
        help="print one JSON object per line as the run goes (for other programs)",
    )
    p.set_defaults(run=_run_fetch)

    p = sub.add_parser(
        "articles", parents=[common], help="list the stored articles (reads new sources first)"
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(run=_run_articles)

    p = sub.add_parser("show", parents=[common], help="print one stored article")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print front matter and body as JSON")
    p.set_defaults(run=_run_show)

    p = sub.add_parser("edit", parents=[common], help="open a stored article in your editor")
    p.add_argument("id", metavar="ID")
    p.set_defaults(run=_run_edit)

    p = sub.add_parser(
        "index", parents=[common], help="bring the search index up to date (reads new sources)"
    )
    p.add_argument("--rebuild", action="store_true", help="build the index anew from the articles")
    p.set_defaults(run=_run_index)

    p = sub.add_parser(
        "search",
        parents=[common],
        help="search the articles (updates the index first)",
        description="Search the articles. Quote the whole query for the shell: "
        "parallax search '\"western elites\" -putin date:2025-02'. See the README for the "
        "query language.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help='words, "phrases", filters')
    p.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="show at most N hits (20)"
    )
    p.add_argument("--outlet", metavar="NAME", help="only this outlet's articles")
    p.add_argument(
        "--sort", choices=("relevance", "date"), default="relevance", help="best or newest first"
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(run=_run_search)

    # -- meetings --
    p = sub.add_parser(
        "meetings",
        parents=[common],
        help="list the meetings the articles report, and which articles tell each",
        description="List the meetings the articles report (who met, where, when), each with "
        "the articles it is the main subject of and those that mention it in passing. Put "
        "`meeting: <id or label>` in an article's front matter to fix its main meeting.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(run=_run_meetings)

    # -- stories --
    p = sub.add_parser(
        "stories",
        parents=[common],
        help="list the stories several outlets tell, and which articles tell each",
        description="List the stories the articles tell (the same event across outlets): "
        "those whose main articles come from two outlets or more, or every one with --all. "
        "Put `story: <id or label>` in an article's front matter to fix its story.",
    )
    p.add_argument("--all", action="store_true", help="every story, one outlet's too")
    p.add_argument("--json", action="store_true", help="print every story as a JSON list")
    p.set_defaults(run=_run_stories)

    # -- compare --
    p = sub.add_parser(
        "compare",
        parents=[common],
        help="compare 2 to 6 articles sentence by sentence",
        description="Compare how 2 to 6 articles tell a story: the sentences they share (in the "
        "same words or reworded), what each alone says, quotes and who said them, names spelled "
        "differently, wire copies. Sentence numbers are those of `parallax show ID --json`.",
    )
    p.add_argument("ids", nargs="*", metavar="ID", help="article ids (see `parallax articles`)")
    p.add_argument(
        "--meeting", metavar="ID", help="compare a meeting's articles (see `parallax meetings`)"
    )
    p.add_argument(
        "--story", metavar="ID", help="compare a story's articles (see `parallax stories`)"
    )
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the comparison as JSON")
    shape.add_argument(
        "--markdown", action="store_true", help="print a Markdown report to paste into a document"
    )
    p.set_defaults(run=_run_compare)
    return parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, 1 or more (got {value!r})")
    return number


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("parallax-reader")
    except PackageNotFoundError:
        import tomllib

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "(unknown version)"


# ---- commands -------------------------------------------------------------------------------


def _config(args: argparse.Namespace) -> Config:
    return load_config(args.config, args.data_dir)


def _run_reader(args: argparse.Namespace) -> int:
    config = _config(args)  # a config error is reported before the screen is taken over
    from parallax.tui.app import ParallaxApp  # Textual is heavy: only the reader needs it

    ParallaxApp(config).run()
    return EXIT_OK


def _run_clean(args: argparse.Namespace) -> int:
    config = _config(args)
    try:
        result = _api().clean_file(args.file, config)
    except ValueError as err:  # the cleaner's "this is not an article", one line
        raise _Failed(f"cannot clean {args.file}: {err}") from None
    if args.json:
        _print_json(result.article.to_clean_json())
        if args.explain:
            _print_changes(result, _console(stderr=True))
    elif args.explain:
        _print_changes(result, _console())
    else:
        _print_article(result.article.metadata(), result.article.body)
    return EXIT_OK


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _run_add(args: argparse.Namespace) -> int:
    corpus = _api().Corpus.open(_config(args))
    console = _console()
    paths = [Path(p) for p in args.paths if not _is_url(p)]
    urls = [p for p in args.paths if _is_url(p)]
    # soft_wrap: one line per file whatever the width, for people and for grep alike.
    report = corpus.add(
        paths, progress=lambda item: console.print(_item_line(item), soft_wrap=True)
    )
    ok = report.ok
    changed = [i.article_id for i in report.items if i.status in ("added", "merged", "updated")]
    if urls:
        from parallax.index.feeds import fetch_pages

        pages = fetch_pages(corpus, urls, progress=lambda e: _page_line(console, e))
        ok = ok and pages.ok
        changed += pages.article_ids
        console.print(
            _text(f"{len(urls)} page{'s' if len(urls) != 1 else ''}: {pages.new} added, "
                  f"{pages.updated} updated, {pages.unchanged} unchanged, "
                  f"{len(pages.failed)} failed"),
            soft_wrap=True,
        )  # fmt: skip
    if paths:
        console.print(_text(report.summary()), soft_wrap=True)
    if changed:
        for message in corpus.after_store([i for i in changed if i]):
            _warn(message)
    _warn_problems(corpus)
    return EXIT_OK if ok else EXIT_FAILED


def _page_line(console: Any, event: Any) -> None:
    if event.kind == "article":
        line = _text(f"{event.status:<9} {event.url} -> {event.article_id}")
        line.stylize(_STATUS_STYLE.get(event.status or "", ""), 0, len(event.status or ""))
    elif event.kind == "failed":
        line = _text(f"{'failed':<9} {event.url}: {event.reason}")
        line.stylize(_STATUS_STYLE["failed"], 0, 6)
    else:
        return
    console.print(line, soft_wrap=True)


# ---- feeds ----------------------------------------------------------------------------------


def _run_feeds(args: argparse.Namespace) -> int:
    from parallax.index.feeds import SubscriptionError, feed_list

    corpus = _api().Corpus.open(_config(args))
    try:
        feeds = feed_list(corpus)
    except SubscriptionError as err:
        raise _UsageError(str(err)) from None
    if args.json:
        _print_json([f.to_json() for f in feeds])
        return EXIT_OK
    console = _console()
    if not feeds:
        console.print(_text(f"No feeds yet: `parallax feeds add URL` (kept in "
                            f"{corpus.config.feeds_path})."))  # fmt: skip
        return EXIT_OK
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Feed / URL", overflow="fold", ratio=2)
    table.add_column("Articles", justify="right")
    table.add_column("Last fetched", no_wrap=True)
    table.add_column("Last error", overflow="fold", ratio=1)
    for f in feeds:
        table.add_row(
            _text(f.name) + _text("\n") + _text(f.url, style="dim"),
            _text(str(f.articles)),
            _text(f.last_fetched or "never"),
            _text(f.last_error or "", style="red"),
        )
    console.print(table)
    return EXIT_OK


def _run_feeds_add(args: argparse.Namespace) -> int:
    from parallax.index.feeds import SubscriptionError, subscribe

    config = _config(args)
    if not _is_url(args.url):
        raise _UsageError(f"{args.url}: a feed address starts with http:// or https://")
    try:
        sub = subscribe(config, args.url, name=args.name)
    except SubscriptionError as err:
        raise _Failed(str(err)) from None
    _text_out(f'subscribed to "{sub.name}" ({sub.url}); `parallax fetch` reads it')
    return EXIT_OK


def _run_feeds_remove(args: argparse.Namespace) -> int:
    from parallax.index.feeds import SubscriptionError, unsubscribe

    try:
        sub = unsubscribe(_config(args), args.feed)
    except SubscriptionError as err:
        raise _Failed(str(err)) from None
    _text_out(f'unsubscribed from "{sub.name}" ({sub.url}); its articles stay')
    return EXIT_OK


def _run_feeds_import(args: argparse.Namespace) -> int:
    from parallax.index.feeds import SubscriptionError, import_subscriptions, parse_opml
    from parallax.index.textio import read_bytes

    config = _config(args)
    try:
        data = read_bytes(args.file, max_bytes=config.max_bytes)
        added, known = import_subscriptions(config, parse_opml(data, str(args.file)))
    except SubscriptionError as err:
        raise _Failed(str(err)) from None
    _text_out(f"{added} feed{'s' if added != 1 else ''} added, {known} already subscribed")
    return EXIT_OK


def _run_feeds_export(args: argparse.Namespace) -> int:
    from parallax.index.feeds import SubscriptionError, export_opml, read_subscriptions

    try:
        feeds = read_subscriptions(_config(args).feeds_path)
    except SubscriptionError as err:
        raise _UsageError(str(err)) from None
    sys.stdout.write(export_opml(feeds))
    sys.stdout.flush()
    return EXIT_OK


def _run_fetch(args: argparse.Namespace) -> int:
    from parallax.index.feeds import SubscriptionError, fetch_feeds

    corpus = _api().Corpus.open(_config(args))
    quiet = args.quiet or args.json or args.events
    console = _console(stderr=True)
    bar: Any = None
    task: Any = None

    def progress(event: Any) -> None:
        nonlocal bar, task
        if args.events:
            sys.stdout.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
            return
        if event.kind == "failed":
            _warn(f"{event.url}: {event.reason}")
        if event.kind != "progress" or quiet or not console.is_terminal or not event.total:
            return
        if bar is None:
            from rich.progress import Progress

            bar = Progress(console=console, transient=True)
            bar.start()
            task = bar.add_task("fetching", total=event.total)
        bar.update(task, completed=event.done)

    try:
        report = fetch_feeds(corpus, progress=progress)
    except SubscriptionError as err:
        raise _UsageError(str(err)) from None
    finally:
        if bar is not None:
            bar.stop()
    messages = corpus.after_store(report.article_ids) if report.article_ids else []
    for message in messages:
        _warn(message)
    if args.events:
        _print_json_line({"kind": "done", **report.to_json()})
    elif args.json:
        _print_json(report.to_json())
    elif not args.quiet:
        if not report.feeds:
            where = corpus.config.feeds_path
            _text_out(f"No feeds yet: `parallax feeds add URL` (kept in {where})")
        else:
            _text_out(report.summary())
    return EXIT_OK if report.ok else EXIT_FAILED


def _print_json_line(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _run_articles(args: argparse.Namespace) -> int:
    corpus = _api().Corpus.open(_config(args))
    report = corpus.sync()
    for item in report.items:
        if item.status == "failed":
            _warn(f"source not read: {item.describe()}")
    summaries = corpus.articles()
    _warn_problems(corpus)
    if args.json:
        _print_json([s.to_json() for s in summaries])
        return EXIT_OK
    console = _console()
    if not summaries:
        console.print(_text("No articles yet: add some with `parallax add PATH`."))
        return EXIT_OK
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Published", no_wrap=True)
    table.add_column("Outlet", overflow="fold", max_width=24)
    # The id goes under the title, whole, so it can be copied for `parallax show ID`.
    table.add_column("Title / ID", overflow="fold", ratio=1)
    for s in summaries:
        table.add_row(
            _text(s.published.isoformat() if s.published else "—"),
            _text(s.outlet or "—"),
            _text(s.title or "(untitled)") + _text("\n") + _text(s.id, style="dim"),
        )
    console.print(table)
    return EXIT_OK


def _run_show(args: argparse.Namespace) -> int:
    corpus = _api().Corpus.open(_config(args))
    stored = corpus.article(args.id)
    if args.json:
        sentences = [sentence.text for sentence in _api().split_sentences(stored.body)]
        quotes = [
            {"sentence": q.sentence, "text": q.text, "speaker": q.speaker}
            for q in corpus.quotes(stored.id)
        ]
        _print_json({**stored.to_json(), "sentences": sentences, "quotes": quotes})
    else:
        _print_article(stored.front_matter(), stored.body)
    return EXIT_OK


def _run_edit(args: argparse.Namespace) -> int:
    corpus = _api().Corpus.open(_config(args))
    path = corpus.path_of(args.id)
    command = _editor_command()
    try:
        status = subprocess.call([*command, str(path)])
    except OSError as err:
        raise _UsageError(
            f"cannot start the editor {shlex.join(command)}: {err.strerror or err}; "
            "set $VISUAL or $EDITOR"
        ) from None
    if status != 0:
        return _fail(f"the editor exited with status {status}; {path} is as the editor left it", 1)
    try:
        # Under the store lock: the edit is taken in as one write among the others running.
        after = _api().Corpus.open(corpus.config)
        with after.store.writing():
            after.article(args.id)
        after.store.save()
    except _api().BrokenArticleError as err:
        return _fail(f"the front matter is broken now: {err}", EXIT_FAILED)
    except _api().UnknownArticleError:
        return _fail(f"{path} is gone (deleted in the editor?)", EXIT_FAILED)
    return EXIT_OK


def _run_index(args: argparse.Namespace) -> int:
    corpus = _api().Corpus.open(_config(args))
    _sync(corpus)
    report = _update_index(corpus, rebuild=args.rebuild)
    _text_out(report.summary())
    return EXIT_OK


def _run_search(args: argparse.Namespace) -> int:
    corpus = _api().Corpus.open(_config(args))
    _sync(corpus)
    # Wait for another process's first build of the index; never for a mere refresh.
    wait = _api().WAIT_SECONDS if corpus.index.needs_everything else 0.0
    try:
        _update_index(corpus, rebuild=False, wait=wait)
    except _api().IndexBusy as err:
        if not corpus.index.exists:
            raise
        _warn(f"{err}; searching the index as it is")
    result = corpus.search(
        " ".join(args.query), limit=args.limit, outlet=args.outlet, sort=args.sort, update=False
    )
    if result.message:
        _warn(result.message)
    if args.json:
        _print_json(result.to_json())
    else:
        _print_result(result)
    return EXIT_OK


def _sync(corpus: Corpus) -> None:
    """Read new or changed sources first, as `articles` does; say which could not be read."""
    for item in corpus.sync().items:
        if item.status == "failed":
            _warn(f"source not read: {item.describe()}")
    _warn_problems(corpus)


# Below this many articles to (re)index, no progress bar: it would only flicker.
_PROGRESS_FROM = 200


def _update_index(corpus: Corpus, *, rebuild: bool, wait: float | None = None) -> IndexReport:
    """corpus.update_index with a progress bar on stderr for long runs (on a terminal)."""
    console = _console(stderr=True)
    bar: Any = None
    task: Any = None
    drawn = 0.0

    def progress(done: int, total: int | None) -> None:
        nonlocal bar, task, drawn
        if bar is None:
            if not console.is_terminal or not total or total < _PROGRESS_FROM:
                return
            from rich.progress import Progress

            # Drawn from here, not by rich's refresh thread: a process without other threads
            # can fork its indexing helper (index/search/segworker.py), which then starts at once.
            bar = Progress(console=console, transient=True, auto_refresh=False)
            bar.start()
            task = bar.add_task("indexing", total=total)
        bar.update(task, completed=done)
        now = time.monotonic()
        if now - drawn >= 0.1 or done == total:
            drawn = now
            bar.refresh()

    try:
        report = corpus.update_index(
            rebuild=rebuild,
            progress=progress,
            sync=False,
            wait=_api().WAIT_SECONDS if wait is None else wait,
        )
    finally:
        if bar is not None:
            bar.stop()
    for message in report.messages:
        _warn(message)
    return report


def _print_result(result: SearchResult) -> None:
    console = _console()
    if result.suggestion:
        console.print(_text("Did you mean: ", style="dim") + _text(result.suggestion, "bold"))
    if not result.hits:
        console.print(_text(f"No articles match ({result.took_ms:.0f} ms)."))
        return
    shown = len(result.hits)
    count = f"{result.total} article{'s' if result.total != 1 else ''}"
    if result.all_words < result.total:
        count += f" ({result.all_words} with all the words)"
    if shown < result.total:
        count += f", the first {shown} shown"
    console.print(_text(f"{count} ({result.took_ms:.0f} ms)", style="dim"))
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold", show_lines=True)
    table.add_column("Title / ID", overflow="fold", ratio=2)
    table.add_column("Outlet", overflow="fold", max_width=20)
    table.add_column("Date", no_wrap=True)
    table.add_column("Snippet", overflow="fold", ratio=3)
    for hit in result.hits:
        snippet = _text(hit.snippet)
        for start, end in hit.snippet_matches:
            snippet.stylize(_MATCH_STYLE, start, end)
        table.add_row(
            _text(hit.title or "(untitled)") + _text("\n") + _text(hit.id, style="dim"),
            _text(hit.outlet or "—"),
            _text(hit.published.isoformat() if hit.published else "—"),
            snippet,
        )
    console.print(table)


def _text_out(line: str) -> None:
    _console().print(_text(line), soft_wrap=True)


def _editor_command() -> list[str]:
    """$VISUAL, else $EDITOR (either may carry arguments, like `code -w`), else vi or nano."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("vi", "nano"):
        found = shutil.which(fallback)
        if found:
            return [found]
    raise _UsageError("no editor found; set $VISUAL or $EDITOR (for example: export EDITOR=nano)")


# ---- output ---------------------------------------------------------------------------------


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    # markup and emoji off: article text is data, "[Live]" and ":flag:" print as written.
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def _text(value: object, style: str = "") -> Any:
    """A rich Text of `value` with control characters removed: never parsed as markup."""
    from rich.text import Text

    return Text(strip_control_chars(str(value)), style=style)


def _item_line(item: AddItem) -> Any:
    line = _text(item.describe())
    line.stylize(_STATUS_STYLE.get(item.status, ""), 0, len(item.status))
    return line


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def _print_article(front_matter: dict[str, Any], body: str) -> None:
    console = _console()
    title = front_matter.get("title")
    console.print(_text(title or "(untitled)", style="bold"))
    for key, value in front_matter.items():
        if key in ("title", "sources") or value in (None, "", []):
            continue
        console.print(_text(f"{key}: ", style="dim") + _text(value))
    for source in front_matter.get("sources") or []:
        path = source.get("path") if isinstance(source, dict) else source
        console.print(_text("source: ", style="dim") + _text(path))
    console.print()
    for paragraph in body.split("\n\n"):
        console.print(_text(paragraph))
        console.print()


def _print_changes(result: CleanResult, console: Any) -> None:
    """Where each metadata field came from (`title: json-ld headline`), then every dropped or
    changed line and its rule: `L12 drop navigation: • Politics`."""
    values = result.article.metadata()
    for name, origin in result.origins.items():
        if values.get(name) is not None:
            console.print(_text(f"{name}: {origin}"), soft_wrap=True)
    if not result.changes:
        console.print(_text("nothing dropped or changed"))
        return
    if console.is_terminal:
        from rich.table import Table

        table = Table(box=None, pad_edge=False, header_style="bold")
        for name in ("Line", "Action", "Rule", "Text"):
            table.add_column(name, overflow="fold", no_wrap=name != "Text")
        for change in result.changes:
            text = _text(change.before)
            if change.after is not None:
                text += _text(" → ", style="dim") + _text(change.after)
            table.add_row(
                _text(_line_label(change)), _text(change.action), _text(change.rule), text
            )
        console.print(table)
        return
    for change in result.changes:
        line = f"{_line_label(change)} {change.action} {change.rule}: {change.before}"
        if change.after is not None:
            line += f" -> {change.after}"
        console.print(_text(line), soft_wrap=True)


def _line_label(change: Change) -> str:
    """Where the change is: a line of the file, the config's override, or the page (an HTML
    page's paragraphs have no line of their own)."""
    if change.line > 0:
        return f"L{change.line}"
    return "config" if change.rule == "config override" else "page"


def _warn_problems(corpus: Corpus) -> None:
    for problem in corpus.problems:
        _warn(problem)


def _warn(message: str) -> None:
    sys.stderr.write(f"{PROG}: warning: {strip_control_chars(message)}\n")


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"{PROG}: {strip_control_chars(message)}\n")
    return code


# ---- meetings -------------------------------------------------------------------------------


def _run_meetings(args: argparse.Namespace) -> int:
    corpus = _api().Corpus.open(_config(args))
    _sync(corpus)
    meetings = corpus.meetings()
    for message in corpus.meeting_messages:
        _warn(message)
    if args.json:
        _print_json([m.to_json() for m in meetings])
        return EXIT_OK
    console = _console()
    if not meetings:
        console.print(_text("No meetings found in the articles."))
        return EXIT_OK
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold", show_lines=True)
    table.add_column("Meeting / ID", overflow="fold", ratio=3)
    table.add_column("Main subject of", overflow="fold", ratio=2)
    table.add_column("Mentioned by", overflow="fold", ratio=2)
    for m in meetings:
        cells = []
        for role in ("main", "mention"):
            # The outlet, or the article id when the outlet is unknown.
            names = [a.outlet or a.id for a in m.articles if a.role == role]
            cells.append(_text("\n".join(names) if names else "—"))
        table.add_row(_text(m.label) + _text("\n") + _text(m.id, style="dim"), *cells)
    console.print(table)
    return EXIT_OK


# ---- stories --------------------------------------------------------------------------------


def _run_stories(args: argparse.Namespace) -> int:
    corpus = _api().Corpus.open(_config(args))
    _sync(corpus)
    stories = _stories(corpus)
    if args.json:
        _print_json([s.to_json() for s in stories])
        return EXIT_OK
    console = _console()
    shown = stories if args.all else [s for s in stories if len(s.outlets) >= 2]
    if not shown:
        console.print(
            _text("No stories found in the articles." if args.all or not stories else
                  "No story is told by two outlets or more; `parallax stories --all` lists "
                  "every one.")
        )  # fmt: skip
        return EXIT_OK
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold", show_lines=True)
    table.add_column("Story / ID", overflow="fold", ratio=3)
    table.add_column("Told by", overflow="fold", ratio=2)
    table.add_column("Mentioned by", overflow="fold", ratio=2)
    for s in shown:
        cells = []
        for role in ("main", "mention"):
            names = [a.outlet or a.id for a in s.articles if a.role == role]
            cells.append(_text("\n".join(names) if names else "—"))
        mark = "◆ " if s.kind == "meeting" else ""
        table.add_row(_text(mark + s.label) + _text("\n") + _text(s.id, style="dim"), *cells)
    console.print(table)
    return EXIT_OK


def _stories(corpus: Corpus) -> list[Any]:
    """Every story, the search index brought up to date first (it finds the candidates)."""
    with suppress(*_failures()):
        corpus.update_index(sync=False, wait=0.0)
    stories = corpus.stories()
    for message in [*corpus.meeting_messages, *corpus.story_messages]:
        _warn(message)
    return stories


# ---- compare --------------------------------------------------------------------------------

_KIND_MARK = {"same": "= same", "reworded": "≈ reworded", "unique": "· only here"}


def _run_compare(args: argparse.Namespace) -> int:
    from parallax.index.compare import MAX_ARTICLES, CompareError

    if args.meeting and args.story:
        raise _UsageError("give --meeting ID or --story ID, not both")
    group = args.meeting or args.story
    if group and args.ids:
        raise _UsageError(
            f"give article ids or --{'meeting' if args.meeting else 'story'} ID, not both"
        )
    if not group and not 2 <= len(args.ids) <= MAX_ARTICLES:
        raise _UsageError(
            f"compare needs 2 to {MAX_ARTICLES} article ids (got {len(args.ids)}), or --story "
            "ID, or --meeting ID; `parallax articles` lists the ids"
        )
    corpus = _api().Corpus.open(_config(args))
    try:
        if group:
            _sync(corpus)
            if args.meeting:
                what, ids = "meeting", corpus.meeting_compare_ids(args.meeting)
            else:
                what, ids = "story", corpus.story_compare_ids(args.story)
            if len(ids) > MAX_ARTICLES:
                _warn(f"the {what} has {len(ids)} articles; comparing the first {MAX_ARTICLES}")
            comparison = corpus.compare(ids[:MAX_ARTICLES])
        else:
            comparison = corpus.compare(args.ids)
    except CompareError as err:
        raise _Failed(str(err)) from None
    if args.json:
        _print_json(comparison.to_json())
    elif args.markdown:
        sys.stdout.write(comparison.to_markdown())
        sys.stdout.flush()
    else:
        _print_comparison(comparison)
    return EXIT_OK


def _print_comparison(comparison: Any) -> None:
    """The comparison for a terminal: the articles, a summary, then the aligned rows side by
    side (one column per article), then the quotes found in more than one article."""
    from rich.table import Table

    from parallax.index.compare.report import summary_lines

    console = _console()
    labels = comparison.labels()
    for a in comparison.articles:
        line = _text(labels[a.id], style="bold")
        details = [a.published.isoformat() if a.published else None, a.author, a.agency]
        extra = " · ".join(d for d in details if d)
        if extra:
            line += _text(f"  {extra}", style="dim")
        console.print(line + _text(f"  {a.id}", style="dim"), soft_wrap=True)
    console.print()
    for line in summary_lines(comparison):
        console.print(_text("• ") + _text(line))
    console.print()
    table = Table(box=None, pad_edge=False, header_style="bold", show_lines=True)
    table.add_column("", no_wrap=True)
    for a in comparison.articles:
        table.add_column(_text(labels[a.id]), overflow="fold", ratio=1)
    for row in comparison.rows:
        cells = []
        for a in comparison.articles:
            indexes = row.cells.get(a.id, ())
            cell = _text("")
            for n, i in enumerate(indexes):
                if n:
                    cell.append(" ")
                cell.append_text(_text(f"[{i}] ", style="dim"))
                cell.append_text(_text(a.sentences[i].text))
            cells.append(cell)
        style = "bold" if row.kind != "unique" else "dim"
        table.add_row(_text(_KIND_MARK[row.kind], style=style), *cells)
    console.print(table)
    matched = [q for q in comparison.quotes if len(q.texts) > 1]
    if matched:
        console.print()
        console.print(_text("Quotes in more than one article", style="bold"))
        for q in matched:
            console.print(_text(q.speaker or "Speaker unknown", style="bold"))
            for article_id, text in q.texts.items():
                console.print(_text(f"  {labels[article_id]}: ", style="dim") + _text(f"“{text}”"))
