"""What Parallax remembers of each feed, in `<data>/.parallax/feeds.json`: its ETag and
Last-Modified (for conditional requests), when it was last fetched, its last error, whether its
entries were ever taken, each page address it gave with the entry's updated time, and each
guid's page address (one page per guid). The last feed body is kept in `.parallax/feeds/` so
the first fetch after `feeds add` can take the entries even when the server answers 304.

Written whole, under the store lock, merged with what another process wrote meanwhile.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import suppress
from pathlib import Path
from typing import Any

from ..store import STATE_DIR

__all__ = ["FeedState"]

STATE_FILE = "feeds.json"
BODIES_DIR = "feeds"


class FeedState:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / STATE_DIR / STATE_FILE
        self.bodies = data_dir / STATE_DIR / BODIES_DIR
        self.feeds: dict[str, dict[str, Any]] = {}
        self.guids: dict[str, str] = {}
        self._touched: set[str] = set()
        self._touched_guids: set[str] = set()
        self.reload()

    def reload(self) -> None:
        data = _read(self.path)
        feeds, guids = data.get("feeds"), data.get("guids")
        self.feeds = (
            {str(k): v for k, v in feeds.items() if isinstance(v, dict)}
            if isinstance(feeds, dict)
            else {}
        )
        self.guids = {str(k): str(v) for k, v in guids.items()} if isinstance(guids, dict) else {}

    def feed(self, url: str) -> dict[str, Any]:
        """The record of one feed (created empty), to read or change; `save()` writes it."""
        self._touched.add(url)
        record = self.feeds.setdefault(url, {})
        record.setdefault("pages", {})
        return record

    def peek(self, url: str) -> dict[str, Any]:
        return self.feeds.get(url, {})

    def set_guid(self, guid: str, page: str) -> None:
        self.guids[guid] = page
        self._touched_guids.add(guid)

    def save(self) -> None:
        """Write the feeds changed through this object over what is on disk now (call it
        holding the store lock: another process may have written other feeds)."""
        if not self._touched and not self._touched_guids:
            return
        mine = {u: self.feeds[u] for u in self._touched if u in self.feeds}
        my_guids = {g: self.guids[g] for g in self._touched_guids}
        self.reload()
        self.feeds.update(mine)
        self.guids.update(my_guids)
        self._touched.clear()
        self._touched_guids.clear()
        data = {"version": 1, "feeds": self.feeds, "guids": self.guids}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        os.replace(tmp, self.path)

    # -- the last body of each feed --

    def body_path(self, url: str) -> Path:
        return self.bodies / (hashlib.sha1(url.encode()).hexdigest()[:20] + ".feed")

    def keep_body(self, url: str, content: bytes) -> None:
        path = self.body_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, path)

    def last_body(self, url: str) -> bytes | None:
        with suppress(OSError):
            return self.body_path(url).read_bytes()
        return None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
