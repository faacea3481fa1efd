"""Several writers at once (separate processes): two `add` runs over overlapping folders, and
`fetch` with `add`, end with exactly the articles running them one after the other gives; a
store lock left by a killed process is no obstacle."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from webserver import Site, article_page, rss

from parallax.index.config import load_config
from parallax.index.store import ArticleStore

ROOT = Path(__file__).resolve().parent.parent

# A `parallax` run that starts when the file argv[1] appears (so two runs really overlap).
RUNNER = f"""
import importlib.util, os, sys, time, types
if importlib.util.find_spec("parallax") is None:
    m = types.ModuleType("parallax"); m.__path__ = [{str(ROOT)!r}]; sys.modules["parallax"] = m
from parallax.tui.cli import main
import parallax.index.api  # imported before the start, so both begin writing together
while not os.path.exists(sys.argv[1]):
    time.sleep(0.005)
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    # A proxy from the environment must not carry requests for the loopback address away.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = Site()
    yield server
    server.close()


def note(n: int, title: str | None = None) -> str:
    rng = random.Random(n)
    words = " ".join(f"w{rng.randrange(5000)}" for _ in range(60))
    return f"---\ntitle: {title or f'Note number {n}'}\noutlet: Notes\n---\n\n{words}.\n"


def make_folders(root: Path) -> list[list[str]]:
    """Two runs' arguments: a/ and b/ each with 80 notes of their own, both with shared/ (40
    notes), and 20 notes copied byte for byte into both a/ and b/."""
    for name in ("a", "b", "shared"):
        (root / name).mkdir(parents=True)
    for n in range(80):
        (root / "a" / f"{n}.md").write_text(note(n), "utf-8")
        (root / "b" / f"{n}.md").write_text(note(1000 + n), "utf-8")
    for n in range(40):
        (root / "shared" / f"{n}.md").write_text(note(2000 + n), "utf-8")
    for n in range(20):
        for side in ("a", "b"):
            (root / side / f"copy{n}.md").write_text(note(3000 + n), "utf-8")
    return [[str(root / "a"), str(root / "shared")], [str(root / "b"), str(root / "shared")]]


def state(data: Path) -> dict[str, tuple[str | None, tuple[str, ...], str]]:
    """Every article: (title, its sources' paths, its body), by id; and no stray files."""
    store = ArticleStore(data)
    assert store.problems == []
    files = sorted(p.name for p in (data / "articles").iterdir())
    assert all(name.endswith(".md") and not name.startswith(".") for name in files), files
    out = {}
    for summary in store.summaries():
        stored = store.get(summary.id)
        sources = tuple(sorted(s.path for s in stored.article.sources))
        out[summary.id] = (stored.article.title, sources, stored.body)
    assert len(out) == len(files)
    return out


def start(go: Path, config: Path, data: Path, *argv: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", RUNNER, str(go), "--config", str(config)]
    command += ["--data-dir", str(data), *argv]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = proc.communicate(timeout=300)
    assert "Traceback" not in err, err
    return proc.returncode, out


def test_two_adds_at_once_end_as_one_after_the_other(tmp_path: Path) -> None:
    runs = make_folders(tmp_path / "src")
    config = tmp_path / "config.toml"
    config.write_text("sources = []\n", "utf-8")
    together, apart = tmp_path / "together", tmp_path / "apart"
    go = tmp_path / "go"
    procs = [start(go, config, together, "add", *paths) for paths in runs]
    time.sleep(0.3)
    go.touch()
    assert [finish(p)[0] for p in procs] == [0, 0]
    go2 = tmp_path / "go2"
    go2.touch()
    for paths in runs:
        assert finish(start(go2, config, apart, "add", *paths))[0] == 0
    expected = state(apart)
    assert len(expected) == 80 + 80 + 40 + 20
    assert state(together) == expected


def test_fetch_and_add_at_once_end_as_one_after_the_other(site: Site, tmp_path: Path) -> None:
    items = []
    saved = tmp_path / "saved"
    saved.mkdir()
    for i in range(30):
        page = article_page(f"Harbour talks {i} resume", i)
        site.route(f"/p/{i}.html", page)
        items.append((f"g{i}", f"/p/{i}.html"))
        if i % 2 == 0:  # half the pages were also saved by hand: the same article
            (saved / f"{i}.html").write_text(page, "utf-8")
    for n in range(30):
        (saved / f"note{n}.md").write_text(note(n), "utf-8")
    site.route("/feed.xml", rss(site, items), content_type="application/rss+xml")
    results = {}
    for mode in ("together", "apart"):
        folder = tmp_path / mode
        folder.mkdir()
        config = folder / "config.toml"
        config.write_text("sources = []\n", "utf-8")
        (folder / "feeds.toml").write_text(
            f'[[feed]]\nname = "F"\nurl = "{site.url("/feed.xml")}"\n', "utf-8"
        )
        go = folder / "go"
        data = folder / "data"
        if mode == "together":
            procs = [
                start(go, config, data, "fetch", "--json"),
                start(go, config, data, "add", str(saved)),
            ]
            time.sleep(0.3)
            go.touch()
            codes = [finish(p) for p in procs]
        else:
            go.touch()
            codes = [finish(start(go, config, data, "fetch", "--json"))]
            codes.append(finish(start(go, config, data, "add", str(saved))))
        assert [c for c, _ in codes] == [0, 0], codes
        assert json.loads(codes[0][1])["new"] + json.loads(codes[0][1])["updated"] == 30
        results[mode] = {
            (title, len(sources), body) for title, sources, body in state(data).values()
        }
    assert len(results["apart"]) == 60
    assert results["together"] == results["apart"]


def test_a_store_lock_left_by_a_killed_process_is_cleared(tmp_path: Path) -> None:
    data = tmp_path / "data"
    holder = (
        f"import importlib.util, sys, time, types\n"
        f"m = types.ModuleType('parallax'); m.__path__ = [{str(ROOT)!r}]\n"
        f"sys.modules['parallax'] = m\n"
        f"from parallax.index.store import ArticleStore\n"
        f"s = ArticleStore(__import__('pathlib').Path({str(data)!r}))\n"
        f"s._lock.hold()\nprint('held', flush=True)\ntime.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    config = load_config(None, data, env={})
    store = ArticleStore(config.data_dir)
    started = time.monotonic()
    with store.writing():  # would wait the full minute if the dead lock were in the way
        assert json.loads((data / ".parallax" / "store.lock").read_text())["pid"] == os.getpid()
    assert time.monotonic() - started < 30
    assert store._lock.note is not None and f"pid {proc.pid}" in store._lock.note
