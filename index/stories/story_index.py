"""The stories of one data folder, kept between runs and brought up to date incrementally.

Two files in the data folder's bookkeeping folder:

    story-features.sqlite per article: its content digest, its `story:` value, its features
                          (features.py), found once per content; and how many articles have
                          each word (for idf), so placing one article reads only the features
                          of its candidates and their stories
    stories.json          the stories as grouped: story id -> label and main articles, and
                          the digests they were grouped from

With no stories.json (or one of another version) every article is grouped at once
(Grouper.cluster). Afterwards only what changed moves: a removed article leaves its story, a
new or changed one is placed among the stories of candidate articles found through the search
index by its distinctive words (`search`), never compared with everything. Story ids stay as
they were made; a story left without articles goes.

Both files are caches: one that cannot be read is rebuilt (and `messages` says so), one that
cannot be written is found again next time.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..analysis import NewsAnalyzer
from ..model import Article
from .features import FEATURES_VERSION, StoryFeatures, features
from .grouping import THRESHOLD, Grouper, MeetingMark
from .stories import story_id

__all__ = ["Grouped", "StoryIndex"]

FEATURES_FILE = "story-features.sqlite"
STORIES_FILE = "stories.json"
# Bump when grouping changes what it finds: stories are then grouped anew.
GROUPING_VERSION = 1
# More new articles than this are placed with an index of their own words, not one search each.
SEARCH_BATCH = 200
CANDIDATES = 30
# Another process grouping stories is waited for this long.
WAIT_SECONDS = 30.0

Loader = Callable[[str], "tuple[Article, str | None] | None"]
# (distinctive words, published, limit) -> ids of articles that have some of them, best first.
Search = Callable[[list[str], "date | None", int], list[str]]


@dataclass
class Grouped:
    """The stories as grouped: story id -> (label, main article ids); the `story:` values;
    each article's published date."""

    groups: dict[str, tuple[str, list[str]]]
    overrides: dict[str, str] = field(default_factory=dict)
    published: dict[str, date | None] = field(default_factory=dict)
    placed: int = 0  # articles placed (not taken as they were) by the last update
    seconds: float = 0.0


class StoryIndex:
    """The stories of one data folder (see the module docstring)."""

    def __init__(self, state_dir: Path, analyzer: NewsAnalyzer) -> None:
        self.features_path = state_dir / FEATURES_FILE
        self.stories_path = state_dir / STORIES_FILE
        self.analyzer = analyzer
        self.version = f"{FEATURES_VERSION}.{GROUPING_VERSION}:{THRESHOLD}"
        self.messages: list[str] = []
        # Seconds spent by the last update: "read" reading new and changed articles and
        # finding their features, "group" grouping or placing them, "place" both, "all" the
        # whole update; "place_cpu" the CPU time of "place".
        self.timing: dict[str, float] = {}

    # -- reading what was kept --

    def grouped(self, digests: Mapping[str, str]) -> Grouped | None:
        """The stories as kept, if they were grouped from exactly these articles."""
        state = self._read_stories()
        if state is None or state.get("key") != self._key(digests):
            return None
        return self._grouped(state)

    # -- bringing up to date --

    def update(
        self,
        digests: Mapping[str, str],
        load: Loader,
        meetings: Mapping[str, MeetingMark] | None = None,
        search: Search | None = None,
    ) -> Grouped:
        """The stories of the articles in `digests` (id -> content digest); `load` gives an
        article and its `story:` value (None if it cannot be read now); `meetings` each
        article's main meeting; `search` finds candidates (see `Search`)."""
        # Millions of small objects (every article's words) and no cycles among them: the
        # cyclic collector would walk them again and again for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._update(digests, load, meetings, search)
        finally:
            if collecting:
                gc.enable()

    def _update(
        self,
        digests: Mapping[str, str],
        load: Loader,
        meetings: Mapping[str, MeetingMark] | None,
        search: Search | None,
    ) -> Grouped:
        started = time.perf_counter()
        self.messages = []
        self.timing = {}
        state = self._read_stories() or {}
        key = self._key(digests)
        if state.get("key") == key:
            return self._grouped(state)
        try:
            store = _FeatureStore(self.features_path, self.version)
        except sqlite3.OperationalError as err:  # busy elsewhere, or unreadable: not damaged
            return self._as_kept(state, err)
        except sqlite3.Error as err:  # damaged: found again from the articles
            self.messages.append(f"{self.features_path} was damaged ({err}); finding stories anew")
            with suppress(OSError):
                self.features_path.unlink()
            store = _FeatureStore(self.features_path, self.version)
        try:
            return self._with_store(store, state, key, digests, load, meetings, search, started)
        except sqlite3.OperationalError as err:
            return self._as_kept(state, err)
        finally:
            store.close()

    def _as_kept(self, state: Mapping[str, Any], err: sqlite3.Error) -> Grouped:
        """The stories as last kept when the features cannot be used now (another process
        holds them longer than WAIT_SECONDS, a read-only folder); StoreError if none were."""
        from ..store import StoreError

        if isinstance(state.get("stories"), dict):
            self.messages.append(
                f"stories not updated ({err} in {self.features_path}); shown as last grouped"
            )
            return self._grouped(state)
        raise StoreError(f"cannot group the stories: {err} in {self.features_path}")

    def _with_store(
        self,
        store: _FeatureStore,
        state: dict[str, Any],
        key: str,
        digests: Mapping[str, str],
        load: Loader,
        meetings: Mapping[str, MeetingMark] | None,
        search: Search | None,
        started: float,
    ) -> Grouped:
        fresh_seconds = fresh_cpu = 0.0
        known = store.entries()
        fresh: dict[str, tuple[str, str | None, StoryFeatures]] = {}
        overrides: dict[str, str] = {}
        changed: list[str] = []
        kept: set[str] = set()
        before = state.get("digests", {}) if isinstance(state.get("digests"), dict) else {}
        published: dict[str, str] = {}
        if isinstance(state.get("published"), dict):
            published = {str(k): str(v) for k, v in state["published"].items()}
        for article_id, digest in digests.items():
            entry = known.get(article_id)
            if entry is not None and entry[0] == digest:
                override = entry[1]
            else:
                fresh_started, fresh_cpu_started = time.perf_counter(), time.process_time()
                loaded = load(article_id)
                if loaded is None:
                    continue
                article, override = loaded
                try:
                    f = features(article, self.analyzer)
                except Exception as err:  # one odd article must not hide every story
                    self.messages.append(
                        f"story of {article_id} not found ({type(err).__name__}: {err}); "
                        "please report this"
                    )
                    continue
                fresh[article_id] = (digest, override, f)
                published.pop(article_id, None)
                if f.published:
                    published[article_id] = f.published.isoformat()
                fresh_seconds += time.perf_counter() - fresh_started
                fresh_cpu += time.process_time() - fresh_cpu_started
            kept.add(article_id)
            if override:
                overrides[article_id] = str(override)
            if before.get(article_id) != digest:
                changed.append(article_id)
        store.write(fresh, [i for i in known if i not in kept])
        published = {i: d for i, d in published.items() if i in kept}
        placing_ids = {i for i in kept if i not in overrides}
        old = state.get("stories") if state.get("version") == self.version else None
        if not isinstance(old, dict) or not old or len(fresh) > SEARCH_BATCH:
            # Every article is compared, or looked up in an index of words of our own: all
            # the features are read at once.
            every = {i: fresh[i][2] for i in placing_ids if i in fresh}
            every.update(store.features(i for i in placing_ids if i not in fresh))
            grouper = Grouper(every, meetings or {})
        else:
            lazy = _Features(placing_ids, store, {i: v[2] for i, v in fresh.items()})
            grouper = Grouper(lazy, meetings or {}, df=store.df(), count=len(kept))
        placing, placing_cpu = time.perf_counter(), time.process_time()
        if not isinstance(old, dict) or not old:
            groups = self._cold(grouper)
            placed = len(grouper.features)
        else:
            groups = self._incremental(grouper, old, changed, meetings or {}, search)
            placed = len([i for i in changed if i in grouper.features])
        self.timing["read"] = fresh_seconds
        self.timing["group"] = time.perf_counter() - placing
        self.timing["place"] = fresh_seconds + self.timing["group"]
        self.timing["place_cpu"] = fresh_cpu + time.process_time() - placing_cpu
        blob = {
            "version": self.version,
            "key": key,
            "digests": {i: d for i, d in digests.items() if i in kept},
            "stories": {sid: [label, ids] for sid, (label, ids) in groups.items()},
            "overrides": overrides,
            "published": published,
        }
        _write_json(self.stories_path, blob)
        out = self._grouped(blob)
        out.placed = placed
        out.seconds = self.timing["all"] = time.perf_counter() - started
        return out

    def _cold(self, grouper: Grouper) -> dict[str, tuple[str, list[str]]]:
        groups: dict[str, tuple[str, list[str]]] = {}
        for members in grouper.cluster(grouper.features):
            label = grouper.label(members)
            sid = story_id(label, _first_day(grouper, members), groups)
            groups[sid] = (label, members)
        return groups

    def _incremental(
        self,
        grouper: Grouper,
        old: Mapping[str, Any],
        changed: list[str],
        meetings: Mapping[str, MeetingMark],
        search: Search | None,
    ) -> dict[str, tuple[str, list[str]]]:
        """The kept stories, with removed and changed articles out and changed ones placed."""
        moving = set(changed)
        # (`old` was checked when read: label and ids of each story.)
        members: dict[str, list[str]] = {str(sid): list(v[1]) for sid, v in old.items()}
        labels: dict[str, str] = {str(sid): str(v[0]) for sid, v in old.items()}
        story_of = {i: sid for sid, ids in members.items() for i in ids}
        touched: set[str] = set()
        features = grouper.features
        present = features.ids if isinstance(features, _Features) else set(features)
        for article_id in moving | (story_of.keys() - present):
            sid = story_of.pop(article_id, None)
            if sid is not None:
                members[sid].remove(article_id)
                touched.add(sid)
        for sid in [sid for sid in touched if not members[sid]]:
            del members[sid]
        # An override lifted, or an article the old state missed.
        moving |= present - story_of.keys()
        order = sorted(
            (i for i in moving if i in grouper.features),
            key=lambda i: (grouper.features[i].published or date.max, i),
        )
        # Candidates: the search index per article, or for a big batch an index of our own.
        batch: dict[str, list[str]] = {}
        if search is None or len(order) > SEARCH_BATCH:
            for a, b in grouper.candidate_pairs(grouper.features):
                if a in moving:
                    batch.setdefault(a, []).append(b)
                if b in moving:
                    batch.setdefault(b, []).append(a)
        same_meeting: dict[str, list[str]] = {}
        for i, mark in meetings.items():
            same_meeting.setdefault(mark.id, []).append(i)
        for article_id in order:
            if search is not None and len(order) <= SEARCH_BATCH:
                f = grouper.features[article_id]
                candidates = search(grouper.distinctive(article_id), f.published, CANDIDATES)
            else:
                candidates = batch.get(article_id, [])
            mark = meetings.get(article_id)
            if mark is not None:
                candidates = [*same_meeting.get(mark.id, ()), *candidates]
            best = grouper.best_story(
                article_id, candidates, story_of, lambda sid: members.get(sid, ())
            )
            if best is None:
                label = grouper.label([article_id])
                best = story_id(label, grouper.features[article_id].published, members)
                members[best], labels[best] = [], label
            members[best].append(article_id)
            story_of[article_id] = best
            touched.add(best)
        for sid in touched:
            if members.get(sid):
                members[sid].sort()
                labels[sid] = grouper.label(members[sid])
        return {sid: (labels[sid], ids) for sid, ids in members.items() if ids}

    # -- files --

    def _grouped(self, state: Mapping[str, Any]) -> Grouped:
        groups = {
            str(sid): (str(v[0]), [str(i) for i in v[1]]) for sid, v in state["stories"].items()
        }
        published = {str(i): date.fromisoformat(d) for i, d in state.get("published", {}).items()}
        overrides = {str(k): str(v) for k, v in state.get("overrides", {}).items()}
        return Grouped(groups, overrides, published)

    def _key(self, digests: Mapping[str, str]) -> str:
        text = json.dumps([self.version, sorted(digests.items())], separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def _read_stories(self) -> dict[str, Any] | None:
        data = self._read(self.stories_path, "stories")
        if data is None or not isinstance(data.get("stories"), dict):
            return None
        try:
            self._grouped(data)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            self.messages.append(f"{self.stories_path} was damaged; grouping stories anew")
            return None
        return data

    def _read(self, path: Path, what: str) -> dict[str, Any] | None:
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as err:
            self.messages.append(f"cannot read {path} ({err.strerror}); finding {what} anew")
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            self.messages.append(f"{path} was damaged; finding {what} anew")
            return None
        return data if isinstance(data, dict) else None


class _FeatureStore:
    """The features of every article in one SQLite file, with each word's article count."""

    def __init__(self, path: Path, version: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=WAIT_SECONDS)
        try:
            self.db.executescript(
                """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS article (
                    id TEXT PRIMARY KEY, digest TEXT, override TEXT, data TEXT);
                CREATE TABLE IF NOT EXISTS df (term TEXT PRIMARY KEY, n INTEGER);"""
            )
            row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != version:  # another version found other features
                with self.db:
                    self.db.execute("DELETE FROM article")
                    self.db.execute("DELETE FROM df")
                    self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
        except sqlite3.Error:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def entries(self) -> dict[str, tuple[str, str | None]]:
        """article id -> (content digest, `story:` value)."""
        rows = self.db.execute("SELECT id, digest, override FROM article")
        return {i: (d, o) for i, d, o in rows}

    def features(self, ids: Iterable[str]) -> dict[str, StoryFeatures]:
        wanted = list(ids)
        out: dict[str, StoryFeatures] = {}
        for n in range(0, len(wanted), 500):
            chunk = wanted[n : n + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT id, data FROM article WHERE id IN ({marks})", chunk)
            for article_id, data in rows:
                out[article_id] = StoryFeatures.from_json(json.loads(data))
        return out

    def df(self) -> _Frequencies:
        return _Frequencies(self.db)

    def write(
        self, fresh: Mapping[str, tuple[str, str | None, StoryFeatures]], gone: Iterable[str]
    ) -> None:
        """Keep the new and changed articles' features, forget the removed ones'; the word
        counts follow."""
        delta: Counter[str] = Counter()
        leaving = [*fresh, *gone]
        for old in self.features(leaving).values():
            delta.subtract(old.terms.keys())
        for _, _, f in fresh.values():
            delta.update(f.terms.keys())
        with self.db:
            self.db.executemany("DELETE FROM article WHERE id = ?", [(i,) for i in leaving])
            self.db.executemany(
                "INSERT INTO article VALUES (?, ?, ?, ?)",
                [
                    (i, d, o, json.dumps(f.to_json(), ensure_ascii=False, separators=(",", ":")))
                    for i, (d, o, f) in fresh.items()
                ],
            )
            self.db.executemany(
                "INSERT INTO df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
                [(t, n) for t, n in delta.items() if n],
            )
            self.db.execute("DELETE FROM df WHERE n <= 0")


class _Frequencies(Mapping[str, int]):
    """How many articles have each word, read from the store as asked (`prefetch` many)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.known: dict[str, int] = {}

    def prefetch(self, terms: Iterable[str]) -> None:
        wanted = [t for t in terms if t not in self.known]
        for n in range(0, len(wanted), 500):
            chunk = wanted[n : n + 500]
            self.known.update(dict.fromkeys(chunk, 0))
            marks = ",".join("?" * len(chunk))
            self.known.update(
                self.db.execute(f"SELECT term, n FROM df WHERE term IN ({marks})", chunk)
            )

    def __getitem__(self, term: str) -> int:
        if term not in self.known:
            self.prefetch([term])
        return self.known[term]

    def __iter__(self) -> Iterator[str]:
        return iter(self.known)

    def __len__(self) -> int:
        return len(self.known)


class _Features(Mapping[str, StoryFeatures]):
    """The features of the articles being grouped, read from the store when first asked."""

    def __init__(
        self, ids: set[str], store: _FeatureStore, known: Mapping[str, StoryFeatures]
    ) -> None:
        self.ids = ids
        self.store = store
        self.known = {i: f for i, f in known.items() if i in ids}

    def preload(self, ids: Iterable[str]) -> None:
        self.known.update(
            self.store.features(i for i in ids if i in self.ids and i not in self.known)
        )

    def __getitem__(self, article_id: str) -> StoryFeatures:
        if article_id not in self.known:
            if article_id not in self.ids:
                raise KeyError(article_id)
            self.preload([article_id])
        return self.known[article_id]

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.ids

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.ids))

    def __len__(self) -> int:
        return len(self.ids)


def _first_day(grouper: Grouper, ids: Iterable[str]) -> date | None:
    days = [d for d in (grouper.features[i].published for i in ids) if d]
    return min(days) if days else None


def _write_json(path: Path, value: object) -> None:
    with suppress(OSError):  # only a cache: the next run finds it again
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), "utf-8")
        os.replace(tmp, path)
