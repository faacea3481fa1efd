"""The search index survives what happens to real programs: a SIGKILL mid-run, two indexers at
once, a lock left by a dead process, damaged or outdated files. Nothing stored is ever lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from parallax.index import lock as lock_module
from parallax.index.api import Corpus
from parallax.index.config import load_config
from parallax.index.search import IndexBusy, IndexDoc, SearchIndex

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL and fork")

# Shared by this process and the indexers it starts: the same documents on both sides.
DOCS = """
import hashlib, random
from datetime import date, timedelta
from parallax.index.search import IndexDoc

WORDS = ("talks envoy summit ceasefire minister ukraine russia sanctions border deal grain "
         "kyiv kiev zelensky zelenskiy lavrov moscow istanbul peace trade energy").split()

def docs(start, stop, version=0):
    for i in range(start, stop):
        rng = random.Random(i * 7 + version)
        body = " ".join(rng.choice(WORDS) for _ in range(80)) + f" marker{i}x."
        yield IndexDoc(
            id=f"doc-{i:05d}", title=f"Story {i} " + rng.choice(WORDS), standfirst=None,
            body=body, outlet=rng.choice(["Eunews", "Reuters", "TASS"]), author=None,
            agency=None, dateline=None, published=date(2025, 1, 1) + timedelta(days=i % 60),
            digest=hashlib.sha1(f"{i}:{version}".encode()).hexdigest(),
        )
"""

# The indexer started in a subprocess: argv = data_dir, count, batch size, mode.
INDEXER = (
    """
import importlib.util, sys, time, types
if importlib.util.find_spec("parallax") is None:  # a checkout, as in conftest.py
    namespace = types.ModuleType("parallax")
    namespace.__path__ = [ROOT]
    sys.modules["parallax"] = namespace
import parallax.index.search.index as search
""".replace("ROOT", repr(str(ROOT)))
    + DOCS
    + """
data_dir, count, batch, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
search.BATCH_DOCS = batch
if mode == "toc":  # stop just before the table of contents of the final commit is written
    import whoosh.index
    original = whoosh.index.TOC.write
    def write(toc, storage, indexname):
        if toc.generation > 1:
            print("writing-toc", flush=True)
            time.sleep(60)
        return original(toc, storage, indexname)
    whoosh.index.TOC.write = write

def progress(done, total):
    if done == 1:
        print("started", flush=True)
    if done % 100 == 0:
        print("done", done, flush=True)
    if mode == "slow":
        time.sleep(0.01)

search.SearchIndex.open(data_dir).update(docs(0, count), progress=progress)
print("finished", flush=True)
"""
)


def load_docs() -> Callable[..., Iterator[IndexDoc]]:
    namespace: dict[str, object] = {}
    exec(DOCS, namespace)
    return namespace["docs"]  # type: ignore[return-value]


docs = load_docs()


def start_indexer(data_dir: Path, count: int, batch: int, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INDEXER, str(data_dir), str(count), str(batch), mode],
        stdout=subprocess.PIPE,
        text=True,
    )


def wait_for(proc: subprocess.Popen[str], ready: Callable[[str], bool]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if ready(line.strip()):
            return
    raise AssertionError(f"the indexer ended (status {proc.wait()}) before it got there")


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def assert_no_process_uses(data: Path, within: float = 10.0) -> None:
    """No process left running has `data` on its command line (an orphaned helper would)."""
    needle = str(data).encode()
    deadline = time.monotonic() + within
    while True:
        users = []
        for entry in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if needle in entry.read_bytes():
                    users.append(entry.parent.name)
            except OSError:
                continue
        if not users or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert users == []


def assert_sound(index: SearchIndex, expected: list[IndexDoc]) -> None:
    """The index opens cleanly, holds exactly `expected`, and finds each of them."""
    assert index.problem is None and not index.needs_rebuild
    assert index.digests() == {d.id: d.digest for d in expected}
    for doc in expected[:: max(1, len(expected) // 20)]:
        number = doc.id.split("-")[1].lstrip("0") or "0"
        result = index.search(f"marker{number}x")
        assert [h.id for h in result.hits] == [doc.id], result.message


# ---- SIGKILL ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kill_at", "mode"),
    [(200, "fast"), (1500, "fast"), (None, "toc")],
    ids=["before-any-commit", "after-a-batch", "segments-written-toc-not"],
)
def test_killed_mid_run_leaves_the_previous_index_and_the_next_run_completes(
    tmp_path: Path, kill_at: int | None, mode: str
) -> None:
    data = tmp_path / "data"
    previous = list(docs(0, 50))
    SearchIndex.open(data).update(previous)

    proc = start_indexer(data, 3000, 1000, mode)
    if kill_at is None:
        wait_for(proc, lambda line: line == "writing-toc")
    else:
        wait_for(proc, lambda line: line.startswith("done") and int(line.split()[1]) >= kill_at)
    kill(proc)

    assert_no_process_uses(data)  # the helper process that wrote half a batch is gone too
    index = SearchIndex.open(data)
    count = index.doc_count()
    # The previous contents plus whole batches (1000 documents per commit), nothing half-done.
    assert count >= 50 and (count - 50) % 1000 == 0
    assert_sound(index, list(docs(0, count)))
    if kill_at == 200:
        assert count == 50

    report = index.update(docs(0, 3000))
    assert report.added == 3000 - count and report.unchanged == count
    assert any("did not finish" in m for m in report.messages)  # the killed run's lock
    assert_sound(SearchIndex.open(data), list(docs(0, 3000)))
    leftovers = [p.name for p in (data / "index").iterdir() if p.suffix == ".tmp"]
    assert leftovers == []


# ---- two indexers -------------------------------------------------------------------------------


def test_a_second_indexer_waits_or_says_another_is_indexing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = start_indexer(data, 400, 1000, "slow")
    wait_for(proc, lambda line: line == "started")

    with pytest.raises(IndexBusy) as busy:
        SearchIndex.open(data).update(docs(0, 400), wait=0.3)
    assert str(busy.value).startswith(f"another parallax is indexing (pid {proc.pid})")

    started = time.monotonic()
    report = SearchIndex.open(data).update(docs(0, 400), wait=60)  # waits, then has nothing to do
    assert time.monotonic() - started > 0.5
    assert proc.wait() == 0
    assert (report.added, report.unchanged) == (0, 400)
    assert_sound(SearchIndex.open(data), list(docs(0, 400)))


def test_searching_while_another_process_indexes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    SearchIndex.open(data).update(docs(0, 50))
    proc = start_indexer(data, 400, 1000, "slow")
    wait_for(proc, lambda line: line == "started")
    index = SearchIndex.open(data)
    assert index.search("marker7x").total == 1  # the last commit answers meanwhile
    assert proc.wait() == 0
    assert index.search("marker300x").total == 1  # and the new one once it is there


# ---- stale locks --------------------------------------------------------------------------------


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(done.stdout)


def plant_lock(data: Path, pid: int) -> None:
    folder = data / "index"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "parallax.lock").write_text(json.dumps({"pid": pid, "started": 0}))
    (folder / "MAIN_WRITELOCK").write_text("")  # whoosh's own lock file, as a crash leaves it


@pytest.mark.parametrize("with_index", [False, True])
def test_a_stale_lock_is_cleared(tmp_path: Path, with_index: bool) -> None:
    data = tmp_path / "data"
    if with_index:
        SearchIndex.open(data).update(docs(0, 20))
    pid = dead_pid()
    plant_lock(data, pid)
    report = SearchIndex.open(data).update(docs(0, 40), wait=0)
    assert report.added == (20 if with_index else 40)
    assert report.messages == [
        f"an earlier indexing run (pid {pid}) did not finish; its lock was cleared"
    ]
    assert (data / "index" / "parallax.lock").read_text() == ""  # released cleanly
    assert SearchIndex.open(data).update(docs(0, 40), wait=0).messages == []


def test_without_flock_a_dead_pid_is_stale_and_a_live_one_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_module, "fcntl", None)  # as on Windows: O_EXCL and pids
    data = tmp_path / "data"
    pid = dead_pid()
    plant_lock(data, pid)
    report = SearchIndex.open(data).update(docs(0, 10), wait=0)
    assert report.added == 10 and f"pid {pid}" in report.messages[0]
    assert not (data / "index" / "parallax.lock").exists()

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        plant_lock(data, sleeper.pid)
        with pytest.raises(IndexBusy, match=rf"\(pid {sleeper.pid}\)"):
            SearchIndex.open(data).update(docs(0, 10), wait=0.3)
    finally:
        sleeper.kill()
        sleeper.wait()


# ---- damaged and outdated indexes ---------------------------------------------------------------


def _segments(data: Path) -> list[Path]:
    """The segment files, largest first (the postings, a real target for damage)."""
    return sorted((data / "index").glob("MAIN_*.*"), key=lambda p: -p.stat().st_size)


def _garble_head(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[:64] = os.urandom(64)
    path.write_bytes(bytes(raw))


def _garble_tail(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[-64:] = os.urandom(64)
    path.write_bytes(bytes(raw))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "deleted segment": lambda data: _segments(data)[0].unlink(),
    "truncated segment": lambda data: _segments(data)[0].write_bytes(
        _segments(data)[0].read_bytes()[:100]
    ),
    "garbled segment start": lambda data: _garble_head(_segments(data)[0]),
    "garbled segment end": lambda data: _garble_tail(_segments(data)[0]),
    "zeroed segment": lambda data: _segments(data)[0].write_bytes(
        bytes(_segments(data)[0].stat().st_size)
    ),
    "garbled table of contents": lambda data: _garble_tail(
        next((data / "index").glob("_MAIN_*.toc"))
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_index_is_detected_and_rebuilt(tmp_path: Path, damage: str) -> None:
    data = tmp_path / "data"
    SearchIndex.open(data).update(docs(0, 60))
    DAMAGE[damage](data)

    index = SearchIndex.open(data)
    assert index.needs_rebuild
    assert index.problem and "is damaged" in index.problem and "\n" not in index.problem
    result = index.search("marker3x")  # never a traceback
    assert result.total == 0 and "parallax index --rebuild" in (result.message or "")

    report = index.update(docs(0, 60))
    assert report.rebuilt and report.added == 60
    assert report.messages == [index.problem] or report.messages[0].endswith(
        "rebuilding it from the articles"
    )
    assert_sound(SearchIndex.open(data), list(docs(0, 60)))


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda meta: {**meta, "schema": 0}, "another version of Parallax"),
        (lambda meta: {}, "another version of Parallax"),
        (lambda meta: {**meta, "analysis": "0000"}, "name-variant table"),
    ],
    ids=["old-schema", "no-record", "other-aliases"],
)
def test_an_outdated_index_is_rebuilt(tmp_path: Path, change: Callable, says: str) -> None:
    data = tmp_path / "data"
    SearchIndex.open(data).update(docs(0, 30))
    meta_path = data / "index" / "parallax.json"
    meta_path.write_text(json.dumps(change(json.loads(meta_path.read_text()))))

    index = SearchIndex.open(data)
    assert index.needs_rebuild and says in (index.problem or "")
    report = index.update(docs(0, 30))
    assert report.rebuilt and report.added == 30 and says in report.messages[0]
    assert_sound(SearchIndex.open(data), list(docs(0, 30)))


def test_changing_the_aliases_rebuilds_and_takes_effect(tmp_path: Path) -> None:
    data = tmp_path / "data"
    doc = next(docs(0, 1))
    SearchIndex.open(data).update([doc])
    assert SearchIndex.open(data).search("grainery").total == 0
    index = SearchIndex.open(data, aliases={"grain": ["grainery"]})
    assert index.needs_rebuild and "name-variant table" in (index.problem or "")
    assert index.update([doc]).rebuilt
    assert index.search("grainery").total == 1
    assert not SearchIndex.open(data, aliases={"grain": ["grainery"]}).needs_rebuild


def test_a_rebuild_of_a_readable_index_keeps_it_searchable_until_the_end(tmp_path: Path) -> None:
    data = tmp_path / "data"
    SearchIndex.open(data).update(docs(0, 30))
    seen: list[int] = []
    reader = SearchIndex.open(data)

    def progress(done: int, total: int | None) -> None:
        if done == 15:
            seen.append(reader.search("marker3x").total)

    report = SearchIndex.open(data).update(docs(0, 30, version=1), rebuild=True, progress=progress)
    assert seen == [1]
    assert report.rebuilt and report.added == 30
    assert_sound(SearchIndex.open(data), list(docs(0, 30, version=1)))


def test_updates_add_replace_and_remove(tmp_path: Path) -> None:
    data = tmp_path / "data"
    index = SearchIndex.open(data)
    assert not index.exists and index.search("x").message.startswith("there is no search index")
    assert index.update(docs(0, 10)).added == 10
    changed = [*docs(0, 3, version=1), *docs(3, 8)]  # 0-2 changed, 3-7 the same, 8-9 gone
    report = index.update(changed)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 3, 2, 5)
    assert report.summary().startswith("indexed 0, updated 3, removed 2 in ")
    assert_sound(index, changed)


def test_a_corpus_rebuilds_a_damaged_index_and_loses_no_article(
    real_cleaner: None, tmp_path: Path, snapshot: Callable[[Path], dict[str, bytes]]
) -> None:
    empty = tmp_path / "config.toml"
    empty.write_text("", encoding="utf-8")
    config = load_config(empty, tmp_path / "data", env={})
    Corpus.open(config).update_index()
    articles = snapshot(config.data_dir / "articles")
    _segments(config.data_dir)[0].write_bytes(b"\0" * 10)

    corpus = Corpus.open(config)
    report = corpus.update_index()
    assert report.rebuilt and report.added == 4
    assert len(report.messages) == 1 and "is damaged" in report.messages[0]
    assert snapshot(config.data_dir / "articles") == articles
    assert corpus.search("Lavrov", update=False).total == 3


# ---- the helper process of a big build ------------------------------------------------------


@pytest.fixture(params=["fork", "exec"])
def helped(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> list[int]:
    """Builds of a few hundred documents use the helper process, forked or a new Python;
    the list gets the number of segments each helper handed back."""
    from parallax.index.search import index as search
    from parallax.index.search import segworker

    if request.param == "fork" and not hasattr(os, "fork"):
        pytest.skip("no fork here")
    monkeypatch.setattr(segworker, "START", request.param)
    monkeypatch.setattr(search, "PARALLEL", True)
    monkeypatch.setattr(search, "HELPER_AFTER", 20)
    monkeypatch.setattr(search, "MIN_DOCS", 0)
    handed: list[int] = []
    finish = search.SegmentHelper.finish

    def spy(self: search.SegmentHelper) -> list:
        segments = finish(self)
        handed.append(len(segments))
        return segments

    monkeypatch.setattr(search.SegmentHelper, "finish", spy)
    return handed


def _hits(index: SearchIndex, queries: list[str]) -> list[list[tuple[str, float]]]:
    # Equal scores may come in another order (documents sit in other segments).
    return [
        sorted((h.id, round(h.score, 6)) for h in index.search(q, limit=1000).hits) for q in queries
    ]


def test_a_helped_build_finds_what_a_serial_build_finds(
    tmp_path: Path, helped: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.index.search import index as search

    batch = list(docs(0, 700))
    parallel = SearchIndex.open(tmp_path / "parallel")
    parallel.update(batch)
    assert helped and helped[0] >= 1  # the helper wrote a segment of its own
    monkeypatch.setattr(search, "PARALLEL", False)
    serial = SearchIndex.open(tmp_path / "serial")
    serial.update(batch)

    assert_sound(SearchIndex.open(tmp_path / "parallel"), batch)
    queries = ["lavrov", "kyiv istanbul", '"peace talks"', "marker123x", "zelensky -grain", "sanc*"]
    found = _hits(parallel, queries)
    assert all(found) and found == _hits(serial, queries)
    leftovers = [p.name for p in (tmp_path / "parallel" / "index").iterdir() if p.suffix == ".tmp"]
    assert leftovers == []


def test_a_helper_that_dies_loses_nothing(
    tmp_path: Path, helped: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.index.search import index as search

    class Dying(search.SegmentHelper):
        def add(self, doc: IndexDoc) -> None:
            super().add(doc)
            if self.sent >= 64:
                self._proc.kill()

    monkeypatch.setattr(search, "SegmentHelper", Dying)
    batch = list(docs(0, 500))
    report = SearchIndex.open(tmp_path).update(batch)
    assert report.added == 500
    assert any("indexed in one process" in m for m in report.messages)
    assert_sound(SearchIndex.open(tmp_path), batch)
    assert_no_process_uses(tmp_path)


def test_a_helper_that_cannot_start_leaves_the_work_to_one_process(
    tmp_path: Path, helped: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.index.search import index as search

    def no_process(*args: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(search, "SegmentHelper", no_process)
    batch = list(docs(0, 300))
    report = SearchIndex.open(tmp_path).update(batch)
    assert report.added == 300 and helped == []
    assert any("indexing in one process" in m for m in report.messages)
    assert_sound(SearchIndex.open(tmp_path), batch)


def test_a_helped_rebuild_and_a_repeated_id(tmp_path: Path, helped: list[int]) -> None:
    index = SearchIndex.open(tmp_path)
    index.update(list(docs(0, 300)))
    # The same id twice in one run, the first copy given to the helper: the last one wins.
    changed = next(d for d in docs(100, 101, version=1))
    report = index.update([*docs(0, 300), changed])
    assert report.updated == 1
    index.update(list(docs(0, 400)), rebuild=True)
    assert_sound(SearchIndex.open(tmp_path), list(docs(0, 400)))
