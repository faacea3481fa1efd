"""Configuration: the shipped config.toml, overridden key by key by the user's own file.

The shipped file documents every key and carries every default. A user's file (from
`--config`, PARALLAX_CONFIG, or the platform's config folder) replaces lists and merges tables
per key. Paths are resolved against the folder of the file that set them.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from fnmatch import fnmatchcase
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Any

import platformdirs

__all__ = [
    "APP_NAME",
    "Config",
    "ConfigError",
    "SourceOverride",
    "default_config_path",
    "load_config",
    "user_config_path",
]

APP_NAME = "parallax"
CONFIG_ENV = "PARALLAX_CONFIG"
DATA_DIR_ENV = "PARALLAX_DATA_DIR"
FEEDS_FILE = "feeds.toml"


class ConfigError(Exception):
    """A configuration problem. `str()` is one line: the file, the key, what is expected."""


@dataclass(frozen=True)
class SourceOverride:
    """Facts about one source file that its text does not state; set fields win over the cleaner."""

    outlet: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Config:
    """The effective configuration, with every path absolute."""

    sources: tuple[Path, ...]
    data_dir: Path
    max_file_mb: int
    outlets: Mapping[str, str]
    overrides: Mapping[str, SourceOverride]
    # Name-variant folding for search, on top of the shipped table: canonical -> variants.
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # The files that were read, the shipped default first.
    files: tuple[Path, ...] = ()
    # The reader's key remapping: binding id -> keys ("j,down"); the reader checks the ids.
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Feeds: the reader refreshes every N minutes (0 = only on R); new entries taken on a
    # feed's first fetch; the subscriptions file (beside the config file in use).
    refresh_minutes: int = 0
    max_new_per_feed: int = 50
    feeds_path: Path = field(default_factory=lambda: user_config_path().parent / FEEDS_FILE)

    @property
    def max_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    def override_for(self, path: Path) -> SourceOverride | None:
        """The override for `path`, matched by file name or glob; None if no entry matches.

        When several entries match, each field comes from the most specific one: an exact
        file name beats a glob, and a later glob beats an earlier one.
        """
        matching = [
            (pattern == path.name, override)
            for pattern, override in self.overrides.items()
            if _pattern_matches(pattern, path)
        ]
        if not matching:
            return None
        matching.sort(key=lambda item: item[0])  # stable: exact names last, so they win
        merged: dict[str, Any] = {}
        for _, override in matching:
            for f in fields(SourceOverride):
                value = getattr(override, f.name)
                if value is not None:
                    merged[f.name] = value
        return SourceOverride(**merged)


def _pattern_matches(pattern: str, path: Path) -> bool:
    if "/" in pattern:
        # "seeds/*.txt" matches the end of the path, as a file name pattern matches its name.
        return PurePath(path).match(pattern)
    return fnmatchcase(path.name, pattern)


# ---- locating files -------------------------------------------------------------------------


def default_config_path() -> Path:
    """The shipped config.toml: next to the installed package, or at the top of a checkout."""
    try:
        from importlib.resources import files

        resource = files(APP_NAME) / "config.toml"
        if resource.is_file():
            return Path(str(resource))
    except Exception:  # any odd import setup: fall back to the file beside this package
        pass
    # index/config.py -> the folder holding index/ and config.toml (installed or checked out).
    return Path(__file__).resolve().parent.parent / "config.toml"


def user_config_path() -> Path:
    """Where a user's own config.toml lives when neither --config nor PARALLAX_CONFIG is set."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def load_config(
    config_path: Path | None = None,
    data_dir: Path | None = None,
    env: Mapping[str, str] = os.environ,
) -> Config:
    """The shipped defaults merged with the user's file; ConfigError (one line) if anything is off.

    The user's file is `config_path` (from --config), else $PARALLAX_CONFIG, else the platform's
    config folder if a config.toml exists there. The data folder is `data_dir` (--data-dir),
    else $PARALLAX_DATA_DIR, else the config's `data_dir`, else the platform's data folder.
    """
    default_file = default_config_path()
    merged = _read_config(default_file, given_by="the installation (reinstall Parallax)")
    files = [default_file]

    user_file: Path | None = None
    given_by = ""
    if config_path is not None:
        user_file, given_by = _absolute(config_path, Path.cwd()), "--config"
    elif env.get(CONFIG_ENV):
        user_file, given_by = _absolute(env[CONFIG_ENV], Path.cwd()), CONFIG_ENV
    elif user_config_path().is_file():
        user_file, given_by = user_config_path(), "your user config folder"
    if user_file is not None and user_file != default_file:
        merged = _merge(merged, _read_config(user_file, given_by=given_by))
        files.append(user_file)

    if data_dir is not None:
        resolved_data_dir = _absolute(data_dir, Path.cwd())
    elif env.get(DATA_DIR_ENV):
        resolved_data_dir = _absolute(env[DATA_DIR_ENV], Path.cwd())
    elif merged.get("data_dir") is not None:
        resolved_data_dir = merged["data_dir"]
    else:
        resolved_data_dir = Path(platformdirs.user_data_dir(APP_NAME))

    missing = [key for key in _REQUIRED if key not in merged]
    if missing:
        raise ConfigError(
            f'config {default_file}: key "{missing[0]}" is missing from the shipped defaults; '
            "reinstall Parallax"
        )
    return Config(
        sources=tuple(merged["sources"]),
        data_dir=resolved_data_dir,
        max_file_mb=merged["max_file_mb"],
        outlets=MappingProxyType(dict(merged["outlets"])),
        overrides=MappingProxyType(
            {name: SourceOverride(**entry) for name, entry in merged["overrides"].items()}
        ),
        aliases=MappingProxyType(dict(merged.get("aliases", {}))),
        files=tuple(files),
        keys=MappingProxyType(dict(merged.get("keys", {}))),
        refresh_minutes=merged.get("refresh_minutes", 0),
        max_new_per_feed=merged.get("max_new_per_feed", 50),
        # Beside the user's config file when one is in use, else in the platform config folder.
        feeds_path=(files[-1].parent if len(files) > 1 else user_config_path().parent) / FEEDS_FILE,
    )


def _read_config(path: Path, *, given_by: str) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"config {path}: no such file (given by {given_by}); create it or give another path"
        ) from None
    except IsADirectoryError:
        raise ConfigError(f"config {path}: is a folder, not a file (given by {given_by})") from None
    except OSError as err:
        reason = (err.strerror or type(err).__name__).lower()
        raise ConfigError(
            f"config {path}: cannot read it ({reason}); check its permissions"
        ) from None
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"config {path}: not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"config {path}: not valid TOML: {err}; fix that line") from None
    return _validate_table(document, _SCHEMA, _Key(path, ()))


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """`top` over `base`: tables merge per key, everything else (lists included) is replaced."""
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _absolute(path: str | Path, base: Path) -> Path:
    return Path(os.path.normpath(base / Path(path).expanduser()))


# ---- validation -----------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class _Key:
    """Where a value sits: the file and the dotted key path (for messages and relative paths)."""

    file: Path
    parts: tuple[str, ...]

    def child(self, name: str) -> _Key:
        return _Key(self.file, (*self.parts, name))

    @property
    def name(self) -> str:
        return ".".join(
            p if _BARE_KEY.match(p) else json.dumps(p, ensure_ascii=False) for p in self.parts
        )

    def error(self, expected: str, got: object) -> ConfigError:
        return ConfigError(
            f'config {self.file}: key "{self.name}" must be {expected} (got {_show(got)})'
        )


Validator = Callable[[Any, _Key], Any]


def _validate_table(value: Any, schema: Mapping[str, Validator], key: _Key) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise key.error("a table", value)
    out: dict[str, Any] = {}
    for name, item in value.items():
        validator = schema.get(name)
        if validator is None:
            raise _unknown_key(key.child(name), schema)
        out[name] = validator(item, key.child(name))
    return out


def _unknown_key(key: _Key, schema: Mapping[str, Validator]) -> ConfigError:
    close = difflib.get_close_matches(key.parts[-1], list(schema), n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"?' if close else "known keys: " + ", ".join(sorted(schema))
    return ConfigError(f'config {key.file}: unknown key "{key.name}"; {hint}')


def _text(value: Any, key: _Key) -> str:
    if not isinstance(value, str) or not value.strip():
        raise key.error("a non-empty string", value)
    return value.strip()


def _url(value: Any, key: _Key) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://\S+$", value.strip()):
        raise key.error("a web address starting with http:// or https://", value)
    return value.strip()


def _published(value: Any, key: _Key) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise key.error('a date like 2025-02-27 or "2025-02-27"', value)


def _sources(value: Any, key: _Key) -> tuple[Path, ...]:
    expected = 'a list of files, folders or globs, like ["seeds/", "~/news/*.txt"]'
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise key.error(expected, value)
    return tuple(_absolute(v.strip(), key.file.parent) for v in value)


def _data_dir(value: Any, key: _Key) -> Path | None:
    if not isinstance(value, str):
        raise key.error('a folder path, or "" for the platform default', value)
    return _absolute(value.strip(), key.file.parent) if value.strip() else None


def _max_file_mb(value: Any, key: _Key) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise key.error("a whole number of megabytes", value)
    if value < 1:
        raise key.error("a whole number of megabytes, 1 or more", value)
    return value


def _whole_number(least: int, unit: str) -> Validator:
    def validate(value: Any, key: _Key) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise key.error(f"a whole number of {unit}, {least} or more", value)
        return value

    return validate


# One word as the search analyzer cuts words: letters and digits, dots inside ("u.s").
_ALIAS_WORD = re.compile(r"^\w+(?:\.\w+)*\.?$")


def _alias_variants(value: Any, key: _Key) -> tuple[str, ...]:
    expected = 'a list of one or more single-word spellings, like ["kiev", "kyyiv"]'
    if not _ALIAS_WORD.match(key.parts[-1]):
        raise key.error("named by a single word, the canonical spelling", key.parts[-1])
    if not isinstance(value, list) or not value:
        raise key.error(expected, value)
    words = []
    for variant in value:
        if not isinstance(variant, str) or not _ALIAS_WORD.match(variant.strip()):
            raise key.error(expected, variant)
        words.append(variant.strip())
    return tuple(words)


# One key as Textual names it: a printable character ("?", "G") or a name with modifiers
# ("ctrl+p", "shift+tab", "pagedown", "f5").
_KEY_NAME = re.compile(r"^(?:[a-z]+\+)*(?:[a-z0-9_]+|[^\s,])$")


def _key_list(value: Any, key: _Key) -> str:
    expected = 'one key or several separated by commas, like "j,down" or "ctrl+f"'
    if not isinstance(value, str) or not value.strip():
        raise key.error(expected, value)
    keys = [k.strip() for k in value.split(",")]
    if not all(k and _KEY_NAME.match(k) for k in keys):
        raise key.error(expected, value)
    return ",".join(keys)


def _table_of(item: Validator, expected: str) -> Validator:
    """A table whose keys are free (domains, file names) and whose values all pass `item`."""

    def validate(value: Any, key: _Key) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise key.error(expected, value)
        return {name: item(v, key.child(name)) for name, v in value.items()}

    return validate


def _fixed_table(schema: Mapping[str, Validator]) -> Validator:
    return lambda value, key: _validate_table(value, schema, key)


_OVERRIDE_SCHEMA: dict[str, Validator] = {
    "outlet": _text,
    "url": _url,
    "published": _published,
}

# Every key a config file may set. Adding a key: one line here, a field on Config, and its
# documented default in the shipped config.toml.
_SCHEMA: dict[str, Validator] = {
    "sources": _sources,
    "data_dir": _data_dir,
    "max_file_mb": _max_file_mb,
    "refresh_minutes": _whole_number(0, "minutes"),
    "max_new_per_feed": _whole_number(1, "articles"),
    "outlets": _table_of(_text, 'a table of web domain = "Outlet name"'),
    "overrides": _table_of(
        _fixed_table(_OVERRIDE_SCHEMA), 'a table of [overrides."file name or glob"] entries'
    ),
    "aliases": _table_of(_alias_variants, 'a table of canonical = ["variant", ...]'),
    "keys": _table_of(_key_list, 'a table of action = "key" (see the README\'s reader keys)'),
}
_REQUIRED = ("sources", "max_file_mb", "outlets", "overrides")


def _show(value: Any) -> str:
    if isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)
        return shown if len(shown) <= 60 else shown[:56] + '…"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
