"""What each stored article says about meetings, kept between runs: found once per article
content (its file's sha256), so after the first run only new and changed articles are read;
and the meetings as last grouped, used as they are while no article changed.

The cache is one JSON file in the data folder's bookkeeping folder. It is only a cache: if it
cannot be read it is rebuilt (and `messages` says so in one line), if it cannot be written the
next run finds everything again.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Article
from .gazetteer import Gazetteer
from .meetings import EXTRACTOR_VERSION, ArticleMeetings, Meeting, extract

__all__ = ["Found", "MeetingIndex"]

CACHE_FILE = "meetings-cache.json"
# The meetings as grouped last time, for the same articles: no need to group them again.
GROUPS_FILE = "meetings-groups.json"


@dataclass(frozen=True)
class Found:
    """One article's meetings and the user's `meeting:` front matter value, if any."""

    meetings: ArticleMeetings
    override: str | None


Loader = Callable[[str], "tuple[Article, str | None] | None"]


class MeetingIndex:
    """The per-article meeting cache of one data folder."""

    def __init__(self, state_dir: Path, gazetteer: Gazetteer) -> None:
        self.path = state_dir / CACHE_FILE
        self.groups_path = state_dir / GROUPS_FILE
        self.gazetteer = gazetteer
        self.version = f"{EXTRACTOR_VERSION}:{gazetteer.fingerprint}"
        self.messages: list[str] = []
        self.read = 0  # articles read (not taken from the cache) by the last update

    def update(self, digests: Mapping[str, str], load: Loader) -> dict[str, Found]:
        """article id -> Found for every article in `digests` (id -> content digest); `load`
        gives an article and its `meeting:` value, or None if it cannot be read now."""
        self.messages = []
        cached = self._read()
        out: dict[str, Found] = {}
        fresh: dict[str, list[Any]] = {}
        self.read = 0
        for article_id, digest in digests.items():
            entry = cached.get(article_id)
            if entry is not None and entry[0] == digest:
                with suppress(KeyError, TypeError, ValueError, IndexError, AttributeError):
                    out[article_id] = Found(ArticleMeetings.from_json(entry[2]), entry[1])
                    fresh[article_id] = entry
                    continue
            loaded = load(article_id)
            if loaded is None:
                continue
            article, override = loaded
            self.read += 1
            try:
                meetings = extract(article, self.gazetteer)
            except Exception as err:  # one odd article must not hide every meeting
                self.messages.append(
                    f"meetings of {article_id} not found ({type(err).__name__}: {err}); "
                    "please report this"
                )
                continue
            out[article_id] = Found(meetings, override)
            fresh[article_id] = [digest, override, meetings.to_json()]
        if fresh != cached:
            self._write(fresh)
        return out

    def grouped(self, digests: Mapping[str, str]) -> list[Meeting] | None:
        """The meetings as last grouped, if the articles are exactly those (same contents)."""
        try:
            data = json.loads(self.groups_path.read_text(encoding="utf-8"))
            if data.get("key") != self._groups_key(digests):
                return None
            return [Meeting.from_cache(m) for m in data["meetings"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # only a cache: group again

    def last_grouped(self) -> list[Meeting] | None:
        """The meetings as last grouped, whatever the articles are now (None if never): what
        the reader shows while the articles are being read again elsewhere."""
        try:
            data = json.loads(self.groups_path.read_text(encoding="utf-8"))
            return [Meeting.from_cache(m) for m in data["meetings"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def keep_grouped(self, digests: Mapping[str, str], meetings: list[Meeting]) -> None:
        blob = {"key": self._groups_key(digests), "meetings": [m.to_cache() for m in meetings]}
        _write_json(self.groups_path, blob)

    def _groups_key(self, digests: Mapping[str, str]) -> str:
        text = json.dumps([self.version, sorted(digests.items())], separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def _read(self) -> dict[str, list[Any]]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as err:
            self.messages.append(f"cannot read {self.path} ({err.strerror}); finding meetings anew")
            return {}
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
                raise ValueError("not a meetings cache")
        except ValueError:
            self.messages.append(f"{self.path} was damaged; finding meetings anew")
            return {}
        if data.get("version") != self.version:
            return {}  # other data or another extractor: everything is found again, silently
        return {
            str(k): v for k, v in data["articles"].items() if isinstance(v, list) and len(v) == 3
        }

    def _write(self, entries: dict[str, list[Any]]) -> None:
        _write_json(self.path, {"version": self.version, "articles": entries})


def _write_json(path: Path, value: object) -> None:
    with suppress(OSError):  # only a cache: the next run finds it again
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), "utf-8")
        os.replace(tmp, path)
