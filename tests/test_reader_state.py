"""The reader's remembered state (index/state.py) and its `[keys]` configuration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parallax.index import store
from parallax.index.config import ConfigError, load_config
from parallax.index.state import STATE_DIR, ReaderState, StateError


def test_state_round_trips(tmp_path: Path) -> None:
    state = ReaderState(read={"b", "a"}, query='"western elites"', selected="a", theme="nord")
    state.save(tmp_path)
    loaded, problem = ReaderState.load(tmp_path)
    assert problem is None
    assert loaded == state
    assert not [p for p in (tmp_path / STATE_DIR).iterdir() if p.name.endswith(".tmp")]


def test_state_lives_beside_the_store_bookkeeping() -> None:
    assert STATE_DIR == store.STATE_DIR


def test_no_state_is_a_fresh_start_without_a_word(tmp_path: Path) -> None:
    assert ReaderState.load(tmp_path) == (ReaderState(), None)


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff\xfe garbage"])
def test_a_broken_state_file_is_one_line_and_a_fresh_start(tmp_path: Path, content: str) -> None:
    path = ReaderState.path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(content.encode("latin-1"))
    state, problem = ReaderState.load(tmp_path)
    assert state == ReaderState()
    assert problem is not None and "\n" not in problem and str(path) in problem


def test_values_of_the_wrong_type_are_left_out() -> None:
    state = ReaderState.from_json({"read": ["a", 3, None], "query": 5, "selected": [], "theme": 1})
    assert state == ReaderState(read={"a"})


@given(st.dictionaries(st.text(max_size=8), st.recursive(st.none() | st.text(), st.lists)))
def test_any_json_object_gives_a_state(data: dict) -> None:
    state = ReaderState.from_json(data)
    assert isinstance(state.read, set) and isinstance(state.query, str)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_data_folder_is_a_state_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(StateError, match="cannot save the reader's state"):
            ReaderState(query="x").save(tmp_path)
    finally:
        tmp_path.chmod(0o700)


def test_a_file_in_the_way_is_a_state_error(tmp_path: Path) -> None:
    (tmp_path / STATE_DIR).write_text("not a folder", encoding="utf-8")
    with pytest.raises(StateError) as caught:
        ReaderState(query="x").save(tmp_path)
    assert "\n" not in str(caught.value)


# ---- [keys] ---------------------------------------------------------------------------------


def test_keys_table_is_read(user_config) -> None:
    user_config('[keys]\nsearch = "/, ctrl+f"\nbottom = "G,end"\nhelp = "?"\n')
    assert dict(load_config().keys) == {"search": "/,ctrl+f", "bottom": "G,end", "help": "?"}


def test_no_keys_table_means_no_remapping() -> None:
    assert dict(load_config().keys) == {}


@pytest.mark.parametrize("value", ['""', "3", '"ctrl+"', '"a b"', '"j,,k"', '["j"]'])
def test_a_bad_key_is_one_line_naming_file_and_key(user_config, value: str) -> None:
    path = user_config(f"[keys]\nsearch = {value}\n")
    with pytest.raises(ConfigError) as caught:
        load_config()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f'config {path}: key "keys.search" must be one key or several')
