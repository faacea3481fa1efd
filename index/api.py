"""The one API the command line and the reader use: open the corpus, add files, read articles,
search them.

corpus = Corpus.open(load_config())
report = corpus.sync()              # the configured sources, cheap when nothing changed
for summary in corpus.articles(): ...
stored = corpus.article(summary.id)
result = corpus.search("lavrov date:2025-02")   # brings the search index up to date first
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .config import Config, ConfigError, SourceOverride, load_config
from .listing import Delta, read_listing, sort_key, write_listing
from .model import Article, Change, CleanResult, Source
from .search.index import (
    WAIT_SECONDS,
    Hit,
    IndexBusy,
    IndexDoc,
    IndexReport,
    Progress,
    SearchIndex,
    SearchResult,
    Sort,
)
from .sentences import Sentence, split_sentences
from .store import (
    STATE_DIR,
    ArticleStore,
    ArticleSummary,
    BrokenArticleError,
    StoredArticle,
    StoreError,
    UnknownArticleError,
    read_article,
)
from .stories.gazetteer import Gazetteer
from .stories.grouping import WINDOW_DAYS, MeetingMark
from .stories.meeting_index import MeetingIndex
from .stories.meetings import (
    MEETING_FIELD,
    Meeting,
    MeetingArticle,
    Role,
    UnknownMeetingError,
    find_meeting,
    group,
)
from .stories.stories import (
    STORY_FIELD,
    Story,
    StoryArticle,
    UnknownStoryError,
    assemble,
    find_story,
)
from .stories.story_index import StoryIndex
from .textio import InputError, collector_paused, decode_source, os_error_reason, read_bytes

if TYPE_CHECKING:
    from .compare import Comparison
    from .compare.quotes import Quote

__all__ = [
    "WAIT_SECONDS",
    "AddItem",
    "AddReport",
    "ArticleSummary",
    "BrokenArticleError",
    "Config",
    "ConfigError",
    "Corpus",
    "CorpusView",
    "Hit",
    "IndexBusy",
    "IndexReport",
    "InputError",
    "Meeting",
    "MeetingArticle",
    "UnknownMeetingError",
    "SearchResult",
    "StoreError",
    "Story",
    "StoryArticle",
    "UnknownStoryError",
    "StoredArticle",
    "UnknownArticleError",
    "clean_file",
    "load_config",
]

AddStatus = Literal["added", "merged", "unchanged", "updated", "skipped", "failed"]
Cleaner = Callable[..., CleanResult]

_GLOB_CHARS = re.compile(r"[*?\[]")
_FRONT_MATTER = re.compile(r"^---[ \t]*\n")


@dataclass(frozen=True)
class AddItem:
    """What happened to one file: its status, its article, and why when skipped or failed."""

    path: Path
    status: AddStatus
    article_id: str | None = None
    reason: str | None = None

    def describe(self) -> str:
        """One line for people: `merged    seeds/001.txt -> eunews-ukraine-…`."""
        where = _display_path(self.path)
        if self.status in ("added", "merged", "updated", "unchanged") and self.article_id:
            tail = (
                f" into {self.article_id}" if self.status == "merged" else f" -> {self.article_id}"
            )
            return f"{self.status:<9} {where}{tail}"
        return f"{self.status:<9} {where}: {self.reason}"


@dataclass
class AddReport:
    """The outcome of `add` or `sync`, one item per file, in the order they were read."""

    items: list[AddItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False if any file failed."""
        return not any(item.status == "failed" for item in self.items)

    def count(self, status: AddStatus) -> int:
        return sum(1 for item in self.items if item.status == status)

    @property
    def changed(self) -> bool:
        """True if any article was added, merged into or updated."""
        return any(item.status in ("added", "merged", "updated") for item in self.items)

    def summary(self) -> str:
        """One line: `5 files: 3 added, 1 merged, 1 failed`."""
        n = len(self.items)
        order: tuple[AddStatus, ...] = (
            "added", "merged", "updated", "unchanged", "skipped", "failed",
        )  # fmt: skip
        parts = [f"{self.count(s)} {s}" for s in order if self.count(s)]
        return f"{n} file{'s' if n != 1 else ''}: " + (
            ", ".join(parts) if parts else "nothing to do"
        )


class Corpus:
    """The articles in the configured data folder, and the way new files get in."""

    def __init__(self, config: Config, store: ArticleStore) -> None:
        self.config = config
        self.store = store
        self._index: SearchIndex | None = None
        self._meetings: tuple[Any, list[Meeting]] | None = None
        self.meeting_messages: list[str] = []
        self._stories: tuple[Any, list[Story]] | None = None
        self.story_messages: list[str] = []
        self.story_timing: dict[str, float] = {}  # of the last grouping (story_index.py)

    @classmethod
    def open(cls, config: Config) -> Corpus:
        """Open (without creating anything yet) the store in `config.data_dir`."""
        return cls(config, ArticleStore(config.data_dir))

    @property
    def problems(self) -> list[str]:
        """One line per stored file that could not be used (it is skipped, never overwritten)."""
        return self.store.problems

    # -- cleaning --

    def clean_file(self, path: Path) -> CleanResult:
        """The cleaned article for one file (see `clean_file`); stores nothing."""
        return clean_file(path, self.config)

    # -- adding --

    def add(
        self, paths: Iterable[Path | str], progress: Callable[[AddItem], None] | None = None
    ) -> AddReport:
        """Read files, folders (recursively, hidden files left out) and globs into the store.

        Every file gets one item in the report; a bad file is reported and the rest carry on.
        `progress` is called with each item as it is done. What is already stored is never
        lost: each file is written whole, and the bookkeeping is saved even when interrupted.
        """
        return self._add(paths, progress, missing="no such file or folder; check the path")

    def sync(self, progress: Callable[[AddItem], None] | None = None) -> AddReport:
        """`add` the config's `sources`. Files whose size and mtime did not change are not read."""
        return self._add(
            self.config.sources,
            progress,
            missing="no such file or folder; check `sources` in your config.toml",
        )

    def _add(
        self,
        paths: Iterable[Path | str],
        progress: Callable[[AddItem], None] | None,
        *,
        missing: str,
    ) -> AddReport:
        report = AddReport()
        seen: set[Path] = set()
        try:
            for given in paths:
                for path, problem in self._expand(Path(given), missing):
                    if problem is None:
                        resolved = _absolute(path)
                        if resolved in seen:
                            continue
                        seen.add(resolved)
                        item = self._add_file(path, resolved)
                    else:
                        item = AddItem(path, "failed", reason=problem)
                    report.items.append(item)
                    if progress is not None:
                        progress(item)
                    self.store.checkpoint()
        finally:
            self.store.save()
            if report.changed:
                with suppress(OSError):  # only a summary: the reader lists from the store then
                    self.save_listing()
        return report

    def _expand(self, given: Path, missing: str) -> Iterator[tuple[Path, str | None]]:
        """The files under `given` (a file, a folder or a glob), or one (path, problem)."""
        text = str(given.expanduser())
        if given.exists() or not _GLOB_CHARS.search(text):
            roots = [Path(text)]
        else:
            roots = [Path(p) for p in sorted(glob.glob(text, recursive=True))]
            if not roots:
                yield given, "no file matches this pattern"
                return
        for root in roots:
            if root.is_dir():
                yield from ((p, None) for p in _walk(root))
            elif root.exists() or root.is_symlink():
                yield root, None
            else:
                yield root, missing

    def _add_file(self, path: Path, resolved: Path) -> AddItem:
        if _is_within(resolved, self.config.data_dir):
            return AddItem(path, "skipped", reason="it is inside the data folder")
        try:
            st = resolved.stat()
        except OSError as err:
            return AddItem(path, "failed", reason=os_error_reason(err))
        key = str(resolved)
        self.store.refresh()
        article_id = self.store.unchanged_source(key, st.st_size, st.st_mtime_ns)
        if article_id is not None:
            return AddItem(path, "unchanged", article_id)
        try:
            data = read_bytes(resolved, max_bytes=self.config.max_bytes)
        except InputError as err:
            return AddItem(path, "failed", reason=err.reason)
        sha = hashlib.sha256(data).hexdigest()
        with self.store.writing():
            known = self.store.known_source(key, sha, st.st_size, st.st_mtime_ns)
        if known is not None:
            return AddItem(path, known.status, known.article_id, known.reason)
        try:
            result = _clean(resolved, data, sha, self.config)
        except InputError as err:
            return AddItem(path, "failed", reason=err.reason)
        except ValueError as err:  # the cleaner's own "this is not an article" (one line)
            return AddItem(path, "failed", reason=str(err) or "the cleaner refused it")
        except Exception as err:  # a cleaner bug must not stop a folder of 10,000 files
            return AddItem(
                path,
                "failed",
                reason=f"the cleaner crashed ({type(err).__name__}: {err}); please report this",
            )
        if not result.article.paragraphs:
            return AddItem(path, "skipped", reason="no article text found in it")
        # Cleaning ran unlocked: another writer may have stored these bytes meanwhile.
        with self.store.writing():
            put = self.store.known_source(key, sha, st.st_size, st.st_mtime_ns) or self.store.put(
                result.article, path=key, sha=sha, size=st.st_size, mtime_ns=st.st_mtime_ns
            )
        return AddItem(path, put.status, put.article_id, put.reason)

    # -- after storing (add, fetch, the reader's refresh) --

    def after_store(
        self,
        article_ids: Sequence[str] = (),
        progress: Progress | None = None,
        *,
        wait: float = WAIT_SECONDS,
    ) -> list[str]:
        """The step every writer runs once articles are stored: bring the search index up to
        date, then place the new or changed articles (`article_ids`) in stories. One line per
        problem met (an index busy elsewhere catches up at the next search)."""
        messages: list[str] = []
        try:
            report = self.update_index(progress=progress, sync=False, wait=wait)
            messages += report.messages
        except IndexBusy as err:
            messages.append(f"{err}; the index catches up at the next search")
        messages += self.place_in_stories(article_ids)
        return messages

    def place_in_stories(self, article_ids: Sequence[str]) -> list[str]:
        """Place new or changed articles in stories (`update_stories`; the articles placed are
        whatever changed since the stories were kept, `article_ids` among them); one line per
        problem. A problem here leaves the articles stored: the next writer catches up."""
        try:
            self.update_stories()
        except (OSError, ValueError, StoreError, IndexBusy) as err:
            return [f"{err}; stories are grouped next time"]
        return [*self.meeting_messages, *self.story_messages]

    # -- reading --

    def articles(self) -> list[ArticleSummary]:
        """Every readable article, newest first (undated last), then by title."""
        summaries = self.store.summaries()
        summaries.sort(key=sort_key)
        return summaries

    def save_listing(self, summaries: Sequence[ArticleSummary] | None = None) -> Delta | None:
        """Save the article list the reader shows first (index/listing.py); what changed since
        the saved one (None if there was none). OSError if it cannot be written."""
        return write_listing(
            self.config.data_dir, self.articles() if summaries is None else summaries
        )

    def article(self, article_id: str) -> StoredArticle:
        """The stored article; UnknownArticleError (suggesting close ids) or BrokenArticleError."""
        return self.store.get(article_id)

    def path_of(self, article_id: str) -> Path:
        """The file of an article, broken or not; UnknownArticleError if there is none."""
        with suppress(BrokenArticleError):  # a broken file is exactly what one wants to edit
            self.store.get(article_id)
        return self.store.path_of(article_id)

    # -- searching --

    @property
    def index(self) -> SearchIndex:
        """The search index of this data folder (opened on first use; may not exist yet)."""
        if self._index is None:
            self._index = SearchIndex.open(self.config.data_dir, aliases=self.config.aliases)
        return self._index

    def update_index(
        self,
        rebuild: bool = False,
        progress: Progress | None = None,
        *,
        sync: bool = True,
        wait: float = WAIT_SECONDS,
    ) -> IndexReport:
        """Bring the search index in line with the articles (after `sync`ing the sources):
        only new, changed and removed articles are touched, unless `rebuild`. A damaged or
        outdated index is rebuilt, and the report says so. IndexBusy if another process keeps
        the index longer than `wait` seconds."""
        if sync:
            self.sync()
        return self.index.update(_ArticleDocs(self), rebuild=rebuild, progress=progress, wait=wait)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        outlet: str | None = None,
        sort: Sort = "relevance",
        today: date | None = None,
        update: bool = True,
    ) -> SearchResult:
        """Search the articles (see SearchIndex.search). With `update`, the sources are synced
        and the index brought up to date first; if another process is updating it, the index
        as it is now is searched and the message says so."""
        note = None
        if update:
            index = self.index
            try:
                # Wait for someone else's first build; never for a mere refresh.
                self.update_index(wait=0.0 if not index.needs_everything else WAIT_SECONDS)
            except IndexBusy as err:
                if not index.exists:
                    raise
                note = f"{err}; the newest articles may be missing"
        result = self.index.search(
            query, limit=limit, outlet=outlet, sort=sort, today=today, stories=self._story_ids
        )
        if note:
            result = replace(result, message="; ".join(filter(None, [note, result.message])))
        return result

    # -- what follows storing --

    def analyse(self) -> list[str]:
        """Bring the analysis of the stored articles up to date (the meetings, then the
        stories), kept in the data folder; run after the index by the reader's background
        process (`after_store` does the same for `add` and `fetch`). One line per problem."""
        return self.place_in_stories(())

    # -- meetings (index/stories/meetings.py) --

    def meetings(self) -> list[Meeting]:
        """Every meeting the stored articles speak of, newest first; each article's part is
        `main` or `mention`. Articles are read once per content (cached in the data folder);
        `meeting_messages` holds one line per problem met on the way."""
        return self._meetings_of(_ArticleDocs(self).digests())

    def _meetings_of(self, digests: dict[str, str]) -> list[Meeting]:
        if not digests:
            return []  # and no cache files in a data folder that holds nothing
        key = tuple(sorted(digests.items()))
        if self._meetings is not None and self._meetings[0] == key:
            return self._meetings[1]
        finder = MeetingIndex(self.config.data_dir / STATE_DIR, self._gazetteer())
        result = finder.grouped(digests)
        if result is None:
            found = finder.update(digests, self._meeting_source)
            self.meeting_messages = finder.messages
            outlets = {s.id: s.outlet for s in self.store.summaries()}
            overrides = {i: f.override for i, f in found.items() if f.override}
            result = group(
                {i: f.meetings for i, f in found.items()}, self._gazetteer(), outlets, overrides
            )
            finder.keep_grouped(digests, result)
        self._meetings = (key, result)
        return result

    def meeting(self, id_or_label: str) -> Meeting:
        """One meeting by its id, its label (case and accents aside) or a unique start of its
        id; UnknownMeetingError (one line, with close ids) otherwise."""
        return find_meeting(self.meetings(), id_or_label)

    def meetings_of(self, article_id: str) -> list[tuple[Meeting, Role]]:
        """The meetings an article speaks of and its part in each, its main meeting first."""
        out = [(m, a.role) for m in self.meetings() for a in m.articles if a.id == article_id]
        out.sort(key=lambda pair: pair[1] != "main")
        return out

    def _gazetteer(self) -> Gazetteer:
        return Gazetteer.load(self.config.aliases)

    def _meeting_source(self, article_id: str) -> tuple[Article, str | None] | None:
        try:
            stored = self.article(article_id)
        except (UnknownArticleError, BrokenArticleError):
            return None
        value = stored.extra.get(MEETING_FIELD)
        return stored.article, (str(value) if value not in (None, "") else None)

    # -- stories (index/stories/) --

    def update_stories(self, *, search: bool = True) -> list[Story]:
        """Place new and changed articles in stories (and take removed ones out), keeping the
        result in the data folder: the step after storing and indexing (`add`, `fetch`, the
        reader's background process). The search index finds each new article's candidates
        when `search` and it exists; it is not updated here. Returns every story."""
        stories = self._load_stories(update=True, search=search)
        save_story_list(self.config.data_dir, stories)
        return stories

    def stories(self) -> list[Story]:
        """Every story, newest first: each stored article is the main article of exactly one,
        and a mention in those it names in passing. Grouped incrementally, kept in the data
        folder (see `update_stories`); cheap when nothing changed. `story_messages` holds one
        line per problem met on the way."""
        return self._load_stories(update=True, search=True)

    def kept_stories(self) -> list[Story] | None:
        """The stories as last kept in the data folder, if they are up to date with the
        articles; None if they need `update_stories`. Never groups: for a reader's UI."""
        return self._load_stories(update=False, search=False)

    def _load_stories(self, *, update: bool, search: bool) -> Any:
        digests = _ArticleDocs(self).digests()
        if not digests:
            return []
        key = tuple(sorted(digests.items()))
        if self._stories is not None and self._stories[0] == key:
            return self._stories[1]
        finder = StoryIndex(self.config.data_dir / STATE_DIR, self._story_analyzer())
        grouped = finder.grouped(digests)
        if grouped is None:
            if not update:
                return None
            meetings = self._meetings_of(digests)
            index = self.index if search and self.index.exists else None

            def candidates(terms: list[str], near: date | None, limit: int) -> list[str]:
                assert index is not None
                return index.related(terms, near=near, days=WINDOW_DAYS, limit=limit)

            grouped = finder.update(
                digests,
                self._story_source,
                _meeting_marks(meetings),
                candidates if index is not None else None,
            )
        else:
            meetings = self._meetings_of(digests)
        self.story_messages = finder.messages
        self.story_timing = finder.timing
        summaries = self.store.summaries()
        outlets = {s.id: s.outlet for s in summaries}
        titles = {s.id: s.title for s in summaries}
        result = assemble(
            grouped.groups,
            meetings,
            outlets,
            grouped.published,
            grouped.overrides,
            titles,
            grouped.mentions,
        )
        self._stories = (key, result)
        return result

    def story(self, id_or_label: str) -> Story:
        """One story by its id, its label (case and accents aside) or a unique start of its
        id; UnknownStoryError (one line, with close ids) otherwise."""
        return find_story(self.stories(), id_or_label)

    def stories_of(self, article_id: str) -> list[tuple[Story, Role]]:
        """The stories an article is in and its part in each, its main story first."""
        out = [(s, a.role) for s in self.stories() for a in s.articles if a.id == article_id]
        out.sort(key=lambda pair: pair[1] != "main")
        return out

    def _story_ids(self, id_or_label: str) -> list[str] | None:
        """For `story:` in a search: the story's main articles (all of them for a story only
        mentioned), None if there is no such story."""
        try:
            story = self.story(id_or_label)
        except UnknownStoryError:
            return None
        return story.main_ids or story.article_ids()

    def story_compare_ids(self, id_or_label: str) -> list[str]:
        """The articles to compare for a story: its main articles, or all that speak of it if
        fewer than two are. CompareError if that is a single article."""
        from .compare import CompareError

        story = self.story(id_or_label)
        ids = story.main_ids if len(story.main_ids) >= 2 else story.article_ids()
        if len(ids) < 2:
            raise CompareError(
                f"story {story.id} ({story.label}) has only one article; nothing to compare"
            )
        return ids

    def move_to_story(self, article_id: str, story: str | None) -> None:
        """Put an article in a story by writing `story: <id>` in its front matter (`story`
        is a story's id or label, or a name of one of its own); None: a story of its own
        (`story: <its own id>`)."""
        self.article(article_id)  # UnknownArticleError, BrokenArticleError
        value = story.strip() if story else ""
        self.store.set_extra(article_id, STORY_FIELD, value or article_id)
        self._stories = None

    def _story_analyzer(self) -> Any:
        from .analysis import NewsAnalyzer, load_aliases

        return NewsAnalyzer(load_aliases(self.config.aliases))

    def _story_source(self, article_id: str) -> tuple[Article, str | None] | None:
        try:
            stored = self.article(article_id)
        except (UnknownArticleError, BrokenArticleError):
            return None
        for name in (STORY_FIELD, MEETING_FIELD):
            value = stored.extra.get(name)
            if value not in (None, ""):
                return stored.article, str(value)
        return stored.article, None

    # -- compare (index/compare/) --

    def sentences(self, article_id: str) -> list[Sentence]:
        """The body of an article split into sentences: the indexes `compare` uses."""
        return split_sentences(self.article(article_id).body)

    def quotes(self, article_id: str) -> list[Quote]:
        """Every quotation of an article with its speaker (the name as the article gives it
        in full, or None): `Quote.sentence` indexes `sentences(article_id)`."""
        from .analysis import load_aliases
        from .compare.quotes import article_quotes

        return article_quotes(self.article(article_id).body, load_aliases(self.config.aliases))

    def compare(self, ids: Sequence[str]) -> Comparison:
        """Compare 2 to 6 stored articles sentence by sentence (index/compare): what they
        share, what each alone says, quotes and speakers, spellings, wire copies.
        UnknownArticleError for an id not stored; CompareError for too few or too many ids,
        or one given twice."""
        from .analysis import load_aliases
        from .compare import compare

        stored = [self.article(article_id) for article_id in ids]
        return compare(
            [(s.id, s.article) for s in stored], aliases=load_aliases(self.config.aliases)
        )

    def compare_meeting(self, id_or_label: str) -> Comparison:
        """Compare the articles of one meeting (`meeting_compare_ids`), the first six if it
        has more. UnknownMeetingError, or CompareError if the meeting has a single article."""
        from .compare import MAX_ARTICLES

        return self.compare(self.meeting_compare_ids(id_or_label)[:MAX_ARTICLES])

    def meeting_compare_ids(self, id_or_label: str) -> list[str]:
        """The articles to compare for a meeting: those mainly about it, or all that speak of
        it if fewer than two are. CompareError if that is a single article."""
        from .compare import CompareError

        meeting = self.meeting(id_or_label)
        ids = meeting.main_ids if len(meeting.main_ids) >= 2 else meeting.article_ids()
        if len(ids) < 2:
            raise CompareError(
                f"meeting {meeting.id} ({meeting.label}) has only one article; nothing to compare"
            )
        return ids


class CorpusView(Corpus):
    """The corpus as it was last saved, read-only and cheap: the list from the listing,
    articles straight from their files, the meetings and stories as last grouped, the index
    as it is.
    For a process that must stay responsive (the reader's screen) while another one (its
    background process) reads sources, indexes and analyses."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._index = None
        self._meetings = None
        self.meeting_messages = []
        self._stories = None
        self.story_messages = []
        self.story_timing = {}

    @property
    def store(self) -> ArticleStore:  # type: ignore[override]
        raise TypeError("a CorpusView does not open the store; use Corpus.open")

    @property
    def problems(self) -> list[str]:
        return []

    def articles(self) -> list[ArticleSummary]:
        """The articles as last listed (no sources), [] when there is no listing yet."""
        return read_listing(self.config.data_dir) or []

    def article(self, article_id: str) -> StoredArticle:
        return read_article(self.config.data_dir, article_id)

    def path_of(self, article_id: str) -> Path:
        return self.config.data_dir / "articles" / f"{article_id}.md"

    def meetings(self) -> list[Meeting]:
        """The meetings as last grouped ([] before the first grouping)."""
        finder = MeetingIndex(self.config.data_dir / STATE_DIR, self._gazetteer())
        return finder.last_grouped() or []

    def stories(self) -> list[Story]:
        """The stories as last kept ([] before the first grouping)."""
        return read_story_list(self.config.data_dir) or []

    def kept_stories(self) -> list[Story] | None:
        return read_story_list(self.config.data_dir)

    def update_stories(self, *, search: bool = True) -> list[Story]:
        raise TypeError("a CorpusView does not group stories; the background process does")

    def move_to_story(self, article_id: str, story: str | None) -> None:
        raise TypeError("a CorpusView does not write articles; use Corpus.open")

    def analyse(self) -> list[str]:
        raise TypeError("a CorpusView does not analyse; the background process does")

    def _add(self, *args: Any, **kwargs: Any) -> AddReport:
        raise TypeError("a CorpusView does not store articles; use Corpus.open")

    def update_index(self, *args: Any, **kwargs: Any) -> IndexReport:
        raise TypeError("a CorpusView does not index; use Corpus.open")

    def search(self, query: str, **kwargs: Any) -> SearchResult:
        kwargs["update"] = False
        return super().search(query, **kwargs)


def _meeting_marks(meetings: Iterable[Meeting]) -> dict[str, MeetingMark]:
    """Each article's main meeting, as story grouping weighs it."""
    marks: dict[str, MeetingMark] = {}
    for m in meetings:
        mark = MeetingMark(
            m.id,
            frozenset(m.parties),
            m.place,
            m.date.start if m.date else None,
            m.date.end if m.date else None,
            m.planned,
        )
        for article_id in m.main_ids:
            marks.setdefault(article_id, mark)
    return marks


STORY_LIST_FILE = "story-list.json"


def save_story_list(data_dir: Path, stories: Sequence[Story]) -> None:
    """The stories as assembled, for a reader that must not group them (CorpusView): only a
    summary, written whole, and nothing lost if it cannot be."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    rows = [encode({**s.to_json(), "by_user": s.by_user}) for s in stories]
    path = data_dir / STATE_DIR / STORY_LIST_FILE
    tmp = path.with_name(f".{STORY_LIST_FILE}.{os.getpid()}.{threading.get_ident()}.tmp")
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        # One JSON array, a story per line: the reader parses it a line at a time.
        tmp.write_text("[\n" + ",\n".join(rows) + "\n]\n", "utf-8")
        os.replace(tmp, path)


def read_story_list(data_dir: Path) -> list[Story] | None:
    """The stories as last saved by `save_story_list`; None if there are none (or unreadable)."""
    try:
        raw = (data_dir / STATE_DIR / STORY_LIST_FILE).read_bytes()
        with collector_paused():  # tens of thousands of stories, all kept
            if raw.startswith(b"[\n"):  # a story per line: never a long hold on other threads
                lines = raw.split(b"\n")
                rows = [json.loads(line.removesuffix(b",")) for line in lines if line[:1] == b"{"]
            else:
                rows = json.loads(raw)
            return _stories_of(rows)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _stories_of(rows: list[Any]) -> list[Story]:
    return [
        Story(
            id=str(r["id"]),
            label=str(r["label"]),
            kind=r["kind"],
            date=r.get("date"),
            articles=[StoryArticle(a["id"], a.get("outlet"), a["role"]) for a in r["articles"]],
            by_user=bool(r.get("by_user")),
        )
        for r in rows
    ]


class _ArticleDocs:
    """The stored articles as the search index's DocSource. An article's digest is the sha256
    of its file, remembered with the file's size and mtime so unchanged files are not read."""

    CACHE_FILE = "index-digests.json"

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.cache_path = corpus.config.data_dir / STATE_DIR / self.CACHE_FILE

    def digests(self) -> dict[str, str]:
        store = self.corpus.store
        cache = self._read_cache()
        fresh: dict[str, list[Any]] = {}
        out = {}
        for summary in store.summaries():  # readable articles only: a broken file is skipped
            path = store.path_of(summary.id)
            try:
                st = path.stat()
                known = cache.get(summary.id)
                if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
                    sha = str(known[2])
                else:
                    sha = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            fresh[summary.id] = [st.st_size, st.st_mtime_ns, sha]
            out[summary.id] = sha
        if fresh != cache:
            with suppress(OSError):  # only a cache: the next run reads the files again
                self.cache_path.parent.mkdir(parents=True, exist_ok=True)
                unique = f"{os.getpid()}.{threading.get_ident()}"  # two threads may write it
                tmp = self.cache_path.with_name(f".{self.CACHE_FILE}.{unique}.tmp")
                tmp.write_text(json.dumps(fresh), encoding="utf-8")
                os.replace(tmp, self.cache_path)
        self._digests = out
        return out

    def load(self, ids: Iterable[str]) -> Iterator[IndexDoc]:
        digests = getattr(self, "_digests", None) or {}
        for article_id in ids:
            try:
                stored = self.corpus.article(article_id)
            except (UnknownArticleError, BrokenArticleError):
                continue
            a = stored.article
            yield IndexDoc(
                id=article_id,
                title=a.title,
                standfirst=a.standfirst,
                body=a.body,
                outlet=a.outlet,
                author=a.author,
                agency=a.agency,
                dateline=a.dateline,
                published=a.published,
                digest=digests.get(article_id, ""),
            )

    def _read_cache(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, list) and len(v) == 3}


def clean_file(path: Path, config: Config) -> CleanResult:
    """The cleaned article for one file, with the config's override applied; stores nothing.

    Raises InputError if the file cannot be read as text, ValueError if the cleaner refuses it.
    """
    data = read_bytes(path, max_bytes=config.max_bytes)
    return _clean(path, data, hashlib.sha256(data).hexdigest(), config)


def clean_page(data: bytes, url: str, config: Config, *, title: str | None = None) -> CleanResult:
    """A web page's bytes fetched from `url`, cleaned through the HTML path; stores nothing.
    `title` (a feed entry's) heads a fragment that has none. InputError if it is not text,
    ValueError (CleanError) if it holds no article."""
    return clean_html_bytes(data, url, dict(config.outlets), title=title)


def clean_html_bytes(
    data: bytes, url: str, outlets: dict[str, str], *, title: str | None = None
) -> CleanResult:
    """`clean_page` with the outlets table alone (picklable: for a helper process)."""
    from .cleaner import clean_html

    text = decode_source(data, path=Path(url))
    if title and "<title" not in text[:4096].lower():
        from html import escape

        text = (
            f"<html><head><title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>"
            + (f"<article>{text}</article></body></html>")
        )
    return clean_html(text, name=url, url=url, outlets=outlets)


def _clean(path: Path, data: bytes, sha: str, config: Config) -> CleanResult:
    text = decode_source(data, path=path)
    override = config.override_for(path)
    cleaner = _cleaner_for(path, text)
    url = override.url if override else None
    absolute = _absolute(path)
    if url is None and _is_within(absolute, config.data_dir):
        from .feeds import page_address  # a page Parallax fetched: its address is kept beside

        url = page_address(path)
    result = cleaner(text, name=path.name, url=url, outlets=dict(config.outlets))
    if override is not None:
        _apply_override(result, override)
    result.article.sources = [Source(str(absolute), sha)]
    return result


def _cleaner_for(path: Path, text: str) -> Cleaner:
    """The cleaner for a file: Markdown with front matter, HTML, or flattened page text."""
    from .cleaner import clean_html, clean_markdown, clean_text  # heavy: only when cleaning

    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown") and _FRONT_MATTER.match(text):
        return clean_markdown
    if suffix in (".html", ".htm"):
        return clean_html
    return clean_text


def _apply_override(result: CleanResult, override: SourceOverride) -> None:
    """Set the override's fields on the article (they win) and say so in the changes."""
    article: Article = result.article
    for name in ("outlet", "url", "published"):
        value = getattr(override, name)
        if value is None or getattr(article, name) == value:
            continue
        before = getattr(article, name)
        setattr(article, name, value)
        result.changes.append(
            Change(
                line=0,
                rule="config override",
                action="meta",
                before=f"{name}: {before if before is not None else '(none)'}",
                after=f"{name}: {value}",
            )
        )


def _walk(root: Path) -> Iterator[Path]:
    """Files under `root` in a stable order, hidden files and folders left out."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return Path(os.path.abspath(path))


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(_resolved_folder(folder))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=8)
def _resolved_folder(folder: Path) -> Path:
    """`_absolute(folder)`, worked out once per process for the few folders asked about (the
    data folder, for every file cleaned: resolving it took as long as cleaning a short page's
    metadata). A folder made after the first call resolves to the same path as before,
    unless it is a symbolic link made meanwhile."""
    return _absolute(folder)


def _display_path(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)
