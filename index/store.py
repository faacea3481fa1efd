"""The article store: `<data_dir>/articles/<id>.md` plus bookkeeping in `<data_dir>/.parallax/`.

Each article is Markdown with YAML front matter, written for people: they may edit it by hand.
The bookkeeping (one JSON file) remembers which source file made which article, and what the
cleaner last generated for each article, so a hand edit shows as "stored value != generated
value" and survives every later run. Copies of one page (exact, or one body's 5-word shingles
at least 90% inside the other's) merge into one article when their outlets agree.

Safety: files are written whole to a temporary name and renamed into place; a file whose front
matter cannot be parsed is reported and never overwritten or deleted; the bookkeeping is only
written when an article changed (or an article file it did not know was taken in).

Several writers (two `add` runs, `fetch` while the reader syncs): each article's check-and-write
runs inside `writing()`, which holds the store lock (index/lock.py) for that one article, first
catches up with what other processes wrote, and appends what it changed to a journal
(`.parallax/store.journal`, one JSON line per article) before letting go. `save()` folds the
journal into store.json. So writers at once end exactly as one after the other would.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import os
import re
import time
import unicodedata
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from .lock import StoreBusy, StoreLock
from .model import METADATA_FIELDS, Article, ArticleSummary, Source

__all__ = [
    "ArticleStore",
    "ArticleSummary",
    "BrokenArticleError",
    "PutResult",
    "StoreError",
    "StoredArticle",
    "UnknownArticleError",
    "article_id_base",
    "read_article",
    "shingle_hashes",
    "slugify",
]

ARTICLES_DIR = "articles"
STATE_DIR = ".parallax"
STATE_FILE = "store.json"
JOURNAL_FILE = "store.journal"
LOCK_FILE = "store.lock"
# The journal is folded into store.json past this size even mid-run (a reader replays it).
JOURNAL_MAX_BYTES = 4 * 1024 * 1024
STATE_VERSION = 1

MAX_ID_LENGTH = 64
SHINGLE_WORDS = 5
CONTAINMENT = 0.9
# Below this many shingles a body is too short for containment to mean "the same page"
# ("Read more on our website" sits inside every article); only an exact match merges it.
MIN_SHINGLES_FOR_CONTAINMENT = 20
# The near-duplicate index keeps the shingle hashes below SAMPLE_BELOW (1/32 of them), plus
# the SAMPLE_MIN smallest so short bodies are findable too: ~3% of a body, found in O(its length).
SAMPLE_BELOW = 1 << 59
SAMPLE_MIN = 4
MAX_CANDIDATES = 8

Status = Literal["added", "merged", "unchanged", "updated", "failed"]


class StoreError(Exception):
    """The store cannot be written (disk full, permissions). `str()` is one line."""


class UnknownArticleError(KeyError):
    """No article has this id. `str()` is one line, suggesting close ids."""

    def __str__(self) -> str:
        return str(self.args[0])


class BrokenArticleError(Exception):
    """The article's file has front matter that cannot be parsed. `str()` is one line."""


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its front matter, its body, and where its file is."""

    id: str
    path: Path
    article: Article
    # Front matter keys Parallax does not know (a user's `tags:`, say), kept as written.
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.article.body

    def front_matter(self) -> dict[str, Any]:
        """The front matter in file order: metadata (dates as YYYY-MM-DD), words, sources,
        then the user's own keys as written."""
        return _front_matter(self.article, self.extra)

    def to_json(self) -> dict[str, Any]:
        """The front matter fields plus `body` (the `parallax show --json` contract)."""
        return {**_json_ready(self.front_matter()), "body": self.body}


@dataclass(frozen=True)
class PutResult:
    """What happened to one source: its status, the article it went to, and why if it failed."""

    status: Status
    article_id: str | None = None
    reason: str | None = None


# ---- ids ------------------------------------------------------------------------------------

# Letters NFKD does not decompose into ASCII.
_TRANSLIT = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l",
     "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "Þ": "th", "ı": "i", "&": " and "}
)  # fmt: skip
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼ](?=\w)")
# Where a headline's first sentence ends ("…in Istanbul. Putin accuses…"); not commas or
# colons, which end kickers ("Türkiye: talks…") and would leave too little of the title.
_SENTENCE_END = re.compile(r"[.!?]$")
_DASH_TOKEN = re.compile(r"^[-–—|]+$")
_DANGLING = frozenset(
    "a an and as at but by for from in into of on or over the to under up with".split()
)


def _ascii_words(text: str) -> list[str]:
    text = _APOSTROPHES.sub("", text.translate(_TRANSLIT))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.findall(r"[a-z0-9]+", text)


def slugify(text: str) -> str:
    """The lowercase ASCII words joined by "-": "Hürriyet Daily News" -> "hurriyet-daily-news"."""
    return "-".join(_ascii_words(text))


def _slug_parts(text: str) -> list[tuple[str, bool]]:
    """(word, a sentence ends after it) for each ASCII word of `text`."""
    parts: list[tuple[str, bool]] = []
    tokens = text.split()
    for i, token in enumerate(tokens):
        words = _ascii_words(token)
        if not words:
            if parts and _DASH_TOKEN.match(token):
                parts[-1] = (parts[-1][0], True)
            continue
        clause_end = bool(_SENTENCE_END.search(token)) or (
            i + 1 < len(tokens) and bool(_DASH_TOKEN.match(tokens[i + 1]))
        )
        parts.extend((w, False) for w in words[:-1])
        parts.append((words[-1], clause_end))
    return parts


def _cut(parts: list[tuple[str, bool]], limit: int) -> str:
    """Words joined by "-", at most `limit` characters, cut at a word boundary; a sentence end
    in the last 40% of the limit is preferred, so an id reads as a phrase."""
    joined = "-".join(w for w, _ in parts)
    if len(joined) <= limit:
        return joined
    length, best, best_clause = 0, 0, 0
    for i, (word, clause_end) in enumerate(parts):
        length += len(word) + (1 if i else 0)
        if length > limit:
            break
        best = i + 1
        if clause_end and length >= limit * 0.6:
            best_clause = i + 1
    if best == 0:  # one word longer than the limit
        return parts[0][0][:limit]
    kept = parts[: best_clause or best]
    # "…-meet-in-istanbul", not "…-meet-in-istanbul-for": a cut title ends on a content word.
    while len(kept) > 1 and kept[-1][0] in _DANGLING:
        kept.pop()
    return "-".join(w for w, _ in kept)


def article_id_base(article: Article) -> str:
    """The readable id an article would get before collisions: `outlet-title`, lowercase ASCII,
    at most 64 characters. No outlet: the title alone; no title: the first words of the body."""
    lead = article.title
    if not lead:
        first = next((p for p in article.paragraphs if p.strip()), "")
        lead = " ".join(first.split()[:12])
    parts = _slug_parts(lead or "")
    if article.outlet:
        outlet = [(w, False) for w in _ascii_words(article.outlet)]
        if outlet and parts:
            outlet[-1] = (outlet[-1][0], True)
        parts = outlet + parts
    return _cut(parts, MAX_ID_LENGTH) or "article"


# ---- duplicates -----------------------------------------------------------------------------


def _normalised_words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


_MASK64 = (1 << 64) - 1
_FNV_PRIME = 0x100000001B3


@lru_cache(maxsize=16)  # one body is hashed to find its copies, then again to index it
def shingle_hashes(text: str) -> frozenset[int]:
    """Stable 64-bit hashes of the 5-word shingles of `text` (case and punctuation ignored)."""
    words = [zlib.crc32(w.encode()) for w in _normalised_words(text)]
    if 0 < len(words) < SHINGLE_WORDS:
        words += [0] * (SHINGLE_WORDS - len(words))  # a text this short is one shingle
    p = _FNV_PRIME
    # Word hashes (crc32: stable across runs, unlike hash()) combined FNV-style; the last
    # multiply carries every word into the high bits, which pick the sample.
    return frozenset(
        (((((a * p ^ b) * p ^ c) * p ^ d) * p ^ e) * p) & _MASK64
        for a, b, c, d, e in zip(words, words[1:], words[2:], words[3:], words[4:], strict=False)
    )


def _body_key(text: str) -> str:
    return hashlib.sha256(" ".join(_normalised_words(text)).encode()).hexdigest()


def _sample(shingles: frozenset[int]) -> list[int]:
    picked = {h for h in shingles if h < SAMPLE_BELOW}
    picked.update(sorted(shingles)[:SAMPLE_MIN])
    return sorted(picked)


def _contained(a: frozenset[int], b: frozenset[int]) -> float:
    """How much of the smaller set lies inside the larger (0 when either is too short)."""
    smaller = min(len(a), len(b))
    if smaller < MIN_SHINGLES_FOR_CONTAINMENT:
        return 0.0
    return len(a & b) / smaller


def _is_copy(a: str, b: str) -> bool:
    """Whether two bodies are copies of one text: the same words, or 90% shingle containment."""
    if _body_key(a) == _body_key(b):
        return True
    return _contained(shingle_hashes(a), shingle_hashes(b)) >= CONTAINMENT


def _outlets_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.casefold().strip() == b.casefold().strip()


# ---- files ----------------------------------------------------------------------------------


class _Handler(YAMLHandler):
    """python-frontmatter's YAML handler with libyaml (fast on 10k files) when available."""

    def load(self, fm: str, **kwargs: object) -> Any:
        kwargs.setdefault("Loader", getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return super().load(fm, **kwargs)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        kwargs.setdefault("Dumper", getattr(yaml, "CSafeDumper", yaml.SafeDumper))
        kwargs.setdefault("sort_keys", False)
        kwargs.setdefault("width", 1_000_000)  # one line per value: easier to edit by hand
        return super().export(metadata, **kwargs)


_HANDLER = _Handler()
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KNOWN_KEYS = frozenset((*METADATA_FIELDS, "words", "sources"))
_ID_CHARS = re.compile(r"^[\w][\w.-]*$")


class _Broken(Exception):
    """A file's front matter cannot be used (the message says why, without the path)."""


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _BLANK_LINE.split(text.replace("\r\n", "\n").strip()) if p.strip()]


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _normalised(article: Article, source: Source) -> Article:
    """A copy of `article` as it will read back from its file: trimmed text, one source."""
    out = Article(paragraphs=_paragraphs(article.body), sources=[source])
    for name in METADATA_FIELDS:
        setattr(out, name, _clean_value(getattr(article, name)))
    return out


def _generated_values(article: Article) -> dict[str, Any]:
    """The article's metadata as JSON values plus a hash of its body: what "generated" means."""
    values = {k: _clean_value(v) for k, v in article.metadata().items()}
    values["body"] = _body_hash(article.paragraphs)
    return values


def _body_hash(paragraphs: list[str]) -> str:
    return hashlib.sha256("\n\n".join(paragraphs).encode()).hexdigest()


def _front_matter(article: Article, extra: Mapping[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = dict(article.metadata())
    meta["words"] = article.words
    meta["sources"] = [{"path": s.path, "sha256": s.sha256} for s in article.sources]
    meta.update({k: v for k, v in extra.items() if k not in _KNOWN_KEYS})
    return meta


def _json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _render(article: Article, extra: Mapping[str, Any]) -> str:
    post = frontmatter.Post(article.body)
    post.metadata.update(_front_matter(article, extra))
    return frontmatter.dumps(post, handler=_HANDLER) + "\n"


def _parse(text: str) -> tuple[Article, dict[str, Any]]:
    """The article in a stored file's text; _Broken if its front matter is unusable."""
    text = text.lstrip("\ufeff")
    if not _HANDLER.detect(text):
        raise _Broken("no front matter (the file must start with a --- line)")
    try:
        fm, content = _HANDLER.split(text)
    except ValueError:
        raise _Broken("front matter is not closed by a --- line") from None
    try:
        meta = _HANDLER.load(fm)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or type(err).__name__
        raise _Broken(f"front matter is not valid YAML{where} ({problem})") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _Broken("front matter must be `key: value` lines")
    article = Article(paragraphs=_paragraphs(content))
    for name in METADATA_FIELDS:
        value = meta.get(name)
        if name == "published":
            setattr(article, name, _read_date(value))
            continue
        if isinstance(value, bool) or not (value is None or isinstance(value, (str, int, float))):
            raise _Broken(f'field "{name}" must be text (quote it)')
        setattr(article, name, _clean_value(None if value is None else str(value)))
    article.sources = _read_sources(meta.get("sources"))
    extra = {str(k): v for k, v in meta.items() if k not in _KNOWN_KEYS}
    return article, extra


def _read_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        with suppress(ValueError):
            return date.fromisoformat(value.strip())
    raise _Broken('field "published" must be a date like 2025-02-27, or null')


def _read_sources(value: Any) -> list[Source]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Broken('field "sources" must be a list of {path, sha256}')
    sources = []
    for item in value:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("path"), str)
            or not isinstance(item.get("sha256"), str)
        ):
            raise _Broken('field "sources" must be a list of {path, sha256}')
        sources.append(Source(item["path"], item["sha256"]))
    return sources


_temp_counter = itertools.count()


def _write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{next(_temp_counter)}.tmp")
    try:
        # os.open with 0o666 lets the umask decide permissions, as for any file the user makes.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def _stat_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def read_article(data_dir: Path, article_id: str) -> StoredArticle:
    """One stored article read straight from its file, without the store's bookkeeping: what
    a process that must stay quick (the reader's screen) uses while another one writes.
    UnknownArticleError or BrokenArticleError (one line) otherwise."""
    path = Path(data_dir) / ARTICLES_DIR / f"{article_id}.md"
    if not _ID_CHARS.match(article_id) or not path.is_file():
        raise UnknownArticleError(
            f'no article "{article_id}"; run `parallax articles` to list them'
        )
    try:
        article, extra = _parse(path.read_text(encoding="utf-8"))
    except (_Broken, OSError, UnicodeDecodeError) as err:
        if isinstance(err, UnicodeDecodeError):
            why = "not UTF-8 text"
        elif isinstance(err, OSError):
            why = f"cannot read it ({(err.strerror or type(err).__name__).lower()})"
        else:
            why = str(err)
        raise BrokenArticleError(
            f"{path}: {why}; fix it with `parallax edit {article_id}`"
        ) from None
    return StoredArticle(article_id, path, article, extra)


# ---- the store ------------------------------------------------------------------------------


class _Tracked(dict):  # type: ignore[type-arg]
    """A dict that remembers which keys were set or removed since `dirty` was last cleared."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.dirty: set[Any] = set()

    def __setitem__(self, key: Any, value: Any) -> None:
        self.dirty.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self.dirty.add(key)
        super().__delitem__(key)

    def pop(self, key: Any, *default: Any) -> Any:
        self.dirty.add(key)
        return super().pop(key, *default)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self.dirty.add(key)
        return super().setdefault(key, default)

    def changes(self, encode: Any = lambda v: v) -> dict[str, Any]:
        """{key: value, or None when removed} for the dirty keys."""
        return {k: (encode(self[k]) if k in self else None) for k in self.dirty}

    def apply(self, changes: Mapping[str, Any], decode: Any = lambda v: v) -> None:
        """Take in another writer's changes (not marked dirty: they are on disk already)."""
        for key, value in changes.items():
            if value is None:
                super().pop(key, None)
            else:
                super().__setitem__(key, decode(value))
            self.dirty.discard(key)


def _file_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass
class _Record:
    """Bookkeeping for one article."""

    # What the cleaner last produced for it (metadata as JSON values, "body": body hash).
    generated: dict[str, Any]
    # The source whose body the article carries (merges keep the copy with more metadata).
    body_source: str | None
    # (size, mtime_ns) of the .md when last written or read: a difference means a hand edit.
    file: tuple[int, int] | None
    # The stored front matter, for listing without parsing every file.
    summary: dict[str, Any]
    body_key: str
    shingles: int
    sample: list[int]

    def to_json(self) -> dict[str, Any]:
        return {
            "generated": self.generated,
            "body_source": self.body_source,
            "file": list(self.file) if self.file else None,
            "summary": self.summary,
            "body_key": self.body_key,
            "shingles": self.shingles,
            "sample": self.sample,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Record:
        file = data.get("file")
        return cls(
            generated=dict(data["generated"]),
            body_source=data.get("body_source"),
            file=(int(file[0]), int(file[1])) if file else None,
            summary=dict(data["summary"]),
            body_key=str(data["body_key"]),
            shingles=int(data["shingles"]),
            sample=[int(h) for h in data["sample"]],
        )


class ArticleStore:
    """The articles in one data folder. Not thread-safe: use it from one thread at a time."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.articles_dir = data_dir / ARTICLES_DIR
        self.state_path = data_dir / STATE_DIR / STATE_FILE
        self.journal_path = data_dir / STATE_DIR / JOURNAL_FILE
        self._lock = StoreLock(data_dir / STATE_DIR / LOCK_FILE)
        # One line per file that could not be used (broken front matter, unreadable bookkeeping).
        self.problems: list[str] = []
        self._records: _Tracked = _Tracked()
        self._by_sha: _Tracked = _Tracked()
        self._paths: _Tracked = _Tracked()
        # What of the bookkeeping on disk this object has taken in: store.json's identity and
        # how far into the journal it has read.
        self._state_key: tuple[int, int, int] | None = None
        self._journal_pos = 0
        # The duplicate index (body key and shingle sample -> ids), built on first need: listing
        # and reading never pay for it.
        self._indexed = False
        self._by_body_key: dict[str, list[str]] = {}
        self._postings: dict[int, list[str]] = {}
        self._broken: dict[str, str] = {}  # id -> why its file cannot be used
        self._stale: set[str] = set()  # ids whose file changed since we last read it
        self._state_unreadable = False
        self._changed = False  # an article file was written: the bookkeeping must follow
        self._load_state()
        self._replay_journal()
        self._scan()

    # -- loading --

    def _load_state(self) -> None:
        self._state_key = _file_key(self.state_path)
        self._journal_pos = 0
        try:
            raw = self.state_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as err:
            raise StoreError(
                f"cannot read {self.state_path}: {(err.strerror or type(err).__name__).lower()}; "
                "check the data folder's permissions"
            ) from None
        try:
            data = json.loads(raw)
            if data.get("version") != STATE_VERSION:
                raise ValueError(f"unknown version {data.get('version')!r}")
            records = {str(k): _Record.from_json(v) for k, v in data["articles"].items()}
            by_sha = {str(k): str(v) for k, v in data["sources"].items()}
            paths = {str(k): dict(v) for k, v in data["paths"].items()}
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as err:
            self._state_unreadable = True
            self._problem(
                f"{self.state_path}: bookkeeping is unreadable ({err}); rebuilding it from the "
                "article files (hand edits made before now count as generated values)"
            )
            return
        self._records, self._by_sha, self._paths = (
            _Tracked(records),
            _Tracked(by_sha),
            _Tracked(paths),
        )

    def _replay_journal(self) -> bool:
        """Take in the journal lines other writers appended since we last read; False if the
        journal is shorter than what we read (it was folded: reload everything)."""
        try:
            with open(self.journal_path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                if handle.tell() < self._journal_pos:
                    return False
                handle.seek(self._journal_pos)
                tail = handle.read()
        except FileNotFoundError:
            return self._journal_pos == 0
        except OSError:
            return True
        end = tail.rfind(b"\n") + 1  # a line still being written waits for the next read
        for line in tail[:end].splitlines():
            with suppress(ValueError, TypeError, KeyError, AttributeError):
                self._apply_entry(json.loads(line))
        self._journal_pos += end
        return True

    def _apply_entry(self, entry: dict[str, Any]) -> None:
        records = entry.get("records", {})
        for article_id in records:
            self._unindex(article_id)
        self._records.apply(records, _Record.from_json)
        for article_id in records:
            record = self._records.get(article_id)
            self._stale.discard(article_id)
            self._broken.pop(article_id, None)
            if record is not None:
                self._index(article_id, record)
        self._by_sha.apply(entry.get("sources", {}))
        self._paths.apply(entry.get("paths", {}))

    def refresh(self) -> None:
        """Catch up with what other processes stored since this store was opened or last
        refreshed: cheap (a stat and the journal's new lines) when nothing changed."""
        if _file_key(self.state_path) == self._state_key and self._replay_journal():
            return
        # store.json was rewritten (another writer folded the journal): read it all again.
        self._records, self._by_sha, self._paths = _Tracked(), _Tracked(), _Tracked()
        self._indexed = False
        self._by_body_key, self._postings = {}, {}
        self._broken, self._stale = {}, set()
        self._state_unreadable = False
        self._load_state()
        self._replay_journal()
        self._scan()

    def _hold_lock(self) -> None:
        try:
            self._lock.hold()
        except StoreBusy as err:
            raise StoreError(str(err)) from None
        except OSError as err:
            reason = (err.strerror or type(err).__name__).lower()
            raise StoreError(
                f"cannot lock {self._lock.path}: {reason}; check the data folder's permissions"
            ) from None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store lock for one article's check-and-write: catch up with other writers
        first, journal what changed before letting go. StoreError if the lock cannot be had."""
        self._hold_lock()
        with self._lock:
            self.refresh()
            try:
                yield
            finally:
                self._write_journal()

    def _write_journal(self) -> None:
        entry = {
            "records": self._records.changes(lambda r: r.to_json()),
            "sources": self._by_sha.changes(),
            "paths": self._paths.changes(),
        }
        if not any(entry.values()):
            return
        line = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        try:
            self.journal_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.journal_path, "ab") as handle:
                start = handle.tell()
                if start > 0:  # a line a killed writer left unfinished is closed first
                    with open(self.journal_path, "rb") as check:
                        check.seek(-1, os.SEEK_END)
                        if check.read(1) != b"\n":
                            line = b"\n" + line
                handle.write(line)
                if start == self._journal_pos:  # else lines of others wait to be replayed
                    self._journal_pos = handle.tell()
        except OSError as err:
            reason = (err.strerror or type(err).__name__).lower()
            raise StoreError(
                f"cannot write {self.journal_path}: {reason}; check free space and permissions"
            ) from None
        for table in (self._records, self._by_sha, self._paths):
            table.dirty.clear()
        self._changed = True

    def _scan(self) -> None:
        """Reconcile the bookkeeping with the files on disk: gone, changed and new files."""
        on_disk: dict[str, tuple[int, int] | None] = {}
        with suppress(FileNotFoundError):
            for entry in os.scandir(self.articles_dir):
                if (
                    entry.name.endswith(".md")
                    and not entry.name.startswith(".")
                    and entry.is_file()
                ):
                    st = entry.stat()
                    on_disk[entry.name[:-3]] = (st.st_size, st.st_mtime_ns)
        self._forget({i for i in list(self._records) if i not in on_disk})  # the user deleted
        for article_id, key in on_disk.items():
            record = self._records.get(article_id)
            if record is None:
                self._adopt(article_id)
            elif record.file != key:
                self._stale.add(article_id)

    def _adopt(self, article_id: str) -> None:
        """Take in an article file the bookkeeping does not know (hand-made, or after a crash)."""
        try:
            article, _ = self._read_file(article_id)
        except _Broken:
            return
        record = self._new_record(article, _generated_values(article), body_source=None)
        record.file = _stat_key(self.path_of(article_id))
        self._records[article_id] = record
        for source in article.sources:
            self._by_sha.setdefault(source.sha256, article_id)
        self._changed = True  # keep what was learnt, so the next open need not parse it again

    def _forget(self, gone: set[str]) -> None:
        for article_id in gone:
            self._unindex(article_id)
            self._records.pop(article_id, None)
        if gone:
            for sha in [sha for sha, i in self._by_sha.items() if i in gone]:
                del self._by_sha[sha]

    def _ensure_index(self) -> None:
        if not self._indexed:
            self._indexed = True
            for article_id, record in self._records.items():
                self._index(article_id, record)

    def _index(self, article_id: str, record: _Record) -> None:
        if not self._indexed:
            return
        self._by_body_key.setdefault(record.body_key, []).append(article_id)
        for h in record.sample:
            self._postings.setdefault(h, []).append(article_id)

    def _unindex(self, article_id: str) -> None:
        record = self._records.get(article_id)
        if record is None or not self._indexed:
            return
        for table, keys in (
            (self._by_body_key, [record.body_key]),
            (self._postings, record.sample),
        ):
            for key in keys:
                ids = table.get(key)
                if ids and article_id in ids:
                    ids.remove(article_id)
                    if not ids:
                        del table[key]

    def _new_record(
        self, article: Article, generated: dict[str, Any], body_source: str | None
    ) -> _Record:
        shingles = shingle_hashes(article.body)
        return _Record(
            generated=generated,
            body_source=body_source,
            file=None,
            summary=_json_ready(_front_matter(article, {})),
            body_key=_body_key(article.body),
            shingles=len(shingles),
            sample=_sample(shingles),
        )

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    # -- reading --

    def path_of(self, article_id: str) -> Path:
        """Where the article's file is (whether or not it exists)."""
        return self.articles_dir / f"{article_id}.md"

    def ids(self) -> list[str]:
        """Every article id, broken files included, sorted."""
        return sorted(set(self._records) | set(self._broken))

    def _read_file(self, article_id: str) -> tuple[Article, dict[str, Any]]:
        path = self.path_of(article_id)
        try:
            text = path.read_text(encoding="utf-8")
            article, extra = _parse(text)
        except (_Broken, OSError, UnicodeDecodeError) as err:
            if isinstance(err, UnicodeDecodeError):
                why = "not UTF-8 text"
            elif isinstance(err, OSError):
                why = f"cannot read it ({(err.strerror or type(err).__name__).lower()})"
            else:
                why = str(err)
            message = f"{path}: {why}; fix it with `parallax edit {article_id}`"
            self._broken[article_id] = message
            self._problem(message)
            raise _Broken(message) from None
        self._broken.pop(article_id, None)
        return article, extra

    def _current(self, article_id: str) -> StoredArticle:
        """The article as its file says now; refreshes the cached summary if it was edited."""
        article, extra = self._read_file(article_id)
        record = self._records.get(article_id)
        if record is not None and record.file != _stat_key(self.path_of(article_id)):
            self._unindex(article_id)
            fresh = self._new_record(article, record.generated, record.body_source)
            fresh.file = _stat_key(self.path_of(article_id))
            self._records[article_id] = fresh
            self._index(article_id, fresh)
            self._stale.discard(article_id)
        return StoredArticle(article_id, self.path_of(article_id), article, extra)

    def get(self, article_id: str) -> StoredArticle:
        """The stored article; UnknownArticleError or BrokenArticleError (one line) otherwise."""
        self.refresh()
        known = article_id in self._records or article_id in self._broken
        if not _ID_CHARS.match(article_id) or not (known or self.path_of(article_id).is_file()):
            raise UnknownArticleError(self._unknown_message(article_id))
        try:
            return self._current(article_id)
        except _Broken as err:
            raise BrokenArticleError(str(err)) from None

    def set_extra(self, article_id: str, key: str, value: object) -> None:
        """Set one of the user's own front matter keys (`story:`, say) in an article's file,
        everything else kept as it is; UnknownArticleError or BrokenArticleError otherwise
        (StoreError if the store lock cannot be had)."""
        with self.writing():  # one writer at a time, as for any other change
            stored = self.get(article_id)
            extra = dict(stored.extra)
            extra[key] = value
            self._write(article_id, stored.article, extra)
        self.save()

    def _unknown_message(self, article_id: str) -> str:
        ids = self.ids()
        close = [i for i in ids if article_id and article_id in i][:3]
        close += [
            i for i in difflib.get_close_matches(article_id, ids, n=3, cutoff=0.5) if i not in close
        ]
        hint = "did you mean " + ", ".join(f'"{i}"' for i in close[:3]) + "? " if close else ""
        return f'no article "{article_id}"; {hint}run `parallax articles` to list them'

    def summaries(self) -> list[ArticleSummary]:
        """Every readable article; broken files are left out and reported in `problems`."""
        self.refresh()
        out = []
        for article_id in sorted(self._records):
            if article_id in self._stale or article_id in self._broken:
                try:
                    self._current(article_id)
                except _Broken:
                    continue
            s = self._records[article_id].summary
            out.append(
                ArticleSummary(
                    id=article_id,
                    title=s.get("title"),
                    outlet=s.get("outlet"),
                    published=date.fromisoformat(s["published"]) if s.get("published") else None,
                    author=s.get("author"),
                    agency=s.get("agency"),
                    sources=tuple(Source(x["path"], x["sha256"]) for x in s.get("sources", [])),
                    words=int(s.get("words") or 0),
                )
            )
        return out

    # -- adding --

    def unchanged_source(self, path: str, size: int, mtime_ns: int) -> str | None:
        """The article id if `path` was stored with this size and mtime (no need to read it)."""
        seen = self._paths.get(path)
        if not seen or seen.get("size") != size or seen.get("mtime_ns") != mtime_ns:
            return None
        article_id = self._by_sha.get(seen["sha256"])
        return article_id if article_id in self._records else None

    def known_source(self, path: str, sha: str, size: int, mtime_ns: int) -> PutResult | None:
        """The outcome for bytes already stored (unchanged, or a copy at a new path merged),
        or None if these bytes are new and must be cleaned and put."""
        article_id = self._by_sha.get(sha)
        if article_id is None or article_id not in self._records:
            return None
        seen = self._paths.get(path)
        self._paths[path] = {"sha256": sha, "size": size, "mtime_ns": mtime_ns}
        if seen and seen.get("sha256") == sha:
            return PutResult("unchanged", article_id)
        try:
            stored = self._current(article_id)
        except _Broken as err:
            return self._failed_on_broken(path, seen, err)
        if any(s.path == path for s in stored.article.sources):
            return PutResult("unchanged", article_id)
        article = replace(stored.article, sources=[*stored.article.sources, Source(path, sha)])
        self._write(article_id, article, stored.extra)
        return PutResult("merged", article_id)

    def article_of_source(self, path: str) -> str | None:
        """The article the source at `path` went into, if it is stored."""
        seen = self._paths.get(path)
        article_id = self._by_sha.get(seen["sha256"]) if seen else None
        return article_id if article_id in self._records else None

    def put(
        self,
        article: Article,
        *,
        path: str,
        sha: str,
        size: int,
        mtime_ns: int,
        extra: Mapping[str, Any] | None = None,
        replaces: str | None = None,
    ) -> PutResult:
        """Store the cleaned `article` made from the source at `path` (whose bytes hash to `sha`).

        A changed source updates its article; a copy of a stored article merges into it; anything
        else becomes a new article (with `extra` front matter keys, like `body_from`). Fields the
        user edited by hand keep the user's value.

        `replaces` is an earlier source this one stands for (a page's feed entry, stored while
        the page gave no text): its article is updated in place as if the source had changed,
        the earlier source is dropped, and `extra` keys set to None leave its front matter.
        """
        article = _normalised(article, Source(path, sha))
        seen = self._paths.get(path)
        dropped: dict[str, Any] | None = None
        if seen is None and replaces is not None and replaces != path:
            dropped = self._paths.get(replaces)
            seen = dropped
        try:
            if seen and seen.get("sha256") != sha:
                previous_id = self._by_sha.get(seen["sha256"])
                if previous_id in self._records:
                    gone = {k for k, v in (extra or {}).items() if v is None} if dropped else set()
                    result = self._update(
                        previous_id, article, seen["sha256"], path, sha,
                        dropped=replaces if dropped else None, drop_extra=gone,
                    )  # fmt: skip
                    if result is not None:
                        if dropped:
                            del self._paths[replaces]  # type: ignore[arg-type]
                        self._remember(path, sha, size, mtime_ns, result.article_id)
                        return result
            match = self._find_copy(article)
            if match is not None:
                result = self._merge(match, article, sha)
            else:
                marks = {k: v for k, v in (extra or {}).items() if v is not None}
                result = PutResult("added", self._create(article, sha, marks))
        except _Broken as err:
            return self._failed_on_broken(path, seen, err)
        except OSError as err:
            reason = (err.strerror or type(err).__name__).lower()
            return PutResult("failed", reason=f"cannot write to {self.articles_dir}: {reason}")
        self._remember(path, sha, size, mtime_ns, result.article_id)
        return result

    def _failed_on_broken(self, path: str, seen: dict[str, Any] | None, err: _Broken) -> PutResult:
        # Forget the new bytes: the next run tries again once the file is fixed.
        if seen is None:
            self._paths.pop(path, None)
        else:
            self._paths[path] = seen
        return PutResult("failed", reason=f"its article cannot be updated: {err}")

    def _remember(
        self, path: str, sha: str, size: int, mtime_ns: int, article_id: str | None
    ) -> None:
        self._paths[path] = {"sha256": sha, "size": size, "mtime_ns": mtime_ns}
        if article_id is not None:
            self._by_sha[sha] = article_id

    def _find_copy(self, article: Article) -> str | None:
        """The stored article `article` is a copy of (same normalised body, or 90% shingle
        containment either way) with a compatible outlet, if any."""
        self._ensure_index()
        compatible = [
            i
            for i in self._by_body_key.get(_body_key(article.body), [])
            if _outlets_compatible(article.outlet, self._outlet(i))
        ]
        if compatible:
            return compatible[0]
        shingles = shingle_hashes(article.body)
        if len(shingles) < MIN_SHINGLES_FOR_CONTAINMENT:
            return None
        hits: dict[str, int] = {}
        for h in shingles & self._postings.keys():
            for article_id in self._postings[h]:
                hits[article_id] = hits.get(article_id, 0) + 1
        candidates = []
        for article_id, count in hits.items():
            record = self._records[article_id]
            if record.shingles < MIN_SHINGLES_FOR_CONTAINMENT:
                continue
            # Hits expected from a stored body sharing 90% of the smaller one, halved for noise.
            expected = CONTAINMENT * len(record.sample) * min(1.0, len(shingles) / record.shingles)
            if count >= max(1.0, 0.5 * expected) and _outlets_compatible(
                article.outlet, self._outlet(article_id)
            ):
                candidates.append((count / max(1, len(record.sample)), article_id))
        best: tuple[float, str] | None = None
        for _, article_id in sorted(candidates, reverse=True)[:MAX_CANDIDATES]:
            stored = self._current(
                article_id
            )  # _Broken propagates: never merge around a broken file
            score = _contained(shingles, shingle_hashes(stored.body))
            if score >= CONTAINMENT and (best is None or score > best[0]):
                best = (score, article_id)
        return best[1] if best else None

    def _outlet(self, article_id: str) -> str | None:
        return self._records[article_id].summary.get("outlet")

    def _create(self, article: Article, sha: str, extra: Mapping[str, Any]) -> str:
        article_id = self._allocate(article_id_base(article))
        self._write(
            article_id, article, extra, generated=_generated_values(article), body_source=sha
        )
        return article_id

    def _merge(self, article_id: str, copy: Article, sha: str) -> PutResult:
        stored = self._current(article_id)
        record = self._records[article_id]
        old = record.generated
        new = _generated_values(copy)
        if _metadata_count(new) > _metadata_count(old):
            primary, secondary, body_source = new, old, sha
        else:
            primary, secondary, body_source = old, new, record.body_source
        generated = {
            k: primary.get(k) if primary.get(k) is not None else secondary.get(k) for k in new
        }
        body = copy.paragraphs if primary is new else stored.article.paragraphs
        sources = _union(stored.article.sources, copy.sources)
        final = self._keep_edits(stored.article, old, generated, body, sources)
        new_id = article_id
        if stored.article.title is None and final.title is not None:  # None if the user chose so
            new_id = self._allocate(article_id_base(final), current=article_id)
        self._write(new_id, final, stored.extra, generated=generated, body_source=body_source,
                    replaces=article_id)  # fmt: skip
        return PutResult("merged", new_id)

    def _update(
        self,
        article_id: str,
        article: Article,
        old_sha: str,
        path: str,
        sha: str,
        *,
        dropped: str | None = None,
        drop_extra: Collection[str] = (),
    ) -> PutResult | None:
        """Apply a changed source to its article; None if it is no longer a copy of it and was
        detached (the caller then stores it as new). `dropped` is a source `path` replaces,
        `drop_extra` front matter keys that go with it."""
        stored = self._current(article_id)
        record = self._records[article_id]
        others = [s for s in stored.article.sources if s.path not in (path, dropped)]
        if others and not _is_copy(article.body, stored.body):
            if dropped is None:
                if not any(s.sha256 == old_sha for s in others):
                    self._by_sha.pop(old_sha, None)
                detached = replace(stored.article, sources=others)
                self._write(article_id, detached, stored.extra)
            return None  # (a replaced source stays with its article)
        if not any(s.sha256 == old_sha for s in others):  # the same bytes may sit at two paths
            self._by_sha.pop(old_sha, None)
        old = record.generated
        new = _generated_values(article)
        carries_body = not others or record.body_source in (None, old_sha)
        if others:
            # Metadata the changed copy lacks may come from the other copies: keep it.
            generated = {k: new[k] if new[k] is not None else old.get(k) for k in new}
            if not carries_body:
                generated["body"] = old["body"]
        else:
            generated = new
        body = article.paragraphs if carries_body else stored.article.paragraphs
        final = self._keep_edits(stored.article, old, generated, body, [*others, Source(path, sha)])
        extra = {k: v for k, v in stored.extra.items() if k not in drop_extra}
        self._write(article_id, final, extra, generated=generated,
                    body_source=sha if carries_body else record.body_source)  # fmt: skip
        return PutResult("updated", article_id)

    @staticmethod
    def _keep_edits(
        stored: Article,
        old: Mapping[str, Any],
        generated: Mapping[str, Any],
        body: list[str],
        sources: list[Source],
    ) -> Article:
        """The new article: each field takes the generated value unless the stored one differs
        from what was generated last time (a hand edit), which is kept."""
        current = _generated_values(stored)
        final = Article(sources=sources)
        for name in METADATA_FIELDS:
            value = current[name] if current[name] != old.get(name) else generated.get(name)
            if name == "published" and value is not None:
                value = date.fromisoformat(value)
            setattr(final, name, value)
        final.paragraphs = list(stored.paragraphs if current["body"] != old.get("body") else body)
        return final

    def _allocate(self, base: str, current: str | None = None) -> str:
        """`base`, or `base-2`, `base-3`... : the first id no other article uses."""
        taken = set(self._records) | set(self._broken)
        for n in itertools.count(1):
            suffix = "" if n == 1 else f"-{n}"
            stem = (
                base
                if len(base) + len(suffix) <= MAX_ID_LENGTH
                else _trim(base, MAX_ID_LENGTH - len(suffix))
            )
            candidate = stem + suffix
            if candidate == current or (
                candidate not in taken and not self.path_of(candidate).exists()
            ):
                return candidate
        raise AssertionError("unreachable")

    def _write(
        self,
        article_id: str,
        article: Article,
        extra: Mapping[str, Any],
        *,
        generated: dict[str, Any] | None = None,
        body_source: str | None = None,
        replaces: str | None = None,
    ) -> None:
        """Write the article file and its bookkeeping (in memory until `save`). With `replaces`,
        the article moves from that id (its file is removed once the new one is in place)."""
        old_id = replaces or article_id
        old = self._records.get(old_id)
        path = self.path_of(article_id)
        _write_atomic(path, _render(article, extra))
        self._changed = True
        if generated is None:
            if old is None:
                raise AssertionError("an article without bookkeeping needs generated values")
            generated, body_source = old.generated, old.body_source
        self._unindex(old_id)
        self._records.pop(old_id, None)
        record = self._new_record(article, generated, body_source)
        record.file = _stat_key(path)
        self._records[article_id] = record
        self._index(article_id, record)
        self._stale.discard(article_id)
        if old_id != article_id:
            for sha, i in self._by_sha.items():
                if i == old_id:
                    self._by_sha[sha] = article_id
            self.path_of(old_id).unlink(missing_ok=True)
        for source in article.sources:
            self._by_sha.setdefault(source.sha256, article_id)

    # -- saving --

    def checkpoint(self) -> None:
        """Fold the journal into store.json when it has grown large (every article is in the
        journal already, so a killed run loses nothing)."""
        if self._journal_pos >= JOURNAL_MAX_BYTES:
            self.save()

    def save(self) -> None:
        """Write the bookkeeping (store.json) and empty the journal, if anything changed;
        StoreError (one line) if it cannot."""
        dirty = any(t.dirty for t in (self._records, self._by_sha, self._paths))
        if not (self._changed or dirty or self._journal_pos):
            return
        self._hold_lock()
        with self._lock:
            if dirty:  # what was learnt outside a write (files taken in at open) goes first
                self._write_journal()
            self.refresh()
            self._fold()

    def _fold(self) -> None:
        data = {
            "version": STATE_VERSION,
            "sources": self._by_sha,
            "paths": self._paths,
            "articles": {i: r.to_json() for i, r in sorted(self._records.items())},
        }
        try:
            if self._state_unreadable and self.state_path.exists():
                # Never overwrite what we could not read: set it aside for the user to inspect.
                os.replace(
                    self.state_path,
                    self.state_path.with_name(f"{STATE_FILE}.broken-{int(time.time())}"),
                )
            _write_atomic(
                self.state_path, json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            )
            with suppress(FileNotFoundError):
                os.truncate(self.journal_path, 0)
        except OSError as err:
            reason = (err.strerror or type(err).__name__).lower()
            raise StoreError(
                f"cannot write {self.state_path}: {reason}; check free space and permissions"
            ) from None
        self._state_unreadable = False
        self._changed = False
        self._state_key = _file_key(self.state_path)
        self._journal_pos = 0


def _metadata_count(values: Mapping[str, Any]) -> int:
    return sum(1 for name in METADATA_FIELDS if values.get(name) is not None)


def _union(a: Iterable[Source], b: Iterable[Source]) -> list[Source]:
    out: list[Source] = []
    for source in itertools.chain(a, b):
        if source not in out:
            out.append(source)
    return out


def _trim(slug: str, limit: int) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[: limit + 1] else slug[:limit]
    return cut[:limit].rstrip("-")
