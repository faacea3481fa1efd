"""A second process that writes index segments while the first one writes its own.

A big build (the first index of a large corpus, a rebuild) spends its time analysing text and
laying out postings, all in Python: one core does it at a time. `SegmentHelper` starts this
module's `_serve` in a child process, hands it
every other chunk of new documents over a pipe, and at commit time gets back the segments it
wrote, which go into the same commit as the parent's own (`FastWriter.adopt`). The child never
writes a table of contents, so what it wrote counts only once the parent commits: a kill of
either process leaves the previous generation, and whoosh deletes the orphaned files at the
next commit.

The protocol, pickles on the child's stdin: a list of IndexDocs per chunk, then None to
finish. The child answers on stdout with a "." for each chunk it has indexed, then "!" and
one pickle: the list of its segments. End of input without None (the parent died) cancels
everything the child wrote.

The parent gives the child a chunk only while fewer than `AHEAD` of them wait there
(`SegmentHelper.busy`): each process does what it has time for, so neither waits long for the
other at the end, whatever the machine's load. Chunks go down the pipe from a thread, so the
parent goes on while the child starts up and reads.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any, NoReturn

__all__ = ["SegmentHelper", "WorkerFailed"]

# The child is started only for this many new documents or more: below it, starting a Python
# process and importing whoosh costs more than it saves.
MIN_DOCS = 500
CHUNK_DOCS = 32
# Chunks given to the child and not yet indexed there, at most.
AHEAD = 2


class WorkerFailed(RuntimeError):
    """The child process died or answered nonsense; its documents must be written again."""


_BOOT = """
import json, sys, types
top = types.ModuleType(sys.argv[1])
top.__path__ = json.loads(sys.argv[2])
sys.modules[sys.argv[1]] = top
from MODULE import _serve
sys.exit(_serve(sys.argv[3], int(sys.argv[4])))
""".replace("MODULE", __name__)


class SegmentHelper:
    """The parent's end: `add(doc)` buffers, sends full chunks, and `finish()` returns the
    segments the child wrote. WorkerFailed from either means the child's documents are lost:
    the caller gives up the batch (the parent keeps no copy, to stay small)."""

    def __init__(self, index_dir: Path, limit_mb: int) -> None:
        # The child imports this package from where the parent did (installed, or a work tree
        # set up as in tests/conftest.py), whatever its sys.path would say.
        top = sys.modules[__package__.partition(".")[0]]
        self.sent = 0
        self.chunks = 0  # chunks handed to the sending thread
        self.indexed = 0  # chunks the child says it has indexed
        self._buffer: list[Any] = []
        self._closed = False
        self._error: BaseException | None = None
        self._answer: bytes | None = None
        self._proc: Any
        if _can_fork():
            self._proc = _Forked(str(index_dir), limit_mb)
        else:
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _BOOT,
                    top.__name__,
                    json.dumps([str(p) for p in top.__path__]),
                    str(index_dir),
                    str(limit_mb),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        self._outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._sending, name="index-helper-send")
        self._listener = threading.Thread(target=self._listening, name="index-helper-read")
        self._sender.daemon = self._listener.daemon = True
        self._sender.start()
        self._listener.start()

    # -- the threads --

    def _sending(self) -> None:
        stdin = self._proc.stdin
        assert stdin is not None
        try:
            while True:
                chunk = self._outbox.get()
                pickle.dump(chunk, stdin, protocol=pickle.HIGHEST_PROTOCOL)
                if chunk is None:
                    stdin.close()
                    return
                stdin.flush()
        except (OSError, ValueError) as err:  # a broken pipe, or closed by cancel()
            self._error = err

    def _listening(self) -> None:
        stdout = self._proc.stdout
        assert stdout is not None
        try:
            while True:
                mark = stdout.read(1)
                if mark == b".":
                    self.indexed += 1
                    continue
                if mark == b"!":
                    self._answer = stdout.read()
                return  # end of output, or nonsense: finish() finds no answer
        except (OSError, ValueError):
            return

    # -- the parent's side --

    def busy(self) -> bool:
        """Whether the child has enough to do: a new chunk is better indexed by the parent."""
        return self.chunks - self.indexed >= AHEAD

    def add(self, doc: Any) -> None:
        self._buffer.append(doc)
        if len(self._buffer) >= CHUNK_DOCS:
            self._send()

    def _check(self) -> None:
        if self._error is not None:
            raise WorkerFailed(f"the indexing helper process stopped ({self._error})")

    def _send(self) -> None:
        self._check()
        if not self._buffer:
            return
        self.sent += len(self._buffer)
        self.chunks += 1
        chunk, self._buffer = self._buffer, []
        self._outbox.put(chunk)

    def close(self) -> None:
        """No more documents: the child finishes its segments (meanwhile the parent can finish
        its own)."""
        if self._closed:
            return
        self._send()
        self._closed = True
        self._outbox.put(None)

    def finish(self) -> list[Any]:
        """The child's segments, once it has written them all."""
        self.close()
        proc = self._proc
        self._sender.join()
        self._listener.join()
        code = proc.wait()
        if self._error is not None:
            self.cancel()
            self._check()
        try:
            segments = pickle.loads(self._answer) if code == 0 and self._answer else None
        except Exception:  # noqa: BLE001 - a garbled answer is a failed child
            segments = None
        if not isinstance(segments, list):
            error = (proc.stderr.read() if proc.stderr else b"").decode("utf-8", "replace")
            last = error.strip().splitlines()[-1:] or [f"exit code {code}"]
            raise WorkerFailed(f"the indexing helper process failed: {last[0]}")
        return segments

    def cancel(self) -> None:
        """Stop the child; the segment files it wrote are orphans, removed at the next commit."""
        with contextlib.suppress(Exception):
            self._proc.kill()
        with contextlib.suppress(Exception):
            self._proc.wait(timeout=5)
        self._outbox.put(None)  # the sender ends (its pipe is broken) instead of waiting
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            with contextlib.suppress(Exception):
                if stream is not None:
                    stream.close()
        for thread in (self._sender, self._listener):
            with contextlib.suppress(Exception):
                thread.join(timeout=5)


# How the child is started: "fork" (Linux, from a process without other threads: the child
# has everything imported already and starts at once), "exec" (a new Python that imports the
# package: a fifth of a second or so), or "auto" for the first where it is safe.
START = "auto"


def _can_fork() -> bool:
    if START != "auto":
        return START == "fork"
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and threading.active_count() == 1  # forking a threaded process can copy held locks
    )


class _Forked:
    """The child as a fork of this process, with what the parent uses of a Popen: pipes on
    its stdin, stdout and stderr, kill() and wait()."""

    def __init__(self, index_dir: str, limit_mb: int) -> None:
        docs_r, docs_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (docs_r, docs_w, out_r, out_w, err_r, err_w):
                os.close(fd)
            raise
        if pid == 0:  # the child: never returns
            _forked_child(docs_r, out_w, err_w, index_dir, limit_mb)
        self.pid = pid
        self.returncode: int | None = None
        for fd in (docs_r, out_w, err_w):
            os.close(fd)
        self.stdin = open(docs_w, "wb")  # noqa: SIM115 - closed by the helper
        self.stdout = open(out_r, "rb")  # noqa: SIM115
        self.stderr = open(err_r, "rb")  # noqa: SIM115

    def kill(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None:
            pid, status = os.waitpid(self.pid, 0 if deadline is None else os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
            elif time.monotonic() >= deadline:  # type: ignore[operator]
                raise subprocess.TimeoutExpired("index helper", timeout or 0)
            else:
                time.sleep(0.01)
        return self.returncode


def _forked_child(docs: int, out: int, err: int, index_dir: str, limit_mb: int) -> NoReturn:
    """The forked child's life: its pipes become fds 0, 1 and 2 and every other descriptor
    of the parent is closed (an inherited lock or pipe end must not outlive the parent)."""
    code = 1
    try:
        gc.freeze()  # the parent's objects: not scanned, so their pages stay shared
        for fd, target in ((docs, 0), (out, 1), (err, 2)):
            os.dup2(fd, target)
        os.closerange(3, _max_fd())
        source = open(0, "rb", closefd=False)  # noqa: SIM115
        answer = open(1, "wb", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
        code = _serve(index_dir, limit_mb, source, answer)
    except BaseException:  # noqa: BLE001 - said on stderr, where the parent looks
        with contextlib.suppress(Exception):
            os.write(2, traceback.format_exc().encode("utf-8", "replace"))
    finally:
        os._exit(code)


def _max_fd() -> int:
    try:
        return max(256, min(os.sysconf("SC_OPEN_MAX"), 1 << 20))
    except (OSError, ValueError):
        return 4096


def _serve(index_dir: str, limit_mb: int, source: Any = None, out: Any = None) -> int:
    from whoosh import index as windex

    from .documents import _fields, _Spelling
    from .writer import FastWriter

    source = source or sys.stdin.buffer
    out = out or sys.stdout.buffer
    ix = windex.open_dir(index_dir)
    writer = FastWriter(ix, limit_bytes=limit_mb << 20, _lk=False)
    # A writer's folder of temporary files is removed when it finishes; the parent's must stay.
    writer._tempstorage = writer.storage.temp_storage(f"{ix.indexname}.{os.getpid()}.tmp")
    spelling = _Spelling(ix.schema["text"].analyzer)
    try:
        while True:
            try:
                chunk = pickle.load(source)
            except EOFError:
                writer.cancel()  # the parent is gone: nothing of this is wanted
                return 1
            if chunk is None:
                break
            for doc in chunk:
                writer.add_document(**_fields(doc, spelling))
            out.write(b".")
            out.flush()
        segments = writer.finish_segments()
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
    out.write(b"!" + pickle.dumps(segments, protocol=pickle.HIGHEST_PROTOCOL))
    out.flush()
    return 0
