"""Shared fixtures: isolated user folders, a small fake cleaner, configs in tmp folders."""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Run from a checkout without installing: `parallax` is the repo's top folder, as in the wheel
# (index/ -> parallax/index, tui/ -> parallax/tui, config.toml and seeds/ beside them).
if importlib.util.find_spec("parallax") is None:
    _namespace = types.ModuleType("parallax")
    _namespace.__path__ = [str(ROOT)]
    sys.modules["parallax"] = _namespace

from parallax.index.model import Article, Change, CleanResult  # noqa: E402

SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the real user's config or data: HOME and XDG point to tmp."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    for name in ("PARALLAX_CONFIG", "PARALLAX_DATA_DIR", "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    return home


_HEADER = re.compile(r"^(title|outlet|url|published|author|agency|section): (.*)$")


def fake_clean(text: str, *, name=None, url=None, outlets=None) -> CleanResult:
    """A predictable stand-in for the cleaner: `key: value` header lines, a blank line, then
    paragraphs separated by blank lines. A line `drop: X` is dropped and explained."""
    article = Article(url=url)
    changes: list[Change] = []
    lines = text.split("\n")
    body_start = 0
    for i, line in enumerate(lines):
        m = _HEADER.match(line)
        if m:
            value: object = m.group(2)
            if m.group(1) == "published":
                value = date.fromisoformat(m.group(2))
            setattr(article, m.group(1), value)
            changes.append(Change(i + 1, "header", "meta", line))
            body_start = i + 1
        elif line.startswith("drop: "):
            changes.append(Change(i + 1, "navigation", "drop", line[6:]))
            body_start = i + 1
        elif line.strip():
            break
    body = "\n".join(lines[body_start:])
    article.paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return CleanResult(article, changes)


@pytest.fixture
def fake_cleaner(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CleanResult]:
    """Replace the real cleaner (all three entry points) with `fake_clean`."""
    import parallax.index.cleaner as cleaner

    for name in ("clean_text", "clean_markdown", "clean_html"):
        monkeypatch.setattr(cleaner, name, fake_clean, raising=False)
    return fake_clean


@pytest.fixture
def real_cleaner() -> None:
    """Skip the test until the real cleaner (index/cleaner) can be imported."""
    try:
        from parallax.index.cleaner import clean_markdown, clean_text  # noqa: F401
    except ImportError:
        pytest.skip("the cleaner (index/cleaner) has not landed yet")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder, also set as PARALLAX_DATA_DIR for CLI tests."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Write a user config.toml (set as PARALLAX_CONFIG) and return its path."""

    def write(body: str, name: str = "config.toml") -> Path:
        folder = tmp_path / "userconf"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(body, encoding="utf-8")
        monkeypatch.setenv("PARALLAX_CONFIG", str(path))
        return path

    return write


def _snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """Every file under a folder and its bytes: to show that nothing changed."""
    return _snapshot


@pytest.fixture(scope="session")
def seeded_folder() -> Callable[[Path], Path]:
    """Fills a folder with a config.toml (no sources) and a data folder of the cleaned seeds."""
    return _seeded_folder


def _seeded_folder(root: Path) -> Path:
    """`root` with a config.toml (no sources) and a data folder holding the cleaned seeds."""
    pytest.importorskip("parallax.index.cleaner")
    from parallax.index.api import Corpus
    from parallax.index.config import load_config

    config_file = root / "config.toml"
    config_file.write_text("sources = []\n", encoding="utf-8")
    report = Corpus.open(load_config(config_file, root / "data", env={})).add([SEEDS])
    assert report.ok
    return root
