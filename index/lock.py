"""One writer at a time: `<index>/parallax.lock` for the search index, `<data>/.parallax/store.lock`
for the article store (taken around each article's check-and-write), each holding the writer's
pid and start time.

The lock is an OS file lock (flock) on that file, so the kernel drops it when its process dies,
even by SIGKILL: a lock left by a dead process is never in the way. The pid written inside is
for messages ("another parallax is indexing (pid 4242)") and to notice that an earlier run was
interrupted (its pid is still written: a clean release empties the file). Where flock does not
exist (Windows), the file is created exclusively (O_EXCL) and a file naming a dead pid is stale.
"""

from __future__ import annotations

import json
import os
import socket
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["IndexBusy", "StoreBusy", "StoreLock", "WriterLock"]

_POLL = 0.1


class IndexBusy(Exception):
    """Another process is writing the index. `str()` is one line."""


class StoreBusy(Exception):
    """Another process kept the article store longer than the wait. `str()` is one line."""


class WriterLock:
    """The index writer's lock; `acquire(wait)` then `release()`, or use it as a context."""

    busy_error: type[Exception] = IndexBusy
    doing = "indexing"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.note: str | None = None  # set on acquire when a dead process's lock was cleared

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to `wait` seconds; IndexBusy if another process keeps it."""
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            if self._try():
                return
            if time.monotonic() >= deadline:
                owner = _read(self.path).get("pid")
                who = f" (pid {owner})" if isinstance(owner, int) else ""
                raise self.busy_error(
                    f"another parallax is {self.doing}{who}; try again when it has finished"
                )
            time.sleep(_POLL)

    def _try(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if fcntl is None:
            return self._try_exclusive()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        self.note = _stale_note(_read(self.path), self.doing)
        os.ftruncate(fd, 0)
        os.write(fd, _mine())
        return True

    def _try_exclusive(self) -> bool:
        for _ in range(2):  # a stale file is removed once, then creating it is tried again
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                owner = _read(self.path)
                if _alive(owner.get("pid")) or (not owner and _young(self.path)):
                    return False  # a live owner, or one that has not written its pid yet
                self.note = _stale_note(owner, self.doing)
                with suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            os.write(fd, _mine())
            self._fd = fd
            return True
        return False

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if fcntl is None:
                os.close(fd)
                with suppress(FileNotFoundError):
                    self.path.unlink()
                return
            os.ftruncate(fd, 0)  # an empty file: this run ended cleanly
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            with suppress(OSError):
                os.close(fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class StoreLock(WriterLock):
    """The article store's lock, held around one article's check-and-write (never a whole run),
    so writers in several processes interleave article by article. Re-entrant in one process:
    a nested `hold()` is free. A dead holder's lock is dropped by the kernel (flock)."""

    busy_error = StoreBusy
    doing = "writing articles"
    WAIT = 60.0  # one article's write takes milliseconds; a minute means something is stuck

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._depth = 0

    def hold(self) -> StoreLock:
        if self._depth == 0:
            self.acquire(self.WAIT)
        self._depth += 1
        return self

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.release()


def _mine() -> bytes:
    info = {"pid": os.getpid(), "started": time.time(), "host": socket.gethostname()}
    return (json.dumps(info) + "\n").encode()


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _stale_note(owner: dict[str, Any], doing: str = "indexing") -> str | None:
    pid = owner.get("pid")
    if not isinstance(pid, int) or pid == os.getpid():
        return None
    return f"an earlier {doing} run (pid {pid}) did not finish; its lock was cleared"


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def _young(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime < 5
    except OSError:
        return False
