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
from .textio import InputError, decode_source, os_error_reason, read_bytes

if TYPE_CHECKING:
    from .compare import Comparison

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
        article_id = self.store.unchanged_source(key, st.st_size, st.st_mtime_ns)
        if article_id is not None:
            return AddItem(path, "unchanged", article_id)
        try:
            data = read_bytes(resolved, max_bytes=self.config.max_bytes)
        except InputError as err:
            return AddItem(path, "failed", reason=err.reason)
        sha = hashlib.sha256(data).hexdigest()
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
        put = self.store.put(
            result.article, path=key, sha=sha, size=st.st_size, mtime_ns=st.st_mtime_ns
        )
        return AddItem(path, put.status, put.article_id, put.reason)

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
        result = self.index.search(query, limit=limit, outlet=outlet, sort=sort, today=today)
        if note:
            result = replace(result, message="; ".join(filter(None, [note, result.message])))
        return result

    # -- what follows storing --

    def analyse(self) -> None:
        """Bring the analysis of the stored articles up to date (today: the meetings), kept
        per article in the data folder; run after the index, by `add` and by the reader's
        background process. `meeting_messages` says what went wrong on the way."""
        self.meetings()

    # -- meetings (index/stories/meetings.py) --

    def meetings(self) -> list[Meeting]:
        """Every meeting the stored articles speak of, newest first; each article's part is
        `main` or `mention`. Articles are read once per content (cached in the data folder);
        `meeting_messages` holds one line per problem met on the way."""
        digests = _ArticleDocs(self).digests()
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

    # -- compare (index/compare/) --

    def sentences(self, article_id: str) -> list[Sentence]:
        """The body of an article split into sentences: the indexes `compare` uses."""
        return split_sentences(self.article(article_id).body)

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
    articles straight from their files, the meetings as last grouped, the index as it is.
    For a process that must stay responsive (the reader's screen) while another one (its
    background process) reads sources, indexes and analyses."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._index = None
        self._meetings = None
        self.meeting_messages = []

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

    def analyse(self) -> None:
        raise TypeError("a CorpusView does not analyse; the background process does")

    def _add(self, *args: Any, **kwargs: Any) -> AddReport:
        raise TypeError("a CorpusView does not store articles; use Corpus.open")

    def update_index(self, *args: Any, **kwargs: Any) -> IndexReport:
        raise TypeError("a CorpusView does not index; use Corpus.open")

    def search(self, query: str, **kwargs: Any) -> SearchResult:
        kwargs["update"] = False
        return super().search(query, **kwargs)


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


def _clean(path: Path, data: bytes, sha: str, config: Config) -> CleanResult:
    text = decode_source(data, path=path)
    override = config.override_for(path)
    cleaner = _cleaner_for(path, text)
    result = cleaner(
        text, name=path.name, url=override.url if override else None, outlets=dict(config.outlets)
    )
    if override is not None:
        _apply_override(result, override)
    result.article.sources = [Source(str(_absolute(path)), sha)]
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
        path.relative_to(_absolute(folder))
    except ValueError:
        return False
    return True


def _display_path(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)
