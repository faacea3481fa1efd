"""Full-text search over the articles: a Whoosh index in `<data_dir>/index/`.

    index = SearchIndex.open(data_dir, aliases=config.aliases)
    report = index.update(docs)            # IndexDocs, or a DocSource (the corpus)
    result = index.search('"western elites" date:2025-02', limit=20)
    result.to_json()                       # {query, total, took_ms, suggestion, hits: [...]}

What is indexed: the title, standfirst, body, outlet, author, agency, dateline and published
date of each article (analysis: `analysis.py`), its id, and a digest of its content so an
update only touches what changed. The body is also stored, compressed, so hits get snippets
and match offsets without reading the article files.

Safety: Whoosh writes each commit as new segment files, then a new table of contents (TOC)
renamed into place, so a process killed at any moment leaves the previous generation readable.
Updates commit every BATCH_DOCS documents (a killed first build keeps what it had done); a
rebuild of a readable index commits once, replacing the old segments only at the end. One
process writes at a time (`lock.py`). `parallax.json` beside the segments records the schema
and analysis version and the segment sizes: an index made by another version, by another
alias table, or damaged (a missing, truncated or unreadable segment) is reported in
`problem` and rebuilt by the next `update`.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import re
import shutil
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from whoosh import index as windex
from whoosh import query as wq
from whoosh.lang.porter import stem as porter_stem
from whoosh.scoring import BM25F
from whoosh.support.levenshtein import damerau_levenshtein
from whoosh.writing import CLEAR

from ..analysis import (
    NewsAnalyzer,
    aliases_fingerprint,
    load_aliases,
)
from ..lock import IndexBusy, WriterLock
from . import evaluate
from .documents import IndexDoc, _fields, _schema, _Spelling
from .evaluate import field_lengths, published_days
from .highlight import match_spans, snippet
from .query import FREE_TEXT, Filter, ParsedQuery, StoryResolver, Word, parse
from .segworker import CHUNK_DOCS, MIN_DOCS, SegmentHelper, WorkerFailed
from .spelling import Vocabulary
from .writer import FastWriter

__all__ = [
    "DocSource",
    "Hit",
    "IndexBusy",
    "IndexDoc",
    "IndexReport",
    "SearchIndex",
    "SearchResult",
]

INDEX_DIR = "index"
META_FILE = "parallax.json"
LOCK_FILE = "parallax.lock"
SCHEMA_VERSION = 7  # and whenever SECTION_WEIGHTS or the postings' encoding change
BATCH_DOCS = 20_000
LIMIT_MB = 96
# Each process's share while two write (the pools' real size is about twice their estimate).
SHARED_LIMIT_MB = 32
WAIT_SECONDS = 10.0
# A second process writes part of a big build (segworker.py), once this many new documents
# were seen; PARALLAX_INDEX_PROCS=1 turns it off.
HELPER_AFTER = 32
PARALLEL = os.environ.get("PARALLAX_INDEX_PROCS", "").strip() != "1"
MAX_LIMIT = 1000

Sort = Literal["relevance", "date"]
Progress = Callable[[int, "int | None"], None]

_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")
_SEGMENT_FILE = re.compile(r"^MAIN_[0-9a-z]+\.[A-Za-z0-9_.]+$")
# What reading a damaged file raises (and, opening an index, whatever whoosh makes of it).
_BROKEN_FILES = (OSError, EOFError, pickle.UnpicklingError, struct.error, zlib.error)
_DAMAGE = (*_BROKEN_FILES, ValueError, KeyError, IndexError, AssertionError, AttributeError,
           TypeError, OverflowError, MemoryError)  # fmt: skip


# ---- what goes in and what comes out ------------------------------------------------------------


@runtime_checkable
class DocSource(Protocol):
    """Articles offered lazily: their digests first, then the documents the index needs."""

    def digests(self) -> Mapping[str, str]:
        """id -> digest of every article."""
        ...

    def load(self, ids: Iterable[str]) -> Iterator[IndexDoc]:
        """The documents for `ids`; an article that cannot be read now is left out."""
        ...


@dataclass
class IndexReport:
    """What an update did, and one line per thing worth saying (a rebuild, a cleared lock)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    rebuilt: bool = False
    messages: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        """`indexed 3, updated 1, removed 0 in 0.4 s`."""
        return (
            f"indexed {self.added}, updated {self.updated}, removed {self.removed} "
            f"in {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class Hit:
    """One matching article. `matches` are (start, end) character offsets into its body text
    (as `parallax show ID --json` prints it); `snippet_matches` are offsets into `snippet`."""

    id: str
    title: str | None
    outlet: str | None
    published: date | None
    score: float
    snippet: str
    matches: list[tuple[int, int]]
    snippet_matches: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "matches": [[s, e] for s, e in self.matches],
        }


@dataclass(frozen=True)
class SearchResult:
    """The hits of one search (at most `limit`), how many matched in all, how long it took, a
    corrected query when a word found nothing, and `message`: one line when something in the
    query was left out or nothing could be searched."""

    query: str
    total: int
    took_ms: float
    suggestion: str | None
    hits: list[Hit]
    message: str | None = None
    all_words: int = 0  # how many of the `total` have every word of the query

    def to_json(self) -> dict[str, Any]:
        """The `parallax search --json` contract (the message goes to stderr, not here)."""
        return {
            "query": self.query,
            "total": self.total,
            "all_words": self.all_words,
            "took_ms": round(self.took_ms, 1),
            "suggestion": self.suggestion,
            "hits": [hit.to_json() for hit in self.hits],
        }


# ---- the schema ---------------------------------------------------------------------------------


class _BM25F(BM25F):
    """Whoosh's BM25F, with each segment's field lengths read once into a list: its own
    scorer reads a document's length with a seek and a read for every match it scores."""

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if hasattr(scorer, "dfl"):
            lengths = field_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                scorer.dfl = lengths.__getitem__
        return scorer


def _fingerprint_file(path: Path, edge: int = 4096) -> list[int]:
    """[size, CRC-32 of the first and last `edge` bytes]: cheap at any index size, and enough
    to tell a truncated, zeroed or overwritten segment file from the one that was written."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        crc = zlib.crc32(f.read(edge))
        if size > edge:
            f.seek(max(edge, size - edge))
            crc = zlib.crc32(f.read(edge), crc)
    return [size, crc]


# ---- the index ----------------------------------------------------------------------------------


class SearchIndex:
    """The search index of one data folder. Searches may run from any thread (one at a time);
    `update` takes the index's lock, so one process writes at a time."""

    def __init__(self, path: Path, aliases: Mapping[str, str]) -> None:
        self.path = path
        self.text_analyzer = NewsAnalyzer(aliases)
        self.name_analyzer = NewsAnalyzer(aliases, stem=False)
        self._schema = _schema(self.text_analyzer, self.name_analyzer)
        self._fingerprint = aliases_fingerprint(aliases)
        self._ix: Any = None
        self._searcher: Any = None
        self._digest_cache: tuple[int, dict[str, str]] | None = None
        self._guard = threading.RLock()
        self._vocabulary = Vocabulary()  # "did you mean": the index's words, in memory
        # Set by open: whether an index exists; why it must be rebuilt (one line), if it must.
        self.exists = False
        self.problem: str | None = None
        self.needs_rebuild = False

    @classmethod
    def open(
        cls, data_dir: Path | str, aliases: Mapping[str, Iterable[str]] | None = None
    ) -> SearchIndex:
        """The index in `<data_dir>/index/`; never raises for a missing or damaged index (see
        `exists`, `needs_rebuild`, `problem`). `aliases` are the user's own name variants
        (canonical -> variants), added to the shipped table."""
        index = cls(Path(data_dir) / INDEX_DIR, load_aliases(aliases))
        with index._guard:
            index._load()
        return index

    @property
    def needs_everything(self) -> bool:
        """True when the next update must be given every article (no index, or a rebuild)."""
        return not self.exists or self.needs_rebuild

    def close(self) -> None:
        with self._guard:
            self._close_searcher()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening --

    def _load(self) -> None:
        self._close_searcher()
        self._ix, self._digest_cache = None, None
        self.problem, self.needs_rebuild = None, False
        self.exists = _generation(self.path) >= 0
        if not self.exists:
            return
        meta = _read_json(self.path / META_FILE)
        if meta.get("schema") != SCHEMA_VERSION:
            self.problem = (
                f"the search index in {self.path} was made by another version of Parallax; "
                "rebuilding it from the articles"
            )
            self.needs_rebuild = True
            return
        if meta.get("analysis") != self._fingerprint:
            self.problem = (
                "the name-variant table ([aliases]) changed since the search index was built; "
                "rebuilding it from the articles"
            )
            self.needs_rebuild = True  # it still answers searches until then
        try:
            ix = windex.open_dir(str(self.path), schema=self._schema)
            self._probe(ix, meta)
        except _DAMAGE as err:
            self.problem = (
                f"the search index in {self.path} is damaged ({_describe(err)}); "
                "rebuilding it from the articles"
            )
            self.needs_rebuild = True
            return
        self._ix = ix

    def _probe(self, ix: Any, meta: dict[str, Any]) -> None:
        """Raise if the index cannot be read: segment sizes, then a look at each part."""
        if meta.get("generation") == ix.latest_generation():
            for name, written in (meta.get("files") or {}).items():
                found = _fingerprint_file(self.path / name)  # FileNotFoundError if gone
                if found[0] != written[0]:
                    raise ValueError(f"{name} is {found[0]} bytes, {written[0]} were written")
                if found != written:
                    raise ValueError(f"{name} was changed after it was written")
        with ix.reader() as reader:
            if reader.doc_count_all() == 0:
                return
            first = next(reader.all_doc_ids(), None)
            if first is not None:
                reader.stored_fields(first)
                reader.column_reader("id")[first]
                reader.column_reader("digest")[first]
            next(iter(reader.lexicon("text")), None)

    # -- reading --

    def doc_count(self) -> int:
        """How many articles the index holds (0 when there is none or it cannot be read)."""
        with self._guard:
            if self._ix is None:
                return 0
            try:
                return int(self._ix.doc_count())
            except _DAMAGE:
                return 0

    def digests(self) -> dict[str, str]:
        """id -> digest of every indexed article."""
        with self._guard:
            if self._ix is None:
                return {}
            generation = self._ix.latest_generation()
            if self._digest_cache and self._digest_cache[0] == generation:
                return dict(self._digest_cache[1])
            with self._ix.reader() as reader:
                if reader.doc_count() == 0:
                    found: dict[str, str] = {}
                else:
                    ids = reader.column_reader("id")
                    digests = reader.column_reader("digest")
                    found = {ids[n]: digests[n] for n in reader.all_doc_ids()}
            self._digest_cache = (generation, found)
            return dict(found)

    # -- writing --

    def update(
        self,
        docs: Iterable[IndexDoc] | DocSource,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        wait: float = WAIT_SECONDS,
    ) -> IndexReport:
        """Bring the index in line with `docs`: add new ids, replace those whose digest
        changed, delete ids no longer there. `docs` is every article (IndexDocs), or a
        DocSource that is asked only for what changed.

        `rebuild` (or a damaged or outdated index) builds it anew from `docs`. `progress` is
        called as (documents done, documents to do or None). Waits up to `wait` seconds for
        another process's update, then raises IndexBusy.
        """
        started = time.perf_counter()
        report = IndexReport()
        lock = WriterLock(self.path / LOCK_FILE)
        lock.acquire(wait)
        try:
            if lock.note:
                report.messages.append(lock.note)
            with self._guard:
                self._clear_leftovers()
                self._load()  # under the lock: what another process did is seen
                if self.problem:
                    report.messages.append(self.problem)
                ix, existed = self._ix, self.exists
                rebuild = rebuild or self.needs_rebuild
            # Searches go on meanwhile (against the last commit); the writer works on its own.
            try:
                self._write(ix, existed, docs, rebuild, report, progress, PARALLEL)
            except WorkerFailed as err:
                if not isinstance(docs, (DocSource, Sequence)):
                    raise  # a stream read once: the caller gives it again
                report = IndexReport(messages=[*report.messages, f"{err}; indexed in one process"])
                with self._guard:
                    self._load()
                    ix = self._ix
                self._write(ix, existed, docs, rebuild, report, progress, False)
            with self._guard:
                self._load()
        finally:
            lock.release()
        report.seconds = time.perf_counter() - started
        return report

    def _write(
        self,
        ix: Any,
        existed: bool,
        docs: Iterable[IndexDoc] | DocSource,
        rebuild: bool,
        report: IndexReport,
        progress: Progress | None,
        parallel: bool,
    ) -> None:
        # A readable index being rebuilt keeps answering (and survives a kill) until one final
        # commit swaps in the new segments; a missing or unreadable one starts empty.
        replace_at_end = rebuild and ix is not None
        current = {} if rebuild else self.digests()
        if ix is None:
            ix = self._create()
        report.rebuilt = rebuild and existed

        if isinstance(docs, DocSource):
            wanted = dict(docs.digests())
            todo = [i for i, d in wanted.items() if current.get(i) != d]
            stream: Iterable[IndexDoc] = docs.load(todo)
            total: int | None = len(todo)
            report.unchanged = len(wanted) - len(todo)
            keep: set[str] = set(wanted)
        else:
            stream, total, keep = docs, len(docs) if isinstance(docs, Sized) else None, set()

        writer: Any = None
        helper: SegmentHelper | None = None
        pending = done = fresh = window = 0
        to_helper = False
        written: set[str] = set()
        helped: set[str] = set()  # ids given to the helper process since the last commit
        parallel = parallel and (os.cpu_count() or 1) > 1

        def adopt_helper() -> None:
            """The helper's segments join this commit; if it failed, its documents are
            written here instead."""
            nonlocal helper
            if helper is None:
                return
            done_helper, helper = helper, None
            try:
                done_helper.close()
                writer.finish_segment()  # while the helper finishes its own
                writer.adopt(done_helper.finish())
            except WorkerFailed as err:
                write_here(done_helper, err)
            helped.clear()

        def write_here(failed: SegmentHelper, err: WorkerFailed) -> None:
            """A helper that failed: this batch is given up (`update` writes it again in one
            process where it can read the documents again)."""
            failed.cancel()
            raise err

        try:
            for doc in stream:
                done += 1
                keep.add(doc.id)
                if progress is not None:
                    progress(done, total)
                old = current.get(doc.id)
                repeated = doc.id in written  # the same id twice in one run: the last one wins
                if (old == doc.digest and not repeated) or (rebuild and repeated):
                    report.unchanged += 1
                    continue
                if writer is None:
                    writer = FastWriter(ix, limit_bytes=LIMIT_MB << 20)
                    spelling = _Spelling(self.text_analyzer)
                if repeated and doc.id in helped:
                    adopt_helper()  # its copy must be deletable: write the rest here
                    parallel = False
                if old is None and not repeated:
                    fresh += 1
                    if (
                        helper is None
                        and parallel
                        and fresh >= HELPER_AFTER
                        and (total is None or total - done >= MIN_DOCS)
                    ):
                        try:
                            helper = SegmentHelper(self.path, SHARED_LIMIT_MB)
                        except OSError as err:  # no process to be had: one is enough
                            report.messages.append(
                                f"indexing in one process (no helper process: {_describe(err)})"
                            )
                            parallel = False
                        else:
                            writer.limit_bytes = SHARED_LIMIT_MB << 20
                            window = 0
                    if helper is not None:
                        if window % CHUNK_DOCS == 0:  # a chunk begins: whose is it?
                            to_helper = not helper.busy()
                        window += 1
                    if helper is not None and to_helper:
                        helped.add(doc.id)
                        try:
                            helper.add(doc)
                        except WorkerFailed as err:
                            failed, helper = helper, None
                            write_here(failed, err)
                    else:
                        writer.add_document(**_fields(doc, spelling))
                    report.added += 1
                else:
                    writer.update_document(**_fields(doc, spelling))
                    report.updated += 1
                written.add(doc.id)
                pending += 1
                if pending >= BATCH_DOCS and not replace_at_end:
                    adopt_helper()
                    writer.commit(merge=False)
                    self._write_meta()
                    writer, pending = None, 0
            adopt_helper()
            if not rebuild:
                gone = [i for i in current if i not in keep]
                if gone and writer is None:
                    writer = FastWriter(ix, limit_bytes=LIMIT_MB << 20)
                for article_id in gone:
                    writer.delete_by_term("id", article_id)
                report.removed = len(gone)
            if replace_at_end:
                # Nothing given at all still replaces: the index is emptied.
                (writer or FastWriter(ix)).commit(mergetype=CLEAR)
            elif writer is not None:
                writer.commit(merge=True)
            writer = None
        finally:
            if helper is not None:
                helper.cancel()
            if writer is not None:  # an error or an interrupt: nothing of this batch is kept
                with contextlib.suppress(Exception):
                    writer.cancel()
        self._write_meta()

    def _create(self) -> Any:
        """An empty index, with whatever was in the folder (but the lock) removed."""
        self.path.mkdir(parents=True, exist_ok=True)
        for entry in self.path.iterdir():
            if entry.name == LOCK_FILE:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    entry.unlink()
        ix = windex.create_in(str(self.path), self._schema)
        self._write_meta()
        return ix

    def _write_meta(self) -> None:
        generation = _generation(self.path)
        files = {}
        for entry in os.scandir(self.path):
            if _SEGMENT_FILE.match(entry.name) or entry.name == f"_MAIN_{generation}.toc":
                files[entry.name] = _fingerprint_file(Path(entry.path))
        meta = {
            "schema": SCHEMA_VERSION,
            "analysis": self._fingerprint,
            "generation": generation,
            "files": files,
        }
        tmp = self.path / f".{META_FILE}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
        os.replace(tmp, self.path / META_FILE)

    def _clear_leftovers(self) -> None:
        """What a killed writer leaves: its pool's temporary folder and half-written TOCs."""
        if not self.path.is_dir():
            return
        for entry in self.path.iterdir():
            if entry.suffix == ".tmp" and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            elif re.match(r"^_MAIN_\d+\.toc\.", entry.name) or entry.name.startswith(
                f".{META_FILE}."
            ):
                with contextlib.suppress(FileNotFoundError):
                    entry.unlink()

    # -- searching --

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        outlet: str | None = None,
        sort: Sort = "relevance",
        today: date | None = None,
        stories: StoryResolver | None = None,
    ) -> SearchResult:
        """The articles matching `query` (see query.py for the language), best first or newest
        first, at most `limit`; `outlet` keeps one outlet's; `stories` resolves `story:`.
        Never raises: whatever could not be searched is said in `message`."""
        started = time.perf_counter()
        text = query if isinstance(query, str) else str(query)
        prefix = ""
        if outlet and outlet.strip():
            prefix = 'outlet:"' + " ".join(outlet.replace('"', " ").split()) + '" '
        parsed = parse(
            prefix + text, self.text_analyzer, self.name_analyzer, today=today, stories=stories
        )
        messages = list(parsed.messages)
        if sort not in ("relevance", "date"):
            messages.append(f'sort must be "relevance" or "date", not {sort!r}; used relevance')
            sort = "relevance"
        limit = max(1, min(int(limit), MAX_LIMIT))

        def result(
            total: int = 0,
            hits: list[Hit] | None = None,
            suggestion: str | None = None,
            all_words: int = 0,
        ) -> SearchResult:
            return SearchResult(
                query=text,
                total=total,
                all_words=all_words,
                took_ms=(time.perf_counter() - started) * 1000,
                suggestion=suggestion,
                hits=hits or [],
                message="; ".join(messages) or None,
            )

        with self._guard:
            if self._ix is None:
                messages.insert(0, self._unavailable())
                return result()
            if parsed.query is None:
                return result()
            try:
                searcher = self._current_searcher()
                found = evaluate.run(
                    searcher,
                    parsed.query,
                    limit,
                    by_date=sort == "date" or not parsed.has_text,
                    published=published_days,
                )
                total = found.total
                hits = [self._hit(searcher, docnum, score, parsed) for docnum, score in found.hits]
                suggestion = self._suggest(searcher, parsed, prefix, today)
            except _BROKEN_FILES as err:
                self._close_searcher()
                self.needs_rebuild = True
                self.problem = (
                    f"the search index in {self.path} is damaged ({_describe(err)}); "
                    "rebuilding it from the articles"
                )
                messages.insert(0, self._unavailable())
                return result()
            except Exception as err:  # never a traceback for a search
                self._close_searcher()
                messages.insert(
                    0,
                    f"the search failed ({_describe(err)}); if this persists, "
                    "`parallax index --rebuild` rebuilds the index",
                )
                return result()
        return result(total, hits, suggestion, found.all_words)

    def related(
        self, terms: Sequence[str], *, near: date | None = None, days: int = 7, limit: int = 30
    ) -> list[str]:
        """Ids of the articles that best match any of `terms` (index terms, as analysed),
        published within `days` of `near` when it is given: candidates for story grouping
        (index/stories). No snippets, no suggestion. [] when there is no index; never raises."""
        if not terms:
            return []
        query: wq.Query = wq.Or([wq.Term("text", t) for t in terms])
        if near is not None:
            day = near.toordinal()
            window = wq.NumericRange("published", day - days, day + days)
            query = wq.And([query, Filter(window)])
        with self._guard:
            if self._ix is None:
                return []
            try:
                searcher = self._current_searcher()
                found = evaluate.run(searcher, query, limit)
                return [searcher.stored_fields(docnum)["id"] for docnum, _ in found.hits]
            except Exception:  # only candidates: without them an article is a story of its own
                self._close_searcher()
                return []

    def _unavailable(self) -> str:
        if self.problem:
            return self.problem.split(";")[0] + "; run `parallax index --rebuild`"
        return "there is no search index yet; run `parallax index` to build it"

    def _current_searcher(self) -> Any:
        if self._searcher is None:
            self._searcher = self._ix.searcher(weighting=_BM25F())
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
        return self._searcher

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            with contextlib.suppress(Exception):
                self._searcher.close()
            self._searcher = None

    def _hit(self, searcher: Any, docnum: int, score: float, parsed: ParsedQuery) -> Hit:
        stored = searcher.stored_fields(docnum)
        packed = stored.get("body")
        body = zlib.decompress(packed).decode("utf-8") if packed else ""
        matches = match_spans(body, self.text_analyzer, parsed.highlight)
        text, inside = snippet(body, matches)
        published = stored.get("published")
        return Hit(
            id=stored["id"],
            title=stored.get("title"),
            outlet=stored.get("outlet"),
            published=date.fromordinal(published) if isinstance(published, int) else None,
            score=float(score or 0.0),
            snippet=text,
            matches=matches,
            snippet_matches=inside,
        )

    # -- did you mean --

    def _suggest(
        self, searcher: Any, parsed: ParsedQuery, prefix: str, today: date | None
    ) -> str | None:
        """The query with each word that finds nothing replaced by the closest word of the
        index's own vocabulary, if that query finds something."""
        reader = searcher.reader()
        missing = [
            w for w in parsed.words
            if not any(reader.doc_frequency(f, w.term) for f in FREE_TEXT)
        ]  # fmt: skip
        if not missing:
            return None
        pieces, last, changed = [], 0, False
        for word in sorted(missing, key=lambda w: w.start):
            better = self._closest(reader, word)
            if better is None:
                continue
            pieces += [parsed.text[last : word.start], _same_case(word.raw, better)]
            last, changed = word.end, True
        if not changed:
            return None
        corrected = "".join(pieces) + parsed.text[last:]
        check = parse(corrected, self.text_analyzer, self.name_analyzer, today=today)
        if check.query is None or not evaluate.run(searcher, check.query, 1).total:
            return None
        return corrected[len(prefix) :] if corrected.startswith(prefix) else corrected

    def _closest(self, reader: Any, word: Word) -> str | None:
        text = word.folded
        if len(text) < 3 or not text.isalpha():
            return None
        maxdist = 1 if len(text) <= 4 else 2
        candidates = self._vocabulary.within(reader, text, maxdist, prefix=1)
        ranked = []
        for candidate in candidates - {text}:
            frequency = reader.doc_frequency("text", porter_stem(candidate))
            if frequency:
                distance = damerau_levenshtein(text, candidate)
                ranked.append((distance, -frequency, candidate))
        return min(ranked)[2] if ranked else None


# ---- helpers ------------------------------------------------------------------------------------


def _generation(path: Path) -> int:
    """The index's latest TOC generation, -1 when there is none."""
    try:
        names = os.listdir(path)
    except OSError:
        return -1
    found = [int(m.group(1)) for m in map(_TOC.match, names) if m]
    return max(found, default=-1)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _describe(err: BaseException) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else ""
    text = text.replace(str(Path.cwd()) + os.sep, "")
    return f"{type(err).__name__}: {text}"[:160] if text else type(err).__name__


def _same_case(typed: str, word: str) -> str:
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
