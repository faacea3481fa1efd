"""What the reader remembers between runs: read marks, the last query, the last selected
article, the theme and whether the source list is hidden, in `<data_dir>/.parallax/reader.json`.

A missing or unreadable file is a fresh start (with one line saying why when it was there but
broken); saving writes a temporary file and renames it into place, so a crash never leaves
half a file.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["STATE_FILE", "ReaderState", "StateError"]

# store.STATE_DIR, spelled out: importing the store (YAML and all) would slow the reader's start.
STATE_DIR = ".parallax"

STATE_FILE = "reader.json"
STATE_VERSION = 1


class StateError(Exception):
    """The reader's state could not be written. `str()` is one line."""


@dataclass
class ReaderState:
    """The reader's memory. `read` holds the ids of the articles marked read."""

    read: set[str] = field(default_factory=set)
    query: str = ""
    selected: str | None = None
    theme: str | None = None
    sources_hidden: bool = False

    @staticmethod
    def path(data_dir: Path) -> Path:
        return Path(data_dir) / STATE_DIR / STATE_FILE

    @classmethod
    def load(cls, data_dir: Path) -> tuple[ReaderState, str | None]:
        """The saved state (or a fresh one), and one line if a saved file could not be used."""
        path = cls.path(data_dir)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(), None
        except (OSError, UnicodeDecodeError) as err:
            return cls(), (
                f"the reader's state in {path} cannot be read ({_reason(err)}); starting afresh"
            )
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return cls(), f"the reader's state in {path} is not valid JSON; starting afresh"
        return cls.from_json(data), None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReaderState:
        """The state from its JSON form; values of the wrong type are left out."""
        read = data.get("read")
        return cls(
            read={x for x in read if isinstance(x, str)} if isinstance(read, list) else set(),
            query=data["query"] if isinstance(data.get("query"), str) else "",
            selected=data["selected"] if isinstance(data.get("selected"), str) else None,
            theme=data["theme"] if isinstance(data.get("theme"), str) else None,
            sources_hidden=data.get("sources_hidden") is True,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "read": sorted(self.read),
            "query": self.query,
            "selected": self.selected,
            "theme": self.theme,
            "sources_hidden": self.sources_hidden,
        }

    def save(self, data_dir: Path) -> None:
        """Write the state whole; StateError (one line) if the data folder cannot be written."""
        path = self.path(data_dir)
        tmp = path.with_name(f".{STATE_FILE}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as err:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise StateError(
                f"cannot save the reader's state in {path} ({_reason(err)}); "
                "read marks and the last query will not be remembered"
            ) from None


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return type(err).__name__
